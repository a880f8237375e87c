//! The wasm entry: mounts the app over the prerendered page (`ui/takeover.rs`). Natively
//! there is nothing to run; the domain is a library (`cargo test`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    klimatcoachning::ui::takeover::mount_over_prerendered(klimatcoachning::ui::app::App);
}

/// The app runs only in the browser; natively this crate is its domain library and tests.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

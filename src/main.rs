#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    klimatcoachning::ui::takeover::mount_over_prerendered(klimatcoachning::ui::app::App);
}

/// The app runs only in the browser; natively this crate is its domain library and tests.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

//! Yielding the main thread: the rest of the work runs in a task of its own, so input
//! and painting may come between (a phone takes several times as long as a desktop to
//! start the app, and a task over 50 ms holds up whatever the visitor does meanwhile).

use leptos::prelude::window;

/// Resolves in a later task of the event loop (not a microtask, which would keep the
/// same task going).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

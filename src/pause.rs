//! Waiting without blocking the page: shared by the store (the start's copy, taken after a
//! pause) and sync (waits between attempts).

/// Resolves after `ms`, in a task of its own.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

//! After moving to another page, keyboard and screen-reader users start at its
//! heading, as they would after a full page load. Filters that only change the
//! query (`?lan=12`) keep focus where it is.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

#[component]
pub fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    let path = Memo::new(move |_| location.pathname.get());
    Effect::new(move |previous: Option<String>| {
        let now = path.get();
        if previous.is_some_and(|p| p != now) {
            // The router draws a page once its code has arrived (a chunk of its own,
            // `ui/routes.rs`): wait for the same chunk, then for the frame it is drawn in.
            let path = now.clone();
            leptos::task::spawn_local(async move {
                crate::ui::routes::preload(&path).await;
                request_animation_frame(focus_heading);
            });
        }
        now
    });
}

fn focus_heading() {
    let heading = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(h) = heading {
        if !h.has_attribute("tabindex") {
            let _ = h.set_attribute("tabindex", "-1");
        }
        let _ = h.focus();
    }
}

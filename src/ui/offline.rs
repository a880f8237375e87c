//! Offline use: the service worker (release builds only; `trunk serve` must not
//! be cached) and the news that a new build is waiting. The new build takes over
//! only when the user asks for it, so nothing is swapped under a running page.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::ui::paths::href;

/// How often an open app asks whether a new build has been deployed.
const CHECK_EVERY: Duration = Duration::from_secs(30 * 60);

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = window().navigator();
    // Absent outside secure contexts (plain http on another host) and in some WebViews.
    let present =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

/// Registers `sw.js` and sets `update_ready` when a new build has installed beside a running one.
pub fn register(update_ready: RwSignal<bool>) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(sw) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.register(&href("/sw.js"))).await else {
            return;
        };
        // Not a registration where a browser or an automation tool stubs `register` out.
        let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        let controlled = {
            let sw = sw.clone();
            move || sw.controller().is_some()
        };
        // A build found at an earlier visit may be waiting already.
        if reg.waiting().is_some() && controlled() {
            update_ready.set(true);
        }
        let watched = reg.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = watched.installing() else {
                return;
            };
            let w = worker.clone();
            let controlled = controlled.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                // Installed while a page is controlled: a new build, not the first install.
                if w.state() == web_sys::ServiceWorkerState::Installed && controlled() {
                    update_ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        let checker = reg.clone();
        let _ = set_interval_with_handle(
            move || {
                let _ = checker.update();
            },
            CHECK_EVERY,
        );
    });
}

/// Lets the waiting build take over, then reloads into it (the user's data stays in storage).
pub fn apply_update() {
    let Some(sw) = container() else {
        return;
    };
    let on_change = Closure::<dyn Fn()>::new(|| {
        let _ = window().location().reload();
    });
    sw.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.get_registration()).await else {
            return;
        };
        let Some(reg) = reg.dyn_ref::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        match reg.waiting() {
            Some(waiting) => {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
                let _ = waiting.post_message(&message);
            }
            // Nothing waiting (another tab took it): a reload gets the newest build.
            None => {
                let _ = window().location().reload();
            }
        }
    });
}

//! Starting the app over a prerendered page.
//!
//! A release build writes every route as HTML from this same app (see
//! `scripts/prerender.mjs`); each element it wrote carries `data-prerendered`. When the
//! wasm has started, the app mounts and the written page is removed before the browser
//! paints again, so no frame shows both or neither: what was on screen stays where it
//! was (no layout shift), and the reader keeps their scroll position, focus, and what
//! they typed or clicked meanwhile (`carry_over`).
//! The page's inline script may have hidden the written content (`kc-wait`) because it
//! is not this visitor's (their own data, English, a filtered view): that ends here too.
//!
//! The start is cut into tasks, so a slow phone can paint and take input between them:
//! instantiating the wasm, then the shell, then the route's page (`own_task`). Until the
//! page is drawn the app's markup stays hidden (`kc-mounting`) behind the written page.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::ui::carry_over;
use crate::ui::next_task::next_task;

/// Mounts `app` into `<body>` in place of whatever was prerendered there, once the code of
/// the route at this address has arrived (a release build keeps each route in a chunk of
/// its own: `ui/routes.rs`), and the store's reader if storage holds anything
/// (`store/reader.rs`); until then the written page stays, readable.
pub fn mount_over_prerendered<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    drop_trailing_slash();
    let path = window().location().pathname().unwrap_or_default();
    // Not leptos's `spawn_local`: its executor starts with the mount.
    wasm_bindgen_futures::spawn_local(async move {
        futures::future::join(crate::ui::routes::preload(&path), crate::store::prepare()).await;
        next_task().await;
        take_over(app);
    });
}

/// True from the mount until the first page is drawn.
static MOUNTING: AtomicBool = AtomicBool::new(false);

/// Called by every route before it builds its page: while the app is taking over, the
/// page is built in a task of its own, after the shell's.
pub async fn own_task() {
    if MOUNTING.load(Ordering::Relaxed) {
        next_task().await;
    }
}

/// Tasks the takeover waits, at most, for the route to be drawn: a route that draws
/// nothing into `<main>` must not keep the written page for ever.
const WAIT_FOR_ROUTE: usize = 20;

fn take_over<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let written = prerendered();
    let body: Option<Element> = document().body().map(Into::into);
    let on_body: Vec<Element> = written
        .iter()
        .filter(|e| e.parent_element() == body)
        .cloned()
        .collect();
    let (x, y) = (
        window().scroll_x().unwrap_or(0.0),
        window().scroll_y().unwrap_or(0.0),
    );
    let before = top_level().len();
    let root = document().document_element();
    if let Some(root) = &root {
        let _ = root.class_list().add_1("kc-mounting");
    }
    MOUNTING.store(true, Ordering::Relaxed);
    leptos::mount::mount_to_body(app);
    // The router draws the route in a later task (`own_task`): wait for it, then swap the
    // written page for the drawn one before the browser paints again.
    leptos::task::spawn_local(async move {
        let drawn: Vec<Element> = top_level().into_iter().skip(before).collect();
        for _ in 0..WAIT_FOR_ROUTE {
            next_task().await;
            if route_drawn(&drawn) {
                break;
            }
        }
        // A press begun on the written page ends there, with its click noted.
        carry_over::settled().await;
        MOUNTING.store(false, Ordering::Relaxed);
        let carried = carry_over::take(&on_body);
        for element in &written {
            element.remove();
        }
        if let Some(root) = root {
            let _ = root
                .class_list()
                .remove_3("kc-wait", "kc-wait-all", "kc-mounting");
            let _ = root.remove_attribute("data-page");
        }
        let clicks = carried.replay(&drawn);
        if !written.is_empty() {
            window().scroll_to_with_x_and_y(x, y);
        }
        carry_over::running();
        if clicks.any() {
            next_task().await;
            clicks.carry_out(&drawn);
        }
    });
}

/// Whether the app's `<main>` holds a page yet.
fn route_drawn(drawn: &[Element]) -> bool {
    drawn.iter().any(|e| {
        e.query_selector("main > *").ok().flatten().is_some()
            || (e.tag_name() == "MAIN" && e.child_element_count() > 0)
    })
}

/// `/kommun/hjo/` → `/kommun/hjo`, before the router reads it. A static host answers
/// `/kommun/hjo` by redirecting to the folder's page at `/kommun/hjo/`; the app's own
/// addresses have no slash, and a route drawn for one address must not be drawn again
/// when the list's query is written to the other.
fn drop_trailing_slash() {
    let location = window().location();
    let Ok(path) = location.pathname() else {
        return;
    };
    let root = format!("{}/", crate::ui::paths::base());
    if path.len() <= root.len() || !path.ends_with('/') {
        return;
    }
    let kept = format!(
        "{}{}{}",
        path.trim_end_matches('/'),
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&kept));
    }
}

/// Everything the build wrote: `<body>`'s children and the page's own `<head>` entries.
fn prerendered() -> Vec<Element> {
    let mut found = Vec::new();
    if let Ok(list) = document().query_selector_all("[data-prerendered]") {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                found.push(e);
            }
        }
    }
    found
}

fn top_level() -> Vec<Element> {
    let mut found = Vec::new();
    let Some(body) = document().body() else {
        return found;
    };
    let children = body.children();
    for i in 0..children.length() {
        if let Some(e) = children.item(i) {
            found.push(e);
        }
    }
    found
}

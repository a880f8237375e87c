//! A page's `<title>` and `<meta name="description">`: what a tab, a bookmark, a
//! search result and a link preview show. The prerendered pages (see
//! `scripts/prerender.mjs`) take both from here, so each route has its own.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PageHead(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] description: Signal<String>,
) -> impl IntoView {
    view! {
        <Title text=move || title.get()/>
        <Meta name="description" content=move || description.get()/>
    }
}

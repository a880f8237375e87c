//! Any unknown path: say so, inside the normal shell so the navigation stays.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::*;
use crate::ui::components::page_head::PageHead;
use crate::ui::paths::href;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, not_found.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, not_found.description).to_owned())
        />
        <h1>{t!(i18n, not_found.heading)}</h1>
        <p data-testid="not-found">
            {move || {
                let path = location.pathname.get();
                // `404.html` is also the page a static host sends for any unknown path, so
                // the copy made of it at build time must not name one particular path.
                if path.ends_with("/404.html") {
                    t_string!(i18n, not_found.text_unknown).to_owned()
                } else {
                    t_string!(i18n, not_found.text, path = path)
                }
            }}
        </p>
        <p><A href=href("/")>{t!(i18n, not_found.back)}</A></p>
    }
}

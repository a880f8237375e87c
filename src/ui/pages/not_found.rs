//! Any unknown path: say so, inside the normal shell so the navigation stays.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::*;
use crate::ui::paths::href;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    view! {
        <Title text=move || t_string!(i18n, not_found.title)/>
        <h1>{t!(i18n, not_found.heading)}</h1>
        <p data-testid="not-found">
            {move || t_string!(i18n, not_found.text, path = location.pathname.get())}
        </p>
        <p><A href=href("/")>{t!(i18n, not_found.back)}</A></p>
    }
}

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

/// Skip link, app name and the navigation; only routes that exist are listed.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, nav.skip)}</a>
        <header class="site-header">
            <A href="/" exact=true attr:class="brand">{t!(i18n, app_name)}</A>
            <nav aria-label=move || t_string!(i18n, nav.label)>
                <ul>
                    <li><A href="/" exact=true>{t!(i18n, nav.overview)}</A></li>
                    <li><A href="/om">{t!(i18n, nav.about)}</A></li>
                </ul>
            </nav>
        </header>
    }
}

//! The app: translations, store, router and the shell every route shares.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::*;
use crate::store::{provide_store, Store};
use crate::ui::components::site_header::SiteHeader;
use crate::ui::pages::{about::About, not_found::NotFound, overview::Overview};

#[component]
pub fn App() -> impl IntoView {
    view! {
        // A root subcontext: its locale is the app's choice (Swedish first), not the browser's.
        <I18nSubContextProvider initial_locale=Signal::stored(Locale::sv)>
            <Shell/>
        </I18nSubContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    provide_meta_context();
    provide_store(Store::builtin());
    let i18n = use_i18n();

    view! {
        <Title formatter=move |page: String| t_string!(i18n, title_format, page = page)/>
        <Router base=router_base()>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=Overview/>
                    <Route path=path!("om") view=About/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{t!(i18n, footer.local_first)}</p>
            </footer>
        </Router>
    }
}

/// The path the app is served under ("" at the root, "/klimat" under a sub-path),
/// read from the `<base href>` that Trunk writes from `--public-url`.
pub fn router_base() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    base_path(&base)
}

/// The path part of an absolute base URL, without its trailing slash.
pub fn base_path(base_uri: &str) -> String {
    let after_scheme = base_uri
        .split_once("://")
        .map_or(base_uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').to_owned()
}

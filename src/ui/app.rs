//! The app: translations, store, router and the shell every route shares.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::*;
use crate::store::{provide_store, Store};
use crate::ui::components::site_header::SiteHeader;
use crate::ui::pages::{about::About, not_found::NotFound, overview::Overview};
use crate::ui::paths;

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
        <Router base=paths::base()>
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

//! The app: translations, store, router and the shell every route shares.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::Router;

use crate::i18n::*;
use crate::store::storage::{BACKUP_KEY, DATA_KEY};
use crate::store::{provide_store, use_store, Store};
use crate::ui::components::backup_status::BackupReminder;
use crate::ui::components::focus_on_navigation::FocusOnNavigation;
use crate::ui::components::site_header::SiteHeader;
use crate::ui::components::store_status::{StoreAnnouncer, StoreBanner};
use crate::ui::components::undo_controls::is_undo_shortcut;
use crate::ui::components::update_banner::UpdateBanner;
use crate::ui::offline;
use crate::ui::paths;
use crate::ui::routes::AppRoutes;

#[component]
pub fn App() -> impl IntoView {
    let store = Store::open();
    store.check_persisted();
    store.restore_file_link();
    provide_store(store);
    crate::sync::start(store);
    let initial = locale_of(store.settings().get_untracked().language.as_deref());
    view! {
        // A root subcontext: its locale is the user's choice (Swedish first), not the browser's.
        <I18nSubContextProvider initial_locale=Signal::stored(initial)>
            <Shell/>
        </I18nSubContextProvider>
    }
}

/// The app's language from the stored setting: Swedish unless English was chosen.
pub fn locale_of(setting: Option<&str>) -> Locale {
    match setting {
        Some("en") => Locale::en,
        _ => Locale::sv,
    }
}

#[component]
fn Shell() -> impl IntoView {
    provide_meta_context();
    let store = use_store();
    let i18n = use_i18n();
    // `<html lang>` follows the chosen language, so screen readers pronounce it right.
    Effect::new(move |_| {
        let lang = match i18n.get_locale() {
            Locale::en => "en",
            Locale::sv => "sv",
        };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang);
        }
    });
    // Another tab saved: show its data (the event never fires in the tab that wrote).
    let _ = window_event_listener(leptos::ev::storage, move |ev| match ev.key().as_deref() {
        Some(DATA_KEY) => store.stored_elsewhere(ev.new_value()),
        Some(BACKUP_KEY) => store.backup_elsewhere(ev.new_value()),
        _ => {}
    });
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if let Some(redo) = is_undo_shortcut(&ev) {
            ev.prevent_default();
            if redo {
                crate::store::soon(store.redo());
            } else {
                crate::store::soon(store.undo());
            }
        }
    });

    crate::ui::routes::preload_on_intent();

    let update_ready = RwSignal::new(false);
    offline::register(update_ready);

    view! {
        <Title formatter=move |page: String| t_string!(i18n, title_format, page = page)/>
        <Router base=paths::base()>
            <SiteHeader/>
            {crate::sync::notice()}
            // Read only where scripts do not run: the prerendered pages (scripts/prerender.mjs).
            <noscript><p class="noscript">{t!(i18n, footer.noscript)}</p></noscript>
            <UpdateBanner update_ready=update_ready/>
            <StoreBanner/>
            <BackupReminder/>
            <StoreAnnouncer/>
            <FocusOnNavigation/>
            <main id="main" tabindex="-1">
                <AppRoutes/>
            </main>
            <footer class="site-footer">
                // With a server set, "nothing is sent anywhere" would not be true: the sync
                // chunk says what is shared, and with whom.
                <p>{move || crate::sync::footer().unwrap_or_else(|| {
                    t_string!(i18n, footer.local_first).to_owned()
                })}</p>
            </footer>
        </Router>
    }
}

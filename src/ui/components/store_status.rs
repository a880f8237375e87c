//! What the store has to say: the live region that announces saves, undos and
//! refusals, and the banner shown when stored data could not be read or kept.

use leptos::prelude::*;

use crate::domain::change::ChangeKind;
use crate::domain::exchange::migrate::Unreadable;
use crate::i18n::*;
use crate::store::{use_store, Health, News};
use crate::ui::download::download;
use crate::ui::today::today;

fn news_text(i18n: leptos_i18n::I18nContext<Locale>, news: News) -> &'static str {
    use ChangeKind::*;
    match news {
        News::Saved(Edit) => t_string!(i18n, store.saved_edit),
        News::Saved(Remove) => t_string!(i18n, store.saved_remove),
        News::Saved(Reset) => t_string!(i18n, store.saved_reset),
        News::Saved(Import) => t_string!(i18n, store.saved_import),
        News::Undone(Edit) => t_string!(i18n, store.undone_edit),
        News::Undone(Remove) => t_string!(i18n, store.undone_remove),
        News::Undone(Reset) => t_string!(i18n, store.undone_reset),
        News::Undone(Import) => t_string!(i18n, store.undone_import),
        News::Redone(_) => t_string!(i18n, store.redone),
        News::RefusedFull => t_string!(i18n, store.refused_full),
        News::RefusedOther => t_string!(i18n, store.refused_other),
        News::RefusedUnread => t_string!(i18n, store.refused_unread),
        News::RefusedReload => t_string!(i18n, store.refused_reload),
        News::UpdatedElsewhere => t_string!(i18n, store.updated_elsewhere),
        News::SettingsSaved => t_string!(i18n, store.settings_saved),
    }
}

/// Polite announcements for screen readers; refusals are also shown as an alert.
#[component]
pub fn StoreAnnouncer() -> impl IntoView {
    let i18n = use_i18n();
    let notice = use_store().notice();
    let text = move || {
        notice
            .get()
            .map(|n| news_text(i18n, n.news))
            .unwrap_or_default()
    };
    let refused = move || {
        notice.get().filter(|n| {
            matches!(
                n.news,
                News::RefusedFull | News::RefusedOther | News::RefusedUnread | News::RefusedReload
            )
        })
    };
    view! {
        // `data-seq` tells one announcement from the next with the same words (as two saves).
        <div class="visually-hidden" role="status" aria-live="polite" data-testid="announcer"
            data-seq=move || notice.get().map(|n| n.seq)>
            {text}
        </div>
        {move || refused().map(|n| view! {
            <p class="alert" role="alert" data-testid="store-alert">{news_text(i18n, n.news)}</p>
        })}
    }
}

/// Shown while the app runs on the built-in dataset because stored data could not
/// be used, with the way out: download what was stored, or keep the new start.
#[component]
pub fn StoreBanner() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let health = store.health();
    let download_raw = move |_| {
        if let Some(text) = store.unreadable_text() {
            let name = format!("klimatcoachning-oläsbar-{}.txt", today());
            download(&name, "text/plain;charset=utf-8", &text);
        }
    };
    move || match health.get() {
        Health::Unreadable {
            reason,
            backup_key,
            fresh_start,
        } => {
            let why = match reason {
                Unreadable::InvalidJson { .. } => t_string!(i18n, banner.invalid_json).to_owned(),
                Unreadable::NotADataset => t_string!(i18n, banner.not_a_dataset).to_owned(),
                Unreadable::WrongShape { path, .. } => {
                    t_string!(i18n, banner.wrong_shape, path = path)
                }
                Unreadable::NewerVersion { version } => {
                    t_string!(i18n, banner.newer_version, version = version)
                }
                Unreadable::Records { names } => t_string!(
                    i18n,
                    banner.records_aside,
                    count = names.len(),
                    names = names.join(", ")
                ),
            };
            let kept = if backup_key.is_some() {
                t_string!(i18n, banner.kept)
            } else {
                t_string!(i18n, banner.not_kept)
            };
            view! {
                <section class="banner" role="alert" aria-labelledby="banner-heading" data-testid="store-banner">
                    <h2 id="banner-heading">{t!(i18n, banner.heading)}</h2>
                    <p>{why} " " {kept}</p>
                    <p>
                        {if fresh_start {
                            t_string!(i18n, banner.started_builtin)
                        } else {
                            t_string!(i18n, banner.still_kept)
                        }}
                    </p>
                    <p class="actions">
                        <button type="button" on:click=download_raw>{t!(i18n, banner.download)}</button>
                        <button type="button" on:click=move |_| leptos::task::spawn_local(store.keep_new_start())>{t!(i18n, banner.keep_new)}</button>
                    </p>
                </section>
            }
            .into_any()
        }
        Health::Unavailable => view! {
            <section class="banner" role="alert" data-testid="store-banner">
                <p>{t!(i18n, banner.unavailable)}</p>
            </section>
        }
        .into_any(),
        Health::Saving if store.private_window().get() => view! {
            <section class="banner" role="alert" data-testid="store-banner">
                <p>{t!(i18n, banner.private_window)}</p>
            </section>
        }
        .into_any(),
        Health::Saving | Health::Memory => ().into_any(),
    }
}

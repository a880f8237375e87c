//! `/data`'s account of what could be lost: the last export, the changes since, whether
//! the browser keeps its storage, and when to be reminded.

use leptos::prelude::*;

use crate::domain::settings::{REMIND_CHANGES_RANGE, REMIND_DAYS_RANGE};
use crate::domain::validate::{whole_number, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::TextField;
use crate::ui::format;

#[component]
pub fn BackupPanel() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let backup = store.backup();
    let persisted = store.persisted();
    let last_export = move || match backup.read().last_export {
        Some(t) => t_string!(
            i18n,
            backup.last_export,
            date = format::date(i18n, t.date_naive())
        ),
        None => t_string!(i18n, backup.never_exported).to_owned(),
    };
    let persistence = move || match persisted.get() {
        Some(true) => t_string!(i18n, backup.persisted_yes),
        Some(false) => t_string!(i18n, backup.persisted_no),
        None => t_string!(i18n, backup.persisted_unknown),
    };
    view! {
        <section aria-labelledby="backup-heading">
            <h2 id="backup-heading">{t!(i18n, backup.heading)}</h2>
            <p data-testid="last-export">{last_export}</p>
            <p data-testid="changes-since-export">
                {move || t_string!(i18n, backup.changes, count = backup.read().changes)}
            </p>
            <p data-testid="persistence">{persistence}</p>
            <ReminderSettings/>
        </section>
    }
}

#[component]
fn ReminderSettings() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let settings = store.settings();
    let changes = RwSignal::new(settings.get_untracked().remind_after_changes.to_string());
    let days = RwSignal::new(settings.get_untracked().remind_after_days.to_string());
    let changes_error = RwSignal::new(None::<FieldError>);
    let days_error = RwSignal::new(None::<FieldError>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let c = whole_number(
            &changes.get_untracked(),
            REMIND_CHANGES_RANGE.0,
            REMIND_CHANGES_RANGE.1,
        );
        let d = whole_number(
            &days.get_untracked(),
            REMIND_DAYS_RANGE.0,
            REMIND_DAYS_RANGE.1,
        );
        changes_error.set(c.clone().err());
        days_error.set(d.clone().err());
        if let (Ok(c), Ok(d)) = (c, d) {
            let mut s = settings.get_untracked();
            s.remind_after_changes = u32::try_from(c).unwrap_or(s.remind_after_changes);
            s.remind_after_days = u32::try_from(d).unwrap_or(s.remind_after_days);
            let _ = store.set_settings(s);
        }
    };
    let hint = |range: (i64, i64)| {
        Signal::derive(move || t_string!(i18n, backup.range_hint, min = range.0, max = range.1))
    };
    view! {
        <form class="editor" on:submit=save novalidate>
            <h3>{t!(i18n, backup.settings_heading)}</h3>
            <TextField id="remind-changes"
                label=Signal::derive(move || t_string!(i18n, backup.changes_label).to_owned())
                value=changes error=changes_error hint=hint(REMIND_CHANGES_RANGE)/>
            <TextField id="remind-days"
                label=Signal::derive(move || t_string!(i18n, backup.days_label).to_owned())
                value=days error=days_error hint=hint(REMIND_DAYS_RANGE)/>
            <button type="submit">{t!(i18n, backup.save)}</button>
        </form>
    }
}

//! What is not yet in any file: a count in the header, and a reminder (not a nag) once
//! there are enough unexported changes or they are old enough. Both lead to an export.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::store::use_store;
use crate::ui::export_file::download_export;
use crate::ui::format;
use crate::ui::paths::href;
use crate::ui::today::now;

/// "Ej exporterat: 3" (short, to keep the header one line; the title says it in full),
/// linking to /data; nothing when everything is exported.
#[component]
pub fn UnexportedCount() -> impl IntoView {
    let i18n = use_i18n();
    let backup = use_store().backup();
    let count = move || backup.read().changes;
    view! {
        <Show when=move || { count() > 0 }>
            <A href=href("/data") attr:class="unexported" attr:data-testid="unexported-count"
                attr:title=move || t_string!(i18n, backup.count_title, count = count())>
                {move || t_string!(i18n, backup.count, count = count())}
            </A>
        </Show>
    }
}

/// Shown on every page when the export reminder is due; "Exportera nu" downloads the
/// file at once, "Påminn mig senare" puts it aside for as many changes or days again.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let backup = store.backup();
    let settings = store.settings();
    let due = move || backup.read().reminder_due(&settings.read(), now());
    let text = move || {
        let b = backup.read();
        let first = b.since.map(|t| format::date(i18n, t.date_naive()));
        t_string!(
            i18n,
            backup.reminder,
            count = b.changes,
            date = first.unwrap_or_default()
        )
    };
    view! {
        <Show when=due>
            <section class="banner reminder" role="region" data-testid="backup-reminder"
                aria-label=move || t_string!(i18n, backup.reminder_label)>
                <p>{text}</p>
                <p class="actions">
                    <button type="button" on:click=move |_| download_export(store)>
                        {t!(i18n, backup.export_now)}
                    </button>
                    " "
                    <button type="button" on:click=move |_| store.dismiss_reminder()>
                        {t!(i18n, backup.later)}
                    </button>
                </p>
            </section>
        </Show>
    }
}

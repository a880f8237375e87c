//! `/data`: export and share, sync through a server, import (picker or drag-and-drop), lists from a spreadsheet,
//! what the register takes up in the browser, and starting over.

pub mod backup_panel;
pub mod browser_name;
pub mod export_panel;
pub mod file_link_panel;
pub mod import_panel;
pub mod sheet_import;
pub mod sheet_plan;
mod sheet_words;
pub mod sync_panel;

use leptos::prelude::*;

use crate::i18n::*;
use crate::store::prepare::Fallback;
use crate::store::{use_store, Keeper, Usage};
use crate::ui::components::open_edits::OpenEdits;
use crate::ui::components::page_head::PageHead;
use crate::ui::format;
use crate::ui::pages::data::backup_panel::BackupPanel;
use crate::ui::pages::data::export_panel::ExportPanel;
use crate::ui::pages::data::file_link_panel::FileLinkPanel;
use crate::ui::pages::data::import_panel::ImportPanel;
use crate::ui::pages::data::sheet_import::SheetImport;
use crate::ui::pages::data::sync_panel::SyncPanel;

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    // Re-measured whenever what is stored changes: the dataset, the settings, the backup state.
    let (settings, backup) = (store.settings(), store.backup());
    let used = LocalResource::new(move || {
        data.track();
        settings.track();
        backup.track();
        store.usage()
    });
    let usage = move || match used.get().flatten() {
        Some(Usage {
            used,
            available: Some(available),
        }) if store.keeper().get() != Keeper::Database => {
            let tenths = (used * 1000).div_ceil(available);
            let share = format!(
                "{}{}{}",
                tenths / 10,
                t_string!(i18n, format.decimal_separator),
                tenths % 10
            );
            t_string!(
                i18n,
                data.used,
                bytes = format::number(i18n, used),
                share = share
            )
        }
        Some(Usage {
            used,
            available: Some(available),
        }) => t_string!(
            i18n,
            data.used_database,
            used = format::megabytes(i18n, used),
            available = format::megabytes(i18n, available)
        ),
        Some(Usage {
            used,
            available: None,
        }) => t_string!(
            i18n,
            data.used_database_unknown,
            used = format::megabytes(i18n, used)
        ),
        None => t_string!(i18n, data.no_storage).to_owned(),
    };
    let kept = move || match store.keeper().get() {
        Keeper::Database => t_string!(i18n, data.kept_database).to_owned(),
        Keeper::LocalStorage(Fallback::NoDatabase) => {
            t_string!(i18n, data.kept_local_no_database).to_owned()
        }
        Keeper::LocalStorage(Fallback::Refused(error)) => {
            t_string!(i18n, data.kept_local_refused, error = error)
        }
        Keeper::LocalStorage(Fallback::NotMoved) => {
            t_string!(i18n, data.kept_local_not_moved).to_owned()
        }
        Keeper::LocalStorage(Fallback::OldTab) => {
            t_string!(i18n, data.kept_local_old_tab).to_owned()
        }
        Keeper::Nowhere => String::new(),
    };
    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, data.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, data.description).to_owned())
        />
        <h1>{t!(i18n, data.heading)}</h1>
        <ExportPanel/>
        <BackupPanel/>
        <FileLinkPanel/>
        <SyncPanel/>
        <OpenEdits/>
        <ImportPanel/>
        <SheetImport/>
        <section aria-labelledby="storage-heading">
            <h2 id="storage-heading">{t!(i18n, data.storage_heading)}</h2>
            <p data-testid="storage-used">{usage}</p>
            <p class="hint" data-testid="storage-kept">{kept}</p>
        </section>
        <section aria-labelledby="reset-heading">
            <h2 id="reset-heading">{t!(i18n, data.reset_heading)}</h2>
            <p>{t!(i18n, data.reset_text)}</p>
            <button type="button" on:click=move |_| {
                crate::store::soon(store.reset_to_builtin());
            }>{t!(i18n, data.reset_button)}</button>
        </section>
    }
}

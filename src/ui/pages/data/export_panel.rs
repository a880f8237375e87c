//! Taking the data away: the JSON file (downloaded, or shared where the browser
//! can share files), the participant list for spreadsheets (CSV, workbook), and the format's JSON Schema.

use leptos::prelude::*;

use super::browser_name::BrowserName;
use crate::domain::listing::rows;
use crate::domain::model::SCHEMA_VERSION;
use crate::i18n::*;
use crate::store::files::{can_share, text_file};
use crate::store::use_store;
use crate::ui::components::list_download::ListDownload;
use crate::ui::components::participant_table::participant_table;
use crate::ui::export_file::{download_export, share_export, JSON};
use crate::ui::paths::href;
use crate::ui::today::today;

#[component]
pub fn ExportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    // Asked once with a sample file: the answer depends on the browser, not the data.
    let shareable = text_file("klimatcoachning.json", JSON, "{}").is_some_and(|f| can_share(&f));
    let export = move |_| download_export(store);
    let share_file = move |_| share_export(store);
    let table = Callback::new(move |()| {
        data.with_untracked(|d| participant_table(i18n, &rows(d, today())))
    });
    view! {
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">{t!(i18n, data.export_heading)}</h2>
            <p>{t!(i18n, data.export_text)}</p>
            <p class="actions">
                <button type="button" on:click=export>{t!(i18n, data.export_button)}</button>
                {shareable.then(|| view! {
                    " " <button type="button" on:click=share_file>{t!(i18n, data.share_button)}</button>
                })}
            </p>
            <ListDownload table=table stem="klimatcoachning-kommuner" id="data-download"
                csv_label=Signal::derive(move || t_string!(i18n, data.csv_button))
                xlsx_label=Signal::derive(move || t_string!(i18n, data.xlsx_button))/>
            <p class="hint">
                {t!(i18n, data.schema_text)} " "
                <a href=href(&format!("/schema/klimatcoachning-v{SCHEMA_VERSION}.json")) rel="external" data-testid="schema-link">
                    {t!(i18n, data.schema_link, version = SCHEMA_VERSION)}
                </a>
            </p>
            <BrowserName/>
        </section>
    }
}

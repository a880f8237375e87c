//! Taking the data away: the JSON file (downloaded, or shared where the browser
//! can share files), the participant list as CSV, and the format's JSON Schema.

use leptos::prelude::*;

use super::browser_name::BrowserName;
use crate::domain::listing::rows;
use crate::i18n::*;
use crate::store::files::{can_share, text_file};
use crate::store::use_store;
use crate::ui::components::list_csv::list_csv;
use crate::ui::download::download;
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
    let csv = move |_| {
        let text = data.with_untracked(|d| list_csv(i18n, &rows(d, today())));
        download(
            &format!("klimatcoachning-kommuner-{}.csv", today()),
            "text/csv;charset=utf-8",
            &text,
        );
    };
    view! {
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">{t!(i18n, data.export_heading)}</h2>
            <p>{t!(i18n, data.export_text)}</p>
            <p class="actions">
                <button type="button" on:click=export>{t!(i18n, data.export_button)}</button>
                {shareable.then(|| view! {
                    " " <button type="button" on:click=share_file>{t!(i18n, data.share_button)}</button>
                })}
                " " <button type="button" on:click=csv>{t!(i18n, data.csv_button)}</button>
            </p>
            <p class="hint">
                {t!(i18n, data.schema_text)} " "
                <a href=href("/schema/klimatcoachning-v3.json") rel="external" data-testid="schema-link">
                    {t!(i18n, data.schema_link)}
                </a>
            </p>
            <BrowserName/>
        </section>
    }
}

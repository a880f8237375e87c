//! A list's downloads, side by side: CSV in the reader's language (semicolons for
//! Swedish spreadsheets, commas for English ones, said beside the buttons) and an Excel
//! workbook, whose code is fetched on first use (`ui/spreadsheets.rs`).

use leptos::prelude::*;

use crate::domain::csv::{self, Separator};
use crate::domain::table::Table;
use crate::i18n::*;
use crate::ui::download::{download, download_bytes};
use crate::ui::spreadsheets::{write_xlsx, XLSX_TYPE};
use crate::ui::today::today;

/// The separator spreadsheets in the reader's language expect.
pub fn csv_separator(locale: Locale) -> Separator {
    match locale {
        Locale::sv => Separator::Semicolon,
        Locale::en => Separator::Comma,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Workbook {
    Idle,
    Making,
    Failed,
}

/// `table` is asked for the list as it stands at the click; files are named
/// `{stem}-{today}.csv` and `.xlsx`; `id` keeps the help text's id unique on the page.
#[component]
pub fn ListDownload(
    table: Callback<(), Table>,
    #[prop(into)] stem: String,
    id: &'static str,
    csv_label: Signal<&'static str>,
    xlsx_label: Signal<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Workbook::Idle);
    let help = format!("{id}-help");
    let stem = StoredValue::new(stem);
    let csv = move |_| {
        let sep = csv_separator(i18n.get_locale_untracked());
        download(
            &format!("{}-{}.csv", stem.get_value(), today()),
            "text/csv;charset=utf-8",
            &csv::write(&table.run(()).text_rows(), sep),
        );
    };
    let xlsx = move |_| {
        if state.get_untracked() == Workbook::Making {
            return;
        }
        state.set(Workbook::Making);
        let list = table.run(());
        leptos::task::spawn_local(async move {
            match write_xlsx(list).await {
                Ok(bytes) => {
                    download_bytes(
                        &format!("{}-{}.xlsx", stem.get_value(), today()),
                        XLSX_TYPE,
                        &bytes,
                    );
                    state.set(Workbook::Idle);
                }
                Err(_) => state.set(Workbook::Failed),
            }
        });
    };
    view! {
        <p class="actions list-download">
            <button type="button" on:click=csv aria-describedby=help.clone()>{move || csv_label.get()}</button>
            " "
            <button type="button" on:click=xlsx aria-describedby=help.clone()
                aria-busy=move || (state.get() == Workbook::Making).then_some("true")>
                {move || xlsx_label.get()}
            </button>
        </p>
        <p class="hint" id=help>{t!(i18n, download.help)}</p>
        <p role="status" class="download-status">
            {move || match state.get() {
                Workbook::Making => t_string!(i18n, download.making),
                Workbook::Failed => t_string!(i18n, download.failed),
                Workbook::Idle => "",
            }}
        </p>
    }
}

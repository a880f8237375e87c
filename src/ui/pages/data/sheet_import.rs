//! "Importera från kalkylark": a workbook's first sheet or a CSV file, its columns mapped to
//! fields (proposed from the header), a preview of every row's change and every problem
//! by line and column, and one undoable change when the user applies it. Nothing changes
//! before that; rows with problems are left out only when the user ticks so.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::csv;
use crate::domain::exchange::import::MAX_IMPORT_BYTES;
use crate::domain::sheet_import::{plan, propose, propose_kind, Kind, Mapping, Sheet, SheetError};
use crate::domain::workbook::ReadError;
use crate::i18n::*;
use crate::store::files::read_file;
use crate::store::use_store;
use crate::ui::format;
use crate::ui::spreadsheets::read_xlsx;
use crate::ui::today::now;

use super::sheet_plan::SheetPlan;

/// Why a file gave no sheet.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    Unreadable,
    TooLarge,
    /// `.xls` or `.ods`: another program's format.
    OtherFormat,
    NotAWorkbook,
    /// Neither a workbook nor text (a picture, a PDF).
    NotASheet,
    Csv {
        line: u64,
    },
    Empty,
    HeaderOnly,
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Idle,
    Reading { name: String },
    Refused { name: String, why: Refusal },
    Ready { name: String, sheet: Sheet },
    Applied { name: String, rows: usize },
}

fn refusal_text(i18n: leptos_i18n::I18nContext<Locale>, why: &Refusal) -> String {
    match why {
        Refusal::Unreadable => t_string!(i18n, sheet.unreadable).to_owned(),
        Refusal::TooLarge => t_string!(
            i18n,
            sheet.too_large,
            limit = format::megabytes(i18n, MAX_IMPORT_BYTES as u64)
        ),
        Refusal::OtherFormat => t_string!(i18n, sheet.other_format).to_owned(),
        Refusal::NotAWorkbook => t_string!(i18n, sheet.not_a_workbook).to_owned(),
        Refusal::NotASheet => t_string!(i18n, sheet.not_a_sheet).to_owned(),
        Refusal::Csv { line } => t_string!(i18n, sheet.csv_unclosed, line = *line),
        Refusal::Empty => t_string!(i18n, sheet.empty).to_owned(),
        Refusal::HeaderOnly => t_string!(i18n, sheet.header_only).to_owned(),
    }
}

/// The file's rows: a workbook (zip) through the workbook chunk, else CSV text.
async fn sheet_of(name: &str, bytes: Vec<u8>) -> Result<Sheet, Refusal> {
    let lower = name.to_lowercase();
    let zipped = bytes.starts_with(b"PK\x03\x04");
    // An old binary workbook (OLE) or OpenDocument: the user can save it as .xlsx or CSV.
    if lower.ends_with(".xls")
        || lower.ends_with(".ods")
        || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0])
    {
        return Err(Refusal::OtherFormat);
    }
    let rows = if zipped || lower.ends_with(".xlsx") {
        read_xlsx(bytes).await.map_err(|e| match e {
            ReadError::NotAWorkbook | ReadError::NoSheet => Refusal::NotAWorkbook,
        })?
    } else {
        let text = csv::decode(&bytes).ok_or(Refusal::NotASheet)?;
        csv::read(&text).map_err(|e| Refusal::Csv { line: e.line })?
    };
    Sheet::from_rows(rows).map_err(|e| match e {
        SheetError::Empty => Refusal::Empty,
        SheetError::HeaderOnly => Refusal::HeaderOnly,
    })
}

#[component]
pub fn SheetImport() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let step = RwSignal::new(Step::Idle);
    let kind = RwSignal::new(Kind::Participants);
    let mapping = RwSignal::new(Mapping::new());

    let take = move |file: web_sys::File| {
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES as f64 {
            step.set(Step::Refused {
                name,
                why: Refusal::TooLarge,
            });
            return;
        }
        step.set(Step::Reading { name: name.clone() });
        read_file(
            &file,
            |_, _| {},
            move |bytes| {
                leptos::task::spawn_local(async move {
                    let Some(bytes) = bytes else {
                        step.set(Step::Refused {
                            name,
                            why: Refusal::Unreadable,
                        });
                        return;
                    };
                    match sheet_of(&name, bytes).await {
                        Ok(sheet) => {
                            let k = propose_kind(&sheet.header);
                            kind.set(k);
                            mapping.set(propose(k, &sheet.header));
                            step.set(Step::Ready { name, sheet });
                        }
                        Err(why) => step.set(Step::Refused { name, why }),
                    }
                });
            },
        );
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                take(file);
            }
            input.set_value("");
        }
    };
    let apply = Callback::new(
        move |(change, rows): (crate::domain::change::Change, usize)| {
            let Step::Ready { name, .. } = step.get_untracked() else {
                return;
            };
            crate::store::then(store.change(change), move || {
                step.set(Step::Applied { name, rows });
            });
        },
    );
    let cancel = Callback::new(move |()| step.set(Step::Idle));
    let undo = move |_| {
        crate::store::then(store.undo(), move || {
            step.set(Step::Idle);
        });
    };
    let planned = Memo::new(move |_| match step.get() {
        Step::Ready { sheet, .. } => {
            let k = kind.get();
            let m = mapping.get();
            Some(store.data().with(|d| plan(d, &sheet, k, &m, now())))
        }
        _ => None,
    });

    view! {
        <section aria-labelledby="sheet-heading" class="sheet-import">
            <h2 id="sheet-heading">{t!(i18n, sheet.heading)}</h2>
            <p>{t!(i18n, sheet.text)}</p>
            <div class="drop-zone">
                <label for="sheet-file">{t!(i18n, sheet.pick)}</label>
                <input id="sheet-file" type="file" on:change=on_pick
                    accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
            </div>
            <div role="status" data-testid="sheet-status">
                {move || match step.get() {
                    Step::Reading { name } => Some(view! { <p>{t_string!(i18n, sheet.reading, name = name)}</p> }.into_any()),
                    Step::Applied { name, rows } => Some(view! {
                        <p class="import-done" data-testid="sheet-done">
                            {t_string!(i18n, sheet.done, name = name, rows = rows)} " "
                            <button type="button" on:click=undo>{t!(i18n, sheet.undo)}</button>
                        </p>
                    }.into_any()),
                    _ => None,
                }}
            </div>
            {move || match step.get() {
                Step::Refused { name, why } => Some(view! {
                    <div class="alert" role="alert" data-testid="sheet-refused">
                        <p><strong>{t_string!(i18n, sheet.refused, name = name)}</strong></p>
                        <p>{refusal_text(i18n, &why)}</p>
                    </div>
                }.into_any()),
                Step::Ready { name, sheet } => Some(view! {
                    <SheetPlan name=name sheet=sheet kind=kind mapping=mapping planned=planned apply=apply cancel=cancel/>
                }.into_any()),
                _ => None,
            }}
        </section>
    }
}

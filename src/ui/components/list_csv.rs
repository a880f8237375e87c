//! The participant list as CSV for spreadsheets, with a header in the reader's language.

use leptos_i18n::I18nContext;

use crate::domain::csv;
use crate::domain::listing::Row;
use crate::i18n::*;
use crate::ui::components::labels::{programme_label, status_label};

pub fn list_csv(i18n: I18nContext<Locale>, rows: &[Row]) -> String {
    let header = [
        t_string!(i18n, list.col_name),
        t_string!(i18n, list.col_lan),
        t_string!(i18n, list.col_kommunkod),
        t_string!(i18n, list.col_programme),
        t_string!(i18n, list.col_population),
        t_string!(i18n, list.csv_population_date),
        t_string!(i18n, list.col_mentor),
        t_string!(i18n, list.col_status),
        t_string!(i18n, list.col_due),
    ]
    .map(str::to_owned)
    .to_vec();
    let mut out = vec![header];
    out.extend(rows.iter().map(|r| {
        vec![
            r.name.clone(),
            r.lan.clone(),
            r.kommunkod.clone().unwrap_or_default(),
            programme_label(i18n, r.programme).to_owned(),
            r.population
                .as_ref()
                .map(|p| p.count.to_string())
                .unwrap_or_default(),
            r.population
                .as_ref()
                .map(|p| p.date.to_string())
                .unwrap_or_default(),
            r.mentor.clone().unwrap_or_default(),
            r.status
                .map(|s| status_label(i18n, s).to_owned())
                .unwrap_or_default(),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
        ]
    }));
    csv::write(&out)
}

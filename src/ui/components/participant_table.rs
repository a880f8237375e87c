//! The participant list as a table for spreadsheets (`/kommuner`, `/data`), with a header
//! in the reader's language.

use leptos_i18n::I18nContext;

use crate::domain::listing::Row;
use crate::domain::table::{Cell, Table};
use crate::i18n::*;
use crate::ui::components::labels::{row_programme, status_label};

pub fn participant_table(i18n: I18nContext<Locale>, rows: &[Row]) -> Table {
    let header = [
        t_string!(i18n, list.col_name),
        t_string!(i18n, list.col_lan),
        t_string!(i18n, list.col_kommunkod),
        t_string!(i18n, list.col_programme),
        t_string!(i18n, list.col_population),
        t_string!(i18n, list.csv_population_date),
        t_string!(i18n, list.col_mentor),
        t_string!(i18n, list.csv_letter_of_intent),
        t_string!(i18n, list.col_status),
        t_string!(i18n, list.col_due),
        t_string!(i18n, list.csv_grant),
        t_string!(i18n, list.csv_contribution),
    ]
    .map(str::to_owned)
    .to_vec();
    Table {
        name: t_string!(i18n, list.sheet_name).to_owned(),
        header,
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.name.clone()),
                    Cell::Text(r.lan.clone()),
                    Cell::text(r.kommunkod.clone()),
                    Cell::Text(row_programme(i18n, r)),
                    r.population
                        .as_ref()
                        .map_or(Cell::Empty, |p| Cell::Count(p.count.into())),
                    Cell::date(r.population.as_ref().map(|p| p.date)),
                    Cell::text(r.mentor.clone()),
                    Cell::date(r.letter_of_intent),
                    Cell::text(r.status.map(|s| status_label(i18n, s))),
                    Cell::date(r.due),
                    r.grant_kr.map_or(Cell::Empty, Cell::Kronor),
                    r.contribution_kr.map_or(Cell::Empty, Cell::Kronor),
                ]
            })
            .collect(),
    }
}

//! The pairs as a table for spreadsheets, with a header in the reader's language.

use leptos_i18n::I18nContext;

use crate::domain::mentoring::pairs::Pair;
use crate::domain::table::{Cell, Table};
use crate::i18n::*;
use crate::ui::components::labels::{nearness_label, pairing_error_label};

pub fn pairs_table(i18n: I18nContext<Locale>, all: &[Pair]) -> Table {
    let header = [
        t_string!(i18n, mentors.csv_participant),
        t_string!(i18n, mentors.csv_kommunkod),
        t_string!(i18n, mentors.csv_lan),
        t_string!(i18n, mentors.csv_mentor),
        t_string!(i18n, mentors.csv_mentor_kommunkod),
        t_string!(i18n, mentors.csv_mentor_lan),
        t_string!(i18n, mentors.csv_nearness),
        t_string!(i18n, mentors.csv_conflict),
    ]
    .map(str::to_owned)
    .to_vec();
    let rows = all
        .iter()
        .map(|p| {
            let m = p.mentor.as_ref();
            vec![
                Cell::Text(p.participant.name.clone()),
                Cell::Text(p.participant.kommunkod.clone()),
                Cell::Text(p.participant.lan.clone()),
                Cell::text(m.map(|m| m.name.clone()).or_else(|| p.mentor_id.clone())),
                Cell::text(m.map(|m| m.kommunkod.clone())),
                Cell::text(m.map(|m| m.lan.clone())),
                Cell::text(p.nearness.map(|n| nearness_label(i18n, n))),
                Cell::text(p.conflict.as_ref().map(|e| pairing_error_label(i18n, e))),
            ]
        })
        .collect();
    Table {
        name: t_string!(i18n, mentors.sheet_name).to_owned(),
        header,
        rows,
    }
}

//! The words of a spreadsheet import: fields, kinds of sheet, values and problems.

use leptos_i18n::I18nContext;

use crate::domain::events::month_start;
use crate::domain::sheet_import::{column_letter, CellProblem, Field, Kind, Problem, Value};
use crate::i18n::*;
use crate::ui::components::field::error_text;
use crate::ui::components::labels::{event_error_label, event_kind_label, pairing_error_label};
use crate::ui::format;

pub fn kind_label(i18n: I18nContext<Locale>, k: Kind) -> &'static str {
    match k {
        Kind::Participants => t_string!(i18n, sheet.kind_participants),
        Kind::Events => t_string!(i18n, sheet.kind_events),
        Kind::Members => t_string!(i18n, sheet.kind_members),
    }
}

pub fn field_label(i18n: I18nContext<Locale>, f: Field) -> &'static str {
    match f {
        Field::Municipality => t_string!(i18n, sheet.field_municipality),
        Field::Kommunkod => t_string!(i18n, sheet.field_kommunkod),
        Field::Programme => t_string!(i18n, sheet.field_programme),
        Field::Coach => t_string!(i18n, sheet.field_coach),
        Field::Mentor => t_string!(i18n, sheet.field_mentor),
        Field::LetterOfIntent => t_string!(i18n, sheet.field_letter_of_intent),
        Field::StrategyProposed => t_string!(i18n, sheet.field_strategy_proposed),
        Field::StrategyAdopted => t_string!(i18n, sheet.field_strategy_adopted),
        Field::Date => t_string!(i18n, sheet.field_date),
        Field::Title => t_string!(i18n, sheet.field_title),
        Field::EventKind => t_string!(i18n, sheet.field_kind),
        Field::Place => t_string!(i18n, sheet.field_place),
        Field::EventParticipants => t_string!(i18n, sheet.field_participants),
        Field::Motivation => t_string!(i18n, sheet.field_motivation),
        Field::MemberSince => t_string!(i18n, sheet.field_member_since),
    }
}

pub fn value_text(i18n: I18nContext<Locale>, v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Date(d) => format::date(i18n, *d),
        Value::Partial(p) => format::partial_date(i18n, *p),
        Value::Month(m) => month_start(m).map_or_else(|| m.clone(), |d| format::month(i18n, d)),
        Value::Kind(k) => event_kind_label(i18n, *k).to_owned(),
        Value::Year(y) => y.to_string(),
        Value::Names(n) => n.join(", "),
        Value::Unknown => t_string!(i18n, sheet.value_unknown).to_owned(),
    }
}

/// Where in the sheet: "Rad 5, kolumn B (Mentor)" or "Rad 5".
pub fn place(i18n: I18nContext<Locale>, line: usize, p: &CellProblem, header: &[String]) -> String {
    match p.column {
        Some(c) => t_string!(
            i18n,
            sheet.at_cell,
            line = line,
            column = column_letter(c),
            header = header.get(c).cloned().unwrap_or_default()
        ),
        None => t_string!(i18n, sheet.at_row, line = line),
    }
}

/// What is wrong, in a sentence.
pub fn problem_text(i18n: I18nContext<Locale>, p: &CellProblem) -> String {
    let given = p.given.clone();
    match &p.problem {
        Problem::Missing => t_string!(i18n, sheet.missing, field = field_label(i18n, p.field)),
        Problem::UnknownMunicipality { suggestions } if suggestions.is_empty() => {
            t_string!(i18n, sheet.unknown_municipality, given = given)
        }
        Problem::UnknownMunicipality { suggestions } => t_string!(
            i18n,
            sheet.unknown_municipality_suggest,
            given = given,
            suggestions = suggestions.join(", ")
        ),
        Problem::NotAParticipant => t_string!(i18n, sheet.not_a_participant, given = given),
        Problem::NotInRound { round } => t_string!(
            i18n,
            sheet.not_in_round,
            given = given,
            round = round.clone()
        ),
        Problem::UnknownProgramme => t_string!(i18n, sheet.unknown_programme, given = given),
        Problem::CodeMismatch { name } => {
            t_string!(
                i18n,
                sheet.code_mismatch,
                given = given,
                name = name.clone()
            )
        }
        Problem::Field(e) => t_string!(
            i18n,
            sheet.cell_refused,
            given = given,
            why = error_text(i18n, e)
        ),
        Problem::Mentor(e) => {
            t_string!(
                i18n,
                sheet.cell_refused,
                given = given,
                why = pairing_error_label(i18n, e)
            )
        }
        Problem::UnknownEventKind => t_string!(i18n, sheet.unknown_kind, given = given),
        Problem::Event(e) => event_error_label(i18n, e),
        Problem::Repeated { line } => t_string!(i18n, sheet.repeated, line = *line),
    }
}

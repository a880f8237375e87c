//! What an import's preview and an edit made at the same time elsewhere (sync) call
//! records, fields and values: the words the pages use
//! (a conflict on `detail.letter_of_intent` reads "Avsiktsförklaring godkänd av
//! kommunstyrelsen"), never the file's names. A field no page shows keeps its path.

use chrono::NaiveDate;
use serde_json::Value;

use crate::domain::merge::preview::RecordRef;
use crate::domain::model::PartialDate;
use leptos_i18n::I18nContext;

use crate::i18n::*;
use crate::ui::format;

/// "Hjo (deltagande)": the record and what kind of record it is.
pub fn record(i18n: I18nContext<Locale>, r: &RecordRef) -> String {
    record_named(i18n, r.collection, &r.label)
}

/// [`record`], from the record's list and its name.
pub fn record_named(i18n: I18nContext<Locale>, collection: &str, label: &str) -> String {
    let kind = match collection {
        "programmes" => t_string!(i18n, import.record_programme),
        "organisations" => t_string!(i18n, import.record_organisation),
        "participations" => t_string!(i18n, import.record_participation),
        "coaches" => t_string!(i18n, import.record_coach),
        _ => t_string!(i18n, import.record_event),
    };
    format!("{label} ({kind})")
}

/// The field's name as its page labels it, else its path in the file.
pub fn field(i18n: I18nContext<Locale>, collection: &str, path: &str) -> String {
    let label = match (collection, path) {
        (_, "notes") => t_string!(i18n, kommun.notes),
        ("events", "kind") => t_string!(i18n, events.kind),
        ("events", "title") => t_string!(i18n, events.title_label),
        ("events", "date") => t_string!(i18n, events.date_label),
        ("events", "month") => t_string!(i18n, events.month_label),
        ("events", "place") => t_string!(i18n, events.place_label),
        ("events", "motivation") => t_string!(i18n, events.motivation_label),
        ("events", "participants") => t_string!(i18n, events.participants_label),
        (_, "name") => t_string!(i18n, list.col_name),
        ("coaches", "organisation") => t_string!(i18n, import.field_organisation),
        ("coaches", "contact") => t_string!(i18n, import.field_contact),
        (_, "member") => t_string!(i18n, kommun.member),
        (_, "contacts") => t_string!(i18n, kommun.contacts),
        (_, "population") => t_string!(i18n, kommun.population),
        (_, "detail.coach_id") => t_string!(i18n, kommun.coach),
        (_, "detail.mentor_id") => t_string!(i18n, kommun.mentor),
        (_, "detail.needs_analysis") => t_string!(i18n, kommun.needs_analysis),
        (_, "detail.letter_of_intent") => t_string!(i18n, kommun.letter_of_intent),
        (_, "detail.strategy_proposed") => t_string!(i18n, kommun.proposed),
        (_, "detail.strategy_adopted") => t_string!(i18n, kommun.adopted),
        (_, "detail.grant_entries") => t_string!(i18n, kommun.grant),
        (_, "detail.contribution_entries") => t_string!(i18n, kommun.contribution),
        (_, "detail.events_attended") => t_string!(i18n, kommun.events),
        (_, "detail.focus") => t_string!(i18n, kommun.focus),
        (_, "detail.status") => t_string!(i18n, pilot.status_label),
        (_, "detail.sessions") => t_string!(i18n, kommun.sessions),
        _ => path,
    };
    label.to_string()
}

/// A value as a person reads it: a date as the pages write dates, text without
/// quotes, nothing as "(tomt)"; anything else as it stands in the file.
pub fn value(i18n: I18nContext<Locale>, json: &str) -> String {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Null) => t_string!(i18n, import.empty_value).to_string(),
        Ok(Value::String(s)) => match s.parse::<NaiveDate>() {
            Ok(d) => format::date(i18n, d),
            Err(_) => s,
        },
        // An adoption: its date as precisely as known, as its page writes it.
        Ok(Value::Object(m)) if m.contains_key("date") && m.contains_key("words") => {
            match &m["date"] {
                Value::Null => t_string!(i18n, kommun.adopted_undated).to_string(),
                Value::String(s) => s
                    .parse::<PartialDate>()
                    .map_or_else(|_| s.clone(), |d| format::partial_date(i18n, d)),
                _ => json.to_owned(),
            }
        }
        _ => json.to_owned(),
    }
}

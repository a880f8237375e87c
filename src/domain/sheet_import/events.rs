//! An events row: a new event of 2007–08's Klimatcoachning or of the round its programme
//! cell names. One already there (same
//! kind, title and day or month) is left as it is.

use chrono::{DateTime, Utc};

use super::{
    programme_of, unknown_municipality, Cell, Cells, FieldChange, Problem, RowPlan, Value,
};
use crate::domain::events::{month_of, month_start, save_event};
use crate::domain::model::*;
use crate::domain::seed::organisation_id;
use crate::domain::sheet_import::Field;
use crate::domain::text::search_form;
use crate::domain::validate::{municipality_named, optional_date, FieldError};

/// The kind a cell names, in Swedish or English, or as the events page's URL word.
fn kind_named(text: &str) -> Option<EventKind> {
    let folded = search_form(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let kind = match folded.as_str() {
        "workshop" | "workshops" | "workshoppar" => EventKind::Workshop,
        "seminarium" | "seminarier" | "seminar" | "seminars" => EventKind::Seminar,
        "forelasning" | "forelasningar" | "lecture" | "lectures" => EventKind::Lecture,
        "manadens tarta" | "tarta" | "cake of the month" | "cake" => EventKind::CakeOfTheMonth,
        _ => return None,
    };
    Some(kind)
}

/// Municipalities in one cell, parted by semicolons, commas or line breaks.
fn names<'a>(cell: &Cell<'a>) -> impl Iterator<Item = &'a str> {
    cell.text
        .split([';', ',', '\n'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

pub(super) fn row(
    d: &Dataset,
    cells: &Cells,
    plan: &mut RowPlan,
    now: DateTime<Utc>,
) -> Option<String> {
    let programme = programme_of(d, cells, plan);
    let title = cells.get(Field::Title);
    plan.subject = title.map(|c| c.text.to_owned()).unwrap_or_default();
    if title.is_none() {
        plan.problem(None, Field::Title, Problem::Missing);
    }
    let kind = match cells.get(Field::EventKind) {
        None => {
            plan.problem(None, Field::EventKind, Problem::Missing);
            None
        }
        Some(cell) => {
            let kind = kind_named(cell.text);
            if kind.is_none() {
                plan.problem(Some(&cell), Field::EventKind, Problem::UnknownEventKind);
            }
            kind
        }
    };
    let (mut date, mut month) = (None, None);
    match cells.get(Field::Date) {
        None => plan.problem(None, Field::Date, Problem::Missing),
        // A cake of the month may name its month only.
        Some(cell)
            if kind == Some(EventKind::CakeOfTheMonth) && month_start(cell.text).is_some() =>
        {
            month = Some(cell.text.to_owned());
        }
        Some(cell) => match optional_date(cell.text) {
            Ok(day) => date = day,
            Err(e) => plan.problem(Some(&cell), Field::Date, Problem::Field(e)),
        },
    }
    let mut participants = Vec::new();
    let mut participant_names = Vec::new();
    if let Some(cell) = cells.get(Field::EventParticipants) {
        for name in names(&cell) {
            let org = municipality_named(name)
                .ok()
                .map(|code| organisation_id(&code))
                .and_then(|id| d.organisation(&id));
            match org {
                Some(o) => {
                    participants.push(o.meta.id.clone());
                    participant_names.push(o.name.clone());
                }
                None => {
                    let problem = match municipality_named(name) {
                        Err(FieldError::MunicipalityUnknown) => unknown_municipality(name),
                        _ => Problem::Event(crate::domain::events::EventError::UnknownParticipant(
                            name.to_owned(),
                        )),
                    };
                    plan.problem(Some(&cell), Field::EventParticipants, problem);
                }
            }
        }
    }
    let (Some(title), Some(kind), Some(programme)) = (title, kind, programme) else {
        return None;
    };
    if !plan.problems.is_empty() {
        return None;
    }
    let event = Event {
        meta: Meta::by_user(
            format!("event-{}-{}", now.timestamp_millis(), plan.line),
            now,
        ),
        programme_id: programme.meta.id.clone(),
        kind,
        title: title.text.to_owned(),
        date,
        month,
        place: cells
            .get(Field::Place)
            .map(|c| c.text.to_owned())
            .unwrap_or_default(),
        participants,
        motivation: cells
            .get(Field::Motivation)
            .map(|c| c.text.to_owned())
            .unwrap_or_default(),
        described_in: None,
    };
    let when = event.date.map_or_else(
        || event.month.clone().unwrap_or_default(),
        |d| d.to_string(),
    );
    let key = format!("{kind:?}|{}|{when}", search_form(&event.title));
    let already = d.events.iter().any(|e| {
        e.kind == event.kind
            && search_form(&e.title) == search_form(&event.title)
            && e.date == event.date
            && (event.date.is_some() || month_of(e) == month_of(&event))
    });
    if already {
        return Some(key);
    }
    match save_event(d, event.clone(), now) {
        Ok(change) => {
            plan.new = true;
            plan.changes.push(FieldChange {
                field: Field::Date,
                before: None,
                after: event
                    .date
                    .map(Value::Date)
                    .or(event.month.clone().map(Value::Month))
                    .unwrap_or(Value::Unknown),
            });
            plan.changes.push(FieldChange {
                field: Field::Title,
                before: None,
                after: Value::Text(event.title.clone()),
            });
            plan.changes.push(FieldChange {
                field: Field::EventKind,
                before: None,
                after: Value::Kind(kind),
            });
            if !event.place.is_empty() {
                plan.changes.push(FieldChange {
                    field: Field::Place,
                    before: None,
                    after: Value::Text(event.place.clone()),
                });
            }
            if !participant_names.is_empty() {
                plan.changes.push(FieldChange {
                    field: Field::EventParticipants,
                    before: None,
                    after: Value::Names(participant_names),
                });
            }
            if !event.motivation.is_empty() {
                plan.changes.push(FieldChange {
                    field: Field::Motivation,
                    before: None,
                    after: Value::Text(event.motivation.clone()),
                });
            }
            plan.change = Some(change);
        }
        Err(e) => {
            let cell = cells.get(Field::Date);
            plan.problem(cell.as_ref(), Field::Date, Problem::Event(e));
        }
    }
    Some(key)
}

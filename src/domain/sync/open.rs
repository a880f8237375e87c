//! Edits of one field made beside each other, met in a pull: the join kept the later one,
//! as for a file, but the other is not dropped silently. Each is kept open with both
//! values, who wrote them and when, until someone keeps the other (an edit made now, which
//! travels as any edit), keeps this one, or edits the field again.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::change::Record;
use crate::domain::merge::preview::{Conflict, Side};
use crate::domain::model::kinds::Kind;
use crate::domain::model::*;

/// One field written twice at the same time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Open {
    /// `collection/id/field.path`.
    pub key: String,
    pub collection: String,
    pub id: String,
    /// What the record is called (a municipality's name, an event's title).
    pub label: String,
    /// The field's path in the record, e.g. `detail.letter_of_intent`.
    pub field: String,
    /// The value the join kept, and the other, as JSON text.
    pub kept: String,
    pub other: String,
    pub kept_by: String,
    pub kept_at: DateTime<Utc>,
    pub other_by: String,
    pub other_at: DateTime<Utc>,
}

/// The conflicts a pull reported, as open ones.
pub fn opened(conflicts: &[Conflict]) -> Vec<Open> {
    conflicts
        .iter()
        .map(|c| {
            let (kept, other, kept_edit, other_edit) = match c.default {
                Side::Ours => (&c.ours, &c.theirs, &c.ours_edit, &c.theirs_edit),
                Side::Theirs => (&c.theirs, &c.ours, &c.theirs_edit, &c.ours_edit),
            };
            Open {
                key: c.key.clone(),
                collection: c.record.collection.to_owned(),
                id: c.record.id.clone(),
                label: c.record.label.clone(),
                field: c.field.clone(),
                kept: kept.clone(),
                other: other.clone(),
                kept_by: kept_edit.by.clone(),
                kept_at: kept_edit.at,
                other_by: other_edit.by.clone(),
                other_at: other_edit.at,
            }
        })
        .collect()
}

/// `open` with `new` added (a field met again replaces its older entry), and without those
/// that no longer hold in `d`.
pub fn joined(open: &[Open], new: Vec<Open>, d: &Dataset) -> Vec<Open> {
    let mut out: Vec<Open> = open
        .iter()
        .filter(|o| !new.iter().any(|n| n.key == o.key))
        .cloned()
        .collect();
    out.extend(new);
    out.retain(|o| holds(d, o));
    out
}

/// Whether `o` still stands in `d`: the record is there and the field holds the value the
/// join kept (an edit since, here or anywhere, settles it).
pub fn holds(d: &Dataset, o: &Open) -> bool {
    let Some(record) = find(d, &o.collection, &o.id) else {
        return false;
    };
    let kept = serde_json::from_str::<Value>(&o.kept).ok();
    value_at(&record, &o.field).as_ref() == kept.as_ref()
}

/// The record of `o` with the other value in its field: saved through the store, it is an
/// edit made now, so it wins everywhere it travels.
pub fn keep_other(d: &Dataset, o: &Open) -> Option<Record> {
    let record = find(d, &o.collection, &o.id)?;
    let other = serde_json::from_str::<Value>(&o.other).ok()?;
    with_value(&record, &o.field, other)
}

fn find(d: &Dataset, collection: &str, id: &str) -> Option<Record> {
    macro_rules! find {
        ($($kind:ident => $list:ident),*) => {
            match collection {
                $(c if c == $kind::COLLECTION => d
                    .$list
                    .iter()
                    .find(|r| r.meta.id == id)
                    .cloned()
                    .map(Record::$kind),)*
                _ => None,
            }
        };
    }
    find!(Programme => programmes, Organisation => organisations, Participation => participations, Coach => coaches, Event => events)
}

fn value_at(record: &Record, path: &str) -> Option<Value> {
    let mut at = record_value(record)?;
    for key in path.split('.') {
        at = at.get(key)?.clone();
    }
    Some(at)
}

fn with_value(record: &Record, path: &str, value: Value) -> Option<Record> {
    let mut whole = record_value(record)?;
    let mut at = &mut whole;
    for key in path.split('.') {
        at = at.get_mut(key)?;
    }
    *at = value;
    macro_rules! back {
        ($($kind:ident),*) => {
            match record {
                $(Record::$kind(_) => serde_json::from_value(whole).ok().map(Record::$kind),)*
            }
        };
    }
    back!(Programme, Organisation, Participation, Coach, Event)
}

fn record_value(record: &Record) -> Option<Value> {
    match record {
        Record::Programme(r) => serde_json::to_value(r).ok(),
        Record::Organisation(r) => serde_json::to_value(r).ok(),
        Record::Participation(r) => serde_json::to_value(r).ok(),
        Record::Coach(r) => serde_json::to_value(r).ok(),
        Record::Event(r) => serde_json::to_value(r).ok(),
    }
}

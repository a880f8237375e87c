//! Edits of one field made beside each other, met in a pull: the join kept the later one,
//! as for a file, but the other is not dropped silently. Each is kept open with both
//! values, who wrote them and when, until someone keeps the other (an edit made now, which
//! travels as any edit), keeps this one, or edits the field again.
//!
//! Only the browser whose pull joins the two edits meets the question: the other, pulling
//! the join later, sees its own edit seen and the later value win. So every browser shares
//! what it met, and what it put aside ("Låt stå kvar"), in its own document ([`Shared`]):
//! each shows the questions anyone met that no one put aside and whose kept value still
//! stands ([`shown`]). Both lists only ever hold questions that still stand, so they stay small.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::state::SyncState;
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
    /// The browsers that made the edits: with the times, what names the question.
    #[serde(default)]
    pub kept_browser: String,
    #[serde(default)]
    pub other_browser: String,
}

impl Open {
    /// The same two edits of the same field (whoever met them, whatever names they knew).
    pub fn same(&self, other: &Open) -> bool {
        self.key == other.key
            && self.kept_at == other.kept_at
            && self.other_at == other.other_at
            && self.kept_browser == other.kept_browser
            && self.other_browser == other.other_browser
    }
}

/// What a browser tells the others in its own document: the questions it met, and those
/// it put aside, still standing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<Open>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settled: Vec<Open>,
}

impl Shared {
    pub fn is_empty(&self) -> bool {
        self.open.is_empty() && self.settled.is_empty()
    }
}

/// What browser `me` shares: its questions still standing in `d`, less those anyone put aside.
pub fn shared(state: &SyncState, d: &Dataset, me: &str) -> Shared {
    let settled = settled_by_all(state, me);
    Shared {
        open: state
            .open
            .iter()
            .filter(|o| holds(d, o) && !settled.iter().any(|s| s.same(o)))
            .cloned()
            .collect(),
        settled: state
            .settled
            .iter()
            .filter(|o| holds(d, o))
            .cloned()
            .collect(),
    }
}

/// The questions to show: met here or by anyone, put aside by no one, still standing in `d`.
pub fn shown(state: &SyncState, d: &Dataset, me: &str) -> Vec<Open> {
    let settled = settled_by_all(state, me);
    let mut out: Vec<Open> = Vec::new();
    let others = state
        .others
        .iter()
        .filter(|(id, _)| id.as_str() != me)
        .flat_map(|(_, s)| &s.open);
    for o in state.open.iter().chain(others) {
        if holds(d, o) && !settled.iter().any(|s| s.same(o)) && !out.iter().any(|x| x.same(o)) {
            out.push(o.clone());
        }
    }
    out.sort_by(|a, b| (&a.key, a.other_at).cmp(&(&b.key, b.other_at)));
    out
}

/// "Låt stå kvar" on the field `key`: every question about it shown here is put aside, and
/// the others learn it from this browser's document.
pub fn settle(state: &mut SyncState, d: &Dataset, me: &str, key: &str) {
    let aside: Vec<Open> = shown(state, d, me)
        .into_iter()
        .filter(|o| o.key == key)
        .collect();
    state.open.retain(|o| !aside.iter().any(|a| a.same(o)));
    state.settled.retain(|o| holds(d, o));
    state.settled.extend(aside);
}

/// Questions forgotten that no longer stand (an edit settled them) or that anyone put aside.
pub fn tidy(state: &mut SyncState, d: &Dataset) {
    state.settled.retain(|o| holds(d, o));
    let aside: Vec<Open> = state
        .others
        .values()
        .flat_map(|s| &s.settled)
        .chain(&state.settled)
        .cloned()
        .collect();
    state
        .open
        .retain(|o| holds(d, o) && !aside.iter().any(|s| s.same(o)));
}

fn settled_by_all<'a>(state: &'a SyncState, me: &str) -> Vec<&'a Open> {
    let others = state
        .others
        .iter()
        .filter(|(id, _)| id.as_str() != me)
        .flat_map(|(_, s)| &s.settled);
    state.settled.iter().chain(others).collect()
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
                kept_browser: kept_edit.browser.clone(),
                other_browser: other_edit.browser.clone(),
            }
        })
        .collect()
}

/// `open` with `new` added (a field met again replaces its older entry): what a browser has
/// met after a pull, before [`tidy`] forgets what no longer stands.
pub fn joined(open: &[Open], new: Vec<Open>) -> Vec<Open> {
    let mut out: Vec<Open> = open
        .iter()
        .filter(|o| !new.iter().any(|n| n.key == o.key))
        .cloned()
        .collect();
    out.extend(new);
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

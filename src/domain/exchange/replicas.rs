//! The dataset as the merge sees it, and the stamping of every local edit.
//!
//! [`to_replicas`] takes a dataset apart into one [`Replica`] per collection (its shown
//! and removed records, each with fields and versions) and [`from_replicas`] puts one
//! back together. [`stamp_edit`] gives every change made in this browser its versions:
//! the store calls it after each change, undo and redo, so that an undo is a new edit.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::join::{self, Presence, Replica};
use super::migrate::COLLECTIONS;
use super::versions::{Stamp, Versions, KEPT};
use crate::domain::model::*;
use crate::domain::seed::builtin_dataset;

/// The collection's name in a [`Record`] (`participation`) for its name in the file.
fn singular(collection: &str) -> &str {
    match collection {
        "programmes" => "programme",
        "organisations" => "organisation",
        "participations" => "participation",
        "coaches" => "coach",
        _ => "event",
    }
}

/// A record's JSON without its versions, and its versions without the keep stamp.
fn split_record(mut json: Value) -> (String, Value, Versions, Option<Stamp>) {
    let mut versions: Versions = json
        .as_object_mut()
        .and_then(|m| m.remove("versions"))
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let kept = versions.remove(KEPT);
    let id = json["id"].as_str().unwrap_or_default().to_owned();
    (id, json, versions, kept)
}

/// Each collection of `d` (in [`COLLECTIONS`] order) with its shown and removed records.
pub fn to_replicas(d: &Dataset) -> Vec<Replica> {
    let mut tree = serde_json::to_value(d).unwrap_or(Value::Null);
    let mut removed: Vec<Value> = match tree.get_mut("removed").map(Value::take) {
        Some(Value::Array(list)) => list,
        _ => Vec::new(),
    };
    COLLECTIONS
        .iter()
        .map(|name| {
            let shown = match tree.get_mut(*name).map(Value::take) {
                Some(Value::Array(list)) => list,
                _ => Vec::new(),
            };
            let mut records: Vec<join::Record> = shown
                .into_iter()
                .map(|r| {
                    let (id, fields, versions, kept) = split_record(r);
                    join::Record {
                        id,
                        fields,
                        versions,
                        presence: kept.map(|stamp| Presence {
                            removed: false,
                            stamp,
                        }),
                    }
                })
                .collect();
            for entry in removed.iter_mut() {
                if entry["record"]["collection"] != singular(name) {
                    continue;
                }
                let Ok(stamp) = serde_json::from_value::<Stamp>(entry["stamp"].take()) else {
                    continue;
                };
                let (id, fields, versions, _) = split_record(entry["record"]["record"].take());
                records.push(join::Record {
                    id,
                    fields,
                    versions,
                    presence: Some(Presence {
                        removed: true,
                        stamp,
                    }),
                });
            }
            Replica {
                records,
                context: d.context.clone(),
            }
        })
        .collect()
}

/// Where the built-in records of each collection sit, for [`join::canonical_order`].
pub fn builtin_ranks() -> Vec<BTreeMap<String, usize>> {
    let tree = serde_json::to_value(builtin_dataset()).unwrap_or(Value::Null);
    COLLECTIONS
        .iter()
        .map(|name| {
            tree[*name]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
                .filter_map(|(i, r)| Some((r["id"].as_str()?.to_owned(), i)))
                .collect()
        })
        .collect()
}

/// `template` (its sources, names and format) with the records of `replicas` and
/// `context`; None if the records do not read as this format's (they always do when
/// they came from datasets of it).
pub fn from_replicas(
    template: &Dataset,
    replicas: Vec<Replica>,
    context: crate::domain::model::Context,
) -> Option<Dataset> {
    let mut tree = serde_json::to_value(template).ok()?;
    let mut removed = Vec::new();
    for (name, replica) in COLLECTIONS.iter().zip(replicas) {
        let mut shown = Vec::new();
        for r in replica.records {
            let mut json = r.fields;
            let mut versions = r.versions;
            match r.presence {
                Some(Presence {
                    removed: true,
                    stamp,
                }) => {
                    insert_versions(&mut json, &versions);
                    removed.push(serde_json::json!({
                        "stamp": stamp,
                        "record": {"collection": singular(name), "record": json},
                    }));
                    continue;
                }
                Some(Presence { stamp, .. }) => {
                    versions.insert(KEPT.to_owned(), stamp);
                }
                None => {}
            }
            insert_versions(&mut json, &versions);
            shown.push(json);
        }
        tree[*name] = Value::Array(shown);
    }
    tree["removed"] = Value::Array(removed);
    tree["context"] = serde_json::to_value(&context).ok()?;
    serde_json::from_value(tree).ok()
}

fn insert_versions(json: &mut Value, versions: &Versions) {
    if let (Some(m), false) = (json.as_object_mut(), versions.is_empty()) {
        if let Ok(v) = serde_json::to_value(versions) {
            m.insert("versions".into(), v);
        }
    }
}

/// Gives the change from `before` to `after`, made in this browser at `now`, its
/// versions: each changed field, each new record and each removal gets one new stamp;
/// the rest keeps the versions it had in `before` (whatever versions `after` carries: an
/// undo puts old values back as a new edit, it does not roll back versions). Removed
/// records are kept, as removed, with the stamp.
pub fn stamp_edit(before: &Dataset, after: &mut Dataset, browser: &str, now: DateTime<Utc>) {
    let stamp = before.context.clone().next(browser, now);
    let mut used = false;
    let mut removed = Vec::new();
    let mut s = Stamping {
        stamp: &stamp,
        used: &mut used,
        removed_before: &before.removed,
        removed: &mut removed,
    };
    s.list(
        &before.programmes,
        &mut after.programmes,
        Record::Programme,
        |r| match r {
            Record::Programme(x) => Some(x),
            _ => None,
        },
    );
    s.list(
        &before.organisations,
        &mut after.organisations,
        Record::Organisation,
        |r| match r {
            Record::Organisation(x) => Some(x),
            _ => None,
        },
    );
    s.list(
        &before.participations,
        &mut after.participations,
        Record::Participation,
        |r| match r {
            Record::Participation(x) => Some(x),
            _ => None,
        },
    );
    s.list(
        &before.coaches,
        &mut after.coaches,
        Record::Coach,
        |r| match r {
            Record::Coach(x) => Some(x),
            _ => None,
        },
    );
    s.list(
        &before.events,
        &mut after.events,
        Record::Event,
        |r| match r {
            Record::Event(x) => Some(x),
            _ => None,
        },
    );
    after.removed = removed;
    after.context = before.context.clone();
    if used {
        after.context.observe(&stamp);
    }
    let mut browsers = before.browsers.clone();
    browsers.extend(after.browsers.clone());
    after.browsers = browsers;
}

struct Stamping<'a> {
    stamp: &'a Stamp,
    used: &'a mut bool,
    removed_before: &'a [Removed],
    removed: &'a mut Vec<Removed>,
}

fn fields_of<T: Serialize>(record: &T) -> Value {
    // Through text, not `to_value`: the store already writes every record as text, and
    // a second serialiser for each kind of record would add to the wasm every page loads.
    let mut json = serde_json::to_string(record)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null);
    if let Some(m) = json.as_object_mut() {
        m.remove("versions");
    }
    json
}

fn as_join<T: Serialize + HasMeta>(record: &T) -> join::Record {
    let mut versions = record.meta().versions.clone();
    versions.remove(KEPT);
    join::Record {
        id: record.meta().id.clone(),
        fields: fields_of(record),
        versions,
        presence: None,
    }
}

impl Stamping<'_> {
    fn list<T: Serialize + HasMeta + Clone + PartialEq>(
        &mut self,
        before: &[T],
        after: &mut [T],
        wrap: fn(T) -> Record,
        unwrap: fn(&Record) -> Option<&T>,
    ) {
        // Most changes leave every record where it was: compare them in place, and look
        // records up by id only when the lists differ in their ids.
        let aligned = before.len() == after.len()
            && before
                .iter()
                .zip(after.iter())
                .all(|(b, a)| b.meta().id == a.meta().id);
        let by_id: BTreeMap<&str, &T> = if aligned {
            BTreeMap::new()
        } else {
            before.iter().map(|r| (r.meta().id.as_str(), r)).collect()
        };
        let hidden: BTreeMap<&str, &T> = self
            .removed_before
            .iter()
            .filter_map(|r| unwrap(&r.record))
            .map(|r| (r.meta().id.as_str(), r))
            .collect();
        let mut shown = BTreeSet::new();
        for (i, record) in after.iter_mut().enumerate() {
            let old = if aligned {
                before.get(i)
            } else {
                by_id.get(record.meta().id.as_str()).copied()
            };
            if !aligned || !hidden.is_empty() {
                shown.insert(record.meta().id.clone());
            }
            if let Some(old) = old {
                if record.meta().versions == old.meta().versions && *record == *old {
                    continue;
                }
                let kept = old.meta().versions.get(KEPT).cloned();
                record.meta_mut().versions = old.meta().versions.clone();
                if *record == *old {
                    continue;
                }
                let mut versions =
                    join::restamp(Some(&as_join(old)), &fields_of(record), self.stamp);
                if versions != as_join(old).versions {
                    *self.used = true;
                }
                if let Some(k) = kept {
                    versions.insert(KEPT.to_owned(), k);
                }
                record.meta_mut().versions = versions;
            } else if let Some(old) = hidden.get(record.meta().id.as_str()) {
                // Shown again (an undone removal): later than the removal, wherever it went.
                let mut versions =
                    join::restamp(Some(&as_join(*old)), &fields_of(record), self.stamp);
                versions.insert(KEPT.to_owned(), self.stamp.clone());
                record.meta_mut().versions = versions;
                *self.used = true;
            } else {
                record.meta_mut().versions = join::restamp(None, &fields_of(record), self.stamp);
                *self.used = true;
            }
        }
        if aligned && hidden.is_empty() {
            // Nothing removed, nothing to bring back.
            self.removed.extend(
                self.removed_before
                    .iter()
                    .filter(|r| unwrap(&r.record).is_some())
                    .cloned(),
            );
            return;
        }
        for old in before.iter().filter(|r| !shown.contains(&r.meta().id)) {
            *self.used = true;
            self.removed.push(Removed {
                stamp: self.stamp.clone(),
                record: wrap(old.clone()),
            });
        }
        for entry in self.removed_before {
            if let Some(r) = unwrap(&entry.record) {
                if !shown.contains(&r.meta().id) {
                    self.removed.push(entry.clone());
                }
            }
        }
    }
}

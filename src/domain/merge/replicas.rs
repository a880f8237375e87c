//! Both sides of a merge taken apart, and the merged dataset put back together.
//!
//! Most records of two datasets that share their history are alike on both sides, and
//! the join of alike records is the record itself. [`split`] keeps those as they are
//! (typed, so nothing is converted), and turns only the rest (records that differ, exist
//! on one side only, or were removed) into the JSON [`Replica`]s the join works on;
//! [`assemble`] puts the join's records back among the alike ones, in canonical order.
//! Converting every record to JSON and back would cost more than the join itself.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::join::{self, Presence, Replica};
use crate::domain::model::kinds::Kind;
use crate::domain::model::versions::{KEPT, WHOLE};
use crate::domain::model::*;
use crate::domain::seed::builtin_dataset;

/// A record's fields as the join sees them: its JSON without its versions.
pub(super) fn fields_of<T: Serialize>(record: &T) -> Value {
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

/// A shown record as the join sees it: its keep stamp, if any, as its presence.
pub(super) fn as_join<T: Kind>(record: &T) -> join::Record {
    let mut versions = record.meta().versions.clone();
    let kept = versions.remove(KEPT);
    join::Record {
        id: record.meta().id.clone(),
        fields: fields_of(record),
        versions,
        presence: kept.map(|stamp| Presence {
            removed: false,
            stamp,
        }),
    }
}

/// The typed record for a join record's fields and versions (None: they do not read as
/// one; they always do when they came from datasets of this format).
fn typed<T: Kind>(mut fields: Value, versions: &Versions) -> Option<T> {
    if let (Some(m), false) = (fields.as_object_mut(), versions.is_empty()) {
        m.insert("versions".into(), serde_json::to_value(versions).ok()?);
    }
    serde_json::from_value(fields).ok()
}

/// Both sides of a merge: the records alike on both, and the rest of each.
pub struct Parts {
    /// A dataset whose lists hold the records shown alike on both sides (nothing else).
    pub alike: Dataset,
    /// Per collection, in `kinds::COLLECTIONS` order: the other records of
    /// each side, shown and removed, with its context.
    pub ours: Vec<Replica>,
    pub theirs: Vec<Replica>,
}

pub fn split(ours: &Dataset, theirs: &Dataset) -> Parts {
    let mut parts = Parts {
        alike: Dataset::empty(),
        ours: Vec::new(),
        theirs: Vec::new(),
    };
    split_list::<Programme>(ours, theirs, &mut parts);
    split_list::<Organisation>(ours, theirs, &mut parts);
    split_list::<Participation>(ours, theirs, &mut parts);
    split_list::<Coach>(ours, theirs, &mut parts);
    split_list::<Event>(ours, theirs, &mut parts);
    parts
}

fn split_list<T: Kind>(ours: &Dataset, theirs: &Dataset, parts: &mut Parts) {
    let removed: BTreeSet<&str> = ours
        .removed
        .iter()
        .chain(&theirs.removed)
        .filter_map(|r| T::unwrap(&r.record))
        .map(|r| r.meta().id.as_str())
        .collect();
    let (o, t) = (T::list(ours), T::list(theirs));
    // Both sides usually list their records in the same order: compare in place first.
    let by_id: BTreeMap<&str, &T> = t.iter().map(|r| (r.meta().id.as_str(), r)).collect();
    let mut alike = BTreeSet::new();
    for (i, r) in o.iter().enumerate() {
        let id = r.meta().id.as_str();
        let other = match t.get(i) {
            Some(x) if x.meta().id == id => Some(x),
            _ => by_id.get(id).copied(),
        };
        if other == Some(r) && !removed.contains(id) {
            alike.insert(id);
            T::list_mut(&mut parts.alike).push(r.clone());
        }
    }
    parts.ours.push(rest::<T>(ours, &alike));
    parts.theirs.push(rest::<T>(theirs, &alike));
}

/// `d`'s records of kind `T` but the `alike` ones, shown and removed.
fn rest<T: Kind>(d: &Dataset, alike: &BTreeSet<&str>) -> Replica {
    let mut records: Vec<join::Record> = T::list(d)
        .iter()
        .filter(|r| !alike.contains(r.meta().id.as_str()))
        .map(as_join)
        .collect();
    records.extend(d.removed.iter().filter_map(|entry| {
        let r = T::unwrap(&entry.record)?;
        let mut record = as_join(r);
        record.presence = Some(Presence {
            removed: true,
            stamp: entry.stamp.clone(),
        });
        Some(record)
    }));
    Replica {
        records,
        context: d.context.clone(),
    }
}

/// `template` (its sources, names and format) with `alike`'s records and those of
/// `replicas` among them, in canonical order, and `context`. None if a record does not
/// read as this format's.
pub fn assemble(
    template: &Dataset,
    mut alike: Dataset,
    replicas: Vec<Replica>,
    context: Context,
) -> Option<Dataset> {
    let mut out = Dataset {
        format: template.format.clone(),
        schema_version: template.schema_version,
        browsers: template.browsers.clone(),
        sources: template.sources.clone(),
        context,
        ..Dataset::empty()
    };
    let mut replicas = replicas.into_iter();
    let ranks = builtin_ranks();
    assemble_list::<Programme>(&mut alike, replicas.next()?, &ranks, &mut out)?;
    assemble_list::<Organisation>(&mut alike, replicas.next()?, &ranks, &mut out)?;
    assemble_list::<Participation>(&mut alike, replicas.next()?, &ranks, &mut out)?;
    assemble_list::<Coach>(&mut alike, replicas.next()?, &ranks, &mut out)?;
    assemble_list::<Event>(&mut alike, replicas.next()?, &ranks, &mut out)?;
    Some(out)
}

fn assemble_list<T: Kind>(
    alike: &mut Dataset,
    replica: Replica,
    ranks: &Ranks,
    out: &mut Dataset,
) -> Option<()> {
    let mut shown = std::mem::take(T::list_mut(alike));
    let mut hidden = Vec::new();
    for r in replica.records {
        let mut versions = r.versions;
        match r.presence {
            Some(Presence {
                removed: true,
                stamp,
            }) => {
                hidden.push((typed::<T>(r.fields, &versions)?, stamp));
                continue;
            }
            Some(Presence { stamp, .. }) => {
                versions.insert(KEPT.to_owned(), stamp);
            }
            None => {}
        }
        shown.push(typed::<T>(r.fields, &versions)?);
    }
    let rank = |id: &str| ranks.get(T::COLLECTION)?.get(id).copied();
    join::canonical_order(
        &mut shown,
        |r| (&r.meta().id, r.meta().versions.get(WHOLE)),
        &rank,
    );
    *T::list_mut(out) = shown;
    out.removed
        .extend(hidden.into_iter().map(|(r, stamp)| Removed {
            stamp,
            record: r.wrap(),
        }));
    sort_removed(&mut out.removed);
    Some(())
}

/// The one order of removed records, however they came together: in the order they
/// were removed, then by kind and id. Merges and local removals both keep it, so that
/// merging what one already has changes nothing, byte for byte.
pub(super) fn sort_removed(removed: &mut [Removed]) {
    let key = |r: &Removed| (r.record.collection() as u8, r.record.meta().id.clone());
    removed.sort_by(|a, b| {
        a.stamp
            .cmp_later(&b.stamp)
            .then_with(|| key(a).cmp(&key(b)))
    });
}

/// Where the built-in records of each collection sit, by collection name.
pub type Ranks = BTreeMap<&'static str, BTreeMap<String, usize>>;

pub fn builtin_ranks() -> Ranks {
    fn ranks<T: Kind>(d: &Dataset, out: &mut Ranks) {
        let list = T::list(d).iter().enumerate();
        out.insert(
            T::COLLECTION,
            list.map(|(i, r)| (r.meta().id.clone(), i)).collect(),
        );
    }
    let d = builtin_dataset();
    let mut out = Ranks::new();
    ranks::<Programme>(&d, &mut out);
    ranks::<Organisation>(&d, &mut out);
    ranks::<Participation>(&d, &mut out);
    ranks::<Coach>(&d, &mut out);
    ranks::<Event>(&d, &mut out);
    out
}

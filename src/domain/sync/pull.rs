//! Documents from the server joined into the dataset.
//!
//! Pulled records are merged as an imported file's are (`merge::preview`), but only with
//! the records they are about: the local records of the same ids (live or removed) are the
//! one side, the documents the other, and the rows that the join changed are put into the
//! dataset (`rows::patch`). Documents written with the same context (one push of one
//! browser) are joined together; each has the context its writer had, so an edit made after
//! seeing ours replaces ours silently, and only edits made beside each other are conflicts.
//!
//! A document with several leaves (a CouchDB conflict) has each leaf joined in; the next
//! push writes the join on the winning revision and deletes the others.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::docs::{browser_text, digest, Body, BROWSERS};
use super::open::{joined, opened, tidy};
use super::state::{Known, SyncState};
use crate::domain::exchange::migrate::Stored;
use crate::domain::merge::preview::{join_reporting, Conflict};
use crate::domain::model::kinds::Kind;
use crate::domain::model::*;
use crate::domain::rows::{self, HEAD};

/// One document as the server gives it: from `_changes` with `include_docs`, or read with
/// its leaves after a 409 or when `_changes` names conflicts.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerDoc {
    pub id: String,
    pub rev: String,
    pub deleted: bool,
    /// The whole document, `_id` and `_rev` included.
    pub body: Value,
    /// Its other leaves, each with its body: a CouchDB conflict.
    pub leaves: Vec<ServerDoc>,
}

/// A document left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// Not a document of this app (another app's, or a design document).
    NotOurs(String),
    /// Written by a newer version of the app (its format version).
    Newer(String, u32),
    /// Ours, but it does not read: what is wrong.
    Unreadable(String, String),
}

/// What a pull did.
#[derive(Debug, Default)]
pub struct Pulled {
    /// The dataset with the documents joined in, if they changed anything.
    pub dataset: Option<Dataset>,
    /// Fields edited here and there beside each other: the join kept the later edit.
    pub conflicts: Vec<Conflict>,
    pub skipped: Vec<Skipped>,
}

/// Joins `docs` into `local`, and notes in `state` what the server holds, the questions
/// the join met (`open`) and those other browsers share. A document this browser cannot
/// read is never written over by mistake: its content counts as unknown, so ours goes out
/// only where we have the record.
pub fn apply(local: &Dataset, state: &mut SyncState, docs: &[ServerDoc]) -> Pulled {
    let mut pulled = Pulled::default();
    let mut current: Option<Dataset> = None;
    // Leaves of one document cannot be joined in one pass (one id, twice): round k takes
    // each document's k-th body.
    let rounds = docs.iter().map(|d| d.leaves.len() + 1).max().unwrap_or(0);
    for round in 0..rounds {
        let bodies: Vec<&ServerDoc> = docs
            .iter()
            .filter_map(|d| {
                if round == 0 {
                    Some(d)
                } else {
                    d.leaves.get(round - 1)
                }
            })
            .collect();
        for group in groups(&bodies, state, &mut pulled.skipped) {
            let base = current.as_ref().unwrap_or(local);
            if let Some(next) = join_group(base, &group, state, &mut pulled) {
                current = Some(next);
            }
        }
    }
    for doc in docs.iter().filter(|d| !d.leaves.is_empty()) {
        let losing = doc
            .leaves
            .iter()
            .filter(|l| !l.deleted)
            .map(|l| l.rev.clone())
            .collect();
        state.known.insert(
            doc.id.clone(),
            Known {
                rev: doc.rev.clone(),
                digest: 0,
                losing,
                newer: None,
            },
        );
    }
    // What each browser shares of its questions: its document's winning revision.
    for doc in docs.iter().filter(|d| !d.deleted) {
        if let Some(owner) = doc.id.strip_prefix(BROWSERS) {
            if let Ok(body) = serde_json::from_value::<Body>(doc.body.clone()) {
                if body.format == FORMAT && body.schema <= SCHEMA_VERSION {
                    state.others.insert(owner.to_owned(), body.questions);
                }
            }
        }
    }
    let after = current.as_ref().unwrap_or(local);
    state.open = joined(&state.open, opened(&pulled.conflicts));
    tidy(state, after);
    pulled.dataset = current;
    pulled
}

/// Documents written with one context, read as one dataset.
#[derive(Default)]
struct Group {
    schema: u32,
    context: Context,
    browsers: BTreeMap<String, String>,
    rows: Vec<(String, String)>,
    revs: HashMap<String, String>,
}

fn groups(docs: &[&ServerDoc], state: &mut SyncState, skipped: &mut Vec<Skipped>) -> Vec<Group> {
    let mut groups: BTreeMap<(u32, String), Group> = BTreeMap::new();
    for doc in docs {
        if doc.id.starts_with('_') {
            continue;
        }
        if doc.deleted {
            // Deleted by something other than this app: ours goes back over it.
            state.known.insert(doc.id.clone(), unknown(&doc.rev));
            continue;
        }
        let body = match serde_json::from_value::<Body>(doc.body.clone()) {
            Ok(b) if b.format == FORMAT => b,
            _ => {
                // Under one of our ids, ours goes over it where we have the record (else
                // every push of it would meet a 409 again).
                state.known.insert(doc.id.clone(), unknown(&doc.rev));
                skipped.push(Skipped::NotOurs(doc.id.clone()));
                continue;
            }
        };
        if body.schema > SCHEMA_VERSION {
            skipped.push(Skipped::Newer(doc.id.clone(), body.schema));
            state.known.insert(
                doc.id.clone(),
                Known {
                    newer: Some(body.schema),
                    ..unknown(&doc.rev)
                },
            );
            continue;
        }
        let key = (
            body.schema,
            serde_json::to_string(&body.context).unwrap_or_default(),
        );
        let group = groups.entry(key).or_insert_with(|| Group {
            schema: body.schema,
            context: body.context.clone(),
            ..Group::default()
        });
        if let Some(owner) = doc.id.strip_prefix(BROWSERS) {
            let name = body.name.clone().unwrap_or_default();
            let edits = body.context.seen.get(owner).copied().unwrap_or_default();
            // As this browser would write it, were it the owner: its own document pulled
            // back is not news to push again.
            state.known.insert(
                doc.id.clone(),
                Known {
                    digest: digest(&browser_text(&name, edits, &body.questions)),
                    ..unknown(&doc.rev)
                },
            );
            if !name.is_empty() {
                group.browsers.insert(owner.to_owned(), name);
            }
            continue;
        }
        match body.row {
            Some(row) if rows::is_record(&doc.id) => {
                group.rows.push((doc.id.clone(), row.to_string()));
                group.revs.insert(doc.id.clone(), doc.rev.clone());
            }
            _ => {
                state.known.insert(doc.id.clone(), unknown(&doc.rev));
                skipped.push(Skipped::Unreadable(doc.id.clone(), "no row".to_owned()));
            }
        }
    }
    groups.into_values().collect()
}

fn unknown(rev: &str) -> Known {
    Known {
        rev: rev.to_owned(),
        digest: 0,
        losing: Vec::new(),
        newer: None,
    }
}

/// `base` with `group` joined in, if that changes it.
fn join_group(
    base: &Dataset,
    group: &Group,
    state: &mut SyncState,
    pulled: &mut Pulled,
) -> Option<Dataset> {
    let mut all = vec![(
        HEAD.to_owned(),
        rows::head_text(group.schema, &group.context, &group.browsers),
    )];
    all.extend(group.rows.iter().cloned());
    let read = rows::read_rows(&all);
    for (id, why) in read.aside {
        if let Some(rev) = group.revs.get(&id) {
            state.known.insert(id.clone(), unknown(rev));
        }
        pulled.skipped.push(Skipped::Unreadable(id, why));
    }
    let incoming = match read.stored {
        Stored::Ready { dataset, .. } => dataset,
        Stored::Unreadable(u) => {
            for (id, rev) in &group.revs {
                state.known.insert(id.clone(), unknown(rev));
                pulled
                    .skipped
                    .push(Skipped::Unreadable(id.clone(), format!("{u:?}")));
            }
            return None;
        }
        Stored::Empty => return None,
    };
    let theirs: Vec<(String, String)> = rows::rows(&incoming)
        .into_iter()
        .filter(|(key, _)| rows::is_record(key))
        .collect();
    for (id, text) in &theirs {
        if let Some(rev) = group.revs.get(id) {
            state.known.insert(
                id.clone(),
                Known {
                    rev: rev.clone(),
                    digest: digest(text),
                    losing: Vec::new(),
                    newer: None,
                },
            );
        }
    }
    let wanted: HashSet<&str> = theirs.iter().map(|(k, _)| rows::record_of(k)).collect();
    let ours = only(base, &wanted);
    let (joined, conflicts) = join_reporting(&ours, &incoming);
    pulled.conflicts.extend(conflicts);
    let changes: Vec<rows::RowChange> = rows::delta(&ours, &joined)
        .into_iter()
        .filter(|(key, _)| key == HEAD || rows::is_record(key))
        .collect();
    if changes.is_empty() {
        return None;
    }
    let mut next = base.clone();
    rows::patch(&mut next, &changes).ok()?;
    Some(next)
}

/// `d` with only the records (live or removed) whose `list/id` is in `wanted`.
fn only(d: &Dataset, wanted: &HashSet<&str>) -> Dataset {
    fn pick<T: Kind>(list: &[T], wanted: &HashSet<&str>) -> Vec<T> {
        list.iter()
            .filter(|r| wanted.contains(format!("{}/{}", T::COLLECTION, r.meta().id).as_str()))
            .cloned()
            .collect()
    }
    Dataset {
        format: d.format.clone(),
        schema_version: d.schema_version,
        exported_at: None,
        context: d.context.clone(),
        browsers: d.browsers.clone(),
        sources: d
            .sources
            .iter()
            .filter(|s| wanted.contains(format!("sources/{}", s.id).as_str()))
            .cloned()
            .collect(),
        programmes: pick(&d.programmes, wanted),
        organisations: pick(&d.organisations, wanted),
        participations: pick(&d.participations, wanted),
        coaches: pick(&d.coaches, wanted),
        events: pick(&d.events, wanted),
        removed: d
            .removed
            .iter()
            .filter(|r| {
                let key = format!("{}/{}", rows::list_of(&r.record), r.record.meta().id);
                wanted.contains(key.as_str())
            })
            .cloned()
            .collect(),
    }
}

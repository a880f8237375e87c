//! Every change to a dataset, as a value: put a record, remove one, or replace the
//! whole dataset. Applying a change returns its inverse, which is what undo applies;
//! because changes name records by id, a change made in one tab applies cleanly on
//! top of what another tab saved meanwhile.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::*;

/// One record of any collection.
// Changes are made one at a time by a person, so their size in memory does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "collection", content = "record", rename_all = "snake_case")]
pub enum Record {
    Programme(Programme),
    Organisation(Organisation),
    Participation(Participation),
    Coach(Coach),
    Event(Event),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    Programme,
    Organisation,
    Participation,
    Coach,
    Event,
}

#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// Replace the record with the same id in place, or insert it (at `at`, else at the end).
    Put {
        record: Record,
        at: Option<usize>,
    },
    Remove {
        collection: Collection,
        id: String,
    },
    ReplaceAll {
        dataset: Box<Dataset>,
    },
    /// An imported file (replaced or merged): applied like `ReplaceAll`, told apart
    /// so the user hears "imported" and "import undone".
    Import {
        dataset: Box<Dataset>,
    },
    /// Several changes that stand or fall, and are undone, together.
    Many {
        changes: Vec<Change>,
    },
}

/// What a change did, for announcements and the undo button's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Edit,
    Remove,
    Reset,
    Import,
}

impl Change {
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::Put { .. } => ChangeKind::Edit,
            Change::Remove { .. } => ChangeKind::Remove,
            Change::ReplaceAll { .. } => ChangeKind::Reset,
            Change::Import { .. } => ChangeKind::Import,
            Change::Many { changes } => changes
                .iter()
                .map(Change::kind)
                .max()
                .unwrap_or(ChangeKind::Edit),
        }
    }

    /// Whether the change throws data away, so its undo must survive a reload.
    pub fn is_destructive(&self) -> bool {
        match self {
            Change::Put { .. } => false,
            Change::Many { changes } => changes.iter().any(Change::is_destructive),
            Change::Remove { .. } | Change::ReplaceAll { .. } | Change::Import { .. } => true,
        }
    }
}

impl Record {
    pub fn collection(&self) -> Collection {
        match self {
            Record::Programme(_) => Collection::Programme,
            Record::Organisation(_) => Collection::Organisation,
            Record::Participation(_) => Collection::Participation,
            Record::Coach(_) => Collection::Coach,
            Record::Event(_) => Collection::Event,
        }
    }

    pub fn meta(&self) -> &Meta {
        match self {
            Record::Programme(r) => &r.meta,
            Record::Organisation(r) => &r.meta,
            Record::Participation(r) => &r.meta,
            Record::Coach(r) => &r.meta,
            Record::Event(r) => &r.meta,
        }
    }

    fn meta_mut(&mut self) -> &mut Meta {
        match self {
            Record::Programme(r) => &mut r.meta,
            Record::Organisation(r) => &mut r.meta,
            Record::Participation(r) => &mut r.meta,
            Record::Coach(r) => &mut r.meta,
            Record::Event(r) => &mut r.meta,
        }
    }

    /// The same record with other free notes.
    pub fn with_notes(mut self, notes: String) -> Record {
        self.meta_mut().notes = notes;
        self
    }

    /// The record as changed by a person at `now`: newer than anything it replaces.
    pub fn touched(mut self, now: DateTime<Utc>) -> Record {
        let meta = self.meta_mut();
        meta.updated_at = now;
        meta.source = Origin::User;
        self
    }
}

/// Applies `change` to `d` and returns the change that undoes it.
pub fn apply(d: &mut Dataset, change: Change) -> Change {
    match change {
        Change::Put { record, at } => match record {
            Record::Programme(r) => put(
                &mut d.programmes,
                r,
                at,
                Record::Programme,
                Collection::Programme,
            ),
            Record::Organisation(r) => put(
                &mut d.organisations,
                r,
                at,
                Record::Organisation,
                Collection::Organisation,
            ),
            Record::Participation(r) => put(
                &mut d.participations,
                r,
                at,
                Record::Participation,
                Collection::Participation,
            ),
            Record::Coach(r) => put(&mut d.coaches, r, at, Record::Coach, Collection::Coach),
            Record::Event(r) => put(&mut d.events, r, at, Record::Event, Collection::Event),
        },
        Change::Remove { collection, id } => match collection {
            Collection::Programme => remove(&mut d.programmes, &id, Record::Programme, collection),
            Collection::Organisation => {
                remove(&mut d.organisations, &id, Record::Organisation, collection)
            }
            Collection::Participation => remove(
                &mut d.participations,
                &id,
                Record::Participation,
                collection,
            ),
            Collection::Coach => remove(&mut d.coaches, &id, Record::Coach, collection),
            Collection::Event => remove(&mut d.events, &id, Record::Event, collection),
        },
        Change::ReplaceAll { dataset } | Change::Import { dataset } => {
            let mut incoming = *dataset;
            // What the browser keeps has no export time; the file's is not part of the data.
            incoming.exported_at = None;
            let before = std::mem::replace(d, incoming);
            Change::ReplaceAll {
                dataset: Box::new(before),
            }
        }
        Change::Many { changes } => {
            let mut inverses: Vec<Change> = changes.into_iter().map(|c| apply(d, c)).collect();
            inverses.reverse();
            Change::Many { changes: inverses }
        }
    }
}

fn put<T: HasMeta>(
    list: &mut Vec<T>,
    record: T,
    at: Option<usize>,
    wrap: fn(T) -> Record,
    collection: Collection,
) -> Change {
    match list.iter().position(|r| r.meta().id == record.meta().id) {
        Some(i) => {
            let old = std::mem::replace(&mut list[i], record);
            Change::Put {
                record: wrap(old),
                at: None,
            }
        }
        None => {
            let id = record.meta().id.clone();
            let i = at.unwrap_or(list.len()).min(list.len());
            list.insert(i, record);
            Change::Remove { collection, id }
        }
    }
}

fn remove<T: HasMeta>(
    list: &mut Vec<T>,
    id: &str,
    wrap: fn(T) -> Record,
    collection: Collection,
) -> Change {
    match list.iter().position(|r| r.meta().id == id) {
        Some(i) => {
            let old = list.remove(i);
            Change::Put {
                record: wrap(old),
                at: Some(i),
            }
        }
        // Already gone (another tab removed it): undoing this removes nothing either.
        None => Change::Remove {
            collection,
            id: id.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::seed::builtin_dataset;

    fn now() -> DateTime<Utc> {
        "2026-11-27T10:00:00Z".parse().expect("time")
    }

    #[test]
    fn put_replaces_in_place_and_its_inverse_restores_the_old_record() {
        let mut d = builtin_dataset();
        let before = d.clone();
        let mut p = d.programmes[0].clone();
        p.meta.notes = "Anteckning".into();
        let inverse = apply(
            &mut d,
            Change::Put {
                record: Record::Programme(p).touched(now()),
                at: None,
            },
        );
        assert_eq!(d.programmes[0].meta.notes, "Anteckning");
        assert_eq!(d.programmes[0].meta.source, Origin::User);
        assert_eq!(d.programmes[0].meta.updated_at, now());
        apply(&mut d, inverse);
        assert_eq!(d, before);
    }

    #[test]
    fn remove_and_undo_put_the_record_back_where_it_was() {
        let mut d = builtin_dataset();
        let before = d.clone();
        let id = d.participations[3].meta.id.clone();
        let inverse = apply(
            &mut d,
            Change::Remove {
                collection: Collection::Participation,
                id: id.clone(),
            },
        );
        assert_eq!(d.participations.len(), before.participations.len() - 1);
        assert!(d.participations.iter().all(|p| p.meta.id != id));
        let redo = apply(&mut d, inverse);
        assert_eq!(d, before);
        apply(&mut d, redo);
        assert!(d.participations.iter().all(|p| p.meta.id != id));
    }

    #[test]
    fn inserting_a_new_record_is_undone_by_removing_it() {
        let mut d = builtin_dataset();
        let before = d.clone();
        let mut coach = d.coaches[0].clone();
        coach.meta.id = "coach-new".into();
        let inverse = apply(
            &mut d,
            Change::Put {
                record: Record::Coach(coach),
                at: None,
            },
        );
        assert_eq!(d.coaches.len(), 2);
        assert_eq!(
            inverse,
            Change::Remove {
                collection: Collection::Coach,
                id: "coach-new".into()
            }
        );
        apply(&mut d, inverse);
        assert_eq!(d, before);
    }

    #[test]
    fn replace_all_swaps_datasets_both_ways() {
        let mut d = builtin_dataset();
        d.programmes[0].meta.notes = "mine".into();
        let mine = d.clone();
        let inverse = apply(
            &mut d,
            Change::ReplaceAll {
                dataset: Box::new(builtin_dataset()),
            },
        );
        assert_eq!(d, builtin_dataset());
        assert!(inverse.is_destructive());
        apply(&mut d, inverse);
        assert_eq!(d, mine);
    }

    #[test]
    fn a_change_applies_on_top_of_another_tabs_edit_to_a_different_record() {
        let mut theirs = builtin_dataset();
        theirs.coaches[0].contact = "saved in the other tab".into();
        let mut p = builtin_dataset().programmes[1].clone();
        p.meta.notes = "mine".into();
        apply(
            &mut theirs,
            Change::Put {
                record: Record::Programme(p),
                at: None,
            },
        );
        assert_eq!(theirs.coaches[0].contact, "saved in the other tab");
        assert_eq!(theirs.programmes[1].meta.notes, "mine");
    }

    #[test]
    fn many_changes_apply_and_undo_together() {
        let mut d = builtin_dataset();
        let before = d.clone();
        let mut coach = d.coaches[0].clone();
        coach.meta.id = "coach-2".into();
        let id = d.participations[0].meta.id.clone();
        let many = Change::Many {
            changes: vec![
                Change::Put {
                    record: Record::Coach(coach),
                    at: None,
                },
                Change::Remove {
                    collection: Collection::Participation,
                    id,
                },
            ],
        };
        assert!(many.is_destructive());
        assert_eq!(many.kind(), ChangeKind::Remove);
        let inverse = apply(&mut d, many);
        assert_eq!((d.coaches.len(), d.participations.len()), (2, 26));
        apply(&mut d, inverse);
        assert_eq!(d, before);
    }

    #[test]
    fn changes_round_trip_through_json() {
        let change = Change::Remove {
            collection: Collection::Event,
            id: "e1".into(),
        };
        let json = serde_json::to_string(&change).expect("json");
        assert_eq!(json, r#"{"op":"remove","collection":"event","id":"e1"}"#);
        assert_eq!(
            serde_json::from_str::<Change>(&json).expect("parse"),
            change
        );
    }
}

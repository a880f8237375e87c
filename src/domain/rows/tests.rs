use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::change::{apply, Change, Collection};
use crate::domain::generate::generated_dataset;
use crate::domain::merge::stamping::stamp_edit;
use crate::domain::seed::builtin_dataset;

fn edited(before: &Dataset, change: Change) -> Dataset {
    let mut after = before.clone();
    apply(&mut after, change);
    let now = Utc.with_ymd_and_hms(2026, 12, 5, 10, 0, 0).unwrap();
    stamp_edit(before, &mut after, "b1", now);
    after
}

fn noted(d: &Dataset, i: usize) -> Change {
    let mut p = d.participations[i].clone();
    p.meta.notes = format!("anteckning {i}");
    Change::Put {
        record: Record::Participation(p),
        at: None,
    }
}

/// The rows of `before` with `changes` written and deleted, as a database would hold them.
fn written(before: &Dataset, changes: &[RowChange]) -> BTreeMap<String, String> {
    let mut rows: BTreeMap<String, String> = rows(before).into_iter().collect();
    for (key, row) in changes {
        match row {
            Some(text) => rows.insert(key.clone(), text.clone()),
            None => rows.remove(key),
        };
    }
    rows
}

fn read_back(rows: &BTreeMap<String, String>) -> Dataset {
    let rows: Vec<(String, String)> = rows.clone().into_iter().collect();
    match read_rows(&rows).stored {
        Stored::Ready { dataset, .. } => dataset,
        other => panic!("did not read: {other:?}"),
    }
}

#[test]
fn the_rows_of_a_dataset_read_back_as_the_same_dataset() {
    for d in [builtin_dataset(), generated_dataset(2)] {
        let rows: BTreeMap<String, String> = rows(&d).into_iter().collect();
        assert_eq!(read_back(&rows), d);
    }
}

#[test]
fn rows_in_any_order_read_in_the_order_their_list_keeps() {
    let d = builtin_dataset();
    let mut shuffled = rows(&d);
    shuffled.reverse();
    let read = |rows: &[(String, String)]| match read_rows(rows).stored {
        Stored::Ready { dataset, .. } => dataset,
        other => panic!("did not read: {other:?}"),
    };
    assert_eq!(read(&shuffled), d);

    // An order row that names a record twice, or one not there, and leaves some out (as a
    // write cut short could): each record once, those it names first, the rest by id.
    let ids: Vec<String> = d.organisations.iter().map(|o| o.meta.id.clone()).collect();
    let order = vec![
        ids[2].clone(),
        "gone".to_owned(),
        ids[2].clone(),
        ids[0].clone(),
    ];
    let mut rows = rows(&d);
    for (key, text) in &mut rows {
        if key == "order/organisations" {
            *text = serde_json::to_string(&order).unwrap();
        }
    }
    let mut rest: Vec<&String> = ids
        .iter()
        .filter(|id| ![&ids[0], &ids[2]].contains(id))
        .collect();
    rest.sort();
    let expected: Vec<&String> = [&ids[2], &ids[0]].into_iter().chain(rest).collect();
    let got = read(&rows);
    let got: Vec<&String> = got.organisations.iter().map(|o| &o.meta.id).collect();
    assert_eq!(got, expected);
}

#[test]
fn no_rows_read_as_nothing_stored() {
    assert_eq!(read_rows(&[]).stored, Stored::Empty);
}

#[test]
fn an_edit_writes_its_record_and_the_head_only() {
    let before = generated_dataset(2);
    let after = edited(&before, noted(&before, 3));
    let changes = delta(&before, &after);
    let keys: Vec<&str> = changes.iter().map(|(k, _)| k.as_str()).collect();
    let id = &before.participations[3].meta.id;
    assert_eq!(keys, [HEAD.to_owned(), format!("participations/{id}")]);
    assert_eq!(read_back(&written(&before, &changes)), after);
}

#[test]
fn removals_insertions_and_an_undone_removal_keep_each_list_in_order() {
    let d0 = builtin_dataset();
    let id = d0.participations[2].meta.id.clone();
    let d1 = edited(
        &d0,
        Change::Remove {
            collection: Collection::Participation,
            id: id.clone(),
        },
    );
    let c1 = delta(&d0, &d1);
    assert!(c1.contains(&(format!("participations/{id}"), None)));
    let rows1 = written(&d0, &c1);
    assert_eq!(read_back(&rows1), d1);
    // Undo puts it back where it was, and the removal entry goes.
    let back = Change::Put {
        record: Record::Participation(d0.participations[2].clone()),
        at: Some(2),
    };
    let d2 = edited(&d1, back);
    assert_eq!(d2.participations[2].meta.id, id);
    let c2 = delta(&d1, &d2);
    let mut rows2 = rows1.clone();
    for (key, row) in &c2 {
        match row {
            Some(text) => rows2.insert(key.clone(), text.clone()),
            None => rows2.remove(key),
        };
    }
    assert_eq!(read_back(&rows2), d2);
}

#[test]
fn a_replaced_dataset_deletes_the_rows_it_no_longer_has() {
    let (before, after) = (generated_dataset(2), builtin_dataset());
    let changes = delta(&before, &after);
    assert!(changes.iter().any(|(_, row)| row.is_none()));
    let rows = written(&before, &changes);
    assert_eq!(rows.len(), super::rows(&after).len());
    assert_eq!(read_back(&rows), after);
}

#[test]
fn the_same_dataset_writes_nothing() {
    let d = generated_dataset(1);
    assert!(delta(&d, &d.clone()).is_empty());
}

#[test]
fn another_tabs_rows_patch_this_tabs_dataset_to_theirs() {
    let d0 = generated_dataset(1);
    let d1 = edited(&d0, noted(&d0, 5));
    let id = d1.events[7].meta.id.clone();
    let d2 = edited(
        &d1,
        Change::Remove {
            collection: Collection::Event,
            id,
        },
    );
    let mut mine = d0.clone();
    patch(&mut mine, &delta(&d0, &d1)).expect("patch");
    patch(&mut mine, &delta(&d1, &d2)).expect("patch");
    assert_eq!(mine, d2);
}

#[test]
fn thousands_of_rows_patch_a_dataset_as_reading_them_all_would_and_the_last_change_counts() {
    let small = builtin_dataset();
    let big = generated_dataset(20);
    let mut mine = small.clone();
    patch(&mut mine, &delta(&small, &big)).expect("patch");
    assert_eq!(mine, big);

    // Without order rows (a pull): records in place, new ones after them, removed ones out.
    let mut d = generated_dataset(1);
    let mut changes: Vec<RowChange> = delta(&d, &edited(&d, noted(&d, 2)))
        .into_iter()
        .filter(|(k, _)| k.contains('/') && !k.starts_with("order/"))
        .collect();
    let gone = format!("events/{}", d.events[0].meta.id);
    let mut added = d.coaches[0].clone();
    added.meta.id = "coach-new".into();
    changes.push((
        "coaches/coach-new".into(),
        Some(serde_json::to_string(&added).unwrap()),
    ));
    changes.push((gone.clone(), None));
    changes.push((
        gone.clone(),
        Some(serde_json::to_string(&d.events[0]).unwrap()),
    ));
    changes.push((gone, None));
    let (events, coaches) = (d.events.len(), d.coaches.len());
    patch(&mut d, &changes).expect("patch");
    assert_eq!(d.participations[2].meta.notes, "anteckning 2", "in place");
    assert_eq!(d.coaches.len(), coaches + 1);
    assert_eq!(
        d.coaches.last().map(|c| c.meta.id.as_str()),
        Some("coach-new")
    );
    assert_eq!(d.events.len(), events - 1, "its last change removed it");
}

#[test]
fn a_row_that_does_not_read_is_set_aside_and_named_and_the_rest_opens() {
    let d = builtin_dataset();
    let mut rows = rows(&d);
    let id = d.organisations[4].meta.id.clone();
    let key = format!("organisations/{id}");
    for (k, text) in rows.iter_mut() {
        if *k == key {
            *text = text.replace("\"population\"", "\"population\":7,\"x\"");
        }
    }
    let read = read_rows(&rows);
    assert_eq!(read.aside.len(), 1, "{:?}", read.aside);
    assert_eq!(read.aside[0].0, key);
    let Stored::Ready { dataset, .. } = read.stored else {
        panic!("the rest did not open")
    };
    assert_eq!(dataset.organisations.len(), d.organisations.len() - 1);
    assert!(dataset.organisations.iter().all(|o| o.meta.id != id));
}

#[test]
fn a_head_from_a_newer_version_is_not_read_as_this_one() {
    let d = builtin_dataset();
    let mut rows = rows(&d);
    rows[0].1 = rows[0].1.replace(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        "\"schema_version\":99",
    );
    assert!(matches!(read_rows(&rows).stored, Stored::Unreadable(_)));
}

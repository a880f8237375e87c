//! The store against the browser's real localStorage (headless Chromium):
//! start-up from what is stored, unreadable storage, a full disk, disabled storage.
#![cfg(target_arch = "wasm32")]

use klimatcoachning::domain::backup::Backup;
use klimatcoachning::domain::change::Record;
use klimatcoachning::domain::exchange::migrate::Unreadable;
use klimatcoachning::domain::model::ProgrammeKind;
use klimatcoachning::domain::seed::builtin_dataset;
use klimatcoachning::store::storage::{BACKUP_KEY, DATA_KEY, UNREADABLE_PREFIX};
use klimatcoachning::store::{Health, News, Store};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    window()
        .local_storage()
        .ok()
        .flatten()
        .expect("localStorage in the test browser")
}

fn fresh() {
    local().clear().expect("clear");
}

async fn edit_notes(store: &Store, notes: &str) -> Result<(), News> {
    let mut p = store
        .data()
        .get_untracked()
        .programme(ProgrammeKind::Coaching)
        .cloned()
        .expect("programme");
    p.meta.notes = notes.to_owned();
    store.put(Record::Programme(p)).await
}

/// The coaching programme's notes as the store shows them.
fn shown_notes(store: &Store) -> String {
    store
        .data()
        .with_untracked(|d| {
            d.programme(ProgrammeKind::Coaching)
                .map(|p| p.meta.notes.clone())
        })
        .unwrap_or_default()
}

/// The coaching programme as stored.
fn stored_programme() -> serde_json::Value {
    let raw = local()
        .get_item(DATA_KEY)
        .ok()
        .flatten()
        .expect("data stored");
    let v: serde_json::Value = serde_json::from_str(&raw).expect("stored JSON");
    v["programmes"][0].clone()
}

fn stored_notes() -> String {
    stored_programme()["notes"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn unreadable_backups() -> Vec<String> {
    let s = local();
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(UNREADABLE_PREFIX))
        .filter_map(|k| s.get_item(&k).ok().flatten())
        .collect()
}

#[wasm_bindgen_test]
async fn empty_storage_starts_from_the_builtin_dataset_and_saves_each_change_at_once() {
    fresh();
    let store = Store::open();
    assert_eq!(store.data().get_untracked(), builtin_dataset());
    assert_eq!(store.health().get_untracked(), Health::Saving);
    edit_notes(&store, "första").await.expect("saved");
    assert_eq!(stored_notes(), "första");
    let reopened = Store::open();
    assert_eq!(shown_notes(&reopened), "första");
    assert!(reopened.can_undo(), "the history is stored too");
}

/// Whether an unreadable reason is the expected one.
type IsReason = fn(&Unreadable) -> bool;

#[wasm_bindgen_test]
async fn unreadable_storage_is_kept_aside_never_overwritten_and_the_app_starts_clean() {
    let newer = {
        let mut v = serde_json::to_value(builtin_dataset()).expect("value");
        v["schema_version"] = serde_json::Value::from(9);
        v.to_string()
    };
    let wrong = {
        let mut v = serde_json::to_value(builtin_dataset()).expect("value");
        v["organisations"][0]["name"] = serde_json::Value::from(5);
        v.to_string()
    };
    let cases: [(&str, IsReason); 4] = [
        ("{\"format\": \"klimatco", |r| {
            matches!(r, Unreadable::InvalidJson { .. })
        }),
        ("[1, 2, 3]", |r| matches!(r, Unreadable::NotADataset)),
        (
            &wrong,
            |r| matches!(r, Unreadable::WrongShape { path, .. } if path == "organisations[0].name"),
        ),
        (&newer, |r| {
            matches!(r, Unreadable::NewerVersion { version: 9 })
        }),
    ];
    for (raw, expected) in cases {
        fresh();
        local().set_item(DATA_KEY, raw).expect("seed storage");
        let store = Store::open();
        let Health::Unreadable {
            reason,
            backup_key: Some(_),
            fresh_start: true,
        } = store.health().get_untracked()
        else {
            panic!("expected unreadable with a backup for {raw}");
        };
        assert!(expected(&reason), "{reason:?} for {raw}");
        assert_eq!(store.data().get_untracked(), builtin_dataset());
        assert_eq!(unreadable_backups(), vec![raw.to_owned()]);
        assert_eq!(store.unreadable_text().as_deref(), Some(raw));
        // Working on continues; the backup stays until the user decides.
        edit_notes(&store, "ny start").await.expect("saved");
        assert_eq!(unreadable_backups(), vec![raw.to_owned()]);
        // A reload before deciding: the register loads normally, the question stays open.
        let reopened = Store::open();
        let Health::Unreadable {
            fresh_start: false,
            backup_key: Some(_),
            ..
        } = reopened.health().get_untracked()
        else {
            panic!(
                "the kept text still awaits a decision after a reload: {:?}",
                reopened.health().get_untracked()
            );
        };
        assert_eq!(reopened.unreadable_text().as_deref(), Some(raw));
        assert_eq!(shown_notes(&reopened), "ny start");
        store.keep_new_start().await;
        assert_eq!(store.health().get_untracked(), Health::Saving);
        assert!(unreadable_backups().is_empty());
    }
    fresh();
}

#[wasm_bindgen_test]
async fn a_full_storage_refuses_the_change_and_keeps_what_was_stored() {
    fresh();
    let store = Store::open();
    edit_notes(&store, "sparat före").await.expect("saved");
    let before = local().get_item(DATA_KEY).ok().flatten();

    // Fill localStorage until the browser refuses, halving the chunk each time.
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while !chunk.is_empty() {
        if local().set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    let result = edit_notes(&store, &"en lång anteckning ".repeat(2000)).await;
    assert_eq!(result, Err(News::RefusedFull));
    assert_eq!(
        local().get_item(DATA_KEY).ok().flatten(),
        before,
        "stored data intact"
    );
    assert_eq!(
        shown_notes(&store),
        "sparat före",
        "the refused change is not shown either"
    );
    assert_eq!(
        store.notice().get_untracked().map(|n| n.news),
        Some(News::RefusedFull)
    );
    assert_eq!(
        store.backup().get_untracked().changes,
        1,
        "a refused change is not counted as unexported"
    );
    fresh();
}

#[wasm_bindgen_test]
async fn unexported_changes_are_counted_in_storage_and_an_export_clears_them() {
    fresh();
    let store = Store::open();
    edit_notes(&store, "ett").await.expect("saved");
    edit_notes(&store, "två").await.expect("saved");
    store.undo().await.expect("undone");
    let b = store.backup().get_untracked();
    assert_eq!(b.changes, 3, "an undo changes the data too");
    assert!(b.persist_asked, "asked at the first edit");
    let stored = local().get_item(BACKUP_KEY).ok().flatten().expect("kept");
    assert_eq!(Backup::read(Some(&stored)), b);

    let reopened = Store::open();
    assert_eq!(reopened.backup().get_untracked().changes, 3);
    reopened.exported();
    let after = Store::open().backup().get_untracked();
    assert_eq!((after.changes, after.since), (0, None));
    assert!(after.last_export.is_some() && after.persist_asked);
    fresh();
}

#[wasm_bindgen_test]
async fn disabled_storage_runs_in_memory_and_says_so() {
    fresh();
    let win: js_sys::Object = window().unchecked_into();
    let original = js_sys::Object::get_own_property_descriptor(&win, &"localStorage".into());
    let throwing = js_sys::Function::new_no_args(
        "throw new DOMException('The operation is insecure.', 'SecurityError')",
    );
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"get".into(), &throwing).expect("descriptor");
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).expect("descriptor");
    js_sys::Object::define_property(&win, &"localStorage".into(), &descriptor);

    let store = Store::open();
    let health = store.health().get_untracked();
    let edit = edit_notes(&store, "bara i minnet").await;
    let used = store.usage().await.map(|u| u.used);

    // Restore the real localStorage before asserting, so a failure cannot leak into other tests.
    if original.is_undefined() {
        js_sys::Reflect::delete_property(&win, &"localStorage".into()).expect("restore");
    } else {
        js_sys::Object::define_property(
            &win,
            &"localStorage".into(),
            original.unchecked_ref::<js_sys::Object>(),
        );
    }
    assert_eq!(health, Health::Unavailable);
    assert_eq!(edit, Ok(()), "edits still work, in memory");
    assert_eq!(used, None);
    assert!(local().get_item(DATA_KEY).ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn undo_and_redo_go_through_storage_and_a_reset_is_undoable_after_reopening() {
    fresh();
    let store = Store::open();
    edit_notes(&store, "mina anteckningar")
        .await
        .expect("saved");
    store.reset_to_builtin().await.expect("reset");
    assert_eq!(stored_notes(), "");
    let reopened = Store::open();
    reopened.undo().await.expect("undo");
    assert_eq!(stored_notes(), "mina anteckningar");
    assert_eq!(
        reopened.notice().get_untracked().map(|n| n.news),
        Some(News::Undone(
            klimatcoachning::domain::change::ChangeKind::Reset
        ))
    );
    reopened.redo().await.expect("redo");
    assert_eq!(stored_notes(), "");
    fresh();
}

/// The versions of the coaching programme's notes as stored: each save and each undo is
/// an edit of this browser, counted on.
fn stored_notes_version() -> (String, u64) {
    let stamp: klimatcoachning::domain::model::Stamp =
        serde_json::from_value(stored_programme()["versions"]["notes"].clone()).expect("a stamp");
    (stamp.browser, stamp.counter)
}

#[wasm_bindgen_test]
async fn every_save_and_every_undo_is_a_new_edit_of_this_browser() {
    fresh();
    let store = Store::open();
    edit_notes(&store, "ett").await.expect("saved");
    let (browser, first) = stored_notes_version();
    assert_eq!(
        store.settings().get_untracked().browser.as_deref(),
        Some(browser.as_str())
    );
    edit_notes(&store, "två").await.expect("saved");
    assert_eq!(stored_notes_version(), (browser.clone(), first + 1));
    store.undo().await.expect("undo");
    assert_eq!(stored_notes(), "ett");
    assert_eq!(
        stored_notes_version(),
        (browser.clone(), first + 2),
        "an undo is a new edit, not a rollback of versions"
    );
    // The id is kept with the settings: a reopened store edits as the same browser.
    let reopened = Store::open();
    edit_notes(&reopened, "tre").await.expect("saved");
    assert_eq!(stored_notes_version(), (browser, first + 3));
    fresh();
}

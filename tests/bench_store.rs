//! Benchmark, not a test: how long the store takes to load, parse and migrate a
//! dataset of all 290 municipalities with 20 events each, in headless Chromium.
//! Run with `bash scripts/bench-store.sh` (release build); it prints one table.
#![cfg(target_arch = "wasm32")]

use klimatcoachning::domain::exchange::migrate::{read, Stored};
use klimatcoachning::domain::generate::generated_dataset;
use klimatcoachning::domain::merge::stamping::stamp_edit;
use klimatcoachning::store::storage::DATA_KEY;
use klimatcoachning::store::Store;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 10;

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

/// Median and slowest of `RUNS` timings of `f`, in milliseconds.
fn time(mut f: impl FnMut()) -> (f64, f64) {
    let mut ms: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = now_ms();
            f();
            now_ms() - t
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[RUNS / 2], ms[RUNS - 1])
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with scripts/bench-store.sh"]
fn bench_load_parse_migrate_290_municipalities_with_20_events_each() {
    let storage = window()
        .local_storage()
        .ok()
        .flatten()
        .expect("localStorage");
    storage.clear().expect("clear");
    let dataset = generated_dataset(20);
    let json = serde_json::to_string(&dataset).expect("json");
    storage.set_item(DATA_KEY, &json).expect("fits in storage");
    let stored_bytes = 2 * (DATA_KEY.len() + json.encode_utf16().count());

    // The same data in format version 0, to time the migration chain too.
    let mut v0: serde_json::Value = serde_json::from_str(&json).expect("value");
    if let Some(obj) = v0.as_object_mut() {
        obj.remove("format");
        obj.remove("schema_version");
        for list in obj.values_mut().filter_map(|v| v.as_array_mut()) {
            for r in list.iter_mut().filter_map(|r| r.as_object_mut()) {
                if let Some(t) = r.remove("updated_at") {
                    r.insert("updated".into(), t);
                }
            }
        }
    }
    let v0 = v0.to_string();

    let (open_med, open_max) = time(|| {
        let store = Store::open();
        assert_eq!(
            store.data().with_untracked(|d| d.events.len()),
            dataset.events.len()
        );
    });
    let (parse_med, parse_max) = time(|| {
        assert!(matches!(
            read(Some(&json)),
            Stored::Ready {
                migrated_from: None,
                ..
            }
        ))
    });
    let (migrate_med, migrate_max) = time(|| {
        assert!(matches!(
            read(Some(&v0)),
            Stored::Ready {
                migrated_from: Some(0),
                ..
            }
        ))
    });
    storage.clear().expect("clear");

    console_log!(
        "dataset: {} organisations, {} participations, {} events",
        dataset.organisations.len(),
        dataset.participations.len(),
        dataset.events.len()
    );
    console_log!(
        "stored size: {} bytes of JSON text, {} bytes in localStorage (UTF-16)",
        json.len(),
        stored_bytes
    );
    // Versions cost room: every record of every collection edited once here.
    let mut edited = dataset.clone();
    for e in &mut edited.events {
        e.title.push('.');
    }
    for p in &mut edited.participations {
        p.meta.notes.push('.');
    }
    for o in &mut edited.organisations {
        o.meta.notes.push('.');
    }
    stamp_edit(
        &dataset,
        &mut edited,
        "k3f9x2ab0q",
        "2026-11-28T04:00:00Z".parse().expect("time"),
    );
    let edited_json = serde_json::to_string(&edited).expect("json");
    console_log!(
        "stored size, every record edited once: {} bytes of JSON text (+{} bytes, +{:.1} %)",
        edited_json.len(),
        edited_json.len() - json.len(),
        100.0 * (edited_json.len() - json.len()) as f64 / json.len() as f64
    );
    console_log!("| step ({RUNS} runs) | median ms | max ms |");
    console_log!("|---|---|---|");
    console_log!(
        "| open store: localStorage read + parse + validate | {open_med:.1} | {open_max:.1} |"
    );
    console_log!("| parse + validate current-format text | {parse_med:.1} | {parse_max:.1} |");
    console_log!(
        "| parse + migrate v0 → current + validate | {migrate_med:.1} | {migrate_max:.1} |"
    );
}

//! Benchmark, not a test: importing a generated file of about 5 MB (all 290
//! municipalities with their events, pretty-printed as exported) in headless
//! Chromium: check (parse, validate, references), both previews, and the merge.
//! Run with `./scripts/bench-import.sh` (release build); it prints one table.
#![cfg(target_arch = "wasm32")]

use klimatcoachning::domain::exchange::export::export_json;
use klimatcoachning::domain::exchange::import::check_file;
use klimatcoachning::domain::generate::generated_dataset;
use klimatcoachning::domain::merge::preview::{merge, merge_preview, replace_preview, Decisions};
use klimatcoachning::domain::merge::stamping::stamp_edit;
use klimatcoachning::domain::model::{Dataset, ParticipationDetail};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 5;

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

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
#[ignore = "benchmark: run with scripts/bench-import.sh"]
fn bench_import_of_a_5_mb_file() {
    let mut events = 20;
    let (incoming, text) = loop {
        let d = generated_dataset(events);
        let text = export_json(&d, "2026-11-27T10:00:00Z".parse().expect("time"));
        if text.len() >= 5_000_000 {
            break (d, text);
        }
        events += 10;
    };
    // What this browser holds: the same register, a tenth of it edited here (with the
    // versions the store gives every edit), and another tenth edited in the file's browser.
    let edit = |d: &Dataset, skip: usize, browser: &str, day: &str| {
        let mut after = d.clone();
        for p in after.participations.iter_mut().skip(skip).step_by(10) {
            p.meta.updated_at = "2027-01-01T00:00:00Z".parse().expect("time");
            if let ParticipationDetail::Coaching(c) = &mut p.detail {
                c.strategy_proposed = day.parse().ok();
            }
        }
        stamp_edit(
            d,
            &mut after,
            browser,
            "2027-01-01T00:00:00Z".parse().expect("time"),
        );
        after
    };
    let current = edit(&incoming, 0, "here", "2009-01-01");
    let incoming = edit(&incoming, 5, "there", "2009-02-01");
    let (check_med, check_max) = time(|| assert!(check_file(text.as_bytes()).is_ok()));
    let (preview_med, preview_max) = time(|| {
        let _ = replace_preview(&current, &incoming);
        let _ = merge_preview(&current, &incoming);
    });
    let (merge_med, merge_max) = time(|| {
        let _ = merge(
            &current,
            &incoming,
            &Decisions::default(),
            "bench",
            "2026-01-01T00:00:00Z".parse().expect("time"),
        );
    });
    console_log!(
        "file: {} bytes, {} organisations, {} events",
        text.len(),
        incoming.organisations.len(),
        incoming.events.len()
    );
    console_log!("| step ({RUNS} runs) | median ms | max ms |");
    console_log!("|---|---|---|");
    console_log!(
        "| check: parse + validate every record + references | {check_med:.0} | {check_max:.0} |"
    );
    console_log!("| previews: replace + merge | {preview_med:.0} | {preview_max:.0} |");
    console_log!("| merge | {merge_med:.0} | {merge_max:.0} |");
    console_log!("| total | {:.0} | |", check_med + preview_med + merge_med);
}

//! Writes the benchmark dataset as an export file on stdout: the built-in data plus
//! all 290 municipalities as participants with N events each (default 20).
//!
//!     cargo run --example generate -- 20 > generated.json

use chrono::{DateTime, Utc};
use klimatcoachning::domain::exchange::export::export_json;
use klimatcoachning::domain::generate::generated_dataset;

fn main() {
    let events_each = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    // A fixed export time, so the file is the same on every run.
    let at = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default();
    println!("{}", export_json(&generated_dataset(events_each), at));
}

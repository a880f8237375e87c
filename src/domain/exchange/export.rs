//! The exchange file: the dataset as pretty-printed JSON with `exported_at`. Keys
//! come in the order the types declare them and records in dataset order, so the
//! same data exported at the same instant gives the same bytes.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::model::Dataset;

/// The file's text: two-space indentation and a final newline.
pub fn export_json(d: &Dataset, at: DateTime<Utc>) -> String {
    let mut file = d.clone();
    file.exported_at = Some(at);
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// `klimatcoachning-YYYY-MM-DD.json`.
pub fn export_filename(day: NaiveDate) -> String {
    format!("klimatcoachning-{day}.json")
}

/// Generated from the Rust types: what the published schema must be.
#[cfg(not(target_arch = "wasm32"))]
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(Dataset);
    schema.insert(
        "title".to_owned(),
        "Klimatcoachning dataset, format version 1".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::migrate::{read, Stored};
    use crate::domain::model::SCHEMA_VERSION;
    use crate::domain::seed::builtin_dataset;

    fn at() -> DateTime<Utc> {
        "2026-11-27T10:00:00Z".parse().expect("time")
    }

    #[test]
    fn the_same_data_gives_the_same_bytes_and_reads_back_unchanged() {
        let d = builtin_dataset();
        let a = export_json(&d, at());
        assert_eq!(a, export_json(&builtin_dataset(), at()));
        assert!(a.starts_with(&format!("{{\n  \"format\": \"klimatcoachning\",\n  \"schema_version\": {SCHEMA_VERSION},\n  \"exported_at\": \"2026-11-27T10:00:00Z\",\n")));
        let Stored::Ready { dataset, .. } = read(Some(&a)) else {
            panic!("an export reads back");
        };
        assert_eq!(dataset.exported_at, Some(at()));
        assert_eq!(
            export_json(&dataset, at()),
            a,
            "round trip is byte for byte"
        );
        assert_eq!(
            export_filename("2026-11-27".parse().expect("day")),
            "klimatcoachning-2026-11-27.json"
        );
    }
}

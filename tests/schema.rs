//! The published JSON Schema (`schema/klimatcoachning-v4.json`, served with the app)
//! must be the one the Rust types generate. After a format change, regenerate it
//! with `UPDATE_SCHEMA=1 cargo test --test schema` and commit the file.
#![cfg(not(target_arch = "wasm32"))]

use klimatcoachning::domain::exchange::export::json_schema;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/schema/klimatcoachning-v4.json"
);

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(PATH, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/klimatcoachning-v4.json is out of date: run UPDATE_SCHEMA=1 cargo test --test schema"
    );
}

//! Reading stored or imported text: classify it (missing, readable, unreadable and
//! why) and migrate older schema versions forward, one version at a time.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::history::{History, Stack, Step};
use crate::domain::merge::join;
use crate::domain::model::kinds::COLLECTIONS;
use crate::domain::model::versions::{Context, Stamp, Versions};
use crate::domain::model::{Dataset, FORMAT, SCHEMA_VERSION};
use crate::domain::seed::builtin_dataset;

// Read once per load or import, so its size in memory does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Nothing stored yet: start from the built-in dataset.
    Empty,
    Ready {
        dataset: Dataset,
        /// The version the text was written in, when it had to be migrated.
        migrated_from: Option<u32>,
    },
    Unreadable(Unreadable),
}

/// Why stored text could not be used. The text itself is never thrown away.
#[derive(Clone, Debug, PartialEq)]
pub enum Unreadable {
    InvalidJson {
        detail: String,
    },
    /// JSON, but not a Klimatcoachning dataset (another format or none).
    NotADataset,
    /// A dataset whose fields do not fit the format; `path` says where.
    WrongShape {
        path: String,
        detail: String,
    },
    /// Written by a newer version of the app than this one.
    NewerVersion {
        version: u64,
    },
    /// Records (by `<list>/<id>`) that did not read and were set aside; the rest opened.
    Records {
        names: Vec<String>,
    },
}

pub fn read(raw: Option<&str>) -> Stored {
    let Some(raw) = raw else { return Stored::Empty };
    // What this version stored reads straight into the types, without building a JSON
    // tree first: 5 MB of it at start-up. Anything else takes the way that migrates older
    // versions and says what is wrong.
    if let Ok(dataset) = parse::<Dataset>(raw) {
        if dataset.format == FORMAT && dataset.schema_version == SCHEMA_VERSION {
            return Stored::Ready {
                dataset,
                migrated_from: None,
            };
        }
    }
    let mut value: Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(e) => {
            return Stored::Unreadable(Unreadable::InvalidJson {
                detail: e.to_string(),
            })
        }
    };
    let from = match upgrade(&mut value) {
        Ok(from) => from,
        Err(e) => return Stored::Unreadable(e),
    };
    match parse::<Dataset>(&value.to_string()) {
        Ok(dataset) => Stored::Ready {
            dataset,
            migrated_from: (from != SCHEMA_VERSION).then_some(from),
        },
        Err(ShapeError { path, detail }) => {
            Stored::Unreadable(Unreadable::WrongShape { path, detail })
        }
    }
}

/// The stored undo history. Its steps hold records, so one stored by version 2 has its
/// adoption days wrapped as version 3's adoptions; one that still does not read is `None`.
pub fn read_history(text: &str) -> Option<History> {
    parse::<History>(text).ok().or_else(|| {
        let mut value: Value = serde_json::from_str(text).ok()?;
        wrap_adoptions(&mut value);
        parse::<History>(&value.to_string()).ok()
    })
}

/// One undo step as the browser's database keeps it (`["undo",{…}]`, as serde writes the
/// pair), read as a history of that step alone: the same reading, and migration, as a whole
/// history, without a second deserialiser of every record in the reader's wasm chunk.
pub fn read_step(text: &str) -> Option<(Stack, Step)> {
    let text = text.trim();
    let (stack, history) = if let Some(rest) = text.strip_prefix("[\"undo\",") {
        (
            Stack::Undo,
            format!("{{\"undo\":[{}],\"redo\":[]}}", rest.strip_suffix(']')?),
        )
    } else {
        let rest = text.strip_prefix("[\"redo\",")?;
        (
            Stack::Redo,
            format!("{{\"undo\":[],\"redo\":[{}]}}", rest.strip_suffix(']')?),
        )
    };
    let step = read_history(&history)?.steps().pop()?.1;
    Some((stack, step))
}

/// Where text does not fit a type, and what is wrong there.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeError {
    /// `organisations[2].population[0].count`; empty for the whole text.
    pub path: String,
    pub detail: String,
}

/// Reads JSON text into `T`. Everything the app reads back from storage goes through
/// here, one way: serde's code for every record is generic over how the text is read,
/// and each way of reading is a copy of all of it in the wasm.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ShapeError> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let parsed = serde_path_to_error::deserialize(&mut reader).map_err(|e| ShapeError {
        path: e.path().to_string(),
        detail: without_position(e.inner()),
    })?;
    reader.end().map_err(|e| ShapeError {
        path: String::new(),
        detail: without_position(&e),
    })?;
    Ok(parsed)
}

/// serde_json's message without " at line 1 column 1234": the text read may be one that
/// this module wrote (a migrated dataset), not the one the user has.
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rsplit_once(" at line ") {
        Some((before, _)) => before.to_owned(),
        None => message,
    }
}

/// Checks that `value` is a dataset of a known version and rewrites it, step by
/// step, into the current version's shape; returns the version it was written in.
pub fn upgrade(value: &mut Value) -> Result<u32, Unreadable> {
    let Some(obj) = value.as_object() else {
        return Err(Unreadable::NotADataset);
    };
    let version = match obj.get("schema_version") {
        None => 0,
        Some(v) => v.as_u64().ok_or(Unreadable::WrongShape {
            path: "schema_version".into(),
            detail: "not a whole number".into(),
        })?,
    };
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        None if version == 0 && obj.contains_key("programmes") => {}
        _ => return Err(Unreadable::NotADataset),
    }
    if version > u64::from(SCHEMA_VERSION) {
        return Err(Unreadable::NewerVersion { version });
    }
    let from = version as u32;
    for step in from..SCHEMA_VERSION {
        MIGRATIONS[step as usize](value);
    }
    Ok(from)
}

/// `MIGRATIONS[n]` turns version n into version n + 1.
const MIGRATIONS: [fn(&mut Value); SCHEMA_VERSION as usize] =
    [v0_to_v1, v1_to_v2, v2_to_v3, v3_to_v4];

/// Version 0 (the pre-release format) had no `format` or `schema_version`, and its
/// records called their timestamp `updated`.
fn v0_to_v1(value: &mut Value) {
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    obj.insert("format".into(), Value::from(FORMAT));
    obj.insert("schema_version".into(), Value::from(1));
    for name in COLLECTIONS {
        let Some(Value::Array(records)) = obj.get_mut(name) else {
            continue;
        };
        for record in records.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(t) = record.remove("updated") {
                record.insert("updated_at".into(), t);
            }
        }
    }
}

/// Version 1 had no versions of edits. Its records count as edited once, at their
/// `updated_at`, by a browser nobody can name: the fields a person changed from the
/// built-in record, or every field of a record not built in. That browser's id is taken
/// from the data itself, so the same file read in two places makes the same edits, and
/// two different files different ones.
fn v1_to_v2(value: &mut Value) {
    let browser = format!("v1-{:016x}", fnv1a(value.to_string().as_bytes()));
    let builtin = builtin_v2();
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    obj.insert("schema_version".into(), Value::from(2));
    let mut context = Context::default();
    for name in COLLECTIONS {
        let built: BTreeMap<&str, &Value> = builtin[name]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|r| Some((r["id"].as_str()?, r)))
                    .collect()
            })
            .unwrap_or_default();
        let Some(Value::Array(records)) = obj.get_mut(name) else {
            continue;
        };
        for record in records.iter_mut() {
            let edited = record["source"] == "user";
            let at = record["updated_at"].as_str().and_then(|t| t.parse().ok());
            let (true, Some(at)) = (edited, at) else {
                continue;
            };
            let stamp = Stamp {
                browser: browser.clone(),
                counter: 1,
                at,
            };
            let old = record["id"]
                .as_str()
                .and_then(|id| built.get(id))
                .map(|b| join::Record {
                    id: String::new(),
                    fields: (*b).clone(),
                    versions: Versions::new(),
                    presence: None,
                });
            let versions = join::restamp(old.as_ref(), record, &stamp);
            if versions.is_empty() {
                continue;
            }
            context.observe(&stamp);
            if let (Some(r), Ok(v)) = (record.as_object_mut(), serde_json::to_value(&versions)) {
                r.insert("versions".into(), v);
            }
        }
    }
    if !context.is_empty() {
        if let Ok(c) = serde_json::to_value(&context) {
            obj.insert("context".into(), c);
        }
    }
}

/// The sources version 3 added to the built-in data (the later outcomes).
const SOURCES_SINCE_V3: [&str; 7] = ["S6", "S7", "S8", "S9", "S10", "S11", "S12"];
/// The participation fields whose built-in values version 3 added.
const FIELDS_SINCE_V3: [&str; 2] = ["strategy_adopted", "source_notes"];

/// The built-in data as version 2 built it: today's without what version 3 added. What
/// a version 1 record is compared with, and what a version 2 field still holds when
/// nobody edited it.
fn builtin_v2() -> Value {
    let mut v = serde_json::to_value(builtin_dataset()).unwrap_or(Value::Null);
    v["schema_version"] = Value::from(2);
    if let Some(sources) = v["sources"].as_array_mut() {
        sources.retain(|s| !SOURCES_SINCE_V3.contains(&s["id"].as_str().unwrap_or("")));
    }
    for p in v["participations"].as_array_mut().into_iter().flatten() {
        if let Some(detail) = p["detail"].as_object_mut() {
            if detail.get("type").and_then(Value::as_str) == Some("coaching") {
                detail.insert("strategy_adopted".into(), Value::Null);
                detail.remove("source_notes");
            }
        }
    }
    v
}

/// Version 2 kept an adoption as a day. Version 3 keeps it as precisely as its source
/// says, with the source: `"2008-06-01"` becomes `{"date": "2008-06-01"}`. What nobody
/// edited of a built-in participant takes the outcomes the built-in data now has, so
/// data kept from before sees them too (and a merge with a newer browser's file finds
/// nothing to ask about).
fn v2_to_v3(value: &mut Value) {
    wrap_adoptions(value);
    let builtin = serde_json::to_value(builtin_dataset()).unwrap_or(Value::Null);
    let before = builtin_v2();
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    obj.insert("schema_version".into(), Value::from(3));
    let by_id = |v: &Value, list: &str| -> BTreeMap<String, Value> {
        v[list]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| Some((r["id"].as_str()?.to_owned(), r.clone())))
            .collect()
    };
    let (now, then) = (
        by_id(&builtin, "participations"),
        by_id(&before, "participations"),
    );
    let built_sources = by_id(&builtin, "sources");
    let mut ours = by_id(&Value::Object(obj.clone()), "sources");
    for p in obj
        .get_mut("participations")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        let Some(id) = p["id"].as_str().map(str::to_owned) else {
            continue;
        };
        let (Some(new), Some(old)) = (now.get(&id), then.get(&id)) else {
            continue;
        };
        let versions = p["versions"].as_object().cloned().unwrap_or_default();
        for field in FIELDS_SINCE_V3 {
            let path = format!("detail.{field}");
            let edited = ["", "detail", path.as_str()]
                .iter()
                .any(|at| versions.contains_key(*at));
            let (was, becomes) = (&old["detail"][field], &new["detail"][field]);
            let Some(detail) = p.get_mut("detail").and_then(Value::as_object_mut) else {
                continue;
            };
            let holds = detail.get(field).unwrap_or(&Value::Null);
            let unchanged = holds == was || (holds.is_null() && was.is_null());
            if edited || !unchanged || becomes == was {
                continue;
            }
            let sources = source_ids(becomes);
            let usable = sources.iter().all(|s| {
                ours.get(s)
                    .is_none_or(|theirs| Some(theirs) == built_sources.get(s))
            });
            if usable {
                detail.insert(field.to_owned(), becomes.clone());
            }
        }
    }
    // The sources version 3 added, where the data has no source of that id: after the
    // built-in ones it has, in the built-in order, as a new browser's data has them.
    if let Some(Value::Array(list)) = obj.get_mut("sources") {
        let builtin_order: Vec<&str> = builtin["sources"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["id"].as_str())
            .collect();
        for id in builtin_order
            .iter()
            .filter(|id| SOURCES_SINCE_V3.contains(id))
        {
            if ours.contains_key(*id) {
                continue;
            }
            let at = list
                .iter()
                .rposition(|s| built_sources.contains_key(s["id"].as_str().unwrap_or("")))
                .map_or(list.len(), |i| i + 1);
            if let Some(source) = built_sources.get(*id) {
                list.insert(at, source.clone());
                ours.insert((*id).to_owned(), source.clone());
            }
        }
    }
}

/// Version 4 added a round's applications (`application` on a participation, #35). Nothing
/// older has any, so the step only names the version; it exists so that an app of version
/// 3, which would drop an application it does not know, refuses the file (and a synced
/// row) as newer instead.
fn v3_to_v4(value: &mut Value) {
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema_version".into(), Value::from(4));
    }
}

/// The source ids a field's value cites (`source` keys anywhere in it).
fn source_ids(v: &Value) -> Vec<String> {
    match v {
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, x)| match (k.as_str(), x) {
                ("source", Value::String(s)) => vec![s.clone()],
                _ => source_ids(x),
            })
            .collect(),
        Value::Array(list) => list.iter().flat_map(source_ids).collect(),
        _ => Vec::new(),
    }
}

/// Every coaching participation in `value` (records, removed records, undo steps) with
/// its adoption day as version 2 wrote it, rewritten as version 3's adoption.
pub fn wrap_adoptions(value: &mut Value) {
    match value {
        Value::Object(m) => {
            if m.get("type").and_then(Value::as_str) == Some("coaching") {
                if let Some(day @ Value::String(_)) = m.get("strategy_adopted").cloned() {
                    let mut adoption = serde_json::Map::new();
                    adoption.insert("date".into(), day);
                    adoption.insert("source".into(), Value::Null);
                    adoption.insert("words".into(), Value::Null);
                    m.insert("strategy_adopted".into(), Value::Object(adoption));
                }
            }
            m.values_mut().for_each(wrap_adoptions);
        }
        Value::Array(list) => list.iter_mut().for_each(wrap_adoptions),
        _ => {}
    }
}

/// FNV-1a, 64 bits: a hash that stays the same in every build (std's does not promise to).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Adoption, CoachingParticipation, ParticipationDetail};
    use crate::domain::seed::builtin_dataset;

    const V0_FIXTURE: &str = include_str!("../../../tests/fixtures/dataset-v0.json");

    #[test]
    fn nothing_stored_is_empty() {
        assert_eq!(read(None), Stored::Empty);
    }

    #[test]
    fn the_current_version_reads_as_is() {
        let json = serde_json::to_string(&builtin_dataset()).expect("json");
        assert_eq!(
            read(Some(&json)),
            Stored::Ready {
                dataset: builtin_dataset(),
                migrated_from: None
            }
        );
    }

    #[test]
    fn a_version_0_file_is_migrated_to_the_current_version() {
        match read(Some(V0_FIXTURE)) {
            Stored::Ready {
                dataset,
                migrated_from,
            } => {
                assert_eq!(migrated_from, Some(0));
                assert_eq!(dataset.format, FORMAT);
                assert_eq!(dataset.schema_version, SCHEMA_VERSION);
                assert_eq!(dataset.organisations.len(), 27);
                let boxholm = &dataset.organisations[0];
                assert_eq!(boxholm.name, "Boxholm");
                assert_eq!(
                    boxholm.meta.updated_at.to_rfc3339(),
                    "2013-07-19T00:00:00+00:00",
                    "`updated` became `updated_at`"
                );
            }
            other => panic!("expected a migrated dataset, got {other:?}"),
        }
    }

    const V1_FIXTURE: &str = include_str!("../../../tests/fixtures/dataset-v1.json");

    /// Stored or exported before versions existed: what a person changed counts as one
    /// edit by an unnamed browser at the record's `updated_at`; built-in values none.
    #[test]
    fn a_version_1_file_gets_versions_for_what_a_person_changed() {
        let Stored::Ready {
            dataset,
            migrated_from,
        } = read(Some(V1_FIXTURE))
        else {
            panic!("expected a migrated dataset");
        };
        assert_eq!(migrated_from, Some(1));
        assert_eq!(dataset.schema_version, SCHEMA_VERSION);
        let hjo = dataset
            .participations
            .iter()
            .find(|p| p.meta.id == "participation-coaching-1497")
            .expect("Hjo");
        let stamp = hjo
            .meta
            .versions
            .get("detail.letter_of_intent")
            .expect("stamped");
        assert!(stamp.browser.starts_with("v1-") && stamp.counter == 1);
        assert_eq!(stamp.at.to_rfc3339(), "2026-05-01T08:00:00+00:00");
        assert!(
            !hjo.meta.versions.contains_key("detail.mentor_id"),
            "unchanged: as built"
        );
        let added = dataset
            .coaches
            .iter()
            .find(|c| c.meta.id == "coach-added-in-v1")
            .expect("coach");
        assert_eq!(
            added.meta.versions.keys().collect::<Vec<_>>(),
            vec![""],
            "made by a person: all of it"
        );
        assert!(
            dataset
                .organisations
                .iter()
                .all(|o| o.meta.versions.is_empty()),
            "seed records: none"
        );
        assert!(dataset.context.has_seen(stamp));
        assert_eq!(
            dataset.context.latest.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-05-02T09:30:00+00:00")
        );
        // The same file read twice makes the same edits; another file other ones.
        let Stored::Ready { dataset: again, .. } = read(Some(V1_FIXTURE)) else {
            panic!("reads again");
        };
        assert_eq!(again, dataset);
        let other = V1_FIXTURE.replace("2007-03-15", "2007-03-16");
        let Stored::Ready { dataset: other, .. } = read(Some(&other)) else {
            panic!("reads");
        };
        assert_ne!(other.context, dataset.context);
    }

    const V2_FIXTURE: &str = include_str!("../../../tests/fixtures/dataset-v2.json");
    const BUILTIN_V2: &str = include_str!("../../../tests/fixtures/builtin-v2.json");

    /// Version 1 files are compared with the built-in data version 2 had, not today's:
    /// otherwise an outcome added since would read as a person's edit of it.
    #[test]
    fn the_built_in_data_of_version_2_is_rebuilt_exactly() {
        let frozen: Value = serde_json::from_str(BUILTIN_V2).expect("fixture");
        assert_eq!(builtin_v2(), frozen);
    }

    fn participation<'a>(d: &'a Dataset, code: &str) -> &'a CoachingParticipation {
        let p = d
            .participations
            .iter()
            .find(|p| p.meta.id == format!("participation-coaching-{code}"))
            .expect("participant");
        match &p.detail {
            ParticipationDetail::Coaching(c) => c,
            _ => panic!("coaching"),
        }
    }

    /// A version 2 adoption day becomes a version 3 adoption; what nobody edited takes
    /// the outcomes built in since; what a person edited stays theirs.
    #[test]
    fn a_version_2_file_keeps_its_edits_and_gains_the_sourced_outcomes() {
        let Stored::Ready {
            dataset,
            migrated_from,
        } = read(Some(V2_FIXTURE))
        else {
            panic!("expected a migrated dataset");
        };
        assert_eq!(migrated_from, Some(2));
        assert_eq!(dataset.schema_version, SCHEMA_VERSION);
        let hjo = participation(&dataset, "1497");
        assert_eq!(
            hjo.strategy_adopted,
            Some(Adoption {
                date: Some("2008-06-01".parse().expect("date")),
                source: None,
                words: None,
            }),
            "a day stays a day"
        );
        let harjedalen = participation(&dataset, "2361");
        assert_eq!(
            harjedalen.strategy_adopted.as_ref().and_then(|a| a.date),
            Some("2009-01-10".parse().expect("date")),
            "edited here: not replaced by the built-in 2008-11"
        );
        let builtin = builtin_dataset();
        let boxholm = participation(&dataset, "0560");
        assert_eq!(
            boxholm.strategy_adopted,
            participation(&builtin, "0560").strategy_adopted,
            "another field edited; the adoption never was"
        );
        assert_eq!(
            boxholm.letter_of_intent,
            Some("2007-02-01".parse().expect("date"))
        );
        assert_eq!(
            participation(&dataset, "0643").strategy_adopted,
            None,
            "made here as a whole"
        );
        assert_eq!(
            participation(&dataset, "0642").strategy_adopted,
            participation(&builtin, "0642").strategy_adopted
        );
        assert_eq!(participation(&dataset, "1273").source_notes.len(), 1);
        let ids: Vec<&str> = dataset.sources.iter().map(|s| s.id.as_str()).collect();
        let built: Vec<&str> = builtin.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, built, "the new sources, in the built-in order");
        assert!(crate::domain::exchange::integrity::check(&dataset).is_empty());
        // Read again: the same.
        let Stored::Ready { dataset: again, .. } = read(Some(V2_FIXTURE)) else {
            panic!("reads again");
        };
        assert_eq!(again, dataset);
    }

    /// Built-in data stored by version 2 and never edited reads as today's built-in data.
    #[test]
    fn untouched_version_2_data_becomes_todays_built_in_data() {
        let Stored::Ready { dataset, .. } = read(Some(BUILTIN_V2)) else {
            panic!("reads");
        };
        assert_eq!(dataset, builtin_dataset());
    }

    /// A source of the same id that is not the built-in one is kept, and nothing is made
    /// to cite it.
    #[test]
    fn a_different_source_of_the_same_id_is_neither_replaced_nor_cited() {
        let mut v: Value = serde_json::from_str(BUILTIN_V2).expect("fixture");
        let own = serde_json::json!({
            "id": "S7", "title": "Egen anteckning", "publisher": "Kansliet",
            "date": null, "location": "", "note": ""
        });
        v["sources"]
            .as_array_mut()
            .expect("sources")
            .push(own.clone());
        let Stored::Ready { dataset, .. } = read(Some(&v.to_string())) else {
            panic!("reads");
        };
        assert_eq!(participation(&dataset, "0560").strategy_adopted, None);
        let s7: Vec<_> = dataset.sources.iter().filter(|s| s.id == "S7").collect();
        assert_eq!(s7.len(), 1);
        assert_eq!(s7[0].title, "Egen anteckning");
        assert!(participation(&dataset, "0767").strategy_adopted.is_some());
    }

    /// An undo step stored by version 2 still undoes after the upgrade.
    #[test]
    fn a_version_2_undo_history_reads_with_its_adoption_days_wrapped() {
        use crate::domain::change::{Change, ChangeKind, Record};
        let mut p = builtin_dataset().participations[1].clone();
        if let ParticipationDetail::Coaching(c) = &mut p.detail {
            c.strategy_adopted = Some(Adoption {
                date: Some("2008-06-01".parse().expect("date")),
                ..Default::default()
            });
        }
        let mut history = History::default();
        let put = Change::Put {
            record: Record::Participation(p),
            at: None,
        };
        history.record(put, ChangeKind::Edit, 1);
        let now = serde_json::to_string(&history).expect("json");
        assert_eq!(read_history(&now), Some(history.clone()));
        let v2 = now.replace(
            r#"{"date":"2008-06-01","source":null,"words":null}"#,
            r#""2008-06-01""#,
        );
        assert_ne!(v2, now, "the fixture is in version 2's shape");
        assert_eq!(read_history(&v2), Some(history));
        assert_eq!(read_history("{not json"), None);
    }

    /// Undo steps and removed records hold records too.
    #[test]
    fn adoption_days_are_wrapped_wherever_records_are() {
        let mut v = serde_json::json!({"steps": [{"record": {"detail": {
            "type": "coaching", "strategy_adopted": "2008-06-01"}}},
            {"detail": {"type": "pilot_lan", "strategy_adopted": "kept"}},
            {"detail": {"type": "coaching", "strategy_adopted": {"date": "2008"}}}]});
        wrap_adoptions(&mut v);
        assert_eq!(
            v["steps"][0]["record"]["detail"]["strategy_adopted"],
            serde_json::json!({"date": "2008-06-01", "source": null, "words": null})
        );
        assert_eq!(v["steps"][1]["detail"]["strategy_adopted"], "kept");
        assert_eq!(
            v["steps"][2]["detail"]["strategy_adopted"],
            serde_json::json!({"date": "2008"})
        );
    }

    #[test]
    fn a_version_3_file_reads_as_version_4_with_nothing_else_changed() {
        let d = builtin_dataset();
        let mut v3 = serde_json::to_value(&d).expect("value");
        v3["schema_version"] = Value::from(3);
        let Stored::Ready {
            dataset,
            migrated_from,
        } = read(Some(&v3.to_string()))
        else {
            panic!("a version 3 file reads");
        };
        assert_eq!(migrated_from, Some(3));
        assert_eq!(dataset, d);
    }

    #[test]
    fn invalid_json_is_unreadable_and_says_where() {
        let Stored::Unreadable(Unreadable::InvalidJson { detail }) = read(Some("{\"format\": "))
        else {
            panic!("expected invalid JSON");
        };
        assert!(detail.contains("line 1"), "{detail}");
    }

    #[test]
    fn json_that_is_no_dataset_is_recognised() {
        for raw in [
            "[]",
            "42",
            "{}",
            r#"{"format":"something-else","schema_version":1}"#,
        ] {
            assert_eq!(
                read(Some(raw)),
                Stored::Unreadable(Unreadable::NotADataset),
                "{raw}"
            );
        }
    }

    #[test]
    fn a_whole_dataset_of_another_format_is_not_read_as_ours() {
        let mut v = serde_json::to_value(builtin_dataset()).expect("value");
        v["format"] = Value::from("something-else");
        assert_eq!(
            read(Some(&v.to_string())),
            Stored::Unreadable(Unreadable::NotADataset)
        );
    }

    #[test]
    fn a_mistyped_field_is_reported_with_its_path() {
        let mut v = serde_json::to_value(builtin_dataset()).expect("value");
        v["organisations"][2]["population"][0]["count"] = Value::from("many");
        let Stored::Unreadable(Unreadable::WrongShape { path, detail }) =
            read(Some(&v.to_string()))
        else {
            panic!("expected wrong shape");
        };
        assert_eq!(path, "organisations[2].population[0].count");
        assert_eq!(detail, r#"invalid type: string "many", expected u32"#);
    }

    #[test]
    fn a_newer_schema_version_is_refused_not_guessed() {
        let mut v = serde_json::to_value(builtin_dataset()).expect("value");
        v["schema_version"] = Value::from(7);
        assert_eq!(
            read(Some(&v.to_string())),
            Stored::Unreadable(Unreadable::NewerVersion { version: 7 })
        );
    }
}

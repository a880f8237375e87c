//! Checking a file someone wants to import. A file is refused whole when anything
//! is wrong with it, and then every problem is listed with its place in the file;
//! the words for each problem are the UI's. Older versions are migrated first.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::integrity::{check, ProblemKind};
use super::migrate::{upgrade, Unreadable};
use crate::domain::model::kinds::LISTS;
use crate::domain::model::*;
use crate::domain::validate::optional_link;

/// Larger files are refused before they are read: far more than any real register.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// What sort of value the file has, or the format wants, in a person's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Number,
    Text,
    List,
    Object,
    TrueFalse,
    Nothing,
    Date,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    NotUtf8,
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// JSON, but not a Klimatcoachning file.
    NotOurFormat,
    NewerVersion {
        version: u64,
    },
    Missing {
        path: String,
        field: String,
    },
    WrongKind {
        path: String,
        expected: Kind,
        found: Kind,
    },
    UnknownValue {
        path: String,
        value: String,
    },
    BadDate {
        path: String,
    },
    /// A shape problem serde words in a way we do not recognise (kept verbatim).
    Invalid {
        path: String,
        detail: String,
    },
    DuplicateId {
        path: String,
        id: String,
    },
    UnknownReference {
        path: String,
        id: String,
    },
    /// A link that is not http(s): `javascript:` and `data:` would run or show
    /// something in the app's own page when clicked.
    BadLink {
        path: String,
    },
}

/// The dataset in the file (migrated to the current version) and the version it
/// was written in, or every problem found.
pub fn check_file(bytes: &[u8]) -> Result<(Dataset, u32), Vec<Problem>> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(vec![Problem::TooLarge {
            bytes: bytes.len(),
            limit: MAX_IMPORT_BYTES,
        }]);
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![Problem::NotUtf8]);
    };
    if text.trim().is_empty() {
        return Err(vec![Problem::Empty]);
    }
    let mut value: Value = serde_json::from_str(text).map_err(|e| {
        vec![Problem::NotJson {
            line: e.line(),
            column: e.column(),
        }]
    })?;
    let from = upgrade(&mut value).map_err(|e| {
        vec![match e {
            Unreadable::NewerVersion { version } => Problem::NewerVersion { version },
            Unreadable::WrongShape { path, .. } => Problem::WrongKind {
                path,
                expected: Kind::Number,
                found: Kind::Other,
            },
            Unreadable::InvalidJson { .. }
            | Unreadable::NotADataset
            | Unreadable::Records { .. } => Problem::NotOurFormat,
        }]
    })?;
    let mut problems = shape_problems(&value);
    if !problems.is_empty() {
        // The records that do read are still checked for ids and references.
        problems.extend(references_among_readable(&value));
        return Err(problems);
    }
    let dataset: Dataset = match serde_path_to_error::deserialize(value) {
        Ok(d) => d,
        Err(e) => return Err(vec![problem(e.path().to_string(), &e.into_inner())]),
    };
    problems.extend(reference_problems(&dataset, &|path| path.to_owned(), &[]));
    problems.extend(link_problems(&dataset));
    if problems.is_empty() {
        Ok((dataset, from))
    } else {
        Err(problems)
    }
}

fn reference_problems(
    d: &Dataset,
    place: &dyn Fn(&str) -> String,
    unreadable_ids: &[String],
) -> Vec<Problem> {
    check(d)
        .into_iter()
        .filter_map(|p| match p.kind {
            ProblemKind::DuplicateId(id) => Some(Problem::DuplicateId {
                path: place(&p.path),
                id,
            }),
            // A reference to a record that is itself broken is not a second problem.
            ProblemKind::UnknownReference(id) if unreadable_ids.contains(&id) => None,
            ProblemKind::UnknownReference(id) => Some(Problem::UnknownReference {
                path: place(&p.path),
                id,
            }),
        })
        .collect()
}

/// Ids and references among the records that read, with their places in the file.
fn references_among_readable(value: &Value) -> Vec<Problem> {
    let mut partial = serde_json::Map::new();
    // Where each kept record sat in the file: (collection, index in the partial list) → index in the file.
    let mut kept: Vec<(String, Vec<usize>)> = Vec::new();
    let mut unreadable_ids = Vec::new();
    // Every list but the removed records.
    for &name in &LISTS[..6] {
        let items = value
            .get(name)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut good = Vec::new();
        let mut at = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            if reads(name, &item) {
                good.push(item);
                at.push(i);
            } else if let Some(id) = item.get("id").and_then(Value::as_str) {
                unreadable_ids.push(id.to_owned());
            }
        }
        partial.insert(name.to_owned(), Value::Array(good));
        kept.push((name.to_owned(), at));
    }
    partial.insert("format".into(), Value::from(FORMAT));
    partial.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    let Ok(d) = serde_json::from_value::<Dataset>(Value::Object(partial)) else {
        return Vec::new();
    };
    let place = |path: &str| {
        for (name, at) in &kept {
            if let Some(rest) = path.strip_prefix(&format!("{name}[")) {
                if let Some((i, tail)) = rest.split_once(']') {
                    if let Some(original) = i.parse::<usize>().ok().and_then(|i| at.get(i)) {
                        return format!("{name}[{original}]{tail}");
                    }
                }
            }
        }
        path.to_owned()
    };
    reference_problems(&d, &place, &unreadable_ids)
}

fn link_problems(d: &Dataset) -> Vec<Problem> {
    d.participations
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.detail {
            ParticipationDetail::Coaching(c) => c
                .needs_analysis
                .as_ref()
                .and_then(|n| n.document_url.as_deref())
                .filter(|url| optional_link(url).is_err())
                .map(|_| Problem::BadLink {
                    path: format!("participations[{i}].detail.needs_analysis.document_url"),
                }),
            ParticipationDetail::PilotLan(_) => None,
        })
        .collect()
}

/// Whether `v` reads as a record of `collection` (by its name in the file).
pub(super) fn reads(collection: &str, v: &Value) -> bool {
    let v = v.clone();
    match collection {
        "sources" => serde_json::from_value::<Source>(v).is_ok(),
        "programmes" => serde_json::from_value::<Programme>(v).is_ok(),
        "organisations" => serde_json::from_value::<Organisation>(v).is_ok(),
        "participations" => serde_json::from_value::<Participation>(v).is_ok(),
        "coaches" => serde_json::from_value::<Coach>(v).is_ok(),
        "events" => serde_json::from_value::<Event>(v).is_ok(),
        _ => false,
    }
}

/// Every record is read on its own, so one file lists all its broken records, not just the first.
fn shape_problems(value: &Value) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(obj) = value.as_object() else {
        return vec![Problem::NotOurFormat];
    };
    let mut each =
        |name: &str, read: &dyn Fn(Value) -> Result<(), (String, serde_json::Error)>| match obj
            .get(name)
        {
            None => out.push(Problem::Missing {
                path: String::new(),
                field: name.to_owned(),
            }),
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if let Err((inner, e)) = read(item.clone()) {
                        let path = if inner == "." || inner.is_empty() {
                            format!("{name}[{i}]")
                        } else {
                            format!("{name}[{i}].{inner}")
                        };
                        out.push(problem(path, &e));
                    }
                }
            }
            Some(other) => out.push(Problem::WrongKind {
                path: name.to_owned(),
                expected: Kind::List,
                found: kind_of(other),
            }),
        };
    each("sources", &record::<Source>);
    each("programmes", &record::<Programme>);
    each("organisations", &record::<Organisation>);
    each("participations", &participation);
    each("coaches", &record::<Coach>);
    each("events", &record::<Event>);
    if let Some(at) = obj.get("exported_at") {
        if !at.is_null()
            && serde_json::from_value::<chrono::DateTime<chrono::Utc>>(at.clone()).is_err()
        {
            out.push(Problem::BadDate {
                path: "exported_at".to_owned(),
            });
        }
    }
    out
}

fn record<T: DeserializeOwned>(v: Value) -> Result<(), (String, serde_json::Error)> {
    serde_path_to_error::deserialize::<_, T>(v)
        .map(|_| ())
        .map_err(|e| (e.path().to_string(), e.into_inner()))
}

/// `detail` is tagged by its `type`, and serde reads a tagged value whole, so a
/// problem inside it would only be placed at `detail`; reading the inner record
/// on its own gives the exact place.
fn participation(v: Value) -> Result<(), (String, serde_json::Error)> {
    let detail = v.get("detail").cloned();
    record::<Participation>(v).map_err(|(path, e)| {
        let inner = match detail
            .as_ref()
            .and_then(|d| d.get("type"))
            .and_then(Value::as_str)
        {
            Some("coaching") => {
                record::<CoachingParticipation>(detail.clone().unwrap_or_default()).err()
            }
            Some("pilot_lan") => {
                record::<PilotParticipation>(detail.clone().unwrap_or_default()).err()
            }
            _ => None,
        };
        match inner {
            Some((inner_path, inner_e)) if path == "detail" => {
                (format!("detail.{inner_path}"), inner_e)
            }
            _ => (path, e),
        }
    })
}

fn kind_of(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Nothing,
        Value::Bool(_) => Kind::TrueFalse,
        Value::Number(_) => Kind::Number,
        Value::String(_) => Kind::Text,
        Value::Array(_) => Kind::List,
        Value::Object(_) => Kind::Object,
    }
}

/// serde's words for what it met or wanted ("a string", "u32", "struct Meta"), as a [`Kind`].
fn kind_named(words: &str) -> Kind {
    let w = words.trim();
    let starts = |p: &str| w.starts_with(p);
    if starts("string") || starts("a string") || starts("a borrowed string") || starts("char") {
        Kind::Text
    } else if starts("integer")
        || starts("floating point")
        || starts("u8")
        || starts("u16")
        || starts("u32")
        || starts("u64")
        || starts("i32")
        || starts("i64")
        || starts("usize")
        || starts("a number")
    {
        Kind::Number
    } else if starts("sequence") || starts("a sequence") {
        Kind::List
    } else if starts("map") || starts("a map") || starts("struct") || starts("internally tagged") {
        Kind::Object
    } else if starts("boolean") || starts("a boolean") {
        Kind::TrueFalse
    } else if starts("null") || starts("unit") {
        Kind::Nothing
    } else if w.contains("date") || w.contains("Date") {
        Kind::Date
    } else {
        Kind::Other
    }
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

/// One serde error at `path`, classified from its (stable, English) wording.
fn problem(path: String, e: &serde_json::Error) -> Problem {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; the path says more.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
    if let Some(field) = msg
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return Problem::Missing {
            path,
            field: field.to_owned(),
        };
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Problem::WrongKind {
            path,
            expected: kind_named(expected),
            found: kind_named(found),
        };
    }
    if msg.starts_with("unknown variant") {
        return Problem::UnknownValue {
            path,
            value: between(&msg, "`", "`").unwrap_or_default().to_owned(),
        };
    }
    let chrono = [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "trailing input",
        "input is not enough",
        "no possible date",
        "bad or unsupported format",
    ];
    if chrono.iter().any(|c| msg.starts_with(c)) {
        return Problem::BadDate { path };
    }
    Problem::Invalid { path, detail: msg }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::export::export_json;
    use crate::domain::seed::builtin_dataset;

    fn file(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut v = serde_json::to_value(builtin_dataset()).expect("value");
        edit(&mut v);
        v.to_string().into_bytes()
    }

    fn problems(bytes: &[u8]) -> Vec<Problem> {
        check_file(bytes).err().unwrap_or_default()
    }

    #[test]
    fn a_good_export_is_accepted_with_or_without_a_byte_order_mark() {
        let text = export_json(
            &builtin_dataset(),
            "2026-11-27T10:00:00Z".parse().expect("t"),
        );
        let (d, from) = check_file(text.as_bytes()).expect("valid");
        assert_eq!(from, crate::domain::model::SCHEMA_VERSION);
        assert_eq!(d.organisations, builtin_dataset().organisations);
        let with_bom = format!("\u{feff}{text}");
        assert!(check_file(with_bom.as_bytes()).is_ok());
    }

    #[test]
    fn empty_binary_huge_and_broken_files_are_refused_with_one_reason() {
        assert_eq!(problems(b""), vec![Problem::Empty]);
        assert_eq!(problems(b"  \n "), vec![Problem::Empty]);
        assert_eq!(problems(&[0xff, 0xfe, 0x00]), vec![Problem::NotUtf8]);
        let huge = vec![b' '; MAX_IMPORT_BYTES + 1];
        assert!(matches!(problems(&huge)[..], [Problem::TooLarge { .. }]));
        assert_eq!(
            problems(b"{\n  \"format\": "),
            vec![Problem::NotJson {
                line: 2,
                column: 12
            }]
        );
        assert_eq!(problems(b"[1, 2]"), vec![Problem::NotOurFormat]);
        assert_eq!(
            problems(br#"{"format":"gpx","schema_version":1}"#),
            vec![Problem::NotOurFormat]
        );
        let newer = file(|v| v["schema_version"] = Value::from(9));
        assert_eq!(problems(&newer), vec![Problem::NewerVersion { version: 9 }]);
    }

    #[test]
    fn every_broken_record_is_listed_with_its_path_and_kind() {
        let bad = file(|v| {
            v["organisations"][2]["population"][0]["count"] = Value::from("många");
            v["organisations"][5]
                .as_object_mut()
                .expect("obj")
                .remove("name");
            v["participations"][1]["detail"]["letter_of_intent"] = Value::from("15/3/2007");
            v["events"] = Value::from(7);
            v["programmes"][0]["kind"] = Value::from("seminarium");
        });
        let got = problems(&bad);
        assert!(
            got.contains(&Problem::WrongKind {
                path: "organisations[2].population[0].count".into(),
                expected: Kind::Number,
                found: Kind::Text
            }),
            "{got:?}"
        );
        assert!(
            got.contains(&Problem::Missing {
                path: "organisations[5]".into(),
                field: "name".into()
            }),
            "{got:?}"
        );
        assert!(
            got.contains(&Problem::BadDate {
                path: "participations[1].detail.letter_of_intent".into()
            }),
            "{got:?}"
        );
        assert!(
            got.contains(&Problem::WrongKind {
                path: "events".into(),
                expected: Kind::List,
                found: Kind::Number
            }),
            "{got:?}"
        );
        assert!(
            got.contains(&Problem::UnknownValue {
                path: "programmes[0].kind".into(),
                value: "seminarium".into()
            }),
            "{got:?}"
        );
        assert_eq!(got.len(), 5, "{got:?}");
    }

    #[test]
    fn references_are_checked_among_the_records_that_read_at_their_places_in_the_file() {
        let bad = file(|v| {
            v["organisations"][0]["population"] = Value::from("många");
            v["participations"][3]["detail"]["mentor_id"] = Value::from("org-9999");
        });
        let got = problems(&bad);
        assert!(
            got.contains(&Problem::UnknownReference {
                path: "participations[3].detail.mentor_id".into(),
                id: "org-9999".into()
            }),
            "{got:?}"
        );
        assert!(
            !got.iter()
                .any(|p| matches!(p, Problem::UnknownReference { id, .. } if id == "org-0560")),
            "Boxholm's record is broken, not missing: {got:?}"
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn duplicate_ids_and_references_to_nothing_are_refused() {
        let bad = file(|v| {
            let first = v["organisations"][0].clone();
            v["organisations"].as_array_mut().expect("list").push(first);
            v["participations"][0]["detail"]["mentor_id"] = Value::from("org-9999");
            v["participations"][1]["detail"]["coach_id"] = Value::from("coach-nobody");
        });
        let got = problems(&bad);
        assert!(
            got.iter()
                .any(|p| matches!(p, Problem::DuplicateId { id, .. } if id == "org-0560")),
            "{got:?}"
        );
        assert!(
            got.contains(&Problem::UnknownReference {
                path: "participations[0].detail.mentor_id".into(),
                id: "org-9999".into()
            }),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|p| matches!(p, Problem::UnknownReference { id, .. } if id == "coach-nobody")),
            "{got:?}"
        );
    }

    #[test]
    fn links_that_are_not_http_are_refused_with_their_place() {
        for link in [
            "javascript:alert(1)",
            "data:text/html,<script>x</script>",
            " JavaScript:x",
        ] {
            let bad = file(|v| {
                v["participations"][0]["detail"]["needs_analysis"] = serde_json::json!({
                    "date": null, "summary": "x", "focus_areas": [], "document_url": link
                });
            });
            assert_eq!(
                problems(&bad),
                vec![Problem::BadLink {
                    path: "participations[0].detail.needs_analysis.document_url".into()
                }],
                "{link}"
            );
        }
        let good = file(|v| {
            v["participations"][0]["detail"]["needs_analysis"] = serde_json::json!({
                "date": null, "summary": "x", "focus_areas": [], "document_url": "https://example.org/a"
            });
        });
        assert!(check_file(&good).is_ok());
    }

    #[test]
    fn an_older_version_is_migrated_on_import() {
        let v0 = include_str!("../../../tests/fixtures/dataset-v0.json");
        let (d, from) = check_file(v0.as_bytes()).expect("v0 imports");
        assert_eq!((from, d.schema_version), (0, SCHEMA_VERSION));
    }
}

//! What an import would do, and merging. **Replace** takes the file as it is.
//! **Merge** matches records by `id` and merges them field by field: a field only
//! one side changed (against the built-in record, when there is one) takes that
//! change; where both differ the newer `updated_at` wins by default (ties: the
//! larger value, so the result never depends on which side is "ours"), and the
//! field is listed as a conflict for the user to decide. Nothing is removed.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::import::reads;
use super::migrate::COLLECTIONS;
use crate::domain::model::Dataset;
use crate::domain::seed::builtin_dataset;

/// Kept by the merge itself: the newest time, and "user" if either side was edited.
const META: [&str; 2] = ["updated_at", "source"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// What this browser holds.
    Ours,
    /// What the file holds.
    Theirs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordRef {
    pub collection: &'static str,
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// `collection/id/field.path`: how a choice names it.
    pub key: String,
    pub record: RecordRef,
    /// The field's path inside the record, e.g. `detail.letter_of_intent`.
    pub field: String,
    /// Both values as JSON text.
    pub ours: String,
    pub theirs: String,
    /// The side taken unless the user picks the other.
    pub default: Side,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub added: Vec<RecordRef>,
    pub changed: Vec<RecordRef>,
    pub removed: Vec<RecordRef>,
    pub conflicts: Vec<Conflict>,
}

/// The dataset as JSON, converted once: records are compared and merged as values.
fn tree(d: &Dataset) -> Value {
    serde_json::to_value(d).unwrap_or(Value::Null)
}

fn records<'a>(tree: &'a Value, name: &str) -> &'a [Value] {
    tree.get(name)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn id_of(v: &Value) -> String {
    v.get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A name a person recognises: the record's name or title, a participation's organisation.
fn label(v: &Value, orgs: &BTreeMap<String, String>) -> String {
    ["name", "title"]
        .iter()
        .find_map(|k| v.get(*k))
        .and_then(|n| {
            n.as_str()
                .map(str::to_owned)
                .or_else(|| n.get("value")?.as_str().map(str::to_owned))
        })
        .or_else(|| {
            v.get("organisation_id")
                .and_then(Value::as_str)
                .and_then(|o| orgs.get(o).cloned())
        })
        .unwrap_or_else(|| id_of(v))
}

fn org_names(ds: &[&Dataset]) -> BTreeMap<String, String> {
    ds.iter()
        .flat_map(|d| d.organisations.iter())
        .map(|o| (o.meta.id.clone(), o.name.clone()))
        .collect()
}

fn by_id(list: &[Value]) -> BTreeMap<String, &Value> {
    list.iter().map(|v| (id_of(v), v)).collect()
}

/// Replace: everything in the file, nothing else.
pub fn replace_preview(current: &Dataset, incoming: &Dataset) -> Preview {
    let orgs = org_names(&[current, incoming]);
    let mut p = Preview::default();
    let (ours_tree, theirs_tree) = (tree(current), tree(incoming));
    for name in COLLECTIONS {
        let (ours, theirs) = (records(&ours_tree, name), records(&theirs_tree, name));
        let (o, t) = (by_id(ours), by_id(theirs));
        let r = |v: &Value| RecordRef {
            collection: name,
            id: id_of(v),
            label: label(v, &orgs),
        };
        p.added
            .extend(theirs.iter().filter(|v| !o.contains_key(&id_of(v))).map(r));
        p.changed.extend(
            theirs
                .iter()
                .filter(|v| o.get(&id_of(v)).is_some_and(|x| *x != *v))
                .map(r),
        );
        p.removed
            .extend(ours.iter().filter(|v| !t.contains_key(&id_of(v))).map(r));
    }
    p
}

/// Merge: what it would add and change, and the conflicts to decide.
pub fn merge_preview(current: &Dataset, incoming: &Dataset) -> Preview {
    merged(current, incoming, &BTreeMap::new()).1
}

/// The merged dataset, with `choices` (conflict key → side) applied over the defaults.
pub fn merge(current: &Dataset, incoming: &Dataset, choices: &BTreeMap<String, Side>) -> Dataset {
    merged(current, incoming, choices).0
}

fn merged(
    current: &Dataset,
    incoming: &Dataset,
    choices: &BTreeMap<String, Side>,
) -> (Dataset, Preview) {
    let base_data = builtin_dataset();
    let orgs = org_names(&[current, incoming]);
    let mut preview = Preview::default();
    let (ours_tree, theirs_tree, base_tree) = (tree(current), tree(incoming), tree(&base_data));
    let mut out = ours_tree.clone();
    for name in COLLECTIONS {
        let (ours, theirs, base) = (
            records(&ours_tree, name),
            records(&theirs_tree, name),
            records(&base_tree, name),
        );
        let (t, b) = (by_id(theirs), by_id(base));
        let o = by_id(ours);
        let mut result: Vec<Value> = Vec::with_capacity(ours.len());
        for mine in ours {
            let id = id_of(mine);
            let Some(other) = t.get(&id) else {
                result.push(mine.clone());
                continue;
            };
            if mine == *other {
                result.push(mine.clone());
                continue;
            }
            let record = RecordRef {
                collection: name,
                id: id.clone(),
                label: label(other, &orgs),
            };
            let newer = newer_side(mine, other);
            let mut ctx = Ctx {
                record: &record,
                newer,
                choices,
                conflicts: &mut preview.conflicts,
            };
            let mut value = ctx.merge_value(b.get(&id).copied(), mine, other, "");
            if let Value::Object(m) = &mut value {
                finish_meta(m, mine, other);
            }
            // A merge of two valid records is valid; if not, the newer record wins whole.
            if !reads(name, &value) {
                value = match newer {
                    Side::Ours => (*mine).clone(),
                    Side::Theirs => (*other).clone(),
                };
            }
            if value != *mine {
                preview.changed.push(record);
            }
            result.push(value);
        }
        for other in theirs {
            if !o.contains_key(&id_of(other)) {
                preview.added.push(RecordRef {
                    collection: name,
                    id: id_of(other),
                    label: label(other, &orgs),
                });
                result.push(other.clone());
            }
        }
        out[name] = Value::Array(result);
    }
    // Sources are cited documents: keep ours, add what only the file cites.
    let mut sources = current.sources.clone();
    sources.extend(
        incoming
            .sources
            .iter()
            .filter(|s| current.source(&s.id).is_none())
            .cloned(),
    );
    out["sources"] = serde_json::to_value(&sources).unwrap_or(Value::Array(Vec::new()));
    let dataset = serde_json::from_value(out).unwrap_or_else(|_| current.clone());
    (dataset, preview)
}

fn newer_side(ours: &Value, theirs: &Value) -> Side {
    let time = |v: &Value| {
        v.get("updated_at")
            .and_then(Value::as_str)
            .and_then(|t| t.parse::<chrono::DateTime<chrono::Utc>>().ok())
    };
    match time(ours).cmp(&time(theirs)) {
        Ordering::Greater => Side::Ours,
        Ordering::Less => Side::Theirs,
        Ordering::Equal => tie(ours, theirs),
    }
}

/// The same answer whichever side is which.
fn tie(ours: &Value, theirs: &Value) -> Side {
    // Compared as JSON text: a total order that does not depend on the side.
    let (a, b) = (ours.to_string(), theirs.to_string());
    if a >= b {
        Side::Ours
    } else {
        Side::Theirs
    }
}

fn finish_meta(m: &mut Map<String, Value>, ours: &Value, theirs: &Value) {
    let newest = [ours, theirs]
        .iter()
        .filter_map(|v| v.get("updated_at").and_then(Value::as_str))
        .filter_map(|t| t.parse::<chrono::DateTime<chrono::Utc>>().ok())
        .max();
    if let Some(t) = newest {
        m.insert(
            "updated_at".into(),
            serde_json::to_value(t).unwrap_or(Value::Null),
        );
    }
    let edited = [ours, theirs]
        .iter()
        .any(|v| v.get("source").and_then(Value::as_str) == Some("user"));
    if let Some(source) = [ours, theirs].iter().find_map(|v| v.get("source")) {
        m.insert(
            "source".into(),
            if edited {
                Value::from("user")
            } else {
                source.clone()
            },
        );
    }
}

struct Ctx<'a> {
    record: &'a RecordRef,
    newer: Side,
    choices: &'a BTreeMap<String, Side>,
    conflicts: &'a mut Vec<Conflict>,
}

impl Ctx<'_> {
    fn merge_value(
        &mut self,
        base: Option<&Value>,
        ours: &Value,
        theirs: &Value,
        path: &str,
    ) -> Value {
        if ours == theirs {
            return ours.clone();
        }
        // Objects merge key by key, unless they are different kinds of thing (a tagged `type`).
        if let (Value::Object(o), Value::Object(t)) = (ours, theirs) {
            if o.get("type") == t.get("type") {
                let mut m = Map::new();
                let keys = o.keys().chain(t.keys().filter(|k| !o.contains_key(*k)));
                for k in keys {
                    if path.is_empty() && META.contains(&k.as_str()) {
                        if let Some(v) = o.get(k).or_else(|| t.get(k)) {
                            m.insert(k.clone(), v.clone());
                        }
                        continue;
                    }
                    let child = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    let b = base.and_then(|b| b.get(k));
                    let merged = match (o.get(k), t.get(k)) {
                        (Some(x), Some(y)) => self.merge_value(b, x, y, &child),
                        (Some(x), None) | (None, Some(x)) => x.clone(),
                        (None, None) => continue,
                    };
                    m.insert(k.clone(), merged);
                }
                return Value::Object(m);
            }
        }
        match base {
            Some(b) if b == ours => return theirs.clone(),
            Some(b) if b == theirs => return ours.clone(),
            _ => {}
        }
        let key = format!("{}/{}/{}", self.record.collection, self.record.id, path);
        let default = self.newer;
        let side = self.choices.get(&key).copied().unwrap_or(default);
        self.conflicts.push(Conflict {
            key,
            record: self.record.clone(),
            field: path.to_owned(),
            ours: ours.to_string(),
            theirs: theirs.to_string(),
            default,
        });
        match side {
            Side::Ours => ours.clone(),
            Side::Theirs => theirs.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use crate::domain::seed::builtin_dataset;

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        s.parse().expect("time")
    }

    fn coaching(d: &mut Dataset, id: &str, t: &str, f: impl FnOnce(&mut CoachingParticipation)) {
        let p = d
            .participations
            .iter_mut()
            .find(|p| p.meta.id == id)
            .expect("exists");
        p.meta.updated_at = at(t);
        p.meta.source = Origin::User;
        if let ParticipationDetail::Coaching(c) = &mut p.detail {
            f(c);
        }
    }

    fn detail(d: &Dataset, id: &str) -> CoachingParticipation {
        match &d
            .participations
            .iter()
            .find(|p| p.meta.id == id)
            .expect("exists")
            .detail
        {
            ParticipationDetail::Coaching(c) => c.clone(),
            ParticipationDetail::PilotLan(_) => panic!("coaching"),
        }
    }

    const HJO: &str = "participation-coaching-1497";

    #[test]
    fn fields_changed_on_one_side_each_are_both_kept_without_conflict() {
        let mut ours = builtin_dataset();
        let mut theirs = builtin_dataset();
        coaching(&mut ours, HJO, "2026-01-01T00:00:00Z", |c| {
            c.letter_of_intent = "2007-03-15".parse().ok()
        });
        coaching(&mut theirs, HJO, "2026-02-01T00:00:00Z", |c| {
            c.strategy_proposed = "2008-05-01".parse().ok()
        });
        let p = merge_preview(&ours, &theirs);
        assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
        assert_eq!(
            p.changed
                .iter()
                .map(|r| r.label.as_str())
                .collect::<Vec<_>>(),
            vec!["Hjo"]
        );
        let m = merge(&ours, &theirs, &BTreeMap::new());
        let c = detail(&m, HJO);
        assert_eq!(c.letter_of_intent, "2007-03-15".parse().ok());
        assert_eq!(c.strategy_proposed, "2008-05-01".parse().ok());
        let hjo = m
            .participations
            .iter()
            .find(|p| p.meta.id == HJO)
            .expect("kept");
        assert_eq!(
            hjo.meta.updated_at,
            at("2026-02-01T00:00:00Z"),
            "the newest time"
        );
    }

    #[test]
    fn a_field_both_sides_changed_is_a_conflict_newer_wins_unless_the_user_picks() {
        let mut ours = builtin_dataset();
        let mut theirs = builtin_dataset();
        coaching(&mut ours, HJO, "2026-01-01T00:00:00Z", |c| {
            c.letter_of_intent = "2007-03-15".parse().ok()
        });
        coaching(&mut theirs, HJO, "2026-02-01T00:00:00Z", |c| {
            c.letter_of_intent = "2007-04-20".parse().ok()
        });
        let p = merge_preview(&ours, &theirs);
        assert_eq!(p.conflicts.len(), 1);
        let conflict = &p.conflicts[0];
        assert_eq!(conflict.field, "detail.letter_of_intent");
        assert_eq!(
            (conflict.ours.as_str(), conflict.theirs.as_str()),
            ("\"2007-03-15\"", "\"2007-04-20\"")
        );
        assert_eq!(conflict.default, Side::Theirs, "the file's record is newer");
        let m = merge(&ours, &theirs, &BTreeMap::new());
        assert_eq!(detail(&m, HJO).letter_of_intent, "2007-04-20".parse().ok());
        let choose = BTreeMap::from([(conflict.key.clone(), Side::Ours)]);
        assert_eq!(
            detail(&merge(&ours, &theirs, &choose), HJO).letter_of_intent,
            "2007-03-15".parse().ok()
        );
    }

    #[test]
    fn a_tie_in_time_is_broken_the_same_way_whichever_side_is_ours() {
        let mut a = builtin_dataset();
        let mut b = builtin_dataset();
        coaching(&mut a, HJO, "2026-01-01T00:00:00Z", |c| {
            c.letter_of_intent = "2007-03-15".parse().ok()
        });
        coaching(&mut b, HJO, "2026-01-01T00:00:00Z", |c| {
            c.letter_of_intent = "2007-04-20".parse().ok()
        });
        let ab = merge(&a, &b, &BTreeMap::new());
        let ba = merge(&b, &a, &BTreeMap::new());
        assert_eq!(
            detail(&ab, HJO).letter_of_intent,
            detail(&ba, HJO).letter_of_intent
        );
        assert_eq!(detail(&ab, HJO).letter_of_intent, "2007-04-20".parse().ok());
    }

    #[test]
    fn merge_adds_new_records_and_removes_nothing_replace_shows_removals() {
        let ours = builtin_dataset();
        let mut theirs = builtin_dataset();
        theirs.participations.retain(|p| p.meta.id != HJO);
        let mut coach = theirs.coaches[0].clone();
        coach.meta.id = "coach-new".into();
        coach.name = "Ny Coach".into();
        theirs.coaches.push(coach);
        let p = merge_preview(&ours, &theirs);
        assert_eq!(
            p.added.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
            vec!["Ny Coach"]
        );
        assert!(p.removed.is_empty() && p.changed.is_empty());
        let m = merge(&ours, &theirs, &BTreeMap::new());
        assert!(
            m.participations.iter().any(|p| p.meta.id == HJO),
            "merge keeps ours"
        );
        assert_eq!(m.coaches.len(), ours.coaches.len() + 1);
        assert_eq!(crate::domain::exchange::integrity::check(&m), vec![]);

        let r = replace_preview(&ours, &theirs);
        assert_eq!(
            r.removed
                .iter()
                .map(|r| r.label.as_str())
                .collect::<Vec<_>>(),
            vec!["Hjo"]
        );
        assert_eq!(r.added.len(), 1);
    }

    #[test]
    fn merging_identical_data_changes_nothing() {
        let d = builtin_dataset();
        assert_eq!(merge_preview(&d, &d), Preview::default());
        assert_eq!(merge(&d, &d, &BTreeMap::new()), d);
    }
}

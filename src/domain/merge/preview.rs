//! What an import would do, and merging. **Replace** takes the file as it is.
//! **Merge** is the join of `join.rs`: every field takes its latest edit, a record
//! removed on one side is removed (unless kept), and only edits of one field that neither
//! side had seen of the other's are questions. A person's answers and the records they
//! keep are then edits made here, with stamps of their own, so they travel like any other.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::join;
use super::replicas::{assemble, builtin_ranks, fields_of, split};
use super::stamping::stamp_edit;
use crate::domain::model::kinds::Kind;
use crate::domain::model::kinds::COLLECTIONS;
use crate::domain::model::versions::Stamp;
use crate::domain::model::*;

pub use super::join::Side;

/// When an edit was made, and by which browser: its id, and what to call it (its short
/// name, if a file gives one, else the start of its id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub at: DateTime<Utc>,
    pub browser: String,
    pub by: String,
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
    /// When and where each was made.
    pub ours_edit: Edit,
    pub theirs_edit: Edit,
    /// The side taken unless the user picks the other: the later edit.
    pub default: Side,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub added: Vec<RecordRef>,
    pub changed: Vec<RecordRef>,
    pub removed: Vec<RecordRef>,
    pub conflicts: Vec<Conflict>,
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

/// Replace: everything in the file, nothing else.
pub fn replace_preview(current: &Dataset, incoming: &Dataset) -> Preview {
    let orgs = org_names(&[current, incoming]);
    let mut p = Preview::default();
    replaced::<Programme>(current, incoming, &orgs, &mut p);
    replaced::<Organisation>(current, incoming, &orgs, &mut p);
    replaced::<Participation>(current, incoming, &orgs, &mut p);
    replaced::<Coach>(current, incoming, &orgs, &mut p);
    replaced::<Event>(current, incoming, &orgs, &mut p);
    p
}

fn replaced<T: Kind>(
    current: &Dataset,
    incoming: &Dataset,
    orgs: &BTreeMap<String, String>,
    p: &mut Preview,
) {
    let (ours, theirs) = (T::list(current), T::list(incoming));
    let by_id = |list: &'_ [T]| -> BTreeMap<String, usize> {
        list.iter()
            .enumerate()
            .map(|(i, r)| (r.meta().id.clone(), i))
            .collect()
    };
    let (o, t) = (by_id(ours), by_id(theirs));
    let r = |x: &T| RecordRef {
        collection: T::COLLECTION,
        id: x.meta().id.clone(),
        label: label(&fields_of(x), orgs),
    };
    for x in theirs {
        match o.get(&x.meta().id) {
            None => p.added.push(r(x)),
            Some(i) if ours[*i] != *x => p.changed.push(r(x)),
            Some(_) => {}
        }
    }
    p.removed
        .extend(ours.iter().filter(|x| !t.contains_key(&x.meta().id)).map(r));
}

/// Merge: what it would add, change and remove, and the conflicts to decide.
pub fn merge_preview(current: &Dataset, incoming: &Dataset) -> Preview {
    joined(current, incoming).0
}

/// A person's answers to a merge preview.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions {
    /// Conflict key → the side chosen, where it is not the default.
    pub choices: BTreeMap<String, Side>,
    /// `collection/id` of removed records to keep.
    pub keep: BTreeSet<String>,
}

/// The join of two datasets as [`merge`] makes it with no answers (each conflict decided
/// for the later edit), and the conflicts so decided: a pull from a server, where no one
/// is asked first. One join, where a preview and then a merge would make it twice.
pub fn join_reporting(current: &Dataset, incoming: &Dataset) -> (Dataset, Vec<Conflict>) {
    let (preview, alike, replicas) = joined(current, incoming);
    let context = current.context.join(&incoming.context);
    let joined = assemble(&template(current, incoming), alike, replicas, context)
        .unwrap_or_else(|| current.clone());
    (joined, preview.conflicts)
}

/// The merged dataset, with `decisions` applied as edits made by `browser` at `now`.
pub fn merge(
    current: &Dataset,
    incoming: &Dataset,
    decisions: &Decisions,
    browser: &str,
    now: DateTime<Utc>,
) -> Dataset {
    let (preview, alike, replicas) = joined(current, incoming);
    let template = template(current, incoming);
    let context = current.context.join(&incoming.context);
    let Some(answered) = answered(&preview, decisions, &replicas) else {
        return assemble(&template, alike, replicas, context).unwrap_or_else(|| current.clone());
    };
    let Some(joined) = assemble(&template, alike.clone(), replicas, context) else {
        return current.clone();
    };
    // The answers are an edit made here, after the join.
    let Some(mut after) = assemble(&joined, alike, answered, joined.context.clone()) else {
        return joined;
    };
    stamp_edit(&joined, &mut after, browser, now);
    after
}

/// The joined records with a person's answers where they differ from the defaults;
/// None if none does.
fn answered(
    preview: &Preview,
    decisions: &Decisions,
    replicas: &[join::Replica],
) -> Option<Vec<join::Replica>> {
    let mut replicas = replicas.to_vec();
    let mut decided = false;
    for c in &preview.conflicts {
        let chosen = decisions.choices.get(&c.key).copied().unwrap_or(c.default);
        if chosen == c.default {
            continue;
        }
        let value = match chosen {
            Side::Ours => &c.ours,
            Side::Theirs => &c.theirs,
        };
        let (Some(i), Ok(value)) = (
            COLLECTIONS.iter().position(|n| *n == c.record.collection),
            serde_json::from_str::<Value>(value),
        ) else {
            continue;
        };
        if let Some(r) = replicas[i].records.iter_mut().find(|r| r.id == c.record.id) {
            set_path(&mut r.fields, &c.field, value);
            decided = true;
        }
    }
    for r in &preview.removed {
        if !decisions
            .keep
            .contains(&format!("{}/{}", r.collection, r.id))
        {
            continue;
        }
        let Some(i) = COLLECTIONS.iter().position(|n| *n == r.collection) else {
            continue;
        };
        if let Some(rec) = replicas[i].records.iter_mut().find(|x| x.id == r.id) {
            rec.presence = None;
            decided = true;
        }
    }
    decided.then_some(replicas)
}

fn set_path(fields: &mut Value, path: &str, value: Value) {
    let mut at = fields;
    for key in path.split('.') {
        at = &mut at[key];
    }
    *at = value;
}

fn edit(stamp: &Stamp, names: &BTreeMap<String, String>) -> Edit {
    Edit {
        at: stamp.at,
        browser: stamp.browser.clone(),
        by: names
            .get(&stamp.browser)
            .cloned()
            .unwrap_or_else(|| stamp.browser.chars().take(6).collect()),
    }
}

/// What the join of both datasets does from our side; the records alike on both sides,
/// and the join of the others.
fn joined(current: &Dataset, incoming: &Dataset) -> (Preview, Dataset, Vec<join::Replica>) {
    let orgs = org_names(&[current, incoming]);
    let ranks = builtin_ranks();
    let mut names = incoming.browsers.clone();
    names.extend(current.browsers.clone());
    let mut preview = Preview::default();
    let mut replicas = Vec::with_capacity(COLLECTIONS.len());
    let parts = split(current, incoming);
    for (name, (o, t)) in COLLECTIONS.iter().zip(parts.ours.iter().zip(&parts.theirs)) {
        let rank = |id: &str| ranks.get(name)?.get(id).copied();
        let joined = join::join(o, t, &rank);
        let fields: BTreeMap<&str, &Value> = joined
            .replica
            .records
            .iter()
            .map(|r| (r.id.as_str(), &r.fields))
            .collect();
        let reference = |id: &str, v: &Value| RecordRef {
            collection: name,
            id: id.to_owned(),
            label: label(v, &orgs),
        };
        for id in &joined.added {
            preview.added.push(reference(id, fields[id.as_str()]));
        }
        for id in &joined.changed {
            preview.changed.push(reference(id, fields[id.as_str()]));
        }
        for r in &joined.removed {
            preview.removed.push(reference(&r.id, &r.fields));
        }
        for c in joined.conflicts {
            preview.conflicts.push(Conflict {
                key: format!("{name}/{}/{}", c.id, c.path),
                record: reference(&c.id, fields[c.id.as_str()]),
                field: c.path,
                ours: c.ours.to_string(),
                theirs: c.theirs.to_string(),
                ours_edit: edit(&c.ours_stamp, &names),
                theirs_edit: edit(&c.theirs_stamp, &names),
                default: c.kept,
            });
        }
        replicas.push(joined.replica);
    }
    (preview, parts.alike, replicas)
}

/// What the merged dataset keeps besides records: our sources and the file's new ones,
/// and both sides' browser names.
fn template(current: &Dataset, incoming: &Dataset) -> Dataset {
    // Sources are cited documents: keep ours, add what only the file cites.
    let mut sources = current.sources.clone();
    sources.extend(
        incoming
            .sources
            .iter()
            .filter(|s| current.source(&s.id).is_none())
            .cloned(),
    );
    let mut browsers = current.browsers.clone();
    for (id, name) in &incoming.browsers {
        let entry = browsers.entry(id.clone()).or_insert_with(|| name.clone());
        // The same answer whichever side is ours.
        if name > entry {
            *entry = name.clone();
        }
    }
    // The records come from the join (`assemble`).
    Dataset {
        format: current.format.clone(),
        schema_version: current.schema_version,
        browsers,
        sources,
        ..Dataset::empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::export::export_json;
    use crate::domain::seed::builtin_dataset;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    const HJO: &str = "participation-coaching-1497";
    const OSBY: &str = "participation-coaching-1273";

    /// An edit as the store makes it: changed, then stamped by `browser` at `t`.
    fn edit(d: &mut Dataset, browser: &str, t: &str, f: impl FnOnce(&mut Dataset)) {
        let before = d.clone();
        f(d);
        stamp_edit(&before, d, browser, at(t));
    }

    fn coaching<'a>(d: &'a mut Dataset, id: &str) -> &'a mut CoachingParticipation {
        let p = d
            .participations
            .iter_mut()
            .find(|p| p.meta.id == id)
            .expect("exists");
        match &mut p.detail {
            ParticipationDetail::Coaching(c) => c,
            ParticipationDetail::PilotLan(_) => panic!("coaching"),
        }
    }

    fn date(s: &str) -> Option<chrono::NaiveDate> {
        s.parse().ok()
    }

    fn letter(d: &Dataset, id: &str) -> Option<chrono::NaiveDate> {
        coaching(&mut d.clone(), id).letter_of_intent
    }

    fn merged_as(d: &Dataset, file: &Dataset, browser: &str) -> Dataset {
        merge(
            d,
            file,
            &Decisions::default(),
            browser,
            at("2026-06-01T00:00:00Z"),
        )
    }

    /// The round trip of #17: A sets Hjo's letter of intent and shares; B, new, replaces
    /// its data with A's file, corrects the date, sets Osby's and removes a participation;
    /// A merges B's file.
    #[test]
    fn a_correction_after_seeing_the_value_is_no_question_and_a_removal_travels() {
        let mut a = builtin_dataset();
        edit(&mut a, "aaaa", "2026-03-01T10:00:00Z", |d| {
            coaching(d, HJO).letter_of_intent = date("2007-03-15")
        });
        let mut b = a.clone();
        edit(&mut b, "bbbb", "2026-03-02T10:00:00Z", |d| {
            coaching(d, HJO).letter_of_intent = date("2007-04-01");
            coaching(d, OSBY).letter_of_intent = date("2007-05-20");
        });
        let gone = b.participations[5].meta.id.clone();
        edit(&mut b, "bbbb", "2026-03-02T10:05:00Z", |d| {
            d.participations.retain(|p| p.meta.id != gone)
        });
        let p = merge_preview(&a, &b);
        assert_eq!(p.conflicts, vec![], "nothing to ask");
        assert_eq!(
            p.removed.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            vec![gone.as_str()]
        );
        let m = merged_as(&a, &b, "aaaa");
        assert_eq!(letter(&m, HJO), date("2007-04-01"), "B's correction wins");
        assert_eq!(letter(&m, OSBY), date("2007-05-20"), "Osby arrives");
        assert!(m.participations.iter().all(|p| p.meta.id != gone));
        assert_eq!(m.removed.len(), 1);
        assert_eq!(crate::domain::exchange::integrity::check(&m), vec![]);

        // Keeping it instead: a new edit here, so B shows it again after merging A's file.
        let keep = Decisions {
            keep: BTreeSet::from([format!("participations/{gone}")]),
            ..Decisions::default()
        };
        let kept = merge(&a, &b, &keep, "aaaa", at("2026-03-03T00:00:00Z"));
        assert!(kept.participations.iter().any(|p| p.meta.id == gone));
        let back = merge_preview(&b, &kept);
        assert_eq!(
            back.added.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            vec![gone.as_str()]
        );
        assert_eq!(back.conflicts, vec![]);
    }

    #[test]
    fn edits_of_one_field_neither_side_had_seen_are_one_conflict_the_later_preselected() {
        let (mut a, mut b) = (builtin_dataset(), builtin_dataset());
        edit(&mut a, "aaaa", "2026-01-01T00:00:00Z", |d| {
            coaching(d, HJO).letter_of_intent = date("2007-03-15")
        });
        edit(&mut b, "bbbb", "2026-01-02T00:00:00Z", |d| {
            coaching(d, HJO).letter_of_intent = date("2007-03-20");
            coaching(d, OSBY).strategy_proposed = date("2008-05-01");
        });
        b.browsers.insert("bbbb".into(), "Kansliet".into());
        let p = merge_preview(&a, &b);
        assert_eq!(p.conflicts.len(), 1, "{:?}", p.conflicts);
        let c = &p.conflicts[0];
        assert_eq!(
            (c.record.label.as_str(), c.field.as_str()),
            ("Hjo", "detail.letter_of_intent")
        );
        assert_eq!(
            (c.ours.as_str(), c.theirs.as_str()),
            ("\"2007-03-15\"", "\"2007-03-20\"")
        );
        assert_eq!(c.default, Side::Theirs, "the later edit is preselected");
        assert_eq!(
            c.theirs_edit,
            Edit {
                at: at("2026-01-02T00:00:00Z"),
                browser: "bbbb".into(),
                by: "Kansliet".into()
            }
        );
        assert_eq!(c.ours_edit.by, "aaaa");

        // Choosing ours is an edit made here after seeing theirs: merging B's file again asks nothing.
        let mine = Decisions {
            choices: BTreeMap::from([(c.key.clone(), Side::Ours)]),
            ..Decisions::default()
        };
        let m = merge(&a, &b, &mine, "aaaa", at("2026-01-03T00:00:00Z"));
        assert_eq!(letter(&m, HJO), date("2007-03-15"));
        assert_eq!(
            coaching(&mut m.clone(), OSBY).strategy_proposed,
            date("2008-05-01")
        );
        assert_eq!(merge_preview(&m, &b).conflicts, vec![]);
        assert_eq!(
            letter(&merged_as(&b, &m, "bbbb"), HJO),
            date("2007-03-15"),
            "and B takes A's choice"
        );
    }

    #[test]
    fn merging_in_any_order_or_twice_gives_the_same_export() {
        let mut sides: Vec<Dataset> = Vec::new();
        for (i, browser) in ["aaaa", "bbbb", "cccc"].iter().enumerate() {
            let mut d = builtin_dataset();
            edit(
                &mut d,
                browser,
                &format!("2026-01-0{}T00:00:00Z", i + 1),
                |d| {
                    coaching(d, HJO).letter_of_intent = date(&format!("2007-0{}-01", i + 1));
                    d.coaches[0].name = format!("Coach {browser}");
                },
            );
            sides.push(d);
        }
        let [a, b, c] = [&sides[0], &sides[1], &sides[2]];
        let t = at("2026-02-01T00:00:00Z");
        let abc = merged_as(&merged_as(a, b, "x"), c, "x");
        let cba = merged_as(&merged_as(c, b, "x"), a, "x");
        assert_eq!(export_json(&abc, t), export_json(&cba, t));
        assert_eq!(
            export_json(&merged_as(&abc, c, "x"), t),
            export_json(&abc, t),
            "a file merged twice"
        );
        assert_eq!(letter(&abc, HJO), date("2007-03-01"), "the latest edit");
    }

    #[test]
    fn merging_identical_data_changes_nothing_and_replace_shows_removals() {
        let d = builtin_dataset();
        assert_eq!(merge_preview(&d, &d), Preview::default());
        assert_eq!(merged_as(&d, &d, "aaaa"), d);

        let mut theirs = builtin_dataset();
        theirs.participations.retain(|p| p.meta.id != HJO);
        let r = replace_preview(&d, &theirs);
        assert_eq!(
            r.removed
                .iter()
                .map(|r| r.label.as_str())
                .collect::<Vec<_>>(),
            vec!["Hjo"]
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod histories {
        //! Whole datasets living through random edits, removals and merges on three
        //! browsers: the merge of datasets (alike records kept typed, the rest joined)
        //! obeys the join's laws, export for export.
        use super::*;
        use proptest::prelude::*;

        use crate::domain::merge::random_edits::{self, Edit};

        #[derive(Clone, Debug)]
        enum Op {
            Edit {
                who: usize,
                edit: Edit,
            },
            Merge {
                from: usize,
                into: usize,
                keep: bool,
            },
        }

        fn op() -> impl Strategy<Value = Op> {
            prop_oneof![
                8 => (0..3usize, random_edits::edit()).prop_map(|(who, edit)| Op::Edit { who, edit }),
                3 => (0..3usize, 0..3usize, any::<bool>())
                    .prop_map(|(from, into, keep)| Op::Merge { from, into, keep }),
            ]
        }

        const BROWSERS: [&str; 3] = ["aaaa", "bbbb", "cccc"];

        fn run(ops: &[Op]) -> Vec<Dataset> {
            let mut sides = vec![builtin_dataset(); 3];
            for (step, op) in ops.iter().enumerate() {
                let t = at("2026-01-01T00:00:00Z") + chrono::TimeDelta::minutes(step as i64);
                let when = &t.to_rfc3339();
                match op {
                    Op::Edit { who, edit: e } => {
                        edit(&mut sides[*who], BROWSERS[*who], when, |d| {
                            random_edits::make(d, e, *who, step)
                        })
                    }
                    &Op::Merge { from, into, keep } => {
                        let (d, file) = (&sides[into], &sides[from]);
                        let keep = if keep {
                            merge_preview(d, file)
                                .removed
                                .iter()
                                .map(|r| format!("{}/{}", r.collection, r.id))
                                .collect()
                        } else {
                            BTreeSet::new()
                        };
                        let decisions = Decisions {
                            keep,
                            ..Decisions::default()
                        };
                        sides[into] = merge(d, file, &decisions, BROWSERS[into], t);
                    }
                }
            }
            sides
        }

        fn m(a: &Dataset, b: &Dataset) -> String {
            export_json(&merged_as(a, b, "x"), at("2026-06-01T00:00:00Z"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]

            #[test]
            fn merging_datasets_is_a_join(ops in prop::collection::vec(op(), 0..24)) {
                let sides = run(&ops);
                let [x, y, z] = [&sides[0], &sides[1], &sides[2]];
                prop_assert_eq!(m(x, y), m(y, x), "commutative");
                prop_assert_eq!(merged_as(x, x, "x"), x.clone(), "idempotent");
                let xy = merged_as(x, y, "x");
                let yz = merged_as(y, z, "x");
                prop_assert_eq!(m(&xy, z), m(x, &yz), "associative");
                let zy = merged_as(z, y, "x");
                prop_assert_eq!(m(&xy, z), m(&zy, x), "A→B→C equals C→B→A");
                let all = merged_as(&xy, z, "x");
                prop_assert_eq!(merged_as(&all, y, "x"), all.clone(), "a file merged again");
                prop_assert_eq!(crate::domain::exchange::integrity::check(&all), vec![]);
            }
        }
    }
}

//! Merging two datasets' records as a join: the result does not depend on which side is
//! which, on the order files are merged in, or on merging the same file twice.
//!
//! The laws, for datasets `a`, `b`, `c` (proved by the property tests below):
//! - `join(a, b) == join(b, a)`, `join(join(a, b), c) == join(a, join(b, c))`,
//!   `join(a, a) == a`: records, field values, versions and order alike.
//! - A field takes the value of its latest edit, by the stamps' order ([`Stamp::cmp_later`]).
//!   Because every browser's clock moves past every time it has seen, an edit made after
//!   seeing another is always the later one: what one side changed after seeing the
//!   other's value replaces it, silently.
//! - Only edits of the same field neither side had seen are conflicts: the later one is
//!   kept, and both are reported for a person to decide (a different choice is then a new
//!   edit, so it travels like any other).
//! - Removing a record is an edit too: the record stays in the data, hidden, with the
//!   removal's stamp, so the removal reaches every browser the file goes to, and the
//!   merge of a removed record with its edits elsewhere is the same in any order. The
//!   later of a removal and a choice to keep the record ([`keep`]) decides whether it shows.
//!
//! Records are compared as JSON, field by field (and a participation's `detail` field by
//! field): each field is one value, whether text, a number, a list or a fact with its source.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::domain::model::versions::{effective, Context, Stamp, Versions, WHOLE};

/// One record of a collection: its id, its fields (without its versions), its versions,
/// and whether it was removed or kept after a removal (the later such edit; none: never).
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: String,
    pub fields: Value,
    pub versions: Versions,
    pub presence: Option<Presence>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Presence {
    pub removed: bool,
    pub stamp: Stamp,
}

impl Record {
    /// Whether people see it: not removed, or kept since.
    pub fn shown(&self) -> bool {
        self.presence.as_ref().is_none_or(|p| !p.removed)
    }
}

/// One side of a merge: its records, shown and removed (in canonical order), and what
/// it has seen.
#[derive(Clone, Debug, PartialEq)]
pub struct Replica {
    pub records: Vec<Record>,
    pub context: Context,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// Two edits of one field, neither made knowing the other.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldConflict {
    pub id: String,
    /// The field's path in the record, e.g. `detail.letter_of_intent`.
    pub path: String,
    pub ours: Value,
    pub theirs: Value,
    pub ours_stamp: Stamp,
    pub theirs_stamp: Stamp,
    /// The one kept unless a person chooses the other: the later.
    pub kept: Side,
}

/// The join and what it did, seen from our side.
#[derive(Clone, Debug, PartialEq)]
pub struct Joined {
    pub replica: Replica,
    /// Records shown now that were not shown here.
    pub added: Vec<String>,
    /// Records shown before and after whose fields changed.
    pub changed: Vec<String>,
    /// Records shown here that the other side removed (as they were here).
    pub removed: Vec<Record>,
    pub conflicts: Vec<FieldConflict>,
}

/// Where a record sits: built-in records first in the built-in order (`rank`), then
/// the others in the order they were made, then by id. `id_whole` gives a record's id
/// and record stamp (records are join records here, typed ones when put back).
pub fn canonical_order<R>(
    records: &mut [R],
    id_whole: fn(&R) -> (&str, Option<&Stamp>),
    rank: &dyn Fn(&str) -> Option<usize>,
) {
    let before = |a: &R, b: &R| {
        let ((ia, wa), (ib, wb)) = (id_whole(a), id_whole(b));
        let (ra, rb) = (
            rank(ia).unwrap_or(usize::MAX),
            rank(ib).unwrap_or(usize::MAX),
        );
        ra.cmp(&rb)
            .then_with(|| match (wa, wb) {
                (Some(x), Some(y)) => x.cmp_later(y),
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then_with(|| ia.cmp(ib))
    };
    // Already in order (as most are): nothing to sort.
    if records
        .windows(2)
        .all(|w| before(&w[0], &w[1]) != Ordering::Greater)
    {
        return;
    }
    records.sort_by(before);
}

/// A join record's id and record stamp, for [`canonical_order`].
pub fn id_whole(r: &Record) -> (&str, Option<&Stamp>) {
    (&r.id, r.versions.get(WHOLE))
}

/// Joins `theirs` into `ours`.
pub fn join(ours: &Replica, theirs: &Replica, rank: &dyn Fn(&str) -> Option<usize>) -> Joined {
    let theirs_by_id: BTreeMap<&str, &Record> =
        theirs.records.iter().map(|r| (r.id.as_str(), r)).collect();
    let ours_by_id: BTreeMap<&str, &Record> =
        ours.records.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut out = Joined {
        replica: Replica {
            records: Vec::with_capacity(ours.records.len()),
            context: ours.context.join(&theirs.context),
        },
        added: Vec::new(),
        changed: Vec::new(),
        removed: Vec::new(),
        conflicts: Vec::new(),
    };
    for mine in &ours.records {
        let merged = match theirs_by_id.get(mine.id.as_str()) {
            // Most records are the same on both sides.
            Some(other) if *other == mine => mine.clone(),
            Some(other) => {
                let mut found = Vec::new();
                let merged = join_record(mine, other, ours, theirs, &mut found);
                if merged.shown() {
                    out.conflicts.extend(found);
                }
                merged
            }
            None => mine.clone(),
        };
        match (mine.shown(), merged.shown()) {
            (true, true) if merged.fields != mine.fields => out.changed.push(mine.id.clone()),
            (true, false) => out.removed.push(mine.clone()),
            (false, true) => out.added.push(mine.id.clone()),
            _ => {}
        }
        out.replica.records.push(merged);
    }
    for other in &theirs.records {
        if !ours_by_id.contains_key(other.id.as_str()) {
            if other.shown() {
                out.added.push(other.id.clone());
            }
            out.replica.records.push(other.clone());
        }
    }
    canonical_order(&mut out.replica.records, id_whole, rank);
    out
}

fn join_record(
    mine: &Record,
    other: &Record,
    ours: &Replica,
    theirs: &Replica,
    conflicts: &mut Vec<FieldConflict>,
) -> Record {
    let mut walk = Walk {
        id: &mine.id,
        ours: (&mine.versions, &ours.context),
        theirs: (&other.versions, &theirs.context),
        leaves: Vec::new(),
        conflicts,
    };
    let fields = walk.value(&mine.fields, &other.fields, "");
    let leaves = std::mem::take(&mut walk.leaves);
    let versions = normalise(&leaves, pick(&mine.versions, &other.versions, WHOLE));
    let presence = match (&mine.presence, &other.presence) {
        (Some(a), Some(b)) if a.stamp.cmp_later(&b.stamp) == Ordering::Less => Some(b.clone()),
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    Record {
        id: mine.id.clone(),
        fields,
        versions,
        presence,
    }
}

/// The later of both sides' stamps at exactly `path` (no inheritance).
fn pick(a: &Versions, b: &Versions, path: &str) -> Option<Stamp> {
    match (a.get(path), b.get(path)) {
        (Some(x), Some(y)) => Some(
            if x.cmp_later(y) == Ordering::Less {
                y
            } else {
                x
            }
            .clone(),
        ),
        (x, y) => x.or(y).cloned(),
    }
}

/// A record's versions in their one form: the record's stamp, and each field's own
/// where it differs. With a field as built (no stamp), there is no record stamp.
pub fn normalise(leaves: &[(String, Option<Stamp>)], whole: Option<Stamp>) -> Versions {
    let whole = whole.filter(|_| leaves.iter().all(|(_, s)| s.is_some()));
    let mut versions = Versions::new();
    for (path, stamp) in leaves {
        if let Some(s) = stamp {
            if whole.as_ref() != Some(s) {
                versions.insert(path.clone(), s.clone());
            }
        }
    }
    if let Some(w) = whole {
        versions.insert(WHOLE.to_owned(), w);
    }
    versions
}

/// The objects merged field by field: the record, and a participation's `detail` (an
/// object of one kind for the record's whole life). Any other value is one field, even an
/// object (a fact with its source, a needs analysis, a membership): it is edited as one.
/// A path must be one field in every version of a record for the merge to be a join.
fn by_field(path: &str) -> bool {
    path.is_empty() || path == "detail"
}

/// A record's own bookkeeping, not fields a person edits: when it last changed (the later
/// of both) and whether a person ever did (either). They never get a stamp of their own,
/// and never ask a question.
const DERIVED: [&str; 2] = ["updated_at", "source"];

fn derived(path: &str, key: &str) -> bool {
    path.is_empty() && DERIVED.contains(&key)
}

/// The later `updated_at`, and `user` over `seed`: both orders give the same.
fn join_derived(key: &str, o: &Value, t: &Value) -> Value {
    let pick_t = match key {
        "updated_at" => {
            let time = |v: &Value| {
                v.as_str()
                    .and_then(|s| s.parse::<chrono::DateTime<chrono::Utc>>().ok())
            };
            (time(t), t.to_string()) > (time(o), o.to_string())
        }
        _ => t.as_str() == Some("user") || (o.as_str() != Some("user") && t.as_str() > o.as_str()),
    };
    if pick_t {
        t.clone()
    } else {
        o.clone()
    }
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The fields of `v` at `path`, each with the stamp that applies to it.
fn leaves_of(v: &Value, path: &str, versions: &Versions, out: &mut Vec<(String, Option<Stamp>)>) {
    match v {
        Value::Object(m) if by_field(path) => {
            for (k, x) in m.iter().filter(|(k, _)| !derived(path, k)) {
                leaves_of(x, &child(path, k), versions, out);
            }
        }
        _ => out.push((path.to_owned(), effective(versions, path).cloned())),
    }
}

struct Walk<'a> {
    id: &'a str,
    ours: (&'a Versions, &'a Context),
    theirs: (&'a Versions, &'a Context),
    /// Each field of the result with the stamp it keeps.
    leaves: Vec<(String, Option<Stamp>)>,
    conflicts: &'a mut Vec<FieldConflict>,
}

impl Walk<'_> {
    fn value(&mut self, o: &Value, t: &Value, path: &str) -> Value {
        if let (Value::Object(om), Value::Object(tm), true) = (o, t, by_field(path)) {
            let mut m = Map::new();
            for k in om.keys().chain(tm.keys().filter(|k| !om.contains_key(*k))) {
                let p = child(path, k);
                let v = match (om.get(k), tm.get(k)) {
                    (Some(x), Some(y)) if derived(path, k) => join_derived(k, x, y),
                    (Some(x), None) | (None, Some(x)) if derived(path, k) => x.clone(),
                    (Some(x), Some(y)) => self.value(x, y, &p),
                    // A field only one side has (a record read from an older format).
                    (Some(x), None) => self.take(x, self.ours.0, &p),
                    (None, Some(y)) => self.take(y, self.theirs.0, &p),
                    (None, None) => continue,
                };
                m.insert(k.clone(), v);
            }
            return Value::Object(m);
        }
        let so = effective(self.ours.0, path);
        let st = effective(self.theirs.0, path);
        let later = match (so, st) {
            (Some(a), Some(b)) => a.cmp_later(b),
            (Some(_), None) => Ordering::Greater,
            (None, Some(_)) => Ordering::Less,
            (None, None) => Ordering::Equal,
        }
        // Stamps that tie name the same edit, and so the same value; should they not,
        // the value decides, so that the answer still does not depend on the side.
        .then_with(|| o.to_string().cmp(&t.to_string()));
        let kept = if later == Ordering::Less {
            Side::Theirs
        } else {
            Side::Ours
        };
        if o != t {
            if let (Some(a), Some(b)) = (so, st) {
                let concurrent =
                    !a.same_edit(b) && !self.theirs.1.has_seen(a) && !self.ours.1.has_seen(b);
                if concurrent {
                    self.conflicts.push(FieldConflict {
                        id: self.id.to_owned(),
                        path: path.to_owned(),
                        ours: o.clone(),
                        theirs: t.clone(),
                        ours_stamp: a.clone(),
                        theirs_stamp: b.clone(),
                        kept,
                    });
                }
            }
        }
        match kept {
            Side::Ours => self.take(o, self.ours.0, path),
            Side::Theirs => self.take(t, self.theirs.0, path),
        }
    }

    fn take(&mut self, v: &Value, versions: &Versions, path: &str) -> Value {
        leaves_of(v, path, versions, &mut self.leaves);
        v.clone()
    }
}

/// The versions of a record after a local edit from `old` to `fields`, made as `stamp`:
/// the record's stamp if it is new, else each changed field's.
pub fn restamp(old: Option<&Record>, fields: &Value, stamp: &Stamp) -> Versions {
    let Some(old) = old else {
        return Versions::from([(WHOLE.to_owned(), stamp.clone())]);
    };
    if old.fields == *fields {
        return old.versions.clone();
    }
    let mut leaves = Vec::new();
    stamp_changes(
        fields,
        Some(&old.fields),
        "",
        &old.versions,
        stamp,
        &mut leaves,
    );
    normalise(&leaves, old.versions.get(WHOLE).cloned())
}

/// The fields of `new`, each with its stamp in `old` if unchanged, else `stamp`.
fn stamp_changes(
    new: &Value,
    old: Option<&Value>,
    path: &str,
    versions: &Versions,
    stamp: &Stamp,
    out: &mut Vec<(String, Option<Stamp>)>,
) {
    if let (Value::Object(nm), Some(Value::Object(om)), true) = (new, old, by_field(path)) {
        for (k, v) in nm.iter().filter(|(k, _)| !derived(path, k)) {
            stamp_changes(v, om.get(k), &child(path, k), versions, stamp, out);
        }
        return;
    }
    let start = out.len();
    leaves_of(new, path, versions, out);
    if old != Some(new) {
        for leaf in &mut out[start..] {
            leaf.1 = Some(stamp.clone());
        }
    }
}

/// Removing a record: an edit like any other, so that it travels.
pub fn remove(record: &Record, stamp: &Stamp) -> Record {
    Record {
        presence: Some(Presence {
            removed: true,
            stamp: stamp.clone(),
        }),
        ..record.clone()
    }
}

/// Keeping a record that was removed elsewhere (or undoing a removal here): later than
/// the removal, so it shows again wherever both go.
pub fn keep(record: &Record, stamp: &Stamp) -> Record {
    Record {
        presence: Some(Presence {
            removed: false,
            stamp: stamp.clone(),
        }),
        ..record.clone()
    }
}

// proptest is a native dev-dependency: the laws are checked natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeDelta, Utc};
    use proptest::prelude::*;
    use serde_json::json;
    use std::collections::HashMap;

    const BROWSERS: [&str; 3] = ["a", "b", "c"];
    /// Each browser's clock is off by this much: the hybrid clock must order edits anyway.
    const SKEW_MS: [i64; 3] = [0, -5_000, 3_000];

    fn seed() -> Replica {
        let records = (0..3)
            .map(|i| Record {
                id: format!("r{i}"),
                fields: json!({"name": format!("r{i}"), "n": 0, "fact": null, "detail": {"type": "x", "p": 0, "q": "-"}}),
                versions: Versions::new(),
                presence: None,
            })
            .collect();
        Replica {
            records,
            context: Context::default(),
        }
    }

    fn rank(id: &str) -> Option<usize> {
        ["r0", "r1", "r2"].iter().position(|r| *r == id)
    }

    #[derive(Clone, Debug)]
    enum Op {
        Edit {
            who: usize,
            rec: usize,
            field: usize,
            value: u8,
        },
        Create {
            who: usize,
        },
        Remove {
            who: usize,
            rec: usize,
        },
        Merge {
            from: usize,
            into: usize,
            keep: bool,
        },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0..3usize, 0..8usize, 0..4usize, 0..3u8)
                .prop_map(|(who, rec, field, value)| Op::Edit { who, rec, field, value }),
            1 => (0..3usize).prop_map(|who| Op::Create { who }),
            1 => (0..3usize, 0..8usize).prop_map(|(who, rec)| Op::Remove { who, rec }),
            3 => (0..3usize, 0..3usize, any::<bool>())
                .prop_map(|(from, into, keep)| Op::Merge { from, into, keep }),
        ]
    }

    /// Three browsers living through `ops`, with what each edit's browser had seen when
    /// it made it (to tell a true conflict from a false one).
    struct World {
        replicas: Vec<Replica>,
        seen_when_made: HashMap<(String, u64), Context>,
        step: i64,
    }

    impl World {
        fn new() -> World {
            World {
                replicas: vec![seed(), seed(), seed()],
                seen_when_made: HashMap::new(),
                step: 0,
            }
        }

        fn stamp(&mut self, who: usize) -> Stamp {
            self.step += 1;
            let now = DateTime::<Utc>::UNIX_EPOCH
                + TimeDelta::milliseconds(1_800_000_000_000 + self.step * 1_000 + SKEW_MS[who]);
            let seen = self.replicas[who].context.clone();
            let s = self.replicas[who].context.next(BROWSERS[who], now);
            self.seen_when_made
                .insert((s.browser.clone(), s.counter), seen);
            s
        }

        fn concurrent(&self, a: &Stamp, b: &Stamp) -> bool {
            let made = |s: &Stamp| &self.seen_when_made[&(s.browser.clone(), s.counter)];
            !made(b).has_seen(a) && !made(a).has_seen(b)
        }

        fn run(&mut self, op: &Op) -> Result<(), TestCaseError> {
            match *op {
                Op::Edit {
                    who,
                    rec,
                    field,
                    value,
                } => {
                    let n = self.replicas[who].records.len();
                    if n == 0 {
                        return Ok(());
                    }
                    let old = self.replicas[who].records[rec % n].clone();
                    let mut fields = old.fields.clone();
                    match field {
                        0 => fields["name"] = json!(format!("name{value}")),
                        1 => fields["n"] = json!(value),
                        2 if fields["detail"]["type"] == "x" => {
                            fields["detail"]["p"] = json!(value)
                        }
                        2 => fields["detail"]["z"] = json!(value),
                        _ => {
                            fields["detail"] = if fields["detail"]["type"] == "x" {
                                json!({"type": "y", "z": value})
                            } else {
                                json!({"type": "x", "p": value, "q": "-"})
                            }
                        }
                    }
                    let s = self.stamp(who);
                    let versions = restamp(Some(&old), &fields, &s);
                    self.replicas[who].records[rec % n] = Record {
                        versions,
                        fields,
                        ..old
                    };
                }
                Op::Create { who } => {
                    let s = self.stamp(who);
                    let fields = json!({"name": "new", "n": s.counter, "fact": null, "detail": {"type": "x", "p": 0, "q": "-"}});
                    let versions = restamp(None, &fields, &s);
                    let id = format!("{}{}", s.browser, s.counter);
                    let r = &mut self.replicas[who];
                    r.records.push(Record {
                        id,
                        fields,
                        versions,
                        presence: None,
                    });
                    canonical_order(&mut r.records, id_whole, &rank);
                }
                Op::Remove { who, rec } => {
                    let n = self.replicas[who].records.len();
                    if n > 0 && self.replicas[who].records[rec % n].shown() {
                        let s = self.stamp(who);
                        let r = &mut self.replicas[who].records[rec % n];
                        *r = remove(r, &s);
                    }
                }
                Op::Merge { from, into, keep } => {
                    let joined = join(&self.replicas[into], &self.replicas[from], &rank);
                    for c in &joined.conflicts {
                        prop_assert!(
                            self.concurrent(&c.ours_stamp, &c.theirs_stamp),
                            "a conflict that is not one: {c:?}"
                        );
                        prop_assert_ne!(&c.ours, &c.theirs);
                    }
                    self.replicas[into] = joined.replica;
                    if keep {
                        for r in joined.removed {
                            let s = self.stamp(into);
                            let replica = &mut self.replicas[into];
                            let at = replica
                                .records
                                .iter()
                                .position(|x| x.id == r.id)
                                .expect("kept as removed");
                            replica.records[at] = super::keep(&replica.records[at], &s);
                        }
                    }
                }
            }
            Ok(())
        }
    }

    fn j(a: &Replica, b: &Replica) -> Replica {
        join(a, b, &rank).replica
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn merging_is_a_join(ops in prop::collection::vec(op(), 0..60)) {
            let mut world = World::new();
            for op in &ops {
                world.run(op)?;
            }
            let [x, y, z] = [0, 1, 2].map(|i| world.replicas[i].clone());
            prop_assert_eq!(j(&x, &y), j(&y, &x), "commutative");
            prop_assert_eq!(j(&x, &x), x.clone(), "idempotent");
            prop_assert_eq!(j(&j(&x, &y), &z), j(&x, &j(&y, &z)), "associative");
            let abc = j(&j(&x, &y), &z);
            prop_assert_eq!(&abc, &j(&j(&z, &y), &x), "A→B→C equals C→B→A");
            prop_assert_eq!(j(&abc, &x), abc.clone(), "merging a file again changes nothing");
        }

        /// After everyone has merged everyone, all hold the same, and nothing is asked again.
        #[test]
        fn browsers_that_shared_everything_agree(ops in prop::collection::vec(op(), 0..60)) {
            let mut world = World::new();
            for op in &ops {
                world.run(op)?;
            }
            for (from, into) in [(0, 1), (1, 2), (2, 0), (0, 1)] {
                world.run(&Op::Merge { from, into, keep: false })?;
            }
            prop_assert_eq!(&world.replicas[0], &world.replicas[1]);
            prop_assert_eq!(&world.replicas[1], &world.replicas[2]);
            let again = join(&world.replicas[0], &world.replicas[1], &rank);
            prop_assert!(again.conflicts.is_empty() && again.removed.is_empty() && again.added.is_empty());
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    /// The round trip of the issue: A sets a date and shares; B takes A's file, corrects
    /// the date after seeing it; A merges B's file back.
    #[test]
    fn a_correction_made_after_seeing_the_value_wins_without_a_question() {
        let mut a = seed();
        let old = a.records[0].clone();
        let mut fields = old.fields.clone();
        fields["n"] = json!(15);
        let s = a.context.next("a", at("2026-03-01T10:00:00Z"));
        a.records[0] = Record {
            versions: restamp(Some(&old), &fields, &s),
            fields,
            ..old
        };

        let mut b = j(&seed(), &a);
        let old = b.records[0].clone();
        let mut fields = old.fields.clone();
        fields["n"] = json!(20);
        // B's clock is behind A's: the correction must still count as the later edit.
        let s = b.context.next("b", at("2026-02-01T00:00:00Z"));
        b.records[0] = Record {
            versions: restamp(Some(&old), &fields, &s),
            fields,
            ..old
        };
        let s = b.context.next("b", at("2026-02-01T00:00:01Z"));
        b.records[2] = remove(&b.records[2], &s);

        let back = join(&a, &b, &rank);
        assert_eq!(back.conflicts, vec![]);
        assert_eq!(back.replica.records[0].fields["n"], json!(20));
        assert_eq!(
            back.removed
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            vec!["r2"]
        );
        assert_eq!(back.replica.records.iter().filter(|r| r.shown()).count(), 2);
    }

    #[test]
    fn edits_of_one_field_neither_had_seen_are_exactly_one_conflict_the_later_kept() {
        let (mut a, mut b) = (seed(), seed());
        for (r, who, n, t) in [
            (&mut a, "a", 1, "2026-01-01T00:00:00Z"),
            (&mut b, "b", 2, "2026-01-02T00:00:00Z"),
        ] {
            let old = r.records[1].clone();
            let mut fields = old.fields.clone();
            fields["detail"]["p"] = json!(n);
            let s = r.context.next(who, at(t));
            r.records[1] = Record {
                versions: restamp(Some(&old), &fields, &s),
                fields,
                ..old
            };
        }
        let m = join(&a, &b, &rank);
        assert_eq!(m.conflicts.len(), 1);
        let c = &m.conflicts[0];
        assert_eq!(
            (c.id.as_str(), c.path.as_str(), c.kept),
            ("r1", "detail.p", Side::Theirs)
        );
        assert_eq!(m.replica.records[1].fields["detail"]["p"], json!(2));
        assert_eq!(m.changed, vec!["r1".to_owned()]);
    }

    #[test]
    fn a_removal_travels_and_keeping_the_record_travels_too() {
        let a = seed();
        let mut b = j(&seed(), &a);
        let s = b.context.next("b", at("2026-01-01T00:00:00Z"));
        b.records[0] = remove(&b.records[0], &s);
        let m = join(&a, &b, &rank);
        assert_eq!(
            m.removed.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            vec!["r0"]
        );
        assert!(!m.replica.records[0].shown());
        assert_eq!(m.replica, join(&b, &a, &rank).replica);
        // A keeps it: later than the removal, so B shows it again after merging A's file.
        let mut kept = m.replica.clone();
        let s = kept.context.next("a", at("2026-01-02T00:00:00Z"));
        kept.records[0] = keep(&kept.records[0], &s);
        let back = join(&b, &kept, &rank);
        assert_eq!(back.added, vec!["r0".to_owned()]);
        assert!(back.replica.records[0].shown());
    }
}

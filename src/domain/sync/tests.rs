//! Browsers syncing through the in-memory CouchDB (`fake`): an edit travels, a pull sends
//! nothing back, 409s and lost replies repair themselves, leaves are joined and deleted, a
//! removal travels, concurrent edits are reported, another app's and a newer version's
//! documents are not read (a newer one not written over); and three browsers under random
//! interleavings converge on the join of all.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};

use super::docs::{browser_doc, Body};
use super::fake::Fake;
use super::pull::{apply, Skipped};
use super::push::{outgoing, pending, pushed, replies, Reply};
use super::state::SyncState;
use crate::domain::merge::preview::{merge, Decisions};
use crate::domain::merge::random_edits::{self, Edit};
use crate::domain::merge::stamping::stamp_edit;
use crate::domain::model::*;
use crate::domain::rows;
use crate::domain::seed::builtin_dataset;

fn at(minute: i64) -> DateTime<Utc> {
    "2026-01-01T00:00:00Z"
        .parse::<DateTime<Utc>>()
        .map(|t| t + chrono::TimeDelta::minutes(minute))
        .unwrap_or_default()
}

struct Browser {
    id: &'static str,
    data: Dataset,
    state: SyncState,
    clock: i64,
}

impl Browser {
    fn new(id: &'static str) -> Browser {
        Browser {
            id,
            data: builtin_dataset(),
            state: SyncState::default(),
            clock: 0,
        }
    }

    /// An edit as the store makes it: changed, then stamped.
    fn edit(&mut self, f: impl FnOnce(&mut Dataset)) {
        self.clock += 1;
        let before = self.data.clone();
        f(&mut self.data);
        stamp_edit(&before, &mut self.data, self.id, at(self.clock));
    }

    fn pull(&mut self, server: &Fake) -> usize {
        let since = self.state.since.as_u64().unwrap_or(0);
        let (docs, seq) = server.changes(since);
        let conflicts = self.take(&docs);
        self.state.since = json!(seq);
        conflicts
    }

    /// Joins `docs` in; the number of conflicts reported.
    fn take(&mut self, docs: &[super::pull::ServerDoc]) -> usize {
        let pulled = apply(&self.data, &mut self.state, docs);
        if let Some(d) = pulled.dataset {
            self.data = d;
        }
        pulled.conflicts.len()
    }

    /// Pushes, reading and joining what a 409 names, until nothing is left (four rounds at
    /// most); with `lose`, one round whose replies never arrive (the server wrote, this
    /// browser does not know).
    fn push(&mut self, server: &mut Fake, lose: bool) -> usize {
        let mut sent = 0;
        for _ in 0..4 {
            let batches = outgoing(&self.data, self.id, &self.state, 50);
            if batches.is_empty() {
                break;
            }
            let mut again = Vec::new();
            for batch in batches {
                sent += batch.len();
                let answer = server.bulk_docs(&batch);
                if !lose {
                    again.extend(pushed(&mut self.state, &batch, &answer));
                }
            }
            if lose {
                break;
            }
            let docs: Vec<_> = again.iter().filter_map(|id| server.read(id)).collect();
            self.take(&docs);
        }
        sent
    }

    fn sync(&mut self, server: &mut Fake) {
        self.pull(server);
        self.push(server, false);
    }

    /// The questions this browser shows (`open::shown`).
    fn questions(&self) -> Vec<super::open::Open> {
        super::open::shown(&self.state, &self.data, self.id)
    }

    /// Nothing left to push.
    fn quiet(&self) -> bool {
        outgoing(&self.data, self.id, &self.state, 50).is_empty()
    }
}

/// The document body browser data `d` would write for record `id`.
fn body_of(d: &Dataset, id: &str) -> Value {
    let row = rows::rows(d)
        .into_iter()
        .find(|(k, _)| k == id)
        .map(|(_, t)| serde_json::from_str::<Value>(&t).unwrap_or_default());
    let body = Body {
        format: FORMAT.into(),
        schema: SCHEMA_VERSION,
        context: d.context.clone(),
        row,
        name: None,
        questions: Default::default(),
    };
    serde_json::to_value(&body).unwrap_or_default()
}

/// A server holding the built-in register, put there by a, and b in step with it.
fn two_in_step() -> (Fake, Browser, Browser) {
    let mut server = Fake::default();
    let (mut a, mut b) = (Browser::new("aaaa"), Browser::new("bbbb"));
    a.push(&mut server, false);
    b.sync(&mut server);
    (server, a, b)
}

/// Records and removed records as rows in key order, and the context: what a browser
/// holds, whatever order its lists are in.
fn held(d: &Dataset) -> (Vec<(String, String)>, Context) {
    let mut r: Vec<(String, String)> = rows::rows(d)
        .into_iter()
        .filter(|(k, _)| rows::is_record(k))
        .collect();
    r.sort();
    (r, d.context.clone())
}

fn letter(d: &Dataset, i: usize) -> Option<chrono::NaiveDate> {
    match d.participations.get(i).map(|p| &p.detail) {
        Some(ParticipationDetail::Coaching(c)) => c.letter_of_intent,
        _ => None,
    }
}

fn set_letter(d: &mut Dataset, i: usize, day: &str) {
    if let Some(ParticipationDetail::Coaching(c)) =
        d.participations.get_mut(i).map(|p| &mut p.detail)
    {
        c.letter_of_intent = day.parse().ok();
    }
}

#[test]
fn an_edit_reaches_the_other_browser_and_a_pull_sends_nothing_back() {
    let mut server = Fake::default();
    let (mut a, mut b) = (Browser::new("aaaa"), Browser::new("bbbb"));
    let first = a.push(&mut server, false);
    assert!(
        first >= 60,
        "the whole register goes up once: {first} documents"
    );
    b.sync(&mut server);
    assert!(b.quiet(), "b holds what the server holds");

    a.edit(|d| set_letter(d, 0, "2007-05-04"));
    let batches = outgoing(&a.data, a.id, &a.state, 50);
    let ids: Vec<&str> = batches.iter().flatten().map(|o| o.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "the record and a's own document: {ids:?}");
    assert!(ids.contains(&browser_doc("aaaa").as_str()));
    a.push(&mut server, false);
    assert_eq!(b.pull(&server), 0);
    assert_eq!(letter(&b.data, 0), "2007-05-04".parse().ok());
    assert!(b.data.context.has_seen(&Stamp {
        browser: "aaaa".into(),
        counter: 1,
        at: at(1),
    }));
    assert!(b.quiet(), "no echo");
    assert_eq!(held(&a.data), held(&b.data));
    // a pulls its own documents back (its browser document among them): nothing to send,
    // so a live loop does not write them round and round.
    a.pull(&server);
    assert!(a.quiet(), "nothing of its own again");
}

#[test]
fn a_round_with_its_applicants_and_decisions_travels_and_counts_the_same_on_the_other_side() {
    use crate::domain::programme::applicants::{applicants, round_funnel};
    use crate::domain::programme::fixtures::with_round;
    let (mut server, mut a, mut b) = two_in_step();
    let (made, round) = with_round(&[
        ("2403", Decision::Selected),
        ("2404", Decision::NotSelected),
        ("2417", Decision::Pending),
    ]);
    a.edit(|d| {
        d.programmes = made.programmes.clone();
        d.organisations = made.organisations.clone();
        d.participations = made.participations.clone();
    });
    a.push(&mut server, false);
    assert_eq!(b.pull(&server), 0);
    assert_eq!(round_funnel(&b.data, &round), round_funnel(&made, &round));
    assert_eq!(applicants(&b.data, &round), applicants(&made, &round));
    assert_eq!(held(&a.data), held(&b.data));
}

#[test]
fn a_409_is_read_joined_and_written_again_and_a_lost_reply_repairs_itself() {
    let (mut server, mut a, mut b) = two_in_step();
    a.edit(|d| set_letter(d, 0, "2007-05-04"));
    b.edit(|d| set_letter(d, 1, "2007-06-01"));
    a.push(&mut server, false);
    // b has not pulled a's edit: its write of the same record is a 409; it reads, joins, writes.
    b.edit(|d| set_letter(d, 0, "2007-07-07"));
    b.push(&mut server, false);
    a.sync(&mut server);
    assert_eq!(held(&a.data), held(&b.data));
    assert_eq!(
        letter(&a.data, 0),
        "2007-07-07".parse().ok(),
        "b's later edit"
    );
    assert_eq!(letter(&a.data, 1), "2007-06-01".parse().ok());

    // Offline, two records edited: two changes wait.
    a.edit(|d| set_letter(d, 3, "2007-03-03"));
    a.edit(|d| set_letter(d, 4, "2007-04-04"));
    a.edit(|d| set_letter(d, 4, "2007-04-05"));
    assert_eq!(pending(&a.data, a.id, &a.state), 2);
    a.push(&mut server, false);
    assert_eq!(pending(&a.data, a.id, &a.state), 0);

    // The server saves, the reply is lost: the next push meets a 409 and settles.
    a.edit(|d| set_letter(d, 2, "2007-08-08"));
    a.push(&mut server, true);
    assert!(!a.quiet(), "a does not know it was saved");
    a.push(&mut server, false);
    assert!(a.quiet());
    b.sync(&mut server);
    assert_eq!(letter(&b.data, 2), "2007-08-08".parse().ok());
    assert_eq!(held(&a.data), held(&b.data));
}

#[test]
fn the_leaves_of_a_couchdb_conflict_are_joined_written_as_one_and_the_others_deleted() {
    let (mut server, mut a, mut b) = two_in_step();
    // c, through another server replicated into this one, edited the same record.
    let mut c = Browser::new("cccc");
    c.edit(|d| set_letter(d, 0, "2007-09-09"));
    let id = format!("participations/{}", c.data.participations[0].meta.id);
    let body = body_of(&c.data, &id);
    // a edits another field of the same record: its revision is the longer history.
    a.edit(|d| {
        if let Some(ParticipationDetail::Coaching(c)) =
            d.participations.get_mut(0).map(|p| &mut p.detail)
        {
            c.strategy_proposed = "2007-10-10".parse().ok();
        }
    });
    a.push(&mut server, false);
    // Beside the first revision: the shorter history, so the losing leaf.
    server.fork(&id, body, 1);
    assert_eq!(server.live_leaves(&id), 2);

    b.sync(&mut server);
    assert_eq!(
        letter(&b.data, 0),
        "2007-09-09".parse().ok(),
        "the losing leaf's edit joined in"
    );
    assert_eq!(server.live_leaves(&id), 1, "one leaf left");
    match b.data.participations.first().map(|p| &p.detail) {
        Some(ParticipationDetail::Coaching(c)) => {
            assert_eq!(
                c.strategy_proposed,
                "2007-10-10".parse().ok(),
                "and the winner's"
            )
        }
        _ => panic!("a coaching participation"),
    }
    a.sync(&mut server);
    assert_eq!(held(&a.data), held(&b.data));
}

#[test]
fn a_removal_travels_and_a_browser_back_after_months_does_not_bring_the_record_back() {
    let (mut server, mut a, mut b) = two_in_step();
    let gone = a.data.participations[3].meta.id.clone();
    a.edit(|d| {
        d.participations.remove(3);
    });
    a.push(&mut server, false);
    // b, offline all along, still has the record and edits another one.
    b.edit(|d| set_letter(d, 0, "2007-02-02"));
    b.sync(&mut server);
    assert!(
        b.data.participations.iter().all(|p| p.meta.id != gone),
        "removed in b too"
    );
    assert!(b.data.removed.iter().any(|r| r.record.meta().id == gone));
    a.sync(&mut server);
    assert!(
        a.data.participations.iter().all(|p| p.meta.id != gone),
        "not back in a"
    );
    assert_eq!(held(&a.data), held(&b.data));
    // A browser that starts now pulls both documents of it and shows it removed.
    let mut fresh = Browser::new("dddd");
    fresh.sync(&mut server);
    assert!(fresh.data.participations.iter().all(|p| p.meta.id != gone));
    assert_eq!(held(&fresh.data), held(&a.data));
}

/// a and b in step, then the first letter of intent written by each before either saw
/// the other's: a's goes out first, and b's pull meets both (its own, later, kept).
fn b_meets_a_question() -> (Fake, Browser, Browser) {
    let (mut server, mut a, mut b) = two_in_step();
    a.edit(|d| set_letter(d, 0, "2007-03-03"));
    b.clock = 5;
    b.edit(|d| set_letter(d, 0, "2007-04-04"));
    a.push(&mut server, false);
    assert_eq!(b.pull(&server), 1, "b sees a's value beside its own");
    (server, a, b)
}

#[test]
fn edits_of_one_field_made_beside_each_other_are_reported_and_the_later_kept() {
    let (mut server, mut a, mut b) = one_question_met_by_b();
    // b's document now carries what b has seen, a's edit among it: a takes the later
    // value as it takes a file b sends back after merging a's (the join's contexts are
    // the dataset's, not each field's).
    a.pull(&server);
    assert_eq!(
        letter(&a.data, 0),
        "2007-04-04".parse().ok(),
        "the later edit"
    );
    assert_eq!(held(&a.data), held(&b.data));
    // An edit made after seeing the other is no conflict.
    a.edit(|d| set_letter(d, 0, "2007-05-05"));
    a.push(&mut server, false);
    assert_eq!(b.pull(&server), 0);
    assert_eq!(letter(&b.data, 0), "2007-05-05".parse().ok());
}

#[test]
fn the_value_not_kept_stays_open_until_one_click_keeps_it_everywhere() {
    use super::open::{holds, keep_other};
    use crate::domain::change::{apply as put, Change};
    let (mut server, mut a, mut b) = b_meets_a_question();
    let open = b.state.open.clone();
    assert_eq!(open.len(), 1, "{open:?}");
    let o = &open[0];
    assert_eq!(
        (o.kept.as_str(), o.other.as_str()),
        ("\"2007-04-04\"", "\"2007-03-03\"")
    );
    assert!(o.kept_at > o.other_at, "the later edit is the one kept");
    assert!(holds(&b.data, o));
    assert_eq!(b.questions(), open, "still open");

    // One click keeps the other: an edit made now, which settles it here and travels.
    let record = keep_other(&b.data, o).expect("the record with the other value");
    b.edit(|d| {
        put(d, Change::Put { record, at: None });
    });
    assert_eq!(letter(&b.data, 0), "2007-03-03".parse().ok());
    assert!(!holds(&b.data, o));
    assert_eq!(b.questions(), Vec::new(), "settled");
    b.push(&mut server, false);
    a.pull(&server);
    assert_eq!(
        letter(&a.data, 0),
        "2007-03-03".parse().ok(),
        "the other value everywhere"
    );
    assert_eq!(held(&a.data), held(&b.data));
}

/// b meets, in its join, a's value beside its own, later, one.
fn one_question_met_by_b() -> (Fake, Browser, Browser) {
    let (mut server, a, mut b) = b_meets_a_question();
    b.push(&mut server, false);
    (server, a, b)
}

#[test]
fn a_question_one_browser_met_is_shown_by_the_other_too_and_put_aside_by_either_everywhere() {
    use super::open::settle;
    let (mut server, mut a, mut b) = one_question_met_by_b();
    assert_eq!(
        a.pull(&server),
        0,
        "a takes b's join silently: b had seen a's edit"
    );
    let at_a = a.questions();
    assert_eq!(at_a.len(), 1, "but b's document tells a of the question");
    assert_eq!(at_a, b.questions(), "the same question, both values");
    assert_eq!(
        at_a[0].other, "\"2007-03-03\"",
        "a's own value is the one not kept"
    );
    assert!(a.quiet(), "learning it is nothing to push");

    // "Låt stå kvar" in a: gone in a at once, and in b once b hears of it.
    let key = at_a[0].key.clone();
    settle(&mut a.state, &a.data, a.id, &key);
    assert_eq!(a.questions(), Vec::new());
    a.push(&mut server, false);
    b.pull(&server);
    assert_eq!(b.questions(), Vec::new(), "put aside everywhere");
    b.push(&mut server, false);
    a.sync(&mut server);
    assert_eq!(a.questions(), Vec::new(), "and stays so");
    assert_eq!(
        letter(&a.data, 0),
        "2007-04-04".parse().ok(),
        "the value kept stays"
    );
    for browser in [&a, &b] {
        assert!(browser.quiet());
    }
    // A new browser learns nothing of a question put aside.
    let mut c = Browser::new("cccc");
    c.pull(&server);
    assert_eq!(c.questions(), Vec::new());
}

#[test]
fn keeping_the_other_value_in_the_browser_that_did_not_meet_the_question_settles_it_everywhere() {
    use super::open::keep_other;
    use crate::domain::change::{apply as put, Change};
    let (mut server, mut a, mut b) = one_question_met_by_b();
    a.pull(&server);
    let question = a.questions().remove(0);
    let record = keep_other(&a.data, &question).expect("the record with a's value");
    a.edit(|d| {
        put(d, Change::Put { record, at: None });
    });
    assert_eq!(a.questions(), Vec::new(), "settled by the edit");
    a.push(&mut server, false);
    b.sync(&mut server);
    assert_eq!(
        letter(&b.data, 0),
        "2007-03-03".parse().ok(),
        "a's value everywhere"
    );
    assert_eq!(b.questions(), Vec::new());
    assert!(b.state.open.is_empty(), "forgotten, not only hidden");
    a.sync(&mut server);
    assert!(a.quiet());
}

#[test]
fn another_apps_and_a_newer_versions_documents_are_not_read_and_a_newer_ones_not_written_over() {
    let mut server = Fake::default();
    let mut a = Browser::new("aaaa");
    a.push(&mut server, false);
    let id = format!("participations/{}", a.data.participations[0].meta.id);
    let newer = json!({"format": FORMAT, "schema": SCHEMA_VERSION + 1, "row": {"id": "x"}});
    let foreign = json!({"title": "not ours"});
    let mut other = Browser::new("bbbb");
    let docs = [
        super::pull::ServerDoc {
            id: id.clone(),
            rev: "9-n".into(),
            deleted: false,
            body: newer,
            leaves: Vec::new(),
        },
        super::pull::ServerDoc {
            id: "notes/1".into(),
            rev: "1-x".into(),
            deleted: false,
            body: foreign,
            leaves: Vec::new(),
        },
    ];
    let pulled = apply(&other.data, &mut other.state, &docs);
    assert!(pulled.dataset.is_none(), "nothing changed");
    assert_eq!(
        pulled.skipped,
        vec![
            Skipped::Newer(id.clone(), SCHEMA_VERSION + 1),
            Skipped::NotOurs("notes/1".into())
        ]
    );
    other.edit(|d| set_letter(d, 0, "2007-05-04"));
    let ids: Vec<String> = outgoing(&other.data, other.id, &other.state, 500)
        .into_iter()
        .flatten()
        .map(|o| o.id)
        .collect();
    assert!(
        !ids.contains(&id),
        "a newer version's document is not written over"
    );
    assert!(
        other.state.to_read_again().is_empty(),
        "this version cannot read it"
    );
    // Once this app is that version, the document (which the checkpoint has passed) is
    // read again by id.
    if let Some(k) = other.state.known.get_mut(&id) {
        k.newer = Some(SCHEMA_VERSION);
    }
    assert_eq!(other.state.to_read_again(), vec![id]);

    // Something else written under one of our record's ids: ours goes over it, once.
    let mut server = Fake::default();
    let mut a = Browser::new("aaaa");
    let taken = format!("participations/{}", a.data.participations[0].meta.id);
    let squatter = json!({"_id": taken, "title": "not ours"}).to_string();
    let reply = server.bulk_docs(&[super::push::Outgoing {
        id: taken.clone(),
        rev: None,
        doc: squatter,
        digest: Some(1),
    }]);
    assert!(matches!(reply[0], Reply::Saved { .. }));
    a.sync(&mut server);
    assert!(
        outgoing(&a.data, a.id, &a.state, 500).is_empty(),
        "settled, no 409s left"
    );
    let ours = server.read(&taken).map(|d| d.body["format"].clone());
    assert_eq!(ours, Some(json!(FORMAT)));
}

#[test]
fn the_replies_of_bulk_docs_are_read_in_order() {
    let answer = json!([
        {"ok": true, "id": "a/1", "rev": "2-x"},
        {"id": "a/2", "error": "conflict", "reason": "Document update conflict."},
        {"id": "a/3", "error": "forbidden", "reason": "only admins"}
    ]);
    assert_eq!(
        replies(&answer),
        vec![
            Reply::Saved {
                id: "a/1".into(),
                rev: "2-x".into()
            },
            Reply::Conflict { id: "a/2".into() },
            Reply::Refused {
                id: "a/3".into(),
                reason: "only admins".into()
            }
        ]
    );
}

#[derive(Clone, Debug)]
enum Op {
    Edit {
        who: usize,
        edit: Edit,
    },
    Sync {
        who: usize,
    },
    /// Pushes, but the replies are lost.
    Lost {
        who: usize,
    },
    /// Pulls, but the tab closes before it keeps what it pulled.
    Dropped {
        who: usize,
    },
    /// "Låt stå kvar" on the first question this browser shows.
    Settle {
        who: usize,
    },
    /// A participation as this browser has it arrives beside the first revision of its
    /// document, as replication from another server brings it: a CouchDB conflict.
    Fork {
        who: usize,
        rec: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0..3usize, random_edits::edit()).prop_map(|(who, edit)| Op::Edit { who, edit }),
        4 => (0..3usize).prop_map(|who| Op::Sync { who }),
        1 => (0..3usize).prop_map(|who| Op::Lost { who }),
        1 => (0..3usize).prop_map(|who| Op::Dropped { who }),
        1 => (0..3usize).prop_map(|who| Op::Settle { who }),
        1 => (0..3usize, 0..6usize).prop_map(|(who, rec)| Op::Fork { who, rec }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn three_browsers_and_a_server_converge_on_the_join_of_all_they_saw(
        ops in prop::collection::vec(op(), 0..24)
    ) {
        let mut server = Fake::default();
        let mut bs = [Browser::new("aaaa"), Browser::new("bbbb"), Browser::new("cccc")];
        for (step, op) in ops.iter().enumerate() {
            match op {
                Op::Edit { who, edit } => bs[*who].edit(|d| random_edits::make(d, edit, *who, step)),
                Op::Sync { who } => bs[*who].sync(&mut server),
                Op::Lost { who } => {
                    bs[*who].push(&mut server, true);
                }
                Op::Dropped { who } => {
                    let b = &mut bs[*who];
                    let kept = (b.data.clone(), b.state.clone());
                    b.pull(&server);
                    (b.data, b.state) = kept;
                }
                Op::Settle { who } => {
                    let b = &mut bs[*who];
                    if let Some(first) = b.questions().first() {
                        super::open::settle(&mut b.state, &b.data, b.id, &first.key);
                    }
                }
                Op::Fork { who, rec } => {
                    let d = &bs[*who].data;
                    if let Some(p) = d.participations.get(*rec) {
                        let id = format!("participations/{}", p.meta.id);
                        server.fork(&id, body_of(d, &id), 1);
                    }
                }
            }
        }
        // Everything any browser saw, joined as files would be.
        let ab = merge(&bs[0].data, &bs[1].data, &Decisions::default(), "x", at(0));
        let all = merge(&ab, &bs[2].data, &Decisions::default(), "x", at(0));
        for _ in 0..2 {
            for b in bs.iter_mut() {
                b.sync(&mut server);
            }
        }
        for b in bs.iter_mut() {
            // Quiet: pulling again (its own documents among what comes) brings nothing to push.
            b.pull(&server);
            prop_assert!(b.quiet(), "{} has nothing left to push", b.id);
            prop_assert_eq!(held(&b.data), held(&all), "{} holds the join of all", b.id);
        }
        for b in &bs[1..] {
            prop_assert_eq!(b.questions(), bs[0].questions(), "{} shows the questions a shows", b.id);
        }
        for id in server.ids() {
            prop_assert!(server.live_leaves(&id) <= 1, "{} has one leaf", id);
        }
    }
}

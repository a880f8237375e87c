//! Before the app starts: open the browser's database, move a register still in
//! localStorage over to it, and read it; or, where the database cannot be used, fall back
//! to localStorage as before. [`prepare`] does the waiting; [`super::Store::open`] then
//! takes what it found without waiting.
//!
//! The move (one tab at a time, under a Web Lock): read what localStorage holds (any
//! stored version, migrated), write it to the database in one transaction, read it back
//! and compare, and only then remove it from localStorage. A tab closed at any point loses
//! nothing: until the removal, localStorage still holds the register, and the next start
//! moves it again. If the database already holds a register by then (the write of an
//! interrupted move, or a tab of the old version that went on saving to localStorage), the
//! two are merged, which gives the same register however often it is done.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::exchange::migrate::{Stored, Unreadable};
use crate::domain::history::History;
use crate::domain::merge::preview::{merge, Decisions};
use crate::domain::model::Dataset;
use crate::domain::rows::{delta, rows};

use super::indexed::{self, Db, Refusal, Snapshot};
use super::reader::{self, Reader};
use super::storage::{self, DATA_KEY, HISTORY_KEY, OWN_KEY, UNREADABLE_PREFIX};
use super::tabs::with_lock;

const MOVE_LOCK: &str = "klimatcoachning.move";

/// Why this tab keeps the register in localStorage rather than the browser's database.
#[derive(Clone, Debug, PartialEq)]
pub enum Fallback {
    /// The browser has no IndexedDB.
    NoDatabase,
    /// The browser refused it (its error's name).
    Refused(String),
    /// The register could not be moved over yet; the next start tries again.
    NotMoved,
    /// A tab of an older version of the app holds the database; closing it lets the next
    /// start move the register over.
    OldTab,
}

/// What the database held at start.
pub(super) struct Opened {
    pub db: Db,
    pub stored: Stored,
    pub problem: Option<Problem>,
    pub history: History,
    pub saves: u64,
}

/// What did not read: rows set aside (the rest opened), or the whole register.
pub(super) struct Problem {
    pub reason: Unreadable,
    /// The localStorage key the text was copied to, if it was.
    pub backup_key: Option<String>,
    pub text: String,
}

// Made once per start.
#[allow(clippy::large_enum_variant)]
pub(super) enum Prepared {
    Database(Opened),
    Local(Fallback),
}

thread_local! {
    static PREPARED: RefCell<Option<Prepared>> = const { RefCell::new(None) };
}

/// Set when another tab upgrades the database: this tab's connection is closed.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Set when this start's move found localStorage's text unreadable and kept it aside.
static SET_ASIDE: AtomicBool = AtomicBool::new(false);

pub(super) fn set_aside_now() -> bool {
    SET_ASIDE.load(Ordering::Relaxed)
}

pub(super) fn closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

/// What [`prepare`] found, once.
pub(super) fn take() -> Option<Prepared> {
    PREPARED.with(|p| p.borrow_mut().take())
}

/// Opens the register's storage and reads it, waiting for the [`reader`]'s code only if
/// there is something to read. A first visit waits for the database to open, nothing else.
pub async fn prepare() {
    // The reader's code is fetched while the database opens and is read, not after: at
    // 290 × 20 the open waits ~60 ms behind the page's early read (the #32 note).
    let stored = storage::get(OWN_KEY).is_some() || super::holds_text();
    let fetch_reader = async {
        if stored {
            reader::load().await;
        }
    };
    let open = async {
        match indexed::open(|| CLOSED.store(true, Ordering::Relaxed)).await {
            Ok(db) => from_database(db).await,
            Err(refusal) => Prepared::Local(match refusal {
                Refusal::Missing => Fallback::NoDatabase,
                Refusal::Refused(name) => Fallback::Refused(name),
                Refusal::Blocked => Fallback::OldTab,
            }),
        }
    };
    let (prepared, ()) = futures::future::join(open, fetch_reader).await;
    PREPARED.with(|p| *p.borrow_mut() = Some(prepared));
}

async fn from_database(db: Db) -> Prepared {
    if storage::get(DATA_KEY).is_some() {
        let moving = db.clone();
        with_lock(MOVE_LOCK, async move { move_over(&moving).await }).await;
    }
    if storage::get(DATA_KEY).is_some() {
        // The move did not finish: this tab keeps to localStorage, which still holds it all.
        reader::load().await;
        return Prepared::Local(Fallback::NotMoved);
    }
    let Ok(snapshot) = read_all(&db).await else {
        return Prepared::Local(Fallback::NotMoved);
    };
    if !snapshot.from_copy && !snapshot.rows.is_empty() {
        db.copy_later();
    }
    if snapshot.rows.is_empty() && snapshot.steps.is_empty() {
        return Prepared::Database(Opened {
            db,
            stored: Stored::Empty,
            problem: None,
            history: History::default(),
            saves: snapshot.saves,
        });
    }
    storage::set(OWN_KEY, "1").ok();
    let reader = reader::load().await;
    let read = (reader.rows)(&snapshot.rows);
    let history = steps(reader, &snapshot.steps);
    let mut saves = snapshot.saves;
    let (stored, problem) = match read.stored {
        Stored::Ready { .. } if read.aside.is_empty() => (read.stored, None),
        Stored::Ready { dataset, .. } => {
            // Rows that did not read: their text goes where unreadable text is kept, and
            // only then leaves the database; the rest opens.
            let texts: std::collections::BTreeMap<&str, &str> = snapshot
                .rows
                .iter()
                .filter(|(k, _)| read.aside.iter().any(|(a, _)| a == k))
                .map(|(k, t)| (k.as_str(), t.as_str()))
                .collect();
            let text = serde_json::to_string(&texts).unwrap_or_default();
            let key = format!("{UNREADABLE_PREFIX}{}", super::now().timestamp_millis());
            let backup_key = storage::set(&key, &text).is_ok().then_some(key);
            if backup_key.is_some() {
                let gone: Vec<_> = read.aside.iter().map(|(k, _)| (k.clone(), None)).collect();
                saves = db
                    .write(Some(saves), false, &gone, &[], &[])
                    .await
                    .unwrap_or(saves);
            }
            let reason = Unreadable::Records {
                names: read.aside.iter().map(|(k, _)| k.clone()).collect(),
            };
            let stored = Stored::Ready {
                dataset,
                migrated_from: None,
            };
            (
                stored,
                Some(Problem {
                    reason,
                    backup_key,
                    text,
                }),
            )
        }
        Stored::Unreadable(reason) => {
            // Kept where it is, and nothing written over it, until the user decides.
            let text = snapshot
                .rows
                .iter()
                .map(|(k, t)| format!("{k}\t{t}\n"))
                .collect();
            let problem = Problem {
                reason: reason.clone(),
                backup_key: None,
                text,
            };
            (Stored::Unreadable(reason), Some(problem))
        }
        Stored::Empty => (Stored::Empty, None),
    };
    Prepared::Database(Opened {
        db,
        stored,
        problem,
        history,
        saves,
    })
}

/// Everything stored: as the page's first script read it while the code loaded, unless a
/// save was made since (the count of saves moved on); else read now.
async fn read_all(db: &Db) -> Result<Snapshot, indexed::Failure> {
    if let Some(early) = indexed::early_snapshot().await {
        if db.saves().await == Ok(early.saves) {
            return Ok(early);
        }
    }
    db.read_all().await
}

/// The undo steps' rows as a history; a step that does not read is left out.
fn steps(reader: Reader, texts: &[String]) -> History {
    History::from_steps(texts.iter().filter_map(|t| (reader.step)(t)).collect())
}

/// Moves the register from localStorage into the database (see the module's doc).
async fn move_over(db: &Db) {
    // Another tab may have finished the move while this one waited for the lock.
    let Some(raw) = storage::get(DATA_KEY) else {
        return;
    };
    let reader = reader::load().await;
    let incoming = match (reader.dataset)(Some(&raw)) {
        Stored::Ready { dataset, .. } => dataset,
        Stored::Empty => return,
        Stored::Unreadable(_) => {
            // Kept aside, as unreadable text always is, until the user decides.
            let key = format!("{UNREADABLE_PREFIX}{}", super::now().timestamp_millis());
            if storage::set(&key, &raw).is_ok() {
                storage::remove(DATA_KEY);
                storage::remove(HISTORY_KEY);
                SET_ASIDE.store(true, Ordering::Relaxed);
            }
            return;
        }
    };
    let Ok(snapshot) = db.read_all().await else {
        return;
    };
    let (expected, written) = if snapshot.rows.is_empty() {
        let history = storage::get(HISTORY_KEY)
            .and_then(|h| (reader.history)(&h))
            .unwrap_or_default()
            .numbered();
        let steps: Vec<(u64, String)> = history
            .steps()
            .iter()
            .map(|step| (step.1.seq, serde_json::to_string(step).unwrap_or_default()))
            .collect();
        let all: Vec<_> = rows(&incoming)
            .into_iter()
            .map(|(k, t)| (k, Some(t)))
            .collect();
        let written = db.write(None, true, &all, &steps, &[]).await;
        (incoming, written)
    } else {
        let Stored::Ready {
            dataset: current, ..
        } = (reader.rows)(&snapshot.rows).stored
        else {
            return;
        };
        let merged = join_move(current.clone(), incoming).await;
        let written = db
            .write(None, false, &delta(&current, &merged), &[], &[])
            .await;
        (merged, written)
    };
    if written.is_err() || !reads_back_as(db, reader, &expected).await {
        return;
    }
    storage::set(OWN_KEY, "1").ok();
    storage::remove(DATA_KEY);
    storage::remove(HISTORY_KEY);
}

/// The join of what the database and localStorage both hold, as a merge of two files
/// with no decisions. Its code (the merge: ~100 KB of wasm) stays out of the main module,
/// which every start compiles, in a chunk fetched only for this rare move.
#[cfg_attr(feature = "split", leptos::lazy)]
fn move_merge(parts: (Dataset, Dataset, chrono::DateTime<chrono::Utc>)) -> Dataset {
    let (current, incoming, now) = parts;
    merge(&current, &incoming, &Decisions::default(), "", now)
}

async fn join_move(current: Dataset, incoming: Dataset) -> Dataset {
    let parts = (current, incoming, super::now());
    #[cfg(feature = "split")]
    return move_merge(parts).await;
    #[cfg(not(feature = "split"))]
    move_merge(parts)
}

async fn reads_back_as(db: &Db, reader: Reader, expected: &Dataset) -> bool {
    let Ok(back) = db.read_all().await else {
        return false;
    };
    matches!((reader.rows)(&back.rows).stored, Stored::Ready { dataset, .. } if dataset == *expected)
}

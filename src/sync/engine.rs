//! The loop of the tab that syncs (part of the sync chunk).
//!
//! Each round pulls `_changes` since the checkpoint (pages of [`PAGE`]), reads the leaves
//! of any document in conflict, saves what they change through the store, then pushes what
//! differs from what the server was last seen to hold (`domain::sync::push`), reading
//! and joining what a 409 names. Then it waits on a long poll until the server has news,
//! an edit wants out, the network goes or comes, or the person restarts it. Troubles
//! that pass by themselves are tried again after 2, 4 … 60 s; the others wait for the
//! person ("Anslut" again).

use leptos::prelude::*;
use serde_json::Value;

use super::http::{segment, Client};
use super::tabs::{
    current, drain_wakes, next_wake, set_status, show_open, take_dismissed, Wake, RUNNING,
};
use crate::clock::{now, pause};
use crate::domain::sync::open::{settle, shown};
use crate::domain::sync::pull::{apply, ServerDoc};
use crate::domain::sync::push::{outgoing, pending, pushed, replies, Outgoing};
use crate::domain::sync::server::{changes, database, document, leaves, Changes, Server, Trouble};
use crate::domain::sync::state::SyncState;
use crate::domain::sync::status::{retry_after, Status};
use crate::store::{News, Store};

/// Documents asked of `_changes` at a time.
const PAGE: usize = 1000;
/// Documents sent in one `_bulk_docs`.
const BATCH: usize = 500;
/// How long an answer may take.
const LIMIT_MS: i32 = 20_000;
/// A long poll: the server is asked to answer within 25 s; some (pouchdb-server) hold it
/// until a change whatever they are asked, so this end lets go at 30 s and asks again.
const POLL_ASK_MS: u32 = 25_000;
const POLL_MS: i32 = 30_000;

/// One run of the loop: until the server, the password or the lock changes.
pub struct Run {
    pub store: Store,
    pub server: Server,
    pub password: Option<String>,
    pub generation: u64,
}

/// Why a round ended early.
enum Stop {
    Server(Trouble),
    /// The browser refused to save what was pulled (the store says why).
    Local,
}

impl From<Trouble> for Stop {
    fn from(t: Trouble) -> Stop {
        Stop::Server(t)
    }
}

pub async fn run(run: Run) {
    RUNNING.with(|r| r.set(true));
    let client = Client::new(
        &run.server.address,
        &run.server.user,
        run.password.as_deref(),
    );
    let kept = run.store.sync_state_text().await;
    let state = SyncState::kept(kept.as_deref(), &run.server.address);
    let mut engine = Engine {
        state,
        run,
        client,
        checked: false,
    };
    engine.show_open();
    engine.go().await;
    RUNNING.with(|r| r.set(false));
}

struct Engine {
    run: Run,
    client: Client,
    state: SyncState,
    /// The database answered as CouchDB does, since this run began.
    checked: bool,
}

impl Engine {
    fn live(&self) -> bool {
        current(self.run.generation)
    }

    async fn go(&mut self) {
        set_status(Status::Connecting, true);
        let mut failures = 0;
        while self.live() {
            drain_wakes();
            if !online() {
                self.offline().await;
                continue;
            }
            let round = match self.round().await {
                Ok(()) => {
                    failures = 0;
                    set_status(Status::Synced { at: now() }, true);
                    self.poll().await
                }
                Err(stop) => Err(stop),
            };
            match round {
                Ok(()) => {}
                _ if !self.live() => break,
                Err(Stop::Local) => {
                    failures += 1;
                    pause(retry_after(failures).num_milliseconds() as i32).await;
                }
                Err(Stop::Server(trouble)) if trouble.passes() => {
                    failures += 1;
                    self.retry_later(trouble, failures).await;
                }
                Err(Stop::Server(trouble)) => {
                    // Only the person can mend it: wait for "Anslut" or "Koppla från".
                    set_status(Status::Stopped(trouble), true);
                    while self.live() {
                        next_wake().await;
                    }
                }
            }
        }
    }

    /// One round: the database checked once, then pull, then push.
    async fn round(&mut self) -> Result<(), Stop> {
        if !self.checked {
            database(&self.client.get("", LIMIT_MS).await?)?;
            self.checked = true;
        }
        let dismissed = take_dismissed();
        if !dismissed.is_empty() {
            let me = self.me();
            let state = &mut self.state;
            self.run.store.data().with_untracked(|d| {
                for key in &dismissed {
                    settle(state, d, &me, key);
                }
            });
            let text = self.state.keep(&self.run.server.address);
            self.run.store.keep_sync_state(text).await;
            self.show_open();
        }
        let again = self.state.to_read_again();
        if !again.is_empty() {
            let docs = self.read_docs(&again).await?;
            self.save(docs, None).await?;
        }
        loop {
            let answer = changes(
                &self
                    .client
                    .get(&changes_path(&self.state, false), LIMIT_MS)
                    .await?,
            )?;
            let full = answer.results >= PAGE;
            self.take(answer).await?;
            if !full {
                break;
            }
        }
        self.push().await
    }

    /// Waits for news from the server (taken in) or a reason to start a round early.
    async fn poll(&mut self) -> Result<(), Stop> {
        let pending = Client::pending();
        let path = changes_path(&self.state, true);
        let answer = {
            let poll = Box::pin(self.client.get_abortable(&path, POLL_MS, &pending));
            let woken = Box::pin(next_wake());
            match futures::future::select(poll, woken).await {
                futures::future::Either::Left((answer, _)) => answer?,
                futures::future::Either::Right(_) => {
                    pending.abort();
                    None
                }
            }
        };
        if let Some(text) = answer {
            self.take(changes(&text)?).await?;
        }
        Ok(())
    }

    /// A page of `_changes`: the leaves of those in conflict read, all saved.
    async fn take(&mut self, answer: Changes) -> Result<(), Stop> {
        let Changes {
            mut docs,
            conflicted,
            last_seq,
            ..
        } = answer;
        for doc in docs.iter_mut().filter(|d| conflicted.contains(&d.id)) {
            let body = self
                .client
                .get(&format!("/{}?open_revs=all", segment(&doc.id)), LIMIT_MS)
                .await?;
            *doc = leaves(doc.clone(), &body)?;
        }
        if docs.is_empty() && last_seq == self.state.since {
            return Ok(());
        }
        self.save(docs, Some(last_seq)).await
    }

    /// Joins `docs` into the register and keeps the state with it (and the checkpoint
    /// `since`, once what came before it is saved).
    async fn save(&mut self, docs: Vec<ServerDoc>, since: Option<Value>) -> Result<(), Stop> {
        if !docs.is_empty() {
            set_status(Status::Syncing, true);
        }
        let address = self.run.server.address.clone();
        // Another tab's save in between makes the store refuse: then on its newest data.
        for _ in 0..3 {
            let mut next = self.state.clone();
            if let Some(since) = &since {
                next.since = since.clone();
            }
            let saved = self
                .run
                .store
                .pulled(|d| {
                    let pulled = apply(d, &mut next, &docs);
                    (pulled.dataset, next.keep(&address))
                })
                .await;
            match saved {
                Ok(()) => {
                    self.state = next;
                    self.show_open();
                    return Ok(());
                }
                Err(News::RefusedUnread) => continue,
                Err(_) => return Err(Stop::Local),
            }
        }
        Err(Stop::Local)
    }

    /// Writes what the server does not have yet; a 409 is read, joined and written again.
    async fn push(&mut self) -> Result<(), Stop> {
        let address = self.run.server.address.clone();
        for _ in 0..4 {
            let me = self.me();
            let batches = self
                .run
                .store
                .data()
                .with_untracked(|d| outgoing(d, &me, &self.state, BATCH));
            if batches.is_empty() {
                return Ok(());
            }
            set_status(Status::Syncing, true);
            let mut again = Vec::new();
            for batch in batches {
                let answer = self
                    .client
                    .post("/_bulk_docs", &bulk(&batch), LIMIT_MS)
                    .await?;
                let answer: Value = serde_json::from_str(&answer).map_err(|_| Trouble::NotCouch)?;
                again.extend(pushed(&mut self.state, &batch, &replies(&answer)));
                self.run
                    .store
                    .keep_sync_state(self.state.keep(&address))
                    .await;
            }
            if again.is_empty() {
                // What the server refused outright waits for the next round.
                return Ok(());
            }
            let docs = self.read_docs(&again).await?;
            self.save(docs, None).await?;
        }
        Ok(())
    }

    /// Documents read one by one, each with its other leaves; one gone from the server
    /// (deleted by another program) is forgotten, so the next push writes it anew.
    async fn read_docs(&mut self, ids: &[String]) -> Result<Vec<ServerDoc>, Stop> {
        let mut docs = Vec::with_capacity(ids.len());
        for id in ids {
            let path = format!("/{}?conflicts=true", segment(id));
            let body = match self.client.get(&path, LIMIT_MS).await {
                Err(Trouble::NoDatabase) => {
                    self.state.known.remove(id);
                    continue;
                }
                other => other?,
            };
            let doc = document(id, &body)?;
            let conflicted = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| {
                    v.get("_conflicts")
                        .and_then(Value::as_array)
                        .map(|c| !c.is_empty())
                })
                .unwrap_or(false);
            if conflicted {
                let all = self
                    .client
                    .get(&format!("/{}?open_revs=all", segment(id)), LIMIT_MS)
                    .await?;
                docs.push(leaves(doc, &all)?);
            } else {
                docs.push(doc);
            }
        }
        Ok(docs)
    }

    /// This browser's id, as its edits and its own document name it.
    fn me(&self) -> String {
        self.run.store.browser_id().unwrap_or_default()
    }

    /// The questions to show, here and in the other tabs.
    fn show_open(&self) {
        let me = self.me();
        let list = self
            .run
            .store
            .data()
            .with_untracked(|d| shown(&self.state, d, &me));
        show_open(&list);
    }

    /// How many records wait for the server.
    fn waiting(&self) -> usize {
        let me = self.me();
        self.run
            .store
            .data()
            .with_untracked(|d| pending(d, &me, &self.state))
    }

    /// Offline: says how much waits, until the network is back (or a restart).
    async fn offline(&mut self) {
        set_status(
            Status::Offline {
                waiting: self.waiting(),
            },
            true,
        );
        while self.live() && !online() {
            match next_wake().await {
                Wake::Edit => set_status(
                    Status::Offline {
                        waiting: self.waiting(),
                    },
                    true,
                ),
                Wake::Online | Wake::Restart => break,
                Wake::Offline => {}
            }
        }
    }

    /// Waits out a trouble that may pass: until its time, the network coming back, or a
    /// restart. Edits meanwhile only update the count waiting.
    async fn retry_later(&mut self, trouble: Trouble, failures: u32) {
        let wait = retry_after(failures);
        let retry = now() + wait;
        let status = |waiting| Status::Retrying {
            trouble: trouble.clone(),
            retry,
            waiting,
        };
        set_status(status(self.waiting()), true);
        let mut timer = Box::pin(pause(wait.num_milliseconds() as i32));
        while self.live() {
            match futures::future::select(timer, Box::pin(next_wake())).await {
                futures::future::Either::Left(_) => return,
                futures::future::Either::Right((why, rest)) => {
                    timer = rest;
                    match why {
                        Wake::Edit => set_status(status(self.waiting()), true),
                        Wake::Online | Wake::Restart | Wake::Offline => return,
                    }
                }
            }
        }
    }
}

/// `_changes` since the checkpoint: every leaf, with the documents and their conflicts.
fn changes_path(state: &SyncState, long: bool) -> String {
    let since = segment(&state.since_param());
    let mut path = format!(
        "/_changes?style=all_docs&include_docs=true&conflicts=true&limit={PAGE}&since={since}"
    );
    if long {
        path.push_str(&format!("&feed=longpoll&timeout={POLL_ASK_MS}"));
    }
    path
}

/// The body of `_bulk_docs`: the documents' texts as made (`domain::sync::docs`).
fn bulk(batch: &[Outgoing]) -> String {
    let size = batch.iter().map(|o| o.doc.len() + 1).sum::<usize>() + 12;
    let mut body = String::with_capacity(size);
    body.push_str("{\"docs\":[");
    for (i, out) in batch.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&out.doc);
    }
    body.push_str("]}");
    body
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

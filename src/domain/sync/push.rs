//! What to write to the server, and what its replies mean for the [`SyncState`].
//!
//! A document goes out when its content here differs from what this browser last saw on
//! the server (by digest), with the revision it replaces; a CouchDB conflict's losing
//! leaves go out as deletions once joined here. A 409 means someone wrote in between: the
//! caller reads the document again, pulls it in (`pull::apply`) and pushes the join.

use serde_json::Value;

use super::docs::{self, deletion, document};
use super::open::{shared, Shared};
use super::state::{Known, SyncState};
use crate::domain::model::Dataset;

/// One document to send in `_bulk_docs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub id: String,
    /// The revision it replaces (none: a new document).
    pub rev: Option<String>,
    /// Its JSON text.
    pub doc: String,
    /// The digest of its content; `None` for the deletion of a losing leaf.
    pub digest: Option<u64>,
}

/// What the server answered for one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Saved {
        id: String,
        rev: String,
    },
    /// 409: the revision sent is no longer the newest: read, join, write again.
    Conflict {
        id: String,
    },
    /// Anything else (forbidden by a validation function, too large…), with the reason.
    Refused {
        id: String,
        reason: String,
    },
}

/// Every document of `d` that browser `me` has to write, in batches of `batch`.
pub fn outgoing(d: &Dataset, me: &str, state: &SyncState, batch: usize) -> Vec<Vec<Outgoing>> {
    let mut out = Vec::new();
    for (id, known) in &state.known {
        for rev in &known.losing {
            out.push(Outgoing {
                id: id.clone(),
                rev: Some(rev.clone()),
                doc: deletion(id, rev),
                digest: None,
            });
        }
    }
    let shared = shared(state, d, me);
    for local in docs::local(d, me, &shared) {
        let known = state.known.get(&local.id);
        if known.is_some_and(|k| k.newer.is_some() || k.digest == local.digest) {
            continue;
        }
        let rev = known.map(|k| k.rev.clone());
        out.push(Outgoing {
            doc: document(&local, rev.as_deref(), d, me, &shared),
            id: local.id.clone(),
            rev,
            digest: Some(local.digest),
        });
    }
    out.chunks(batch.max(1)).map(<[Outgoing]>::to_vec).collect()
}

/// How many records wait for the server (written or removed here since it last saw them):
/// what "3 ändringar väntar" counts. The browser's own document and the deletion of a
/// conflict's leaves are upkeep, not changes a person made.
pub fn pending(d: &Dataset, me: &str, state: &SyncState) -> usize {
    docs::local(d, me, &Shared::default())
        .iter()
        .filter(|l| !l.id.starts_with(docs::BROWSERS))
        .filter(|l| {
            state
                .known
                .get(&l.id)
                .is_none_or(|k| k.newer.is_none() && k.digest != l.digest)
        })
        .count()
}

/// The replies of `_bulk_docs` (its JSON), one per document sent, in the order sent.
pub fn replies(answer: &Value) -> Vec<Reply> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    answer
        .as_array()
        .map(|all| {
            all.iter()
                .map(|r| {
                    let id = text(r, "id").unwrap_or_default();
                    match (text(r, "rev"), text(r, "error")) {
                        (Some(rev), None) => Reply::Saved { id, rev },
                        (_, Some(e)) if e == "conflict" => Reply::Conflict { id },
                        (_, e) => Reply::Refused {
                            id,
                            reason: text(r, "reason").or(e).unwrap_or_default(),
                        },
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Takes the replies to `sent` into `state`; returns the ids to read again (409s).
pub fn pushed(state: &mut SyncState, sent: &[Outgoing], replies: &[Reply]) -> Vec<String> {
    let mut again = Vec::new();
    for (out, reply) in sent.iter().zip(replies) {
        match reply {
            Reply::Saved { id, rev } if *id == out.id => match out.digest {
                Some(digest) => {
                    let losing = state
                        .known
                        .get(id)
                        .map(|k| k.losing.clone())
                        .unwrap_or_default();
                    state.known.insert(
                        id.clone(),
                        Known {
                            rev: rev.clone(),
                            digest,
                            losing,
                            newer: None,
                        },
                    );
                }
                None => {
                    if let Some(k) = state.known.get_mut(id) {
                        k.losing.retain(|r| Some(r) != out.rev.as_ref());
                    }
                }
            },
            Reply::Conflict { id } if !again.contains(id) => again.push(id.clone()),
            _ => {}
        }
    }
    again
}

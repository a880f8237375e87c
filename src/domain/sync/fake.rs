//! A CouchDB database in memory, as far as sync uses it: revisions that a write must name,
//! 409s, leaves (a conflict, as replication from another server makes one), `_changes`
//! since a sequence, and a document read with its leaves.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::pull::ServerDoc;
use super::push::{Outgoing, Reply};

#[derive(Clone, Debug)]
struct Leaf {
    rev: String,
    depth: u64,
    body: Value,
    deleted: bool,
}

#[derive(Default)]
pub struct Fake {
    docs: BTreeMap<String, Vec<Leaf>>,
    changed: BTreeMap<String, u64>,
    seq: u64,
    made: u64,
}

impl Fake {
    /// `_bulk_docs`: each document on its own, in order.
    pub fn bulk_docs(&mut self, sent: &[Outgoing]) -> Vec<Reply> {
        sent.iter().map(|o| self.write(o)).collect()
    }

    fn write(&mut self, o: &Outgoing) -> Reply {
        let id = o.id.clone();
        let Ok(body) = serde_json::from_str::<Value>(&o.doc) else {
            return Reply::Refused {
                id,
                reason: "bad json".into(),
            };
        };
        let deleted = body.get("_deleted") == Some(&Value::Bool(true));
        let leaves = self.docs.entry(id.clone()).or_default();
        let replaced = match &o.rev {
            None if leaves.iter().any(|l| !l.deleted) => return Reply::Conflict { id },
            // A new document, or one over a deleted one (which it continues).
            None => leaves
                .iter()
                .enumerate()
                .max_by_key(|(_, l)| l.depth)
                .map(|(i, _)| i),
            Some(rev) => match leaves.iter().position(|l| &l.rev == rev && !l.deleted) {
                Some(i) => Some(i),
                None => return Reply::Conflict { id },
            },
        };
        let depth = replaced.map(|i| leaves.remove(i).depth).unwrap_or(0) + 1;
        self.made += 1;
        let rev = format!("{depth}-{:08x}", self.made);
        leaves.push(Leaf {
            rev: rev.clone(),
            depth,
            body,
            deleted,
        });
        self.touch(&id);
        Reply::Saved { id, rev }
    }

    /// A leaf of `id` at `depth` beside the others, as replication from elsewhere brings one.
    pub fn fork(&mut self, id: &str, body: Value, depth: u64) {
        let Some(leaves) = self.docs.get_mut(id) else {
            return;
        };
        self.made += 1;
        leaves.push(Leaf {
            rev: format!("{depth}-f{:07x}", self.made),
            depth,
            body,
            deleted: false,
        });
        self.touch(id);
    }

    fn touch(&mut self, id: &str) {
        self.seq += 1;
        self.changed.insert(id.to_owned(), self.seq);
    }

    /// `_changes?since=…&include_docs=true`, with each document's leaves read.
    pub fn changes(&self, since: u64) -> (Vec<ServerDoc>, u64) {
        let mut ids: Vec<(&u64, &String)> = self
            .changed
            .iter()
            .filter(|(_, s)| **s > since)
            .map(|(id, s)| (s, id))
            .collect();
        ids.sort();
        let docs = ids.iter().filter_map(|(_, id)| self.read(id)).collect();
        (docs, self.seq)
    }

    /// A document with its leaves (`?open_revs=all`), the winner first.
    pub fn read(&self, id: &str) -> Option<ServerDoc> {
        let leaves = self.docs.get(id)?;
        let mut sorted: Vec<&Leaf> = leaves.iter().collect();
        // CouchDB's winner: not deleted, then the longest history, then the greatest rev.
        sorted.sort_by(|a, b| (!b.deleted, b.depth, &b.rev).cmp(&(!a.deleted, a.depth, &a.rev)));
        let doc = |l: &Leaf| {
            let mut body = l.body.clone();
            if let Some(map) = body.as_object_mut() {
                map.insert("_id".into(), json!(id));
                map.insert("_rev".into(), json!(l.rev));
            }
            ServerDoc {
                id: id.to_owned(),
                rev: l.rev.clone(),
                deleted: l.deleted,
                body,
                leaves: Vec::new(),
            }
        };
        let (winner, rest) = sorted.split_first()?;
        Some(ServerDoc {
            leaves: rest.iter().filter(|l| !l.deleted).map(|l| doc(l)).collect(),
            ..doc(winner)
        })
    }

    /// How many leaves `id` has that are not deleted.
    pub fn live_leaves(&self, id: &str) -> usize {
        self.docs
            .get(id)
            .map(|ls| ls.iter().filter(|l| !l.deleted).count())
            .unwrap_or(0)
    }

    /// Every document's id.
    pub fn ids(&self) -> Vec<String> {
        self.docs.keys().cloned().collect()
    }
}

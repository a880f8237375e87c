//! What a browser keeps of the server between pulls and pushes: where it has read the
//! changes up to, and for each document the revision and content it last saw there. What
//! is still to push is derived from this and the dataset (`push::outgoing`), never kept as
//! a list of its own, so nothing is lost with a closed tab or a lost reply.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::open::{Open, Shared};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    /// The `_changes` sequence read up to: a number (pouchdb-server) or text (CouchDB 3);
    /// null before the first pull.
    #[serde(default)]
    pub since: Value,
    /// By document id.
    #[serde(default)]
    pub known: BTreeMap<String, Known>,
    /// Edits of one field made beside each other that this browser's pulls met, not yet decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<Open>,
    /// Those this browser put aside ("Låt stå kvar"), while they stand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settled: Vec<Open>,
    /// What each other browser shares of its questions, by browser id (`open::Shared`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub others: BTreeMap<String, Shared>,
}

/// One document as this browser last saw it on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// Its winning revision, which a write replaces.
    pub rev: String,
    /// The digest (`docs::digest`) of its content as this browser would write it; 0 when
    /// this browser's own content must be written over it whatever it is.
    pub digest: u64,
    /// Its other leaves (a CouchDB conflict), deleted by the next push once joined here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub losing: Vec<String>,
    /// Written by a newer version of the app (its format version): not read here, not
    /// written over, and read again once this app is that version ([`SyncState::to_read_again`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<u32>,
}

impl SyncState {
    /// The documents skipped as a newer version's that this version can read: the
    /// checkpoint has passed them, so they are read by id.
    pub fn to_read_again(&self) -> Vec<String> {
        self.known
            .iter()
            .filter(|(_, k)| {
                k.newer
                    .is_some_and(|v| v <= crate::domain::model::SCHEMA_VERSION)
            })
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// The sequence to ask `_changes` since: CouchDB's `0` before the first pull.
    pub fn since_param(&self) -> String {
        match &self.since {
            Value::Null => "0".to_owned(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// The state as the browser keeps it: with the address of the database it is about, so a
/// browser set to another server starts that one afresh.
#[derive(Serialize, Deserialize)]
struct Kept {
    address: String,
    state: SyncState,
}

impl SyncState {
    /// The text kept for the database at `address`.
    pub fn keep(&self, address: &str) -> String {
        #[derive(Serialize)]
        struct Kept<'a> {
            address: &'a str,
            state: &'a SyncState,
        }
        serde_json::to_string(&Kept {
            address,
            state: self,
        })
        .unwrap_or_default()
    }

    /// What was kept about the database at `address`; a fresh start for another address,
    /// or for text that does not read (the next pull reads everything again, the join
    /// making that harmless).
    pub fn kept(text: Option<&str>, address: &str) -> SyncState {
        text.and_then(|t| serde_json::from_str::<Kept>(t).ok())
            .filter(|k| k.address == address)
            .map(|k| k.state)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_kept_is_about_one_server() {
        let state = SyncState {
            since: serde_json::json!(7),
            ..SyncState::default()
        };
        let text = state.keep("https://a.se/db");
        assert_eq!(SyncState::kept(Some(&text), "https://a.se/db"), state);
        assert_eq!(
            SyncState::kept(Some(&text), "https://b.se/db"),
            SyncState::default()
        );
        assert_eq!(
            SyncState::kept(Some("{"), "https://a.se/db"),
            SyncState::default()
        );
        assert_eq!(
            SyncState::kept(None, "https://a.se/db"),
            SyncState::default()
        );
    }

    #[test]
    fn changes_are_asked_from_zero_then_from_the_sequence_as_the_server_wrote_it() {
        let mut state = SyncState::default();
        assert_eq!(state.since_param(), "0");
        state.since = serde_json::json!(42);
        assert_eq!(state.since_param(), "42", "pouchdb-server's numbers");
        state.since = serde_json::json!("12-g1AAAA");
        assert_eq!(
            state.since_param(),
            "12-g1AAAA",
            "CouchDB 3's text, unquoted"
        );
        let kept: SyncState =
            serde_json::from_str(&serde_json::to_string(&state).unwrap_or_default())
                .unwrap_or_default();
        assert_eq!(kept, state, "kept and read back as it was");
    }
}

//! The documents of a register on the server, and what this browser would write there.
//!
//! A record's document is `{"format", "schema", "context", "row"}`: the row as the browser
//! keeps it (`domain/rows`), the format version it is written in, and the context of the
//! browser that wrote it (what it had seen), so that a browser pulling it can tell an edit
//! made after seeing its own from one made beside it (the merge's conflicts). A browser's
//! document (`browsers/<id>`) holds its name, its whole context and the questions it
//! shares (`open::Shared`), written by it alone.
//! The lists' order is not shared: a list keeps the order its records arrived in.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::open::Shared;
use crate::domain::model::*;
use crate::domain::rows;

/// The prefix of a browser's document: `browsers/<browser id>`.
pub const BROWSERS: &str = "browsers/";

/// A document's body as this app writes it (CouchDB's `_id` and `_rev` beside it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub format: String,
    pub schema: u32,
    #[serde(default)]
    pub context: Context,
    /// A record's row (`domain/rows`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<Value>,
    /// A browser's name, in its own document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The questions a browser shares, in its own document.
    #[serde(default, skip_serializing_if = "Shared::is_empty")]
    pub questions: Shared,
}

/// One document this browser would write: its id, the text it is made from (a row, or a
/// browser's name and its count of edits) and that text's digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Local {
    pub id: String,
    pub text: String,
    pub digest: u64,
}

/// Every document of `d` that browser `me` would write: each record and removed record,
/// and its own browser document once it has a name, has made an edit or shares a question.
pub fn local(d: &Dataset, me: &str, shared: &Shared) -> Vec<Local> {
    let mut out: Vec<Local> = rows::rows(d)
        .into_iter()
        .filter(|(key, _)| rows::is_record(key))
        .map(|(id, text)| Local {
            digest: digest(&text),
            id,
            text,
        })
        .collect();
    let name = d.browsers.get(me).cloned().unwrap_or_default();
    let edits = d.context.seen.get(me).copied().unwrap_or_default();
    if !name.is_empty() || edits > 0 || !shared.is_empty() {
        let text = browser_text(&name, edits, shared);
        out.push(Local {
            id: browser_doc(me),
            digest: digest(&text),
            text,
        });
    }
    out
}

/// What a browser's document is compared by: its name, its count of edits and the
/// questions it shares. Its context grows with every document pulled; only those are news.
pub fn browser_text(name: &str, edits: u64, shared: &Shared) -> String {
    if shared.is_empty() {
        // As before questions were shared: a browser with none writes nothing anew.
        format!("{name}\u{0}{edits}")
    } else {
        format!("{name}\u{0}{edits}\u{0}{}", json(shared))
    }
}

/// The id of browser `id`'s own document.
pub fn browser_doc(id: &str) -> String {
    format!("{BROWSERS}{id}")
}

/// The JSON text of `local` as a document for `_bulk_docs`, replacing revision `rev`.
pub fn document(
    local: &Local,
    rev: Option<&str>,
    d: &Dataset,
    me: &str,
    shared: &Shared,
) -> String {
    let own = local.id.starts_with(BROWSERS);
    let body = Body {
        format: FORMAT.to_owned(),
        schema: SCHEMA_VERSION,
        context: d.context.clone(),
        row: None,
        name: own.then(|| d.browsers.get(me).cloned().unwrap_or_default()),
        questions: if own {
            shared.clone()
        } else {
            Shared::default()
        },
    };
    let mut text = String::with_capacity(local.text.len() + 200);
    text.push_str("{\"_id\":");
    text.push_str(&json(&local.id));
    if let Some(rev) = rev {
        text.push_str(",\"_rev\":");
        text.push_str(&json(rev));
    }
    let body = json(&body);
    text.push(',');
    let fields = body.strip_prefix('{').and_then(|b| b.strip_suffix('}'));
    text.push_str(fields.unwrap_or_default());
    if !own {
        // The row's text as it is stored, not parsed and written again.
        text.push_str(",\"row\":");
        text.push_str(&local.text);
    }
    text.push('}');
    text
}

/// The JSON text of a deletion of leaf `rev` of document `id` (a CouchDB conflict's loser).
pub fn deletion(id: &str, rev: &str) -> String {
    format!(
        "{{\"_id\":{},\"_rev\":{},\"_deleted\":true}}",
        json(id),
        json(rev)
    )
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Text, and structs of text and numbers: nothing here can fail to serialise.
    serde_json::to_string(value).unwrap_or_default()
}

/// FNV-1a, 64 bits: stable across builds and versions of Rust, unlike std's hasher, since
/// the digests are kept in the browser from one version of the app to the next.
pub fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

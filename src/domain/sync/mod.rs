//! Sharing the register live through a CouchDB database: the decisions, without the HTTP.
//!
//! The server keeps a document per record and per removed record, keyed as the browser's
//! own rows are (`events/e1`, `removed/events/e1`, see [`docs`]), and one per browser for
//! its name and what it has seen. Never one document for the dataset: CouchDB refuses
//! documents over 8 MB, and every edit would collide on it. A removal is a document of its
//! own, never CouchDB's `_deleted` on a record: a browser back after months cannot delete
//! what the others kept.
//!
//! - [`pull`]: documents from `_changes` (or a document's leaves) joined into the dataset
//!   as any merge is (`merge::preview::join_reporting`), with the concurrent edits of one field.
//! - [`push`]: the documents whose content differs from what this browser last saw on the
//!   server, derived from the dataset and [`state::SyncState`], so edits made offline, or
//!   before a tab was closed, go out at the next push; and the replies taken in.
//! - [`server`]: the address a person types, what each refusal means, and the server's
//!   answers read into documents.
//! - [`status`]: how the browser stands with its server, as the header says it.
//! - [`open`]: edits of one field made beside each other, kept open until someone decides.
//!
//! Both are plain functions over the dataset; `fake` (tests) is a CouchDB in memory, and
//! the tests run three browsers against it under random interleavings.

pub mod docs;
pub mod open;
pub mod pull;
pub mod push;
pub mod server;
pub mod state;
pub mod status;

// Natively only: proptest is not a wasm32 dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fake;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

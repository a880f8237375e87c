//! Merging two datasets: a file imported, and (the sync issue) a server's copy.
//!
//! Every edit made here is stamped ([`stamping`], with the versions of
//! `model/versions.rs`): which browser, its count, when. A merge is a join of two datasets
//! ([`join`] states and tests the laws): the same result whichever side is which, in
//! whatever order they are merged, and merging the same one twice changes nothing. Each
//! field takes its latest edit; an edit made after seeing the other's is never a question;
//! only edits of one field neither side had seen of the other are conflicts; a removal is
//! an edit that travels like any other. [`replicas`] takes both sides apart and puts the
//! result back; [`preview`] says what an import would do and merges with a person's
//! decisions.

pub mod join;
pub mod preview;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod random_edits;
pub mod replicas;
pub mod stamping;

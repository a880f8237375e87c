//! Sharing data as files: reading a file of any format version ([`migrate`], [`import`]),
//! checking what it refers to ([`integrity`]), previewing and merging it ([`merge`]), and
//! writing the exchange format ([`export`]). The store calls these; nothing here touches
//! the browser.
//!
//! Every edit made here is stamped ([`stamping`], [`versions`]): which browser, its count,
//! when. A merge is a join of two datasets ([`join`] states and tests the laws): the same
//! result whichever side is which, in whatever order files are merged, and merging a file
//! twice changes nothing. Each field takes its latest edit; an edit made after seeing the
//! other's is never a question; only edits of one field neither side had seen of the other
//! are conflicts; a removal is an edit that travels like any other.

pub mod export;
pub mod import;
pub mod integrity;
pub mod join;
pub mod kinds;
pub mod merge;
pub mod migrate;
pub mod replicas;
pub mod stamping;
pub mod versions;

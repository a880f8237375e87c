//! Sharing data as files: reading a file of any format version ([`migrate`], [`import`]),
//! checking what it refers to ([`integrity`]), previewing and merging it ([`merge`]), and
//! writing the exchange format ([`export`]). The store calls these; nothing here touches
//! the browser.

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

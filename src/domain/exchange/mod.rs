//! The exchange file: reading a file of any format version ([`migrate`], [`import`]),
//! checking what it refers to ([`integrity`]), and writing the format ([`export`]). The
//! store calls these; nothing here touches the browser. What a file's records do to the
//! register on import is the merge's (`domain/merge/`).

pub mod export;
pub mod import;
pub mod integrity;
pub mod migrate;

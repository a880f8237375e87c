//! Reading what storage holds (the dataset, the undo history) into the types.
//!
//! serde's code for every record, with the path-tracking that says where a text does not
//! fit, is about a fifth of the app's code. A first visit stores nothing and needs none of
//! it, so a release build keeps it in a wasm chunk of its own (`scripts/split-wasm.mjs`):
//! the start waits for it only when storage holds something to read (`ui/takeover.rs`),
//! and a `storage` event from another tab fetches it when it is first needed. Without the
//! `split` feature (component tests) it is part of the one wasm and always at hand.

use std::sync::OnceLock;

use crate::domain::exchange::migrate::{read, read_history, read_step, Stored};
use crate::domain::history::{History, Stack, Step};
use crate::domain::model::Dataset;
use crate::domain::rows::{patch, read_rows, RowChange, RowsRead};

/// The reading functions, reached through pointers so that their code stays in the chunk.
#[derive(Clone, Copy)]
pub struct Reader {
    /// Classifies and reads the stored dataset text (`migrate::read`).
    pub dataset: fn(Option<&str>) -> Stored,
    /// The stored undo history, or None when it does not read.
    pub history: fn(&str) -> Option<History>,
    /// The register's rows in the browser's database (`domain::rows::read_rows`).
    pub rows: fn(&[(String, String)]) -> RowsRead,
    /// Another tab's rows into this tab's dataset; false if they did not read.
    pub patch: fn(&mut Dataset, &[RowChange]) -> bool,
    /// One undo step's row.
    pub step: fn(&str) -> Option<(Stack, Step)>,
}

static LOADED: OnceLock<Reader> = OnceLock::new();

#[cfg_attr(feature = "split", leptos::lazy)]
fn reader_chunk() -> Reader {
    Reader {
        dataset: read,
        history: read_history,
        rows: read_rows,
        patch: |d, rows| patch(d, rows).is_ok(),
        step: read_step,
    }
}

/// The reader, if its code is here.
pub fn loaded() -> Option<Reader> {
    #[cfg(not(feature = "split"))]
    return Some(*LOADED.get_or_init(reader_chunk));
    #[cfg(feature = "split")]
    LOADED.get().copied()
}

/// The reader, fetching its code first if needed.
pub async fn load() -> Reader {
    if let Some(reader) = loaded() {
        return reader;
    }
    #[cfg(feature = "split")]
    let reader = reader_chunk().await;
    #[cfg(not(feature = "split"))]
    let reader = reader_chunk();
    *LOADED.get_or_init(|| reader)
}

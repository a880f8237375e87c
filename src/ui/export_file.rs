//! The JSON export as one action, for the export panel and the backup reminder: the
//! file is handed to the browser, and the store learns that nothing is unexported.

use crate::domain::exchange::export::export_filename;
use crate::store::files::{share, text_file};
use crate::store::Store;
use crate::ui::download::download;
use crate::ui::today::{now, today};

pub const JSON: &str = "application/json";

/// Today's export file: its name and text.
fn export_file(store: Store) -> (String, String) {
    let text = store.export_text(now());
    (export_filename(today()), text)
}

/// Downloads the export; counts as exported only if the browser took the file.
pub fn download_export(store: Store) {
    let (name, text) = export_file(store);
    if download(&name, JSON, &text) {
        store.exported();
    }
}

/// Hands the export to the share sheet, or downloads it where sharing fails.
pub fn share_export(store: Store) {
    let (name, text) = export_file(store);
    let shared = text_file(&name, JSON, &text).is_some_and(|f| share(&f));
    if shared || download(&name, JSON, &text) {
        store.exported();
    }
}

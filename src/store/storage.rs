//! The browser's localStorage, and nothing else in the app touches it.
//!
//! Storage can be missing (disabled by the browser or its settings), full, or
//! hold text another tab wrote a moment ago; every call here says which.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;

use super::file_link::{call, error_name};

/// Where the dataset lives.
pub const DATA_KEY: &str = "klimatcoachning.data";
/// Set while the browser's database holds a register of this visitor's: read by the page's
/// first script (`index.html`), which then hides the page written with the built-in data.
pub const OWN_KEY: &str = "klimatcoachning.own";
/// Undo and redo steps, so destructive changes stay undoable after a reload.
pub const HISTORY_KEY: &str = "klimatcoachning.history";
/// The user's settings (not part of the dataset, never exported).
pub const SETTINGS_KEY: &str = "klimatcoachning.settings";
/// Changes since the last export and the reminder's state (per browser, never exported).
pub const BACKUP_KEY: &str = "klimatcoachning.backup";
/// The sync server set on /data (`domain::sync::server::Server`), apart from the settings:
/// only the sync chunk reads it.
pub const SERVER_KEY: &str = "klimatcoachning.server";
/// Prefix of keys that keep unreadable stored text until the user decides.
pub const UNREADABLE_PREFIX: &str = "klimatcoachning.unreadable.";
/// The budget the app plans for: browsers give about 5 MB per origin.
pub const BUDGET_BYTES: u64 = 5 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// The browser refused: storage is full (QuotaExceededError).
    Full,
    Other(String),
}

/// Whether localStorage can be used at all. Probed before any gloo call, because
/// gloo panics when the browser has disabled storage.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

pub fn get(key: &str) -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

pub fn set(key: &str, text: &str) -> Result<(), WriteError> {
    if !available() {
        return Err(WriteError::Other("storage unavailable".into()));
    }
    LocalStorage::raw().set_item(key, text).map_err(classify)
}

pub fn remove(key: &str) {
    if available() {
        let _ = LocalStorage::raw().remove_item(key);
    }
}

/// All keys, in storage order.
pub fn keys() -> Vec<String> {
    if !available() {
        return Vec::new();
    }
    let raw = LocalStorage::raw();
    let n = raw.length().unwrap_or(0);
    (0..n).filter_map(|i| raw.key(i).ok().flatten()).collect()
}

/// Bytes this origin uses: browsers count keys and values in UTF-16 code units.
pub fn used_bytes() -> u64 {
    keys()
        .iter()
        .map(|k| {
            let v = get(k).unwrap_or_default();
            2 * (k.encode_utf16().count() + v.encode_utf16().count()) as u64
        })
        .sum()
}

/// Asks the browser to keep this origin's storage (not evict it under pressure).
/// Some(granted), or None where the browser has no such API.
pub async fn persist() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    answer(manager.persist().ok()?).await
}

/// Whether the browser has agreed to keep this origin's storage; None where it cannot say.
pub async fn persisted() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    answer(manager.persisted().ok()?).await
}

/// Whether this looks like a private window, whose storage goes when it closes.
/// Firefox and Safari refuse the origin-private file system there (a SecurityError or
/// an UnknownError) while granting it in normal windows. Chromium's incognito grants it
/// and gives the same storage quota as a normal profile: it cannot be told apart.
pub async fn looks_private() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let storage = window.navigator().storage();
    match call(&storage, "getDirectory", &[]).await {
        Ok(_) => false,
        // A browser without the method (an Err with no name) is not taken for private.
        Err(e) => matches!(error_name(&e).as_str(), "SecurityError" | "UnknownError"),
    }
}

/// What this origin uses of the browser's storage, and its quota (`navigator.storage.estimate`).
pub async fn estimate() -> Option<super::Usage> {
    let manager = web_sys::window()?.navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(manager.estimate().ok()?)
        .await
        .ok()?;
    let field = |name: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
            .map(|v| v as u64)
    };
    Some(super::Usage {
        used: field("usage")?,
        available: field("quota"),
    })
}

async fn answer(promise: js_sys::Promise) -> Option<bool> {
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

fn classify(err: JsValue) -> WriteError {
    let name = js_sys::Reflect::get(&err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        WriteError::Full
    } else {
        WriteError::Other(name)
    }
}

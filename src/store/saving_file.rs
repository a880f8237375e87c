//! The store's side of "save to a file on this computer": after every saved change the
//! export is written to the file the user picked, in the background (an edit never waits
//! for the disk), one write at a time, the newest data last.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::file_link::{self, FileHandle, Permission, PickError};
use super::{now, Store};

/// The name the file picker suggests.
pub const SUGGESTED_NAME: &str = "klimatcoachning.json";

/// Where the store also saves, besides the browser.
#[derive(Clone, Debug, PartialEq)]
pub enum FileLink {
    /// The browser has no File System Access API.
    Unsupported,
    /// No file picked; `failed`: why the last attempt to pick one failed.
    Off { failed: Option<String> },
    /// Every change is written to `name`.
    Saving {
        name: String,
        last_saved: Option<DateTime<Utc>>,
        /// Why the last write failed (the next change tries again).
        failed: Option<String>,
    },
    /// A file was picked at an earlier visit; the browser wants the user's permission again.
    NeedsPermission { name: String },
}

impl Store {
    pub fn file_link(&self) -> ReadSignal<FileLink> {
        self.link.read_only()
    }

    /// At start: reconnect to the file picked at an earlier visit, where the browser allows.
    pub fn restore_file_link(&self) {
        if !file_link::supported() {
            self.link.set(FileLink::Unsupported);
            return;
        }
        let store = *self;
        spawn_local(async move {
            let Some(handle) = file_link::remembered().await else {
                return;
            };
            if handle.permission(false).await == Permission::Granted {
                // Written at once: changes made before this check are in the file too.
                store.start_saving(handle);
            } else {
                store.link.try_set(FileLink::NeedsPermission {
                    name: handle.name(),
                });
                store.handle.set_value(Some(handle));
            }
        });
    }

    /// The user asks to save to a file: pick it (the browser's dialog), keep it, write now.
    /// `description`: the file type's name in the dialog, in the user's language.
    pub fn link_file(&self, description: String) {
        let store = *self;
        spawn_local(async move {
            match file_link::pick(SUGGESTED_NAME, &description).await {
                Ok(handle) => {
                    // Not remembered (private window): it still works for this visit.
                    let _ = file_link::remember(&handle).await;
                    store.start_saving(handle);
                }
                Err(PickError::Cancelled) => {}
                Err(PickError::Failed(why)) => {
                    store.link.try_set(FileLink::Off { failed: Some(why) });
                }
            }
        });
    }

    /// The user allows the app to write to the file picked at an earlier visit.
    pub fn reconnect_file(&self) {
        let Some(handle) = self.handle.get_value() else {
            return;
        };
        let store = *self;
        spawn_local(async move {
            if handle.permission(true).await == Permission::Granted {
                store.start_saving(handle);
            }
        });
    }

    /// The user stops saving to the file (the file stays as it is). Writing stops at once;
    /// the page says so only once the browser has forgotten the file, since a reload before
    /// that would find it remembered and reconnect.
    pub fn unlink_file(&self) {
        self.handle.set_value(None);
        let store = *self;
        spawn_local(async move {
            let _ = file_link::forget().await;
            store.link.try_set(FileLink::Off { failed: None });
        });
    }

    fn start_saving(&self, handle: FileHandle) {
        self.link.try_set(FileLink::Saving {
            name: handle.name(),
            last_saved: None,
            failed: None,
        });
        self.handle.set_value(Some(handle));
        self.save_to_file();
    }

    /// Writes the data to the linked file in the background; a change made while a
    /// write is under way is written right after it.
    pub(super) fn save_to_file(&self) {
        if !matches!(*self.link.read_untracked(), FileLink::Saving { .. }) {
            return;
        }
        let Some(handle) = self.handle.get_value() else {
            return;
        };
        // (writing, again): one write at a time; `again` asks for one more after it.
        let busy = self
            .writing
            .try_update_value(|(writing, again)| {
                if *writing {
                    *again = true;
                }
                std::mem::replace(writing, true)
            })
            .unwrap_or(true);
        if busy {
            return;
        }
        let store = *self;
        spawn_local(async move {
            loop {
                let text = store.export_text(now());
                let result = handle.write(&text).await;
                let at = now();
                if result.is_ok() {
                    // The file is an export: nothing is left only in the browser.
                    store.update_backup(|b| b.exported(at));
                }
                store.link.try_update(|link| {
                    if let FileLink::Saving {
                        last_saved, failed, ..
                    } = link
                    {
                        match result {
                            Ok(()) => {
                                *last_saved = Some(at);
                                *failed = None;
                            }
                            Err(why) => *failed = Some(why),
                        }
                    }
                });
                let again = store
                    .writing
                    .try_update_value(|(writing, again)| {
                        *writing = std::mem::take(again);
                        *writing
                    })
                    .unwrap_or(false);
                if !again {
                    break;
                }
            }
        });
    }
}

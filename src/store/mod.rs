//! The store: the app's one copy of the dataset, and the only way to change it.
//!
//! Every change is a [`Change`] value: the store applies it to the newest saved
//! dataset, writes what it touched, and only then shows it and records its undo. A write
//! the browser refuses changes nothing. Reading what is stored never throws text away:
//! what cannot be read is kept under a backup key until the user decides.
//!
//! Where the register lives is the store's business alone: the browser's database
//! (`indexed.rs`, one row per record) where it can be used, else localStorage
//! (`storage.rs`, the whole dataset under one key, as before). `prepare.rs` decides at
//! start and moves a register over; `tabs.rs` keeps the tabs in step. Saves are made one
//! at a time (an async lock), each on the data the one before left.

pub mod file_link;
pub mod files;
pub mod indexed;
pub mod prepare;
pub mod reader;
mod saving_file;
pub mod storage;
mod synced;
pub mod tabs;

pub use saving_file::FileLink;
pub use synced::server_set;

use std::future::Future;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::backup::Backup;
use crate::domain::change::{apply, Change, ChangeKind, Record};
use crate::domain::exchange::export::export_json;
use crate::domain::exchange::migrate::{Stored, Unreadable};
use crate::domain::history::{History, Stack, Step};
use crate::domain::merge::preview::{merge, Decisions};
use crate::domain::merge::stamping::stamp_edit;
use crate::domain::model::Dataset;
use crate::domain::rows::{delta, rows};
use crate::domain::seed::builtin_dataset;
use crate::domain::settings::Settings;
use indexed::{Db, Failure};
use prepare::{Fallback, Opened, Prepared};
use storage::{WriteError, BACKUP_KEY, DATA_KEY, HISTORY_KEY, SETTINGS_KEY, UNREADABLE_PREFIX};
use tabs::{Channel, Saved};

/// Where the register is kept.
#[derive(Clone, Debug, PartialEq)]
pub enum Keeper {
    /// The browser's database (IndexedDB).
    Database,
    /// localStorage: the browser's database cannot be used here, and why.
    LocalStorage(Fallback),
    /// Nowhere: memory only (storage unavailable, or component tests).
    Nowhere,
}

/// What the store writes to, besides the signals.
#[derive(Clone)]
enum Place {
    Local,
    Database { db: Db, channel: Option<Channel> },
}

/// How the store stands with the browser's storage.
#[derive(Clone, Debug, PartialEq)]
pub enum Health {
    /// Saving works.
    Saving,
    /// Storage held text this version cannot read. `backup_key` is where that text is
    /// kept (None if there was no room to copy it, in which case it stays where it was and
    /// nothing is saved until the user decides). `fresh_start`: this start found it, so the
    /// app shows the built-in dataset; otherwise it was found at an earlier start, the user
    /// has not decided yet, and the register loaded normally.
    Unreadable {
        reason: Unreadable,
        backup_key: Option<String>,
        fresh_start: bool,
    },
    /// The browser does not allow storage here; nothing is kept after the tab closes.
    Unavailable,
    /// Memory only, by design (component tests).
    Memory,
}

/// Something to tell the user; `seq` makes a repeat of the same news announce again.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub news: News,
    pub seq: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    Saved(ChangeKind),
    Undone(ChangeKind),
    Redone(ChangeKind),
    /// The browser's storage is full; the change was not made.
    RefusedFull,
    /// Storage failed for another reason; the change was not made.
    RefusedOther,
    /// Another tab saved a moment ago and this tab has not read that yet (the reader's
    /// code is on its way); the change was not made, so as not to write over theirs.
    RefusedUnread,
    /// Another tab saved a change, and this one now shows it.
    UpdatedElsewhere,
    /// Another tab has upgraded the register's database: this tab must be reloaded to save.
    RefusedReload,
    /// A setting was changed (and kept, where storage works).
    SettingsSaved,
}

#[derive(Clone, Copy)]
pub struct Store {
    data: RwSignal<Dataset>,
    health: RwSignal<Health>,
    notice: RwSignal<Option<Notice>>,
    /// (undo steps, redo steps), for the buttons.
    depth: RwSignal<(usize, usize)>,
    history: StoredValue<History>,
    settings: RwSignal<Settings>,
    /// The text this tab last read from or wrote to [`DATA_KEY`].
    last_raw: StoredValue<Option<String>>,
    /// Changes since the last export, and the reminder.
    backup: RwSignal<Backup>,
    /// Whether the browser keeps the storage (None: not known yet, or it cannot say).
    persisted: RwSignal<Option<bool>>,
    /// Storage works but looks like a private window's, gone when it closes.
    private_window: RwSignal<bool>,
    /// The file on this computer every change is also written to, if any.
    link: RwSignal<FileLink>,
    handle: StoredValue<Option<file_link::FileHandle>, LocalStorage>,
    /// (a write is under way, another is wanted after it)
    writing: StoredValue<(bool, bool)>,
    place: StoredValue<Place, LocalStorage>,
    keeper: RwSignal<Keeper>,
    /// The count of saves in the database this tab's data is as of.
    saves: StoredValue<u64>,
    /// The database holds none of the data shown (a first visit shows the built-in data
    /// without writing it): the next save writes all of it.
    unwritten: StoredValue<bool>,
    /// One save (or catching up with another tab's) at a time.
    turn: StoredValue<Rc<futures::lock::Mutex<()>>, LocalStorage>,
    /// (another tab's saves this tab is still to read, another tab's saves it has shown):
    /// a change asked for meanwhile was made on data that is no longer the newest.
    elsewhere: StoredValue<(u32, u64)>,
}

impl Store {
    fn with(data: Dataset, health: Health, history: History, last_raw: Option<String>) -> Store {
        Store {
            data: RwSignal::new(data),
            health: RwSignal::new(health),
            notice: RwSignal::new(None),
            depth: RwSignal::new(history.len()),
            history: StoredValue::new(history),
            settings: RwSignal::new(Settings::read(storage::get(SETTINGS_KEY).as_deref())),
            last_raw: StoredValue::new(last_raw),
            backup: RwSignal::new(Backup::read(storage::get(BACKUP_KEY).as_deref())),
            persisted: RwSignal::new(None),
            private_window: RwSignal::new(false),
            link: RwSignal::new(FileLink::Off { failed: None }),
            handle: StoredValue::new_local(None),
            writing: StoredValue::new((false, false)),
            place: StoredValue::new_local(Place::Local),
            keeper: RwSignal::new(Keeper::Nowhere),
            saves: StoredValue::new(0),
            unwritten: StoredValue::new(false),
            elsewhere: StoredValue::new((0, 0)),
            turn: StoredValue::new_local(Rc::new(futures::lock::Mutex::new(()))),
        }
    }

    /// A store that keeps `data` in memory only (for component tests).
    pub fn new(data: Dataset) -> Store {
        Store::with(data, Health::Memory, History::default(), None)
    }

    /// A memory-only store holding the built-in dataset.
    pub fn builtin() -> Store {
        Store::new(builtin_dataset())
    }

    /// The app's store: what [`prepare`] found in the browser's database, else what
    /// localStorage holds, or the built-in dataset. Await [`prepare`] first.
    pub fn open() -> Store {
        let fallback = match prepare::take() {
            Some(Prepared::Database(opened)) => return Store::from_database(opened),
            Some(Prepared::Local(why)) => why,
            None => Fallback::NotMoved,
        };
        let store = Store::from_local_storage();
        if store.persisting() {
            store.keeper.set(Keeper::LocalStorage(fallback));
        }
        store
    }

    fn from_database(opened: Opened) -> Store {
        let Opened {
            db,
            stored,
            problem,
            history,
            saves,
        } = opened;
        // Text that stays in the database until the user decides, offered for download.
        let raw = problem
            .as_ref()
            .filter(|p| p.backup_key.is_none())
            .map(|p| p.text.clone());
        let unwritten = matches!(stored, Stored::Empty);
        let (data, health) = match (stored, problem) {
            (Stored::Ready { dataset, .. }, None) => (dataset, Health::Saving),
            (Stored::Ready { dataset, .. }, Some(p)) => (
                dataset,
                Health::Unreadable {
                    reason: p.reason,
                    backup_key: p.backup_key,
                    fresh_start: false,
                },
            ),
            (Stored::Unreadable(reason), _) => (
                builtin_dataset(),
                Health::Unreadable {
                    reason,
                    backup_key: None,
                    fresh_start: true,
                },
            ),
            (Stored::Empty, _) => (builtin_dataset(), Health::Saving),
        };
        let health = match (health, reader::loaded()) {
            (Health::Saving, Some(reader)) => match undecided_backup(reader) {
                // Set aside by this start's move: the app shows the built-in data.
                Health::Unreadable {
                    reason, backup_key, ..
                } if prepare::set_aside_now() => Health::Unreadable {
                    reason,
                    backup_key,
                    fresh_start: true,
                },
                health => health,
            },
            (health, _) => health,
        };
        let store = Store::with(data, health, history, raw);
        store.saves.set_value(saves);
        store.unwritten.set_value(unwritten);
        store.keeper.set(Keeper::Database);
        let channel = Channel::join(move |saved| {
            leptos::task::spawn_local(store.saved_elsewhere(saved));
        });
        store.place.set_value(Place::Database { db, channel });
        store
    }

    fn from_local_storage() -> Store {
        if !storage::available() {
            return Store::with(
                builtin_dataset(),
                Health::Unavailable,
                History::default(),
                None,
            );
        }
        let Some(reader) = reader::loaded() else {
            // Nothing to read (a first visit) or, were `prepare` skipped, text this tab
            // cannot read yet and so must not write over.
            let health = if holds_text() {
                Health::Unavailable
            } else {
                Health::Saving
            };
            return Store::with(builtin_dataset(), health, History::default(), None);
        };
        let raw = storage::get(DATA_KEY);
        let history = storage::get(HISTORY_KEY)
            .and_then(|h| (reader.history)(&h))
            .unwrap_or_default();
        match (reader.dataset)(raw.as_deref()) {
            Stored::Empty => Store::with(
                builtin_dataset(),
                undecided_backup(reader),
                History::default(),
                None,
            ),
            Stored::Ready {
                dataset,
                migrated_from,
            } => {
                let store = Store::with(dataset, undecided_backup(reader), history, raw);
                if migrated_from.is_some() {
                    // Write the migrated form back, so the old one is read only once.
                    store.write_data(&store.data.get_untracked()).ok();
                }
                store
            }
            Stored::Unreadable(reason) => {
                let raw = raw.unwrap_or_default();
                let key = format!("{UNREADABLE_PREFIX}{}", now().timestamp_millis());
                let backup_key = storage::set(&key, &raw).is_ok().then_some(key);
                let health = Health::Unreadable {
                    reason,
                    backup_key,
                    fresh_start: true,
                };
                Store::with(builtin_dataset(), health, History::default(), Some(raw))
            }
        }
    }

    pub fn data(&self) -> ReadSignal<Dataset> {
        self.data.read_only()
    }

    pub fn health(&self) -> ReadSignal<Health> {
        self.health.read_only()
    }

    pub fn notice(&self) -> ReadSignal<Option<Notice>> {
        self.notice.read_only()
    }

    pub fn settings(&self) -> ReadSignal<Settings> {
        self.settings.read_only()
    }

    pub fn backup(&self) -> ReadSignal<Backup> {
        self.backup.read_only()
    }

    /// Where the register is kept, and why there.
    pub fn keeper(&self) -> ReadSignal<Keeper> {
        self.keeper.read_only()
    }

    pub fn persisted(&self) -> ReadSignal<Option<bool>> {
        self.persisted.read_only()
    }

    pub fn private_window(&self) -> ReadSignal<bool> {
        self.private_window.read_only()
    }

    /// Learns, in the background, whether the browser keeps the storage, and whether
    /// this looks like a private window that will throw it away.
    pub fn check_persisted(&self) {
        if !self.persisting() {
            return;
        }
        let (persisted, private_window) = (self.persisted, self.private_window);
        wasm_bindgen_futures::spawn_local(async move {
            persisted.try_set(storage::persisted().await);
            private_window.try_set(storage::looks_private().await);
        });
    }

    /// The user exported the data (downloaded or shared the file).
    pub fn exported(&self) {
        self.update_backup(|b| b.exported(now()));
    }

    /// The user put the export reminder aside.
    pub fn dismiss_reminder(&self) {
        self.update_backup(|b| b.dismiss(now()));
    }

    /// Another tab changed the backup state.
    pub fn backup_elsewhere(&self, raw: Option<String>) {
        self.backup.set(Backup::read(raw.as_deref()));
    }

    /// Kept where storage works; a failure only costs a reminder, never an edit.
    fn update_backup(&self, edit: impl FnOnce(&mut Backup)) {
        let mut backup = self.backup.get_untracked();
        edit(&mut backup);
        if self.persisting() {
            if let Ok(text) = serde_json::to_string(&backup) {
                storage::set(BACKUP_KEY, &text).ok();
            }
        }
        self.backup.set(backup);
    }

    /// A change was saved: count it, and at the first one ask the browser to keep the
    /// storage (in the background: the edit is already saved and shown).
    fn note_change(&self) {
        let ask = self.persisting() && !self.backup.with_untracked(|b| b.persist_asked);
        self.update_backup(|b| {
            b.changed(now());
            b.persist_asked |= ask;
        });
        if ask {
            let persisted = self.persisted;
            wasm_bindgen_futures::spawn_local(async move {
                let answer = storage::persist().await;
                persisted.try_set(answer);
            });
        }
        self.save_to_file();
    }

    /// The exchange file of the data as it is now, naming this browser if it has a name
    /// (so whoever merges the file sees it beside this browser's edits).
    pub fn export_text(&self, at: DateTime<Utc>) -> String {
        let (id, name) = self
            .settings
            .with_untracked(|s| (s.browser.clone(), s.browser_name.clone()));
        self.data.with_untracked(|d| match (id, name) {
            (Some(id), Some(name)) if d.browsers.get(&id) != Some(&name) => {
                let mut named = d.clone();
                named.browsers.insert(id, name);
                export_json(&named, at)
            }
            _ => export_json(d, at),
        })
    }

    /// This browser's id in the versions of its edits, once it has made one.
    pub fn browser_id(&self) -> Option<String> {
        self.settings.with_untracked(|s| s.browser.clone())
    }

    /// This browser's id in the versions of its edits: made and kept at its first edit.
    fn browser(&self) -> String {
        if let Some(id) = self.settings.with_untracked(|s| s.browser.clone()) {
            return id;
        }
        let id: String = (0..10)
            .map(|_| {
                let n = (js_sys::Math::random() * 36.0) as u32;
                char::from_digit(n.min(35), 36).unwrap_or('0')
            })
            .collect();
        let mut settings = self.settings.get_untracked();
        settings.browser = Some(id.clone());
        if self.persisting() {
            if let Ok(text) = serde_json::to_string(&settings) {
                storage::set(SETTINGS_KEY, &text).ok();
            }
        }
        self.settings.set(settings);
        id
    }

    /// Settings are not part of the dataset nor of its undo history; they are kept
    /// when storage works and held for this visit when it does not.
    pub fn set_settings(&self, settings: Settings) -> Result<(), News> {
        if self.persisting() {
            let text = serde_json::to_string(&settings)
                .map_err(|_| self.refused(WriteError::Other(String::new())))?;
            storage::set(SETTINGS_KEY, &text).map_err(|e| self.refused(e))?;
        }
        self.settings.set(settings);
        self.announce(News::SettingsSaved);
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        self.depth.get().0 > 0
    }

    /// What the next undo would take back (tracked, for labels such as "undo import").
    pub fn next_undo_kind(&self) -> Option<ChangeKind> {
        self.depth.track();
        self.history.with_value(|h| h.next_undo().map(|s| s.did))
    }

    pub fn can_redo(&self) -> bool {
        self.depth.get().1 > 0
    }

    /// Saves `record` as edited by the user now.
    pub async fn put(self, record: Record) -> Result<(), News> {
        self.change(Change::Put {
            record: record.touched(now()),
            at: None,
        })
        .await
    }

    pub async fn reset_to_builtin(self) -> Result<(), News> {
        self.change(Change::ReplaceAll {
            dataset: Box::new(builtin_dataset()),
        })
        .await
    }

    /// Applies an imported (replaced or merged) dataset as one undoable step; the
    /// undo step is the backup of what was there, kept across reloads.
    pub async fn import(self, dataset: Dataset) -> Result<(), News> {
        self.change(Change::Import {
            dataset: Box::new(dataset),
        })
        .await
    }

    /// Merges a file into what is stored, with a person's answers to its preview
    /// (their choices and the records they keep are edits made here), as one undoable step.
    pub async fn merge_file(self, incoming: Dataset, decisions: Decisions) -> Result<(), News> {
        // Merged with what is stored when it is this save's turn, not before.
        let pick = move |_: &History| {
            let Some(current) = self.newest_saved() else {
                return Err(self.announce_refusal(News::RefusedUnread));
            };
            let merged = merge(&current, &incoming, &decisions, &self.browser(), now());
            let change = Change::Import {
                dataset: Box::new(merged),
            };
            Ok(Some((change, ChangeKind::Import)))
        };
        let update =
            |history: &mut History, inverse, seq| history.record(inverse, ChangeKind::Import, seq);
        self.commit(pick, update, true).await?;
        self.announce(News::Saved(ChangeKind::Import));
        Ok(())
    }

    pub async fn change(self, change: Change) -> Result<(), News> {
        let kind = change.kind();
        let destructive = change.is_destructive();
        let made = self
            .commit(
                move |_| Ok(Some((change, kind))),
                move |history, inverse, seq| history.record(inverse, kind, seq),
                destructive,
            )
            .await?;
        if made.is_some() {
            self.announce(News::Saved(kind));
        }
        Ok(())
    }

    pub async fn undo(self) -> Result<(), News> {
        self.walk(false).await
    }

    pub async fn redo(self) -> Result<(), News> {
        self.walk(true).await
    }

    /// Applies the step on top of the undo (or redo) stack, as it stands at this save's turn.
    async fn walk(self, redo: bool) -> Result<(), News> {
        let next = move |h: &History| {
            let step = if redo { h.next_redo() } else { h.next_undo() };
            Ok(step.map(|s| (s.change.clone(), s.did)))
        };
        let update = move |history: &mut History, inverse, seq| {
            if redo {
                history.redone(inverse, seq)
            } else {
                history.undone(inverse, seq)
            }
        };
        if let Some(did) = self.commit(next, update, true).await? {
            self.announce(if redo {
                News::Redone(did)
            } else {
                News::Undone(did)
            });
        }
        Ok(())
    }

    /// The dataset `change` makes of `base`, stamped as this browser's edit (an import
    /// keeps what was seen here), and the change that undoes it.
    fn next_of(&self, base: &Dataset, change: Change) -> (Dataset, Change) {
        let mut next = base.clone();
        let import = matches!(change, Change::Import { .. });
        let inverse = apply(&mut next, change);
        if import {
            // A file replaces or merges what is here; what was seen here stays seen, so
            // this browser never counts an edit twice.
            next.context = base.context.join(&next.context);
        } else {
            let me = self.browser();
            if let Some(name) = self.settings.with_untracked(|s| s.browser_name.clone()) {
                next.browsers.insert(me.clone(), name);
            }
            stamp_edit(base, &mut next, &me, now());
        }
        (next, inverse)
    }

    /// Applies `change` on top of the newest saved dataset and saves the result and
    /// the updated history; shows it only once saved. `must_keep_undo`: refuse the
    /// change if its undo step cannot be stored (destructive changes, undo and redo).
    ///
    /// `pick` chooses the change once it is this save's turn (an undo takes the step on top
    /// of the history as the saves before it left it), with what it did; None: nothing to do.
    async fn commit(
        self,
        pick: impl FnOnce(&History) -> Result<Option<(Change, ChangeKind)>, News>,
        update_history: impl FnOnce(&mut History, Change, u64),
        must_keep_undo: bool,
    ) -> Result<Option<ChangeKind>, News> {
        // Asked for on data another tab has changed since (still being read, or read
        // while this waited for its turn): refused, not written over theirs.
        let (unread, shown) = self.elsewhere.get_value();
        if unread > 0 {
            return Err(self.announce_refusal(News::RefusedUnread));
        }
        let turn = self.turn.get_value();
        let _held = turn.lock().await;
        if self.elsewhere.get_value().1 != shown {
            return Err(self.announce_refusal(News::RefusedUnread));
        }
        let Some((change, did)) = self.history.with_value(pick)? else {
            return Ok(None);
        };
        if let Place::Database { db, channel } = self.place.get_value() {
            if self.persisting() {
                self.commit_to_database(&db, channel, change, update_history)
                    .await?;
                return Ok(Some(did));
            }
        }
        self.commit_to_local_storage(change, update_history, must_keep_undo)?;
        Ok(Some(did))
    }

    async fn commit_to_database(
        self,
        db: &Db,
        channel: Option<Channel>,
        change: Change,
        update_history: impl FnOnce(&mut History, Change, u64),
    ) -> Result<(), News> {
        if prepare::closed() {
            return Err(self.announce_refusal(News::RefusedReload));
        }
        let saves = self.saves.get_value();
        let whole = self.unwritten.get_value();
        let (next, inverse, rows) = self.data.with_untracked(|base| {
            let (next, inverse) = self.next_of(base, change);
            let rows = if whole {
                rows(&next).into_iter().map(|(k, t)| (k, Some(t))).collect()
            } else {
                delta(base, &next)
            };
            (next, inverse, rows)
        });
        let (history, added, removed) = self.history.with_value(|before| {
            let mut history = before.clone();
            update_history(&mut history, inverse, saves + 1);
            let (added, removed) = history.delta(before);
            (history, added, removed)
        });
        let steps: Vec<(u64, String)> = added.iter().map(step_row).collect();
        match db.write(Some(saves), whole, &rows, &steps, &removed).await {
            Ok(to) => {
                let added = added.iter().map(|(_, s)| s.seq).collect();
                self.written(channel, (saves, to), whole, rows, added, removed);
                self.shown(next, history);
                Ok(())
            }
            Err(Failure::Behind) => {
                // Another tab saved first: show theirs; this change was not made.
                self.read_everything(db).await;
                Err(self.announce_refusal(News::RefusedUnread))
            }
            Err(Failure::Full) => Err(self.refused(WriteError::Full)),
            Err(Failure::Other(_)) if prepare::closed() => {
                Err(self.announce_refusal(News::RefusedReload))
            }
            Err(Failure::Other(name)) => Err(self.refused(WriteError::Other(name))),
        }
    }

    /// A save is in the database: counted, and told to the other tabs (once its
    /// transaction is complete, never before).
    fn written(
        &self,
        channel: Option<Channel>,
        (from, to): (u64, u64),
        whole: bool,
        rows: Vec<crate::domain::rows::RowChange>,
        added: Vec<u64>,
        removed: Vec<u64>,
    ) {
        if self.unwritten.get_value() {
            storage::set(storage::OWN_KEY, "1").ok();
        }
        self.saves.set_value(to);
        self.unwritten.set_value(false);
        if let Some(channel) = channel {
            // Past a few hundred rows (an import), reading everything is quicker
            // for the other tabs than reading each row.
            let all = whole || rows.len() > 500;
            channel.tell(&Saved {
                from,
                to,
                rows: if all {
                    Vec::new()
                } else {
                    rows.into_iter().map(|(k, _)| k).collect()
                },
                added,
                removed,
                all,
            });
        }
    }

    fn commit_to_local_storage(
        &self,
        change: Change,
        update_history: impl FnOnce(&mut History, Change, u64),
        must_keep_undo: bool,
    ) -> Result<(), News> {
        let Some(base) = self.newest_saved() else {
            self.announce(News::RefusedUnread);
            return Err(News::RefusedUnread);
        };
        let (next, inverse) = self.next_of(&base, change);
        let mut history = self.history.get_value();
        let seq = history.last_seq() + 1;
        update_history(&mut history, inverse, seq);

        if self.persisting() {
            let previous_raw = self.last_raw.get_value();
            if let Err(e) = self.write_data(&next) {
                return Err(self.refused(e));
            }
            if let Err(e) = write_history(&history) {
                if must_keep_undo {
                    // Put back what was stored, so the refused change leaves no trace.
                    match &previous_raw {
                        Some(raw) => storage::set(DATA_KEY, raw).ok(),
                        None => {
                            storage::remove(DATA_KEY);
                            Some(())
                        }
                    };
                    self.last_raw.set_value(previous_raw);
                    return Err(self.refused(e));
                }
            }
        }
        self.shown(next, history);
        Ok(())
    }

    /// A saved change: shown, its undo recorded, counted.
    fn shown(&self, next: Dataset, history: History) {
        self.depth.set(history.len());
        self.history.set_value(history);
        self.data.set(next);
        self.note_change();
    }

    /// Another tab saved: read what it wrote (or everything, when this tab missed a save
    /// or it replaced everything), after any save of this tab's under way.
    async fn saved_elsewhere(self, saved: Saved) {
        let Place::Database { db, .. } = self.place.get_value() else {
            return;
        };
        self.elsewhere.update_value(|(unread, _)| *unread += 1);
        let turn = self.turn.get_value();
        let held = turn.lock().await;
        self.catch_up(&db, saved).await;
        self.elsewhere
            .update_value(|(unread, shown)| (*unread, *shown) = (*unread - 1, *shown + 1));
        drop(held);
    }

    async fn catch_up(self, db: &Db, saved: Saved) {
        if saved.to <= self.saves.get_value() {
            return;
        }
        if self.persisted.get_untracked() != Some(true) {
            self.check_persisted();
        }
        let reader = reader::load().await;
        let caught_up = !saved.all
            && saved.from == self.saves.get_value()
            && self.patch(db, reader, &saved).await;
        if !caught_up {
            self.read_everything(db).await;
        }
        self.unwritten.set_value(false);
        self.announce(News::UpdatedElsewhere);
    }

    /// Reads the rows and steps one save of another tab wrote into this tab's data;
    /// false if that cannot be done (then everything is read again).
    async fn patch(&self, db: &Db, reader: reader::Reader, saved: &Saved) -> bool {
        let Ok((rows, texts, saves)) = db.read_some(&saved.rows, &saved.added).await else {
            return false;
        };
        if saves != saved.to {
            return false;
        }
        let Some(mut data) = self.data.try_get_untracked() else {
            return false;
        };
        if !(reader.patch)(&mut data, &rows) {
            return false;
        }
        let mut steps = self.history.with_value(History::steps);
        steps.retain(|(_, s)| !saved.removed.contains(&s.seq));
        steps.extend(texts.iter().filter_map(|t| (reader.step)(t)));
        let history = History::from_steps(steps);
        self.saves.set_value(saves);
        self.depth.set(history.len());
        self.history.set_value(history);
        self.data.set(data);
        true
    }

    /// Reads the whole register from the database again.
    async fn read_everything(&self, db: &Db) {
        let Ok(snapshot) = db.read_all().await else {
            return;
        };
        let reader = reader::load().await;
        if let Stored::Ready { dataset, .. } = (reader.rows)(&snapshot.rows).stored {
            let steps = snapshot
                .steps
                .iter()
                .filter_map(|t| (reader.step)(t))
                .collect();
            let history = History::from_steps(steps);
            self.saves.set_value(snapshot.saves);
            self.depth.set(history.len());
            self.history.set_value(history);
            self.data.set(dataset);
        }
    }

    fn persisting(&self) -> bool {
        match &*self.health.read_untracked() {
            Health::Saving => true,
            Health::Unreadable { backup_key, .. } => backup_key.is_some(),
            Health::Unavailable | Health::Memory => false,
        }
    }

    /// What this tab should change: its own data, unless another tab saved since. None
    /// when another tab did and the reader's code has not arrived yet: the change is
    /// refused rather than written over theirs, and their data is shown when it has.
    fn newest_saved(&self) -> Option<Dataset> {
        let mine = self.data.get_untracked();
        // The database's saves are checked as they are written (`Failure::Behind`).
        if !self.persisting() || self.keeper.get_untracked() == Keeper::Database {
            return Some(mine);
        }
        let stored = storage::get(DATA_KEY);
        if stored == self.last_raw.get_value() {
            return Some(mine);
        }
        let Some(reader) = reader::loaded() else {
            self.stored_elsewhere(stored);
            return None;
        };
        Some(match (reader.dataset)(stored.as_deref()) {
            Stored::Ready { dataset, .. } => dataset,
            Stored::Empty => mine,
            Stored::Unreadable(_) => {
                // Someone wrote something unreadable: keep it aside before ours replaces it.
                let key = format!("{UNREADABLE_PREFIX}{}", now().timestamp_millis());
                storage::set(&key, &stored.unwrap_or_default()).ok();
                mine
            }
        })
    }

    fn write_data(&self, d: &Dataset) -> Result<(), WriteError> {
        let text = serde_json::to_string(d).map_err(|e| WriteError::Other(e.to_string()))?;
        storage::set(DATA_KEY, &text)?;
        self.last_raw.set_value(Some(text));
        Ok(())
    }

    fn refused(&self, e: WriteError) -> News {
        self.announce_refusal(match e {
            WriteError::Full => News::RefusedFull,
            WriteError::Other(_) => News::RefusedOther,
        })
    }

    fn announce_refusal(&self, news: News) -> News {
        self.announce(news);
        news
    }

    fn announce(&self, news: News) {
        let seq = self
            .notice
            .with_untracked(|n| n.as_ref().map_or(0, |n| n.seq + 1));
        self.notice.set(Some(Notice { news, seq }));
    }

    /// Another tab wrote `raw` under [`DATA_KEY`]: show it, unless it is ours or unreadable
    /// (or this tab keeps the register in the database, where tabs tell each other).
    pub fn stored_elsewhere(&self, raw: Option<String>) {
        if raw == self.last_raw.get_value()
            || !self.persisting()
            || self.keeper.get_untracked() == Keeper::Database
        {
            return;
        }
        // The other tab may have been granted persistent storage since this one asked.
        if self.persisted.get_untracked() != Some(true) {
            self.check_persisted();
        }
        if let Some(reader) = reader::loaded() {
            self.show_stored(reader, raw);
            return;
        }
        let store = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let reader = reader::load().await;
            // What is stored by now: more tabs may have saved while the code was on its way.
            store.show_stored(reader, storage::get(DATA_KEY));
        });
    }

    fn show_stored(&self, reader: reader::Reader, raw: Option<String>) {
        if raw == self.last_raw.get_value() {
            return;
        }
        if let Stored::Ready { dataset, .. } = (reader.dataset)(raw.as_deref()) {
            self.last_raw.set_value(raw);
            self.data.set(dataset);
            self.announce(News::UpdatedElsewhere);
        }
    }

    /// The unreadable text the app found at start, for the user to download.
    pub fn unreadable_text(&self) -> Option<String> {
        match &*self.health.read_untracked() {
            Health::Unreadable {
                backup_key: Some(key),
                ..
            } => storage::get(key),
            Health::Unreadable {
                backup_key: None, ..
            } => self.last_raw.get_value(),
            _ => None,
        }
    }

    /// The user chose the new start: the unreadable text is deleted and saving resumes.
    pub async fn keep_new_start(self) {
        let Health::Unreadable { backup_key, .. } = self.health.get_untracked() else {
            return;
        };
        match (backup_key, self.place.get_value()) {
            (Some(key), _) => storage::remove(&key),
            // Never copied aside: it still fills the database; what is shown replaces it.
            (None, Place::Database { db, .. }) => {
                let turn = self.turn.get_value();
                let _held = turn.lock().await;
                let all: Vec<_> = self
                    .data
                    .with_untracked(rows)
                    .into_iter()
                    .map(|(k, t)| (k, Some(t)))
                    .collect();
                let Ok(saves) = db.write(None, true, &all, &[], &[]).await else {
                    self.announce(News::RefusedOther);
                    return;
                };
                self.saves.set_value(saves);
                self.history.set_value(History::default());
                self.depth.set((0, 0));
                self.last_raw.set_value(None);
            }
            // Never copied aside: it still sits under the data key.
            (None, Place::Local) => {
                storage::remove(DATA_KEY);
                self.last_raw.set_value(None);
            }
        }
        self.health
            .set(reader::loaded().map_or(Health::Saving, undecided_backup));
    }

    /// What the register takes up where it is kept, or None when it is kept nowhere.
    pub async fn usage(self) -> Option<Usage> {
        match self.keeper.get_untracked() {
            Keeper::Nowhere => None,
            Keeper::LocalStorage(_) => Some(Usage {
                used: storage::used_bytes(),
                available: Some(storage::BUDGET_BYTES),
            }),
            Keeper::Database => Some(storage::estimate().await.unwrap_or(Usage {
                used: 0,
                available: None,
            })),
        }
    }
}

/// Bytes used, and the most the browser will give (None where it does not say).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    pub used: u64,
    pub available: Option<u64>,
}

pub use prepare::prepare;

/// Runs a store action in the background (it waits for any save under way); `saved` runs
/// once it is saved, not when it is refused (the store announces that).
pub fn then(
    action: impl Future<Output = Result<(), News>> + 'static,
    saved: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        if action.await.is_ok() {
            saved();
        }
    });
}

/// Runs a store action in the background; the store announces how it went.
pub fn soon(action: impl Future<Output = Result<(), News>> + 'static) {
    then(action, || ());
}

/// An undo step's row: its stack and the step.
fn step_row((stack, step): &(Stack, Step)) -> (u64, String) {
    (
        step.seq,
        serde_json::to_string(&(stack, step)).unwrap_or_default(),
    )
}

/// Whether storage holds a dataset, an undo history or unreadable text kept aside.
pub(super) fn holds_text() -> bool {
    storage::keys()
        .iter()
        .any(|k| k == DATA_KEY || k == HISTORY_KEY || k.starts_with(UNREADABLE_PREFIX))
}

/// Saving, unless unreadable text kept aside at an earlier start still awaits the user's decision.
fn undecided_backup(reader: reader::Reader) -> Health {
    let Some(key) = storage::keys()
        .into_iter()
        .find(|k| k.starts_with(UNREADABLE_PREFIX))
    else {
        return Health::Saving;
    };
    let text = storage::get(&key);
    // Records set aside from the database: their text by key.
    let aside = text
        .as_deref()
        .and_then(|t| serde_json::from_str::<std::collections::BTreeMap<String, String>>(t).ok())
        .filter(|rows| !rows.is_empty());
    let reason = match (reader.dataset)(text.as_deref()) {
        _ if aside.is_some() => Unreadable::Records {
            names: aside.map(|r| r.into_keys().collect()).unwrap_or_default(),
        },
        Stored::Unreadable(reason) => reason,
        // Kept text that reads fine now (an app update learnt its version): still the user's to decide.
        Stored::Empty | Stored::Ready { .. } => Unreadable::NotADataset,
    };
    Health::Unreadable {
        reason,
        backup_key: Some(key),
        fresh_start: false,
    }
}

/// Writes the history, dropping its oldest steps if storage is short; fails only if
/// not even the newest step fits.
fn write_history(history: &History) -> Result<(), WriteError> {
    let total = history.len().0;
    let mut drop = 0;
    loop {
        let trimmed = history.without_oldest(drop);
        let text = serde_json::to_string(&trimmed).map_err(|e| WriteError::Other(e.to_string()))?;
        match storage::set(HISTORY_KEY, &text) {
            Ok(()) => return Ok(()),
            Err(WriteError::Full) if drop + 1 < total => drop = (drop * 2).max(1).min(total - 1),
            Err(e) => return Err(e),
        }
    }
}

pub(super) use crate::clock::now;

/// Makes `store` the one every component below reaches with [`use_store`].
pub fn provide_store(store: Store) {
    provide_context(store);
}

/// The store provided by the app; a fresh built-in one if none was (as in a component test).
pub fn use_store() -> Store {
    use_context::<Store>().unwrap_or_else(|| {
        let store = Store::builtin();
        provide_context(store);
        store
    })
}

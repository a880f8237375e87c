//! What sync (`src/sync/`) asks of the store: the server set, what this browser kept of
//! it, and the documents it pulled, joined into the register as a save of their own.
//!
//! A pull is saved as any change is (one transaction, told to the other tabs, shown only
//! once written) but makes no undo step: undo takes back this browser's own edits, not a
//! colleague's. What the browser knows of the server is written in the same transaction
//! as the rows the pull brought, so the two never disagree after a crash.

use super::*;
use crate::domain::sync::server::Server;

/// Whether a sync server is set (its text is read by the sync chunk alone).
pub fn server_set() -> bool {
    storage::get(storage::SERVER_KEY).is_some()
}

impl Store {
    /// The sync server set on /data, if any (and readable).
    pub fn server(&self) -> Option<Server> {
        storage::get(storage::SERVER_KEY).and_then(|t| Server::read(&t))
    }

    /// Keeps the sync server (None: forgets it). Where storage is refused, sync still
    /// works for this visit.
    pub fn set_server(&self, server: Option<&Server>) -> Result<(), News> {
        if !self.persisting() {
            return Ok(());
        }
        match server.and_then(|s| serde_json::to_string(s).ok()) {
            Some(text) => storage::set(storage::SERVER_KEY, &text).map_err(|e| self.refused(e)),
            None => {
                storage::remove(storage::SERVER_KEY);
                Ok(())
            }
        }
    }

    /// What this browser kept of its sync server, as text (`domain::sync::state`).
    pub async fn sync_state_text(self) -> Option<String> {
        match self.place.get_value() {
            Place::Database { db, .. } if self.persisting() => db.read_sync().await.ok()?,
            _ => None,
        }
    }

    /// Keeps what this browser knows of its sync server (after a push). Where the register
    /// is not in the browser's database, it is known for this visit only: the next visit
    /// reads the server from the start, which the join makes harmless.
    pub async fn keep_sync_state(self, text: String) {
        if let Place::Database { db, .. } = self.place.get_value() {
            if self.persisting() {
                // Lost, it costs a re-read: a push with old revisions meets 409s and repairs.
                let _ = db.keep_sync(&text).await;
            }
        }
    }

    /// Documents pulled from the server: `join` makes, of the newest saved dataset, the one
    /// with them joined in (None: they changed nothing) and the sync state's text to keep
    /// with it. Refused, and nothing kept, when the write is: the caller pulls again.
    pub async fn pulled(
        self,
        join: impl FnOnce(&Dataset) -> (Option<Dataset>, String),
    ) -> Result<(), News> {
        let turn = self.turn.get_value();
        let _held = turn.lock().await;
        let (next, text) = self.data.with_untracked(join);
        let Place::Database { db, channel } = self.place.get_value() else {
            return self.pulled_elsewhere(next);
        };
        if !self.persisting() {
            return self.pulled_elsewhere(next);
        }
        if prepare::closed() {
            return Err(News::RefusedReload);
        }
        let Some(next) = next else {
            return db.keep_sync(&text).await.map_err(|_| News::RefusedOther);
        };
        let saves = self.saves.get_value();
        let whole = self.unwritten.get_value();
        let rows = if whole {
            rows(&next).into_iter().map(|(k, t)| (k, Some(t))).collect()
        } else {
            self.data.with_untracked(|base| delta(base, &next))
        };
        match db
            .write_with(Some(saves), whole, &rows, &[], &[], Some(&text))
            .await
        {
            Ok(to) => {
                self.written(channel, (saves, to), whole, rows, Vec::new(), Vec::new());
                self.data.set(next);
                Ok(())
            }
            Err(Failure::Behind) => {
                self.read_everything(&db).await;
                Err(News::RefusedUnread)
            }
            Err(Failure::Full) => Err(self.refused(WriteError::Full)),
            Err(Failure::Other(name)) => Err(self.refused(WriteError::Other(name))),
        }
    }

    /// A pull where the register is in localStorage, or in memory only.
    fn pulled_elsewhere(&self, next: Option<Dataset>) -> Result<(), News> {
        let Some(next) = next else { return Ok(()) };
        if self.persisting() {
            self.write_data(&next).map_err(|e| self.refused(e))?;
        }
        self.data.set(next);
        Ok(())
    }
}

//! The register in the browser's IndexedDB: one row per record (`domain/rows`), one per
//! undo step, so a save writes only what it touched, in one transaction: all of it or none.
//!
//! The database `klimatcoachning` holds, besides the saved file's handle (`files`), three
//! object stores for the register: `records` (the rows, JSON text,
//! keyed `head`, `order/<list>`, `<list>/<id>`), `history` (one step per row, keyed by its
//! number) and `state` (`saves`: how many saves this browser has made, which every save
//! checks and raises, so a tab whose data is behind another tab's save is refused, not
//! written over it; `copy`: the start's copy, below; `sync`: what it knows of its sync
//! server, written with the rows a pull brings).
//!
//! **The start's copy.** Reading every row costs the browser about 7 µs a row, beside the
//! app's own start: 6 400 rows at 290 × 20 take ~50 ms alone and slowed the start by ~35 ms
//! (the #32 note), where one value of the same text reads in ~5 ms. So `state`/`copy` keeps
//! every row and step in one value with the count of saves it was taken at. A start takes
//! it only while that count is the stored one (any save raises it, so a copy is never
//! older than the rows); a few seconds after the last write, and after a start that could
//! not use it, it is taken again from the rows, in the background ([`Db::copy_later`]).
//! A save still writes only what it touched.
//!
//! A transaction stays open only while its requests are awaited: nothing else may be
//! awaited inside one (see `../shared/notes/sync-and-storage.md`).

use idb::{DatabaseEvent, Factory, Query, Transaction, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbTransaction};

use crate::clock::pause;
use crate::domain::rows::RowChange;

const NAME: &str = "klimatcoachning";
/// 1 held only `files` (the saved file's handle, `file_link.rs`); 2 added the register.
const VERSION: u32 = 2;
const RECORDS: &str = "records";
const HISTORY: &str = "history";
const STATE: &str = "state";
const SAVES: &str = "saves";
const COPY: &str = "copy";
/// What this browser knows of its sync server (`domain/sync/state.rs`), as text.
const SYNC: &str = "sync";
/// How long after the last write the copy is taken again: a burst of edits takes one.
const COPY_PAUSE_MS: i32 = 2_000;
/// The saved file's handle (`file_link.rs`).
pub const FILES: &str = "files";

/// Why a write did not happen. Nothing of it was stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// Another tab saved since this one last read (the count of saves moved on).
    Behind,
    /// The browser's storage is full (QuotaExceededError).
    Full,
    /// The connection was closed (another tab is upgrading the database) or the browser
    /// failed; the name of its error.
    Other(String),
}

/// Why the database cannot be used here.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// The browser has no IndexedDB.
    Missing,
    /// It refused to open it (settings that block storage, some private modes): its error.
    Refused(String),
    /// A tab of an older version holds it open, so it cannot be upgraded yet.
    Blocked,
}

/// An open connection.
#[derive(Clone)]
pub struct Db(IdbDatabase);

/// Everything stored, read in one transaction.
pub struct Snapshot {
    pub rows: Vec<(String, String)>,
    /// The undo steps' rows, in the order of their numbers.
    pub steps: Vec<String>,
    pub saves: u64,
    /// Read from the start's copy rather than row by row.
    pub from_copy: bool,
}

/// Opens (and on first use creates) the database. `on_version_change` runs when another
/// tab wants to upgrade it: the connection is closed first, so that tab is not held up.
pub async fn open(on_version_change: impl Fn() + 'static) -> Result<Db, Refusal> {
    connect(on_version_change).await.map(Db)
}

/// A connection for the saved file's handle (`file_link.rs`), which shares the database.
pub async fn connection() -> Result<IdbDatabase, String> {
    connect(|| ()).await.map_err(|r| match r {
        Refusal::Missing => "no IndexedDB".to_owned(),
        Refusal::Refused(name) => name,
        Refusal::Blocked => "blocked by another tab".to_owned(),
    })
}

async fn connect(on_version_change: impl Fn() + 'static) -> Result<IdbDatabase, Refusal> {
    let factory = Factory::new().map_err(|_| Refusal::Missing)?;
    let mut request = factory
        .open(NAME, Some(VERSION))
        .map_err(|e| Refusal::Refused(name_of_error(&e)))?;
    request.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else { return };
        let names = db.store_names();
        for store in [RECORDS, HISTORY, STATE, FILES] {
            if !names.iter().any(|n| n == store) {
                let _ = db.create_object_store(store, idb::ObjectStoreParams::new());
            }
        }
    });
    // A tab of an older version holding the database open holds up its upgrade until
    // it closes. Where localStorage still holds the register (it has not been moved
    // yet), this tab keeps to it meanwhile; else it waits, as the register is here.
    let (blocked_tx, blocked_rx) = futures::channel::oneshot::channel::<()>();
    if super::storage::get(super::storage::DATA_KEY).is_some() {
        request.on_blocked(move |_| {
            let _ = blocked_tx.send(());
        });
    }
    let request = Box::pin(std::future::IntoFuture::into_future(request));
    let opened = futures::future::select(request, blocked_rx).await;
    let db = match opened {
        futures::future::Either::Left((db, _)) => {
            db.map_err(|e| Refusal::Refused(name_of_error(&e)))?
        }
        futures::future::Either::Right((Ok(()), _)) => return Err(Refusal::Blocked),
        futures::future::Either::Right((Err(_), request)) => request
            .await
            .map_err(|e| Refusal::Refused(name_of_error(&e)))?,
    };
    let raw: IdbDatabase = db.into();
    let closing = raw.clone();
    let handler = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        closing.close();
        on_version_change();
    });
    raw.set_onversionchange(Some(handler.as_ref().unchecked_ref()));
    // The connection lives as long as the tab: so does its handler.
    handler.forget();
    Ok(raw)
}

/// What the page's first script read from the database while the app's code loaded
/// (`index.html`, `kcEarlyRead`): the same as [`Db::read_all`], taken a moment earlier.
pub async fn early_snapshot() -> Option<Snapshot> {
    let window = web_sys::window()?;
    let promise = js_sys::Reflect::get(&window, &JsValue::from_str("kcEarlyRead"))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let got = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let got = got.dyn_into::<js_sys::Array>().ok()?;
    snapshot_of(
        &got.get(0),
        &got.get(1),
        &got.get(2),
        got.get(3).as_f64().unwrap_or(0.0) as u64,
        got.get(4).is_truthy(),
    )
}

/// The rows and steps as read (arrays of text), else None.
fn snapshot_of(
    keys: &JsValue,
    values: &JsValue,
    steps: &JsValue,
    saves: u64,
    from_copy: bool,
) -> Option<Snapshot> {
    let (keys, values, steps) = (
        keys.dyn_ref::<js_sys::Array>()?,
        values.dyn_ref::<js_sys::Array>()?,
        steps.dyn_ref::<js_sys::Array>()?,
    );
    let rows = keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect();
    Some(Snapshot {
        rows,
        steps: steps.iter().filter_map(|s| s.as_string()).collect(),
        saves,
        from_copy,
    })
}

/// The start's copy, if it was taken at `saves` (else it is older than the rows).
fn copy_at(copy: Option<JsValue>, saves: u64) -> Option<Snapshot> {
    let copy = copy?;
    let field = |name: &str| js_sys::Reflect::get(&copy, &JsValue::from_str(name)).ok();
    if field(SAVES)?.as_f64()? as u64 != saves {
        return None;
    }
    snapshot_of(
        &field("keys")?,
        &field("values")?,
        &field("steps")?,
        saves,
        true,
    )
}

thread_local! {
    /// Raised by each write: a copy is taken only by the last write's wait.
    static COPY_DUE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

impl Db {
    /// The count of saves as stored now.
    pub async fn saves(&self) -> Result<u64, Failure> {
        let (tx, _) = self.transaction(&[STATE], TransactionMode::ReadOnly)?;
        saves_in(&tx).await
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<(Transaction, IdbTransaction), Failure> {
        let names = js_sys::Array::new();
        for s in stores {
            names.push(&JsValue::from_str(s));
        }
        let mode = match mode {
            TransactionMode::ReadWrite => web_sys::IdbTransactionMode::Readwrite,
            _ => web_sys::IdbTransactionMode::Readonly,
        };
        let raw = self
            .0
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(|e| Failure::Other(js_name(&e)))?;
        Ok((Transaction::from(raw.clone()), raw))
    }

    /// Every row, every undo step and the count of saves.
    pub async fn read_all(&self) -> Result<Snapshot, Failure> {
        let (tx, _) = self.transaction(&[RECORDS, HISTORY, STATE], TransactionMode::ReadOnly)?;
        let saves = saves_in(&tx).await?;
        let copy = store(&tx, STATE)?
            .get(Query::Key(JsValue::from_str(COPY)))
            .map_err(other)?
            .await
            .map_err(other)?;
        if let Some(snapshot) = copy_at(copy, saves) {
            return Ok(snapshot);
        }
        let (keys, values, steps) = rows_in(&tx).await?;
        snapshot_of(&keys, &values, &steps, saves, false)
            .ok_or_else(|| Failure::Other("rows".into()))
    }

    /// Takes the start's copy again once no write has come for [`COPY_PAUSE_MS`].
    pub fn copy_later(&self) {
        let due = COPY_DUE.with(|d| {
            d.set(d.get() + 1);
            d.get()
        });
        let db = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            pause(COPY_PAUSE_MS).await;
            if COPY_DUE.with(std::cell::Cell::get) == due {
                // Only ever a quicker start: a copy not taken leaves the rows to be read.
                let _ = db.take_copy().await;
            }
        });
    }

    /// Reads every row and step and keeps them as the start's copy, unless a save came
    /// between the read and the write. The rows stay browser values: no text passes
    /// through the app's code.
    pub async fn take_copy(&self) -> Result<(), Failure> {
        let (tx, _) = self.transaction(&[RECORDS, HISTORY, STATE], TransactionMode::ReadOnly)?;
        let (keys, values, steps) = rows_in(&tx).await?;
        let saves = saves_in(&tx).await?;
        // A read-only read first, so that saves meanwhile are not held up by it.
        let (tx, raw) = self.transaction(&[STATE], TransactionMode::ReadWrite)?;
        if saves_in(&tx).await? != saves {
            let _ = raw.abort();
            return Ok(());
        }
        let copy = js_sys::Object::new();
        for (name, value) in [
            (SAVES, JsValue::from_f64(saves as f64)),
            ("keys", keys),
            ("values", values),
            ("steps", steps),
        ] {
            js_sys::Reflect::set(&copy, &JsValue::from_str(name), &value)
                .map_err(|e| Failure::Other(js_name(&e)))?;
        }
        store(&tx, STATE)?
            .put(&copy, Some(&JsValue::from_str(COPY)))
            .map_err(other)?;
        finish(tx, &raw).await
    }

    /// What this browser keeps of its sync server, if anything.
    pub async fn read_sync(&self) -> Result<Option<String>, Failure> {
        let (tx, _) = self.transaction(&[STATE], TransactionMode::ReadOnly)?;
        let value = store(&tx, STATE)?
            .get(Query::Key(JsValue::from_str(SYNC)))
            .map_err(other)?
            .await
            .map_err(other)?;
        Ok(value.and_then(|v| v.as_string()))
    }

    /// Keeps what this browser knows of its sync server, alone (after a push: the rows
    /// did not change).
    pub async fn keep_sync(&self, text: &str) -> Result<(), Failure> {
        let (tx, raw) = self.transaction(&[STATE], TransactionMode::ReadWrite)?;
        put_sync(&tx, text)?;
        finish(tx, &raw).await
    }

    /// The rows at `keys` (None where there is none), the steps numbered `steps`, and the
    /// count of saves, as one tab sees them after another tab's save.
    pub async fn read_some(
        &self,
        keys: &[String],
        steps: &[u64],
    ) -> Result<(Vec<RowChange>, Vec<String>, u64), Failure> {
        let (tx, _) = self.transaction(&[RECORDS, HISTORY, STATE], TransactionMode::ReadOnly)?;
        let records = store(&tx, RECORDS)?;
        let mut rows = Vec::with_capacity(keys.len());
        for key in keys {
            let value = records
                .get(Query::Key(JsValue::from_str(key)))
                .map_err(other)?
                .await
                .map_err(other)?;
            rows.push((key.clone(), value.and_then(|v| v.as_string())));
        }
        let history = store(&tx, HISTORY)?;
        let mut texts = Vec::with_capacity(steps.len());
        for seq in steps {
            let value = history
                .get(Query::Key(JsValue::from_f64(*seq as f64)))
                .map_err(other)?
                .await
                .map_err(other)?;
            texts.extend(value.and_then(|v| v.as_string()));
        }
        let saves = saves_in(&tx).await?;
        Ok((rows, texts, saves))
    }

    /// Writes one save: `rows`, the steps added (number, text) and removed, and raises the
    /// count of saves from `saves` (refused as [`Failure::Behind`] when it is not that any
    /// more; `None`: whatever it is, as when moving the data over). `clear`: every store is
    /// emptied first (the save replaces all). Returns the new count.
    pub async fn write(
        &self,
        saves: Option<u64>,
        clear: bool,
        rows: &[RowChange],
        added: &[(u64, String)],
        removed: &[u64],
    ) -> Result<u64, Failure> {
        self.write_with(saves, clear, rows, added, removed, None)
            .await
    }

    /// [`Db::write`], keeping `sync` (what the browser knows of its server) in the same
    /// transaction: the rows a pull brought and the server's revisions they came with are
    /// stored together or not at all.
    pub async fn write_with(
        &self,
        saves: Option<u64>,
        clear: bool,
        rows: &[RowChange],
        added: &[(u64, String)],
        removed: &[u64],
        sync: Option<&str>,
    ) -> Result<u64, Failure> {
        let (tx, raw) = self.transaction(&[RECORDS, HISTORY, STATE], TransactionMode::ReadWrite)?;
        let stored = saves_in(&tx).await?;
        if saves.is_some_and(|s| s != stored) {
            let _ = raw.abort();
            return Err(Failure::Behind);
        }
        let mut written = self.send(&tx, clear, rows, added, removed, stored + 1);
        if let (Ok(()), Some(text)) = (&written, sync) {
            written = put_sync(&tx, text);
        }
        if let Err(e) = written {
            let _ = raw.abort();
            return Err(e);
        }
        finish(tx, &raw).await?;
        self.copy_later();
        Ok(stored + 1)
    }

    /// Sends every request of a save without awaiting them: they run in order, and the
    /// transaction completes when the last has.
    fn send(
        &self,
        tx: &Transaction,
        clear: bool,
        rows: &[RowChange],
        added: &[(u64, String)],
        removed: &[u64],
        saves: u64,
    ) -> Result<(), Failure> {
        let (records, history, state) =
            (store(tx, RECORDS)?, store(tx, HISTORY)?, store(tx, STATE)?);
        if clear {
            records.clear().map_err(other)?;
            history.clear().map_err(other)?;
        }
        for (key, row) in rows {
            let key = JsValue::from_str(key);
            match row {
                Some(text) => {
                    records
                        .put(&JsValue::from_str(text), Some(&key))
                        .map_err(other)?;
                }
                None => {
                    records.delete(Query::Key(key)).map_err(other)?;
                }
            }
        }
        for seq in removed {
            history
                .delete(Query::Key(JsValue::from_f64(*seq as f64)))
                .map_err(other)?;
        }
        for (seq, text) in added {
            history
                .put(
                    &JsValue::from_str(text),
                    Some(&JsValue::from_f64(*seq as f64)),
                )
                .map_err(other)?;
        }
        state
            .put(
                &JsValue::from_f64(saves as f64),
                Some(&JsValue::from_str(SAVES)),
            )
            .map_err(other)?;
        Ok(())
    }
}

/// Sends the write of what the browser knows of its sync server.
fn put_sync(tx: &Transaction, text: &str) -> Result<(), Failure> {
    store(tx, STATE)?
        .put(&JsValue::from_str(text), Some(&JsValue::from_str(SYNC)))
        .map(|_| ())
        .map_err(other)
}

fn store(tx: &Transaction, name: &str) -> Result<idb::ObjectStore, Failure> {
    tx.object_store(name).map_err(other)
}

async fn saves_in(tx: &Transaction) -> Result<u64, Failure> {
    let value = store(tx, STATE)?
        .get(Query::Key(JsValue::from_str(SAVES)))
        .map_err(other)?
        .await
        .map_err(other)?;
    Ok(value.and_then(|v| v.as_f64()).unwrap_or(0.0) as u64)
}

/// Every row's key and text and every step's text, as arrays of the browser's values.
async fn rows_in(tx: &Transaction) -> Result<(JsValue, JsValue, JsValue), Failure> {
    let records = store(tx, RECORDS)?;
    let keys = records
        .get_all_keys(None, None)
        .map_err(other)?
        .await
        .map_err(other)?;
    let values = records
        .get_all(None, None)
        .map_err(other)?
        .await
        .map_err(other)?;
    let steps = store(tx, HISTORY)?
        .get_all(None, None)
        .map_err(other)?
        .await
        .map_err(other)?;
    let array = |items: Vec<JsValue>| JsValue::from(items.into_iter().collect::<js_sys::Array>());
    Ok((array(keys), array(values), array(steps)))
}

/// Commits and waits for the transaction's end: its `complete`, or the error that aborted it.
async fn finish(tx: Transaction, raw: &IdbTransaction) -> Result<(), Failure> {
    // Deprecated in web-sys only because the spec moved it; it ends the transaction as soon
    // as its requests have run rather than at the next idle moment.
    #[allow(deprecated)]
    let _ = raw.commit();
    match tx.await {
        Ok(idb::TransactionResult::Committed) => Ok(()),
        Ok(idb::TransactionResult::Aborted) => Err(classify(raw.error().map(JsValue::from))),
        Err(e) => Err(classify(match e {
            idb::Error::DomException(d) => Some(d.into()),
            _ => raw.error().map(JsValue::from),
        })),
    }
}

fn classify(error: Option<JsValue>) -> Failure {
    let name = error.as_ref().map(js_name).unwrap_or_default();
    if name == "QuotaExceededError" {
        Failure::Full
    } else {
        Failure::Other(name)
    }
}

fn other(e: idb::Error) -> Failure {
    match name_of_error(&e) {
        name if name == "QuotaExceededError" => Failure::Full,
        name => Failure::Other(name),
    }
}

/// The name of the browser's error inside an `idb` error (`InvalidStateError`…), else its text.
fn name_of_error(e: &idb::Error) -> String {
    use idb::Error as E;
    match e {
        E::DomException(d) => d.name(),
        E::IndexedDbNotFound(v)
        | E::IndexedDbOpenFailed(v)
        | E::UpdateFailed(v)
        | E::GetFailed(v) => js_name(v),
        other => other.to_string(),
    }
}

fn js_name(value: &JsValue) -> String {
    js_sys::Reflect::get(value, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

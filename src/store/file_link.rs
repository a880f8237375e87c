//! "Save to a file on this computer" through the File System Access API (Chromium):
//! the user picks a file once, and its handle is kept in IndexedDB (a handle cannot be
//! written as text) so that a later visit can offer to reconnect to it.
//!
//! Only the browser boundary is here: picking, asking permission, writing, remembering.
//! The store decides when. The API is called by name (`Reflect`), since web-sys keeps it
//! behind an unstable flag, and every call is checked: a browser without it gets `None`.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const STORE: &str = super::indexed::FILES;
const KEY: &str = "save-file";

/// A file the user picked (a `FileSystemFileHandle`).
#[derive(Clone, Debug)]
pub struct FileHandle(JsValue);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    Granted,
    /// The browser will ask the user (only from a click).
    Prompt,
    Denied,
}

/// Why a file could not be picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickError {
    /// The user closed the dialog.
    Cancelled,
    Failed(String),
}

/// Whether this browser can save to a file the user picks.
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| {
        Reflect::get(&w, &"showSaveFilePicker".into()).is_ok_and(|f| f.is_function())
    })
}

/// Asks the user for a file to save to (from a click: the browser requires one).
pub async fn pick(suggested_name: &str, description: &str) -> Result<FileHandle, PickError> {
    let window = web_sys::window().ok_or_else(|| PickError::Failed("no window".into()))?;
    let accept = Object::new();
    set(&accept, "application/json", &Array::of1(&".json".into()));
    let kind = Object::new();
    set(&kind, "description", &description.into());
    set(&kind, "accept", &accept);
    let options = Object::new();
    set(&options, "suggestedName", &suggested_name.into());
    set(&options, "types", &Array::of1(&kind));
    match call(&window, "showSaveFilePicker", &[options.into()]).await {
        Ok(handle) => Ok(FileHandle(handle)),
        Err(e) if error_name(&e) == "AbortError" => Err(PickError::Cancelled),
        Err(e) => Err(PickError::Failed(error_text(&e))),
    }
}

impl FileHandle {
    /// The file's name (browsers do not reveal its folder).
    pub fn name(&self) -> String {
        Reflect::get(&self.0, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default()
    }

    /// Whether the app may write to the file; `ask`: let the browser ask the user.
    pub async fn permission(&self, ask: bool) -> Permission {
        let options = Object::new();
        set(&options, "mode", &"readwrite".into());
        let method = if ask {
            "requestPermission"
        } else {
            "queryPermission"
        };
        match call(&self.0, method, &[options.into()])
            .await
            .ok()
            .and_then(|p| p.as_string())
            .as_deref()
        {
            Some("granted") => Permission::Granted,
            Some("prompt") => Permission::Prompt,
            _ => Permission::Denied,
        }
    }

    /// Replaces the file's contents with `text`.
    pub async fn write(&self, text: &str) -> Result<(), String> {
        let writable = call(&self.0, "createWritable", &[])
            .await
            .map_err(|e| error_text(&e))?;
        call(&writable, "write", &[text.into()])
            .await
            .map_err(|e| error_text(&e))?;
        call(&writable, "close", &[])
            .await
            .map_err(|e| error_text(&e))?;
        Ok(())
    }
}

/// Keeps `handle` for later visits.
pub async fn remember(handle: &FileHandle) -> Result<(), String> {
    let store = object_store("readwrite").await?;
    request(&call_sync(&store, "put", &[handle.0.clone(), KEY.into()])?).await?;
    Ok(())
}

/// The file picked at an earlier visit, if any.
pub async fn remembered() -> Option<FileHandle> {
    let store = object_store("readonly").await.ok()?;
    let found = request(&call_sync(&store, "get", &[KEY.into()]).ok()?)
        .await
        .ok()?;
    (!found.is_undefined() && !found.is_null()).then_some(FileHandle(found))
}

/// Forgets the picked file (the file itself stays where it is).
pub async fn forget() -> Result<(), String> {
    let store = object_store("readwrite").await?;
    request(&call_sync(&store, "delete", &[KEY.into()])?).await?;
    Ok(())
}

async fn object_store(mode: &str) -> Result<JsValue, String> {
    let db: JsValue = super::indexed::connection().await?.into();
    let tx = call_sync(&db, "transaction", &[STORE.into(), mode.into()])?;
    call_sync(&tx, "objectStore", &[STORE.into()])
}

/// The result of an IndexedDB request, once it has one.
async fn request(req: &JsValue) -> Result<JsValue, String> {
    let req = req.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let done = req.clone();
        let ok = Closure::once_into_js(move || {
            let result = Reflect::get(&done, &"result".into()).unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let failed = req.clone();
        let err = Closure::once_into_js(move || {
            let error = Reflect::get(&failed, &"error".into()).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        set(&req, "onsuccess", &ok);
        set(&req, "onerror", &err);
    });
    JsFuture::from(promise).await.map_err(|e| error_text(&e))
}

/// Calls `target.method(args…)` and awaits the promise it returns.
pub(super) async fn call(
    target: &JsValue,
    method: &str,
    args: &[JsValue],
) -> Result<JsValue, JsValue> {
    let result = call_sync(target, method, args).map_err(JsValue::from)?;
    match result.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}

fn call_sync(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: Function = Reflect::get(target, &method.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("{method} is missing"))?;
    let list = Array::new();
    for a in args {
        list.push(a);
    }
    f.apply(target, &list).map_err(|e| error_text(&e))
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

pub(super) fn error_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

fn error_text(e: &JsValue) -> String {
    Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| error_name(e))
}

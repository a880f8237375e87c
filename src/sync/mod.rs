//! Sync: the only code that talks to a server. A browser with a CouchDB database set on
//! /data shares its register there live; one without stays exactly as local-first as before.
//!
//! Keep this module small: it is in every start (the main module may grow by at most 5 KB
//! gzip for sync). What every start carries is this module alone: the state, the server /data shows, and a
//! listener on the tabs' channel. Everything else is a wasm chunk of its
//! own ([`Api`]), fetched only by a browser with a server set (at the start), by "Anslut",
//! or when another tab says it connected: `tabs` (the server and password in this tab's
//! memory, the Web Lock that lets one tab sync, what the tabs tell each other), `engine`
//! (the loop) and `http` (fetch). What to send and what a pull changes is decided by
//! `domain::sync`; what a pull brings is saved through the store (`store/synced.rs`).

use std::cell::Cell;
use std::sync::OnceLock;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::sync::open::Open;
use crate::domain::sync::server::{address, AddressError, Server};
use crate::domain::sync::status::Status;
use crate::store::Store;

mod engine;
mod http;
mod tabs;

/// The tabs' channel.
const CHANNEL: &str = "klimatcoachning-sync";

/// The chunk's entry points.
#[derive(Clone, Copy)]
struct Api {
    /// A server was set at the start.
    begin: fn(Store),
    /// Another tab said something (the message's text).
    heard: fn(Store, String),
    /// "Anslut" here: the server and the password given.
    connect: fn(Store, Server, Option<String>),
    /// "Koppla från" here.
    disconnect: fn(Store),
    /// The header's part: the state in words and a mark, and its live region.
    header: fn() -> AnyView,
    /// Below the header: the state in words while it needs attention, where the header
    /// has room for the mark only.
    notice: fn() -> AnyView,
    /// The footer's words while a server is set.
    footer: fn(Server) -> String,
    /// "Låt stå kvar": an open edit put aside, by its key.
    dismiss: fn(String),
}

static LOADED: OnceLock<Api> = OnceLock::new();

#[cfg_attr(feature = "split", leptos::lazy)]
fn sync_chunk() -> Api {
    tabs::api()
}

async fn api() -> Api {
    if let Some(api) = LOADED.get() {
        return *api;
    }
    #[cfg(feature = "split")]
    let api = sync_chunk().await;
    #[cfg(not(feature = "split"))]
    let api = sync_chunk();
    let api = *LOADED.get_or_init(|| api);
    ready().set(true);
    api
}

/// Runs `work` with the chunk, fetching it first if it is not here yet.
fn with_api(work: impl FnOnce(Api) + 'static) {
    leptos::task::spawn_local(async move { work(api().await) });
}

thread_local! {
    /// The app's owner, under which the chunk makes its effects.
    static OWNER: std::cell::RefCell<Option<Owner>> = const { std::cell::RefCell::new(None) };
    static READY: Cell<Option<RwSignal<bool>>> = const { Cell::new(None) };
    /// This tab's end of the channel: it hears the other tabs, never itself.
    static TABS: std::cell::RefCell<Option<web_sys::BroadcastChannel>> =
        const { std::cell::RefCell::new(None) };
    static STATUS: Cell<Option<RwSignal<Status>>> = const { Cell::new(None) };
    static SHOWN: Cell<Option<RwSignal<Option<Server>>>> = const { Cell::new(None) };
    static OPEN: Cell<Option<RwSignal<Vec<Open>>>> = const { Cell::new(None) };
}

/// Edits of one field made beside each other that pulls met, not yet decided (as the tab
/// that syncs keeps them). Only pages and the chunk reach it: it is not in every start.
pub fn open() -> RwSignal<Vec<Open>> {
    signal(&OPEN, Vec::new)
}

/// "Låt stå kvar": the value the join kept stays, and the other is forgotten, in every tab.
pub fn dismiss(key: String) {
    open().update(|list| list.retain(|o| o.key != key));
    with_api(move |api| (api.dismiss)(key));
}

/// The state the header shows: of this tab's loop, or of the tab that syncs.
pub fn status() -> Signal<Status> {
    status_signal().into()
}

fn status_signal() -> RwSignal<Status> {
    signal(&STATUS, || Status::Off)
}

/// The signal kept in `cell`, made under the app's owner the first time it is asked for
/// (a page that asks first must not take it away with it).
fn signal<T: Send + Sync + 'static>(
    cell: &'static std::thread::LocalKey<Cell<Option<RwSignal<T>>>>,
    init: impl FnOnce() -> T,
) -> RwSignal<T> {
    cell.with(Cell::get).unwrap_or_else(|| {
        let s = owned(|| RwSignal::new(init()));
        cell.with(|c| c.set(Some(s)));
        s
    })
}

/// The server set, as this tab knows it (never with the password): follows "Anslut" and
/// "Koppla från" in any tab.
pub fn server() -> Signal<Option<Server>> {
    shown().into()
}

fn shown() -> RwSignal<Option<Server>> {
    signal(&SHOWN, || None)
}

fn ready() -> RwSignal<bool> {
    signal(&READY, || false)
}

/// Runs `f` under the app's owner (the chunk's effects live as long as the app).
fn owned<T>(f: impl FnOnce() -> T) -> T {
    match OWNER.with(|o| o.borrow().clone()) {
        Some(owner) => owner.with(f),
        None => f(),
    }
}

/// At the app's start: listens to the other tabs, and if this browser has a server set,
/// fetches the chunk and syncs (where this tab gets the lock) or shows the state of the
/// tab that does.
pub fn start(store: Store) {
    OWNER.with(|o| *o.borrow_mut() = Owner::current());
    let _ = (status_signal(), shown(), ready());
    listen(store);
    if crate::store::server_set() {
        status_signal().set(Status::Connecting);
        with_api(move |api| (api.begin)(store));
    }
}

/// The header's sync state: nothing until the chunk is here (it is fetched only with a
/// server set).
pub fn header() -> impl IntoView {
    part(|api| api.header)
}

/// The state in words below the header while it needs attention (offline, not answering,
/// refused): nothing until the chunk is here.
pub fn notice() -> impl IntoView {
    part(|api| api.notice)
}

/// The footer's words while a server is set (the chunk is here then), tracking the server.
pub fn footer() -> Option<String> {
    let server = shown().get()?;
    ready()
        .get()
        .then(|| LOADED.get().map(|api| (api.footer)(server)))
        .flatten()
}

fn part(pick: fn(&Api) -> fn() -> AnyView) -> impl IntoView {
    move || {
        ready()
            .get()
            .then(|| LOADED.get().map(|api| pick(api)()))
            .flatten()
    }
}

/// "Anslut": checks the address, keeps the server (the password only if `remember`), and
/// starts syncing with it, in whichever tab holds the lock.
pub fn connect(
    store: Store,
    address_text: &str,
    user: &str,
    password: &str,
    remember: bool,
) -> Result<(), AddressError> {
    let checked = address(address_text)?;
    let password = (!password.is_empty()).then(|| password.to_owned());
    let server = Server {
        address: checked.database,
        user: user.trim().to_owned(),
        password: password.clone().filter(|_| remember),
    };
    // Refused storage keeps it for this visit: sync still works until the tab closes.
    let _ = store.set_server(Some(&server));
    shown().set(Some(server.without_password()));
    status_signal().set(Status::Connecting);
    with_api(move |api| (api.connect)(store, server, password));
    Ok(())
}

/// "Koppla från": forgets the server and the password, here and in every tab; what is in
/// the register stays.
pub fn disconnect(store: Store) {
    let _ = store.set_server(None);
    shown().set(None);
    status_signal().set(Status::Off);
    with_api(move |api| (api.disconnect)(store));
}

/// Hands what other tabs say to the chunk, fetching it if needed (another tab connected).
fn listen(store: Store) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let handler =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if let Some(text) = ev.data().as_string() {
                with_api(move |api| (api.heard)(store, text));
            }
        });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The channel lives as long as the tab: so does its handler.
    handler.forget();
    TABS.with(|t| *t.borrow_mut() = Some(channel));
}

/// Tells the other tabs `text` (`tabs.rs`'s messages).
fn tell_tabs(text: &str) {
    TABS.with(|t| {
        if let Some(channel) = t.borrow().as_ref() {
            let _ = channel.post_message(&JsValue::from_str(text));
        }
    });
}

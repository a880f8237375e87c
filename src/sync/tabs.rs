//! The tabs of one browser, and the Web Lock that lets one of them sync (part of the
//! sync chunk). The tab holding the lock runs the loop (`engine`) and tells the others its
//! state; the others see its pulls as they see any save, and it pushes their edits as it
//! sees them. "Anslut" and "Koppla från" in any tab are told to all, with the password (in
//! memory, never stored unless the person asked for that), so whichever tab holds the lock
//! next can go on.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{engine, open, owned, shown, status_signal, tell_tabs, Api};
use crate::domain::sync::open::Open;
use crate::domain::sync::server::Server;
use crate::domain::sync::status::Status;
use crate::store::Store;
use crate::ui::components::sync_status::{shared_with, SyncNotice, SyncStatus};

const LOCK: &str = "klimatcoachning-sync";

/// What wakes the loop early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Wake {
    /// The register changed (an edit here or in another tab, a pull).
    Edit,
    /// The network came back.
    Online,
    /// The network went.
    Offline,
    /// The server or password changed, or sync was turned off.
    Restart,
}

/// Between the tabs of one browser.
#[derive(Serialize, Deserialize)]
enum Message {
    /// The syncing tab's state.
    Status(Status),
    /// A tab opened: the syncing one says its state.
    Ask,
    /// "Anslut" in some tab: the server, and the password when one was given.
    Connect(Server, Option<String>),
    /// "Koppla från" in some tab.
    Disconnect,
    /// The open edits, as the syncing tab keeps them.
    Open(Vec<Open>),
    /// "Låt stå kvar" in some tab, by key.
    Dismiss(String),
}

thread_local! {
    /// The server and the password in this tab's memory.
    static CURRENT: RefCell<Option<(Server, Option<String>)>> = const { RefCell::new(None) };
    /// Raised by every restart: a loop of an older generation ends.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// This tab holds the lock or waits for it.
    static QUEUED: Cell<bool> = const { Cell::new(false) };
    /// Reasons to wake not yet taken, and the waiter to wake (the loop).
    static WOKEN: RefCell<(Vec<Wake>, Option<std::task::Waker>)> =
        const { RefCell::new((Vec::new(), None)) };
    /// Open edits put aside, by key, not yet forgotten by the loop.
    static DISMISSED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The network's listeners are set.
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

pub(super) fn api() -> Api {
    Api {
        begin,
        heard,
        connect,
        disconnect,
        header: || view! { <SyncStatus/> }.into_any(),
        notice: || view! { <SyncNotice/> }.into_any(),
        footer: shared_with,
        dismiss: |key| {
            post(&Message::Dismiss(key.clone()));
            dismissed(key);
        },
    }
}

/// Shows the open edits here and in the other tabs.
pub(super) fn show_open(list: &[Open]) {
    let signal = open();
    if signal.with_untracked(|l| l != list) {
        signal.set(list.to_vec());
    }
    post(&Message::Open(list.to_vec()));
}

/// An open edit put aside, for the loop to forget (where it runs).
fn dismissed(key: String) {
    if RUNNING.with(Cell::get) {
        DISMISSED.with(|d| d.borrow_mut().push(key));
        wake(Wake::Edit);
    }
}

/// The keys put aside since the loop last looked.
pub(super) fn take_dismissed() -> Vec<String> {
    DISMISSED.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

pub(super) fn set_status(next: Status, tell: bool) {
    let signal = status_signal();
    if signal.get_untracked() != next {
        signal.set(next.clone());
    }
    if tell {
        post(&Message::Status(next));
    }
}

/// A server set at the start: asks the tab that syncs for its state, and queues for the lock.
fn begin(store: Store) {
    join_tabs(store);
    let Some(server) = store.server() else {
        status_signal().set(Status::Off);
        return;
    };
    let password = server.password.clone();
    remember(Some((server, password)));
    post(&Message::Ask);
    queue(store);
}

fn heard(store: Store, text: String) {
    join_tabs(store);
    let Ok(message) = serde_json::from_str::<Message>(&text) else {
        return;
    };
    match message {
        Message::Status(status) => set_status(status, false),
        Message::Ask => {
            if RUNNING.with(Cell::get) {
                post(&Message::Status(status_signal().get_untracked()));
                post(&Message::Open(open().get_untracked()));
            }
        }
        Message::Open(list) => open().set(list),
        Message::Dismiss(key) => {
            open().update(|l| l.retain(|o| o.key != key));
            dismissed(key);
        }
        Message::Connect(server, password) => restart(store, Some((server, password))),
        Message::Disconnect => restart(store, None),
    }
}

fn connect(store: Store, server: Server, password: Option<String>) {
    join_tabs(store);
    post(&Message::Connect(
        server.without_password(),
        password.clone(),
    ));
    restart(store, Some((server, password)));
}

fn disconnect(store: Store) {
    join_tabs(store);
    post(&Message::Disconnect);
    restart(store, None);
}

fn remember(current: Option<(Server, Option<String>)>) {
    shown().set(current.as_ref().map(|(s, _)| s.without_password()));
    CURRENT.with(|c| *c.borrow_mut() = current);
}

fn restart(store: Store, current: Option<(Server, Option<String>)>) {
    let off = current.is_none();
    remember(current);
    GENERATION.with(|g| g.set(g.get() + 1));
    wake(Wake::Restart);
    if off {
        set_status(Status::Off, false);
    } else {
        queue(store);
    }
}

/// Asks for the lock (once): the loop runs in this tab while it holds it and a server is set.
fn queue(store: Store) {
    if QUEUED.with(|q| q.replace(true)) {
        return;
    }
    if CURRENT.with(|c| c.borrow().is_some()) && !needs_password() {
        set_status(Status::Connecting, false);
    }
    leptos::task::spawn_local(async move {
        crate::store::tabs::with_lock(LOCK, async move {
            while let Some((server, password)) = CURRENT.with(|c| c.borrow().clone()) {
                if needs_password() {
                    set_status(Status::NeedsPassword, true);
                    // Until "Anslut" gives it (or "Koppla från").
                    let generation = GENERATION.with(Cell::get);
                    while GENERATION.with(Cell::get) == generation {
                        next_wake().await;
                    }
                    continue;
                }
                let run = engine::Run {
                    store,
                    server,
                    password,
                    generation: GENERATION.with(Cell::get),
                };
                engine::run(run).await;
            }
        })
        .await;
        QUEUED.with(|q| q.set(false));
    });
}

/// A user name without a password in memory: it was not kept on this computer.
fn needs_password() -> bool {
    CURRENT.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|(s, p)| !s.user.is_empty() && p.is_none())
    })
}

/// Whether the loop of `generation` should go on.
pub(super) fn current(generation: u64) -> bool {
    GENERATION.with(Cell::get) == generation
}

fn wake(why: Wake) {
    // Only a tab that syncs, or waits to, has a loop to wake; a reason already waiting
    // is not kept twice.
    if !QUEUED.with(Cell::get) {
        return;
    }
    let waiter = WOKEN.with(|w| {
        let mut w = w.borrow_mut();
        if !w.0.contains(&why) {
            w.0.push(why);
        }
        w.1.take()
    });
    if let Some(waiter) = waiter {
        waiter.wake();
    }
}

/// The next reason to wake. Dropped (another future of a `select` won), it loses nothing.
pub(super) fn next_wake() -> impl std::future::Future<Output = Wake> {
    std::future::poll_fn(|cx| {
        WOKEN.with(|w| {
            let mut w = w.borrow_mut();
            if w.0.is_empty() {
                w.1 = Some(cx.waker().clone());
                std::task::Poll::Pending
            } else {
                std::task::Poll::Ready(w.0.remove(0))
            }
        })
    })
}

/// The reasons that came while no one waited, taken.
pub(super) fn drain_wakes() -> Vec<Wake> {
    WOKEN.with(|w| std::mem::take(&mut w.borrow_mut().0))
}

/// Listens to the register and the network, once.
fn join_tabs(store: Store) {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    // Every change of the register, here or from another tab, may be something to push.
    owned(|| {
        Effect::new(move |_| {
            store.data().track();
            wake(Wake::Edit);
        })
    });
    let Some(window) = web_sys::window() else {
        return;
    };
    for (event, why) in [("online", Wake::Online), ("offline", Wake::Offline)] {
        let handler = Closure::<dyn FnMut()>::new(move || wake(why));
        let _ = window.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        // For the tab's life, as the listener.
        handler.forget();
    }
}

thread_local! {
    /// This tab runs the loop (it holds the lock and has a server).
    pub(super) static RUNNING: Cell<bool> = const { Cell::new(false) };
}

fn post(message: &Message) {
    if let Ok(text) = serde_json::to_string(message) {
        tell_tabs(&text);
    }
}

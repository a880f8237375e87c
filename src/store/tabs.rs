//! Tabs of the app in one browser, kept in step: each save is told to the others on a
//! `BroadcastChannel` once its transaction has completed (never before: another tab would
//! read what is not there yet), and work only one tab may do (moving the data over from
//! localStorage) runs under a Web Lock, which the browser releases if the tab dies.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const CHANNEL: &str = "klimatcoachning";

/// One save, as the tab that made it tells the others.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The count of saves before and after it: a tab that has not seen `from` missed a
    /// save and reads everything again.
    pub from: u64,
    pub to: u64,
    /// The keys of the rows it wrote or deleted.
    pub rows: Vec<String>,
    /// The undo steps it added and removed, by number.
    pub added: Vec<u64>,
    pub removed: Vec<u64>,
    /// It replaced everything (an import, a reset, the move over): read everything.
    #[serde(default)]
    pub all: bool,
}

/// This tab's end of the channel.
#[derive(Clone)]
pub struct Channel(web_sys::BroadcastChannel);

impl Channel {
    /// Joins the channel; `on_saved` hears every other tab's save. None where the browser
    /// has no BroadcastChannel (then tabs catch up when the next save is refused as behind).
    pub fn join(on_saved: impl Fn(Saved) + 'static) -> Option<Channel> {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
        let handler =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let Some(text) = ev.data().as_string() else {
                    return;
                };
                if let Ok(saved) = serde_json::from_str::<Saved>(&text) {
                    on_saved(saved);
                }
            });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        // The channel lives as long as the tab: so does its handler.
        handler.forget();
        Some(Channel(channel))
    }

    pub fn tell(&self, saved: &Saved) {
        if let Ok(text) = serde_json::to_string(saved) {
            let _ = self.0.post_message(&JsValue::from_str(&text));
        }
    }
}

/// Runs `work` while holding the Web Lock `name` (waiting for any tab that holds it);
/// runs it at once where the browser has no Web Locks.
pub async fn with_lock<F>(name: &str, work: F)
where
    F: Future<Output = ()> + 'static,
{
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("locks")).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &JsValue::from_str("request"))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        work.await;
        return;
    };
    let work = Rc::new(RefCell::new(Some(work)));
    let given = work.clone();
    let held = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |_lock: JsValue| {
        let work = given.borrow_mut().take();
        wasm_bindgen_futures::future_to_promise(async move {
            if let Some(work) = work {
                work.await;
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    let Ok(promise) = request.call2(&locks, &JsValue::from_str(name), held.as_ref()) else {
        let work = work.borrow_mut().take();
        if let Some(work) = work {
            work.await;
        }
        return;
    };
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
    drop(held);
}

//! Requests to the sync server on the browser's `fetch`: Basic authentication in a header
//! (never in the address, so never in a log or a history), no cookies, nothing cached,
//! and a time limit on each request after which it is aborted.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Request, RequestCache, RequestCredentials, RequestInit, Response};

use crate::domain::sync::server::{trouble, Trouble};

/// A database on a server, and how to sign in to it.
pub struct Client {
    database: String,
    authorization: Option<String>,
}

/// A request under way, which can be aborted (a long poll, when an edit wants a push).
pub struct Pending {
    controller: Option<AbortController>,
}

impl Pending {
    pub fn abort(&self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

impl Client {
    pub fn new(database: &str, user: &str, password: Option<&str>) -> Client {
        let authorization = (!user.is_empty()).then(|| {
            // btoa takes bytes as characters 0–255: the UTF-8 of a name such as "Åsa" fits.
            let pair: String = format!("{user}:{}", password.unwrap_or_default())
                .bytes()
                .map(char::from)
                .collect();
            let encoded = web_sys::window()
                .and_then(|w| w.btoa(&pair).ok())
                .unwrap_or_default();
            format!("Basic {encoded}")
        });
        Client {
            database: database.to_owned(),
            authorization,
        }
    }

    /// `GET` of `path` below the database (`""`: the database itself), within `limit_ms`.
    pub async fn get(&self, path: &str, limit_ms: i32) -> Result<String, Trouble> {
        self.send("GET", path, None, limit_ms, &Pending { controller: None })
            .await
    }

    /// `POST` of the JSON `body` to `path` below the database.
    pub async fn post(&self, path: &str, body: &str, limit_ms: i32) -> Result<String, Trouble> {
        self.send(
            "POST",
            path,
            Some(body),
            limit_ms,
            &Pending { controller: None },
        )
        .await
    }

    /// A `GET` that `pending` can abort: then, as at its time limit, `Ok(None)`.
    pub async fn get_abortable(
        &self,
        path: &str,
        limit_ms: i32,
        pending: &Pending,
    ) -> Result<Option<String>, Trouble> {
        match self.send("GET", path, None, limit_ms, pending).await {
            Ok(text) => Ok(Some(text)),
            Err(Trouble::TimedOut) => Ok(None),
            Err(other) => Err(other),
        }
    }

    pub fn pending() -> Pending {
        Pending {
            controller: AbortController::new().ok(),
        }
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        limit_ms: i32,
        pending: &Pending,
    ) -> Result<String, Trouble> {
        let window = web_sys::window().ok_or(Trouble::Unreachable)?;
        let own;
        let controller = match &pending.controller {
            Some(c) => c,
            None => {
                own = AbortController::new().map_err(|_| Trouble::Unreachable)?;
                &own
            }
        };
        let init = RequestInit::new();
        init.set_method(method);
        init.set_credentials(RequestCredentials::Omit);
        init.set_cache(RequestCache::NoStore);
        init.set_signal(Some(&controller.signal()));
        if let Some(body) = body {
            init.set_body(&JsValue::from_str(body));
        }
        let url = format!("{}{path}", self.database);
        let request =
            Request::new_with_str_and_init(&url, &init).map_err(|_| Trouble::Unreachable)?;
        let headers = request.headers();
        let _ = headers.set("Accept", "application/json");
        if body.is_some() {
            let _ = headers.set("Content-Type", "application/json");
        }
        if let Some(auth) = &self.authorization {
            let _ = headers.set("Authorization", auth);
        }
        let abort = wasm_bindgen::closure::Closure::once({
            let controller = controller.clone();
            move || controller.abort()
        });
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                limit_ms,
            )
            .ok();
        let answer = async {
            let response: Response = JsFuture::from(window.fetch_with_request(&request))
                .await?
                .dyn_into()?;
            let text = JsFuture::from(response.text()?).await?;
            Ok::<_, JsValue>((response.status(), text.as_string().unwrap_or_default()))
        }
        .await;
        if let Some(timer) = timer {
            window.clear_timeout_with_handle(timer);
        }
        drop(abort);
        let (status, text) = answer.map_err(|_| {
            // Aborted (the time limit, or the caller): no answer in time. Else the network,
            // or a server whose CORS does not admit this app: the browser does not say which.
            if controller.signal().aborted() {
                Trouble::TimedOut
            } else {
                Trouble::Unreachable
            }
        })?;
        match trouble(status, &text) {
            Some(t) => Err(t),
            None => Ok(text),
        }
    }
}

/// A document id as a path segment (`events/e1` → `events%2Fe1`).
pub fn segment(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}

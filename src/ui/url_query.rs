//! A list's search, filters and sort kept in the URL query, so a view survives a
//! reload and back/forward and can be shared. Typing replaces the history entry;
//! choosing a filter or a sort adds one.
//!
//! The page reads the query from a signal that an edit sets at once; the URL follows
//! (typing: once the typing pauses). A router navigation per keystroke cost more than
//! the 16 ms a keystroke may take at 290 municipalities (scripts/bench.mjs).

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::ui::paths::with_query;

/// How long typing must pause before the URL is rewritten.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// The query at `path`, read from the URL `keys`, and a way to change it.
pub struct UrlQuery<Q: Send + Sync + 'static> {
    pub query: Memo<Q>,
    now: RwSignal<Q>,
    go: Callback<(Q, bool)>,
}

// Every field is an arena handle, so the struct is Copy whatever `Q` is (derive would demand `Q: Copy`).
impl<Q: Send + Sync + 'static> Clone for UrlQuery<Q> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Q: Send + Sync + 'static> Copy for UrlQuery<Q> {}

pub fn use_url_query<Q: Clone + PartialEq + Send + Sync + 'static>(
    path: String,
    keys: &'static [&'static str],
    parse: fn(&[(&str, &str)]) -> Q,
    pairs: fn(&Q) -> Vec<(&'static str, String)>,
) -> UrlQuery<Q> {
    let params = use_query_map();
    let from_url = Memo::new(move |_| {
        let p = params.read();
        let values: Vec<(&str, String)> =
            keys.iter().filter_map(|k| Some((*k, p.get(k)?))).collect();
        let borrowed: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        parse(&borrowed)
    });
    let now = RwSignal::new(from_url.get_untracked());
    // What this page last wrote to the URL and has not yet seen come back: when it does,
    // `now` may already be ahead of it (more typing), so it is not copied back.
    let written = StoredValue::new(None::<Q>);
    Effect::new(move |_| {
        let q = from_url.get();
        let own = written.try_update_value(|w| w.take()).flatten().as_ref() == Some(&q);
        if !own && now.with_untracked(|n| *n != q) {
            now.set(q);
        }
    });

    let navigate = use_navigate();
    let location = use_location();
    let own_path = location.pathname.get_untracked();
    let write = move |q: Q, replace: bool| {
        // The address already leads elsewhere: a link was followed and its page is still
        // on its way (its code is a chunk of its own, `ui/routes.rs`), so this page has
        // not been cleaned up yet, but it is being left.
        if from_url.with_untracked(|u| *u == q)
            || location.pathname.with_untracked(|p| *p != own_path)
        {
            return;
        }
        written.set_value(Some(q.clone()));
        navigate(
            &with_query(&path, &pairs(&q)),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(h) = pending.try_update_value(|p| p.take()).flatten() {
            h.clear();
        }
    };
    // Leaving the page before the pause ends must not navigate back to it.
    on_cleanup(cancel);
    let go = Callback::new(move |(q, replace): (Q, bool)| {
        cancel();
        now.set(q.clone());
        if replace {
            let write = write.clone();
            let handle = set_timeout_with_handle(move || write(q, true), TYPING_PAUSE).ok();
            pending.set_value(handle);
        } else {
            write(q, false);
        }
    });
    UrlQuery {
        query: Memo::new(move |_| now.get()),
        now,
        go,
    }
}

impl<Q: Clone + Send + Sync + 'static> UrlQuery<Q> {
    /// Sets the whole query at once (a form sent); `replace` as for [`UrlQuery::on`].
    pub fn set(self, q: Q, replace: bool) {
        self.go.run((q, replace));
    }

    /// An input or change handler that applies `edit` with the control's value.
    /// `replace`: for typing, which should not add a history entry per key.
    pub fn on(
        self,
        edit: fn(&mut Q, String),
        replace: bool,
    ) -> impl Fn(leptos::ev::Event) + Clone + 'static {
        move |ev| {
            let mut q = self.now.get_untracked();
            edit(&mut q, event_target_value(&ev));
            self.go.run((q, replace));
        }
    }
}

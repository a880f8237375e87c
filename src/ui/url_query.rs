//! A list's search, filters and sort kept in the URL query, so a view survives a
//! reload and back/forward and can be shared. Typing replaces the history entry;
//! choosing a filter or a sort adds one.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::ui::paths::with_query;

/// The query at `path`, read from the URL `keys`, and a way to change it.
pub struct UrlQuery<Q: Send + Sync + 'static> {
    pub query: Memo<Q>,
    go: Callback<(Q, bool)>,
}

// Both fields are arena handles, so the pair is Copy whatever `Q` is (derive would demand `Q: Copy`).
impl<Q: Send + Sync + 'static> Clone for UrlQuery<Q> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Q: Send + Sync + 'static> Copy for UrlQuery<Q> {}

pub fn use_url_query<Q: Clone + PartialEq + Send + Sync + 'static>(
    path: &'static str,
    keys: &'static [&'static str],
    parse: fn(&[(&str, &str)]) -> Q,
    pairs: fn(&Q) -> Vec<(&'static str, String)>,
) -> UrlQuery<Q> {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let p = params.read();
        let values: Vec<(&str, String)> =
            keys.iter().filter_map(|k| Some((*k, p.get(k)?))).collect();
        let borrowed: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        parse(&borrowed)
    });
    let navigate = use_navigate();
    let go = Callback::new(move |(q, replace): (Q, bool)| {
        navigate(
            &with_query(path, &pairs(&q)),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    });
    UrlQuery { query, go }
}

impl<Q: Clone + Send + Sync + 'static> UrlQuery<Q> {
    /// An input or change handler that applies `edit` with the control's value.
    /// `replace`: for typing, which should not add a history entry per key.
    pub fn on(
        self,
        edit: fn(&mut Q, String),
        replace: bool,
    ) -> impl Fn(leptos::ev::Event) + Clone + 'static {
        move |ev| {
            let mut q = self.query.get_untracked();
            edit(&mut q, event_target_value(&ev));
            self.go.run((q, replace));
        }
    }
}

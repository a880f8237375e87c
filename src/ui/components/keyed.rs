//! The one idiom for lists: a `<For>` keyed by record id, each row reading its record
//! through a memo of its own ([`row_memo`]). A change to one record redraws that row's
//! text and nothing else; a row is never made again for a change, and no key is built
//! from a record's contents. Labels are read inside closures, so rows follow the language.
//! A page about one record reads it the same way ([`record_memo`]).

use leptos::prelude::*;

/// The record of `list` with the id of `first`, as a memo that changes only when that
/// record does. Once the record has left the list the memo keeps its last value, for the
/// moment until the `<For>` drops the row.
pub fn row_memo<T>(list: Memo<Vec<T>>, first: T, id: fn(&T) -> &str) -> Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let wanted = id(&first).to_owned();
    record_memo(first, move || {
        list.with(|l| l.iter().find(|r| id(r) == wanted).cloned())
    })
}

/// What `find` finds, as a memo that changes only when it does; once `find` finds nothing
/// (the record was removed) it keeps the last value, until whatever drew it is dropped.
pub fn record_memo<T>(first: T, find: impl Fn() -> Option<T> + Send + Sync + 'static) -> Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |last: Option<&T>| {
        find()
            .or_else(|| last.cloned())
            .unwrap_or_else(|| first.clone())
    })
}

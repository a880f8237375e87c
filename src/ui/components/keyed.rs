//! The one idiom for lists: a `<For>` keyed by record id, each row reading its record
//! through a memo of its own ([`row_memo`]). A change to one record redraws that row's
//! text and nothing else; a row is never made again for a change, and no key is built
//! from a record's contents. Labels are read inside closures, so rows follow the language.
//! A page about one record reads it the same way ([`record_memo`]). Rows shown or hidden
//! by a search each read a switch of their own ([`Switches`]).

use std::collections::{HashMap, HashSet};

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

/// A switch per key (is this row shown?), set all at once from a set of keys. Each row
/// reads its own switch, so a new set re-runs only the rows whose state it changes. Rows
/// that all read one shared set would each re-run on every change, and each re-run leaves
/// and rejoins that set's subscriber list, which keeps its order by shifting: at 290 rows
/// that was most of a search keystroke's script (the profile in the #34 note).
#[derive(Clone, Copy)]
pub struct Switches {
    by_key: StoredValue<HashMap<String, ArcRwSignal<bool>>>,
    on: StoredValue<HashSet<String>>,
}

impl Switches {
    pub fn new(on: HashSet<String>) -> Self {
        Self {
            by_key: StoredValue::new(HashMap::new()),
            on: StoredValue::new(on),
        }
    }

    /// The switch of `key`, on if `key` was in the set last applied.
    pub fn of(&self, key: &str) -> Signal<bool> {
        let on = self.on.with_value(|on| on.contains(key));
        let switch = self
            .by_key
            .try_update_value(|by_key| {
                by_key
                    .entry(key.to_owned())
                    .or_insert_with(|| ArcRwSignal::new(on))
                    .clone()
            })
            .unwrap_or_else(|| ArcRwSignal::new(on));
        Signal::from(switch)
    }

    /// The keys switched on now.
    pub fn with_on<R>(&self, f: impl FnOnce(&HashSet<String>) -> R) -> R {
        self.on.with_value(f)
    }

    /// Switches on the keys in `on` and off all others, notifying only the switches that
    /// change.
    pub fn apply(&self, on: HashSet<String>) {
        self.by_key.with_value(|by_key| {
            for (key, switch) in by_key {
                let now = on.contains(key);
                if switch.get_untracked() != now {
                    switch.set(now);
                }
            }
        });
        self.on.set_value(on);
    }
}

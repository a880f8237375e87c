//! Edits of one field made at the same time on two browsers, as sync met them: both
//! values, who wrote them and when, and a click to keep the other (an edit made now, which
//! travels) or to leave the one the join kept. On /data all of them; on a record's page
//! those about its records. Nothing shows where there are none (or no server is set).

use leptos::prelude::*;

use crate::domain::sync::open::{holds, keep_other, Open};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::change_labels as labels;
use crate::ui::format;

/// `records`: the `collection/id` of the records to show them for; None: all.
#[component]
pub fn OpenEdits(#[prop(optional)] records: Option<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let open = crate::sync::open();
    // Those still standing: an edit since (this one's "keep the other", or anyone's)
    // settles one at once, before the loop forgets it.
    let shown = Memo::new(move |_| {
        let list = open.get();
        data.with(|d| {
            list.into_iter()
                .filter(|o| holds(d, o))
                .filter(|o| {
                    records
                        .as_ref()
                        .is_none_or(|r| r.contains(&format!("{}/{}", o.collection, o.id)))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || shown.with(|s| !s.is_empty())>
            <section class="open-edits" aria-labelledby="open-edits-heading" data-testid="open-edits">
                <h2 id="open-edits-heading">{t!(i18n, sync.open_heading)}</h2>
                <p>{t!(i18n, sync.open_intro)}</p>
                <ul class="plain">
                    <For each=move || shown.get() key=|o| (o.key.clone(), o.other_at) let:o>
                        <OpenEdit open=o/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn OpenEdit(open: Open) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let heading_id = format!("open-{}", open.key.replace(['/', '.'], "-"));
    let o = open.clone();
    let keep = move |_| {
        let record = store.data().with_untracked(|d| keep_other(d, &o));
        if let Some(record) = record {
            crate::store::soon(store.put(record));
        }
    };
    let key = open.key.clone();
    let o = StoredValue::new(open);
    let value = move |json: fn(&Open) -> &String| o.with_value(|o| labels::value(i18n, json(o)));
    view! {
        <li class="open-edit">
            <p id=heading_id.clone()><strong>{move || o.with_value(|o| format!(
                "{}: {}",
                labels::record_named(i18n, &o.collection, &o.label),
                labels::field(i18n, &o.collection, &o.field)
            ))}</strong></p>
            <p>{move || o.with_value(|o| t_string!(i18n, sync.open_kept,
                value = labels::value(i18n, &o.kept), by = o.kept_by.clone(), at = format::date_time(i18n, o.kept_at)))}</p>
            <p>{move || o.with_value(|o| t_string!(i18n, sync.open_other,
                value = labels::value(i18n, &o.other), by = o.other_by.clone(), at = format::date_time(i18n, o.other_at)))}</p>
            <p class="edit-actions">
                <button type="button" aria-describedby=heading_id.clone() on:click=keep>
                    {move || t_string!(i18n, sync.keep_other, value = value(|o| &o.other))}
                </button>
                <button type="button" class="secondary" aria-describedby=heading_id
                    on:click=move |_| crate::sync::dismiss(key.clone())>
                    {move || t_string!(i18n, sync.keep_this, value = value(|o| &o.kept))}
                </button>
            </p>
        </li>
    }
}

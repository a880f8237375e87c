//! The dataset's sources on `/om` and the overview: each with the id facts cite, its
//! anchor (`source_ref::anchor`) and, kept current, its title, publisher and date.

use leptos::prelude::*;

use crate::domain::model::Source;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::keyed::row_memo;
use crate::ui::components::source_ref::anchor;
use crate::ui::format;

/// Every source of the dataset, each with the id that facts cite.
#[component]
pub fn SourceList() -> impl IntoView {
    let data = use_store().data();
    let sources = Memo::new(move |_| data.read().sources.clone());
    view! {
        <dl class="sources">
            <For each=move || sources.get() key=|s: &Source| s.id.clone() let(s)>
                <SourceEntry row=row_memo(sources, s, |s| &s.id)/>
            </For>
        </dl>
    }
}

#[component]
fn SourceEntry(row: Memo<Source>) -> impl IntoView {
    let i18n = use_i18n();
    let id = row.read_untracked().id.clone();
    view! {
        <dt id=anchor(&id)>{id.clone()}</dt>
        <dd>
            <cite>{move || row.read().title.clone()}</cite>
            ", " {move || row.read().publisher.clone()}
            {move || row.read().date.map(|d| view! { ", " {move || format::date(i18n, d)} })}
            ". " <span class="location">{move || row.read().location.clone()}</span>
            {move || { let s = row.read(); (!s.note.is_empty()).then(|| format!(" {}", s.note)) }}
        </dd>
    }
}

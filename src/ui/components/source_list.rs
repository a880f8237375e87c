use leptos::prelude::*;

use crate::domain::model::Source;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::source_ref::anchor;
use crate::ui::format;

/// Every source of the dataset, each with the id that facts cite.
#[component]
pub fn SourceList() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    view! {
        <dl class="sources">
            <For
                each=move || data.read().sources.clone()
                key=|s: &Source| s.id.clone()
                children=move |s: Source| {
                    let date = s.date.map(|d| format::date(i18n, d));
                    view! {
                        <dt id=anchor(&s.id)>{s.id.clone()}</dt>
                        <dd>
                            <cite>{s.title.clone()}</cite>
                            ", " {s.publisher.clone()}
                            {date.map(|d| view! { ", " {d} })}
                            ". " <span class="location">{s.location.clone()}</span>
                            {(!s.note.is_empty()).then(|| view! { " " {s.note.clone()} })}
                        </dd>
                    }
                }
            />
        </dl>
    }
}

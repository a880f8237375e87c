//! A fact's source: a link to its entry in the source list, and a citation (the source's
//! words, with how old they are).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::model::ENTERED;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::format;
use crate::ui::paths::href;

/// A fact's source as a short link ("S1") to its entry on the about page; nothing for what
/// a person entered (a round's terms), which no document backs.
#[component]
pub fn SourceRef(#[prop(into)] id: String) -> impl IntoView {
    let i18n = use_i18n();
    if id == ENTERED {
        return ().into_any();
    }
    let label = {
        let id = id.clone();
        move || t_string!(i18n, sources.ref_label, id = id.clone())
    };
    view! {
        <A href=href(&format!("/om#{}", anchor(&id))) attr:class="source-ref" attr:aria-label=label>
            {id.clone()}
        </A>
    }
    .into_any()
}

/// A source's own words, quoted, with the source and its date (a page's date says how
/// old the claim is): `"…" S6 (källan daterad 25 juni 2013)`.
#[component]
pub fn Citation(#[prop(into)] id: String, words: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    let dated = {
        let id = id.clone();
        Memo::new(move |_| {
            data.read()
                .sources
                .iter()
                .find(|s| s.id == id)
                .and_then(|s| s.date)
        })
    };
    let when = move || match dated.get() {
        Some(date) => t_string!(i18n, kommun.source_dated, date = format::date(i18n, date)),
        None => t_string!(i18n, kommun.source_undated).to_owned(),
    };
    view! {
        <span class="citation">
            {words.map(|w| view! { <q lang="sv">{w}</q> " " })}
            <SourceRef id=id.clone()/>
            " (" {when} ")"
        </span>
    }
}

/// The element id of a source's entry in the source list.
pub fn anchor(source_id: &str) -> String {
    format!("kalla-{}", source_id.to_lowercase())
}

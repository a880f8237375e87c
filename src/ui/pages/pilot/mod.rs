//! `/pilotlan`: the pilot-län participants as an interactive list (no map):
//! search, kind filter and sort in the URL; rows that expand to show focus,
//! sessions and status, which can be recorded there.

pub mod pilot_row;

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::model::{OrganisationKind, ProgrammeKind};
use crate::domain::pilot::{kind_word, rows, select, sort_word, PilotQuery, PilotSort};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::keyed::row_memo;
use crate::ui::components::labels::kind_label;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::source_ref::SourceRef;
use crate::ui::pages::pilot::pilot_row::PilotRowView;
use crate::ui::url_query::use_url_query;

#[component]
pub fn Pilot() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let url = use_url_query(
        "/pilotlan".to_owned(),
        &["q", "typ", "sortera"],
        |p| PilotQuery::from_pairs(p.iter().copied()),
        PilotQuery::to_pairs,
    );
    let query = url.query;
    let all = Memo::new(move |_| rows(&data.read()));
    let shown = Memo::new(move |_| select(&all.read(), &query.read()));
    // Open rows stay open while the list is filtered, sorted or edited.
    let expanded = RwSignal::new(BTreeSet::<String>::new());

    let programme_purpose = move || {
        data.read()
            .programme(ProgrammeKind::PilotLan)
            .and_then(|p| p.purpose.clone())
    };

    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, pilot.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, pilot.description).to_owned())
        />
        <h1>{t!(i18n, pilot.heading)}</h1>
        {move || programme_purpose().map(|f| view! { <p>{f.value.clone()} " " <SourceRef id=f.source.clone()/></p> })}
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="pilot-q">{t!(i18n, pilot.search_label)}</label>
                <input id="pilot-q" type="search" autocomplete="off" aria-describedby="pilot-q-hint"
                    prop:value=move || query.read().q.clone()
                    on:input=url.on(|q, v| q.q = v, true)/>
                <p class="hint" id="pilot-q-hint">{t!(i18n, pilot.search_hint)}</p>
            </div>
            <div class="field">
                <label for="pilot-kind">{t!(i18n, pilot.kind_label)}</label>
                <select id="pilot-kind"
                    on:change=url.on(|q, v| q.kind = PilotQuery::from_pairs([("typ", v.as_str())]).kind, false)
                    prop:value=move || query.read().kind.map(kind_word).unwrap_or_default()>
                    <option value="">{t!(i18n, pilot.any_kind)}</option>
                    {[OrganisationKind::Kommun, OrganisationKind::Lansstyrelse].into_iter().map(|k| view! {
                        <option value=kind_word(k)>{move || kind_label(i18n, k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="pilot-sort">{t!(i18n, pilot.sort_label)}</label>
                <select id="pilot-sort"
                    on:change=url.on(|q, v| q.sort = PilotQuery::from_pairs([("sortera", v.as_str())]).sort, false)
                    prop:value=move || sort_word(query.read().sort)>
                    <option value=sort_word(PilotSort::Name)>{t!(i18n, pilot.sort_name)}</option>
                    <option value=sort_word(PilotSort::Status)>{t!(i18n, pilot.sort_status)}</option>
                    <option value=sort_word(PilotSort::Sessions)>{t!(i18n, pilot.sort_sessions)}</option>
                </select>
            </div>
        </form>
        <p role="status" data-testid="showing">
            {move || t_string!(i18n, list.showing, shown = shown.read().len(), total = all.read().len())}
        </p>
        <ul class="pilot-list">
            <For each=move || shown.get() key=|r| r.participation.meta.id.clone() let(r)>
                <PilotRowView row=row_memo(all, r, |r| &r.participation.meta.id) expanded=expanded/>
            </For>
        </ul>
        <Show when=move || shown.read().is_empty()>
            <p>{t!(i18n, list.none)}</p>
        </Show>
    }
}

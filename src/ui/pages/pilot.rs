//! `/pilotlan`: the pilot-län participants as an interactive list (no map):
//! search, kind filter and sort in the URL; rows that expand to show focus,
//! sessions and status, which can be recorded there.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::domain::model::{OrganisationKind, ProgrammeKind};
use crate::domain::pilot::{kind_word, rows, select, sort_word, PilotQuery, PilotSort};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::labels::kind_label;
use crate::ui::components::pilot_row::PilotRowView;
use crate::ui::components::source_ref::SourceRef;
use crate::ui::paths::with_query;

#[component]
pub fn Pilot() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let p = params.read();
        let values: Vec<(&str, String)> = ["q", "typ", "sortera"]
            .iter()
            .filter_map(|k| Some((*k, p.get(k)?)))
            .collect();
        PilotQuery::from_pairs(values.iter().map(|(k, v)| (*k, v.as_str())))
    });
    let all = Memo::new(move |_| rows(&data.read()));
    let shown = Memo::new(move |_| select(&all.read(), &query.read()));
    // Open rows stay open while the list is filtered, sorted or edited.
    let expanded = RwSignal::new(BTreeSet::<String>::new());

    let navigate = use_navigate();
    let go = move |q: PilotQuery, replace: bool| {
        navigate(
            &with_query("/pilotlan", &q.to_pairs()),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let set = move |edit: fn(&mut PilotQuery, String), replace: bool| {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let mut q = query.get_untracked();
            edit(&mut q, event_target_value(&ev));
            go(q, replace);
        }
    };
    let programme_purpose = move || {
        data.read()
            .programme(ProgrammeKind::PilotLan)
            .and_then(|p| p.purpose.clone())
    };

    view! {
        <Title text=move || t_string!(i18n, pilot.title)/>
        <h1>{t!(i18n, pilot.heading)}</h1>
        {move || programme_purpose().map(|f| view! { <p>{f.value.clone()} " " <SourceRef id=f.source.clone()/></p> })}
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="pilot-q">{t!(i18n, pilot.search_label)}</label>
                <input id="pilot-q" type="search" autocomplete="off" aria-describedby="pilot-q-hint"
                    prop:value=move || query.read().q.clone()
                    on:input=set(|q, v| q.q = v, true)/>
                <p class="hint" id="pilot-q-hint">{t!(i18n, pilot.search_hint)}</p>
            </div>
            <div class="field">
                <label for="pilot-kind">{t!(i18n, pilot.kind_label)}</label>
                <select id="pilot-kind"
                    on:change=set(|q, v| q.kind = PilotQuery::from_pairs([("typ", v.as_str())]).kind, false)
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
                    on:change=set(|q, v| q.sort = PilotQuery::from_pairs([("sortera", v.as_str())]).sort, false)
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
            <For each=move || shown.get() key=|r| r.participation.meta.id.clone() let:r>
                <PilotRowView participation_id=r.participation.meta.id.clone() rows=all expanded=expanded/>
            </For>
        </ul>
        <Show when=move || shown.read().is_empty()>
            <p>{t!(i18n, list.none)}</p>
        </Show>
    }
}

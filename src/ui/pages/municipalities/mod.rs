//! `/kommuner`: every participant of both built-in programmes; `/program/<slug>/kommuner`:
//! those taking part in a round. Search, filters and sort live in the URL query, so a view
//! survives reload and back/forward and can be shared.

pub mod add_participant;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::commitment::CommitmentStatus;
use std::collections::HashSet;

use crate::domain::listing::{
    keeps, programme_word, round_rows, rows, select, sort_word, sorted, status_word, ListQuery,
    Row, SortKey,
};
use crate::domain::model::ProgrammeKind;
use crate::domain::municipalities::counties;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::keyed::{row_memo, Switches};
use crate::ui::components::labels::{programme_label, row_programme, status_label, status_short};
use crate::ui::components::list_download::ListDownload;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::participant_table::participant_table;
use crate::ui::components::round_scope::{elsewhere, scoped_title, use_scope, RoundNav, Scope};
use crate::ui::format;
use crate::ui::pages::municipalities::add_participant::AddParticipant;
use crate::ui::paths::href;
use crate::ui::today::today;
use crate::ui::url_query::use_url_query;

#[component]
pub fn Municipalities() -> impl IntoView {
    let scope = use_scope();
    move || {
        let scope = scope.get();
        elsewhere(&scope, "kommuner")
            .unwrap_or_else(|| view! { <MunicipalitiesOf scope=scope/> }.into_any())
    }
}

#[component]
fn MunicipalitiesOf(scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let url = use_url_query(
        scope.path("kommuner"),
        &["q", "lan", "program", "status", "sortera"],
        |p| ListQuery::from_pairs(p.iter().copied()),
        ListQuery::to_pairs,
    );
    let query = url.query;
    let (round, stem) = (scope.name(), scope.file_stem("kommuner"));
    let all = {
        let scope = scope.clone();
        Memo::new(move |_| match &scope {
            Scope::Round { id, .. } => round_rows(&data.read(), id, today()),
            _ => rows(&data.read(), today()),
        })
    };
    // Every row stays in the table in the chosen order and a search only hides rows: a
    // keystroke sets `hidden` where it changes instead of building rows again when a search
    // is erased (at 291 rows, keystroke → painted p95 70 → 45 ms; scripts/bench.mjs).
    let sort = Memo::new(move |_| query.read().sort);
    let ordered = Memo::new(move |_| sorted(&all.read(), sort.get()));
    let shown = Memo::new(move |_| {
        let q = query.read();
        all.read()
            .iter()
            .filter(|r| keeps(r, &q))
            .map(|r| r.participation_id.clone())
            .collect::<HashSet<String>>()
    });

    // What the rows show: the rows a keystroke's result shows on screen (and those above
    // them) in the keystroke's own frame, the rest of the change (rows below, out of sight)
    // in the frame after, so a keystroke that brings 290 rows back lays out a screenful
    // before it paints.
    let body = NodeRef::<leptos::html::Tbody>::new();
    let laid_out = Switches::new(shown.get_untracked());
    Effect::new(move |_| {
        let target = shown.get();
        let at_once = body
            .get_untracked()
            .map_or(usize::MAX, |b| rows_in_sight(&b));
        let first = laid_out.with_on(|now| first_screen(&ordered.read(), &target, now, at_once));
        let rest = first != target;
        laid_out.apply(first);
        if rest {
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        if shown.with_untracked(|s| *s == target) {
                            laid_out.apply(target);
                        }
                    },
                    std::time::Duration::ZERO,
                );
            });
        }
    });

    let filters_open = RwSignal::new(false);
    let active = Memo::new(move |_| {
        let q = query.read();
        usize::from(q.lan.is_some())
            + usize::from(q.programme.is_some())
            + usize::from(q.status.is_some())
    });
    let title = move || scoped_title(i18n, round, t_string!(i18n, list.title));
    let description = move || match round {
        Some(name) => t_string!(i18n, round.list_description, name = name.get()).to_string(),
        None => t_string!(i18n, list.description).to_owned(),
    };
    let heading = move || match round {
        Some(name) => t_string!(i18n, round.list_heading, name = name.get()).to_string(),
        None => t_string!(i18n, list.heading).to_owned(),
    };
    view! {
        <PageHead title=Signal::derive(title) description=Signal::derive(description)/>
        <RoundNav scope=scope.clone() current="kommuner"/>
        <h1 id="list-heading">{heading}</h1>
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="list-q">{t!(i18n, list.search_label)}</label>
                <input id="list-q" type="search" autocomplete="off"
                    aria-describedby="list-q-hint"
                    prop:value=move || query.read().q.clone()
                    on:input=url.on(|q, v| q.q = v, true)/>
                <p class="hint" id="list-q-hint">{t!(i18n, list.search_hint)}</p>
            </div>
            // On a phone the filters wait behind one button that says how many are set.
            <button type="button" class="filter-toggle" aria-controls="list-filters"
                aria-expanded=move || filters_open.get().to_string()
                on:click=move |_| filters_open.update(|o| *o = !*o)>
                {move || match active.get() {
                    0 => t_string!(i18n, list.filter_toggle).to_owned(),
                    n => t_string!(i18n, list.filter_toggle_active, count = n).to_string(),
                }}
            </button>
            <div id="list-filters" class="filter-panel" class:open=move || filters_open.get()>
                <div class="field">
                    <label for="list-lan">{t!(i18n, list.lan_label)}</label>
                    <select id="list-lan" on:change=url.on(|q, v| q.lan = (!v.is_empty()).then_some(v), false)
                        prop:value=move || query.read().lan.clone().unwrap_or_default()>
                        <option value="">{t!(i18n, list.any_lan)}</option>
                        {counties().iter().map(|c| view! {
                            <option value=c.lanskod.clone()>{c.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                // A round has one programme: itself.
                {round.is_none().then(|| view! {
                    <div class="field">
                        <label for="list-programme">{t!(i18n, list.programme_label)}</label>
                        <select id="list-programme"
                            on:change=url.on(|q, v| q.programme = ListQuery::from_pairs([("program", v.as_str())]).programme, false)
                            prop:value=move || query.read().programme.map(programme_word).unwrap_or_default()>
                            <option value="">{t!(i18n, list.any_programme)}</option>
                            {[ProgrammeKind::Coaching, ProgrammeKind::PilotLan].into_iter().map(|p| view! {
                                <option value=programme_word(p)>{move || programme_label(i18n, p)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="list-status">{t!(i18n, list.status_label)}</label>
                    <select id="list-status"
                        on:change=url.on(|q, v| q.status = ListQuery::from_pairs([("status", v.as_str())]).status, false)
                        prop:value=move || query.read().status.map(status_word).unwrap_or_default()>
                        <option value="">{t!(i18n, list.any_status)}</option>
                        {CommitmentStatus::ALL.into_iter().map(|s| view! {
                            <option value=status_word(s)>{move || status_label(i18n, s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="list-sort">{t!(i18n, list.sort_label)}</label>
                    <select id="list-sort"
                        on:change=url.on(|q, v| q.sort = ListQuery::from_pairs([("sortera", v.as_str())]).sort, false)
                        prop:value=move || sort_word(query.read().sort)>
                        <option value=sort_word(SortKey::Name)>{t!(i18n, list.sort_name)}</option>
                        <option value=sort_word(SortKey::Population)>{t!(i18n, list.sort_population)}</option>
                        <option value=sort_word(SortKey::DueDate)>{t!(i18n, list.sort_due)}</option>
                    </select>
                </div>
            </div>
        </form>
        <p role="status" data-testid="showing">
            {move || t_string!(i18n, list.showing, shown = shown.read().len(), total = all.read().len())}
        </p>
        // A labelled region the keyboard can scroll, where the table is wider than the screen.
        <div class="table-wrap" role="region" aria-labelledby="list-heading" tabindex="0">
            <table class="participants-table">
                <caption class="visually-hidden">{heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, list.col_name)}</th>
                        <th scope="col">{t!(i18n, list.col_lan)}</th>
                        <th scope="col">{t!(i18n, list.col_kommunkod)}</th>
                        <th scope="col">{t!(i18n, list.col_programme)}</th>
                        <th scope="col">{t!(i18n, list.col_population)}</th>
                        <th scope="col">{t!(i18n, list.col_mentor)}</th>
                        <th scope="col">{t!(i18n, list.col_status)}</th>
                        <th scope="col">{t!(i18n, list.col_due)}</th>
                    </tr>
                </thead>
                <tbody node_ref=body>
                    <For each=move || ordered.get() key=|r| r.participation_id.clone() let(r)>
                        <ListRow shown=laid_out.of(&r.participation_id) row=row_memo(all, r, |r| &r.participation_id)/>
                    </For>
                </tbody>
            </table>
            // What each badge stands for, read as its description.
            {CommitmentStatus::ALL.into_iter().map(|s| view! {
                <span hidden id=format!("status-why-{}", status_word(s))>{move || status_label(i18n, s)}</span>
            }).collect_view()}
        </div>
        <Show when=move || shown.read().is_empty()>
            <p>{t!(i18n, list.none)}</p>
        </Show>
        // After the list, so that on a phone the first municipality is on the first screen.
        <ListDownload stem=stem id="list-download"
            table=Callback::new(move |()| participant_table(i18n, &select(&all.get_untracked(), &query.get_untracked())))
            csv_label=Signal::derive(move || t_string!(i18n, list.csv_button))
            xlsx_label=Signal::derive(move || t_string!(i18n, list.xlsx_button))/>
        // A round's participants come through its applications, on its overview.
        {round.is_none().then(|| view! { <AddParticipant/> })}
    }
}

/// One participant's row: each cell reads the row's memo, each label the language.
#[component]
fn ListRow(row: Memo<Row>, shown: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let dash = || "–".to_owned();
    view! {
        <tr hidden=move || !shown.get()>
            <th scope="row">
                <A href=move || href(&format!("/kommun/{}", row.read().slug))>{move || row.read().name.clone()}</A>
            </th>
            <td data-label=move || t_string!(i18n, list.col_lan)>{move || row.read().lan.clone()}</td>
            <td data-label=move || t_string!(i18n, list.col_kommunkod)>{move || row.read().kommunkod.clone().unwrap_or_else(dash)}</td>
            <td data-label=move || t_string!(i18n, list.col_programme)>{move || row_programme(i18n, &row.read())}</td>
            <td data-label=move || t_string!(i18n, list.col_population)>{move || row.read().population.clone().map(|p| {
                let count = p.count;
                // One element for the value, so that on a phone, where the cell is a flex
                // row after its label, the date can wrap under the number.
                view! {
                    <span>
                        {move || format::number(i18n, count.into())}
                        " "<span class="date">"(" {p.date.to_string()} ")"</span>
                    </span>
                }
            })}</td>
            <td data-label=move || t_string!(i18n, list.col_mentor)>{move || row.read().mentor.clone().unwrap_or_else(dash)}</td>
            <td data-label=move || t_string!(i18n, list.col_status)>{move || row.read().status.map(|s| view! {
                <span class=format!("badge status-{}", status_word(s))
                    aria-describedby=format!("status-why-{}", status_word(s))>
                    {move || status_short(i18n, s)}
                </span>
            })}</td>
            <td data-label=move || t_string!(i18n, list.col_due)>{move || row.read().due.map_or_else(dash, |d| d.to_string())}</td>
        </tr>
    }
}

/// How many rows of the table's body fit between its top and the bottom of the window: as
/// many as are in sight (or above it), counting each row as short as a row can be.
fn rows_in_sight(body: &web_sys::HtmlElement) -> usize {
    /// No row, on a wide screen or a phone, is less than 2 rem high.
    const SHORTEST_ROW_PX: f64 = 32.0;
    let bottom = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(1000.0);
    let top = body.get_bounding_client_rect().top();
    ((bottom - top).max(0.0) / SHORTEST_ROW_PX).ceil() as usize + 1
}

/// Rows the first screenful of a result needs changed now: in display order, each row's state
/// in `target` until `at_once` rows of it are shown, after that its state in `now`.
fn first_screen(
    order: &[Row],
    target: &HashSet<String>,
    now: &HashSet<String>,
    at_once: usize,
) -> HashSet<String> {
    let mut shown = 0;
    order
        .iter()
        .map(|r| &r.participation_id)
        .filter(|id| {
            if shown < at_once {
                let keep = target.contains(*id);
                shown += usize::from(keep);
                keep
            } else {
                now.contains(*id)
            }
        })
        .cloned()
        .collect()
}

//! `/program`: every programme in the data, the built-in ones first, with its period, its
//! participants and where it stands today (planned, running or ended, from its dates);
//! "Ny omgång" makes a new coaching round (`new_round.rs`).

pub mod new_round;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::programme::phase::Phase;
use crate::domain::programme::round::{rounds, RoundRow};
use crate::domain::seed::{COACHING_ID, PILOT_ID};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::edit_in_place::{EditInPlace, Editing};
use crate::ui::components::keyed::row_memo;
use crate::ui::components::page_head::PageHead;
use crate::ui::format;
use crate::ui::pages::programmes::new_round::NewRound;
use crate::ui::paths::href;
use crate::ui::today::today;

#[component]
pub fn Programmes() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let today = today();
    let all = Memo::new(move |_| rounds(&data.read(), today));
    let adding = Editing::new("round-add");
    // The round just made, named in a status line so a screen reader hears it.
    let created = RwSignal::new(None::<String>);
    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, program.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, program.description).to_owned())
        />
        <h1>{t!(i18n, program.heading)}</h1>
        <p>{t!(i18n, program.intro)}</p>
        <ul class="round-list">
            <For each=move || all.get() key=|r| r.id.clone() let(r)>
                <RoundItem row=row_memo(all, r, |r| &r.id)/>
            </For>
        </ul>
        <p role="status" data-testid="round-created">
            {move || created.get().map(|name| t_string!(i18n, program.created, name = name))}
        </p>
        <div class="add-round">
            <EditInPlace editing=adding
                text=Signal::derive(move || t_string!(i18n, program.new_round).to_owned())
                label=Signal::derive(move || t_string!(i18n, program.new_round).to_owned())>
                <NewRound editing=adding created=created/>
            </EditInPlace>
        </div>
    }
}

/// The page a programme's name links to, where it has one.
fn page_of(id: &str) -> Option<&'static str> {
    match id {
        COACHING_ID => Some("/"),
        PILOT_ID => Some("/pilotlan"),
        _ => None,
    }
}

#[component]
fn RoundItem(row: Memo<RoundRow>) -> impl IntoView {
    let i18n = use_i18n();
    let name = move || row.read().name.clone();
    let id = row.read_untracked().id.clone();
    let period = move || match row.read().period {
        Some(p) => t_string!(
            i18n,
            program.period,
            start = format::date(i18n, p.start),
            end = format::date(i18n, p.end)
        ),
        None => t_string!(i18n, program.no_period).to_owned(),
    };
    // Without a period there is no phase to tell; the period's absence says so.
    let phase = move || {
        let word = match row.read().phase {
            Phase::Planned => t_string!(i18n, program.phase_planned),
            Phase::Running => t_string!(i18n, program.phase_running),
            Phase::Ended => t_string!(i18n, program.phase_ended),
            Phase::Unknown => return None,
        };
        Some(view! { <span class="badge">{word}</span> " " })
    };
    let participants =
        move || t_string!(i18n, program.participants, count = row.read().participants);
    // The terms the sources or the organiser give, those known.
    let terms = move || {
        let r = row.read();
        let parts: Vec<String> = [
            r.max_population.map(|n| {
                t_string!(
                    i18n,
                    program.term_population,
                    count = format::number(i18n, n.into())
                )
            }),
            r.grant_kr.map(|n| {
                t_string!(
                    i18n,
                    program.term_grant,
                    amount = format::kronor(i18n, n.into())
                )
            }),
            r.commitment_years
                .map(|n| t_string!(i18n, program.term_years, count = n)),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| view! { <p>{parts.join(" · ")}</p> })
    };
    view! {
        <li class="round" data-testid="round" data-round=move || row.read().slug.clone()>
            <h2>{match page_of(&id) {
                Some(page) => view! { <A href=href(page)>{name}</A> }.into_any(),
                None => name.into_any(),
            }}</h2>
            <p class="muted">
                {phase} {period}
            </p>
            {terms}
            <p>{participants}</p>
        </li>
    }
}

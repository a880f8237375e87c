//! `/program`: every programme in the data, the built-in ones first, with its period, its
//! participants and where it stands today (planned, running or ended, from its dates), each
//! linking to its page; "Ny omgång" makes a new coaching round (`new_round.rs`).

pub mod new_round;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::programme::round::{rounds, RoundRow};
use crate::domain::seed::{COACHING_ID, PILOT_ID};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::edit_in_place::{EditInPlace, Editing};
use crate::ui::components::keyed::row_memo;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::round_summary::RoundSummary;
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

/// The page a programme's name links to: the built-in ones have theirs, a round made here
/// its own (`/program/<slug>`).
fn page_of(r: &RoundRow) -> String {
    match r.id.as_str() {
        COACHING_ID => "/".to_owned(),
        PILOT_ID => "/pilotlan".to_owned(),
        _ => format!("/program/{}", r.slug),
    }
}

#[component]
fn RoundItem(row: Memo<RoundRow>) -> impl IntoView {
    let i18n = use_i18n();
    let name = move || row.read().name.clone();
    let participants =
        move || t_string!(i18n, program.participants, count = row.read().participants);
    view! {
        <li class="round" data-testid="round" data-round=move || row.read().slug.clone()>
            <h2><A href=move || href(&page_of(&row.read()))>{name}</A></h2>
            <RoundSummary row=row/>
            <p>{participants}</p>
        </li>
    }
}

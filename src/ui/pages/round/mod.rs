//! `/program/:slug`: one round made in the app — its phase, period and terms, its funnel
//! (applied → selected → taking part, as the built-in round's 34 → 23 → 22), and its
//! applicants: registered from the 290 municipalities (`register.rs`; one over the round's
//! population limit is refused with the reason), each selected, not selected or withdrawn
//! (`applicant_row.rs`).

pub mod applicant_row;
pub mod register;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::programme::applicants::{applicants, round_funnel};
use crate::domain::programme::round::{rounds, RoundRow};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::keyed::{record_memo, row_memo};
use crate::ui::components::page_head::PageHead;
use crate::ui::components::round_scope::{elsewhere, use_scope, RoundNav, Scope};
use crate::ui::components::round_summary::RoundSummary;
use crate::ui::pages::round::applicant_row::ApplicantItem;
use crate::ui::pages::round::register::RegisterApplicant;
use crate::ui::today::today;

#[component]
pub fn Round() -> impl IntoView {
    let data = use_store().data();
    let scope = use_scope();
    let today = today();
    move || match scope.get() {
        Scope::Round { id, .. } => {
            let first = data.with_untracked(|d| rounds(d, today).into_iter().find(|r| r.id == id));
            match first {
                Some(first) => view! { <RoundPage first=first today=today/> }.into_any(),
                None => ().into_any(),
            }
        }
        // No route draws this page without a slug.
        Scope::Builtin => ().into_any(),
        other => elsewhere(&other, "").unwrap_or_else(|| ().into_any()),
    }
}

/// The page of the round `first` is (as the list of programmes lists it on `today`).
#[component]
fn RoundPage(first: RoundRow, today: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let id = first.id.clone();
    let scope = Scope::Round {
        id: id.clone(),
        slug: first.slug.clone(),
    };
    let summary = {
        let id = id.clone();
        record_memo(first, move || {
            rounds(&data.read(), today).into_iter().find(|r| r.id == id)
        })
    };
    let name = move || summary.read().name.clone();
    let funnel = {
        let id = id.clone();
        Memo::new(move |_| round_funnel(&data.read(), &id))
    };
    let listed = {
        let id = id.clone();
        Memo::new(move |_| applicants(&data.read(), &id))
    };
    view! {
        <PageHead
            title=Signal::derive(name)
            description=Signal::derive(move || t_string!(i18n, round.description, name = name()))
        />
        <RoundNav scope=scope current=""/>
        <h1>{name}</h1>
        <RoundSummary row=summary/>
        <section aria-labelledby="round-funnel-heading">
            <h2 id="round-funnel-heading">{t!(i18n, round.funnel_heading)}</h2>
            <ol class="funnel">
                <li>
                    <span class="figure" data-testid="round-applied">{move || funnel.read().applied}</span>
                    <span class="figure-label">{t!(i18n, round.applied)}</span>
                </li>
                <li>
                    <span class="figure" data-testid="round-selected">{move || funnel.read().selected}</span>
                    <span class="figure-label">{t!(i18n, round.selected)}</span>
                </li>
                <li>
                    <span class="figure" data-testid="round-taking-part">{move || funnel.read().taking_part}</span>
                    <span class="figure-label">{t!(i18n, round.taking_part)}</span>
                </li>
            </ol>
            <Show when=move || { funnel.read().pending > 0 }>
                <p data-testid="round-pending">{move || t_string!(i18n, round.pending, count = funnel.read().pending)}</p>
            </Show>
        </section>
        <section aria-labelledby="applicants-heading">
            <h2 id="applicants-heading">{t!(i18n, round.applicants_heading)}</h2>
            <RegisterApplicant round_id=id.clone()/>
            <Show when=move || listed.read().is_empty()>
                <p>{t!(i18n, round.no_applicants)}</p>
            </Show>
            <ul class="applicant-list">
                <For each=move || listed.get() key=|r| r.id.clone() let(r)>
                    <ApplicantItem row=row_memo(listed, r, |r| &r.id)/>
                </For>
            </ul>
        </section>
    }
}

//! One applicant: its page, kommunkod, län and latest population, the decision on its
//! application as a badge, and a form to record another (selected, not selected,
//! withdrawn, or back to undecided).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::model::Decision;
use crate::domain::programme::applicants::{decide, ApplicantRow};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::labels::decision_label;
use crate::ui::format;
use crate::ui::paths::href;
use crate::ui::today::now;

fn decision_word(d: Decision) -> &'static str {
    match d {
        Decision::Pending => "pending",
        Decision::Selected => "selected",
        Decision::NotSelected => "not-selected",
        Decision::Withdrawn => "withdrawn",
    }
}

fn decision_from(word: &str) -> Option<Decision> {
    Decision::ALL
        .into_iter()
        .find(|d| decision_word(*d) == word)
}

#[component]
pub fn ApplicantItem(row: Memo<ApplicantRow>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let id = row.read_untracked().id.clone();
    let select_id = format!("{id}-decision");
    let chosen = RwSignal::new(decision_word(row.read_untracked().decision).to_owned());
    // The list follows another tab's save or an undo.
    Effect::new(move |_| chosen.set(decision_word(row.read().decision).to_owned()));
    let name = move || row.read().who.name.clone();
    let facts = move || {
        let r = row.read();
        let mut parts = vec![r.who.kommunkod.clone(), r.who.lan.clone()];
        if let Some((count, date)) = r.population {
            parts.push(t_string!(
                i18n,
                round.population,
                count = format::number(i18n, count.into()),
                date = format::date(i18n, date)
            ));
        }
        parts.join(" · ")
    };
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(decision) = decision_from(&chosen.get_untracked()) else {
                return;
            };
            let change = store.data().with_untracked(|d| {
                d.participations
                    .iter()
                    .find(|p| p.meta.id == id)
                    .map(|p| decide(p, decision, now()))
            });
            if let Some(change) = change {
                crate::store::soon(store.change(change));
            }
        }
    };
    view! {
        <li class="applicant" data-testid="applicant" data-id=id.clone()>
            <h3>
                <A href=move || href(&format!("/kommun/{}", row.read().who.slug))>{name}</A> " "
                <span class="badge" data-testid="decision" data-decided=move || decision_word(row.read().decision)>{move || decision_label(i18n, row.read().decision)}</span>
            </h3>
            <p class="muted">{facts}</p>
            {move || {
                let (letter, due) = {
                    let r = row.read();
                    (r.letter_of_intent?, r.due)
                };
                Some(view! {
                    <p data-testid="applicant-due">{move || match due {
                        Some(due) => t_string!(
                            i18n,
                            round.commitment_due,
                            letter = format::date(i18n, letter),
                            due = format::date(i18n, due)
                        )
                        .to_string(),
                        None => t_string!(i18n, round.commitment, letter = format::date(i18n, letter)).to_string(),
                    }}</p>
                })
            }}
            <form class="decision" on:submit=save>
                <label for=select_id.clone()>
                    {t!(i18n, round.decision_label)}
                    <span class="visually-hidden">{move || t_string!(i18n, round.decision_for, name = name())}</span>
                </label>
                " "
                <select id=select_id prop:value=move || chosen.get()
                    on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {Decision::ALL.into_iter().map(|d| view! {
                        <option value=decision_word(d)>{move || decision_label(i18n, d)}</option>
                    }).collect_view()}
                </select>
                " "
                <button type="submit" class="secondary">{t!(i18n, round.record)}<span class="visually-hidden">{move || t_string!(i18n, round.decision_for, name = name())}</span></button>
            </form>
        </li>
    }
}

//! One coaching participant on /mentorer: its mentor (or none), any rule the
//! pairing breaks, and a form to assign, change or remove the mentor.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::mentoring::pairs::{Mentor, Pair};
use crate::domain::mentoring::{check_pairing, set_mentor, PairingError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::labels::{nearness_label, pairing_error_label};
use crate::ui::paths::href;
use crate::ui::today::now;

/// What the last assignment in this row led to.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Refused(PairingError),
    OverLoad { mentor: String, load: usize },
}

#[component]
pub fn PairingRow(
    pair: Memo<Pair>,
    mentors: Memo<Vec<Mentor>>,
    max_load: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let participation_id = pair.read_untracked().participation_id.clone();
    let chosen = RwSignal::new(String::new());
    let select_ref = NodeRef::<leptos::html::Select>::new();
    let outcome = RwSignal::new(None::<Outcome>);
    let select_id = format!("mentor-for-{participation_id}");
    let error_id = format!("{select_id}-error");
    let warning_id = format!("{select_id}-warning");

    let pid = participation_id.clone();
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mentor_id = chosen.get_untracked();
        if mentor_id.is_empty() {
            return;
        }
        let result = store.data().with_untracked(|d| {
            let load = check_pairing(d, &pid, &mentor_id)?;
            let name = d
                .organisation(&mentor_id)
                .map(|o| o.name.clone())
                .unwrap_or_default();
            Ok((set_mentor(d, &pid, Some(&mentor_id), now())?, load, name))
        });
        match result {
            Ok((change, load, mentor)) => {
                let over = load > max_load.get_untracked();
                crate::store::then(store.change(change), move || {
                    chosen.set(String::new());
                    outcome.set(over.then_some(Outcome::OverLoad { mentor, load }));
                });
            }
            Err(e) => outcome.set(Some(Outcome::Refused(e))),
        }
    };
    let pid = participation_id.clone();
    let remove = move |_| {
        let change = store
            .data()
            .with_untracked(|d| set_mentor(d, &pid, None, now()));
        if let Ok(change) = change {
            crate::store::then(store.change(change), move || {
                outcome.set(None);
                // The pressed button is gone; keep the keyboard in this row.
                if let Some(select) = select_ref.try_get_untracked().flatten() {
                    let _ = select.focus();
                }
            });
        }
    };
    let described = {
        let (error_id, warning_id) = (error_id.clone(), warning_id.clone());
        move || match outcome.get() {
            Some(Outcome::Refused(_)) => Some(error_id.clone()),
            Some(Outcome::OverLoad { .. }) => Some(warning_id.clone()),
            None => None,
        }
    };
    let name = move || pair.read().participant.name.clone();

    view! {
        <li class="pair-row" data-testid=format!("pair-{participation_id}")>
            <h3>
                {move || {
                    let p = pair.get();
                    view! {
                        <A href=href(&format!("/kommun/{}", p.participant.slug))>{p.participant.name.clone()}</A>
                        <span class="muted">" (" {p.participant.lan.clone()} ")"</span>
                    }
                }}
            </h3>
            <p data-testid="mentor">
                {t!(i18n, mentors.mentor_label)} ": "
                {move || match pair.get() {
                    Pair { mentor: Some(m), nearness, .. } => view! {
                        <A href=href(&format!("/kommun/{}", m.slug))>{m.name.clone()}</A>
                        {nearness.map(|n| view! { <span class="muted">" – " {move || nearness_label(i18n, n)}</span> })}
                    }.into_any(),
                    Pair { mentor_id: Some(m), .. } => m.into_any(),
                    _ => view! { <strong>{t!(i18n, mentors.no_mentor)}</strong> }.into_any(),
                }}
            </p>
            {move || pair.get().conflict.map(|e| view! {
                <p class="warning" data-testid="conflict">
                    <strong>{t!(i18n, mentors.conflict)}</strong> " " {move || pairing_error_label(i18n, &e)}
                </p>
            })}
            <form class="pair-form" on:submit=assign novalidate>
                <div class="field">
                    <label for=select_id.clone()>{move || t_string!(i18n, mentors.choose_for, name = name())}</label>
                    <select id=select_id.clone() node_ref=select_ref
                        aria-describedby=described
                        aria-invalid=move || matches!(outcome.get(), Some(Outcome::Refused(_))).then_some("true")
                        prop:value=move || chosen.get()
                        on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, mentors.choose_placeholder)}</option>
                        {move || mentors.get().into_iter().map(|m| {
                            let load = m.mentees.len();
                            view! {
                                <option value=m.org.id.clone()>
                                    {move || t_string!(i18n, mentors.option, name = m.org.name.clone(), lan = m.org.lan.clone(), count = load)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit">{t!(i18n, mentors.assign)}</button>
                {move || pair.read().mentor_id.is_some().then(|| view! {
                    <button type="button" class="danger" on:click=remove.clone()>
                        {t!(i18n, mentors.remove)}
                        <span class="visually-hidden">{move || t_string!(i18n, mentors.for_name, name = name())}</span>
                    </button>
                })}
                {move || match outcome.get() {
                    Some(Outcome::Refused(e)) => Some(view! {
                        <p class="field-error" id=error_id.clone()>{move || pairing_error_label(i18n, &e)}</p>
                    }.into_any()),
                    Some(Outcome::OverLoad { mentor, load }) => Some(view! {
                        <p class="warning" id=warning_id.clone()>
                            {move || t_string!(i18n, mentors.over_load, mentor = mentor.clone(), count = load, max = max_load.get())}
                        </p>
                    }.into_any()),
                    None => None,
                }}
            </form>
        </li>
    }
}

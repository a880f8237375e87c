//! One pilot-län participant: a row with its kind and status badges and session
//! count that expands (a button with aria-expanded) to its focus, sessions and
//! the forms that record status and sessions.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::model::PilotStatus;
use crate::domain::pilot::{add_session, remove_session, set_status, PilotRow};
use crate::domain::validate::{required_date, required_text, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::{date_hint, TextField};
use crate::ui::components::labels::{kind_label, pilot_status_label};
use crate::ui::components::source_ref::SourceRef;
use crate::ui::format;
use crate::ui::paths::href;
use crate::ui::today::now;

fn status_word(s: Option<PilotStatus>) -> &'static str {
    match s {
        Some(PilotStatus::Planned) => "planned",
        Some(PilotStatus::Ongoing) => "ongoing",
        Some(PilotStatus::Completed) => "completed",
        None => "",
    }
}

fn status_from(word: &str) -> Option<PilotStatus> {
    [
        PilotStatus::Planned,
        PilotStatus::Ongoing,
        PilotStatus::Completed,
    ]
    .into_iter()
    .find(|s| status_word(Some(*s)) == word)
}

#[component]
pub fn PilotRowView(row: Memo<PilotRow>, expanded: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let participation_id = row.read_untracked().participation.meta.id.clone();
    let open = {
        let id = participation_id.clone();
        Memo::new(move |_| expanded.read().contains(&id))
    };
    let toggle = {
        let id = participation_id.clone();
        move |_| {
            expanded.update(|set| {
                if !set.remove(&id) {
                    set.insert(id.clone());
                }
            })
        }
    };
    let details_id = format!("details-{participation_id}");
    let name = move || row.read().name.clone();
    view! {
        <li class="pilot-row" data-testid="pilot-row">
            <div class="pilot-summary">
                <h2 class="pilot-name">
                    <A href=move || href(&format!("/kommun/{}", row.read().slug))>{name}</A>
                </h2>
                {move || {
                    let r = row.read();
                    let (kind, status, n) = (r.kind, r.status, r.sessions.len());
                    view! {
                        <span class="badge">{move || kind_label(i18n, kind)}</span>
                        <span class=format!("badge status-{}", if status.is_some() { status_word(status) } else { "none" }) data-testid="pilot-status">
                            {move || pilot_status_label(i18n, status)}
                        </span>
                        <span class="muted" data-testid="pilot-sessions">{move || t_string!(i18n, pilot.session_count, count = n)}</span>
                    }
                }}
                // The name leads to the page; this opens the row's details in place.
                <button type="button" class="row-toggle" aria-controls=details_id.clone()
                    aria-label=move || t_string!(i18n, pilot.details_for, name = name()).to_string()
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    on:click=toggle>
                    <span aria-hidden="true" class="chevron">{move || if open.get() { "▾" } else { "▸" }}</span>
                    " " {t!(i18n, pilot.details)}
                </button>
            </div>
            <div id=details_id class="pilot-details" hidden=move || !open.get()>
                // Drawn once opened, and kept while open, so focus stays in its forms across saves.
                <Show when=move || open.get()>
                    <PilotDetails row=row/>
                </Show>
            </div>
        </li>
    }
}

#[component]
fn PilotDetails(row: Memo<PilotRow>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let first = row.get_untracked();
    let pid = first.participation.meta.id.clone();
    // Edits start from the record as it is now, not as it was when the row opened.
    let current = move || row.get_untracked().participation;
    let status = RwSignal::new(status_word(first.status).to_owned());
    // The list follows the stored status (an undo, another tab), not only the user's choice.
    let stored_status = Memo::new(move |_| row.read().status);
    Effect::new(move |_| status.set(status_word(stored_status.get()).to_owned()));
    let save_status = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = set_status(&current(), status_from(&status.get_untracked()), now());
        if let Some(change) = change {
            crate::store::soon(store.change(change));
        }
    };
    let date = RwSignal::new(String::new());
    let date_error = RwSignal::new(None::<FieldError>);
    let topic = RwSignal::new(String::new());
    let topic_error = RwSignal::new(None::<FieldError>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = required_date(&date.get_untracked());
        let t = required_text(&topic.get_untracked());
        date_error.set(d.as_ref().err().cloned());
        topic_error.set(t.as_ref().err().cloned());
        let (Ok(d), Ok(t)) = (d, t) else {
            return;
        };
        if let Some(change) = add_session(&current(), d, t, now()) {
            crate::store::then(store.change(change), move || {
                date.set(String::new());
                topic.set(String::new());
            });
        }
    };
    let remove = move |sid: String| {
        if let Some(change) = remove_session(&current(), &sid, now()) {
            crate::store::soon(store.change(change));
        }
    };
    let name = first.name.clone();
    let sessions = Memo::new(move |_| row.read().sessions.clone());
    view! {
        <dl class="facts">
            <dt>{t!(i18n, kommun.focus)}</dt>
            <dd>{move || match row.get().focus {
                Some(f) => view! { {f.value.clone()} " " <SourceRef id=f.source.clone()/> }.into_any(),
                None => t_string!(i18n, common.not_recorded).into_any(),
            }}</dd>
            <dt>{t!(i18n, pilot.page)}</dt>
            <dd><A href=href(&format!("/kommun/{}", first.slug))>{move || t_string!(i18n, pilot.page_link, name = name.clone())}</A></dd>
        </dl>
        <h3>{t!(i18n, kommun.sessions)}</h3>
        <Show when=move || !sessions.read().is_empty()
            fallback=move || view! { <p>{t!(i18n, pilot.no_sessions)}</p> }>
            <ul class="sessions">
                <For each=move || sessions.get() key=|s| s.id.clone() let:s>
                    {
                        let sid = s.id.clone();
                        let topic = s.topic.clone();
                        view! {
                            <li>
                                {move || format::date(i18n, s.date)} " – " {s.topic.clone()} " "
                                <button type="button" class="danger" on:click=move |_| remove(sid.clone())>
                                    {t!(i18n, pilot.remove_session)}
                                    <span class="visually-hidden">{move || t_string!(i18n, pilot.session_detail, topic = topic.clone())}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
        <form class="editor" on:submit=save_status novalidate>
            <div class="field">
                <label for=format!("{pid}-status")>{t!(i18n, pilot.status_label)}</label>
                <select id=format!("{pid}-status") prop:value=move || status.get()
                    on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{t!(i18n, common.not_recorded)}</option>
                    {PilotStatus::ALL.into_iter().map(|s| view! {
                        <option value=status_word(Some(s))>{move || pilot_status_label(i18n, Some(s))}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{t!(i18n, pilot.save_status)}</button>
        </form>
        <form class="editor" on:submit=add novalidate>
            <h4>{t!(i18n, pilot.add_session_heading)}</h4>
            <TextField id=format!("{pid}-session-date") label=Signal::derive(move || t_string!(i18n, pilot.session_date).to_owned())
                value=date error=date_error date=true hint=date_hint(i18n, false)/>
            <TextField id=format!("{pid}-session-topic") label=Signal::derive(move || t_string!(i18n, pilot.session_topic).to_owned())
                value=topic error=topic_error/>
            <button type="submit">{t!(i18n, pilot.add_session)}</button>
        </form>
    }
    .into_any()
}

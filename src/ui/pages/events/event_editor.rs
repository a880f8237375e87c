//! Adding or editing an event: every field checked, the cake-of-the-month rules
//! (a month inside the period, one award a month) enforced by the domain.

use leptos::prelude::*;

use crate::domain::events::{kind_from_word, kind_word, save_event, EventError};
use crate::domain::model::{Event, EventKind};
use crate::domain::programme::participants::taking_part;
use crate::domain::programme::round::is_builtin;
use crate::domain::text::swedish_cmp;
use crate::domain::validate::{optional_date, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::edit_in_place::{EditActions, Editing};
use crate::ui::components::field::{date_hint, TextField};
use crate::ui::components::labels::{event_error_label, event_kind_label};
use crate::ui::today::now;

/// Opened in place behind its button (`EditInPlace`); a successful save closes it. The form
/// for a new event is a section of the page (`new`: its heading an h2, as the events'); an
/// event's own form is under the event's heading.
#[component]
pub fn EventEditor(
    event: Event,
    #[prop(into)] heading: Signal<String>,
    #[prop(optional)] new: bool,
    editing: Editing,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let id = event.meta.id.clone();
    let kind = RwSignal::new(kind_word(event.kind).to_owned());
    let title = RwSignal::new(event.title.clone());
    let title_error = RwSignal::new(None::<FieldError>);
    let date = RwSignal::new(event.date.map(|d| d.to_string()).unwrap_or_default());
    let date_error = RwSignal::new(None::<FieldError>);
    let month = RwSignal::new(event.month.clone().unwrap_or_default());
    let month_error = RwSignal::new(None::<FieldError>);
    let place = RwSignal::new(event.place.clone());
    let place_error = RwSignal::new(None::<FieldError>);
    let motivation = RwSignal::new(event.motivation.clone());
    let motivation_error = RwSignal::new(None::<FieldError>);
    let participants = RwSignal::new(event.participants.clone());
    let problem = RwSignal::new(None::<EventError>);
    // A round's event is attended by those taking part in it; 2007–08's by anyone known.
    let organisations: Vec<(String, String)> = store.data().with_untracked(|d| {
        let round = d
            .programmes
            .iter()
            .find(|p| p.meta.id == event.programme_id && !is_builtin(p));
        let mut list: Vec<(String, String)> = match round {
            Some(r) => taking_part(d, &r.meta.id)
                .filter_map(|p| d.organisation(&p.organisation_id))
                .map(|o| (o.meta.id.clone(), o.name.clone()))
                .collect(),
            None => d
                .organisations
                .iter()
                .map(|o| (o.meta.id.clone(), o.name.clone()))
                .collect(),
        };
        list.sort_by(|a, b| swedish_cmp(&a.1, &b.1));
        list
    });
    let problem_id = format!("{id}-problem");
    let problem_el_id = problem_id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let day = optional_date(&date.get_untracked());
        date_error.set(day.as_ref().err().cloned());
        let Ok(day) = day else {
            return;
        };
        let mut e = event.clone();
        e.kind = kind_from_word(&kind.get_untracked()).unwrap_or(e.kind);
        e.title = title.get_untracked().trim().to_owned();
        e.date = day;
        e.month = Some(month.get_untracked().trim().to_owned()).filter(|m| !m.is_empty());
        e.place = place.get_untracked().trim().to_owned();
        e.motivation = motivation.get_untracked().trim().to_owned();
        e.participants = participants.get_untracked();
        let change = store.data().with_untracked(|d| save_event(d, e, now()));
        title_error.set(None);
        month_error.set(None);
        match change {
            Ok(change) => {
                problem.set(None);
                crate::store::then(store.change(change), move || {
                    editing.close();
                });
            }
            Err(EventError::TitleRequired) => {
                title_error.set(Some(FieldError::Required));
                problem.set(None);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let field = |suffix: &str| format!("{id}-{suffix}");
    let kind_id = field("kind");
    let legend_id = field("participants");
    view! {
        <form class="editor event-editor" on:submit=save novalidate
            aria-describedby=move || problem.read().is_some().then(|| problem_id.clone())>
            {if new {
                view! { <h2>{heading}</h2> }.into_any()
            } else {
                view! { <h3>{heading}</h3> }.into_any()
            }}
            <div class="field">
                <label for=kind_id.clone()>{t!(i18n, events.kind)}</label>
                <select id=kind_id prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    {EventKind::ALL.into_iter().map(|k| view! {
                        <option value=kind_word(k)>{move || event_kind_label(i18n, k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField id=field("title") label=Signal::derive(move || t_string!(i18n, events.title_label).to_owned()) value=title error=title_error/>
            <TextField id=field("date") label=Signal::derive(move || t_string!(i18n, events.date_label).to_owned()) value=date error=date_error
                date=true hint=date_hint(i18n, true)/>
            <TextField id=field("month") label=Signal::derive(move || t_string!(i18n, events.month_label).to_owned()) value=month error=month_error
                hint=Signal::derive(move || t_string!(i18n, events.month_hint).to_owned())/>
            <TextField id=field("place") label=Signal::derive(move || t_string!(i18n, events.place_label).to_owned()) value=place error=place_error/>
            <fieldset class="field participants-choice" id=legend_id>
                <legend>{t!(i18n, events.participants_label)}</legend>
                {organisations.into_iter().map(|(oid, name)| {
                    let o2 = oid.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || participants.read().contains(&oid)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    participants.update(|list| {
                                        list.retain(|x| *x != o2);
                                        if on {
                                            list.push(o2.clone());
                                        }
                                    });
                                }/>
                            {name}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <TextField id=field("motivation") label=Signal::derive(move || t_string!(i18n, events.motivation_label).to_owned())
                value=motivation error=motivation_error multiline=true/>
            {move || problem.get().map(|e| view! {
                <p class="field-error" id=problem_el_id.clone() role="alert">{event_error_label(i18n, &e)}</p>
            })}
            <EditActions editing=editing save=Signal::derive(move || t_string!(i18n, events.save).to_owned())/>
        </form>
    }
}

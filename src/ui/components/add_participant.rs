//! Adding a municipality from the register of all 290 to a programme; the input
//! suggests names as the user types (a datalist), and accepts a name or a kommunkod.

use leptos::prelude::*;

use crate::domain::model::ProgrammeKind;
use crate::domain::municipalities::municipalities;
use crate::domain::participants::{add_participant, AddError};
use crate::domain::text::search_form;
use crate::domain::validate::{kommunkod, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::error_text;
use crate::ui::components::labels::programme_label;

#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Code(FieldError),
    Add(AddError),
}

/// The kommunkod a typed text names: "Ale (1440)", "1440", or a name ("Ale", "ale").
fn kommunkod_from(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    let code = text
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or(text)
        .trim();
    if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
        return kommunkod(code).map_err(Problem::Code);
    }
    let exact = municipalities()
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case(text) || m.name == text);
    if let Some(m) = exact {
        return Ok(m.kommunkod.clone());
    }
    let folded = search_form(text);
    let mut hits = municipalities()
        .iter()
        .filter(|m| search_form(&m.name) == folded);
    match (hits.next(), hits.next()) {
        (Some(m), None) => Ok(m.kommunkod.clone()),
        _ => Err(Problem::Add(AddError::UnknownMunicipality)),
    }
}

#[component]
pub fn AddParticipant() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let text = RwSignal::new(String::new());
    let programme = RwSignal::new(ProgrammeKind::Coaching);
    let error = RwSignal::new(None::<Problem>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = match kommunkod_from(&text.get_untracked()) {
            Ok(code) => code,
            Err(problem) => {
                error.set(Some(problem));
                return;
            }
        };
        let now =
            chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
        let change = store
            .data()
            .with_untracked(|d| add_participant(d, &code, programme.get_untracked(), now));
        match change {
            Ok(change) => {
                error.set(None);
                if store.change(change).is_ok() {
                    text.set(String::new());
                }
            }
            Err(e) => error.set(Some(Problem::Add(e))),
        }
    };
    let message = move || {
        error.get().map(|e| match e {
            Problem::Code(e) => error_text(i18n, &e),
            Problem::Add(AddError::UnknownMunicipality) => t_string!(i18n, add.unknown).to_owned(),
            Problem::Add(AddError::AlreadyParticipant) => t_string!(i18n, add.already).to_owned(),
            Problem::Add(AddError::NoSuchProgramme) => t_string!(i18n, add.no_programme).to_owned(),
        })
    };
    view! {
        <form class="editor add-participant" on:submit=add novalidate>
            <h2>{t!(i18n, add.heading)}</h2>
            <div class="field">
                <label for="add-municipality">{t!(i18n, add.label)}</label>
                <p class="hint" id="add-municipality-hint">{t!(i18n, add.hint)}</p>
                <input id="add-municipality" type="text" list="register-municipalities" autocomplete="off"
                    aria-describedby=move || if error.read().is_some() { "add-municipality-hint add-municipality-error" } else { "add-municipality-hint" }
                    aria-invalid=move || error.read().is_some().then_some("true")
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
                <datalist id="register-municipalities">
                    {municipalities().iter().map(|m| view! {
                        <option value=format!("{} ({})", m.name, m.kommunkod)></option>
                    }).collect_view()}
                </datalist>
                {move || message().map(|m| view! { <p class="field-error" id="add-municipality-error">{m}</p> })}
            </div>
            <div class="field">
                <label for="add-programme">{t!(i18n, add.programme_label)}</label>
                <select id="add-programme" on:change=move |ev| programme.set(
                    if event_target_value(&ev) == "pilotlan" { ProgrammeKind::PilotLan } else { ProgrammeKind::Coaching })>
                    <option value="coaching">{move || programme_label(i18n, ProgrammeKind::Coaching)}</option>
                    <option value="pilotlan">{move || programme_label(i18n, ProgrammeKind::PilotLan)}</option>
                </select>
            </div>
            <button type="submit">{t!(i18n, add.submit)}</button>
        </form>
    }
}

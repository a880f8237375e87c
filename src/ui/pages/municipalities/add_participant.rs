//! Adding a municipality from the register of all 290 to a programme.

use leptos::prelude::*;

use crate::domain::model::ProgrammeKind;
use crate::domain::programme::participants::{add_participant, AddError};
use crate::domain::validate::{municipality_named, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::error_text;
use crate::ui::components::labels::programme_label;
use crate::ui::components::municipality_input::MunicipalityInput;
use crate::ui::today::now;

#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Name(FieldError),
    Add(AddError),
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
        let code = match municipality_named(&text.get_untracked()) {
            Ok(code) => code,
            Err(e) => {
                error.set(Some(Problem::Name(e)));
                return;
            }
        };
        let now = now();
        let change = store
            .data()
            .with_untracked(|d| add_participant(d, &code, programme.get_untracked(), now));
        match change {
            Ok(change) => {
                error.set(None);
                crate::store::then(store.change(change), move || {
                    text.set(String::new());
                });
            }
            Err(e) => error.set(Some(Problem::Add(e))),
        }
    };
    let message = move || {
        error.get().map(|e| match e {
            Problem::Name(e) => error_text(i18n, &e),
            Problem::Add(AddError::UnknownMunicipality) => {
                error_text(i18n, &FieldError::KommunkodUnknown)
            }
            Problem::Add(AddError::AlreadyParticipant) => t_string!(i18n, add.already).to_owned(),
            Problem::Add(AddError::NoSuchProgramme) => t_string!(i18n, add.no_programme).to_owned(),
        })
    };
    view! {
        <form class="editor add-participant" on:submit=add novalidate>
            <h2>{t!(i18n, add.heading)}</h2>
            <MunicipalityInput id="add-municipality" value=text message=Signal::derive(message)/>
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

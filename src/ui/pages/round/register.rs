//! Registering an applicant: any of the 290 municipalities, by name, kommunkod or län (the
//! suggestions name each one's län); refused with the reason when it has already applied or
//! has more inhabitants than the round allows.

use leptos::prelude::*;

use crate::domain::programme::applicants::{register_applicant, ApplyError};
use crate::domain::validate::{municipality_named, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::error_text;
use crate::ui::components::municipality_input::MunicipalityInput;
use crate::ui::format;
use crate::ui::today::now;

#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Name(FieldError),
    Apply(ApplyError, String),
}

#[component]
pub fn RegisterApplicant(round_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let register = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = match municipality_named(&text.get_untracked()) {
            Ok(code) => code,
            Err(e) => {
                problem.set(Some(Problem::Name(e)));
                return;
            }
        };
        let name = crate::domain::municipalities::municipality(&code)
            .map(|m| m.name.clone())
            .unwrap_or_default();
        let change = store
            .data()
            .with_untracked(|d| register_applicant(d, &round_id, &code, now()));
        match change {
            Ok(change) => {
                problem.set(None);
                crate::store::then(store.change(change), move || text.set(String::new()));
            }
            Err(e) => problem.set(Some(Problem::Apply(e, name))),
        }
    };
    let message = move || {
        problem.get().map(|p| match p {
            Problem::Name(e) => error_text(i18n, &e),
            Problem::Apply(ApplyError::UnknownMunicipality, _) => {
                error_text(i18n, &FieldError::KommunkodUnknown)
            }
            Problem::Apply(ApplyError::NoSuchRound, _) => t_string!(i18n, round.gone).to_owned(),
            Problem::Apply(ApplyError::AlreadyApplied, name) => {
                t_string!(i18n, round.already_applied, name = name)
            }
            Problem::Apply(
                ApplyError::OverLimit {
                    population,
                    date,
                    limit,
                },
                name,
            ) => t_string!(
                i18n,
                round.over_limit,
                name = name,
                population = format::number(i18n, population.into()),
                date = format::date(i18n, date),
                limit = format::number(i18n, limit.into())
            ),
        })
    };
    view! {
        <form class="editor register-applicant" on:submit=register novalidate>
            <h3>{t!(i18n, round.register_heading)}</h3>
            <MunicipalityInput id="applicant-municipality" value=text message=Signal::derive(message)/>
            <button type="submit">{t!(i18n, round.register)}</button>
        </form>
    }
}

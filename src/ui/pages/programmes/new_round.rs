//! The "Ny omgång" form: a coaching round's name, period and terms, each field checked on
//! its own (`domain/programme/terms.rs`), the first wrong one focused; "Kopiera villkoren
//! från" fills the terms from an earlier round.

use leptos::prelude::*;

use crate::domain::model::ProgrammeKind;
use crate::domain::programme::round::new_round;
use crate::domain::programme::terms::{Field, RoundForm};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::edit_in_place::{focus_later, EditActions, Editing};
use crate::ui::components::field::{date_hint, Input, TextField};
use crate::ui::today::now;

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct Inputs {
    name: Input,
    short_name: Input,
    organiser: Input,
    start: Input,
    end: Input,
    max_population: Input,
    grant: Input,
    min_contribution: Input,
    years: Input,
    call: Input,
}

impl Inputs {
    fn new(f: RoundForm) -> Inputs {
        Inputs {
            name: Input::new(f.name),
            short_name: Input::new(f.short_name),
            organiser: Input::new(f.organiser),
            start: Input::new(f.start),
            end: Input::new(f.end),
            max_population: Input::new(f.max_population),
            grant: Input::new(f.grant_kr),
            min_contribution: Input::new(f.min_contribution_kr),
            years: Input::new(f.commitment_years),
            call: Input::new(f.call),
        }
    }

    fn form(&self) -> RoundForm {
        let v = |i: Input| i.value.get_untracked();
        RoundForm {
            name: v(self.name),
            short_name: v(self.short_name),
            organiser: v(self.organiser),
            start: v(self.start),
            end: v(self.end),
            max_population: v(self.max_population),
            grant_kr: v(self.grant),
            min_contribution_kr: v(self.min_contribution),
            commitment_years: v(self.years),
            call: v(self.call),
        }
    }

    /// The terms of `f`; what names this round (name, short name, period) stays as typed.
    fn fill_terms(&self, f: RoundForm) {
        self.organiser.value.set(f.organiser);
        self.max_population.value.set(f.max_population);
        self.grant.value.set(f.grant_kr);
        self.min_contribution.value.set(f.min_contribution_kr);
        self.years.value.set(f.commitment_years);
        self.call.value.set(f.call);
    }

    fn of(&self, field: Field) -> Input {
        match field {
            Field::Name => self.name,
            Field::Organiser => self.organiser,
            Field::Start => self.start,
            Field::End => self.end,
            Field::MaxPopulation => self.max_population,
            Field::Grant => self.grant,
            Field::MinContribution => self.min_contribution,
            Field::CommitmentYears => self.years,
        }
    }
}

const FIELDS: [Field; 8] = [
    Field::Name,
    Field::Organiser,
    Field::Start,
    Field::End,
    Field::MaxPopulation,
    Field::Grant,
    Field::MinContribution,
    Field::CommitmentYears,
];

fn element_id(field: Field) -> &'static str {
    match field {
        Field::Name => "round-name",
        Field::Organiser => "round-organiser",
        Field::Start => "round-start",
        Field::End => "round-end",
        Field::MaxPopulation => "round-max-population",
        Field::Grant => "round-grant",
        Field::MinContribution => "round-min-contribution",
        Field::CommitmentYears => "round-years",
    }
}

/// Opened in place behind "Ny omgång"; a round made closes it and is named in `created`.
#[component]
pub fn NewRound(editing: Editing, created: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    // Coaching rounds whose terms can be copied, newest first; the newest one's organiser
    // is the likeliest organiser of the next.
    let earlier = Memo::new(move |_| {
        let d = data.read();
        d.programmes
            .iter()
            .rev()
            .filter(|p| p.kind == ProgrammeKind::Coaching)
            .map(|p| (p.meta.id.clone(), p.name.value.clone()))
            .collect::<Vec<_>>()
    });
    let organiser = data.with_untracked(|d| {
        d.programmes
            .iter()
            .rev()
            .find(|p| p.kind == ProgrammeKind::Coaching)
            .map(|p| p.organiser.value.clone())
            .unwrap_or_default()
    });
    let inputs = Inputs::new(RoundForm {
        organiser,
        ..RoundForm::default()
    });
    let copy = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let form = data.with_untracked(|d| {
            d.programmes
                .iter()
                .find(|p| p.meta.id == id)
                .map(RoundForm::copying)
        });
        if let Some(form) = form {
            inputs.fill_terms(form);
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        for field in FIELDS {
            inputs.of(field).error.set(None);
        }
        match inputs.form().check() {
            Err(wrong) => {
                for (field, e) in &wrong {
                    inputs.of(*field).error.set(Some(e.clone()));
                }
                if let Some((first, _)) = wrong.first() {
                    focus_later(element_id(*first).to_owned(), None);
                }
            }
            Ok(terms) => {
                let name = terms.name.clone();
                let change = data.with_untracked(|d| new_round(d, terms, now()));
                crate::store::then(store.change(change), move || {
                    created.set(Some(name));
                    editing.close();
                });
            }
        }
    };
    let label = move |text: fn(leptos_i18n::I18nContext<Locale>) -> &'static str| {
        Signal::derive(move || text(i18n).to_owned())
    };
    let field = move |field: Field,
                      text: fn(leptos_i18n::I18nContext<Locale>) -> &'static str,
                      hint: Option<Signal<String>>| {
        let input = inputs.of(field);
        let date = matches!(field, Field::Start | Field::End);
        view! {
            <TextField id=element_id(field) label=label(text) value=input.value error=input.error
                hint=hint date=date/>
        }
    };
    view! {
        <form class="editor round-editor" on:submit=save novalidate>
            <h2>{t!(i18n, program.new_heading)}</h2>
            <div class="field">
                <label for="round-copy">{t!(i18n, program.copy_label)}</label>
                <select id="round-copy" on:change=copy>
                    <option value="">{t!(i18n, program.copy_none)}</option>
                    <For each=move || earlier.get() key=|(id, _)| id.clone() let((id, name))>
                        <option value=id>{name}</option>
                    </For>
                </select>
            </div>
            {field(Field::Name, |i18n| t_string!(i18n, program.name_label), None)}
            <TextField id="round-short-name" label=label(|i18n| t_string!(i18n, program.short_name_label))
                value=inputs.short_name.value error=inputs.short_name.error
                hint=label(|i18n| t_string!(i18n, program.short_name_hint))/>
            {field(Field::Organiser, |i18n| t_string!(i18n, program.organiser_label), None)}
            {field(Field::Start, |i18n| t_string!(i18n, program.start_label), date_hint(i18n, false))}
            {field(Field::End, |i18n| t_string!(i18n, program.end_label), date_hint(i18n, false))}
            {field(Field::MaxPopulation, |i18n| t_string!(i18n, program.max_population_label),
                Some(label(|i18n| t_string!(i18n, program.max_population_hint))))}
            {field(Field::Grant, |i18n| t_string!(i18n, program.grant_label), Some(label(|i18n| t_string!(i18n, ledger.amount_hint))))}
            {field(Field::MinContribution, |i18n| t_string!(i18n, program.min_contribution_label),
                Some(label(|i18n| t_string!(i18n, ledger.amount_hint))))}
            {field(Field::CommitmentYears, |i18n| t_string!(i18n, program.years_label), Some(label(|i18n| t_string!(i18n, program.years_hint))))}
            <TextField id="round-call" label=label(|i18n| t_string!(i18n, program.call_label))
                value=inputs.call.value error=inputs.call.error multiline=true
                hint=label(|i18n| t_string!(i18n, program.call_hint))/>
            <EditActions editing=editing save=label(|i18n| t_string!(i18n, program.create))/>
        </form>
    }
}

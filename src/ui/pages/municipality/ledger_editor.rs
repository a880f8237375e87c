//! A participation's grant or own-contribution ledger: its entries, their total,
//! adding an entry behind "Lägg till en post" (checked, and for the grant kept within
//! the grant) and removing one.

use leptos::prelude::*;

use crate::domain::change::Record;
use crate::domain::model::{LedgerEntry, LedgerKind, Participation, ParticipationDetail};
use crate::domain::validate::{kronor, required_date, within_limit, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::edit_in_place::{EditActions, EditInPlace, Editing};
use crate::ui::components::field::{date_hint, TextField};
use crate::ui::components::keyed::row_memo;
use crate::ui::components::labels::ledger_kind_label;
use crate::ui::format;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ledger {
    Grant,
    Contribution,
}

fn entries(p: &Participation, ledger: Ledger) -> Vec<LedgerEntry> {
    match (&p.detail, ledger) {
        (ParticipationDetail::Coaching(c), Ledger::Grant) => c.grant_entries.clone(),
        (ParticipationDetail::Coaching(c), Ledger::Contribution) => c.contribution_entries.clone(),
        _ => Vec::new(),
    }
}

fn with_entries(p: &Participation, ledger: Ledger, list: Vec<LedgerEntry>) -> Participation {
    let mut p = p.clone();
    if let ParticipationDetail::Coaching(c) = &mut p.detail {
        match ledger {
            Ledger::Grant => c.grant_entries = list,
            Ledger::Contribution => c.contribution_entries = list,
        }
    }
    p
}

/// `limit`: the most the entries may add up to (the grant); `target`: the least they should (the contribution).
#[component]
pub fn LedgerEditor(
    participation: Memo<Participation>,
    ledger: Ledger,
    limit: Signal<Option<u32>>,
    target: Signal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = Memo::new(move |_| entries(&participation.read(), ledger));
    let total = move || {
        list.read()
            .iter()
            .map(|e| u64::from(e.amount_kr))
            .sum::<u64>()
    };
    let prefix = format!(
        "{}-{}",
        participation.read_untracked().meta.id,
        if ledger == Ledger::Grant {
            "grant"
        } else {
            "contribution"
        }
    );
    // The amounts are the participant's round's: 50 000 kr in 2007–08, its own in a new one.
    let heading = move || match (ledger, limit.get(), target.get()) {
        (Ledger::Grant, Some(most), _) => t_string!(
            i18n,
            ledger.grant_heading,
            amount = format::kronor(i18n, most.into())
        ),
        (Ledger::Grant, None, _) => t_string!(i18n, ledger.grant_heading_plain).to_owned(),
        (Ledger::Contribution, _, 0) => {
            t_string!(i18n, ledger.contribution_heading_plain).to_owned()
        }
        (Ledger::Contribution, _, least) => t_string!(
            i18n,
            ledger.contribution_heading,
            amount = format::kronor(i18n, least.into())
        ),
    };
    let summary = move || match limit.get() {
        Some(l) => t_string!(
            i18n,
            overview.of_total,
            part = format::kronor(i18n, total()),
            total = format::kronor(i18n, l.into())
        ),
        None => t_string!(
            i18n,
            overview.of_minimum,
            part = format::kronor(i18n, total()),
            total = format::kronor(i18n, target.get().into())
        ),
    };
    let editing = Editing::new(format!("{prefix}-add"));
    view! {
        <section class="ledger" aria-label=heading>
            <h3>{heading}</h3>
            <p data-testid=format!("{prefix}-total")>{summary}</p>
            <Show when=move || !list.read().is_empty()>
                <table class="ledger-table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, ledger.date)}</th>
                        <th scope="col">{t!(i18n, ledger.purpose)}</th>
                        <th scope="col">{t!(i18n, ledger.kind)}</th>
                        <th scope="col">{t!(i18n, ledger.amount)}</th>
                        <th scope="col"><span class="visually-hidden">{t!(i18n, ledger.remove)}</span></th>
                    </tr></thead>
                    <tbody>
                        <For each=move || list.get() key=|e| e.id.clone() let(e)>
                            <LedgerRow entry=row_memo(list, e, |e| &e.id) participation=participation ledger=ledger/>
                        </For>
                    </tbody>
                </table>
            </Show>
            <EditInPlace editing=editing
                text=Signal::derive(move || t_string!(i18n, ledger.open_add).to_owned())
                label=Signal::derive(move || match ledger {
                    Ledger::Grant => t_string!(i18n, ledger.open_add_grant),
                    Ledger::Contribution => t_string!(i18n, ledger.open_add_contribution),
                }.to_owned())>
                <LedgerAddForm participation=participation ledger=ledger limit=limit prefix=prefix.clone() editing=editing/>
            </EditInPlace>
        </section>
    }
}

/// One entry, and the button that removes it from the ledger as stored at that moment.
#[component]
fn LedgerRow(
    entry: Memo<LedgerEntry>,
    participation: Memo<Participation>,
    ledger: Ledger,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let remove = move |_| {
        let current = participation.get_untracked();
        let id = entry.read_untracked().id.clone();
        let rest = entries(&current, ledger)
            .into_iter()
            .filter(|x| x.id != id)
            .collect();
        crate::store::soon(store.put(Record::Participation(with_entries(&current, ledger, rest))));
    };
    let purpose = move || entry.read().purpose.clone();
    view! {
        <tr>
            <td>{move || format::date(i18n, entry.read().date)}</td>
            <td>{purpose}</td>
            <td>{move || ledger_kind_label(i18n, entry.read().kind)}</td>
            <td class="amount">{move || format::kronor(i18n, entry.read().amount_kr.into())}</td>
            <td>
                <button type="button" on:click=remove
                    aria-label=move || t_string!(i18n, ledger.remove_label, purpose = purpose())>
                    {t!(i18n, ledger.remove)}
                </button>
            </td>
        </tr>
    }
}

/// The form behind "Lägg till en post"; built anew each time it opens.
#[component]
fn LedgerAddForm(
    participation: Memo<Participation>,
    ledger: Ledger,
    limit: Signal<Option<u32>>,
    prefix: String,
    editing: Editing,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let (date, date_e) = (
        RwSignal::new(String::new()),
        RwSignal::new(None::<FieldError>),
    );
    let (purpose, purpose_e) = (
        RwSignal::new(String::new()),
        RwSignal::new(None::<FieldError>),
    );
    let (amount, amount_e) = (
        RwSignal::new(String::new()),
        RwSignal::new(None::<FieldError>),
    );
    let kind = RwSignal::new(LedgerKind::Investigation);

    let add = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // Added to the ledger as stored now: another tab may have changed it.
            let current = participation.get_untracked();
            let list = entries(&current, ledger);
            let d = required_date(&date.get_untracked());
            date_e.set(d.clone().err());
            let text = purpose.get_untracked().trim().to_owned();
            purpose_e.set(text.is_empty().then_some(FieldError::Required));
            let a = kronor(&amount.get_untracked()).and_then(|a| match limit.get_untracked() {
                Some(limit) => within_limit(list.iter().map(|e| e.amount_kr), a, limit).map(|_| a),
                None => Ok(a),
            });
            amount_e.set(a.clone().err());
            let (Ok(d), Ok(a), false) = (d, a, text.is_empty()) else {
                return;
            };
            let mut next = list;
            next.push(LedgerEntry {
                id: format!(
                    "{}-{}",
                    if ledger == Ledger::Grant { "g" } else { "c" },
                    js_sys::Date::now() as u64
                ),
                date: d,
                purpose: text,
                kind: kind.get_untracked(),
                amount_kr: a,
            });
            let record = Record::Participation(with_entries(&current, ledger, next));
            crate::store::then(store.put(record), move || editing.close());
        }
    };
    let label = |key: fn(leptos_i18n::I18nContext<Locale>) -> &'static str| {
        Signal::derive(move || key(i18n).to_owned())
    };
    view! {
        <form class="editor" on:submit=add novalidate>
            <h4>{t!(i18n, ledger.add_heading)}</h4>
            <TextField id=format!("{prefix}-date") label=label(|i| t_string!(i, ledger.date)) value=date error=date_e
                date=true hint=date_hint(i18n, false)/>
            <TextField id=format!("{prefix}-purpose") label=label(|i| t_string!(i, ledger.purpose)) value=purpose error=purpose_e/>
            <div class="field">
                <label for=format!("{prefix}-kind")>{t!(i18n, ledger.kind)}</label>
                <select id=format!("{prefix}-kind") on:change=move |ev| kind.set(
                    if event_target_value(&ev) == "measure" { LedgerKind::Measure } else { LedgerKind::Investigation })>
                    <option value="investigation">{t!(i18n, ledger.investigation)}</option>
                    <option value="measure">{t!(i18n, ledger.measure)}</option>
                </select>
            </div>
            <TextField id=format!("{prefix}-amount") label=label(|i| t_string!(i, ledger.amount)) value=amount error=amount_e
                hint=Signal::derive(move || t_string!(i18n, ledger.amount_hint).to_owned())/>
            <EditActions editing=editing save=Signal::derive(move || t_string!(i18n, ledger.add).to_owned())/>
        </form>
    }
}

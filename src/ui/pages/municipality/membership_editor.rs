//! On a municipality's page, beside "Medlem i Klimatkommunerna": the form behind its
//! "Ändra" button, marking it a member (and so a possible mentor) and since which year.

use leptos::prelude::*;

use crate::domain::mentoring::membership::set_membership;
use crate::domain::model::{Membership, Organisation};
use crate::domain::validate::{optional_join_year, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::edit_in_place::{EditActions, EditInPlace, Editing};
use crate::ui::components::field::TextField;
use crate::ui::today::now;

#[component]
pub fn MembershipEditor(org: Memo<Organisation>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = Editing::new(format!("{}-membership", org.read_untracked().meta.id));
    view! {
        <EditInPlace editing=editing
            text=Signal::derive(move || t_string!(i18n, edit.open).to_owned())
            label=Signal::derive(move || t_string!(i18n, kommun.open_membership).to_owned())>
            <MembershipForm org=org.get_untracked() editing=editing/>
        </EditInPlace>
    }
}

#[component]
fn MembershipForm(org: Organisation, editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let member = RwSignal::new(org.member.is_some());
    let year = RwSignal::new(
        org.member
            .as_ref()
            .and_then(|m| m.since)
            .map(|y| y.to_string())
            .unwrap_or_default(),
    );
    let year_error = RwSignal::new(None::<FieldError>);
    let id = org.meta.id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let membership = if member.get_untracked() {
            match optional_join_year(&year.get_untracked()) {
                Ok(since) => Some(Membership { since }),
                Err(e) => {
                    year_error.set(Some(e));
                    return;
                }
            }
        } else {
            None
        };
        year_error.set(None);
        if let Ok(change) = store
            .data()
            .with_untracked(|d| set_membership(d, &id, membership, now()))
        {
            crate::store::then(store.change(change), move || {
                editing.close();
            });
        }
    };
    let check_id = format!("{}-member", org.meta.id);
    let label_for = check_id.clone();
    view! {
        <form class="editor" on:submit=save novalidate>
            <label class="check" for=label_for>
                <input type="checkbox" id=check_id prop:checked=move || member.get()
                    on:change=move |ev| member.set(event_target_checked(&ev))/>
                {t!(i18n, kommun.member_check)}
            </label>
            <TextField id=format!("{}-member-since", org.meta.id)
                label=Signal::derive(move || t_string!(i18n, mentors.since_label).to_owned())
                value=year error=year_error
                hint=Signal::derive(move || t_string!(i18n, mentors.since_hint).to_owned())/>
            <EditActions editing=editing save=Signal::derive(move || t_string!(i18n, kommun.save_membership).to_owned())/>
        </form>
    }
}

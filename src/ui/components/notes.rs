//! Free notes on a record, kept in the register and saved through the store.

use leptos::prelude::*;

use crate::domain::change::Record;
use crate::domain::model::ProgrammeKind;
use crate::i18n::*;
use crate::store::use_store;

/// A notes field for whichever record `find` picks out of the dataset. The draft
/// follows the stored text (a save, an undo, another tab), dropping unsaved typing.
#[component]
fn NotesEditor(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    find: fn(&crate::domain::model::Dataset, &str) -> Option<Record>,
    #[prop(into)] key: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    let lookup = {
        let key = key.clone();
        move |d: &crate::domain::model::Dataset| find(d, &key)
    };
    let saved = {
        let lookup = lookup.clone();
        Memo::new(move |_| lookup(&data.read()).map(|r| r.meta().notes.clone()))
    };
    let draft = RwSignal::new(String::new());
    Effect::new(move |_| draft.set(saved.get().unwrap_or_default()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Bound first: a read guard held into the `if let` body would deadlock the save.
        let record = lookup(&data.read_untracked());
        if let Some(record) = record {
            crate::store::soon(store.put(record.with_notes(draft.get_untracked())));
        }
    };
    let unchanged = move || saved.get().unwrap_or_default() == draft.get();
    let hint = format!("{id}-hint");
    view! {
        <form class="notes" on:submit=save>
            <label for=id.clone()>{label}</label>
            <p class="hint" id=hint.clone()>{t!(i18n, notes.hint)}</p>
            <textarea
                id=id.clone()
                rows="4"
                aria-describedby=hint
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
            ></textarea>
            <button type="submit" disabled=unchanged>{t!(i18n, notes.save)}</button>
        </form>
    }
}

#[component]
pub fn ProgrammeNotes(kind: ProgrammeKind) -> impl IntoView {
    let i18n = use_i18n();
    let (key, label) = match kind {
        ProgrammeKind::Coaching => (
            "coaching",
            Signal::derive(move || t_string!(i18n, notes.label_coaching).to_owned()),
        ),
        ProgrammeKind::PilotLan => (
            "pilotlan",
            Signal::derive(move || t_string!(i18n, notes.label_pilot).to_owned()),
        ),
    };
    let find: fn(&crate::domain::model::Dataset, &str) -> Option<Record> = |d, key| {
        let kind = if key == "pilotlan" {
            ProgrammeKind::PilotLan
        } else {
            ProgrammeKind::Coaching
        };
        d.programme(kind).cloned().map(Record::Programme)
    };
    view! { <NotesEditor id=format!("notes-{key}") label=label find=find key=key/> }
}

#[component]
pub fn OrganisationNotes(#[prop(into)] organisation_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let find: fn(&crate::domain::model::Dataset, &str) -> Option<Record> =
        |d, id| d.organisation(id).cloned().map(Record::Organisation);
    view! {
        <NotesEditor id="notes-organisation" label=Signal::derive(move || t_string!(i18n, notes.label_organisation).to_owned())
            find=find key=organisation_id/>
    }
}

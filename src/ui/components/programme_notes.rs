use leptos::prelude::*;

use crate::domain::change::Record;
use crate::domain::model::ProgrammeKind;
use crate::i18n::*;
use crate::store::use_store;

/// Free notes on a programme, kept in the register and saved through the store.
#[component]
pub fn ProgrammeNotes(kind: ProgrammeKind) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    let saved = Memo::new(move |_| data.read().programme(kind).map(|p| p.meta.notes.clone()));
    let draft = RwSignal::new(String::new());
    // Follow the stored text (a save, an undo, another tab), dropping an unsaved draft.
    Effect::new(move |_| draft.set(saved.get().unwrap_or_default()));
    let id = format!("notes-{kind:?}").to_lowercase();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let programme = data.read_untracked().programme(kind).cloned();
        if let Some(mut p) = programme {
            p.meta.notes = draft.get_untracked();
            let _ = store.put(Record::Programme(p));
        }
    };
    let unchanged = move || saved.get().unwrap_or_default() == draft.get();
    view! {
        <form class="notes" on:submit=save>
            <label for=id.clone()>
                {move || match kind {
                    ProgrammeKind::Coaching => t_string!(i18n, notes.label_coaching),
                    ProgrammeKind::PilotLan => t_string!(i18n, notes.label_pilot),
                }}
            </label>
            <p class="hint" id=format!("{id}-hint")>{t!(i18n, notes.hint)}</p>
            <textarea
                id=id.clone()
                rows="4"
                aria-describedby=format!("{id}-hint")
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
            ></textarea>
            <button type="submit" disabled=unchanged>{t!(i18n, notes.save)}</button>
        </form>
    }
}

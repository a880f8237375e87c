//! Undo and redo in the header: words on a wide screen (from 90rem), arrows below (named
//! for screen readers, and in a tooltip).

use leptos::prelude::*;

use crate::i18n::*;
use crate::store::use_store;

/// Undo and redo buttons; the keyboard shortcuts are bound in the app shell.
#[component]
pub fn UndoControls() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    view! {
        <div class="undo-controls" role="group" aria-label=move || t_string!(i18n, undo.group)>
            <button
                type="button"
                aria-keyshortcuts="Control+Z Meta+Z"
                title=move || t_string!(i18n, undo.undo)
                disabled=move || !store.can_undo()
                on:click=move |_| {
                    crate::store::soon(store.undo());
                }
            >
                <span class="icon" aria-hidden="true">"↶"</span>
                <span class="label">{t!(i18n, undo.undo)}</span>
            </button>
            <button
                type="button"
                aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
                title=move || t_string!(i18n, undo.redo)
                disabled=move || !store.can_redo()
                on:click=move |_| {
                    crate::store::soon(store.redo());
                }
            >
                <span class="icon" aria-hidden="true">"↷"</span>
                <span class="label">{t!(i18n, undo.redo)}</span>
            </button>
        </div>
    }
}

/// Ctrl/Cmd+Z undoes and Shift+Ctrl/Cmd+Z redoes, except inside a text field,
/// where the browser's own undo for the text being typed comes first.
pub fn is_undo_shortcut(ev: &web_sys::KeyboardEvent) -> Option<bool> {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || !ev.key().eq_ignore_ascii_case("z") {
        return None;
    }
    let in_text_field = leptos::prelude::document()
        .active_element()
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        });
    (!in_text_field).then_some(ev.shift_key())
}

//! Read first, edit on demand: a section shows its facts and a button that opens the
//! section's form in place. Focus moves into the form; Esc or "Avbryt" closes it
//! without saving and gives focus back to the button; a save closes it the same way.
//!
//! The form is built only while open, so closing drops what was typed and opening
//! again starts from the stored values.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::ui::next_task::next_task;

/// One section's editing state, shared by its button and its form.
#[derive(Clone, Copy)]
pub struct Editing {
    open: RwSignal<bool>,
    id: StoredValue<String>,
}

impl Editing {
    /// `id`: unique on the page; the form's container gets it, the button `{id}-open`.
    pub fn new(id: impl Into<String>) -> Editing {
        Editing {
            open: RwSignal::new(false),
            id: StoredValue::new(id.into()),
        }
    }

    fn button_id(&self) -> String {
        format!("{}-open", self.id.get_value())
    }

    fn open(self) {
        self.open.set(true);
        focus_later(self.id.get_value(), Some("input, select, textarea"));
    }

    /// Closes the form; focus goes back to the button. A save redraws the page, so the
    /// button is found again by its id once the redrawing is done.
    pub fn close(self) {
        self.open.set(false);
        focus_later(self.button_id(), None);
    }
}

/// Focuses the element `id` (or the first `inside` it) in a later task, when the view
/// has followed the signal.
pub fn focus_later(id: String, inside: Option<&'static str>) {
    leptos::task::spawn_local(async move {
        next_task().await;
        let el = document().get_element_by_id(&id);
        let target = match inside {
            Some(selector) => el.and_then(|e| e.query_selector(selector).ok().flatten()),
            None => el,
        };
        if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// The button that opens the form (hidden while it is open), and the form itself.
/// `text` is what the button shows; `label` its full name, starting with `text`.
#[component]
pub fn EditInPlace(
    editing: Editing,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] label: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let open = editing.open;
    let id = editing.id.get_value();
    view! {
        <button type="button" class="secondary edit-open" id=editing.button_id()
            hidden=move || open.get() aria-expanded="false" aria-controls=id.clone() aria-label=label
            on:click=move |_| editing.open()>{text}</button>
        <div id=id class="edit-in-place" on:keydown=move |ev| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                editing.close();
            }
        }>
            <Show when=move || open.get()>{children()}</Show>
        </div>
    }
}

/// A form's last row: its submit button and "Avbryt".
#[component]
pub fn EditActions(editing: Editing, #[prop(into)] save: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="edit-actions">
            <button type="submit">{save}</button>
            <button type="button" class="secondary" on:click=move |_| editing.close()>{t!(i18n, edit.cancel)}</button>
        </p>
    }
}

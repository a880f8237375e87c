//! A text field for one of Sweden's 290 municipalities: it suggests names as the
//! user types (a datalist, found by name, kommunkod or län) and accepts a name or a kommunkod.

use leptos::prelude::*;

use crate::domain::municipalities::{county, municipalities};
use crate::i18n::*;

/// `message` is the form's reason for refusing what was typed, if any.
#[component]
pub fn MunicipalityInput(
    #[prop(into)] id: String,
    value: RwSignal<String>,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let list_id = format!("{id}-register");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if message.read().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{t!(i18n, add.label)}</label>
            <p class="hint" id=hint_id>{t!(i18n, add.hint)}</p>
            <input id=id type="text" list=list_id.clone() autocomplete="off"
                aria-describedby=described
                aria-invalid=move || message.read().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <datalist id=list_id>
                // The län as each suggestion's label: typing a län's name suggests its municipalities.
                {municipalities().iter().map(|m| view! {
                    <option value=format!("{} ({})", m.name, m.kommunkod)>
                        {county(&m.lanskod).map(|c| c.name.clone())}
                    </option>
                }).collect_view()}
            </datalist>
            {move || message.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

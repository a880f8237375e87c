//! The setting for how many mentees a mentor may have before /mentorer warns.

use leptos::prelude::*;

use crate::domain::settings::MAX_LOAD_RANGE;
use crate::domain::validate::{whole_number, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::TextField;

#[component]
pub fn MaxLoadSetting() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let settings = store.settings();
    let value = RwSignal::new(settings.get_untracked().max_mentor_load.to_string());
    let error = RwSignal::new(None::<FieldError>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match whole_number(&value.get_untracked(), MAX_LOAD_RANGE.0, MAX_LOAD_RANGE.1) {
            Ok(n) => {
                error.set(None);
                let mut s = settings.get_untracked();
                s.max_mentor_load = usize::try_from(n).unwrap_or(s.max_mentor_load);
                let _ = store.set_settings(s);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="editor" on:submit=save novalidate>
            <h3>{t!(i18n, mentors.setting_heading)}</h3>
            <TextField id="max-load" label=Signal::derive(move || t_string!(i18n, mentors.max_load_label).to_owned())
                value=value error=error
                hint=Signal::derive(move || t_string!(i18n, mentors.max_load_hint, min = MAX_LOAD_RANGE.0, max = MAX_LOAD_RANGE.1))/>
            <button type="submit">{t!(i18n, mentors.save_setting)}</button>
        </form>
    }
}

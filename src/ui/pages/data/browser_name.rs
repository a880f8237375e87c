//! The name of this browser, shown to whoever merges its files beside its edits
//! ("ändrat 3 mars, webbläsare: Kansliet"). Kept with the settings, exported with the data.

use leptos::prelude::*;

use crate::domain::settings::{browser_name, BROWSER_NAME_MAX};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::TextField;

#[component]
pub fn BrowserName() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let settings = store.settings();
    let name = RwSignal::new(settings.get_untracked().browser_name.unwrap_or_default());
    let error = RwSignal::new(None);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut s = settings.get_untracked();
        s.browser_name = browser_name(&name.get_untracked());
        name.set(s.browser_name.clone().unwrap_or_default());
        let _ = store.set_settings(s);
    };
    view! {
        <form class="editor" on:submit=save novalidate>
            <TextField id="browser-name"
                label=Signal::derive(move || t_string!(i18n, data.browser_name_label).to_owned())
                value=name error=error
                hint=Signal::derive(move || t_string!(i18n, data.browser_name_hint, max = BROWSER_NAME_MAX))/>
            <button type="submit">{t!(i18n, data.browser_name_save)}</button>
        </form>
    }
}

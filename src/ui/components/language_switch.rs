//! Svenska / English. The choice is kept (a setting) and sets `<html lang>`.

use leptos::prelude::*;

use crate::i18n::*;
use crate::store::use_store;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let switch = move |_| {
        let (next, word) = match i18n.get_locale_untracked() {
            Locale::sv => (Locale::en, "en"),
            Locale::en => (Locale::sv, "sv"),
        };
        i18n.set_locale(next);
        let mut settings = store.settings().get_untracked();
        settings.language = Some(word.to_owned());
        let _ = store.set_settings(settings);
    };
    // Named in the language it switches to, so each reader recognises their own.
    view! {
        <button type="button" class="language-switch secondary" on:click=switch
            lang=move || match i18n.get_locale() { Locale::sv => "en", Locale::en => "sv" }>
            {t!(i18n, nav.other_language)}
        </button>
    }
}

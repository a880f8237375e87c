//! `/data`: "save to a file on this computer" — pick a file once and every change is
//! written to it; where it saves and when it last did; reconnect after a reload. Where
//! the browser cannot, the option is explained instead of offered.

use leptos::prelude::*;

use crate::i18n::*;
use crate::store::{use_store, FileLink};
use crate::ui::format;

#[component]
pub fn FileLinkPanel() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let link = store.file_link();
    let body = move || {
        match link.get() {
        FileLink::Unsupported => view! {
            <p data-testid="file-link-state">{t!(i18n, file_link.unsupported)}</p>
        }
        .into_any(),
        FileLink::Off { failed } => view! {
            <p data-testid="file-link-state">{t!(i18n, file_link.off)}</p>
            {failed.map(|why| view! {
                <p class="field-error" role="alert">{t_string!(i18n, file_link.pick_failed, why = why)}</p>
            })}
            <button type="button" on:click=move |_| {
                store.link_file(t_string!(i18n, file_link.file_type).to_owned());
            }>{t!(i18n, file_link.pick)}</button>
        }
        .into_any(),
        FileLink::Saving { name, last_saved, failed } => {
            let when = match last_saved {
                Some(t) => t_string!(i18n, file_link.last_saved, when = format::date_time(i18n, t)),
                None => t_string!(i18n, file_link.not_saved_yet).to_owned(),
            };
            view! {
                <p data-testid="file-link-state">{t_string!(i18n, file_link.saving, name = name.clone())}</p>
                <p data-testid="file-last-saved">{when}</p>
                {failed.map(|why| view! {
                    <p class="field-error" role="alert">
                        {t_string!(i18n, file_link.save_failed, name = name.clone(), why = why)}
                    </p>
                })}
                <button type="button" on:click=move |_| store.unlink_file()>{t!(i18n, file_link.stop)}</button>
            }
            .into_any()
        }
        FileLink::NeedsPermission { name } => {
            let button = t_string!(i18n, file_link.reconnect, name = name.clone());
            view! {
                <p data-testid="file-link-state">{t_string!(i18n, file_link.needs_permission, name = name)}</p>
                <p class="actions">
                    <button type="button" on:click=move |_| store.reconnect_file()>{button}</button>
                    " "
                    <button type="button" on:click=move |_| store.unlink_file()>{t!(i18n, file_link.forget)}</button>
                </p>
            }
            .into_any()
        }
    }
    };
    view! {
        <section aria-labelledby="file-link-heading">
            <h2 id="file-link-heading">{t!(i18n, file_link.heading)}</h2>
            <div aria-live="polite">{body}</div>
        </section>
    }
}

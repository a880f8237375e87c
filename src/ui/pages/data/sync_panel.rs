//! /data's "Synkronisering": the server's address, user and password, "Anslut" and
//! "Koppla från", and the state of the sync with what to do about a refusal.

use leptos::prelude::*;

use crate::domain::sync::server::AddressError;
use crate::domain::sync::status::Status;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::sync_status::{status_kind, status_text};

fn address_error(i18n: leptos_i18n::I18nContext<Locale>, e: &AddressError) -> String {
    match e {
        AddressError::NotAnAddress => t_string!(i18n, sync.address_not_an_address).to_owned(),
        AddressError::Scheme(scheme) => {
            t_string!(i18n, sync.address_scheme, scheme = format!("{scheme}:"))
        }
        AddressError::PlainHttp(host) => {
            t_string!(i18n, sync.address_plain_http, host = host.clone())
        }
        AddressError::Credentials => t_string!(i18n, sync.address_credentials).to_owned(),
        AddressError::NoDatabase => t_string!(i18n, sync.address_no_database).to_owned(),
        AddressError::Extra => t_string!(i18n, sync.address_extra).to_owned(),
    }
}

#[component]
pub fn SyncPanel() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let status = crate::sync::status();
    let connected = crate::sync::server();
    // What is kept: the chunk that shows the connection may not be here yet.
    let set = store.server();
    let address = RwSignal::new(set.as_ref().map(|s| s.address.clone()).unwrap_or_default());
    let user = RwSignal::new(set.as_ref().map(|s| s.user.clone()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let remember = RwSignal::new(set.as_ref().is_some_and(|s| s.password.is_some()));
    let error = RwSignal::new(None::<AddressError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = crate::sync::connect(
            store,
            &address.get_untracked(),
            &user.get_untracked(),
            &password.get_untracked(),
            remember.get_untracked(),
        );
        match result {
            Ok(()) => {
                error.set(None);
                password.set(String::new());
                if let Some(s) = connected.get_untracked() {
                    address.set(s.address);
                }
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let disconnect = move |_| {
        crate::sync::disconnect(store);
        password.set(String::new());
        remember.set(false);
    };
    let described = move || {
        if error.read().is_some() {
            "sync-address-hint sync-address-error"
        } else {
            "sync-address-hint"
        }
    };
    view! {
        <section id="sync" aria-labelledby="sync-heading" data-testid="sync-panel">
            <h2 id="sync-heading">{t!(i18n, sync.heading)}</h2>
            <p>{t!(i18n, sync.intro)}</p>
            <p data-testid="sync-connection">
                {move || match connected.get() {
                    Some(s) if s.user.is_empty() => {
                        t_string!(i18n, sync.connected_to, address = s.address.clone())
                    }
                    Some(s) => t_string!(
                        i18n,
                        sync.connected_as,
                        address = s.address.clone(),
                        user = s.user.clone()
                    ),
                    None => t_string!(i18n, sync.disconnected).to_owned(),
                }}
            </p>
            <Show when=move || status.with(|s| *s != Status::Off)>
                <p class="sync-state" data-state=move || status.with(status_kind)>
                    <strong>{t!(i18n, sync.state_label)}</strong>" "
                    <span data-testid="sync-panel-state">{move || status.with(|s| status_text(i18n, s))}</span>
                </p>
                <Show when=move || status.with(|s| *s == Status::NeedsPassword)>
                    <p class="warning">{t!(i18n, sync.needs_password_text)}</p>
                </Show>
                <Show when=move || status.with(|s| matches!(s, Status::Stopped(_)))>
                    <p class="warning">{t!(i18n, sync.stopped_text)}</p>
                </Show>
            </Show>
            <form class="editor" on:submit=submit novalidate>
                <div class="field">
                    <label for="sync-address">{t!(i18n, sync.address_label)}</label>
                    <p class="hint" id="sync-address-hint">{t!(i18n, sync.address_hint)}</p>
                    <input id="sync-address" type="url" autocomplete="url" spellcheck="false"
                        aria-describedby=described
                        aria-invalid=move || error.read().is_some().then_some("true")
                        prop:value=move || address.get()
                        on:input=move |ev| address.set(event_target_value(&ev))/>
                    {move || error.get().map(|e| view! {
                        <p class="field-error" id="sync-address-error">{address_error(i18n, &e)}</p>
                    })}
                </div>
                <p class="hint" id="sync-credentials-hint">{t!(i18n, sync.credentials_hint)}</p>
                <div class="field">
                    <label for="sync-user">{t!(i18n, sync.user_label)}</label>
                    <input id="sync-user" type="text" autocomplete="username" spellcheck="false"
                        aria-describedby="sync-credentials-hint"
                        prop:value=move || user.get()
                        on:input=move |ev| user.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="sync-password">{t!(i18n, sync.password_label)}</label>
                    <input id="sync-password" type="password" autocomplete="current-password"
                        aria-describedby="sync-credentials-hint"
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label class="check">
                        <input type="checkbox" id="sync-remember" aria-describedby="sync-remember-hint"
                            prop:checked=move || remember.get()
                            on:change=move |ev| remember.set(event_target_checked(&ev))/>
                        {t!(i18n, sync.remember)}
                    </label>
                    <p class="hint" id="sync-remember-hint">{t!(i18n, sync.remember_hint)}</p>
                </div>
                <div class="edit-actions">
                    <button type="submit">{t!(i18n, sync.connect)}</button>
                    <Show when=move || connected.get().is_some()>
                        <button type="button" class="secondary" on:click=disconnect>
                            {t!(i18n, sync.disconnect)}
                        </button>
                    </Show>
                </div>
            </form>
        </section>
    }
}

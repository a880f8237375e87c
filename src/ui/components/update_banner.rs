//! "A new version is available": shown when a new build is waiting; it takes over
//! only when the user presses reload.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::offline::apply_update;

#[component]
pub fn UpdateBanner(update_ready: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || update_ready.get()>
            <div class="banner update" role="status" data-testid="update-banner">
                <p>{t!(i18n, update.text)}</p>
                <p class="actions">
                    <button type="button" on:click=move |_| apply_update()>{t!(i18n, update.reload)}</button>
                    " " <button type="button" class="secondary" on:click=move |_| update_ready.set(false)>{t!(i18n, update.later)}</button>
                </p>
            </div>
        </Show>
    }
}

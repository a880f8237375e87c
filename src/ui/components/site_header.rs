//! The header every route shares.

use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast};
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::*;
use crate::ui::components::backup_status::UnexportedCount;
use crate::ui::components::language_switch::LanguageSwitch;
use crate::ui::components::undo_controls::UndoControls;
use crate::ui::paths::href;
use crate::ui::routes::Page;

/// Skip link, app name, the navigation (the routes of `ui/routes.rs`), the language
/// switch, and undo. One line on every route and screen: below 80rem the links, the
/// language switch and the unexported count are behind a menu button.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let skip_link = NodeRef::<leptos::html::A>::new();
    // A listener on the link itself runs before the router's window-wide one,
    // which would otherwise treat "#main" as a link to the start page.
    skip_link.on_load(|a| {
        let focus_main = Closure::<dyn Fn(web_sys::MouseEvent)>::new(skip_to_main);
        let _ = a.add_event_listener_with_callback("click", focus_main.as_ref().unchecked_ref());
        // The header lives as long as the page, so the listener does too.
        focus_main.forget();
    });
    // On a narrow screen the links wait behind "Meny"; following one, or Esc, closes it.
    let open = RwSignal::new(false);
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let toggle = NodeRef::<leptos::html::Button>::new();
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <a class="skip-link" href="#main" node_ref=skip_link>
            {t!(i18n, nav.skip)}
        </a>
        <header class="site-header" on:keydown=close_on_escape>
            <A href=href("/") exact=true attr:class="brand">{t!(i18n, app_name)}</A>
            <button type="button" class="menu-toggle secondary" node_ref=toggle
                aria-controls="site-menu" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {t!(i18n, nav.menu)}
            </button>
            <div id="site-menu" class="site-menu" class:open=move || open.get()>
                // A link followed closes the menu, the current page's too (the path stays).
                <nav aria-label=move || t_string!(i18n, nav.label) on:click=move |ev| {
                    let link = ev.target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|e| e.closest("a").ok().flatten());
                    if link.is_some() {
                        open.set(false);
                    }
                }>
                    <ul>
                        {Page::nav().map(|page| view! {
                            <li><A href=href(&page.path()) exact={page == Page::Overview}>{move || page.nav_label(i18n)}</A></li>
                        }).collect_view()}
                    </ul>
                </nav>
                <div class="header-tools">
                    <UnexportedCount/>
                    <LanguageSwitch/>
                </div>
            </div>
            {crate::sync::header()}
            <UndoControls/>
        </header>
    }
}

fn skip_to_main(ev: web_sys::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

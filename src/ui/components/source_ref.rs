use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::ui::paths::href;

/// A fact's source as a short link ("S1") to its entry on the about page.
#[component]
pub fn SourceRef(#[prop(into)] id: String) -> impl IntoView {
    let i18n = use_i18n();
    let label = {
        let id = id.clone();
        move || t_string!(i18n, sources.ref_label, id = id.clone())
    };
    view! {
        <A href=href(&format!("/om#{}", anchor(&id))) attr:class="source-ref" attr:aria-label=label>
            {id.clone()}
        </A>
    }
}

/// The element id of a source's entry in the source list.
pub fn anchor(source_id: &str) -> String {
    format!("kalla-{}", source_id.to_lowercase())
}

//! Suggested mentors for the unpaired, each with its reason; accept one, accept
//! all (one undoable step), or reject one, which brings the next-best candidate.

use leptos::prelude::*;

use crate::domain::mentoring::membership::members;
use crate::domain::mentoring::{accept, suggest, Nearness, Suggestion, FEW_MEMBERS};
use crate::domain::model::Dataset;
use crate::domain::municipalities::county;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::keyed::row_memo;
use crate::ui::components::labels::nearness_label;
use crate::ui::today::now;

/// A suggestion with the names and län its reason needs.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    s: Suggestion,
    participant: String,
    participant_lan: String,
    mentor: String,
    mentor_lan: String,
}

fn shown(d: &Dataset, s: Suggestion) -> Shown {
    let org = |id: &str| {
        d.organisation(id).map(|o| {
            let lan = county(&o.lanskod.value)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            (o.name.clone(), lan)
        })
    };
    let participant = d
        .participations
        .iter()
        .find(|p| p.meta.id == s.participation_id)
        .and_then(|p| org(&p.organisation_id))
        .unwrap_or_default();
    let mentor = org(&s.mentor_id).unwrap_or_default();
    Shown {
        s,
        participant: participant.0,
        participant_lan: participant.1,
        mentor: mentor.0,
        mentor_lan: mentor.1,
    }
}

#[component]
pub fn MentorSuggestions(programme_id: String, max_load: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    // Rejections last for this visit: they are a way to ask for another candidate.
    let rejected = RwSignal::new(Vec::<(String, String)>::new());
    let suggestions = Memo::new(move |_| {
        let d = data.read();
        suggest(&d, &programme_id, max_load.get(), &rejected.read())
            .into_iter()
            .map(|s| shown(&d, s))
            .collect::<Vec<_>>()
    });
    let take = move |list: Vec<Suggestion>| {
        let change = data.with_untracked(|d| accept(d, &list, now()));
        if let Ok(change) = change {
            crate::store::soon(store.change(change));
        }
    };
    let known = Memo::new(move |_| members(&data.read()).len());
    // The form to mark members is further down (`members_editor.rs`): go there, ready to type.
    let mark_more = move |_| {
        if let Some(input) = document().get_element_by_id("member-municipality") {
            input.scroll_into_view();
            if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(input) {
                let _ = input.focus();
            }
        }
    };
    view! {
        <section aria-labelledby="suggestions-heading" class="suggestions">
            <h2 id="suggestions-heading">{t!(i18n, mentors.suggestions_heading)}</h2>
            <p class="hint">{t!(i18n, mentors.suggestions_hint)}</p>
            <Show when=move || { known.get() < FEW_MEMBERS }>
                <div class="notice" data-testid="few-members">
                    <p>{move || t_string!(i18n, mentors.few_members, count = known.get())}</p>
                    <p><button type="button" on:click=mark_more>{t!(i18n, mentors.mark_more)}</button></p>
                </div>
            </Show>
            <Show when=move || !suggestions.read().is_empty()
                fallback=move || view! { <p data-testid="no-suggestions">{t!(i18n, mentors.no_suggestions)}</p> }>
                <p>
                    <button type="button" on:click=move |_| take(suggestions.get_untracked().into_iter().map(|x| x.s).collect())>
                        {move || t_string!(i18n, mentors.accept_all, count = suggestions.read().len())}
                    </button>
                </p>
                <ul class="suggestion-list">
                    // One suggestion per unpaired participant: a rejection or another's
                    // pairing changes the row's mentor and reason, not the row.
                    <For each=move || suggestions.get() key=|x| x.s.participation_id.clone() let(x)>
                        <SuggestionRow row=row_memo(suggestions, x, |x| &x.s.participation_id) take=take rejected=rejected/>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn SuggestionRow(
    row: Memo<Shown>,
    take: impl Fn(Vec<Suggestion>) + Copy + Send + Sync + 'static,
    rejected: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = move || {
        let x = row.read();
        let near = match x.s.nearness {
            Nearness::SameLan => {
                t_string!(i18n, mentors.reason_same_lan, lan = x.mentor_lan.clone())
            }
            Nearness::NeighbouringLan => t_string!(
                i18n,
                mentors.reason_neighbour,
                lan = x.participant_lan.clone(),
                other = x.mentor_lan.clone()
            ),
            _ => format!("{} ({})", nearness_label(i18n, x.s.nearness), x.mentor_lan),
        };
        let load = t_string!(
            i18n,
            mentors.reason_load,
            mentor = x.mentor.clone(),
            count = x.s.load_before
        );
        format!("{near}. {load}")
    };
    let detail = move || {
        let x = row.read();
        t_string!(
            i18n,
            mentors.pair_detail,
            participant = x.participant.clone(),
            mentor = x.mentor.clone()
        )
    };
    view! {
        <li data-testid="suggestion">
            <p><strong>{move || row.read().participant.clone()} " → " {move || row.read().mentor.clone()}</strong></p>
            <p class="muted">{reason}</p>
            <button type="button" on:click=move |_| take(vec![row.get_untracked().s])>
                {t!(i18n, mentors.accept)}
                <span class="visually-hidden">{detail}</span>
            </button>
            " "
            <button type="button" class="secondary" on:click=move |_| {
                let s = row.get_untracked().s;
                rejected.update(|r| r.push((s.participation_id, s.mentor_id)));
            }>
                {t!(i18n, mentors.reject)}
                <span class="visually-hidden">{detail}</span>
            </button>
        </li>
    }
}

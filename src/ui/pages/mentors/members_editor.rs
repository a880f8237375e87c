//! Klimatkommunerna's members, who may mentor: each with the year it joined and
//! its mentees (flagged above the maximum load); mark a municipality as a member
//! (or change its year), or end a membership.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::mentoring::membership::{mark_member, set_membership};
use crate::domain::mentoring::pairs::Mentor;
use crate::domain::validate::{municipality_named, optional_join_year, FieldError};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::{error_text, TextField};
use crate::ui::components::keyed::row_memo;
use crate::ui::components::municipality_input::MunicipalityInput;
use crate::ui::paths::href;
use crate::ui::today::now;

#[component]
pub fn MembersEditor(mentors: Memo<Vec<Mentor>>, max_load: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let end = move |id: String| {
        let change = store
            .data()
            .with_untracked(|d| set_membership(d, &id, None, now()));
        if let Ok(change) = change {
            crate::store::soon(store.change(change));
        }
    };
    view! {
        <section aria-labelledby="members-heading">
            <h2 id="members-heading">{t!(i18n, mentors.members_heading)}</h2>
            <p class="hint">{t!(i18n, mentors.members_hint)}</p>
            // Scrolls sideways on a phone: a region of its own name, so the keyboard reaches it.
            <div class="table-wrap" role="region" aria-label=move || t_string!(i18n, mentors.members_table) tabindex="0">
                <table class="ledger-table" data-testid="members">
                    <caption class="visually-hidden">{t!(i18n, mentors.members_heading)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, mentors.col_member)}</th>
                            <th scope="col">{t!(i18n, mentors.col_since)}</th>
                            <th scope="col">{t!(i18n, mentors.col_mentees)}</th>
                            <th scope="col"><span class="visually-hidden">{t!(i18n, mentors.col_actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || mentors.get() key=|m| m.org.id.clone() let(m)>
                            <MemberRow row=row_memo(mentors, m, |m| &m.org.id) max_load=max_load end=end/>
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || mentors.read().is_empty()>
                <p>{t!(i18n, mentors.no_members)}</p>
            </Show>
            <MarkMember/>
        </section>
    }
}

/// One member: its year, its mentees, and the button that ends the membership.
#[component]
fn MemberRow(
    row: Memo<Mentor>,
    max_load: Signal<usize>,
    end: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let load = Memo::new(move |_| row.read().mentees.len());
    let name = move || row.read().org.name.clone();
    view! {
        <tr>
            <th scope="row">
                <A href=move || href(&format!("/kommun/{}", row.read().org.slug))>{name}</A>
                <span class="muted">" (" {move || row.read().org.lan.clone()} ")"</span>
            </th>
            <td>{move || row.read().since.map_or_else(|| "–".to_owned(), |y| y.to_string())}</td>
            <td data-testid="load">
                {load}
                {move || { let m = row.read(); (!m.mentees.is_empty()).then(|| view! { <span class="muted">" (" {m.mentees.join(", ")} ")"</span> }) }}
                {move || (load.get() > max_load.get()).then(|| view! {
                    <p class="warning">{move || t_string!(i18n, mentors.load_warning, max = max_load.get())}</p>
                })}
            </td>
            <td>
                <button type="button" class="danger" on:click=move |_| end(row.read_untracked().org.id.clone())>
                    {t!(i18n, mentors.end_membership)}
                    <span class="visually-hidden">{move || t_string!(i18n, mentors.for_name, name = name())}</span>
                </button>
            </td>
        </tr>
    }
}

#[component]
fn MarkMember() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let text = RwSignal::new(String::new());
    let text_error = RwSignal::new(None::<FieldError>);
    let year = RwSignal::new(String::new());
    let year_error = RwSignal::new(None::<FieldError>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = municipality_named(&text.get_untracked());
        let since = optional_join_year(&year.get_untracked());
        text_error.set(code.as_ref().err().cloned());
        year_error.set(since.as_ref().err().cloned());
        let (Ok(code), Ok(since)) = (code, since) else {
            return;
        };
        match store
            .data()
            .with_untracked(|d| mark_member(d, &code, since, now()))
        {
            Ok(change) => {
                crate::store::then(store.change(change), move || {
                    text.set(String::new());
                    year.set(String::new());
                });
            }
            Err(_) => text_error.set(Some(FieldError::KommunkodUnknown)),
        }
    };
    view! {
        <form class="editor" on:submit=save novalidate>
            <h3>{t!(i18n, mentors.mark_heading)}</h3>
            <MunicipalityInput id="member-municipality" value=text
                message=Signal::derive(move || text_error.get().map(|e| error_text(i18n, &e)))/>
            <TextField id="member-since" label=Signal::derive(move || t_string!(i18n, mentors.since_label).to_owned())
                value=year error=year_error hint=Signal::derive(move || t_string!(i18n, mentors.since_hint).to_owned())/>
            <button type="submit">{t!(i18n, mentors.mark_submit)}</button>
        </form>
    }
}

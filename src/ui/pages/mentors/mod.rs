//! `/mentorer` (2007–08) and `/program/<slug>/mentorer` (a round): every participant with
//! its mentor, suggestions for the unpaired, Klimatkommunerna's members with their load in
//! the round, and the pairs for spreadsheets.

pub mod max_load_setting;
pub mod members_editor;
pub mod mentor_suggestions;
pub mod pairing_row;
pub mod pairs_table;

use leptos::prelude::*;

use crate::domain::mentoring::pairs::{counts, mentors, pairs};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::keyed::row_memo;
use crate::ui::components::list_download::ListDownload;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::round_scope::{elsewhere, scoped_title, use_scope, RoundNav, Scope};
use crate::ui::pages::mentors::max_load_setting::MaxLoadSetting;
use crate::ui::pages::mentors::members_editor::MembersEditor;
use crate::ui::pages::mentors::mentor_suggestions::MentorSuggestions;
use crate::ui::pages::mentors::pairing_row::PairingRow;
use crate::ui::pages::mentors::pairs_table::pairs_table;

#[component]
pub fn Mentors() -> impl IntoView {
    let scope = use_scope();
    move || {
        let scope = scope.get();
        elsewhere(&scope, "mentorer")
            .unwrap_or_else(|| view! { <MentorsOf scope=scope/> }.into_any())
    }
}

#[component]
fn MentorsOf(scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    let settings = store.settings();
    let max_load = Signal::derive(move || settings.read().max_mentor_load);
    let id = scope.programme_id().to_owned();
    let all = {
        let id = id.clone();
        Memo::new(move |_| pairs(&data.read(), &id))
    };
    let members = {
        let id = id.clone();
        Memo::new(move |_| mentors(&data.read(), &id))
    };
    let tally = {
        let id = id.clone();
        Memo::new(move |_| counts(&data.read(), &id))
    };
    let table = Callback::new(move |()| pairs_table(i18n, &all.get_untracked()));
    let (round, stem) = (scope.name(), scope.file_stem("mentorer"));
    let title = move || scoped_title(i18n, round, t_string!(i18n, mentors.title));
    let description = move || match round {
        Some(name) => t_string!(i18n, round.mentors_description, name = name.get()).to_string(),
        None => t_string!(i18n, mentors.description).to_owned(),
    };
    view! {
        <PageHead title=Signal::derive(title) description=Signal::derive(description)/>
        <RoundNav scope=scope.clone() current="mentorer"/>
        <h1>{t!(i18n, mentors.heading)}</h1>
        <p>{move || if round.is_some() { t_string!(i18n, round.mentors_intro) } else { t_string!(i18n, mentors.intro) }}</p>
        <p data-testid="pair-counts">
            {move || {
                let (paired, unpaired) = tally.get();
                t_string!(i18n, mentors.counts, paired = paired, total = paired + unpaired, members = members.read().len())
            }}
        </p>
        <ListDownload table=table stem=stem id="pairs-download"
            csv_label=Signal::derive(move || t_string!(i18n, mentors.export_csv))
            xlsx_label=Signal::derive(move || t_string!(i18n, mentors.export_xlsx))/>
        <MentorSuggestions programme_id=id max_load=max_load/>
        <section aria-labelledby="pairs-heading">
            <h2 id="pairs-heading">{t!(i18n, mentors.pairs_heading)}</h2>
            <ul class="pair-list">
                <For each=move || all.get() key=|p| p.participation_id.clone() let(p)>
                    <PairingRow pair=row_memo(all, p, |p| &p.participation_id) mentors=members max_load=max_load/>
                </For>
            </ul>
        </section>
        <MembersEditor mentors=members max_load=max_load/>
        <MaxLoadSetting/>
    }
}

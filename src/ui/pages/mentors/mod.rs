//! `/mentorer`: every coaching participant with its mentor, suggestions for the
//! unpaired, Klimatkommunerna's members with their load, and the pairs as CSV.

pub mod max_load_setting;
pub mod members_editor;
pub mod mentor_suggestions;
pub mod pairing_row;

use leptos::prelude::*;

use crate::domain::csv;
use crate::domain::pairs::{counts, mentors, pairs, Pair};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::labels::{nearness_label, pairing_error_label};
use crate::ui::components::page_head::PageHead;
use crate::ui::download::download;
use crate::ui::pages::mentors::max_load_setting::MaxLoadSetting;
use crate::ui::pages::mentors::members_editor::MembersEditor;
use crate::ui::pages::mentors::mentor_suggestions::MentorSuggestions;
use crate::ui::pages::mentors::pairing_row::PairingRow;
use crate::ui::today::today;

/// The pairs as CSV rows with a header in the reader's language.
fn csv_rows(i18n: leptos_i18n::I18nContext<Locale>, all: &[Pair]) -> Vec<Vec<String>> {
    let header = [
        t_string!(i18n, mentors.csv_participant),
        t_string!(i18n, mentors.csv_kommunkod),
        t_string!(i18n, mentors.csv_lan),
        t_string!(i18n, mentors.csv_mentor),
        t_string!(i18n, mentors.csv_mentor_kommunkod),
        t_string!(i18n, mentors.csv_mentor_lan),
        t_string!(i18n, mentors.csv_nearness),
        t_string!(i18n, mentors.csv_conflict),
    ]
    .map(str::to_owned)
    .to_vec();
    let mut rows = vec![header];
    rows.extend(all.iter().map(|p| {
        let m = p.mentor.as_ref();
        vec![
            p.participant.name.clone(),
            p.participant.kommunkod.clone(),
            p.participant.lan.clone(),
            m.map(|m| m.name.clone())
                .or_else(|| p.mentor_id.clone())
                .unwrap_or_default(),
            m.map(|m| m.kommunkod.clone()).unwrap_or_default(),
            m.map(|m| m.lan.clone()).unwrap_or_default(),
            p.nearness
                .map(|n| nearness_label(i18n, n).to_owned())
                .unwrap_or_default(),
            p.conflict
                .as_ref()
                .map(|e| pairing_error_label(i18n, e).to_owned())
                .unwrap_or_default(),
        ]
    }));
    rows
}

#[component]
pub fn Mentors() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    let settings = store.settings();
    let max_load = Signal::derive(move || settings.read().max_mentor_load);
    let all = Memo::new(move |_| pairs(&data.read()));
    let members = Memo::new(move |_| mentors(&data.read()));
    let tally = Memo::new(move |_| counts(&data.read()));
    let export = move |_| {
        let text = csv::write(&csv_rows(i18n, &all.get_untracked()));
        download(
            &format!("klimatcoachning-mentorer-{}.csv", today()),
            "text/csv;charset=utf-8",
            &text,
        );
    };
    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, mentors.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, mentors.description).to_owned())
        />
        <h1>{t!(i18n, mentors.heading)}</h1>
        <p>{t!(i18n, mentors.intro)}</p>
        <p data-testid="pair-counts">
            {move || {
                let (paired, unpaired) = tally.get();
                t_string!(i18n, mentors.counts, paired = paired, total = paired + unpaired, members = members.read().len())
            }}
        </p>
        <p><button type="button" on:click=export>{t!(i18n, mentors.export_csv)}</button></p>
        <MentorSuggestions max_load=max_load/>
        <section aria-labelledby="pairs-heading">
            <h2 id="pairs-heading">{t!(i18n, mentors.pairs_heading)}</h2>
            <ul class="pair-list">
                <For each=move || all.get() key=|p| p.participation_id.clone() let:p>
                    <PairingRow participation_id=p.participation_id.clone() pairs=all mentors=members max_load=max_load/>
                </For>
            </ul>
        </section>
        <MembersEditor mentors=members max_load=max_load/>
        <MaxLoadSetting/>
    }
}

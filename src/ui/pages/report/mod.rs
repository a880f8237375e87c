//! `/rapport` (2007–08 or its pilot) and `/program/<slug>/rapport` (a round): the programme
//! report, made from the data in this browser as it stood at the end of a chosen day, in
//! the chosen language. It prints on A4 (a section a page,
//! no navigation, the data's state in its head), and its programme, day and language
//! live in the URL, so a link gives the same report.

pub mod charts;
pub mod claims;
pub mod sections;

use leptos::prelude::*;

use crate::domain::model::ProgrammeKind;
use crate::domain::report::{report, ReportQuery};
use crate::domain::validate::optional_date;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::field::TextField;
use crate::ui::components::labels::programme_label;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::round_scope::{elsewhere, scoped_title, use_scope, RoundNav, Scope};
use crate::ui::format;
use crate::ui::paths::with_query;
use crate::ui::today::today;
use crate::ui::url_query::use_url_query;

fn locale_word(l: Locale) -> &'static str {
    match l {
        Locale::sv => "sv",
        Locale::en => "en",
    }
}

fn programme_word(p: ProgrammeKind) -> &'static str {
    match p {
        ProgrammeKind::Coaching => "coaching",
        ProgrammeKind::PilotLan => "pilotlan",
    }
}

#[component]
pub fn Report() -> impl IntoView {
    let scope = use_scope();
    move || {
        let scope = scope.get();
        elsewhere(&scope, "rapport").unwrap_or_else(|| view! { <ReportOf scope=scope/> }.into_any())
    }
}

#[component]
fn ReportOf(scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    let path = scope.path("rapport");
    let url = use_url_query(
        path.clone(),
        &["program", "per", "lang"],
        |p| ReportQuery::from_pairs(p.iter().copied()),
        ReportQuery::to_pairs,
    );
    let query = url.query;
    let round = scope.name();
    // A link's language is the report's: set before anything is drawn, so the first
    // drawing is already in it. It is not saved as the reader's own choice.
    match query.with_untracked(|q| q.language.clone()).as_deref() {
        Some("sv") => i18n.set_locale(Locale::sv),
        Some("en") => i18n.set_locale(Locale::en),
        _ => {}
    }
    // The address follows the language the reader switches to, so a copied address
    // gives what they see.
    Effect::new(move |_| {
        let word = locale_word(i18n.get_locale());
        let mut q = query.get_untracked();
        if q.language.as_deref().is_some_and(|l| l != word) {
            q.language = Some(word.to_owned());
            url.set(q, true);
        }
    });

    let as_of_text = RwSignal::new(
        query
            .with_untracked(|q| q.as_of)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let as_of_error = RwSignal::new(None);
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match optional_date(&as_of_text.get_untracked()) {
            Ok(day) => {
                as_of_error.set(None);
                let mut q = query.get_untracked();
                q.as_of = day;
                url.set(q, false);
            }
            Err(e) => as_of_error.set(Some(e)),
        }
    };
    let choose_programme = move |ev: leptos::ev::Event| {
        let mut q = query.get_untracked();
        q.programme = match event_target_value(&ev).as_str() {
            "pilotlan" => ProgrammeKind::PilotLan,
            _ => ProgrammeKind::Coaching,
        };
        url.set(q, false);
    };
    // The link that gives this very report: its day written out, and its language.
    let link = Memo::new(move |_| {
        let mut q = query.get();
        q.as_of = Some(q.as_of.unwrap_or_else(today));
        q.language = Some(locale_word(i18n.get_locale()).to_owned());
        with_query(&path, &q.to_pairs())
    });
    let print = move |_| {
        charts::open_tables();
        let _ = window().print();
    };
    // Ctrl+P too prints the tables under the charts.
    let on_before_print = window_event_listener(leptos::ev::beforeprint, |_| charts::open_tables());
    on_cleanup(move || on_before_print.remove());

    let id = scope.programme_id().to_owned();
    let built = Memo::new(move |_| {
        let mut q = query.get();
        // A round's report is of the round: the pilot is 2007–08's.
        if round.is_some() {
            q.programme = ProgrammeKind::Coaching;
        }
        report(&data.read(), &id, &q, today())
    });
    let title = move || scoped_title(i18n, round, t_string!(i18n, report.title));
    let description = move || match round {
        Some(name) => t_string!(i18n, round.report_description, name = name.get()).to_string(),
        None => t_string!(i18n, report.description).to_owned(),
    };
    view! {
        <PageHead title=Signal::derive(title) description=Signal::derive(description)/>
        <RoundNav scope=scope.clone() current="rapport"/>
        <form class="filters report-controls" on:submit=show novalidate>
            {round.is_none().then(|| view! {
                <div class="field">
                    <label for="report-programme">{t!(i18n, report.programme_label)}</label>
                    <select id="report-programme" on:change=choose_programme
                        prop:value=move || programme_word(query.read().programme)>
                        {[ProgrammeKind::Coaching, ProgrammeKind::PilotLan].into_iter().map(|p| view! {
                            <option value=programme_word(p)>{move || programme_label(i18n, p)}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <TextField id="report-as-of".to_owned()
                label=Signal::derive(move || t_string!(i18n, report.as_of_label).to_owned())
                value=as_of_text error=as_of_error date=true
                hint=Signal::derive(move || t_string!(i18n, report.as_of_hint).to_owned())/>
            <p class="actions">
                <button type="submit" class="secondary">{t!(i18n, report.show)}</button>
                <button type="button" on:click=print>{t!(i18n, report.print)}</button>
                <a href=move || link.get() data-testid="report-link">{t!(i18n, report.link)}</a>
            </p>
        </form>
        {move || {
            let r = built.get();
            // Drawn anew in the other language when the reader switches.
            let _ = i18n.get_locale();
            let name = match round {
                Some(name) => name.get(),
                None => programme_label(i18n, r.query.programme).to_owned(),
            };
            view! {
                <ReportHead as_of=r.as_of name=name/>
                {sections::sections(i18n, &r)}
            }
        }}
    }
}

/// The report's head: what it is, the day it shows, and the state of the data it is
/// made from (a printout says how current it was).
#[component]
fn ReportHead(as_of: chrono::NaiveDate, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let backup = use_store().backup();
    let exported = move || match backup.read().last_export {
        Some(t) => t_string!(i18n, report.last_export, when = format::date_time(i18n, t)),
        None => t_string!(i18n, report.never_exported).to_owned(),
    };
    view! {
        <header class="report-head">
            <h1>{t_string!(i18n, report.heading, programme = name)}</h1>
            <p class="report-day" data-testid="report-as-of">
                {move || t_string!(i18n, report.as_of, date = format::date(i18n, as_of))}
            </p>
            <p class="hint" data-testid="report-state">
                {exported} " "
                {move || t_string!(i18n, report.changes_since, count = backup.read().changes)} " "
                {move || t_string!(i18n, report.made_on, date = format::date(i18n, today()))}
            </p>
        </header>
    }
}

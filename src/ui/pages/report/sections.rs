//! The report's sections, drawn from a finished [`Report`]: each a `<section>` that
//! prints on a page of its own. The coaching report has them all; the pilot-län report
//! its programme, its participants, its events and the sources.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

use crate::domain::commitment::Outcome;
use crate::domain::model::{Dataset, EventKind, Fact, LedgerKind, ProgrammeKind};
use crate::domain::programme::applicants::RoundFunnel;
use crate::domain::report::Report;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::labels::{
    event_kind_label, ledger_kind_label, pilot_status_label, status_short,
};
use crate::ui::components::source_list::SourceList;
use crate::ui::components::source_ref::SourceRef;
use crate::ui::format;
use crate::ui::pages::report::charts::{BarChart, Column, ColumnChart, Series, Unit};
use crate::ui::pages::report::claims::claims;
use crate::ui::paths::href;

pub fn outcome_label(i18n: I18nContext<Locale>, o: Outcome) -> &'static str {
    match o {
        Outcome::Met => t_string!(i18n, report.met),
        Outcome::MetLate => t_string!(i18n, report.met_late),
        Outcome::Overdue => t_string!(i18n, report.overdue),
        Outcome::Open => t_string!(i18n, report.open),
    }
}

fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Met => "tone-ok",
        Outcome::MetLate => "tone-warn",
        Outcome::Overdue => "tone-bad",
        Outcome::Open => "tone-open",
    }
}

fn or_none(i18n: I18nContext<Locale>, v: Option<String>) -> String {
    v.unwrap_or_else(|| t_string!(i18n, common.not_recorded).to_owned())
}

pub fn sections(i18n: I18nContext<Locale>, r: &Report) -> impl IntoView + use<> {
    let data = use_store().data();
    let d = data.read_untracked();
    let coaching = r.query.programme == ProgrammeKind::Coaching;
    view! {
        {programme(i18n, &d, &r.programme_id)}
        {r.funnel.map(|f| funnel(i18n, f))}
        {coaching.then(|| view! {
            {participants(i18n, r)}
            {money(i18n, r)}
            {mentoring(i18n, r)}
        })}
        {events(i18n, r)}
        {(!r.pilot.is_empty()).then(|| pilot(i18n, r))}
        {(coaching && !r.claims.is_empty()).then(|| claims(i18n, r))}
        // A round made in the app cites no document: its terms are what a person entered.
        {r.funnel.is_none().then(|| view! {
            <section class="report-section" aria-labelledby="r-sources">
                <h2 id="r-sources">{t!(i18n, report.sources_heading)}</h2>
                <SourceList/>
            </section>
        })}
    }
}

fn fact_row(label: String, value: String, source: String) -> impl IntoView {
    view! {
        <dt>{label}</dt>
        <dd>{value} " " <SourceRef id=source/></dd>
    }
}

fn programme(i18n: I18nContext<Locale>, d: &Dataset, id: &str) -> impl IntoView + use<> {
    let Some(p) = d.programmes.iter().find(|p| p.meta.id == id).cloned() else {
        return ().into_any();
    };
    let text = |f: &Option<Fact<String>>, label: &str| {
        f.as_ref()
            .map(|f| fact_row(label.to_owned(), f.value.clone(), f.source.clone()))
    };
    let number = |f: &Option<Fact<u32>>, label: &str, show: &dyn Fn(u32) -> String| {
        f.as_ref()
            .map(|f| fact_row(label.to_owned(), show(f.value), f.source.clone()))
    };
    let count = |n: u32| format::number(i18n, n.into());
    let kronor = |n: u32| format::kronor(i18n, n.into());
    let years = |n: u32| t_string!(i18n, report.years_value, years = n);
    let period = p.period.as_ref().map(|f| {
        fact_row(
            t_string!(i18n, report.period).to_owned(),
            format!(
                "{} – {}",
                format::date(i18n, f.value.start),
                format::date(i18n, f.value.end)
            ),
            f.source.clone(),
        )
    });
    view! {
        <section class="report-section" aria-labelledby="r-programme">
            <h2 id="r-programme">{t!(i18n, report.programme_heading)}</h2>
            <dl class="facts">
                {fact_row(t_string!(i18n, report.name).to_owned(), p.name.value.clone(), p.name.source.clone())}
                {fact_row(t_string!(i18n, report.organiser).to_owned(), p.organiser.value.clone(), p.organiser.source.clone())}
                {text(&p.financed_by, t_string!(i18n, report.financed_by))}
                {text(&p.call, t_string!(i18n, report.call))}
                {period}
                {number(&p.max_population, t_string!(i18n, report.max_population), &count)}
                {number(&p.applicants, t_string!(i18n, report.applicants), &count)}
                {number(&p.selected, t_string!(i18n, report.selected), &count)}
                {number(&p.participants_reported, t_string!(i18n, report.reported), &count)}
                {number(&p.grant_per_participant_kr, t_string!(i18n, report.grant), &kronor)}
                {number(&p.min_local_contribution_kr, t_string!(i18n, report.contribution), &kronor)}
                {number(&p.commitment_years, t_string!(i18n, report.commitment), &years)}
                {text(&p.purpose, t_string!(i18n, report.purpose))}
            </dl>
        </section>
    }
    .into_any()
}

/// A round run in the app: how it narrowed, as its overview shows it.
fn funnel(i18n: I18nContext<Locale>, f: RoundFunnel) -> impl IntoView + use<> {
    view! {
        <section class="report-section" aria-labelledby="r-funnel">
            <h2 id="r-funnel">{t!(i18n, round.funnel_heading)}</h2>
            <ol class="funnel">
                <li>
                    <span class="figure" data-testid="report-applied">{f.applied}</span>
                    <span class="figure-label">{t!(i18n, round.applied)}</span>
                </li>
                <li>
                    <span class="figure" data-testid="report-selected">{f.selected}</span>
                    <span class="figure-label">{t!(i18n, round.selected)}</span>
                </li>
                <li>
                    <span class="figure" data-testid="report-taking-part">{f.taking_part}</span>
                    <span class="figure-label">{t!(i18n, round.taking_part)}</span>
                </li>
            </ol>
        </section>
    }
}

fn participants(i18n: I18nContext<Locale>, r: &Report) -> impl IntoView + use<> {
    let series: Vec<Series> = Outcome::ALL
        .iter()
        .map(|o| Series {
            name: outcome_label(i18n, *o).to_owned(),
            class: outcome_class(*o),
        })
        .collect();
    let columns: Vec<Column> = r
        .series
        .iter()
        .map(|m| Column {
            name: format::month(i18n, m.month),
            tick: (m.month.format("%m").to_string() == "01" || m.month == r.series[0].month)
                .then(|| m.month.format("%Y").to_string()),
            values: Outcome::ALL
                .iter()
                .map(|o| u64::from(m.counts.get(o).copied().unwrap_or(0)))
                .collect(),
        })
        .collect();
    let undated = r.undated.clone();
    let counted = r.participants.len() - undated.len();
    let lines = r.participants.clone();
    let outcomes = r.outcomes.clone();
    view! {
        <section class="report-section" aria-labelledby="r-participants">
            <h2 id="r-participants">{t!(i18n, report.participants_heading)}</h2>
            <p>{t_string!(i18n, report.participants_intro, count = r.participants.len(), years = r.years)}</p>
            <table class="report-table outcomes" data-testid="outcomes">
                <caption>{t!(i18n, report.outcomes_caption)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, report.outcome_col)}</th>
                    <th scope="col" class="amount">{t!(i18n, report.count_col)}</th>
                </tr></thead>
                <tbody>
                    {Outcome::ALL.into_iter().map(|o| view! {
                        <tr>
                            <th scope="row"><span class=format!("swatch {}", outcome_class(o)) aria-hidden="true"></span>{outcome_label(i18n, o)}</th>
                            <td class="amount">{outcomes.get(&o).copied().unwrap_or(0)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="hint">{t!(i18n, report.outcome_rules)}</p>
            {(!columns.is_empty()).then(|| view! {
                <ColumnChart id="chart-status"
                    name=t_string!(i18n, report.status_chart, count = counted).to_owned()
                    x_head=t_string!(i18n, report.month_col).to_owned()
                    series=series columns=columns unit=Unit::Count/>
            })}
            {(!undated.is_empty()).then(|| view! {
                <p class="hint" data-testid="undated-adoptions">
                    {t_string!(i18n, report.undated, names = undated.join(", "))}
                </p>
            })}
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="r-participants-table">
                <table class="report-table" data-testid="participant-table">
                    <caption id="r-participants-table">{t!(i18n, report.participants_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, report.municipality_col)}</th>
                        <th scope="col">{t!(i18n, report.letter_col)}</th>
                        <th scope="col">{t!(i18n, report.due_col)}</th>
                        <th scope="col">{t!(i18n, report.status_col)}</th>
                        <th scope="col">{t!(i18n, report.adopted_col)}</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|l| {
                            let adopted = l.adoption.as_ref().map(|a| view! {
                                {format::adoption(i18n, a)}
                                {a.source.clone().map(|s| view! { " " <SourceRef id=s/> })}
                            });
                            view! {
                                <tr>
                                    <th scope="row"><A href=href(&format!("/kommun/{}", l.slug))>{l.name.clone()}</A></th>
                                    <td>{or_none(i18n, l.letter_of_intent.map(|d| format::date(i18n, d)))}</td>
                                    <td>{or_none(i18n, l.due.map(|d| format::date(i18n, d)))}</td>
                                    <td>{status_short(i18n, l.status)}</td>
                                    <td>{adopted}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn money(i18n: I18nContext<Locale>, r: &Report) -> impl IntoView + use<> {
    let m = r.money.clone();
    let kinds = [LedgerKind::Investigation, LedgerKind::Measure];
    let rows: Vec<(String, Vec<u64>)> = kinds
        .iter()
        .map(|k| {
            let of = |list: &[(LedgerKind, u64)]| {
                list.iter().find(|(x, _)| x == k).map_or(0, |(_, v)| *v)
            };
            (
                ledger_kind_label(i18n, *k).to_owned(),
                vec![of(&m.grant_by_kind), of(&m.contribution_by_kind)],
            )
        })
        .collect();
    let series = vec![
        Series {
            name: t_string!(i18n, report.grant_used).to_owned(),
            class: "tone-grant",
        },
        Series {
            name: t_string!(i18n, report.contribution_recorded).to_owned(),
            class: "tone-contribution",
        },
    ];
    let lines = r.participants.clone();
    view! {
        <section class="report-section" aria-labelledby="r-money">
            <h2 id="r-money">{t!(i18n, report.money_heading)}</h2>
            <dl class="facts" data-testid="money">
                <dt>{t!(i18n, report.grant_used)}</dt>
                <dd>{t_string!(i18n, overview.of_total, part = format::kronor(i18n, m.grant_kr), total = format::kronor(i18n, m.grant_available_kr))}</dd>
                <dt>{t!(i18n, report.contribution_recorded)}</dt>
                <dd>{t_string!(i18n, overview.of_minimum, part = format::kronor(i18n, m.contribution_kr), total = format::kronor(i18n, m.contribution_required_kr))}</dd>
                <dt>{t!(i18n, report.reached_minimum_label)}</dt>
                <dd>{t_string!(i18n, report.reached_minimum, count = m.reached_minimum, of = lines.len())}</dd>
            </dl>
            <BarChart id="chart-money" name=t_string!(i18n, report.money_chart).to_owned()
                row_head=t_string!(i18n, report.kind_col).to_owned()
                series=series rows=rows unit=Unit::Kronor/>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="r-money-table">
                <table class="report-table" data-testid="money-table">
                    <caption id="r-money-table">{t!(i18n, report.money_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, report.municipality_col)}</th>
                        <th scope="col" class="amount">{t!(i18n, report.grant_used)}</th>
                        <th scope="col" class="amount">{t!(i18n, report.contribution_recorded)}</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|l| view! {
                            <tr>
                                <th scope="row">{l.name}</th>
                                <td class="amount">{format::kronor(i18n, l.grant_kr)}</td>
                                <td class="amount">{format::kronor(i18n, l.contribution_kr)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn mentoring(i18n: I18nContext<Locale>, r: &Report) -> impl IntoView + use<> {
    let m = r.mentoring.clone();
    let with = m
        .pairs
        .iter()
        .filter(|(_, mentor)| mentor.is_some())
        .count();
    let of = m.pairs.len();
    view! {
        <section class="report-section" aria-labelledby="r-mentoring">
            <h2 id="r-mentoring">{t!(i18n, report.mentoring_heading)}</h2>
            <p data-testid="mentor-count">{t_string!(i18n, report.with_mentor, count = with, of = of)}</p>
            <p class="hint">{t!(i18n, report.mentoring_undated)}</p>
            {(!m.loads.is_empty()).then(|| view! {
                <h3>{t!(i18n, report.loads_heading)}</h3>
                <ul>
                    {m.loads.iter().map(|(name, n)| view! {
                        <li>{t_string!(i18n, report.load, name = name.clone(), count = *n)}</li>
                    }).collect_view()}
                </ul>
            })}
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="r-pairs-table">
                <table class="report-table">
                    <caption id="r-pairs-table">{t!(i18n, report.pairs_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, report.municipality_col)}</th>
                        <th scope="col">{t!(i18n, report.mentor_col)}</th>
                    </tr></thead>
                    <tbody>
                        {m.pairs.into_iter().map(|(name, mentor)| view! {
                            <tr><th scope="row">{name}</th><td>{or_none(i18n, mentor)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn events(i18n: I18nContext<Locale>, r: &Report) -> impl IntoView + use<> {
    let e = r.events.clone();
    let columns: Vec<Column> = e
        .per_month
        .iter()
        .enumerate()
        .map(|(i, (month, n))| Column {
            name: format::month(i18n, *month),
            tick: (i == 0 || month.format("%m").to_string() == "01")
                .then(|| month.format("%Y").to_string()),
            values: vec![u64::from(*n)],
        })
        .collect();
    let total: u32 = e.by_kind.iter().map(|(_, n)| n).sum();
    view! {
        <section class="report-section" aria-labelledby="r-events">
            <h2 id="r-events">{t!(i18n, report.events_heading)}</h2>
            <table class="report-table" data-testid="events-by-kind">
                <caption>{t!(i18n, report.events_caption)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, report.kind_col)}</th>
                    <th scope="col" class="amount">{t!(i18n, report.count_col)}</th>
                </tr></thead>
                <tbody>
                    {e.by_kind.iter().map(|(k, n)| view! {
                        <tr><th scope="row">{event_kind_label(i18n, *k)}</th><td class="amount">{*n}</td></tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">{t!(i18n, report.total)}</th><td class="amount">{total}</td></tr></tfoot>
            </table>
            {if columns.is_empty() {
                view! { <p class="hint">{t!(i18n, report.no_dated_events)}</p> }.into_any()
            } else {
                view! {
                    <ColumnChart id="chart-events" name=t_string!(i18n, report.events_chart).to_owned()
                        x_head=t_string!(i18n, report.month_col).to_owned()
                        series=vec![Series { name: t_string!(i18n, report.events_col).to_owned(), class: "tone-events" }]
                        columns=columns unit=Unit::Count/>
                }.into_any()
            }}
            {(e.undated > 0).then(|| view! {
                <p class="hint">{t_string!(i18n, report.undated_events, count = e.undated)}</p>
            })}
            <h3>{event_kind_label(i18n, EventKind::CakeOfTheMonth)}</h3>
            {if e.cakes.is_empty() {
                view! { <p class="hint">{t!(i18n, report.no_cakes)}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="cakes">
                        {e.cakes.iter().map(|(month, names)| view! {
                            <li>{format::month(i18n, *month)} ": " {or_none(i18n, (!names.is_empty()).then(|| names.join(", ")))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn pilot(i18n: I18nContext<Locale>, r: &Report) -> impl IntoView + use<> {
    let lines = r.pilot.clone();
    view! {
        <section class="report-section" aria-labelledby="r-pilot">
            <h2 id="r-pilot">{t!(i18n, report.pilot_heading)}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="r-pilot-table">
                <table class="report-table" data-testid="pilot-table">
                    <caption id="r-pilot-table">{t!(i18n, report.pilot_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, report.participant_col)}</th>
                        <th scope="col">{t!(i18n, report.status_col)}</th>
                        <th scope="col" class="amount">{t!(i18n, report.sessions_col)}</th>
                        <th scope="col">{t!(i18n, report.last_session_col)}</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|l| view! {
                            <tr>
                                <th scope="row"><A href=href(&format!("/kommun/{}", l.slug))>{l.name}</A></th>
                                <td>{pilot_status_label(i18n, l.status)}</td>
                                <td class="amount">{l.sessions}</td>
                                <td>{or_none(i18n, l.last_session.map(|d| format::date(i18n, d)))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

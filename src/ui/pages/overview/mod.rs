//! `/`: the programme at a glance.

pub mod timeline;

use leptos::prelude::*;

use crate::domain::commitment::CommitmentStatus;
use crate::domain::model::{Dataset, Fact, Programme, ProgrammeKind};
use crate::domain::municipalities::county;
use crate::domain::overview::{commitments_by_status, funnel, money_totals, recent_events};
use crate::domain::seed::COACHING_ID;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::labels::status_label;
use crate::ui::components::notes::ProgrammeNotes;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::source_list::SourceList;
use crate::ui::components::source_ref::SourceRef;
use crate::ui::format;
use crate::ui::pages::overview::timeline::Timeline;
use crate::ui::today::today;

#[component]
pub fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, overview.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, overview.description).to_owned())
        />
        <h1>{t!(i18n, overview.heading)}</h1>
        <Intro/>
        <FunnelSection/>
        <PeriodSection/>
        <RulesSection/>
        <ProgressSection/>
        <OutcomeSection/>
        <ParticipantsSection/>
        <PilotSection/>
        <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t!(i18n, overview.notes_heading)}</h2>
            <ProgrammeNotes kind=ProgrammeKind::Coaching/>
        </section>
        <section aria-labelledby="sources-heading">
            <h2 id="sources-heading">{t!(i18n, overview.sources_heading)}</h2>
            <SourceList/>
        </section>
    }
}

/// What a section shows of the data, as a memo: the section follows an undo, an import
/// or another tab's save, and is not drawn again for a change elsewhere.
fn from_data<T>(f: impl Fn(&Dataset) -> T + Send + Sync + 'static) -> Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let data = use_store().data();
    Memo::new(move |_| f(&data.read()))
}

/// A sourced text from the data, with its source link.
fn sourced_text(f: &Fact<String>) -> impl IntoView + use<> {
    let source = f.source.clone();
    view! { {f.value.clone()} " " <SourceRef id=source/> }
}

#[component]
fn Intro() -> impl IntoView {
    let i18n = use_i18n();
    let facts = from_data(|d| {
        let p = d.programme(ProgrammeKind::Coaching);
        (
            p.map(|p| p.name.clone()),
            p.map(|p| p.organiser.clone()),
            p.and_then(|p| p.purpose.clone()),
        )
    });
    move || {
        let (name, organiser, purpose) = facts.get();
        view! {
            <p class="lead">
                {name.map(|n| view! { <strong>{n.value.clone()}</strong> " " <SourceRef id=n.source.clone()/> })}
            </p>
            {organiser.map(|o| view! {
                <p>{t!(i18n, overview.organised_by)} " " {sourced_text(&o)}</p>
            })}
            {purpose.map(|p| view! { <p>{sourced_text(&p)}</p> })}
        }
    }
}

#[component]
fn FunnelSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let f = Memo::new(move |_| funnel(&data.read()));
    let sources = from_data(|d| {
        let p = d.programme(ProgrammeKind::Coaching);
        (
            p.and_then(|p| p.applicants.as_ref())
                .map(|f| f.source.clone()),
            p.and_then(|p| p.selected.as_ref())
                .map(|f| f.source.clone()),
            p.and_then(|p| p.participants_reported.as_ref())
                .map(|f| (f.value, f.source.clone())),
        )
    });
    let count = move |n: Option<u32>| {
        n.map_or_else(
            || t_string!(i18n, common.not_recorded).to_owned(),
            |n| n.to_string(),
        )
    };
    view! {
        <section aria-labelledby="funnel-heading">
            <h2 id="funnel-heading">{t!(i18n, overview.funnel_heading)}</h2>
            <ol class="funnel">
                <li>
                    <span class="figure" data-testid="applied">{move || count(f.read().applied)}</span>
                    <span class="figure-label">{t!(i18n, overview.applied)}</span>
                    {move || sources.get().0.map(|s| view! { <SourceRef id=s/> })}
                </li>
                <li>
                    <span class="figure" data-testid="selected">{move || count(f.read().selected)}</span>
                    <span class="figure-label">{t!(i18n, overview.selected)}</span>
                    {move || sources.get().1.map(|s| view! { <SourceRef id=s/> })}
                </li>
                <li>
                    <span class="figure" data-testid="listed">{move || f.read().listed}</span>
                    <span class="figure-label">{t!(i18n, overview.listed)}</span>
                    <SourceRef id="S1"/>
                </li>
            </ol>
            <Show when=move || { f.read().unnamed() > 0 }>
                <p class="discrepancy" role="note">
                    {move || {
                        let f = f.read();
                        t_string!(
                            i18n,
                            overview.discrepancy,
                            selected = count(f.selected),
                            listed = f.listed,
                            unnamed = f.unnamed()
                        )
                    }}
                    {move || sources.get().2.map(|(n, s)| view! {
                        " " {move || t_string!(i18n, overview.discrepancy_reported, reported = n)}
                        " " <SourceRef id=s.clone()/>
                    })}
                    " " {t!(i18n, overview.discrepancy_no_source)}
                </p>
            </Show>
        </section>
    }
}

#[component]
fn PeriodSection() -> impl IntoView {
    let i18n = use_i18n();
    let facts = from_data(|d| {
        let p = d.programme(ProgrammeKind::Coaching);
        (
            p.and_then(|p| p.period.clone()),
            p.and_then(|p| p.call.clone()),
        )
    });
    view! {
        <section aria-labelledby="period-heading">
            <h2 id="period-heading">{t!(i18n, overview.period_heading)}</h2>
            {move || facts.get().1.map(|c| view! { <p>{t!(i18n, overview.call)} " " {sourced_text(&c)}</p> })}
            {move || facts.get().0.map(|p| view! {
                <p class="period-text">
                    <span data-testid="period-start">{p.value.start.to_string()}</span>
                    " – "
                    <span data-testid="period-end">{p.value.end.to_string()}</span>
                    " " <SourceRef id=p.source.clone()/>
                </p>
                <Timeline period=p.value/>
            })}
        </section>
    }
}

#[component]
fn RulesSection() -> impl IntoView {
    let i18n = use_i18n();
    let programme = from_data(|d| d.programme(ProgrammeKind::Coaching).cloned());
    move || programme.get().map(|p| rules(i18n, p))
}

fn rules(i18n: leptos_i18n::I18nContext<Locale>, p: Programme) -> impl IntoView {
    let max_pop = p.max_population.clone();
    let grant = p.grant_per_participant_kr.clone();
    let contribution = p.min_local_contribution_kr.clone();
    let years = p.commitment_years.clone();
    view! {
        <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">{t!(i18n, overview.rules_heading)}</h2>
            <dl class="rules">
                {max_pop.map(|f| view! {
                    <dt>{t!(i18n, overview.rule_eligibility)}</dt>
                    <dd>
                        {move || t_string!(i18n, overview.rule_eligibility_value, count = format::number(i18n, f.value.into()))}
                        " " <SourceRef id=f.source.clone()/>
                    </dd>
                })}
                {grant.map(|f| view! {
                    <dt>{t!(i18n, overview.rule_grant)}</dt>
                    <dd>
                        <span data-testid="grant">{move || format::kronor(i18n, f.value.into())}</span>
                        " " {t!(i18n, overview.rule_grant_use)} " " <SourceRef id=f.source.clone()/>
                    </dd>
                })}
                {contribution.map(|f| view! {
                    <dt>{t!(i18n, overview.rule_contribution)}</dt>
                    <dd>
                        {move || t_string!(i18n, overview.rule_contribution_value, amount = format::kronor(i18n, f.value.into()))}
                        " " <SourceRef id=f.source.clone()/>
                    </dd>
                })}
                {years.map(|f| view! {
                    <dt>{t!(i18n, overview.rule_commitment)}</dt>
                    <dd>
                        {move || t_string!(i18n, overview.rule_commitment_value, years = f.value)}
                        " " <SourceRef id=f.source.clone()/>
                    </dd>
                })}
            </dl>
            <h3>{t!(i18n, overview.support_heading)}</h3>
            <ul>{p.support.iter().map(|f| view! { <li>{sourced_text(f)}</li> }).collect_view()}</ul>
            <h3>{t!(i18n, overview.obligations_heading)}</h3>
            <ul>{p.obligations.iter().map(|f| view! { <li>{sourced_text(f)}</li> }).collect_view()}</ul>
            <h3>{t!(i18n, overview.incentives_heading)}</h3>
            <ul>{p.incentives.iter().map(|f| view! { <li>{sourced_text(f)}</li> }).collect_view()}</ul>
        </section>
    }
}

#[component]
fn ProgressSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let counts = Memo::new(move |_| commitments_by_status(&data.read(), COACHING_ID, today()));
    let money = Memo::new(move |_| money_totals(&data.read(), COACHING_ID));
    let events = Memo::new(move |_| {
        recent_events(&data.read(), 5)
            .into_iter()
            .map(|e| (e.meta.id.clone(), e.date, e.title.clone()))
            .collect::<Vec<_>>()
    });
    view! {
        <section aria-labelledby="progress-heading">
            <h2 id="progress-heading">{t!(i18n, overview.progress_heading)}</h2>
            <h3>{t!(i18n, overview.commitments_heading)}</h3>
            <table class="status-table">
                <caption class="visually-hidden">{t!(i18n, overview.commitments_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, overview.status_col)}</th>
                        <th scope="col">{t!(i18n, overview.count_col)}</th>
                    </tr>
                </thead>
                <tbody>
                    {CommitmentStatus::ALL
                        .into_iter()
                        .map(|s| view! {
                            <tr>
                                <th scope="row">{move || status_label(i18n, s)}</th>
                                <td>{move || counts.read().get(&s).copied().unwrap_or(0)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="hint">{t!(i18n, overview.commitments_hint)}</p>
            <h3>{t!(i18n, overview.money_heading)}</h3>
            <dl class="money">
                <dt>{t!(i18n, overview.grant_used)}</dt>
                <dd>{move || {
                    let m = money.read();
                    t_string!(i18n, overview.of_total, part = format::kronor(i18n, m.grant_used_kr), total = format::kronor(i18n, m.grant_available_kr))
                }}</dd>
                <dt>{t!(i18n, overview.contribution_recorded)}</dt>
                <dd>{move || {
                    let m = money.read();
                    t_string!(i18n, overview.of_minimum, part = format::kronor(i18n, m.contribution_kr), total = format::kronor(i18n, m.contribution_required_kr))
                }}</dd>
            </dl>
            <h3>{t!(i18n, overview.events_heading)}</h3>
            <Show
                when=move || !events.read().is_empty()
                fallback=move || view! { <p class="hint">{t!(i18n, overview.no_dated_events)}</p> }
            >
                <ul>
                    {move || events.get().into_iter().map(|(_, date, title)| view! {
                        <li>{date.map(|d| format::date(i18n, d))} " " {title}</li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn OutcomeSection() -> impl IntoView {
    let i18n = use_i18n();
    let facts = from_data(|d| {
        let p = d.programme(ProgrammeKind::Coaching);
        (
            p.and_then(|p| p.outcome.clone()),
            p.and_then(|p| p.financed_by.clone()),
        )
    });
    view! {
        <section aria-labelledby="outcome-heading">
            <h2 id="outcome-heading">{t!(i18n, overview.outcome_heading)}</h2>
            {move || facts.get().0.map(|o| view! { <p>{sourced_text(&o)}</p> })}
            {move || facts.get().1.map(|f| view! { <p>{t!(i18n, overview.financed_by)} " " {sourced_text(&f)}</p> })}
        </section>
    }
}

/// Name and län of each participant in a programme, in dataset order.
fn participant_names(d: &Dataset, kind: ProgrammeKind) -> Vec<(String, String)> {
    d.participations_in(kind)
        .filter_map(|p| d.organisation(&p.organisation_id))
        .map(|o| {
            let lan = county(&o.lanskod.value)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            (o.name.clone(), lan)
        })
        .collect()
}

#[component]
fn ParticipantsSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let names = Memo::new(move |_| participant_names(&data.read(), ProgrammeKind::Coaching));
    view! {
        <section aria-labelledby="participants-heading">
            <h2 id="participants-heading">
                {t!(i18n, overview.participants_heading)} " " <SourceRef id="S1"/>
            </h2>
            <ul class="participants" data-testid="participants">
                {move || names.get().into_iter().map(|(name, lan)| view! {
                    <li>{name} <span class="lan">{lan}</span></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn PilotSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let programme = from_data(|d| d.programme(ProgrammeKind::PilotLan).cloned());
    let names = Memo::new(move |_| participant_names(&data.read(), ProgrammeKind::PilotLan));
    view! {
        <section aria-labelledby="pilot-heading">
            <h2 id="pilot-heading">{t!(i18n, overview.pilot_heading)}</h2>
            {move || programme.get().map(|p| view! {
                <p><strong>{sourced_text(&p.name)}</strong></p>
                {p.purpose.as_ref().map(|f| view! { <p>{sourced_text(f)}</p> })}
            })}
            <ul class="participants">
                {move || names.get().into_iter().map(|(name, _)| view! { <li>{name}</li> }).collect_view()}
            </ul>
            <p class="hint">{t!(i18n, overview.pilot_not_recorded)}</p>
            <ProgrammeNotes kind=ProgrammeKind::PilotLan/>
        </section>
    }
}

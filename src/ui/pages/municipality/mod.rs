//! `/kommun/:slug`: one participant with every fact and its source, its
//! participation in each programme, and the commitment derived from its dates.

pub mod commitment_editor;
pub mod ledger_editor;
pub mod membership_editor;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::domain::change::{Change, Collection};
use crate::domain::commitment::{due_date, status};
use crate::domain::listing::{closest, find_by_slug, organisation_slug};
use crate::domain::model::*;
use crate::domain::municipalities::county;
use crate::domain::validate::optional_link;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::labels::{focus_label, kind_label, programme_label, status_label};
use crate::ui::components::notes::OrganisationNotes;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::source_ref::{Citation, SourceRef};
use crate::ui::format;
use crate::ui::pages::municipality::commitment_editor::CommitmentEditor;
use crate::ui::pages::municipality::ledger_editor::{Ledger, LedgerEditor};
use crate::ui::pages::municipality::membership_editor::MembershipEditor;
use crate::ui::paths::href;
use crate::ui::today::today;

#[component]
pub fn Municipality() -> impl IntoView {
    let data = use_store().data();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    // The organisation, its participations and what they name (programmes, coaches,
    // mentors, events): the page is drawn again when any of these changes, and only then.
    let found = Memo::new(move |_| {
        let d = data.read();
        find_by_slug(&d, &slug.read()).map(|o| {
            let parts: Vec<Participation> = d
                .participations
                .iter()
                .filter(|p| p.organisation_id == o.meta.id)
                .cloned()
                .collect();
            let named = Named::of(&d, &parts);
            (o.clone(), parts, named)
        })
    });
    move || match found.get() {
        Some((o, parts, _)) => view! { <OrganisationPage org=o participations=parts/> }.into_any(),
        None => view! { <UnknownSlug slug=slug.get()/> }.into_any(),
    }
}

/// What a participation section reads beyond the participation itself.
#[derive(Clone, PartialEq)]
struct Named {
    programmes: Vec<Programme>,
    coaches: Vec<Coach>,
    organisations: Vec<(String, String)>,
    events: Vec<(String, String)>,
}

impl Named {
    fn of(d: &Dataset, parts: &[Participation]) -> Named {
        let coaching = || {
            parts.iter().filter_map(|p| match &p.detail {
                ParticipationDetail::Coaching(c) => Some(c),
                ParticipationDetail::PilotLan(_) => None,
            })
        };
        Named {
            programmes: d.programmes.clone(),
            coaches: d.coaches.clone(),
            organisations: coaching()
                .filter_map(|c| d.organisation(c.mentor_id.as_deref()?))
                .map(|o| (o.meta.id.clone(), o.name.clone()))
                .collect(),
            events: d
                .events
                .iter()
                .filter(|e| coaching().any(|c| c.events_attended.contains(&e.meta.id)))
                .map(|e| (e.meta.id.clone(), e.title.clone()))
                .collect(),
        }
    }
}

#[component]
fn UnknownSlug(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let suggestions: Vec<(String, String)> = closest(&data.read_untracked(), &slug, 3)
        .into_iter()
        .map(|o| (o.name.clone(), organisation_slug(o)))
        .collect();
    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, not_found.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, not_found.description).to_owned())
        />
        <h1>{t!(i18n, kommun.unknown_heading)}</h1>
        <p data-testid="not-found">{move || t_string!(i18n, kommun.unknown_text, slug = slug.clone())}</p>
        <p>{t!(i18n, kommun.did_you_mean)}</p>
        <ul data-testid="suggestions">
            {suggestions.into_iter().map(|(name, s)| view! {
                <li><A href=href(&format!("/kommun/{s}"))>{name}</A></li>
            }).collect_view()}
        </ul>
        <p><A href=href("/kommuner")>{t!(i18n, kommun.all_participants)}</A></p>
    }
}

/// `v`, or "not recorded" in the language of the moment.
fn or_not_recorded(
    i18n: leptos_i18n::I18nContext<Locale>,
    v: Option<String>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || {
        v.clone()
            .unwrap_or_else(|| t_string!(i18n, common.not_recorded).to_owned())
    }
}

/// A date as the language of the moment writes it, or "not recorded".
fn date_or_not_recorded(
    i18n: leptos_i18n::I18nContext<Locale>,
    d: Option<chrono::NaiveDate>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || match d {
        Some(d) => format::date(i18n, d),
        None => t_string!(i18n, common.not_recorded).to_owned(),
    }
}

#[component]
fn OrganisationPage(org: Organisation, participations: Vec<Participation>) -> impl IntoView {
    let i18n = use_i18n();
    let name = org.name.clone();
    let lan = county(&org.lanskod.value)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let org_kind = org.kind;
    let kind = move || kind_label(i18n, org_kind);
    let member = org.member.clone();
    let description = {
        let (name, lan) = (name.clone(), lan.clone());
        Signal::derive(move || {
            t_string!(
                i18n,
                kommun.description,
                name = name.clone(),
                lan = lan.clone()
            )
        })
    };
    view! {
        <PageHead title=name.clone() description=description/>
        <article class="organisation">
            <h1>{name.clone()}</h1>
            <p class="print-action">
                <button type="button" on:click=|_| {
                    let _ = window().print();
                }>{t!(i18n, kommun.print)}</button>
            </p>
            <dl class="facts">
                <dt>{t!(i18n, kommun.kind)}</dt>
                <dd>{kind}</dd>
                {org.kommunkod.clone().map(|k| view! {
                    <dt>{t!(i18n, kommun.kommunkod)}</dt>
                    <dd><span data-testid="kommunkod">{k.value.clone()}</span> " " <SourceRef id=k.source.clone()/></dd>
                })}
                <dt>{t!(i18n, kommun.lan)}</dt>
                <dd>{lan} " " <SourceRef id=org.lanskod.source.clone()/></dd>
                {(!org.population.is_empty()).then(|| view! {
                    <dt>{t!(i18n, kommun.population)}</dt>
                    <dd>
                        <ul class="plain">
                            {org.population.iter().map(|p| {
                                let (count, date, source) = (p.count, p.date, p.source.clone());
                                view! {
                                    <li>
                                        {move || t_string!(i18n, kommun.population_value, count = format::number(i18n, count.into()), date = format::date(i18n, date))}
                                        " " <SourceRef id=source/>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                <dt>{t!(i18n, kommun.member)}</dt>
                <dd class="editable">
                    <span data-testid="member">{move || match &member {
                        Some(Membership { since: Some(y) }) => t_string!(i18n, kommun.member_since, year = *y),
                        Some(Membership { since: None }) => t_string!(i18n, kommun.member_yes).to_owned(),
                        None => t_string!(i18n, common.not_recorded).to_owned(),
                    }}</span>
                    {(org.kind == OrganisationKind::Kommun).then(|| view! { " " <MembershipEditor org=org.clone()/> })}
                </dd>
                {(!org.contacts.is_empty()).then(|| view! {
                    <dt>{t!(i18n, kommun.contacts)}</dt>
                    <dd>{org.contacts.iter().map(|c| view! {
                        {c.name.clone()} ", " {c.role.clone()} " " <SourceRef id=c.source.clone()/>
                    }).collect_view()}</dd>
                })}
            </dl>
            {participations.into_iter().map(|p| view! { <ParticipationSection p=p/> }).collect_view()}
            <section aria-labelledby="org-notes">
                <h2 id="org-notes">{t!(i18n, kommun.notes)}</h2>
                <p class="print-only">{or_not_recorded(i18n, (!org.meta.notes.is_empty()).then(|| org.meta.notes.clone()))}</p>
                <OrganisationNotes organisation_id=org.meta.id.clone()/>
            </section>
        </article>
    }
}

#[component]
fn ParticipationSection(p: Participation) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let d = data.read_untracked();
    let programme = d
        .programmes
        .iter()
        .find(|g| g.meta.id == p.programme_id)
        .cloned();
    let Some(programme) = programme else {
        return ().into_any();
    };
    let heading_id = format!("part-{}", p.meta.id);
    let labelled_by = heading_id.clone();
    let kind = programme.kind;
    let listed = p.listed_in.clone();
    let body = match &p.detail {
        ParticipationDetail::Coaching(c) => {
            let years = programme.commitment_years.as_ref().map_or(2, |f| f.value);
            let grant = programme
                .grant_per_participant_kr
                .as_ref()
                .map_or(0, |f| f.value);
            let minimum = programme
                .min_local_contribution_kr
                .as_ref()
                .map_or(0, |f| f.value);
            let coach = c
                .coach_id
                .as_deref()
                .and_then(|id| d.coaches.iter().find(|x| x.meta.id == id))
                .map(|x| x.name.clone());
            let mentor = c
                .mentor_id
                .as_deref()
                .and_then(|id| d.organisation(id))
                .map(|o| (o.name.clone(), organisation_slug(o)));
            let due = c.letter_of_intent.and_then(|l| due_date(l, years));
            let st = status(c, years, today());
            let loi = c.letter_of_intent;
            let (proposed, adopted) = (c.strategy_proposed, c.strategy_adopted.clone());
            let source_notes = c.source_notes.clone();
            let used: u64 = c.grant_entries.iter().map(|e| u64::from(e.amount_kr)).sum();
            let contributed: u64 = c
                .contribution_entries
                .iter()
                .map(|e| u64::from(e.amount_kr))
                .sum();
            let analysis = c.needs_analysis.clone();
            let events: Vec<String> = c
                .events_attended
                .iter()
                .filter_map(|id| d.events.iter().find(|e| &e.meta.id == id))
                .map(|e| e.title.clone())
                .collect();
            let date_or = move |x| date_or_not_recorded(i18n, x);
            view! {
                <dl class="facts">
                    <dt>{t!(i18n, kommun.coach)}</dt>
                    <dd>{or_not_recorded(i18n, coach)}</dd>
                    <dt>{t!(i18n, kommun.mentor)}</dt>
                    <dd>{match mentor {
                        Some((n, s)) => view! { <A href=href(&format!("/kommun/{s}"))>{n}</A> }.into_any(),
                        None => or_not_recorded(i18n, None).into_any(),
                    }}</dd>
                    <dt>{t!(i18n, kommun.needs_analysis)}</dt>
                    <dd data-testid="needs-analysis">{match analysis {
                        None => or_not_recorded(i18n, None).into_any(),
                        Some(n) => {
                            // Shown as a link only if it is http(s), whatever a file may have said.
                            let link = n.document_url.as_deref().and_then(|l| optional_link(l).ok().flatten());
                            view! {
                                {n.date.map(|d| view! { {move || format::date(i18n, d)} ". " })}
                                {n.summary.clone()}
                                {(!n.focus_areas.is_empty()).then(|| {
                                    let areas = n.focus_areas.clone();
                                    view! { " " <span data-testid="focus-areas">"(" {move || areas.iter().map(|f| focus_label(i18n, *f)).collect::<Vec<_>>().join(", ")} ")"</span> }
                                })}
                                {link.map(|l| view! { " " <a href=l.clone() rel="external noopener">{l.clone()}</a> })}
                            }.into_any()
                        }
                    }}</dd>
                    <dt>{t!(i18n, kommun.letter_of_intent)}</dt>
                    <dd data-testid="letter-of-intent">{date_or(loi)}</dd>
                    <dt>{t!(i18n, kommun.commitment)}</dt>
                    <dd>
                        <span class="status" data-testid="status">{move || status_label(i18n, st)}</span>
                        {due.map(|d| view! { ". " {move || t_string!(i18n, kommun.due, date = format::date(i18n, d))} })}
                    </dd>
                    <dt>{t!(i18n, kommun.proposed)}</dt>
                    <dd>{date_or(proposed)}</dd>
                    <dt>{t!(i18n, kommun.adopted)}</dt>
                    <dd data-testid="adopted">{match adopted {
                        None => or_not_recorded(i18n, None).into_any(),
                        Some(a) => view! {
                            {let shown = a.clone(); move || format::adoption(i18n, &shown)}
                            {a.source.clone().map(|s| view! { " " <Citation id=s words=a.words.clone()/> })}
                        }.into_any(),
                    }}</dd>
                    {(!source_notes.is_empty()).then(|| view! {
                        <dt>{t!(i18n, kommun.source_notes)}</dt>
                        <dd data-testid="source-notes"><ul class="plain">
                            {source_notes.into_iter().map(|n| view! { <li><Citation id=n.source words=Some(n.value)/></li> }).collect_view()}
                        </ul></dd>
                    })}
                    <dt>{t!(i18n, kommun.grant)}</dt>
                    <dd data-testid="grant-used">{move || t_string!(i18n, overview.of_total, part = format::kronor(i18n, used), total = format::kronor(i18n, grant.into()))}</dd>
                    <dt>{t!(i18n, kommun.contribution)}</dt>
                    <dd>{move || t_string!(i18n, overview.of_minimum, part = format::kronor(i18n, contributed), total = format::kronor(i18n, minimum.into()))}</dd>
                    <dt>{t!(i18n, kommun.events)}</dt>
                    <dd>{if events.is_empty() { or_not_recorded(i18n, None).into_any() } else {
                        view! { <ul class="plain">{events.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> }.into_any()
                    }}</dd>
                </dl>
            }
            .into_any()
        }
        ParticipationDetail::PilotLan(pl) => {
            let focus = pl.focus.clone();
            let sessions: Vec<String> = pl
                .sessions
                .iter()
                .map(|s| format!("{} – {}", s.date, s.topic))
                .collect();
            view! {
                <dl class="facts">
                    <dt>{t!(i18n, kommun.focus)}</dt>
                    <dd>{match focus {
                        Some(f) => view! { {f.value.clone()} " " <SourceRef id=f.source.clone()/> }.into_any(),
                        None => or_not_recorded(i18n, None).into_any(),
                    }}</dd>
                    <dt>{t!(i18n, kommun.sessions)}</dt>
                    <dd>{if sessions.is_empty() { or_not_recorded(i18n, None).into_any() } else {
                        view! { <ul class="plain">{sessions.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> }.into_any()
                    }}</dd>
                </dl>
            }
            .into_any()
        }
    };
    let store = use_store();
    let remove_id = p.meta.id.clone();
    let grant_limit = programme.grant_per_participant_kr.as_ref().map(|f| f.value);
    let minimum = programme
        .min_local_contribution_kr
        .as_ref()
        .map_or(0, |f| f.value);
    let editor = matches!(p.detail, ParticipationDetail::Coaching(_)).then(|| view! {
        <CommitmentEditor participation=p.clone()/>
        <LedgerEditor participation=p.clone() ledger=Ledger::Grant limit=grant_limit target=grant_limit.unwrap_or(0)/>
        <LedgerEditor participation=p.clone() ledger=Ledger::Contribution limit=None target=minimum/>
    });
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>
                {move || programme_label(i18n, kind)}
                {listed.map(|s| view! { " " <SourceRef id=s/> })}
            </h2>
            {body}
            {editor}
            <p>
                <button type="button" class="danger" on:click=move |_| {
                    let _ = store.change(Change::Remove { collection: Collection::Participation, id: remove_id.clone() });
                }>{move || t_string!(i18n, kommun.remove, programme = programme_label(i18n, kind))}</button>
            </p>
        </section>
    }
    .into_any()
}

//! `/kommun/:slug`: one participant with every fact and its source, its
//! participation in each programme, and the commitment derived from its dates.

pub mod commitment_editor;
pub mod ledger_editor;
pub mod membership_editor;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::domain::change::{Change, Collection};
use crate::domain::commitment::{due_date, status, CommitmentStatus};
use crate::domain::listing::{closest, find_by_slug, organisation_slug};
use crate::domain::model::*;
use crate::domain::municipalities::county;
use crate::domain::programme::applicants::takes_part;
use crate::domain::programme::round::round_slug;
use crate::domain::validate::optional_link;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::keyed::record_memo;
use crate::ui::components::labels::{
    decision_label, focus_label, kind_label, programme_title, status_label,
};
use crate::ui::components::notes::OrganisationNotes;
use crate::ui::components::open_edits::OpenEdits;
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
    // The page's frame: which organisation, and which participations it has. It is drawn
    // again only when these change; every fact inside reads the data through a memo, and
    // an open form stays open (with what was typed) whatever another tab saves.
    let found = Memo::new(move |_| {
        let d = data.read();
        find_by_slug(&d, &slug.read()).map(|o| {
            let parts: Vec<String> = d
                .participations
                .iter()
                .filter(|p| p.organisation_id == o.meta.id)
                .map(|p| p.meta.id.clone())
                .collect();
            (o.meta.id.clone(), parts)
        })
    });
    move || match found.get() {
        Some((id, parts)) => view! { <OrganisationPage id=id participations=parts/> }.into_any(),
        None => view! { <UnknownSlug slug=slug.get()/> }.into_any(),
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
fn OrganisationPage(id: String, participations: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store().data();
    let Some(first) = data.with_untracked(|d| d.organisation(&id).cloned()) else {
        return ().into_any();
    };
    let org = {
        let id = id.clone();
        record_memo(first.clone(), move || {
            data.with(|d| d.organisation(&id).cloned())
        })
    };
    let name = move || org.read().name.clone();
    let lan = move || {
        county(&org.read().lanskod.value)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let description =
        Signal::derive(move || t_string!(i18n, kommun.description, name = name(), lan = lan()));
    let may_be_member = first.kind == OrganisationKind::Kommun;
    let records = std::iter::once(format!("organisations/{id}"))
        .chain(participations.iter().map(|p| format!("participations/{p}")))
        .collect::<Vec<_>>();
    view! {
        <PageHead title=Signal::derive(name) description=description/>
        <article class="organisation">
            <h1>{name}</h1>
            <OpenEdits records=records/>
            <p class="print-action">
                <button type="button" on:click=|_| {
                    let _ = window().print();
                }>{t!(i18n, kommun.print)}</button>
            </p>
            <dl class="facts">
                <dt>{t!(i18n, kommun.kind)}</dt>
                <dd>{move || kind_label(i18n, org.read().kind)}</dd>
                {move || org.read().kommunkod.clone().map(|k| view! {
                    <dt>{t!(i18n, kommun.kommunkod)}</dt>
                    <dd><span data-testid="kommunkod">{k.value.clone()}</span> " " <SourceRef id=k.source.clone()/></dd>
                })}
                <dt>{t!(i18n, kommun.lan)}</dt>
                <dd>{lan} " " {move || view! { <SourceRef id=org.read().lanskod.source.clone()/> }}</dd>
                {move || {
                    let population = org.read().population.clone();
                    (!population.is_empty()).then(|| view! {
                        <dt>{t!(i18n, kommun.population)}</dt>
                        <dd>
                            <ul class="plain">
                                {population.into_iter().map(|p| {
                                    let (count, date, source) = (p.count, p.date, p.source);
                                    view! {
                                        <li>
                                            {move || t_string!(i18n, kommun.population_value, count = format::number(i18n, count.into()), date = format::date(i18n, date))}
                                            " " <SourceRef id=source/>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </dd>
                    })
                }}
                <dt>{t!(i18n, kommun.member)}</dt>
                <dd class="editable">
                    <span data-testid="member">{move || match &org.read().member {
                        Some(Membership { since: Some(y) }) => t_string!(i18n, kommun.member_since, year = *y),
                        Some(Membership { since: None }) => t_string!(i18n, kommun.member_yes).to_owned(),
                        None => t_string!(i18n, common.not_recorded).to_owned(),
                    }}</span>
                    {may_be_member.then(|| view! { " " <MembershipEditor org=org/> })}
                </dd>
                {move || {
                    let contacts = org.read().contacts.clone();
                    (!contacts.is_empty()).then(|| view! {
                        <dt>{t!(i18n, kommun.contacts)}</dt>
                        <dd>{contacts.into_iter().map(|c| view! {
                            {c.name} ", " {c.role} " " <SourceRef id=c.source/>
                        }).collect_view()}</dd>
                    })
                }}
            </dl>
            {participations.into_iter().map(|id| view! { <ParticipationSection id=id/> }).collect_view()}
            <section aria-labelledby="org-notes">
                <h2 id="org-notes">{t!(i18n, kommun.notes)}</h2>
                <p class="print-only">{move || {
                    let notes = org.read().meta.notes.clone();
                    or_not_recorded(i18n, (!notes.is_empty()).then_some(notes))()
                }}</p>
                <OrganisationNotes organisation_id=id/>
            </section>
        </article>
    }
    .into_any()
}

/// What a participation's section shows, as of today: a memo, so the section's facts are
/// drawn again when they change and not otherwise.
#[derive(Clone, PartialEq)]
enum Facts {
    Coaching {
        coach: Option<String>,
        mentor: Option<(String, String)>,
        analysis: Option<NeedsAnalysis>,
        loi: Option<chrono::NaiveDate>,
        status: CommitmentStatus,
        due: Option<chrono::NaiveDate>,
        proposed: Option<chrono::NaiveDate>,
        adopted: Option<Adoption>,
        source_notes: Vec<Fact<String>>,
        grant: u32,
        minimum: u32,
        used: u64,
        contributed: u64,
        events: Vec<String>,
    },
    Pilot {
        focus: Option<Fact<String>>,
        sessions: Vec<String>,
    },
    /// An applicant to a round who does not take part (yet, or at all).
    Applicant {
        decision: Decision,
        round_slug: String,
    },
}

impl Facts {
    fn of(d: &Dataset, p: &Participation, programme: &Programme) -> Facts {
        if let Some(a) = p.application.as_ref().filter(|_| !takes_part(p)) {
            return Facts::Applicant {
                decision: a.decision,
                round_slug: round_slug(programme).to_owned(),
            };
        }
        match &p.detail {
            ParticipationDetail::Coaching(c) => {
                let years = programme.commitment_years.as_ref().map_or(2, |f| f.value);
                Facts::Coaching {
                    coach: c
                        .coach_id
                        .as_deref()
                        .and_then(|id| d.coaches.iter().find(|x| x.meta.id == id))
                        .map(|x| x.name.clone()),
                    mentor: c
                        .mentor_id
                        .as_deref()
                        .and_then(|id| d.organisation(id))
                        .map(|o| (o.name.clone(), organisation_slug(o))),
                    analysis: c.needs_analysis.clone(),
                    loi: c.letter_of_intent,
                    status: status(c, years, today()),
                    due: c.letter_of_intent.and_then(|l| due_date(l, years)),
                    proposed: c.strategy_proposed,
                    adopted: c.strategy_adopted.clone(),
                    source_notes: c.source_notes.clone(),
                    grant: programme
                        .grant_per_participant_kr
                        .as_ref()
                        .map_or(0, |f| f.value),
                    minimum: programme
                        .min_local_contribution_kr
                        .as_ref()
                        .map_or(0, |f| f.value),
                    used: c.grant_entries.iter().map(|e| u64::from(e.amount_kr)).sum(),
                    contributed: c
                        .contribution_entries
                        .iter()
                        .map(|e| u64::from(e.amount_kr))
                        .sum(),
                    events: c
                        .events_attended
                        .iter()
                        .filter_map(|id| d.events.iter().find(|e| &e.meta.id == id))
                        .map(|e| e.title.clone())
                        .collect(),
                }
            }
            ParticipationDetail::PilotLan(pl) => Facts::Pilot {
                focus: pl.focus.clone(),
                sessions: pl
                    .sessions
                    .iter()
                    .map(|s| format!("{} – {}", s.date, s.topic))
                    .collect(),
            },
        }
    }

    fn show(self, i18n: leptos_i18n::I18nContext<Locale>) -> AnyView {
        match self {
            Facts::Coaching {
                coach,
                mentor,
                analysis,
                loi,
                status: st,
                due,
                proposed,
                adopted,
                source_notes,
                grant,
                minimum,
                used,
                contributed,
                events,
            } => {
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
            Facts::Applicant {
                decision,
                round_slug,
            } => view! {
                <dl class="facts">
                    <dt>{t!(i18n, kommun.application)}</dt>
                    <dd data-testid="application">
                        {move || decision_label(i18n, decision)} ". "
                        <A href=href(&format!("/program/{round_slug}"))>{t!(i18n, kommun.round_page)}</A>
                    </dd>
                </dl>
            }
            .into_any(),
            Facts::Pilot { focus, sessions } => view! {
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
            .into_any(),
        }
    }
}

/// One programme's part: its facts (a memo), its forms (kept open across other tabs'
/// saves, saving onto the participation as stored then) and its removal.
#[component]
fn ParticipationSection(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    let find = {
        let id = id.clone();
        move |d: &Dataset| d.participations.iter().find(|p| p.meta.id == id).cloned()
    };
    let programme_of = |d: &Dataset, p: &Participation| {
        d.programmes
            .iter()
            .find(|g| g.meta.id == p.programme_id)
            .cloned()
    };
    let Some((first, programme)) = data.with_untracked(|d| {
        let p = find(d)?;
        let g = programme_of(d, &p)?;
        Some((p, g))
    }) else {
        return ().into_any();
    };
    let p = record_memo(first.clone(), move || data.with(|d| find(d)));
    let programme = record_memo(programme, move || data.with(|d| programme_of(d, &p.read())));
    let facts = Memo::new(move |_| Facts::of(&data.read(), &p.read(), &programme.read()));
    let heading_id = format!("part-{id}");
    let labelled_by = heading_id.clone();
    let grant_limit = Signal::derive(move || {
        programme
            .read()
            .grant_per_participant_kr
            .as_ref()
            .map(|f| f.value)
    });
    let minimum = Signal::derive(move || {
        programme
            .read()
            .min_local_contribution_kr
            .as_ref()
            .map_or(0, |f| f.value)
    });
    // Forms for those taking part; an applicant not (yet) selected has nothing to record here.
    let editor = (matches!(first.detail, ParticipationDetail::Coaching(_)) && takes_part(&first)).then(|| view! {
        <CommitmentEditor participation=p/>
        <LedgerEditor participation=p ledger=Ledger::Grant limit=grant_limit target=Signal::derive(move || grant_limit.get().unwrap_or(0))/>
        <LedgerEditor participation=p ledger=Ledger::Contribution limit=Signal::stored(None) target=minimum/>
    });
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>
                {move || programme_title(i18n, &programme.read())}
                {move || p.read().listed_in.clone().map(|s| view! { " " <SourceRef id=s/> })}
            </h2>
            {move || facts.get().show(i18n)}
            {editor}
            <p>
                <button type="button" class="danger" on:click=move |_| {
                    crate::store::soon(store.change(Change::Remove { collection: Collection::Participation, id: id.clone() }));
                }>{move || t_string!(i18n, kommun.remove, programme = programme_title(i18n, &programme.read()))}</button>
            </p>
        </section>
    }
    .into_any()
}

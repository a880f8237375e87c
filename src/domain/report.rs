//! The programme report (`/rapport` for 2007–08 and its pilot, `/program/<slug>/rapport`
//! for a round): every figure as the data stood at the end of one day ("as of"), for one
//! programme. What is dated counts only once it had happened by
//! then; what the data does not date (mentor pairings, undated events) counts as it
//! stands, and the report says so. The sources' own claims stand beside the data's
//! figures, each with its source.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use super::commitment::{due, status, terms, CommitmentStatus, Outcome, Terms};
use super::events::{month_of, month_start};
use super::listing::organisation_slug;
use super::mentoring::pairs::{mentors, pairs};
use super::model::*;
use super::programme::applicants::{round_funnel, RoundFunnel};
use super::programme::participants::taking_part;
use super::programme::round::is_builtin;

/// What a report link holds: the programme, the day and the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportQuery {
    pub programme: ProgrammeKind,
    /// None: today.
    pub as_of: Option<NaiveDate>,
    /// "sv" or "en"; None: the reader's own choice.
    pub language: Option<String>,
}

impl Default for ReportQuery {
    fn default() -> Self {
        ReportQuery {
            programme: ProgrammeKind::Coaching,
            as_of: None,
            language: None,
        }
    }
}

/// The languages a report link may name.
pub const LANGUAGES: [&str; 2] = ["sv", "en"];

const PROGRAMME_WORDS: [(ProgrammeKind, &str); 2] = [
    (ProgrammeKind::Coaching, "coaching"),
    (ProgrammeKind::PilotLan, "pilotlan"),
];

impl ReportQuery {
    /// Reads `program`, `per` (YYYY-MM-DD) and `lang` from URL query pairs; anything
    /// else is ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ReportQuery {
        let mut q = ReportQuery::default();
        for (k, v) in pairs {
            match k {
                "program" => {
                    if let Some((p, _)) = PROGRAMME_WORDS.iter().find(|(_, w)| *w == v) {
                        q.programme = *p;
                    }
                }
                "per" => q.as_of = v.parse().ok(),
                "lang" => q.language = LANGUAGES.contains(&v).then(|| v.to_owned()),
                _ => {}
            }
        }
        q
    }

    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let word = PROGRAMME_WORDS
            .iter()
            .find(|(p, _)| *p == self.programme)
            .map_or("coaching", |(_, w)| w);
        let mut out = vec![("program", word.to_owned())];
        if let Some(d) = self.as_of {
            out.push(("per", d.to_string()));
        }
        if let Some(l) = &self.language {
            out.push(("lang", l.clone()));
        }
        out
    }
}

/// One coaching participant as the report lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParticipantLine {
    pub name: String,
    pub slug: String,
    pub lanskod: String,
    pub letter_of_intent: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: CommitmentStatus,
    /// The adoption, when it counts on the day.
    pub adoption: Option<Adoption>,
    pub grant_kr: u64,
    pub contribution_kr: u64,
}

/// How many commitments had each outcome at the end of a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthOutcomes {
    /// The first day of the month.
    pub month: NaiveDate,
    pub counts: BTreeMap<Outcome, u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Money {
    pub grant_kr: u64,
    pub grant_available_kr: u64,
    pub contribution_kr: u64,
    pub contribution_required_kr: u64,
    pub grant_by_kind: Vec<(LedgerKind, u64)>,
    pub contribution_by_kind: Vec<(LedgerKind, u64)>,
    /// Participants whose recorded contribution reaches the programme's minimum.
    pub reached_minimum: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mentoring {
    /// Participant and its mentor, in Swedish name order.
    pub pairs: Vec<(String, Option<String>)>,
    /// Each member with its number of mentees, most first.
    pub loads: Vec<(String, usize)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFigures {
    /// Events held by the day (dated) or not dated at all, by kind.
    pub by_kind: Vec<(EventKind, u32)>,
    /// Dated events by month, from the first to the last month with one.
    pub per_month: Vec<(NaiveDate, u32)>,
    /// Cake of the month, by month: who got it.
    pub cakes: Vec<(NaiveDate, Vec<String>)>,
    /// Events with neither a date nor a month: counted by kind, not by month.
    pub undated: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PilotLine {
    pub name: String,
    pub slug: String,
    pub status: Option<PilotStatus>,
    pub sessions: usize,
    pub last_session: Option<NaiveDate>,
}

/// Adopted or proposed by a day, as the data records it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub adopted: u32,
    pub proposed: u32,
    /// Adopted at a day nobody recorded: they may or may not have been by then.
    pub undated: u32,
    pub of: u32,
}

/// A claim a source makes, and what the data shows against it.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// S2: "after a year and a half, half had a climate strategy adopted or out on
    /// remiss". Compared on the source's date and on the report's day.
    HalfAdoptedOrProposed {
        source: String,
        words: String,
        on: NaiveDate,
        then: Progress,
        now: Progress,
    },
    /// S1 selected 23; S2 says 22 took part; the data lists its own count.
    Participants {
        selected: Option<Fact<u32>>,
        reported: Option<Fact<u32>>,
        listed: u32,
    },
    /// S1: a grant of this much per participant; the data: used of available.
    Grant {
        per_participant: Fact<u32>,
        used_kr: u64,
        available_kr: u64,
    },
    /// S1: at least this much of their own; the data: how many reached it.
    Contribution {
        minimum: Fact<u32>,
        reached: u32,
        of: u32,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub query: ReportQuery,
    /// The programme reported on: the coaching programme asked for, or the pilot.
    pub programme_id: String,
    pub as_of: NaiveDate,
    pub years: u32,
    pub participants: Vec<ParticipantLine>,
    pub outcomes: BTreeMap<Outcome, u32>,
    /// Adopted, no date recorded: named, and left out of the month-by-month series.
    pub undated: Vec<String>,
    pub series: Vec<MonthOutcomes>,
    pub money: Money,
    pub mentoring: Mentoring,
    pub events: EventFigures,
    pub pilot: Vec<PilotLine>,
    pub claims: Vec<Claim>,
    /// A round run in the app: applied → selected → taking part.
    pub funnel: Option<RoundFunnel>,
}

fn coaching<'a>(
    d: &'a Dataset,
    programme_id: &'a str,
) -> impl Iterator<Item = (&'a Organisation, &'a CoachingParticipation)> {
    taking_part(d, programme_id).filter_map(|p| match &p.detail {
        ParticipationDetail::Coaching(c) => Some((d.organisation(&p.organisation_id)?, c)),
        ParticipationDetail::PilotLan(_) => None,
    })
}

fn sum_by(entries: &[LedgerEntry], as_of: NaiveDate) -> u64 {
    entries
        .iter()
        .filter(|e| e.date <= as_of)
        .map(|e| u64::from(e.amount_kr))
        .sum()
}

fn last_day_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The report for `query` on the coaching programme `coaching_id` (2007–08's or a round's;
/// `query` may ask for the pilot instead), `today` standing for a day not given.
pub fn report(d: &Dataset, coaching_id: &str, query: &ReportQuery, today: NaiveDate) -> Report {
    let as_of = query.as_of.unwrap_or(today);
    let id = coaching_id;
    let years = terms(d, id).years;
    let mut participants: Vec<ParticipantLine> = coaching(d, id)
        .map(|(o, c)| {
            let st = status(c, years, as_of);
            ParticipantLine {
                name: o.name.clone(),
                slug: organisation_slug(o),
                lanskod: o.lanskod.value.clone(),
                letter_of_intent: c.letter_of_intent.filter(|l| *l <= as_of),
                due: due(c, years).filter(|_| c.letter_of_intent.is_some_and(|l| l <= as_of)),
                status: st,
                adoption: matches!(
                    st,
                    CommitmentStatus::Adopted | CommitmentStatus::AdoptedLate
                )
                .then(|| c.strategy_adopted.clone())
                .flatten(),
                grant_kr: sum_by(&c.grant_entries, as_of),
                contribution_kr: sum_by(&c.contribution_entries, as_of),
            }
        })
        .collect();
    participants.sort_by(|a, b| super::text::swedish_cmp(&a.name, &b.name));
    let mut outcomes: BTreeMap<Outcome, u32> = Outcome::ALL.iter().map(|o| (*o, 0)).collect();
    for p in &participants {
        *outcomes.entry(p.status.outcome()).or_default() += 1;
    }
    let undated = participants
        .iter()
        .filter(|p| p.adoption.as_ref().is_some_and(|a| a.date.is_none()))
        .map(|p| p.name.clone())
        .collect();
    let programme = d.programmes.iter().find(|p| p.meta.id == id);
    let events_of = match query.programme {
        ProgrammeKind::Coaching => Some(id),
        ProgrammeKind::PilotLan => d
            .programme(ProgrammeKind::PilotLan)
            .map(|p| p.meta.id.as_str()),
    };
    Report {
        query: query.clone(),
        programme_id: events_of.unwrap_or_default().to_owned(),
        as_of,
        years,
        series: series(d, id, years, as_of),
        money: money(d, id, &participants, as_of),
        mentoring: mentoring(d, id),
        events: event_figures(d, events_of.unwrap_or_default(), as_of),
        // 2007–08 was followed by the pilot in Skåne; a round made here has no such part.
        pilot: if programme.is_some_and(is_builtin) {
            pilot(d, as_of)
        } else {
            Vec::new()
        },
        claims: programme
            .filter(|p| is_builtin(p))
            .map(|p| claims(d, p, years, as_of, &participants))
            .unwrap_or_default(),
        funnel: programme
            .filter(|p| !is_builtin(p))
            .map(|p| round_funnel(d, &p.meta.id)),
        participants,
        outcomes,
        undated,
    }
}

/// Month by month from the programme's start, through the commitment years after its
/// end and on to the last recorded step, but never past the day. Adoptions without a
/// date cannot be placed in a month, so those participants are left out.
pub fn series(d: &Dataset, programme_id: &str, years: u32, as_of: NaiveDate) -> Vec<MonthOutcomes> {
    let Some(period) = d
        .programmes
        .iter()
        .find(|p| p.meta.id == programme_id)
        .and_then(|p| p.period.as_ref())
        .map(|f| f.value)
    else {
        return Vec::new();
    };
    let placed: Vec<&CoachingParticipation> = coaching(d, programme_id)
        .map(|(_, c)| c)
        .filter(|c| c.strategy_adopted.as_ref().is_none_or(|a| a.date.is_some()))
        .collect();
    let after = period
        .end
        .checked_add_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(period.end);
    let last_step = placed
        .iter()
        .flat_map(|c| {
            [
                c.strategy_adopted
                    .as_ref()
                    .and_then(|a| a.date)
                    .map(|d| d.last_day()),
                c.strategy_proposed,
                due(c, years),
            ]
        })
        .flatten()
        .max();
    let end = last_step.map_or(after, |l| l.max(after)).min(as_of);
    let mut out = Vec::new();
    let mut month = first_of_month(period.start);
    while month <= end {
        let day = last_day_of_month(month).min(as_of);
        let mut counts: BTreeMap<Outcome, u32> = Outcome::ALL.iter().map(|o| (*o, 0)).collect();
        for c in &placed {
            *counts.entry(status(c, years, day).outcome()).or_default() += 1;
        }
        out.push(MonthOutcomes { month, counts });
        let Some(next) = month.checked_add_months(Months::new(1)) else {
            break;
        };
        month = next;
    }
    out
}

fn money(d: &Dataset, id: &str, participants: &[ParticipantLine], as_of: NaiveDate) -> Money {
    let Terms {
        grant_kr: grant,
        minimum_kr: minimum,
        ..
    } = terms(d, id);
    let kinds = [LedgerKind::Investigation, LedgerKind::Measure];
    let by_kind = |pick: fn(&CoachingParticipation) -> &Vec<LedgerEntry>| {
        kinds
            .iter()
            .map(|k| {
                let sum = coaching(d, id)
                    .flat_map(|(_, c)| pick(c).iter())
                    .filter(|e| e.kind == *k && e.date <= as_of)
                    .map(|e| u64::from(e.amount_kr))
                    .sum();
                (*k, sum)
            })
            .collect()
    };
    let n = participants.len() as u64;
    Money {
        grant_kr: participants.iter().map(|p| p.grant_kr).sum(),
        grant_available_kr: n * u64::from(grant),
        contribution_kr: participants.iter().map(|p| p.contribution_kr).sum(),
        contribution_required_kr: n * u64::from(minimum),
        grant_by_kind: by_kind(|c| &c.grant_entries),
        contribution_by_kind: by_kind(|c| &c.contribution_entries),
        reached_minimum: participants
            .iter()
            .filter(|p| minimum > 0 && p.contribution_kr >= u64::from(minimum))
            .count() as u32,
    }
}

fn mentoring(d: &Dataset, id: &str) -> Mentoring {
    let mut loads: Vec<(String, usize)> = mentors(d, id)
        .into_iter()
        .filter(|m| !m.mentees.is_empty())
        .map(|m| (m.org.name, m.mentees.len()))
        .collect();
    loads.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| super::text::swedish_cmp(&a.0, &b.0))
    });
    Mentoring {
        pairs: pairs(d, id)
            .into_iter()
            .map(|p| (p.participant.name, p.mentor.map(|m| m.name)))
            .collect(),
        loads,
    }
}

fn event_figures(d: &Dataset, programme_id: &str, as_of: NaiveDate) -> EventFigures {
    let held: Vec<&Event> = d
        .events
        .iter()
        .filter(|e| e.programme_id == programme_id)
        .filter(
            |e| match (e.date, month_of(e).as_deref().and_then(month_start)) {
                (Some(day), _) => day <= as_of,
                (None, Some(first)) => first <= as_of,
                (None, None) => true,
            },
        )
        .collect();
    let by_kind = EventKind::ALL
        .iter()
        .map(|k| (*k, held.iter().filter(|e| e.kind == *k).count() as u32))
        .collect();
    let mut months: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut cakes: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    let mut undated = 0;
    for e in &held {
        let Some(month) = month_of(e).as_deref().and_then(month_start) else {
            undated += 1;
            continue;
        };
        *months.entry(month).or_default() += 1;
        if e.kind == EventKind::CakeOfTheMonth {
            let names = e
                .participants
                .iter()
                .filter_map(|id| d.organisation(id))
                .map(|o| o.name.clone());
            cakes.entry(month).or_default().extend(names);
        }
    }
    // Every month between the first and the last, so that a gap shows as a zero.
    let mut per_month = Vec::new();
    if let (Some((&first, _)), Some((&last, _))) =
        (months.first_key_value(), months.last_key_value())
    {
        let mut m = first;
        while m <= last {
            per_month.push((m, months.get(&m).copied().unwrap_or(0)));
            let Some(next) = m.checked_add_months(Months::new(1)) else {
                break;
            };
            m = next;
        }
    }
    EventFigures {
        by_kind,
        per_month,
        cakes: cakes.into_iter().collect(),
        undated,
    }
}

fn pilot(d: &Dataset, as_of: NaiveDate) -> Vec<PilotLine> {
    let mut out: Vec<PilotLine> = d
        .participations_in(ProgrammeKind::PilotLan)
        .filter_map(|p| {
            let ParticipationDetail::PilotLan(pl) = &p.detail else {
                return None;
            };
            let o = d.organisation(&p.organisation_id)?;
            let held: Vec<NaiveDate> = pl
                .sessions
                .iter()
                .map(|s| s.date)
                .filter(|s| *s <= as_of)
                .collect();
            Some(PilotLine {
                name: o.name.clone(),
                slug: organisation_slug(o),
                status: pl.status,
                sessions: held.len(),
                last_session: held.into_iter().max(),
            })
        })
        .collect();
    out.sort_by(|a, b| super::text::swedish_cmp(&a.name, &b.name));
    out
}

/// Adopted (known by the day), proposed (by the day, not adopted) and adopted without a
/// date, over the participants of the coaching programme `programme_id`.
pub fn progress(d: &Dataset, programme_id: &str, years: u32, day: NaiveDate) -> Progress {
    let mut p = Progress::default();
    for (_, c) in coaching(d, programme_id) {
        p.of += 1;
        let undated = c
            .strategy_adopted
            .as_ref()
            .is_some_and(|a| a.date.is_none());
        if undated {
            p.undated += 1;
            continue;
        }
        match status(c, years, day) {
            CommitmentStatus::Adopted | CommitmentStatus::AdoptedLate => p.adopted += 1,
            CommitmentStatus::Proposed => p.proposed += 1,
            _ => {}
        }
    }
    p
}

/// The sources' claims on a built-in programme `p`, against the data.
fn claims(
    d: &Dataset,
    p: &Programme,
    years: u32,
    as_of: NaiveDate,
    lines: &[ParticipantLine],
) -> Vec<Claim> {
    let id = p.meta.id.as_str();
    let mut out = Vec::new();
    if let Some(outcome) = &p.outcome {
        // The claim is the source's, on its own date; "after a year and a half" of a
        // programme that began in January 2007 is the summer of 2008 either way.
        let on = d
            .sources
            .iter()
            .find(|s| s.id == outcome.source)
            .and_then(|s| s.date)
            .or_else(|| {
                p.period
                    .as_ref()
                    .and_then(|f| f.value.start.checked_add_months(Months::new(18)))
            });
        if let Some(on) = on {
            out.push(Claim::HalfAdoptedOrProposed {
                source: outcome.source.clone(),
                words: outcome.value.clone(),
                on,
                then: progress(d, id, years, on),
                now: progress(d, id, years, as_of),
            });
        }
    }
    out.push(Claim::Participants {
        selected: p.selected.clone(),
        reported: p.participants_reported.clone(),
        listed: lines.len() as u32,
    });
    if let Some(grant) = &p.grant_per_participant_kr {
        out.push(Claim::Grant {
            per_participant: grant.clone(),
            used_kr: lines.iter().map(|l| l.grant_kr).sum(),
            available_kr: lines.len() as u64 * u64::from(grant.value),
        });
    }
    if let Some(minimum) = &p.min_local_contribution_kr {
        out.push(Claim::Contribution {
            minimum: minimum.clone(),
            reached: lines
                .iter()
                .filter(|l| l.contribution_kr >= u64::from(minimum.value))
                .count() as u32,
            of: lines.len() as u32,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::seed::{builtin_dataset, COACHING_ID};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn at(day: &str) -> ReportQuery {
        ReportQuery {
            as_of: Some(d(day)),
            ..Default::default()
        }
    }

    #[test]
    fn the_query_round_trips_through_the_url_and_ignores_nonsense() {
        let q = ReportQuery::from_pairs([
            ("program", "pilotlan"),
            ("per", "2008-09-10"),
            ("lang", "en"),
        ]);
        assert_eq!(q.programme, ProgrammeKind::PilotLan);
        assert_eq!(q.as_of, Some(d("2008-09-10")));
        assert_eq!(q.language.as_deref(), Some("en"));
        let pairs = q.to_pairs();
        let back = ReportQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
        assert_eq!(
            ReportQuery::from_pairs([
                ("program", "x"),
                ("per", "2008-02-30"),
                ("lang", "de"),
                ("q", "1")
            ]),
            ReportQuery::default()
        );
    }

    #[test]
    fn the_built_in_report_counts_the_sourced_outcomes() {
        let r = report(
            &builtin_dataset(),
            COACHING_ID,
            &at("2026-11-27"),
            d("2026-11-27"),
        );
        assert_eq!(r.participants.len(), 22);
        assert_eq!(r.outcomes[&Outcome::Met], 7);
        assert_eq!(r.outcomes[&Outcome::Open], 15);
        assert_eq!(
            r.outcomes[&Outcome::MetLate] + r.outcomes[&Outcome::Overdue],
            0
        );
        assert_eq!(r.undated, ["Grästorp", "Habo", "Mullsjö"]);
        assert_eq!(r.participants[0].name, "Boxholm", "Swedish order");
        assert_eq!(r.participants[21].name, "Östra Göinge");
    }

    #[test]
    fn the_series_runs_from_the_start_past_the_commitment_years_and_leaves_out_undated() {
        let r = report(
            &builtin_dataset(),
            COACHING_ID,
            &at("2026-11-27"),
            d("2026-11-27"),
        );
        let first = r.series.first().expect("months");
        let last = r.series.last().expect("months");
        assert_eq!(first.month, d("2007-01-01"));
        // Period end 2008-09-30 + 2 years; Perstorp's "2010" is over at 2010-12-31.
        assert_eq!(last.month, d("2010-12-01"));
        assert_eq!(r.series.len(), 48);
        let total: u32 = last.counts.values().sum();
        assert_eq!(total, 19, "22 less the three undated");
        let met = |m: &str| {
            r.series
                .iter()
                .find(|x| x.month == d(m))
                .map(|x| x.counts[&Outcome::Met])
        };
        assert_eq!(met("2008-10-01"), Some(0));
        assert_eq!(
            met("2008-11-01"),
            Some(1),
            "Härjedalen, once November is over"
        );
        assert_eq!(met("2008-12-01"), Some(2), "and Boxholm, once 2008 is");
        assert_eq!(met("2009-12-01"), Some(3), "Markaryd");
        assert_eq!(met("2010-12-01"), Some(4), "Perstorp");
        // A day inside the period cuts the series there.
        let early = report(
            &builtin_dataset(),
            COACHING_ID,
            &at("2007-03-10"),
            d("2026-11-27"),
        );
        assert_eq!(early.series.len(), 3);
    }

    #[test]
    fn a_letter_of_intent_gives_a_due_date_two_years_later_and_the_status_follows() {
        let mut data = builtin_dataset();
        let dals_ed = data
            .participations
            .iter_mut()
            .find(|p| p.organisation_id == "org-1438")
            .expect("Dals-Ed");
        if let ParticipationDetail::Coaching(c) = &mut dals_ed.detail {
            c.letter_of_intent = Some(d("2007-03-15"));
            c.grant_entries.push(LedgerEntry {
                id: "g1".into(),
                date: d("2007-05-01"),
                purpose: "Energikartläggning".into(),
                kind: LedgerKind::Investigation,
                amount_kr: 30_000,
            });
            c.contribution_entries.push(LedgerEntry {
                id: "c1".into(),
                date: d("2008-02-01"),
                purpose: "Solceller".into(),
                kind: LedgerKind::Measure,
                amount_kr: 60_000,
            });
        }
        let line = |r: &Report| {
            r.participants
                .iter()
                .find(|p| p.name == "Dals-Ed")
                .cloned()
                .expect("line")
        };
        let now = report(&data, COACHING_ID, &at("2026-11-27"), d("2026-11-27"));
        assert_eq!(line(&now).due, Some(d("2009-03-15")));
        assert_eq!(line(&now).status, CommitmentStatus::Overdue);
        assert_eq!(now.outcomes[&Outcome::Overdue], 1);
        assert_eq!(now.money.grant_kr, 30_000);
        assert_eq!(
            now.money.grant_by_kind,
            [
                (LedgerKind::Investigation, 30_000),
                (LedgerKind::Measure, 0)
            ]
        );
        assert_eq!(now.money.reached_minimum, 1);
        // As of a day before the contribution and before the letter: neither counts.
        let before = report(&data, COACHING_ID, &at("2007-03-01"), d("2026-11-27"));
        assert_eq!(line(&before).due, None);
        assert_eq!(line(&before).status, CommitmentStatus::NotStarted);
        assert_eq!(before.money.grant_kr + before.money.contribution_kr, 0);
        let mid = report(&data, COACHING_ID, &at("2007-06-01"), d("2026-11-27"));
        assert_eq!(line(&mid).status, CommitmentStatus::OnTrack);
        assert_eq!((mid.money.grant_kr, mid.money.contribution_kr), (30_000, 0));
    }

    #[test]
    fn the_sources_claim_stands_beside_what_the_data_shows() {
        let r = report(
            &builtin_dataset(),
            COACHING_ID,
            &at("2026-11-27"),
            d("2026-11-27"),
        );
        let Some(Claim::HalfAdoptedOrProposed {
            source,
            on,
            then,
            now,
            ..
        }) = r.claims.first()
        else {
            panic!("the S2 claim first");
        };
        assert_eq!((source.as_str(), *on), ("S2", d("2008-09-10")));
        // On S2's date no recorded adoption had happened for certain; three are undated.
        assert_eq!(
            *then,
            Progress {
                adopted: 0,
                proposed: 0,
                undated: 3,
                of: 22
            }
        );
        assert_eq!((now.adopted, now.undated), (4, 3));
        assert!(r.claims.iter().any(|c| matches!(
            c,
            Claim::Participants { listed: 22, selected: Some(s), .. } if s.value == 23
        )));
    }

    #[test]
    fn events_count_by_kind_and_month_and_cakes_name_their_winners() {
        let mut data = builtin_dataset();
        let template = data.events[0].clone();
        let hjo = "org-1497".to_owned();
        let mk = |id: &str, kind, date: Option<&str>, month: Option<&str>| Event {
            meta: Meta {
                id: id.into(),
                ..template.meta.clone()
            },
            programme_id: "programme-coaching".into(),
            kind,
            date: date.map(d),
            month: month.map(str::to_owned),
            participants: if kind == EventKind::CakeOfTheMonth {
                vec![hjo.clone()]
            } else {
                Vec::new()
            },
            ..template.clone()
        };
        data.events = vec![
            mk("a", EventKind::Workshop, Some("2007-04-12"), None),
            mk("b", EventKind::Seminar, Some("2007-06-01"), None),
            mk("c", EventKind::CakeOfTheMonth, None, Some("2007-06")),
            mk("d", EventKind::Lecture, None, None),
            mk("e", EventKind::Workshop, Some("2030-01-01"), None),
        ];
        let r = report(&data, COACHING_ID, &at("2026-11-27"), d("2026-11-27"));
        assert_eq!(
            r.events.by_kind,
            [
                (EventKind::Workshop, 1),
                (EventKind::Seminar, 1),
                (EventKind::Lecture, 1),
                (EventKind::CakeOfTheMonth, 1)
            ]
        );
        assert_eq!(
            r.events.per_month,
            [
                (d("2007-04-01"), 1),
                (d("2007-05-01"), 0),
                (d("2007-06-01"), 2)
            ]
        );
        assert_eq!(r.events.cakes, [(d("2007-06-01"), vec!["Hjo".to_owned()])]);
        assert_eq!(r.events.undated, 1);
    }

    #[test]
    fn the_pilot_part_lists_its_participants_with_sessions_held_by_the_day() {
        let r = report(
            &builtin_dataset(),
            COACHING_ID,
            &at("2026-11-27"),
            d("2026-11-27"),
        );
        let names: Vec<&str> = r.pilot.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Eslöv",
                "Kristianstad",
                "Kävlinge",
                "Lund",
                "Länsstyrelsen i Skåne"
            ]
        );
        assert!(r.pilot.iter().all(|p| p.sessions == 0));
    }

    #[test]
    fn a_rounds_report_counts_its_own_participants_on_its_own_terms() {
        use crate::domain::programme::fixtures::with_round;
        let (mut data, round) = with_round(&[
            ("2403", Decision::Selected),
            ("2404", Decision::Selected),
            ("2417", Decision::NotSelected),
        ]);
        for p in data
            .participations
            .iter_mut()
            .filter(|p| p.programme_id == round)
        {
            if let ParticipationDetail::Coaching(c) = &mut p.detail {
                c.letter_of_intent = Some(d("2027-03-15"));
                c.grant_entries.push(LedgerEntry {
                    id: format!("{}-g", p.meta.id),
                    date: d("2027-05-01"),
                    purpose: "Energikartläggning".into(),
                    kind: LedgerKind::Investigation,
                    amount_kr: 20_000,
                });
            }
        }
        let r = report(&data, &round, &at("2027-06-30"), d("2026-12-06"));
        assert_eq!(r.years, 3);
        let names: Vec<&str> = r.participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Bjurholm", "Vindeln"], "Norsjö was not selected");
        assert_eq!(r.participants[0].due, Some(d("2030-03-15")), "three years");
        assert_eq!(
            r.funnel.map(|f| (f.applied, f.selected, f.taking_part)),
            Some((3, 2, 2))
        );
        assert_eq!(
            (r.money.grant_kr, r.money.grant_available_kr),
            (40_000, 150_000),
            "75 000 kr each"
        );
        assert!(
            r.claims.is_empty(),
            "the sources say nothing of a new round"
        );
        assert!(r.pilot.is_empty(), "nor has it a pilot");
        assert!(r.mentoring.pairs.iter().all(|(n, _)| n != "Boxholm"));
        assert_eq!(
            report(&data, COACHING_ID, &at("2026-11-27"), d("2026-11-27")),
            report(
                &builtin_dataset(),
                COACHING_ID,
                &at("2026-11-27"),
                d("2026-11-27")
            ),
            "2007–08's report is as it was"
        );
    }
}

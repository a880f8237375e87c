//! The figures the overview shows, derived from the dataset on demand.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::commitment::{status, terms, CommitmentStatus, Terms};
use super::model::{Dataset, Event, ParticipationDetail, ProgrammeKind};
use super::programme::participants::taking_part;

/// How the coaching programme narrowed: applied → selected → listed by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Funnel {
    pub applied: Option<u32>,
    pub selected: Option<u32>,
    /// Participants recorded in the dataset (the source page lists 22).
    pub listed: u32,
}

impl Funnel {
    /// Selected but not named anywhere: the source says 23 but lists 22.
    pub fn unnamed(&self) -> u32 {
        self.selected.map_or(0, |s| s.saturating_sub(self.listed))
    }
}

pub fn funnel(d: &Dataset) -> Funnel {
    let p = d.programme(ProgrammeKind::Coaching);
    Funnel {
        applied: p.and_then(|p| p.applicants.as_ref()).map(|f| f.value),
        selected: p.and_then(|p| p.selected.as_ref()).map(|f| f.value),
        listed: d.participations_in(ProgrammeKind::Coaching).count() as u32,
    }
}

/// How many commitments of the coaching programme `programme_id` are in each status on `today`.
pub fn commitments_by_status(
    d: &Dataset,
    programme_id: &str,
    today: NaiveDate,
) -> BTreeMap<CommitmentStatus, u32> {
    let years = terms(d, programme_id).years;
    let mut counts: BTreeMap<CommitmentStatus, u32> =
        CommitmentStatus::ALL.iter().map(|s| (*s, 0)).collect();
    for p in taking_part(d, programme_id) {
        if let ParticipationDetail::Coaching(c) = &p.detail {
            *counts.entry(status(c, years, today)).or_default() += 1;
        }
    }
    counts
}

/// Grant used and own contribution recorded, summed over a coaching programme's participants.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoneyTotals {
    pub grant_used_kr: u64,
    pub grant_available_kr: u64,
    pub contribution_kr: u64,
    pub contribution_required_kr: u64,
}

pub fn money_totals(d: &Dataset, programme_id: &str) -> MoneyTotals {
    let Terms {
        grant_kr: grant,
        minimum_kr: minimum,
        ..
    } = terms(d, programme_id);
    let mut t = MoneyTotals::default();
    for part in taking_part(d, programme_id) {
        if let ParticipationDetail::Coaching(c) = &part.detail {
            t.grant_used_kr += c
                .grant_entries
                .iter()
                .map(|e| u64::from(e.amount_kr))
                .sum::<u64>();
            t.contribution_kr += c
                .contribution_entries
                .iter()
                .map(|e| u64::from(e.amount_kr))
                .sum::<u64>();
            t.grant_available_kr += u64::from(grant);
            t.contribution_required_kr += u64::from(minimum);
        }
    }
    t
}

/// The most recent dated events, newest first.
pub fn recent_events(d: &Dataset, limit: usize) -> Vec<&Event> {
    let mut dated: Vec<&Event> = d.events.iter().filter(|e| e.date.is_some()).collect();
    dated.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.meta.id.cmp(&b.meta.id)));
    dated.truncate(limit);
    dated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{LedgerEntry, LedgerKind};
    use crate::domain::seed::{builtin_dataset, COACHING_ID};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn funnel_shows_34_23_22_and_one_unnamed() {
        let f = funnel(&builtin_dataset());
        assert_eq!((f.applied, f.selected, f.listed), (Some(34), Some(23), 22));
        assert_eq!(f.unnamed(), 1);
    }

    #[test]
    fn funnel_counts_participants_actually_recorded() {
        let mut data = builtin_dataset();
        data.participations
            .retain(|p| !p.organisation_id.ends_with("0560"));
        let f = funnel(&data);
        assert_eq!((f.listed, f.unnamed()), (21, 2));
    }

    #[test]
    fn seed_commitments_are_the_sourced_outcomes_and_money_is_unrecorded() {
        let data = builtin_dataset();
        let counts = commitments_by_status(&data, COACHING_ID, d("2026-11-27"));
        assert_eq!(counts[&CommitmentStatus::NotStarted], 15);
        assert_eq!(counts[&CommitmentStatus::Adopted], 7, "S6–S11");
        assert_eq!(counts.values().sum::<u32>(), 22);
        let m = money_totals(&data, COACHING_ID);
        assert_eq!((m.grant_used_kr, m.contribution_kr), (0, 0));
        assert_eq!(m.grant_available_kr, 22 * 50_000);
    }

    #[test]
    fn recorded_dates_and_ledgers_change_the_figures() {
        let mut data = builtin_dataset();
        // Dals-Ed: no outcome in the sources.
        if let ParticipationDetail::Coaching(c) = &mut data.participations[1].detail {
            c.letter_of_intent = Some(d("2007-02-01"));
            c.grant_entries.push(LedgerEntry {
                id: "g1".into(),
                date: d("2007-05-01"),
                purpose: "Energikartläggning".into(),
                kind: LedgerKind::Investigation,
                amount_kr: 30_000,
            });
        }
        let counts = commitments_by_status(&data, COACHING_ID, d("2026-11-27"));
        assert_eq!(counts[&CommitmentStatus::Overdue], 1);
        assert_eq!(counts[&CommitmentStatus::NotStarted], 14);
        assert_eq!(money_totals(&data, COACHING_ID).grant_used_kr, 30_000);
    }

    #[test]
    fn recent_events_are_dated_ones_newest_first() {
        let mut data = builtin_dataset();
        assert!(
            recent_events(&data, 5).is_empty(),
            "the seed dates no event"
        );
        let mut a = data.events[0].clone();
        a.meta.id = "a".into();
        a.date = Some(d("2007-04-01"));
        let mut b = a.clone();
        b.meta.id = "b".into();
        b.date = Some(d("2008-04-01"));
        data.events.extend([a, b]);
        let ids: Vec<_> = recent_events(&data, 5)
            .iter()
            .map(|e| e.meta.id.as_str())
            .collect();
        assert_eq!(ids, vec!["b", "a"]);
    }
}

//! The strategy commitment: its due date and status are derived from the dates a
//! participation records, so they can never disagree with them. An adoption may be
//! known only to the month or year, or not dated at all; it is "late" only where
//! every day it could have been falls after the due date.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::model::{CoachingParticipation, Dataset};
use super::partial_date::Timing;

/// How close to the due date a commitment counts as due soon.
pub const DUE_SOON_DAYS: i64 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    /// No letter of intent recorded, so no clock is running.
    NotStarted,
    OnTrack,
    DueSoon,
    Overdue,
    Proposed,
    /// Adopted by the due date, or with no due date or timing to say otherwise.
    Adopted,
    /// Adopted, and every day the adoption could have been is after the due date.
    AdoptedLate,
}

/// The four outcomes a report counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    Met,
    MetLate,
    Overdue,
    /// Not started, running, or proposed and waiting for kommunfullmäktige.
    Open,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Met,
        Outcome::MetLate,
        Outcome::Overdue,
        Outcome::Open,
    ];
}

impl CommitmentStatus {
    pub fn outcome(self) -> Outcome {
        match self {
            CommitmentStatus::Adopted => Outcome::Met,
            CommitmentStatus::AdoptedLate => Outcome::MetLate,
            CommitmentStatus::Overdue => Outcome::Overdue,
            CommitmentStatus::NotStarted
            | CommitmentStatus::OnTrack
            | CommitmentStatus::DueSoon
            | CommitmentStatus::Proposed => Outcome::Open,
        }
    }

    pub const ALL: [CommitmentStatus; 7] = [
        CommitmentStatus::NotStarted,
        CommitmentStatus::OnTrack,
        CommitmentStatus::DueSoon,
        CommitmentStatus::Overdue,
        CommitmentStatus::Proposed,
        CommitmentStatus::Adopted,
        CommitmentStatus::AdoptedLate,
    ];
}

/// A coaching programme's terms as the data states them: the years to a strategy
/// (two when the data does not say), the grant and the least own contribution (0 when
/// not stated).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    pub years: u32,
    pub grant_kr: u32,
    pub minimum_kr: u32,
}

pub fn terms(d: &Dataset, programme_id: &str) -> Terms {
    let p = d.programmes.iter().find(|p| p.meta.id == programme_id);
    Terms {
        years: p
            .and_then(|p| p.commitment_years.as_ref())
            .map_or(2, |f| f.value),
        grant_kr: p
            .and_then(|p| p.grant_per_participant_kr.as_ref())
            .map_or(0, |f| f.value),
        minimum_kr: p
            .and_then(|p| p.min_local_contribution_kr.as_ref())
            .map_or(0, |f| f.value),
    }
}

/// The letter of intent plus the programme's years; 29 February falls back to 28 February.
pub fn due_date(letter_of_intent: NaiveDate, years: u32) -> Option<NaiveDate> {
    letter_of_intent.checked_add_months(Months::new(years.checked_mul(12)?))
}

/// The participant's due date, when its letter of intent is recorded.
pub fn due(c: &CoachingParticipation, years: u32) -> Option<NaiveDate> {
    c.letter_of_intent.and_then(|loi| due_date(loi, years))
}

/// How the adoption stands against the due date; `None` when not adopted.
pub fn adoption_timing(c: &CoachingParticipation, years: u32) -> Option<Timing> {
    let adoption = c.strategy_adopted.as_ref()?;
    Some(match (adoption.date, due(c, years)) {
        (Some(date), Some(due)) => date.timing(due),
        _ => Timing::Unknown,
    })
}

/// The status on `day`: what the recorded dates say had happened by its end. An
/// adoption known only to its month or year counts once that period is over; an
/// undated one counts on every day, since nothing places it.
pub fn status(c: &CoachingParticipation, years: u32, day: NaiveDate) -> CommitmentStatus {
    if let Some(adoption) = &c.strategy_adopted {
        if adoption.date.is_none_or(|d| d.known_by(day)) {
            return match adoption_timing(c, years) {
                Some(Timing::Late) => CommitmentStatus::AdoptedLate,
                _ => CommitmentStatus::Adopted,
            };
        }
    }
    if c.strategy_proposed.is_some_and(|p| p <= day) {
        return CommitmentStatus::Proposed;
    }
    // The clock runs from the letter of intent, so not before it was signed.
    let Some(due) = due(c, years).filter(|_| c.letter_of_intent.is_some_and(|l| l <= day)) else {
        return CommitmentStatus::NotStarted;
    };
    let days_left = (due - day).num_days();
    if days_left < 0 {
        CommitmentStatus::Overdue
    } else if days_left <= DUE_SOON_DAYS {
        CommitmentStatus::DueSoon
    } else {
        CommitmentStatus::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Adoption;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn with_loi(loi: &str) -> CoachingParticipation {
        CoachingParticipation {
            letter_of_intent: Some(d(loi)),
            ..Default::default()
        }
    }

    #[test]
    fn due_date_is_letter_of_intent_plus_two_years() {
        assert_eq!(due_date(d("2007-03-15"), 2), Some(d("2009-03-15")));
        assert_eq!(due_date(d("2008-02-29"), 2), Some(d("2010-02-28")));
    }

    #[test]
    fn status_follows_the_dates() {
        let today = d("2009-01-01");
        assert_eq!(
            status(&Default::default(), 2, today),
            CommitmentStatus::NotStarted
        );
        assert_eq!(
            status(&with_loi("2008-01-01"), 2, today),
            CommitmentStatus::OnTrack
        );
        assert_eq!(
            status(&with_loi("2007-03-01"), 2, today),
            CommitmentStatus::DueSoon
        );
        assert_eq!(
            status(&with_loi("2007-01-01"), 2, today),
            CommitmentStatus::DueSoon
        );
        assert_eq!(
            status(&with_loi("2006-12-31"), 2, today),
            CommitmentStatus::Overdue
        );
        let mut proposed = with_loi("2006-01-01");
        proposed.strategy_proposed = Some(d("2008-05-01"));
        assert_eq!(status(&proposed, 2, today), CommitmentStatus::Proposed);
        proposed.strategy_adopted = Some(adopted(Some("2007-12-01")));
        assert_eq!(status(&proposed, 2, today), CommitmentStatus::Adopted);
        proposed.strategy_adopted = Some(adopted(Some("2008-06-01")));
        assert_eq!(status(&proposed, 2, today), CommitmentStatus::AdoptedLate);
    }

    fn adopted(date: Option<&str>) -> Adoption {
        Adoption {
            date: date.map(|s| s.parse().expect("partial date")),
            ..Default::default()
        }
    }

    /// Due 2009-03-15 (letter of intent 2007-03-15, two years).
    fn due_2009(adoption: Option<&str>) -> CoachingParticipation {
        CoachingParticipation {
            strategy_adopted: Some(adopted(adoption)),
            ..with_loi("2007-03-15")
        }
    }

    #[test]
    fn a_partial_adoption_is_late_only_when_all_of_it_is_after_the_due_date() {
        let later = d("2026-11-27");
        let st = |a: Option<&str>| status(&due_2009(a), 2, later);
        assert_eq!(st(Some("2008-11")), CommitmentStatus::Adopted, "met");
        assert_eq!(st(Some("2008")), CommitmentStatus::Adopted);
        assert_eq!(st(Some("2010")), CommitmentStatus::AdoptedLate, "met late");
        assert_eq!(st(Some("2009-04")), CommitmentStatus::AdoptedLate);
        assert_eq!(
            st(Some("2009-03")),
            CommitmentStatus::Adopted,
            "the month holds the due date"
        );
        assert_eq!(
            st(Some("2009")),
            CommitmentStatus::Adopted,
            "the year holds it"
        );
        assert_eq!(
            adoption_timing(&due_2009(Some("2009")), 2),
            Some(Timing::Unknown)
        );
        assert_eq!(st(Some("2009-03-16")), CommitmentStatus::AdoptedLate);
        assert_eq!(st(Some("2009-03-15")), CommitmentStatus::Adopted);
        assert_eq!(
            st(None),
            CommitmentStatus::Adopted,
            "undated: adopted, timing unknown"
        );
        // Without a letter of intent there is no due date to be late against.
        let no_due = CoachingParticipation {
            strategy_adopted: Some(adopted(Some("2010"))),
            ..Default::default()
        };
        assert_eq!(status(&no_due, 2, later), CommitmentStatus::Adopted);
        assert_eq!(adoption_timing(&no_due, 2), Some(Timing::Unknown));
    }

    #[test]
    fn on_a_past_day_only_what_had_happened_by_then_counts() {
        let c = due_2009(Some("2008-11"));
        assert_eq!(
            status(&c, 2, d("2008-11-15")),
            CommitmentStatus::OnTrack,
            "month not over"
        );
        assert_eq!(status(&c, 2, d("2008-11-30")), CommitmentStatus::Adopted);
        let late = due_2009(Some("2010"));
        assert_eq!(status(&late, 2, d("2009-06-01")), CommitmentStatus::Overdue);
        assert_eq!(
            status(&late, 2, d("2010-12-31")),
            CommitmentStatus::AdoptedLate
        );
        let mut proposed = with_loi("2007-03-15");
        proposed.strategy_proposed = Some(d("2008-05-01"));
        assert_eq!(
            status(&proposed, 2, d("2008-04-30")),
            CommitmentStatus::OnTrack
        );
        assert_eq!(
            status(&proposed, 2, d("2008-05-01")),
            CommitmentStatus::Proposed
        );
        assert_eq!(
            status(&due_2009(None), 2, d("2007-06-01")),
            CommitmentStatus::Adopted
        );
        assert_eq!(
            status(&with_loi("2007-03-15"), 2, d("2007-03-14")),
            CommitmentStatus::NotStarted,
            "before the letter of intent no clock runs"
        );
    }

    #[test]
    fn every_status_has_one_outcome() {
        use CommitmentStatus::*;
        assert_eq!(Adopted.outcome(), Outcome::Met);
        assert_eq!(AdoptedLate.outcome(), Outcome::MetLate);
        assert_eq!(Overdue.outcome(), Outcome::Overdue);
        for s in [NotStarted, OnTrack, DueSoon, Proposed] {
            assert_eq!(s.outcome(), Outcome::Open);
        }
    }
}

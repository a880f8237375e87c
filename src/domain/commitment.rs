//! The strategy commitment: its due date and status are derived from the dates a
//! participation records, so they can never disagree with them.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::model::CoachingParticipation;

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
    Adopted,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 6] = [
        CommitmentStatus::NotStarted,
        CommitmentStatus::OnTrack,
        CommitmentStatus::DueSoon,
        CommitmentStatus::Overdue,
        CommitmentStatus::Proposed,
        CommitmentStatus::Adopted,
    ];
}

/// The letter of intent plus the programme's years; 29 February falls back to 28 February.
pub fn due_date(letter_of_intent: NaiveDate, years: u32) -> Option<NaiveDate> {
    letter_of_intent.checked_add_months(Months::new(years.checked_mul(12)?))
}

pub fn status(c: &CoachingParticipation, years: u32, today: NaiveDate) -> CommitmentStatus {
    if c.strategy_adopted.is_some() {
        return CommitmentStatus::Adopted;
    }
    if c.strategy_proposed.is_some() {
        return CommitmentStatus::Proposed;
    }
    let Some(due) = c.letter_of_intent.and_then(|loi| due_date(loi, years)) else {
        return CommitmentStatus::NotStarted;
    };
    let days_left = (due - today).num_days();
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
        proposed.strategy_adopted = Some(d("2008-06-01"));
        assert_eq!(status(&proposed, 2, today), CommitmentStatus::Adopted);
    }
}

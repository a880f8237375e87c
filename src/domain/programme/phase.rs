//! Where a round stands on a given day, from its period alone: the list of programmes says
//! planned, running or ended without anyone keeping it up to date.

use chrono::NaiveDate;

use crate::domain::model::Period;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Its period starts after `today`.
    Planned,
    /// `today` falls within its period, both ends included.
    Running,
    /// Its period ended before `today`.
    Ended,
    /// No period is known (a source that gives none).
    Unknown,
}

pub fn phase(period: Option<&Period>, today: NaiveDate) -> Phase {
    match period {
        None => Phase::Unknown,
        Some(p) if today < p.start => Phase::Planned,
        Some(p) if today > p.end => Phase::Ended,
        Some(_) => Phase::Running,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn a_round_is_planned_until_its_first_day_running_through_its_last_then_ended() {
        let p = Period {
            start: day(2027, 1, 1),
            end: day(2028, 12, 31),
        };
        assert_eq!(phase(Some(&p), day(2026, 12, 31)), Phase::Planned);
        assert_eq!(phase(Some(&p), day(2027, 1, 1)), Phase::Running);
        assert_eq!(phase(Some(&p), day(2028, 12, 31)), Phase::Running);
        assert_eq!(phase(Some(&p), day(2029, 1, 1)), Phase::Ended);
        assert_eq!(phase(None, day(2027, 6, 1)), Phase::Unknown);
    }
}

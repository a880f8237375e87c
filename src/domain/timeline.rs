//! Where things fall on a time axis: the geometry of the overview's timeline,
//! kept here so it is tested without a browser.

use chrono::{Datelike, NaiveDate};

use super::model::Period;

/// A labelled point on the axis, `at` from 0.0 (axis start) to 1.0 (axis end).
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub date: NaiveDate,
    pub at: f64,
}

/// The axis spans whole calendar years around the period, so the period's edges
/// are visible against the year boundaries.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Axis {
    pub fn around(period: Period) -> Axis {
        let start = NaiveDate::from_ymd_opt(period.start.year(), 1, 1).unwrap_or(period.start);
        let end = NaiveDate::from_ymd_opt(period.end.year() + 1, 1, 1).unwrap_or(period.end);
        Axis { start, end }
    }

    /// Position of a date on the axis, clamped to the axis.
    pub fn at(&self, date: NaiveDate) -> f64 {
        let span = (self.end - self.start).num_days().max(1) as f64;
        ((date - self.start).num_days() as f64 / span).clamp(0.0, 1.0)
    }

    /// One tick at each 1 January from the axis start to its end, inclusive.
    pub fn year_ticks(&self) -> Vec<Tick> {
        (self.start.year()..=self.end.year())
            .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
            .filter(|d| *d >= self.start && *d <= self.end)
            .map(|date| Tick {
                date,
                at: self.at(date),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn axis_spans_whole_years_and_places_the_period_inside() {
        let period = Period {
            start: d("2007-01-01"),
            end: d("2008-09-30"),
        };
        let axis = Axis::around(period);
        assert_eq!(axis.start, d("2007-01-01"));
        assert_eq!(axis.end, d("2009-01-01"));
        assert_eq!(axis.at(period.start), 0.0);
        let end = axis.at(period.end);
        assert!(
            (0.87..0.875).contains(&end),
            "30 Sep 2008 is 21 of 24 months in: {end}"
        );
        let years: Vec<_> = axis.year_ticks().iter().map(|t| t.date.year()).collect();
        assert_eq!(years, vec![2007, 2008, 2009]);
        assert_eq!(axis.at(d("1990-01-01")), 0.0, "clamped");
    }
}

//! A date as precise as its source says it: a day, a month or a year. A source that
//! says "adopted in 2010" is never widened to 1 January 2010; what follows from it
//! (met on time, met late, already done on a given day) is said only where every day
//! of the period agrees.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
    Year(i32),
}

/// Whether something happened by its due date, as far as the dates tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timing {
    OnTime,
    Late,
    /// The period holds days on both sides of the due date.
    Unknown,
}

impl PartialDate {
    pub fn first_day(self) -> NaiveDate {
        match self {
            PartialDate::Day(d) => d,
            PartialDate::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
            }
            PartialDate::Year(year) => {
                NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
            }
        }
    }

    pub fn last_day(self) -> NaiveDate {
        match self {
            PartialDate::Day(d) => d,
            PartialDate::Month { year, month } => {
                let (y, m) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(NaiveDate::MAX)
            }
            PartialDate::Year(year) => {
                NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
            }
        }
    }

    /// Happened by the end of `day`, for certain (a month or year counts once it is over).
    pub fn known_by(self, day: NaiveDate) -> bool {
        self.last_day() <= day
    }

    pub fn timing(self, due: NaiveDate) -> Timing {
        if self.last_day() <= due {
            Timing::OnTime
        } else if self.first_day() > due {
            Timing::Late
        } else {
            Timing::Unknown
        }
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> PartialDate {
        PartialDate::Day(d)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAPartialDate;

impl FromStr for PartialDate {
    type Err = NotAPartialDate;

    /// `ÅÅÅÅ-MM-DD`, `ÅÅÅÅ-MM` or `ÅÅÅÅ`, each part with its full count of digits.
    fn from_str(s: &str) -> Result<PartialDate, NotAPartialDate> {
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let shape = [4, 2, 2];
        if parts.is_empty()
            || parts.len() > 3
            || !parts.iter().zip(shape).all(|(p, n)| digits(p, n))
        {
            return Err(NotAPartialDate);
        }
        let year: i32 = parts[0].parse().map_err(|_| NotAPartialDate)?;
        match parts.len() {
            1 => Ok(PartialDate::Year(year)),
            2 => {
                let month: u32 = parts[1].parse().map_err(|_| NotAPartialDate)?;
                NaiveDate::from_ymd_opt(year, month, 1)
                    .map(|_| PartialDate::Month { year, month })
                    .ok_or(NotAPartialDate)
            }
            _ => s
                .parse::<NaiveDate>()
                .map(PartialDate::Day)
                .map_err(|_| NotAPartialDate),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PartialDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            PartialDate::Year(year) => write!(f, "{year:04}"),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|_| {
            serde::de::Error::custom(format!(
                "{text:?} is not a date written as YYYY-MM-DD, YYYY-MM or YYYY"
            ))
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A date as precise as its source: YYYY-MM-DD, YYYY-MM or YYYY.",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

/// The year a partial date falls in (every precision has one).
pub fn year_of(p: PartialDate) -> i32 {
    p.first_day().year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn p(s: &str) -> PartialDate {
        s.parse().expect("test partial date")
    }

    #[test]
    fn each_precision_is_read_and_written_back_as_it_was_given() {
        for text in ["2008-11-05", "2008-11", "2010", "2008-02-29"] {
            assert_eq!(p(text).to_string(), text);
        }
        assert_eq!(
            p("2008-11"),
            PartialDate::Month {
                year: 2008,
                month: 11
            }
        );
        assert_eq!(p("2010"), PartialDate::Year(2010));
        for bad in [
            "",
            "08",
            "2008-1",
            "2008-13",
            "2009-02-29",
            "2008-11-05-01",
            "20O8",
            "2008/11",
        ] {
            assert_eq!(bad.parse::<PartialDate>(), Err(NotAPartialDate), "{bad:?}");
        }
    }

    #[test]
    fn a_period_runs_from_its_first_to_its_last_day() {
        assert_eq!(p("2008-02").last_day(), d("2008-02-29"));
        assert_eq!(p("2008-12").last_day(), d("2008-12-31"));
        assert_eq!(p("2010").first_day(), d("2010-01-01"));
        assert_eq!(p("2010").last_day(), d("2010-12-31"));
        assert_eq!(year_of(p("2009-02")), 2009);
    }

    #[test]
    fn timing_is_said_only_where_every_day_of_the_period_agrees() {
        let due = d("2009-03-15");
        assert_eq!(
            p("2008-11").timing(due),
            Timing::OnTime,
            "adopted 2008-11, due in 2009"
        );
        assert_eq!(
            p("2010").timing(due),
            Timing::Late,
            "the whole of 2010 is after the due date"
        );
        assert_eq!(
            p("2009").timing(due),
            Timing::Unknown,
            "2009 holds days on both sides"
        );
        assert_eq!(p("2009-03").timing(due), Timing::Unknown);
        assert_eq!(
            p("2009-03-15").timing(due),
            Timing::OnTime,
            "on the due day itself"
        );
        assert_eq!(p("2009-03-16").timing(due), Timing::Late);
    }

    #[test]
    fn a_month_or_a_year_counts_as_done_once_it_is_over() {
        assert!(!p("2008-11").known_by(d("2008-11-15")));
        assert!(p("2008-11").known_by(d("2008-11-30")));
        assert!(!p("2008").known_by(d("2008-12-30")));
        assert!(p("2008-11-05").known_by(d("2008-11-05")));
    }

    #[test]
    fn serde_uses_the_written_form_and_refuses_anything_else() {
        let json = serde_json::to_string(&p("2008-11")).expect("serialise");
        assert_eq!(json, "\"2008-11\"");
        assert_eq!(
            serde_json::from_str::<PartialDate>("\"2010\"").ok(),
            Some(p("2010"))
        );
        let err = serde_json::from_str::<PartialDate>("\"hösten 2008\"").expect_err("refused");
        assert!(
            err.to_string().contains("YYYY-MM-DD, YYYY-MM or YYYY"),
            "{err}"
        );
    }
}

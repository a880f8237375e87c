//! What people type, checked field by field before anything is saved. Each rule
//! returns the clean value or the reason it was refused; the UI words the reason.

use chrono::NaiveDate;

use super::municipalities::{municipalities, municipality};
use super::partial_date::PartialDate;
use super::text::search_form;

/// Dates outside this range are typing mistakes for this programme's records.
pub const EARLIEST: (i32, u32, u32) = (2000, 1, 1);
pub const LATEST: (i32, u32, u32) = (2040, 12, 31);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    /// Not a real calendar date in the form YYYY-MM-DD.
    NotADate,
    /// Not a year, a month or a day (YYYY, YYYY-MM, YYYY-MM-DD).
    NotAPartialDate,
    DateOutOfRange {
        earliest: NaiveDate,
        latest: NaiveDate,
    },
    /// A date that must not come before another one (a proposal before the letter of intent).
    DateBefore {
        other: NaiveDate,
    },
    /// Not a whole number of kronor (letters, decimals, a minus sign).
    NotWholeKronor,
    TooLarge,
    /// A ledger whose total would go over what the programme allows.
    OverLimit {
        total: u64,
        limit: u64,
    },
    KommunkodFormat,
    KommunkodUnknown,
    /// Only http:// and https:// links are kept.
    LinkScheme,
    /// A typed name that is not one of the 290 municipalities.
    MunicipalityUnknown,
    /// Not a whole number (letters, decimals, a sign).
    NotANumber,
    /// A whole number (a year, a setting) outside what makes sense for it.
    NumberOutOfRange {
        min: i64,
        max: i64,
    },
}

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// An optional date: empty is None; otherwise a real date in the sane range.
pub fn optional_date(input: &str) -> Result<Option<NaiveDate>, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let well_formed = input.len() == 10
        && input.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let date = well_formed
        .then(|| NaiveDate::parse_from_str(input, "%Y-%m-%d").ok())
        .flatten()
        .ok_or(FieldError::NotADate)?;
    let (earliest, latest) = (ymd(EARLIEST), ymd(LATEST));
    if date < earliest || date > latest {
        return Err(FieldError::DateOutOfRange { earliest, latest });
    }
    Ok(Some(date))
}

/// An optional date as precise as it is known: a year, a month or a day, in the range.
pub fn optional_partial_date(input: &str) -> Result<Option<PartialDate>, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let date: PartialDate = input.parse().map_err(|_| FieldError::NotAPartialDate)?;
    let (earliest, latest) = (ymd(EARLIEST), ymd(LATEST));
    if date.first_day() < earliest || date.last_day() > latest {
        return Err(FieldError::DateOutOfRange { earliest, latest });
    }
    Ok(Some(date))
}

/// A period that must not lie wholly before a day (an adoption before its proposal).
pub fn period_not_before(
    later: Option<PartialDate>,
    earlier: Option<NaiveDate>,
) -> Result<(), FieldError> {
    match (later, earlier) {
        (Some(l), Some(e)) if l.last_day() < e => Err(FieldError::DateBefore { other: e }),
        _ => Ok(()),
    }
}

pub fn required_date(input: &str) -> Result<NaiveDate, FieldError> {
    optional_date(input)?.ok_or(FieldError::Required)
}

/// `later` may be empty, but not before `earlier`.
pub fn not_before(later: Option<NaiveDate>, earlier: Option<NaiveDate>) -> Result<(), FieldError> {
    match (later, earlier) {
        (Some(l), Some(e)) if l < e => Err(FieldError::DateBefore { other: e }),
        _ => Ok(()),
    }
}

/// Whole, non-negative kronor; spaces between digit groups are allowed ("50 000").
pub fn kronor(input: &str) -> Result<u32, FieldError> {
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if digits.is_empty() {
        return Err(FieldError::Required);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::NotWholeKronor);
    }
    digits.parse().map_err(|_| FieldError::TooLarge)
}

/// A ledger's total with one more amount, refused if it would exceed `limit`.
pub fn within_limit(
    existing: impl IntoIterator<Item = u32>,
    added: u32,
    limit: u32,
) -> Result<u64, FieldError> {
    let total = existing.into_iter().map(u64::from).sum::<u64>() + u64::from(added);
    if total > u64::from(limit) {
        return Err(FieldError::OverLimit {
            total,
            limit: u64::from(limit),
        });
    }
    Ok(total)
}

/// Four digits naming a municipality in the built-in register.
pub fn kommunkod(input: &str) -> Result<String, FieldError> {
    let code = input.trim();
    if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::KommunkodFormat);
    }
    municipality(code)
        .map(|m| m.kommunkod.clone())
        .ok_or(FieldError::KommunkodUnknown)
}

/// The kommunkod a typed text names: "Ale (1440)" (as the suggestions list offers),
/// "1440", or a name ("Ale", "ale", "Hablingbo" is not one; "Habo" is).
pub fn municipality_named(input: &str) -> Result<String, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    let code = text
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or(text)
        .trim();
    if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
        return kommunkod(code);
    }
    let lower = text.to_lowercase();
    if let Some(m) = municipalities()
        .iter()
        .find(|m| m.name == text || m.name.to_lowercase() == lower)
    {
        return Ok(m.kommunkod.clone());
    }
    // Without diacritics or case: only if that names one municipality.
    let folded = search_form(text);
    let mut hits = municipalities()
        .iter()
        .filter(|m| search_form(&m.name) == folded);
    match (hits.next(), hits.next()) {
        (Some(m), None) => Ok(m.kommunkod.clone()),
        _ => Err(FieldError::MunicipalityUnknown),
    }
}

/// An optional web link: empty is None; otherwise http(s) only, never `javascript:` or `data:`.
pub fn optional_link(input: &str) -> Result<Option<String>, FieldError> {
    let link = input.trim();
    if link.is_empty() {
        return Ok(None);
    }
    let lower = link.to_ascii_lowercase();
    let host = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match host {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with('/')
                && !link.chars().any(char::is_whitespace) =>
        {
            Ok(Some(link.to_owned()))
        }
        _ => Err(FieldError::LinkScheme),
    }
}

/// The year Klimatkommunerna was founded: nobody joined earlier.
pub const FIRST_MEMBER_YEAR: i64 = 2003;

/// A whole number from `min` to `max`.
pub fn whole_number(input: &str, min: i64, max: i64) -> Result<i64, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::NotANumber);
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(FieldError::NumberOutOfRange { min, max }),
    }
}

/// The optional year an organisation joined Klimatkommunerna: empty is unknown.
pub fn optional_join_year(input: &str) -> Result<Option<i32>, FieldError> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    let latest = i64::from(LATEST.0);
    let year = whole_number(input, FIRST_MEMBER_YEAR, latest)?;
    i32::try_from(year)
        .map(Some)
        .map_err(|_| FieldError::NumberOutOfRange {
            min: FIRST_MEMBER_YEAR,
            max: latest,
        })
}

/// Text that must not be empty (a session's topic); surrounding spaces are dropped.
pub fn required_text(input: &str) -> Result<String, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_partial_date_is_a_year_a_month_or_a_day_in_range() {
        assert_eq!(optional_partial_date(" "), Ok(None));
        assert_eq!(
            optional_partial_date("2008-11"),
            Ok(Some(PartialDate::Month {
                year: 2008,
                month: 11
            }))
        );
        assert_eq!(
            optional_partial_date("2010"),
            Ok(Some(PartialDate::Year(2010)))
        );
        assert!(matches!(
            optional_partial_date("2008-11-20"),
            Ok(Some(PartialDate::Day(_)))
        ));
        for bad in ["2008-13", "08-11", "nov 2008", "2008-11-31", "2008/11"] {
            assert_eq!(
                optional_partial_date(bad),
                Err(FieldError::NotAPartialDate),
                "{bad}"
            );
        }
        assert!(matches!(
            optional_partial_date("1999"),
            Err(FieldError::DateOutOfRange { .. })
        ));
        let proposal = "2008-05-10".parse().ok();
        let year = |y| Some(PartialDate::Year(y));
        assert_eq!(
            period_not_before(year(2008), proposal),
            Ok(()),
            "may hold it"
        );
        assert!(period_not_before(year(2007), proposal).is_err());
        assert_eq!(period_not_before(None, proposal), Ok(()));
    }

    #[test]
    fn dates_must_be_real_and_in_a_sane_range() {
        assert_eq!(optional_date(""), Ok(None));
        assert_eq!(optional_date(" 2007-03-15 "), Ok(Some(d("2007-03-15"))));
        assert_eq!(optional_date("2008-02-29"), Ok(Some(d("2008-02-29"))));
        for bad in [
            "2007-02-30",
            "2007-13-01",
            "15/3/2007",
            "2007-3-15",
            "igår",
            "20070315",
        ] {
            assert_eq!(optional_date(bad), Err(FieldError::NotADate), "{bad}");
        }
        assert!(matches!(
            optional_date("1999-12-31"),
            Err(FieldError::DateOutOfRange { .. })
        ));
        assert!(matches!(
            optional_date("2041-01-01"),
            Err(FieldError::DateOutOfRange { .. })
        ));
        assert_eq!(required_date(""), Err(FieldError::Required));
    }

    #[test]
    fn a_later_step_cannot_come_before_an_earlier_one() {
        assert_eq!(
            not_before(Some(d("2008-01-01")), Some(d("2007-01-01"))),
            Ok(())
        );
        assert_eq!(not_before(None, Some(d("2007-01-01"))), Ok(()));
        assert_eq!(
            not_before(Some(d("2006-01-01")), Some(d("2007-01-01"))),
            Err(FieldError::DateBefore {
                other: d("2007-01-01")
            })
        );
    }

    #[test]
    fn kronor_are_whole_and_non_negative() {
        assert_eq!(kronor("50000"), Ok(50_000));
        assert_eq!(kronor("50 000"), Ok(50_000));
        assert_eq!(kronor("50\u{a0}000"), Ok(50_000));
        assert_eq!(kronor("0"), Ok(0));
        assert_eq!(kronor(""), Err(FieldError::Required));
        for bad in ["-5", "12,50", "12.5", "5e3", "tusen"] {
            assert_eq!(kronor(bad), Err(FieldError::NotWholeKronor), "{bad}");
        }
        assert_eq!(kronor("99999999999"), Err(FieldError::TooLarge));
    }

    #[test]
    fn a_ledger_may_not_go_over_its_limit() {
        assert_eq!(within_limit([20_000, 20_000], 10_000, 50_000), Ok(50_000));
        assert_eq!(
            within_limit([20_000, 20_000], 10_001, 50_000),
            Err(FieldError::OverLimit {
                total: 50_001,
                limit: 50_000
            })
        );
    }

    #[test]
    fn kommunkod_has_four_digits_and_exists() {
        assert_eq!(kommunkod("0560"), Ok("0560".into()));
        assert_eq!(kommunkod(" 1256 "), Ok("1256".into()));
        assert_eq!(kommunkod("560"), Err(FieldError::KommunkodFormat));
        assert_eq!(kommunkod("05a0"), Err(FieldError::KommunkodFormat));
        assert_eq!(kommunkod("9999"), Err(FieldError::KommunkodUnknown));
    }

    #[test]
    fn links_are_http_or_https_only() {
        assert_eq!(optional_link(""), Ok(None));
        assert_eq!(
            optional_link("https://www.osby.se/klimat"),
            Ok(Some("https://www.osby.se/klimat".into()))
        );
        assert_eq!(
            optional_link("HTTP://example.org"),
            Ok(Some("HTTP://example.org".into()))
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://x.se",
            "www.osby.se",
            "https://",
            "https:///x",
            "https://a b",
        ] {
            assert_eq!(optional_link(bad), Err(FieldError::LinkScheme), "{bad}");
        }
    }

    #[test]
    fn whole_numbers_and_join_years_stay_in_range() {
        assert_eq!(whole_number(" 3 ", 1, 20), Ok(3));
        assert_eq!(whole_number("", 1, 20), Err(FieldError::Required));
        for bad in ["-1", "2.5", "två", "1e2"] {
            assert_eq!(
                whole_number(bad, 1, 20),
                Err(FieldError::NotANumber),
                "{bad}"
            );
        }
        assert_eq!(
            whole_number("0", 1, 20),
            Err(FieldError::NumberOutOfRange { min: 1, max: 20 })
        );
        assert_eq!(
            whole_number("99999999999999999999", 1, 20),
            Err(FieldError::NumberOutOfRange { min: 1, max: 20 })
        );
        assert_eq!(optional_join_year(""), Ok(None));
        assert_eq!(optional_join_year("2005"), Ok(Some(2005)));
        assert_eq!(
            optional_join_year("2002"),
            Err(FieldError::NumberOutOfRange {
                min: 2003,
                max: 2040
            }),
            "Klimatkommunerna was founded in 2003"
        );
        assert_eq!(required_text("  Workshop  "), Ok("Workshop".into()));
        assert_eq!(required_text("  "), Err(FieldError::Required));
    }

    #[test]
    fn a_municipality_is_named_by_code_by_name_or_as_the_suggestions_show_it() {
        assert_eq!(municipality_named("Ale (1440)"), Ok("1440".into()));
        assert_eq!(municipality_named(" 1440 "), Ok("1440".into()));
        assert_eq!(municipality_named("Ale"), Ok("1440".into()));
        assert_eq!(municipality_named("östra göinge"), Ok("1256".into()));
        assert_eq!(
            municipality_named("Habo"),
            Ok("0643".into()),
            "exact beats folded"
        );
        assert_eq!(municipality_named("Håbo"), Ok("0305".into()));
        assert_eq!(municipality_named("habo"), Ok("0643".into()), "case only");
        assert_eq!(municipality_named("HÅBO"), Ok("0305".into()));
        assert_eq!(municipality_named("ostra goinge"), Ok("1256".into()));
        assert_eq!(
            municipality_named("Atlantis"),
            Err(FieldError::MunicipalityUnknown)
        );
        assert_eq!(municipality_named("144"), Err(FieldError::KommunkodFormat));
        assert_eq!(municipality_named(""), Err(FieldError::Required));
    }
}

//! Dates, numbers and money in the reader's language.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use leptos_i18n::I18nContext;

use crate::domain::model::{Adoption, PartialDate};
use crate::format::group_thousands;
use crate::i18n::*;

/// "1 januari 2007" / "1 January 2007".
pub fn date(i18n: I18nContext<Locale>, d: NaiveDate) -> String {
    t_string!(
        i18n,
        format.date,
        day = d.day(),
        month = month_name(i18n, d.month()),
        year = d.year()
    )
}

/// `t` in the browser's time zone.
fn local(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    // getTimezoneOffset is minutes *behind* UTC, for that moment (summer time included).
    let offset = js_sys::Date::new(&(t.timestamp_millis() as f64).into()).get_timezone_offset();
    t.naive_utc() - Duration::minutes(offset as i64)
}

/// "14:03", in the browser's time zone.
pub fn time(i18n: I18nContext<Locale>, t: DateTime<Utc>) -> String {
    let local = local(t);
    t_string!(
        i18n,
        format.time,
        hour = format!("{:02}", local.hour()),
        minute = format!("{:02}", local.minute())
    )
}

/// "27 november 2026 kl. 10.15" / "27 November 2026 at 10:15", in the browser's time zone.
pub fn date_time(i18n: I18nContext<Locale>, t: DateTime<Utc>) -> String {
    let local = local(t);
    t_string!(
        i18n,
        format.date_time,
        date = date(i18n, local.date()),
        hour = format!("{:02}", local.hour()),
        minute = format!("{:02}", local.minute())
    )
}

/// "50 000" / "50,000".
pub fn number(i18n: I18nContext<Locale>, n: u64) -> String {
    group_thousands(n, t_string!(i18n, format.group_separator))
}

/// "50 000 kr" / "SEK 50,000".
pub fn kronor(i18n: I18nContext<Locale>, n: u64) -> String {
    t_string!(i18n, format.kronor, amount = number(i18n, n))
}

/// "maj 2007" / "May 2007" (the first day of the month stands for it).
pub fn month(i18n: I18nContext<Locale>, first: NaiveDate) -> String {
    t_string!(
        i18n,
        format.month,
        month = month_name(i18n, first.month()),
        year = first.year()
    )
}

/// "november 2008", "2008", or a day, as precisely as it is known.
pub fn partial_date(i18n: I18nContext<Locale>, d: PartialDate) -> String {
    match d {
        PartialDate::Day(day) => date(i18n, day),
        PartialDate::Month { .. } => month(i18n, d.first_day()),
        PartialDate::Year(year) => year.to_string(),
    }
}

/// An adoption's date, or that it is not known.
pub fn adoption(i18n: I18nContext<Locale>, a: &Adoption) -> String {
    match a.date {
        Some(d) => partial_date(i18n, d),
        None => t_string!(i18n, kommun.adopted_undated).to_owned(),
    }
}

/// "20 MB" / "1,5 MB" (binary megabytes, one decimal when it matters).
pub fn megabytes(i18n: I18nContext<Locale>, bytes: u64) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576;
    let amount = if tenths.is_multiple_of(10) {
        number(i18n, tenths / 10)
    } else {
        format!(
            "{}{}{}",
            number(i18n, tenths / 10),
            t_string!(i18n, format.decimal_separator),
            tenths % 10
        )
    };
    t_string!(i18n, format.megabytes, amount = amount)
}

fn month_name(i18n: I18nContext<Locale>, m: u32) -> &'static str {
    match m {
        1 => t_string!(i18n, months.m01),
        2 => t_string!(i18n, months.m02),
        3 => t_string!(i18n, months.m03),
        4 => t_string!(i18n, months.m04),
        5 => t_string!(i18n, months.m05),
        6 => t_string!(i18n, months.m06),
        7 => t_string!(i18n, months.m07),
        8 => t_string!(i18n, months.m08),
        9 => t_string!(i18n, months.m09),
        10 => t_string!(i18n, months.m10),
        11 => t_string!(i18n, months.m11),
        _ => t_string!(i18n, months.m12),
    }
}

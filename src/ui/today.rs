//! The browser's clock: today's date for statuses that depend on it, and the
//! instant an edit is made (its `updated_at`).

use chrono::NaiveDate;

pub use crate::clock::now;

pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

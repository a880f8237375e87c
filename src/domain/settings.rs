//! The user's settings: kept beside the dataset (not in it), so they are personal
//! and never travel in an exported file.

use serde::{Deserialize, Serialize};

use super::mentoring::DEFAULT_MAX_LOAD;

/// The languages the interface speaks.
pub const LANGUAGES: [&str; 2] = ["sv", "en"];

/// The range the mentor-load setting accepts.
pub const MAX_LOAD_RANGE: (i64, i64) = (1, 50);

/// Unexported changes, and days since the first of them, after which the app reminds
/// the user to export: a day's work, or a week.
pub const DEFAULT_REMIND_AFTER_CHANGES: u32 = 20;
pub const DEFAULT_REMIND_AFTER_DAYS: u32 = 7;
pub const REMIND_CHANGES_RANGE: (i64, i64) = (1, 1000);
pub const REMIND_DAYS_RANGE: (i64, i64) = (1, 365);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Mentees per mentor above which /mentorer warns.
    pub max_mentor_load: usize,
    /// The interface language ("sv" or "en"); None: Swedish, the default.
    pub language: Option<String>,
    /// Remind to export after this many unexported changes…
    pub remind_after_changes: u32,
    /// …or this many days after the first of them.
    pub remind_after_days: u32,
    /// This browser's id in the versions of its edits (random, made at its first edit);
    /// a file carries it with every edit, never with anything about the person.
    pub browser: Option<String>,
    /// A short name for this browser ("Kansliet"), shown to whoever merges its files.
    pub browser_name: Option<String>,
}

/// The longest browser name kept, in characters.
pub const BROWSER_NAME_MAX: usize = 40;

/// A browser id as this app makes them: 1 to 16 letters and digits.
fn browser_id_ok(id: &str) -> bool {
    (1..=16).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A browser name as kept: trimmed, one line, at most [`BROWSER_NAME_MAX`] characters;
/// None if nothing is left.
pub fn browser_name(raw: &str) -> Option<String> {
    let one_line: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let name: String = one_line.chars().take(BROWSER_NAME_MAX).collect();
    (!name.is_empty()).then_some(name)
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_mentor_load: DEFAULT_MAX_LOAD,
            language: None,
            remind_after_changes: DEFAULT_REMIND_AFTER_CHANGES,
            remind_after_days: DEFAULT_REMIND_AFTER_DAYS,
            browser: None,
            browser_name: None,
        }
    }
}

impl Settings {
    /// Stored settings; whatever cannot be read falls back to the defaults, field by field.
    pub fn read(raw: Option<&str>) -> Settings {
        raw.and_then(|r| serde_json::from_str::<Settings>(r).ok())
            .map(|s| Settings {
                max_mentor_load: if (MAX_LOAD_RANGE.0..=MAX_LOAD_RANGE.1)
                    .contains(&(s.max_mentor_load as i64))
                {
                    s.max_mentor_load
                } else {
                    DEFAULT_MAX_LOAD
                },
                language: s.language.filter(|l| LANGUAGES.contains(&l.as_str())),
                remind_after_changes: within(
                    s.remind_after_changes,
                    REMIND_CHANGES_RANGE,
                    DEFAULT_REMIND_AFTER_CHANGES,
                ),
                remind_after_days: within(
                    s.remind_after_days,
                    REMIND_DAYS_RANGE,
                    DEFAULT_REMIND_AFTER_DAYS,
                ),
                browser: s.browser.filter(|b| browser_id_ok(b)),
                browser_name: s.browser_name.as_deref().and_then(browser_name),
            })
            .unwrap_or_default()
    }
}

fn within(value: u32, (min, max): (i64, i64), fallback: u32) -> u32 {
    if (min..=max).contains(&i64::from(value)) {
        value
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_bad_settings_fall_back_to_the_defaults() {
        assert_eq!(Settings::read(None).max_mentor_load, 2);
        assert_eq!(Settings::read(Some("inte json")).max_mentor_load, 2);
        assert_eq!(Settings::read(Some("{}")).max_mentor_load, 2);
        assert_eq!(
            Settings::read(Some(r#"{"max_mentor_load":0}"#)).max_mentor_load,
            2
        );
        assert_eq!(
            Settings::read(Some(r#"{"max_mentor_load":3,"later":1}"#)).max_mentor_load,
            3
        );
        assert_eq!(
            Settings::read(Some(r#"{"language":"en"}"#))
                .language
                .as_deref(),
            Some("en")
        );
        assert_eq!(Settings::read(Some(r#"{"language":"fi"}"#)).language, None);
        let reminders =
            Settings::read(Some(r#"{"remind_after_changes":0,"remind_after_days":30}"#));
        assert_eq!(
            (reminders.remind_after_changes, reminders.remind_after_days),
            (20, 30)
        );
        let s = Settings {
            max_mentor_load: 4,
            language: Some("en".into()),
            remind_after_changes: 5,
            remind_after_days: 2,
            browser: Some("k3f9x2ab".into()),
            browser_name: Some("Kansliet".into()),
        };
        let text = serde_json::to_string(&s).expect("serialises");
        assert_eq!(Settings::read(Some(&text)), s);
        let odd = Settings::read(Some(r#"{"browser":"a.b@c","browser_name":"  "}"#));
        assert_eq!((odd.browser, odd.browser_name), (None, None));
    }

    #[test]
    fn a_browser_name_is_one_short_line() {
        assert_eq!(
            browser_name("  Kansliet \n i Hjo "),
            Some("Kansliet i Hjo".into())
        );
        assert_eq!(
            browser_name(&"x".repeat(60)).map(|n| n.chars().count()),
            Some(BROWSER_NAME_MAX)
        );
        assert_eq!(browser_name(" \t "), None);
    }
}

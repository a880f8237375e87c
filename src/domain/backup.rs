//! What is not yet in any file: changes since the last export, and when to remind.
//!
//! The browser may clear its storage (low disk, "clear site data", a private window);
//! an exported file is the copy it cannot take. This state is kept beside the dataset,
//! per browser, and never exported.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::settings::Settings;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Backup {
    /// When the data was last exported from this browser.
    pub last_export: Option<DateTime<Utc>>,
    /// Saved changes (edits, imports, undos, redos) since then.
    pub changes: u32,
    /// When the first of those changes was made.
    pub since: Option<DateTime<Utc>>,
    /// The reminder was put aside at this many changes, at this time: it returns after
    /// as many changes or days again.
    pub dismissed: Option<(u32, DateTime<Utc>)>,
    /// Whether the browser has been asked to keep the storage (asked once, at the first edit).
    pub persist_asked: bool,
}

impl Backup {
    /// Stored state; what cannot be read starts afresh (it only ever affects a reminder).
    pub fn read(raw: Option<&str>) -> Backup {
        raw.and_then(|r| serde_json::from_str(r).ok())
            .unwrap_or_default()
    }

    /// One more saved change, made at `at`.
    pub fn changed(&mut self, at: DateTime<Utc>) {
        self.changes = self.changes.saturating_add(1);
        self.since.get_or_insert(at);
    }

    /// The data was exported at `at`: nothing is unexported any more.
    pub fn exported(&mut self, at: DateTime<Utc>) {
        *self = Backup {
            last_export: Some(at),
            persist_asked: self.persist_asked,
            ..Backup::default()
        };
    }

    /// The user put the reminder aside at `at`.
    pub fn dismiss(&mut self, at: DateTime<Utc>) {
        self.dismissed = Some((self.changes, at));
    }

    /// Whether to remind now: unexported changes, and N more changes or D more days since
    /// the first of them (or since the reminder was put aside).
    pub fn reminder_due(&self, settings: &Settings, now: DateTime<Utc>) -> bool {
        if self.changes == 0 {
            return false;
        }
        let (changes_then, then) = match self.dismissed {
            Some(d) => d,
            None => (0, self.since.unwrap_or(now)),
        };
        let days = Duration::days(i64::from(settings.remind_after_days));
        self.changes.saturating_sub(changes_then) >= settings.remind_after_changes
            || now.signed_duration_since(then) >= days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:00:00Z"))
            .expect("a time")
            .with_timezone(&Utc)
    }

    fn settings(changes: u32, days: u32) -> Settings {
        Settings {
            remind_after_changes: changes,
            remind_after_days: days,
            ..Settings::default()
        }
    }

    #[test]
    fn changes_count_up_and_an_export_clears_them() {
        let mut b = Backup::default();
        b.changed(at(2, 9));
        b.changed(at(3, 9));
        assert_eq!((b.changes, b.since), (2, Some(at(2, 9))));
        b.persist_asked = true;
        b.exported(at(4, 9));
        assert_eq!(
            b,
            Backup {
                last_export: Some(at(4, 9)),
                persist_asked: true,
                ..Backup::default()
            }
        );
    }

    #[test]
    fn the_reminder_comes_at_n_changes_or_d_days_and_returns_as_long_after_a_dismissal() {
        let s = settings(3, 7);
        let mut b = Backup::default();
        assert!(!b.reminder_due(&s, at(1, 9)), "nothing unexported");
        b.changed(at(1, 9));
        b.changed(at(1, 10));
        assert!(!b.reminder_due(&s, at(1, 11)));
        b.changed(at(1, 11));
        assert!(b.reminder_due(&s, at(1, 11)), "three changes");

        b.dismiss(at(1, 12));
        assert!(!b.reminder_due(&s, at(1, 12)));
        b.changed(at(1, 13));
        b.changed(at(1, 14));
        assert!(!b.reminder_due(&s, at(1, 14)));
        b.changed(at(1, 15));
        assert!(b.reminder_due(&s, at(1, 15)), "three more changes");

        b.dismiss(at(1, 16));
        assert!(!b.reminder_due(&s, at(8, 15)));
        assert!(
            b.reminder_due(&s, at(8, 16)),
            "seven days after the dismissal"
        );

        let mut one = Backup::default();
        one.changed(at(1, 9));
        assert!(!one.reminder_due(&s, at(8, 8)));
        assert!(
            one.reminder_due(&s, at(8, 9)),
            "seven days after the first change"
        );
    }

    #[test]
    fn unreadable_state_starts_afresh() {
        assert_eq!(Backup::read(None), Backup::default());
        assert_eq!(Backup::read(Some("inte json")), Backup::default());
        let mut b = Backup::default();
        b.changed(at(1, 9));
        let text = serde_json::to_string(&b).expect("serialises");
        assert_eq!(Backup::read(Some(&text)), b);
    }
}

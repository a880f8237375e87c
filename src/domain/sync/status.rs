//! How a browser stands with its server, as the header says it ("Synkad 14:03",
//! "Offline – 3 ändringar väntar"…), and how long it waits before trying again.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::server::Trouble;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Status {
    /// No server set: the app is as local-first as without sync.
    Off,
    /// A server is set, but its password was not kept on this computer: asked for on /data.
    NeedsPassword,
    /// Reaching the server for the first time since the tab opened (or since "Anslut").
    Connecting,
    /// Reading or writing changes.
    Syncing,
    /// Everything here was on the server, and everything there here, at `at`.
    Synced { at: DateTime<Utc> },
    /// The browser has no network; `waiting` records wait for it.
    Offline { waiting: usize },
    /// No answer, or one worth waiting out; tried again at `retry`.
    Retrying {
        trouble: Trouble,
        retry: DateTime<Utc>,
        waiting: usize,
    },
    /// Refused in a way only the person can mend (password, membership, address).
    Stopped(Trouble),
}

impl Status {
    /// Whether a screen reader hears about the move from `self` to `next`: a change of
    /// state, not each poll, not the "Synkar…" of every edit, not a new time or count.
    pub fn worth_telling(&self, next: &Status) -> bool {
        use Status::*;
        match (self, next) {
            (_, Syncing) | (Syncing, Synced { .. }) | (Connecting, Synced { .. }) => false,
            (Synced { .. }, Synced { .. }) | (Offline { .. }, Offline { .. }) => false,
            (Retrying { trouble: a, .. }, Retrying { trouble: b, .. }) => a != b,
            (a, b) => a != b,
        }
    }
}

/// How long to wait before the `failures`-th attempt in a row: 2, 4, 8… seconds, at most a
/// minute, so a server back after a restart is found soon and a down one is not hammered.
pub fn retry_after(failures: u32) -> TimeDelta {
    TimeDelta::seconds(2_i64.saturating_pow(failures.clamp(1, 6)).min(60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_to_a_minute() {
        let waits: Vec<i64> = (1..=8).map(|n| retry_after(n).num_seconds()).collect();
        assert_eq!(waits, [2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(retry_after(0).num_seconds(), 2);
    }

    #[test]
    fn a_screen_reader_hears_changes_of_state_only() {
        let at = DateTime::<Utc>::default();
        let later = at + TimeDelta::minutes(1);
        let synced = |at| Status::Synced { at };
        let retrying = |trouble, retry| Status::Retrying {
            trouble,
            retry,
            waiting: 1,
        };
        assert!(!synced(at).worth_telling(&Status::Syncing));
        assert!(!Status::Syncing.worth_telling(&synced(later)));
        assert!(!synced(at).worth_telling(&synced(later)));
        assert!(!Status::Offline { waiting: 1 }.worth_telling(&Status::Offline { waiting: 2 }));
        assert!(synced(at).worth_telling(&Status::Offline { waiting: 0 }));
        assert!(Status::Offline { waiting: 0 }.worth_telling(&synced(at)));
        assert!(synced(at).worth_telling(&Status::Stopped(Trouble::WrongPassword)));
        assert!(!retrying(Trouble::TimedOut, at).worth_telling(&retrying(Trouble::TimedOut, later)));
        assert!(retrying(Trouble::TimedOut, at).worth_telling(&retrying(Trouble::Unreachable, at)));
        assert!(retrying(Trouble::TimedOut, at).worth_telling(&synced(at)));
    }

    #[test]
    fn only_the_network_and_a_busy_server_pass_by_themselves() {
        assert!(Trouble::Unreachable.passes());
        assert!(Trouble::TimedOut.passes());
        assert!(Trouble::Server(503, String::new()).passes());
        assert!(!Trouble::Server(413, String::new()).passes());
        assert!(!Trouble::WrongPassword.passes());
        assert!(!Trouble::NoAccess.passes());
        assert!(!Trouble::NoDatabase.passes());
        assert!(!Trouble::NotCouch.passes());
    }
}

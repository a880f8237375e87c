//! Versions of edits, and what a dataset has seen of them.
//!
//! Every edit is made by one browser, which counts its own edits: the pair (browser,
//! count) names the edit exactly, a *dot*. A browser's edits reach others in the order it
//! made them (every file it writes holds all of them), so what a dataset has seen is, per
//! browser, the highest count it has seen: a version vector, its [`Context`]. An edit `a`
//! happened before `b` when `b`'s browser had seen `a` when it made `b`; two edits neither
//! of which had seen the other are concurrent. Only those are questions for a person.
//!
//! Each stamp also carries a time from a hybrid logical clock (the wall clock, never
//! going back and always past every time already seen): shown to people ("changed 3 March
//! by …") and used to order concurrent edits the same way everywhere.
//!
//! Anchors: delta-state CRDTs with causal contexts (Almeida, Shoker, Baquero 2018),
//! Riak's dotted version vectors.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One edit: which browser made it, its count there, and when (hybrid logical clock).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub browser: String,
    pub counter: u64,
    pub at: DateTime<Utc>,
}

impl Stamp {
    /// The order in which concurrent edits win, the same in every browser: the later
    /// time, then the larger browser id and count (a time alone can tie).
    pub fn cmp_later(&self, other: &Stamp) -> Ordering {
        (self.at, &self.browser, self.counter).cmp(&(other.at, &other.browser, other.counter))
    }

    pub fn same_edit(&self, other: &Stamp) -> bool {
        self.browser == other.browser && self.counter == other.counter
    }
}

/// Written as `browser.count@time`: one short string per edited field in every file.
impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}@{}",
            self.browser,
            self.counter,
            self.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        )
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct BadStamp;

impl FromStr for Stamp {
    type Err = BadStamp;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (dot, at) = s.split_once('@').ok_or(BadStamp)?;
        let (browser, counter) = dot.rsplit_once('.').ok_or(BadStamp)?;
        if browser.is_empty() {
            return Err(BadStamp);
        }
        Ok(Stamp {
            browser: browser.to_owned(),
            counter: counter.parse().map_err(|_| BadStamp)?,
            at: at.parse().map_err(|_| BadStamp)?,
        })
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom("a stamp is written browser.count@time"))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Stamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Stamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^.+\\.[0-9]+@.+$",
            "description": "An edit: the editing browser's id, its count of edits, and the time (browser.count@RFC 3339 time)."
        })
    }
}

/// A record's versions: the stamp of each field path that has one (`detail.mentor_id`).
/// A field without one has its nearest enclosing path's stamp; [`WHOLE`] is the record's
/// (set when it was created, or read from a file of format 1). A field with no stamp at
/// all is as the app was built: every browser has seen it.
pub type Versions = BTreeMap<String, Stamp>;

/// The path of the record as a whole.
pub const WHOLE: &str = "";
/// Not a field: the stamp of keeping the record after a removal (see `join::keep`).
pub const KEPT: &str = "@kept";

/// The stamp that applies to the field at `path`: its own, else its nearest parent's.
pub fn effective<'a>(versions: &'a Versions, path: &str) -> Option<&'a Stamp> {
    let mut at = path;
    loop {
        if let Some(s) = versions.get(at) {
            return Some(s);
        }
        if at.is_empty() {
            return None;
        }
        at = at.rsplit_once('.').map_or("", |(parent, _)| parent);
    }
}

/// Everything a dataset has seen: per browser, the highest count; and the latest time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Context {
    pub seen: BTreeMap<String, u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<DateTime<Utc>>,
}

impl Context {
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty() && self.latest.is_none()
    }

    pub fn has_seen(&self, stamp: &Stamp) -> bool {
        self.seen
            .get(&stamp.browser)
            .is_some_and(|&n| n >= stamp.counter)
    }

    /// What two datasets have seen together.
    pub fn join(&self, other: &Context) -> Context {
        let mut seen = self.seen.clone();
        for (browser, &n) in &other.seen {
            let entry = seen.entry(browser.clone()).or_insert(0);
            *entry = (*entry).max(n);
        }
        Context {
            seen,
            latest: self.latest.max(other.latest),
        }
    }

    /// A new edit by `browser` at wall-clock time `now`: its next count, and a time
    /// after every time seen here (a clock set back, or another browser's clock ahead,
    /// never makes a new edit look older than one it follows).
    pub fn next(&mut self, browser: &str, now: DateTime<Utc>) -> Stamp {
        let counter = self.seen.get(browser).copied().unwrap_or(0) + 1;
        self.seen.insert(browser.to_owned(), counter);
        let at = match self.latest {
            Some(latest) if latest >= now => latest + TimeDelta::milliseconds(1),
            _ => now,
        };
        self.latest = Some(at);
        Stamp {
            browser: browser.to_owned(),
            counter,
            at,
        }
    }

    /// Notes an edit read from elsewhere (its count and its time).
    pub fn observe(&mut self, stamp: &Stamp) {
        let entry = self.seen.entry(stamp.browser.clone()).or_insert(0);
        *entry = (*entry).max(stamp.counter);
        self.latest = self.latest.max(Some(stamp.at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    #[test]
    fn a_stamp_reads_back_as_written() {
        let s = Stamp {
            browser: "b7k2".into(),
            counter: 12,
            at: t("2026-11-28T03:40:00.125Z"),
        };
        assert_eq!(s.to_string(), "b7k2.12@2026-11-28T03:40:00.125Z");
        assert_eq!(s.to_string().parse::<Stamp>(), Ok(s.clone()));
        let json = serde_json::to_string(&s).expect("json");
        assert_eq!(serde_json::from_str::<Stamp>(&json).expect("read"), s);
        for bad in [
            "",
            "b7k2",
            "b7k2.x@2026-11-28T03:40:00Z",
            ".1@2026-11-28T03:40:00Z",
            "b.1@soon",
        ] {
            assert_eq!(bad.parse::<Stamp>(), Err(BadStamp), "{bad}");
        }
    }

    #[test]
    fn a_field_takes_its_nearest_stamp() {
        let s = |n| Stamp {
            browser: "a".into(),
            counter: n,
            at: t("2026-01-01T00:00:00Z"),
        };
        let mut v = Versions::new();
        assert_eq!(effective(&v, "detail.mentor_id"), None);
        v.insert(WHOLE.into(), s(1));
        assert_eq!(effective(&v, "detail.mentor_id"), Some(&s(1)));
        v.insert("detail".into(), s(2));
        v.insert("detail.mentor_id".into(), s(3));
        assert_eq!(effective(&v, "detail.mentor_id"), Some(&s(3)));
        assert_eq!(effective(&v, "detail.coach_id"), Some(&s(2)));
        assert_eq!(effective(&v, "name"), Some(&s(1)));
    }

    #[test]
    fn the_clock_never_goes_back_and_counts_each_browser_alone() {
        let mut c = Context::default();
        let a1 = c.next("a", t("2026-01-01T00:00:00Z"));
        let a2 = c.next("a", t("2025-01-01T00:00:00Z"));
        assert_eq!((a1.counter, a2.counter), (1, 2));
        assert!(a2.at > a1.at, "a clock set back still moves on");
        let mut other = Context::default();
        let b1 = other.next("b", t("2030-01-01T00:00:00Z"));
        c.observe(&b1);
        let a3 = c.next("a", t("2026-01-02T00:00:00Z"));
        assert!(a3.at > b1.at, "an edit after seeing b1 is later than b1");
        assert_eq!(a3.counter, 3);
        assert!(c.has_seen(&b1) && c.has_seen(&a2) && !other.has_seen(&a1));
        let j = c.join(&other);
        assert_eq!(j, other.join(&c));
        assert_eq!(j.join(&j), j);
        assert!(j.has_seen(&a3) && j.has_seen(&b1), "the join has seen both");
    }
}

//! Versions for every edit made here. The store calls [`stamp_edit`] after each change,
//! undo and redo, so that an undo is a new edit (it puts old values back, it does not
//! roll back versions), and a removal is kept, hidden, with its stamp so that it travels.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::join;
use super::replicas::{as_join, fields_of, sort_removed};
use crate::domain::model::kinds::Kind;
use crate::domain::model::versions::{Stamp, KEPT};
use crate::domain::model::*;

/// Gives the change from `before` to `after`, made in this browser at `now`, its
/// versions: each changed field, each new record and each removal gets one new stamp;
/// the rest keeps the versions it had in `before` (whatever versions `after` carries).
/// Removed records are kept, as removed, with the stamp.
pub fn stamp_edit(before: &Dataset, after: &mut Dataset, browser: &str, now: DateTime<Utc>) {
    let stamp = before.context.clone().next(browser, now);
    let mut s = Stamping {
        stamp: &stamp,
        used: false,
        removed_before: &before.removed,
        removed: Vec::new(),
    };
    s.list::<Programme>(before, after);
    s.list::<Organisation>(before, after);
    s.list::<Participation>(before, after);
    s.list::<Coach>(before, after);
    s.list::<Event>(before, after);
    after.removed = s.removed;
    sort_removed(&mut after.removed);
    after.context = before.context.clone();
    if s.used {
        after.context.observe(&stamp);
    }
    let mut browsers = before.browsers.clone();
    browsers.extend(after.browsers.clone());
    after.browsers = browsers;
}

struct Stamping<'a> {
    stamp: &'a Stamp,
    used: bool,
    removed_before: &'a [Removed],
    removed: Vec<Removed>,
}

impl Stamping<'_> {
    fn list<T: Kind>(&mut self, before: &Dataset, after: &mut Dataset) {
        let (before, after) = (T::list(before), T::list_mut(after));
        // Most changes leave every record where it was: compare them in place, and look
        // records up by id only when the lists differ in their ids.
        let aligned = before.len() == after.len()
            && before
                .iter()
                .zip(after.iter())
                .all(|(b, a)| b.meta().id == a.meta().id);
        let by_id: BTreeMap<&str, &T> = if aligned {
            BTreeMap::new()
        } else {
            before.iter().map(|r| (r.meta().id.as_str(), r)).collect()
        };
        let hidden: BTreeMap<&str, &T> = self
            .removed_before
            .iter()
            .filter_map(|r| T::unwrap(&r.record))
            .map(|r| (r.meta().id.as_str(), r))
            .collect();
        let mut shown = BTreeSet::new();
        for (i, record) in after.iter_mut().enumerate() {
            let old = if aligned {
                before.get(i)
            } else {
                by_id.get(record.meta().id.as_str()).copied()
            };
            if !aligned || !hidden.is_empty() {
                shown.insert(record.meta().id.clone());
            }
            if let Some(old) = old {
                if record.meta().versions == old.meta().versions && *record == *old {
                    continue;
                }
                let kept = old.meta().versions.get(KEPT).cloned();
                record.meta_mut().versions = old.meta().versions.clone();
                if *record == *old {
                    continue;
                }
                let old = as_join(old);
                let mut versions = join::restamp(Some(&old), &fields_of(record), self.stamp);
                if versions != old.versions {
                    self.used = true;
                }
                if let Some(k) = kept {
                    versions.insert(KEPT.to_owned(), k);
                }
                record.meta_mut().versions = versions;
            } else if let Some(old) = hidden.get(record.meta().id.as_str()) {
                // Shown again (an undone removal): later than the removal, wherever it went.
                let mut versions =
                    join::restamp(Some(&as_join(*old)), &fields_of(record), self.stamp);
                versions.insert(KEPT.to_owned(), self.stamp.clone());
                record.meta_mut().versions = versions;
                self.used = true;
            } else {
                record.meta_mut().versions = join::restamp(None, &fields_of(record), self.stamp);
                self.used = true;
            }
        }
        if aligned && hidden.is_empty() {
            // Nothing removed, nothing to bring back.
            self.removed.extend(
                self.removed_before
                    .iter()
                    .filter(|r| T::unwrap(&r.record).is_some())
                    .cloned(),
            );
            return;
        }
        for old in before.iter().filter(|r| !shown.contains(&r.meta().id)) {
            self.used = true;
            // The removal is later than any keeping: it alone says whether it shows.
            let mut old = old.clone();
            old.meta_mut().versions.remove(KEPT);
            self.removed.push(Removed {
                stamp: self.stamp.clone(),
                record: old.wrap(),
            });
        }
        for entry in self.removed_before {
            if let Some(r) = T::unwrap(&entry.record) {
                if !shown.contains(&r.meta().id) {
                    self.removed.push(entry.clone());
                }
            }
        }
    }
}

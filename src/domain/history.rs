//! Undo and redo. Each step holds the change that reverses what was done; the
//! store applies it through the same path as any other change, then records the
//! reverse of *that* on the other stack.
//!
//! Every step has a number of its own (`seq`, given by the store: its save's number), so
//! the browser's database keeps one row per step and a save writes only the steps it
//! added and deletes those it took ([`History::delta`]).

use serde::{Deserialize, Serialize};

use super::change::{Change, ChangeKind};

/// How many steps back a user can go.
pub const HISTORY_LIMIT: usize = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// What the step will do when applied.
    pub change: Change,
    /// What the user did that this step reverses (or repeats), for announcements.
    pub did: ChangeKind,
    /// The step's number, unique in this browser (0 in histories stored before numbers).
    #[serde(default)]
    pub seq: u64,
}

/// Which of the two stacks a step is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stack {
    Undo,
    Redo,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// After a new change: its inverse becomes the next undo, and the redo stack is void.
    pub fn record(&mut self, inverse: Change, did: ChangeKind, seq: u64) {
        self.undo.push(Step {
            change: inverse,
            did,
            seq,
        });
        let excess = self.undo.len().saturating_sub(HISTORY_LIMIT);
        self.undo.drain(..excess);
        self.redo.clear();
    }

    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.last()
    }

    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }

    /// After the next undo step was applied; `inverse` redoes it.
    pub fn undone(&mut self, inverse: Change, seq: u64) {
        if let Some(step) = self.undo.pop() {
            self.redo.push(Step {
                change: inverse,
                did: step.did,
                seq,
            });
        }
    }

    /// After the next redo step was applied; `inverse` undoes it again.
    pub fn redone(&mut self, inverse: Change, seq: u64) {
        if let Some(step) = self.redo.pop() {
            self.undo.push(Step {
                change: inverse,
                did: step.did,
                seq,
            });
        }
    }

    pub fn len(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// The same history without its oldest `n` undo steps, for when storage is short.
    pub fn without_oldest(&self, n: usize) -> History {
        History {
            undo: self.undo[n.min(self.undo.len())..].to_vec(),
            redo: self.redo.clone(),
        }
    }
}

impl History {
    /// The steps `self` has that `before` has not (to write), and the numbers of those
    /// `before` has that `self` has not (to delete). A step never changes once made.
    pub fn delta(&self, before: &History) -> (Vec<(Stack, Step)>, Vec<u64>) {
        let seqs = |h: &History| -> std::collections::BTreeSet<u64> {
            h.undo.iter().chain(&h.redo).map(|s| s.seq).collect()
        };
        let (old, new) = (seqs(before), seqs(self));
        let added = self
            .undo
            .iter()
            .map(|s| (Stack::Undo, s))
            .chain(self.redo.iter().map(|s| (Stack::Redo, s)))
            .filter(|(_, s)| !old.contains(&s.seq))
            .map(|(stack, s)| (stack, s.clone()))
            .collect();
        (added, old.difference(&new).copied().collect())
    }

    /// The history made of stored steps, each on its stack, in the order they were made.
    pub fn from_steps(mut steps: Vec<(Stack, Step)>) -> History {
        steps.sort_by_key(|(_, s)| s.seq);
        let mut h = History::default();
        for (stack, step) in steps {
            match stack {
                Stack::Undo => h.undo.push(step),
                Stack::Redo => h.redo.push(step),
            }
        }
        h
    }

    /// Every step, each with its stack.
    pub fn steps(&self) -> Vec<(Stack, Step)> {
        self.undo
            .iter()
            .map(|s| (Stack::Undo, s.clone()))
            .chain(self.redo.iter().map(|s| (Stack::Redo, s.clone())))
            .collect()
    }

    /// The highest step number, so a history read from elsewhere goes on numbering after it.
    pub fn last_seq(&self) -> u64 {
        self.undo
            .iter()
            .chain(&self.redo)
            .map(|s| s.seq)
            .max()
            .unwrap_or(0)
    }

    /// The same steps numbered 1, 2, … in their order (a history stored before numbers).
    pub fn numbered(&self) -> History {
        let mut n = 0;
        let mut number = |s: &Step| {
            n += 1;
            Step {
                seq: n,
                ..s.clone()
            }
        };
        let undo = self.undo.iter().map(&mut number).collect();
        let redo = self.redo.iter().map(&mut number).collect();
        History { undo, redo }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::{apply, Record};
    use crate::domain::model::Dataset;
    use crate::domain::seed::builtin_dataset;

    fn edit(d: &mut Dataset, h: &mut History, notes: &str) {
        let mut p = d.programmes[0].clone();
        p.meta.notes = notes.into();
        let inverse = apply(
            d,
            Change::Put {
                record: Record::Programme(p),
                at: None,
            },
        );
        let seq = h.last_seq() + 1;
        h.record(inverse, ChangeKind::Edit, seq);
    }

    fn undo(d: &mut Dataset, h: &mut History) {
        let step = h.next_undo().cloned().expect("something to undo");
        let inverse = apply(d, step.change);
        let seq = h.last_seq() + 1;
        h.undone(inverse, seq);
    }

    fn redo(d: &mut Dataset, h: &mut History) {
        let step = h.next_redo().cloned().expect("something to redo");
        let inverse = apply(d, step.change);
        let seq = h.last_seq() + 1;
        h.redone(inverse, seq);
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_through_edits() {
        let (mut d, mut h) = (builtin_dataset(), History::default());
        edit(&mut d, &mut h, "a");
        edit(&mut d, &mut h, "b");
        undo(&mut d, &mut h);
        assert_eq!(d.programmes[0].meta.notes, "a");
        undo(&mut d, &mut h);
        assert_eq!(d, builtin_dataset());
        assert!(h.next_undo().is_none());
        redo(&mut d, &mut h);
        redo(&mut d, &mut h);
        assert_eq!(d.programmes[0].meta.notes, "b");
        assert_eq!(h.len(), (2, 0));
    }

    #[test]
    fn a_new_change_clears_redo() {
        let (mut d, mut h) = (builtin_dataset(), History::default());
        edit(&mut d, &mut h, "a");
        undo(&mut d, &mut h);
        edit(&mut d, &mut h, "c");
        assert!(h.next_redo().is_none());
        undo(&mut d, &mut h);
        assert_eq!(d, builtin_dataset());
    }

    #[test]
    fn the_last_hundred_changes_can_be_undone() {
        let (mut d, mut h) = (builtin_dataset(), History::default());
        for i in 0..=HISTORY_LIMIT {
            edit(&mut d, &mut h, &i.to_string());
        }
        assert_eq!(h.len().0, HISTORY_LIMIT);
        for _ in 0..HISTORY_LIMIT {
            undo(&mut d, &mut h);
        }
        assert_eq!(
            d.programmes[0].meta.notes, "0",
            "the oldest step fell off the end"
        );
        assert!(h.next_undo().is_none());
    }

    #[test]
    fn history_survives_serialisation_for_undo_after_reload() {
        let (mut d, mut h) = (builtin_dataset(), History::default());
        let inverse = apply(
            &mut d,
            Change::ReplaceAll {
                dataset: Box::new(Dataset {
                    programmes: vec![],
                    ..builtin_dataset()
                }),
            },
        );
        h.record(inverse, ChangeKind::Reset, 1);
        let mut back: History =
            serde_json::from_str(&serde_json::to_string(&h).expect("json")).expect("parse");
        assert_eq!(back, h);
        let step = back.next_undo().cloned().expect("step");
        assert_eq!(step.did, ChangeKind::Reset);
        apply(&mut d, step.change);
        assert_eq!(d, builtin_dataset());
        back.undone(
            Change::ReplaceAll {
                dataset: Box::new(d),
            },
            2,
        );
        assert_eq!(back.len(), (0, 1));
    }

    #[test]
    fn a_history_kept_as_steps_writes_only_the_steps_a_change_added_or_took() {
        let (mut d, mut h) = (builtin_dataset(), History::default());
        edit(&mut d, &mut h, "a");
        edit(&mut d, &mut h, "b");
        let before = h.clone();
        undo(&mut d, &mut h);
        let (added, removed) = h.delta(&before);
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].0, Stack::Redo);
        assert_eq!(removed, vec![2]);
        let before = h.clone();
        edit(&mut d, &mut h, "c");
        let (added, removed) = h.delta(&before);
        assert_eq!((added.len(), removed), (1, vec![3]), "the redo step goes");
        assert_eq!(History::from_steps(h.steps()), h);
        // Each step as the database keeps it reads back as itself; other text does not.
        let rows: Vec<String> = h
            .steps()
            .iter()
            .map(|s| serde_json::to_string(s).expect("json"))
            .collect();
        let back: Vec<(Stack, Step)> = rows
            .iter()
            .filter_map(|t| crate::domain::exchange::migrate::read_step(t))
            .collect();
        assert_eq!(back, h.steps());
        assert_eq!(
            crate::domain::exchange::migrate::read_step(&rows[0][..20]),
            None
        );
        assert_eq!(
            crate::domain::exchange::migrate::read_step("[\"sideways\",{}]"),
            None
        );
    }

    #[test]
    fn a_history_stored_before_numbers_is_numbered_in_its_order() {
        let (mut d, mut h) = (builtin_dataset(), History::default());
        for notes in ["a", "b", "c"] {
            edit(&mut d, &mut h, notes);
        }
        undo(&mut d, &mut h);
        undo(&mut d, &mut h);
        let text = serde_json::to_string(&h)
            .expect("json")
            .replace("\"seq\":", "\"old\":");
        let old: History = serde_json::from_str(&text).expect("parse");
        let numbered = old.numbered();
        assert_eq!(History::from_steps(numbered.steps()), numbered);
        assert_eq!(
            numbered.next_redo().map(|s| &s.change),
            h.next_redo().map(|s| &s.change)
        );
    }
}

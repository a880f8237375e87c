//! Undo and redo. Each step holds the change that reverses what was done; the
//! store applies it through the same path as any other change, then records the
//! reverse of *that* on the other stack.

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
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// After a new change: its inverse becomes the next undo, and the redo stack is void.
    pub fn record(&mut self, inverse: Change, did: ChangeKind) {
        self.undo.push(Step {
            change: inverse,
            did,
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
    pub fn undone(&mut self, inverse: Change) {
        if let Some(step) = self.undo.pop() {
            self.redo.push(Step {
                change: inverse,
                did: step.did,
            });
        }
    }

    /// After the next redo step was applied; `inverse` undoes it again.
    pub fn redone(&mut self, inverse: Change) {
        if let Some(step) = self.redo.pop() {
            self.undo.push(Step {
                change: inverse,
                did: step.did,
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
        h.record(inverse, ChangeKind::Edit);
    }

    fn undo(d: &mut Dataset, h: &mut History) {
        let step = h.next_undo().cloned().expect("something to undo");
        let inverse = apply(d, step.change);
        h.undone(inverse);
    }

    fn redo(d: &mut Dataset, h: &mut History) {
        let step = h.next_redo().cloned().expect("something to redo");
        let inverse = apply(d, step.change);
        h.redone(inverse);
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
        h.record(inverse, ChangeKind::Reset);
        let mut back: History =
            serde_json::from_str(&serde_json::to_string(&h).expect("json")).expect("parse");
        assert_eq!(back, h);
        let step = back.next_undo().cloned().expect("step");
        assert_eq!(step.did, ChangeKind::Reset);
        apply(&mut d, step.change);
        assert_eq!(d, builtin_dataset());
        back.undone(Change::ReplaceAll {
            dataset: Box::new(d),
        });
        assert_eq!(back.len(), (0, 1));
    }
}

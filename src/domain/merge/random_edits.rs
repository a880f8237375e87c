//! Random edits of the built-in dataset, as a person makes them, for the property tests of
//! merging files (`preview`) and of syncing (`sync`): set a letter of intent, rename a
//! coach, add one, remove a participation.

use proptest::prelude::*;

use crate::domain::model::*;

#[derive(Clone, Debug)]
pub enum Edit {
    Letter { rec: usize, month: u8 },
    Rename { coach: usize, n: u8 },
    Create,
    Remove { rec: usize },
}

pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0..6usize, 1..4u8).prop_map(|(rec, month)| Edit::Letter { rec, month }),
        2 => (0..3usize, 0..3u8).prop_map(|(coach, n)| Edit::Rename { coach, n }),
        1 => Just(Edit::Create),
        1 => (0..6usize).prop_map(|rec| Edit::Remove { rec }),
    ]
}

/// Makes `edit` in `d` (unstamped), as browser number `who` at step `step` of a history.
pub fn make(d: &mut Dataset, edit: &Edit, who: usize, step: usize) {
    match *edit {
        Edit::Letter { rec, month } => {
            if let Some(ParticipationDetail::Coaching(c)) =
                d.participations.get_mut(rec).map(|p| &mut p.detail)
            {
                c.letter_of_intent = format!("2007-0{month}-01").parse().ok();
            }
        }
        Edit::Rename { coach, n } => {
            if let Some(c) = d.coaches.get_mut(coach) {
                c.name = format!("Coach {n}");
            }
        }
        Edit::Create => {
            if let Some(mut c) = d.coaches.first().cloned() {
                c.meta.id = format!("coach-{who}-{step}");
                d.coaches.push(c);
            }
        }
        Edit::Remove { rec } => {
            if rec < d.participations.len() {
                d.participations.remove(rec);
            }
        }
    }
}

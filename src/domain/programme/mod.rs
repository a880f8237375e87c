//! Programmes as rounds (#35): what a round is called, when it runs and on what terms, and
//! where it stands today. A new coaching round is typed into a [`terms::RoundForm`], checked
//! field by field into [`terms::RoundTerms`] (an earlier round's terms prefill the form), and
//! made a record by [`round::new_round`]; [`round::rounds`] lists every programme.

pub mod phase;
pub mod round;
pub mod terms;

//! Programmes as rounds (#35): what a round is called, when it runs and on what terms, who
//! applied and who takes part. A new coaching round is typed into a [`terms::RoundForm`],
//! checked field by field into [`terms::RoundTerms`] (an earlier round's terms prefill the
//! form), and made a record by [`round::new_round`]; [`round::rounds`] lists every
//! programme. Municipalities join a programme directly ([`participants`], the built-in
//! ones) or apply to a round and are selected ([`applicants`]).

pub mod applicants;
pub mod participants;
pub mod phase;
pub mod round;
pub mod terms;

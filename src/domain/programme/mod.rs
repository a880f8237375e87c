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

/// Data with a round for other capabilities' tests.
#[cfg(test)]
pub mod fixtures {
    use chrono::{DateTime, Utc};

    use super::applicants::{decide, register_applicant};
    use super::round::{new_round, round_at};
    use super::terms::RoundForm;
    use crate::domain::change::apply;
    use crate::domain::model::{Dataset, Decision};
    use crate::domain::seed::{builtin_dataset, organisation_id};

    pub fn now() -> DateTime<Utc> {
        "2026-12-06T09:00:00Z".parse().expect("time")
    }

    /// The built-in data with "Klimatcoachning 2027" (at most 20 000 inhabitants, 3 years)
    /// and these applicants (kommunkod) with these decisions; and the round's id.
    pub fn with_round(applicants: &[(&str, Decision)]) -> (Dataset, String) {
        let mut d = builtin_dataset();
        let terms = RoundForm::example_2027().check().expect("terms");
        let change = new_round(&d, terms, now());
        apply(&mut d, change);
        let round = round_at(&d, "klimatcoachning-2027")
            .expect("made")
            .meta
            .id
            .clone();
        for (code, decision) in applicants {
            let change = register_applicant(&d, &round, code, now()).expect("may apply");
            apply(&mut d, change);
            if *decision != Decision::Pending {
                let p = d
                    .participations
                    .iter()
                    .find(|p| p.programme_id == round && p.organisation_id == organisation_id(code))
                    .expect("registered");
                let change = decide(p, *decision, now());
                apply(&mut d, change);
            }
        }
        (d, round)
    }
}

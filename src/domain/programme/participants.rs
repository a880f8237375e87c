//! Adding a municipality from the built-in register to a programme.

use chrono::{DateTime, Utc};

use super::applicants::takes_part;
use super::round::round_slug;
use crate::domain::change::{Change, Record};
use crate::domain::model::*;
use crate::domain::municipalities::{
    municipality, register_population_date, Municipality, REGISTER_SOURCE,
};
use crate::domain::seed::organisation_id;

/// A municipality's organisation record with the register's facts (code, län,
/// population 2016, all from S4) and nothing else.
pub fn register_organisation(m: &Municipality, meta: Meta) -> Organisation {
    Organisation {
        meta,
        kind: OrganisationKind::Kommun,
        name: m.name.clone(),
        kommunkod: Some(Fact::new(m.kommunkod.clone(), REGISTER_SOURCE)),
        lanskod: Fact::new(m.lanskod.clone(), REGISTER_SOURCE),
        population: vec![Population {
            count: m.population_2016,
            date: register_population_date(),
            source: REGISTER_SOURCE.to_owned(),
        }],
        member: None,
        contacts: Vec::new(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddError {
    UnknownMunicipality,
    AlreadyParticipant,
    NoSuchProgramme,
}

/// The change that makes municipality `kommunkod` a participant of the programme of
/// `kind`: its organisation record from the register (unless the dataset has it) and
/// an empty participation, as one undoable step.
pub fn add_participant(
    d: &Dataset,
    kommunkod: &str,
    kind: ProgrammeKind,
    now: DateTime<Utc>,
) -> Result<Change, AddError> {
    let m = municipality(kommunkod).ok_or(AddError::UnknownMunicipality)?;
    let programme = d.programme(kind).ok_or(AddError::NoSuchProgramme)?;
    if in_programme(d, m, programme).is_some() {
        return Err(AddError::AlreadyParticipant);
    }
    Ok(joining(d, m, programme, None, now))
}

/// Those taking part in the programme `programme_id`, in dataset order: every participant
/// of a built-in programme, a round's selected applicants.
pub fn taking_part<'a>(
    d: &'a Dataset,
    programme_id: &'a str,
) -> impl Iterator<Item = &'a Participation> + 'a {
    d.participations
        .iter()
        .filter(move |p| p.programme_id == programme_id && takes_part(p))
}

/// The participation of municipality `m` in `programme`, if it has one (an applicant's too).
pub fn in_programme<'a>(
    d: &'a Dataset,
    m: &Municipality,
    programme: &Programme,
) -> Option<&'a Participation> {
    let org_id = organisation_id(&m.kommunkod);
    d.participations
        .iter()
        .find(|p| p.organisation_id == org_id && p.programme_id == programme.meta.id)
}

/// The change that gives municipality `m` a participation in `programme` (with
/// `application` for a round run in the app): its organisation record from the register
/// unless the dataset has it, and the participation, as one undoable step. The
/// participation's id is `participation-<the programme's slug>-<kommunkod>`.
pub fn joining(
    d: &Dataset,
    m: &Municipality,
    programme: &Programme,
    application: Option<Application>,
    now: DateTime<Utc>,
) -> Change {
    let org_id = organisation_id(&m.kommunkod);
    let mut changes = Vec::new();
    if d.organisation(&org_id).is_none() {
        changes.push(Change::Put {
            record: Record::Organisation(register_organisation(
                m,
                Meta::by_user(org_id.clone(), now),
            )),
            at: None,
        });
    }
    let detail = match programme.kind {
        ProgrammeKind::Coaching => ParticipationDetail::Coaching(CoachingParticipation::default()),
        ProgrammeKind::PilotLan => ParticipationDetail::PilotLan(PilotParticipation {
            focus: None,
            status: None,
            sessions: Vec::new(),
        }),
    };
    changes.push(Change::Put {
        record: Record::Participation(Participation {
            meta: Meta::by_user(
                format!("participation-{}-{}", round_slug(programme), m.kommunkod),
                now,
            ),
            programme_id: programme.meta.id.clone(),
            organisation_id: org_id,
            listed_in: None,
            application,
            detail,
        }),
        at: None,
    });
    Change::Many { changes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::apply;
    use crate::domain::exchange::integrity::check;
    use crate::domain::seed::builtin_dataset;

    fn now() -> DateTime<Utc> {
        "2026-11-27T12:00:00Z".parse().expect("time")
    }

    #[test]
    fn a_new_municipality_joins_with_its_register_facts_in_one_undoable_step() {
        let mut d = builtin_dataset();
        let change =
            add_participant(&d, "1440", ProgrammeKind::Coaching, now()).expect("Ale can join");
        let inverse = apply(&mut d, change);
        let ale = d.organisation("org-1440").expect("organisation added");
        assert_eq!(ale.name, "Ale");
        assert_eq!(ale.population[0].source, "S4");
        assert_eq!(d.participations_in(ProgrammeKind::Coaching).count(), 23);
        assert_eq!(check(&d), vec![]);
        apply(&mut d, inverse);
        assert_eq!(d, builtin_dataset());
    }

    #[test]
    fn a_known_organisation_joins_another_programme_without_a_second_record() {
        let mut d = builtin_dataset();
        let change = add_participant(&d, "1273", ProgrammeKind::PilotLan, now())
            .expect("Osby joins the pilot");
        apply(&mut d, change);
        assert_eq!(d.organisations.len(), 27);
        assert_eq!(d.participations_in(ProgrammeKind::PilotLan).count(), 6);
    }

    #[test]
    fn participants_and_unknown_codes_are_refused() {
        let d = builtin_dataset();
        assert_eq!(
            add_participant(&d, "1256", ProgrammeKind::Coaching, now()),
            Err(AddError::AlreadyParticipant)
        );
        assert_eq!(
            add_participant(&d, "9999", ProgrammeKind::Coaching, now()),
            Err(AddError::UnknownMunicipality)
        );
    }
}

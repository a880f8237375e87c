//! A round's applicants: registered from the 290 municipalities, refused when over the
//! round's population limit by their latest figure, then selected, not selected or
//! withdrawn; and the funnel that follows (applied → selected → taking part).

use chrono::{DateTime, NaiveDate, Utc};

use super::participants::{in_programme, joining};
use super::round::is_builtin;
use crate::domain::change::{Change, Record};
use crate::domain::commitment::{due_date, terms};
use crate::domain::mentoring::pairs::{named, Named};
use crate::domain::model::*;
use crate::domain::municipalities::{municipality, register_population_date, Municipality};
use crate::domain::seed::organisation_id;
use crate::domain::text::swedish_cmp;

/// Why an applicant cannot be registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyError {
    UnknownMunicipality,
    NoSuchRound,
    /// Already an applicant or a participant of the round.
    AlreadyApplied,
    /// More inhabitants than the round allows, by the latest figure (of `date`).
    OverLimit {
        population: u32,
        date: NaiveDate,
        limit: u32,
    },
}

/// The latest population known of `m`: the dataset's newest figure for it, else the
/// register's.
pub fn latest_population(d: &Dataset, m: &Municipality) -> (u32, NaiveDate) {
    d.organisation(&organisation_id(&m.kommunkod))
        .and_then(newest_figure)
        .unwrap_or((m.population_2016, register_population_date()))
}

/// The newest population figure the data has of `o`, with its date.
fn newest_figure(o: &Organisation) -> Option<(u32, NaiveDate)> {
    o.population
        .iter()
        .max_by_key(|p| p.date)
        .map(|p| (p.count, p.date))
}

/// The change that registers municipality `kommunkod` as an applicant to round `round_id`,
/// its decision pending; refused with the reason when it may not apply.
pub fn register_applicant(
    d: &Dataset,
    round_id: &str,
    kommunkod: &str,
    now: DateTime<Utc>,
) -> Result<Change, ApplyError> {
    let m = municipality(kommunkod).ok_or(ApplyError::UnknownMunicipality)?;
    let round = d
        .programmes
        .iter()
        .find(|p| p.meta.id == round_id && !is_builtin(p))
        .ok_or(ApplyError::NoSuchRound)?;
    if in_programme(d, m, round).is_some() {
        return Err(ApplyError::AlreadyApplied);
    }
    if let Some(limit) = round.max_population.as_ref().map(|f| f.value) {
        let (population, date) = latest_population(d, m);
        if population > limit {
            return Err(ApplyError::OverLimit {
                population,
                date,
                limit,
            });
        }
    }
    let application = Application {
        decision: Decision::Pending,
        was_selected: false,
    };
    Ok(joining(d, m, round, Some(application), now))
}

/// The change that records `decision` on an applicant's application. Selecting marks it
/// selected for good, so a later withdrawal still counts among the selected; setting it
/// back to pending or not selected is a correction, and clears that.
pub fn decide(applicant: &Participation, decision: Decision, now: DateTime<Utc>) -> Change {
    let was_selected = match decision {
        Decision::Selected => true,
        Decision::Withdrawn => applicant
            .application
            .as_ref()
            .is_some_and(|a| a.was_selected || a.decision == Decision::Selected),
        Decision::Pending | Decision::NotSelected => false,
    };
    let mut p = applicant.clone();
    p.application = Some(Application {
        decision,
        was_selected,
    });
    Change::Put {
        record: Record::Participation(p).touched(now),
        at: None,
    }
}

/// Whether a participation takes part in its programme: a built-in participant (named by
/// the sources, no application) or a selected applicant.
pub fn takes_part(p: &Participation) -> bool {
    p.application
        .as_ref()
        .is_none_or(|a| a.decision == Decision::Selected)
}

/// A round narrowed down: applied → selected → taking part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RoundFunnel {
    pub applied: u32,
    pub selected: u32,
    pub taking_part: u32,
    pub pending: u32,
}

/// The funnel of a round run in the app, counted from its applications.
pub fn round_funnel(d: &Dataset, round_id: &str) -> RoundFunnel {
    let mut f = RoundFunnel::default();
    for a in d
        .participations
        .iter()
        .filter(|p| p.programme_id == round_id)
        .filter_map(|p| p.application.as_ref())
    {
        f.applied += 1;
        f.selected += u32::from(a.was_selected || a.decision == Decision::Selected);
        f.taking_part += u32::from(a.decision == Decision::Selected);
        f.pending += u32::from(a.decision == Decision::Pending);
    }
    f
}

/// One applicant as the round's page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApplicantRow {
    /// The participation's id.
    pub id: String,
    pub who: Named,
    pub population: Option<(u32, NaiveDate)>,
    pub decision: Decision,
    /// One taking part: its letter of intent, and the day its strategy is due by the
    /// round's years.
    pub letter_of_intent: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
}

/// A round's applicants in Swedish alphabetical order.
pub fn applicants(d: &Dataset, round_id: &str) -> Vec<ApplicantRow> {
    let years = terms(d, round_id).years;
    let mut rows: Vec<ApplicantRow> = d
        .participations
        .iter()
        .filter(|p| p.programme_id == round_id)
        .filter_map(|p| {
            let a = p.application.as_ref()?;
            let o = d.organisation(&p.organisation_id)?;
            let letter_of_intent = match &p.detail {
                ParticipationDetail::Coaching(c) if takes_part(p) => c.letter_of_intent,
                _ => None,
            };
            Some(ApplicantRow {
                id: p.meta.id.clone(),
                who: named(o),
                population: newest_figure(o),
                decision: a.decision,
                letter_of_intent,
                due: letter_of_intent.and_then(|l| due_date(l, years)),
            })
        })
        .collect();
    rows.sort_by(|a, b| swedish_cmp(&a.who.name, &b.who.name));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::apply;
    use crate::domain::exchange::integrity::check;
    use crate::domain::programme::fixtures::now;
    use crate::domain::seed::builtin_dataset;

    fn with_round() -> (Dataset, String) {
        crate::domain::programme::fixtures::with_round(&[])
    }

    fn applicant<'a>(d: &'a Dataset, round: &str, code: &str) -> &'a Participation {
        d.participations
            .iter()
            .find(|p| p.programme_id == round && p.organisation_id == organisation_id(code))
            .expect("an applicant")
    }

    #[test]
    fn an_applicant_from_the_register_joins_pending_with_its_organisation() {
        let (mut d, round) = with_round();
        // Ale (1440): 28 000 inhabitants would be over; Bjurholm (2403) is small.
        let change = register_applicant(&d, &round, "2403", now()).expect("Bjurholm may apply");
        apply(&mut d, change);
        let p = applicant(&d, &round, "2403");
        assert_eq!(p.meta.id, "participation-klimatcoachning-2027-2403");
        assert_eq!(
            p.application.as_ref().map(|a| a.decision),
            Some(Decision::Pending)
        );
        assert!(!takes_part(p));
        assert!(d.organisation("org-2403").is_some());
        assert_eq!(check(&d), vec![]);
        assert_eq!(
            register_applicant(&d, &round, "2403", now()),
            Err(ApplyError::AlreadyApplied)
        );
    }

    #[test]
    fn one_over_the_limit_by_its_latest_figure_is_refused_with_the_figure() {
        let (d, round) = with_round();
        let Err(ApplyError::OverLimit {
            population,
            date,
            limit,
        }) = register_applicant(&d, &round, "1440", now())
        else {
            panic!("Ale has more than 20 000 inhabitants");
        };
        assert!(population > 20_000);
        assert_eq!(date, register_population_date());
        assert_eq!(limit, 20_000);
        assert_eq!(
            register_applicant(&d, &round, "9999", now()),
            Err(ApplyError::UnknownMunicipality)
        );
        assert_eq!(
            register_applicant(&d, "programme-none", "2403", now()),
            Err(ApplyError::NoSuchRound)
        );
        assert_eq!(
            register_applicant(&d, "programme-coaching", "2403", now()),
            Err(ApplyError::NoSuchRound),
            "no one applies to 2007–08 now"
        );
    }

    #[test]
    fn the_dataset_s_newest_figure_counts_over_the_registers() {
        let (mut d, round) = with_round();
        let change =
            super::super::participants::add_participant(&d, "2403", ProgrammeKind::PilotLan, now())
                .expect("Bjurholm into the pilot, to have its record");
        apply(&mut d, change);
        let bjurholm = d
            .organisations
            .iter_mut()
            .find(|o| o.meta.id == "org-2403")
            .expect("record");
        bjurholm.population.push(Population {
            count: 25_000,
            date: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
            source: "S4".into(),
        });
        assert!(matches!(
            register_applicant(&d, &round, "2403", now()),
            Err(ApplyError::OverLimit {
                population: 25_000,
                ..
            })
        ));
    }

    #[test]
    fn selecting_then_withdrawing_counts_among_the_selected_but_not_taking_part() {
        let (mut d, round) = with_round();
        for code in ["2403", "2418", "2417", "0560"] {
            let change = register_applicant(&d, &round, code, now()).expect("small");
            apply(&mut d, change);
        }
        let decide_on = |d: &mut Dataset, code: &str, decision| {
            let change = decide(applicant(d, &round, code), decision, now());
            apply(d, change);
        };
        decide_on(&mut d, "2403", Decision::Selected);
        decide_on(&mut d, "2418", Decision::Selected);
        decide_on(&mut d, "2418", Decision::Withdrawn);
        decide_on(&mut d, "2417", Decision::NotSelected);
        assert_eq!(
            round_funnel(&d, &round),
            RoundFunnel {
                applied: 4,
                selected: 2,
                taking_part: 1,
                pending: 1
            }
        );
        assert!(takes_part(applicant(&d, &round, "2403")));
        let listed = applicants(&d, &round);
        assert_eq!(
            listed
                .iter()
                .map(|r| r.who.name.as_str())
                .collect::<Vec<_>>(),
            ["Bjurholm", "Boxholm", "Malå", "Norsjö"],
            "in Swedish order"
        );
        assert_eq!(listed[0].who.lan, "Västerbottens län");
        assert_eq!(listed[0].decision, Decision::Selected);
        assert!(!takes_part(applicant(&d, &round, "2418")));
        // One taking part is due three years, this round's term, after its letter.
        let mut bjurholm = applicant(&d, &round, "2403").clone();
        if let ParticipationDetail::Coaching(c) = &mut bjurholm.detail {
            c.letter_of_intent = "2027-03-01".parse().ok();
        }
        apply(
            &mut d,
            Change::Put {
                record: Record::Participation(bjurholm),
                at: None,
            },
        );
        let listed = applicants(&d, &round);
        assert_eq!(
            (listed[0].letter_of_intent, listed[0].due),
            ("2027-03-01".parse().ok(), "2030-03-01".parse().ok())
        );
        assert_eq!(listed[1].due, None, "Boxholm has no letter");
        // A selection undone by a correction no longer counts.
        decide_on(&mut d, "2403", Decision::Pending);
        assert_eq!(round_funnel(&d, &round).selected, 1);
        // A withdrawal before any selection is not a selection.
        decide_on(&mut d, "0560", Decision::Withdrawn);
        assert_eq!(round_funnel(&d, &round).selected, 1);
    }

    #[test]
    fn the_built_in_participants_take_part_without_an_application() {
        let d = builtin_dataset();
        assert!(d.participations.iter().all(takes_part));
        assert_eq!(
            round_funnel(&d, "programme-coaching"),
            RoundFunnel::default()
        );
    }
}

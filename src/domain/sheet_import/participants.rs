//! A participants row: a Klimatcoachning participant's coach, mentor, letter of intent
//! and commitment dates, in 2007–08 or in the round its programme cell names (one of the
//! round's selected). A coach not yet in the register is added by name.

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    municipality_of, programme_of, unknown_municipality, Cells, FieldChange, Problem, RowPlan,
    Value,
};
use crate::domain::change::{Change, Record};
use crate::domain::mentoring::{check_pairing, PairingError};
use crate::domain::model::*;
use crate::domain::partial_date::PartialDate;
use crate::domain::programme::participants::taking_part;
use crate::domain::programme::round::is_builtin;
use crate::domain::seed::organisation_id;
use crate::domain::sheet_import::Field;
use crate::domain::text::search_form;
use crate::domain::validate::{
    municipality_named, not_before, optional_date, optional_partial_date, period_not_before,
    FieldError,
};

/// Plans the row; returns the participation it is about (for repeats).
pub(super) fn row(
    d: &Dataset,
    cells: &Cells,
    plan: &mut RowPlan,
    now: DateTime<Utc>,
) -> Option<String> {
    let name_cell = cells
        .get(Field::Municipality)
        .or(cells.get(Field::Kommunkod));
    let programme = programme_of(d, cells, plan);
    let code = municipality_of(cells, plan)?;
    let programme = programme?;
    let org_id = organisation_id(&code);
    plan.subject = d
        .organisation(&org_id)
        .map(|o| o.name.clone())
        .or_else(|| crate::domain::municipalities::municipality(&code).map(|m| m.name.clone()))
        .unwrap_or_default();
    let Some(p) = taking_part(d, &programme.meta.id).find(|p| p.organisation_id == org_id) else {
        let problem = if is_builtin(programme) {
            Problem::NotAParticipant
        } else {
            Problem::NotInRound {
                round: programme.name.value.clone(),
            }
        };
        plan.problem(name_cell.as_ref(), Field::Municipality, problem);
        return None;
    };
    let ParticipationDetail::Coaching(before) = &p.detail else {
        plan.problem(
            name_cell.as_ref(),
            Field::Municipality,
            Problem::NotAParticipant,
        );
        return None;
    };
    let mut after = before.clone();
    let mut changes: Vec<Change> = Vec::new();

    if let Some(cell) = cells.get(Field::Coach) {
        let wanted = search_form(cell.text);
        let known = d.coaches.iter().find(|c| search_form(&c.name) == wanted);
        let id = match known {
            Some(c) => c.meta.id.clone(),
            None => {
                let id = format!("coach-{}-{}", now.timestamp_millis(), plan.line);
                let coach = Coach {
                    meta: Meta::by_user(id.clone(), now),
                    name: cell.text.to_owned(),
                    organisation: String::new(),
                    contact: String::new(),
                    named_in: None,
                };
                changes.push(Change::Put {
                    record: Record::Coach(coach),
                    at: None,
                });
                id
            }
        };
        if before.coach_id.as_deref() != Some(id.as_str()) {
            let name_of = |id: &str| {
                d.coaches
                    .iter()
                    .find(|c| c.meta.id == id)
                    .map(|c| c.name.clone())
            };
            plan.changes.push(FieldChange {
                field: Field::Coach,
                before: before
                    .coach_id
                    .as_deref()
                    .and_then(name_of)
                    .map(Value::Text),
                after: Value::Text(known.map_or_else(|| cell.text.to_owned(), |c| c.name.clone())),
            });
            after.coach_id = Some(id);
        }
    }

    if let Some(cell) = cells.get(Field::Mentor) {
        match municipality_named(cell.text) {
            Ok(mentor_code) => {
                let mentor_id = organisation_id(&mentor_code);
                match check_pairing(d, &p.meta.id, &mentor_id) {
                    Ok(_) if before.mentor_id.as_deref() == Some(mentor_id.as_str()) => {}
                    Ok(_) => {
                        let name_of = |id: &str| d.organisation(id).map(|o| o.name.clone());
                        plan.changes.push(FieldChange {
                            field: Field::Mentor,
                            before: before
                                .mentor_id
                                .as_deref()
                                .and_then(name_of)
                                .map(Value::Text),
                            after: Value::Text(name_of(&mentor_id).unwrap_or_default()),
                        });
                        after.mentor_id = Some(mentor_id);
                    }
                    // A municipality of the register that the data lacks is not known as a member.
                    Err(PairingError::UnknownMentor) => plan.problem(
                        Some(&cell),
                        Field::Mentor,
                        Problem::Mentor(PairingError::NotAMember),
                    ),
                    Err(e) => plan.problem(Some(&cell), Field::Mentor, Problem::Mentor(e)),
                }
            }
            Err(FieldError::MunicipalityUnknown) => {
                plan.problem(Some(&cell), Field::Mentor, unknown_municipality(cell.text))
            }
            Err(e) => plan.problem(Some(&cell), Field::Mentor, Problem::Field(e)),
        }
    }

    let date = |field: Field, plan: &mut RowPlan| -> Option<NaiveDate> {
        let cell = cells.get(field)?;
        optional_date(cell.text)
            .map_err(|e| plan.problem(Some(&cell), field, Problem::Field(e)))
            .ok()
            .flatten()
    };
    if let Some(day) = date(Field::LetterOfIntent, plan) {
        after.letter_of_intent = Some(day);
    }
    if let Some(day) = date(Field::StrategyProposed, plan) {
        after.strategy_proposed = Some(day);
    }
    if let Some(cell) = cells.get(Field::StrategyAdopted) {
        match optional_partial_date(cell.text) {
            Ok(Some(day)) if before.strategy_adopted.as_ref().and_then(|a| a.date) != Some(day) => {
                after.strategy_adopted = Some(Adoption {
                    date: Some(day),
                    source: None,
                    words: None,
                });
            }
            Ok(_) => {}
            Err(e) => plan.problem(Some(&cell), Field::StrategyAdopted, Problem::Field(e)),
        }
    }
    // The steps keep their order, whichever of them the sheet sets.
    let adopted = after.strategy_adopted.as_ref().and_then(|a| a.date);
    if let Err(e) = not_before(after.strategy_proposed, after.letter_of_intent) {
        let cell = cells
            .get(Field::StrategyProposed)
            .or(cells.get(Field::LetterOfIntent));
        plan.problem(cell.as_ref(), Field::StrategyProposed, Problem::Field(e));
    } else if let Err(e) =
        period_not_before(adopted, after.strategy_proposed.or(after.letter_of_intent))
    {
        let cell = cells
            .get(Field::StrategyAdopted)
            .or(cells.get(Field::StrategyProposed));
        plan.problem(cell.as_ref(), Field::StrategyAdopted, Problem::Field(e));
    }

    let day_change = |field: Field, b: Option<NaiveDate>, a: Option<NaiveDate>| {
        (b != a).then(|| FieldChange {
            field,
            before: b.map(Value::Date),
            after: a.map_or(Value::Unknown, Value::Date),
        })
    };
    plan.changes.extend(day_change(
        Field::LetterOfIntent,
        before.letter_of_intent,
        after.letter_of_intent,
    ));
    plan.changes.extend(day_change(
        Field::StrategyProposed,
        before.strategy_proposed,
        after.strategy_proposed,
    ));
    let adopted_before: Option<PartialDate> = before.strategy_adopted.as_ref().and_then(|a| a.date);
    if adopted != adopted_before {
        plan.changes.push(FieldChange {
            field: Field::StrategyAdopted,
            before: before
                .strategy_adopted
                .as_ref()
                .map(|a| a.date.map_or(Value::Unknown, Value::Partial)),
            after: adopted.map_or(Value::Unknown, Value::Partial),
        });
    }

    if &after != before {
        let mut record = p.clone();
        record.detail = ParticipationDetail::Coaching(after);
        changes.push(Change::Put {
            record: Record::Participation(record).touched(now),
            at: None,
        });
        plan.change = Some(Change::Many { changes });
    }
    Some(p.meta.id.clone())
}

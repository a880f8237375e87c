//! A new coaching round as typed, and the terms it is checked into. Every field is checked
//! on its own, so the form can say what is wrong with each at once; an earlier round's
//! terms (not its name or period) prefill a new form.

use crate::domain::model::{Fact, Period, Programme};
use crate::domain::validate::{
    kronor, not_before, required_date, required_text, whole_number, FieldError,
};

/// Fewer years than this from a letter of intent to a strategy would be no programme; more,
/// no promise.
pub const YEARS: (i64, i64) = (1, 10);
/// The largest municipality has about a million inhabitants.
pub const POPULATION: (i64, i64) = (1, 1_000_000);

/// What the "Ny omgång" form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoundForm {
    pub name: String,
    pub short_name: String,
    pub organiser: String,
    pub start: String,
    pub end: String,
    pub max_population: String,
    pub grant_kr: String,
    pub min_contribution_kr: String,
    pub commitment_years: String,
    pub call: String,
}

/// The form's fields, to say which one a reason belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Organiser,
    Start,
    End,
    MaxPopulation,
    Grant,
    MinContribution,
    CommitmentYears,
}

/// A round's terms, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundTerms {
    pub name: String,
    pub short_name: Option<String>,
    pub organiser: String,
    pub period: Period,
    pub max_population: u32,
    pub grant_kr: u32,
    pub min_contribution_kr: u32,
    pub commitment_years: u32,
    pub call: Option<String>,
}

/// A count as people write it, "20 000" (a space or a no-break space between the thousands),
/// as the digits alone.
fn ungrouped(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect()
}

impl RoundForm {
    /// A new form with the terms of `earlier`: organiser, population limit, grant, own
    /// contribution, years to a strategy and the call's words; name and period stay empty.
    pub fn copying(earlier: &Programme) -> RoundForm {
        let number =
            |f: &Option<Fact<u32>>| f.as_ref().map(|f| f.value.to_string()).unwrap_or_default();
        RoundForm {
            organiser: earlier.organiser.value.clone(),
            max_population: number(&earlier.max_population),
            grant_kr: number(&earlier.grant_per_participant_kr),
            min_contribution_kr: number(&earlier.min_local_contribution_kr),
            commitment_years: number(&earlier.commitment_years),
            call: earlier
                .call
                .as_ref()
                .map(|c| c.value.clone())
                .unwrap_or_default(),
            ..RoundForm::default()
        }
    }

    /// The terms, or every field's reason for refusing them, in the form's order.
    pub fn check(&self) -> Result<RoundTerms, Vec<(Field, FieldError)>> {
        let mut wrong = Vec::new();
        let name = required_text(&self.name).map_err(|e| wrong.push((Field::Name, e)));
        let organiser =
            required_text(&self.organiser).map_err(|e| wrong.push((Field::Organiser, e)));
        let start = required_date(&self.start).map_err(|e| wrong.push((Field::Start, e)));
        let end = required_date(&self.end)
            .and_then(|end| not_before(Some(end), start.ok()).map(|()| end))
            .map_err(|e| wrong.push((Field::End, e)));
        let mut keep = |field: Field, result: Result<i64, FieldError>| {
            result
                .and_then(|n| u32::try_from(n).map_err(|_| FieldError::TooLarge))
                .map_err(|e| wrong.push((field, e)))
                .ok()
        };
        let max_population = keep(
            Field::MaxPopulation,
            whole_number(&ungrouped(&self.max_population), POPULATION.0, POPULATION.1),
        );
        let grant_kr = keep(Field::Grant, kronor(&self.grant_kr).map(i64::from));
        let min_contribution_kr = keep(
            Field::MinContribution,
            kronor(&self.min_contribution_kr).map(i64::from),
        );
        let commitment_years = keep(
            Field::CommitmentYears,
            whole_number(&self.commitment_years, YEARS.0, YEARS.1),
        );
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        match (
            name,
            organiser,
            start,
            end,
            max_population,
            grant_kr,
            min_contribution_kr,
            commitment_years,
        ) {
            (
                Ok(name),
                Ok(organiser),
                Ok(start),
                Ok(end),
                Some(max),
                Some(grant),
                Some(min),
                Some(years),
            ) => Ok(RoundTerms {
                name,
                short_name: optional(&self.short_name),
                organiser,
                period: Period { start, end },
                max_population: max,
                grant_kr: grant,
                min_contribution_kr: min,
                commitment_years: years,
                call: optional(&self.call),
            }),
            _ => Err(wrong),
        }
    }
}

#[cfg(test)]
impl RoundForm {
    /// "Klimatcoachning 2027" as typed: at most 20 000 inhabitants, 75 000 kr, 3 years.
    pub fn example_2027() -> RoundForm {
        RoundForm {
            name: " Klimatcoachning 2027 ".into(),
            short_name: "".into(),
            organiser: "Klimatkommunerna".into(),
            start: "2027-01-01".into(),
            end: "2029-12-31".into(),
            max_population: "20 000".into(),
            grant_kr: "75 000".into(),
            min_contribution_kr: "25 000".into(),
            commitment_years: "3".into(),
            call: "Hösten 2026".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::seed::builtin_dataset;
    use chrono::NaiveDate;

    #[test]
    fn a_round_typed_in_full_becomes_its_terms() {
        let terms = RoundForm::example_2027().check().expect("valid");
        assert_eq!(terms.name, "Klimatcoachning 2027");
        assert_eq!(terms.short_name, None);
        assert_eq!(terms.max_population, 20_000);
        assert_eq!(terms.grant_kr, 75_000);
        assert_eq!(terms.min_contribution_kr, 25_000);
        assert_eq!(terms.commitment_years, 3);
        assert_eq!(terms.call.as_deref(), Some("Hösten 2026"));
    }

    #[test]
    fn every_wrong_field_is_named_with_its_reason_at_once_in_the_forms_order() {
        let form = RoundForm {
            name: "  ".into(),
            organiser: "".into(),
            end: "2026-12-31".into(),
            max_population: "tjugotusen".into(),
            grant_kr: "75,5".into(),
            commitment_years: "0".into(),
            ..RoundForm::example_2027()
        };
        let wrong = form.check().expect_err("refused");
        assert_eq!(
            wrong,
            vec![
                (Field::Name, FieldError::Required),
                (Field::Organiser, FieldError::Required),
                (
                    Field::End,
                    FieldError::DateBefore {
                        other: NaiveDate::from_ymd_opt(2027, 1, 1).expect("date")
                    }
                ),
                (Field::MaxPopulation, FieldError::NotANumber),
                (Field::Grant, FieldError::NotWholeKronor),
                (
                    Field::CommitmentYears,
                    FieldError::NumberOutOfRange { min: 1, max: 10 }
                ),
            ]
        );
    }

    #[test]
    fn a_missing_start_is_its_own_fault_not_the_ends() {
        let wrong = RoundForm {
            start: "".into(),
            ..RoundForm::example_2027()
        }
        .check()
        .expect_err("refused");
        assert_eq!(wrong, vec![(Field::Start, FieldError::Required)]);
    }

    #[test]
    fn copying_an_earlier_round_takes_its_terms_but_not_its_name_or_period() {
        let data = builtin_dataset();
        let first = data
            .programmes
            .iter()
            .find(|p| p.grant_per_participant_kr.is_some())
            .expect("the 2007–08 round has terms");
        let form = RoundForm::copying(first);
        assert_eq!(form.grant_kr, "50000");
        assert_eq!(form.commitment_years, "2");
        assert_eq!(form.organiser, "Klimatkommunerna");
        assert!(form.name.is_empty() && form.start.is_empty() && form.end.is_empty());
        let filled = RoundForm {
            name: "Klimatcoachning 2027".into(),
            start: "2027-01-01".into(),
            end: "2028-12-31".into(),
            ..form
        };
        let terms = filled.check().expect("the copied terms are valid terms");
        assert_eq!(terms.grant_kr, 50_000);
    }
}

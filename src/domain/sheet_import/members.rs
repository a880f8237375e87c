//! A members row: a municipality marked a member of Klimatkommunerna (who may mentor),
//! with the year it joined when the sheet gives one.

use chrono::{DateTime, Utc};

use super::{municipality_of, Cells, FieldChange, Problem, RowPlan, Value};
use crate::domain::mentoring::membership::mark_member;
use crate::domain::model::*;
use crate::domain::seed::organisation_id;
use crate::domain::sheet_import::Field;
use crate::domain::validate::optional_join_year;

pub(super) fn row(
    d: &Dataset,
    cells: &Cells,
    plan: &mut RowPlan,
    now: DateTime<Utc>,
) -> Option<String> {
    let code = municipality_of(cells, plan)?;
    let id = organisation_id(&code);
    let org = d.organisation(&id);
    plan.subject = crate::domain::municipalities::municipality(&code)
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let before = org.and_then(|o| o.member.clone());
    let since = match cells.get(Field::MemberSince) {
        None => before.as_ref().and_then(|m| m.since),
        Some(cell) => match optional_join_year(cell.text) {
            Ok(year) => year,
            Err(e) => {
                plan.problem(Some(&cell), Field::MemberSince, Problem::Field(e));
                return None;
            }
        },
    };
    if before.as_ref().is_some_and(|m| m.since == since) {
        return Some(id);
    }
    plan.new = before.is_none();
    plan.changes.push(FieldChange {
        field: Field::MemberSince,
        before: before.map(|m| m.since.map_or(Value::Unknown, Value::Year)),
        after: since.map_or(Value::Unknown, Value::Year),
    });
    match mark_member(d, &code, since, now) {
        Ok(change) => plan.change = Some(change),
        Err(_) => plan.problem(
            None,
            Field::Municipality,
            Problem::UnknownMunicipality {
                suggestions: Vec::new(),
            },
        ),
    }
    Some(id)
}

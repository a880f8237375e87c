//! Klimatkommunerna membership: who may mentor. A municipality from the register
//! can be marked a member (with the year it joined, when known) even when it takes
//! part in no programme; its organisation record comes with it.

use chrono::{DateTime, Utc};

use crate::domain::change::{Change, Record};
use crate::domain::model::*;
use crate::domain::municipalities::municipality;
use crate::domain::programme::participants::register_organisation;
use crate::domain::seed::organisation_id;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MembershipError {
    UnknownMunicipality,
    UnknownOrganisation,
}

/// The change that marks municipality `kommunkod` as a member since `since`
/// (or changes the year), adding its register record if the dataset lacks it.
pub fn mark_member(
    d: &Dataset,
    kommunkod: &str,
    since: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Change, MembershipError> {
    let m = municipality(kommunkod).ok_or(MembershipError::UnknownMunicipality)?;
    let id = organisation_id(&m.kommunkod);
    let org = d
        .organisation(&id)
        .cloned()
        .unwrap_or_else(|| register_organisation(m, Meta::by_user(id.clone(), now)));
    Ok(with_membership(org, Some(Membership { since }), now))
}

/// The change that sets (Some) or ends (None) organisation `id`'s membership.
pub fn set_membership(
    d: &Dataset,
    id: &str,
    membership: Option<Membership>,
    now: DateTime<Utc>,
) -> Result<Change, MembershipError> {
    let org = d
        .organisation(id)
        .cloned()
        .ok_or(MembershipError::UnknownOrganisation)?;
    Ok(with_membership(org, membership, now))
}

fn with_membership(
    mut org: Organisation,
    membership: Option<Membership>,
    now: DateTime<Utc>,
) -> Change {
    org.member = membership;
    Change::Put {
        record: Record::Organisation(org).touched(now),
        at: None,
    }
}

/// Members, in Swedish name order.
pub fn members(d: &Dataset) -> Vec<&Organisation> {
    let mut out: Vec<&Organisation> = d
        .organisations
        .iter()
        .filter(|o| o.member.is_some())
        .collect();
    out.sort_by(|a, b| crate::domain::text::swedish_cmp(&a.name, &b.name));
    out
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
    fn a_register_municipality_becomes_a_member_with_its_record_in_one_undoable_step() {
        let mut d = builtin_dataset();
        let change = mark_member(&d, "1440", Some(2006), now()).expect("Ale exists");
        let undo = apply(&mut d, change);
        let ale = d.organisation("org-1440").expect("added");
        assert_eq!(ale.member, Some(Membership { since: Some(2006) }));
        assert_eq!(ale.meta.source, Origin::User);
        assert_eq!(check(&d), vec![]);
        let names: Vec<&str> = members(&d).iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, vec!["Ale", "Lund"]);
        apply(&mut d, undo);
        assert_eq!(d, builtin_dataset());
    }

    #[test]
    fn a_known_organisation_keeps_its_record_and_can_leave() {
        let mut d = builtin_dataset();
        let change = mark_member(&d, "1273", None, now()).expect("Osby");
        apply(&mut d, change);
        assert_eq!(d.organisations.len(), 27, "no second Osby");
        let change = set_membership(&d, "org-1281", None, now()).expect("Lund");
        apply(&mut d, change);
        let names: Vec<&str> = members(&d).iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, vec!["Osby"]);
        assert_eq!(
            mark_member(&d, "9999", None, now()),
            Err(MembershipError::UnknownMunicipality)
        );
        assert_eq!(
            set_membership(&d, "org-x", None, now()),
            Err(MembershipError::UnknownOrganisation)
        );
    }
}

//! The pairing table a round's mentor page shows and exports (`/mentorer` for 2007–08):
//! every participant with its mentor (or none) and any rule the pairing breaks, and every
//! member with its load in that round.

use super::membership::members;
use super::{conflicts, loads, nearness, Nearness, PairingError};
use crate::domain::listing::organisation_slug;
use crate::domain::model::*;
use crate::domain::municipalities::county;
use crate::domain::programme::participants::taking_part;
use crate::domain::text::swedish_cmp;

/// An organisation as a list names it (the pairs here, a round's applicants).
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub kommunkod: String,
    pub lan: String,
}

pub fn named(o: &Organisation) -> Named {
    Named {
        id: o.meta.id.clone(),
        name: o.name.clone(),
        slug: organisation_slug(o),
        kommunkod: o
            .kommunkod
            .as_ref()
            .map(|k| k.value.clone())
            .unwrap_or_default(),
        lan: county(&o.lanskod.value)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub participation_id: String,
    pub participant: Named,
    /// The mentor's id as recorded, even when no organisation has it (a conflict).
    pub mentor_id: Option<String>,
    pub mentor: Option<Named>,
    pub nearness: Option<Nearness>,
    pub conflict: Option<PairingError>,
}

/// The participants of the programme `programme_id` in Swedish name order.
pub fn pairs(d: &Dataset, programme_id: &str) -> Vec<Pair> {
    let broken = conflicts(d);
    let mut out: Vec<Pair> = taking_part(d, programme_id)
        .filter_map(|p| {
            let ParticipationDetail::Coaching(c) = &p.detail else {
                return None;
            };
            let org = d.organisation(&p.organisation_id)?;
            let mentor = c.mentor_id.as_deref().and_then(|m| d.organisation(m));
            Some(Pair {
                participation_id: p.meta.id.clone(),
                participant: named(org),
                mentor_id: c.mentor_id.clone(),
                mentor: mentor.map(named),
                nearness: mentor.map(|m| nearness(&org.lanskod.value, &m.lanskod.value)),
                conflict: broken
                    .iter()
                    .find(|(id, _)| *id == p.meta.id)
                    .map(|(_, e)| e.clone()),
            })
        })
        .collect();
    out.sort_by(|a, b| swedish_cmp(&a.participant.name, &b.participant.name));
    out
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mentor {
    pub org: Named,
    pub since: Option<i32>,
    /// Mentee names, Swedish order.
    pub mentees: Vec<String>,
}

/// Every member with the participants it mentors in the programme, in Swedish name order.
pub fn mentors(d: &Dataset, programme_id: &str) -> Vec<Mentor> {
    let all = pairs(d, programme_id);
    members(d)
        .into_iter()
        .map(|o| Mentor {
            org: named(o),
            since: o.member.as_ref().and_then(|m| m.since),
            mentees: all
                .iter()
                .filter(|p| p.mentor_id.as_deref() == Some(o.meta.id.as_str()))
                .map(|p| p.participant.name.clone())
                .collect(),
        })
        .collect()
}

/// How many participants have a mentor, and how many do not.
pub fn counts(d: &Dataset, programme_id: &str) -> (usize, usize) {
    let all = pairs(d, programme_id);
    let paired = all.iter().filter(|p| p.mentor_id.is_some()).count();
    debug_assert_eq!(loads(d, programme_id).values().sum::<usize>(), paired);
    (paired, all.len() - paired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::apply;
    use crate::domain::mentoring::membership::mark_member;
    use crate::domain::mentoring::set_mentor;
    use crate::domain::seed::{builtin_dataset, seed_updated_at, COACHING_ID};

    #[test]
    fn every_coaching_participant_is_listed_with_its_mentor_and_members_with_their_mentees() {
        let mut d = builtin_dataset();
        let now = seed_updated_at();
        let c = set_mentor(&d, "participation-coaching-0560", Some("org-1281"), now).expect("ok");
        apply(&mut d, c);
        let c = mark_member(&d, "1273", Some(2004), now).expect("Osby");
        apply(&mut d, c);
        let all = pairs(&d, COACHING_ID);
        assert_eq!(all.len(), 22);
        assert_eq!(all[0].participant.name, "Boxholm", "Swedish order");
        assert_eq!(
            all.last().map(|p| p.participant.name.as_str()),
            Some("Östra Göinge")
        );
        let boxholm = &all[0];
        assert_eq!(
            boxholm.mentor.as_ref().map(|m| m.name.as_str()),
            Some("Lund")
        );
        assert_eq!(
            boxholm.nearness,
            Some(Nearness::SamePart),
            "Östergötland and Skåne: Götaland, no border"
        );
        assert_eq!(boxholm.conflict, None);
        let osby = all
            .iter()
            .find(|p| p.participant.name == "Osby")
            .expect("listed");
        assert_eq!(
            (osby.mentor_id.as_deref(), osby.conflict.as_ref()),
            (None, None)
        );
        assert_eq!(counts(&d, COACHING_ID), (1, 21));
        let m = mentors(&d, COACHING_ID);
        let names: Vec<(&str, usize)> = m
            .iter()
            .map(|m| (m.org.name.as_str(), m.mentees.len()))
            .collect();
        assert_eq!(names, vec![("Lund", 1), ("Osby", 0)]);
        assert_eq!(m[1].since, Some(2004));
        // Lund leaves Klimatkommunerna: the pairing stays, flagged.
        let c = crate::domain::mentoring::membership::set_membership(&d, "org-1281", None, now)
            .expect("Lund");
        apply(&mut d, c);
        assert_eq!(
            pairs(&d, COACHING_ID)[0].conflict,
            Some(PairingError::NotAMember)
        );
    }
}

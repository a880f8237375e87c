//! Mentoring: who may mentor ([`membership`]: Klimatkommunerna's members), which member
//! may mentor which participant (here: never one of the same round), how loaded each
//! mentor is within a round, deterministic suggestions for a round's unpaired (same län
//! first, then a neighbouring län, then the same part of the country; lightest load
//! first), and the pairs as a table ([`pairs`]).

pub mod membership;
pub mod pairs;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::domain::change::{Change, Record};
use crate::domain::model::*;
use crate::domain::programme::participants::taking_part;
use crate::domain::text::swedish_cmp;

/// A mentor with more mentees than this gets a warning (a setting; the programme gave one each).
pub const DEFAULT_MAX_LOAD: usize = 2;

/// With fewer known members than this, most suggestions point to the same few: the page
/// says so, and asks for more members (22 participants across 12 län need candidates near them).
pub const FEW_MEMBERS: usize = 5;

/// Pairs of län (SCB codes) that share a land border. Gotland (09) borders none.
pub const NEIGHBOURS: [(&str, &str); 38] = [
    ("01", "03"),
    ("01", "04"),
    ("03", "19"),
    ("03", "20"),
    ("03", "21"),
    ("04", "05"),
    ("04", "18"),
    ("04", "19"),
    ("05", "06"),
    ("05", "08"),
    ("05", "18"),
    ("06", "07"),
    ("06", "08"),
    ("06", "13"),
    ("06", "14"),
    ("07", "08"),
    ("07", "10"),
    ("07", "12"),
    ("07", "13"),
    ("08", "10"),
    ("10", "12"),
    ("12", "13"),
    ("13", "14"),
    ("14", "17"),
    ("14", "18"),
    ("17", "18"),
    ("17", "20"),
    ("18", "19"),
    ("18", "20"),
    ("19", "20"),
    ("20", "21"),
    ("20", "23"),
    ("21", "22"),
    ("21", "23"),
    ("22", "23"),
    ("22", "24"),
    ("23", "24"),
    ("24", "25"),
];

/// Sweden's three parts (landsdelar), by län code.
pub fn part_of_country(lanskod: &str) -> Option<Part> {
    Some(match lanskod {
        "05" | "06" | "07" | "08" | "09" | "10" | "12" | "13" | "14" => Part::Gotaland,
        "01" | "03" | "04" | "17" | "18" | "19" | "20" => Part::Svealand,
        "21" | "22" | "23" | "24" | "25" => Part::Norrland,
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Gotaland,
    Svealand,
    Norrland,
}

pub fn are_neighbours(a: &str, b: &str) -> bool {
    NEIGHBOURS
        .iter()
        .any(|(x, y)| (*x == a && *y == b) || (*x == b && *y == a))
}

/// Why a suggested mentor was chosen, nearest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Nearness {
    SameLan,
    NeighbouringLan,
    SamePart,
    Elsewhere,
}

pub fn nearness(a: &str, b: &str) -> Nearness {
    if a == b {
        Nearness::SameLan
    } else if are_neighbours(a, b) {
        Nearness::NeighbouringLan
    } else if part_of_country(a).is_some() && part_of_country(a) == part_of_country(b) {
        Nearness::SamePart
    } else {
        Nearness::Elsewhere
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PairingError {
    UnknownParticipation,
    UnknownMentor,
    /// Only Klimatkommunerna's members mentor.
    NotAMember,
    SelfMentor,
    /// A participant of the programme cannot mentor in it.
    ParticipantOfSameProgramme,
}

/// Whether `mentor_id` may mentor the participation `participation_id`; Ok carries
/// the mentor's load after the pairing, for the over-load warning.
pub fn check_pairing(
    d: &Dataset,
    participation_id: &str,
    mentor_id: &str,
) -> Result<usize, PairingError> {
    let p = d
        .participations
        .iter()
        .find(|p| p.meta.id == participation_id)
        .ok_or(PairingError::UnknownParticipation)?;
    let mentor = d
        .organisation(mentor_id)
        .ok_or(PairingError::UnknownMentor)?;
    if mentor.member.is_none() {
        return Err(PairingError::NotAMember);
    }
    if p.organisation_id == mentor_id {
        return Err(PairingError::SelfMentor);
    }
    if d.participations
        .iter()
        .any(|q| q.programme_id == p.programme_id && q.organisation_id == mentor_id)
    {
        return Err(PairingError::ParticipantOfSameProgramme);
    }
    let already = mentor_of(p) == Some(mentor_id);
    Ok(loads(d, &p.programme_id)
        .get(mentor_id)
        .copied()
        .unwrap_or(0)
        + usize::from(!already))
}

fn mentor_of(p: &Participation) -> Option<&str> {
    match &p.detail {
        ParticipationDetail::Coaching(c) => c.mentor_id.as_deref(),
        ParticipationDetail::PilotLan(_) => None,
    }
}

/// Mentees per mentor organisation id in the programme `programme_id`: a member who
/// mentored in 2007–08 is free again in a later round.
pub fn loads(d: &Dataset, programme_id: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for m in taking_part(d, programme_id).filter_map(mentor_of) {
        *out.entry(m.to_owned()).or_default() += 1;
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub participation_id: String,
    pub mentor_id: String,
    pub nearness: Nearness,
    /// The mentor's mentees before this suggestion (counting earlier suggestions).
    pub load_before: usize,
}

/// A mentor for every unpaired participant of the programme `programme_id` that can
/// have one. Mentors who would go over `max_load` come last; then the nearest (same län, a neighbouring
/// län, the same part of the country), the least loaded (counting the suggestions
/// already made), then Swedish name order. A `rejected` (participation, mentor) pair
/// is never suggested again. The same data always gives the same suggestions.
pub fn suggest(
    d: &Dataset,
    programme_id: &str,
    max_load: usize,
    rejected: &[(String, String)],
) -> Vec<Suggestion> {
    let mut load = loads(d, programme_id);
    let mut unpaired: Vec<(&Participation, &Organisation)> = taking_part(d, programme_id)
        .filter(|p| matches!(&p.detail, ParticipationDetail::Coaching(c) if c.mentor_id.is_none()))
        .filter_map(|p| Some((p, d.organisation(&p.organisation_id)?)))
        .collect();
    unpaired.sort_by(|(_, a), (_, b)| swedish_cmp(&a.name, &b.name));
    let mut out = Vec::new();
    for (p, org) in unpaired {
        let best = d
            .organisations
            .iter()
            .filter(|m| check_pairing(d, &p.meta.id, &m.meta.id).is_ok())
            .filter(|m| {
                !rejected
                    .iter()
                    .any(|(pid, mid)| *pid == p.meta.id && *mid == m.meta.id)
            })
            .map(|m| {
                let near = nearness(&org.lanskod.value, &m.lanskod.value);
                let l = load.get(&m.meta.id).copied().unwrap_or(0);
                (l >= max_load, near, l, m)
            })
            .min_by(|(o1, n1, l1, a), (o2, n2, l2, b)| {
                o1.cmp(o2)
                    .then(n1.cmp(n2))
                    .then(l1.cmp(l2))
                    .then_with(|| swedish_cmp(&a.name, &b.name))
            });
        if let Some((_, nearness, load_before, m)) = best {
            *load.entry(m.meta.id.clone()).or_default() += 1;
            out.push(Suggestion {
                participation_id: p.meta.id.clone(),
                mentor_id: m.meta.id.clone(),
                nearness,
                load_before,
            });
        }
    }
    out
}

/// The change that gives participation `participation_id` the mentor `mentor_id`
/// (None removes it), refused when a rule forbids the pairing.
pub fn set_mentor(
    d: &Dataset,
    participation_id: &str,
    mentor_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Change, PairingError> {
    if let Some(m) = mentor_id {
        check_pairing(d, participation_id, m)?;
    }
    let mut p = d
        .participations
        .iter()
        .find(|p| p.meta.id == participation_id)
        .cloned()
        .ok_or(PairingError::UnknownParticipation)?;
    let ParticipationDetail::Coaching(c) = &mut p.detail else {
        return Err(PairingError::UnknownParticipation);
    };
    c.mentor_id = mentor_id.map(str::to_owned);
    Ok(Change::Put {
        record: Record::Participation(p).touched(now),
        at: None,
    })
}

/// Accepting `suggestions` together: one undoable step.
pub fn accept(
    d: &Dataset,
    suggestions: &[Suggestion],
    now: DateTime<Utc>,
) -> Result<Change, PairingError> {
    let changes = suggestions
        .iter()
        .map(|s| set_mentor(d, &s.participation_id, Some(&s.mentor_id), now))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Change::Many { changes })
}

/// Pairings that break a rule now (a mentor who left Klimatkommunerna, was removed,
/// or joined the programme since), by participation id.
pub fn conflicts(d: &Dataset) -> Vec<(String, PairingError)> {
    d.participations
        .iter()
        .filter_map(|p| {
            let m = mentor_of(p)?;
            check_pairing(d, &p.meta.id, m)
                .err()
                .map(|e| (p.meta.id.clone(), e))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::municipalities::counties;
    use crate::domain::programme::participants::register_organisation;
    use crate::domain::seed::{builtin_dataset, organisation_id, seed_updated_at, COACHING_ID};

    fn member(d: &mut Dataset, kommunkod: &str) -> String {
        let id = organisation_id(kommunkod);
        if d.organisation(&id).is_none() {
            let m = crate::domain::municipalities::municipality(kommunkod).expect("in register");
            let meta = Meta {
                id: id.clone(),
                updated_at: seed_updated_at(),
                source: Origin::User,
                notes: String::new(),
                versions: Default::default(),
            };
            d.organisations.push(register_organisation(m, meta));
        }
        if let Some(o) = d.organisations.iter_mut().find(|o| o.meta.id == id) {
            o.member = Some(Membership { since: Some(2005) });
        }
        id
    }

    fn pair(d: &mut Dataset, participant_kommunkod: &str, mentor: &str) {
        let org = organisation_id(participant_kommunkod);
        for p in d
            .participations
            .iter_mut()
            .filter(|p| p.organisation_id == org)
        {
            if let ParticipationDetail::Coaching(c) = &mut p.detail {
                c.mentor_id = Some(mentor.to_owned());
            }
        }
    }

    #[test]
    fn the_neighbour_table_is_symmetric_and_names_real_counties() {
        let mut seen = std::collections::BTreeSet::new();
        for (a, b) in NEIGHBOURS {
            assert!(
                seen.insert(if a < b { (a, b) } else { (b, a) }),
                "{a}-{b} listed twice"
            );
        }
        for (a, b) in NEIGHBOURS {
            assert!(are_neighbours(a, b) && are_neighbours(b, a));
            assert_ne!(a, b);
            for code in [a, b] {
                assert!(counties().iter().any(|c| c.lanskod == code), "{code}");
            }
        }
        assert!(are_neighbours("12", "07") && !are_neighbours("12", "14"));
        assert!(counties()
            .iter()
            .all(|c| part_of_country(&c.lanskod).is_some()));
        assert!(counties()
            .iter()
            .filter(|c| c.lanskod != "09")
            .all(|c| NEIGHBOURS
                .iter()
                .any(|(a, b)| *a == c.lanskod || *b == c.lanskod)));
    }

    #[test]
    fn pairing_rules_are_enforced() {
        let mut d = builtin_dataset();
        let boxholm = "participation-coaching-0560";
        assert_eq!(
            check_pairing(&d, boxholm, "org-1440"),
            Err(PairingError::UnknownMentor)
        );
        assert_eq!(
            check_pairing(&d, boxholm, "org-1256"),
            Err(PairingError::NotAMember)
        );
        let lund = "org-1281";
        assert_eq!(
            check_pairing(&d, boxholm, lund),
            Ok(1),
            "Lund is a member and not a coaching participant"
        );
        let osby = member(&mut d, "1273");
        assert_eq!(
            check_pairing(&d, "participation-coaching-1273", &osby),
            Err(PairingError::SelfMentor)
        );
        assert_eq!(
            check_pairing(&d, boxholm, &osby),
            Err(PairingError::ParticipantOfSameProgramme)
        );
        assert_eq!(
            check_pairing(&d, "nope", lund),
            Err(PairingError::UnknownParticipation)
        );
    }

    #[test]
    fn load_counts_mentees_and_the_check_reports_the_load_after_pairing() {
        let mut d = builtin_dataset();
        pair(&mut d, "0560", "org-1281");
        pair(&mut d, "1438", "org-1281");
        assert_eq!(loads(&d, COACHING_ID).get("org-1281"), Some(&2));
        assert_eq!(
            check_pairing(&d, "participation-coaching-0862", "org-1281"),
            Ok(3),
            "over the default maximum of 2"
        );
        assert_eq!(
            check_pairing(&d, "participation-coaching-0560", "org-1281"),
            Ok(2),
            "re-pairing the same adds nothing"
        );
    }

    #[test]
    fn a_new_rounds_participants_are_not_suggested_mentors_among_2007_08s() {
        let (d, _) =
            crate::domain::programme::fixtures::with_round(&[("2403", Decision::Selected)]);
        assert_eq!(
            suggest(&d, COACHING_ID, 2, &[]),
            suggest(&builtin_dataset(), COACHING_ID, 2, &[])
        );
    }

    #[test]
    fn suggestions_prefer_the_same_lan_then_neighbours_and_balance_load() {
        let mut d = builtin_dataset();
        d.participations.retain(|p| {
            ["org-1273", "org-1275", "org-1264", "org-0767"].contains(&p.organisation_id.as_str())
                || p.programme_id != crate::domain::seed::COACHING_ID
        });
        let lund = "org-1281".to_owned(); // Skåne (12), a founder member
        let alvesta = member(&mut d, "0764"); // Kronoberg (07), neighbour of Skåne
        let s = suggest(&d, COACHING_ID, 9, &[]);
        let got: Vec<(&str, &str, Nearness)> = s
            .iter()
            .map(|s| {
                (
                    s.participation_id.as_str(),
                    s.mentor_id.as_str(),
                    s.nearness,
                )
            })
            .collect();
        // Markaryd (07) gets Alvesta (07); Osby, Perstorp and Skurup (12) all get Lund: the
        // same län wins over a lighter load in a neighbouring one.
        assert_eq!(
            got[0],
            (
                "participation-coaching-0767",
                alvesta.as_str(),
                Nearness::SameLan
            )
        );
        assert!(got[1..]
            .iter()
            .all(|(_, m, n)| *m == lund && *n == Nearness::SameLan));
        assert_eq!(suggest(&d, COACHING_ID, 9, &[]), s, "deterministic");
    }

    #[test]
    fn among_equally_near_mentors_the_least_loaded_is_chosen_ties_by_name() {
        let mut d = builtin_dataset();
        d.participations.retain(|p| {
            ["org-1497", "org-1444", "org-1447"].contains(&p.organisation_id.as_str())
                || p.programme_id != crate::domain::seed::COACHING_ID
        });
        let ale = member(&mut d, "1440"); // Västra Götaland (14)
        let alingsas = member(&mut d, "1489"); // Västra Götaland (14)
        let s = suggest(&d, COACHING_ID, 9, &[]);
        let mentors: Vec<&str> = s.iter().map(|s| s.mentor_id.as_str()).collect();
        // Grästorp, Gullspång, Hjo in Swedish order; Ale first on a tie by name, then balanced.
        assert_eq!(mentors, vec![ale.as_str(), alingsas.as_str(), ale.as_str()]);
        assert!(s.iter().all(|s| s.nearness == Nearness::SameLan));
    }

    #[test]
    fn without_a_member_in_the_same_lan_a_neighbour_then_the_same_part_then_anyone() {
        let mut d = builtin_dataset();
        d.participations.retain(|p| {
            ["org-0767", "org-0862", "org-2361"].contains(&p.organisation_id.as_str())
                || p.programme_id != crate::domain::seed::COACHING_ID
        });
        let s = suggest(&d, COACHING_ID, 9, &[]); // Lund (Skåne) is the only member
        let by_participant: BTreeMap<&str, Nearness> = s
            .iter()
            .map(|s| (s.participation_id.as_str(), s.nearness))
            .collect();
        assert_eq!(
            by_participant["participation-coaching-0767"],
            Nearness::NeighbouringLan,
            "Kronoberg borders Skåne"
        );
        assert_eq!(
            by_participant["participation-coaching-0862"],
            Nearness::SamePart,
            "Kalmar is in Götaland"
        );
        assert_eq!(
            by_participant["participation-coaching-2361"],
            Nearness::Elsewhere,
            "Jämtland is in Norrland"
        );
        assert!(s.iter().all(|s| s.mentor_id == "org-1281"));
    }

    #[test]
    fn a_mentor_at_the_maximum_load_is_passed_over_while_another_has_room() {
        let mut d = builtin_dataset();
        d.participations.retain(|p| {
            ["org-1273", "org-1275", "org-1264"].contains(&p.organisation_id.as_str())
                || p.programme_id != crate::domain::seed::COACHING_ID
        });
        let alvesta = member(&mut d, "0764"); // Kronoberg, neighbour of Skåne
        let s = suggest(&d, COACHING_ID, 2, &[]);
        // Osby, Perstorp (Skåne) get Lund; Skurup would make Lund's third, so Alvesta.
        let got: Vec<(&str, Nearness, usize)> = s
            .iter()
            .map(|s| (s.mentor_id.as_str(), s.nearness, s.load_before))
            .collect();
        assert_eq!(
            got,
            vec![
                ("org-1281", Nearness::SameLan, 0),
                ("org-1281", Nearness::SameLan, 1),
                (alvesta.as_str(), Nearness::NeighbouringLan, 0),
            ]
        );
        // With Alvesta gone, everyone is over the maximum: the nearest still wins.
        d.organisations.retain(|o| o.meta.id != alvesta);
        assert!(suggest(&d, COACHING_ID, 2, &[])
            .iter()
            .all(|s| s.mentor_id == "org-1281"));
    }

    #[test]
    fn a_rejected_suggestion_is_replaced_by_the_next_best() {
        let mut d = builtin_dataset();
        d.participations.retain(|p| {
            p.organisation_id == "org-1273" || p.programme_id != crate::domain::seed::COACHING_ID
        });
        let alvesta = member(&mut d, "0764");
        let osby = "participation-coaching-1273".to_owned();
        assert_eq!(suggest(&d, COACHING_ID, 2, &[])[0].mentor_id, "org-1281");
        let rejected = [(osby.clone(), "org-1281".to_owned())];
        let s = suggest(&d, COACHING_ID, 2, &rejected);
        assert_eq!(
            (s[0].participation_id.as_str(), s[0].mentor_id.as_str()),
            (osby.as_str(), alvesta.as_str())
        );
        let both = [rejected[0].clone(), (osby, alvesta)];
        assert!(
            suggest(&d, COACHING_ID, 2, &both).is_empty(),
            "no member left to suggest"
        );
    }

    #[test]
    fn setting_a_mentor_is_one_undoable_change_and_refused_when_forbidden() {
        let mut d = builtin_dataset();
        let before = d.clone();
        let boxholm = "participation-coaching-0560";
        let now = seed_updated_at() + chrono::Duration::days(1);
        let change = set_mentor(&d, boxholm, Some("org-1281"), now).expect("allowed");
        let undo = crate::domain::change::apply(&mut d, change);
        let p = d
            .participations
            .iter()
            .find(|p| p.meta.id == boxholm)
            .expect("kept");
        assert!(
            matches!(&p.detail, ParticipationDetail::Coaching(c) if c.mentor_id.as_deref() == Some("org-1281"))
        );
        assert_eq!((p.meta.updated_at, p.meta.source), (now, Origin::User));
        let removed = set_mentor(&d, boxholm, None, now).expect("removal is always allowed");
        let mut after_removal = d.clone();
        crate::domain::change::apply(&mut after_removal, removed);
        assert_eq!(loads(&after_removal, COACHING_ID).get("org-1281"), None);
        crate::domain::change::apply(&mut d, undo);
        assert_eq!(d, before);
        assert_eq!(
            set_mentor(&d, boxholm, Some("org-1256"), now),
            Err(PairingError::NotAMember)
        );
        assert_eq!(
            set_mentor(&d, "participation-pilotlan-1281", None, now),
            Err(PairingError::UnknownParticipation),
            "the pilot-län programme has no mentors"
        );
    }

    #[test]
    fn accepting_all_suggestions_is_one_step_and_leaves_nobody_unpaired() {
        let mut d = builtin_dataset();
        let before = d.clone();
        let s = suggest(&d, COACHING_ID, DEFAULT_MAX_LOAD, &[]);
        assert_eq!(s.len(), 22, "Lund can mentor every coaching participant");
        let change = accept(&d, &s, seed_updated_at()).expect("all allowed");
        let undo = crate::domain::change::apply(&mut d, change);
        assert!(suggest(&d, COACHING_ID, DEFAULT_MAX_LOAD, &[]).is_empty());
        assert_eq!(loads(&d, COACHING_ID).get("org-1281"), Some(&22));
        crate::domain::change::apply(&mut d, undo);
        assert_eq!(d, before);
    }

    #[test]
    fn a_round_is_paired_within_itself_and_2007s_mentees_do_not_load_its_mentors() {
        use crate::domain::programme::fixtures::with_round;
        let (mut d, round) = with_round(&[
            ("2403", Decision::Selected),
            ("2404", Decision::Selected),
            ("2417", Decision::Pending),
            ("2418", Decision::NotSelected),
        ]);
        pair(&mut d, "0560", "org-1281");
        assert_eq!(loads(&d, COACHING_ID).get("org-1281"), Some(&1));
        let s = suggest(&d, &round, 1, &[]);
        let who: Vec<&str> = s.iter().map(|s| s.participation_id.as_str()).collect();
        assert_eq!(
            who,
            [
                "participation-klimatcoachning-2027-2403",
                "participation-klimatcoachning-2027-2404"
            ],
            "the selected only, Bjurholm before Vindeln; never 2007–08's unpaired"
        );
        assert_eq!(
            (s[0].mentor_id.as_str(), s[0].load_before),
            ("org-1281", 0),
            "Lund's mentee of 2007–08 does not count in 2027"
        );
        let bjurholm = "participation-klimatcoachning-2027-2403";
        member(&mut d, "2404");
        assert_eq!(
            check_pairing(&d, bjurholm, "org-2404"),
            Err(PairingError::ParticipantOfSameProgramme)
        );
        member(&mut d, "0560");
        assert_eq!(
            check_pairing(&d, bjurholm, "org-0560"),
            Ok(1),
            "a participant of 2007–08 may mentor in a later round"
        );
        let change = accept(&d, &s, seed_updated_at()).expect("allowed");
        crate::domain::change::apply(&mut d, change);
        assert_eq!(loads(&d, &round).get("org-1281"), Some(&2));
        assert_eq!(loads(&d, COACHING_ID).get("org-1281"), Some(&1));
        assert!(suggest(&d, &round, 1, &[]).is_empty());
    }

    #[test]
    fn a_pairing_that_a_later_edit_makes_forbidden_is_listed_as_a_conflict() {
        let mut d = builtin_dataset();
        pair(&mut d, "0560", "org-1281");
        assert!(conflicts(&d).is_empty());
        for o in d
            .organisations
            .iter_mut()
            .filter(|o| o.meta.id == "org-1281")
        {
            o.member = None;
        }
        assert_eq!(
            conflicts(&d),
            vec![(
                "participation-coaching-0560".to_owned(),
                PairingError::NotAMember
            )]
        );
        d.organisations.retain(|o| o.meta.id != "org-1281");
        assert_eq!(conflicts(&d)[0].1, PairingError::UnknownMentor);
    }
}

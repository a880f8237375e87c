//! A coaching round as a record: made from checked terms, named in addresses by a slug,
//! and listed with where it stands.
//!
//! A round's id is `programme-` and its slug: the slug comes from the short name, else the
//! name ("Klimatcoachning 2027" → `klimatcoachning-2027`), so two browsers that create the
//! same round by name make one record, which the merge joins field by field. A name already
//! taken (or once taken and removed) gets a number.

use chrono::{DateTime, NaiveDate, Utc};

use super::applicants::takes_part;
use super::phase::{phase, Phase};
use super::terms::RoundTerms;
use crate::domain::change::{Change, Record};
use crate::domain::model::*;
use crate::domain::seed::{COACHING_ID, PILOT_ID};
use crate::domain::text::{search_form, slug};

const ID_PREFIX: &str = "programme-";

/// The part of a round's id its addresses use: `programme-coaching` → `coaching`.
pub fn round_slug(p: &Programme) -> &str {
    p.meta
        .id
        .strip_prefix(ID_PREFIX)
        .unwrap_or(p.meta.id.as_str())
}

/// The round an address names by its slug.
pub fn round_at<'a>(d: &'a Dataset, slug: &str) -> Option<&'a Programme> {
    d.programmes.iter().find(|p| round_slug(p) == slug)
}

/// The programme a spreadsheet's cell names: by its name, short name or address slug, in
/// any case and without diacritics or dashes; the built-in ones also by the words the app's
/// own downloads write for them ("Klimatcoachning", "Climate coaching", "Pilotlän").
pub fn programme_named<'a>(d: &'a Dataset, text: &str) -> Option<&'a Programme> {
    let folded = |t: &str| {
        search_form(t)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let wanted = folded(text);
    d.programmes.iter().find(|p| {
        let words: &[&str] = match p.meta.id.as_str() {
            COACHING_ID => &["Klimatcoachning", "Climate coaching"],
            PILOT_ID => &["Pilotlän", "Pilot county"],
            _ => &[],
        };
        [p.name.value.as_str(), round_slug(p)]
            .into_iter()
            .chain(p.short_name.as_ref().map(|s| s.value.as_str()))
            .chain(words.iter().copied())
            .any(|n| folded(n) == wanted)
    })
}

/// Whether `p` is one of the programmes the app comes with (2007–08 and the pilot), whose
/// participants are those the sources name: no one applies to them.
pub fn is_builtin(p: &Programme) -> bool {
    p.meta.id == COACHING_ID || p.meta.id == PILOT_ID
}

/// The id a new round named so gets in `d`: free now, and never used by a removed record.
fn free_id(d: &Dataset, terms: &RoundTerms) -> String {
    let base = slug(terms.short_name.as_deref().unwrap_or(&terms.name));
    let base = if base.is_empty() { "omgang" } else { &base };
    let taken = |id: &str| {
        d.programmes.iter().any(|p| p.meta.id == id)
            || d.removed.iter().any(|r| r.record.meta().id == id)
    };
    (1..)
        .map(|n| match n {
            1 => format!("{ID_PREFIX}{base}"),
            n => format!("{ID_PREFIX}{base}-{n}"),
        })
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// The change that adds a coaching round on `terms`, made by a person at `now`. Its facts
/// cite [`ENTERED`]: they are the organiser's own decisions, not a document's.
pub fn new_round(d: &Dataset, terms: RoundTerms, now: DateTime<Utc>) -> Change {
    let fact = |value| Some(Fact::new(value, ENTERED));
    let programme = Programme {
        meta: Meta::by_user(free_id(d, &terms), now),
        kind: ProgrammeKind::Coaching,
        name: Fact::new(terms.name, ENTERED),
        short_name: terms.short_name.map(|s| Fact::new(s, ENTERED)),
        organiser: Fact::new(terms.organiser, ENTERED),
        organiser_history: None,
        financed_by: None,
        call: terms.call.map(|c| Fact::new(c, ENTERED)),
        period: Some(Fact::new(terms.period, ENTERED)),
        max_population: fact(terms.max_population),
        applicants: None,
        selected: None,
        participants_reported: None,
        grant_per_participant_kr: fact(terms.grant_kr),
        min_local_contribution_kr: fact(terms.min_contribution_kr),
        commitment_years: fact(terms.commitment_years),
        purpose: None,
        support: Vec::new(),
        obligations: Vec::new(),
        incentives: Vec::new(),
        outcome: None,
    };
    Change::Put {
        record: Record::Programme(programme),
        at: None,
    }
}

/// One line of the list of programmes.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundRow {
    pub id: String,
    pub slug: String,
    pub kind: ProgrammeKind,
    pub name: String,
    pub period: Option<Period>,
    /// Those taking part: the built-in programmes' participants, a round's selected.
    pub participants: usize,
    pub phase: Phase,
    pub max_population: Option<u32>,
    pub grant_kr: Option<u32>,
    pub commitment_years: Option<u32>,
}

/// Every programme in the data, in the data's order (the built-in ones first, then rounds
/// as they were made), with where each stands on `today`.
pub fn rounds(d: &Dataset, today: NaiveDate) -> Vec<RoundRow> {
    d.programmes
        .iter()
        .map(|p| {
            let period = p.period.as_ref().map(|f| f.value);
            RoundRow {
                id: p.meta.id.clone(),
                slug: round_slug(p).to_owned(),
                kind: p.kind,
                name: p.name.value.clone(),
                period,
                participants: d
                    .participations
                    .iter()
                    .filter(|x| x.programme_id == p.meta.id && takes_part(x))
                    .count(),
                phase: phase(period.as_ref(), today),
                max_population: p.max_population.as_ref().map(|f| f.value),
                grant_kr: p.grant_per_participant_kr.as_ref().map(|f| f.value),
                commitment_years: p.commitment_years.as_ref().map(|f| f.value),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::apply;
    use crate::domain::exchange::integrity::check;
    use crate::domain::programme::terms::RoundForm;
    use crate::domain::seed::builtin_dataset;

    fn now() -> DateTime<Utc> {
        "2026-12-06T09:00:00Z".parse().expect("time")
    }

    fn terms(name: &str, short: &str) -> RoundTerms {
        RoundForm {
            name: name.into(),
            short_name: short.into(),
            ..RoundForm::example_2027()
        }
        .check()
        .expect("valid terms")
    }

    #[test]
    fn a_new_round_is_a_coaching_programme_on_its_terms_and_undoes_to_nothing() {
        let mut d = builtin_dataset();
        let change = new_round(&d, terms("Klimatcoachning 2027", ""), now());
        let inverse = apply(&mut d, change);
        let round = round_at(&d, "klimatcoachning-2027").expect("addressed by its name");
        assert_eq!(round.kind, ProgrammeKind::Coaching);
        assert_eq!(round.max_population.as_ref().map(|f| f.value), Some(20_000));
        assert_eq!(
            round.grant_per_participant_kr.as_ref().map(|f| f.value),
            Some(75_000)
        );
        assert_eq!(round.commitment_years.as_ref().map(|f| f.value), Some(3));
        assert_eq!(round.name.source, ENTERED);
        assert_eq!(round.meta.source, Origin::User);
        assert_eq!(
            check(&d),
            vec![],
            "entered facts cite no document, and that holds"
        );
        assert_eq!(
            d.programme(ProgrammeKind::Coaching)
                .map(|p| p.meta.id.as_str()),
            Some("programme-coaching"),
            "the built-in round stays the first coaching programme"
        );
        apply(&mut d, inverse);
        assert_eq!(d, builtin_dataset());
    }

    #[test]
    fn the_short_name_makes_the_address_and_a_taken_one_gets_a_number() {
        let mut d = builtin_dataset();
        let first = new_round(&d, terms("Klimatcoachning 2027", "KC 2027"), now());
        apply(&mut d, first);
        assert!(round_at(&d, "kc-2027").is_some());
        let second = new_round(&d, terms("Klimatcoachning 2027 bis", "KC 2027"), now());
        apply(&mut d, second);
        assert_eq!(
            round_at(&d, "kc-2027-2").map(|p| p.name.value.as_str()),
            Some("Klimatcoachning 2027 bis")
        );
        let coaching = new_round(&d, terms("Coaching", ""), now());
        apply(&mut d, coaching);
        assert!(
            round_at(&d, "coaching-2").is_some(),
            "the built-in round keeps `coaching`"
        );
    }

    #[test]
    fn a_removed_rounds_id_is_not_given_again() {
        let mut d = builtin_dataset();
        let change = new_round(&d, terms("Omgång 3", ""), now());
        apply(&mut d, change);
        let round = round_at(&d, "omgang-3").expect("made").clone();
        d.programmes.retain(|p| p.meta.id != round.meta.id);
        d.removed.push(Removed {
            stamp: Stamp {
                browser: "b".into(),
                counter: 1,
                at: now(),
            },
            record: Record::Programme(round),
        });
        let change = new_round(&d, terms("Omgång 3", ""), now());
        apply(&mut d, change);
        assert!(round_at(&d, "omgang-3-2").is_some());
    }

    #[test]
    fn the_list_says_each_programmes_participants_and_where_it_stands() {
        let mut d = builtin_dataset();
        let change = new_round(&d, terms("Klimatcoachning 2027", ""), now());
        apply(&mut d, change);
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).expect("date");
        let rows = rounds(&d, today);
        let line = |slug: &str| rows.iter().find(|r| r.slug == slug).expect("listed");
        assert_eq!(line("coaching").participants, 22);
        assert_eq!(line("coaching").phase, Phase::Ended);
        assert_eq!(line("pilotlan").participants, 5);
        assert_eq!(line("klimatcoachning-2027").participants, 0);
        assert_eq!(line("klimatcoachning-2027").phase, Phase::Planned);
        assert_eq!(line("klimatcoachning-2027").grant_kr, Some(75_000));
        assert_eq!(line("coaching").commitment_years, Some(2));
        assert_eq!(line("pilotlan").max_population, None);
        assert_eq!(
            rows.last().map(|r| r.slug.as_str()),
            Some("klimatcoachning-2027")
        );
    }
}

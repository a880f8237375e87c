//! The participant list: one row per participation, and the search, filters and
//! sort a user picks, which travel in the URL query so a view can be shared.

use chrono::NaiveDate;

use super::commitment::{due_date, status, CommitmentStatus};
use super::model::*;
use super::municipalities::{county, register_slug};
use super::programme::participants::taking_part;
use super::programme::round::is_builtin;
use super::text::{edit_distance, matches, slug, swedish_cmp};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Population,
    DueDate,
}

/// What the user asked the list for. Unknown or malformed URL values are ignored,
/// so an old or hand-edited link still opens a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub q: String,
    pub lan: Option<String>,
    pub programme: Option<ProgrammeKind>,
    pub status: Option<CommitmentStatus>,
    pub sort: SortKey,
}

const SORTS: [(SortKey, &str); 3] = [
    (SortKey::Name, "namn"),
    (SortKey::Population, "folkmangd"),
    (SortKey::DueDate, "forfallodag"),
];
const PROGRAMMES: [(ProgrammeKind, &str); 2] = [
    (ProgrammeKind::Coaching, "coaching"),
    (ProgrammeKind::PilotLan, "pilotlan"),
];
const STATUSES: [(CommitmentStatus, &str); 7] = [
    (CommitmentStatus::NotStarted, "ej-paborjat"),
    (CommitmentStatus::OnTrack, "i-tid"),
    (CommitmentStatus::DueSoon, "forfaller-snart"),
    (CommitmentStatus::Overdue, "forsenat"),
    (CommitmentStatus::Proposed, "foreslaget"),
    (CommitmentStatus::Adopted, "antaget"),
    (CommitmentStatus::AdoptedLate, "antaget-sent"),
];

pub(super) fn find<T: Copy + PartialEq>(table: &[(T, &'static str)], word: &str) -> Option<T> {
    table.iter().find(|(_, w)| *w == word).map(|(t, _)| *t)
}

pub(super) fn word<T: Copy + PartialEq>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(t, _)| *t == value)
        .map_or("", |(_, w)| *w)
}

/// The URL word for a programme, a status or a sort ("coaching", "forsenat", "folkmangd").
pub fn programme_word(p: ProgrammeKind) -> &'static str {
    word(&PROGRAMMES, p)
}
pub fn status_word(s: CommitmentStatus) -> &'static str {
    word(&STATUSES, s)
}
pub fn sort_word(s: SortKey) -> &'static str {
    word(&SORTS, s)
}

impl ListQuery {
    /// Reads `q`, `lan`, `program`, `status` and `sortera` from URL query pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ListQuery {
        let mut q = ListQuery::default();
        for (k, v) in pairs {
            match k {
                "q" => q.q = v.to_owned(),
                "lan" if county(v).is_some() => q.lan = Some(v.to_owned()),
                "program" => q.programme = find(&PROGRAMMES, v),
                "status" => q.status = find(&STATUSES, v),
                "sortera" => q.sort = find(&SORTS, v).unwrap_or_default(),
                _ => {}
            }
        }
        q
    }

    /// The query as URL pairs, leaving out what is at its default.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.q.trim().is_empty() {
            out.push(("q", self.q.clone()));
        }
        if let Some(l) = &self.lan {
            out.push(("lan", l.clone()));
        }
        if let Some(p) = self.programme {
            out.push(("program", programme_word(p).to_owned()));
        }
        if let Some(s) = self.status {
            out.push(("status", status_word(s).to_owned()));
        }
        if self.sort != SortKey::Name {
            out.push(("sortera", sort_word(self.sort).to_owned()));
        }
        out
    }
}

/// One participant as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub participation_id: String,
    pub slug: String,
    pub name: String,
    pub lanskod: String,
    pub lan: String,
    pub kommunkod: Option<String>,
    pub programme: ProgrammeKind,
    /// The name of a round made in the app; none for the built-in programmes, which the
    /// reader's language names.
    pub round: Option<String>,
    /// The figure nearest the programme period (the oldest recorded), with its date.
    pub population: Option<Population>,
    pub mentor: Option<String>,
    pub status: Option<CommitmentStatus>,
    pub due: Option<NaiveDate>,
    /// Coaching only: the letter of intent, and the grant and own contribution recorded.
    pub letter_of_intent: Option<NaiveDate>,
    pub grant_kr: Option<u64>,
    pub contribution_kr: Option<u64>,
}

/// The page address of an organisation: from the register for municipalities, else its name.
pub fn organisation_slug(o: &Organisation) -> String {
    o.kommunkod
        .as_ref()
        .and_then(|k| register_slug(&k.value))
        .unwrap_or_else(|| slug(&o.name))
}

/// The organisation whose page is at `slug`.
pub fn find_by_slug<'a>(d: &'a Dataset, slug: &str) -> Option<&'a Organisation> {
    d.organisations
        .iter()
        .find(|o| organisation_slug(o) == slug)
}

/// Up to `n` organisations whose page addresses are closest to `slug`, nearest first:
/// names containing it come first, then by edit distance.
pub fn closest<'a>(d: &'a Dataset, wanted: &str, n: usize) -> Vec<&'a Organisation> {
    let wanted = slug(wanted);
    let mut scored: Vec<(usize, &Organisation)> = d
        .organisations
        .iter()
        .map(|o| {
            let s = organisation_slug(o);
            let score = if !wanted.is_empty() && s.contains(&wanted) {
                0
            } else {
                1 + edit_distance(&s, &wanted)
            };
            (score, o)
        })
        .collect();
    scored.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| swedish_cmp(&x.name, &y.name)));
    scored.into_iter().take(n).map(|(_, o)| o).collect()
}

/// Every participation of both built-in programmes, in dataset order. A round made in the
/// app lists its own at `/program/<slug>/kommuner` ([`round_rows`]), not among 2007–08's.
pub fn rows(d: &Dataset, today: NaiveDate) -> Vec<Row> {
    let builtin: Vec<&str> = [ProgrammeKind::Coaching, ProgrammeKind::PilotLan]
        .iter()
        .filter_map(|k| d.programme(*k))
        .map(|p| p.meta.id.as_str())
        .collect();
    d.participations
        .iter()
        .filter(|p| builtin.contains(&p.programme_id.as_str()))
        .filter_map(|p| row(d, p, today))
        .collect()
}

/// Those taking part in the round `round_id` (its selected applicants), in dataset order.
pub fn round_rows(d: &Dataset, round_id: &str, today: NaiveDate) -> Vec<Row> {
    taking_part(d, round_id)
        .filter_map(|p| row(d, p, today))
        .collect()
}

fn row(d: &Dataset, p: &Participation, today: NaiveDate) -> Option<Row> {
    let o = d.organisation(&p.organisation_id)?;
    let programme = d.programmes.iter().find(|g| g.meta.id == p.programme_id)?;
    let years = programme.commitment_years.as_ref().map_or(2, |f| f.value);
    let coaching = match &p.detail {
        ParticipationDetail::Coaching(c) => Some(c),
        ParticipationDetail::PilotLan(_) => None,
    };
    let total = |entries: &[LedgerEntry]| entries.iter().map(|e| u64::from(e.amount_kr)).sum();
    Some(Row {
        participation_id: p.meta.id.clone(),
        slug: organisation_slug(o),
        name: o.name.clone(),
        lanskod: o.lanskod.value.clone(),
        lan: county(&o.lanskod.value)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        kommunkod: o.kommunkod.as_ref().map(|k| k.value.clone()),
        programme: programme.kind,
        round: (!is_builtin(programme)).then(|| programme.name.value.clone()),
        population: o.population.first().cloned(),
        mentor: coaching.and_then(|c| {
            let mentor = d.organisation(c.mentor_id.as_deref()?)?;
            Some(mentor.name.clone())
        }),
        status: coaching.map(|c| status(c, years, today)),
        due: coaching.and_then(|c| due_date(c.letter_of_intent?, years)),
        letter_of_intent: coaching.and_then(|c| c.letter_of_intent),
        grant_kr: coaching.map(|c| total(&c.grant_entries)),
        contribution_kr: coaching.map(|c| total(&c.contribution_entries)),
    })
}

/// The rows the query asks for, in its order; ties fall back to Swedish name order.
/// The rows `q` asks for, in its order.
pub fn select(rows: &[Row], q: &ListQuery) -> Vec<Row> {
    let kept: Vec<Row> = rows.iter().filter(|r| keeps(r, q)).cloned().collect();
    sorted(&kept, q.sort)
}

/// Whether `q`'s search and filters keep `r` (its sort aside).
pub fn keeps(r: &Row, q: &ListQuery) -> bool {
    let text = format!(
        "{} {} {}",
        r.name,
        r.lan,
        r.kommunkod.as_deref().unwrap_or("")
    );
    matches(&text, &q.q)
        && q.lan.as_ref().is_none_or(|l| *l == r.lanskod)
        && q.programme.is_none_or(|p| p == r.programme)
        && q.status.is_none_or(|s| Some(s) == r.status)
}

/// `rows` in the order `sort` asks for; ties by name, then by id, so the order is total.
pub fn sorted(rows: &[Row], sort: SortKey) -> Vec<Row> {
    let mut out = rows.to_vec();
    let by_name = |a: &Row, b: &Row| {
        swedish_cmp(&a.name, &b.name).then_with(|| a.participation_id.cmp(&b.participation_id))
    };
    match sort {
        SortKey::Name => out.sort_by(by_name),
        // Unknown values last, whatever the direction.
        SortKey::Population => out.sort_by(|a, b| {
            let key = |r: &Row| r.population.as_ref().map_or(u32::MAX, |p| p.count);
            key(a).cmp(&key(b)).then_with(|| by_name(a, b))
        }),
        SortKey::DueDate => out.sort_by(|a, b| {
            let key = |r: &Row| r.due.unwrap_or(NaiveDate::MAX);
            key(a).cmp(&key(b)).then_with(|| by_name(a, b))
        }),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::programme::fixtures::with_round;
    use crate::domain::seed::builtin_dataset;

    fn today() -> NaiveDate {
        "2026-11-27".parse().expect("date")
    }

    fn names(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        ListQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn every_participant_of_both_programmes_is_a_row() {
        let all = rows(&builtin_dataset(), today());
        assert_eq!(all.len(), 27);
        assert_eq!(
            rows(
                &with_round(&[("2403", Decision::Selected), ("2417", Decision::Pending)]).0,
                today()
            )
            .len(),
            27,
            "a new round's applicants are listed on its own page"
        );
        let lst = all
            .iter()
            .find(|r| r.slug == "lansstyrelsen-i-skane")
            .expect("county board");
        assert_eq!(
            (lst.programme, lst.kommunkod.as_deref()),
            (ProgrammeKind::PilotLan, None)
        );
        let horby = all.iter().find(|r| r.slug == "horby").expect("Hörby");
        assert_eq!(
            horby.population.as_ref().map(|p| p.count),
            Some(14_670),
            "the figure nearest the period"
        );
        assert_eq!(horby.status, Some(CommitmentStatus::NotStarted));
    }

    #[test]
    fn a_round_lists_those_taking_part_under_its_name_with_its_years() {
        let (mut d, round) = crate::domain::programme::fixtures::with_round(&[
            ("2403", Decision::Selected),
            ("2417", Decision::Pending),
        ]);
        for p in d
            .participations
            .iter_mut()
            .filter(|p| p.programme_id == round)
        {
            if let ParticipationDetail::Coaching(c) = &mut p.detail {
                c.letter_of_intent = Some("2027-03-15".parse().expect("date"));
            }
        }
        let listed = round_rows(&d, &round, today());
        assert_eq!(names(&listed), ["Bjurholm"], "Norsjö is undecided");
        assert_eq!(listed[0].round.as_deref(), Some("Klimatcoachning 2027"));
        assert_eq!(listed[0].due, Some("2030-03-15".parse().expect("date")));
        assert!(rows(&d, today()).iter().all(|r| r.round.is_none()));
    }

    #[test]
    fn search_finds_by_name_lan_or_code_ignoring_case_and_diacritics() {
        let all = rows(&builtin_dataset(), today());
        assert_eq!(names(&select(&all, &query(&[("q", "ange")]))), ["Ånge"]);
        assert_eq!(
            names(&select(&all, &query(&[("q", "goinge")]))),
            ["Östra Göinge"]
        );
        assert_eq!(names(&select(&all, &query(&[("q", "0560")]))), ["Boxholm"]);
        assert_eq!(select(&all, &query(&[("q", "jämtland")])).len(), 1);
    }

    #[test]
    fn filters_combine_and_the_default_order_is_swedish() {
        let all = rows(&builtin_dataset(), today());
        let skane = select(&all, &query(&[("lan", "12"), ("program", "coaching")]));
        assert_eq!(
            names(&skane),
            ["Hörby", "Osby", "Perstorp", "Skurup", "Östra Göinge"]
        );
        let sorted = select(&all, &ListQuery::default());
        assert_eq!(names(&sorted).last(), Some(&"Östra Göinge"));
        let i = names(&sorted)
            .iter()
            .position(|n| *n == "Ånge")
            .expect("Ånge");
        assert_eq!(names(&sorted)[i + 1], "Älvsbyn");
        assert_eq!(select(&all, &query(&[("status", "forsenat")])).len(), 0);
        assert_eq!(select(&all, &query(&[("status", "ej-paborjat")])).len(), 15);
        assert_eq!(select(&all, &query(&[("status", "antaget")])).len(), 7);
    }

    #[test]
    fn sorting_by_population_and_due_date_puts_unknowns_last() {
        let mut d = builtin_dataset();
        if let ParticipationDetail::Coaching(c) = &mut d.participations[5].detail {
            c.letter_of_intent = Some("2007-03-01".parse().expect("date"));
        }
        let all = rows(&d, today());
        let by_due = select(&all, &query(&[("sortera", "forfallodag")]));
        assert_eq!(by_due[0].name, d.organisations[5].name);
        assert_eq!(by_due[0].due, Some("2009-03-01".parse().expect("date")));
        let by_pop = select(&all, &query(&[("sortera", "folkmangd")]));
        assert_eq!(by_pop[0].name, "Dals-Ed");
        assert_eq!(
            by_pop.last().map(|r| r.name.as_str()),
            Some("Länsstyrelsen i Skåne")
        );
    }

    #[test]
    fn pages_are_found_by_slug_and_near_misses_get_suggestions() {
        let d = builtin_dataset();
        assert_eq!(
            find_by_slug(&d, "ostra-goinge").map(|o| o.name.as_str()),
            Some("Östra Göinge")
        );
        assert_eq!(
            find_by_slug(&d, "lansstyrelsen-i-skane").map(|o| o.name.as_str()),
            Some("Länsstyrelsen i Skåne")
        );
        assert!(find_by_slug(&d, "goinge").is_none());
        let names = |s: &str| {
            closest(&d, s, 3)
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("goinge")[0], "Östra Göinge");
        assert_eq!(names("boxolm")[0], "Boxholm");
        assert_eq!(names("Hörbi")[0], "Hörby");
        assert_eq!(closest(&d, "x", 3).len(), 3);
    }

    #[test]
    fn the_query_round_trips_through_the_url_and_ignores_nonsense() {
        let q = query(&[
            ("q", "hjo"),
            ("lan", "14"),
            ("program", "coaching"),
            ("status", "i-tid"),
            ("sortera", "folkmangd"),
        ]);
        let pairs = q.to_pairs();
        let back = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
        assert_eq!(
            query(&[
                ("lan", "99"),
                ("program", "x"),
                ("sortera", "?"),
                ("x", "y")
            ]),
            ListQuery::default()
        );
        assert!(ListQuery::default().to_pairs().is_empty());
    }
}

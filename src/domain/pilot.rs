//! The pilot-län list: each participant of "Klimatcoachning – pilotlän" with its
//! kind, focus, status and coaching sessions; the search, kind filter and sort a
//! user picks (kept in the URL); and the edits a row offers (status, sessions).

use chrono::{DateTime, NaiveDate, Utc};

use super::change::{Change, Record};
use super::listing::{find, organisation_slug, word};
use super::model::*;
use super::text::{matches, swedish_cmp};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PilotSort {
    #[default]
    Name,
    Status,
    /// Most sessions first.
    Sessions,
}

const SORTS: [(PilotSort, &str); 3] = [
    (PilotSort::Name, "namn"),
    (PilotSort::Status, "status"),
    (PilotSort::Sessions, "sessioner"),
];
const KINDS: [(OrganisationKind, &str); 2] = [
    (OrganisationKind::Kommun, "kommun"),
    (OrganisationKind::Lansstyrelse, "lansstyrelse"),
];

pub fn kind_word(k: OrganisationKind) -> &'static str {
    word(&KINDS, k)
}
pub fn sort_word(s: PilotSort) -> &'static str {
    word(&SORTS, s)
}

/// What the user asked the pilot list for; unknown URL values are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PilotQuery {
    pub q: String,
    pub kind: Option<OrganisationKind>,
    pub sort: PilotSort,
}

impl PilotQuery {
    /// Reads `q`, `typ` and `sortera` from URL query pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> PilotQuery {
        let mut q = PilotQuery::default();
        for (k, v) in pairs {
            match k {
                "q" => q.q = v.to_owned(),
                "typ" => q.kind = find(&KINDS, v),
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
        if let Some(k) = self.kind {
            out.push(("typ", kind_word(k).to_owned()));
        }
        if self.sort != PilotSort::Name {
            out.push(("sortera", sort_word(self.sort).to_owned()));
        }
        out
    }
}

/// One pilot-län participant as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct PilotRow {
    pub participation: Participation,
    pub name: String,
    pub slug: String,
    pub kind: OrganisationKind,
    pub focus: Option<Fact<String>>,
    pub status: Option<PilotStatus>,
    /// Oldest first.
    pub sessions: Vec<CoachingSession>,
}

pub fn rows(d: &Dataset) -> Vec<PilotRow> {
    d.participations_in(ProgrammeKind::PilotLan)
        .filter_map(|p| {
            let ParticipationDetail::PilotLan(pl) = &p.detail else {
                return None;
            };
            let org = d.organisation(&p.organisation_id)?;
            let mut sessions = pl.sessions.clone();
            sessions.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
            Some(PilotRow {
                participation: p.clone(),
                name: org.name.clone(),
                slug: organisation_slug(org),
                kind: org.kind,
                focus: pl.focus.clone(),
                status: pl.status,
                sessions,
            })
        })
        .collect()
}

fn status_rank(s: Option<PilotStatus>) -> u8 {
    match s {
        Some(PilotStatus::Planned) => 0,
        Some(PilotStatus::Ongoing) => 1,
        Some(PilotStatus::Completed) => 2,
        None => 3,
    }
}

/// The rows the query asks for: search in name, focus and session topics.
pub fn select(rows: &[PilotRow], q: &PilotQuery) -> Vec<PilotRow> {
    let mut out: Vec<PilotRow> = rows
        .iter()
        .filter(|r| {
            let mut text = r.name.clone();
            if let Some(f) = &r.focus {
                text.push(' ');
                text.push_str(&f.value);
            }
            for s in &r.sessions {
                text.push(' ');
                text.push_str(&s.topic);
            }
            matches(&text, &q.q) && q.kind.is_none_or(|k| k == r.kind)
        })
        .cloned()
        .collect();
    let by_name = |a: &PilotRow, b: &PilotRow| swedish_cmp(&a.name, &b.name);
    match q.sort {
        PilotSort::Name => out.sort_by(by_name),
        PilotSort::Status => out.sort_by(|a, b| {
            status_rank(a.status)
                .cmp(&status_rank(b.status))
                .then_with(|| by_name(a, b))
        }),
        PilotSort::Sessions => out.sort_by(|a, b| {
            b.sessions
                .len()
                .cmp(&a.sessions.len())
                .then_with(|| by_name(a, b))
        }),
    }
    out
}

fn edit(
    p: &Participation,
    now: DateTime<Utc>,
    f: impl FnOnce(&mut PilotParticipation),
) -> Option<Change> {
    let mut p = p.clone();
    let ParticipationDetail::PilotLan(pl) = &mut p.detail else {
        return None;
    };
    f(pl);
    Some(Change::Put {
        record: Record::Participation(p).touched(now),
        at: None,
    })
}

/// The change that records `status` (None: not recorded). None if `p` is not a pilot participation.
pub fn set_status(
    p: &Participation,
    status: Option<PilotStatus>,
    now: DateTime<Utc>,
) -> Option<Change> {
    edit(p, now, |pl| pl.status = status)
}

/// The change that adds a session; its id is new within the participation.
pub fn add_session(
    p: &Participation,
    date: NaiveDate,
    topic: String,
    now: DateTime<Utc>,
) -> Option<Change> {
    edit(p, now, |pl| {
        let base = format!("session-{}", now.timestamp_millis());
        let mut id = base.clone();
        let mut n = 1;
        while pl.sessions.iter().any(|s| s.id == id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        pl.sessions.push(CoachingSession { id, date, topic });
    })
}

pub fn remove_session(p: &Participation, session_id: &str, now: DateTime<Utc>) -> Option<Change> {
    edit(p, now, |pl| pl.sessions.retain(|s| s.id != session_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::apply;
    use crate::domain::seed::{builtin_dataset, seed_updated_at};

    fn names(rows: &[PilotRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    fn row<'a>(rows: &'a [PilotRow], name: &str) -> &'a PilotRow {
        rows.iter().find(|r| r.name == name).expect("listed")
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn the_five_participants_are_listed_with_their_kind_and_focus() {
        let all = rows(&builtin_dataset());
        assert_eq!(
            names(&select(&all, &PilotQuery::default())),
            vec![
                "Eslöv",
                "Kristianstad",
                "Kävlinge",
                "Lund",
                "Länsstyrelsen i Skåne"
            ]
        );
        assert_eq!(
            row(&all, "Länsstyrelsen i Skåne").kind,
            OrganisationKind::Lansstyrelse
        );
        assert_eq!(
            row(&all, "Länsstyrelsen i Skåne").slug,
            "lansstyrelsen-i-skane"
        );
        assert!(all
            .iter()
            .all(|r| r.focus.as_ref().is_some_and(|f| f.source == "S1")));
    }

    #[test]
    fn filter_by_kind_search_and_sort_by_status_or_sessions() {
        let mut d = builtin_dataset();
        let now = seed_updated_at();
        let all = rows(&d);
        let p = |name: &str| row(&all, name).participation.clone();
        for change in [
            set_status(&p("Lund"), Some(PilotStatus::Completed), now),
            set_status(&p("Eslöv"), Some(PilotStatus::Ongoing), now),
            add_session(&p("Kävlinge"), day("2010-03-01"), "Energiplan".into(), now),
        ]
        .into_iter()
        .flatten()
        {
            apply(&mut d, change);
        }
        let all = rows(&d);
        let kommuner = PilotQuery::from_pairs([("typ", "kommun")]);
        assert_eq!(select(&all, &kommuner).len(), 4);
        let lst = PilotQuery::from_pairs([("typ", "lansstyrelse")]);
        assert_eq!(names(&select(&all, &lst)), vec!["Länsstyrelsen i Skåne"]);
        let by_status = PilotQuery::from_pairs([("sortera", "status")]);
        assert_eq!(
            names(&select(&all, &by_status)),
            vec![
                "Eslöv",
                "Lund",
                "Kristianstad",
                "Kävlinge",
                "Länsstyrelsen i Skåne"
            ]
        );
        let by_sessions = PilotQuery::from_pairs([("sortera", "sessioner")]);
        assert_eq!(names(&select(&all, &by_sessions))[0], "Kävlinge");
        let search = PilotQuery::from_pairs([("q", "energiplan")]);
        assert_eq!(
            names(&select(&all, &search)),
            vec!["Kävlinge"],
            "session topics are searched"
        );
        let search = PilotQuery::from_pairs([("q", "eslov")]);
        assert_eq!(names(&select(&all, &search)), vec!["Eslöv"]);
    }

    #[test]
    fn the_query_round_trips_through_the_url_and_ignores_nonsense() {
        let q = PilotQuery {
            q: "lund".into(),
            kind: Some(OrganisationKind::Lansstyrelse),
            sort: PilotSort::Sessions,
        };
        let pairs = q.to_pairs();
        let back = PilotQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
        assert_eq!(
            PilotQuery::from_pairs([("typ", "region"), ("sortera", "storlek")]),
            PilotQuery::default()
        );
        assert!(PilotQuery::default().to_pairs().is_empty());
    }

    #[test]
    fn sessions_are_added_in_date_order_with_unique_ids_and_removed_undoably() {
        let mut d = builtin_dataset();
        let before = d.clone();
        let now = seed_updated_at();
        let lund = row(&rows(&d), "Lund").participation.clone();
        let c = add_session(&lund, day("2010-05-01"), "Uppföljning".into(), now).expect("pilot");
        apply(&mut d, c);
        let lund = row(&rows(&d), "Lund").participation.clone();
        let c = add_session(&lund, day("2010-02-01"), "Start".into(), now).expect("pilot");
        let undo_second = apply(&mut d, c);
        let r = rows(&d);
        let sessions = &row(&r, "Lund").sessions;
        assert_eq!(
            sessions
                .iter()
                .map(|s| s.topic.as_str())
                .collect::<Vec<_>>(),
            vec!["Start", "Uppföljning"]
        );
        assert_ne!(sessions[0].id, sessions[1].id, "same instant, distinct ids");
        let c =
            remove_session(&row(&r, "Lund").participation, &sessions[0].id, now).expect("pilot");
        apply(&mut d, c);
        assert_eq!(row(&rows(&d), "Lund").sessions.len(), 1);
        let coaching = d.participations[0].clone();
        assert_eq!(
            set_status(&coaching, None, now),
            None,
            "not a pilot participation"
        );
        apply(&mut d, undo_second);
        let first = d
            .participations
            .iter()
            .find(|p| p.meta.id == "participation-pilotlan-1281")
            .expect("kept");
        assert!(
            matches!(&first.detail, ParticipationDetail::PilotLan(pl) if pl.sessions.len() == 1)
        );
        assert_ne!(d, before);
    }
}

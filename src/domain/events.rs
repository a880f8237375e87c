//! The programme's events (workshops, seminars, the lecture tour, månadens tårta):
//! listed by date, filtered by kind, and checked before they are saved: a cake of
//! the month is awarded for a month inside the programme period, at most once a month.

use chrono::{DateTime, NaiveDate, Utc};

use super::change::{Change, Record};
use super::listing::{find, word};
use super::model::*;
use super::programme::round::is_builtin;

const KINDS: [(EventKind, &str); 4] = [
    (EventKind::Workshop, "workshop"),
    (EventKind::Seminar, "seminarium"),
    (EventKind::Lecture, "forelasning"),
    (EventKind::CakeOfTheMonth, "manadens-tarta"),
];

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Workshop,
        EventKind::Seminar,
        EventKind::Lecture,
        EventKind::CakeOfTheMonth,
    ];
}

/// The URL word for a kind (`?typ=manadens-tarta`).
pub fn kind_word(k: EventKind) -> &'static str {
    word(&KINDS, k)
}

pub fn kind_from_word(w: &str) -> Option<EventKind> {
    find(&KINDS, w)
}

/// "YYYY-MM" as the first day of that month.
pub fn month_start(month: &str) -> Option<NaiveDate> {
    let (y, m) = month.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

/// The month an event belongs to: its own, or its date's.
pub fn month_of(e: &Event) -> Option<String> {
    e.month
        .clone()
        .filter(|m| month_start(m).is_some())
        .or_else(|| e.date.map(|d| d.format("%Y-%m").to_string()))
}

/// Events of the round `round_id` (None: those of 2007–08, its pilot, and any other
/// programme not made in the app) of `kind` (all when None), dated ones by date (a month
/// sorts as its first day), undated last; ties by title.
pub fn listed(d: &Dataset, round_id: Option<&str>, kind: Option<EventKind>) -> Vec<Event> {
    let made_in_app = |id: &str| {
        d.programmes
            .iter()
            .any(|p| p.meta.id == id && !is_builtin(p))
    };
    let mut out: Vec<Event> = d
        .events
        .iter()
        .filter(|e| match round_id {
            Some(id) => e.programme_id == id,
            None => !made_in_app(&e.programme_id),
        })
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .cloned()
        .collect();
    let key = |e: &Event| {
        e.date
            .or_else(|| e.month.as_deref().and_then(month_start))
            .unwrap_or(NaiveDate::MAX)
    };
    out.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.title.cmp(&b.title)));
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventError {
    TitleRequired,
    /// A cake of the month needs its month (or a date).
    MonthRequired,
    /// "YYYY-MM" only.
    NotAMonth,
    /// The award month lies outside the programme period.
    OutsidePeriod {
        start: NaiveDate,
        end: NaiveDate,
    },
    /// Another event already holds this month's award.
    AlreadyAwarded {
        month: String,
        to: String,
    },
    UnknownParticipant(String),
}

/// The change that saves `e` (new or edited), or why it may not be saved.
pub fn save_event(d: &Dataset, e: Event, now: DateTime<Utc>) -> Result<Change, EventError> {
    if e.title.trim().is_empty() {
        return Err(EventError::TitleRequired);
    }
    if let Some(m) = &e.month {
        if month_start(m).is_none() {
            return Err(EventError::NotAMonth);
        }
    }
    if let Some(p) = e.participants.iter().find(|p| d.organisation(p).is_none()) {
        return Err(EventError::UnknownParticipant(p.clone()));
    }
    if e.kind == EventKind::CakeOfTheMonth {
        let month = month_of(&e).ok_or(EventError::MonthRequired)?;
        let period = d
            .programmes
            .iter()
            .find(|p| p.meta.id == e.programme_id)
            .and_then(|p| p.period.as_ref())
            .map(|f| f.value);
        if let (Some(period), Some(first)) = (period, month_start(&month)) {
            let last_month_start = month_start(&period.end.format("%Y-%m").to_string());
            let first_month_start = month_start(&period.start.format("%Y-%m").to_string());
            if Some(first) < first_month_start || Some(first) > last_month_start {
                return Err(EventError::OutsidePeriod {
                    start: period.start,
                    end: period.end,
                });
            }
        }
        let taken = d.events.iter().find(|o| {
            o.meta.id != e.meta.id
                && o.kind == EventKind::CakeOfTheMonth
                && o.programme_id == e.programme_id
                && month_of(o).as_deref() == Some(month.as_str())
        });
        if let Some(o) = taken {
            return Err(EventError::AlreadyAwarded {
                month,
                to: o.title.clone(),
            });
        }
    }
    Ok(Change::Put {
        record: Record::Event(e).touched(now),
        at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::apply;
    use crate::domain::seed::{builtin_dataset, COACHING_ID};

    fn now() -> DateTime<Utc> {
        "2026-11-27T12:00:00Z".parse().expect("time")
    }

    fn cake(id: &str, month: &str, to: &str) -> Event {
        Event {
            meta: Meta {
                id: id.into(),
                updated_at: now(),
                source: Origin::User,
                notes: String::new(),
                versions: Default::default(),
            },
            programme_id: COACHING_ID.into(),
            kind: EventKind::CakeOfTheMonth,
            title: format!("Månadens tårta {month}"),
            date: None,
            month: Some(month.into()),
            place: String::new(),
            participants: vec![to.into()],
            motivation: "Solceller på skolan".into(),
            described_in: None,
        }
    }

    #[test]
    fn one_cake_a_month_within_the_programme_period() {
        let mut d = builtin_dataset();
        let c = save_event(&d, cake("e1", "2007-05", "org-1497"), now()).expect("first award");
        apply(&mut d, c);
        assert_eq!(
            save_event(&d, cake("e2", "2007-05", "org-0560"), now()),
            Err(EventError::AlreadyAwarded {
                month: "2007-05".into(),
                to: "Månadens tårta 2007-05".into()
            })
        );
        assert!(
            save_event(&d, cake("e1", "2007-05", "org-0560"), now()).is_ok(),
            "editing the award itself"
        );
        assert!(matches!(
            save_event(&d, cake("e3", "2008-10", "org-0560"), now()),
            Err(EventError::OutsidePeriod { .. })
        ));
        assert!(
            save_event(&d, cake("e3", "2008-09", "org-0560"), now()).is_ok(),
            "the last month counts"
        );
        assert_eq!(
            save_event(&d, cake("e4", "2007-13", "org-0560"), now()),
            Err(EventError::NotAMonth)
        );
        assert_eq!(
            save_event(&d, cake("e5", "2007-06", "org-nobody"), now()),
            Err(EventError::UnknownParticipant("org-nobody".into()))
        );
        let mut undated = cake("e6", "2007-07", "org-0560");
        undated.month = None;
        assert_eq!(
            save_event(&d, undated, now()),
            Err(EventError::MonthRequired)
        );
        let mut untitled = cake("e7", "2007-07", "org-0560");
        untitled.title = " ".into();
        assert_eq!(
            save_event(&d, untitled, now()),
            Err(EventError::TitleRequired)
        );
    }

    #[test]
    fn events_are_listed_by_date_and_filtered_by_kind() {
        let mut d = builtin_dataset();
        for e in [
            cake("e1", "2008-02", "org-1497"),
            cake("e2", "2007-05", "org-0560"),
        ] {
            let c = save_event(&d, e, now()).expect("valid");
            apply(&mut d, c);
        }
        let all = listed(&d, None, None);
        let titles: Vec<&str> = all.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Månadens tårta 2007-05",
                "Månadens tårta 2008-02",
                "Klimatföreläsningsturné med meteorologen Pär Holmgren"
            ],
            "undated last"
        );
        assert_eq!(listed(&d, None, Some(EventKind::Lecture)).len(), 1);
        let (mut with_round, round) =
            crate::domain::programme::fixtures::with_round(&[("2403", Decision::Selected)]);
        let mut kickoff = cake("e3", "2027-02", "org-2403");
        kickoff.programme_id = round.clone();
        let c = save_event(&with_round, kickoff, now()).expect("inside 2027–29");
        apply(&mut with_round, c);
        let titles = |round_id| {
            listed(&with_round, round_id, None)
                .into_iter()
                .map(|e| e.title)
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(Some(round.as_str())), ["Månadens tårta 2027-02"]);
        assert_eq!(titles(None).len(), 1, "2007–08's page lists 2007–08's");
        assert_eq!(
            kind_from_word(kind_word(EventKind::CakeOfTheMonth)),
            Some(EventKind::CakeOfTheMonth)
        );
        assert_eq!(kind_from_word("fest"), None);
    }
}

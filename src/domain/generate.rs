//! Generated datasets of realistic size, for benchmarks and scale tests: every one
//! of the 290 municipalities as a participant, each with its own events.

use chrono::{Duration, NaiveDate};

use super::model::*;
use super::municipalities::municipalities;
use super::programme::participants::register_organisation;
use super::seed::{builtin_dataset, organisation_id, seed_updated_at, COACHING_ID};

/// The built-in dataset plus every municipality of the register as a coaching
/// participant with `events_each` events of its own. Deterministic.
pub fn generated_dataset(events_each: usize) -> Dataset {
    let mut d = builtin_dataset();
    let start = NaiveDate::from_ymd_opt(2007, 1, 1).unwrap_or_default();
    for (n, m) in municipalities().iter().enumerate() {
        let org_id = organisation_id(&m.kommunkod);
        if d.organisation(&org_id).is_none() {
            d.organisations
                .push(register_organisation(m, meta(&org_id)));
            d.participations.push(Participation {
                meta: meta(&format!("participation-coaching-{}", m.kommunkod)),
                programme_id: COACHING_ID.to_owned(),
                organisation_id: org_id.clone(),
                listed_in: None,
                application: None,
                detail: ParticipationDetail::Coaching(CoachingParticipation {
                    letter_of_intent: Some(start + Duration::days((n % 300) as i64)),
                    ..Default::default()
                }),
            });
        }
        for e in 0..events_each {
            d.events.push(Event {
                meta: meta(&format!("event-{}-{e}", m.kommunkod)),
                programme_id: COACHING_ID.to_owned(),
                kind: [EventKind::Workshop, EventKind::Seminar, EventKind::Lecture][e % 3],
                title: format!("Workshop {} i {}", e + 1, m.name),
                date: Some(start + Duration::days(((n * 7 + e * 31) % 638) as i64)),
                month: None,
                place: m.name.clone(),
                participants: vec![org_id.clone()],
                motivation: String::new(),
                described_in: None,
            });
        }
    }
    d
}

fn meta(id: &str) -> Meta {
    Meta {
        id: id.to_owned(),
        updated_at: seed_updated_at(),
        source: Origin::User,
        notes: String::new(),
        versions: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::integrity::check;

    #[test]
    fn generated_dataset_covers_all_290_with_their_events_and_holds_together() {
        let d = generated_dataset(20);
        assert_eq!(
            d.organisations.len(),
            291,
            "290 municipalities and one county board"
        );
        assert_eq!(d.events.len(), 1 + 290 * 20);
        assert_eq!(check(&d), vec![]);
        assert_eq!(d, generated_dataset(20), "deterministic");
    }
}

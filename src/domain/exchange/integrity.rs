//! Whether a dataset holds together: unique ids, and every reference (to a
//! source, programme, organisation, coach or event) pointing at a record that exists.

use std::collections::BTreeSet;

use crate::domain::model::*;

/// One broken rule, with the place in the dataset where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON-path-like place, e.g. `participations[3].organisation_id`.
    pub path: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    DuplicateId(String),
    UnknownReference(String),
}

pub fn check(d: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    let sources = ids(
        &mut problems,
        "sources",
        d.sources.iter().map(|s| s.id.as_str()),
    );
    let programmes = ids(
        &mut problems,
        "programmes",
        d.programmes.iter().map(|p| p.meta.id.as_str()),
    );
    let orgs = ids(
        &mut problems,
        "organisations",
        d.organisations.iter().map(|o| o.meta.id.as_str()),
    );
    let coaches = ids(
        &mut problems,
        "coaches",
        d.coaches.iter().map(|c| c.meta.id.as_str()),
    );
    let events = ids(
        &mut problems,
        "events",
        d.events.iter().map(|e| e.meta.id.as_str()),
    );
    ids(
        &mut problems,
        "participations",
        d.participations.iter().map(|p| p.meta.id.as_str()),
    );

    let mut refer = |path: String, id: &str, known: &BTreeSet<&str>| {
        if !known.contains(id) {
            problems.push(Problem {
                path,
                kind: ProblemKind::UnknownReference(id.to_owned()),
            });
        }
    };

    for (i, p) in d.programmes.iter().enumerate() {
        for (field, source) in programme_fact_sources(p) {
            if source == ENTERED {
                continue;
            }
            refer(format!("programmes[{i}].{field}.source"), source, &sources);
        }
    }
    for (i, o) in d.organisations.iter().enumerate() {
        if let Some(k) = &o.kommunkod {
            refer(
                format!("organisations[{i}].kommunkod.source"),
                &k.source,
                &sources,
            );
        }
        refer(
            format!("organisations[{i}].lanskod.source"),
            &o.lanskod.source,
            &sources,
        );
        for (j, p) in o.population.iter().enumerate() {
            refer(
                format!("organisations[{i}].population[{j}].source"),
                &p.source,
                &sources,
            );
        }
        for (j, c) in o.contacts.iter().enumerate() {
            refer(
                format!("organisations[{i}].contacts[{j}].source"),
                &c.source,
                &sources,
            );
        }
    }
    for (i, p) in d.participations.iter().enumerate() {
        let at = format!("participations[{i}]");
        refer(format!("{at}.programme_id"), &p.programme_id, &programmes);
        refer(format!("{at}.organisation_id"), &p.organisation_id, &orgs);
        if let Some(s) = &p.listed_in {
            refer(format!("{at}.listed_in"), s, &sources);
        }
        match &p.detail {
            ParticipationDetail::Coaching(c) => {
                if let Some(id) = &c.coach_id {
                    refer(format!("{at}.detail.coach_id"), id, &coaches);
                }
                if let Some(id) = &c.mentor_id {
                    refer(format!("{at}.detail.mentor_id"), id, &orgs);
                }
                for (j, e) in c.events_attended.iter().enumerate() {
                    refer(format!("{at}.detail.events_attended[{j}]"), e, &events);
                }
                if let Some(s) = c.strategy_adopted.as_ref().and_then(|a| a.source.as_ref()) {
                    refer(format!("{at}.detail.strategy_adopted.source"), s, &sources);
                }
                for (j, n) in c.source_notes.iter().enumerate() {
                    refer(
                        format!("{at}.detail.source_notes[{j}].source"),
                        &n.source,
                        &sources,
                    );
                }
            }
            ParticipationDetail::PilotLan(pl) => {
                if let Some(f) = &pl.focus {
                    refer(format!("{at}.detail.focus.source"), &f.source, &sources);
                }
            }
        }
    }
    for (i, c) in d.coaches.iter().enumerate() {
        if let Some(s) = &c.named_in {
            refer(format!("coaches[{i}].named_in"), s, &sources);
        }
    }
    for (i, e) in d.events.iter().enumerate() {
        refer(
            format!("events[{i}].programme_id"),
            &e.programme_id,
            &programmes,
        );
        for (j, o) in e.participants.iter().enumerate() {
            refer(format!("events[{i}].participants[{j}]"), o, &orgs);
        }
        if let Some(s) = &e.described_in {
            refer(format!("events[{i}].described_in"), s, &sources);
        }
    }
    problems
}

/// The source id of every fact a programme states, with the fact's field name.
pub fn programme_fact_sources(p: &Programme) -> Vec<(&'static str, &str)> {
    let mut out: Vec<(&'static str, &str)> =
        vec![("name", &p.name.source), ("organiser", &p.organiser.source)];
    let optional_text = [
        ("short_name", &p.short_name),
        ("organiser_history", &p.organiser_history),
        ("financed_by", &p.financed_by),
        ("call", &p.call),
        ("purpose", &p.purpose),
        ("outcome", &p.outcome),
    ];
    out.extend(
        optional_text
            .iter()
            .filter_map(|(n, f)| f.as_ref().map(|f| (*n, f.source.as_str()))),
    );
    let optional_numbers = [
        ("max_population", &p.max_population),
        ("applicants", &p.applicants),
        ("selected", &p.selected),
        ("participants_reported", &p.participants_reported),
        ("grant_per_participant_kr", &p.grant_per_participant_kr),
        ("min_local_contribution_kr", &p.min_local_contribution_kr),
        ("commitment_years", &p.commitment_years),
    ];
    out.extend(
        optional_numbers
            .iter()
            .filter_map(|(n, f)| f.as_ref().map(|f| (*n, f.source.as_str()))),
    );
    if let Some(f) = &p.period {
        out.push(("period", &f.source));
    }
    for (name, list) in [
        ("support", &p.support),
        ("obligations", &p.obligations),
        ("incentives", &p.incentives),
    ] {
        out.extend(list.iter().map(|f| (name, f.source.as_str())));
    }
    out
}

fn ids<'a>(
    problems: &mut Vec<Problem>,
    list: &str,
    all: impl Iterator<Item = &'a str>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for (i, id) in all.enumerate() {
        if !seen.insert(id) {
            problems.push(Problem {
                path: format!("{list}[{i}].id"),
                kind: ProblemKind::DuplicateId(id.to_owned()),
            });
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::seed::builtin_dataset;

    #[test]
    fn the_seed_holds_together_and_every_fact_names_a_known_source() {
        assert_eq!(check(&builtin_dataset()), vec![]);
    }

    #[test]
    fn broken_references_and_duplicates_are_reported_with_their_place() {
        let mut d = builtin_dataset();
        d.participations[2].organisation_id = "org-nowhere".into();
        d.programmes[0]
            .applicants
            .as_mut()
            .expect("applicants")
            .source = "S99".into();
        let dup = d.coaches[0].clone();
        d.coaches.push(dup);
        let problems = check(&d);
        assert!(problems.contains(&Problem {
            path: "participations[2].organisation_id".into(),
            kind: ProblemKind::UnknownReference("org-nowhere".into()),
        }));
        assert!(problems.contains(&Problem {
            path: "programmes[0].applicants.source".into(),
            kind: ProblemKind::UnknownReference("S99".into()),
        }));
        assert!(problems.iter().any(|p| p.path == "coaches[1].id"));
        assert_eq!(problems.len(), 3);
    }
}

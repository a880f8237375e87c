use chrono::{DateTime, Utc};

use super::*;
use crate::domain::change::apply;
use crate::domain::csv;
use crate::domain::events::EventError;
use crate::domain::mentoring::PairingError;
use crate::domain::model::{Adoption, ParticipationDetail};
use crate::domain::seed::builtin_dataset;
use crate::domain::validate::FieldError;

fn now() -> DateTime<Utc> {
    "2026-12-01T10:00:00Z".parse().unwrap()
}

fn sheet(text: &str) -> Sheet {
    Sheet::from_rows(csv::read(text).unwrap()).unwrap()
}

/// The plan for a CSV text, its columns as the header proposes.
fn planned(d: &Dataset, kind: Kind, text: &str) -> Plan {
    let s = sheet(text);
    plan(d, &s, kind, &propose(kind, &s.header), now())
}

fn coaching<'a>(d: &'a Dataset, code: &str) -> &'a crate::domain::model::CoachingParticipation {
    let p = d
        .participations
        .iter()
        .find(|p| p.meta.id == format!("participation-coaching-{code}"))
        .unwrap();
    match &p.detail {
        ParticipationDetail::Coaching(c) => c,
        ParticipationDetail::PilotLan(_) => unreachable!(),
    }
}

fn problems(p: &Plan) -> Vec<(usize, Option<usize>, Problem)> {
    p.rows
        .iter()
        .flat_map(|r| {
            r.problems
                .iter()
                .map(move |q| (r.line, q.column, q.problem.clone()))
        })
        .collect()
}

#[test]
fn a_sheet_starts_at_its_first_row_with_anything_in_it() {
    let s = Sheet::from_rows(vec![
        vec![String::new(), String::new()],
        vec!["Kommun".into(), "Mentor".into()],
        vec!["Hjo".into(), "Lund".into()],
        vec![" ".into(), String::new()],
        vec!["Osby".into(), String::new()],
    ])
    .unwrap();
    assert_eq!(s.header, vec!["Kommun", "Mentor"]);
    assert_eq!(
        s.rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        vec![3, 5]
    );
    assert_eq!(
        Sheet::from_rows(vec![vec!["".into()]]),
        Err(SheetError::Empty)
    );
    assert_eq!(
        Sheet::from_rows(vec![vec!["Kommun".into()]]),
        Err(SheetError::HeaderOnly)
    );
}

#[test]
fn mentor_pairings_coaches_and_dates_become_one_undoable_change() {
    let mut d = builtin_dataset();
    let before = d.clone();
    let p = planned(
        &d,
        Kind::Participants,
        "Kommun;Klimatcoach;Mentor;Avsiktsförklaring;Strategi antagen\r\n\
         Hjo;Eva Ek;Lund;2007-03-15;2009-02\r\n\
         osby;Andreas Lamppa;Lund;;\r\n\
         Boxholm;Eva Ek;;;\r\n",
    );
    assert_eq!(problems(&p), vec![]);
    assert_eq!(
        p.counts(),
        Counts {
            rows: 3,
            changed: 3,
            unchanged: 0,
            with_problems: 0
        }
    );
    let hjo = &p.rows[0];
    assert_eq!(hjo.subject, "Hjo");
    assert_eq!(
        hjo.changes.iter().map(|c| c.field).collect::<Vec<_>>(),
        vec![
            Field::Coach,
            Field::Mentor,
            Field::LetterOfIntent,
            Field::StrategyAdopted
        ]
    );
    assert_eq!(hjo.changes[1].after, Value::Text("Lund".into()));

    let change = p.change(false).expect("a change");
    let undo = apply(&mut d, change);
    let hjo = coaching(&d, "1497");
    assert_eq!(hjo.mentor_id.as_deref(), Some("org-1281"));
    assert_eq!(hjo.letter_of_intent, "2007-03-15".parse().ok());
    assert_eq!(
        hjo.strategy_adopted,
        Some(Adoption {
            date: "2009-02".parse().ok(),
            source: None,
            words: None
        })
    );
    // Eva Ek is added once, and both rows point at her; Andreas Lamppa was there already.
    let eva: Vec<_> = d.coaches.iter().filter(|c| c.name == "Eva Ek").collect();
    assert_eq!(eva.len(), 1);
    assert_eq!(
        coaching(&d, "0560").coach_id.as_ref(),
        Some(&eva[0].meta.id)
    );
    assert_eq!(
        coaching(&d, "1273").coach_id.as_deref(),
        Some("coach-andreas-lamppa")
    );
    apply(&mut d, undo);
    assert_eq!(d, before, "one undo takes all of it back");
}

#[test]
fn a_row_that_changes_nothing_says_so_and_an_empty_cell_keeps_what_is_there() {
    let mut d = builtin_dataset();
    let first = planned(&d, Kind::Participants, "Kommun,Mentor\nHjo,Lund\n");
    apply(&mut d, first.change(false).unwrap());
    let again = planned(
        &d,
        Kind::Participants,
        "Kommun,Mentor,Avsiktsförklaring\nHjo,Lund,\n",
    );
    assert_eq!(
        again.counts(),
        Counts {
            rows: 1,
            changed: 0,
            unchanged: 1,
            with_problems: 0
        }
    );
    assert!(again.rows[0].unchanged());
    assert_eq!(again.change(true), None, "nothing to apply");
}

#[test]
fn every_problem_is_named_by_line_and_column() {
    let d = builtin_dataset();
    let p = planned(
        &d,
        Kind::Participants,
        "Kommun;Mentor;Avsiktsförklaring;Strategi föreslagen\r\n\
         Hjoo;;;\r\n\
         Lund;;;\r\n\
         Osby;Malmö;;\r\n\
         Boxholm;Lundd;2007-02-30;\r\n\
         Hjo;;2007-05-01;2007-04-01\r\n\
         Dals-Ed;Dals-Ed;;\r\n\
         Hjo;;;\r\n",
    );
    let got = problems(&p);
    let unknown = |s: &[&str]| Problem::UnknownMunicipality {
        suggestions: s.iter().map(|n| (*n).to_owned()).collect(),
    };
    assert_eq!(got[0], (2, Some(0), unknown(&["Hjo", "Habo", "Håbo"])));
    assert_eq!(
        got[1],
        (3, Some(0), Problem::NotAParticipant),
        "Lund is a mentor, not a participant"
    );
    assert_eq!(
        got[2],
        (4, Some(1), Problem::Mentor(PairingError::NotAMember))
    );
    assert!(
        matches!(&got[3], (5, Some(1), Problem::UnknownMunicipality { suggestions }) if suggestions[0] == "Lund")
    );
    assert_eq!(got[4], (5, Some(2), Problem::Field(FieldError::NotADate)));
    assert_eq!(
        got[5],
        (
            6,
            Some(3),
            Problem::Field(FieldError::DateBefore {
                other: "2007-05-01".parse().unwrap()
            })
        )
    );
    assert_eq!(
        got[6],
        (7, Some(1), Problem::Mentor(PairingError::NotAMember))
    );
    assert_eq!(got[7], (8, None, Problem::Repeated { line: 6 }), "{got:?}");
    assert_eq!(got.len(), 8);
    assert_eq!(p.counts().with_problems, 7);
    assert_eq!(
        p.rows[0].subject, "Hjoo",
        "a row not found is about what it says"
    );
    assert_eq!(p.change(false), None, "nothing until the user says to skip");
    assert_eq!(p.change(true), None, "and every row has a problem here");
}

#[test]
fn rows_with_problems_are_left_out_only_when_the_user_says_so() {
    let mut d = builtin_dataset();
    let p = planned(
        &d,
        Kind::Participants,
        "Kommun;Avsiktsförklaring\nHjo;2007-03-15\nOsby;15/3/2007\n",
    );
    assert_eq!(
        p.counts(),
        Counts {
            rows: 2,
            changed: 1,
            unchanged: 0,
            with_problems: 1
        }
    );
    assert_eq!(p.change(false), None);
    apply(&mut d, p.change(true).unwrap());
    assert_eq!(
        coaching(&d, "1497").letter_of_intent,
        "2007-03-15".parse().ok()
    );
    assert_eq!(
        coaching(&d, "1273").letter_of_intent,
        builtin_dataset_letter("1273")
    );
}

fn builtin_dataset_letter(code: &str) -> Option<chrono::NaiveDate> {
    coaching(&builtin_dataset(), code).letter_of_intent
}

#[test]
fn a_name_and_a_code_that_disagree_and_a_code_alone_are_told_apart() {
    let d = builtin_dataset();
    let p = planned(
        &d,
        Kind::Participants,
        "Kommun;Kommunkod;Mentor\nHjo;0560;Lund\n;1497;Lund\nHjo;99;Lund\n",
    );
    let got = problems(&p);
    assert_eq!(
        got[0],
        (2, Some(1), Problem::CodeMismatch { name: "Hjo".into() })
    );
    assert_eq!(
        got[1],
        (4, Some(1), Problem::Field(FieldError::KommunkodFormat))
    );
    assert_eq!(got.len(), 2);
    assert_eq!(p.rows[1].subject, "Hjo");
}

#[test]
fn a_mentors_load_counts_the_rows_above() {
    // With every row applied in turn, the third pairing sees Lund's first two.
    let d = builtin_dataset();
    let p = planned(
        &d,
        Kind::Participants,
        "Kommun;Mentor\nHjo;Lund\nOsby;Lund\nBoxholm;Lund\n",
    );
    assert_eq!(p.counts().changed, 3);
    let mut after = d.clone();
    apply(&mut after, p.change(false).unwrap());
    assert_eq!(
        crate::domain::mentoring::loads(&after, crate::domain::seed::COACHING_ID).get("org-1281"),
        Some(&3)
    );
}

#[test]
fn events_are_added_once_and_their_rules_hold() {
    let mut d = builtin_dataset();
    let p = planned(
        &d,
        Kind::Events,
        "Datum;Titel;Typ;Plats;Deltagare\n\
         2007-10-04;Workshop om energi;Workshop;Hjo;\"Hjo, Osby\"\n\
         2008-05;Tårta till Hjo;Månadens tårta;;Hjo\n\
         2008-05-20;Tårta igen;Cake of the month;;Osby\n\
         ;Utan datum;Seminarium;;\n\
         2008-01-10;Okänd sort;Fika;;\n\
         2008-02-10;Med fel kommun;Seminar;;Hjoo\n\
         2007-10-04;Workshop om energi;workshop;;\n\
         2007-01-01;Klimatföreläsningsturné med meteorologen Pär Holmgren;Föreläsning;;\n",
    );
    let got = problems(&p);
    assert_eq!(got[0].0, 4);
    assert!(
        matches!(got[0].2, Problem::Event(EventError::AlreadyAwarded { .. })),
        "{got:?}"
    );
    assert_eq!(got[1], (5, None, Problem::Missing));
    assert_eq!(got[2], (6, Some(2), Problem::UnknownEventKind));
    assert!(matches!(
        &got[3],
        (7, Some(4), Problem::UnknownMunicipality { .. })
    ));
    assert_eq!(got[4], (8, None, Problem::Repeated { line: 2 }));
    assert_eq!(got.len(), 5, "{got:?}");
    // Line 9 is not the tour already in the data (that one has no date): added.
    assert_eq!(
        p.counts(),
        Counts {
            rows: 8,
            changed: 3,
            unchanged: 0,
            with_problems: 5
        }
    );
    let first = &p.rows[0];
    assert!(first.new);
    assert_eq!(
        first.changes.last().unwrap().after,
        Value::Names(vec!["Hjo".into(), "Osby".into()])
    );
    let count = d.events.len();
    apply(&mut d, p.change(true).unwrap());
    assert_eq!(d.events.len(), count + 3);
    let cake = d
        .events
        .iter()
        .find(|e| e.title == "Tårta till Hjo")
        .unwrap();
    assert_eq!((cake.date, cake.month.as_deref()), (None, Some("2008-05")));

    // The same sheet again adds nothing.
    let again = planned(
        &d,
        Kind::Events,
        "Datum;Titel;Typ\n2007-10-04;Workshop om energi;Workshop\n",
    );
    assert_eq!(again.counts().unchanged, 1);
}

#[test]
fn members_are_marked_with_their_year_and_a_year_that_is_not_one_is_a_problem() {
    let mut d = builtin_dataset();
    let p = planned(
        &d,
        Kind::Members,
        "Kommun;Medlem sedan\nMalmö;2004\nUpplands Väsby;\nLund;2003\nKiruna;tjugo\n",
    );
    let got = problems(&p);
    assert_eq!(
        got,
        vec![(5, Some(1), Problem::Field(FieldError::NotANumber))]
    );
    assert_eq!(
        p.counts(),
        Counts {
            rows: 4,
            changed: 2,
            unchanged: 1,
            with_problems: 1
        }
    );
    assert!(p.rows[0].new);
    assert_eq!(p.rows[0].changes[0].after, Value::Year(2004));
    apply(&mut d, p.change(true).unwrap());
    assert_eq!(
        d.organisation("org-1280")
            .unwrap()
            .member
            .as_ref()
            .unwrap()
            .since,
        Some(2004)
    );
    assert!(
        d.organisation("org-0114").unwrap().member.is_some(),
        "added from the register"
    );
}

#[test]
fn a_sheet_without_its_needed_columns_applies_nothing() {
    let d = builtin_dataset();
    let p = planned(&d, Kind::Events, "Titel;Plats\nMöte;Hjo\n");
    assert_eq!(p.unmapped, vec![Field::Date, Field::EventKind]);
    assert_eq!(p.change(true), None);
    let p = planned(&d, Kind::Participants, "Mentor\nLund\n");
    assert_eq!(p.unmapped, vec![Field::Municipality]);
    let p = planned(&d, Kind::Events, "Plats\nHjo\n");
    assert_eq!(
        p.unmapped,
        vec![Field::Date, Field::Title, Field::EventKind]
    );
}

#[test]
fn a_workbook_and_a_csv_of_the_same_list_plan_the_same() {
    use crate::domain::table::{Cell as C, Table};
    let d = builtin_dataset();
    let table = Table {
        name: "Par".into(),
        header: vec!["Kommun".into(), "Mentor".into(), "Avsiktsförklaring".into()],
        rows: vec![vec![
            C::Text("Hjo".into()),
            C::Text("Lund".into()),
            C::Date("2007-03-15".parse().unwrap()),
        ]],
    };
    let from_book = Sheet::from_rows(
        crate::domain::workbook::read(&crate::domain::workbook::write(&table).unwrap()).unwrap(),
    )
    .unwrap();
    let from_csv = Sheet::from_rows(
        csv::read(&csv::write(&table.text_rows(), csv::Separator::Semicolon)).unwrap(),
    )
    .unwrap();
    assert_eq!(from_book, from_csv);
    let m = propose(Kind::Participants, &from_book.header);
    assert_eq!(
        plan(&d, &from_book, Kind::Participants, &m, now()),
        plan(&d, &from_csv, Kind::Participants, &m, now())
    );
}

#[test]
fn a_290_row_sheet_plans_quickly() {
    use crate::domain::municipalities::municipalities;
    let d = crate::domain::generate::generated_dataset(20);
    let mut text = String::from("Kommun;Avsiktsförklaring;Klimatcoach\n");
    for (i, m) in municipalities().iter().enumerate() {
        text.push_str(&format!(
            "{};2007-03-{:02};Coach {}\n",
            m.name,
            i % 28 + 1,
            i % 40
        ));
    }
    let start = std::time::Instant::now();
    let p = planned(&d, Kind::Participants, &text);
    assert_eq!(p.rows.len(), 290);
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

#[test]
fn a_programme_column_puts_each_row_in_the_round_it_names() {
    use crate::domain::model::Decision;
    let (mut d, round) = crate::domain::programme::fixtures::with_round(&[
        ("2403", Decision::Selected),
        ("2417", Decision::Pending),
    ]);
    let p = planned(
        &d,
        Kind::Participants,
        "Kommun;Program;Avsiktsförklaring\n\
         Bjurholm;Klimatcoachning 2027;2027-03-01\n\
         Hjo;Klimatcoachning;2007-03-15\n\
         Norsjö;klimatcoachning-2027;2027-03-01\n\
         Osby;Klimatcoachning 2031;2007-03-01\n",
    );
    assert_eq!(
        problems(&p),
        vec![
            (
                4,
                Some(0),
                Problem::NotInRound {
                    round: "Klimatcoachning 2027".into()
                }
            ),
            (5, Some(1), Problem::UnknownProgramme),
        ],
        "Norsjö awaits a decision; no round is called 2031"
    );
    apply(&mut d, p.change(true).expect("two rows apply"));
    let letter = |id: &str| {
        d.participations
            .iter()
            .find(|p| p.meta.id == id)
            .and_then(|p| match &p.detail {
                ParticipationDetail::Coaching(c) => c.letter_of_intent,
                ParticipationDetail::PilotLan(_) => None,
            })
            .map(|l| l.to_string())
    };
    assert_eq!(
        letter("participation-klimatcoachning-2027-2403").as_deref(),
        Some("2027-03-01")
    );
    assert_eq!(
        letter("participation-coaching-1497").as_deref(),
        Some("2007-03-15")
    );

    let events = planned(
        &d,
        Kind::Events,
        "Datum;Titel;Typ;Deltagare;Omgång\n2027-02-10;Uppstart;Workshop;Bjurholm;Klimatcoachning 2027\n",
    );
    assert_eq!(problems(&events), vec![]);
    apply(&mut d, events.change(false).expect("applies"));
    let kickoff = d
        .events
        .iter()
        .find(|e| e.title == "Uppstart")
        .expect("added");
    assert_eq!(kickoff.programme_id, round);
}

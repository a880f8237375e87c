//! The built-in dataset: every fact of the sources (shared/facts/PROGRAMME.md), each
//! with its source, and nothing more. What no source gives (mentors, coaches of
//! particular municipalities, letter-of-intent dates, award winners) stays empty.
//!
//! Texts quoted from the sources stay in Swedish: they are data, not interface.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::*;
use super::municipalities::{municipality, register_population_date, REGISTER_SOURCE};

/// Seed records carry the day the source page was last changed, so any edit a
/// person makes is newer and a merge never prefers the seed over it.
pub const SEED_UPDATED_AT: &str = "2013-07-19T00:00:00Z";

pub const COACHING_ID: &str = "programme-coaching";
pub const PILOT_ID: &str = "programme-pilotlan";

/// The 22 municipalities the source page lists, in its order.
const COACHING_PARTICIPANTS: [&str; 22] = [
    "0560", "1438", "0862", "1982", "1439", "1444", "1447", "0643", "1497", "1315", "2361", "1266",
    "1484", "0767", "0642", "1430", "1273", "1275", "1264", "2260", "2560", "1256",
];

/// What happened to the commitment later, as the municipalities' own pages say (S6–S11):
/// kommunkod, the date as precise as the source gives it (none: adopted, when not said),
/// the source and its words.
const OUTCOMES: [(&str, Option<&str>, &str, &str); 7] = [
    ("2361", Some("2008-11"), "S6", "Kommunfullmäktige fastställde i november 2008 en energi- och klimatstrategi"),
    ("0560", Some("2008"), "S7", "Boxholms kommun har en klimatstrategi och energiplan sedan 2008."),
    ("0767", Some("2009"), "S8", "arbetar kommunen sedan 2009 efter Klimatstrategi och energiplan"),
    ("1275", Some("2010"), "S9", "Energi- och klimatstrategi, som antogs år 2010 och löpte ut år 2015"),
    // The copy gives the month (April) but not the year: not a date.
    ("0643", None, "S10", "Miljöprogrammet samt Energi- och klimatstrategierna antogs av Kommunfullmäktige i Habo och Mullsjö kommuner i april"),
    ("0642", None, "S10", "Miljöprogrammet samt Energi- och klimatstrategierna antogs av Kommunfullmäktige i Habo och Mullsjö kommuner i april"),
    ("1444", None, "S11", "finns en klimatstrategi och en energiplan som antagits av kommunfullmäktige"),
];

/// Decisions the sources report that are not the commitment: Osby's environmental
/// programme counts as "or equivalent" only if a person decides so (S12).
const SOURCE_NOTES: [(&str, &str, &str); 1] = [(
    "1273",
    "S12",
    "I februari 2009 fattade kommunfullmäktige beslut om ett nytt miljöprogram",
)];

/// The four pilot municipalities, in the source's order; Länsstyrelsen i Skåne follows.
const PILOT_MUNICIPALITIES: [&str; 4] = ["1261", "1285", "1290", "1281"];

/// Populations nearer the programme period (source S5): kommunkod, count, date.
const PERIOD_POPULATIONS: [(&str, u32, (i32, u32, u32)); 21] = [
    ("1438", 4_974, (1999, 12, 31)),
    ("0862", 9_436, (2006, 12, 31)),
    ("1982", 12_270, (2005, 12, 31)),
    ("1439", 7_086, (1999, 12, 31)),
    ("1444", 5_970, (1999, 12, 31)),
    ("1447", 5_974, (1999, 12, 31)),
    ("0643", 9_842, (2005, 12, 31)),
    ("1497", 8_801, (1999, 12, 31)),
    ("2361", 10_889, (2005, 12, 31)),
    ("1266", 14_670, (2008, 6, 30)),
    ("1484", 14_993, (1999, 12, 31)),
    ("0642", 7_087, (2005, 12, 31)),
    ("1430", 10_568, (1999, 12, 31)),
    ("1273", 12_640, (2008, 6, 30)),
    ("1275", 6_967, (2008, 6, 30)),
    ("1264", 14_772, (2008, 6, 30)),
    ("1256", 13_775, (2008, 6, 30)),
    ("1261", 27_934, (2008, 6, 30)),
    ("1285", 30_965, (2008, 6, 30)),
    ("1290", 77_602, (2008, 6, 30)),
    ("1281", 105_880, (2008, 6, 30)),
];

const SKANE_LANSKOD: &str = "12";
pub const LANSSTYRELSEN_SKANE_ID: &str = "org-lansstyrelsen-12";

pub fn seed_updated_at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(SEED_UPDATED_AT)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn meta(id: &str) -> Meta {
    Meta {
        id: id.to_owned(),
        updated_at: seed_updated_at(),
        source: Origin::Seed,
        notes: String::new(),
        versions: Default::default(),
    }
}

fn fact(text: &str, source: &str) -> Fact<String> {
    Fact::new(text.to_owned(), source)
}

/// A participant's commitment as the later sources tell it; empty where none does.
fn coaching_outcome(code: &str) -> CoachingParticipation {
    let strategy_adopted =
        OUTCOMES
            .iter()
            .find(|(c, ..)| *c == code)
            .map(|(_, date, source, words)| Adoption {
                date: date.and_then(|d| d.parse().ok()),
                source: Some((*source).to_owned()),
                words: Some((*words).to_owned()),
            });
    let source_notes = SOURCE_NOTES
        .iter()
        .filter(|(c, ..)| *c == code)
        .map(|(_, source, words)| fact(words, source))
        .collect();
    CoachingParticipation {
        strategy_adopted,
        source_notes,
        ..Default::default()
    }
}

pub fn organisation_id(kommunkod: &str) -> String {
    format!("org-{kommunkod}")
}

/// The built-in dataset, the same on every call.
pub fn builtin_dataset() -> Dataset {
    let mut organisations: Vec<Organisation> = COACHING_PARTICIPANTS
        .iter()
        .chain(PILOT_MUNICIPALITIES.iter())
        .filter_map(|code| kommun(code))
        .collect();
    organisations.push(lansstyrelsen_skane());

    let mut participations: Vec<Participation> = COACHING_PARTICIPANTS
        .iter()
        .map(|code| Participation {
            meta: meta(&format!("participation-coaching-{code}")),
            programme_id: COACHING_ID.to_owned(),
            organisation_id: organisation_id(code),
            listed_in: Some("S1".to_owned()),
            application: None,
            detail: ParticipationDetail::Coaching(coaching_outcome(code)),
        })
        .collect();
    let pilot_ids = PILOT_MUNICIPALITIES
        .iter()
        .map(|code| {
            (
                organisation_id(code),
                format!("participation-pilotlan-{code}"),
            )
        })
        .chain([(
            LANSSTYRELSEN_SKANE_ID.to_owned(),
            "participation-pilotlan-12".to_owned(),
        )]);
    participations.extend(pilot_ids.map(|(org, id)| Participation {
        meta: meta(&id),
        programme_id: PILOT_ID.to_owned(),
        organisation_id: org,
        listed_in: Some("S1".to_owned()),
        application: None,
        detail: ParticipationDetail::PilotLan(PilotParticipation {
            focus: Some(fact(
                "Att den regionala energi- och klimatstrategin skulle bli så förankrad och användbar ute i kommunerna som möjligt.",
                "S1",
            )),
            status: None,
            sessions: Vec::new(),
        }),
    }));

    Dataset {
        format: FORMAT.to_owned(),
        schema_version: SCHEMA_VERSION,
        exported_at: None,
        context: Default::default(),
        browsers: Default::default(),
        sources: sources(),
        programmes: vec![coaching_programme(), pilot_programme()],
        organisations,
        participations,
        coaches: vec![Coach {
            meta: meta("coach-andreas-lamppa"),
            name: "Andreas Lamppa".to_owned(),
            organisation: String::new(),
            contact: String::new(),
            named_in: Some("S2".to_owned()),
        }],
        events: vec![Event {
            meta: meta("event-lecture-tour"),
            programme_id: COACHING_ID.to_owned(),
            kind: EventKind::Lecture,
            title: "Klimatföreläsningsturné med meteorologen Pär Holmgren".to_owned(),
            date: None,
            month: None,
            place: String::new(),
            participants: Vec::new(),
            motivation: String::new(),
            described_in: Some("S1".to_owned()),
        }],
        removed: Vec::new(),
    }
}

fn kommun(code: &str) -> Option<Organisation> {
    let m = municipality(code)?;
    let mut population: Vec<Population> = PERIOD_POPULATIONS
        .iter()
        .filter(|(c, _, _)| *c == code)
        .map(|(_, count, date)| Population {
            count: *count,
            date: ymd(*date),
            source: "S5".to_owned(),
        })
        .collect();
    population.push(Population {
        count: m.population_2016,
        date: register_population_date(),
        source: REGISTER_SOURCE.to_owned(),
    });
    let contacts = if code == "1273" {
        vec![Contact {
            name: "Agneta Malm".to_owned(),
            role: "planeringschef".to_owned(),
            source: "S2".to_owned(),
        }]
    } else {
        Vec::new()
    };
    Some(Organisation {
        meta: meta(&organisation_id(code)),
        kind: OrganisationKind::Kommun,
        name: m.name.clone(),
        kommunkod: Some(Fact::new(m.kommunkod.clone(), REGISTER_SOURCE)),
        lanskod: Fact::new(m.lanskod.clone(), REGISTER_SOURCE),
        population,
        // Lund was among Klimatkommunerna's founders (2003); no source says who else was a member then.
        member: (code == "1281").then_some(Membership { since: Some(2003) }),
        contacts,
    })
}

fn lansstyrelsen_skane() -> Organisation {
    Organisation {
        meta: meta(LANSSTYRELSEN_SKANE_ID),
        kind: OrganisationKind::Lansstyrelse,
        name: "Länsstyrelsen i Skåne".to_owned(),
        kommunkod: None,
        lanskod: Fact::new(SKANE_LANSKOD.to_owned(), "S1"),
        population: Vec::new(),
        member: None,
        contacts: Vec::new(),
    }
}

fn coaching_programme() -> Programme {
    Programme {
        meta: meta(COACHING_ID),
        kind: ProgrammeKind::Coaching,
        name: fact("Klimatcoachning – stöd till lokalt klimatarbete i små kommuner", "S1"),
        short_name: Some(fact("Klimatcoachning", "S1")),
        organiser: fact("Klimatkommunerna", "S1"),
        organiser_history: Some(fact(
            "Ett nätverk från 2003-01-01, en förening från 2008-11-14.",
            "S1",
        )),
        financed_by: Some(fact("Naturvårdsverket", "S2")),
        call: Some(fact("Hösten 2006", "S1")),
        period: Some(Fact::new(
            Period {
                start: ymd((2007, 1, 1)),
                end: ymd((2008, 9, 30)),
            },
            "S1",
        )),
        max_population: Some(Fact::new(15_000, "S1")),
        applicants: Some(Fact::new(34, "S1")),
        selected: Some(Fact::new(23, "S1")),
        participants_reported: Some(Fact::new(22, "S2")),
        grant_per_participant_kr: Some(Fact::new(50_000, "S1")),
        min_local_contribution_kr: Some(Fact::new(50_000, "S1")),
        commitment_years: Some(Fact::new(2, "S1")),
        purpose: Some(fact(
            "Att lägga grunden till ett långsiktigt klimatarbete i mindre kommuner som saknade en klimatstrategi eller motsvarande plan, och att starta arbetsprocesser för att ta fram en klimatstrategi, aktualisera kommunens energiplan eller förnya miljömålsprogram.",
            "S1",
        )),
        support: vec![
            fact("Skräddarsydd hjälp av en klimatcoach utifrån en individuell behovsanalys.", "S1"),
            fact("Stöd och råd av en mentorkommun som är medlem i Klimatkommunerna och kunde bidra med egen erfarenhet av lokalt klimatarbete.", "S1"),
            fact("Ett stöd på 50 000 kr att använda till utredningar eller åtgärder inom projektet.", "S1"),
            fact("Inbjudan till passande workshops och seminarier.", "S1"),
        ],
        obligations: vec![
            fact("Skriva under en avsiktsförklaring godkänd av kommunstyrelsen, med löfte om att kommunfullmäktige ska föreläggas ett förslag till klimatstrategi eller motsvarande inom två år.", "S1"),
            fact("Bidra med lokala utredningsresurser eller åtgärder för minst 50 000 kr.", "S1"),
        ],
        incentives: vec![
            fact("Månadens tårta delades ut till den kommun som kunde visa på en extra bra åtgärd eller insats inom ramen för sitt klimatarbete.", "S1"),
            fact("En klimatföreläsningsturné med meteorologen Pär Holmgren besökte kommunerna och fick en hel del medial uppmärksamhet.", "S1"),
        ],
        outcome: Some(fact(
            "Efter ett och ett halvt år hade hälften av kommunerna en klimatstrategi antagen eller ute på remiss; alla övriga arbetade med en. 22 kommuner deltog, från Älvsbyn i norr till Skurup i söder.",
            "S2",
        )),
    }
}

fn pilot_programme() -> Programme {
    Programme {
        meta: meta(PILOT_ID),
        kind: ProgrammeKind::PilotLan,
        name: fact(
            "Klimatcoachning – Stöd till regionalt och kommunalt klimatarbete i ett pilotlän",
            "S3",
        ),
        short_name: Some(fact("Klimatcoachning – pilotlän", "S1")),
        organiser: fact("Klimatkommunerna", "S1"),
        organiser_history: None,
        financed_by: None,
        call: None,
        period: None,
        max_population: None,
        applicants: None,
        selected: None,
        participants_reported: None,
        grant_per_participant_kr: None,
        min_local_contribution_kr: None,
        commitment_years: None,
        purpose: Some(fact(
            "Fyra kommuner i Skåne, samt länsstyrelsen, fick exklusiv coachning i syfte att den regionala energi- och klimatstrategin skulle bli så förankrad och användbar ute i kommunerna som möjligt.",
            "S1",
        )),
        support: vec![fact("Exklusiv coachning.", "S1")],
        obligations: Vec::new(),
        incentives: Vec::new(),
        outcome: None,
    }
}

fn sources() -> Vec<Source> {
    vec![
        Source {
            id: "S1".to_owned(),
            title: "Klimatcoachning".to_owned(),
            publisher: "Klimatkommunerna".to_owned(),
            date: Some(ymd((2013, 7, 19))),
            location: "klimatkommunerna.se/Vad-vi-gor/Genomforda-aktiviteter/Klimatcoachning/".to_owned(),
            note: "Webbsida, ändrad 2013-07-19.".to_owned(),
        },
        Source {
            id: "S2".to_owned(),
            title: "Klimatcoachen får kommunerna att jobba".to_owned(),
            publisher: "Klimatkommunerna".to_owned(),
            date: Some(ymd((2008, 9, 10))),
            location: "Mynewsdesk".to_owned(),
            note: "Pressmeddelande.".to_owned(),
        },
        Source {
            id: "S3".to_owned(),
            title: "Klimatcoachning – slutrapport från projekten Klimatcoachning – Stöd till regionalt och kommunalt klimatarbete i ett pilotlän / Klimatcoachning – stöd till lokalt klimatarbete i småkommuner".to_owned(),
            publisher: "Klimatkommunerna".to_owned(),
            date: None,
            location: "Klimatkommunerna".to_owned(),
            note: "Slutrapport.".to_owned(),
        },
        Source {
            id: "S4".to_owned(),
            title: "Sveriges kommuner och län med SCB:s koder; folkmängd 2016-12-31".to_owned(),
            publisher: "SCB (öppna data, CC0, via sjbrg/swedish-geodata och marcusasplund/kommundata)".to_owned(),
            date: Some(register_population_date()),
            location: "github.com/sjbrg/swedish-geodata; github.com/marcusasplund/kommundata".to_owned(),
            note: "Koderna kontrollerade mot en andra offentlig lista.".to_owned(),
        },
        Source {
            id: "S5".to_owned(),
            title: "Folkmängd närmare projekttiden (andrahandskopior av SCB:s siffror)".to_owned(),
            publisher: "regionfakta.com; citypopulation.de; de.wikipedia.org".to_owned(),
            date: None,
            location: "regionfakta.com (Västra Götaland 1999); citypopulation.de (2005-12-31); de.wikipedia.org \"Skåne län\" (2008-06-30, efter Statistisk årsbok)".to_owned(),
            note: String::new(),
        },
        // Later outcomes, each from the municipality's own page; the dates are the pages'.
        Source {
            id: "S6".to_owned(),
            title: "Energi- och klimatarbetet".to_owned(),
            publisher: "Härjedalens kommun".to_owned(),
            date: Some(ymd((2013, 6, 25))),
            location: "fjallmuseet.se".to_owned(),
            note: "Webbsida, uppdaterad 2013-06-25.".to_owned(),
        },
        Source {
            id: "S7".to_owned(),
            title: "Boxholm en klimatkommun".to_owned(),
            publisher: "Boxholms kommun".to_owned(),
            date: None,
            location: "boxholm.se".to_owned(),
            note: "Nyhet, odaterad (nämner 2010).".to_owned(),
        },
        Source {
            id: "S8".to_owned(),
            title: "Övergripande miljöarbete".to_owned(),
            publisher: "Markaryds kommun".to_owned(),
            date: Some(ymd((2020, 2, 24))),
            location: "markaryd.se".to_owned(),
            note: "Webbsida, uppdaterad 2020-02-24.".to_owned(),
        },
        Source {
            id: "S9".to_owned(),
            title: "Energi- och klimatprogram".to_owned(),
            publisher: "Perstorps kommun".to_owned(),
            date: None,
            location: "perstorp.se".to_owned(),
            note: "Nyhet från 2021.".to_owned(),
        },
        Source {
            id: "S10".to_owned(),
            title: "Uppföljningsrapport om miljöprogram och energi- och klimatstrategier i Habo och Mullsjö".to_owned(),
            publisher: "Habo och Mullsjö kommuner".to_owned(),
            date: None,
            location: "docplayer.se/2426976".to_owned(),
            note: "Rapport från 2012; antagandets år saknas i kopian.".to_owned(),
        },
        Source {
            id: "S11".to_owned(),
            title: "Miljövision 2020".to_owned(),
            publisher: "Grästorps kommun".to_owned(),
            date: None,
            location: "grastorp.se".to_owned(),
            note: "Odaterad; avser perioden 2008–2020.".to_owned(),
        },
        Source {
            id: "S12".to_owned(),
            title: "Miljömål".to_owned(),
            publisher: "Osby kommun".to_owned(),
            date: Some(ymd((2015, 4, 15))),
            location: "osby.se".to_owned(),
            note: "Webbsida, granskad 2015-04-15.".to_owned(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_lists_22_coaching_and_5_pilot_participants() {
        let d = builtin_dataset();
        assert_eq!(d.participations_in(ProgrammeKind::Coaching).count(), 22);
        assert_eq!(d.participations_in(ProgrammeKind::PilotLan).count(), 5);
        assert_eq!(d.organisations.len(), 27);
        assert_eq!(d.schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn seed_carries_the_source_figures() {
        let d = builtin_dataset();
        let p = d
            .programme(ProgrammeKind::Coaching)
            .expect("coaching programme");
        assert_eq!(p.applicants.as_ref().map(|f| f.value), Some(34));
        assert_eq!(p.selected.as_ref().map(|f| f.value), Some(23));
        assert_eq!(p.max_population.as_ref().map(|f| f.value), Some(15_000));
        assert_eq!(
            p.grant_per_participant_kr.as_ref().map(|f| f.value),
            Some(50_000)
        );
        assert_eq!(
            p.min_local_contribution_kr.as_ref().map(|f| f.value),
            Some(50_000)
        );
        let period = p.period.as_ref().map(|f| f.value).expect("period");
        assert_eq!(period.start.to_string(), "2007-01-01");
        assert_eq!(period.end.to_string(), "2008-09-30");
    }

    #[test]
    fn every_participant_has_code_lan_and_dated_population_from_the_register() {
        let d = builtin_dataset();
        for o in d
            .organisations
            .iter()
            .filter(|o| o.kind == OrganisationKind::Kommun)
        {
            let code = &o.kommunkod.as_ref().expect("kommunkod").value;
            let reg = municipality(code).expect("in register");
            assert_eq!(reg.name, o.name);
            assert_eq!(reg.lanskod, o.lanskod.value);
            let last = o.population.last().expect("a population");
            assert_eq!(last.count, reg.population_2016);
            assert_eq!(last.date, register_population_date());
            assert!(
                o.population.windows(2).all(|w| w[0].date < w[1].date),
                "oldest first"
            );
        }
    }

    #[test]
    fn seed_invents_no_mentor_coach_assignment_or_date() {
        let d = builtin_dataset();
        for p in &d.participations {
            if let ParticipationDetail::Coaching(c) = &p.detail {
                assert!(c.mentor_id.is_none() && c.coach_id.is_none());
                assert!(c.letter_of_intent.is_none() && c.strategy_proposed.is_none());
                assert!(c.grant_entries.is_empty() && c.contribution_entries.is_empty());
            }
        }
        assert!(d
            .events
            .iter()
            .all(|e| e.date.is_none() && e.participants.is_empty()));
        let members: Vec<_> = d
            .organisations
            .iter()
            .filter(|o| o.member.is_some())
            .collect();
        assert_eq!(members.len(), 1, "only Lund is known as a founder member");
        assert_eq!(members[0].name, "Lund");
    }

    #[test]
    fn hoerby_was_eligible_by_its_period_population_but_not_by_2016() {
        let d = builtin_dataset();
        let horby = d.organisation(&organisation_id("1266")).expect("Hörby");
        assert_eq!(horby.population.first().map(|p| p.count), Some(14_670));
        assert!(horby.population.last().is_some_and(|p| p.count > 15_000));
    }

    /// Each outcome as precise as its source: never widened to a day.
    #[test]
    fn later_outcomes_keep_their_sources_precision() {
        let d = builtin_dataset();
        let adopted = |code: &str| {
            d.participations
                .iter()
                .find(|p| p.organisation_id == organisation_id(code))
                .and_then(|p| match &p.detail {
                    ParticipationDetail::Coaching(c) => c.strategy_adopted.clone(),
                    _ => None,
                })
        };
        let harjedalen = adopted("2361").expect("Härjedalen");
        assert_eq!(
            harjedalen.date,
            Some(PartialDate::Month {
                year: 2008,
                month: 11
            })
        );
        assert_eq!(harjedalen.source.as_deref(), Some("S6"));
        assert_eq!(
            adopted("1275").and_then(|a| a.date),
            Some(PartialDate::Year(2010))
        );
        let habo = adopted("0643").expect("Habo");
        assert_eq!((habo.date, habo.source.as_deref()), (None, Some("S10")));
        assert!(adopted("1273").is_none(), "Osby's programme is a note");
        let with_outcome = d
            .participations
            .iter()
            .filter(|p| matches!(&p.detail, ParticipationDetail::Coaching(c) if c.strategy_adopted.is_some()))
            .count();
        assert_eq!(with_outcome, 7);
        let osby = d
            .participations
            .iter()
            .find(|p| p.organisation_id == organisation_id("1273"))
            .expect("Osby");
        let ParticipationDetail::Coaching(c) = &osby.detail else {
            panic!("coaching")
        };
        assert_eq!(c.source_notes.len(), 1);
        assert_eq!(c.source_notes[0].source, "S12");
        assert!(crate::domain::exchange::integrity::check(&d).is_empty());
    }

    #[test]
    fn seed_is_deterministic() {
        assert_eq!(builtin_dataset(), builtin_dataset());
    }

    #[test]
    fn seed_round_trips_through_json_in_the_current_format_version() {
        let d = builtin_dataset();
        let json = serde_json::to_string_pretty(&d).expect("serialise");
        let back: Dataset = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, d);
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(value["format"], "klimatcoachning");
        assert_eq!(value["schema_version"], SCHEMA_VERSION);
        let first = &value["organisations"][0];
        assert_eq!(first["id"], "org-0560");
        assert_eq!(first["updated_at"], "2013-07-19T00:00:00Z");
        assert_eq!(first["source"], "seed");
        assert_eq!(first["population"][0]["date"], "2016-12-31");
    }
}

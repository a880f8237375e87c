//! What a sheet holds and which column is which field: the user's choice, proposed from
//! the header row. Headers are compared without case, diacritics or punctuation, in
//! Swedish and English; the app's own downloads (`/kommuner`, `/mentorer`) read back.

use crate::domain::text::search_form;

/// What the rows of a sheet are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Klimatcoachning participants: coach, mentor, letter of intent, commitment dates.
    Participants,
    Events,
    /// Klimatkommunerna's members (who may mentor).
    Members,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Participants, Kind::Events, Kind::Members];

    /// The fields a sheet of this kind can fill, in the order the preview shows them.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Kind::Participants => &[
                Municipality,
                Kommunkod,
                Programme,
                Coach,
                Mentor,
                LetterOfIntent,
                StrategyProposed,
                StrategyAdopted,
            ],
            Kind::Events => &[
                Date,
                Title,
                EventKind,
                Place,
                EventParticipants,
                Motivation,
                Programme,
            ],
            Kind::Members => &[Municipality, Kommunkod, MemberSince],
        }
    }

    /// Fields without which a row says nothing: one of them must be mapped.
    pub fn identifying(self) -> &'static [Field] {
        match self {
            Kind::Participants | Kind::Members => &[Field::Municipality, Field::Kommunkod],
            Kind::Events => &[Field::Title],
        }
    }

    /// Fields an events sheet cannot do without (each must be mapped).
    pub fn required(self) -> &'static [Field] {
        match self {
            Kind::Events => &[Field::Date, Field::Title, Field::EventKind],
            Kind::Participants | Kind::Members => &[],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Municipality,
    Kommunkod,
    /// The round a row is about (its name, short name or address); 2007–08 when empty.
    Programme,
    Coach,
    Mentor,
    LetterOfIntent,
    StrategyProposed,
    StrategyAdopted,
    Date,
    Title,
    EventKind,
    Place,
    EventParticipants,
    Motivation,
    MemberSince,
}

/// Header words for each field, as `search_form` writes them, Swedish then English.
fn words(kind: Kind, field: Field) -> &'static [&'static str] {
    use Field::*;
    match (kind, field) {
        (Kind::Events, Title) => &[
            "titel", "rubrik", "namn", "handelse", "title", "name", "event",
        ],
        (Kind::Events, Date) => &["datum", "dag", "manad", "date", "day", "month"],
        (_, Municipality) => &[
            "kommun",
            "kommunnamn",
            "namn",
            "deltagare",
            "deltagarkommun",
            "medlem",
            "municipality",
            "name",
            "participant",
            "member",
        ],
        (_, Kommunkod) => &[
            "kommunkod",
            "kod",
            "kommunnummer",
            "municipality code",
            "code",
        ],
        (_, Programme) => &[
            "program",
            "projekt",
            "omgang",
            "programnamn",
            "programme",
            "round",
            "project",
        ],
        (_, Coach) => &["klimatcoach", "coach", "klimatcoachen", "climate coach"],
        (_, Mentor) => &["mentor", "mentorkommun", "mentor municipality"],
        (_, LetterOfIntent) => &[
            "avsiktsforklaring",
            "avsiktsforklaring datum",
            "letter of intent",
        ],
        (_, StrategyProposed) => &[
            "strategi foreslagen",
            "foreslagen",
            "forslag",
            "klimatstrategi foreslagen",
            "strategy proposed",
            "proposed",
        ],
        (_, StrategyAdopted) => &[
            "strategi antagen",
            "antagen",
            "antagen av kf",
            "klimatstrategi antagen",
            "strategy adopted",
            "adopted",
        ],
        (_, EventKind) => &["typ", "slag", "sort", "kind", "type"],
        (_, Place) => &["plats", "ort", "place", "location", "venue"],
        (_, EventParticipants) => &["deltagare", "kommuner", "participants", "municipalities"],
        (_, Motivation) => &["motivering", "beskrivning", "motivation", "description"],
        (_, MemberSince) => &[
            "medlem sedan",
            "sedan",
            "ar",
            "member since",
            "since",
            "year",
        ],
        (_, Date | Title) => &[],
    }
}

/// A header as the comparison sees it: lowercase, no diacritics, single spaces.
fn normal(header: &str) -> String {
    search_form(header)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// For each column, the field it fills (None: not read). A field fills one column.
pub type Mapping = Vec<Option<Field>>;

/// The mapping the header row suggests: exact header words first, then headers that
/// contain a field's longer words ("Datum för avsiktsförklaring"); each field once.
pub fn propose(kind: Kind, header: &[String]) -> Mapping {
    let heads: Vec<String> = header.iter().map(|h| normal(h)).collect();
    let mut out: Mapping = vec![None; header.len()];
    let free = |out: &Mapping, f: Field| !out.contains(&Some(f));
    for (i, h) in heads.iter().enumerate() {
        if let Some(&f) = kind
            .fields()
            .iter()
            .find(|&&f| words(kind, f).contains(&h.as_str()))
        {
            if free(&out, f) {
                out[i] = Some(f);
            }
        }
    }
    for (i, h) in heads.iter().enumerate() {
        if out[i].is_some() {
            continue;
        }
        let best = kind
            .fields()
            .iter()
            .filter(|&&f| free(&out, f))
            .filter_map(|&f| {
                let longest = words(kind, f)
                    .iter()
                    .filter(|w| w.len() >= 5 && h.contains(*w))
                    .map(|w| w.len())
                    .max()?;
                Some((longest, f))
            })
            .max_by_key(|(len, _)| *len);
        if let Some((_, f)) = best {
            out[i] = Some(f);
        }
    }
    out
}

/// The kind whose fields the header names most often; ties go to the order of `Kind::ALL`.
pub fn propose_kind(header: &[String]) -> Kind {
    let score = |k: Kind| {
        let m = propose(k, header);
        let identified = k.identifying().iter().any(|f| m.contains(&Some(*f)));
        (usize::from(identified), m.iter().flatten().count())
    };
    Kind::ALL
        .into_iter()
        .rev()
        .max_by_key(|&k| score(k))
        .unwrap_or(Kind::Participants)
}

/// A spreadsheet's name for column `i` (0-based): A … Z, AA, AB …
pub fn column_letter(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn swedish_and_english_headers_are_proposed_as_their_fields() {
        use Field::*;
        let sv = heads(&[
            "Kommun",
            "Klimatcoach",
            "Mentor",
            "Avsiktsförklaring",
            "Strategi föreslagen",
            "Strategi antagen",
            "Kommentar",
        ]);
        assert_eq!(
            propose(Kind::Participants, &sv),
            vec![
                Some(Municipality),
                Some(Coach),
                Some(Mentor),
                Some(LetterOfIntent),
                Some(StrategyProposed),
                Some(StrategyAdopted),
                None
            ]
        );
        let en = heads(&[
            "Municipality",
            "CLIMATE COACH",
            "mentor municipality",
            "Letter of intent",
            "Adopted",
        ]);
        assert_eq!(
            propose(Kind::Participants, &en),
            vec![
                Some(Municipality),
                Some(Coach),
                Some(Mentor),
                Some(LetterOfIntent),
                Some(StrategyAdopted)
            ]
        );
        let events = heads(&["Datum", "Titel", "Typ", "Plats", "Deltagare"]);
        assert_eq!(
            propose(Kind::Events, &events),
            vec![
                Some(Date),
                Some(Title),
                Some(EventKind),
                Some(Place),
                Some(EventParticipants)
            ]
        );
    }

    #[test]
    fn a_header_that_contains_a_fields_words_is_proposed_and_each_field_fills_one_column() {
        use Field::*;
        let h = heads(&["Namn", "Datum för avsiktsförklaring", "Kommun"]);
        // "Kommun" is the exact word, so it wins over "Namn" for the municipality.
        assert_eq!(
            propose(Kind::Participants, &h),
            vec![Some(Municipality), Some(LetterOfIntent), None]
        );
    }

    #[test]
    fn the_apps_own_downloads_map_back() {
        use Field::*;
        let list = heads(&[
            "Namn",
            "Län",
            "Kommunkod",
            "Program",
            "Folkmängd",
            "Folkmängd per datum",
            "Mentor",
            "Avsiktsförklaring",
            "Status",
            "Sista dag",
            "Stöd (kr)",
            "Egen insats (kr)",
        ]);
        let m = propose(Kind::Participants, &list);
        assert_eq!(m[0], Some(Municipality));
        assert_eq!(m[2], Some(Kommunkod));
        assert_eq!(m[3], Some(Programme), "a round's list names its round");
        assert_eq!(m[6], Some(Mentor));
        assert_eq!(m[7], Some(LetterOfIntent));
        assert_eq!(m.iter().flatten().count(), 5, "{m:?}");
        let pairs = heads(&[
            "Deltagare",
            "Kommunkod",
            "Län",
            "Mentor",
            "Mentorns kommunkod",
            "Mentorns län",
            "Närhet",
            "Konflikt",
        ]);
        let m = propose(Kind::Participants, &pairs);
        assert_eq!(
            m,
            vec![
                Some(Municipality),
                Some(Kommunkod),
                None,
                Some(Mentor),
                None,
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn the_kind_is_proposed_from_the_headers() {
        assert_eq!(
            propose_kind(&heads(&["Datum", "Titel", "Typ"])),
            Kind::Events
        );
        assert_eq!(
            propose_kind(&heads(&["Kommun", "Mentor"])),
            Kind::Participants
        );
        assert_eq!(
            propose_kind(&heads(&["Kommun", "Medlem sedan"])),
            Kind::Members
        );
        assert_eq!(propose_kind(&heads(&["a", "b"])), Kind::Participants);
    }

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}

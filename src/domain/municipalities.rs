//! The built-in register of Sweden's 290 municipalities and 21 counties (source S4),
//! from which participants are looked up and, later, added.
//!
//! The CSV files are compiled in; they are parsed once, on first use.

use std::sync::OnceLock;

use chrono::NaiveDate;

use super::text::{edit_distance, search_form, slug, swedish_cmp};

const MUNICIPALITIES_CSV: &str = include_str!("../../data/sweden-municipalities.csv");
const COUNTIES_CSV: &str = include_str!("../../data/sweden-counties.csv");

/// The date the populations in the built-in list refer to.
pub const REGISTER_POPULATION_DATE: (i32, u32, u32) = (2016, 12, 31);
/// The source id of the built-in register.
pub const REGISTER_SOURCE: &str = "S4";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Municipality {
    pub kommunkod: String,
    pub name: String,
    pub lanskod: String,
    pub population_2016: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct County {
    pub lanskod: String,
    pub name: String,
    pub short_name: String,
}

pub fn register_population_date() -> NaiveDate {
    let (y, m, d) = REGISTER_POPULATION_DATE;
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// All municipalities, in kommunkod order.
pub fn municipalities() -> &'static [Municipality] {
    static LIST: OnceLock<Vec<Municipality>> = OnceLock::new();
    LIST.get_or_init(|| {
        rows(MUNICIPALITIES_CSV)
            .filter_map(|f| match f.as_slice() {
                [code, name, lanskod, _lan, pop] => Some(Municipality {
                    kommunkod: (*code).to_owned(),
                    name: (*name).to_owned(),
                    lanskod: (*lanskod).to_owned(),
                    population_2016: pop.parse().ok()?,
                }),
                _ => None,
            })
            .collect()
    })
}

/// All counties, in länskod order.
pub fn counties() -> &'static [County] {
    static LIST: OnceLock<Vec<County>> = OnceLock::new();
    LIST.get_or_init(|| {
        rows(COUNTIES_CSV)
            .filter_map(|f| match f.as_slice() {
                [code, name, short] => Some(County {
                    lanskod: (*code).to_owned(),
                    name: (*name).to_owned(),
                    short_name: (*short).to_owned(),
                }),
                _ => None,
            })
            .collect()
    })
}

pub fn municipality(kommunkod: &str) -> Option<&'static Municipality> {
    municipalities().iter().find(|m| m.kommunkod == kommunkod)
}

/// Up to `n` municipalities whose names are nearest to `text` (a name typed wrong),
/// nearest first: names that start with it, then by edits, without case or diacritics.
pub fn nearest(text: &str, n: usize) -> Vec<&'static Municipality> {
    let wanted = search_form(text.trim());
    let mut scored: Vec<(usize, &Municipality)> = municipalities()
        .iter()
        .map(|m| {
            let name = search_form(&m.name);
            let score = if !wanted.is_empty() && name.starts_with(&wanted) {
                0
            } else {
                1 + edit_distance(&name, &wanted)
            };
            (score, m)
        })
        .collect();
    scored.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| swedish_cmp(&x.name, &y.name)));
    scored.into_iter().take(n).map(|(_, m)| m).collect()
}

pub fn county(lanskod: &str) -> Option<&'static County> {
    counties().iter().find(|c| c.lanskod == lanskod)
}

/// The stable URL slug of a municipality in the register: its name as a slug
/// ("Östra Göinge" → "ostra-goinge"), except where two names fold to the same slug
/// (Habo, Håbo): then the one spelt that way already keeps it and the others add
/// their kommunkod ("habo-0305").
pub fn register_slug(kommunkod: &str) -> Option<String> {
    let m = municipality(kommunkod)?;
    let base = slug(&m.name);
    let shared = municipalities()
        .iter()
        .any(|o| o.kommunkod != m.kommunkod && slug(&o.name) == base);
    let plain = m.name.to_lowercase().replace(' ', "-") == base;
    Some(if shared && !plain {
        format!("{base}-{}", m.kommunkod)
    } else {
        base
    })
}

/// The data rows of a header-first CSV without quoted fields (the register has none).
fn rows(csv: &str) -> impl Iterator<Item = Vec<&str>> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim_end_matches('\r').split(',').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_holds_all_290_municipalities_with_unique_codes() {
        let all = municipalities();
        assert_eq!(all.len(), 290);
        let mut codes: Vec<_> = all.iter().map(|m| m.kommunkod.as_str()).collect();
        codes.dedup();
        assert_eq!(codes.len(), 290, "codes are sorted and unique");
        assert!(all
            .iter()
            .all(|m| m.kommunkod.len() == 4 && m.kommunkod.bytes().all(|b| b.is_ascii_digit())));
    }

    #[test]
    fn every_municipality_lies_in_a_known_county_matching_its_code() {
        assert_eq!(counties().len(), 21);
        for m in municipalities() {
            assert!(county(&m.lanskod).is_some(), "{} has no county", m.name);
            assert!(m.kommunkod.starts_with(&m.lanskod), "{}", m.name);
        }
    }

    #[test]
    fn slugs_of_all_290_are_unique_and_stable() {
        let slugs: std::collections::BTreeSet<String> = municipalities()
            .iter()
            .filter_map(|m| register_slug(&m.kommunkod))
            .collect();
        assert_eq!(slugs.len(), 290);
        assert!(slugs.iter().all(|s| s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
        for (code, expected) in [
            ("2260", "ange"),
            ("1256", "ostra-goinge"),
            ("1438", "dals-ed"),
            ("0643", "habo"),
            ("0305", "habo-0305"),
            ("2560", "alvsbyn"),
            ("1497", "hjo"),
        ] {
            assert_eq!(register_slug(code).as_deref(), Some(expected), "{code}");
        }
    }

    #[test]
    fn lookup_finds_municipalities_by_code() {
        let boxholm = municipality("0560").expect("Boxholm");
        assert_eq!(boxholm.name, "Boxholm");
        assert_eq!(boxholm.population_2016, 5373);
        assert_eq!(
            county("05").map(|c| c.name.as_str()),
            Some("Östergötlands län")
        );
        assert!(municipality("9999").is_none());
    }
}

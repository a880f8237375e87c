//! Names as people type and read them: URL slugs, search that ignores case and
//! diacritics, and Swedish alphabetical order (å, ä, ö after z).

use std::cmp::Ordering;

/// The letter without its diacritics, for slugs and search ("Å" → 'a', "é" → 'e').
fn fold(c: char) -> Option<char> {
    let c = c.to_lowercase().next().unwrap_or(c);
    Some(match c {
        'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' => 'a',
        'ö' | 'ø' | 'ò' | 'ó' | 'ô' | 'õ' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ù' | 'ú' | 'û' => 'u',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ç' => 'c',
        'ñ' => 'n',
        'æ' => 'a',
        c if c.is_ascii_alphanumeric() => c,
        _ => return None,
    })
}

/// Lowercase ASCII with `-` between words: "Östra Göinge" → "ostra-goinge".
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match fold(c) {
            Some(f) => out.push(f),
            None if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Text as search compares it: lowercase, no diacritics, other characters as spaces.
pub fn search_form(text: &str) -> String {
    text.chars().map(|c| fold(c).unwrap_or(' ')).collect()
}

/// Whether `haystack` contains `needle`, ignoring case and diacritics ("ange" finds "Ånge").
pub fn matches(haystack: &str, needle: &str) -> bool {
    let needle = search_form(needle.trim());
    needle.is_empty() || search_form(haystack).contains(&needle)
}

/// Position in the Swedish alphabet: a–z, then å, ä, ö; accented letters as their base.
fn swedish_rank(c: char) -> u32 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'å' => 'z' as u32 + 1,
        'ä' | 'æ' => 'z' as u32 + 2,
        'ö' | 'ø' => 'z' as u32 + 3,
        'ü' => 'y' as u32,
        other => fold(other).map_or(other as u32, |f| f as u32),
    }
}

/// Swedish alphabetical order: "Ånge" after "Östra" is wrong, "Ånge" after "Vara" is right.
pub fn swedish_cmp(a: &str, b: &str) -> Ordering {
    let key = |s: &str| s.chars().map(swedish_rank).collect::<Vec<_>>();
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// Edits (insert, delete, replace one character) between two strings.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_with_dashes() {
        assert_eq!(slug("Ånge"), "ange");
        assert_eq!(slug("Östra Göinge"), "ostra-goinge");
        assert_eq!(slug("Dals-Ed"), "dals-ed");
        assert_eq!(slug("Länsstyrelsen i Skåne"), "lansstyrelsen-i-skane");
        assert_eq!(slug("Malung-Sälen"), "malung-salen");
        assert_eq!(slug("  Upplands Väsby "), "upplands-vasby");
    }

    #[test]
    fn search_ignores_case_and_diacritics() {
        assert!(matches("Ånge", "ange"));
        assert!(matches("Östra Göinge", "goinge"));
        assert!(matches("Östra Göinge", "ÖSTRA gö"));
        assert!(matches("Boxholm 0560 Östergötlands län", "0560"));
        assert!(!matches("Boxholm", "hjo"));
        assert!(matches("anything", "  "), "an empty search matches all");
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("hjo", "hjo"), 0);
        assert_eq!(edit_distance("boxolm", "boxholm"), 1);
        assert_eq!(edit_distance("ostra-goinge", "ostra-goinga"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z() {
        let mut names = vec![
            "Östra Göinge",
            "Ånge",
            "Älvsbyn",
            "Zeta",
            "Boxholm",
            "Arboga",
            "Emmaboda",
        ];
        names.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(
            names,
            vec![
                "Arboga",
                "Boxholm",
                "Emmaboda",
                "Zeta",
                "Ånge",
                "Älvsbyn",
                "Östra Göinge"
            ]
        );
        assert_eq!(swedish_cmp("Habo", "Håbo"), Ordering::Less);
        assert_eq!(
            swedish_cmp("boxholm", "Boxholm"),
            Ordering::Greater,
            "ties broken by case, stably"
        );
    }
}

//! Language-neutral number formatting; the separators come from the translations.

/// Digits in groups of three from the right: `50000` with a no-break space → "50 000".
pub fn group_thousands(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::group_thousands;

    #[test]
    fn groups_digits_by_three_from_the_right() {
        assert_eq!(group_thousands(0, "\u{a0}"), "0");
        assert_eq!(group_thousands(999, "\u{a0}"), "999");
        assert_eq!(group_thousands(15_000, "\u{a0}"), "15\u{a0}000");
        assert_eq!(group_thousands(1_100_000, ","), "1,100,000");
    }
}

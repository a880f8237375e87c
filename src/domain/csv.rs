//! CSV as RFC 4180 writes it, with a byte-order mark so spreadsheet programs read
//! the file as UTF-8 (å, ä, ö) rather than guessing a legacy code page.

const BOM: char = '\u{feff}';

/// One field, quoted when it holds a comma, a quote or a line break (or starts or
/// ends with a space, which some readers would trim).
///
/// Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return first) gets a leading apostrophe, so a name typed by a stranger cannot run in
/// the reader's Excel (OWASP "CSV injection"); the apostrophe is not shown there.
fn field(text: &str) -> String {
    let guarded;
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{text}");
        guarded.as_str()
    } else {
        text
    };
    let needs_quotes =
        text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The rows as a CSV file: BOM, comma-separated, CRLF line ends.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push(BOM);
    for row in rows {
        let line: Vec<String> = row.iter().map(|f| field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

// The standard reader is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_written_as_text() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://x\",\"klick\")".to_owned(),
            "+1".to_owned(),
            "-2+3".to_owned(),
            "@SUM(A1)".to_owned(),
            "Östra Göinge".to_owned(),
            "– inget".to_owned(),
        ]];
        let text = write(&rows);
        assert_eq!(
            text.trim_start_matches('\u{feff}'),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"klick\"\")\",'+1,'-2+3,'@SUM(A1),Östra Göinge,– inget\r\n"
        );
    }

    #[test]
    fn awkward_fields_are_quoted_and_a_standard_reader_gets_the_same_rows_back() {
        let rows = vec![
            vec![
                "Kommun".to_owned(),
                "Mentor".to_owned(),
                "Anteckning".to_owned(),
            ],
            vec![
                "Åsele".to_owned(),
                "Lund, Skåne".to_owned(),
                "hon sa \"ja\"".to_owned(),
            ],
            vec![
                "Hjo".to_owned(),
                String::new(),
                "rad ett\nrad två ".to_owned(),
            ],
        ];
        let text = write(&rows);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\"Lund, Skåne\",\"hon sa \"\"ja\"\"\"\r\n"));
        let body = text.trim_start_matches('\u{feff}');
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes());
        let read: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(read, rows);
    }
}

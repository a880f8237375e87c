//! CSV as RFC 4180 writes it, with a byte-order mark so spreadsheet programs read
//! the file as UTF-8 (å, ä, ö) rather than guessing a legacy code page; and CSV read back
//! from a spreadsheet, whichever separator it was saved with.
//!
//! Excel with Swedish settings separates a list with semicolons (the comma is the
//! decimal mark there): a comma-separated file opens as one column of text.

const BOM: char = '\u{feff}';

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    Comma,
    Semicolon,
}

impl Separator {
    fn char(self) -> char {
        match self {
            Separator::Comma => ',',
            Separator::Semicolon => ';',
        }
    }
}

/// One field, quoted when it holds a comma, a quote or a line break (or starts or
/// ends with a space, which some readers would trim).
///
/// Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return first) gets a leading apostrophe, so a name typed by a stranger cannot run in
/// the reader's Excel (OWASP "CSV injection"); the apostrophe is not shown there.
fn field(text: &str, separator: char) -> String {
    let guarded;
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{text}");
        guarded.as_str()
    } else {
        text
    };
    let needs_quotes =
        text.contains([separator, '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The rows as a CSV file: BOM, fields parted by `separator`, CRLF line ends.
pub fn write(rows: &[Vec<String>], separator: Separator) -> String {
    let sep = separator.char();
    let mut out = String::new();
    out.push(BOM);
    for row in rows {
        let line: Vec<String> = row.iter().map(|f| field(f, sep)).collect();
        out.push_str(&line.join(sep.encode_utf8(&mut [0; 4])));
        out.push_str("\r\n");
    }
    out
}

/// The separator a file was written with: the one of `;`, `,` and tab that occurs most
/// often outside quotes in its first line (a header has no commas of its own, mostly).
pub fn detect(text: &str) -> u8 {
    let mut quoted = false;
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    for b in text.trim_start_matches(BOM).bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(c) = counts.iter_mut().find(|(s, _)| *s == b) {
                    c.1 += 1;
                }
            }
            _ => {}
        }
    }
    // Ties go to the first, the semicolon: a one-column file is read the same either way.
    counts
        .iter()
        .fold((b';', 0), |best, &c| if c.1 > best.1 { c } else { best })
        .0
}

/// The characters Windows-1252 puts at 0x80–0x9F (where Latin-1 has controls); unused
/// codes stay as the replacement character.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{fffd}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{fffd}', 'Ž',
    '\u{fffd}', '\u{fffd}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{fffd}',
    'ž', 'Ÿ',
];

/// A CSV file's text: UTF-16 after its byte-order mark (Excel's "Unicode-text", tabbed),
/// UTF-8 when it is that, else Windows-1252, which Swedish Excel's "CSV
/// (semikolonavgränsad)" still writes (å, ä, ö as single bytes). None for what is no text
/// at all (a picture, a PDF: they hold NUL bytes, which no text file does).
pub fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| unit([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).ok()
    };
    let text = match bytes {
        [0xff, 0xfe, ..] => utf16(u16::from_le_bytes)?,
        [0xfe, 0xff, ..] => utf16(u16::from_be_bytes)?,
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect(),
        },
    };
    (!text.contains('\0')).then_some(text)
}

/// Why a CSV text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line where reading stopped.
    pub line: u64,
}

/// The rows of a CSV text (a BOM dropped, the separator detected), every row as long
/// as it was written; a quote left open is an error, not a guess.
pub fn read(text: &str) -> Result<Vec<Vec<String>>, ReadError> {
    let body = text.trim_start_matches(BOM);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(detect(body))
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError {
            line: e.position().map_or(1, |p| p.line()),
        })?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    if body.matches('"').count() % 2 == 1 {
        return Err(ReadError {
            line: body.lines().count() as u64,
        });
    }
    Ok(rows)
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
        let text = write(&rows, Separator::Comma);
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
        let text = write(&rows, Separator::Comma);
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
        assert_eq!(super::read(&text), Ok(rows));
    }

    fn awkward() -> Vec<Vec<String>> {
        [
            ["Kommun", "Mentor", "Anteckning"],
            ["Åsele", "Lund; Skåne", "hon sa \"ja\", sedan \"nej\""],
            ["Hjo", "", "rad ett\r\nrad två "],
            ["Östra Göinge", "Kristianstad", "'=1+1"],
        ]
        .map(|r| r.map(str::to_owned).to_vec())
        .to_vec()
    }

    #[test]
    fn swedish_files_part_fields_with_semicolons_and_quote_the_ones_that_hold_one() {
        let text = write(&awkward(), Separator::Semicolon);
        assert!(text.starts_with("\u{feff}Kommun;Mentor;Anteckning\r\n"));
        assert!(text.contains("Åsele;\"Lund; Skåne\";\"hon sa \"\"ja\"\", sedan \"\"nej\"\"\"\r\n"));
        assert_eq!(read(&text), Ok(awkward()));
    }

    #[test]
    fn either_separator_tabs_and_no_bom_read_back_the_same_rows() {
        for sep in [Separator::Comma, Separator::Semicolon] {
            let text = write(&awkward(), sep);
            assert_eq!(read(&text), Ok(awkward()), "{sep:?}");
            assert_eq!(
                read(text.trim_start_matches(BOM)),
                Ok(awkward()),
                "{sep:?} without BOM"
            );
        }
        let tabbed = "Kommun\tMentor\nHjo\tMark\n";
        assert_eq!(detect(tabbed), b'\t');
        assert_eq!(read(tabbed).unwrap()[1], vec!["Hjo", "Mark"]);
    }

    #[test]
    fn the_separator_is_the_one_the_header_uses_not_one_inside_quotes() {
        assert_eq!(detect("\"a,b,c\";d\n1;2"), b';');
        assert_eq!(detect("Kommun,Mentor,Datum\nHjo;x"), b',');
        assert_eq!(detect("Kommun"), b';');
    }

    #[test]
    fn a_file_swedish_excel_saved_in_windows_1252_reads_with_its_letters() {
        let bytes = b"Kommun;Mentor\r\n\xd6stra G\xf6inge;Lund \x96 \x80\r\n";
        assert_eq!(
            decode(bytes).unwrap(),
            "Kommun;Mentor\r\nÖstra Göinge;Lund – €\r\n"
        );
        assert_eq!(decode("Åsele".as_bytes()).unwrap(), "Åsele");
    }

    #[test]
    fn excels_unicode_text_reads_and_what_is_no_text_is_refused() {
        let text = "Kommun\tMentor\r\nÅsele\tUmeå\r\n";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [le, be] {
            let decoded = decode(&bytes).unwrap();
            assert_eq!(read(&decoded).unwrap()[1], vec!["Åsele", "Umeå"]);
        }
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), None);
        assert_eq!(decode(b"%PDF-1.4\n\0\x93"), None);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_with_its_line() {
        let err = read("Kommun;Mentor\r\nHjo;\"Mark\r\nBoxholm;Linköping\r\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }
}

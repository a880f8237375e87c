//! Excel workbooks (`.xlsx`): a list written as one sheet with typed cells, and the first
//! sheet of a workbook read back as text, the way a person would read it off the screen.
//!
//! Both crates are large (about half a megabyte of wasm together), so the UI reaches this
//! module only through `ui/spreadsheets.rs`, a wasm chunk fetched on first use.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, Duration, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::domain::table::{Cell, Table};

/// Excel's limit, and the characters it refuses in a sheet name.
const SHEET_NAME_MAX: usize = 31;
const SHEET_NAME_REFUSED: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

/// The table as a workbook: a bold header row that stays in view, dates as dates
/// (shown as ISO 8601, which every locale reads), kronor and counts as numbers with
/// grouping, text as text (a kommunkod keeps its leading zero, and text that looks like a
/// formula stays text: a string cell is never evaluated), columns as wide as they need.
pub fn write(table: &Table) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(sheet_name(&table.name))
        .map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let count = Format::new().set_num_format("#,##0");
    let kronor = Format::new().set_num_format("#,##0 \"kr\"");
    for (col, head) in table.header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, head, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            let written = match cell {
                Cell::Empty => continue,
                Cell::Text(t) => sheet.write_string(r, c, t),
                Cell::Count(n) => sheet.write_number_with_format(r, c, *n as f64, &count),
                Cell::Kronor(n) => sheet.write_number_with_format(r, c, *n as f64, &kronor),
                Cell::Date(d) => {
                    let day =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .map_err(|e| e.to_string())?;
                    sheet.write_datetime_with_format(r, c, &day, &date)
                }
            };
            written.map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    sheet.autofit();
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// A name Excel accepts for the sheet: refused characters dropped, at most 31 long.
fn sheet_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| !SHEET_NAME_REFUSED.contains(c))
        .take(SHEET_NAME_MAX)
        .collect();
    let kept = kept.trim_matches('\'').to_owned();
    if kept.is_empty() {
        "Sheet1".to_owned()
    } else {
        kept
    }
}

/// Why a workbook could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not an xlsx file (another format, or damaged).
    NotAWorkbook,
    /// A workbook without a sheet.
    NoSheet,
}

/// The first sheet's rows as text: dates as ISO 8601 days, whole numbers without a
/// decimal part, empty cells as empty text, an error cell as Excel shows it.
pub fn read(bytes: &[u8]) -> Result<Vec<Vec<String>>, ReadError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| ReadError::NotAWorkbook)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(ReadError::NoSheet)?
        .map_err(|_| ReadError::NotAWorkbook)?;
    // The range starts at the first used cell; the rows and columns before it count too.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    rows.extend(range.rows().map(|row| {
        std::iter::repeat_n(String::new(), left as usize)
            .chain(row.iter().map(cell_text))
            .collect()
    }));
    Ok(rows)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => serial_day(d.as_f64())
            .map(|d| d.to_string())
            .unwrap_or_else(|| number_text(d.as_f64())),
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as a person typed it: `1200`, not `1200.0`.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// The day of an Excel serial date (the 1900 system, whose day 60 is a 29 February that
/// never was; every date this register holds is long after it).
fn serial_day(serial: f64) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(Duration::days(serial.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Table {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        Table {
            name: "Kommuner".to_owned(),
            header: [
                "Kommun",
                "Kommunkod",
                "Invånare",
                "Stöd",
                "Avsiktsförklaring",
            ]
            .map(str::to_owned)
            .to_vec(),
            rows: vec![
                vec![
                    Cell::Text("Upplands Väsby".to_owned()),
                    Cell::Text("0114".to_owned()),
                    Cell::Count(40_000),
                    Cell::Kronor(50_000),
                    Cell::Date(day("2007-03-01")),
                ],
                vec![
                    Cell::Text("=HYPERLINK(\"http://x\",\"klick\")".to_owned()),
                    Cell::Text("0512".to_owned()),
                    Cell::Empty,
                    Cell::Kronor(0),
                    Cell::Date(day("2008-12-31")),
                ],
            ],
        }
    }

    #[test]
    fn a_workbook_read_back_holds_the_list_as_its_csv_would() {
        let table = list();
        let bytes = write(&table).unwrap();
        assert_eq!(read(&bytes).unwrap(), table.text_rows());
    }

    #[test]
    fn cells_are_typed_named_and_never_formulas() {
        let bytes = write(&list()).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(book.sheet_names(), vec!["Kommuner".to_owned()]);
        let range = book.worksheet_range("Kommuner").unwrap();
        assert_eq!(range.get((1, 1)), Some(&Data::String("0114".to_owned())));
        assert_eq!(range.get((1, 2)), Some(&Data::Float(40_000.0)));
        assert_eq!(range.get((1, 3)), Some(&Data::Float(50_000.0)));
        assert!(matches!(range.get((1, 4)), Some(Data::DateTime(d)) if d.is_datetime()));
        assert_eq!(
            range.get((2, 0)),
            Some(&Data::String(
                "=HYPERLINK(\"http://x\",\"klick\")".to_owned()
            ))
        );
        let formulas = book.worksheet_formula("Kommuner").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    }

    #[test]
    fn a_sheet_name_excel_would_refuse_is_made_one_it_accepts() {
        assert_eq!(sheet_name("Mentorer"), "Mentorer");
        assert_eq!(sheet_name("Kommuner [2008]: a/b?"), "Kommuner 2008 ab");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        assert_eq!(sheet_name("[]"), "Sheet1");
    }

    #[test]
    fn what_is_not_a_workbook_says_so() {
        assert_eq!(read(b"Kommun;Mentor\r\n"), Err(ReadError::NotAWorkbook));
        assert_eq!(read(&[]), Err(ReadError::NotAWorkbook));
    }

    #[test]
    fn serial_dates_are_the_days_excel_shows() {
        assert_eq!(serial_day(39142.0), "2007-03-01".parse().ok());
        assert_eq!(serial_day(39813.75), "2008-12-31".parse().ok());
        assert_eq!(number_text(1200.0), "1200");
        assert_eq!(number_text(2.5), "2.5");
    }
}

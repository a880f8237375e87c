//! A list as a table of typed cells: the one shape both downloads write, the CSV
//! (`domain/csv.rs`, every cell as text) and the workbook (`domain/workbook.rs`, dates as
//! dates, kronor and counts as numbers, codes as text so leading zeros stay).

use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    /// Text, and codes such as kommunkod that must keep their leading zeros.
    Text(String),
    /// A whole number of things (inhabitants).
    Count(u64),
    Kronor(u64),
    Date(NaiveDate),
}

impl Cell {
    /// Text, or nothing when there is none.
    pub fn text(value: Option<impl Into<String>>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.into()))
    }

    pub fn date(value: Option<NaiveDate>) -> Cell {
        value.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as a CSV writes it: dates as ISO 8601, numbers without grouping, so that
    /// a spreadsheet in either language reads them as dates and numbers.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Count(n) | Cell::Kronor(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The list's name: the workbook's sheet.
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The header and every row as text, for the CSV.
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        let mut out = vec![self.header.clone()];
        out.extend(
            self.rows
                .iter()
                .map(|r| r.iter().map(Cell::as_text).collect()),
        );
        out
    }
}

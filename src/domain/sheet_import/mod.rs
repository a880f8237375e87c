//! Lists brought in from a spreadsheet (a workbook's first sheet or a CSV file, both read
//! as rows of text): participants' coach, mentor and commitment dates, events, or
//! Klimatkommunerna's members.
//!
//! Nothing changes until the user applies the plan. [`plan`] reads every row against the
//! dataset as the rows before it would leave it (a coach named twice is added once, a
//! mentor's load counts the rows above), and says per row what would change and every
//! problem, by line and column. [`Plan::change`] is the one undoable change; rows with
//! problems are left out only when the user says so. A cell left empty changes nothing.

mod events;
pub mod mapping;
mod members;
mod participants;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::change::{apply, Change};
use crate::domain::events::EventError;
use crate::domain::mentoring::PairingError;
use crate::domain::model::{Dataset, EventKind, Programme};
use crate::domain::municipalities::nearest;
use crate::domain::partial_date::PartialDate;
use crate::domain::programme::round::{is_builtin, programme_named};
use crate::domain::seed::COACHING_ID;
use crate::domain::validate::{municipality_named, FieldError};

pub use mapping::{column_letter, propose, propose_kind, Field, Kind, Mapping};

/// A sheet as read: its header and the rows under it, each with its line in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub header: Vec<String>,
    /// 1-based line (spreadsheet row number) and cells.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Why a file holds no list to import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    /// Nothing but empty cells.
    Empty,
    /// A header and no row under it.
    HeaderOnly,
}

fn blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

impl Sheet {
    /// The first row with anything in it is the header; empty rows after it are skipped.
    pub fn from_rows(rows: Vec<Vec<String>>) -> Result<Sheet, SheetError> {
        let mut numbered = rows.into_iter().enumerate().filter(|(_, r)| !blank(r));
        let (_, header) = numbered.next().ok_or(SheetError::Empty)?;
        let rows: Vec<(usize, Vec<String>)> = numbered.map(|(i, r)| (i + 1, r)).collect();
        if rows.is_empty() {
            return Err(SheetError::HeaderOnly);
        }
        Ok(Sheet { header, rows })
    }

    /// Up to `n` values of column `col`, for the mapping's preview.
    pub fn samples(&self, col: usize, n: usize) -> Vec<&str> {
        self.rows
            .iter()
            .filter_map(|(_, r)| r.get(col).map(|c| c.trim()))
            .filter(|c| !c.is_empty())
            .take(n)
            .collect()
    }
}

/// A value as the preview shows it; the UI words dates and kinds in the reader's language.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Date(NaiveDate),
    Partial(PartialDate),
    /// "YYYY-MM": a cake of the month awarded for a month.
    Month(String),
    Kind(EventKind),
    Year(i32),
    /// Municipalities, by name.
    Names(Vec<String>),
    /// Known, but not when (a member since an unknown year).
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: Field,
    /// None: nothing there before.
    pub before: Option<Value>,
    pub after: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A cell the row needs is empty.
    Missing,
    /// Not one of the 290 municipalities; the nearest names.
    UnknownMunicipality {
        suggestions: Vec<String>,
    },
    /// A municipality that takes no part in Klimatcoachning.
    NotAParticipant,
    /// A municipality that takes no part in the round the row names (by the round's name).
    NotInRound {
        round: String,
    },
    /// The programme cell names no programme in the data.
    UnknownProgramme,
    /// The name and the kommunkod on the row are two municipalities.
    CodeMismatch {
        name: String,
    },
    Field(FieldError),
    Mentor(PairingError),
    UnknownEventKind,
    Event(EventError),
    /// The same municipality or event is on an earlier line too.
    Repeated {
        line: usize,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct CellProblem {
    /// The column (0-based), where the problem is one cell's.
    pub column: Option<usize>,
    pub field: Field,
    /// The cell's text.
    pub given: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RowPlan {
    pub line: usize,
    /// The municipality or event the row is about, as the dataset names it (else as given).
    pub subject: String,
    /// A record added: an event, or a municipality becoming a member.
    pub new: bool,
    pub changes: Vec<FieldChange>,
    pub problems: Vec<CellProblem>,
    change: Option<Change>,
}

impl RowPlan {
    fn new(line: usize) -> RowPlan {
        RowPlan {
            line,
            subject: String::new(),
            new: false,
            changes: Vec::new(),
            problems: Vec::new(),
            change: None,
        }
    }

    fn problem(&mut self, cell: Option<&Cell>, field: Field, problem: Problem) {
        self.problems.push(CellProblem {
            column: cell.map(|c| c.column),
            field,
            given: cell.map(|c| c.text.to_owned()).unwrap_or_default(),
            problem,
        });
    }

    pub fn unchanged(&self) -> bool {
        self.problems.is_empty() && self.change.is_none()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub rows: usize,
    /// Rows that would change something (events added, members marked included).
    pub changed: usize,
    pub unchanged: usize,
    pub with_problems: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub kind: Kind,
    /// Fields this kind needs that no column is mapped to; nothing can be applied then.
    pub unmapped: Vec<Field>,
    pub rows: Vec<RowPlan>,
}

impl Plan {
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            rows: self.rows.len(),
            ..Counts::default()
        };
        for r in &self.rows {
            if !r.problems.is_empty() {
                c.with_problems += 1;
            } else if r.change.is_some() {
                c.changed += 1;
            } else {
                c.unchanged += 1;
            }
        }
        c
    }

    /// The whole import as one change: None when there is nothing to do, when a needed
    /// field is not mapped, or when rows have problems and the user has not said to skip them.
    pub fn change(&self, skip_rows_with_problems: bool) -> Option<Change> {
        if !self.unmapped.is_empty() {
            return None;
        }
        let problems = self.rows.iter().any(|r| !r.problems.is_empty());
        if problems && !skip_rows_with_problems {
            return None;
        }
        let changes: Vec<Change> = self
            .rows
            .iter()
            .filter(|r| r.problems.is_empty())
            .filter_map(|r| r.change.clone())
            .collect();
        (!changes.is_empty()).then_some(Change::Many { changes })
    }
}

/// One mapped, non-empty cell of a row.
#[derive(Clone, Copy, Debug)]
struct Cell<'a> {
    column: usize,
    text: &'a str,
}

/// A row's cells by field.
struct Cells<'a> {
    row: &'a [String],
    mapping: &'a Mapping,
}

impl<'a> Cells<'a> {
    fn get(&self, field: Field) -> Option<Cell<'a>> {
        let column = self.mapping.iter().position(|m| *m == Some(field))?;
        let text = self.row.get(column)?.trim();
        (!text.is_empty()).then_some(Cell { column, text })
    }
}

/// A name that is none of the 290, with the nearest ones.
fn unknown_municipality(text: &str) -> Problem {
    Problem::UnknownMunicipality {
        suggestions: nearest(text, 3)
            .into_iter()
            .map(|m| m.name.clone())
            .collect(),
    }
}

/// The coaching programme a row is about: the round its programme cell names, else 2007–08
/// (as when the cell names 2007–08 or its pilot, whose lists the app also downloads). A
/// cell that names no programme is the row's problem (None).
fn programme_of<'a>(d: &'a Dataset, cells: &Cells, plan: &mut RowPlan) -> Option<&'a Programme> {
    let coaching = || d.programmes.iter().find(|p| p.meta.id == COACHING_ID);
    let Some(cell) = cells.get(Field::Programme) else {
        return coaching();
    };
    match programme_named(d, cell.text) {
        Some(p) if !is_builtin(p) => Some(p),
        Some(_) => coaching(),
        None => {
            plan.problem(Some(&cell), Field::Programme, Problem::UnknownProgramme);
            None
        }
    }
}

/// The kommunkod a row names by name and/or code, or the problem with it.
fn municipality_of(cells: &Cells, plan: &mut RowPlan) -> Option<String> {
    let name = cells.get(Field::Municipality);
    let code = cells.get(Field::Kommunkod);
    let resolve = |cell: Cell, field: Field, plan: &mut RowPlan| match municipality_named(cell.text)
    {
        Ok(code) => Some(code),
        Err(FieldError::MunicipalityUnknown) => {
            plan.problem(Some(&cell), field, unknown_municipality(cell.text));
            None
        }
        Err(e) => {
            plan.problem(Some(&cell), field, Problem::Field(e));
            None
        }
    };
    match (name, code) {
        (None, None) => {
            plan.problem(None, Field::Municipality, Problem::Missing);
            None
        }
        (Some(n), None) => resolve(n, Field::Municipality, plan),
        (None, Some(c)) => resolve(c, Field::Kommunkod, plan),
        (Some(n), Some(c)) => {
            let by_code = resolve(c, Field::Kommunkod, plan)?;
            let by_name = resolve(n, Field::Municipality, plan)?;
            if by_code != by_name {
                let name = crate::domain::municipalities::municipality(&by_name)
                    .map(|m| m.name.clone())
                    .unwrap_or_default();
                plan.problem(Some(&c), Field::Kommunkod, Problem::CodeMismatch { name });
                return None;
            }
            Some(by_code)
        }
    }
}

/// What importing `sheet` as `kind`, its columns read as `mapping`, would do to `d`.
pub fn plan(d: &Dataset, sheet: &Sheet, kind: Kind, mapping: &Mapping, now: DateTime<Utc>) -> Plan {
    let mut unmapped: Vec<Field> = kind
        .required()
        .iter()
        .filter(|f| !mapping.contains(&Some(**f)))
        .copied()
        .collect();
    let identified = kind
        .identifying()
        .iter()
        .any(|f| mapping.contains(&Some(*f)));
    // A field both needed and identifying (an event's title) is asked for once.
    if !identified && !unmapped.contains(&kind.identifying()[0]) {
        unmapped.push(kind.identifying()[0]);
    }
    let mut work = d.clone();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let rows = sheet
        .rows
        .iter()
        .map(|(line, row)| {
            let cells = Cells { row, mapping };
            let mut plan = RowPlan::new(*line);
            let key = match kind {
                Kind::Participants => participants::row(&work, &cells, &mut plan, now),
                Kind::Events => events::row(&work, &cells, &mut plan, now),
                Kind::Members => members::row(&work, &cells, &mut plan, now),
            };
            if plan.subject.is_empty() {
                // Not found in the register: the row is about what it says.
                plan.subject = kind
                    .identifying()
                    .iter()
                    .find_map(|f| cells.get(*f))
                    .map(|c| c.text.to_owned())
                    .unwrap_or_default();
            }
            if let Some(key) = key {
                if let Some((_, earlier)) = seen.iter().find(|(k, _)| *k == key) {
                    let field = kind.identifying()[0];
                    plan.problem(None, field, Problem::Repeated { line: *earlier });
                } else {
                    seen.push((key, *line));
                }
            }
            if !plan.problems.is_empty() {
                plan.change = None;
                plan.changes.clear();
            } else if let Some(change) = &plan.change {
                apply(&mut work, change.clone());
            }
            plan
        })
        .collect();
    Plan {
        kind,
        unmapped,
        rows,
    }
}

#[cfg(test)]
mod tests;

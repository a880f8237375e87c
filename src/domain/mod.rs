//! The domain core: the dataset's types, the built-in data, and everything
//! derived from them. Plain Rust with no web types, tested natively.

pub mod backup;
pub mod change;
pub mod chart;
pub mod commitment;
pub mod csv;
pub mod events;
pub mod exchange;
pub mod generate;
pub mod history;
pub mod listing;
pub mod mentoring;
pub mod merge;
pub mod model;
pub mod municipalities;
pub mod overview;
pub mod partial_date;
pub mod pilot;
pub mod programme;
pub mod report;
pub mod rows;
pub mod seed;
pub mod settings;
pub mod sheet_import;
pub mod sync;
pub mod table;
pub mod text;
pub mod timeline;
pub mod validate;
pub mod workbook;

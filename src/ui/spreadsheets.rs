//! The workbook code (`domain/workbook.rs`: rust_xlsxwriter and calamine), reached only
//! through here so that a release build keeps it in wasm chunks of their own
//! (`scripts/split-wasm.mjs`), fetched the first time someone downloads or imports a
//! workbook. Without the `split` feature (component tests) it is part of the one wasm.

use crate::domain::table::Table;
use crate::domain::workbook::{self, ReadError};

#[cfg_attr(feature = "split", leptos::lazy)]
fn xlsx_writer(table: Table) -> Result<Vec<u8>, String> {
    workbook::write(&table)
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn xlsx_reader(bytes: Vec<u8>) -> Result<Vec<Vec<String>>, ReadError> {
    workbook::read(&bytes)
}

/// The table as an `.xlsx` file.
pub async fn write_xlsx(table: Table) -> Result<Vec<u8>, String> {
    #[cfg(feature = "split")]
    return xlsx_writer(table).await;
    #[cfg(not(feature = "split"))]
    xlsx_writer(table)
}

/// The first sheet of an `.xlsx` file, as text.
pub async fn read_xlsx(bytes: Vec<u8>) -> Result<Vec<Vec<String>>, ReadError> {
    #[cfg(feature = "split")]
    return xlsx_reader(bytes).await;
    #[cfg(not(feature = "split"))]
    xlsx_reader(bytes)
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

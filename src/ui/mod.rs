//! The interface: the app shell and router ([`app`]), one module per route in
//! [`pages`], and small reusable pieces in [`components`].

pub mod app;
pub mod carry_over;
pub mod components;
pub mod download;
pub mod export_file;
pub mod format;
pub mod next_task;
pub mod offline;
pub mod pages;
pub mod paths;
pub mod routes;
pub mod spreadsheets;
pub mod takeover;
pub mod today;
pub mod url_query;

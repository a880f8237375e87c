//! One module per route.

pub mod about;
pub mod data;
pub mod not_found;
pub mod overview;

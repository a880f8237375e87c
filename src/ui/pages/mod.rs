//! One module per route.

pub mod about;
pub mod data;
pub mod events;
pub mod mentors;
pub mod municipalities;
pub mod municipality;
pub mod not_found;
pub mod overview;
pub mod pilot;
pub mod programmes;
pub mod report;
pub mod round;

//! The domain core: the dataset's types, the built-in data, and everything
//! derived from them. Plain Rust with no web types, tested natively.

pub mod commitment;
pub mod integrity;
pub mod model;
pub mod municipalities;
pub mod overview;
pub mod seed;
pub mod timeline;

//! Klimatcoachning: a local-first register of Klimatkommunerna's programme
//! "Klimatcoachning" (2007–2008) and its pilot-län follow-up.
//!
//! Four layers: [`domain`] (plain Rust, tested natively), `store` (the only code
//! that touches browser storage), `sync` (beside it, the only code that talks to a
//! server) and `ui` (routes and components). The web layers
//! exist only in the wasm32 build; see ARCHITECTURE.md.

// A panic in wasm kills the app with the user's unsaved work: stored and imported data
// must be handled, never unwrapped. Tests may unwrap.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod domain;
pub mod format;

#[cfg(target_arch = "wasm32")]
pub mod clock;
#[cfg(target_arch = "wasm32")]
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;

//! 落实's core: domain rules, storage and printing. Knows nothing of Tauri, so the desktop shell,
//! the CLI and the tests all drive it the same way.

// Nothing a user can reach may panic on a value: errors go back as Chinese messages.
#![deny(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
pub mod coded;
pub mod archive;
pub mod assignment;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod check;
pub mod classification;
pub mod db;
pub mod encryption;
pub mod error;
pub mod exchange;
pub mod files;
#[cfg(test)]
mod fuzz;
pub mod json;
pub mod lifecycle;
pub mod org;
pub mod paths;
pub mod print;
pub mod profile;
pub mod remind;
pub mod report;
pub mod settings;
pub mod stats;
pub mod store;
pub mod summary;
pub mod test_support;
pub mod text;
pub mod time;
pub mod workbench;

pub use classification::Classification;
pub use error::{Error, ErrorBody, Result};
pub use store::{AppInfo, Store};

/// The version of the app, shared by the shell, the CLI and the core (one workspace version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

//! Tauri commands, one file per area. Each parses its arguments, calls one core function and maps
//! the error to `{code, message, field}`.

pub mod assignment;
pub mod calendar;
pub mod org;
pub mod print;
pub mod summary;
pub mod system;

pub type CommandResult<T> = Result<T, luoshi_core::ErrorBody>;

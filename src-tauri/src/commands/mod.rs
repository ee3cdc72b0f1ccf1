//! Tauri commands, one file per area. Each parses its arguments, calls one core function and maps
//! the error to `{code, message, field}`.
//!
//! Every command is declared once, with `commands!` (see `macros.rs`): that one declaration gives
//! the Tauri function, its place in [`handler`] and its entry in the TypeScript type `Commands`
//! (`ui/src/api/types/Commands.ts`, written by `cargo test`), through which the UI calls it.

#[macro_use]
mod macros;

pub mod archive;
pub mod assignment;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod encryption;
pub mod org;
pub mod print;
pub mod summary;
pub mod system;
pub mod workbench;

pub use macros::Bytes;

pub type CommandResult<T> = Result<T, luoshi_core::ErrorBody>;

type AreaHandler = Box<dyn Fn(tauri::ipc::Invoke) -> bool + Send + Sync>;

/// The areas: their command names and the handler that runs them.
fn areas() -> [(&'static [&'static str], AreaHandler); 11] {
    [
        (system::NAMES, Box::new(system::handler())),
        (org::NAMES, Box::new(org::handler())),
        (calendar::NAMES, Box::new(calendar::handler())),
        (assignment::NAMES, Box::new(assignment::handler())),
        (summary::NAMES, Box::new(summary::handler())),
        (print::NAMES, Box::new(print::handler())),
        (backup::NAMES, Box::new(backup::handler())),
        (audit::NAMES, Box::new(audit::handler())),
        (encryption::NAMES, Box::new(encryption::handler())),
        (workbench::NAMES, Box::new(workbench::handler())),
        (archive::NAMES, Box::new(archive::handler())),
    ]
}

/// The one invoke handler of the window: hands each call to the area that declares its command. An
/// unknown name answers `false`, and Tauri rejects the call with "Command … not found" as before.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    let areas = areas();
    move |invoke| {
        let command = invoke.message.command();
        match areas.iter().find(|(names, _)| names.contains(&command)) {
            Some((_, handle)) => handle(invoke),
            None => false,
        }
    }
}

/// Every command of the window: its name, what the UI sends (`args`, `null` for none) and what it
/// gets back (`result`). Generated for TypeScript only; `ui/src/api/invoke.ts` types `call` by it.
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)] // never built: only its TypeScript is used
pub struct Commands {
    #[ts(flatten)]
    system: system::Schema,
    #[ts(flatten)]
    org: org::Schema,
    #[ts(flatten)]
    calendar: calendar::Schema,
    #[ts(flatten)]
    assignment: assignment::Schema,
    #[ts(flatten)]
    summary: summary::Schema,
    #[ts(flatten)]
    print: print::Schema,
    #[ts(flatten)]
    backup: backup::Schema,
    #[ts(flatten)]
    audit: audit::Schema,
    #[ts(flatten)]
    encryption: encryption::Schema,
    #[ts(flatten)]
    workbench: workbench::Schema,
    #[ts(flatten)]
    archive: archive::Schema,
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    #[test]
    fn every_command_name_is_declared_once() {
        let mut seen = HashSet::new();
        for (names, _) in super::areas() {
            for name in names {
                assert!(seen.insert(*name), "{name} is declared by two areas");
            }
        }
        // Every area contributes its commands (68 when the summaries got one door for their review).
        assert!(seen.len() >= 68, "only {} commands", seen.len());
    }
}

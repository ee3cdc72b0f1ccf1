//! Everything the CLI prints on success is JSON on stdout.

use serde::Serialize;

pub fn print_json(value: &impl Serialize) -> luoshi_core::Result<()> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| luoshi_core::Error::Io(std::io::Error::other(e)))?;
    print_text(&text)
}

/// Writes `text` and a line break to stdout. A reader that stops early (`luoshi-cli item list |
/// head`) is no failure: the CLI exits quietly instead of panicking on the closed pipe.
pub fn print_text(text: &str) -> luoshi_core::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        written => Ok(written?),
    }
}

/// The options of `item import` and `person import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    pub file: std::path::PathBuf,
    /// Only this sheet (every sheet with a recognised header by default)
    #[arg(long)]
    pub sheet: Option<String>,
    /// Check and report without writing anything
    #[arg(long)]
    pub dry_run: bool,
    /// Create the units (and, for a ledger, the people) the directory does not have
    #[arg(long)]
    pub create_missing: bool,
    /// Import the good rows even when some rows have problems
    #[arg(long)]
    pub skip_bad_rows: bool,
}

impl ImportArgs {
    /// Exit 2 (the report already on stdout) when problems kept the file out: problems without
    /// --skip-bad-rows, or rows that were all bad. `good` counts the rows without problems
    /// (to import or already there).
    pub fn outcome(&self, errors: usize, good: usize, what: &str) -> luoshi_core::Result<()> {
        if errors == 0 || (self.skip_bad_rows && good > 0) {
            return Ok(());
        }
        Err(luoshi_core::Error::invalid(
            "file",
            format!("“{}”有 {errors} 处问题，未导入任何{what}（见输出的 errors）", self.file.display()),
        ))
    }
}

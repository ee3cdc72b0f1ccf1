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

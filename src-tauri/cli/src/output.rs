//! Everything the CLI prints on success is JSON on stdout.

use serde::Serialize;

pub fn print_json(value: &impl Serialize) -> luoshi_core::Result<()> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| luoshi_core::Error::Io(std::io::Error::other(e)))?;
    println!("{text}");
    Ok(())
}

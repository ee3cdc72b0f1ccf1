//! `luoshi-cli remind`: what needs attention now (or at `--at`), as JSON.

use clap::Subcommand;
use luoshi_core::{calendar, remind, time, Result};

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum RemindCommand {
    /// Every item red or yellow, and every result check, progress report, revisit and extension
    /// decision that is due, each with the item's id, the kind and the reason
    List {
        /// The time to look at (YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339, CST); default now
        #[arg(long)]
        at: Option<String>,
    },
}

pub fn run(open: Open, cmd: RemindCommand) -> Result<()> {
    match cmd {
        RemindCommand::List { at } => {
            let now = match at {
                Some(text) => calendar::parse_time("at", &text)?,
                None => time::now(),
            };
            print_json(&remind::list(open()?.conn(), now)?)
        }
    }
}

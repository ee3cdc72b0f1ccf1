//! `luoshi-cli calendar …` (to be filled by the calendar area).

use clap::Subcommand;
use luoshi_core::Result;

use crate::Open;

#[derive(Subcommand)]
pub enum CalendarCommand {}

pub fn run(_open: Open, cmd: CalendarCommand) -> Result<()> {
    match cmd {}
}

//! `luoshi-cli print …` (to be filled by the print area).

use clap::Subcommand;
use luoshi_core::Result;

use crate::Open;

#[derive(Subcommand)]
pub enum PrintCommand {}

pub fn run(_open: Open, cmd: PrintCommand) -> Result<()> {
    match cmd {}
}

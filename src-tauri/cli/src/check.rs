//! `luoshi-cli check …` (to be filled by the check area).

use clap::Args;
use luoshi_core::Result;

use crate::Open;

#[derive(Args)]
pub struct CheckArgs {}

pub fn run(_open: Open, _args: CheckArgs) -> Result<()> {
    Err(luoshi_core::Error::NotAllowed("检查功能尚未实现".into()))
}

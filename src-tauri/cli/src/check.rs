//! `luoshi-cli check FILE.txt`: the substance checks of a plain-text draft, as JSON.
//!
//! Offsets (`start`, `end`, `section_start`, `section_end`) are UTF-16 code units, as in the
//! editor; the report says so in `offset_unit`. Checking a stored draft (`--summary ID`) comes with
//! the summaries area.

use std::path::PathBuf;

use clap::Args;
use luoshi_core::check::{self, CheckContext, CheckSettings, CopySource, CopySourceKind};
use luoshi_core::Result;

use crate::output::print_json;
use crate::Open;

#[derive(Args)]
pub struct CheckArgs {
    /// The draft: a UTF-8 plain-text file
    file: PathBuf,
    /// Print the report as JSON (the only output format; accepted for scripts that pass it)
    #[arg(long)]
    json: bool,
    /// Template guidance the draft must not copy (repeatable)
    #[arg(long, value_name = "FILE")]
    guidance: Vec<PathBuf>,
    /// An earlier summary the draft must not copy (repeatable)
    #[arg(long, value_name = "FILE")]
    earlier: Vec<PathBuf>,
    /// Use the built-in thresholds and stock phrases instead of the data folder's settings
    #[arg(long)]
    defaults: bool,
}

pub fn run(open: Open, args: CheckArgs) -> Result<()> {
    let _ = args.json;
    let text = check::read_text_file(&args.file)?;
    let mut sources = Vec::new();
    for (kind, files) in
        [(CopySourceKind::Guidance, &args.guidance), (CopySourceKind::EarlierSummary, &args.earlier)]
    {
        for file in files {
            let name =
                file.file_stem().map_or_else(|| file.display().to_string(), |s| s.to_string_lossy().into());
            sources.push(CopySource { kind, name, text: check::read_text_file(file)? });
        }
    }
    let settings =
        if args.defaults { CheckSettings::default() } else { check::load_settings(open()?.conn())? };
    let ctx = CheckContext::new(settings).with_copy_sources(sources);
    print_json(&check::check_text(&text, &ctx))
}

//! `luoshi-cli check FILE.txt`: the substance checks of a plain-text draft, as JSON.
//!
//! Offsets (`start`, `end`, `section_start`, `section_end`) are UTF-16 code units, as in the
//! editor; the report says so in `offset_unit`. `--summary ID` checks a stored draft section by
//! section, with its template's guidance and the unit's approved earlier summaries as copy sources.

use std::path::PathBuf;

use clap::Args;
use luoshi_core::check::{self, CheckContext, CheckSettings, CopySource, CopySourceKind};
use luoshi_core::{summary, Error, Result};

use crate::output::print_json;
use crate::Open;

#[derive(Args)]
pub struct CheckArgs {
    /// The draft: a UTF-8 plain-text file
    #[arg(required_unless_present = "summary")]
    file: Option<PathBuf>,
    /// Check a stored summary instead of a file
    #[arg(long, value_name = "ID", conflicts_with_all = ["file", "guidance", "earlier", "defaults"])]
    summary: Option<i64>,
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
    let file = match (args.file, args.summary) {
        (Some(file), _) => file,
        (None, Some(id)) => return print_json(&summary::run_check(open()?.conn(), id)?),
        (None, None) => {
            return Err(Error::invalid("file", "请指定要检查的文本文件，或用 --summary 指定总结"))
        }
    };
    let text = check::read_text_file(&file)?;
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

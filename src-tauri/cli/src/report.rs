//! `luoshi-cli report …`: the paper of supervision — 通报 for a month or a quarter, 责任清单, and
//! the ledger with the filters of `item list` — as PDF or .docx.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use luoshi_core::report::{self, BulletinPeriod, Paper};
use luoshi_core::{Error, Result};

use crate::item::ListArgs;
use crate::print::Format;
use crate::Open;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 月度通报 (--month YYYY-MM) or 季度通报 (--quarter YYYY-Qn), with the generated texts
    Bulletin {
        #[arg(long, value_name = "YYYY-MM", conflicts_with = "quarter")]
        month: Option<String>,
        #[arg(long, value_name = "YYYY-Qn")]
        quarter: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// 责任清单: every open item under its lead and cooperating units (landscape)
    Responsibility {
        /// Only this unit's duties
        #[arg(long)]
        unit: Option<i64>,
        #[command(flatten)]
        out: Out,
    },
    /// 宣贯材料 of a summary: its key figures, problems and next steps, as generated
    Publicity {
        /// The summary's id
        #[arg(long)]
        summary: i64,
        #[command(flatten)]
        out: Out,
    },
    /// 台账: the items the filters of `item list` match, as a table (landscape)
    Ledger {
        #[command(flatten)]
        filters: Box<ListArgs>,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Args)]
pub struct Out {
    /// The file to write
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// pdf, or docx for a Word file
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    format: Format,
}

pub fn run(open: Open, cmd: ReportCommand) -> Result<()> {
    let (paper, out) = match cmd {
        ReportCommand::Bulletin { month, quarter, out } => {
            let period = match (month, quarter) {
                (Some(m), _) => BulletinPeriod::parse_month(&m)?,
                (None, Some(q)) => BulletinPeriod::parse_quarter(&q)?,
                (None, None) => {
                    return Err(Error::invalid("month", "请用 --month 2026-11 或 --quarter 2026-Q4 指定期间"))
                }
            };
            let draft = report::bulletin_draft(open()?.conn(), period)?;
            (Paper::Bulletin { draft }, out)
        }
        ReportCommand::Responsibility { unit, out } => (Paper::Responsibility { unit_id: unit }, out),
        ReportCommand::Publicity { summary, out } => {
            (Paper::Publicity { draft: luoshi_core::summary::publicity_draft(open()?.conn(), summary)? }, out)
        }
        ReportCommand::Ledger { filters, out } => (Paper::Ledger { query: filters.query()? }, out),
    };
    let doc = report::document(open()?.conn(), &paper)?;
    crate::print::write(&doc, out.output, out.format)
}

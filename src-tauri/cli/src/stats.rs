//! `luoshi-cli stats`: the ledger's figures for a period, as JSON.

use clap::Args;
use luoshi_core::stats::{self, StatsBy, StatsQuery};
use luoshi_core::Result;

use crate::output::print_json;
use crate::Open;

#[derive(Args)]
pub struct StatsArgs {
    /// First day YYYY-MM-DD
    #[arg(long)]
    from: String,
    /// Last day YYYY-MM-DD
    #[arg(long)]
    to: String,
    /// Only items led by this unit (id)
    #[arg(long)]
    unit: Option<i64>,
    /// Rows by unit | category | source | month (or 牵头单位 | 类别 | 来源 | 月份)
    #[arg(long)]
    by: Option<String>,
    /// Count sub-items (分解) too
    #[arg(long)]
    all: bool,
    /// Also the Chinese paragraph and the print tables
    #[arg(long)]
    report: bool,
    /// With --by unit: each unit's 考核评分 (score) and rank, in ranking order
    #[arg(long)]
    score: bool,
}

pub fn run(open: Open, args: StatsArgs) -> Result<()> {
    let query = StatsQuery {
        from: args.from,
        to: args.to,
        unit_id: args.unit,
        by: args.by.as_deref().map(StatsBy::parse).transpose()?,
        include_sub_items: args.all,
        score: args.score,
        targets: None,
    };
    if args.score && query.by != Some(StatsBy::Unit) {
        return Err(luoshi_core::Error::invalid("score", "--score 只用于按牵头单位统计（--by unit）"));
    }
    let figures = stats::figures(open()?.conn(), &query)?;
    if args.report {
        print_json(&serde_json::json!({"figures": figures, "report": stats::report(&figures)}))
    } else {
        print_json(&figures)
    }
}

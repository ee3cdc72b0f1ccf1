//! `luoshi-cli archive …`: 归档 (DA/T 22-2015) — the settings, filing 件 with their 档号, the
//! completeness check, 确认归档, the 归档文件目录 as PDF or .xlsx, the 备考表, and the package of a
//! year with its verification. JSON out.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use luoshi_core::archive::{
    self, settings::UnitCodeInput, ArchiveQuery, FileRequest, Retention, Scheme, Target,
};
use luoshi_core::{time, Error, Result};
use serde::Serialize;

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum ArchiveCommand {
    /// 设置 → 归档: prints the settings; with options, changes them first
    Setup {
        /// 全宗号, e.g. Z109
        #[arg(long)]
        fonds_code: Option<String>,
        /// 全宗名称
        #[arg(long)]
        fonds_name: Option<String>,
        /// The office's own 机构(问题) code (files the 件 of outside units), e.g. DCS
        #[arg(long)]
        org_code: Option<String>,
        /// A department's code: UNIT_ID=CODE (repeatable)
        #[arg(long, value_name = "UNIT_ID=CODE")]
        unit_code: Vec<String>,
        /// year_retention_org (年度—保管期限—机构) or year_org_retention
        #[arg(long)]
        scheme: Option<String>,
        /// Default retention of items: Y, D30, D10 (or 永久, 30年, 10年)
        #[arg(long)]
        item_retention: Option<String>,
        /// Default retention of summaries
        #[arg(long)]
        summary_retention: Option<String>,
        /// 件 per box
        #[arg(long)]
        box_capacity: Option<u32>,
    },
    /// 归档: files struck-off items and published summaries (one transaction), prints the 件
    Add {
        #[arg(long)]
        item: Vec<i64>,
        #[arg(long)]
        summary: Vec<i64>,
        /// Y|D30|D10 or 永久|30年|10年; default from the settings
        #[arg(long)]
        retention: Option<String>,
        /// Who files them (person id; default: the local profile)
        #[arg(long)]
        actor: Option<i64>,
    },
    /// The 件, in 档号 order
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        retention: Option<String>,
        #[arg(long)]
        search: Option<String>,
    },
    /// Items and summaries waiting to be filed, with what each lacks
    Candidates,
    /// 归档完整率 of a year (default: this year), with what each 件 or candidate lacks
    Check {
        #[arg(long)]
        year: Option<i32>,
    },
    /// 归档清单: the parts a struck-off item's or a published summary's 件 holds, with their pages
    Parts {
        #[arg(long, conflicts_with = "summary", required_unless_present = "summary")]
        item: Option<i64>,
        #[arg(long)]
        summary: Option<i64>,
    },
    /// 调整件号: puts a 件 at another number of its class (before 确认归档)
    Move {
        id: i64,
        #[arg(long)]
        to: i64,
        #[arg(long)]
        actor: Option<i64>,
    },
    /// 确认归档: fixes the numbers of a year's 件
    Confirm {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        actor: Option<i64>,
    },
    /// 归档文件目录 of a year (of one retention) as PDF or .xlsx
    Catalogue {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        retention: Option<String>,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, value_enum, default_value_t = CatalogueFormat::Pdf)]
        format: CatalogueFormat,
    },
    /// 备考表 of every box of a year, with the spine labels
    Boxes {
        #[arg(long)]
        year: i32,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// One 件 as its bound PDF, with the 归档章
    Print {
        id: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// 移交包 of a year: DIR/<year>/ with the 件, the catalogue, the 备考表 and manifest.json
    Export {
        #[arg(long)]
        year: i32,
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// Re-checks a package's files against its manifest.json; exit 2 naming what differs
    Verify { dir: PathBuf },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogueFormat {
    Pdf,
    Xlsx,
}

#[derive(Serialize)]
struct Written {
    output: String,
    bytes: u64,
}

pub fn run(open: Open, cmd: ArchiveCommand) -> Result<()> {
    let retention = |r: Option<String>| r.map(|r| Retention::parse_any("retention", &r)).transpose();
    match cmd {
        ArchiveCommand::Setup {
            fonds_code,
            fonds_name,
            org_code,
            unit_code,
            scheme,
            item_retention,
            summary_retention,
            box_capacity,
        } => {
            let mut store = open()?;
            let mut s = archive::get_settings(store.conn())?;
            let before = s.clone();
            s.fonds_code = fonds_code.unwrap_or(s.fonds_code);
            s.fonds_name = fonds_name.unwrap_or(s.fonds_name);
            s.office_code = org_code.unwrap_or(s.office_code);
            if let Some(scheme) = scheme {
                s.scheme = Scheme::parse(&scheme)?;
            }
            s.item_retention = retention(item_retention)?.unwrap_or(s.item_retention);
            s.summary_retention = retention(summary_retention)?.unwrap_or(s.summary_retention);
            s.box_capacity = box_capacity.unwrap_or(s.box_capacity);
            for pair in unit_code {
                let (unit, code) = pair
                    .split_once('=')
                    .and_then(|(u, c)| Some((u.trim().parse::<i64>().ok()?, c.to_string())))
                    .ok_or_else(|| {
                        Error::invalid("unit_code", format!("“{pair}”应写作 单位编号=代码，如 3=DCS"))
                    })?;
                s.unit_codes.retain(|c| c.unit_id != unit);
                s.unit_codes.push(UnitCodeInput { unit_id: unit, code });
            }
            if s == before {
                return print_json(&archive::get_setup(store.conn())?);
            }
            print_json(&archive::save_settings(store.conn_mut(), &s)?)
        }
        ArchiveCommand::Add { item, summary, retention: r, actor } => {
            let targets =
                item.into_iter().map(Target::Item).chain(summary.into_iter().map(Target::Summary)).collect();
            let request = FileRequest { targets, retention: retention(r)?, actor_id: actor };
            let filed = archive::file(open()?.conn_mut(), &request)?;
            match filed.as_slice() {
                [one] => print_json(one),
                many => print_json(&many),
            }
        }
        ArchiveCommand::List { year, retention: r, search } => {
            let q = ArchiveQuery { year, retention: retention(r)?, org_code: None, search };
            print_json(&archive::list_files(open()?.conn(), &q)?)
        }
        ArchiveCommand::Candidates => print_json(&archive::candidates(open()?.conn())?),
        ArchiveCommand::Check { year } => {
            let year = year.unwrap_or_else(time::this_year);
            print_json(&archive::completeness(open()?.conn(), year)?)
        }
        ArchiveCommand::Parts { item, summary } => {
            let target = item.map(Target::Item).or(summary.map(Target::Summary));
            let target =
                target.ok_or_else(|| luoshi_core::Error::invalid("item", "请用 --item 或 --summary 指定"))?;
            print_json(&archive::checklist(open()?.conn(), target)?)
        }
        ArchiveCommand::Move { id, to, actor } => {
            print_json(&archive::move_file(open()?.conn_mut(), id, to, actor)?)
        }
        ArchiveCommand::Confirm { year, actor } => {
            let confirmed = archive::confirm_year(open()?.conn_mut(), year, actor)?;
            print_json(&serde_json::json!({"year": year, "confirmed": confirmed}))
        }
        ArchiveCommand::Catalogue { year, retention: r, output, format } => {
            let store = open()?;
            let retention = retention(r)?;
            match format {
                CatalogueFormat::Pdf => {
                    let doc = archive::catalogue_paper(store.conn(), year, retention)?;
                    crate::print::write(&doc, output, crate::print::Format::Pdf)
                }
                CatalogueFormat::Xlsx => {
                    let output = archive::save_catalogue_xlsx(store.conn(), year, retention, &output)?;
                    let bytes = std::fs::metadata(&output)?.len();
                    print_json(&Written { output: output.display().to_string(), bytes })
                }
            }
        }
        ArchiveCommand::Boxes { year, output } => crate::print::write(
            &archive::boxes_paper(open()?.conn(), year)?,
            output,
            crate::print::Format::Pdf,
        ),
        ArchiveCommand::Print { id, output } => {
            crate::print::write(&archive::file_paper(open()?.conn(), id)?, output, crate::print::Format::Pdf)
        }
        ArchiveCommand::Export { year, output } => {
            print_json(&archive::export_year(open()?.conn(), year, &output)?)
        }
        ArchiveCommand::Verify { dir } => {
            let report = archive::verify_package(&dir)?;
            print_json(&report)?;
            report.error().map_or(Ok(()), Err)
        }
    }
}

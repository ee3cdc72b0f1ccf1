//! `luoshi-cli`: the same core as the window, for scripts and our own checks. JSON out.
//! Exit codes: 0 success, 2 bad input (Chinese message on stderr), 1 anything else.

// Nothing a user can reach may panic on a value: errors go back as Chinese messages.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod archive;
mod audit;
mod backup;
mod calendar;
mod check;
mod encryption;
mod item;
mod org;
mod output;
mod print;
mod remind;
mod report;
mod stats;
mod summary;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use luoshi_core::{paths, Store};

#[derive(Parser)]
#[command(name = "luoshi-cli", version, about = "落实命令行：与桌面程序同一核心，输出 JSON")]
struct Cli {
    /// Data folder (default: LUOSHI_DATA_DIR, then the OS app-data folder)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Version, schema version and data folder
    Info {
        #[arg(long)]
        json: bool,
    },
    /// 单位 (units)
    #[command(subcommand)]
    Unit(org::UnitCommand),
    /// 人员 (people)
    #[command(subcommand)]
    Person(org::PersonCommand),
    /// 打印: render documents and samples as PDF
    #[command(subcommand)]
    Print(print::PrintCommand),
    /// 工作日历: working days and deadlines
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// 实质性检查: check a summary's text
    Check(check::CheckArgs),
    /// 交办事项: register, list, show and move items
    #[command(subcommand)]
    Item(item::ItemCommand),
    /// Fills the data folder with demo items
    Demo(item::DemoArgs),
    /// 总结模板: list, show, export, import and copy templates
    #[command(subcommand)]
    Template(summary::TemplateCommand),
    /// 总结: draft, version, review, export and import summaries
    #[command(subcommand)]
    Summary(summary::SummaryCommand),
    /// 统计: the ledger's figures for a period (办结率, 按期办结率 …), overall or by unit, category, source
    Stats(stats::StatsArgs),
    /// 提醒: what needs attention now — late and due items, checks, reports, revisits, extensions
    #[command(subcommand)]
    Remind(remind::RemindCommand),
    /// 通报、责任清单、台账: the paper of supervision as PDF or .docx
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// 归档: 件 with 档号, 归档文件目录, 备考表, the package of a year and its verification
    #[command(subcommand)]
    Archive(archive::ArchiveCommand),
    /// 备份: make, list and restore backups of the data file
    #[command(subcommand)]
    Backup(backup::BackupCommand),
    /// 数据文件: check its integrity
    #[command(subcommand)]
    Db(backup::DbCommand),
    /// 审计日志: verify the hash chain, list records
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// 数据加密: switch encryption of the data file on or off, change its password. An encrypted
    /// folder opens with LUOSHI_PASSWORD or LUOSHI_RECOVERY_KEY
    #[command(subcommand)]
    Encryption(encryption::EncryptionCommand),
}

/// Opens the data folder on demand: commands that need no database never create one.
pub type Open<'a> = &'a dyn Fn() -> luoshi_core::Result<Store>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            if e.code() == "database_locked" {
                let (password, recovery) =
                    (luoshi_core::encryption::PASSWORD_ENV, luoshi_core::encryption::RECOVERY_KEY_ENV);
                eprintln!("命令行请用环境变量 {password}（密码）或 {recovery}（恢复密钥）给出。");
            }
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> luoshi_core::Result<()> {
    let data_dir = cli.data_dir;
    let dir = || paths::resolve_data_dir(data_dir.clone());
    let secret = encryption::secret_from_env();
    let open = || match &secret {
        Some(secret) => Store::unlock(&dir()?, secret),
        None => Store::open(&dir()?),
    };
    match cli.command {
        Command::Info { json: _ } => output::print_json(&open()?.info()?),
        Command::Unit(cmd) => org::run_unit(&mut open()?, cmd),
        Command::Person(cmd) => org::run_person(&mut open()?, cmd),
        Command::Print(cmd) => print::run(&open, cmd),
        Command::Calendar(cmd) => calendar::run(&open, cmd),
        Command::Check(args) => check::run(&open, args),
        Command::Item(cmd) => item::run(&open, cmd),
        Command::Demo(args) => item::run_demo(&open, args),
        Command::Template(cmd) => summary::run_template(&open, cmd),
        Command::Summary(cmd) => summary::run(&open, cmd),
        Command::Stats(args) => stats::run(&open, args),
        Command::Remind(cmd) => remind::run(&open, cmd),
        Command::Report(cmd) => report::run(&open, cmd),
        Command::Archive(cmd) => archive::run(&open, cmd),
        Command::Backup(cmd) => backup::run(&open, &dir()?, cmd),
        Command::Db(cmd) => backup::run_db(&open, cmd),
        Command::Audit(cmd) => audit::run(&open, cmd),
        Command::Encryption(cmd) => encryption::run(&open, &dir()?, cmd),
    }
}

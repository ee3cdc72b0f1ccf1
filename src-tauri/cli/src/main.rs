//! `luoshi-cli`: the same core as the window, for scripts and our own checks. JSON out.
//! Exit codes: 0 success, 2 bad input (Chinese message on stderr), 1 anything else.

mod org;
mod output;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> luoshi_core::Result<()> {
    let open = || Store::open(&paths::resolve_data_dir(cli.data_dir.clone())?);
    match cli.command {
        Command::Info { json: _ } => output::print_json(&open()?.info()?),
        Command::Unit(cmd) => org::run_unit(&mut open()?, cmd),
        Command::Person(cmd) => org::run_person(&mut open()?, cmd),
    }
}

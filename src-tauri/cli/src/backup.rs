//! `luoshi-cli backup …` and `luoshi-cli db check`: the same backups, restores and checks as
//! 设置 → 数据与备份.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use luoshi_core::backup::{self, BackupReason};
use luoshi_core::{Result, Store};

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Makes a checked backup in <data dir>/backups (or, with -o, into FILE): prints {"path","bytes","sha256",…}
    Create {
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The backups in <data dir>/backups, newest first
    List,
    /// Restores FILE after checking it; the current data is backed up first. Exit 2 when FILE is not a good 落实 database
    Restore { file: PathBuf },
}

#[derive(Subcommand)]
pub enum DbCommand {
    /// integrity_check, foreign_key_check and the audit trail's verification; exit 1 with a Chinese message naming what is wrong
    Check,
}

pub fn run(open: Open, data_dir: &Path, cmd: BackupCommand) -> Result<()> {
    match cmd {
        BackupCommand::Create { output: None } => {
            print_json(&backup::create(open()?.conn(), BackupReason::Manual)?)
        }
        BackupCommand::Create { output: Some(file) } => {
            print_json(&backup::create_to(open()?.conn(), &file)?)
        }
        BackupCommand::List => print_json(&backup::list(data_dir)?),
        BackupCommand::Restore { file } => match open() {
            Ok(mut store) => print_json(&backup::restore(&mut store, &file)?),
            // A damaged or missing data file is what restoring is for.
            Err(e) if matches!(e.code(), "database_damaged" | "database_missing") => {
                let key = match crate::encryption::secret_from_env() {
                    Some(secret) if luoshi_core::encryption::status(data_dir)?.enabled => {
                        Some(luoshi_core::encryption::unlock(data_dir, &secret)?)
                    }
                    _ => None,
                };
                let (_store, report): (Store, _) = backup::restore_without_store(data_dir, &file, key)?;
                print_json(&report)
            }
            Err(e) => Err(e),
        },
    }
}

pub fn run_db(open: Open, cmd: DbCommand) -> Result<()> {
    match cmd {
        DbCommand::Check => {
            let outcomes = backup::check_database(open()?.conn());
            print_json(&outcomes)?;
            match backup::failures(&outcomes) {
                Some(e) => Err(e.into()),
                None => Ok(()),
            }
        }
    }
}

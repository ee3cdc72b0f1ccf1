//! `luoshi-cli encryption …`: the same switch as 设置 → 数据与备份 → 数据加密. Secrets never go on
//! the command line (other users see it in the process list): the password or recovery key that
//! opens an encrypted folder comes from `LUOSHI_PASSWORD` or `LUOSHI_RECOVERY_KEY`, a new password
//! from the first line of standard input.

use std::io::BufRead;
use std::path::Path;

use clap::Subcommand;
use luoshi_core::encryption::{self, RecoveryKey, Secret, PASSWORD_ENV, RECOVERY_KEY_ENV};
use luoshi_core::{Error, Result};

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum EncryptionCommand {
    /// Whether the data file is encrypted: {"enabled","has_password"}
    Status,
    /// Encrypts the data file and its backups; the password is the first line of stdin. Prints {"recovery_key"}: print it and keep it safe
    Enable,
    /// Writes the data file and its backups plain again (confirmed by LUOSHI_PASSWORD or LUOSHI_RECOVERY_KEY)
    Disable,
    /// Sets a new password, read from the first line of stdin (confirmed by LUOSHI_PASSWORD or LUOSHI_RECOVERY_KEY)
    Password,
}

/// The secret the environment gives, if any: the password first, then the recovery key.
pub fn secret_from_env() -> Option<Secret> {
    let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
    var(PASSWORD_ENV).map(Secret::Password).or_else(|| var(RECOVERY_KEY_ENV).map(Secret::RecoveryKey))
}

fn proof() -> Result<Secret> {
    secret_from_env().ok_or_else(|| {
        Error::invalid(
            "password",
            format!("请用环境变量 {PASSWORD_ENV}（密码）或 {RECOVERY_KEY_ENV}（恢复密钥）确认"),
        )
    })
}

fn password_from_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub fn run(open: Open, data_dir: &Path, cmd: EncryptionCommand) -> Result<()> {
    match cmd {
        EncryptionCommand::Status => print_json(&encryption::status(data_dir)?),
        EncryptionCommand::Enable => {
            let password = password_from_stdin()?;
            let recovery = RecoveryKey::generate()?;
            encryption::enable(&mut open()?, &password, &recovery)?;
            print_json(&serde_json::json!({ "recovery_key": recovery.to_text() }))
        }
        EncryptionCommand::Disable => encryption::disable(&mut open()?, &proof()?),
        EncryptionCommand::Password => {
            let password = password_from_stdin()?;
            encryption::change_password(&mut open()?, &proof()?, &password)
        }
    }
}

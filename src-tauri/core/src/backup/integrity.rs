//! The integrity of the data file: `quick_check` at start, and `db check` — a list of checks, each
//! giving the problems it found, so a further check (the audit trail's verification) is one more
//! entry in [`CHECKS`].

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::inspect::integrity_problems;
use super::BackupError;
use crate::{Result, Store};

/// One check of `db check`: its problems, in Chinese (none when all is well).
pub type DatabaseCheck = fn(&Connection) -> Result<Vec<String>>;

/// Every check `db check` runs, in order: code, label, check.
pub const CHECKS: &[(&str, &str, DatabaseCheck)] = &[
    ("integrity", "完整性检查（integrity_check）", integrity),
    ("foreign_keys", "外键检查（foreign_key_check）", foreign_keys),
    ("audit", "审计日志校验", crate::audit::check),
];

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CheckOutcome {
    pub check: String,
    pub label: String,
    pub ok: bool,
    pub problems: Vec<String>,
}

fn integrity(conn: &Connection) -> Result<Vec<String>> {
    Ok(integrity_problems(conn, "integrity_check")?.into_iter().collect())
}

fn foreign_keys(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (table, rowid, parent) = row?;
        let at = rowid.map_or_else(|| "某一行".to_string(), |id| format!("第 {id} 行"));
        out.push(format!("表 {table} 的{at}引用了表 {parent} 中不存在的记录"));
    }
    Ok(out)
}

/// Runs every check of [`CHECKS`]. A check that cannot even run counts as failed, with its error.
pub fn check_database(conn: &Connection) -> Vec<CheckOutcome> {
    CHECKS
        .iter()
        .map(|(code, label, check)| {
            let problems = check(conn).unwrap_or_else(|e| vec![format!("无法完成检查：{e}")]);
            CheckOutcome {
                check: code.to_string(),
                label: label.to_string(),
                ok: problems.is_empty(),
                problems,
            }
        })
        .collect()
}

/// The failed checks as one error naming each check and what it found; `None` when all passed.
pub fn failures(outcomes: &[CheckOutcome]) -> Option<BackupError> {
    let problems: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.ok)
        .map(|o| format!("{}：{}", o.label, o.problems.join("，")))
        .collect();
    (!problems.is_empty()).then_some(BackupError::CheckFailed { problems })
}

/// `PRAGMA quick_check` on the open data file: a damaged file becomes [`BackupError::Damaged`],
/// which the window turns into its 数据文件已损坏 page.
pub fn check_at_start(store: &Store) -> Result<()> {
    let file = store.database_path();
    match integrity_problems(store.conn(), "quick_check") {
        Ok(None) => Ok(()),
        Ok(Some(detail)) => Err(BackupError::Damaged { file: file.display().to_string(), detail }.into()),
        Err(e) => Err(super::damaged_or(&file, e.into())),
    }
}

/// [`check_at_start`] through a read-only connection of its own, so the store's connection is free
/// meanwhile (the window runs it on a background thread).
pub fn quick_check_file(db: &std::path::Path, key: Option<&crate::encryption::DataKey>) -> Result<()> {
    let damaged = |e: rusqlite::Error| super::damaged_or(db, e.into());
    let conn = super::inspect::open_read_only(db, key).map_err(|e| super::damaged_or(db, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(damaged)?;
    match integrity_problems(&conn, "quick_check") {
        Ok(None) => Ok(()),
        Ok(Some(detail)) => Err(BackupError::Damaged { file: db.display().to_string(), detail }.into()),
        Err(e) => Err(damaged(e)),
    }
}

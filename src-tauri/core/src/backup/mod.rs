//! 数据与备份: copies of the data file in `<data dir>/backups/`, restoring one, and the integrity of
//! the data file itself. See `docs/backup.md`.
//!
//! **How a backup is made.** `VACUUM INTO` a temporary file beside the final one, not the online
//! backup API. `VACUUM INTO` is one statement in one read transaction: in WAL mode it reads a
//! consistent snapshot that includes every commit still in `-wal`, a concurrent writer (the window
//! while the CLI backs up, or the reverse) neither blocks it nor restarts it, and the file it writes
//! is a standalone rollback-journal file (no WAL flag, so it opens read-only without a `-wal` beside
//! it), compacted. The online backup API copies pages in steps and starts over whenever another
//! process writes between steps (a steady writer can keep it from ever finishing) unless one step
//! copies everything, and it copies the WAL flag into the backup. Then the file is flushed, checked
//! (it opens read-only, `integrity_check` is ok, it has our tables and a known schema version),
//! hashed, and only then renamed to its final name: a backup with a final name is always whole.
//!
//! **Names and sidecars.** `luoshi-20261202-072100-daily.sqlite3` (China Standard Time), sortable by
//! time, with `luoshi-20261202-072100-daily.json` beside it recording the reason, time, size, SHA-256,
//! schema version and counts. One sidecar per backup rather than one manifest: a backup copied
//! elsewhere carries its own record, deleting a backup cannot leave a manifest out of step, and a
//! crash while writing one sidecar touches no other backup's record.

mod error;
mod inspect;
mod integrity;
mod restore;

#[cfg(test)]
mod tests;

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use error::{damaged_or, BackupError};
pub use inspect::{open_read_only, verify, Contents, SQLITE_HEADER};
pub use integrity::{
    check_at_start, check_database, failures, quick_check_file, CheckOutcome, DatabaseCheck, CHECKS,
};
pub(crate) use restore::{export, Staged};
pub use restore::{restore, restore_without_store, RestoreReport};

use crate::{files, paths, settings, time, Error, Result};

/// The folder of backups inside the data folder.
pub const BACKUPS_DIR: &str = "backups";
/// The settings key of [`Retention`].
pub const RETENTION_KEY: &str = "backup.retention";

coded_enum!(
    /// Why a backup was made; it decides how long the backup is kept (see [`Retention`]).
    BackupReason, "reason", "备份原因", {
        Daily = ("daily", "每日自动备份"),
        Monthly = ("monthly", "每月自动备份"),
        BeforeMigration = ("before_migration", "升级数据结构前"),
        BeforeImport = ("before_import", "导入前"),
        BeforeRestore = ("before_restore", "恢复前"),
        Manual = ("manual", "手动备份"),
        BeforeEncryption = ("before_encryption", "加密设置变更前"),
        /// The damaged data file as it was, kept aside when a backup was restored over it.
        Damaged = ("damaged", "损坏的原数据文件"),
    }
);

/// One backup, as its sidecar records it and 设置 → 数据与备份 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    /// Where the file is now (not stored in the sidecar: folders move).
    #[serde(default)]
    pub path: String,
    /// The file name, e.g. `luoshi-20261202-072100-daily.sqlite3`.
    pub file: String,
    pub reason: BackupReason,
    /// Stored time text (China Standard Time).
    pub created_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub sha256: String,
    /// Absent for a damaged file kept aside (it could not be read).
    pub schema_version: Option<i64>,
    pub items: Option<i64>,
    pub summaries: Option<i64>,
    /// It opened read-only and passed `integrity_check` after it was written.
    pub checked: bool,
}

/// How many automatic backups are kept. Manual backups and damaged files kept aside are never
/// deleted automatically (the user made or needs them; they delete them by hand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Retention {
    /// 每日自动备份 kept (newest first).
    pub daily: u32,
    /// 每月自动备份 kept: the first start of each month makes one.
    pub monthly: u32,
    /// Kept of each before-change reason (升级数据结构前, 导入前, 恢复前), each counted apart.
    pub before_change: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { daily: 7, monthly: 12, before_change: 10 }
    }
}

/// The retention setting, or its default.
pub fn retention(conn: &Connection) -> Result<Retention> {
    Ok(settings::get(conn, RETENTION_KEY)?.unwrap_or_default())
}

/// Sets the retention; each count is 1–366.
pub fn set_retention(conn: &mut Connection, value: &Retention) -> Result<Retention> {
    for (field, label, n) in [
        ("daily", "每日备份保留份数", value.daily),
        ("monthly", "每月备份保留份数", value.monthly),
        ("before_change", "改动前备份保留份数", value.before_change),
    ] {
        if !(1..=366).contains(&n) {
            return Err(Error::invalid(field, format!("{label}应为 1—366，现为 {n}")));
        }
    }
    let tx = crate::db::begin_write(conn)?;
    settings::set(&tx, RETENTION_KEY, value)?;
    tx.commit()?;
    Ok(*value)
}

/// `<data dir>/backups`.
pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUPS_DIR)
}

/// The data file a connection reads (none for an in-memory database).
fn db_file(conn: &Connection) -> Option<PathBuf> {
    conn.path().filter(|p| !p.is_empty()).map(PathBuf::from)
}

fn data_dir_of(db: &Path) -> PathBuf {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether the file holds anything a person entered: automatic backups of an empty file are skipped.
fn has_data(conn: &Connection) -> Result<bool> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < 1 {
        return Ok(false);
    }
    let mut sql = String::from(
        "SELECT EXISTS (SELECT 1 FROM unit) OR EXISTS (SELECT 1 FROM profile) OR EXISTS (SELECT 1 FROM setting)",
    );
    if version >= 2 {
        sql.push_str(" OR EXISTS (SELECT 1 FROM calendar_day) OR EXISTS (SELECT 1 FROM calendar_year)");
    }
    Ok(conn.query_row(&sql, [], |r| r.get(0))?)
}

/// 立即备份 and every automatic backup: a checked copy of the database `conn` reads, in its data
/// folder's `backups/`, with its sidecar; then the retention rule runs. Not inside a transaction.
pub fn create(conn: &Connection, reason: BackupReason) -> Result<BackupInfo> {
    let db = db_file(conn).ok_or_else(|| Error::invalid("database", "内存中的数据库不能备份"))?;
    let dir = backups_dir(&data_dir_of(&db));
    fs::create_dir_all(&dir)?;
    let now = time::now();
    let stem_base = format!("luoshi-{}-{}", now.format("%Y%m%d-%H%M%S"), reason.code().replace('_', "-"));
    let mut stem = stem_base.clone();
    let mut n = 2;
    while dir.join(format!("{stem}.sqlite3")).exists() || dir.join(format!("{stem}.json")).exists() {
        stem = format!("{stem_base}-{n}");
        n += 1;
    }
    let path = dir.join(format!("{stem}.sqlite3"));
    let mut info = write_checked(conn, &path, reason, time::to_text(now))?;
    let sidecar = serde_json::to_string_pretty(&info).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    if let Err(e) = files::write_atomically(&dir.join(format!("{stem}.json")), sidecar.as_bytes()) {
        let _ = fs::remove_file(&path);
        return Err(e);
    }
    inspect::fsync_dir(&dir)?;
    info.path = path.display().to_string();
    prune(&dir, &retention(conn)?)?;
    Ok(info)
}

/// 另存到…: a checked copy written to `dest` (a USB stick), no sidecar, not subject to retention.
pub fn create_to(conn: &Connection, dest: &Path) -> Result<BackupInfo> {
    let dest = files::with_extension(dest, "sqlite3");
    let mut info = write_checked(conn, &dest, BackupReason::Manual, time::now_text())?;
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        inspect::fsync_dir(parent)?;
    }
    info.path = dest.display().to_string();
    Ok(info)
}

/// `VACUUM INTO` a temporary file beside `dest`, flush it, check it, then rename it to `dest`.
fn write_checked(
    conn: &Connection,
    dest: &Path,
    reason: BackupReason,
    created_at: String,
) -> Result<BackupInfo> {
    let file = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dest.with_file_name(format!(".{file}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&temp);
    let written = (|| -> Result<BackupInfo> {
        let target = temp
            .to_str()
            .ok_or_else(|| Error::invalid("file", format!("路径“{}”含有无法识别的字符", temp.display())))?;
        // An encrypted file's copy is encrypted with the same key (SQLCipher), and so is read back
        // through this connection: attached without a key, it takes the key of the open file.
        conn.execute("VACUUM INTO ?1", [target])?;
        inspect::fsync_file(&temp)?;
        let contents = verify_attached(conn, &temp).map_err(|e| BackupError::NotVerified {
            file: dest.display().to_string(),
            detail: e.to_string(),
        })?;
        let bytes = fs::metadata(&temp)?.len();
        let sha256 = inspect::sha256_file(&temp)?;
        fs::rename(&temp, dest)?;
        Ok(BackupInfo {
            path: String::new(),
            file: file.clone(),
            reason,
            created_at,
            bytes,
            sha256,
            schema_version: Some(contents.schema_version),
            items: Some(contents.items),
            summaries: Some(contents.summaries),
            checked: true,
        })
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// [`inspect::verify`] of a file written by `conn`, read back through it (attached).
fn verify_attached(conn: &Connection, path: &Path) -> Result<Contents> {
    inspect::check_header(path)?;
    crate::encryption::attach_same_key(conn, path, "written_backup")?;
    let checked = inspect::verify_schema(conn, "written_backup", &path.display().to_string());
    conn.execute_batch("DETACH DATABASE written_backup")?;
    checked
}

/// A backup's file replaced by `new` (the same data re-encrypted, already checked): flushed, its
/// record rewritten with the new size and SHA-256, then renamed over it. In that order, a crash
/// between the two leaves the old file, which the next switch writes again with its record.
pub(crate) fn replace_file(info: &BackupInfo, new: &Path) -> Result<()> {
    let path = Path::new(&info.path);
    inspect::fsync_file(new)?;
    let record = BackupInfo {
        path: String::new(),
        bytes: fs::metadata(new)?.len(),
        sha256: inspect::sha256_file(new)?,
        ..info.clone()
    };
    let sidecar = serde_json::to_string_pretty(&record).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    files::write_atomically(&path.with_extension("json"), sidecar.as_bytes())?;
    fs::rename(new, path)?;
    inspect::fsync_dir(&data_dir_of(path))?;
    Ok(())
}

/// An automatic backup before a change (migration, import, restore): skipped for an in-memory
/// database and for a file that holds nothing yet. Returns the backup made, if any.
pub fn before_change(conn: &Connection, reason: BackupReason) -> Result<Option<BackupInfo>> {
    if db_file(conn).is_none() || !has_data(conn)? {
        return Ok(None);
    }
    create(conn, reason).map(Some)
}

/// The window's start: on the first start of a month a monthly backup, else on the first start of a
/// day a daily one, else nothing. Reads through its own read-only connection, so it runs beside
/// the window's connection without holding it. The CLI does not call it (scripts run it many times
/// a day, and each run would wait for a full copy).
pub fn at_start(data_dir: &Path, key: Option<&crate::encryption::DataKey>) -> Result<Option<BackupInfo>> {
    let db = data_dir.join(paths::DATABASE_FILE);
    let conn = inspect::open_read_only(&db, key)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    if !has_data(&conn)? {
        return Ok(None);
    }
    let now = time::now();
    let (today, month) = (now.format("%Y-%m-%d").to_string(), now.format("%Y-%m").to_string());
    let made = list(data_dir)?;
    let made_in = |reason: BackupReason, prefix: &str| {
        made.iter().any(|b| b.reason == reason && b.created_at.starts_with(prefix))
    };
    let reason = if !made_in(BackupReason::Monthly, &month) {
        BackupReason::Monthly
    } else if !made_in(BackupReason::Daily, &today) && !made_in(BackupReason::Monthly, &today) {
        BackupReason::Daily
    } else {
        return Ok(None);
    };
    create(&conn, reason).map(Some)
}

/// The backups in `<data dir>/backups/`, newest first. A file without a readable sidecar is not
/// listed (a hand-copied file can still be restored with 从文件恢复).
pub fn list(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    list_dir(&backups_dir(data_dir))
}

fn list_dir(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let is_sidecar = path.extension().is_some_and(|e| e == "json")
            && path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("luoshi-"));
        if !is_sidecar {
            continue;
        }
        let Ok(text) = fs::read_to_string(&path) else { continue };
        let Ok(mut info) = serde_json::from_str::<BackupInfo>(&text) else { continue };
        let file = dir.join(&info.file);
        if !file.is_file() {
            continue;
        }
        info.path = file.display().to_string();
        out.push(info);
    }
    out.sort_by(|a, b| b.file.cmp(&a.file));
    Ok(out)
}

/// The newest backup that was checked when written: what the damaged page offers.
pub fn newest_good(data_dir: &Path) -> Result<Option<BackupInfo>> {
    Ok(list(data_dir)?.into_iter().find(|b| b.checked))
}

/// Deletes the automatic backups beyond the retention: per reason, the newest are kept.
fn prune(dir: &Path, keep: &Retention) -> Result<()> {
    let all = list_dir(dir)?;
    for reason in BackupReason::ALL {
        let limit = match reason {
            BackupReason::Daily => keep.daily,
            BackupReason::Monthly => keep.monthly,
            BackupReason::BeforeMigration
            | BackupReason::BeforeImport
            | BackupReason::BeforeRestore
            | BackupReason::BeforeEncryption => keep.before_change,
            BackupReason::Manual | BackupReason::Damaged => continue,
        };
        for old in all.iter().filter(|b| b.reason == *reason).skip(limit as usize) {
            let file = dir.join(&old.file);
            fs::remove_file(&file)?;
            fs::remove_file(file.with_extension("json"))?;
        }
    }
    Ok(())
}

/// Refuses to create a new, empty data file where one is missing or empty while `backups/` holds
/// backups: that is data gone, not a first start. Called before the database is opened.
pub fn guard_missing(data_dir: &Path) -> Result<()> {
    let db = data_dir.join(paths::DATABASE_FILE);
    let len = match fs::metadata(&db) {
        Ok(m) => Some(m.len()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let wal_len =
        fs::metadata(data_dir.join(format!("{}-wal", paths::DATABASE_FILE))).map(|m| m.len()).unwrap_or(0);
    let what = match len {
        None => "不存在",
        Some(0) if wal_len == 0 => "是空文件（0 字节）",
        // A file with pages, or an empty one whose commits are still in -wal (SQLite reads them).
        _ => return Ok(()),
    };
    let backups = list(data_dir)?;
    if backups.is_empty() {
        return Ok(());
    }
    Err(BackupError::Missing {
        file: db.display().to_string(),
        what,
        backups: backups_dir(data_dir).display().to_string(),
        count: backups.len(),
        newest: backups.iter().find(|b| b.checked).map_or_else(|| "无完好备份".into(), |b| b.file.clone()),
    }
    .into())
}

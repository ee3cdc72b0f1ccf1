//! 从备份恢复: the chosen file is copied beside the data file and checked there; only a good 落实
//! database gets past that, and then the current file is backed up, the connection closed, the
//! copy renamed over the data file (stale `-wal`/`-shm` removed, the folder flushed) and reopened.
//! Whatever is refused changes nothing.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::inspect::{self, Contents};
use super::{BackupError, BackupInfo, BackupReason};
use crate::encryption::{self, DataKey};
use crate::{paths, time, Result, Store};

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    /// The file restored from.
    pub source: String,
    pub sha256: String,
    pub schema_version: i64,
    pub items: i64,
    pub summaries: i64,
    /// The copy of the data as it was before the restore (none when it held nothing).
    pub previous: Option<BackupInfo>,
}

/// A checked copy of the chosen file (or of the data file re-encrypted), waiting beside the data
/// file to be renamed over it.
pub(crate) struct Staged {
    pub(crate) temp: PathBuf,
    source: String,
    sha256: String,
    contents: Contents,
}

fn sidecar_files(db: &Path) -> [PathBuf; 2] {
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    [db.with_file_name(format!("{name}-wal")), db.with_file_name(format!("{name}-shm"))]
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

impl Staged {
    /// Copies `source` beside the data file and checks the copy: the header, `integrity_check`,
    /// our tables, a schema version not newer than ours. The copy is switched to a rollback journal
    /// (a file copied out of a running app still says WAL). In an encrypted data folder (`key`) the
    /// file must open with its key, and a plain one is encrypted with it on the way in, so the data
    /// file stays encrypted. On any failure the copy is removed.
    fn prepare(data_dir: &Path, source: &Path, key: Option<&DataKey>) -> Result<Staged> {
        let name = source.display().to_string();
        inspect::check_header(source)?;
        let temp = staging_path(data_dir, "restore");
        let staged = (|| -> Result<Staged> {
            fs::copy(source, &temp).map_err(|e| BackupError::SourceUnreadable {
                file: name.clone(),
                detail: inspect::io_detail(&e),
            })?;
            let sha256 = inspect::sha256_file(&temp)?;
            let conn = Connection::open(&temp).map_err(|e| inspect::source_error(&name, e.into()))?;
            encryption::apply_key(&conn, &temp, key).map_err(|e| inspect::source_error(&name, e))?;
            let contents = inspect::verify_open(&conn, &name)?;
            conn.pragma_update(None, "journal_mode", "DELETE")?;
            if key.is_some() && !encryption::is_encrypted(&temp)? {
                let encrypted = staging_path(data_dir, "encrypt");
                let exported = export(&conn, &encrypted, key);
                conn.close().map_err(|(_, e)| e)?;
                if let Err(e) = exported {
                    Staged::discard_path(&encrypted);
                    return Err(e);
                }
                Staged::discard_path(&temp);
                fs::rename(&encrypted, &temp)?;
            } else {
                conn.close().map_err(|(_, e)| e)?;
            }
            for stale in sidecar_files(&temp) {
                remove_if_present(&stale)?;
            }
            inspect::fsync_file(&temp)?;
            Ok(Staged { temp: temp.clone(), source: name.clone(), sha256, contents })
        })();
        if staged.is_err() {
            Staged::discard_path(&temp);
        }
        staged
    }

    /// The open data file copied into a new file beside it, encrypted with `key` or plain, and
    /// checked: the first half of switching encryption on or off.
    pub(crate) fn export_of(store: &Store, key: Option<&DataKey>) -> Result<Staged> {
        let temp = staging_path(store.data_dir(), "rekey");
        let name = store.database_path().display().to_string();
        let staged = (|| -> Result<Staged> {
            let contents = export(store.conn(), &temp, key)?;
            inspect::fsync_file(&temp)?;
            let sha256 = inspect::sha256_file(&temp)?;
            Ok(Staged { temp: temp.clone(), source: name.clone(), sha256, contents })
        })();
        if staged.is_err() {
            Staged::discard_path(&temp);
        }
        staged
    }

    fn discard_path(temp: &Path) {
        let _ = fs::remove_file(temp);
        for stale in sidecar_files(temp) {
            let _ = fs::remove_file(stale);
        }
    }

    pub(crate) fn discard(&self) {
        Staged::discard_path(&self.temp);
    }

    /// The swap, with every connection of ours to `db` closed: the old file's `-wal` and `-shm` go
    /// first (closing checkpointed them; left beside the new file they would be replayed into it),
    /// then the rename, then the folder is flushed so the rename survives a power cut.
    pub(crate) fn swap_into(&self, db: &Path) -> Result<()> {
        for stale in sidecar_files(db) {
            remove_if_present(&stale)?;
        }
        fs::rename(&self.temp, db).map_err(|e| {
            // On Windows a file another process has open cannot be replaced: another 落实 (the
            // window, or the CLI) or a program that copies or scans it.
            let denied = cfg!(windows) && e.kind() == std::io::ErrorKind::PermissionDenied;
            if denied || crate::error::held_open(&e) {
                crate::Error::InUse(format!(
                    "数据文件“{}”正被另一个程序打开（例如另一个落实窗口或命令行、备份或杀毒软件），无法替换；请关闭它后再恢复。数据没有改动。",
                    db.display()
                ))
            } else {
                e.into()
            }
        })?;
        inspect::fsync_dir(&super::data_dir_of(db))?;
        Ok(())
    }

    /// The restore's record in the restored file's own trail, which goes on from the backup's last
    /// record (the file is reopened, so migrated, before this).
    fn note(&self, conn: &Connection) -> Result<()> {
        let name = Path::new(&self.source)
            .file_name()
            .map_or_else(|| self.source.clone(), |n| n.to_string_lossy().into());
        let detail = serde_json::json!({
            "source": self.source,
            "sha256": self.sha256,
            "schema_version": self.contents.schema_version,
        });
        crate::audit::note(
            conn,
            crate::audit::AuditAction::Restore,
            crate::audit::AuditObject::Backup,
            &name,
            &detail,
        )
    }

    fn report(&self, previous: Option<BackupInfo>) -> RestoreReport {
        RestoreReport {
            source: self.source.clone(),
            sha256: self.sha256.clone(),
            schema_version: self.contents.schema_version,
            items: self.contents.items,
            summaries: self.contents.summaries,
            previous,
        }
    }
}

/// 从备份恢复 into the open store: check the file, back up the current data (恢复前), close the
/// connection, swap, reopen (migrating an older file). A refused file changes nothing.
pub fn restore(store: &mut Store, source: &Path) -> Result<RestoreReport> {
    let staged = Staged::prepare(store.data_dir(), source, store.key())?;
    // The current data first; a file too damaged to copy through SQLite is kept aside as it is.
    let previous = match super::before_change(store.conn(), BackupReason::BeforeRestore) {
        Ok(previous) => Ok(previous),
        Err(e) if is_damage(&e) => keep_aside(&store.database_path()),
        Err(e) => Err(e),
    };
    let previous = match previous {
        Ok(previous) => previous,
        Err(e) => {
            staged.discard();
            return Err(e);
        }
    };
    let key = store.key().cloned();
    let swapped = store.reopen_around(key, |db| staged.swap_into(db));
    if swapped.is_err() {
        staged.discard();
    }
    swapped?;
    staged.note(store.conn())?;
    Ok(staged.report(previous))
}

/// Whether an error says the data file itself is damaged.
fn is_damage(e: &crate::Error) -> bool {
    match e {
        crate::Error::Backup(BackupError::NotVerified { .. } | BackupError::Damaged { .. }) => true,
        crate::Error::Database(inner) => super::error::sqlite_damage(inner).is_some(),
        _ => false,
    }
}

/// 从备份恢复 when the data file could not be opened (damaged, or missing while backups exist): the
/// file as it is (with its `-wal`) is kept aside in `backups/` as 损坏的原数据文件, unchecked, then
/// the checked copy takes its place and the folder is opened (with `key`, when it is encrypted).
pub fn restore_without_store(
    data_dir: &Path,
    source: &Path,
    key: Option<DataKey>,
) -> Result<(Store, RestoreReport)> {
    let staged = Staged::prepare(data_dir, source, key.as_ref())?;
    let db = data_dir.join(paths::DATABASE_FILE);
    let previous = match keep_aside(&db) {
        Ok(previous) => previous,
        Err(e) => {
            staged.discard();
            return Err(e);
        }
    };
    if let Err(e) = staged.swap_into(&db) {
        staged.discard();
        return Err(e);
    }
    let store = Store::open_with_key(data_dir, key)?;
    staged.note(store.conn())?;
    Ok((store, staged.report(previous)))
}

fn staging_path(data_dir: &Path, what: &str) -> PathBuf {
    data_dir.join(format!(".{}.{what}.{}.tmp", paths::DATABASE_FILE, std::process::id()))
}

/// `sqlcipher_export` of the database `conn` has open into a new file at `dest`, encrypted with
/// `key` or plain, then checked through the same connection. The schema version is not part of
/// the export and is set by hand.
pub(crate) fn export(conn: &Connection, dest: &Path, key: Option<&DataKey>) -> Result<Contents> {
    let _ = fs::remove_file(dest);
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    encryption::attach(conn, dest, "exported", key)?;
    let done = (|| -> Result<Contents> {
        conn.query_row("SELECT sqlcipher_export('exported')", [], |_| Ok(()))?;
        conn.pragma_update(Some("exported"), "user_version", version)?;
        inspect::verify_schema(conn, "exported", &dest.display().to_string())
    })();
    conn.execute_batch("DETACH DATABASE exported")?;
    done
}

/// Copies a data file that cannot be opened, byte for byte (and its `-wal`), into `backups/`.
fn keep_aside(db: &Path) -> Result<Option<BackupInfo>> {
    let bytes = match fs::metadata(db) {
        Ok(m) if m.len() > 0 => m.len(),
        _ => return Ok(None),
    };
    let dir = super::backups_dir(&super::data_dir_of(db));
    fs::create_dir_all(&dir)?;
    let now = time::now();
    let stem = format!("luoshi-{}-damaged", now.format("%Y%m%d-%H%M%S"));
    let copy = dir.join(format!("{stem}.sqlite3"));
    fs::copy(db, &copy)?;
    inspect::fsync_file(&copy)?;
    let [wal, _] = sidecar_files(db);
    if wal.is_file() {
        let [wal_copy, _] = sidecar_files(&copy);
        fs::copy(&wal, &wal_copy)?;
        inspect::fsync_file(&wal_copy)?;
    }
    let info = BackupInfo {
        path: copy.display().to_string(),
        file: format!("{stem}.sqlite3"),
        reason: BackupReason::Damaged,
        created_at: time::to_text(now),
        bytes,
        sha256: inspect::sha256_file(&copy)?,
        schema_version: None,
        items: None,
        summaries: None,
        checked: false,
    };
    let sidecar =
        serde_json::to_string_pretty(&info).map_err(|e| crate::Error::Io(std::io::Error::other(e)))?;
    crate::files::write_atomically(&dir.join(format!("{stem}.json")), sidecar.as_bytes())?;
    inspect::fsync_dir(&dir)?;
    Ok(Some(info))
}

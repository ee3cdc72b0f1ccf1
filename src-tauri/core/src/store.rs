//! The opened data folder: one database connection (the one writer) and where it lives.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::encryption::{self, DataKey, Secret};
use crate::{backup, db, paths};

pub struct Store {
    conn: Connection,
    data_dir: PathBuf,
    /// The key of an encrypted data file, kept for the connections opened beside this one.
    key: Option<DataKey>,
}

/// What 关于 and `luoshi-cli info` show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub schema_version: i64,
    pub data_dir: String,
}

impl Store {
    /// Opens the data folder, creating it and its database on first use. A database file that is
    /// missing or empty while `backups/` holds backups is refused, not replaced by a new empty one;
    /// a file SQLite calls damaged is refused with [`backup::BackupError::Damaged`]; an encrypted
    /// one with [`encryption::EncryptionError::Locked`] (see [`Store::unlock`]).
    pub fn open(data_dir: &Path) -> crate::Result<Store> {
        Store::open_with_key(data_dir, None)
    }

    /// Opens an encrypted data folder with a password or its recovery key (a plain one opens as
    /// with [`Store::open`]).
    pub fn unlock(data_dir: &Path, secret: &Secret) -> crate::Result<Store> {
        let path = data_dir.join(paths::DATABASE_FILE);
        if !encryption::is_encrypted(&path)? {
            return Store::open(data_dir);
        }
        Store::unlock_with_key(data_dir, encryption::unlock(data_dir, secret)?)
    }

    /// Opens an encrypted data folder with the key a secret gave ([`encryption::unlock`]). A key the
    /// password file confirmed that SQLCipher still cannot use means the file is damaged:
    /// [`backup::BackupError::Damaged`], so the window offers a backup.
    pub fn unlock_with_key(data_dir: &Path, key: DataKey) -> crate::Result<Store> {
        let confirmed = encryption::key_file(data_dir).is_file();
        Store::open_with_key(data_dir, Some(key)).map_err(|e| match e {
            crate::Error::Encryption(encryption::EncryptionError::KeyRefused { file }) if confirmed => {
                backup::BackupError::Damaged { file, detail: "密码正确，但文件无法解密".into() }.into()
            }
            other => other,
        })
    }

    /// Opens a data folder, the file encrypted with `key` or plain. An encrypted folder's backups are
    /// brought in line with it first, in case a switch of encryption was cut short.
    pub fn open_with_key(data_dir: &Path, key: Option<DataKey>) -> crate::Result<Store> {
        std::fs::create_dir_all(data_dir)?;
        backup::guard_missing(data_dir)?;
        let path = data_dir.join(paths::DATABASE_FILE);
        let conn = db::open(&path, key.as_ref()).map_err(|e| backup::damaged_or(&path, e))?;
        if let Some(key) = &key {
            encryption::finish_switch(data_dir, key)?;
        }
        Ok(Store { conn, data_dir: data_dir.to_path_buf(), key })
    }

    /// The key of the data file, when it is encrypted.
    pub fn key(&self) -> Option<&DataKey> {
        self.key.as_ref()
    }

    /// The database file.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(paths::DATABASE_FILE)
    }

    /// Closes the connection, runs `f` on the closed file, and opens it again (even when `f` failed,
    /// so the store goes on with whichever file is in place). For the swap of a restore, and of a
    /// switch of encryption (`key` is the new file's key; the old one's is kept if `f` failed).
    pub(crate) fn reopen_around<T>(
        &mut self,
        key: Option<DataKey>,
        f: impl FnOnce(&Path) -> crate::Result<T>,
    ) -> crate::Result<T> {
        let path = self.database_path();
        // Every commit into the main file, so nothing is left in -wal when it is removed.
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let placeholder = Connection::open_in_memory()?;
        placeholder.pragma_update(None, "query_only", true)?;
        let old = std::mem::replace(&mut self.conn, placeholder);
        if let Err((conn, e)) = old.close() {
            self.conn = conn;
            return Err(e.into());
        }
        let out = f(&path);
        if out.is_ok() {
            self.key = key;
        }
        self.conn = db::open(&path, self.key.as_ref()).map_err(|e| backup::damaged_or(&path, e))?;
        out
    }

    /// Allows or refuses writes on the connection (`PRAGMA query_only`): the window keeps it
    /// query-only until the start check of the file has passed.
    pub fn set_writable(&self, writable: bool) -> crate::Result<()> {
        Ok(self.conn.pragma_update(None, "query_only", !writable)?)
    }

    /// Whether an error is SQLite refusing a write on a query-only connection (nothing changed).
    pub fn is_refused_write(e: &crate::Error) -> bool {
        matches!(e, crate::Error::Database(inner) if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly))
    }

    /// Whether the store reads a file (false only after a reopen failed: it must be opened again).
    pub fn is_open(&self) -> bool {
        self.conn.path().is_some_and(|p| !p.is_empty())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn info(&self) -> crate::Result<AppInfo> {
        Ok(AppInfo {
            version: crate::VERSION.to_string(),
            schema_version: db::schema_version(&self.conn)?,
            data_dir: self.data_dir.display().to_string(),
        })
    }
}

//! The opened data folder: one database connection (the one writer) and where it lives.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::{db, paths};

pub struct Store {
    conn: Connection,
    data_dir: PathBuf,
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
    /// Opens the data folder, creating it and its database on first use.
    pub fn open(data_dir: &Path) -> crate::Result<Store> {
        std::fs::create_dir_all(data_dir)?;
        let conn = db::open(&data_dir.join(paths::DATABASE_FILE))?;
        Ok(Store { conn, data_dir: data_dir.to_path_buf() })
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

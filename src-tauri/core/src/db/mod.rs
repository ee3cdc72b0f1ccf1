//! The SQLite file: opening it with the house settings and bringing its schema up to date.

mod migrations;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::encryption::DataKey;

#[cfg(any(test, feature = "test-support"))]
pub use migrations::migrate_to;
pub use migrations::{migrate, schema_version, SCHEMA_VERSION};

/// Opens (creating if needed) the database at `path`: WAL, foreign keys on, a busy timeout, and
/// every pending migration applied. A file from a newer app is refused before anything is written:
/// its version is read before the switch to WAL, which rewrites a rollback-journal file's header.
/// A file that holds data is backed up (升级数据结构前) before its first pending migration. An
/// encrypted file needs its `key` (see `crate::encryption`); a plain one ignores it.
pub fn open(path: &Path, key: Option<&DataKey>) -> crate::Result<Connection> {
    let mut conn = Connection::open(path)?;
    crate::encryption::apply_key(&conn, path, key)?;
    configure(&conn)?;
    let found = schema_version(&conn)?;
    if found > SCHEMA_VERSION {
        return Err(crate::Error::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    use_wal(&conn)?;
    if found > 0 && found < SCHEMA_VERSION {
        crate::backup::before_change(&conn, crate::backup::BackupReason::BeforeMigration)?;
    }
    migrate(&mut conn)?;
    Ok(conn)
}

/// A JSON column (tags, suspensions, payloads …) read into or written from a Rust value.
#[derive(Debug, Clone, PartialEq)]
pub struct Json<T>(pub T);

/// Parses JSON column text (for loops that read columns as borrowed text).
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

impl<T: serde::de::DeserializeOwned> rusqlite::types::FromSql for Json<T> {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Json<T>> {
        serde_json::from_str(value.as_str()?)
            .map(Json)
            .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

impl<T: serde::Serialize> rusqlite::types::ToSql for Json<T> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        serde_json::to_string(&self.0)
            .map(rusqlite::types::ToSqlOutput::from)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    }
}

/// Begins a write transaction at once (`BEGIN IMMEDIATE`). A deferred one that reads first fails at
/// once with "database is locked" when another process writes; this one waits for the busy timeout.
/// Every user action that writes is one of these.
pub fn begin_write(conn: &mut Connection) -> crate::Result<Transaction<'_>> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

/// Runs one write through the connection's statement cache: SQLite compiles the audit trail's
/// triggers into every statement it prepares (about 40 µs for an edit of a unit, more for a wide
/// table), so a write statement is compiled once per connection, not once per call.
pub fn execute(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}

/// An in-memory database with the full schema, for unit tests.
pub fn open_in_memory() -> crate::Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    use_wal(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

pub(crate) fn configure(conn: &Connection) -> crate::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // Room for every write statement of the core (see `execute`) beside the cached queries.
    conn.set_prepared_statement_cache_capacity(128);
    conn.pragma_update(None, "foreign_keys", true)?;
    // Without it, INSERT OR REPLACE deletes the old row without firing the delete triggers that
    // keep events append-only, and an event could be rewritten in place.
    conn.pragma_update(None, "recursive_triggers", true)?;
    // The audit trail's triggers hash each record with it.
    crate::audit::register(conn)?;
    Ok(())
}

/// Switches the file to WAL. Writes the file's header, so it comes after the version check.
fn use_wal(conn: &Connection) -> crate::Result<()> {
    // WAL survives a killed process without losing committed transactions; NORMAL sync is the
    // usual pairing and keeps saves fast.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_with_house_settings() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = open(&dir.path().join("t.sqlite3"), None).expect("opens");
        let fk: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).expect("pragma");
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("pragma");
        assert_eq!(fk, 1);
        assert_eq!(mode, "wal");
        assert_eq!(schema_version(&conn).expect("version"), SCHEMA_VERSION);
    }
}

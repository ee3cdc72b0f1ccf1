//! Numbered SQL migrations embedded in the binary. Each runs in its own transaction together with
//! the bump of `user_version`, so a failure leaves the file at the previous version. Landed files are
//! never edited; a change is a new file.

use rusqlite::Connection;

/// In order; the schema version is the number of migrations applied.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_organisation", include_str!("../../migrations/0001_organisation.sql")),
    ("0002_calendar", include_str!("../../migrations/0002_calendar.sql")),
    ("0003_assignment", include_str!("../../migrations/0003_assignment.sql")),
    ("0004_summary", include_str!("../../migrations/0004_summary.sql")),
    ("0005_audit", include_str!("../../migrations/0005_audit.sql")),
    ("0006_audit_changes", include_str!("../../migrations/0006_audit_changes.sql")),
    ("0007_closing_index", include_str!("../../migrations/0007_closing_index.sql")),
    ("0008_archive", include_str!("../../migrations/0008_archive.sql")),
    ("0009_follow_up", include_str!("../../migrations/0009_follow_up.sql")),
];

/// The first schema version with the audit trail: from it on, every migration ends by
/// reinstalling the trail's row triggers for the tables as they now are.
const AUDIT_FROM: usize = 5;

/// One migration and the bump of `user_version`, in one transaction.
fn apply(conn: &mut Connection, index: usize, sql: &str) -> crate::Result<()> {
    let tx = crate::db::begin_write(conn)?;
    tx.execute_batch(sql)?;
    // A migration may edit a table's SQL in sqlite_schema (the documented way to widen a CHECK);
    // a new schema cookie makes every connection, this one included, read the schema again.
    let cookie: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "schema_version", cookie + 1)?;
    if index + 1 >= AUDIT_FROM {
        crate::audit::install(&tx)?;
    }
    tx.pragma_update(None, "user_version", index as i64 + 1)?;
    tx.commit()?;
    Ok(())
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> crate::Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies every migration the file lacks. Refuses a file written by a newer app.
pub fn migrate(conn: &mut Connection) -> crate::Result<()> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(crate::Error::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    for (index, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        apply(conn, index, sql)?;
    }
    Ok(())
}

/// Applies the migrations up to `version` only: an older app's file, for tests of what happens
/// when this app opens one.
#[cfg(any(test, feature = "test-support"))]
pub fn migrate_to(conn: &mut Connection, version: i64) -> crate::Result<()> {
    for (index, (_name, sql)) in MIGRATIONS.iter().enumerate().take(version as usize) {
        apply(conn, index, sql)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().expect("db");
        migrate(&mut conn).expect("first");
        migrate(&mut conn).expect("second");
        assert_eq!(schema_version(&conn).expect("version"), SCHEMA_VERSION);
    }

    #[test]
    fn newer_file_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().expect("db");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("set");
        let err = migrate(&mut conn).expect_err("refused");
        assert_eq!(err.code(), "schema_too_new");
        let tables: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).expect("count");
        assert_eq!(tables, 0, "nothing was created");
    }

    #[test]
    fn migration_names_are_numbered_in_order() {
        for (i, (name, _)) in MIGRATIONS.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name} out of order");
        }
    }
}

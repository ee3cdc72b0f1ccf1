//! Small settings stored as JSON under a key, each key owned by one area (e.g. `calendar.working_hours`,
//! `check.thresholds`). An absent key means the area's built-in default.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{de::DeserializeOwned, Serialize};

use crate::{time, Error, Result};

pub fn get<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let text: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?;
    text.map(|t| serde_json::from_str(&t).map_err(|e| Error::invalid(key, format!("设置“{key}”已损坏：{e}"))))
        .transpose()
}

pub fn set<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| Error::invalid(key, e.to_string()))?;
    crate::db::execute(
        conn,
        "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![key, text, time::now_text()],
    )?;
    Ok(())
}

/// Forgets a setting, so the built-in default applies again.
pub fn reset(conn: &Connection, key: &str) -> Result<()> {
    crate::db::execute(conn, "DELETE FROM setting WHERE key = ?1", [key])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::memory_db;

    #[test]
    fn round_trips_and_resets() {
        let conn = memory_db();
        assert_eq!(get::<Vec<String>>(&conn, "check.phrases").expect("get"), None);
        set(&conn, "check.phrases", &vec!["高度重视".to_string()]).expect("set");
        assert_eq!(get::<Vec<String>>(&conn, "check.phrases").expect("get"), Some(vec!["高度重视".into()]));
        reset(&conn, "check.phrases").expect("reset");
        assert_eq!(get::<Vec<String>>(&conn, "check.phrases").expect("get"), None);
    }
}

//! 编号: 督〔2026〕15号. The prefix is a setting; the sequence is per year, from a counter that only
//! grows, so a number is never handed out twice.

use rusqlite::{params, Connection};

use crate::{settings, Error, Result};

pub const PREFIX_KEY: &str = "assignment.number_prefix";
pub const DEFAULT_PREFIX: &str = "督";

pub fn get_prefix(conn: &Connection) -> Result<String> {
    Ok(settings::get::<String>(conn, PREFIX_KEY)?.unwrap_or_else(|| DEFAULT_PREFIX.to_string()))
}

pub fn set_prefix(conn: &Connection, prefix: &str) -> Result<String> {
    let p = prefix.trim();
    if p.is_empty() || p.chars().count() > 10 {
        return Err(Error::invalid("number_prefix", "编号前缀应为 1 到 10 个字"));
    }
    settings::set(conn, PREFIX_KEY, &p.to_string())?;
    Ok(p.to_string())
}

pub fn format_number(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}〔{year}〕{seq}号")
}

/// Takes the next sequence of `year` (inside the caller's transaction) and formats the number.
pub fn next_number(conn: &Connection, prefix: &str, year: i32) -> Result<(i64, String)> {
    // Cached, as every write is (`db::execute`): the trail's triggers are compiled into it.
    let seq: i64 = conn
        .prepare_cached(
            "INSERT INTO assignment_counter (year, last) VALUES (?1, 1)
             ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row(params![year], |r| r.get(0))?;
    Ok((seq, format_number(prefix, year, seq)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_numbers_count_per_year_with_the_prefix() {
        let conn = crate::db::open_in_memory().expect("db");
        assert_eq!(get_prefix(&conn).expect("p"), "督");
        assert_eq!(next_number(&conn, "督", 2026).expect("n").1, "督〔2026〕1号");
        assert_eq!(next_number(&conn, "督", 2026).expect("n").1, "督〔2026〕2号");
        assert_eq!(next_number(&conn, "督", 2027).expect("n").1, "督〔2027〕1号");
        set_prefix(&conn, "办督").expect("set");
        assert_eq!(get_prefix(&conn).expect("p"), "办督");
        assert!(set_prefix(&conn, " ").is_err());
    }
}

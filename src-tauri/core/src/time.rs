//! Business time. Every timestamp the app writes is China Standard Time (UTC+8), whatever the PC's zone.
//! Dates in Chinese are written here too, so that every paper and sentence spells them the same way.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

/// UTC+8, the zone of every business time.
#[allow(clippy::expect_used, reason = "a constant offset well inside ±24 h: it cannot fail")]
pub fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The environment variable of the test clock: the path of a file holding a business time
/// (RFC 3339). Only tests set it, so that an end-to-end test can move "now" while the app runs
/// and watch an item turn yellow; a missing or unreadable file means the real clock.
pub const TEST_CLOCK_ENV: &str = "LUOSHI_TEST_CLOCK";

/// Now, in China Standard Time (or the test clock's time, see [`TEST_CLOCK_ENV`]).
pub fn now() -> DateTime<FixedOffset> {
    test_clock().unwrap_or_else(|| Utc::now().with_timezone(&cst()))
}

fn test_clock() -> Option<DateTime<FixedOffset>> {
    let path = std::env::var_os(TEST_CLOCK_ENV)?;
    let text = std::fs::read_to_string(path).ok()?;
    DateTime::parse_from_rfc3339(text.trim()).ok().map(|t| t.with_timezone(&cst()))
}

/// The current year, by the core's clock.
pub fn this_year() -> i32 {
    chrono::Datelike::year(&now())
}

/// Now as the RFC 3339 text stored in the database (second precision, `+08:00`).
pub fn now_text() -> String {
    to_text(now())
}

/// A business time as stored in SQLite: RFC 3339 text with `+08:00`, second precision, so that text
/// order is time order. Rows read it and statements bind it through this type, never by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<FixedOffset>);

/// The stored text of a business time (second precision, `+08:00`).
pub fn to_text(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&cst()).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

impl rusqlite::types::ToSql for Timestamp {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(to_text(self.0)))
    }
}

/// Parses the stored text of a business time (for loops that read columns as borrowed text).
pub fn parse_stored(text: &str) -> rusqlite::Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

impl rusqlite::types::FromSql for Timestamp {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Timestamp> {
        DateTime::parse_from_rfc3339(value.as_str()?)
            .map(Timestamp)
            .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

/// Reads an optional stored time of a row.
pub fn optional(value: Option<Timestamp>) -> Option<DateTime<FixedOffset>> {
    value.map(|t| t.0)
}

/// 2026年3月5日: Arabic numerals without leading zeros, as GB/T 9704-2012 writes dates.
pub fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 2026年3月5日 09:30: the date as [`chinese_date`], then the time of day in its own offset
/// (business times are already CST).
pub fn chinese_date_time(t: DateTime<FixedOffset>) -> String {
    format!("{} {}", chinese_date(t.date_naive()), t.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_gbt9704_way() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
        assert_eq!(chinese_date(d), "2026年1月5日");
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(chinese_date(d), "2026年11月23日");
    }

    #[test]
    fn times_keep_the_minutes_two_digits() {
        let t = DateTime::parse_from_rfc3339("2026-03-05T09:05:00+08:00").expect("time");
        assert_eq!(chinese_date_time(t), "2026年3月5日 09:05");
        assert_eq!(chinese_date_time(t), t.format("%Y年%-m月%-d日 %H:%M").to_string());
    }
}

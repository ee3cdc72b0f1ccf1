//! Business time. Every timestamp the app writes is China Standard Time (UTC+8), whatever the PC's zone.

use chrono::{DateTime, FixedOffset, Utc};

/// UTC+8, the zone of every business time.
pub fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// Now, in China Standard Time.
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&cst())
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

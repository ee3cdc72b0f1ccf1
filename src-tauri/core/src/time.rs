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
    now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

//! Business time. Every timestamp the app writes is China Standard Time (UTC+8), whatever the PC's zone.
//! Dates in Chinese are written here too, so that every paper and sentence spells them the same way.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

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

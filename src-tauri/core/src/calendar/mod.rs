//! 工作日历 and 办理时限: which days are working days, what the working hours are, and when a time
//! limit ends. See docs/deadlines.md for the rules and worked examples.
//!
//! The official calendar ships inside the binary ([`official`]); the database holds user edits and
//! imported years ([`store`]). Everything that computes is a pure function on a loaded [`Calendar`],
//! built once from both, so a ledger of 100,000 items pays for the database only once.

pub mod clock;
pub mod days;
pub mod limits;
pub mod official;
pub mod store;
pub mod working_hours;
pub mod years;

#[cfg(test)]
mod tests;

pub use clock::{Clock, Due, Interval};
pub use days::{Calendar, DayInfo, DayKind, DaySource, YearSource};
pub use limits::{Category, CategoryLimit, CategoryLimits, Limit, LimitUnit};
pub use official::{CalendarFile, OffRange, YearData};
pub use store::{
    add_limit, export_year_json, export_year_to_file, import_year_json, is_workday, load, reset_year,
    set_day, year_view, YearView,
};
pub use working_hours::{WorkPeriod, WorkingHours};
pub use years::{FIRST_YEAR, LAST_YEAR};

/// Errors of the calendar area. All of them are bad input: the machine's own failures surface as the
/// core's database or I/O errors.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("“{value}”不是有效的日期，应写作 YYYY-MM-DD，例如 2026-10-10")]
    BadDate { field: String, value: String },
    #[error("“{value}”不是有效的时间，应写作 YYYY-MM-DDTHH:MM，例如 2026-09-30T16:00")]
    BadTime { field: String, value: String },
    #[error("{value} 超出工作日历支持的范围（{FIRST_YEAR}—{LAST_YEAR} 年）")]
    OutOfRange { field: String, value: String },
    #[error("时限单位“{value}”无效，应为 working-days（工作日）、working-hours（工作小时）、days（自然日）或 hours（小时）")]
    BadUnit { value: String },
    /// A calendar file that cannot be read, or whose content breaks a rule; `field` is the JSON path.
    #[error("日历文件有误{}：{message}", if field.is_empty() { String::new() } else { format!("（{field}）") })]
    BadFile { field: String, message: String },
}

impl CalendarError {
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::BadDate { .. } => "calendar_bad_date",
            CalendarError::BadTime { .. } => "calendar_bad_time",
            CalendarError::OutOfRange { .. } => "calendar_out_of_range",
            CalendarError::BadUnit { .. } => "calendar_bad_unit",
            CalendarError::BadFile { .. } => "calendar_bad_file",
        }
    }

    pub fn field(&self) -> Option<String> {
        match self {
            CalendarError::BadDate { field, .. }
            | CalendarError::BadTime { field, .. }
            | CalendarError::OutOfRange { field, .. }
            | CalendarError::BadFile { field, .. } => Some(field.clone()),
            CalendarError::BadUnit { .. } => Some("unit".to_string()),
        }
    }

    pub fn is_bad_input(&self) -> bool {
        true
    }
}

/// Parses a date as `YYYY-MM-DD`.
pub fn parse_date(field: &str, value: &str) -> crate::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| CalendarError::BadDate { field: field.to_string(), value: value.to_string() }.into())
}

/// Parses a business time: RFC 3339 with an offset, or a local CST time `YYYY-MM-DDTHH:MM[:SS]`
/// (a space may stand for the `T`). The result is in CST.
pub fn parse_time(field: &str, value: &str) -> crate::Result<chrono::DateTime<chrono::FixedOffset>> {
    let text = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&crate::time::cst()));
    }
    let text = text.replacen(' ', "T", 1);
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(&text, format).ok())
        .and_then(|naive| naive.and_local_timezone(crate::time::cst()).single())
        .ok_or_else(|| CalendarError::BadTime { field: field.to_string(), value: value.to_string() }.into())
}

//! 工作时间: the periods of a working day (default 09:00–12:00 and 13:30–17:30), kept in the
//! settings store under `calendar.working_hours`.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{settings, Error, Result};

pub const SETTING_KEY: &str = "calendar.working_hours";

/// The most periods a day may have (morning, afternoon, evening, and one spare).
const MAX_PERIODS: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkingHours {
    /// In order, not overlapping, all inside one day.
    pub periods: Vec<WorkPeriod>,
}

/// One period, `HH:MM` to `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkPeriod {
    pub start: String,
    pub end: String,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            periods: vec![
                WorkPeriod { start: "09:00".into(), end: "12:00".into() },
                WorkPeriod { start: "13:30".into(), end: "17:30".into() },
            ],
        }
    }
}

/// Working hours as seconds from midnight, ready for arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySchedule {
    /// (start, end) seconds from midnight, ascending, disjoint, non-empty.
    pub periods: Vec<(i64, i64)>,
    /// Working seconds in a working day.
    pub length: i64,
}

impl DaySchedule {
    /// When the last period ends (the close of working hours).
    pub fn close(&self) -> i64 {
        self.periods.last().map_or(0, |p| p.1)
    }

    /// Working seconds of a working day that lie before `second` (seconds from midnight).
    pub fn worked_before(&self, second: i64) -> i64 {
        self.periods.iter().map(|&(start, end)| (second.min(end) - start).max(0)).sum()
    }

    /// The earliest second of the day by which `worked` working seconds (1..=length) have passed.
    pub fn second_at(&self, worked: i64) -> i64 {
        let mut left = worked;
        for &(start, end) in &self.periods {
            if left <= end - start {
                return start + left;
            }
            left -= end - start;
        }
        self.close()
    }
}

impl WorkingHours {
    /// Checks the periods and returns them normalised (`9:00` becomes `09:00`) with their schedule.
    /// Errors name the field, e.g. `periods[1].start`.
    pub fn check(&self) -> Result<(WorkingHours, DaySchedule)> {
        if self.periods.is_empty() {
            return Err(Error::invalid("periods", "工作时间至少要有一段"));
        }
        if self.periods.len() > MAX_PERIODS {
            return Err(Error::invalid("periods", format!("工作时间最多 {MAX_PERIODS} 段")));
        }
        let mut periods = Vec::with_capacity(self.periods.len());
        let mut previous_end = 0;
        for (i, period) in self.periods.iter().enumerate() {
            let start = parse_clock(&format!("periods[{i}].start"), &period.start)?;
            let end = parse_clock(&format!("periods[{i}].end"), &period.end)?;
            if end <= start {
                return Err(Error::invalid(
                    format!("periods[{i}].end"),
                    format!("第 {} 段的结束时间应晚于开始时间 {}", i + 1, show_clock(start)),
                ));
            }
            if i > 0 && start < previous_end {
                return Err(Error::invalid(
                    format!("periods[{i}].start"),
                    format!("第 {} 段应在第 {} 段结束（{}）之后开始", i + 1, i, show_clock(previous_end)),
                ));
            }
            previous_end = end;
            periods.push((start, end));
        }
        let normal = WorkingHours {
            periods: periods
                .iter()
                .map(|&(s, e)| WorkPeriod { start: show_clock(s), end: show_clock(e) })
                .collect(),
        };
        let length = periods.iter().map(|(s, e)| e - s).sum();
        Ok((normal, DaySchedule { periods, length }))
    }
}

/// The configured working hours, or the default.
pub fn get(conn: &Connection) -> Result<WorkingHours> {
    Ok(settings::get(conn, SETTING_KEY)?.unwrap_or_default())
}

/// Checks and stores working hours; returns them normalised.
pub fn set(conn: &Connection, hours: &WorkingHours) -> Result<WorkingHours> {
    let (normal, _) = hours.check()?;
    settings::set(conn, SETTING_KEY, &normal)?;
    Ok(normal)
}

/// Back to 09:00–12:00, 13:30–17:30.
pub fn reset(conn: &Connection) -> Result<WorkingHours> {
    settings::reset(conn, SETTING_KEY)?;
    Ok(WorkingHours::default())
}

/// `HH:MM` (hour 0–23) as seconds from midnight.
fn parse_clock(field: &str, text: &str) -> Result<i64> {
    let parsed = text.trim().split_once(':').and_then(|(h, m)| {
        let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
        ((0..24).contains(&h) && (0..60).contains(&m) && text.trim().len() <= 5).then_some(h * 3600 + m * 60)
    });
    parsed.ok_or_else(|| Error::invalid(field, format!("“{text}”不是有效的时间，应写作 HH:MM，例如 09:00")))
}

fn show_clock(second: i64) -> String {
    format!("{:02}:{:02}", second / 3600, second % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::memory_db;

    fn hours(periods: &[(&str, &str)]) -> WorkingHours {
        WorkingHours {
            periods: periods
                .iter()
                .map(|(s, e)| WorkPeriod { start: s.to_string(), end: e.to_string() })
                .collect(),
        }
    }

    #[test]
    fn default_is_seven_hours_closing_at_half_past_five() {
        let (_, schedule) = WorkingHours::default().check().expect("valid");
        assert_eq!(schedule.length, 7 * 3600);
        assert_eq!(schedule.close(), 17 * 3600 + 1800);
        assert_eq!(schedule.worked_before(12 * 3600 + 1800), 3 * 3600);
        assert_eq!(schedule.second_at(3 * 3600), 12 * 3600, "the earliest instant, before lunch");
        assert_eq!(schedule.second_at(3 * 3600 + 1), 13 * 3600 + 1800 + 1);
    }

    #[test]
    fn normalises_and_rejects_with_the_field_named() {
        let (normal, _) = hours(&[("9:00", "12:00")]).check().expect("valid");
        assert_eq!(normal, hours(&[("09:00", "12:00")]));
        let cases = [
            (hours(&[]), "periods"),
            (hours(&[("09:00", "25:00")]), "periods[0].end"),
            (hours(&[("9点", "12:00")]), "periods[0].start"),
            (hours(&[("12:00", "09:00")]), "periods[0].end"),
            (hours(&[("09:00", "12:00"), ("11:00", "17:00")]), "periods[1].start"),
        ];
        for (input, field) in cases {
            let err = input.check().expect_err(field);
            assert_eq!(err.field().as_deref(), Some(field), "{err}");
            assert_eq!(err.code(), "invalid");
        }
    }

    #[test]
    fn stored_in_the_settings() {
        let conn = memory_db();
        assert_eq!(get(&conn).expect("get"), WorkingHours::default());
        let saved = set(&conn, &hours(&[("8:30", "12:00"), ("14:00", "18:00")])).expect("set");
        assert_eq!(get(&conn).expect("get"), saved);
        assert_eq!(saved.periods[0].start, "08:30");
        reset(&conn).expect("reset");
        assert_eq!(get(&conn).expect("get"), WorkingHours::default());
    }
}

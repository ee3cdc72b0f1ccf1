//! Deadlines and elapsed time on a loaded [`Calendar`].
//!
//! Times are counted in whole seconds of China Standard Time from 2000-01-01 00:00 ("table
//! seconds"). On the working clock, `worked(t)` is the number of working seconds before `t` since
//! that origin: working days before `t`'s day times the working-day length, plus what `t`'s own day
//! has worked by then. It is a lookup, so elapsed working time is a subtraction and adding working
//! time is its inverse.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::days::Calendar;
use super::limits::{Limit, LimitUnit};
use super::CalendarError;
use crate::time::cst;
use crate::Result;

const DAY: i64 = 86_400;
/// 2000-01-01T00:00 CST as a Unix timestamp.
const ORIGIN_UNIX: i64 = 946_684_800 - 8 * 3600;

/// What a limit counts: plain time, or only time inside working hours on working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    Natural,
    Working,
}

// Here rather than in limits.rs, so that limits know nothing of the clock that counts them.
impl LimitUnit {
    /// The clock the unit counts on.
    pub fn clock(self) -> Clock {
        match self {
            LimitUnit::NaturalHours | LimitUnit::NaturalDays => Clock::Natural,
            LimitUnit::WorkingHours | LimitUnit::WorkingDays => Clock::Working,
        }
    }
}

/// A computed deadline. `confirmed` is false when the count passed through a year with no calendar
/// (the weekday rule was used): the UI shows 未确认.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Due {
    pub due: DateTime<FixedOffset>,
    pub confirmed: bool,
}

/// A stretch of time that does not count (an item's 中止 from suspension to resumption; for one
/// still suspended, pass the current time as `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
}

impl Calendar {
    /// The deadline of a limit that starts at `start`:
    /// - working days: the close of working hours on the Nth working day after `start`'s day;
    /// - working hours: the instant when N hours inside working time have passed since `start`;
    /// - natural hours and days: `start` plus N × 1 h or N × 24 h.
    pub fn add(&self, start: DateTime<FixedOffset>, limit: Limit) -> Result<Due> {
        let s = self.to_secs("from", start)?;
        let amount = i64::from(limit.amount);
        let due = match limit.unit {
            LimitUnit::WorkingDays => self.close_of_nth_workday_after(s, amount)?,
            LimitUnit::WorkingHours => self.advance(Clock::Working, s, amount * 3600)?,
            LimitUnit::NaturalHours => self.advance(Clock::Natural, s, amount * 3600)?,
            LimitUnit::NaturalDays => self.advance(Clock::Natural, s, amount * DAY)?,
        };
        self.due(limit.unit.clock(), s, due)
    }

    /// Like [`Calendar::add`], with time inside `suspended` not counted: the deadline is the
    /// instant at which the counted time since `start` reaches the limit's allotment. Intervals may
    /// overlap or come in any order; time before `start` is ignored. For working days, the deadline
    /// then moves to the close of its day (a partly suspended day costs a whole day).
    pub fn add_excluding(
        &self,
        start: DateTime<FixedOffset>,
        limit: Limit,
        suspended: &[Interval],
    ) -> Result<Due> {
        let s = self.to_secs("from", start)?;
        let plain = self.to_secs("due", self.add(start, limit)?.due)?;
        let clock = limit.unit.clock();
        let mut left = self.measure(clock, s, plain);
        let mut cursor = s;
        for (from, to) in self.merged(suspended)? {
            if to <= cursor {
                continue;
            }
            let before = self.measure(clock, cursor, from.max(cursor));
            if before >= left {
                break;
            }
            left -= before;
            cursor = to;
        }
        let mut due = self.advance(clock, cursor, left)?;
        if limit.unit == LimitUnit::WorkingDays && due != plain {
            due = self.close_of_day_containing(due)?;
        }
        self.due(clock, s, due)
    }

    /// Time counted on `clock` from `a` to `b`; zero when `b` is not after `a`.
    pub fn elapsed(
        &self,
        clock: Clock,
        a: DateTime<FixedOffset>,
        b: DateTime<FixedOffset>,
    ) -> Result<TimeDelta> {
        let (a, b) = (self.to_secs("from", a)?, self.to_secs("to", b)?);
        Ok(TimeDelta::seconds(self.measure(clock, a, b)))
    }

    /// Working time from `a` to `b` (only time inside working hours on working days).
    pub fn working_time_between(
        &self,
        a: DateTime<FixedOffset>,
        b: DateTime<FixedOffset>,
    ) -> Result<TimeDelta> {
        self.elapsed(Clock::Working, a, b)
    }

    /// Time counted on `clock` from `a` to `b`, less the parts inside `suspended`.
    pub fn elapsed_excluding(
        &self,
        clock: Clock,
        a: DateTime<FixedOffset>,
        b: DateTime<FixedOffset>,
        suspended: &[Interval],
    ) -> Result<TimeDelta> {
        let (a, b) = (self.to_secs("from", a)?, self.to_secs("to", b)?);
        Ok(TimeDelta::seconds(self.measure_excluding(clock, a, b, &self.merged(suspended)?)))
    }

    /// The share of the allotted time used by `now`: counted time from `start` to `now` over counted
    /// time from `start` to `due`, suspensions excluded. 0.8 or more turns the light yellow; above 1
    /// is overdue. A deadline at or before its start counts as fully used once `now` reaches it.
    pub fn fraction_used(
        &self,
        clock: Clock,
        start: DateTime<FixedOffset>,
        due: DateTime<FixedOffset>,
        now: DateTime<FixedOffset>,
        suspended: &[Interval],
    ) -> Result<f64> {
        let (s, d, n) = (self.to_secs("from", start)?, self.to_secs("due", due)?, self.to_secs("now", now)?);
        let merged = self.merged(suspended)?;
        let allotted = self.measure_excluding(clock, s, d, &merged);
        if allotted <= 0 {
            return Ok(if n >= d { 1.0 } else { 0.0 });
        }
        // Not capped: past the deadline it keeps growing, so overdue items sort by how late they are.
        let used = self.measure_excluding(clock, s, n, &merged);
        Ok(used as f64 / allotted as f64)
    }

    /// Whether `due` is still ahead of `now` but at most `days` working days of working time away
    /// (the yellow light's "due within 1 working day").
    pub fn due_within_working_days(
        &self,
        now: DateTime<FixedOffset>,
        due: DateTime<FixedOffset>,
        days: u32,
    ) -> Result<bool> {
        let (n, d) = (self.to_secs("now", now)?, self.to_secs("due", due)?);
        Ok(d > n && self.measure(Clock::Working, n, d) <= i64::from(days) * self.schedule.length)
    }

    /// The length of a working day (7 hours by default).
    pub fn working_day(&self) -> TimeDelta {
        TimeDelta::seconds(self.schedule.length)
    }

    fn due(&self, clock: Clock, start: i64, due: i64) -> Result<Due> {
        let confirmed = match clock {
            Clock::Natural => true,
            Clock::Working => self.confirmed_between(day_of(start), day_of(due)),
        };
        Ok(Due { due: self.to_time(due)?, confirmed })
    }

    /// Table seconds of an instant (sub-second parts dropped), refused outside 2000–2100.
    fn to_secs(&self, field: &str, t: DateTime<FixedOffset>) -> Result<i64> {
        let s = t.timestamp() - ORIGIN_UNIX;
        if s < 0 || s >= self.day_count() as i64 * DAY {
            return Err(out_of_range(field, t));
        }
        Ok(s)
    }

    fn to_time(&self, s: i64) -> Result<DateTime<FixedOffset>> {
        if s < 0 || s >= self.day_count() as i64 * DAY {
            return Err(too_far());
        }
        DateTime::from_timestamp(s + ORIGIN_UNIX, 0).map(|t| t.with_timezone(&cst())).ok_or_else(too_far)
    }

    /// Working seconds before `s`.
    fn worked(&self, s: i64) -> i64 {
        let i = day_of(s);
        let today = if self.is_work_at(i) { self.schedule.worked_before(s - i as i64 * DAY) } else { 0 };
        self.rank_at(i) * self.schedule.length + today
    }

    /// The earliest instant by which `target` (> 0) working seconds have passed.
    fn at_worked(&self, target: i64) -> Result<i64> {
        let length = self.schedule.length;
        let ordinal = (target - 1).div_euclid(length);
        let into_day = target - ordinal * length;
        let day = self.workday_at(ordinal).ok_or_else(too_far)?;
        Ok(day as i64 * DAY + self.schedule.second_at(into_day))
    }

    fn measure(&self, clock: Clock, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        match clock {
            Clock::Natural => b - a,
            Clock::Working => self.worked(b) - self.worked(a),
        }
    }

    fn measure_excluding(&self, clock: Clock, a: i64, b: i64, merged: &[(i64, i64)]) -> i64 {
        let cut: i64 = merged.iter().map(|&(from, to)| self.measure(clock, from.max(a), to.min(b))).sum();
        self.measure(clock, a, b) - cut
    }

    /// `s` moved on by `amount` seconds of `clock`.
    fn advance(&self, clock: Clock, s: i64, amount: i64) -> Result<i64> {
        if amount <= 0 {
            return Ok(s);
        }
        match clock {
            Clock::Natural => {
                let due = s + amount;
                if due >= self.day_count() as i64 * DAY {
                    return Err(too_far());
                }
                Ok(due)
            }
            Clock::Working => self.at_worked(self.worked(s) + amount),
        }
    }

    fn close_of_nth_workday_after(&self, s: i64, n: i64) -> Result<i64> {
        // Working days up to and including `s`'s day, then n more: that is the wanted ordinal.
        let ordinal = self.rank_at(day_of(s) + 1) + n - 1;
        let day = self.workday_at(ordinal).ok_or_else(too_far)?;
        Ok(day as i64 * DAY + self.schedule.close())
    }

    /// The close of working hours of `s`'s day if it is a working day, else of the next one.
    fn close_of_day_containing(&self, s: i64) -> Result<i64> {
        let i = day_of(s);
        let day =
            if self.is_work_at(i) { i } else { self.workday_at(self.rank_at(i)).ok_or_else(too_far)? };
        Ok(day as i64 * DAY + self.schedule.close())
    }

    /// Suspensions as sorted, disjoint table-second ranges; empty ones dropped.
    fn merged(&self, suspended: &[Interval]) -> Result<Vec<(i64, i64)>> {
        let mut ranges = Vec::with_capacity(suspended.len());
        for interval in suspended {
            let (from, to) = (self.to_secs("from", interval.from)?, self.to_secs("to", interval.to)?);
            if to > from {
                ranges.push((from, to));
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
        for (from, to) in ranges {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        Ok(merged)
    }
}

fn day_of(s: i64) -> usize {
    s.div_euclid(DAY).max(0) as usize
}

fn out_of_range(field: &str, t: DateTime<FixedOffset>) -> crate::Error {
    let value = t.with_timezone(&cst()).format("%Y-%m-%d %H:%M").to_string();
    CalendarError::OutOfRange { field: field.to_string(), value }.into()
}

fn too_far() -> crate::Error {
    CalendarError::OutOfRange { field: "due".into(), value: "计算出的期限".into() }.into()
}

//! 红黄绿灯: a pure function of an item, the calendar and now, so a ledger of 100,000 items costs
//! one pass. Overdue is derived here, never stored.
//!
//! - red: past the deadline and not finished, or a feedback cycle missed;
//! - yellow: due within N working days (1), or ≥ 80% of the allotted time used, or a progress
//!   report due within N working days;
//! - blue (optional): ≥ 60% of the allotted time used;
//! - green: on track;
//! - suspended items do not run, so they show 中止; finished items show closed on time or late.

use chrono::{DateTime, FixedOffset, Months, TimeDelta};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{FeedbackCycle, Light, State};
use crate::calendar::{Calendar, Clock, Interval};
use crate::{settings, Error, Result};

pub const SETTING_KEY: &str = "assignment.lights";

/// The thresholds, kept in the settings under `assignment.lights`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LightSettings {
    /// Yellow when the deadline is within this many working days (default 1).
    pub yellow_within_working_days: u32,
    /// Yellow when at least this share of the allotted time is used (default 0.8).
    pub yellow_fraction: f64,
    /// Whether the fourth colour, blue, is used.
    pub blue_enabled: bool,
    /// Blue when at least this share is used (default 0.6).
    pub blue_fraction: f64,
    /// Yellow when the next progress report is due within this many working days (default 1).
    pub report_due_within_working_days: u32,
}

impl Default for LightSettings {
    fn default() -> Self {
        LightSettings {
            yellow_within_working_days: 1,
            yellow_fraction: 0.8,
            blue_enabled: false,
            blue_fraction: 0.6,
            report_due_within_working_days: 1,
        }
    }
}

impl LightSettings {
    pub fn check(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.yellow_fraction) || self.yellow_fraction == 0.0 {
            return Err(Error::invalid("yellow_fraction", "黄灯的时间占比应在 0 到 1 之间"));
        }
        if self.blue_enabled && !(self.blue_fraction > 0.0 && self.blue_fraction < self.yellow_fraction) {
            return Err(Error::invalid("blue_fraction", "蓝灯的时间占比应大于 0 且小于黄灯的占比"));
        }
        if self.yellow_within_working_days > 30 || self.report_due_within_working_days > 30 {
            return Err(Error::invalid("yellow_within_working_days", "提前预警的工作日数最多 30 天"));
        }
        Ok(())
    }
}

pub fn get_settings(conn: &Connection) -> Result<LightSettings> {
    Ok(settings::get(conn, SETTING_KEY)?.unwrap_or_default())
}

pub fn set_settings(conn: &Connection, value: &LightSettings) -> Result<LightSettings> {
    value.check()?;
    settings::set(conn, SETTING_KEY, value)?;
    Ok(*value)
}

/// What the light needs of an item.
#[derive(Debug, Clone)]
pub struct LightFacts {
    pub state: State,
    pub assigned_at: DateTime<FixedOffset>,
    pub deadline: DateTime<FixedOffset>,
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// The last progress report, else acceptance, else assignment: where the feedback cycle counts from.
    pub last_report_at: Option<DateTime<FixedOffset>>,
    pub feedback_cycle: FeedbackCycle,
    /// The clock of the item's deadline (natural for hour limits, working otherwise).
    pub clock: Clock,
    pub suspensions: Vec<Interval>,
}

/// When the next progress report is due on a feedback cycle, counted from `from`.
pub fn next_report_due(cycle: FeedbackCycle, from: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    match cycle {
        FeedbackCycle::None => None,
        FeedbackCycle::Weekly => Some(from + TimeDelta::days(7)),
        FeedbackCycle::Fortnightly => Some(from + TimeDelta::days(14)),
        FeedbackCycle::Monthly => from.checked_add_months(Months::new(1)),
        FeedbackCycle::Quarterly => from.checked_add_months(Months::new(3)),
    }
}

/// The light of an item at `now`.
pub fn light(
    facts: &LightFacts,
    cal: &Calendar,
    now: DateTime<FixedOffset>,
    s: &LightSettings,
) -> Result<Light> {
    if facts.state.is_finished() {
        let closed = facts.closed_at.unwrap_or(now);
        return Ok(if closed <= facts.deadline { Light::ClosedOnTime } else { Light::ClosedLate });
    }
    if facts.state == State::Suspended {
        return Ok(Light::Suspended);
    }
    if now > facts.deadline {
        return Ok(Light::Red);
    }
    let report_due = next_report_due(facts.feedback_cycle, facts.last_report_at.unwrap_or(facts.assigned_at));
    if let Some(due) = report_due {
        if now > due {
            return Ok(Light::Red);
        }
    }
    if cal.due_within_working_days(now, facts.deadline, s.yellow_within_working_days)? {
        return Ok(Light::Yellow);
    }
    if let Some(due) = report_due {
        if cal.due_within_working_days(now, due, s.report_due_within_working_days)? {
            return Ok(Light::Yellow);
        }
    }
    let used = if now <= facts.assigned_at {
        0.0
    } else {
        cal.fraction_used(facts.clock, facts.assigned_at, facts.deadline, now, &facts.suspensions)?
    };
    if used >= s.yellow_fraction {
        return Ok(Light::Yellow);
    }
    if s.blue_enabled && used >= s.blue_fraction {
        return Ok(Light::Blue);
    }
    Ok(Light::Green)
}

/// Whether an unfinished item is past its deadline at `now` (超期).
pub fn is_overdue(facts: &LightFacts, now: DateTime<FixedOffset>) -> bool {
    !facts.state.is_finished() && facts.state != State::Suspended && now > facts.deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::parse_time;

    fn facts(state: State, assigned: &str, deadline: &str) -> LightFacts {
        LightFacts {
            state,
            assigned_at: parse_time("a", assigned).expect("t"),
            deadline: parse_time("d", deadline).expect("t"),
            closed_at: None,
            last_report_at: None,
            feedback_cycle: FeedbackCycle::None,
            clock: Clock::Working,
            suspensions: vec![],
        }
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        parse_time("now", s).expect("t")
    }

    #[test]
    fn assignment_lights_follow_the_rules() {
        let conn = crate::db::open_in_memory().expect("db");
        let cal = crate::calendar::load(&conn).expect("cal");
        let s = LightSettings::default();
        // 10 working days of 7 hours from Mon 2026-03-02 09:00 to Fri 2026-03-13 17:30 (70 h).
        let f = facts(State::InProgress, "2026-03-02T09:00", "2026-03-13T17:30");
        assert_eq!(light(&f, &cal, at("2026-03-03T10:00"), &s).expect("l"), Light::Green);
        assert_eq!(light(&f, &cal, at("2026-03-13T09:00"), &s).expect("l"), Light::Yellow, "within a day");
        assert_eq!(light(&f, &cal, at("2026-03-12T10:00"), &s).expect("l"), Light::Yellow, "80% used");
        assert_eq!(light(&f, &cal, at("2026-03-16T09:00"), &s).expect("l"), Light::Red, "overdue");
        let blue = LightSettings { blue_enabled: true, ..s };
        assert_eq!(light(&f, &cal, at("2026-03-10T10:00"), &blue).expect("l"), Light::Blue);
        // A missed weekly report is red; one due tomorrow is yellow.
        let mut weekly = f.clone();
        weekly.feedback_cycle = FeedbackCycle::Weekly;
        assert_eq!(light(&weekly, &cal, at("2026-03-09T10:00"), &s).expect("l"), Light::Red);
        assert_eq!(light(&weekly, &cal, at("2026-03-06T10:00"), &s).expect("l"), Light::Yellow);
        // Finished and suspended.
        let mut closed = facts(State::Closed, "2026-03-02T09:00", "2026-03-13T17:30");
        closed.closed_at = Some(at("2026-03-10T10:00"));
        assert_eq!(light(&closed, &cal, at("2026-04-01T10:00"), &s).expect("l"), Light::ClosedOnTime);
        closed.closed_at = Some(at("2026-03-16T10:00"));
        assert_eq!(light(&closed, &cal, at("2026-04-01T10:00"), &s).expect("l"), Light::ClosedLate);
        let suspended = facts(State::Suspended, "2026-03-02T09:00", "2026-03-13T17:30");
        assert_eq!(light(&suspended, &cal, at("2026-04-01T10:00"), &s).expect("l"), Light::Suspended);
        assert!(is_overdue(&f, at("2026-03-16T09:00")));
    }

    #[test]
    fn assignment_light_settings_are_checked() {
        let conn = crate::db::open_in_memory().expect("db");
        assert_eq!(get_settings(&conn).expect("get"), LightSettings::default());
        let bad = LightSettings { blue_enabled: true, blue_fraction: 0.9, ..LightSettings::default() };
        assert_eq!(set_settings(&conn, &bad).expect_err("bad").field().as_deref(), Some("blue_fraction"));
        let good = LightSettings { blue_enabled: true, ..LightSettings::default() };
        set_settings(&conn, &good).expect("good");
        assert_eq!(get_settings(&conn).expect("get"), good);
    }
}

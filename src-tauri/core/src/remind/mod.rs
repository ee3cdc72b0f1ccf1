//! 提醒: what needs the clerk's attention at a given time — items late or about to be, results
//! waiting for a check, progress reports due, revisits due and extension requests waiting for a
//! decision. The lists of 工作台, the bell of the window, the desktop notifications and
//! `luoshi-cli remind list` all come from [`list`]; 设置 → 提醒 ([`RemindSettings`]) says how far
//! ahead to look, which kinds the bell and the notifications carry, and the quiet hours.
//!
//! Like the lights, reminders are derived from the items and "now", never stored.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assignment::lights::{self, next_report_due};
use crate::assignment::model::{Action, FeedbackCycle, Light, NamedRef, PendingExtension, State};
use crate::assignment::query::{facts_at, LightContext};
use crate::db::Json;
use crate::time;
use crate::{settings, Error, Result};

coded_enum!(
    /// Why an item needs attention.
    RemindKind, "kind", "提醒类型", {
    /// Past its deadline and not finished.
    Overdue = ("overdue", "超期"),
    /// The deadline is near (within the days ahead, or the yellow light's share of time used).
    DueSoon = ("due_soon", "即将到期"),
    /// A result was reported and waits for the check (审核).
    CheckPending = ("check_pending", "待审核"),
    /// A progress report of the feedback cycle is due or missed.
    FeedbackDue = ("feedback_due", "反馈到期"),
    /// The 30- or 90-day revisit after closing is due.
    RevisitDue = ("revisit_due", "回访到期"),
    /// An extension request waits for a decision.
    ExtensionPending = ("extension_pending", "延期待批"),
});

pub const SETTING_KEY: &str = "remind.settings";

/// A revisit not made within this many days of the closing is no longer reminded: the item left
/// the clerk's desk long ago (and imported ledgers bring years of closed items).
const REVISIT_LAPSE_DAYS: i64 = 180;

/// 设置 → 提醒.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemindSettings {
    /// Remind of deadlines and progress reports due within this many working days (default 1).
    pub days_ahead: u32,
    /// The kinds the bell and the desktop notifications carry (default all). 工作台 lists all.
    pub kinds: Vec<RemindKind>,
    /// No desktop notification from this time of day (HH:MM)…
    pub quiet_from: String,
    /// …until this one; equal times mean no quiet hours.
    pub quiet_to: String,
    /// How often the app looks again, in minutes (default 5).
    pub every_minutes: u32,
}

impl Default for RemindSettings {
    fn default() -> Self {
        RemindSettings {
            days_ahead: 1,
            kinds: RemindKind::ALL.to_vec(),
            quiet_from: "18:00".into(),
            quiet_to: "08:00".into(),
            every_minutes: 5,
        }
    }
}

fn time_of_day(field: &str, value: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M")
        .map_err(|_| Error::invalid(field, format!("时间“{value}”无效，应写成 18:00 这样的时:分")))
}

impl RemindSettings {
    pub fn check(&self) -> Result<()> {
        if self.days_ahead > 30 {
            return Err(Error::invalid("days_ahead", "提前提醒的工作日数最多 30 天"));
        }
        if !(1..=120).contains(&self.every_minutes) {
            return Err(Error::invalid("every_minutes", "检查间隔应在 1 到 120 分钟之间"));
        }
        time_of_day("quiet_from", &self.quiet_from)?;
        time_of_day("quiet_to", &self.quiet_to)?;
        Ok(())
    }

    /// Whether `at` falls in the quiet hours (which may run over midnight).
    pub fn is_quiet(&self, at: DateTime<FixedOffset>) -> bool {
        let (Ok(from), Ok(to)) = (time_of_day("", &self.quiet_from), time_of_day("", &self.quiet_to)) else {
            return false;
        };
        let now = at.with_timezone(&time::cst()).time();
        match from.cmp(&to) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => now >= from && now < to,
            std::cmp::Ordering::Greater => now >= from || now < to,
        }
    }
}

pub fn get_settings(conn: &Connection) -> Result<RemindSettings> {
    Ok(settings::get(conn, SETTING_KEY)?.unwrap_or_default())
}

pub fn set_settings(conn: &Connection, value: &RemindSettings) -> Result<RemindSettings> {
    value.check()?;
    settings::set(conn, SETTING_KEY, value)?;
    Ok(value.clone())
}

/// One thing to attend to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Reminder {
    /// The item's id.
    pub id: i64,
    pub number: String,
    pub title: String,
    pub lead_unit: NamedRef,
    pub kind: RemindKind,
    /// Why, in a sentence.
    pub reason: String,
    /// The time it is about: the deadline, the report or revisit due, the request.
    pub due: DateTime<FixedOffset>,
    pub light: Light,
}

fn at_text(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Everything that needs attention at `now`, by kind (in [`RemindKind`]'s order) and then by the
/// time it is about. Sub-items count as items of their own: each has its lead unit and deadline.
pub fn list(conn: &Connection, now: DateTime<FixedOffset>) -> Result<Vec<Reminder>> {
    let settings = get_settings(conn)?;
    let mut ctx = LightContext::load(conn)?;
    ctx.now = now;
    let lapse = time::to_text(now - TimeDelta::days(REVISIT_LAPSE_DAYS));
    let revisited = revisits_made(conn)?;
    let mut stmt = conn.prepare(
        "SELECT a.id, a.number, a.title, a.lead_unit_id, u.name,
                a.state, a.category, a.assigned_at, a.deadline, a.closed_at, a.last_report_at,
                a.feedback_cycle, a.suspensions, a.pending_extension
         FROM assignment a JOIN unit u ON u.id = a.lead_unit_id
         WHERE a.state IN ('registered', 'assigned', 'in_progress', 'reported', 'suspended')
            OR (a.state = 'closed' AND a.closed_at >= ?1)",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([&lapse])?;
    while let Some(r) = rows.next()? {
        let facts = facts_at(r, 5, &ctx)?;
        let light = ctx.light(&facts)?;
        let pending: Option<Json<PendingExtension>> = r.get(13)?;
        let base = Reminder {
            id: r.get(0)?,
            number: r.get(1)?,
            title: r.get(2)?,
            lead_unit: NamedRef { id: r.get(3)?, name: r.get(4)? },
            kind: RemindKind::Overdue,
            reason: String::new(),
            due: facts.deadline,
            light,
        };
        let mut push = |kind: RemindKind, due: DateTime<FixedOffset>, reason: String| {
            out.push(Reminder { kind, due, reason, ..base.clone() });
        };
        // A request is decided in the states that allow a decision (a suspended item's too).
        let decidable = Action::ApproveExtension.allowed_in().contains(&facts.state);
        if let Some(Json(p)) = pending.filter(|_| decidable) {
            push(
                RemindKind::ExtensionPending,
                p.requested_at,
                format!(
                    "申请延期至 {}（现时限 {}），待审批",
                    at_text(p.new_deadline),
                    at_text(facts.deadline)
                ),
            );
        }
        if facts.state == State::Closed {
            if let Some(closed) = facts.closed_at {
                for day in [90, 30] {
                    let due = closed + TimeDelta::days(day);
                    if now >= due && !revisited.contains(&(base.id, day)) {
                        let reason =
                            format!("{} 办结，已满 {day} 天，待进行 {day} 天回访", closed.format("%Y-%m-%d"));
                        push(RemindKind::RevisitDue, due, reason);
                        break;
                    }
                }
            }
            continue;
        }
        if facts.state.is_finished() || facts.state == State::Suspended {
            continue;
        }
        let overdue = lights::is_overdue(&facts, now);
        if overdue {
            let days = (now.date_naive() - facts.deadline.date_naive()).num_days();
            let late =
                if days > 0 { format!("已超期 {days} 天") } else { "今日已超过时限".to_string() };
            push(
                RemindKind::Overdue,
                facts.deadline,
                format!("{late}（办理时限 {}）", at_text(facts.deadline)),
            );
        }
        if facts.state == State::Reported {
            let at = facts.last_report_at.unwrap_or(facts.assigned_at);
            push(RemindKind::CheckPending, at, format!("办理结果已于 {} 反馈，待审核", at_text(at)));
        }
        let report_due =
            next_report_due(facts.feedback_cycle, facts.last_report_at.unwrap_or(facts.assigned_at));
        let mut feedback = false;
        if let Some(due) = report_due.filter(|_| facts.feedback_cycle != FeedbackCycle::None) {
            let ahead = settings.days_ahead.max(ctx.settings.report_due_within_working_days);
            if now > due || ctx.cal.due_within_working_days(now, due, ahead)? {
                feedback = true;
                let when = if now > due { "，已逾期" } else { "" };
                push(
                    RemindKind::FeedbackDue,
                    due,
                    format!(
                        "{}反馈一次进展，应于 {} 前反馈{when}",
                        facts.feedback_cycle.label(),
                        at_text(due)
                    ),
                );
            }
        }
        if !overdue
            && (ctx.cal.due_within_working_days(now, facts.deadline, settings.days_ahead)?
                || (light == Light::Yellow && !feedback))
        {
            push(RemindKind::DueSoon, facts.deadline, format!("将于 {} 到期", at_text(facts.deadline)));
        }
    }
    out.sort_by_key(|r| (r.kind as u8, r.due, r.id));
    Ok(out)
}

/// What the bell and the notifications carry: the kinds chosen in 设置 → 提醒.
pub fn for_bell(conn: &Connection, now: DateTime<FixedOffset>) -> Result<Vec<Reminder>> {
    let settings = get_settings(conn)?;
    Ok(list(conn, now)?.into_iter().filter(|r| settings.kinds.contains(&r.kind)).collect())
}

/// (item, day) of every held revisit since the item's current closing (a rebound reopens the item
/// and clears its closing, so revisits start again after the next one).
fn revisits_made(conn: &Connection) -> Result<HashSet<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT e.assignment_id, json_extract(e.payload, '$.day')
         FROM assignment_event e JOIN assignment a ON a.id = e.assignment_id
         WHERE a.state = 'closed' AND e.kind = 'revisit_held' AND e.at >= a.closed_at",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

mod notified;
pub use notified::Notified;

#[cfg(test)]
mod tests;

//! 统计: the ledger's figures for a period, overall, for one lead unit, and broken down by lead unit,
//! category, source or month, with the offices' default targets. docs/figures.md is the user-facing
//! definition; this comment is the precise one.
//!
//! # The cutoff
//!
//! Figures are computed **as of the cutoff**: the end of the period's last day (23:59:59 CST), or
//! now when the period has not ended yet. Events after the cutoff are ignored, so a bulletin for June
//! printed in July gives the numbers it gave on 30 June; the state of an item at the cutoff is the
//! `to_state` of its last event at or before the cutoff (events are facts, never rewritten).
//!
//! # Which items count
//!
//! An item counts for the period when its **办理时限 (current deadline, after any approved
//! extension or resumption) falls within the period** (from the first day 00:00 to the last day
//! 23:59:59, CST): these are the items that were due (应办结) in the period, whenever they were
//! assigned. Sub-items (分解) count only with `include_sub_items`, as in the ledger. With `unit_id`,
//! only items whose lead unit is that unit count.
//!
//! # Counts (each item is in exactly one of suspended / closed / overdue / in progress)
//!
//! - `items`: items due in the period.
//! - `suspended`: 中止 at the cutoff. They are left out of every rate's denominator (the clock is
//!   stopped; they are neither late nor done).
//! - `closed`: finished at the cutoff (已办结, 已销号 or 已归档). An item reopened by a rebound is
//!   not closed until it passes the check again.
//! - `closed_on_time` / `closed_late`: closed, by whether its closing (the last 审核通过办结 at or
//!   before the cutoff) came at or before the deadline.
//! - `overdue`: not closed, not suspended, deadline before the cutoff (超期未办结).
//! - `in_progress`: not closed, not suspended, deadline not yet reached at the cutoff (only when the
//!   period ends after now).
//! - `ever_closed`: items with at least one closing at or before the cutoff (closed now, or closed
//!   and then reopened by a rebound).
//! - `closed_first_time`: closed items with no 退回重办 at or before the cutoff.
//! - `rebounded`: items of `ever_closed` with a 反弹 found within 30 days of closing: a
//!   `revisit_rebound` event whose revisit day is 30 (the 30-day follow-up; the lifecycle allows
//!   the 30-day revisit once 30 days have passed, so the day recorded is what marks it) or, in a
//!   history that records no day, one that came no more than 30 × 24 hours after the closing it
//!   reopens.
//! - `response_due`: items whose first step was due by the cutoff (the category's first-step limit,
//!   counted from 交办时间 on the limit's own clock, ended at or before the cutoff) or that were
//!   accepted (签收) by then. `responded_in_time`: of those, accepted at or before that limit.
//!   `responded_within_target`: of those, accepted within the response target (24 natural hours by
//!   default) of 交办时间.
//! - `satisfaction_scores`: scores (0–100) recorded at closing or at a revisit, at or before the
//!   cutoff, on the items counted.
//!
//! # Rates
//!
//! Rates are **percentages** (0–100) rounded to one decimal; a rate whose denominator is zero is
//! `null` (never 0 or 100). `denominator` below excludes suspended items: `items − suspended`.
//!
//! | rate | numerator / denominator |
//! |---|---|
//! | 办结率 `closed_rate` | closed / (items − suspended) |
//! | 按期办结率 `on_time_rate` | closed_on_time / closed |
//! | 超期率 `overdue_rate` | (closed_late + overdue) / (items − suspended) |
//! | 响应及时率 `response_rate` | responded_in_time / response_due |
//! | 24小时响应率 `response_target_rate` | responded_within_target / response_due |
//! | 一次性解决率 `one_time_rate` | closed_first_time / closed |
//! | 反弹率 `rebound_rate` | rebounded / ever_closed |
//!
//! 平均办理时长 `avg_handling_days`: the mean, over closed items, of the working time from 交办时间 to
//! the closing, suspensions left out, in working days (working seconds over the length of a working
//! day, so 1.5 is a day and a half), one decimal. 满意度 `satisfaction`: the mean of the scores, one
//! decimal. Both are `null` when there is nothing to average.

mod cards;
mod compute;
mod report;
mod score;

#[cfg(test)]
mod tests;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assignment::NamedRef;

pub use cards::{cards, StatsCard};
pub use compute::{figures, figures_with, group_item_ids, item_ids, month_counts, overdue_ids_at};
pub use report::{breakdown_table, period_text, report, summary_text, targets_table, StatsReport};
pub(crate) use report::{num as number_text, opt_num as number_cell, opt_pct as rate_cell};
pub use score::{get_settings as get_score_settings, set_settings as set_score_settings, ScoreSettings};

/// What to break the figures down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatsBy {
    /// 牵头单位
    Unit,
    /// 类别
    Category,
    /// 来源
    Source,
    /// 月份 (of the deadline), in order: the twelve months' bars of 工作台
    Month,
}

impl StatsBy {
    pub const ALL: [StatsBy; 4] = [StatsBy::Unit, StatsBy::Category, StatsBy::Source, StatsBy::Month];

    pub fn code(self) -> &'static str {
        match self {
            StatsBy::Unit => "unit",
            StatsBy::Category => "category",
            StatsBy::Source => "source",
            StatsBy::Month => "month",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatsBy::Unit => "牵头单位",
            StatsBy::Category => "类别",
            StatsBy::Source => "来源",
            StatsBy::Month => "月份",
        }
    }

    /// Accepts the code or the Chinese label.
    pub fn parse(value: &str) -> crate::Result<StatsBy> {
        let v = value.trim();
        StatsBy::ALL.into_iter().find(|b| b.code() == v || b.label() == v).ok_or_else(|| {
            crate::Error::invalid(
                "by",
                format!(
                    "分组方式“{value}”无效，应为牵头单位、类别、来源或月份（unit、category、source、month）"
                ),
            )
        })
    }
}

coded_enum!(
    /// A count of the figures as a set of items: what the ledger opens from a number of 工作台.
    StatsCount, "count", "件数", {
    Items = ("items", "到期应办结"),
    Suspended = ("suspended", "中止"),
    Closed = ("closed", "已办结"),
    ClosedOnTime = ("closed_on_time", "按期办结"),
    ClosedLate = ("closed_late", "超期办结"),
    Overdue = ("overdue", "超期未办结"),
    /// 超期办结 and 超期未办结: the numerator of 超期率.
    Late = ("late", "超期（含超期办结）"),
    InProgress = ("in_progress", "办理中（未到期）"),
    EverClosed = ("ever_closed", "曾办结"),
    ClosedFirstTime = ("closed_first_time", "一次性解决"),
    Rebounded = ("rebounded", "30天内反弹"),
    ResponseDue = ("response_due", "应响应"),
    RespondedInTime = ("responded_in_time", "及时响应"),
    Scored = ("scored", "有满意度评价"),
});

/// One row of a breakdown: the items of one lead unit, category, source or month of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatsGroup {
    pub by: StatsBy,
    /// The row's `key`: the unit's id, the category's or source's code, the month (`2026-03`).
    pub key: String,
}

/// The period and the filters.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct StatsQuery {
    /// First day, `YYYY-MM-DD` (CST), inclusive.
    pub from: String,
    /// Last day, `YYYY-MM-DD` (CST), inclusive.
    pub to: String,
    /// Only items led by this unit.
    #[ts(optional)]
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// Also a table of rows by lead unit, category or source.
    #[ts(optional)]
    #[serde(default)]
    pub by: Option<StatsBy>,
    /// Count sub-items (分解) too; by default only top-level items count, as in the ledger.
    #[serde(default)]
    pub include_sub_items: bool,
    /// With `by` unit: each unit's 考核评分 and rank, rows in ranking order (`score.rs`).
    #[serde(default)]
    pub score: bool,
    /// The targets to check; omitted means those of 设置 (the defaults of domain.md).
    #[ts(optional)]
    #[serde(default)]
    pub targets: Option<StatsTargets>,
}

/// The targets offices set (dashboard defaults: domain.md, Figures).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatsTargets {
    /// Every item accepted within this many natural hours of 交办时间 (default 24).
    pub response_hours: u32,
    /// 闭环率 (办结率) at least this percentage (default 95).
    pub closed_rate_min: f64,
    /// 一次性解决率 at least (default 95).
    pub one_time_rate_min: f64,
    /// 30-day 反弹率 at most (default 5).
    pub rebound_rate_max: f64,
    /// 满意度 at least (default 90).
    pub satisfaction_min: f64,
    /// 超期率 of 一般办理类 items below (default 5).
    pub routine_overdue_rate_below: f64,
}

impl Default for StatsTargets {
    fn default() -> Self {
        StatsTargets {
            response_hours: 24,
            closed_rate_min: 95.0,
            one_time_rate_min: 95.0,
            rebound_rate_max: 5.0,
            satisfaction_min: 90.0,
            routine_overdue_rate_below: 5.0,
        }
    }
}

/// Where 设置 keeps the office's own targets.
pub const TARGETS_KEY: &str = "stats.targets";

impl StatsTargets {
    pub fn check(&self) -> crate::Result<()> {
        let rates = [
            ("closed_rate_min", self.closed_rate_min),
            ("one_time_rate_min", self.one_time_rate_min),
            ("rebound_rate_max", self.rebound_rate_max),
            ("satisfaction_min", self.satisfaction_min),
            ("routine_overdue_rate_below", self.routine_overdue_rate_below),
        ];
        for (field, v) in rates {
            if !(0.0..=100.0).contains(&v) {
                return Err(crate::Error::invalid(field, "目标值应在 0 到 100 之间"));
            }
        }
        if !(1..=720).contains(&self.response_hours) {
            return Err(crate::Error::invalid("response_hours", "响应时限应在 1 到 720 小时之间"));
        }
        Ok(())
    }
}

/// The targets of 设置, or the defaults of domain.md.
pub fn get_targets(conn: &rusqlite::Connection) -> crate::Result<StatsTargets> {
    Ok(crate::settings::get(conn, TARGETS_KEY)?.unwrap_or_default())
}

pub fn set_targets(conn: &rusqlite::Connection, value: &StatsTargets) -> crate::Result<StatsTargets> {
    value.check()?;
    crate::settings::set(conn, TARGETS_KEY, value)?;
    Ok(*value)
}

/// The counts behind the rates; see the module documentation for each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatsCounts {
    pub items: i64,
    pub suspended: i64,
    pub closed: i64,
    pub closed_on_time: i64,
    pub closed_late: i64,
    pub overdue: i64,
    pub in_progress: i64,
    pub ever_closed: i64,
    pub closed_first_time: i64,
    pub rebounded: i64,
    pub response_due: i64,
    pub responded_in_time: i64,
    pub responded_within_target: i64,
    pub satisfaction_scores: i64,
    /// Items with at least one score.
    pub scored: i64,
}

/// Percentages (0–100, one decimal); `null` when the denominator is zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatsRates {
    /// 办结率
    pub closed_rate: Option<f64>,
    /// 按期办结率
    pub on_time_rate: Option<f64>,
    /// 超期率
    pub overdue_rate: Option<f64>,
    /// 响应及时率
    pub response_rate: Option<f64>,
    /// Accepted within the target hours (24 h by default)
    pub response_target_rate: Option<f64>,
    /// 一次性解决率
    pub one_time_rate: Option<f64>,
    /// 反弹率 (30 days)
    pub rebound_rate: Option<f64>,
    /// 平均办理时长, working days
    pub avg_handling_days: Option<f64>,
    /// 满意度, points out of 100
    pub satisfaction: Option<f64>,
}

/// Counts and rates of one set of items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatsFigures {
    pub counts: StatsCounts,
    pub rates: StatsRates,
}

/// One row of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatsRow {
    /// The unit's id, or the category's or source's code.
    pub key: String,
    /// The unit's name, or the category's or source's label.
    pub name: String,
    pub figures: StatsFigures,
    /// 考核评分 (with `score`, by unit only).
    #[ts(optional)]
    pub score: Option<f64>,
    /// 排名 among units with enough items; `null` for those shown apart.
    #[ts(optional)]
    pub rank: Option<u32>,
}

/// Which target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatsTargetKind {
    Response,
    ClosedRate,
    OneTimeRate,
    ReboundRate,
    Satisfaction,
    RoutineOverdueRate,
}

/// One target with the value measured and whether it is met; `met` is `null` when the value is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatsTargetCheck {
    pub kind: StatsTargetKind,
    /// e.g. 闭环率（办结率）
    pub label: String,
    /// e.g. ≥95%
    pub target: String,
    pub value: Option<f64>,
    pub met: Option<bool>,
}

/// The figures of a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatsResult {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The end of the last day, or now when the period has not ended.
    pub cutoff: DateTime<FixedOffset>,
    #[ts(optional)]
    pub unit: Option<NamedRef>,
    pub include_sub_items: bool,
    pub totals: StatsFigures,
    /// 一般办理类 only, for the routine overdue target.
    pub routine: StatsFigures,
    pub targets: Vec<StatsTargetCheck>,
    #[ts(optional)]
    pub by: Option<StatsBy>,
    /// Rows of the breakdown (empty without `by`), largest first, or in ranking order with `score`.
    pub rows: Vec<StatsRow>,
    /// The scoring formula in words, with `score`.
    #[ts(optional)]
    pub score_rule: Option<String>,
}

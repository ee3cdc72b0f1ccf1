//! 工作台: the start page's data in one call — the figures of the period with their cards, the
//! lead units' rows, categories and sources, and the lists a clerk works from (超期, 即将到期, 待审核,
//! 反馈到期, 回访到期, 延期待批) — the charts that do not follow the period (twelve months, lights now),
//! and the set of items behind any number, bar, slice or list of it, for the ledger to open.

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assignment::{self, LedgerQuery, Light, State};
use crate::remind::{self, RemindKind, Reminder};
use crate::stats::{self, StatsBy, StatsCard, StatsCount, StatsGroup, StatsQuery, StatsResult, StatsRow};
use crate::{Error, Result};

/// The period and, optionally, one lead unit.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkbenchQuery {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, `YYYY-MM-DD`.
    pub to: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<i64>,
}

impl WorkbenchQuery {
    fn stats(&self, by: Option<StatsBy>) -> StatsQuery {
        StatsQuery {
            from: self.from.clone(),
            to: self.to.clone(),
            unit_id: self.unit_id,
            by,
            score: by == Some(StatsBy::Unit),
            include_sub_items: false,
            targets: None,
        }
    }
}

/// One list of 工作台: its kind and its entries (items may appear in several lists).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WorkbenchList {
    pub kind: RemindKind,
    pub label: String,
    pub entries: Vec<Reminder>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Workbench {
    /// The figures of the period, with one row per lead unit.
    pub figures: StatsResult,
    pub cards: Vec<StatsCard>,
    /// The period's items by category and by source (the charts' slices).
    pub categories: Vec<StatsRow>,
    pub sources: Vec<StatsRow>,
    /// Every kind, in order, empty lists included.
    pub lists: Vec<WorkbenchList>,
}

/// The charts of 工作台 that do not depend on the period: the last twelve months and the lights of
/// the open items now. Loaded apart from [`load`], after the page has drawn.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WorkbenchCharts {
    /// The twelve months ending with this one; a bar opens `Group { query: months_query, … }`.
    pub months_query: WorkbenchQuery,
    /// One per month, oldest first, zeros where nothing fell due.
    pub months: Vec<MonthFigures>,
    /// Open items (not finished) by their light now, in the lights' order, empty ones left out.
    pub lights: Vec<LightCount>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MonthFigures {
    /// `2026-03`, the key of its [`StatsGroup`].
    pub key: String,
    /// 3月, or 2026年1月 for January.
    pub label: String,
    /// 到期应办结, 已办结, 超期未办结 as of now.
    pub items: i64,
    pub closed: i64,
    pub overdue: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LightCount {
    pub light: Light,
    pub count: i64,
}

/// What was clicked on 工作台.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "what", rename_all = "snake_case")]
#[ts(export)]
pub enum WorkbenchPick {
    /// A number of the figures: the items of `count` in the period (one lead unit's, with `unit_id`).
    Figure { query: WorkbenchQuery, count: StatsCount },
    /// A list: the items with a reminder of `kind` now (of one lead unit, with `unit_id`).
    List {
        kind: RemindKind,
        #[ts(optional)]
        #[serde(default)]
        unit_id: Option<i64>,
    },
    /// A bar or slice of a chart: the items of `count` in one row of a breakdown of the period.
    Group { query: WorkbenchQuery, group: StatsGroup, count: StatsCount },
    /// A light of the open items now (of one lead unit, with `unit_id`).
    Light {
        light: Light,
        #[ts(optional)]
        #[serde(default)]
        unit_id: Option<i64>,
    },
    /// The items made from summaries (成果应用).
    FollowUp,
}

/// The data of 工作台 at `now`.
pub fn load(conn: &Connection, q: &WorkbenchQuery, now: DateTime<FixedOffset>) -> Result<Workbench> {
    let (figures, mut more) =
        stats::figures_with(conn, &q.stats(Some(StatsBy::Unit)), &[StatsBy::Category, StatsBy::Source])?;
    let sources = more.pop().unwrap_or_default();
    let categories = more.pop().unwrap_or_default();
    let cards = stats::cards(&figures);
    let reminders = of_unit(remind::list(conn, now)?, q.unit_id);
    let lists = RemindKind::ALL
        .iter()
        .map(|&kind| WorkbenchList {
            kind,
            label: kind.label().to_string(),
            entries: reminders.iter().filter(|r| r.kind == kind).cloned().collect(),
        })
        .collect();
    Ok(Workbench { figures, cards, categories, sources, lists })
}

/// The twelve months ending with `now`'s, and the lights of the open items now.
pub fn charts(
    conn: &Connection,
    unit_id: Option<i64>,
    now: DateTime<FixedOffset>,
) -> Result<WorkbenchCharts> {
    let today = now.date_naive();
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .ok_or_else(|| Error::invalid("now", "日期无效"))?;
    let first = this_month - Months::new(11);
    let last = (this_month + Months::new(1)).pred_opt().unwrap_or(this_month);
    let months_query = WorkbenchQuery { from: first.to_string(), to: last.to_string(), unit_id };
    let rows = stats::month_counts(conn, &months_query.stats(None))?;
    let months = (0..12)
        .map(|n| {
            let month = first + Months::new(n);
            let key = month.format("%Y-%m").to_string();
            let c = rows.iter().find(|(k, _)| *k == key).map(|(_, c)| *c).unwrap_or_default();
            let label = if month.month() == 1 || n == 0 {
                format!("{}年{}月", month.year(), month.month())
            } else {
                format!("{}月", month.month())
            };
            MonthFigures { key, label, items: c.items, closed: c.closed, overdue: c.overdue }
        })
        .collect();
    // One read of the open items, counted by light in the lights' order.
    let open = assignment::ledger_all(conn, &open_items(None, unit_id))?;
    let lights = Light::ALL
        .iter()
        .map(|&light| LightCount { light, count: open.iter().filter(|r| r.light == light).count() as i64 })
        .filter(|l| l.count > 0)
        .collect();
    Ok(WorkbenchCharts { months_query, months, lights })
}

/// The ledger's query of the top-level items not yet finished (of one lead unit), of one light.
fn open_items(light: Option<Light>, unit_id: Option<i64>) -> LedgerQuery {
    LedgerQuery {
        states: State::ALL.iter().copied().filter(|s| !s.is_finished()).collect(),
        lights: light.into_iter().collect(),
        lead_unit_ids: unit_id.into_iter().collect(),
        ..LedgerQuery::default()
    }
}

/// The open items that show `light` now, as the ledger shows them.
fn open_with_light(conn: &Connection, light: Light, unit_id: Option<i64>) -> Result<Vec<i64>> {
    Ok(assignment::ledger_all(conn, &open_items(Some(light), unit_id))?.into_iter().map(|r| r.id).collect())
}

fn of_unit(reminders: Vec<Reminder>, unit_id: Option<i64>) -> Vec<Reminder> {
    match unit_id {
        Some(id) => reminders.into_iter().filter(|r| r.lead_unit.id == id).collect(),
        None => reminders,
    }
}

/// The ids of the items behind what was clicked, for [`crate::assignment::LedgerQuery::ids`].
pub fn item_ids(conn: &Connection, pick: &WorkbenchPick, now: DateTime<FixedOffset>) -> Result<Vec<i64>> {
    match pick {
        WorkbenchPick::Figure { query, count } => stats::item_ids(conn, &query.stats(None), *count),
        WorkbenchPick::Group { query, group, count } => {
            stats::group_item_ids(conn, &query.stats(None), group, *count)
        }
        WorkbenchPick::Light { light, unit_id } => open_with_light(conn, *light, *unit_id),
        WorkbenchPick::FollowUp => crate::summary::follow_up::item_ids(conn),
        WorkbenchPick::List { kind, unit_id } => {
            // An item has at most one reminder of a kind: no duplicates to remove.
            Ok(of_unit(remind::list(conn, now)?, *unit_id)
                .into_iter()
                .filter(|r| r.kind == *kind)
                .map(|r| r.id)
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::memory_db;

    #[test]
    fn every_bar_and_slice_opens_as_many_items_as_it_shows() {
        let mut conn = memory_db();
        assignment::fill_demo(&mut conn, 600).expect("demo");
        let now = crate::time::now();

        let charts = charts(&conn, None, now).expect("charts");
        assert_eq!(charts.months.len(), 12);
        assert!(charts.months[11].key == now.format("%Y-%m").to_string(), "ends with this month");
        let whole = stats::figures(&conn, &charts.months_query.stats(Some(StatsBy::Month))).expect("figures");
        for row in &whole.rows {
            let m =
                charts.months.iter().find(|m| m.key == row.key).expect("every month with items has a bar");
            let c = row.figures.counts;
            assert_eq!(
                (m.items, m.closed, m.overdue),
                (c.items, c.closed, c.overdue),
                "{}: rows and histories agree",
                m.label
            );
        }
        assert_eq!(charts.months.iter().map(|m| m.items).sum::<i64>(), whole.totals.counts.items);
        assert!(charts.months.iter().any(|m| m.overdue > 0) && charts.months.iter().any(|m| m.closed > 0));
        for m in &charts.months {
            for (count, shown) in [
                (StatsCount::Items, m.items),
                (StatsCount::Closed, m.closed),
                (StatsCount::Overdue, m.overdue),
            ] {
                let group = StatsGroup { by: StatsBy::Month, key: m.key.clone() };
                let pick = WorkbenchPick::Group { query: charts.months_query.clone(), group, count };
                assert_eq!(
                    item_ids(&conn, &pick, now).expect("ids").len() as i64,
                    shown,
                    "{} {count:?}",
                    m.label
                );
            }
        }
        assert!(!charts.lights.is_empty());
        for l in &charts.lights {
            let ids =
                item_ids(&conn, &WorkbenchPick::Light { light: l.light, unit_id: None }, now).expect("ids");
            assert_eq!(ids.len() as i64, l.count, "{:?}", l.light);
        }

        let q = WorkbenchQuery {
            from: charts.months_query.from.clone(),
            to: charts.months_query.to.clone(),
            unit_id: None,
        };
        let w = load(&conn, &q, now).expect("workbench");
        for (by, rows) in [(StatsBy::Category, &w.categories), (StatsBy::Source, &w.sources)] {
            assert_eq!(
                rows.iter().map(|r| r.figures.counts.items).sum::<i64>(),
                w.figures.totals.counts.items
            );
            let alone = stats::figures(&conn, &q.stats(Some(by))).expect("figures");
            assert_eq!(&alone.rows, rows, "one walk gives what a walk of its own gives");
            for r in rows {
                let group = StatsGroup { by, key: r.key.clone() };
                let pick = WorkbenchPick::Group { query: q.clone(), group, count: StatsCount::Items };
                assert_eq!(item_ids(&conn, &pick, now).expect("ids").len() as i64, r.figures.counts.items);
            }
        }
    }
}

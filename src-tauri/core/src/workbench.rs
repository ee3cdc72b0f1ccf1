//! 工作台: the start page's data in one call — the figures of the period with their cards and the
//! lead units' rows, and the lists a clerk works from (超期, 即将到期, 待审核, 反馈到期, 回访到期,
//! 延期待批) — and the set of items behind any number or list of it, for the ledger to open.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::remind::{self, RemindKind, Reminder};
use crate::stats::{self, StatsBy, StatsCard, StatsCount, StatsQuery, StatsResult};
use crate::Result;

/// The period and, optionally, one lead unit.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct WorkbenchQuery {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, `YYYY-MM-DD`.
    pub to: String,
    #[ts(optional)]
    #[serde(default)]
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
    /// Every kind, in order, empty lists included.
    pub lists: Vec<WorkbenchList>,
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
}

/// The data of 工作台 at `now`.
pub fn load(conn: &Connection, q: &WorkbenchQuery, now: DateTime<FixedOffset>) -> Result<Workbench> {
    let figures = stats::figures(conn, &q.stats(Some(StatsBy::Unit)))?;
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
    Ok(Workbench { figures, cards, lists })
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

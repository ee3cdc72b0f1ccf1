//! The figures in words and tables, for a summary's 基本情况 or a 月度通报: one short Chinese
//! paragraph, a table of the targets and, with a breakdown, a table of its rows. Rates that cannot
//! be computed (nothing to divide by) are left out of the paragraph and shown as — in tables.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::{StatsFigures, StatsResult};
use crate::print::{Align, Column, Table};
use crate::time;

/// The paragraph and tables that [`report`] makes of the figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatsReport {
    pub paragraph: String,
    /// 指标 / 目标值 / 完成值 / 是否达标.
    pub targets: Table,
    /// One row per lead unit, category or source, with a 合计 row; absent without a breakdown.
    #[ts(optional)]
    pub breakdown: Option<Table>,
}

/// The paragraph, the targets table and the breakdown table of `r`.
pub fn report(r: &StatsResult) -> StatsReport {
    StatsReport { paragraph: summary_text(r), targets: targets_table(r), breakdown: breakdown_table(r) }
}

fn date_text(d: NaiveDate, with_year: bool) -> String {
    if with_year {
        time::chinese_date(d)
    } else {
        format!("{}月{}日", d.month(), d.day())
    }
}

/// 2026年1月1日至6月30日 (the year once when both days share it).
pub fn period_text(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        date_text(from, true)
    } else {
        format!("{}至{}", date_text(from, true), date_text(to, from.year() != to.year()))
    }
}

/// A percentage as printed: 91.4%, 100%.
pub(crate) fn pct(v: f64) -> String {
    format!("{}%", num(v))
}

/// One decimal, without a trailing .0.
pub(crate) fn num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// e.g. “2026年1月1日至6月30日，应办结交办事项128件，已办结117件，办结率91.4%；其中按期办结110件，
/// 按期办结率94.0%……”. Rates that cannot be computed are left out.
pub fn summary_text(r: &StatsResult) -> String {
    let c = &r.totals.counts;
    let rt = &r.totals.rates;
    let mut head = period_text(r.from, r.to);
    if let Some(u) = &r.unit {
        head.push_str(&format!("，{}", u.name));
    }
    if c.items == 0 {
        return format!("{head}，没有到期应办结的交办事项。");
    }
    let mut parts: Vec<String> = Vec::new();
    let mut first = format!("{head}，到期应办结交办事项{}件", c.items);
    if c.suspended > 0 {
        first.push_str(&format!("（其中中止{}件，不计入比率）", c.suspended));
    }
    first.push_str(&format!("，已办结{}件", c.closed));
    if let Some(v) = rt.closed_rate {
        first.push_str(&format!("，办结率{}", pct(v)));
    }
    parts.push(first);
    if c.closed > 0 {
        let mut s = format!("其中按期办结{}件", c.closed_on_time);
        if let Some(v) = rt.on_time_rate {
            s.push_str(&format!("，按期办结率{}", pct(v)));
        }
        parts.push(s);
    }
    let mut s = format!("超期未办结{}件", c.overdue);
    if c.closed_late > 0 {
        s.push_str(&format!("、超期办结{}件", c.closed_late));
    }
    if let Some(v) = rt.overdue_rate {
        s.push_str(&format!("，超期率{}", pct(v)));
    }
    if c.in_progress > 0 {
        s.push_str(&format!("；尚在时限内办理{}件", c.in_progress));
    }
    parts.push(s);
    let mut more: Vec<String> = Vec::new();
    if let Some(v) = rt.response_rate {
        more.push(format!("响应及时率{}", pct(v)));
    }
    if let Some(v) = rt.one_time_rate {
        more.push(format!("一次性解决率{}", pct(v)));
    }
    if let Some(v) = rt.rebound_rate {
        more.push(format!("30天内反弹率{}", pct(v)));
    }
    if let Some(v) = rt.avg_handling_days {
        more.push(format!("平均办理时长{}个工作日", num(v)));
    }
    if let Some(v) = rt.satisfaction {
        more.push(format!("满意度{}分", num(v)));
    }
    if !more.is_empty() {
        parts.push(more.join("，"));
    }
    let missed: Vec<&str> =
        r.targets.iter().filter(|t| t.met == Some(false)).map(|t| t.label.as_str()).collect();
    let judged = r.targets.iter().filter(|t| t.met.is_some()).count();
    if judged > 0 {
        if missed.is_empty() {
            parts.push("各项目标均已达到".to_string());
        } else {
            parts.push(format!("{}未达到目标", missed.join("、")));
        }
    }
    format!("{}。", parts.join("；"))
}

fn col(title: &str, width_mm: f32, align: Align) -> Column {
    Column { title: title.to_string(), width_mm, align }
}

/// A rate as tables print it, or — when it cannot be computed.
pub(crate) fn opt_pct(v: Option<f64>) -> String {
    v.map(pct).unwrap_or_else(|| "—".to_string())
}

/// A mean (满意度, 时长) as tables print it, or — when there is nothing to average.
pub(crate) fn opt_num(v: Option<f64>) -> String {
    v.map(num).unwrap_or_else(|| "—".to_string())
}

/// 指标 / 目标值 / 完成值 / 是否达标, one row per target (156 mm wide).
pub fn targets_table(r: &StatsResult) -> Table {
    let rows = r
        .targets
        .iter()
        .map(|t| {
            let value = match t.kind {
                super::StatsTargetKind::Satisfaction => t.value.map(|v| format!("{}分", num(v))),
                _ => t.value.map(pct),
            };
            vec![
                t.label.clone(),
                t.target.clone(),
                value.unwrap_or_else(|| "—".to_string()),
                match t.met {
                    Some(true) => "达标",
                    Some(false) => "未达标",
                    None => "无数据",
                }
                .to_string(),
            ]
        })
        .collect();
    Table {
        columns: vec![
            col("指标", 62.0, Align::Left),
            col("目标值", 30.0, Align::Center),
            col("完成值", 34.0, Align::Center),
            col("是否达标", 30.0, Align::Center),
        ],
        rows,
        totals: None,
        font_size_pt: Some(12.0),
    }
}

fn figures_cells(f: &StatsFigures) -> Vec<String> {
    let c = &f.counts;
    vec![
        c.items.to_string(),
        c.closed.to_string(),
        opt_pct(f.rates.closed_rate),
        opt_pct(f.rates.on_time_rate),
        (c.overdue + c.closed_late).to_string(),
        opt_pct(f.rates.one_time_rate),
        opt_num(f.rates.avg_handling_days),
        opt_num(f.rates.satisfaction),
    ]
}

/// One row per group with a 合计 row: 应办结 / 已办结 / 办结率 / 按期办结率 / 超期 / 一次性解决率 /
/// 平均办理时长 / 满意度 (156 mm wide, 10.5 pt). `None` without a breakdown.
pub fn breakdown_table(r: &StatsResult) -> Option<Table> {
    let by = r.by?;
    let first = by.label();
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.name.clone()];
            cells.extend(figures_cells(&row.figures));
            cells
        })
        .collect();
    let mut totals = vec!["合计".to_string()];
    totals.extend(figures_cells(&r.totals));
    let n = |t: &str| col(t, 13.0, Align::Center);
    Some(Table {
        columns: vec![
            col(first, 39.0, Align::Left),
            n("应办结"),
            n("已办结"),
            col("办结率", 16.0, Align::Center),
            col("按期办结率", 16.0, Align::Center),
            n("超期"),
            col("一次性解决率", 16.0, Align::Center),
            col("平均办理时长（工作日）", 16.0, Align::Center),
            n("满意度"),
        ],
        rows,
        totals: Some(totals),
        font_size_pt: Some(10.5),
    })
}

//! 插入台账数据: the ledger's figures for the summary's period, brought into the draft once so that
//! nobody retypes them (最多报一次): a paragraph the writer can edit, and rows for the indicators
//! table (target and actual; the gap is computed like any other row's).
//!
//! The unit: the drafting unit's own items when it leads any in the period, otherwise the whole
//! ledger — a 督查室 summarising supervision work reports on every item it supervised.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::draft::{get_summary, raw_sections, write_indicators, write_section};
use super::model::{IndicatorInput, SectionRole};
use crate::stats::{self, StatsQuery, StatsTargetKind};
use crate::{db, Result};

/// What 插入台账数据 inserts.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LedgerFigures {
    /// e.g. 2026年1月1日至6月30日，共交办事项128件，已办结117件，办结率91.4%…
    pub paragraph: String,
    /// The offices' targets against this period's results.
    pub indicators: Vec<IndicatorInput>,
}

pub fn ledger_figures(conn: &Connection, id: i64) -> Result<LedgerFigures> {
    let summary = get_summary(conn, id)?;
    let query = |unit_id| StatsQuery {
        from: summary.period_from.format("%Y-%m-%d").to_string(),
        to: summary.period_to.format("%Y-%m-%d").to_string(),
        unit_id,
        by: None,
        score: false,
        include_sub_items: false,
        targets: None,
    };
    let own = stats::figures(conn, &query(Some(summary.unit.id)))?;
    let result = if own.totals.counts.items > 0 { own } else { stats::figures(conn, &query(None))? };
    let indicators = result
        .targets
        .iter()
        .map(|t| {
            let unit = if t.kind == StatsTargetKind::Satisfaction { "分" } else { "%" };
            IndicatorInput {
                indicator: t.label.clone(),
                unit: unit.to_string(),
                target: t.target.clone(),
                actual: t.value.map(|v| format!("{}{unit}", stats::number_text(v))).unwrap_or_default(),
                note: if t.value.is_some() {
                    "交办事项台账".into()
                } else {
                    "本期无可计算的事项".into()
                },
            }
        })
        .collect();
    // The last summary's follow-up, so that nobody counts by hand how many of its problems were fixed.
    let paragraph = match super::follow_up::previous_text(conn, &summary)? {
        Some(previous) => format!("{}\n{previous}", stats::summary_text(&result)),
        None => stats::summary_text(&result),
    };
    Ok(LedgerFigures { paragraph, indicators })
}

/// What 插入台账数据 changed in the draft.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FiguresInserted {
    /// Rows added to the 指标表 (indicators already there are left as they are).
    pub rows_added: i64,
    /// The heading of the section whose 指标表 took them.
    #[ts(optional)]
    pub table_heading: Option<String>,
}

/// 插入台账数据 as one write: the paragraph goes at the end of section `position`, and the
/// targets with this period's results into the 指标表 of the targets-vs-results section (rows whose
/// indicator is not there yet), so that no figure is typed twice.
pub fn insert_ledger_figures(conn: &mut Connection, id: i64, position: i64) -> Result<FiguresInserted> {
    let figures = ledger_figures(conn, id)?;
    let tx = db::begin_write(conn)?;
    let sections = raw_sections(&tx, id)?;
    let current = sections
        .get(usize::try_from(position).unwrap_or(usize::MAX))
        .map(|s| s.text.trim_end().to_string())
        .unwrap_or_default();
    let text = if current.trim().is_empty() {
        figures.paragraph.clone()
    } else {
        format!("{current}\n{}", figures.paragraph)
    };
    write_section(&tx, id, position, &text)?;
    let mut inserted = FiguresInserted { rows_added: 0, table_heading: None };
    if let Some((at, table)) =
        sections.iter().enumerate().find(|(_, s)| s.role == SectionRole::TargetsVsResults)
    {
        let fresh: Vec<IndicatorInput> = figures
            .indicators
            .into_iter()
            .filter(|r| !table.indicators.iter().any(|e| e.indicator == r.indicator))
            .collect();
        if !fresh.is_empty() {
            let rows: Vec<IndicatorInput> =
                table.indicators.iter().cloned().chain(fresh.iter().cloned()).collect();
            write_indicators(&tx, id, at as i64, &rows)?;
            inserted = FiguresInserted {
                rows_added: fresh.len() as i64,
                table_heading: Some(table.heading.clone()),
            };
        }
    }
    tx.commit()?;
    Ok(inserted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::{self, AssignmentInput};
    use crate::summary::tests::fixture;
    use crate::summary::{create_summary, NewSummaryInput};

    fn half_year(f: &mut crate::summary::tests::Fixture) -> i64 {
        let input = NewSummaryInput {
            template_id: f.template,
            title: "2026年上半年督查督办工作总结".into(),
            period_from: Some("2026-01-01".into()),
            period_to: Some("2026-06-30".into()),
            unit_id: Some(f.unit),
            drafter_id: Some(f.drafter),
            ..Default::default()
        };
        create_summary(&mut f.conn, &input).expect("summary")
    }

    #[test]
    fn figures_of_an_empty_period_say_so_and_leave_actuals_empty() {
        let mut f = fixture();
        let id = half_year(&mut f);
        let figures = ledger_figures(&f.conn, id).expect("figures");
        assert!(figures.paragraph.contains("没有到期应办结的交办事项"), "{}", figures.paragraph);
        assert_eq!(figures.indicators.len(), 6);
        assert!(figures.indicators.iter().all(|i| i.actual.is_empty() && !i.target.is_empty()));
    }

    #[test]
    fn figures_count_the_units_items_due_in_the_period() {
        let mut f = fixture();
        let item = AssignmentInput {
            title: "推进企业开办全流程网办".into(),
            source: "领导批示".into(),
            content: "3月31日前完成系统对接。".into(),
            category: "routine".into(),
            assigned_at: Some("2026-03-02T09:30".into()),
            lead_unit_id: f.unit,
            responsible_id: f.drafter,
            ..Default::default()
        };
        assignment::register(&mut f.conn, &item).expect("item");
        let id = half_year(&mut f);
        let figures = ledger_figures(&f.conn, id).expect("figures");
        assert!(figures.paragraph.contains("1件"), "{}", figures.paragraph);
        let closed = figures.indicators.iter().find(|i| i.indicator.contains("办结率")).expect("办结率");
        assert_eq!((closed.target.as_str(), closed.actual.as_str()), ("≥95%", "0%"));
    }
}

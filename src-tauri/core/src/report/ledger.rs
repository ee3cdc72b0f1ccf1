//! 台账 printed: the rows a ledger query matches, in its order, as one landscape table, with the
//! filters in words above it so that the paper says what it is a selection of.

use rusqlite::Connection;

use super::{day_text, numbered, paragraph, table};
use crate::assignment::{self, LedgerQuery};
use crate::print::{Block, Document, Orientation};
use crate::{org, time, Classification, Error, Result};

/// The most rows one printed ledger may hold (about 1,500 landscape pages); past it the clerk is
/// asked to filter first.
pub const MAX_PRINTED_ROWS: usize = 10_000;

pub fn ledger_document(conn: &Connection, query: &LedgerQuery) -> Result<Document> {
    let rows = assignment::ledger_all(conn, query)?;
    if rows.len() > MAX_PRINTED_ROWS {
        return Err(Error::invalid(
            "query",
            format!(
                "筛选出 {} 项，超过一次打印的上限 {MAX_PRINTED_ROWS} 项，请先按单位、状态或时间筛选",
                rows.len()
            ),
        ));
    }
    let filters = filters_text(conn, query)?;
    let head = format!(
        "截至{}，{}共{}项。",
        time::chinese_date(time::now().date_naive()),
        if filters.is_empty() { String::new() } else { format!("{filters}的事项") },
        rows.len()
    );
    let cells = numbered(&rows, |r| {
        vec![
            r.number.clone(),
            r.title.clone(),
            r.source.label().to_string(),
            r.lead_unit.name.clone(),
            r.responsible.name.clone(),
            day_text(r.assigned_at),
            day_text(r.deadline),
            r.state.label().to_string(),
            r.light.label().to_string(),
        ]
    });
    let internal = rows.iter().any(|r| r.classification == Classification::Internal);
    let mut blocks = vec![paragraph(&head)];
    if !cells.is_empty() {
        blocks.push(Block::Table(table(
            &[
                ("序号", 10.0, true),
                ("编号", 28.0, true),
                ("事项名称", 58.0, false),
                ("来源", 20.0, true),
                ("牵头单位", 30.0, false),
                ("责任人", 15.0, true),
                ("交办时间", 19.0, true),
                ("办理时限", 19.0, true),
                ("状态", 14.0, true),
                ("信号灯", 12.0, true),
            ],
            cells,
            9.0,
        )));
    }
    Ok(Document {
        title: "督查督办工作台账".to_string(),
        classification: internal.then_some(Classification::Internal),
        author: Some(crate::profile::issuer(conn)?).filter(|s| !s.is_empty()),
        orientation: Orientation::Landscape,
        stamp: None,
        blocks,
    })
}

/// The query's filters in words: 状态为办理中、已反馈，牵头单位为市发展改革委，含“供暖”.
fn filters_text(conn: &Connection, q: &LedgerQuery) -> Result<String> {
    let mut parts = Vec::new();
    let mut list = |what: &str, labels: Vec<String>| {
        if !labels.is_empty() {
            parts.push(format!("{what}为{}", labels.join("、")));
        }
    };
    list("状态", q.states.iter().map(|s| s.label().to_string()).collect());
    list("信号灯", q.lights.iter().map(|s| s.label().to_string()).collect());
    list("类别", q.categories.iter().map(|s| s.label().to_string()).collect());
    list("来源", q.sources.iter().map(|s| s.label().to_string()).collect());
    list("紧急程度", q.urgencies.iter().map(|s| s.label().to_string()).collect());
    let units = q.lead_unit_ids.iter().map(|&id| Ok(org::get_unit(conn, id)?.name)).collect::<Result<_>>()?;
    list("牵头单位", units);
    list("标签", q.tags.clone());
    match (&q.assigned_from, &q.assigned_to) {
        (Some(f), Some(t)) => parts.push(format!("交办时间在{f}至{t}")),
        (Some(f), None) => parts.push(format!("交办时间在{f}以后")),
        (None, Some(t)) => parts.push(format!("交办时间在{t}以前")),
        (None, None) => {}
    }
    if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        parts.push(format!("含“{text}”"));
    }
    if q.ids.is_some() {
        parts.push("为工作台上选中的事项".to_string());
    }
    Ok(parts.join("，"))
}

//! 责任清单: every item still being handled (suspended ones included: the duty stays), grouped by
//! unit — under each unit the items it leads (牵头) and those it cooperates on (配合) — with the
//! first responsible person, the deadline and the state, on landscape paper.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{day_text, numbered, paragraph, table};
use crate::assignment::{self, LedgerQuery, LedgerRow, NamedRef, State};
use crate::print::{Block, Document, Heading, Orientation};
use crate::text::chinese_numeral;
use crate::{time, Classification, Result};

/// Every open item's duties, by unit (all units, or only `unit_id`).
pub fn responsibility_document(conn: &Connection, unit_id: Option<i64>) -> Result<Document> {
    if let Some(id) = unit_id {
        crate::org::get_unit(conn, id)?;
    }
    let open: Vec<State> = State::ALL.iter().copied().filter(|s| !s.is_finished()).collect();
    let rows = assignment::ledger_all(
        conn,
        &LedgerQuery { states: open, include_sub_items: true, ..LedgerQuery::default() },
    )?;
    let cooperators = cooperators(conn)?;
    let order = unit_order(conn)?;

    // Each unit's rows as lead and as cooperator, in the ledger's order (by deadline).
    let mut duties: HashMap<i64, (NamedRef, Vec<&LedgerRow>, Vec<&LedgerRow>)> = HashMap::new();
    for row in &rows {
        let lead = &row.lead_unit;
        duties.entry(lead.id).or_insert_with(|| (lead.clone(), Vec::new(), Vec::new())).1.push(row);
        for unit in cooperators.get(&row.id).into_iter().flatten() {
            duties.entry(unit.id).or_insert_with(|| (unit.clone(), Vec::new(), Vec::new())).2.push(row);
        }
    }
    let mut units: Vec<_> =
        duties.into_values().filter(|(u, ..)| unit_id.is_none_or(|id| id == u.id)).collect();
    units.sort_by_key(|(u, ..)| (order.get(&u.id).copied().unwrap_or(i64::MAX), u.name.clone()));

    let now = time::now();
    let scope = match (unit_id, units.first()) {
        (Some(_), Some((u, lead, coop))) => {
            format!("{}牵头事项{}项、配合事项{}项", u.name, lead.len(), coop.len())
        }
        (Some(_), None) => "该单位没有在办事项".to_string(),
        (None, _) => format!(
            "在办事项{}项，涉及{}个单位（同一事项在牵头和配合单位下各列一次）",
            rows.len(),
            units.len()
        ),
    };
    let mut blocks = vec![paragraph(&format!("截至{}，{scope}。", time::chinese_date(now.date_naive())))];
    for (n, (unit, lead, coop)) in units.iter().enumerate() {
        blocks.push(Block::Heading(Heading {
            level: 1,
            text: format!(
                "{}、{}（牵头{}项，配合{}项）",
                chinese_numeral(n + 1),
                unit.name,
                lead.len(),
                coop.len()
            ),
        }));
        if !lead.is_empty() {
            blocks.push(Block::Heading(Heading { level: 2, text: "（一）牵头事项".to_string() }));
            let others = |r: &LedgerRow| {
                let names: Vec<&str> =
                    cooperators.get(&r.id).into_iter().flatten().map(|u| u.name.as_str()).collect();
                if names.is_empty() {
                    "—".to_string()
                } else {
                    names.join("、")
                }
            };
            blocks.push(duty_table("配合单位", lead, others));
        }
        if !coop.is_empty() {
            let number = if lead.is_empty() { "（一）" } else { "（二）" };
            blocks.push(Block::Heading(Heading { level: 2, text: format!("{number}配合事项") }));
            blocks.push(duty_table("牵头单位", coop, |r| r.lead_unit.name.clone()));
        }
    }
    let internal = rows.iter().any(|r| r.classification == Classification::Internal);
    Ok(Document {
        title: "督查督办事项责任清单".to_string(),
        classification: internal.then_some(Classification::Internal),
        author: Some(crate::profile::issuer(conn)?).filter(|s| !s.is_empty()),
        orientation: Orientation::Landscape,
        stamp: None,
        blocks,
    })
}

fn duty_table(other: &str, rows: &[&LedgerRow], other_of: impl Fn(&LedgerRow) -> String) -> Block {
    let cells = numbered(rows, |r| {
        vec![
            r.number.clone(),
            r.title.clone(),
            other_of(r),
            r.responsible.name.clone(),
            day_text(r.deadline),
            state_text(r),
        ]
    });
    Block::Table(table(
        &[
            ("序号", 12.0, true),
            ("编号", 32.0, true),
            ("事项名称", 70.0, false),
            (other, 39.0, false),
            ("责任人", 18.0, true),
            ("办理时限", 24.0, true),
            ("状态", 30.0, true),
        ],
        cells,
        10.5,
    ))
}

/// The state, and 已超期 when the deadline has passed.
fn state_text(r: &LedgerRow) -> String {
    if r.overdue {
        format!("{}（已超期）", r.state.label())
    } else {
        r.state.label().to_string()
    }
}

/// Each item's cooperating units, in the units' order.
fn cooperators(conn: &Connection) -> Result<HashMap<i64, Vec<NamedRef>>> {
    let mut stmt = conn.prepare(
        "SELECT c.assignment_id, u.id, u.name FROM assignment_cooperator c JOIN unit u ON u.id = c.unit_id
         ORDER BY c.assignment_id, u.sort_order, u.name",
    )?;
    let mut map: HashMap<i64, Vec<NamedRef>> = HashMap::new();
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, NamedRef { id: r.get(1)?, name: r.get(2)? })))?;
    for row in rows {
        let (item, unit) = row?;
        map.entry(item).or_default().push(unit);
    }
    Ok(map)
}

/// Units in the order of 组织机构.
fn unit_order(conn: &Connection) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare("SELECT id, sort_order FROM unit")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! `audit verify`: walks the chain in seq order and compares the data with what the trail recorded.
//! Needs no trigger to be present: it finds what was done with them dropped.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{hash_values, tables, GUARDS, ROW_ACTIONS};
use crate::{Error, Result};

/// What kind of break a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProblemKind {
    /// A record's content no longer matches its hash.
    Changed,
    /// Records are missing from the sequence.
    Removed,
    /// A record does not link to the one before it (one was inserted or removed before it).
    Inserted,
    /// A guard or row trigger is missing or not the one installed.
    Trigger,
    /// A data row differs from the trail's last record of it (written with the triggers dropped).
    Data,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditProblem {
    pub kind: ProblemKind,
    /// The record concerned, when there is one.
    pub seq: Option<i64>,
    pub message: String,
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditReport {
    pub ok: bool,
    pub records: i64,
    pub last_seq: Option<i64>,
    /// The first broken record of the chain (or, when the chain holds, the first record the data
    /// contradicts).
    pub first_broken: Option<i64>,
    pub problems: Vec<AuditProblem>,
}

impl AuditReport {
    /// The report as an error naming the first broken record; `None` when all is well.
    pub fn error(&self) -> Option<Error> {
        let first = self.problems.iter().find(|p| p.seq == self.first_broken).or(self.problems.first())?;
        Some(Error::AuditBroken { seq: self.first_broken, message: first.message.clone() })
    }
}

/// Verifies the whole trail. See the module docs of `audit` for the canonical form.
pub fn verify(conn: &Connection) -> Result<AuditReport> {
    let mut problems = Vec::new();
    let (records, last_seq) = chain(conn, &mut problems)?;
    triggers(conn, &mut problems)?;
    data(conn, &mut problems)?;
    let chain_break = problems
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::Changed | ProblemKind::Removed | ProblemKind::Inserted))
        .and_then(|p| p.seq);
    let first_broken = chain_break.or_else(|| problems.iter().filter_map(|p| p.seq).min());
    Ok(AuditReport { ok: problems.is_empty(), records, last_seq, first_broken, problems })
}

/// The `db check` entry: the problems' messages.
pub fn check(conn: &Connection) -> Result<Vec<String>> {
    Ok(verify(conn)?.problems.into_iter().map(|p| p.message).collect())
}

/// Recomputes every hash; stops at the first break, since every later record hangs on it.
fn chain(conn: &Connection, problems: &mut Vec<AuditProblem>) -> Result<(i64, Option<i64>)> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, object_kind, object_id, before, after, prev_hash, hash
         FROM audit_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected = 1;
    let mut prev: Option<String> = None;
    let mut count = 0;
    let mut last = None;
    let mut broken = false;
    while let Some(row) = rows.next()? {
        count += 1;
        let seq: i64 = row.get(0)?;
        last = Some(seq);
        if broken {
            continue;
        }
        let stored_prev: Option<String> = row.get(8)?;
        let stored_hash: Option<String> = row.get(9)?;
        if seq != expected {
            let gap = if seq == expected + 1 {
                format!("第 {expected} 号")
            } else {
                format!("第 {expected}—{} 号", seq - 1)
            };
            let message = if seq > expected {
                format!("审计日志缺少{gap}记录（被删除），其后的第 {seq} 号记录接不上")
            } else {
                format!("审计日志的第 {seq} 号记录序号不对")
            };
            problems.push(AuditProblem { kind: ProblemKind::Removed, seq: Some(seq.max(expected)), message });
            broken = true;
            continue;
        }
        let fields = [8, 0, 1, 2, 3, 4, 5, 6, 7].map(|i| row.get_ref(i));
        let fields = fields.into_iter().collect::<rusqlite::Result<Vec<_>>>()?;
        if stored_hash.as_deref() != Some(hash_values(&fields).map_err(Error::NotAllowed)?.as_str()) {
            problems.push(AuditProblem {
                kind: ProblemKind::Changed,
                seq: Some(seq),
                message: format!("审计日志的第 {seq} 号记录被改动过（内容与其哈希不符）"),
            });
            broken = true;
            continue;
        }
        if stored_prev != prev {
            problems.push(AuditProblem {
                kind: ProblemKind::Inserted,
                seq: Some(seq),
                message: format!("审计日志的第 {seq} 号记录与前一条接不上（其前有记录被插入或删除）"),
            });
            broken = true;
            continue;
        }
        prev = stored_hash;
        expected = seq + 1;
    }
    Ok((count, last))
}

/// Every guard and row trigger present, each exactly as installed.
fn triggers(conn: &Connection, problems: &mut Vec<AuditProblem>) -> Result<()> {
    let present: BTreeMap<String, Option<String>> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for guard in GUARDS {
        if !present.contains_key(*guard) {
            problems.push(trigger_problem(format!("审计日志的保护触发器 {guard} 被删除")));
        }
    }
    for table in tables(conn)? {
        for (name, sql) in table.triggers() {
            match present.get(&name) {
                None => problems.push(trigger_problem(format!(
                    "审计触发器 {name} 被删除，表 {} 的写入可能未记录",
                    table.name
                ))),
                Some(found) if found.as_deref() != Some(sql.as_str()) => {
                    problems.push(trigger_problem(format!("审计触发器 {name} 被改动")))
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

fn trigger_problem(message: String) -> AuditProblem {
    AuditProblem { kind: ProblemKind::Trigger, seq: None, message }
}

/// Each table's rows against what the trail last recorded of each row: a row rewritten, added or
/// deleted with the triggers dropped no longer matches.
fn data(conn: &Connection, problems: &mut Vec<AuditProblem>) -> Result<()> {
    for table in tables(conn)? {
        let rows: BTreeMap<String, String> = table.rows(conn)?.into_iter().collect();
        let last = recorded(conn, &table.name)?;
        let t = &table.name;
        for (id, row) in &rows {
            match last.get(id) {
                None => problems.push(AuditProblem {
                    kind: ProblemKind::Data,
                    seq: None,
                    message: format!("表 {t} 中编号 {id} 的记录没有审计记录（未经审计写入）"),
                }),
                Some(last) if last.deleted || !last.row.matches(row) => problems.push(AuditProblem {
                    kind: ProblemKind::Data,
                    seq: Some(last.seq),
                    message: format!(
                        "表 {t} 中编号 {id} 的记录与第 {} 号审计记录不符（被直接改动）",
                        last.seq
                    ),
                }),
                Some(_) => {}
            }
        }
        for (id, last) in &last {
            if !last.deleted && !rows.contains_key(id) {
                problems.push(AuditProblem {
                    kind: ProblemKind::Data,
                    seq: Some(last.seq),
                    message: format!(
                        "表 {t} 中编号 {id} 的记录已不存在，但审计日志（第 {} 号）没有删除记录",
                        last.seq
                    ),
                });
            }
        }
    }
    Ok(())
}

/// What the trail says a row is now: its last record's seq, whether that was a delete, and the row.
struct Last {
    seq: i64,
    deleted: bool,
    row: Recorded,
}

/// The row as recorded: the whole row of an insert or baseline, as its JSON text; after edits, that
/// row with each edit's changed columns laid over it (an edit before migration 0006 holds the whole
/// row, which lays over the same way).
enum Recorded {
    Whole(Option<String>),
    Edited(Option<serde_json::Map<String, serde_json::Value>>),
}

impl Recorded {
    fn matches(&self, row: &str) -> bool {
        match self {
            Recorded::Whole(text) => text.as_deref() == Some(row),
            Recorded::Edited(Some(map)) => match serde_json::from_str::<serde_json::Value>(row) {
                Ok(serde_json::Value::Object(row)) => &row == map,
                _ => false,
            },
            Recorded::Edited(None) => false,
        }
    }

    fn edit(self, changed: Option<&str>) -> Recorded {
        let object = |text: &str| match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => Some(map),
            _ => None,
        };
        let base = match self {
            Recorded::Whole(text) => text.as_deref().and_then(object),
            Recorded::Edited(map) => map,
        };
        Recorded::Edited(match (base, changed.and_then(object)) {
            (Some(mut row), Some(changed)) => {
                row.extend(changed);
                Some(row)
            }
            _ => None,
        })
    }
}

/// Each object's row records, folded in seq order (the object index gives them so, unsorted).
fn recorded(conn: &Connection, table: &str) -> Result<BTreeMap<String, Last>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT object_id, seq, action, after FROM audit_log
         WHERE object_kind = ?1 AND action IN {ROW_ACTIONS} ORDER BY object_id, seq"
    ))?;
    let mut rows = stmt.query([table])?;
    let mut out: BTreeMap<String, Last> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let (id, seq, action, after): (String, i64, String, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let previous = out.remove(&id);
        let last = match action.as_str() {
            "delete" => Last { seq, deleted: true, row: Recorded::Whole(None) },
            "update" => {
                let row = match previous {
                    Some(p) if !p.deleted => p.row,
                    _ => Recorded::Edited(Some(serde_json::Map::new())),
                };
                Last { seq, deleted: false, row: row.edit(after.as_deref()) }
            }
            _ => Last { seq, deleted: false, row: Recorded::Whole(after) },
        };
        out.insert(id, last);
    }
    Ok(out)
}

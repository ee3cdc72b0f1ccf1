//! `audit verify`: walks the chain in seq order and compares the data with what the trail recorded.
//! Needs no trigger to be present: it finds what was done with them dropped.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{field_value, hash_fields, tables, GUARDS, ROW_ACTIONS};
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
        let mut fields = vec![field_value(row.get_ref(8)?).map_err(Error::NotAllowed)?];
        for i in 0..8 {
            fields.push(field_value(row.get_ref(i)?).map_err(Error::NotAllowed)?);
        }
        if stored_hash.as_deref() != Some(hash_fields(&fields).as_str()) {
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

/// Each table's rows against the trail's last record of each row: a row rewritten, added or
/// deleted with the triggers dropped no longer matches.
fn data(conn: &Connection, problems: &mut Vec<AuditProblem>) -> Result<()> {
    for table in tables(conn)? {
        let rows: BTreeMap<String, String> = table.rows(conn)?.into_iter().collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT object_id, seq, action, after FROM audit_log a
             WHERE object_kind = ?1 AND action IN {ROW_ACTIONS}
             AND seq = (SELECT max(seq) FROM audit_log b WHERE b.object_kind = a.object_kind
                        AND b.object_id = a.object_id AND b.action IN {ROW_ACTIONS})"
        ))?;
        let last: BTreeMap<String, (i64, String, Option<String>)> = stmt
            .query_map([&table.name], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let t = &table.name;
        for (id, row) in &rows {
            match last.get(id) {
                None => problems.push(AuditProblem {
                    kind: ProblemKind::Data,
                    seq: None,
                    message: format!("表 {t} 中编号 {id} 的记录没有审计记录（未经审计写入）"),
                }),
                Some((seq, action, after))
                    if action == "delete" || after.as_deref() != Some(row.as_str()) =>
                {
                    problems.push(AuditProblem {
                        kind: ProblemKind::Data,
                        seq: Some(*seq),
                        message: format!("表 {t} 中编号 {id} 的记录与第 {seq} 号审计记录不符（被直接改动）"),
                    })
                }
                Some(_) => {}
            }
        }
        for (id, (seq, action, _)) in &last {
            if action != "delete" && !rows.contains_key(id) {
                problems.push(AuditProblem {
                    kind: ProblemKind::Data,
                    seq: Some(*seq),
                    message: format!(
                        "表 {t} 中编号 {id} 的记录已不存在，但审计日志（第 {seq} 号）没有删除记录"
                    ),
                });
            }
        }
    }
    Ok(())
}

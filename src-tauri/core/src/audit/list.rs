//! `audit list` and 设置 → 审计日志: records newest first, by object and by date.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AuditAction, AuditObject};
use crate::coded::Coded;
use crate::Result;

/// Which records to list. Dates are China Standard Time days, both ends included.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct AuditFilter {
    #[ts(optional)]
    pub object_kind: Option<String>,
    #[ts(optional)]
    pub object_id: Option<String>,
    #[ts(optional)]
    pub from: Option<NaiveDate>,
    #[ts(optional)]
    pub to: Option<NaiveDate>,
    #[ts(optional)]
    pub limit: Option<i64>,
    #[ts(optional)]
    pub offset: Option<i64>,
}

/// One record with the Chinese names of its action and object.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub action_label: String,
    pub object_kind: String,
    pub object_label: String,
    pub object_id: String,
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
    /// 变化 in Chinese: the fields an edit changed, or the whole row (see `fields::describe`).
    pub change: String,
    pub hash: String,
}

pub fn list(conn: &Connection, filter: &AuditFilter) -> Result<Vec<AuditRecord>> {
    let mut sql = String::from(
        "SELECT seq, at, actor, action, object_kind, object_id, before, after, hash FROM audit_log WHERE 1 = 1",
    );
    let mut args: Vec<Value> = Vec::new();
    if let Some(kind) = &filter.object_kind {
        args.push(Value::Text(kind.clone()));
        sql.push_str(&format!(" AND object_kind = ?{}", args.len()));
    }
    if let Some(id) = &filter.object_id {
        args.push(Value::Text(id.clone()));
        sql.push_str(&format!(" AND object_id = ?{}", args.len()));
    }
    if let Some(from) = filter.from {
        args.push(Value::Text(from.to_string()));
        sql.push_str(&format!(" AND substr(at, 1, 10) >= ?{}", args.len()));
    }
    if let Some(to) = filter.to {
        args.push(Value::Text(to.to_string()));
        sql.push_str(&format!(" AND substr(at, 1, 10) <= ?{}", args.len()));
    }
    args.push(Value::Integer(filter.limit.unwrap_or(200).clamp(1, 10_000)));
    sql.push_str(&format!(" ORDER BY seq DESC LIMIT ?{}", args.len()));
    args.push(Value::Integer(filter.offset.unwrap_or(0).max(0)));
    sql.push_str(&format!(" OFFSET ?{}", args.len()));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
        let action: String = r.get(3)?;
        let kind: String = r.get(4)?;
        let json = |i: usize| -> rusqlite::Result<Option<serde_json::Value>> {
            Ok(r.get::<_, Option<String>>(i)?
                .map(|t| serde_json::from_str(&t).unwrap_or(serde_json::Value::String(t))))
        };
        let (before, after) = (json(6)?, json(7)?);
        Ok(AuditRecord {
            change: super::fields::describe(&kind, before.as_ref(), after.as_ref()),
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action_label: AuditAction::by_code(&action).map_or_else(|| action.clone(), |a| a.label().into()),
            action,
            object_label: AuditObject::by_code(&kind).map_or_else(|| kind.clone(), |k| k.label().into()),
            object_kind: kind,
            object_id: r.get(5)?,
            before,
            after,
            hash: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

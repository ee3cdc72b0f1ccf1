//! The events of a lifecycle: one row per transition or side step, never updated or deleted.

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::Lifecycle;
use crate::coded::Coded;
use crate::db::Json;
use crate::org::NamedRef;
use crate::time::Timestamp;
use crate::Result;

/// One line of a timeline: who acted and who typed it in, when, from which state to which, why,
/// and the details of the kind (old and new deadline, check figures, opinion ids …).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Event<K: TS, S: TS> {
    pub id: i64,
    pub kind: K,
    /// The Chinese name of the kind, e.g. 退回重办.
    pub kind_label: String,
    #[ts(optional)]
    pub from_state: Option<S>,
    pub to_state: S,
    #[ts(optional)]
    pub actor: Option<NamedRef>,
    #[ts(optional)]
    pub entered_by: Option<NamedRef>,
    pub at: DateTime<FixedOffset>,
    #[ts(optional)]
    pub note: Option<String>,
    #[ts(type = "Record<string, unknown>")]
    pub payload: serde_json::Value,
}

/// An event to append.
pub struct NewEvent<L: Lifecycle> {
    pub record_id: i64,
    pub kind: L::Kind,
    pub from: Option<L::State>,
    pub to: L::State,
    pub actor_id: Option<i64>,
    pub entered_by: Option<i64>,
    pub at: DateTime<FixedOffset>,
    pub note: Option<String>,
    pub payload: serde_json::Value,
}

/// Appends an event on `conn` (the caller's transaction); returns its id. Creation events
/// (登记, 新建, 导入) come here directly; transitions go through [`super::transition`].
pub fn record_event<L: Lifecycle>(conn: &Connection, e: &NewEvent<L>) -> Result<i64> {
    let t = L::TABLES;
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {} ({}, kind, from_state, to_state, actor_id, entered_by, at, note, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        t.events, t.key
    ))?;
    stmt.execute(params![
        e.record_id,
        e.kind.code(),
        e.from.map(Coded::code),
        e.to.code(),
        e.actor_id,
        e.entered_by,
        Timestamp(e.at),
        e.note,
        e.payload.to_string(),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The timeline of one record, oldest first.
pub fn events<L: Lifecycle>(conn: &Connection, id: i64) -> Result<Vec<Event<L::Kind, L::State>>>
where
    L::Kind: TS,
    L::State: TS,
{
    let t = L::TABLES;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.kind, e.from_state, e.to_state, e.actor_id, pa.name, e.entered_by, pe.name,
                e.at, e.note, e.payload
         FROM {} e
         LEFT JOIN person pa ON pa.id = e.actor_id
         LEFT JOIN person pe ON pe.id = e.entered_by
         WHERE e.{} = ?1 ORDER BY e.id",
        t.events, t.key
    ))?;
    let rows = stmt.query_map([id], |r| {
        let kind = L::Kind::from_code(&r.get::<_, String>(1)?)?;
        let from: Option<String> = r.get(2)?;
        Ok(Event {
            id: r.get(0)?,
            kind,
            kind_label: kind.label().to_string(),
            from_state: from.as_deref().map(L::State::from_code).transpose()?,
            to_state: L::State::from_code(&r.get::<_, String>(3)?)?,
            actor: NamedRef::optional(r.get(4)?, r.get(5)?),
            entered_by: NamedRef::optional(r.get(6)?, r.get(7)?),
            at: r.get::<_, Timestamp>(8)?.0,
            note: r.get(9)?,
            payload: r.get::<_, Json<serde_json::Value>>(10)?.0,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

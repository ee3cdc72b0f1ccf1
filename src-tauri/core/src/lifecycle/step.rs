//! A step of a lifecycle: the guard (is the action allowed in the record's state?) and the
//! transition (the new state, further columns and the event, in the caller's transaction).

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::event::{record_event, NewEvent};
use super::Lifecycle;
use crate::coded::Coded;
use crate::{profile, Error, Result};

/// The record a step is about, as read before it: its id, the name messages use (an item's
/// number, a summary's title) and its state.
pub struct Record<L: Lifecycle> {
    pub id: i64,
    pub name: String,
    pub state: L::State,
}

/// Refuses an action that the record's state does not allow, naming both in Chinese.
pub fn guard<L: Lifecycle>(record: &Record<L>, action: L::Action) -> Result<()> {
    if L::allowed_in(action).contains(&record.state) {
        Ok(())
    } else {
        Err(Error::NotAllowed(format!(
            "{}“{}”当前状态为“{}”，不能{}",
            L::NOUN,
            record.name,
            record.state.label(),
            action.label()
        )))
    }
}

/// The local profile: who typed a step in (the actor may be someone else, e.g. a leader).
pub fn entered_by(conn: &Connection) -> Result<Option<i64>> {
    Ok(profile::get_profile(conn)?.map(|p| p.person_id))
}

/// What a step writes: the event's kind, the new state, who acted and why, the event's details,
/// and the record's further columns that change with it.
pub struct Step<L: Lifecycle> {
    pub kind: L::Kind,
    pub to: L::State,
    pub actor_id: i64,
    pub note: Option<String>,
    pub payload: serde_json::Value,
    sets: Vec<(&'static str, rusqlite::types::Value)>,
    raw: Vec<&'static str>,
}

impl<L: Lifecycle> Step<L> {
    pub fn new(kind: L::Kind, to: L::State, actor_id: i64) -> Step<L> {
        Step { kind, to, actor_id, note: None, payload: serde_json::json!({}), sets: vec![], raw: vec![] }
    }

    pub fn note(mut self, note: Option<String>) -> Step<L> {
        self.note = note;
        self
    }

    pub fn payload(mut self, payload: serde_json::Value) -> Step<L> {
        self.payload = payload;
        self
    }

    /// Sets a column of the record with the state.
    pub fn set(mut self, column: &'static str, value: impl Into<rusqlite::types::Value>) -> Step<L> {
        self.sets.push((column, value.into()));
        self
    }

    /// Sets a column of the record to NULL.
    pub fn clear(self, column: &'static str) -> Step<L> {
        self.set(column, rusqlite::types::Value::Null)
    }

    /// Sets a time column of the record.
    pub fn set_time(self, column: &'static str, at: DateTime<FixedOffset>) -> Step<L> {
        self.set(column, crate::time::to_text(at))
    }

    /// A column update written as SQL, e.g. `returned_count = returned_count + 1`.
    pub fn raw(mut self, expr: &'static str) -> Step<L> {
        self.raw.push(expr);
        self
    }
}

/// Moves the record to `step.to` (only if it is still in the state it was read in: another window
/// or the CLI may have moved it since) and appends the event, on `tx`. Returns the event's id.
pub fn transition<L: Lifecycle>(
    tx: &Connection,
    record: &Record<L>,
    step: Step<L>,
    at: DateTime<FixedOffset>,
) -> Result<i64> {
    let mut sql = format!("UPDATE {} SET state = ?2, updated_at = ?3", L::TABLES.records);
    let mut values: Vec<rusqlite::types::Value> =
        vec![record.id.into(), step.to.code().to_string().into(), crate::time::to_text(at).into()];
    for (column, value) in step.sets {
        values.push(value);
        sql.push_str(&format!(", {column} = ?{}", values.len()));
    }
    for expr in step.raw {
        sql.push_str(", ");
        sql.push_str(expr);
    }
    values.push(record.state.code().to_string().into());
    sql.push_str(&format!(" WHERE id = ?1 AND state = ?{}", values.len()));
    if crate::db::execute(tx, &sql, rusqlite::params_from_iter(values))? != 1 {
        return Err(Error::NotAllowed(format!(
            "{}“{}”刚被他人处理，状态已变化，请刷新后重试",
            L::NOUN,
            record.name
        )));
    }
    record_event::<L>(
        tx,
        &NewEvent {
            record_id: record.id,
            kind: step.kind,
            from: Some(record.state),
            to: step.to,
            actor_id: Some(step.actor_id),
            entered_by: entered_by(tx)?,
            at,
            note: step.note,
            payload: step.payload,
        },
    )
}

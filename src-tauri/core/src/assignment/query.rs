//! The ledger (台账) page and the detail of one item.
//!
//! Lights are derived, never stored. A page that neither filters nor sorts by light is paged in
//! SQL and lights are computed for its rows only; a page that does reads the few columns the light
//! needs for every matching row, computes all lights in one pass (a pure function) and pages in
//! memory, then loads the full rows of the page.

use chrono::{DateTime, FixedOffset};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::action;
use super::lifecycle::clock_of;
use super::lights::{self, LightFacts, LightSettings};
use super::model::{
    Assignment, AssignmentDetail, AssignmentEvent, Classification, FeedbackCycle, FollowUpOrigin, Light,
    NamedRef, Source, State, SubItem, Urgency,
};
use super::search::{self, Matcher};
use crate::calendar::{self, Calendar, Category, Clock};
use crate::db::Json;
use crate::time::{self, Timestamp};
use crate::{lifecycle, Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LedgerSort {
    #[default]
    Deadline,
    Number,
    Light,
}

coded_enum!(
    /// Which part of the ledger a page lists: the window opens on 在办 (the work still to do), with
    /// finished items one click away; the CLI and exports list all unless told.
    #[derive(Default)]
    LedgerScope, "scope", "范围", {
    /// Not finished: 登记 to 待审核, and 中止 (its clock only stopped).
    Open = ("open", "在办"),
    /// 已办结, 已销号 and 已归档.
    Finished = ("finished", "已办结"),
    #[default]
    All = ("all", "全部"),
});

impl LedgerScope {
    fn contains(self, state: State) -> bool {
        match self {
            LedgerScope::Open => !state.is_finished(),
            LedgerScope::Finished => state.is_finished(),
            LedgerScope::All => true,
        }
    }
}

/// The ledger's filters, sort and page. Empty lists mean "any".
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct LedgerQuery {
    /// 在办, 已办结 or 全部 (the default); the states filter narrows it further.
    pub scope: LedgerScope,
    pub states: Vec<State>,
    pub lights: Vec<Light>,
    pub categories: Vec<Category>,
    pub sources: Vec<Source>,
    pub lead_unit_ids: Vec<i64>,
    pub urgencies: Vec<Urgency>,
    /// 交办时间 from this date (YYYY-MM-DD, inclusive).
    #[ts(optional)]
    pub assigned_from: Option<String>,
    /// 交办时间 up to this date (inclusive).
    #[ts(optional)]
    pub assigned_to: Option<String>,
    /// Items carrying any of these tags.
    pub tags: Vec<String>,
    /// Search over number, title and content (any substring of two or more characters).
    #[ts(optional)]
    pub text: Option<String>,
    #[ts(optional)]
    pub sort: Option<LedgerSort>,
    pub descending: bool,
    /// Default 50, at most 1000.
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
    /// Also list sub-items (分解) as rows; by default the ledger shows top-level items.
    pub include_sub_items: bool,
    /// Only these items: the set behind a number or a list of 工作台 (`stats::item_ids`,
    /// `remind::item_ids`), so the ledger shows exactly what was clicked.
    #[ts(optional)]
    pub ids: Option<Vec<i64>>,
}

/// One row of the ledger.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LedgerRow {
    pub id: i64,
    pub number: String,
    #[ts(optional)]
    pub parent_id: Option<i64>,
    pub title: String,
    pub source: Source,
    pub category: Category,
    pub urgency: Urgency,
    pub lead_unit: NamedRef,
    pub responsible: NamedRef,
    pub assigned_at: DateTime<FixedOffset>,
    pub deadline: DateTime<FixedOffset>,
    pub deadline_confirmed: bool,
    pub state: State,
    pub light: Light,
    /// 超期: past the deadline and not finished (derived).
    pub overdue: bool,
    pub classification: Classification,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LedgerPage {
    /// Matching rows in all pages.
    pub total: i64,
    pub rows: Vec<LedgerRow>,
    /// No item at all in the ledger (asked only when nothing matched): the window then says how to
    /// start instead of "nothing matches".
    pub ledger_empty: bool,
}

const ROW_COLUMNS: &str = "a.id, a.number, a.parent_id, a.title, a.source, a.category, a.urgency,
    a.lead_unit_id, u.name, a.responsible_id, p.name, a.assigned_at, a.deadline, a.deadline_confirmed,
    a.state, a.classification, a.tags, a.closed_at, a.last_report_at, a.feedback_cycle, a.suspensions";
const ROW_FROM: &str =
    "FROM assignment a JOIN unit u ON u.id = a.lead_unit_id JOIN person p ON p.id = a.responsible_id";

/// What lights are computed with: loaded once per query.
pub struct LightContext {
    pub cal: Calendar,
    pub settings: LightSettings,
    pub clocks: [Clock; 3],
    pub now: DateTime<FixedOffset>,
}

impl LightContext {
    pub fn load(conn: &Connection) -> Result<LightContext> {
        Ok(LightContext {
            cal: calendar::load(conn)?,
            settings: lights::get_settings(conn)?,
            clocks: [
                clock_of(conn, Category::Immediate)?,
                clock_of(conn, Category::Routine)?,
                clock_of(conn, Category::Complex)?,
            ],
            now: time::now(),
        })
    }

    fn clock(&self, c: Category) -> Clock {
        match c {
            Category::Immediate => self.clocks[0],
            Category::Routine => self.clocks[1],
            Category::Complex => self.clocks[2],
        }
    }

    pub fn light(&self, f: &LightFacts) -> Result<Light> {
        lights::light(f, &self.cal, self.now, &self.settings)
    }
}

/// Light facts from columns starting at `i`: state, category, assigned_at, deadline, closed_at,
/// last_report_at, feedback_cycle, suspensions.
pub(crate) fn facts_at(row: &Row, i: usize, ctx: &LightContext) -> rusqlite::Result<LightFacts> {
    let category = row.get::<_, Category>(i + 1)?;
    Ok(LightFacts {
        state: row.get::<_, State>(i)?,
        assigned_at: row.get::<_, Timestamp>(i + 2)?.0,
        deadline: row.get::<_, Timestamp>(i + 3)?.0,
        closed_at: time::optional(row.get(i + 4)?),
        last_report_at: time::optional(row.get(i + 5)?),
        feedback_cycle: row.get::<_, FeedbackCycle>(i + 6)?,
        clock: ctx.clock(category),
        suspensions: row.get::<_, Json<_>>(i + 7)?.0,
    })
}

fn row_of(row: &Row, ctx: &LightContext) -> rusqlite::Result<(LedgerRow, LightFacts)> {
    let category = row.get::<_, Category>(5)?;
    let state = row.get::<_, State>(14)?;
    let assigned_at = row.get::<_, Timestamp>(11)?.0;
    let deadline = row.get::<_, Timestamp>(12)?.0;
    let facts = LightFacts {
        state,
        assigned_at,
        deadline,
        closed_at: time::optional(row.get(17)?),
        last_report_at: time::optional(row.get(18)?),
        feedback_cycle: row.get::<_, FeedbackCycle>(19)?,
        clock: ctx.clock(category),
        suspensions: row.get::<_, Json<_>>(20)?.0,
    };
    Ok((
        LedgerRow {
            id: row.get(0)?,
            number: row.get(1)?,
            parent_id: row.get(2)?,
            title: row.get(3)?,
            source: row.get::<_, Source>(4)?,
            category,
            urgency: row.get::<_, Urgency>(6)?,
            lead_unit: NamedRef { id: row.get(7)?, name: row.get(8)? },
            responsible: NamedRef { id: row.get(9)?, name: row.get(10)? },
            assigned_at,
            deadline,
            deadline_confirmed: row.get(13)?,
            state,
            light: Light::Green,
            overdue: false,
            classification: row.get::<_, Classification>(15)?,
            tags: row.get::<_, Json<_>>(16)?.0,
        },
        facts,
    ))
}

fn finish(ctx: &LightContext, (mut row, facts): (LedgerRow, LightFacts)) -> Result<LedgerRow> {
    row.light = ctx.light(&facts)?;
    row.overdue = lights::is_overdue(&facts, ctx.now);
    Ok(row)
}

fn placeholders(values: &mut Vec<Value>, items: impl IntoIterator<Item = Value>) -> String {
    let mut marks = Vec::new();
    for v in items {
        values.push(v);
        marks.push(format!("?{}", values.len()));
    }
    marks.join(", ")
}

fn day_bound(field: &str, value: &str, end: bool) -> Result<String> {
    let date = calendar::parse_date(field, value)?;
    let date = if end { date.succ_opt().unwrap_or(date) } else { date };
    Ok(format!("{}T00:00:00+08:00", date.format("%Y-%m-%d")))
}

/// The WHERE clause of a query, with its parameters.
fn where_clause(q: &LedgerQuery) -> Result<(String, Vec<Value>)> {
    let mut parts: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if !q.include_sub_items {
        parts.push("a.parent_id IS NULL".into());
    }
    if q.scope != LedgerScope::All {
        parts.push(format!("a.state IN ({})", State::sql_codes(|s| q.scope.contains(s))));
    }
    if let Some(ids) = &q.ids {
        // One parameter however many: a JSON array read by json_each.
        values.push(Value::Text(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())));
        parts.push(format!("a.id IN (SELECT value FROM json_each(?{}))", values.len()));
    }
    let text_lists: [(&str, Vec<&str>); 4] = [
        ("a.state", q.states.iter().map(|s| s.code()).collect()),
        ("a.category", q.categories.iter().map(|s| s.code()).collect()),
        ("a.source", q.sources.iter().map(|s| s.code()).collect()),
        ("a.urgency", q.urgencies.iter().map(|s| s.code()).collect()),
    ];
    for (column, codes) in text_lists {
        if !codes.is_empty() {
            let marks = placeholders(&mut values, codes.into_iter().map(|c| Value::Text(c.to_string())));
            parts.push(format!("{column} IN ({marks})"));
        }
    }
    if !q.lead_unit_ids.is_empty() {
        let marks = placeholders(&mut values, q.lead_unit_ids.iter().map(|&i| Value::Integer(i)));
        parts.push(format!("a.lead_unit_id IN ({marks})"));
    }
    if let Some(from) = q.assigned_from.as_deref().filter(|s| !s.trim().is_empty()) {
        values.push(Value::Text(day_bound("assigned_from", from, false)?));
        parts.push(format!("a.assigned_at >= ?{}", values.len()));
    }
    if let Some(to) = q.assigned_to.as_deref().filter(|s| !s.trim().is_empty()) {
        values.push(Value::Text(day_bound("assigned_to", to, true)?));
        parts.push(format!("a.assigned_at < ?{}", values.len()));
    }
    if !q.tags.is_empty() {
        let marks = placeholders(&mut values, q.tags.iter().map(|t| Value::Text(t.trim().to_string())));
        parts.push(format!("EXISTS (SELECT 1 FROM json_each(a.tags) WHERE json_each.value IN ({marks}))"));
    }
    if !q.lights.is_empty() {
        // Narrow the rows whose lights must be computed: each light can only come from some states,
        // and red only from items past their deadline or on a feedback cycle.
        let mut states: Vec<&str> = Vec::new();
        for light in &q.lights {
            let from: &[State] = match light {
                Light::Red | Light::Yellow | Light::Blue | Light::Green => {
                    &[State::Registered, State::Assigned, State::InProgress, State::Reported]
                }
                Light::Suspended => &[State::Suspended],
                Light::ClosedOnTime | Light::ClosedLate => {
                    &[State::Closed, State::StruckOff, State::Archived]
                }
            };
            for state in from {
                if !states.contains(&state.code()) {
                    states.push(state.code());
                }
            }
        }
        let marks = placeholders(&mut values, states.into_iter().map(|c| Value::Text(c.to_string())));
        parts.push(format!("a.state IN ({marks})"));
        if q.lights == [Light::Red] {
            values.push(Value::Text(time::to_text(time::now())));
            parts.push(format!("(a.deadline < ?{} OR a.feedback_cycle <> 'none')", values.len()));
        }
    }
    if let Some(text) = q.text.as_deref() {
        match search::matcher(text) {
            Matcher::All => {}
            Matcher::Fts(expr) => {
                values.push(Value::Text(expr));
                parts.push(format!(
                    "a.id IN (SELECT rowid FROM assignment_fts WHERE assignment_fts MATCH ?{})",
                    values.len()
                ));
            }
            Matcher::Like(pattern) => {
                values.push(Value::Text(pattern));
                let n = values.len();
                parts.push(format!("(a.number LIKE ?{n} OR a.title LIKE ?{n} OR a.content LIKE ?{n})"));
            }
        }
    }
    let clause = if parts.is_empty() { String::new() } else { format!("WHERE {}", parts.join(" AND ")) };
    Ok((clause, values))
}

fn order_sql(sort: LedgerSort, descending: bool) -> String {
    let dir = if descending { "DESC" } else { "ASC" };
    match sort {
        LedgerSort::Number => format!("a.year {dir}, a.seq {dir}, a.id {dir}"),
        _ => format!("a.deadline {dir}, a.id {dir}"),
    }
}

/// A page of the ledger, each row with its light.
pub fn ledger(conn: &Connection, q: &LedgerQuery) -> Result<LedgerPage> {
    let limit = i64::from(q.limit.unwrap_or(50).clamp(1, 1000));
    let offset = i64::from(q.offset.unwrap_or(0));
    select(conn, q, Some((limit, offset)))
}

/// Every row the query matches, in its order, each with its light (the export); its limit and
/// offset are not used.
pub fn ledger_all(conn: &Connection, q: &LedgerQuery) -> Result<Vec<LedgerRow>> {
    Ok(select(conn, q, None)?.rows)
}

/// The rows of the query: a window of them (`(limit, offset)`), or all.
fn select(conn: &Connection, q: &LedgerQuery, window: Option<(i64, i64)>) -> Result<LedgerPage> {
    let paging = window.map_or_else(String::new, |(limit, offset)| format!("LIMIT {limit} OFFSET {offset}"));
    let sort = q.sort.unwrap_or_default();
    let (clause, values) = where_clause(q)?;
    let ctx = LightContext::load(conn)?;
    if q.lights.is_empty() && sort != LedgerSort::Light {
        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM assignment a {clause}"),
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT {ROW_COLUMNS} {ROW_FROM} {clause} ORDER BY {} {paging}",
            order_sql(sort, q.descending)
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| row_of(r, &ctx))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let rows = rows.into_iter().map(|r| finish(&ctx, r)).collect::<Result<Vec<_>>>()?;
        return Ok(LedgerPage { total, rows, ledger_empty: total == 0 && ledger_empty(conn)? });
    }
    // Lights for every matching row, then filter, sort and page in memory.
    let sql = format!(
        "SELECT a.id, a.year, a.seq, a.state, a.category, a.assigned_at, a.deadline, a.closed_at,
                a.last_report_at, a.feedback_cycle, a.suspensions
         FROM assignment a {clause}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut keyed: Vec<(Light, String, i64, i64, i64)> = Vec::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
    while let Some(r) = rows.next()? {
        let state = State::from_code(text_at(r, 3)?)?;
        // Finished and suspended items need no calendar: their light follows from the state and,
        // for finished ones, from comparing two stored times (same +08:00 text form, so text order
        // is time order).
        let light = if state.is_finished() {
            let deadline = text_at(r, 6)?;
            match r.get_ref(7)?.as_str_or_null().map_err(|e| sql_err(7, e))? {
                Some(closed) if closed > deadline => Light::ClosedLate,
                Some(_) => Light::ClosedOnTime,
                None => ctx.light(&facts_at(r, 3, &ctx)?)?,
            }
        } else if state == State::Suspended {
            Light::Suspended
        } else {
            ctx.light(&facts_at(r, 3, &ctx)?)?
        };
        if q.lights.is_empty() || q.lights.contains(&light) {
            keyed.push((light, r.get::<_, String>(6)?, r.get(1)?, r.get(2)?, r.get(0)?));
        }
    }
    match sort {
        LedgerSort::Light => keyed.sort_by(|a, b| (a.0, &a.1, a.4).cmp(&(b.0, &b.1, b.4))),
        LedgerSort::Deadline => keyed.sort_by(|a, b| (&a.1, a.4).cmp(&(&b.1, b.4))),
        LedgerSort::Number => keyed.sort_by_key(|k| (k.2, k.3, k.4)),
    }
    if q.descending {
        keyed.reverse();
    }
    let total = keyed.len() as i64;
    let (limit, offset) = window.map_or((keyed.len(), 0), |(l, o)| (l as usize, o as usize));
    let ids: Vec<i64> = keyed.iter().skip(offset).take(limit).map(|k| k.4).collect();
    let rows = rows_by_ids(conn, &ctx, &ids)?;
    Ok(LedgerPage { total, rows, ledger_empty: total == 0 && ledger_empty(conn)? })
}

fn ledger_empty(conn: &Connection) -> Result<bool> {
    Ok(!conn.query_row("SELECT EXISTS (SELECT 1 FROM assignment)", [], |r| r.get(0))?)
}

fn sql_err(i: usize, e: rusqlite::types::FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

/// A text column without copying it.
fn text_at<'r>(r: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| sql_err(i, e))
}

fn rows_by_ids(conn: &Connection, ctx: &LightContext, ids: &[i64]) -> Result<Vec<LedgerRow>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let mut stmt = conn.prepare(&format!("SELECT {ROW_COLUMNS} {ROW_FROM} WHERE a.id IN ({list})"))?;
    let mut found: std::collections::HashMap<i64, (LedgerRow, LightFacts)> = stmt
        .query_map([], |r| row_of(r, ctx).map(|row| (row.0.id, row)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = found.remove(id) {
            out.push(finish(ctx, row)?);
        }
    }
    Ok(out)
}

/// One item with all its fields and its light.
pub fn get_assignment(conn: &Connection, id: i64) -> Result<Assignment> {
    let ctx = LightContext::load(conn)?;
    load_item(conn, &ctx, id)
}

fn load_item(conn: &Connection, ctx: &LightContext, id: i64) -> Result<Assignment> {
    let item = conn
        .query_row(
            "SELECT a.id, a.number, a.parent_id, a.title, a.source, a.source_doc_no,
                    a.assigning_leader_id, al.name, a.assigned_at, a.content, a.category, a.urgency,
                    a.lead_unit_id, u.name, a.responsible_id, p.name, a.contact, a.contact_phone,
                    a.leader_in_charge_id, lc.name, a.deadline, a.deadline_confirmed, a.feedback_cycle,
                    a.classification, a.tags, a.state, a.accepted_at, a.closed_at, a.suspended_since,
                    a.pending_extension, a.returned_count, a.entered_by, eb.name, a.created_at,
                    a.last_report_at, a.suspensions
             FROM assignment a
             JOIN unit u ON u.id = a.lead_unit_id
             JOIN person p ON p.id = a.responsible_id
             LEFT JOIN person al ON al.id = a.assigning_leader_id
             LEFT JOIN person lc ON lc.id = a.leader_in_charge_id
             LEFT JOIN person eb ON eb.id = a.entered_by
             WHERE a.id = ?1",
            [id],
            |r| {
                let category = r.get::<_, Category>(10)?;
                let state = r.get::<_, State>(25)?;
                let pending: Option<Json<super::model::PendingExtension>> = r.get(29)?;
                let feedback_cycle = r.get::<_, FeedbackCycle>(22)?;
                let facts = LightFacts {
                    state,
                    assigned_at: r.get::<_, Timestamp>(8)?.0,
                    deadline: r.get::<_, Timestamp>(20)?.0,
                    closed_at: time::optional(r.get(27)?),
                    last_report_at: time::optional(r.get(34)?),
                    feedback_cycle,
                    clock: ctx.clock(category),
                    suspensions: r.get::<_, Json<_>>(35)?.0,
                };
                Ok((
                    Assignment {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        parent_id: r.get(2)?,
                        title: r.get(3)?,
                        source: r.get::<_, Source>(4)?,
                        source_doc_no: r.get(5)?,
                        assigning_leader: NamedRef::optional(r.get(6)?, r.get(7)?),
                        assigned_at: facts.assigned_at,
                        content: r.get(9)?,
                        category,
                        urgency: r.get::<_, Urgency>(11)?,
                        lead_unit: NamedRef { id: r.get(12)?, name: r.get(13)? },
                        cooperating_units: vec![],
                        responsible: NamedRef { id: r.get(14)?, name: r.get(15)? },
                        contact: r.get(16)?,
                        contact_phone: r.get(17)?,
                        leader_in_charge: NamedRef::optional(r.get(18)?, r.get(19)?),
                        deadline: facts.deadline,
                        deadline_confirmed: r.get(21)?,
                        deadline_note: None,
                        feedback_cycle,
                        classification: r.get::<_, Classification>(23)?,
                        tags: r.get::<_, Json<_>>(24)?.0,
                        state,
                        light: Light::Green,
                        accepted_at: time::optional(r.get(26)?),
                        closed_at: facts.closed_at,
                        suspended_since: time::optional(r.get(28)?),
                        pending_extension: pending.map(|p| p.0),
                        returned_count: r.get(30)?,
                        entered_by: NamedRef::optional(r.get(31)?, r.get(32)?),
                        created_at: r.get::<_, Timestamp>(33)?.0,
                    },
                    facts,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的交办事项")))?;
    let (mut item, facts) = item;
    item.light = ctx.light(&facts)?;
    item.deadline_note = ctx.cal.deadline_note(item.assigned_at.date_naive(), item.deadline.date_naive())?;
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.name FROM assignment_cooperator c JOIN unit u ON u.id = c.unit_id
         WHERE c.assignment_id = ?1 ORDER BY u.sort_order, u.id",
    )?;
    item.cooperating_units = stmt
        .query_map([id], |r| Ok(NamedRef { id: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(item)
}

/// The event timeline of an item, oldest first.
pub fn events(conn: &Connection, id: i64) -> Result<Vec<AssignmentEvent>> {
    lifecycle::events::<super::Items>(conn, id)
}

/// Every tag in use, most used first: the choices of the ledger's tag filter and the form.
pub fn tags_in_use(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.value FROM assignment a, json_each(a.tags) t
         GROUP BY t.value ORDER BY count(*) DESC, t.value LIMIT 500",
    )?;
    let tags = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(tags)
}

/// The detail drawer: all fields, the sub-items with the roll-up, and the timeline.
pub fn get_assignment_detail(conn: &Connection, id: i64) -> Result<AssignmentDetail> {
    let ctx = LightContext::load(conn)?;
    let item = load_item(conn, &ctx, id)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} {ROW_FROM} WHERE a.parent_id = ?1 ORDER BY a.seq, a.id"
    ))?;
    let subs = stmt.query_map([id], |r| row_of(r, &ctx))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut sub_items = Vec::with_capacity(subs.len());
    for pair in subs {
        let row = finish(&ctx, pair)?;
        sub_items.push(SubItem {
            id: row.id,
            number: row.number,
            title: row.title,
            lead_unit: row.lead_unit,
            responsible: row.responsible,
            deadline: row.deadline,
            state: row.state,
            light: row.light,
        });
    }
    let sub_items_finished = sub_items.iter().filter(|s| s.state.is_finished()).count() as i64;
    let actor = lifecycle::entered_by(conn)?;
    let available_actions = action::available(&item, ctx.now, actor);
    let can_split = item.state.is_open();
    Ok(AssignmentDetail {
        item,
        sub_items,
        sub_items_finished,
        can_split,
        available_actions,
        origin: origin(conn, id)?,
        events: events(conn, id)?,
    })
}

/// The summary an item was made from (成果应用), if it was.
fn origin(conn: &Connection, id: i64) -> Result<Option<FollowUpOrigin>> {
    Ok(conn
        .query_row(
            "SELECT f.summary_id, s.title, f.kind, f.n, f.position, f.heading, f.text
             FROM summary_follow_up f JOIN summary s ON s.id = f.summary_id WHERE f.assignment_id = ?1",
            [id],
            |r| {
                Ok(FollowUpOrigin {
                    summary_id: r.get(0)?,
                    summary_title: r.get(1)?,
                    kind: r.get(2)?,
                    n: r.get(3)?,
                    position: r.get(4)?,
                    heading: r.get(5)?,
                    text: r.get(6)?,
                })
            },
        )
        .optional()?)
}

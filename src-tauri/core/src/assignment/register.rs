//! 登记: checks every field of the form, takes the next number, computes the deadline and writes
//! the item with its first event in one transaction.

use chrono::{DateTime, Datelike, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension};

use super::model::{AssignmentInput, Classification, EventKind, FeedbackCycle, Source, State, Urgency};
use super::{number, search};
use crate::calendar::{self, Category, Due};
use crate::lifecycle::{self, NewEvent};
use crate::org::{self, active_person, active_unit, optional_text, required_name};
use crate::{db, time, Error, Result};

/// A checked registration, ready to write.
#[derive(Debug, Clone)]
pub struct Checked {
    pub parent_id: Option<i64>,
    pub title: String,
    pub source: Source,
    pub source_doc_no: Option<String>,
    pub assigning_leader_id: Option<i64>,
    pub assigned_at: DateTime<FixedOffset>,
    pub content: String,
    pub category: Category,
    pub urgency: Urgency,
    pub lead_unit_id: i64,
    pub cooperating_unit_ids: Vec<i64>,
    pub responsible_id: i64,
    pub contact: Option<String>,
    pub contact_phone: Option<String>,
    pub leader_in_charge_id: Option<i64>,
    pub deadline: Due,
    pub deadline_explicit: bool,
    pub feedback_cycle: FeedbackCycle,
    pub classification: Classification,
    pub tags: Vec<String>,
}

/// Parses a deadline typed as a date or a time. A date means the close of working hours on that
/// day, or on the next working day when it is a day off.
pub fn parse_deadline(cal: &calendar::Calendar, field: &str, value: &str) -> Result<Due> {
    if let Ok(date) = chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
        // Noon of the day before plus one working day = the close of the first working day on or
        // after `date`.
        let start = date
            .pred_opt()
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .and_then(|t| t.and_local_timezone(time::cst()).single())
            .ok_or_else(|| Error::invalid(field, format!("“{value}”不是有效的日期")))?;
        return cal.add(start, calendar::Limit::new(1, calendar::LimitUnit::WorkingDays));
    }
    let t = calendar::parse_time(field, value)?;
    Ok(Due { due: t, confirmed: true })
}

/// Checks the form; every message names its field in Chinese.
pub fn check(conn: &Connection, input: &AssignmentInput) -> Result<Checked> {
    check_with(conn, &calendar::load(conn)?, &calendar::limits::get(conn)?, input)
}

/// [`check`] with the calendar and the limits loaded once, for an import of many rows.
pub fn check_with(
    conn: &Connection,
    cal: &calendar::Calendar,
    limits: &calendar::CategoryLimits,
    input: &AssignmentInput,
) -> Result<Checked> {
    let title = required_name("title", "标题", &input.title)?;
    if title.chars().count() > 200 {
        return Err(Error::invalid("title", "标题最多 200 个字"));
    }
    let content = input.content.trim().to_string();
    if content.is_empty() {
        return Err(Error::invalid("content", "请填写事项内容与要求"));
    }
    if content.chars().count() > 20_000 {
        return Err(Error::invalid("content", "事项内容与要求最多 20000 个字"));
    }
    let source = Source::parse(&input.source)?;
    let category = Category::parse(input.category.trim())?;
    let urgency = input.urgency.as_deref().map(Urgency::parse).transpose()?.unwrap_or(Urgency::Normal);
    let feedback_cycle =
        input.feedback_cycle.as_deref().map(FeedbackCycle::parse).transpose()?.unwrap_or(FeedbackCycle::None);
    let classification = input
        .classification
        .as_deref()
        .map(|c| {
            if c.contains("秘密") || c.contains("机密") || c.contains("绝密") || c.contains("涉密") {
                Err(Error::invalid("classification", "本程序不得处理涉密事项，密级只能为公开或内部"))
            } else {
                Classification::parse(c)
            }
        })
        .transpose()?
        .unwrap_or(Classification::Public);
    let assigned_at = assigned_at_or_now(input.assigned_at.as_deref())?;
    if let Some(id) = input.assigning_leader_id {
        active_person(conn, "assigning_leader_id", "交办领导", id)?;
    }
    active_unit(conn, "lead_unit_id", "牵头单位", input.lead_unit_id)?;
    let mut cooperating = Vec::new();
    for &id in &input.cooperating_unit_ids {
        if id == input.lead_unit_id {
            return Err(Error::invalid("cooperating_unit_ids", "牵头单位不能同时是协办单位"));
        }
        if !cooperating.contains(&id) {
            active_unit(conn, "cooperating_unit_ids", "协办单位", id)?;
            cooperating.push(id);
        }
    }
    active_person(conn, "responsible_id", "第一责任人", input.responsible_id)?;
    if let Some(id) = input.leader_in_charge_id {
        active_person(conn, "leader_in_charge_id", "分管领导", id)?;
    }
    let contact_phone = match input.contact_phone.as_deref() {
        Some(p) => org::normalize_phone(p)
            .map_err(|_| Error::invalid("contact_phone", format!("联系电话“{p}”格式不正确")))?,
        None => None,
    };
    let mut tags: Vec<String> = Vec::new();
    for tag in &input.tags {
        let t = tag.trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > 20 {
            return Err(Error::invalid("tags", format!("标签“{t}”太长，最多 20 个字")));
        }
        if !tags.iter().any(|x| x == t) {
            tags.push(t.to_string());
        }
    }
    if let Some(parent) = input.parent_id {
        let state: Option<String> = conn
            .query_row("SELECT state FROM assignment WHERE id = ?1", [parent], |r| r.get(0))
            .optional()?;
        match state.as_deref().map(State::from_code).transpose()? {
            None => return Err(Error::invalid("parent_id", format!("找不到要分解的事项（编号 {parent}）"))),
            Some(s) if !s.is_open() => {
                return Err(Error::invalid("parent_id", format!("事项当前为“{}”，不能再分解", s.label())))
            }
            _ => {}
        }
    }
    let (deadline, deadline_explicit) =
        match input.deadline.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => {
                let due = parse_deadline(cal, "deadline", text)?;
                if due.due <= assigned_at {
                    return Err(Error::invalid("deadline", "办理时限应晚于交办时间"));
                }
                (due, true)
            }
            None => (cal.add(assigned_at, limits.of(category).result)?, false),
        };
    Ok(Checked {
        parent_id: input.parent_id,
        title,
        source,
        source_doc_no: optional_text(input.source_doc_no.as_deref()),
        assigning_leader_id: input.assigning_leader_id,
        assigned_at,
        content,
        category,
        urgency,
        lead_unit_id: input.lead_unit_id,
        cooperating_unit_ids: cooperating,
        responsible_id: input.responsible_id,
        contact: optional_text(input.contact.as_deref()),
        contact_phone,
        leader_in_charge_id: input.leader_in_charge_id,
        deadline,
        deadline_explicit,
        feedback_cycle,
        classification,
        tags,
    })
}

/// 交办时间 as typed, or now when the form leaves it empty.
fn assigned_at_or_now(text: Option<&str>) -> Result<DateTime<FixedOffset>> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => calendar::parse_time("assigned_at", text),
        None => Ok(time::now()),
    }
}

fn category_deadline(
    conn: &Connection,
    cal: &calendar::Calendar,
    category: Category,
    assigned_at: DateTime<FixedOffset>,
) -> Result<Due> {
    cal.add(assigned_at, calendar::limits::get(conn)?.of(category).result)
}

/// The deadline an item of `category` assigned at `assigned_at` (now when omitted) gets when the
/// form leaves 办理时限 empty: the registration form shows it before saving.
pub fn default_deadline(conn: &Connection, category: &str, assigned_at: Option<&str>) -> Result<Due> {
    let category = Category::parse(category.trim())?;
    let assigned_at = assigned_at_or_now(assigned_at)?;
    category_deadline(conn, &calendar::load(conn)?, category, assigned_at)
}

/// An item's 编号 with the year and sequence it counts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    pub year: i32,
    pub seq: i64,
    pub number: String,
}

/// Takes the next number for a checked item: the year's next for an item, the parent's number
/// plus -1, -2 … for a sub-item.
pub fn take_number(conn: &Connection, c: &Checked, prefix: &str) -> Result<Numbered> {
    Ok(match c.parent_id {
        None => {
            let year = c.assigned_at.year();
            let (seq, number) = number::next_number(conn, prefix, year)?;
            Numbered { year, seq, number }
        }
        Some(parent) => {
            let (pnum, year): (String, i32) =
                conn.query_row("SELECT number, year FROM assignment WHERE id = ?1", [parent], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let n: i64 =
                conn.query_row("SELECT count(*) + 1 FROM assignment WHERE parent_id = ?1", [parent], |r| {
                    r.get(0)
                })?;
            Numbered { year, seq: n, number: format!("{pnum}-{n}") }
        }
    })
}

/// Where an item stands when it is written: 登记 for a registration; an import may write a row
/// that is already being handled or closed.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    pub state: State,
    pub closed_at: Option<DateTime<FixedOffset>>,
    pub last_report_at: Option<DateTime<FixedOffset>>,
    /// While suspended: the state to return to and since when.
    pub suspended: Option<(State, DateTime<FixedOffset>)>,
}

impl Standing {
    pub const REGISTERED: Standing =
        Standing { state: State::Registered, closed_at: None, last_report_at: None, suspended: None };
}

/// Writes a checked item's row, its cooperators and its search index on `conn` (the caller's
/// transaction), without an event. Returns the new id.
pub fn insert_row(
    conn: &Connection,
    c: &Checked,
    numbered: &Numbered,
    standing: Standing,
    entered_by: Option<i64>,
    now: DateTime<FixedOffset>,
) -> Result<i64> {
    let tags = serde_json::to_string(&c.tags).map_err(|e| Error::invalid("tags", e.to_string()))?;
    let now_s = time::to_text(now);
    crate::db::execute(
        conn,
        "INSERT INTO assignment (number, year, seq, parent_id, title, source, source_doc_no,
            assigning_leader_id, assigned_at, content, category, urgency, lead_unit_id, responsible_id,
            contact, contact_phone, leader_in_charge_id, deadline, deadline_confirmed, deadline_explicit,
            feedback_cycle, classification, tags, state, entered_by, created_at, updated_at,
            closed_at, last_report_at, suspended_from, suspended_since)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?26, ?27, ?28, ?29, ?30)",
        params![
            numbered.number,
            numbered.year,
            numbered.seq,
            c.parent_id,
            c.title,
            c.source.code(),
            c.source_doc_no,
            c.assigning_leader_id,
            time::to_text(c.assigned_at),
            c.content,
            c.category.code(),
            c.urgency.code(),
            c.lead_unit_id,
            c.responsible_id,
            c.contact,
            c.contact_phone,
            c.leader_in_charge_id,
            time::to_text(c.deadline.due),
            c.deadline.confirmed,
            c.deadline_explicit,
            c.feedback_cycle.code(),
            c.classification.code(),
            tags,
            standing.state.code(),
            entered_by,
            now_s,
            standing.closed_at.map(time::to_text),
            standing.last_report_at.map(time::to_text),
            standing.suspended.map(|(from, _)| from.code()),
            standing.suspended.map(|(_, since)| time::to_text(since)),
        ],
    )?;
    let id = conn.last_insert_rowid();
    for unit in &c.cooperating_unit_ids {
        crate::db::execute(
            conn,
            "INSERT INTO assignment_cooperator (assignment_id, unit_id) VALUES (?1, ?2)",
            [id, *unit],
        )?;
    }
    search::index(conn, id, &numbered.number, &c.title, &c.content)?;
    Ok(id)
}

/// What the first event of an item records of its deadline.
pub fn deadline_payload(c: &Checked) -> serde_json::Value {
    serde_json::json!({
        "deadline": time::to_text(c.deadline.due),
        "deadline_confirmed": c.deadline.confirmed,
        "deadline_explicit": c.deadline_explicit,
    })
}

/// Writes a checked item (number, row, cooperators, index, first event) on `conn`, which the
/// caller holds inside a transaction. Returns the new id.
pub fn insert(
    conn: &Connection,
    c: &Checked,
    prefix: &str,
    actor_id: Option<i64>,
    entered_by: Option<i64>,
    now: DateTime<FixedOffset>,
) -> Result<i64> {
    let numbered = take_number(conn, c, prefix)?;
    let id = insert_row(conn, c, &numbered, Standing::REGISTERED, entered_by, now)?;
    lifecycle::record_event::<super::Items>(
        conn,
        &NewEvent {
            record_id: id,
            kind: EventKind::Register,
            from: None,
            to: State::Registered,
            actor_id,
            entered_by,
            at: now,
            note: None,
            payload: deadline_payload(c),
        },
    )?;
    Ok(id)
}

/// 登记: checks, numbers and stores a new item (or sub-item) in state 登记. Returns its id.
pub fn register(conn: &mut Connection, input: &AssignmentInput) -> Result<i64> {
    let checked = check(conn, input)?;
    let entered_by = lifecycle::entered_by(conn)?;
    let actor = input.actor_id.or(entered_by);
    if let Some(id) = input.actor_id {
        active_person(conn, "actor_id", "登记人", id)?;
    }
    let prefix = number::get_prefix(conn)?;
    let tx = db::begin_write(conn)?;
    let id = insert(&tx, &checked, &prefix, actor, entered_by, time::now())?;
    tx.commit()?;
    Ok(id)
}

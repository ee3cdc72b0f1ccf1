//! The lifecycle: 登记 → 已交办 → 办理中 → 已反馈 → (审核) 已办结 → 回访 → 已销号 → 已归档, with the
//! side paths (进展反馈, 延期申请, 中止/恢复, 催办, 退回重办, 反弹重办).
//!
//! The UI sends intents ("accept item 42 with this note"); the core takes the time, checks the
//! transition against the current state, and writes the event and the new state in one
//! transaction. An action the state does not allow is `Error::NotAllowed` naming both.

use chrono::{DateTime, FixedOffset, TimeDelta};
use rusqlite::{params, Connection, OptionalExtension};

use super::model::{Action, ActionInput, EventKind, ExtensionInput, PendingExtension, RevisitInput, State};
use super::register::{optional_text, parse_deadline, ts};
use crate::calendar::{self, Calendar, Category, Clock, Interval};
use crate::{org, profile, time, Error, Result};

pub(crate) struct EventWrite {
    pub assignment_id: i64,
    pub kind: EventKind,
    pub from_state: Option<State>,
    pub to_state: State,
    pub actor_id: Option<i64>,
    pub entered_by: Option<i64>,
    pub at: DateTime<FixedOffset>,
    pub note: Option<String>,
    pub payload: serde_json::Value,
}

pub(crate) fn write_event(conn: &Connection, e: &EventWrite) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO assignment_event (assignment_id, kind, from_state, to_state, actor_id, entered_by, at, note, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    stmt.execute(params![
        e.assignment_id,
        e.kind.code(),
        e.from_state.map(State::code),
        e.to_state.code(),
        e.actor_id,
        e.entered_by,
        ts(e.at),
        e.note,
        e.payload.to_string(),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// What the transitions need of the current row.
struct Current {
    number: String,
    state: State,
    category: Category,
    assigned_at: DateTime<FixedOffset>,
    deadline: DateTime<FixedOffset>,
    deadline_explicit: bool,
    suspended_from: Option<State>,
    suspended_since: Option<DateTime<FixedOffset>>,
    suspensions: Vec<Interval>,
    pending: Option<PendingExtension>,
}

fn parse_ts(value: &str) -> rusqlite::Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(value)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(value: &str) -> rusqlite::Result<T> {
    serde_json::from_str(value)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn parse_opt_ts(value: Option<String>) -> rusqlite::Result<Option<DateTime<FixedOffset>>> {
    value.as_deref().map(parse_ts).transpose()
}

pub(crate) fn parse_time_text(value: &str) -> rusqlite::Result<DateTime<FixedOffset>> {
    parse_ts(value)
}

fn current(conn: &Connection, id: i64) -> Result<Current> {
    conn.query_row(
        "SELECT number, state, category, assigned_at, deadline, deadline_explicit, suspended_from,
                suspended_since, suspensions, pending_extension
         FROM assignment WHERE id = ?1",
        [id],
        |r| {
            let state: String = r.get(1)?;
            let category: String = r.get(2)?;
            let from: Option<String> = r.get(6)?;
            let suspensions: String = r.get(8)?;
            let pending: Option<String> = r.get(9)?;
            Ok(Current {
                number: r.get(0)?,
                state: State::from_code(&state)?,
                category: super::model::category_from_code(&category)?,
                assigned_at: parse_ts(&r.get::<_, String>(3)?)?,
                deadline: parse_ts(&r.get::<_, String>(4)?)?,
                deadline_explicit: r.get(5)?,
                suspended_from: from.as_deref().map(State::from_code).transpose()?,
                suspended_since: parse_opt_ts(r.get(7)?)?,
                suspensions: parse_json(&suspensions)?,
                pending: pending.as_deref().map(parse_json).transpose()?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的交办事项")))
}

fn require(cur: &Current, action: Action) -> Result<()> {
    if action.allowed_in().contains(&cur.state) {
        Ok(())
    } else {
        Err(Error::NotAllowed(format!(
            "事项 {} 当前状态为“{}”，不能{}",
            cur.number,
            cur.state.label(),
            action.label()
        )))
    }
}

fn check_actor(conn: &Connection, actor_id: i64) -> Result<()> {
    match org::get_person(conn, actor_id) {
        Ok(p) if p.active => Ok(()),
        Ok(p) => Err(Error::invalid("actor_id", format!("办理人“{}”已停用", p.name))),
        Err(Error::NotFound(_)) => {
            Err(Error::invalid("actor_id", format!("办理人不在人员名录中（编号 {actor_id}）")))
        }
        Err(e) => Err(e),
    }
}

fn required_reason(note: Option<&str>, field: &str, what: &str) -> Result<String> {
    optional_text(note).ok_or_else(|| Error::invalid(field, format!("请填写{what}")))
}

fn check_satisfaction(score: Option<u8>) -> Result<()> {
    match score {
        Some(s) if s > 100 => Err(Error::invalid("satisfaction", "满意度应为 0 到 100 分")),
        _ => Ok(()),
    }
}

/// The clock an item's deadline runs on: natural for hour and natural-day limits.
pub(crate) fn clock_of(conn: &Connection, category: Category) -> Result<Clock> {
    Ok(calendar::limits::get(conn)?.of(category).result.unit.clock())
}

/// The earliest instant `t` after `from` with `amount` of counted time between them.
fn push(
    cal: &Calendar,
    clock: Clock,
    from: DateTime<FixedOffset>,
    amount: TimeDelta,
) -> Result<DateTime<FixedOffset>> {
    if amount <= TimeDelta::zero() {
        return Ok(from);
    }
    let (mut lo, mut hi) = (0i64, amount.num_seconds().max(1));
    while cal.elapsed(clock, from, from + TimeDelta::seconds(hi))? < amount {
        lo = hi;
        hi *= 2;
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if cal.elapsed(clock, from, from + TimeDelta::seconds(mid))? >= amount {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(from + TimeDelta::seconds(hi))
}

/// One action, done at `now` inside one transaction.
struct Step<'a> {
    kind: EventKind,
    to: State,
    input_actor: i64,
    note: Option<String>,
    payload: serde_json::Value,
    /// Extra column updates: SQL fragment with ?1 = id.
    sets: Vec<(&'a str, rusqlite::types::Value)>,
    /// Column updates written as SQL expressions, e.g. `returned_count = returned_count + 1`.
    raw: Vec<&'static str>,
}

fn commit(
    conn: &mut Connection,
    id: i64,
    cur: &Current,
    step: Step,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let entered_by = profile::get_profile(conn)?.map(|p| p.person_id);
    let tx = conn.transaction()?;
    let mut sql = String::from("UPDATE assignment SET state = ?2, updated_at = ?3");
    let mut values: Vec<rusqlite::types::Value> =
        vec![id.into(), step.to.code().to_string().into(), ts(now).into()];
    for (column, value) in step.sets {
        values.push(value);
        sql.push_str(&format!(", {column} = ?{}", values.len()));
    }
    for expr in step.raw {
        sql.push_str(", ");
        sql.push_str(expr);
    }
    // The state read before the transaction must still hold: another window or the CLI may have
    // moved the item in between.
    values.push(cur.state.code().to_string().into());
    sql.push_str(&format!(" WHERE id = ?1 AND state = ?{}", values.len()));
    if tx.execute(&sql, rusqlite::params_from_iter(values))? != 1 {
        return Err(Error::NotAllowed(format!("事项 {} 刚被他人办理，状态已变化，请刷新后重试", cur.number)));
    }
    write_event(
        &tx,
        &EventWrite {
            assignment_id: id,
            kind: step.kind,
            from_state: Some(cur.state),
            to_state: step.to,
            actor_id: Some(step.input_actor),
            entered_by,
            at: now,
            note: step.note,
            payload: step.payload,
        },
    )?;
    tx.commit()?;
    Ok(())
}

fn simple(kind: EventKind, to: State, input: &ActionInput) -> Step<'static> {
    Step {
        kind,
        to,
        input_actor: input.actor_id,
        note: optional_text(input.note.as_deref()),
        payload: serde_json::json!({}),
        sets: vec![],
        raw: vec![],
    }
}

/// 交办: 登记 → 已交办.
pub fn assign(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Assign)?;
    check_actor(conn, input.actor_id)?;
    commit(conn, id, &cur, simple(EventKind::Assign, State::Assigned, input), time::now())
}

/// 签收/受理: 已交办 → 办理中.
pub fn accept(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Accept)?;
    check_actor(conn, input.actor_id)?;
    let now = time::now();
    let mut step = simple(EventKind::Accept, State::InProgress, input);
    step.sets.push(("accepted_at", ts(now).into()));
    step.sets.push(("last_report_at", ts(now).into()));
    commit(conn, id, &cur, step, now)
}

/// 进展反馈: any time while the item is open; the state stays, the feedback cycle restarts.
pub fn report_progress(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Progress)?;
    check_actor(conn, input.actor_id)?;
    let note = required_reason(input.note.as_deref(), "note", "进展情况")?;
    let now = time::now();
    let mut step = simple(EventKind::Progress, cur.state, input);
    step.note = Some(note);
    step.sets.push(("last_report_at", ts(now).into()));
    commit(conn, id, &cur, step, now)
}

/// 办理结果反馈: 办理中 → 已反馈.
pub fn report_result(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Report)?;
    check_actor(conn, input.actor_id)?;
    let note = required_reason(input.note.as_deref(), "note", "办理结果")?;
    let now = time::now();
    let mut step = simple(EventKind::Report, State::Reported, input);
    step.note = Some(note);
    step.sets.push(("last_report_at", ts(now).into()));
    commit(conn, id, &cur, step, now)
}

/// 办结审核通过: 已反馈 → 已办结. A parent closes only when all its sub-items are finished.
pub fn pass(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Pass)?;
    check_actor(conn, input.actor_id)?;
    check_satisfaction(input.satisfaction)?;
    let open_children: i64 = conn.query_row(
        "SELECT count(*) FROM assignment WHERE parent_id = ?1
         AND state NOT IN ('closed', 'struck_off', 'archived')",
        [id],
        |r| r.get(0),
    )?;
    if open_children > 0 {
        return Err(Error::NotAllowed(format!(
            "事项 {} 还有 {open_children} 个分解事项未办结，不能审核办结",
            cur.number
        )));
    }
    let now = time::now();
    let mut step = simple(EventKind::Pass, State::Closed, input);
    step.payload = serde_json::json!({
        "satisfaction": input.satisfaction,
        "on_time": now <= cur.deadline,
    });
    step.sets.push(("closed_at", ts(now).into()));
    commit(conn, id, &cur, step, now)
}

/// 退回重办: 已反馈 → 办理中, with a reason.
pub fn return_for_redo(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Return)?;
    check_actor(conn, input.actor_id)?;
    let reason = required_reason(input.note.as_deref(), "note", "退回理由")?;
    let mut step = simple(EventKind::Return, State::InProgress, input);
    step.note = Some(reason);
    step.raw.push("returned_count = returned_count + 1");
    commit(conn, id, &cur, step, time::now())
}

/// 延期申请: before the deadline passes, with a reason and a later date. The state stays.
pub fn request_extension(conn: &mut Connection, id: i64, input: &ExtensionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Extend)?;
    check_actor(conn, input.actor_id)?;
    let now = time::now();
    if now > cur.deadline {
        return Err(Error::NotAllowed(format!(
            "事项 {} 已超过办理时限（{}），延期须在到期前申请",
            cur.number,
            cur.deadline.format("%Y-%m-%d %H:%M")
        )));
    }
    if cur.pending.is_some() {
        return Err(Error::NotAllowed(format!("事项 {} 已有一份待审批的延期申请", cur.number)));
    }
    let reason = required_reason(Some(&input.reason), "reason", "延期理由")?;
    let cal = calendar::load(conn)?;
    let new = parse_deadline(&cal, "new_deadline", &input.new_deadline)?;
    if new.due <= cur.deadline {
        return Err(Error::invalid("new_deadline", "延期后的时限应晚于现在的办理时限"));
    }
    let pending = PendingExtension { new_deadline: new.due, reason: reason.clone(), requested_at: now };
    let pending_json =
        serde_json::to_string(&pending).map_err(|e| Error::invalid("new_deadline", e.to_string()))?;
    let step = Step {
        kind: EventKind::ExtensionRequest,
        to: cur.state,
        input_actor: input.actor_id,
        note: Some(reason),
        payload: serde_json::json!({"old_deadline": ts(cur.deadline), "new_deadline": ts(new.due)}),
        sets: vec![("pending_extension", pending_json.into())],
        raw: vec![],
    };
    commit(conn, id, &cur, step, now)
}

fn pending_or_refuse(cur: &Current, action: &str) -> Result<PendingExtension> {
    cur.pending
        .clone()
        .ok_or_else(|| Error::NotAllowed(format!("事项 {} 没有待审批的延期申请，不能{action}", cur.number)))
}

/// 同意延期: the new deadline applies; the old one stays in the event.
pub fn approve_extension(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::ApproveExtension)?;
    let pending = pending_or_refuse(&cur, "同意延期")?;
    check_actor(conn, input.actor_id)?;
    let mut step = simple(EventKind::ExtensionApprove, cur.state, input);
    step.payload =
        serde_json::json!({"old_deadline": ts(cur.deadline), "new_deadline": ts(pending.new_deadline)});
    step.sets.push(("deadline", ts(pending.new_deadline).into()));
    step.sets.push(("deadline_explicit", rusqlite::types::Value::Integer(1)));
    step.sets.push(("pending_extension", rusqlite::types::Value::Null));
    commit(conn, id, &cur, step, time::now())
}

/// 不同意延期: the deadline stays.
pub fn reject_extension(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::RejectExtension)?;
    let pending = pending_or_refuse(&cur, "驳回延期")?;
    check_actor(conn, input.actor_id)?;
    let mut step = simple(EventKind::ExtensionReject, cur.state, input);
    step.payload = serde_json::json!({"requested_deadline": ts(pending.new_deadline)});
    step.sets.push(("pending_extension", rusqlite::types::Value::Null));
    commit(conn, id, &cur, step, time::now())
}

/// 中止: the clock stops, with a reason.
pub fn suspend(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Suspend)?;
    check_actor(conn, input.actor_id)?;
    let reason = required_reason(input.note.as_deref(), "note", "中止理由")?;
    let now = time::now();
    let mut step = simple(EventKind::Suspend, State::Suspended, input);
    step.note = Some(reason);
    step.sets.push(("suspended_from", cur.state.code().to_string().into()));
    step.sets.push(("suspended_since", ts(now).into()));
    commit(conn, id, &cur, step, now)
}

/// 恢复办理: back to the state before 中止; the deadline moves by the suspended time (working
/// time for working-day limits), so time while suspended does not count.
pub fn resume(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Resume)?;
    check_actor(conn, input.actor_id)?;
    let now = time::now();
    let since = cur.suspended_since.unwrap_or(now);
    let back = cur.suspended_from.unwrap_or(State::InProgress);
    let mut suspensions = cur.suspensions.clone();
    suspensions.push(Interval { from: since, to: now });
    let cal = calendar::load(conn)?;
    let category_limit = calendar::limits::get(conn)?.of(cur.category).result;
    let new_deadline = if cur.deadline_explicit {
        // What was left of the allotment when the clock stopped runs again from now. An item
        // suspended after its deadline keeps it.
        if since < cur.deadline {
            let clock = clock_of(conn, cur.category)?;
            let left = cal.elapsed(clock, since, cur.deadline)?;
            push(&cal, clock, now.max(since), left)?.max(cur.deadline)
        } else {
            cur.deadline
        }
    } else {
        cal.add_excluding(cur.assigned_at, category_limit, &suspensions)?.due
    };
    let mut step = simple(EventKind::Resume, back, input);
    step.payload = serde_json::json!({
        "suspended_from": ts(since),
        "old_deadline": ts(cur.deadline),
        "new_deadline": ts(new_deadline),
    });
    let json =
        serde_json::to_string(&suspensions).map_err(|e| Error::invalid("suspensions", e.to_string()))?;
    step.sets.push(("suspensions", json.into()));
    step.sets.push(("suspended_from", rusqlite::types::Value::Null));
    step.sets.push(("suspended_since", rusqlite::types::Value::Null));
    step.sets.push(("deadline", ts(new_deadline).into()));
    commit(conn, id, &cur, step, now)
}

/// 催办: a reminder to the lead unit (printed as 催办单). The state stays.
pub fn remind(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Remind)?;
    check_actor(conn, input.actor_id)?;
    commit(conn, id, &cur, simple(EventKind::Remind, cur.state, input), time::now())
}

/// 回访 at 30 or 90 days after closing: held (stays closed) or rebounded (reopened, 办理中).
pub fn revisit(conn: &mut Connection, id: i64, input: &RevisitInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Revisit)?;
    check_actor(conn, input.actor_id)?;
    if input.day != 30 && input.day != 90 {
        return Err(Error::invalid("day", "回访时点应为办结后 30 天或 90 天"));
    }
    check_satisfaction(input.satisfaction)?;
    let now = time::now();
    let closed_at: Option<String> =
        conn.query_row("SELECT closed_at FROM assignment WHERE id = ?1", [id], |r| r.get(0))?;
    let closed_at = parse_opt_ts(closed_at)?.unwrap_or(now);
    if now < closed_at + TimeDelta::days(i64::from(input.day)) {
        return Err(Error::NotAllowed(format!(
            "事项 {} 于 {} 办结，未满 {} 天，还不能进行 {} 天回访",
            cur.number,
            closed_at.format("%Y-%m-%d"),
            input.day,
            input.day
        )));
    }
    let note = optional_text(input.note.as_deref());
    if !input.held && note.is_none() {
        return Err(Error::invalid("note", "请填写反弹情况"));
    }
    let (kind, to) = if input.held {
        (EventKind::RevisitHeld, State::Closed)
    } else {
        (EventKind::RevisitRebound, State::InProgress)
    };
    let mut step = Step {
        kind,
        to,
        input_actor: input.actor_id,
        note,
        payload: serde_json::json!({"day": input.day, "held": input.held, "satisfaction": input.satisfaction}),
        sets: vec![],
        raw: vec![],
    };
    if !input.held {
        step.sets.push(("closed_at", rusqlite::types::Value::Null));
    }
    commit(conn, id, &cur, step, now)
}

/// 销号: 已办结 → 已销号.
pub fn strike_off(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::StrikeOff)?;
    check_actor(conn, input.actor_id)?;
    commit(conn, id, &cur, simple(EventKind::StrikeOff, State::StruckOff, input), time::now())
}

/// 归档: 已销号 → 已归档.
pub fn archive(conn: &mut Connection, id: i64, input: &ActionInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, Action::Archive)?;
    check_actor(conn, input.actor_id)?;
    commit(conn, id, &cur, simple(EventKind::Archive, State::Archived, input), time::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_push_moves_a_deadline_by_working_time() {
        let conn = crate::db::open_in_memory().expect("db");
        let cal = calendar::load(&conn).expect("cal");
        let t = |s: &str| calendar::parse_time("t", s).expect("time");
        // Fri 17:00 + 2 working hours: half an hour on Friday, 1.5 h on Monday morning.
        let due = push(&cal, Clock::Working, t("2026-03-13T17:00"), TimeDelta::hours(2)).expect("push");
        assert_eq!(due, t("2026-03-16T10:30"));
        // Across the 2026 National Day holiday (1–7 October off): Wed 30 Sep 17:00 + 1 working hour
        // is half an hour that day and half an hour on Thu 8 October.
        let due = push(&cal, Clock::Working, t("2026-09-30T17:00"), TimeDelta::hours(1)).expect("push");
        assert_eq!(due, t("2026-10-08T09:30"));
        let due = push(&cal, Clock::Natural, t("2026-09-30T17:00"), TimeDelta::hours(24)).expect("push");
        assert_eq!(due, t("2026-10-01T17:00"));
    }
}

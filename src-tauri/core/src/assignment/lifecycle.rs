//! The lifecycle of 交办事项: 登记 → 已交办 → 办理中 → 已反馈 → (审核) 已办结 → 回访 → 已销号 →
//! 已归档, with the side paths (进展反馈, 延期申请, 中止/恢复, 催办, 退回重办, 反弹重办).
//!
//! The UI sends intents ("accept item 42 with this note"); the core takes the time, checks the
//! action against the current state with the lifecycle engine, and writes the event and the new
//! state in one transaction.

use chrono::{DateTime, FixedOffset, TimeDelta};
use rusqlite::{Connection, OptionalExtension};

use super::action::ActionRequest;
use super::model::{Action, ActionInput, EventKind, ExtensionInput, PendingExtension, RevisitInput, State};
use super::register::parse_deadline;
use super::Items;
use crate::calendar::{self, Calendar, Category, Clock, Interval};
use crate::db::{self, Json};
use crate::lifecycle::{self, Record, Step};
use crate::org::{self, optional_note};
use crate::time::{self, Timestamp};
use crate::{Error, Result};

/// What the transitions need of the current row.
struct Current {
    record: Record<Items>,
    category: Category,
    assigned_at: DateTime<FixedOffset>,
    deadline: DateTime<FixedOffset>,
    deadline_explicit: bool,
    suspended_from: Option<State>,
    suspended_since: Option<DateTime<FixedOffset>>,
    suspensions: Vec<Interval>,
    pending: Option<PendingExtension>,
    closed_at: Option<DateTime<FixedOffset>>,
}

fn current(conn: &Connection, id: i64) -> Result<Current> {
    conn.query_row(
        "SELECT number, state, category, assigned_at, deadline, deadline_explicit, suspended_from,
                suspended_since, suspensions, pending_extension, closed_at
         FROM assignment WHERE id = ?1",
        [id],
        |r| {
            let pending: Option<Json<PendingExtension>> = r.get(9)?;
            Ok(Current {
                record: Record { id, name: r.get(0)?, state: r.get(1)? },
                category: r.get::<_, Category>(2)?,
                assigned_at: r.get::<_, Timestamp>(3)?.0,
                deadline: r.get::<_, Timestamp>(4)?.0,
                deadline_explicit: r.get(5)?,
                suspended_from: r.get(6)?,
                suspended_since: time::optional(r.get(7)?),
                suspensions: r.get::<_, Json<_>>(8)?.0,
                pending: pending.map(|p| p.0),
                closed_at: time::optional(r.get(10)?),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的交办事项")))
}

/// Reads the item, checks the action against its state and the actor against the directory.
fn start(conn: &Connection, id: i64, action: Action, actor_id: i64) -> Result<Current> {
    let cur = current(conn, id)?;
    lifecycle::guard(&cur.record, action)?;
    org::active_person(conn, "actor_id", "办理人", actor_id)?;
    Ok(cur)
}

fn required_note(note: Option<&str>, field: &str, what: &str) -> Result<String> {
    optional_note(note).ok_or_else(|| Error::invalid(field, format!("请填写{what}")))
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

/// Writes one step on `conn`, inside the caller's write transaction.
fn commit(conn: &Connection, cur: &Current, step: Step<Items>, now: DateTime<FixedOffset>) -> Result<()> {
    lifecycle::transition(conn, &cur.record, step, now).map(drop)
}

/// A step with the input's actor and note.
fn step(kind: EventKind, to: State, input: &ActionInput) -> Step<Items> {
    Step::new(kind, to, input.actor_id).note(optional_note(input.note.as_deref()))
}

/// 交办: 登记 → 已交办.
fn assign_at(conn: &Connection, id: i64, input: &ActionInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, Action::Assign, input.actor_id)?;
    commit(conn, &cur, step(EventKind::Assign, State::Assigned, input), now)
}

/// 签收/受理: 已交办 → 办理中.
fn accept_at(conn: &Connection, id: i64, input: &ActionInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, Action::Accept, input.actor_id)?;
    let step = step(EventKind::Accept, State::InProgress, input)
        .set_time("accepted_at", now)
        .set_time("last_report_at", now);
    commit(conn, &cur, step, now)
}

/// 进展反馈: any time while the item is open; the state stays, the feedback cycle restarts.
fn report_progress_at(
    conn: &Connection,
    id: i64,
    input: &ActionInput,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = start(conn, id, Action::Progress, input.actor_id)?;
    let note = required_note(input.note.as_deref(), "note", "进展情况")?;
    let step =
        step(EventKind::Progress, cur.record.state, input).note(Some(note)).set_time("last_report_at", now);
    commit(conn, &cur, step, now)
}

/// 办理结果反馈: 办理中 → 已反馈.
fn report_result_at(
    conn: &Connection,
    id: i64,
    input: &ActionInput,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = start(conn, id, Action::Report, input.actor_id)?;
    let note = required_note(input.note.as_deref(), "note", "办理结果")?;
    let step =
        step(EventKind::Report, State::Reported, input).note(Some(note)).set_time("last_report_at", now);
    commit(conn, &cur, step, now)
}

/// 办结审核通过: 已反馈 → 已办结. A parent closes only when all its sub-items are finished.
fn pass_at(conn: &Connection, id: i64, input: &ActionInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, Action::Pass, input.actor_id)?;
    check_satisfaction(input.satisfaction)?;
    let open_children: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM assignment WHERE parent_id = ?1 AND state NOT IN ({})",
            State::sql_codes(State::is_finished)
        ),
        [id],
        |r| r.get(0),
    )?;
    if open_children > 0 {
        return Err(Error::NotAllowed(format!(
            "事项“{}”还有 {open_children} 个分解事项未办结，不能审核办结",
            cur.record.name
        )));
    }
    let step = step(EventKind::Pass, State::Closed, input)
        .payload(serde_json::json!({"satisfaction": input.satisfaction, "on_time": now <= cur.deadline}))
        .set_time("closed_at", now);
    commit(conn, &cur, step, now)
}

/// 退回重办: 已反馈 → 办理中, with a reason.
fn return_for_redo_at(
    conn: &Connection,
    id: i64,
    input: &ActionInput,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = start(conn, id, Action::Return, input.actor_id)?;
    let reason = required_note(input.note.as_deref(), "note", "退回理由")?;
    let step = step(EventKind::Return, State::InProgress, input)
        .note(Some(reason))
        .raw("returned_count = returned_count + 1");
    commit(conn, &cur, step, now)
}

/// 延期申请: before the deadline passes, with a reason and a later date. The state stays.
fn request_extension_at(
    conn: &Connection,
    id: i64,
    input: &ExtensionInput,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = start(conn, id, Action::Extend, input.actor_id)?;
    if now > cur.deadline {
        return Err(Error::NotAllowed(format!(
            "事项“{}”已超过办理时限（{}），延期须在到期前申请",
            cur.record.name,
            cur.deadline.format("%Y-%m-%d %H:%M")
        )));
    }
    if cur.pending.is_some() {
        return Err(Error::NotAllowed(format!("事项“{}”已有一份待审批的延期申请", cur.record.name)));
    }
    let reason = required_note(Some(&input.reason), "reason", "延期理由")?;
    let cal = calendar::load(conn)?;
    let new = parse_deadline(&cal, "new_deadline", &input.new_deadline)?;
    if new.due <= cur.deadline {
        return Err(Error::invalid("new_deadline", "延期后的时限应晚于现在的办理时限"));
    }
    let pending = PendingExtension { new_deadline: new.due, reason: reason.clone(), requested_at: now };
    let pending_json =
        serde_json::to_string(&pending).map_err(|e| Error::invalid("new_deadline", e.to_string()))?;
    let step = Step::new(EventKind::ExtensionRequest, cur.record.state, input.actor_id)
        .note(Some(reason))
        .payload(serde_json::json!({
            "old_deadline": time::to_text(cur.deadline),
            "new_deadline": time::to_text(new.due),
        }))
        .set("pending_extension", pending_json);
    commit(conn, &cur, step, now)
}

fn pending_or_refuse(cur: &Current, action: Action) -> Result<PendingExtension> {
    cur.pending.clone().ok_or_else(|| {
        Error::NotAllowed(format!("事项“{}”没有待审批的延期申请，不能{}", cur.record.name, action.label()))
    })
}

/// 同意延期: the new deadline applies; the old one stays in the event.
fn approve_extension_at(
    conn: &Connection,
    id: i64,
    input: &ActionInput,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = current(conn, id)?;
    lifecycle::guard(&cur.record, Action::ApproveExtension)?;
    let pending = pending_or_refuse(&cur, Action::ApproveExtension)?;
    org::active_person(conn, "actor_id", "办理人", input.actor_id)?;
    let step = step(EventKind::ExtensionApprove, cur.record.state, input)
        .payload(serde_json::json!({
            "old_deadline": time::to_text(cur.deadline),
            "new_deadline": time::to_text(pending.new_deadline),
        }))
        .set_time("deadline", pending.new_deadline)
        .set("deadline_explicit", 1)
        .clear("pending_extension");
    commit(conn, &cur, step, now)
}

/// 不同意延期: the deadline stays.
fn reject_extension_at(
    conn: &Connection,
    id: i64,
    input: &ActionInput,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = current(conn, id)?;
    lifecycle::guard(&cur.record, Action::RejectExtension)?;
    let pending = pending_or_refuse(&cur, Action::RejectExtension)?;
    org::active_person(conn, "actor_id", "办理人", input.actor_id)?;
    let step = step(EventKind::ExtensionReject, cur.record.state, input)
        .payload(serde_json::json!({"requested_deadline": time::to_text(pending.new_deadline)}))
        .clear("pending_extension");
    commit(conn, &cur, step, now)
}

/// 中止: the clock stops, with a reason.
fn suspend_at(conn: &Connection, id: i64, input: &ActionInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, Action::Suspend, input.actor_id)?;
    let reason = required_note(input.note.as_deref(), "note", "中止理由")?;
    let step = step(EventKind::Suspend, State::Suspended, input)
        .note(Some(reason))
        .set("suspended_from", cur.record.state.code().to_string())
        .set_time("suspended_since", now);
    commit(conn, &cur, step, now)
}

/// 恢复办理: back to the state before 中止; the deadline moves by the suspended time (working
/// time for working-day limits), so time while suspended does not count.
fn resume_at(conn: &Connection, id: i64, input: &ActionInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, Action::Resume, input.actor_id)?;
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
    let json =
        serde_json::to_string(&suspensions).map_err(|e| Error::invalid("suspensions", e.to_string()))?;
    let step = step(EventKind::Resume, back, input)
        .payload(serde_json::json!({
            "suspended_from": time::to_text(since),
            "old_deadline": time::to_text(cur.deadline),
            "new_deadline": time::to_text(new_deadline),
        }))
        .set("suspensions", json)
        .clear("suspended_from")
        .clear("suspended_since")
        .set_time("deadline", new_deadline);
    commit(conn, &cur, step, now)
}

/// 催办: a reminder to the lead unit (printed as 催办单). The state stays.
fn remind_at(conn: &Connection, id: i64, input: &ActionInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, Action::Remind, input.actor_id)?;
    commit(conn, &cur, step(EventKind::Remind, cur.record.state, input), now)
}

/// 回访 at 30 or 90 days after closing: held (stays closed) or rebounded (reopened, 办理中).
fn revisit_at(conn: &Connection, id: i64, input: &RevisitInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, Action::Revisit, input.actor_id)?;
    if input.day != 30 && input.day != 90 {
        return Err(Error::invalid("day", "回访时点应为办结后 30 天或 90 天"));
    }
    check_satisfaction(input.satisfaction)?;
    let closed_at = cur.closed_at.unwrap_or(now);
    if now < closed_at + TimeDelta::days(i64::from(input.day)) {
        return Err(Error::NotAllowed(format!(
            "事项“{}”于 {} 办结，未满 {} 天，还不能进行 {} 天回访",
            cur.record.name,
            closed_at.format("%Y-%m-%d"),
            input.day,
            input.day
        )));
    }
    let note = optional_note(input.note.as_deref());
    if !input.held && note.is_none() {
        return Err(Error::invalid("note", "请填写反弹情况"));
    }
    let (kind, to) = if input.held {
        (EventKind::RevisitHeld, State::Closed)
    } else {
        (EventKind::RevisitRebound, State::InProgress)
    };
    let mut step = Step::new(kind, to, input.actor_id).note(note).payload(
        serde_json::json!({"day": input.day, "held": input.held, "satisfaction": input.satisfaction}),
    );
    if !input.held {
        step = step.clear("closed_at");
    }
    commit(conn, &cur, step, now)
}

/// 销号: 已办结 → 已销号.
fn strike_off_at(conn: &Connection, id: i64, input: &ActionInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, Action::StrikeOff, input.actor_id)?;
    commit(conn, &cur, step(EventKind::StrikeOff, State::StruckOff, input), now)
}

/// 归档: 已销号 → 已归档, in the caller's transaction: only `archive::file`, which files the 件 with
/// it, takes this step.
pub(crate) fn archive_at(
    conn: &Connection,
    id: i64,
    input: &ActionInput,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = start(conn, id, Action::Archive, input.actor_id)?;
    commit(conn, &cur, step(EventKind::Archive, State::Archived, input), now)
}

/// Each action on its own: one write transaction at the current time, the core's clock.
macro_rules! in_one_transaction {
    ($($(#[$doc:meta])* $name:ident($input:ty) = $inner:ident;)+) => {$(
        $(#[$doc])*
        pub fn $name(conn: &mut Connection, id: i64, input: &$input) -> Result<()> {
            let tx = db::begin_write(conn)?;
            $inner(&tx, id, input, time::now())?;
            tx.commit()?;
            Ok(())
        }
    )+};
}

in_one_transaction! {
    /// 交办: 登记 → 已交办.
    assign(ActionInput) = assign_at;
    /// 签收/受理: 已交办 → 办理中.
    accept(ActionInput) = accept_at;
    /// 进展反馈 (the state stays).
    report_progress(ActionInput) = report_progress_at;
    /// 办理结果反馈: 办理中 → 已反馈.
    report_result(ActionInput) = report_result_at;
    /// 办结审核通过: 已反馈 → 已办结.
    pass(ActionInput) = pass_at;
    /// 退回重办: 已反馈 → 办理中.
    return_for_redo(ActionInput) = return_for_redo_at;
    /// 延期申请 (the state stays).
    request_extension(ExtensionInput) = request_extension_at;
    /// 同意延期.
    approve_extension(ActionInput) = approve_extension_at;
    /// 不同意延期.
    reject_extension(ActionInput) = reject_extension_at;
    /// 中止.
    suspend(ActionInput) = suspend_at;
    /// 恢复办理.
    resume(ActionInput) = resume_at;
    /// 催办 (the state stays).
    remind(ActionInput) = remind_at;
    /// 回访 at 30 or 90 days after closing.
    revisit(RevisitInput) = revisit_at;
    /// 销号: 已办结 → 已销号.
    strike_off(ActionInput) = strike_off_at;
}

/// Performs one action in one write transaction; the core takes the time and checks the transition.
pub fn perform(conn: &mut Connection, id: i64, request: &ActionRequest) -> Result<()> {
    let tx = db::begin_write(conn)?;
    apply(&tx, id, request, time::now())?;
    tx.commit()?;
    Ok(())
}

/// Performs the action of a form's values at `now` on `conn`, inside the caller's write
/// transaction: the one door of the window, the CLI and the demo filler (which writes histories
/// in the past).
pub(crate) fn apply(
    conn: &Connection,
    id: i64,
    request: &ActionRequest,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let v = &request.input;
    let input = ActionInput { actor_id: v.actor_id, note: v.note.clone(), satisfaction: v.satisfaction };
    let simple: fn(&Connection, i64, &ActionInput, DateTime<FixedOffset>) -> Result<()> = match request.action
    {
        Action::Extend => {
            let extension = ExtensionInput {
                actor_id: v.actor_id,
                reason: v.reason.clone().unwrap_or_default(),
                new_deadline: v.new_deadline.clone().unwrap_or_default(),
            };
            return request_extension_at(conn, id, &extension, now);
        }
        Action::Revisit => {
            let revisit = RevisitInput {
                actor_id: v.actor_id,
                day: v.day.ok_or_else(|| Error::invalid("day", "请选择回访时点"))?,
                held: v.held.ok_or_else(|| Error::invalid("held", "请选择回访结果"))?,
                note: v.note.clone(),
                satisfaction: v.satisfaction,
            };
            return revisit_at(conn, id, &revisit, now);
        }
        Action::Assign => assign_at,
        Action::Accept => accept_at,
        Action::Progress => report_progress_at,
        Action::Report => report_result_at,
        Action::Pass => pass_at,
        Action::Return => return_for_redo_at,
        Action::ApproveExtension => approve_extension_at,
        Action::RejectExtension => reject_extension_at,
        Action::Suspend => suspend_at,
        Action::Resume => resume_at,
        Action::Remind => remind_at,
        Action::StrikeOff => strike_off_at,
        Action::Archive => return Err(Error::NotAllowed(lifecycle::ARCHIVE_ELSEWHERE.into())),
    };
    simple(conn, id, &input, now)
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

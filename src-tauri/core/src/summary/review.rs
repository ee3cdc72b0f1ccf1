//! 审核: 撰写中 → 审核中 (提交审核, with the substance checks) → 退回重写 (with opinions) or 审核通过
//! → 已发布, through the lifecycle engine: every step is an append-only event written in the same
//! transaction as the new state; a step the state does not allow is `Error::NotAllowed` naming both.

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension};

use super::checks::{check_sections, run_check};
use super::flow::{
    actor_label, is_review, Summaries, SummaryActionRequest, SummaryActionValues, MAX_OPINION_CHARS,
};
use super::model::{
    NamedRef, OpinionInput, ReturnInput, ReviewInput, ReviewOpinion, SummaryAction, SummaryEvent,
    SummaryEventKind, SummaryState, SummaryVersionKind,
};
use super::{publicity, version};
use crate::lifecycle::{self, Record, Step};
use crate::org::{active_person, optional_note};
use crate::time::{self, Timestamp};
use crate::{db, Error, Result};

/// The timeline, oldest first.
pub fn events(conn: &Connection, id: i64) -> Result<Vec<SummaryEvent>> {
    lifecycle::events::<Summaries>(conn, id)
}

/// Every opinion, oldest first.
pub fn opinions(conn: &Connection, id: i64) -> Result<Vec<ReviewOpinion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.round, o.section, o.text, p.id, p.name, o.at
         FROM summary_opinion o JOIN person p ON p.id = o.reviewer_id
         WHERE o.summary_id = ?1 ORDER BY o.id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(ReviewOpinion {
                id: r.get(0)?,
                round: r.get(1)?,
                section: r.get(2)?,
                text: r.get(3)?,
                reviewer: NamedRef { id: r.get(4)?, name: r.get(5)? },
                at: r.get::<_, Timestamp>(6)?.0,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What the steps need of the current row.
struct Current {
    record: Record<Summaries>,
    returned_count: i64,
}

/// Reads the summary, checks the action against its state and the actor against the directory;
/// the drafter may not review her own text.
fn start(conn: &Connection, id: i64, action: SummaryAction, actor_id: i64) -> Result<Current> {
    let (cur, drafter) = conn
        .query_row("SELECT title, state, returned_count, drafter_id FROM summary WHERE id = ?1", [id], |r| {
            let record = Record { id, name: r.get(0)?, state: r.get(1)? };
            Ok((Current { record, returned_count: r.get(2)? }, r.get::<_, i64>(3)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的总结")))?;
    lifecycle::guard(&cur.record, action)?;
    let label = actor_label(action);
    let actor = active_person(conn, "actor_id", label, actor_id)?;
    if is_review(action) && actor_id == drafter {
        return Err(Error::invalid(
            "actor_id",
            format!(
                "{}是总结“{}”的撰写人，不能审核自己撰写的总结，请选择其他{label}",
                actor.name, cur.record.name
            ),
        ));
    }
    Ok(cur)
}

fn submit_at(conn: &Connection, id: i64, input: &ReviewInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, SummaryAction::Submit, input.actor_id)?;
    let texts = check_sections(conn, id)?;
    if texts.iter().all(|s| s.text.trim().is_empty()) {
        return Err(Error::NotAllowed(format!("总结“{}”的正文还是空的，不能提交审核", cur.record.name)));
    }
    let report = run_check(conn, id)?;
    let note = optional_note(input.note.as_deref());
    if !report.passed && note.is_none() {
        let failed: Vec<&str> =
            report.checks.iter().filter(|c| !c.passed).map(|c| c.summary.as_str()).collect();
        return Err(Error::invalid(
            "note",
            format!("实质性检查未通过（{}）。如仍要提交，请填写提交说明", failed.join("；")),
        ));
    }
    let entered_by = lifecycle::entered_by(conn)?;
    let v = version::insert_version(conn, id, SummaryVersionKind::Submit, Some("提交审核"), entered_by)?;
    let payload = serde_json::json!({
        "round": cur.returned_count + 1,
        "version": v,
        "reason": note,
        "check": {
            "passed": report.passed,
            "quant_ratio": report.quant_ratio,
            "problem_ratio": report.problem_ratio,
            "stock_count": report.stock_count,
            "indicators": report.indicators,
            "checks": report.checks,
        },
    });
    let step = Step::new(SummaryEventKind::Submit, SummaryState::Submitted, input.actor_id)
        .note(note)
        .payload(payload);
    lifecycle::transition(conn, &cur.record, step, now).map(drop)
}

/// Where an opinion goes: the summary, its review round and section count, who gives it.
struct Round {
    id: i64,
    round: i64,
    sections: i64,
    reviewer: i64,
    entered_by: Option<i64>,
    at: DateTime<FixedOffset>,
}

impl Round {
    fn of(conn: &Connection, cur: &Current, reviewer: i64, at: DateTime<FixedOffset>) -> Result<Round> {
        let id = cur.record.id;
        let sections: i64 =
            conn.query_row("SELECT count(*) FROM summary_section WHERE summary_id = ?1", [id], |r| r.get(0))?;
        let entered_by = lifecycle::entered_by(conn)?;
        Ok(Round { id, round: cur.returned_count + 1, sections, reviewer, entered_by, at })
    }

    fn insert(&self, conn: &Connection, input: &OpinionInput, path: &str) -> Result<i64> {
        let text = input.text.trim();
        if text.is_empty() {
            return Err(Error::invalid(format!("{path}.text"), "请填写审核意见"));
        }
        if text.chars().count() > MAX_OPINION_CHARS as usize {
            return Err(Error::invalid(
                format!("{path}.text"),
                format!("审核意见最多 {MAX_OPINION_CHARS} 个字"),
            ));
        }
        if let Some(s) = input.section {
            if !(0..self.sections).contains(&s) {
                return Err(Error::invalid(
                    format!("{path}.section"),
                    format!("第 {} 章不存在（本总结共 {} 章）", s + 1, self.sections),
                ));
            }
        }
        crate::db::execute(
            conn,
            "INSERT INTO summary_opinion (summary_id, round, section, text, reviewer_id, entered_by, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                self.id,
                self.round,
                input.section,
                text,
                self.reviewer,
                self.entered_by,
                Timestamp(self.at)
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }
}

fn add_opinion_at(
    conn: &Connection,
    id: i64,
    actor_id: i64,
    input: &OpinionInput,
    now: DateTime<FixedOffset>,
) -> Result<i64> {
    let cur = start(conn, id, SummaryAction::Opinion, actor_id)?;
    let round = Round::of(conn, &cur, actor_id, now)?;
    let opinion = round.insert(conn, input, "opinion")?;
    let step = Step::new(SummaryEventKind::Opinion, cur.record.state, actor_id)
        .note(Some(input.text.trim().to_string()))
        .payload(serde_json::json!({"opinion_id": opinion, "section": input.section, "round": round.round}));
    lifecycle::transition(conn, &cur.record, step, now)?;
    Ok(opinion)
}

fn return_at(conn: &Connection, id: i64, input: &ReturnInput, now: DateTime<FixedOffset>) -> Result<()> {
    let cur = start(conn, id, SummaryAction::Return, input.actor_id)?;
    let round = Round::of(conn, &cur, input.actor_id, now)?;
    let earlier: i64 = conn.query_row(
        "SELECT count(*) FROM summary_opinion WHERE summary_id = ?1 AND round = ?2",
        params![id, round.round],
        |r| r.get(0),
    )?;
    let note = optional_note(input.note.as_deref());
    let mut given: Vec<OpinionInput> = input.opinions.clone();
    if given.is_empty() && earlier == 0 {
        match &note {
            Some(n) => given.push(OpinionInput { section: None, text: n.clone() }),
            None => return Err(Error::invalid("opinions", "退回重写须填写审核意见，说明需要修改什么")),
        }
    }
    let mut ids = Vec::new();
    for (i, o) in given.iter().enumerate() {
        ids.push(round.insert(conn, o, &format!("opinions[{i}]"))?);
    }
    let step = Step::new(SummaryEventKind::Return, SummaryState::Returned, input.actor_id)
        .note(note)
        .payload(serde_json::json!({"round": round.round, "opinion_ids": ids, "earlier_opinions": earlier}))
        .raw("returned_count = returned_count + 1");
    lifecycle::transition(conn, &cur.record, step, now).map(drop)
}

fn approve_at(conn: &Connection, id: i64, input: &ReviewInput, now: DateTime<FixedOffset>) -> Result<()> {
    simple(conn, id, input, SummaryAction::Approve, SummaryEventKind::Approve, SummaryState::Approved, now)
}

fn publish_at(conn: &Connection, id: i64, input: &ReviewInput, now: DateTime<FixedOffset>) -> Result<()> {
    simple(conn, id, input, SummaryAction::Publish, SummaryEventKind::Publish, SummaryState::Published, now)
}

/// 归档: 已发布 → 已归档, in the caller's transaction: only `archive::file`, which files the 件
/// with it, takes this step.
pub(crate) fn archive_at(
    conn: &Connection,
    id: i64,
    input: &ReviewInput,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    simple(conn, id, input, SummaryAction::Archive, SummaryEventKind::Archive, SummaryState::Archived, now)
}

/// 登记发布 or 登记宣贯培训: an event with the record in its payload; the state stays.
fn record_at(
    conn: &Connection,
    id: i64,
    v: &SummaryActionValues,
    action: SummaryAction,
    payload: serde_json::Value,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = start(conn, id, action, v.actor_id)?;
    let kind = match action {
        SummaryAction::RecordPublication => SummaryEventKind::Publication,
        _ => SummaryEventKind::Training,
    };
    let step =
        Step::new(kind, cur.record.state, v.actor_id).note(optional_note(v.note.as_deref())).payload(payload);
    lifecycle::transition(conn, &cur.record, step, now).map(drop)
}

fn simple(
    conn: &Connection,
    id: i64,
    input: &ReviewInput,
    action: SummaryAction,
    kind: SummaryEventKind,
    to: SummaryState,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let cur = start(conn, id, action, input.actor_id)?;
    let step = Step::new(kind, to, input.actor_id)
        .note(optional_note(input.note.as_deref()))
        .payload(serde_json::json!({"round": cur.returned_count + 1}));
    lifecycle::transition(conn, &cur.record, step, now).map(drop)
}

/// Runs one step in one write transaction at the core's clock.
fn in_one_transaction<T>(
    conn: &mut Connection,
    f: impl FnOnce(&Connection, DateTime<FixedOffset>) -> Result<T>,
) -> Result<T> {
    let tx = db::begin_write(conn)?;
    let value = f(&tx, time::now())?;
    tx.commit()?;
    Ok(value)
}

/// 提交审核: 撰写中 or 退回重写 → 审核中. The substance checks run on the text; when they fail a
/// reason (`note`) is required. The reason and the check figures go into the event, and a version
/// is saved automatically.
pub fn submit(conn: &mut Connection, id: i64, input: &ReviewInput) -> Result<()> {
    in_one_transaction(conn, |tx, now| submit_at(tx, id, input, now))
}

/// 审核意见 while in review: general (no section) or on one section. The state stays.
pub fn add_opinion(
    conn: &mut Connection,
    id: i64,
    actor_id: i64,
    input: &OpinionInput,
) -> Result<ReviewOpinion> {
    let opinion = in_one_transaction(conn, |tx, now| add_opinion_at(tx, id, actor_id, input, now))?;
    opinions(conn, id)?
        .into_iter()
        .find(|o| o.id == opinion)
        .ok_or_else(|| Error::NotFound("审核意见保存后未能读出".into()))
}

/// 退回重写: 审核中 → 退回重写, with the opinions given now (and any given earlier in this round);
/// at least one is required. A note without opinions becomes a general opinion. Counts the return.
pub fn return_for_rewrite(conn: &mut Connection, id: i64, input: &ReturnInput) -> Result<()> {
    in_one_transaction(conn, |tx, now| return_at(tx, id, input, now))
}

/// 审核通过: 审核中 → 审核通过.
pub fn approve(conn: &mut Connection, id: i64, input: &ReviewInput) -> Result<()> {
    in_one_transaction(conn, |tx, now| approve_at(tx, id, input, now))
}

/// 发布: 审核通过 → 已发布.
pub fn publish(conn: &mut Connection, id: i64, input: &ReviewInput) -> Result<()> {
    in_one_transaction(conn, |tx, now| publish_at(tx, id, input, now))
}

/// Performs a review action from a form's values, in one write transaction: the one door of the
/// window and `luoshi-cli summary review`. For 退回重写, a note with a section is that section's
/// opinion.
pub fn perform(conn: &mut Connection, id: i64, request: &SummaryActionRequest) -> Result<()> {
    let v = &request.input;
    let review = ReviewInput { actor_id: v.actor_id, note: v.note.clone() };
    in_one_transaction(conn, |tx, now| match request.action {
        SummaryAction::Submit => submit_at(tx, id, &review, now),
        SummaryAction::Approve => approve_at(tx, id, &review, now),
        SummaryAction::Publish => publish_at(tx, id, &review, now),
        SummaryAction::Archive => Err(crate::Error::NotAllowed(lifecycle::ARCHIVE_ELSEWHERE.into())),
        SummaryAction::RecordPublication => {
            record_at(tx, id, v, SummaryAction::RecordPublication, publicity::publication_payload(v)?, now)
        }
        SummaryAction::RecordTraining => {
            record_at(tx, id, v, SummaryAction::RecordTraining, publicity::training_payload(v)?, now)
        }
        SummaryAction::Opinion => {
            let opinion = OpinionInput { section: v.section, text: v.note.clone().unwrap_or_default() };
            add_opinion_at(tx, id, v.actor_id, &opinion, now).map(drop)
        }
        SummaryAction::Return => {
            let mut opinions = v.opinions.clone();
            let mut note = v.note.clone();
            if let (Some(section), Some(text)) = (v.section, note.as_ref()) {
                opinions.push(OpinionInput { section: Some(section), text: text.clone() });
                note = None;
            }
            return_at(tx, id, &ReturnInput { actor_id: v.actor_id, note, opinions }, now)
        }
    })
}

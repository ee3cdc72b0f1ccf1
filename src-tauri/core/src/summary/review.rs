//! 审核: 撰写中 → 审核中 (提交审核, with the substance checks) → 退回重写 (with opinions) or 审核通过
//! → 已发布. Every step is an append-only event written in the same transaction as the new state;
//! a step the state does not allow is `Error::NotAllowed` naming both.

use rusqlite::{params, Connection};

use super::draft::{self, active_person, parse_ts};
use super::indicators;
use super::model::{
    NamedRef, OpinionInput, ReturnInput, ReviewInput, ReviewOpinion, SummaryEvent, SummaryEventKind,
    SummaryState, SummaryVersionKind,
};
use super::version;
use crate::check::{self, CheckContext, CheckReport, CopySource, CopySourceKind, SectionText};
use crate::{profile, time, Error, Result};

const MAX_OPINION_CHARS: usize = 2000;
/// Earlier summaries a draft is compared with for copying (the most recent ones of the same unit).
const EARLIER_SUMMARIES: usize = 20;

pub(crate) struct EventWrite {
    pub summary_id: i64,
    pub kind: SummaryEventKind,
    pub from_state: Option<SummaryState>,
    pub to_state: SummaryState,
    pub actor_id: Option<i64>,
    pub entered_by: Option<i64>,
    pub note: Option<String>,
    pub payload: serde_json::Value,
}

pub(crate) fn write_event(conn: &Connection, e: &EventWrite) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO summary_event (summary_id, kind, from_state, to_state, actor_id, entered_by, at, note, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    stmt.execute(params![
        e.summary_id,
        e.kind.code(),
        e.from_state.map(SummaryState::code),
        e.to_state.code(),
        e.actor_id,
        e.entered_by,
        time::now_text(),
        e.note,
        e.payload.to_string(),
    ])?;
    Ok(conn.last_insert_rowid())
}

fn named(id: Option<i64>, name: Option<String>) -> Option<NamedRef> {
    match (id, name) {
        (Some(id), Some(name)) => Some(NamedRef { id, name }),
        _ => None,
    }
}

/// The timeline, oldest first.
pub fn events(conn: &Connection, id: i64) -> Result<Vec<SummaryEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.kind, e.from_state, e.to_state, e.actor_id, a.name, e.entered_by, b.name, e.at, e.note, e.payload
         FROM summary_event e LEFT JOIN person a ON a.id = e.actor_id LEFT JOIN person b ON b.id = e.entered_by
         WHERE e.summary_id = ?1 ORDER BY e.id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            let kind = SummaryEventKind::from_code(&r.get::<_, String>(1)?)?;
            let from: Option<String> = r.get(2)?;
            let payload: String = r.get(10)?;
            Ok(SummaryEvent {
                id: r.get(0)?,
                kind,
                kind_label: kind.label().to_string(),
                from_state: from.as_deref().map(SummaryState::from_code).transpose()?,
                to_state: SummaryState::from_code(&r.get::<_, String>(3)?)?,
                actor: named(r.get(4)?, r.get(5)?),
                entered_by: named(r.get(6)?, r.get(7)?),
                at: parse_ts(&r.get::<_, String>(8)?)?,
                note: r.get(9)?,
                payload: serde_json::from_str(&payload).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, Box::new(e))
                })?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
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
                at: parse_ts(&r.get::<_, String>(6)?)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

struct Current {
    title: String,
    state: SummaryState,
    returned_count: i64,
}

fn current(conn: &Connection, id: i64) -> Result<Current> {
    use rusqlite::OptionalExtension;
    conn.query_row("SELECT title, state, returned_count FROM summary WHERE id = ?1", [id], |r| {
        Ok(Current {
            title: r.get(0)?,
            state: SummaryState::from_code(&r.get::<_, String>(1)?)?,
            returned_count: r.get(2)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的总结")))
}

fn require(cur: &Current, allowed: &[SummaryState], action: &str) -> Result<()> {
    if allowed.contains(&cur.state) {
        Ok(())
    } else {
        Err(Error::NotAllowed(format!("总结“{}”当前状态为“{}”，不能{action}", cur.title, cur.state.label())))
    }
}

fn note_of(note: Option<&str>) -> Option<String> {
    note.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Moves the state (only if it still is `cur.state`) and writes the event, in `tx`.
fn transition(
    tx: &Connection,
    id: i64,
    cur: &Current,
    to: SummaryState,
    event: EventWrite,
    raw: &str,
) -> Result<i64> {
    let changed = tx.execute(
        &format!("UPDATE summary SET state = ?2, updated_at = ?3{raw} WHERE id = ?1 AND state = ?4"),
        params![id, to.code(), time::now_text(), cur.state.code()],
    )?;
    if changed != 1 {
        return Err(Error::NotAllowed(format!("总结“{}”刚被他人处理，状态已变化，请刷新后重试", cur.title)));
    }
    write_event(tx, &event)
}

/// The sections as the checks see them.
pub(crate) fn check_sections(conn: &Connection, id: i64) -> Result<Vec<SectionText>> {
    Ok(draft::raw_sections(conn, id)?
        .into_iter()
        .map(|s| SectionText {
            indicators: indicators::table_status(&s.indicators),
            heading: s.heading,
            role: s.role,
            text: s.text,
        })
        .collect())
}

/// Runs the substance checks on the current text: against the template's guidance and the most
/// recent earlier summaries of the same unit (照搬照抄).
pub fn run_check(conn: &Connection, id: i64) -> Result<CheckReport> {
    // A summary that does not exist is an error, not an empty draft that passes nothing.
    draft::get_summary(conn, id)?;
    let settings = check::load_settings(conn)?;
    let mut sources: Vec<CopySource> = draft::raw_sections(conn, id)?
        .into_iter()
        .filter(|s| !s.guidance.trim().is_empty())
        .map(|s| CopySource { kind: CopySourceKind::Guidance, name: s.heading, text: s.guidance })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.title FROM summary s
         WHERE s.unit_id = (SELECT unit_id FROM summary WHERE id = ?1) AND s.id != ?1
           AND s.state IN ('approved', 'published', 'archived')
         ORDER BY s.updated_at DESC LIMIT ?2",
    )?;
    let earlier = stmt
        .query_map(params![id, EARLIER_SUMMARIES as i64], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (other, title) in earlier {
        let text: String = conn.query_row(
            "SELECT coalesce(group_concat(text, char(10)), '') FROM
               (SELECT text FROM summary_section WHERE summary_id = ?1 ORDER BY position)",
            [other],
            |r| r.get(0),
        )?;
        sources.push(CopySource { kind: CopySourceKind::EarlierSummary, name: title, text });
    }
    let ctx = CheckContext::new(settings).with_copy_sources(sources);
    Ok(check::check_sections(&check_sections(conn, id)?, &ctx))
}

/// 提交审核: 撰写中 or 退回重写 → 审核中. The substance checks run on the text; when they fail a
/// reason (`note`) is required. The reason and the check figures go into the event, and a version
/// is saved automatically.
pub fn submit(conn: &mut Connection, id: i64, input: &ReviewInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, &[SummaryState::Drafting, SummaryState::Returned], "提交审核")?;
    active_person(conn, "actor_id", "提交人", input.actor_id)?;
    let texts = check_sections(conn, id)?;
    if texts.iter().all(|s| s.text.trim().is_empty()) {
        return Err(Error::NotAllowed(format!("总结“{}”的正文还是空的，不能提交审核", cur.title)));
    }
    let report = run_check(conn, id)?;
    let note = note_of(input.note.as_deref());
    if !report.passed && note.is_none() {
        let failed: Vec<&str> =
            report.checks.iter().filter(|c| !c.passed).map(|c| c.summary.as_str()).collect();
        return Err(Error::invalid(
            "note",
            format!("实质性检查未通过（{}）。如仍要提交，请填写提交说明", failed.join("；")),
        ));
    }
    let entered_by = profile::get_profile(conn)?.map(|p| p.person_id);
    let tx = conn.transaction()?;
    let v = version::insert_version(&tx, id, SummaryVersionKind::Submit, Some("提交审核"), entered_by)?;
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
    let event = EventWrite {
        summary_id: id,
        kind: SummaryEventKind::Submit,
        from_state: Some(cur.state),
        to_state: SummaryState::Submitted,
        actor_id: Some(input.actor_id),
        entered_by,
        note,
        payload,
    };
    transition(&tx, id, &cur, SummaryState::Submitted, event, "")?;
    tx.commit()?;
    Ok(())
}

/// Where an opinion goes: the summary, its review round and section count, who gives it.
struct Round {
    id: i64,
    round: i64,
    sections: i64,
    reviewer: i64,
    entered_by: Option<i64>,
}

fn insert_opinion(tx: &Connection, at: &Round, input: &OpinionInput, path: &str) -> Result<i64> {
    let text = input.text.trim();
    if text.is_empty() {
        return Err(Error::invalid(format!("{path}.text"), "请填写审核意见"));
    }
    if text.chars().count() > MAX_OPINION_CHARS {
        return Err(Error::invalid(format!("{path}.text"), format!("审核意见最多 {MAX_OPINION_CHARS} 个字")));
    }
    if let Some(s) = input.section {
        if !(0..at.sections).contains(&s) {
            return Err(Error::invalid(
                format!("{path}.section"),
                format!("第 {} 章不存在（本总结共 {} 章）", s + 1, at.sections),
            ));
        }
    }
    tx.execute(
        "INSERT INTO summary_opinion (summary_id, round, section, text, reviewer_id, entered_by, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![at.id, at.round, input.section, text, at.reviewer, at.entered_by, time::now_text()],
    )?;
    Ok(tx.last_insert_rowid())
}

fn section_total(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM summary_section WHERE summary_id = ?1", [id], |r| r.get(0))?)
}

/// 审核意见 while in review: general (no section) or on one section. The state stays.
pub fn add_opinion(
    conn: &mut Connection,
    id: i64,
    actor_id: i64,
    input: &OpinionInput,
) -> Result<ReviewOpinion> {
    let cur = current(conn, id)?;
    require(&cur, &[SummaryState::Submitted], "填写审核意见")?;
    active_person(conn, "actor_id", "审核人", actor_id)?;
    let entered_by = profile::get_profile(conn)?.map(|p| p.person_id);
    let sections = section_total(conn, id)?;
    let tx = conn.transaction()?;
    let round = cur.returned_count + 1;
    let at = Round { id, round, sections, reviewer: actor_id, entered_by };
    let opinion = insert_opinion(&tx, &at, input, "opinion")?;
    let event = EventWrite {
        summary_id: id,
        kind: SummaryEventKind::Opinion,
        from_state: Some(cur.state),
        to_state: cur.state,
        actor_id: Some(actor_id),
        entered_by,
        note: Some(input.text.trim().to_string()),
        payload: serde_json::json!({"opinion_id": opinion, "section": input.section, "round": round}),
    };
    transition(&tx, id, &cur, cur.state, event, "")?;
    tx.commit()?;
    opinions(conn, id)?
        .into_iter()
        .find(|o| o.id == opinion)
        .ok_or_else(|| Error::NotFound("审核意见保存后未能读出".into()))
}

/// 退回重写: 审核中 → 退回重写, with the opinions given now (and any given earlier in this round);
/// at least one is required. A note without opinions becomes a general opinion. Counts the return.
pub fn return_for_rewrite(conn: &mut Connection, id: i64, input: &ReturnInput) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, &[SummaryState::Submitted], "退回重写")?;
    active_person(conn, "actor_id", "审核人", input.actor_id)?;
    let entered_by = profile::get_profile(conn)?.map(|p| p.person_id);
    let sections = section_total(conn, id)?;
    let round = cur.returned_count + 1;
    let earlier: i64 = conn.query_row(
        "SELECT count(*) FROM summary_opinion WHERE summary_id = ?1 AND round = ?2",
        params![id, round],
        |r| r.get(0),
    )?;
    let note = note_of(input.note.as_deref());
    let mut given: Vec<OpinionInput> = input.opinions.clone();
    if given.is_empty() && earlier == 0 {
        match &note {
            Some(n) => given.push(OpinionInput { section: None, text: n.clone() }),
            None => return Err(Error::invalid("opinions", "退回重写须填写审核意见，说明需要修改什么")),
        }
    }
    let tx = conn.transaction()?;
    let at = Round { id, round, sections, reviewer: input.actor_id, entered_by };
    let mut ids = Vec::new();
    for (i, o) in given.iter().enumerate() {
        ids.push(insert_opinion(&tx, &at, o, &format!("opinions[{i}]"))?);
    }
    let event = EventWrite {
        summary_id: id,
        kind: SummaryEventKind::Return,
        from_state: Some(cur.state),
        to_state: SummaryState::Returned,
        actor_id: Some(input.actor_id),
        entered_by,
        note,
        payload: serde_json::json!({"round": round, "opinion_ids": ids, "earlier_opinions": earlier}),
    };
    transition(&tx, id, &cur, SummaryState::Returned, event, ", returned_count = returned_count + 1")?;
    tx.commit()?;
    Ok(())
}

/// 审核通过: 审核中 → 审核通过.
pub fn approve(conn: &mut Connection, id: i64, input: &ReviewInput) -> Result<()> {
    simple(
        conn,
        id,
        input,
        &[SummaryState::Submitted],
        "审核通过",
        SummaryEventKind::Approve,
        SummaryState::Approved,
    )
}

/// 发布: 审核通过 → 已发布.
pub fn publish(conn: &mut Connection, id: i64, input: &ReviewInput) -> Result<()> {
    simple(
        conn,
        id,
        input,
        &[SummaryState::Approved],
        "发布",
        SummaryEventKind::Publish,
        SummaryState::Published,
    )
}

fn simple(
    conn: &mut Connection,
    id: i64,
    input: &ReviewInput,
    from: &[SummaryState],
    action: &str,
    kind: SummaryEventKind,
    to: SummaryState,
) -> Result<()> {
    let cur = current(conn, id)?;
    require(&cur, from, action)?;
    active_person(conn, "actor_id", "办理人", input.actor_id)?;
    let entered_by = profile::get_profile(conn)?.map(|p| p.person_id);
    let tx = conn.transaction()?;
    let event = EventWrite {
        summary_id: id,
        kind,
        from_state: Some(cur.state),
        to_state: to,
        actor_id: Some(input.actor_id),
        entered_by,
        note: note_of(input.note.as_deref()),
        payload: serde_json::json!({"round": cur.returned_count + 1}),
    };
    transition(&tx, id, &cur, to, event, "")?;
    tx.commit()?;
    Ok(())
}

//! 撰写: creating a summary from a template, reading it, and the edits of the drafting states —
//! section text (autosaved every few seconds), the indicators table and the header fields.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use super::flow::Summaries;
use super::indicators;
use super::model::{
    Classification, IndicatorInput, NewSummaryInput, SectionRole, SectionSaved, Summary, SummaryEventKind,
    SummaryField, SummaryInfoInput, SummaryKind, SummaryQuery, SummaryState,
};
use super::template;
use crate::lifecycle::{self, NewEvent};
use crate::org::{active_person, active_unit, NamedRef};
use crate::time::Timestamp;
use crate::{db, profile, time, Error, Result};

pub(crate) const MAX_TITLE_CHARS: usize = 100;
pub(crate) const MAX_SECTION_CHARS: usize = 50_000;

fn parse_stored_date(value: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// A date typed as YYYY-MM-DD (or 2026年3月1日), or an error at `field`.
pub(crate) fn parse_date(field: &str, label: &str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y年%m月%d日"))
        .map_err(|_| Error::invalid(field, format!("{label}“{value}”不是有效的日期，应写成 2026-03-01")))
}

/// 字数: characters other than white space. The one count of a summary: a section's is that of
/// its text (its heading comes from the template), the summary's the sum of its sections', so the
/// header and the sections always agree.
pub fn word_count<'a>(texts: impl IntoIterator<Item = &'a str>) -> i64 {
    texts.into_iter().map(|t| t.chars().filter(|c| !c.is_whitespace()).count() as i64).sum()
}

/// Line breaks as `\n`; nothing else is touched (an autosave must store exactly what was typed).
pub(crate) fn normalize_text(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

pub(crate) fn check_title(field: &str, title: &str) -> Result<String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::refuse_hidden(field, "总结标题", &title)?;
    if title.is_empty() {
        return Err(Error::invalid(field, "请填写总结标题"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::invalid(field, format!("总结标题最多 {MAX_TITLE_CHARS} 个字")));
    }
    Ok(title)
}

pub(crate) fn check_text(field: &str, text: &str) -> Result<String> {
    let text = normalize_text(text);
    if text.chars().count() > MAX_SECTION_CHARS {
        return Err(Error::invalid(field, format!("每一章最多 {MAX_SECTION_CHARS} 个字，请拆分或精简")));
    }
    Ok(text)
}

fn check_period(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(Error::invalid("period_to", "总结期间的结束日期不能早于开始日期"));
    }
    Ok(())
}

/// A section as written into a new summary.
pub(crate) struct NewSection {
    pub heading: String,
    pub role: SectionRole,
    pub guidance: String,
    pub text: String,
    pub indicators: Vec<IndicatorInput>,
}

/// A checked new summary, ready to insert.
pub(crate) struct NewSummary {
    pub title: String,
    pub kind: SummaryKind,
    pub field: SummaryField,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub unit_id: i64,
    pub drafter_id: i64,
    pub template_id: Option<i64>,
    pub template_name: String,
    pub classification: Classification,
    pub sections: Vec<NewSection>,
}

/// Inserts a summary in 撰写中 with its sections, inside the caller's transaction.
pub(crate) fn insert_summary(conn: &Connection, s: &NewSummary, entered_by: Option<i64>) -> Result<i64> {
    let now = time::now_text();
    crate::db::execute(
        conn,
        "INSERT INTO summary (title, kind, field, period_from, period_to, unit_id, drafter_id, template_id,
                              template_name, classification, state, entered_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'drafting', ?11, ?12, ?12)",
        params![
            s.title,
            s.kind.code(),
            s.field.code(),
            s.period_from.format("%Y-%m-%d").to_string(),
            s.period_to.format("%Y-%m-%d").to_string(),
            s.unit_id,
            s.drafter_id,
            s.template_id,
            s.template_name,
            s.classification.code(),
            entered_by,
            now,
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO summary_section (summary_id, position, heading, role, guidance, text, indicators, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, sec) in s.sections.iter().enumerate() {
        let rows = serde_json::to_string(&sec.indicators)
            .map_err(|e| Error::invalid("indicators", e.to_string()))?;
        stmt.execute(params![id, i as i64, sec.heading, sec.role.code(), sec.guidance, sec.text, rows, now])?;
    }
    Ok(id)
}

/// 新建总结 from a template: its sections (heading, role, guidance) are copied, so later edits of
/// the template change no summary. Returns the new summary's id.
pub fn create_summary(conn: &mut Connection, input: &NewSummaryInput) -> Result<i64> {
    let template = template::get_template(conn, input.template_id).map_err(|e| match e {
        Error::NotFound(m) => Error::invalid("template_id", m),
        e => e,
    })?;
    if !template.active {
        return Err(Error::invalid("template_id", format!("模板“{}”已停用，请选择其他模板", template.name)));
    }
    let title = check_title("title", &input.title)?;
    let today = time::now().date_naive();
    let period_from = match input.period_from.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => parse_date("period_from", "开始日期", v)?,
        None => NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
    };
    let period_to = match input.period_to.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => parse_date("period_to", "结束日期", v)?,
        None => today,
    };
    check_period(period_from, period_to)?;
    let me = profile::get_profile(conn)?;
    let unit_id = match (input.unit_id, &me) {
        (Some(id), _) => id,
        (None, Some(p)) => p.unit_id,
        (None, None) => return Err(Error::invalid("unit_id", "请选择撰写单位（本机尚未设置个人信息）")),
    };
    let drafter_id = match (input.drafter_id, &me) {
        (Some(id), _) => id,
        (None, Some(p)) => p.person_id,
        (None, None) => return Err(Error::invalid("drafter_id", "请选择撰写人（本机尚未设置个人信息）")),
    };
    active_unit(conn, "unit_id", "撰写单位", unit_id)?;
    active_person(conn, "drafter_id", "撰写人", drafter_id)?;
    let new = NewSummary {
        title,
        kind: input.kind.unwrap_or(template.kind),
        field: template.field,
        period_from,
        period_to,
        unit_id,
        drafter_id,
        template_id: Some(template.id),
        template_name: template.name.clone(),
        classification: input.classification.unwrap_or(Classification::Public),
        sections: template
            .sections
            .iter()
            .map(|s| NewSection {
                heading: s.heading.clone(),
                role: s.role,
                guidance: s.guidance.clone(),
                text: String::new(),
                indicators: Vec::new(),
            })
            .collect(),
    };
    let entered_by = me.map(|p| p.person_id);
    let tx = db::begin_write(conn)?;
    let id = insert_summary(&tx, &new, entered_by)?;
    lifecycle::record_event::<Summaries>(
        &tx,
        &NewEvent {
            record_id: id,
            kind: SummaryEventKind::Create,
            from: None,
            to: SummaryState::Drafting,
            actor_id: Some(drafter_id),
            entered_by,
            at: time::now(),
            note: None,
            payload: serde_json::json!({"template_id": template.id, "template_name": template.name}),
        },
    )?;
    tx.commit()?;
    Ok(id)
}

const SELECT_SUMMARY: &str =
    "SELECT s.id, s.title, s.kind, s.field, s.period_from, s.period_to, u.id, u.name,
        p.id, p.name, s.template_id, s.template_name, s.classification, s.state, s.returned_count,
        s.revision, s.created_at, s.updated_at
    FROM summary s JOIN unit u ON u.id = s.unit_id JOIN person p ON p.id = s.drafter_id";

fn summary_row(r: &rusqlite::Row) -> rusqlite::Result<Summary> {
    Ok(Summary {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: SummaryKind::from_code(&r.get::<_, String>(2)?)?,
        field: SummaryField::from_code(&r.get::<_, String>(3)?)?,
        period_from: parse_stored_date(&r.get::<_, String>(4)?)?,
        period_to: parse_stored_date(&r.get::<_, String>(5)?)?,
        unit: NamedRef { id: r.get(6)?, name: r.get(7)? },
        drafter: NamedRef { id: r.get(8)?, name: r.get(9)? },
        template_id: r.get(10)?,
        template_name: r.get(11)?,
        classification: r.get(12)?,
        state: SummaryState::from_code(&r.get::<_, String>(13)?)?,
        returned_count: r.get(14)?,
        revision: r.get(15)?,
        word_count: 0,
        created_at: r.get::<_, Timestamp>(16)?.0,
        updated_at: r.get::<_, Timestamp>(17)?.0,
    })
}

fn word_counts(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT text FROM summary_section WHERE summary_id = ?1")?;
    for &id in ids {
        let mut rows = stmt.query([id])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += word_count([r.get::<_, String>(0)?.as_str()]);
        }
        out.insert(id, n);
    }
    Ok(out)
}

pub fn get_summary(conn: &Connection, id: i64) -> Result<Summary> {
    let mut s = conn
        .query_row(&format!("{SELECT_SUMMARY} WHERE s.id = ?1"), [id], summary_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的总结")))?;
    s.word_count = word_counts(conn, &[id])?.get(&id).copied().unwrap_or(0);
    Ok(s)
}

/// The summary list: newest change first.
pub fn list_summaries(conn: &Connection, query: &SummaryQuery) -> Result<Vec<Summary>> {
    let mut stmt = conn.prepare(&format!("{SELECT_SUMMARY} ORDER BY s.updated_at DESC, s.id DESC"))?;
    let all = stmt.query_map([], summary_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let text = query.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let mut list: Vec<Summary> = all
        .into_iter()
        .filter(|s| query.states.is_empty() || query.states.contains(&s.state))
        .filter(|s| query.kinds.is_empty() || query.kinds.contains(&s.kind))
        .filter(|s| text.is_none_or(|t| s.title.contains(t)))
        .collect();
    let ids: Vec<i64> = list.iter().map(|s| s.id).collect();
    let counts = word_counts(conn, &ids)?;
    for s in &mut list {
        s.word_count = counts.get(&s.id).copied().unwrap_or(0);
    }
    Ok(list)
}

pub(crate) fn load_indicators(text: &str) -> rusqlite::Result<Vec<IndicatorInput>> {
    serde_json::from_str(text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// A stored section with its indicator rows as typed.
pub(crate) struct RawSection {
    pub heading: String,
    pub role: SectionRole,
    pub guidance: String,
    pub text: String,
    pub indicators: Vec<IndicatorInput>,
    pub updated_at: DateTime<FixedOffset>,
}

/// The sections with their raw indicator rows, in order.
pub(crate) fn raw_sections(conn: &Connection, id: i64) -> Result<Vec<RawSection>> {
    let mut stmt = conn.prepare_cached(
        "SELECT heading, role, guidance, text, indicators, updated_at FROM summary_section
         WHERE summary_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(RawSection {
                heading: r.get(0)?,
                role: SectionRole::from_code(&r.get::<_, String>(1)?)?,
                guidance: r.get(2)?,
                text: r.get(3)?,
                indicators: load_indicators(&r.get::<_, String>(4)?)?,
                updated_at: r.get::<_, Timestamp>(5)?.0,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The state, if it allows editing; otherwise `NotAllowed` naming it.
pub(crate) fn editable_state(conn: &Connection, id: i64, action: &str) -> Result<SummaryState> {
    let (title, state): (String, String) = conn
        .query_row("SELECT title, state FROM summary WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的总结")))?;
    let state = SummaryState::from_code(&state)?;
    if state.is_editable() {
        Ok(state)
    } else {
        Err(Error::NotAllowed(format!(
            "总结“{title}”当前状态为“{}”，不能{action}（只有撰写中或退回重写后才能修改）",
            state.label()
        )))
    }
}

fn section_count(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM summary_section WHERE summary_id = ?1", [id], |r| r.get(0))?)
}

fn no_section(conn: &Connection, id: i64, position: i64) -> Result<Error> {
    let n = section_count(conn, id)?;
    Ok(Error::invalid("position", format!("第 {} 章不存在（本总结共 {n} 章）", position + 1)))
}

fn bump(conn: &Connection, id: i64, now: &str) -> Result<(i64, String)> {
    // Cached, as every write is (`db::execute`): the trail's triggers are compiled into it.
    Ok(conn
        .prepare_cached(
            "UPDATE summary SET revision = revision + 1, updated_at = ?2 WHERE id = ?1 RETURNING revision, updated_at",
        )?
        .query_row(params![id, now], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Saves one section's text (autosave, every couple of seconds while typing): one short
/// transaction; when the text is already stored nothing is written (and that is no error in any
/// state). A change is allowed only while drafting (撰写中, 退回重写).
pub fn save_section(conn: &mut Connection, id: i64, position: i64, text: &str) -> Result<SectionSaved> {
    let tx = db::begin_write(conn)?;
    let saved = write_section(&tx, id, position, text)?;
    tx.commit()?;
    Ok(saved)
}

/// Writes a section's text on `tx` (the caller's write transaction).
pub(crate) fn write_section(tx: &Connection, id: i64, position: i64, text: &str) -> Result<SectionSaved> {
    let text = check_text("text", text)?;
    let now = time::now_text();
    // The state check is part of the write, so a submission in between cannot be overtaken.
    let changed = crate::db::execute(
        tx,
        "UPDATE summary_section SET text = ?3, updated_at = ?4
         WHERE summary_id = ?1 AND position = ?2 AND text IS NOT ?3
           AND (SELECT state FROM summary WHERE id = ?1) IN ('drafting', 'returned')",
        params![id, position, text, now],
    )?;
    let (revision, updated_at) = if changed == 1 {
        bump(tx, id, &now)?
    } else {
        let stored: Option<String> = tx
            .query_row(
                "SELECT text FROM summary_section WHERE summary_id = ?1 AND position = ?2",
                params![id, position],
                |r| r.get(0),
            )
            .optional()?;
        // Saving the text already stored is fine in any state (a last autosave after submitting).
        if stored.as_deref() != Some(text.as_str()) {
            editable_state(tx, id, "修改正文")?;
            return Err(no_section(tx, id, position)?);
        }
        tx.query_row("SELECT revision, updated_at FROM summary WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
    };
    Ok(SectionSaved { changed: changed == 1, revision, updated_at: time::parse_stored(&updated_at)? })
}

/// Saves the 指标表 of a targets-vs-results section; returns the rows with their gaps.
pub fn save_indicators(
    conn: &mut Connection,
    id: i64,
    position: i64,
    rows: &[IndicatorInput],
) -> Result<Vec<crate::summary::model::Indicator>> {
    let tx = db::begin_write(conn)?;
    let computed = write_indicators(&tx, id, position, rows)?;
    tx.commit()?;
    Ok(computed)
}

/// Writes a section's 指标表 on `tx` (the caller's write transaction).
pub(crate) fn write_indicators(
    tx: &Connection,
    id: i64,
    position: i64,
    rows: &[IndicatorInput],
) -> Result<Vec<crate::summary::model::Indicator>> {
    let rows = indicators::clean(rows, "indicators")?;
    editable_state(tx, id, "修改指标表")?;
    let role: Option<String> = tx
        .query_row(
            "SELECT role FROM summary_section WHERE summary_id = ?1 AND position = ?2",
            params![id, position],
            |r| r.get(0),
        )
        .optional()?;
    let Some(role) = role else { return Err(no_section(tx, id, position)?) };
    if SectionRole::from_code(&role)? != SectionRole::TargetsVsResults && !rows.is_empty() {
        return Err(Error::invalid("position", "指标表只能放在“目标与完成情况”类的章节"));
    }
    let json = serde_json::to_string(&rows).map_err(|e| Error::invalid("indicators", e.to_string()))?;
    let now = time::now_text();
    let changed = crate::db::execute(
        tx,
        "UPDATE summary_section SET indicators = ?3, updated_at = ?4
         WHERE summary_id = ?1 AND position = ?2 AND indicators IS NOT ?3",
        params![id, position, json, now],
    )?;
    if changed == 1 {
        bump(tx, id, &now)?;
    }
    Ok(indicators::compute(&rows))
}

/// Changes the header (title, kind, period, unit, drafter, classification) while drafting.
pub fn update_summary_info(conn: &mut Connection, id: i64, input: &SummaryInfoInput) -> Result<Summary> {
    let title = check_title("title", &input.title)?;
    let from = parse_date("period_from", "开始日期", &input.period_from)?;
    let to = parse_date("period_to", "结束日期", &input.period_to)?;
    check_period(from, to)?;
    active_unit(conn, "unit_id", "撰写单位", input.unit_id)?;
    active_person(conn, "drafter_id", "撰写人", input.drafter_id)?;
    let tx = db::begin_write(conn)?;
    editable_state(&tx, id, "修改基本信息")?;
    let now = time::now_text();
    let changed = crate::db::execute(
        &tx,
        "UPDATE summary SET title = ?2, kind = ?3, period_from = ?4, period_to = ?5, unit_id = ?6,
                drafter_id = ?7, classification = ?8, updated_at = ?9
         WHERE id = ?1 AND (title, kind, period_from, period_to, unit_id, drafter_id, classification)
               IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            title,
            input.kind.code(),
            from.format("%Y-%m-%d").to_string(),
            to.format("%Y-%m-%d").to_string(),
            input.unit_id,
            input.drafter_id,
            input.classification.code(),
            now,
        ],
    )?;
    if changed == 1 {
        // The title is part of a version's content.
        crate::db::execute(&tx, "UPDATE summary SET revision = revision + 1 WHERE id = ?1", [id])?;
    }
    tx.commit()?;
    get_summary(conn, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_count_counts_characters_other_than_white_space() {
        assert_eq!(word_count(["一、基本情况\n 共 3 件。"]), 10);
        // A character outside the BMP is one character, not two UTF-16 units.
        assert_eq!(word_count(["𠮷"]), 1);
    }
}

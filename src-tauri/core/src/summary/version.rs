//! 版本: snapshots of a summary's content (保存版本 with a note, automatic at each submission and
//! around a restore), the comparison of any two, and 恢复 — which writes the old content back and
//! records it as a new version. Versions are append-only: history is never rewritten.
//!
//! The comparison uses the `similar` crate: paragraphs are matched first (a line diff), and only
//! paragraphs that were edited are compared character by character, so the spans read like the
//! writer's edits rather than a scatter of common characters (的, 了, 年).

use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};
use similar::{Algorithm, ChangeTag, DiffOp as LineOp, TextDiff};

use super::draft::{self, word_count};
use super::flow::Summaries;
use super::model::{
    DiffOp, DiffSpan, NamedRef, SectionChange, SectionDiff, SummaryDiff, SummaryEventKind, SummaryVersion,
    SummaryVersionInfo, SummaryVersionKind, VersionContent, VersionSection,
};
use crate::lifecycle::{self, NewEvent};
use crate::time::Timestamp;
use crate::{db, time, Error, Result};

const MAX_NOTE_CHARS: usize = 200;
/// Below this share of equal characters, an edited paragraph is shown as deleted and rewritten.
const MIN_INLINE_RATIO: f32 = 0.4;

/// The current content.
pub(crate) fn current_content(conn: &Connection, id: i64) -> Result<(VersionContent, i64)> {
    let (title, revision): (String, i64) = conn
        .query_row("SELECT title, revision FROM summary WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的总结")))?;
    let sections = draft::raw_sections(conn, id)?
        .into_iter()
        .map(|s| VersionSection { heading: s.heading, role: s.role, text: s.text, indicators: s.indicators })
        .collect();
    Ok((VersionContent { title, sections }, revision))
}

fn content_words(c: &VersionContent) -> i64 {
    word_count(c.sections.iter().map(|s| s.text.as_str()))
}

/// Writes a version of the current content inside the caller's transaction; returns its number.
pub(crate) fn insert_version(
    tx: &Connection,
    id: i64,
    kind: SummaryVersionKind,
    note: Option<&str>,
    created_by: Option<i64>,
) -> Result<i64> {
    let (content, revision) = current_content(tx, id)?;
    let number: i64 = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM summary_version WHERE summary_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let json = serde_json::to_string(&content).map_err(|e| Error::invalid("content", e.to_string()))?;
    crate::db::execute(tx, "INSERT INTO summary_version (summary_id, number, kind, note, revision, content, word_count, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id, number, kind.code(), note, revision, json, content_words(&content), created_by, time::now_text()],
    )?;
    Ok(number)
}

const INFO_COLUMNS: &str =
    "v.id, v.number, v.kind, v.note, v.revision, v.word_count, v.created_by, p.name, v.created_at";
const FROM_VERSIONS: &str = "FROM summary_version v LEFT JOIN person p ON p.id = v.created_by";

fn info_row(r: &rusqlite::Row) -> rusqlite::Result<SummaryVersionInfo> {
    let by: Option<i64> = r.get(6)?;
    let name: Option<String> = r.get(7)?;
    Ok(SummaryVersionInfo {
        id: r.get(0)?,
        number: r.get(1)?,
        kind: SummaryVersionKind::from_code(&r.get::<_, String>(2)?)?,
        note: r.get(3)?,
        revision: r.get(4)?,
        word_count: r.get(5)?,
        created_by: by.zip(name).map(|(id, name)| NamedRef { id, name }),
        created_at: r.get::<_, Timestamp>(8)?.0,
    })
}

/// The versions of a summary, newest first.
pub fn list_versions(conn: &Connection, id: i64) -> Result<Vec<SummaryVersionInfo>> {
    draft::get_summary(conn, id)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {INFO_COLUMNS} {FROM_VERSIONS} WHERE v.summary_id = ?1 ORDER BY v.number DESC"
    ))?;
    let rows = stmt.query_map([id], info_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// 第 `number` 版 of a summary, with its content.
pub fn get_version(conn: &Connection, id: i64, number: i64) -> Result<SummaryVersion> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {INFO_COLUMNS}, v.content {FROM_VERSIONS} WHERE v.summary_id = ?1 AND v.number = ?2"
            ),
            params![id, number],
            |r| {
                let info = info_row(r)?;
                let content: String = r.get(9)?;
                Ok((info, content))
            },
        )
        .optional()?;
    let (info, content) =
        found.ok_or_else(|| Error::NotFound(format!("总结（编号 {id}）没有第 {number} 版")))?;
    let content: VersionContent = serde_json::from_str(&content).map_err(|e| {
        Error::Database(rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            Box::new(e),
        ))
    })?;
    Ok(SummaryVersion { info, content })
}

fn check_note(note: Option<&str>) -> Result<Option<String>> {
    let note = note.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(Error::invalid("note", format!("版本说明最多 {MAX_NOTE_CHARS} 个字")));
    }
    Ok(note)
}

/// 保存版本 with a note. Any state: a version is a snapshot, not an edit.
pub fn save_version(conn: &mut Connection, id: i64, note: Option<&str>) -> Result<SummaryVersionInfo> {
    let note = check_note(note)?;
    draft::get_summary(conn, id)?;
    let by = lifecycle::entered_by(conn)?;
    let tx = db::begin_write(conn)?;
    let number = insert_version(&tx, id, SummaryVersionKind::Manual, note.as_deref(), by)?;
    tx.commit()?;
    Ok(get_version(conn, id, number)?.info)
}

/// 恢复 第 `number` 版: its text and indicators are written back and saved as a new version. If the
/// current text is in no version yet, it is saved first, so nothing typed is ever lost.
pub fn restore_version(conn: &mut Connection, id: i64, number: i64) -> Result<SummaryVersionInfo> {
    let old = get_version(conn, id, number)?;
    let by = lifecycle::entered_by(conn)?;
    let tx = db::begin_write(conn)?;
    let state = draft::editable_state(&tx, id, "恢复历史版本")?;
    let (_, revision) = current_content(&tx, id)?;
    let latest: Option<i64> = tx
        .query_row(
            "SELECT revision FROM summary_version WHERE summary_id = ?1 ORDER BY number DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let mut saved_before = None;
    if latest != Some(revision) {
        saved_before =
            Some(insert_version(&tx, id, SummaryVersionKind::BeforeRestore, Some("恢复前的内容"), by)?);
    }
    let now = time::now_text();
    let positions: i64 =
        tx.query_row("SELECT count(*) FROM summary_section WHERE summary_id = ?1", [id], |r| r.get(0))?;
    for (i, s) in old.content.sections.iter().enumerate().take(positions as usize) {
        let rows =
            serde_json::to_string(&s.indicators).map_err(|e| Error::invalid("indicators", e.to_string()))?;
        crate::db::execute(
            &tx,
            "UPDATE summary_section SET text = ?3, indicators = ?4, updated_at = ?5
             WHERE summary_id = ?1 AND position = ?2",
            params![id, i as i64, s.text, rows, now],
        )?;
    }
    crate::db::execute(
        &tx,
        "UPDATE summary SET title = ?2, revision = revision + 1, updated_at = ?3 WHERE id = ?1",
        params![id, old.content.title, now],
    )?;
    let note = format!("恢复为第 {number} 版");
    let new_number = insert_version(&tx, id, SummaryVersionKind::Restore, Some(&note), by)?;
    lifecycle::record_event::<Summaries>(
        &tx,
        &NewEvent {
            record_id: id,
            kind: SummaryEventKind::Restore,
            from: Some(state),
            to: state,
            actor_id: by,
            entered_by: by,
            at: time::now(),
            note: Some(note),
            payload: serde_json::json!({"restored": number, "version": new_number, "saved_before": saved_before}),
        },
    )?;
    tx.commit()?;
    Ok(get_version(conn, id, new_number)?.info)
}

/// Compares 第 `from` 版 with 第 `to` 版, or with the current text when `to` is none.
pub fn diff_versions(conn: &Connection, id: i64, from: i64, to: Option<i64>) -> Result<SummaryDiff> {
    let old = get_version(conn, id, from)?;
    let (new_info, new_content) = match to {
        Some(n) => {
            let v = get_version(conn, id, n)?;
            (Some(v.info), v.content)
        }
        None => (None, current_content(conn, id)?.0),
    };
    let count = old.content.sections.len().max(new_content.sections.len());
    let sections = (0..count)
        .map(|i| section_diff(i, old.content.sections.get(i), new_content.sections.get(i)))
        .collect();
    Ok(SummaryDiff {
        from: old.info,
        to: new_info,
        old_title: (old.content.title != new_content.title).then(|| old.content.title.clone()),
        title: new_content.title,
        sections,
    })
}

fn section_diff(position: usize, old: Option<&VersionSection>, new: Option<&VersionSection>) -> SectionDiff {
    let position = position as i64;
    let spans_of = |op: DiffOp, text: &str| {
        if text.is_empty() {
            vec![]
        } else {
            vec![DiffSpan { op, text: text.to_string() }]
        }
    };
    let chars = |t: &str| t.chars().count() as i64;
    match (old, new) {
        (Some(o), Some(n)) => {
            let spans = diff_text(&o.text, &n.text);
            let count = |op: DiffOp| spans.iter().filter(|s| s.op == op).map(|s| chars(&s.text)).sum();
            let indicators_changed = o.indicators != n.indicators;
            let unchanged = o.text == n.text && o.heading == n.heading && !indicators_changed;
            SectionDiff {
                position,
                heading: n.heading.clone(),
                old_heading: (o.heading != n.heading).then(|| o.heading.clone()),
                change: if unchanged { SectionChange::Unchanged } else { SectionChange::Changed },
                inserted_chars: count(DiffOp::Insert),
                deleted_chars: count(DiffOp::Delete),
                spans,
                indicators_changed,
            }
        }
        (None, Some(n)) => SectionDiff {
            position,
            heading: n.heading.clone(),
            old_heading: None,
            change: SectionChange::Added,
            spans: spans_of(DiffOp::Insert, &n.text),
            indicators_changed: !n.indicators.is_empty(),
            inserted_chars: chars(&n.text),
            deleted_chars: 0,
        },
        (Some(o), None) => SectionDiff {
            position,
            heading: o.heading.clone(),
            old_heading: None,
            change: SectionChange::Removed,
            spans: spans_of(DiffOp::Delete, &o.text),
            indicators_changed: !o.indicators.is_empty(),
            inserted_chars: 0,
            deleted_chars: chars(&o.text),
        },
        (None, None) => SectionDiff {
            position,
            heading: String::new(),
            old_heading: None,
            change: SectionChange::Unchanged,
            spans: vec![],
            indicators_changed: false,
            inserted_chars: 0,
            deleted_chars: 0,
        },
    }
}

fn push(spans: &mut Vec<DiffSpan>, op: DiffOp, text: &str) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => spans.push(DiffSpan { op, text: text.to_string() }),
    }
}

/// Inline spans turning `old` into `new`: equal, deleted and inserted runs, in reading order
/// (a deletion before the insertion that replaces it). Joining the equal and deleted runs gives
/// `old`; joining the equal and inserted runs gives `new`.
pub fn diff_text(old: &str, new: &str) -> Vec<DiffSpan> {
    let mut spans = Vec::new();
    let lines = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(Duration::from_millis(500))
        .diff_lines(old, new);
    for op in lines.ops() {
        match *op {
            LineOp::Equal { old_index, len, .. } => {
                for l in &lines.old_slices()[old_index..old_index + len] {
                    push(&mut spans, DiffOp::Equal, l);
                }
            }
            LineOp::Delete { old_index, old_len, .. } => {
                push(
                    &mut spans,
                    DiffOp::Delete,
                    &lines.old_slices()[old_index..old_index + old_len].concat(),
                );
            }
            LineOp::Insert { new_index, new_len, .. } => {
                push(
                    &mut spans,
                    DiffOp::Insert,
                    &lines.new_slices()[new_index..new_index + new_len].concat(),
                );
            }
            LineOp::Replace { old_index, old_len, new_index, new_len } => {
                let a = lines.old_slices()[old_index..old_index + old_len].concat();
                let b = lines.new_slices()[new_index..new_index + new_len].concat();
                inline(&mut spans, &a, &b);
            }
        }
    }
    spans
}

/// Character spans of an edited run of paragraphs; a rewrite shows as deleted then inserted.
fn inline(spans: &mut Vec<DiffSpan>, a: &str, b: &str) {
    let chars = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(Duration::from_millis(500))
        .diff_chars(a, b);
    if chars.ratio() < MIN_INLINE_RATIO {
        push(spans, DiffOp::Delete, a);
        push(spans, DiffOp::Insert, b);
        return;
    }
    // Collect per op so that in a replaced run the deletion is shown before the insertion.
    for op in chars.ops() {
        let (mut del, mut ins) = (String::new(), String::new());
        for change in chars.iter_changes(op) {
            match change.tag() {
                ChangeTag::Equal => push(spans, DiffOp::Equal, change.value()),
                ChangeTag::Delete => del.push_str(change.value()),
                ChangeTag::Insert => ins.push_str(change.value()),
            }
        }
        push(spans, DiffOp::Delete, &del);
        push(spans, DiffOp::Insert, &ins);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(spans: &[DiffSpan], keep: DiffOp) -> String {
        spans.iter().filter(|s| s.op == DiffOp::Equal || s.op == keep).map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn inline_spans_rebuild_both_sides() {
        let old = "第三季度共登记交办事项186件。\n已办结171件，办结率91.9%。\n超期15件。";
        let new =
            "第三季度共登记交办事项186件。\n已办结175件，办结率94.1%。\n超期11件，较上季度下降3.4个百分点。";
        let spans = diff_text(old, new);
        assert_eq!(side(&spans, DiffOp::Delete), old);
        assert_eq!(side(&spans, DiffOp::Insert), new);
        assert_eq!(
            spans[0],
            DiffSpan {
                op: DiffOp::Equal, text: "第三季度共登记交办事项186件。\n已办结17".into()
            }
        );
        assert!(spans.iter().any(|s| s.op == DiffOp::Delete && s.text == "1"));
        assert!(spans.iter().any(|s| s.op == DiffOp::Insert && s.text == "5"));
    }

    #[test]
    fn a_rewritten_paragraph_is_deleted_then_inserted() {
        let spans = diff_text("高度重视，稳步推进。", "共召开调度会12次，解决问题37个。");
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].op, DiffOp::Delete);
        assert_eq!(spans[1].op, DiffOp::Insert);
        assert!(diff_text("同一段", "同一段").iter().all(|s| s.op == DiffOp::Equal));
        assert!(diff_text("", "").is_empty());
    }
}

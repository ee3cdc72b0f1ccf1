//! Filing 件: one user action files one or several in one write transaction. Each moves its item or
//! summary to 已归档 through the lifecycle engine, gets its 档号 and its pages, and records its own
//! 归档 event. 件号 runs from 1 without gaps within year + retention + 机构, in order of date then
//! title (按时间结合事由); until the year is confirmed the clerk may move a 件, and the numbers
//! follow. Confirmed numbers never change; a 件 filed later into a confirmed year comes after them.

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Deserialize;
use ts_rs::TS;

use super::parts::{self, Candidate};
use super::settings::{self, ArchiveSetup};
use super::{archival_code, ArchiveFile, FileEventKind, FileKind, FileState, Files, Retention, Target};
use crate::assignment::{self, State};
use crate::lifecycle::{self, NewEvent, Record, Step};
use crate::summary::{self, SummaryState};
use crate::{db, print, time, Error, Result};

/// 归档: what to file and with which retention (omitted: the default of its kind in 设置).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, rename = "ArchiveFileRequest")]
pub struct FileRequest {
    pub targets: Vec<Target>,
    #[ts(optional)]
    pub retention: Option<Retention>,
    /// Who files them; omitted: the local user.
    #[ts(optional)]
    pub actor_id: Option<i64>,
}

/// The archive's list: by year, retention, state, or words of the title.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ArchiveQuery {
    #[ts(optional)]
    pub year: Option<i32>,
    #[ts(optional)]
    pub retention: Option<Retention>,
    #[ts(optional)]
    pub org_code: Option<String>,
    #[ts(optional)]
    pub search: Option<String>,
}

/// Files `request.targets` in one transaction; all or none.
pub fn file(conn: &mut Connection, request: &FileRequest) -> Result<Vec<ArchiveFile>> {
    if request.targets.is_empty() {
        return Err(Error::invalid("targets", "请选择要归档的事项或总结"));
    }
    let tx = db::begin_write(conn)?;
    let now = time::now();
    let setup = settings::get_setup(&tx)?;
    if setup.settings.fonds_code.is_empty() {
        return Err(Error::invalid("fonds_code", "请先在“设置 → 归档”填写全宗号，再归档"));
    }
    let actor = actor(&tx, request.actor_id)?;
    let mut ids = Vec::with_capacity(request.targets.len());
    for target in &request.targets {
        ids.push(file_one(&tx, &setup, *target, request.retention, actor, now)?);
    }
    let files = ids.iter().map(|id| get_file(&tx, *id)).collect::<Result<Vec<_>>>()?;
    tx.commit()?;
    Ok(files)
}

fn file_one(
    tx: &Connection,
    setup: &ArchiveSetup,
    target: Target,
    retention: Option<Retention>,
    actor: i64,
    now: DateTime<FixedOffset>,
) -> Result<i64> {
    let c = parts::candidate(tx, target)?;
    if let Some(code) = filed_code(tx, target)? {
        return Err(Error::NotAllowed(format!(
            "{}“{}”已归档（档号 {code}），不能重复归档",
            target.kind().label(),
            c.title
        )));
    }
    // The lifecycle engine checks the state (已销号, 已发布) and writes the 归档 event.
    match target {
        Target::Item(id) => {
            let input = assignment::ActionInput { actor_id: actor, note: None, satisfaction: None };
            assignment::lifecycle::archive_at(tx, id, &input, now)?;
        }
        Target::Summary(id) => {
            let input = summary::ReviewInput { actor_id: actor, note: None };
            summary::review::archive_at(tx, id, &input, now)?;
        }
    }
    let finished =
        c.finished.ok_or_else(|| Error::NotAllowed(format!("“{}”没有办结或发布日期，不能归档", c.title)))?;
    let year = c.year().unwrap_or_default();
    let retention = retention.unwrap_or(match target {
        Target::Item(_) => setup.settings.item_retention,
        Target::Summary(_) => setup.settings.summary_retention,
    });
    let org = settings::org_code_of(setup, c.unit_id);
    let date = finished.format("%Y%m%d").to_string();
    let (title, supplied) = title_of(&c);
    let pages = print::page_count(&parts::bound_parts(tx, target, None)?)? as i64;
    let item_no = place(tx, year, retention, &org, &date, &title)?;
    let (item_id, summary_id) = match target {
        Target::Item(id) => (Some(id), None),
        Target::Summary(id) => (None, Some(id)),
    };
    db::execute(
        tx,
        "INSERT INTO archive_file (kind, assignment_id, summary_id, fonds_code, year, retention, org_code, item_no,
             doc_no, author, title, title_supplied, date, classification, pages, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'filed', ?16, ?16)",
        params![
            target.kind(),
            item_id,
            summary_id,
            setup.settings.fonds_code,
            year,
            retention,
            org,
            item_no,
            doc_no(&c),
            author(tx, &c)?,
            title,
            supplied,
            date,
            c.classification,
            pages,
            time::to_text(now),
        ],
    )?;
    let id = tx.last_insert_rowid();
    lifecycle::record_event::<Files>(
        tx,
        &NewEvent {
            record_id: id,
            kind: FileEventKind::File,
            from: None,
            to: FileState::Filed,
            actor_id: Some(actor),
            entered_by: lifecycle::entered_by(tx)?,
            at: now,
            note: None,
            payload: serde_json::json!({"item_no": item_no, "retention": retention.code(), "lacks": c.lacks}),
        },
    )?;
    Ok(id)
}

/// Who acts: the one named, else the local user (one of the two is needed: the events say who).
fn actor(tx: &Connection, given: Option<i64>) -> Result<i64> {
    match given {
        Some(id) => Ok(crate::org::active_person(tx, "actor_id", "归档人", id)?.id),
        None => lifecycle::entered_by(tx)?.ok_or_else(|| {
            Error::NotAllowed(
                "请先在“设置 → 本单位信息”填写您的姓名和单位（命令行可用 --actor 指定归档人）".into(),
            )
        }),
    }
}

/// 题名: a summary keeps its own title; an item's 件 gets one the archivist's way (自拟, in [ ]).
fn title_of(c: &Candidate) -> (String, bool) {
    match c.target {
        // Item titles are often "关于…问题的…" already.
        Target::Item(_) if c.title.starts_with("关于") => (format!("{}的督办办理材料", c.title), true),
        Target::Item(_) => (format!("关于{}的督办办理材料", c.title), true),
        Target::Summary(_) => (c.title.clone(), false),
    }
}

/// 文号: an item's 督办编号; a summary has none.
fn doc_no(c: &Candidate) -> String {
    match c.target {
        Target::Item(_) => c.reference.clone(),
        Target::Summary(_) => String::new(),
    }
}

/// 责任者: the office that supervised an item (else its lead unit); a summary's unit.
fn author(conn: &Connection, c: &Candidate) -> Result<String> {
    Ok(match c.target {
        Target::Item(_) => Some(crate::profile::issuer(conn)?)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| c.unit_name.clone()),
        Target::Summary(_) => c.unit_name.clone(),
    })
}

/// The 件号 a new 件 takes in its class: before the first unconfirmed 件 that sorts after it
/// (which moves up one with all after it), else after the last.
fn place(
    tx: &Connection,
    year: i32,
    retention: Retention,
    org: &str,
    date: &str,
    title: &str,
) -> Result<i64> {
    let later: Option<i64> = tx.query_row(
        "SELECT min(item_no) FROM archive_file
         WHERE year = ?1 AND retention = ?2 AND org_code = ?3 AND state = 'filed'
           AND (date > ?4 OR (date = ?4 AND title > ?5))",
        params![year, retention, org, date, title],
        |r| r.get(0),
    )?;
    match later {
        Some(n) => {
            shift(tx, year, retention, org, n, i64::MAX, 1)?;
            Ok(n)
        }
        None => Ok(last_number(tx, year, retention, org)? + 1),
    }
}

fn last_number(tx: &Connection, year: i32, retention: Retention, org: &str) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT coalesce(max(item_no), 0) FROM archive_file WHERE year = ?1 AND retention = ?2 AND org_code = ?3",
        params![year, retention, org],
        |r| r.get(0),
    )?)
}

/// Moves the 件号 of the class's 件 in `from..=to` by `by` (±1), one row at a time in the order
/// that never makes two 件 share a number (the unique index checks every row).
fn shift(
    tx: &Connection,
    year: i32,
    retention: Retention,
    org: &str,
    from: i64,
    to: i64,
    by: i64,
) -> Result<()> {
    let order = if by > 0 { "DESC" } else { "ASC" };
    let ids: Vec<i64> = tx
        .prepare(&format!(
            "SELECT id FROM archive_file WHERE year = ?1 AND retention = ?2 AND org_code = ?3
               AND item_no BETWEEN ?4 AND ?5 ORDER BY item_no {order}"
        ))?
        .query_map(params![year, retention, org, from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let now = time::now_text();
    for id in ids {
        db::execute(
            tx,
            "UPDATE archive_file SET item_no = item_no + ?2, updated_at = ?3 WHERE id = ?1",
            params![id, by, now],
        )?;
    }
    Ok(())
}

/// 调整件号: puts 件 `id` at number `to` of its class; those between move by one. Only among the
/// class's unconfirmed 件.
pub fn move_file(conn: &mut Connection, id: i64, to: i64, actor_id: Option<i64>) -> Result<ArchiveFile> {
    let tx = db::begin_write(conn)?;
    let f = get_file(&tx, id)?;
    let record = Record::<Files> { id, name: f.archival_code.clone(), state: f.state };
    lifecycle::guard(&record, super::FileAction::Move)?;
    let actor = actor(&tx, actor_id)?;
    let fixed: i64 = tx.query_row(
        "SELECT coalesce(max(item_no), 0) FROM archive_file
         WHERE year = ?1 AND retention = ?2 AND org_code = ?3 AND state = 'confirmed'",
        params![f.year, f.retention, f.org_code],
        |r| r.get(0),
    )?;
    let last = last_number(&tx, f.year, f.retention, &f.org_code)?;
    if to <= fixed || to > last {
        return Err(Error::invalid(
            "to",
            format!("件号应在 {} 到 {last} 之间（{fixed} 号及以前已确认，不能变动）", fixed + 1),
        ));
    }
    if to != f.item_no {
        // Out of the way first, then the others close up, then into its place.
        db::execute(&tx, "UPDATE archive_file SET item_no = ?2 WHERE id = ?1", params![id, last + 1])?;
        if to > f.item_no {
            shift(&tx, f.year, f.retention, &f.org_code, f.item_no + 1, to, -1)?;
        } else {
            shift(&tx, f.year, f.retention, &f.org_code, to, f.item_no - 1, 1)?;
        }
        let step = Step::<Files>::new(FileEventKind::Move, FileState::Filed, actor)
            .set("item_no", to)
            .payload(serde_json::json!({"from": f.item_no, "to": to}));
        lifecycle::transition(&tx, &record, step, time::now())?;
    }
    let moved = get_file(&tx, id)?;
    tx.commit()?;
    Ok(moved)
}

/// 确认归档 of `year`: every 件 of the year not yet confirmed is fixed, its 件号 with it. Returns
/// how many were confirmed.
pub fn confirm_year(conn: &mut Connection, year: i32, actor_id: Option<i64>) -> Result<i64> {
    let tx = db::begin_write(conn)?;
    let actor = actor(&tx, actor_id)?;
    let filed = list_files(&tx, &ArchiveQuery { year: Some(year), ..Default::default() })?;
    let filed: Vec<&ArchiveFile> = filed.iter().filter(|f| f.state == FileState::Filed).collect();
    if filed.is_empty() {
        return Err(Error::NotAllowed(format!("{year}年度没有待确认的件")));
    }
    let now = time::now();
    for f in &filed {
        let record = Record::<Files> { id: f.id, name: f.archival_code.clone(), state: f.state };
        lifecycle::guard(&record, super::FileAction::Confirm)?;
        let step = Step::<Files>::new(FileEventKind::Confirm, FileState::Confirmed, actor)
            .payload(serde_json::json!({"archival_code": f.archival_code}));
        lifecycle::transition(&tx, &record, step, now)?;
    }
    tx.commit()?;
    Ok(filed.len() as i64)
}

const SELECT_FILE: &str = "SELECT id, kind, assignment_id, summary_id, fonds_code, year, retention, org_code,
        item_no, doc_no, author, title, title_supplied, date, classification, pages, remark, state
    FROM archive_file";

fn file_at(row: &Row, scheme: super::Scheme) -> rusqlite::Result<ArchiveFile> {
    let kind: FileKind = row.get(1)?;
    let target = match kind {
        FileKind::Item => Target::Item(row.get(2)?),
        FileKind::Summary => Target::Summary(row.get(3)?),
    };
    let fonds_code: String = row.get(4)?;
    let year: i32 = row.get(5)?;
    let retention: Retention = row.get(6)?;
    let org_code: String = row.get(7)?;
    let item_no: i64 = row.get(8)?;
    Ok(ArchiveFile {
        id: row.get(0)?,
        target,
        archival_code: archival_code(scheme, &fonds_code, year, retention, &org_code, item_no),
        fonds_code,
        year,
        retention,
        org_code,
        item_no,
        doc_no: row.get(9)?,
        author: row.get(10)?,
        title: row.get(11)?,
        title_supplied: row.get(12)?,
        date: row.get(13)?,
        classification: row.get(14)?,
        pages: row.get(15)?,
        remark: row.get(16)?,
        state: row.get(17)?,
    })
}

pub fn get_file(conn: &Connection, id: i64) -> Result<ArchiveFile> {
    let scheme = settings::get_settings(conn)?.scheme;
    conn.query_row(&format!("{SELECT_FILE} WHERE id = ?1"), [id], |r| file_at(r, scheme))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的归档件")))
}

/// The 档号 of `target` if it is filed.
fn filed_code(conn: &Connection, target: Target) -> Result<Option<String>> {
    let column = match target {
        Target::Item(_) => "assignment_id",
        Target::Summary(_) => "summary_id",
    };
    let id: Option<i64> = conn
        .query_row(&format!("SELECT id FROM archive_file WHERE {column} = ?1"), [target.id()], |r| r.get(0))
        .optional()?;
    id.map(|id| get_file(conn, id).map(|f| f.archival_code)).transpose()
}

/// The 件 matching `q` in 档号 order: year, then the classes as the scheme orders them, then 件号.
pub fn list_files(conn: &Connection, q: &ArchiveQuery) -> Result<Vec<ArchiveFile>> {
    let scheme = settings::get_settings(conn)?.scheme;
    let classes = match scheme {
        super::Scheme::YearRetentionOrg => "retention_rank, org_code",
        super::Scheme::YearOrgRetention => "org_code, retention_rank",
    };
    let search = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| format!("%{s}%"));
    let sql = format!(
        "SELECT * FROM ({SELECT_FILE}) f
         JOIN (SELECT 'permanent' AS code, 0 AS retention_rank UNION ALL SELECT 'years30', 1 UNION ALL SELECT 'years10', 2) r
           ON r.code = f.retention
         WHERE (?1 IS NULL OR year = ?1) AND (?2 IS NULL OR retention = ?2) AND (?3 IS NULL OR org_code = ?3)
           AND (?4 IS NULL OR title LIKE ?4 OR doc_no LIKE ?4)
         ORDER BY year, {classes}, item_no"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![q.year, q.retention, q.org_code, search], |r| file_at(r, scheme))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Items and summaries finished or nearly so and not yet filed, the last finished first, with what
/// each lacks.
pub fn candidates(conn: &Connection) -> Result<Vec<Candidate>> {
    candidates_near(conn, None)
}

/// The candidates, or only those that may have finished in `year` (closed in it or the year before:
/// 销号 comes after 办结), read without the facts of the rest.
pub(crate) fn candidates_near(conn: &Connection, year: Option<i32>) -> Result<Vec<Candidate>> {
    let (from, to) = match year {
        Some(y) => (Some(format!("{}-01-01", y - 1)), Some(format!("{}-01-01", y + 1))),
        None => (None, None),
    };
    let items: Vec<i64> = conn
        .prepare(&format!(
            "SELECT id FROM assignment WHERE state IN ('{}', '{}')
               AND (?1 IS NULL OR (closed_at >= ?1 AND closed_at < ?2))
               AND id NOT IN (SELECT assignment_id FROM archive_file WHERE assignment_id IS NOT NULL)
             ORDER BY closed_at DESC, id DESC",
            State::StruckOff.code(),
            State::Closed.code()
        ))?
        .query_map(params![from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let summaries: Vec<i64> = conn
        .prepare(&format!(
            "SELECT id FROM summary WHERE state IN ('{}', '{}')
               AND id NOT IN (SELECT summary_id FROM archive_file WHERE summary_id IS NOT NULL)
             ORDER BY updated_at DESC, id DESC",
            SummaryState::Published.code(),
            SummaryState::Approved.code()
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(items.len() + summaries.len());
    for id in items {
        out.push(parts::candidate(conn, Target::Item(id))?);
    }
    for id in summaries {
        out.push(parts::candidate(conn, Target::Summary(id))?);
    }
    // Newest first, items and summaries together; those with no date yet at the end.
    out.sort_by_key(|c| std::cmp::Reverse(c.finished));
    Ok(out)
}

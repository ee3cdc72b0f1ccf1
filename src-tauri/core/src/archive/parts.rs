//! What a 件 is made of and what a candidate still lacks.
//!
//! A struck-off item's 件: the 办理结果反馈单 with the check opinion (the reply, 复文, first), the
//! 销号审批表 that goes with it, the 督办通知单 it answers (来文) and its 催办单s. A published
//! summary's 件: the summary (正文), its 审批表, the review opinions, the indicators table and the
//! 发布与宣贯记录 when any were recorded. The parts are bound as one print model, each from a new
//! page, with the 归档章 on the first; [`checklist`] lists them (归档清单).
//!
//! 归档完整率: a 件 is complete when it has all of its required parts — result feedback, check
//! opinion and closing (销号) for an item; publication, review and data for a summary.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{ArchiveFile, Target};
use crate::assignment::notice::{self, ItemPaper};
use crate::assignment::{self, EventKind, State};
use crate::print::{Align, ArchiveStamp, Block, Column, Document, PageBreak, Table, TitleBlock};
use crate::summary::{self, SummaryEventKind, SummaryPaper, SummaryState};
use crate::{time, Classification, Result};

/// A struck-off item or a published summary (or one on its way: closed, approved) with what it
/// lacks; also the facts a 件 is filed with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "ArchiveCandidate")]
pub struct Candidate {
    pub target: Target,
    /// The item's or the summary's own title.
    pub title: String,
    /// 督办编号, or the summary's kind.
    pub reference: String,
    /// The lead unit, or the summary's unit.
    pub unit_id: i64,
    pub unit_name: String,
    pub state_label: String,
    /// The day it was finished (销号, 发布): its 日期 and its 年度.
    #[ts(optional)]
    pub finished: Option<NaiveDate>,
    pub classification: Classification,
    /// Its state lets it be filed now (struck off, published).
    pub ready: bool,
    /// The parts it lacks, in words: 缺办理结果反馈, 未销号 …
    pub lacks: Vec<String>,
    /// 档号, once filed.
    #[ts(optional)]
    pub archival_code: Option<String>,
}

impl Candidate {
    pub fn year(&self) -> Option<i32> {
        self.finished.map(|d| d.year())
    }
}

/// The facts and the lacks of `target`.
pub fn candidate(conn: &Connection, target: Target) -> Result<Candidate> {
    match target {
        Target::Item(id) => item_candidate(conn, id),
        Target::Summary(id) => summary_candidate(conn, id),
    }
}

fn item_candidate(conn: &Connection, id: i64) -> Result<Candidate> {
    let item = assignment::get_assignment(conn, id)?;
    let history = assignment::events(conn, id)?;
    let last = |kind: EventKind| history.iter().rev().find(|e| e.kind == kind);
    let mut lacks = Vec::new();
    let reported =
        last(EventKind::Report).and_then(|e| e.note.as_deref()).is_some_and(|n| !n.trim().is_empty());
    if !reported {
        lacks.push("缺办理结果反馈".to_string());
    }
    if last(EventKind::Pass).is_none() {
        lacks.push("缺审核意见".to_string());
    }
    let struck = last(EventKind::StrikeOff).map(|e| e.at.date_naive());
    if !matches!(item.state, State::StruckOff | State::Archived) {
        lacks.push(format!("未销号（{}）", item.state.label()));
    }
    Ok(Candidate {
        target: Target::Item(id),
        title: item.title.clone(),
        reference: item.number.clone(),
        unit_id: item.lead_unit.id,
        unit_name: item.lead_unit.name.clone(),
        state_label: item.state.label().to_string(),
        finished: struck.or(item.closed_at.map(|c| c.date_naive())),
        classification: item.classification,
        ready: item.state == State::StruckOff,
        lacks,
        archival_code: None,
    })
}

fn summary_candidate(conn: &Connection, id: i64) -> Result<Candidate> {
    let detail = summary::get_summary_detail(conn, id)?;
    let s = &detail.summary;
    let last = |kind: SummaryEventKind| {
        detail.events.iter().rev().find(|e| e.kind == kind).map(|e| e.at.date_naive())
    };
    let mut lacks = Vec::new();
    if !matches!(s.state, SummaryState::Published | SummaryState::Archived) {
        lacks.push(format!("未发布（{}）", s.state.label()));
    }
    let opinions =
        detail.general_opinions.len() + detail.sections.iter().map(|x| x.opinions.len()).sum::<usize>();
    if opinions == 0 && last(SummaryEventKind::Approve).is_none() {
        lacks.push("缺审核意见".to_string());
    }
    if detail.sections.iter().all(|x| x.indicators.is_empty()) {
        lacks.push("缺指标数据".to_string());
    }
    Ok(Candidate {
        target: Target::Summary(id),
        title: s.title.clone(),
        reference: s.kind.label().to_string(),
        unit_id: s.unit.id,
        unit_name: s.unit.name.clone(),
        state_label: s.state.label().to_string(),
        finished: last(SummaryEventKind::Publish).or(last(SummaryEventKind::Approve)),
        classification: s.classification,
        ready: s.state == SummaryState::Published,
        lacks,
        archival_code: None,
    })
}

/// One part of a 件 as its 归档清单 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "ArchivePart")]
pub struct Part {
    /// 总结正文, 审批表, 审核意见 … in the order they are bound.
    pub name: String,
    pub pages: i64,
}

/// 归档清单: what belongs to `target`'s 件, in the order the parts are bound, with their pages.
pub fn checklist(conn: &Connection, target: Target) -> Result<Vec<Part>> {
    let (first, rest) = parts(conn, target)?;
    let first_name = match target {
        Target::Item(_) => first.title.clone(),
        Target::Summary(_) => "总结正文".to_string(),
    };
    std::iter::once((first_name, first))
        .chain(rest.into_iter().map(|d| (d.title.clone(), d)))
        .map(|(name, doc)| Ok(Part { name, pages: crate::print::page_count(&doc)? as i64 }))
        .collect()
}

/// The parts of `target` bound as one print model, in the standard's order, with `stamp` on page 1.
pub fn bound_parts(conn: &Connection, target: Target, stamp: Option<ArchiveStamp>) -> Result<Document> {
    let (first, rest) = parts(conn, target)?;
    Ok(bind(first, rest, stamp))
}

/// The first part of `target`'s 件 (the reply, or the summary itself) and the rest, in order.
fn parts(conn: &Connection, target: Target) -> Result<(Document, Vec<Document>)> {
    Ok(match target {
        Target::Item(id) => {
            let mut parts = vec![
                notice::paper(conn, id, ItemPaper::Closing, None)?,
                notice::paper(conn, id, ItemPaper::Notice, None)?,
            ];
            for e in assignment::events(conn, id)?.iter().filter(|e| e.kind == EventKind::Remind) {
                parts.push(notice::paper(conn, id, ItemPaper::Reminder, Some(e.id))?);
            }
            (notice::paper(conn, id, ItemPaper::Result, None)?, parts)
        }
        Target::Summary(id) => {
            let detail = summary::get_summary_detail(conn, id)?;
            let mut parts =
                vec![summary::paper(conn, id, SummaryPaper::ApprovalSheet)?, opinions_document(&detail)];
            parts.extend(indicators_document(&detail));
            parts.extend(publicity_document(&detail, &summary::records(conn, id)?));
            (summary::summary_document(&detail), parts)
        }
    })
}

/// The print model of a filed 件: its parts with its 归档章.
pub fn file_document(conn: &Connection, file: &ArchiveFile) -> Result<Document> {
    let stamp = ArchiveStamp {
        fonds: file.fonds_code.clone(),
        year: file.year.to_string(),
        item_no: format!("{:04}", file.item_no),
        org: file.org_code.clone(),
        retention: file.retention.short().to_string(),
        pages: None,
    };
    bound_parts(conn, file.target, Some(stamp))
}

/// The bound PDF's model of 件 `id`: the one door of the window and the CLI.
pub fn file_paper(conn: &Connection, id: i64) -> Result<Document> {
    file_document(conn, &super::get_file(conn, id)?)
}

/// Documents after the first one, each from a new page under its own title; the first one's
/// title and mark are the whole's.
fn bind(mut whole: Document, rest: Vec<Document>, stamp: Option<ArchiveStamp>) -> Document {
    for part in rest {
        whole.blocks.push(Block::PageBreak(PageBreak {}));
        whole.blocks.push(Block::Title(TitleBlock { text: part.title }));
        whole.blocks.extend(part.blocks);
    }
    whole.stamp = stamp;
    whole
}

/// 审核意见: every opinion of every round, by section, with who gave it and when.
fn opinions_document(detail: &summary::SummaryDetail) -> Document {
    let mut blocks = Vec::new();
    let mut line = |where_: String, o: &summary::ReviewOpinion| {
        blocks.push(Block::body(&format!(
            "{where_}（第{}轮，{}，{}）：{}",
            o.round,
            o.reviewer.name,
            time::chinese_date(o.at.date_naive()),
            o.text
        )));
    };
    for o in &detail.general_opinions {
        line("总体意见".to_string(), o);
    }
    for s in &detail.sections {
        for o in &s.opinions {
            line(format!("第{}章 {}", s.position + 1, s.heading), o);
        }
    }
    if let Some(e) = detail.events.iter().rev().find(|e| e.kind == SummaryEventKind::Approve) {
        let who = e.actor.as_ref().map(|p| p.name.as_str()).unwrap_or("");
        let note = e.note.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or("同意");
        blocks.push(Block::body(&format!(
            "审核通过（{who}，{}）：{note}",
            time::chinese_date(e.at.date_naive())
        )));
    }
    if blocks.is_empty() {
        blocks.push(Block::body("（无审核意见）"));
    }
    Document {
        title: "审核意见".into(),
        classification: detail.summary.classification.mark(),
        author: Some(detail.summary.unit.name.clone()),
        orientation: Default::default(),
        stamp: None,
        blocks,
    }
}

fn column(title: &str, width_mm: f32, align: Align) -> Column {
    Column { title: title.into(), width_mm, align }
}

/// A part of a summary's 件 that is one table (10.5 pt) under its title.
fn table_part(
    detail: &summary::SummaryDetail,
    title: &str,
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
) -> Document {
    Document {
        title: title.into(),
        classification: detail.summary.classification.mark(),
        author: Some(detail.summary.unit.name.clone()),
        orientation: Default::default(),
        stamp: None,
        blocks: vec![Block::Table(Table { columns, rows, totals: None, font_size_pt: Some(10.5) })],
    }
}

/// 发布与宣贯记录: where the summary was published and taught; none when nothing was recorded.
fn publicity_document(
    detail: &summary::SummaryDetail,
    records: &[summary::PublicityRecord],
) -> Option<Document> {
    if records.is_empty() {
        return None;
    }
    let rows = records
        .iter()
        .map(|r| {
            let (what, reach) = match (r.channel, r.participants) {
                (Some(channel), _) => (channel.label().to_string(), r.covered.clone().unwrap_or_default()),
                (None, Some(n)) => (format!("{n}人参加"), r.note.clone().unwrap_or_default()),
                (None, None) => (String::new(), r.note.clone().unwrap_or_default()),
            };
            let who = r.actor.as_ref().map(|p| p.name.clone()).unwrap_or_default();
            vec![r.kind.label().to_string(), time::chinese_date(r.date), what, reach, who]
        })
        .collect();
    let columns = vec![
        column("类型", 22.0, Align::Center),
        column("日期", 30.0, Align::Center),
        column("渠道或人数", 26.0, Align::Center),
        column("覆盖单位或答疑情况", 62.0, Align::Left),
        column("登记人", 16.0, Align::Center),
    ];
    Some(table_part(detail, "发布与宣贯记录", columns, rows))
}

/// 指标完成情况表: the indicators of every section in one table; none when there are none.
fn indicators_document(detail: &summary::SummaryDetail) -> Option<Document> {
    let rows: Vec<Vec<String>> = detail
        .sections
        .iter()
        .flat_map(|s| {
            s.indicators.iter().map(move |r| {
                let mut cells = vec![s.heading.clone()];
                cells.extend(summary::print::indicator_cells(r));
                cells
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let columns = vec![
        column("章节", 24.0, Align::Left),
        column("指标", 28.0, Align::Left),
        column("单位", 14.0, Align::Center),
        column("目标值", 18.0, Align::Center),
        column("实际值", 18.0, Align::Center),
        column("差距", 22.0, Align::Center),
        column("说明", 32.0, Align::Left),
    ];
    Some(table_part(detail, "指标完成情况表", columns, rows))
}

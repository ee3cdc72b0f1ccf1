//! The papers of a summary, as functions from core data to the print model: the summary itself as a
//! GB/T 9704 document, and the 审批表 (approval sheet) leaders sign by hand.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::checks::run_check;
use super::detail::get_summary_detail;
use super::model::{SummaryDetail, SummaryEventKind, SummarySection};
use crate::check::CheckReport;
use crate::print::{
    self, Align, Block, Column, Document, Form, FormField, Heading, Paragraph, Rendered, Signature, Table,
};
use crate::text::chinese_numeral;
use crate::time::{self, chinese_date};
use crate::Result;

/// Which paper to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SummaryPaper {
    /// The summary as a document (GB/T 9704).
    Document,
    /// 审批表
    ApprovalSheet,
}

/// The level of a line the writer typed as a sub-heading: （一） → 2, 1. → 3, （1） → 4. Only
/// short lines with no sentence inside count; anything else is a paragraph.
fn sub_heading_level(line: &str) -> Option<u8> {
    if line.chars().count() > 32 {
        return None;
    }
    let body = line.trim_end_matches(['。', '；', '：']);
    if body.contains(['。', '；', '！', '？']) {
        return None;
    }
    const NUMERALS: &str = "一二三四五六七八九十";
    let after = |s: &str, pred: &dyn Fn(char) -> bool| -> Option<usize> {
        let rest = s.trim_start_matches(pred);
        (rest.len() < s.len()).then_some(s.len() - rest.len())
    };
    if let Some(inner) = line.strip_prefix('（') {
        if let Some(n) = after(inner, &|c| NUMERALS.contains(c)) {
            return inner[n..].starts_with('）').then_some(2);
        }
        if let Some(n) = after(inner, &|c| c.is_ascii_digit()) {
            return inner[n..].starts_with('）').then_some(4);
        }
        return None;
    }
    let n = after(line, &|c| c.is_ascii_digit())?;
    (line[n..].starts_with('.') || line[n..].starts_with('．')).then_some(3)
}

fn section_blocks(number: usize, s: &SummarySection, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading(Heading {
        level: 1,
        text: format!("{}、{}", chinese_numeral(number), s.heading),
    }));
    for line in s.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match sub_heading_level(line) {
            Some(level) => blocks.push(Block::Heading(Heading { level, text: line.to_string() })),
            None => blocks.push(Block::body(line)),
        }
    }
    if !s.indicators.is_empty() {
        let col = |title: &str, width_mm: f32, align: Align| Column { title: title.into(), width_mm, align };
        blocks.push(Block::Table(Table {
            columns: vec![
                col("指标", 32.0, Align::Left),
                col("单位", 16.0, Align::Center),
                col("目标值", 20.0, Align::Center),
                col("实际值", 20.0, Align::Center),
                col("差距", 30.0, Align::Center),
                col("说明", 38.0, Align::Left),
            ],
            rows: s.indicators.iter().map(indicator_cells).collect(),
            totals: None,
            font_size_pt: Some(10.5),
        }));
    }
}

/// One indicator as the printed tables write it: 指标, 单位, 目标值, 实际值, 差距, 说明.
pub(crate) fn indicator_cells(r: &super::model::Indicator) -> Vec<String> {
    [&r.indicator, &r.unit, &r.target, &r.actual, &r.gap, &r.note].map(|c| c.clone()).to_vec()
}

/// The date a step last happened, if it did.
fn last_event(detail: &SummaryDetail, kind: SummaryEventKind) -> Option<NaiveDate> {
    detail.events.iter().rev().find(|e| e.kind == kind).map(|e| e.at.date_naive())
}

/// 成文日期: the day it was approved, else the day it was last submitted; none for a draft never
/// submitted.
fn document_date(detail: &SummaryDetail) -> Option<NaiveDate> {
    last_event(detail, SummaryEventKind::Approve).or_else(|| last_event(detail, SummaryEventKind::Submit))
}

/// Under the 落款 of a draft never submitted, whose date can only be the day it is printed.
pub const DRAFT_DATE_MARK: &str = "（草稿，落款日期为打印日期）";

/// What an empty chapter prints under its heading, so that paper never drops a chapter unseen.
pub const EMPTY_SECTION_MARK: &str = "（本部分未填写）";

/// The summary as a GB/T 9704 document: title, the sections as 一、二、… in the template's order
/// and numbering with their paragraphs and sub-headings, the indicators table in its section, and
/// the drafting unit and date as signature. A section with neither text nor indicators keeps its
/// number and heading and says it is empty (the checks ask for required ones before 提交).
pub fn summary_document(detail: &SummaryDetail) -> Document {
    let s = &detail.summary;
    let mut blocks = Vec::new();
    for (i, section) in detail.sections.iter().enumerate() {
        section_blocks(i + 1, section, &mut blocks);
        if section.text.trim().is_empty() && section.indicators.is_empty() {
            blocks.push(Block::body(EMPTY_SECTION_MARK));
        }
    }
    let dated = document_date(detail);
    let date = dated.unwrap_or_else(|| time::now().date_naive());
    blocks.push(Block::Signature(Signature { body: s.unit.name.clone(), date }));
    if dated.is_none() {
        blocks.push(Block::Paragraph(Paragraph {
            text: DRAFT_DATE_MARK.into(),
            align: Align::Right,
            indent: false,
        }));
    }
    Document {
        title: s.title.clone(),
        classification: s.classification.mark(),
        author: Some(s.unit.name.clone()),
        orientation: Default::default(),
        stamp: None,
        blocks,
    }
}

/// The 审批表: a bordered form with the summary's particulars, the substance-check figures, boxes
/// for 科室审核意见 and 领导审批意见 with signature and date lines, and 备注.
pub fn approval_sheet(detail: &SummaryDetail, check: Option<&CheckReport>) -> Document {
    let s = &detail.summary;
    let field =
        |label: &str, value: String| FormField { label: label.into(), value, height_mm: None, sign: false };
    let opinion = |label: &str| FormField {
        label: label.into(),
        value: String::new(),
        height_mm: Some(50.0),
        sign: true,
    };
    let period = if s.period_from.year() == s.period_to.year() {
        format!("{}至{}月{}日", chinese_date(s.period_from), s.period_to.month(), s.period_to.day())
    } else {
        format!("{}至{}", chinese_date(s.period_from), chinese_date(s.period_to))
    };
    // The day it was submitted: a draft not yet submitted has none (never the print date).
    let submitted =
        last_event(detail, SummaryEventKind::Submit).map_or_else(|| "（未报送）".into(), chinese_date);
    let mut rows = vec![
        vec![field("总结标题", s.title.clone())],
        vec![field("总结类型", s.kind.label().into()), field("总结期间", period)],
        vec![field("撰写单位", s.unit.name.clone()), field("撰写人", s.drafter.name.clone())],
        vec![field("报送日期", submitted), field("字数", format!("{}字", s.word_count))],
    ];
    if let Some(report) = check {
        let failed: Vec<&str> =
            report.checks.iter().filter(|c| !c.passed).map(|c| c.label.as_str()).collect();
        let verdict = if failed.is_empty() {
            "各项均达标".to_string()
        } else {
            format!("未达标：{}", failed.join("、"))
        };
        let pct = |x: f64| (x * 100.0).round() as i64;
        rows.push(vec![field(
            "实质性检查",
            format!(
                "数据占比{}%，问题分析{}%；{verdict}",
                pct(report.quant_ratio),
                pct(report.problem_ratio)
            ),
        )]);
    }
    rows.push(vec![opinion("科室审核意见")]);
    rows.push(vec![opinion("领导审批意见")]);
    let mut remarks = Vec::new();
    if s.returned_count > 0 {
        remarks.push(format!("已退回重写{}次", s.returned_count));
    }
    rows.push(vec![FormField {
        label: "备注".into(),
        value: remarks.join("；"),
        height_mm: Some(26.0),
        sign: false,
    }]);
    Document {
        title: format!("{}审批表", s.kind.label()),
        classification: s.classification.mark(),
        author: Some(s.unit.name.clone()),
        orientation: Default::default(),
        stamp: None,
        blocks: vec![Block::Form(Form { rows, label_width_mm: None, font_size_pt: None })],
    }
}

/// The print model of a stored summary's `paper`.
pub fn paper(conn: &Connection, id: i64, paper: SummaryPaper) -> Result<Document> {
    let detail = get_summary_detail(conn, id)?;
    Ok(match paper {
        SummaryPaper::Document => summary_document(&detail),
        SummaryPaper::ApprovalSheet => {
            print::shrink_to_fit(approval_sheet(&detail, Some(&run_check(conn, id)?)))?
        }
    })
}

/// Renders a stored summary's `paper` as PDF.
pub fn render_paper(conn: &Connection, id: i64, which: SummaryPaper) -> Result<Rendered> {
    print::render_counted(&paper(conn, id, which)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_sub_headings() {
        assert_eq!(chinese_numeral(1), "一");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(23), "二十三");
        assert_eq!(sub_heading_level("（一）清单化交办"), Some(2));
        assert_eq!(sub_heading_level("1.每周调度，逐件过堂。"), Some(3));
        assert_eq!(sub_heading_level("（2）台账管理"), Some(4));
        assert_eq!(sub_heading_level("（一）清单化交办。共分解子事项212个，平均每件4.3个。"), None);
        assert_eq!(sub_heading_level("2026年共办结171件。"), None);
        assert_eq!(sub_heading_level("（注）"), None);
    }
}

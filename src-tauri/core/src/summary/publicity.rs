//! 发布与宣贯: what became of a summary once published — where it was published (渠道, the units
//! reached, the date) and taught (宣贯培训: the date, how many took part, the questions answered),
//! both events of its timeline written through the review's one door (`review::perform`); and the
//! 宣贯材料, a digest generated from the summary (key figures, problems, next steps) that the writer
//! edits before printing.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use super::draft::{get_summary, raw_sections};
use super::flow::{Summaries, SummaryActionValues, MAX_COVERED_CHARS, MAX_OPINION_CHARS};
use super::follow_up::entries_of;
use super::indicators;
use super::model::{NamedRef, PublicationChannel, SectionRole, SummaryEventKind};
use crate::print::{Align, Block, Document, Heading, Paragraph, Signature};
use crate::text::chinese_numeral;
use crate::{calendar, check, time, Error, Result};

/// Sentences with figures the digest quotes at most.
const KEY_FIGURES: usize = 6;

/// A day that has come: the date of something recorded as done.
fn past_date(field: &str, label: &str, value: Option<&str>) -> Result<NaiveDate> {
    let text = value.map(str::trim).filter(|t| !t.is_empty());
    let text = text.ok_or_else(|| Error::invalid(field, format!("请填写{label}")))?;
    let date = calendar::parse_date(field, text)?;
    if date > time::now().date_naive() {
        return Err(Error::invalid(field, format!("{label}不能晚于今天")));
    }
    Ok(date)
}

fn note_fits(v: &SummaryActionValues, label: &str) -> Result<()> {
    let n = v.note.as_deref().map_or(0, |t| t.trim().chars().count());
    if n > MAX_OPINION_CHARS as usize {
        return Err(Error::invalid("note", format!("{label}有 {n} 个字，超过上限 {MAX_OPINION_CHARS} 字")));
    }
    Ok(())
}

/// The payload of a 发布记录, checked.
pub(crate) fn publication_payload(v: &SummaryActionValues) -> Result<Value> {
    let channel = match v.channel.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => PublicationChannel::parse(c)?,
        None => return Err(Error::invalid("channel", "请选择发布渠道")),
    };
    let date = past_date("date", "发布日期", v.date.as_deref())?;
    let covered = v.covered.as_deref().map(str::trim).unwrap_or_default();
    if covered.is_empty() {
        return Err(Error::invalid("covered", "请填写覆盖单位"));
    }
    let n = covered.chars().count();
    if n > MAX_COVERED_CHARS as usize {
        return Err(Error::invalid(
            "covered",
            format!("覆盖单位有 {n} 个字，超过上限 {MAX_COVERED_CHARS} 字"),
        ));
    }
    note_fits(v, "说明")?;
    Ok(json!({"channel": channel.code(), "date": date.to_string(), "covered": covered}))
}

/// The payload of a 宣贯培训 record, checked.
pub(crate) fn training_payload(v: &SummaryActionValues) -> Result<Value> {
    let date = past_date("date", "宣贯日期", v.date.as_deref())?;
    let participants = v.participants.ok_or_else(|| Error::invalid("participants", "请填写参加人数"))?;
    if !(1..=100_000).contains(&participants) {
        return Err(Error::invalid("participants", "参加人数应在 1 到 100000 之间"));
    }
    note_fits(v, "答疑情况")?;
    Ok(json!({"date": date.to_string(), "participants": participants}))
}

/// A 发布记录 or a 宣贯培训 record, as the summary lists them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PublicityRecord {
    /// 发布记录 or 宣贯培训.
    pub kind: SummaryEventKind,
    /// The day it happened.
    pub date: NaiveDate,
    #[ts(optional)]
    pub channel: Option<PublicationChannel>,
    /// 覆盖单位.
    #[ts(optional)]
    pub covered: Option<String>,
    /// 参加人数.
    #[ts(optional)]
    pub participants: Option<i64>,
    /// 说明, or the questions answered at a training.
    #[ts(optional)]
    pub note: Option<String>,
    #[ts(optional)]
    pub actor: Option<NamedRef>,
    pub recorded_at: DateTime<FixedOffset>,
}

/// The summary's 发布记录 and 宣贯培训, in the order they were recorded.
pub fn records(conn: &Connection, id: i64) -> Result<Vec<PublicityRecord>> {
    Ok(crate::lifecycle::events::<Summaries>(conn, id)?
        .into_iter()
        .filter(|e| matches!(e.kind, SummaryEventKind::Publication | SummaryEventKind::Training))
        .filter_map(|e| {
            let text = |key: &str| e.payload.get(key).and_then(Value::as_str).map(str::to_string);
            Some(PublicityRecord {
                kind: e.kind,
                date: text("date")?.parse().ok()?,
                channel: text("channel").and_then(|c| PublicationChannel::from_code(&c).ok()),
                covered: text("covered"),
                participants: e.payload.get("participants").and_then(Value::as_i64),
                note: e.note,
                actor: e.actor,
                recorded_at: e.at,
            })
        })
        .collect())
}

/// The texts of a 宣贯材料, generated for the writer to edit; [`publicity_document`] prints them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PublicityDraft {
    pub summary_id: i64,
    pub title: String,
    /// 主要数据: the sentences with figures and the indicators, a line each.
    pub figures: String,
    /// 存在问题, a line each; empty leaves the part out.
    pub problems: String,
    /// 下一步工作, a line each; empty leaves the part out.
    pub next_steps: String,
    /// The unit at the foot.
    pub issuer: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// Numbered lines: 1. … 2. …
fn numbered(lines: impl IntoIterator<Item = String>) -> String {
    lines.into_iter().enumerate().map(|(i, l)| format!("{}. {l}", i + 1)).collect::<Vec<_>>().join("\n")
}

/// The 宣贯材料 of a summary as a draft: its sentences with figures from the background and results
/// sections and its indicators; the problems the checks found; the plans, or else the measures
/// matched to the problems.
pub fn publicity_draft(conn: &Connection, id: i64) -> Result<PublicityDraft> {
    let summary = get_summary(conn, id)?;
    let sections = raw_sections(conn, id)?;
    let texts = super::checks::check_sections(conn, id)?;
    let report = check::check_sections(&texts, &check::CheckContext::new(check::load_settings(conn)?));
    let mut figures: Vec<String> = report
        .sentences
        .iter()
        .filter(|s| s.quant)
        .filter(|s| {
            matches!(texts[s.span.section].role, SectionRole::Background | SectionRole::TargetsVsResults)
        })
        .take(KEY_FIGURES)
        .map(|s| s.text.clone())
        .collect();
    for row in sections.iter().flat_map(|s| indicators::compute(&s.indicators)) {
        let gap = if row.gap.is_empty() { String::new() } else { format!("，差距{}", row.gap) };
        figures.push(format!("{}：目标{}，实际{}{gap}。", row.indicator, row.target, row.actual));
    }
    // The entries from the same check: the summary is checked once.
    let [problems, _, plans] = entries_of(&texts, &report);
    let clean = |t: &str| check::strip_enumerator(t).trim().to_string();
    let next_steps = if plans.is_empty() {
        let mut measures: Vec<String> = Vec::new();
        for m in problems.iter().filter_map(|p| p.measure.as_deref()).map(clean) {
            if !measures.contains(&m) {
                measures.push(m);
            }
        }
        numbered(measures)
    } else {
        numbered(plans.iter().map(|p| clean(&p.text)))
    };
    let problems = numbered(problems.iter().map(|p| clean(&p.text)));
    Ok(PublicityDraft {
        summary_id: id,
        title: format!("《{}》宣贯材料", summary.title),
        figures: figures.join("\n"),
        problems,
        next_steps,
        issuer: summary.unit.name,
        date: time::now().date_naive().to_string(),
    })
}

impl PublicityDraft {
    fn check(&self) -> Result<NaiveDate> {
        crate::text::check_draft(
            "宣贯材料的标题不能为空",
            &self.title,
            &[
                ("figures", "主要数据", &self.figures),
                ("problems", "存在问题", &self.problems),
                ("next_steps", "下一步工作", &self.next_steps),
                ("issuer", "落款单位", &self.issuer),
            ],
        )?;
        calendar::parse_date("date", &self.date)
    }
}

/// The 宣贯材料 as the writer edited it: a part per text that is not empty, a paragraph per line,
/// the unit and the date at the foot; 内部 when the summary is.
pub fn publicity_document(conn: &Connection, draft: &PublicityDraft) -> Result<Document> {
    let date = draft.check()?;
    let summary = get_summary(conn, draft.summary_id)?;
    let mut blocks = Vec::new();
    let parts =
        [("主要数据", &draft.figures), ("存在问题", &draft.problems), ("下一步工作", &draft.next_steps)];
    for (n, (heading, text)) in parts.into_iter().filter(|(_, t)| !t.trim().is_empty()).enumerate() {
        blocks.push(Block::Heading(Heading {
            level: 1,
            text: format!("{}、{heading}", chinese_numeral(n + 1)),
        }));
        blocks.extend(text.lines().filter(|l| !l.trim().is_empty()).map(Block::body));
    }
    if draft.issuer.trim().is_empty() {
        blocks.push(Block::Paragraph(Paragraph {
            text: time::chinese_date(date),
            align: Align::Right,
            indent: false,
        }));
    } else {
        blocks.push(Block::Signature(Signature { body: draft.issuer.trim().to_string(), date }));
    }
    Ok(Document {
        title: draft.title.trim().to_string(),
        classification: summary.classification.mark(),
        author: Some(draft.issuer.trim().to_string()).filter(|a| !a.is_empty()),
        orientation: Default::default(),
        stamp: None,
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::Block;
    use crate::summary::tests::{fixture, published};
    use crate::summary::{get_summary, perform, SummaryAction, SummaryActionRequest, SummaryState};

    fn record(
        f: &mut crate::summary::tests::Fixture,
        id: i64,
        action: SummaryAction,
        input: SummaryActionValues,
    ) -> Result<()> {
        perform(&mut f.conn, id, &SummaryActionRequest { action, input })
    }

    #[test]
    fn publication_and_training_are_recorded_checked_and_listed() {
        let mut f = fixture();
        let id = published(&mut f);
        let publication = SummaryActionValues {
            actor_id: f.reviewer,
            channel: Some("官网公示".into()),
            date: Some("2026-07-10".into()),
            covered: Some("各科室、各直属单位".into()),
            ..Default::default()
        };
        for (patch, field) in [
            (SummaryActionValues { channel: None, ..publication.clone() }, "channel"),
            (SummaryActionValues { date: Some("2999-01-01".into()), ..publication.clone() }, "date"),
            (SummaryActionValues { covered: Some("  ".into()), ..publication.clone() }, "covered"),
        ] {
            let err = record(&mut f, id, SummaryAction::RecordPublication, patch).expect_err(field);
            assert_eq!(err.field().as_deref(), Some(field), "{err}");
        }
        record(&mut f, id, SummaryAction::RecordPublication, publication).expect("publication");
        let training = SummaryActionValues {
            actor_id: f.drafter,
            date: Some("2026-07-15".into()),
            participants: Some(46),
            note: Some("窗口人员询问补贴发放时间，已答复10月起执行".into()),
            ..Default::default()
        };
        let none = SummaryActionValues { participants: Some(0), ..training.clone() };
        let err = record(&mut f, id, SummaryAction::RecordTraining, none).expect_err("nobody");
        assert_eq!(err.field().as_deref(), Some("participants"));
        record(&mut f, id, SummaryAction::RecordTraining, training).expect("training");

        let listed = records(&f.conn, id).expect("records");
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].channel, Some(PublicationChannel::Website));
        assert_eq!(listed[0].covered.as_deref(), Some("各科室、各直属单位"));
        assert_eq!((listed[1].kind, listed[1].participants), (SummaryEventKind::Training, Some(46)));
        assert_eq!(listed[1].date.to_string(), "2026-07-15");
        assert_eq!(
            get_summary(&f.conn, id).expect("summary").state,
            SummaryState::Published,
            "the state stays"
        );
    }

    #[test]
    fn the_digest_quotes_figures_problems_and_measures_and_prints_what_was_edited() {
        let mut f = fixture();
        let id = published(&mut f);
        let draft = publicity_draft(&f.conn, id).expect("draft");
        assert!(draft.figures.contains("3.2万件"), "{}", draft.figures);
        assert!(draft.figures.contains("按时办结率：目标≥95%，实际98.6%"), "{}", draft.figures);
        assert!(draft.problems.starts_with("1. 跨部门数据共享不畅"), "{}", draft.problems);
        assert_eq!(draft.problems.lines().count(), 3);
        // The template has no plan section: the next steps are the problems' measures.
        assert!(draft.next_steps.starts_with("1. 针对数据共享不畅"), "{}", draft.next_steps);

        let edited = PublicityDraft {
            problems: String::new(),
            issuer: "市政务服务中心办公室".into(),
            ..draft.clone()
        };
        let doc = publicity_document(&f.conn, &edited).expect("document");
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| if let Block::Heading(h) = b { Some(h.text.as_str()) } else { None })
            .collect();
        assert_eq!(headings, ["一、主要数据", "二、下一步工作"], "an emptied part is left out");
        assert!(matches!(doc.blocks.last(), Some(Block::Signature(s)) if s.body == "市政务服务中心办公室"));
        assert!(crate::print::page_count(&doc).expect("pages") >= 1);

        let long = PublicityDraft { figures: "数".repeat(crate::text::MAX_DRAFT_TEXT_CHARS + 1), ..draft };
        let err = publicity_document(&f.conn, &long).expect_err("too long");
        assert_eq!(err.field().as_deref(), Some("figures"));
    }
}

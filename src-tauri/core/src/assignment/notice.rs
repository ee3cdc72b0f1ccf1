//! The paper of one item: 督办通知单 (the supervision notice handed to the lead unit) and 催办单
//! (a reminder, one per 催办 event). Both are functions from the stored item to the print model;
//! 内部 items carry the mark.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::model::{Assignment, AssignmentEvent, EventKind, FeedbackCycle};
use super::query::{events, get_assignment};
use crate::calendar::{limits, Limit, LimitUnit};
use crate::print::{Align, Block, Document, Form, FormField, Paragraph};
use crate::{profile, time, Error, Result};

/// The 督办通知单 of item `id`.
pub fn supervision_notice(conn: &Connection, id: i64) -> Result<Document> {
    let item = get_assignment(conn, id)?;
    let first_step = limits::get(conn)?.of(item.category).first_step;
    let issuer = profile::issuer(conn)?;
    let leader = item.assigning_leader.as_ref().map(|p| p.name.as_str()).unwrap_or("");
    let in_charge = item.leader_in_charge.as_ref().map(|p| p.name.as_str()).unwrap_or("");
    let rows = vec![
        vec![field("事项名称", &item.title)],
        vec![field("来源", &source_text(&item)), field("紧急程度", item.urgency.label())],
        vec![field("交办领导", leader), field("分管领导", in_charge)],
        vec![field("交办时间", &datetime(item.assigned_at)), field("办理时限", &deadline_text(&item))],
        vec![field("牵头单位", &item.lead_unit.name), field("协办单位", &cooperating(&item))],
        vec![field("第一责任人", &item.responsible.name), field("联系人", &contact(&item))],
        vec![FormField { height_mm: Some(24.0), ..field("事项内容与要求", &item.content) }],
        vec![opinion("承办单位签收意见")],
        vec![opinion("分管领导意见")],
    ];
    let note = format!(
        "注：请于收到后{}内签收{}，按期报送办理结果，逾期将列入通报。",
        span(first_step),
        match item.feedback_cycle {
            FeedbackCycle::None => String::new(),
            cycle => format!("，{}反馈一次进展", cycle.label()),
        }
    );
    Ok(form_document("督办通知单", &item, issuer, rows, note, time::now()))
}

/// The 催办单 of the 催办 event `event_id` of item `id`, or of its latest 催办 when `None`.
pub fn reminder_notice(conn: &Connection, id: i64, event_id: Option<i64>) -> Result<Document> {
    let item = get_assignment(conn, id)?;
    let reminders: Vec<AssignmentEvent> =
        events(conn, id)?.into_iter().filter(|e| e.kind == EventKind::Remind).collect();
    let ordinal = match event_id {
        Some(wanted) => reminders.iter().position(|e| e.id == wanted),
        None => reminders.len().checked_sub(1),
    }
    .ok_or_else(|| Error::NotFound(format!("事项 {} 没有这次催办记录，请先催办再打印催办单", item.number)))?;
    let reminder = &reminders[ordinal];
    let issuer = profile::issuer(conn)?;
    let by = reminder.actor.as_ref().map(|p| p.name.as_str()).unwrap_or("");
    let rows = vec![
        vec![field("事项名称", &item.title)],
        vec![field("督办编号", &item.number), field("催办次数", &format!("第{}次", ordinal + 1))],
        vec![field("牵头单位", &item.lead_unit.name), field("第一责任人", &item.responsible.name)],
        vec![field("交办时间", &datetime(item.assigned_at)), field("办理时限", &deadline_text(&item))],
        vec![field("当前状态", item.state.label()), field("预警情况", &warning(&item, reminder.at))],
        vec![FormField {
            height_mm: Some(30.0),
            ..field("催办事由", reminder.note.as_deref().unwrap_or("请加快办理，按期报送办理结果。"))
        }],
        vec![field("催办人", by), field("催办时间", &datetime(reminder.at))],
        vec![opinion("承办单位反馈意见")],
    ];
    let note = "注：请承办单位于收到本催办单后1个工作日内书面反馈办理进展及预计办结时间。".to_string();
    Ok(form_document("催办单", &item, issuer, rows, note, reminder.at))
}

fn form_document(
    title: &str,
    item: &Assignment,
    issuer: String,
    rows: Vec<Vec<FormField>>,
    note: String,
    dated: DateTime<FixedOffset>,
) -> Document {
    let mut blocks = vec![
        Block::Paragraph(Paragraph {
            text: format!("编号：{}", item.number),
            align: Align::Right,
            indent: false,
        }),
        // Labels are at most five characters (longer ones wrap), which leaves the values room
        // for a date and time on one line.
        Block::Form(Form { rows, label_width_mm: Some(28.0) }),
        Block::Paragraph(Paragraph { text: note, align: Align::Left, indent: false }),
    ];
    // One right-aligned line for the issuing office and date: a signature block would push a full
    // form onto a second page, and the office stamps beside this line.
    let issued = time::chinese_date(dated.date_naive());
    let line = if issuer.is_empty() { issued } else { format!("{issuer}　{issued}") };
    blocks.push(Block::Paragraph(Paragraph { text: line, align: Align::Right, indent: false }));
    Document {
        title: title.to_string(),
        classification: item.classification.mark(),
        author: (!issuer.is_empty()).then_some(issuer),
        orientation: Default::default(),
        blocks,
    }
}

fn field(label: &str, value: &str) -> FormField {
    FormField { label: label.to_string(), value: value.to_string(), height_mm: None, sign: false }
}

/// A box for a handwritten opinion with 签名 and 日期 lines.
fn opinion(label: &str) -> FormField {
    FormField { label: label.to_string(), value: String::new(), height_mm: Some(24.0), sign: true }
}

/// "4个工作小时", "3个工作日", "24小时".
fn span(limit: Limit) -> String {
    match limit.unit {
        LimitUnit::NaturalHours => format!("{}小时", limit.amount),
        unit => format!("{}个{}", limit.amount, unit.label()),
    }
}

fn datetime(t: DateTime<FixedOffset>) -> String {
    time::chinese_date_time(t)
}

fn deadline_text(item: &Assignment) -> String {
    let mut text = datetime(item.deadline);
    if !item.deadline_confirmed {
        text.push_str("（未确认：当年工作日历未发布）");
    }
    text
}

/// 来源 with its document number when there is one: 领导批示 〔2026〕188号.
fn source_text(item: &Assignment) -> String {
    match item.source_doc_no.as_deref().filter(|s| !s.is_empty()) {
        Some(no) => format!("{} {no}", item.source.label()),
        None => item.source.label().to_string(),
    }
}

fn cooperating(item: &Assignment) -> String {
    item.cooperating_units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("、")
}

fn contact(item: &Assignment) -> String {
    [item.contact.as_deref(), item.contact_phone.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

fn warning(item: &Assignment, at: DateTime<FixedOffset>) -> String {
    if at > item.deadline {
        format!("{}（已超期）", item.light.label())
    } else {
        item.light.label().to_string()
    }
}

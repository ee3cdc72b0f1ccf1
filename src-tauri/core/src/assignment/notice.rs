//! The paper of one item: 督办通知单 (the supervision notice handed to the lead unit), 催办单 (a
//! reminder, one per 催办 event), 办理结果反馈单 (the result the lead unit reported, with the
//! check opinion) and 销号审批表 (the closing form leaders sign). All are functions from the stored
//! item to the print model; 内部 items carry the mark.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::model::{Assignment, AssignmentEvent, EventKind, FeedbackCycle};
use super::query::{events, get_assignment};
use crate::calendar::{limits, Limit, LimitUnit};
use crate::print::{Align, Block, Document, Form, FormField, Heading, Paragraph};
use crate::{profile, time, Error, Result};

coded_enum!(
    /// The papers of one item, by code or name: `luoshi-cli item print ID closing`.
    ItemPaper, "paper", "单据", {
    Notice = ("notice", "督办通知单"),
    Reminder = ("reminder", "催办单"),
    Result = ("result", "办理结果反馈单"),
    Closing = ("closing", "销号审批表"),
});

/// The print model of item `id`'s `paper`; `event_id` picks a 催办单 (the latest when omitted).
pub fn paper(conn: &Connection, id: i64, paper: ItemPaper, event_id: Option<i64>) -> Result<Document> {
    match paper {
        ItemPaper::Notice => supervision_notice(conn, id),
        ItemPaper::Reminder => reminder_notice(conn, id, event_id),
        ItemPaper::Result => result_sheet(conn, id),
        ItemPaper::Closing => closing_form(conn, id),
    }
}

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

/// The 办理结果反馈单 of item `id`: its particulars in a small form, then the last reported result
/// and the check opinion as running text, which may run over pages (a result is up to 5,000
/// characters, more than any form box holds).
pub fn result_sheet(conn: &Connection, id: i64) -> Result<Document> {
    let item = get_assignment(conn, id)?;
    let history = events(conn, id)?;
    let report = last_of(&history, EventKind::Report);
    let check = last_of(&history, EventKind::Pass);
    let who = |e: Option<&AssignmentEvent>| e.and_then(|e| e.actor.as_ref()).map(|p| p.name.clone());
    let when = |e: Option<&AssignmentEvent>| e.map(|e| datetime(e.at)).unwrap_or_default();
    let rows = vec![
        vec![field("事项名称", &item.title)],
        vec![field("督办编号", &item.number), field("牵头单位", &item.lead_unit.name)],
        vec![field("反馈人", &who(report).unwrap_or_default()), field("反馈时间", &when(report))],
        vec![field("审核人", &who(check).unwrap_or_default()), field("审核时间", &when(check))],
    ];
    let mut blocks = vec![
        number_line(&item),
        Block::Form(Form { rows, label_width_mm: Some(28.0) }),
        Block::Heading(Heading { level: 1, text: "一、办理结果".into() }),
    ];
    let result = report.and_then(|e| e.note.as_deref()).unwrap_or("（未反馈办理结果）");
    blocks.extend(text_paragraphs(result));
    blocks.push(Block::Heading(Heading { level: 1, text: "二、审核意见".into() }));
    let opinion = match check {
        Some(e) => {
            e.note.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "审核通过，同意办结。".into())
        }
        None => "（未审核）".into(),
    };
    blocks.extend(text_paragraphs(&opinion));
    Ok(item_document("办理结果反馈单", &item, profile::issuer(conn)?, blocks))
}

/// The 销号审批表 of item `id`: the item, its result (the opening of it when long: the whole is in
/// the 办理结果反馈单), 办结时间, whether on time, 满意度, and boxes with 签名 and 日期 lines for
/// 承办单位意见, 督查部门意见 and 领导审批意见.
pub fn closing_form(conn: &Connection, id: i64) -> Result<Document> {
    let item = get_assignment(conn, id)?;
    let history = events(conn, id)?;
    let report = last_of(&history, EventKind::Report);
    let pass = last_of(&history, EventKind::Pass);
    let result = report.and_then(|e| e.note.as_deref()).unwrap_or("");
    let result = if result.chars().count() > CLOSING_RESULT_CHARS {
        let head: String = result.chars().take(CLOSING_RESULT_CHARS).collect();
        format!("{head}……（全文见办理结果反馈单）")
    } else {
        result.to_string()
    };
    let closed = item.closed_at.map(datetime).unwrap_or_else(|| "（未办结）".into());
    let on_time = match item.closed_at {
        Some(at) if at <= item.deadline => "按期办结".to_string(),
        Some(at) => format!("超期办结（超期{}天）", (at - item.deadline).num_days().max(1)),
        None => String::new(),
    };
    let mut satisfaction = pass
        .and_then(|e| e.payload.get("satisfaction").and_then(|v| v.as_u64()))
        .map(|s| format!("{s}分"))
        .unwrap_or_else(|| "未评".into());
    if let Some(revisits) = revisits(&history) {
        satisfaction.push_str(&format!("（{revisits}）"));
    }
    // One page, 内部 mark included: leaders sign it by hand. Four-character labels leave the
    // values room for a date and time on one line.
    let rows = vec![
        vec![field("事项名称", &item.title)],
        vec![field("来源", item.source.label()), field("牵头单位", &item.lead_unit.name)],
        vec![field("责任人", &item.responsible.name), field("满意度", &satisfaction)],
        vec![field("交办时间", &datetime(item.assigned_at)), field("办理时限", &deadline_text(&item))],
        vec![field("办结时间", &closed), field("是否按期", &on_time)],
        vec![FormField { height_mm: Some(22.0), ..field("办理结果", &result) }],
        vec![FormField { height_mm: Some(21.0), ..opinion("承办单位意见") }],
        vec![FormField { height_mm: Some(21.0), ..opinion("督查部门意见") }],
        vec![FormField { height_mm: Some(21.0), ..opinion("领导审批意见") }],
    ];
    let blocks = vec![number_line(&item), Block::Form(Form { rows, label_width_mm: Some(24.0) })];
    Ok(item_document("销号审批表", &item, profile::issuer(conn)?, blocks))
}

/// The most characters of the result the 销号审批表 prints in its box.
const CLOSING_RESULT_CHARS: usize = 60;

fn last_of(history: &[AssignmentEvent], kind: EventKind) -> Option<&AssignmentEvent> {
    history.iter().rev().find(|e| e.kind == kind)
}

/// 回访 held or rebounded, in words: "30天回访：成效保持"; none when there was none.
fn revisits(history: &[AssignmentEvent]) -> Option<String> {
    let words: Vec<String> = history
        .iter()
        .filter(|e| matches!(e.kind, EventKind::RevisitHeld | EventKind::RevisitRebound))
        .map(|e| {
            let day = e.payload.get("day").and_then(|v| v.as_u64()).unwrap_or(0);
            let label = e.kind.label().trim_start_matches("回访：");
            format!("{day}天回访：{label}")
        })
        .collect();
    (!words.is_empty()).then(|| words.join("；"))
}

/// A text as paragraphs, one per line typed.
fn text_paragraphs(text: &str) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph(Paragraph { text: l.to_string(), align: Align::Left, indent: true }))
        .collect()
}

fn number_line(item: &Assignment) -> Block {
    Block::Paragraph(Paragraph {
        text: format!("编号：{}", item.number), align: Align::Right, indent: false
    })
}

fn item_document(title: &str, item: &Assignment, issuer: String, blocks: Vec<Block>) -> Document {
    Document {
        title: title.to_string(),
        classification: item.classification.mark(),
        author: (!issuer.is_empty()).then_some(issuer),
        orientation: Default::default(),
        stamp: None,
        blocks,
    }
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
        number_line(item),
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
    item_document(title, item, issuer, blocks)
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

//! The paper of one item: 督办通知单 (the supervision notice handed to the lead unit), 催办单 (a
//! reminder, one per 催办 event), 办理结果反馈单 (the result the lead unit reported, with the
//! check opinion) and 销号审批表 (the closing form leaders sign). All are functions from the stored
//! item to the print model; 内部 items carry the mark.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::model::{Assignment, AssignmentEvent, EventKind, FeedbackCycle};
use super::query::{events, get_assignment};
use crate::calendar::{limits, Limit, LimitUnit};
use crate::print::{
    self, Align, Block, Document, Form, FormField, Heading, PageBreak, Paragraph, PrintError,
};
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
    let rows = |content: &str| {
        vec![
            vec![field("事项名称", &item.title)],
            // 来源 with its document number takes a line; the three short fields share one.
            vec![field("来源", &source_text(&item))],
            vec![
                field("紧急程度", item.urgency.label()),
                field("交办领导", leader),
                field("分管领导", in_charge),
            ],
            vec![field("交办时间", &datetime(item.assigned_at)), field("办理时限", &deadline_text(&item))],
            vec![field("牵头单位", &item.lead_unit.name), field("协办单位", &cooperating(&item))],
            vec![field("第一责任人", &item.responsible.name), field("联系人", &contact(&item))],
            vec![FormField { height_mm: Some(24.0), ..field("事项内容与要求", content) }],
            vec![opinion("承办单位签收意见")],
            vec![opinion("分管领导意见")],
        ]
    };
    let note = format!(
        "{}请于收到后{}内签收{}，按期报送办理结果，逾期将列入通报。",
        deadline_explained(&item),
        span(first_step),
        match item.feedback_cycle {
            FeedbackCycle::None => String::new(),
            cycle => format!("，{}反馈一次进展", cycle.label()),
        }
    );
    // Dated the day it was issued (交办), which stays the same however often it is printed.
    let issued = issued_at(&item, &events(conn, id)?);
    let sheet = |content: &str| form_document("督办通知单", &item, &issuer, rows(content), &note, issued);
    one_sheet(sheet, "事项内容与要求", &item.content)
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
    let reason = reminder.note.as_deref().unwrap_or("请加快办理，按期报送办理结果。");
    let rows = |reason: &str| {
        vec![
            vec![field("事项名称", &item.title)],
            vec![field("督办编号", &item.number), field("催办次数", &format!("第{}次", ordinal + 1))],
            vec![field("牵头单位", &item.lead_unit.name), field("第一责任人", &item.responsible.name)],
            vec![field("交办时间", &datetime(item.assigned_at)), field("办理时限", &deadline_text(&item))],
            vec![field("当前状态", item.state.label()), field("预警情况", &warning(&item, reminder.at))],
            vec![FormField { height_mm: Some(30.0), ..field("催办事由", reason) }],
            vec![field("催办人", by), field("催办时间", &datetime(reminder.at))],
            vec![opinion("承办单位反馈意见")],
        ]
    };
    let note = format!(
        "{}请承办单位于收到本催办单后1个工作日内书面反馈办理进展及预计办结时间。",
        deadline_explained(&item)
    );
    let sheet = |reason: &str| form_document("催办单", &item, &issuer, rows(reason), &note, reminder.at);
    one_sheet(sheet, "催办事由", reason)
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
        Block::Form(Form { rows, label_width_mm: Some(28.0), font_size_pt: None }),
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
    let blocks =
        vec![number_line(&item), Block::Form(Form { rows, label_width_mm: Some(24.0), font_size_pt: None })];
    print::shrink_to_fit(item_document("销号审批表", &item, profile::issuer(conn)?, blocks))
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

/// A form of one sheet around its one long text (`label`): the whole text in its box when the
/// sheet holds it, else as much of its opening as fits, marked, with the whole text on a 续页 after
/// the 落款, so that the sheet a leader signs is always whole.
fn one_sheet(sheet: impl Fn(&str) -> Result<Document>, label: &str, text: &str) -> Result<Document> {
    let fits = |text: &str| -> Result<Option<Document>> {
        match sheet(text) {
            Ok(doc) if print::page_count(&doc)? <= 1 => Ok(Some(doc)),
            Ok(_) | Err(Error::Print(PrintError::TooTall { .. })) => Ok(None),
            Err(e) => Err(e),
        }
    };
    if let Some(doc) = fits(text)? {
        return Ok(doc);
    }
    let chars: Vec<char> = text.chars().collect();
    let opening = |n: usize| format!("{}……（全文见续页）", chars[..n].iter().collect::<String>().trim_end());
    // The longest opening that keeps the sheet whole (what fits shrinks as the opening grows).
    // The sheet of the last opening that fitted is kept, not laid out again.
    let (mut lo, mut hi, mut best) = (0, chars.len(), None);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        match fits(&opening(mid))? {
            Some(doc) => (lo, best) = (mid, Some(doc)),
            None => hi = mid - 1,
        }
    }
    let mut doc = match best {
        Some(doc) => doc,
        None => sheet(&opening(0))?,
    };
    doc.blocks.push(Block::PageBreak(PageBreak {}));
    doc.blocks.push(Block::Heading(Heading { level: 1, text: format!("续页：{label}") }));
    doc.blocks.extend(text_paragraphs(text));
    Ok(doc)
}

fn form_document(
    title: &str,
    item: &Assignment,
    issuer: &str,
    mut rows: Vec<Vec<FormField>>,
    note: &str,
    dated: DateTime<FixedOffset>,
) -> Result<Document> {
    // The note is the form's last row, in the form's type: as a body paragraph on the grid it
    // took a line more, which is what pushed the 落款 off the sheet.
    rows.push(vec![field("备注", note)]);
    let mut blocks = vec![
        number_line(item),
        // Four characters a line (longer labels break between words), which leaves the values of a
        // two-field row room for a date and time, or a name and a phone number, on one line.
        Block::Form(Form { rows, label_width_mm: Some(25.0), font_size_pt: None }),
    ];
    // One right-aligned line for the issuing office and date: a signature block would push a full
    // form onto a second page, and the office stamps beside this line.
    blocks.push(Block::Paragraph(Paragraph {
        text: issued_line(issuer, dated),
        align: Align::Right,
        indent: false,
    }));
    print::shrink_to_fit(item_document(title, item, issuer.to_string(), blocks))
}

/// The 落款 line of a notice: the issuing office and the date.
fn issued_line(issuer: &str, dated: DateTime<FixedOffset>) -> String {
    let date = time::chinese_date(dated.date_naive());
    if issuer.is_empty() {
        date
    } else {
        format!("{issuer}　{date}")
    }
}

/// The day a 督办通知单 was issued: its 交办, else the 交办时间 entered at 登记.
fn issued_at(item: &Assignment, history: &[AssignmentEvent]) -> DateTime<FixedOffset> {
    last_of(history, EventKind::Assign).map_or(item.assigned_at, |e| e.at)
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

/// The sentence that says why the deadline falls where it does, when the calendar moved it.
fn deadline_explained(item: &Assignment) -> String {
    item.deadline_note.as_ref().map(|n| format!("办理时限说明：{n}。")).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::{fill_demo, register, remind, ActionInput, AssignmentInput};
    use crate::test_support::{self, ItemDirectory};

    /// Where a one-sheet paper broke its promise, if it did: the sheet is its first page, holds the
    /// whole form and the 落款 `footer`; any further page is a 续页.
    fn sheet_fault(doc: &Document, footer: Option<&str>) -> Option<String> {
        let pages = print::page_lines(doc).expect("lays out");
        let last_label = doc.blocks.iter().find_map(|b| match b {
            Block::Form(f) => f.rows.last().and_then(|r| r.last()).map(|f| f.label.clone()),
            _ => None,
        });
        let label: Vec<char> = last_label.expect("a form").chars().collect();
        let tail: String = label[label.len().saturating_sub(2)..].iter().collect();
        if !pages[0].iter().any(|l| l.ends_with(&tail)) {
            return Some(format!("the form ends past the sheet: {pages:?}"));
        }
        if let Some(footer) = footer.filter(|f| !pages[0].iter().any(|l| l == f)) {
            return Some(format!("落款 “{footer}” not on the sheet: {:?}", pages[0]));
        }
        if pages.len() > 1 && !pages[1].iter().any(|l| l.starts_with("续页：")) {
            return Some(format!("page 2 is not a 续页: {:?}", pages[1]));
        }
        None
    }

    #[test]
    fn every_paper_of_a_demo_ledger_is_one_sheet_dated_by_its_facts() {
        let mut conn = test_support::memory_db();
        fill_demo(&mut conn, 300).expect("demo");
        let issuer = profile::issuer(&conn).expect("issuer");
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM assignment ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("ids");
        let (mut reminders, mut closed, mut faults) = (0, 0, Vec::new());
        for id in ids {
            let item = get_assignment(&conn, id).expect("item");
            let history = events(&conn, id).expect("events");
            let issued = issued_at(&item, &history);
            // A demo item's content is a paragraph: it fits in its box, with no 续页.
            let mut papers =
                vec![("督办通知单", supervision_notice(&conn, id).expect("notice"), Some(issued))];
            if let Some(at) = last_of(&history, EventKind::Remind).map(|e| e.at) {
                papers.push(("催办单", reminder_notice(&conn, id, None).expect("reminder"), Some(at)));
                reminders += 1;
            }
            if item.closed_at.is_some() {
                papers.push(("销号审批表", closing_form(&conn, id).expect("closing"), None));
                closed += 1;
            }
            for (name, doc, dated) in papers {
                let fault = match print::page_count(&doc).expect("pages") {
                    1 => sheet_fault(&doc, dated.map(|at| issued_line(&issuer, at)).as_deref()),
                    n => Some(format!("{n} pages")),
                };
                if let Some(fault) = fault {
                    faults.push(format!("{name} {}: {fault}", item.number));
                }
            }
        }
        assert!(
            reminders > 10 && closed > 50,
            "the demo has reminders ({reminders}) and closed items ({closed})"
        );
        assert!(
            faults.is_empty(),
            "{} papers are not one sheet, e.g. {}",
            faults.len(),
            faults[..faults.len().min(12)].join("\n")
        );
    }

    #[test]
    fn the_longest_texts_the_limits_allow_keep_the_sheet_whole_with_a_continuation() {
        let mut conn = test_support::memory_db();
        let ItemDirectory { unit, other_unit, person } =
            ItemDirectory::add(&mut conn, ["市住房和城乡建设局", "市城市管理综合行政执法局"], "张镕");
        let paragraph = "经核查，王玥、陈堃反映的𠮷祥小区供暖问题属实，请牵头单位会同协办单位于10个工作日内完成管网改造，并将整改情况书面报送市政府督查室。\n";
        let content: String =
            paragraph.repeat(20_000 / paragraph.chars().count()).chars().take(20_000).collect();
        let input = AssignmentInput {
            title: format!("关于{}", "做好老旧小区供暖保障和群众诉求办理工作的通知".repeat(3))
                .chars()
                .take(60)
                .collect(),
            source: "领导批示".into(),
            content: content.clone(),
            category: "routine".into(),
            lead_unit_id: unit,
            cooperating_unit_ids: vec![other_unit],
            responsible_id: person,
            ..Default::default()
        };
        assert_eq!(input.title.chars().count(), 60, "the longest title 登记 allows");
        let id = register(&mut conn, &input).expect("register");
        let note = "请加快办理，".repeat(5000 / 6);
        let by = ActionInput { actor_id: person, note: None, satisfaction: None };
        crate::assignment::assign(&mut conn, id, &by).expect("assign");
        remind(
            &mut conn,
            id,
            &ActionInput { actor_id: person, note: Some(note.clone()), satisfaction: None },
        )
        .expect("remind");
        let item = get_assignment(&conn, id).expect("item");
        let doc = supervision_notice(&conn, id).expect("notice");
        assert_eq!(sheet_fault(&doc, Some(&issued_line("", item.assigned_at))), None, "督办通知单");
        let all = serde_json::to_string(&doc).expect("json");
        assert!(all.contains("（全文见续页）") && all.contains("续页：事项内容与要求"), "{}", &all[..400]);
        // Nothing of the content is lost: the 续页 holds every line of it.
        let pages = print::page_lines(&doc).expect("pages");
        let continued: String = pages[1..].concat().concat();
        assert!(continued.contains("完成管网改造"), "the content is on the 续页");
        let doc = reminder_notice(&conn, id, None).expect("reminder");
        assert_eq!(sheet_fault(&doc, None), None, "催办单");
        assert_eq!(print::page_count(&closing_form(&conn, id).expect("closing")).expect("pages"), 1);
        print::render(&doc).expect("renders, every glyph included");
    }
}

//! 成果应用: what a summary leads to. The problems its checks found (each with the cause and the
//! measure matched to it), its experience and its plans become items on the ledger — 问题整改,
//! 经验推广, 计划落地, several at once in one write — and the summary lists them with their lights
//! and the figures the next summary reports (整改完成率, 按期整改率, 计划落地率).
//!
//! Entries are numbered per kind in document order (第 n 个问题). Only a summary whose text no
//! longer changes (审核通过, 已发布, 已归档) makes items, so the numbers stay put.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::checks::check_sections;
use super::draft::get_summary;
use super::model::{FollowUpKind, SectionRole, Summary, SummaryState};
use crate::assignment::query::{ledger_all, LedgerQuery, LedgerRow};
use crate::assignment::register::{self, Checked};
use crate::assignment::{number, AssignmentInput, Light, Source};
use crate::check::{self, CheckContext, CheckReport, SectionText};
use crate::org::active_person;
use crate::stats::number_text;
use crate::{calendar, db, lifecycle, time, Error, Result};

/// A title longer than this is cut at a comma before it (the item's content keeps the whole text).
const TITLE_CHARS: usize = 60;

/// One problem, experience or plan of a summary, and the item made from it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpEntry {
    pub kind: FollowUpKind,
    /// 第 n 个 (from 1, per kind, in document order).
    pub n: i64,
    /// The section it is in (index from 0) and its heading.
    pub position: i64,
    pub heading: String,
    /// The entry as written.
    pub text: String,
    /// For a problem: the cause the checks matched to it.
    #[ts(optional)]
    pub cause: Option<String>,
    /// For a problem: the measure the checks matched to it.
    #[ts(optional)]
    pub measure: Option<String>,
    /// The item made from it.
    #[ts(optional)]
    pub item_id: Option<i64>,
}

/// An item made from the summary, with its light as the ledger shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FollowUpItem {
    pub kind: FollowUpKind,
    pub n: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: LedgerRow,
}

/// The follow-up figures of one summary. Rates are percentages, none when nothing counts yet.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpRates {
    /// 问题整改 items made, finished (办结, 销号 or 归档), finished on time, and due (finished or
    /// past the deadline).
    pub rectify_made: i64,
    pub rectify_done: i64,
    pub rectify_on_time: i64,
    pub rectify_due: i64,
    /// 整改完成率 = finished / made.
    #[ts(optional)]
    pub completion_rate: Option<f64>,
    /// 按期整改率 = finished on time / due.
    #[ts(optional)]
    pub on_time_rate: Option<f64>,
    pub plan_made: i64,
    pub plan_on_time: i64,
    pub plan_due: i64,
    /// 计划落地率 = plan items finished on time / due.
    #[ts(optional)]
    pub plan_rate: Option<f64>,
    /// 经验推广 items made.
    pub experience_made: i64,
}

/// 成果应用 of a summary: its entries, the items made from them and the figures.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FollowUp {
    pub summary_id: i64,
    /// Problems the checks found in the problems sections.
    pub problems_found: i64,
    /// Why no item can be made now (the summary is not approved yet); none when it can.
    #[ts(optional)]
    pub blocked: Option<String>,
    pub problems: Vec<FollowUpEntry>,
    pub experience: Vec<FollowUpEntry>,
    pub plans: Vec<FollowUpEntry>,
    pub items: Vec<FollowUpItem>,
    pub rates: FollowUpRates,
    /// The figures in a sentence, as the next summary's 插入台账数据 writes them.
    pub text: String,
}

/// 转为事项: which entries of one kind, and the lead unit, the responsible person and the category
/// (whose limit gives the deadline) they all get.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FollowUpInput {
    pub kind: FollowUpKind,
    /// The entries' numbers (n).
    pub numbers: Vec<i64>,
    pub lead_unit_id: i64,
    pub responsible_id: i64,
    /// Code or label of the category; omitted: 复杂协同类 (a rectification rarely takes less).
    #[ts(optional)]
    pub category: Option<String>,
    /// An explicit 办理时限 (YYYY-MM-DD); omitted: the category's limit from now.
    #[ts(optional)]
    pub deadline: Option<String>,
    /// Who registers them; omitted: the local profile.
    #[ts(optional)]
    pub actor_id: Option<i64>,
}

/// The entries of a summary: problems with their cause and measure (as the checks link them),
/// then experience, then plans; without the items made from them.
fn entries(conn: &Connection, id: i64) -> Result<[Vec<FollowUpEntry>; 3]> {
    let sections = check_sections(conn, id)?;
    let report = check::check_sections(&sections, &CheckContext::new(check::load_settings(conn)?));
    Ok(entries_of(&sections, &report))
}

/// [`entries`] from the sections and the report of their check, for a caller that has both.
pub(super) fn entries_of(sections: &[SectionText], report: &CheckReport) -> [Vec<FollowUpEntry>; 3] {
    let sentence_at = |start: usize| report.sentences.iter().find(|s| s.span.start == start);
    let problem_entries = check::entries(sections, SectionRole::Problems);
    let problems = report
        .problem_links
        .iter()
        .filter_map(|link| {
            let first = sentence_at(link.problem.start)?;
            // The whole entry the problem sentence opens, when the grouping finds it.
            let text = problem_entries
                .iter()
                .find(|e| e.section == link.problem.section && e.sentences.contains(&first.text))
                .map_or_else(|| first.text.clone(), |e| e.sentences.concat());
            let of =
                |span: Option<check::Span>| span.and_then(|s| sentence_at(s.start)).map(|s| s.text.clone());
            Some((link.problem.section, text, of(link.cause), of(link.measure)))
        })
        .enumerate()
        .map(|(i, (section, text, cause, measure))| {
            entry(sections, FollowUpKind::Rectify, i, section, text, cause, measure)
        })
        .collect();
    let listed = |kind: FollowUpKind, role: SectionRole| -> Vec<FollowUpEntry> {
        check::entries(sections, role)
            .into_iter()
            .enumerate()
            .map(|(i, e)| entry(sections, kind, i, e.section, e.sentences.concat(), None, None))
            .collect()
    };
    [
        problems,
        listed(FollowUpKind::Experience, SectionRole::Experience),
        listed(FollowUpKind::Plan, SectionRole::Plan),
    ]
}

fn entry(
    sections: &[SectionText],
    kind: FollowUpKind,
    index: usize,
    section: usize,
    text: String,
    cause: Option<String>,
    measure: Option<String>,
) -> FollowUpEntry {
    FollowUpEntry {
        kind,
        n: index as i64 + 1,
        position: section as i64,
        heading: sections[section].heading.clone(),
        text,
        cause,
        measure,
        item_id: None,
    }
}

/// Why a summary in `state` makes no items, if it does not.
fn blocked(state: SummaryState) -> Option<String> {
    match state {
        SummaryState::Approved | SummaryState::Published | SummaryState::Archived => None,
        other => Some(format!("总结审核通过后才能转为事项（当前为“{}”）", other.label())),
    }
}

/// The items made from a summary (from every summary when `id` is none), oldest first, each with
/// its light.
fn items(conn: &Connection, id: Option<i64>) -> Result<Vec<FollowUpItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT assignment_id, kind, n FROM summary_follow_up WHERE ?1 IS NULL OR summary_id = ?1
         ORDER BY assignment_id",
    )?;
    let links = stmt
        .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, FollowUpKind>(1)?, r.get::<_, i64>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if links.is_empty() {
        return Ok(Vec::new());
    }
    let query = LedgerQuery {
        ids: Some(links.iter().map(|l| l.0).collect()),
        include_sub_items: true,
        ..Default::default()
    };
    let mut rows = ledger_all(conn, &query)?;
    Ok(links
        .into_iter()
        .filter_map(|(item, kind, n)| {
            let at = rows.iter().position(|r| r.id == item)?;
            Some(FollowUpItem { kind, n, row: rows.swap_remove(at) })
        })
        .collect())
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

fn rates(items: &[FollowUpItem]) -> FollowUpRates {
    let now = time::now();
    let of = |kind| items.iter().filter(move |i| i.kind == kind).map(|i| &i.row);
    let count = |kind, keep: &dyn Fn(&LedgerRow) -> bool| of(kind).filter(|r| keep(r)).count() as i64;
    let done = |r: &LedgerRow| r.state.is_finished();
    let on_time = |r: &LedgerRow| r.light == Light::ClosedOnTime;
    let due = |r: &LedgerRow| r.state.is_finished() || r.deadline <= now;
    let (made, finished) = (count(FollowUpKind::Rectify, &|_| true), count(FollowUpKind::Rectify, &done));
    let (rectify_on_time, rectify_due) =
        (count(FollowUpKind::Rectify, &on_time), count(FollowUpKind::Rectify, &due));
    let (plan_on_time, plan_due) = (count(FollowUpKind::Plan, &on_time), count(FollowUpKind::Plan, &due));
    FollowUpRates {
        rectify_made: made,
        rectify_done: finished,
        rectify_on_time,
        rectify_due,
        completion_rate: percent(finished, made),
        on_time_rate: percent(rectify_on_time, rectify_due),
        plan_made: count(FollowUpKind::Plan, &|_| true),
        plan_on_time,
        plan_due,
        plan_rate: percent(plan_on_time, plan_due),
        experience_made: count(FollowUpKind::Experience, &|_| true),
    }
}

/// The figures in a sentence: 查找问题3个，已转为整改事项2项，已整改1项，整改完成率50%… (the
/// problems found only when known).
fn rates_text(problems_found: Option<i64>, r: &FollowUpRates) -> String {
    let mut parts: Vec<String> = problems_found.map(|n| format!("查找问题{n}个")).into_iter().collect();
    if r.rectify_made > 0 {
        parts.push(format!("已转为整改事项{}项，已整改{}项", r.rectify_made, r.rectify_done));
    }
    if let Some(v) = r.completion_rate {
        parts.push(format!("整改完成率{}%", number_text(v)));
    }
    if let Some(v) = r.on_time_rate {
        parts.push(format!("按期整改率{}%", number_text(v)));
    }
    if r.plan_made > 0 {
        let rate = r
            .plan_rate
            .map_or_else(|| "尚无到期事项".to_string(), |v| format!("计划落地率{}%", number_text(v)));
        parts.push(format!("下一步计划转为事项{}项，{rate}", r.plan_made));
    }
    if r.experience_made > 0 {
        parts.push(format!("推广经验做法{}项", r.experience_made));
    }
    parts.join("，")
}

/// 成果应用 of a summary.
pub fn follow_up(conn: &Connection, id: i64) -> Result<FollowUp> {
    let summary = get_summary(conn, id)?;
    let [mut problems, mut experience, mut plans] = entries(conn, id)?;
    let items = items(conn, Some(id))?;
    for list in [&mut problems, &mut experience, &mut plans] {
        for e in list.iter_mut() {
            e.item_id = items.iter().find(|i| i.kind == e.kind && i.n == e.n).map(|i| i.row.id);
        }
    }
    let rates = rates(&items);
    Ok(FollowUp {
        summary_id: id,
        problems_found: problems.len() as i64,
        blocked: blocked(summary.state),
        text: rates_text(Some(problems.len() as i64), &rates),
        problems,
        experience,
        plans,
        items,
        rates,
    })
}

/// 成果应用 across every summary, for 工作台.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpTotals {
    /// Summaries that made items.
    pub summaries: i64,
    pub rates: FollowUpRates,
    /// The figures in a sentence.
    pub text: String,
}

pub fn totals(conn: &Connection) -> Result<FollowUpTotals> {
    let items = items(conn, None)?;
    let summaries: i64 =
        conn.query_row("SELECT count(DISTINCT summary_id) FROM summary_follow_up", [], |r| r.get(0))?;
    let rates = rates(&items);
    Ok(FollowUpTotals { summaries, text: rates_text(None, &rates), rates })
}

/// The items made from summaries: what 工作台's 总结整改 opens in the ledger.
pub fn item_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT assignment_id FROM summary_follow_up ORDER BY assignment_id")?;
    let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// What the last earlier summary of the same unit that made items reports: 上期总结《…》查找问题…
/// None when there is none.
pub fn previous_text(conn: &Connection, summary: &Summary) -> Result<Option<String>> {
    let earlier: Option<(i64, String)> = conn
        .query_row(
            "SELECT s.id, s.title FROM summary s
             WHERE s.unit_id = ?1 AND s.id != ?2 AND s.period_to < ?3
               AND EXISTS (SELECT 1 FROM summary_follow_up f WHERE f.summary_id = s.id)
             ORDER BY s.period_to DESC, s.id DESC LIMIT 1",
            params![summary.unit.id, summary.id, summary.period_to.format("%Y-%m-%d").to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map(Some)
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
    let Some((id, title)) = earlier else { return Ok(None) };
    Ok(Some(format!("上期总结《{title}》{}。", follow_up(conn, id)?.text)))
}

/// An entry as an item's title: its first sentence without the enumerator, the cause clause
/// (，原因是… — the content keeps it) and the closing punctuation, cut at a comma when long.
fn title_of(text: &str) -> String {
    let first = text.split_inclusive(['。', '；', ';']).next().unwrap_or(text);
    let first = first.find("，原因").map_or(first, |at| &first[..at]);
    let t = check::strip_enumerator(first).trim_end_matches(['。', '；', ';', '，', ',', '：', ':']).trim();
    if t.chars().count() <= TITLE_CHARS {
        return t.to_string();
    }
    let head: String = t.chars().take(TITLE_CHARS).collect();
    match head.rfind(['，', ',']) {
        Some(at) if at > 0 => head[..at].to_string(),
        _ => format!("{}…", head.chars().take(TITLE_CHARS - 1).collect::<String>()),
    }
}

/// The item's 事项内容与要求: the entry, with the cause and the measure for a problem, and where it
/// came from.
fn content_of(summary: &Summary, e: &FollowUpEntry) -> String {
    let mut lines = match e.kind {
        FollowUpKind::Rectify => vec![format!("问题：{}", e.text)],
        FollowUpKind::Experience => vec![format!("经验做法：{}", e.text)],
        FollowUpKind::Plan => vec![format!("工作计划：{}", e.text)],
    };
    // A cause written in the problem's own sentence is already in the first line.
    if let Some(cause) = e.cause.as_ref().filter(|c| !e.text.contains(c.as_str())) {
        lines.push(format!("原因：{cause}"));
    }
    if let Some(measure) = &e.measure {
        lines.push(format!("整改措施：{measure}"));
    }
    let what = match e.kind {
        FollowUpKind::Rectify => "个问题",
        FollowUpKind::Experience => "条经验做法",
        FollowUpKind::Plan => "项计划",
    };
    lines.push(format!("来源：《{}》“{}”第{}{what}。", summary.title, e.heading, e.n));
    lines.join("\n")
}

/// 转为事项: registers an item for each chosen entry (来源 总结整改, the summary as its source
/// document, tagged with the kind) and links it back, all in one write. Returns the new ids in
/// the order of `numbers`.
pub fn make_items(conn: &mut Connection, id: i64, input: &FollowUpInput) -> Result<Vec<i64>> {
    let summary = get_summary(conn, id)?;
    if let Some(why) = blocked(summary.state) {
        return Err(Error::invalid("state", why));
    }
    let mut numbers: Vec<i64> = Vec::new();
    for &n in &input.numbers {
        if !numbers.contains(&n) {
            numbers.push(n);
        }
    }
    let noun = match input.kind {
        FollowUpKind::Rectify => "问题",
        FollowUpKind::Experience => "经验做法",
        FollowUpKind::Plan => "计划",
    };
    if numbers.is_empty() {
        return Err(Error::invalid("numbers", format!("请选择要转为事项的{noun}")));
    }
    if let Some(actor) = input.actor_id {
        active_person(conn, "actor_id", "登记人", actor)?;
    }
    let category = input.category.clone().unwrap_or_else(|| calendar::Category::Complex.code().to_string());
    let entered_by = lifecycle::entered_by(conn)?;
    let actor = input.actor_id.or(entered_by);
    let prefix = number::get_prefix(conn)?;
    let tx = db::begin_write(conn)?;
    let follow = follow_up(&tx, id)?;
    let list = match input.kind {
        FollowUpKind::Rectify => &follow.problems,
        FollowUpKind::Experience => &follow.experience,
        FollowUpKind::Plan => &follow.plans,
    };
    let (cal, limits) = (calendar::load(&tx)?, calendar::limits::get(&tx)?);
    let now = time::now();
    let mut made = Vec::with_capacity(numbers.len());
    for n in numbers {
        let Some(e) = list.iter().find(|e| e.n == n) else {
            return Err(Error::invalid("numbers", format!("没有第 {n} 个{noun}（共 {} 个）", list.len())));
        };
        if let Some(item) = e.item_id {
            let number: String =
                tx.query_row("SELECT number FROM assignment WHERE id = ?1", [item], |r| r.get(0))?;
            return Err(Error::invalid("numbers", format!("第 {n} 个{noun}已转为事项 {number}")));
        }
        let form = AssignmentInput {
            title: title_of(&e.text),
            source: Source::Summary.code().into(),
            source_doc_no: Some(format!("《{}》", summary.title)),
            content: content_of(&summary, e),
            category: category.clone(),
            lead_unit_id: input.lead_unit_id,
            responsible_id: input.responsible_id,
            deadline: input.deadline.clone(),
            classification: Some(summary.classification.code().into()),
            tags: vec![input.kind.label().to_string()],
            ..Default::default()
        };
        let checked: Checked = register::check_with(&tx, &cal, &limits, &form)?;
        let item = register::insert(&tx, &checked, &prefix, actor, entered_by, now)?;
        db::execute(
            &tx,
            "INSERT INTO summary_follow_up (assignment_id, summary_id, kind, n, position, heading, text, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![item, id, input.kind.code(), n, e.position, e.heading, e.text, time::to_text(now)],
        )?;
        made.push(item);
    }
    tx.commit()?;
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::{self, ActionInput, State};
    use crate::summary::tests::{fill, fixture, new_summary, published};
    use crate::summary::{create_summary, figures, NewSummaryInput};

    /// 问题整改 for `numbers`, led by `unit` with `person` responsible, registered by `actor`.
    fn rectify(numbers: Vec<i64>, [unit, person, actor]: [i64; 3]) -> FollowUpInput {
        FollowUpInput {
            kind: FollowUpKind::Rectify,
            numbers,
            lead_unit_id: unit,
            responsible_id: person,
            category: None,
            deadline: None,
            actor_id: Some(actor),
        }
    }

    #[test]
    fn problems_become_items_and_the_next_summary_reports_how_they_went() {
        let mut f = fixture();
        let id = published(&mut f);
        let before = follow_up(&f.conn, id).expect("follow-up");
        assert!(before.blocked.is_none());
        assert_eq!(before.problems.len(), 3, "{:?}", before.problems);
        let second = &before.problems[1];
        assert!(second.text.starts_with("二是窗口人员流动大"), "{}", second.text);
        assert!(second.cause.as_deref().is_some_and(|c| c.contains("岗位补贴低")), "{second:?}");
        assert!(second.measure.as_deref().is_some_and(|m| m.contains("600元")), "{second:?}");
        assert!(!before.experience.is_empty());

        let ids =
            make_items(&mut f.conn, id, &rectify(vec![1, 2], [f.unit, f.drafter, f.reviewer])).expect("make");
        assert_eq!(ids.len(), 2);
        let detail = assignment::get_assignment_detail(&f.conn, ids[1]).expect("item");
        assert_eq!(detail.item.title, "窗口人员流动大，上半年流失7人");
        assert_eq!(detail.item.source, Source::Summary);
        assert_eq!(detail.item.tags, ["问题整改"]);
        assert!(detail.item.content.contains("整改措施：二是针对窗口人员流动大"), "{}", detail.item.content);
        assert!(
            !detail.item.content.contains("原因："),
            "the cause is in the problem's sentence: {}",
            detail.item.content
        );
        let origin = detail.origin.expect("origin");
        assert_eq!((origin.summary_id, origin.kind, origin.n), (id, FollowUpKind::Rectify, 2));
        assert_eq!((origin.position, origin.heading.as_str()), (4, "存在问题与原因分析"));

        // Made twice: refused, naming the item; nothing of the batch is written.
        let err = make_items(&mut f.conn, id, &rectify(vec![3, 2], [f.unit, f.drafter, f.reviewer]))
            .expect_err("twice");
        assert!(err.to_string().contains("第 2 个问题已转为事项"), "{err}");
        assert_eq!(follow_up(&f.conn, id).expect("again").items.len(), 2);
        let err = make_items(&mut f.conn, id, &rectify(vec![9], [f.unit, f.drafter, f.reviewer]))
            .expect_err("no such");
        assert!(err.to_string().contains("没有第 9 个问题（共 3 个）"), "{err}");

        // One closes.
        let a = ActionInput { actor_id: f.reviewer, note: Some("已整改".into()), satisfaction: Some(95) };
        assignment::assign(&mut f.conn, ids[0], &a).expect("assign");
        assignment::accept(&mut f.conn, ids[0], &a).expect("accept");
        assignment::report_result(&mut f.conn, ids[0], &a).expect("report");
        assignment::pass(&mut f.conn, ids[0], &a).expect("pass");
        let after = follow_up(&f.conn, id).expect("after");
        assert_eq!(after.items[0].row.state, State::Closed);
        assert_eq!((after.rates.rectify_made, after.rates.rectify_done), (2, 1));
        assert_eq!(after.rates.completion_rate, Some(50.0));
        assert_eq!(after.rates.on_time_rate, Some(100.0));
        assert_eq!(after.problems[0].item_id, Some(ids[0]));
        assert_eq!(after.problems[2].item_id, None);

        // December's summary of the same unit says so in 插入台账数据.
        let next = create_summary(
            &mut f.conn,
            &NewSummaryInput {
                template_id: f.template,
                title: "2026年下半年工作总结".into(),
                period_from: Some("2026-07-01".into()),
                period_to: Some("2026-12-31".into()),
                unit_id: Some(f.unit),
                drafter_id: Some(f.drafter),
                ..Default::default()
            },
        )
        .expect("next");
        let paragraph = figures::ledger_figures(&f.conn, next).expect("figures").paragraph;
        assert!(
            paragraph.contains("上期总结《市政务服务中心“一窗通办”改造项目总结》查找问题3个，已转为整改事项2项，已整改1项，整改完成率50%"),
            "{paragraph}"
        );
    }

    #[test]
    fn a_draft_makes_no_items_and_experience_becomes_promotion_items() {
        let mut f = fixture();
        let draft = new_summary(&mut f);
        fill(&mut f, draft);
        let err = make_items(&mut f.conn, draft, &rectify(vec![1], [f.unit, f.drafter, f.reviewer]))
            .expect_err("draft");
        assert!(err.to_string().contains("审核通过后"), "{err}");
        assert!(follow_up(&f.conn, draft).expect("view").blocked.is_some());

        let id = published(&mut f);
        let input = FollowUpInput {
            kind: FollowUpKind::Experience,
            ..rectify(vec![1], [f.unit, f.drafter, f.reviewer])
        };
        let ids = make_items(&mut f.conn, id, &input).expect("experience");
        let item = assignment::get_assignment(&f.conn, ids[0]).expect("item");
        assert_eq!(item.tags, ["经验推广"]);
        assert!(item.content.starts_with("经验做法："), "{}", item.content);
        let view = follow_up(&f.conn, id).expect("view");
        assert_eq!(view.rates.experience_made, 1);
        assert!(view.text.ends_with("推广经验做法1项"), "{}", view.text);
    }

    #[test]
    fn migration_0009_widens_the_source_check_on_the_open_connection() {
        let mut conn = Connection::open_in_memory().expect("db");
        crate::db::configure(&conn).expect("configure");
        crate::db::migrate_to(&mut conn, 8).expect("v8");
        let dir = crate::test_support::ItemDirectory::add(&mut conn, ["督查室", "办公室"], "王玥");
        let form = |source: &str| AssignmentInput {
            title: "推进企业开办全流程网办".into(),
            source: source.into(),
            content: "3月31日前完成系统对接。".into(),
            category: "routine".into(),
            lead_unit_id: dir.unit,
            responsible_id: dir.person,
            ..Default::default()
        };
        let before = assignment::register(&mut conn, &form("meeting")).expect("v8 item");
        let refused = conn.execute("UPDATE assignment SET source = 'summary' WHERE id = ?1", [before]);
        assert!(refused.is_err(), "v8 has no 总结整改");
        crate::db::migrate(&mut conn).expect("v9");
        let made =
            assignment::register(&mut conn, &form("总结整改")).expect("v9 item on the same connection");
        assert_eq!(assignment::get_assignment(&conn, made).expect("item").source, Source::Summary);
        assert!(conn.execute("UPDATE assignment SET source = 'nonsense' WHERE id = ?1", [made]).is_err());
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
        assert_eq!(check, "ok");
        let report = crate::audit::verify(&conn).expect("verify");
        assert!(report.ok, "{:?}", report.problems);
    }

    #[test]
    fn titles_drop_the_enumerator_and_stay_short() {
        assert_eq!(
            title_of("一是跨部门数据共享不畅，11件事项超期。原因是标准不一。"),
            "跨部门数据共享不畅，11件事项超期"
        );
        assert_eq!(
            title_of("二是窗口人员流动大，上半年流失7人，原因是岗位补贴低。"),
            "窗口人员流动大，上半年流失7人"
        );
        let long = format!("二是{}，{}。", "窗口人员流动大".repeat(10), "补贴低");
        let t = title_of(&long);
        assert!(t.chars().count() <= TITLE_CHARS && !t.ends_with('，'), "{t}");
    }

    #[test]
    fn rates_read_as_a_sentence() {
        let r = FollowUpRates {
            rectify_made: 2,
            rectify_done: 1,
            rectify_on_time: 1,
            rectify_due: 1,
            completion_rate: percent(1, 2),
            on_time_rate: percent(1, 1),
            plan_made: 0,
            plan_on_time: 0,
            plan_due: 0,
            plan_rate: None,
            experience_made: 1,
        };
        assert_eq!(
            rates_text(Some(3), &r),
            "查找问题3个，已转为整改事项2项，已整改1项，整改完成率50%，按期整改率100%，推广经验做法1项"
        );
        assert!(rates_text(None, &r).starts_with("已转为整改事项2项"));
    }
}

//! 月度通报 and 季度通报: the figures of the period in words, the ranking of lead units by 考核评分,
//! every item overdue at the cutoff, and the units to commend and to urge by the rules of 设置.
//!
//! The figures are `stats::figures` of the period by lead unit with scores, so the bulletin says
//! what 工作台 and `luoshi-cli stats` say. The texts (title, opening, figures, commendation, urging,
//! requirements, issuer, date) are a draft ([`bulletin_draft`]) the clerk edits before printing;
//! the tables are always made anew from the ledger ([`bulletin_document`]), so the paper agrees
//! with the ledger to the item whatever was edited.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{day_text, numbered, paragraph, table};
use crate::assignment::{self, LedgerQuery, NamedRef};
use crate::print::{Align, Block, Document, Heading, Paragraph, Signature};
use crate::stats::{self, number_cell, number_text, rate_cell, StatsBy, StatsQuery, StatsResult};
use crate::text::chinese_numeral;
use crate::{calendar, profile, settings, time, Classification, Error, Result};

pub const RULES_KEY: &str = "report.bulletin";

/// The month or quarter a bulletin reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum BulletinPeriod {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
}

impl BulletinPeriod {
    /// `2026-11`.
    pub fn parse_month(text: &str) -> Result<BulletinPeriod> {
        let bad = || Error::invalid("month", format!("“{text}”不是月份，应写作 2026-11"));
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let period = BulletinPeriod::Month {
            year: y.parse().map_err(|_| bad())?,
            month: m.parse().map_err(|_| bad())?,
        };
        period.days().map_err(|_| bad())?;
        Ok(period)
    }

    /// `2026-Q4` (`q4`, and without the hyphen, too).
    pub fn parse_quarter(text: &str) -> Result<BulletinPeriod> {
        let bad = || Error::invalid("quarter", format!("“{text}”不是季度，应写作 2026-Q4"));
        let upper = text.trim().to_uppercase();
        let (y, q) = upper.split_once('Q').ok_or_else(bad)?;
        let period = BulletinPeriod::Quarter {
            year: y.trim_end_matches('-').parse().map_err(|_| bad())?,
            quarter: q.parse().map_err(|_| bad())?,
        };
        period.days().map_err(|_| bad())?;
        Ok(period)
    }

    /// The first and last day.
    pub fn days(&self) -> Result<(NaiveDate, NaiveDate)> {
        let (year, first_month, months) = match *self {
            BulletinPeriod::Month { year, month } if (1..=12).contains(&month) => (year, month, 1),
            BulletinPeriod::Quarter { year, quarter } if (1..=4).contains(&quarter) => {
                (year, quarter * 3 - 2, 3)
            }
            _ => return Err(Error::invalid("period", "月份应为 1 到 12，季度应为 1 到 4")),
        };
        if !(2000..=2100).contains(&year) {
            return Err(Error::invalid("period", "年份应在 2000 到 2100 之间"));
        }
        let from = NaiveDate::from_ymd_opt(year, first_month, 1)
            .ok_or_else(|| Error::invalid("period", "日期无效"))?;
        let to = from
            .checked_add_months(chrono::Months::new(months))
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| Error::invalid("period", "日期无效"))?;
        Ok((from, to))
    }

    /// 2026年11月, 2026年第四季度.
    pub fn label(&self) -> String {
        match *self {
            BulletinPeriod::Month { year, month } => format!("{year}年{month}月"),
            BulletinPeriod::Quarter { year, quarter } => {
                format!("{year}年第{}季度", chinese_numeral(quarter as usize))
            }
        }
    }

    /// The month or quarter holding `day`.
    pub fn containing(day: NaiveDate, quarter: bool) -> BulletinPeriod {
        if quarter {
            BulletinPeriod::Quarter { year: day.year(), quarter: (day.month() - 1) / 3 + 1 }
        } else {
            BulletinPeriod::Month { year: day.year(), month: day.month() }
        }
    }
}

/// Which units the bulletin commends and urges (设置 → 提醒与目标, `report.bulletin`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulletinRules {
    /// Ranked units scoring at least this, with nothing overdue at the cutoff, are commended
    /// (default 95).
    pub commend_score: f64,
    /// Ranked units scoring below this are urged (default 80).
    pub urge_score: f64,
    /// Units with at least this many items overdue at the cutoff are urged, ranked or not (default 2).
    pub urge_overdue: i64,
}

impl Default for BulletinRules {
    fn default() -> Self {
        BulletinRules { commend_score: 95.0, urge_score: 80.0, urge_overdue: 2 }
    }
}

impl BulletinRules {
    pub fn check(&self) -> Result<()> {
        for (field, v) in [("commend_score", self.commend_score), ("urge_score", self.urge_score)] {
            if !(v.is_finite() && (0.0..=100.0).contains(&v)) {
                return Err(Error::invalid(field, "分数应在 0 到 100 之间"));
            }
        }
        if self.urge_score > self.commend_score {
            return Err(Error::invalid("urge_score", "督促的分数线不能高于表扬的分数线"));
        }
        if !(1..=1000).contains(&self.urge_overdue) {
            return Err(Error::invalid("urge_overdue", "超期件数应在 1 到 1000 之间"));
        }
        Ok(())
    }
}

pub fn get_rules(conn: &Connection) -> Result<BulletinRules> {
    Ok(settings::get(conn, RULES_KEY)?.unwrap_or_default())
}

pub fn set_rules(conn: &Connection, rules: &BulletinRules) -> Result<BulletinRules> {
    rules.check()?;
    settings::set(conn, RULES_KEY, rules)?;
    Ok(*rules)
}

/// An item overdue at the cutoff, as the bulletin lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueEntry {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub lead_unit: NamedRef,
    pub deadline: DateTime<FixedOffset>,
    /// Whole days from the deadline's day to the cutoff's.
    pub days: i64,
    /// Due within the period (the others fell due before it and are still open).
    pub due_in_period: bool,
    pub internal: bool,
}

/// What a bulletin states, computed once from the ledger.
#[derive(Debug, Clone)]
pub struct BulletinFacts {
    pub period: BulletinPeriod,
    /// `stats::figures` of the period, by lead unit, with scores.
    pub stats: StatsResult,
    /// Every top-level item overdue at the cutoff, whenever it fell due: most days first.
    pub overdue: Vec<OverdueEntry>,
    /// Units to commend, in ranking order.
    pub commended: Vec<String>,
    /// Units to urge, each with why (得分72.5, 超期未办结3件).
    pub urged: Vec<(String, String)>,
    pub rules: BulletinRules,
    /// Units with fewer items due are not ranked.
    pub min_items: i64,
}

pub fn bulletin_facts(conn: &Connection, period: BulletinPeriod) -> Result<BulletinFacts> {
    let (from, to) = period.days()?;
    let query = StatsQuery {
        from: from.to_string(),
        to: to.to_string(),
        by: Some(StatsBy::Unit),
        score: true,
        ..StatsQuery::default()
    };
    let stats = stats::figures(conn, &query)?;
    let ids = stats::overdue_ids_at(conn, &to.to_string(), None)?;
    let cutoff = stats.cutoff.date_naive();
    let mut overdue: Vec<OverdueEntry> = if ids.is_empty() {
        Vec::new()
    } else {
        assignment::ledger_all(conn, &LedgerQuery { ids: Some(ids), ..LedgerQuery::default() })?
            .into_iter()
            .map(|r| OverdueEntry {
                days: (cutoff - r.deadline.date_naive()).num_days().max(0),
                due_in_period: r.deadline.date_naive() >= from,
                internal: r.classification == Classification::Internal,
                id: r.id,
                number: r.number,
                title: r.title,
                lead_unit: r.lead_unit,
                deadline: r.deadline,
            })
            .collect()
    };
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.number.cmp(&b.number)));

    let rules = get_rules(conn)?;
    let overdue_of =
        |unit: &str| overdue.iter().filter(|e| e.lead_unit.id.to_string() == unit).count() as i64;
    let mut commended = Vec::new();
    let mut urged = Vec::new();
    for row in &stats.rows {
        let late = overdue_of(&row.key);
        let ranked_score = row.rank.and(row.score);
        if ranked_score.is_some_and(|s| s >= rules.commend_score) && late == 0 {
            commended.push(row.name.clone());
        }
        let mut why = Vec::new();
        if let Some(s) = ranked_score.filter(|&s| s < rules.urge_score) {
            why.push(format!("得分{}", number_text(s)));
        }
        if late >= rules.urge_overdue {
            why.push(format!("超期未办结{late}件"));
        }
        if !why.is_empty() {
            urged.push((row.name.clone(), why.join("，")));
        }
    }
    // Units with nothing due in the period may still have old items overdue.
    let mut others: Vec<&NamedRef> = Vec::new();
    for e in &overdue {
        let listed = stats.rows.iter().any(|r| r.key == e.lead_unit.id.to_string());
        if !listed && !others.iter().any(|u| u.id == e.lead_unit.id) {
            others.push(&e.lead_unit);
        }
    }
    for unit in others {
        let late = overdue_of(&unit.id.to_string());
        if late >= rules.urge_overdue {
            urged.push((unit.name.clone(), format!("超期未办结{late}件")));
        }
    }
    let min_items = stats::get_score_settings(conn)?.min_items;
    Ok(BulletinFacts { period, stats, overdue, commended, urged, rules, min_items })
}

/// The texts of a bulletin, generated as a draft for the clerk to edit; [`bulletin_document`]
/// prints them with the tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulletinDraft {
    pub period: BulletinPeriod,
    pub title: String,
    /// The first paragraph.
    pub opening: String,
    /// 总体情况: the figures in words.
    pub figures: String,
    /// 表扬; empty leaves it out.
    pub commend: String,
    /// 督促; empty leaves it out.
    pub urge: String,
    /// 工作要求; empty leaves it out.
    pub closing: String,
    /// The issuing body at the foot; empty prints only the date.
    pub issuer: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// When the clerk's edits were kept ([`save_bulletin_draft`]); absent for a generated draft.
    #[serde(default)]
    #[ts(optional)]
    pub saved_at: Option<String>,
}

/// Where the clerk's edited draft of a period is kept (one setting per month or quarter).
fn draft_key(period: BulletinPeriod) -> String {
    match period {
        BulletinPeriod::Month { year, month } => format!("report.bulletin_draft.{year}-{month:02}"),
        BulletinPeriod::Quarter { year, quarter } => format!("report.bulletin_draft.{year}-Q{quarter}"),
    }
}

/// The bulletin's texts for `period`: the clerk's kept edits when there are any, else a draft
/// written from the ledger.
pub fn bulletin_draft(conn: &Connection, period: BulletinPeriod) -> Result<BulletinDraft> {
    period.days()?;
    match settings::get::<BulletinDraft>(conn, &draft_key(period))? {
        Some(kept) => Ok(kept),
        None => generated_draft(conn, period),
    }
}

/// Keeps the clerk's edits of a draft, so that closing the window loses none of them.
pub fn save_bulletin_draft(conn: &Connection, draft: &BulletinDraft) -> Result<BulletinDraft> {
    draft.check()?;
    let kept = BulletinDraft { saved_at: Some(time::now_text()), ..draft.clone() };
    settings::set(conn, &draft_key(draft.period), &kept)?;
    Ok(kept)
}

/// Forgets the kept edits of `period` and writes the draft anew from the ledger.
pub fn discard_bulletin_draft(conn: &Connection, period: BulletinPeriod) -> Result<BulletinDraft> {
    settings::reset(conn, &draft_key(period))?;
    generated_draft(conn, period)
}

fn generated_draft(conn: &Connection, period: BulletinPeriod) -> Result<BulletinDraft> {
    let facts = bulletin_facts(conn, period)?;
    let label = period.label();
    let commend = if facts.commended.is_empty() {
        String::new()
    } else {
        format!(
            "{}按期办结率高、办理成效好，考核得分在{}分以上且无超期未办结事项，予以通报表扬。",
            facts.commended.join("、"),
            number_text(facts.rules.commend_score)
        )
    };
    let urge = if facts.urged.is_empty() {
        String::new()
    } else {
        let named: Vec<String> = facts.urged.iter().map(|(unit, why)| format!("{unit}（{why}）")).collect();
        format!(
            "{}办理进度滞后，请上述单位主要负责同志高度重视，对照清单逐项整改，于5个工作日内将整改情况报督查督办部门。",
            named.join("、")
        )
    };
    Ok(BulletinDraft {
        period,
        title: format!("关于{label}督查督办工作情况的通报"),
        opening: format!("为推动各项决策部署落地见效，现将{label}督查督办工作情况通报如下。"),
        figures: stats::summary_text(&facts.stats),
        commend,
        urge,
        closing: "各单位要对照本通报，举一反三，对超期未办结事项逐项明确整改措施和完成时限，\
                  确保交办事项件件有着落、事事有回音。"
            .to_string(),
        issuer: profile::issuer(conn)?,
        date: time::now().date_naive().to_string(),
        saved_at: None,
    })
}

impl BulletinDraft {
    fn check(&self) -> Result<NaiveDate> {
        crate::text::check_draft(
            "通报标题不能为空",
            &self.title,
            &[
                ("opening", "开头", &self.opening),
                ("figures", "总体情况", &self.figures),
                ("commend", "表扬", &self.commend),
                ("urge", "督促", &self.urge),
                ("closing", "工作要求", &self.closing),
                ("issuer", "落款单位", &self.issuer),
            ],
        )?;
        calendar::parse_date("date", &self.date)
    }
}

/// The bulletin of `draft`'s period with its texts and the tables made anew from the ledger.
pub fn bulletin_document(conn: &Connection, draft: &BulletinDraft) -> Result<Document> {
    let date = draft.check()?;
    let facts = bulletin_facts(conn, draft.period)?;
    Ok(document_of(draft, date, &facts))
}

fn document_of(draft: &BulletinDraft, date: NaiveDate, facts: &BulletinFacts) -> Document {
    let mut blocks = Vec::new();
    let mut section = 0;
    let mut heading = |blocks: &mut Vec<Block>, text: &str| {
        section += 1;
        blocks.push(Block::Heading(Heading {
            level: 1,
            text: format!("{}、{text}", chinese_numeral(section)),
        }));
    };
    let filled = |t: &str| !t.trim().is_empty();
    if filled(&draft.opening) {
        blocks.push(paragraph(&draft.opening));
    }
    heading(&mut blocks, "总体情况");
    blocks.push(paragraph(&draft.figures));

    heading(&mut blocks, "各单位考核评分情况");
    if let Some(rule) = &facts.stats.score_rule {
        blocks.push(paragraph(&format!("评分办法：{rule}")));
    }
    blocks.extend(ranking(facts));

    heading(&mut blocks, "超期未办结事项");
    blocks.extend(overdue(facts));

    if filled(&draft.commend) || filled(&draft.urge) {
        heading(&mut blocks, "表扬与督促");
        for text in [&draft.commend, &draft.urge] {
            if filled(text) {
                blocks.push(paragraph(text));
            }
        }
    }
    if filled(&draft.closing) {
        heading(&mut blocks, "工作要求");
        blocks.push(paragraph(&draft.closing));
    }
    if filled(&draft.issuer) {
        blocks.push(Block::Signature(Signature { body: draft.issuer.trim().to_string(), date }));
    } else {
        blocks.push(Block::Paragraph(Paragraph {
            text: time::chinese_date(date),
            align: Align::Right,
            indent: false,
        }));
    }
    let internal = facts.overdue.iter().any(|e| e.internal);
    Document {
        title: draft.title.trim().to_string(),
        classification: internal.then_some(Classification::Internal),
        author: filled(&draft.issuer).then(|| draft.issuer.trim().to_string()),
        orientation: Default::default(),
        stamp: None,
        blocks,
    }
}

/// The ranked units in order, then a sentence naming those shown apart.
fn ranking(facts: &BulletinFacts) -> Vec<Block> {
    let rows: Vec<Vec<String>> = facts
        .stats
        .rows
        .iter()
        .filter(|r| r.rank.is_some())
        .map(|r| {
            let c = &r.figures.counts;
            let rt = &r.figures.rates;
            vec![
                r.rank.map(|n| n.to_string()).unwrap_or_default(),
                r.name.clone(),
                c.items.to_string(),
                c.closed.to_string(),
                rate_cell(rt.on_time_rate),
                rate_cell(rt.response_rate),
                rate_cell(rt.one_time_rate),
                number_cell(rt.satisfaction),
                c.overdue.to_string(),
                r.score.map(number_text).unwrap_or_default(),
            ]
        })
        .collect();
    let mut blocks = Vec::new();
    if rows.is_empty() {
        blocks.push(paragraph("本期没有到期事项足够参加排名的单位。"));
    } else {
        blocks.push(Block::Table(table(
            &[
                ("名次", 12.0, true),
                ("单位", 32.0, false),
                ("应办结", 13.0, true),
                ("已办结", 13.0, true),
                ("按期办结率", 16.0, true),
                ("响应及时率", 16.0, true),
                ("一次性解决率", 17.0, true),
                ("满意度", 12.0, true),
                ("超期未办结", 12.0, true),
                ("得分", 13.0, true),
            ],
            rows,
            10.5,
        )));
    }
    let apart: Vec<&str> =
        facts.stats.rows.iter().filter(|r| r.rank.is_none()).map(|r| r.name.as_str()).collect();
    if !apart.is_empty() {
        blocks.push(paragraph(&format!(
            "{}本期到期事项不足{}件，不参加排名。",
            apart.join("、"),
            facts.min_items
        )));
    }
    blocks
}

fn overdue(facts: &BulletinFacts) -> Vec<Block> {
    let cutoff = time::chinese_date(facts.stats.cutoff.date_naive());
    let n = facts.overdue.len();
    if n == 0 {
        return vec![paragraph(&format!("截至{cutoff}，没有超期未办结事项。"))];
    }
    let in_period = facts.overdue.iter().filter(|e| e.due_in_period).count();
    let earlier = if in_period == n {
        String::new()
    } else {
        format!("（其中本期到期{in_period}件，此前到期{}件）", n - in_period)
    };
    let rows = numbered(&facts.overdue, |e| {
        vec![
            e.number.clone(),
            e.title.clone(),
            e.lead_unit.name.clone(),
            day_text(e.deadline),
            if e.days > 0 { e.days.to_string() } else { "当日".to_string() },
        ]
    });
    vec![
        paragraph(&format!("截至{cutoff}，超期未办结事项共{n}件{earlier}，具体如下：")),
        Block::Table(table(
            &[
                ("序号", 10.0, true),
                ("编号", 31.0, true),
                ("事项名称", 51.0, false),
                ("牵头单位", 30.0, false),
                ("办理时限", 22.0, true),
                ("超期天数", 12.0, true),
            ],
            rows,
            10.5,
        )),
    ]
}

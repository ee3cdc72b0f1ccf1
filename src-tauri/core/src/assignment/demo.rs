//! Demo data: N realistic items with event histories (varied units, categories, sources, states,
//! some overdue), for benchmarks and screenshots. One transaction, prepared statements; the
//! histories are generated in memory with a seeded generator, so the same N gives the same data.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, TimeDelta};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::model::{EventKind, State};
use super::register::ts;
use super::{number, search};
use crate::calendar::{self, Category};
use crate::{time, Error, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoReport {
    pub items: i64,
    pub events: i64,
    pub units: i64,
    pub persons: i64,
    pub millis: i64,
}

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn minutes(&mut self, from: i64, to: i64) -> TimeDelta {
        TimeDelta::minutes(from + (self.next() % (to - from).max(1) as u64) as i64)
    }
}

const UNITS: &[&str] = &[
    "住房和城乡建设局",
    "城市管理局",
    "人力资源和社会保障局",
    "教育局",
    "卫生健康委员会",
    "生态环境局",
    "交通运输局",
    "市场监督管理局",
    "应急管理局",
    "自然资源和规划局",
    "民政局",
    "发展和改革委员会",
    "财政局",
    "农业农村局",
    "公安局",
    "信访局",
];
const SURNAMES: &[&str] =
    &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];
const GIVEN: &[&str] =
    &["建国", "海燕", "志强", "丽华", "伟", "静", "磊", "敏", "军", "芳", "晓东", "文博", "雪梅", "国平"];
const PLACES: &[&str] = &[
    "城东片区",
    "幸福小区",
    "开发区",
    "老城区",
    "高新园区",
    "滨江街道",
    "北关村",
    "人民路沿线",
    "第三中学周边",
    "火车站广场",
];
const TOPICS: &[&str] = &[
    "供暖不达标",
    "拆迁安置",
    "农民工欠薪",
    "道路破损",
    "垃圾分类",
    "停车难",
    "夜间施工噪音",
    "学位紧张",
    "医保报销",
    "养老服务",
    "油烟扰民",
    "消防通道堵塞",
    "违章建筑",
    "排水不畅",
    "路灯不亮",
    "食品安全",
];
const ACTIONS: &[&str] = &["整改落实", "排查处置", "专项治理", "督促解决", "调查核实", "协调推进"];
const SOURCES: &[&str] = &["meeting", "instruction", "superior", "petition", "inspection", "other"];
const URGENCIES: &[&str] = &["normal", "normal", "normal", "urgent", "extra_urgent"];
const CYCLES: &[&str] = &["none", "none", "none", "weekly", "fortnightly", "monthly", "quarterly"];
const TAGS: &[&str] = &["民生", "营商环境", "安全生产", "环保", "重点项目", "巡察整改", "为民办实事"];
const NOTES: &[&str] = &[
    "已召开专题会议研究部署",
    "已完成现场核查",
    "已制定整改方案",
    "正在协调相关单位",
    "已完成阶段性任务",
    "已向群众反馈",
];

/// Unit ids, and (unit id, person id) pairs.
type Directory = (Vec<i64>, Vec<(i64, i64)>);

fn ensure_directory(conn: &Connection, now: &str) -> Result<Directory> {
    let mut units = Vec::new();
    let mut persons = Vec::new();
    let mut rng = Rng(0x5eed_0000_0001);
    for (i, name) in UNITS.iter().enumerate() {
        let existing: Option<i64> = conn
            .query_row("SELECT id FROM unit WHERE name = ?1 AND active = 1", [name], |r| r.get(0))
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                conn.execute(
                    "INSERT INTO unit (name, kind, sort_order, active, created_at, updated_at)
                     VALUES (?1, 'subordinate', ?2, 1, ?3, ?3)",
                    params![name, 100 + i as i64, now],
                )?;
                conn.last_insert_rowid()
            }
        };
        units.push(id);
        let count: i64 =
            conn.query_row("SELECT count(*) FROM person WHERE unit_id = ?1 AND active = 1", [id], |r| {
                r.get(0)
            })?;
        for _ in count..3 {
            let name = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
            conn.execute(
                "INSERT INTO person (name, unit_id, title, phone, roles, active, created_at, updated_at)
                 VALUES (?1, ?2, '科长', ?3, '[\"handler\"]', 1, ?4, ?4)",
                params![name, id, format!("0531-8{:07}", rng.below(10_000_000)), now],
            )?;
        }
        let mut stmt =
            conn.prepare("SELECT id FROM person WHERE unit_id = ?1 AND active = 1 ORDER BY id LIMIT 5")?;
        for p in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
            persons.push((id, p?));
        }
    }
    Ok((units, persons))
}

struct Ev {
    kind: EventKind,
    from: Option<State>,
    to: State,
    at: DateTime<FixedOffset>,
    note: Option<&'static str>,
}

/// Fills the open database with `n` items. Refuses more than 1,000,000.
pub fn fill(conn: &mut Connection, n: u32) -> Result<DemoReport> {
    if n == 0 || n > 1_000_000 {
        return Err(Error::invalid("items", "演示事项数量应在 1 到 1000000 之间"));
    }
    let started = std::time::Instant::now();
    let now = time::now();
    let now_s = ts(now);
    let cal = calendar::load(conn)?;
    let limits = calendar::limits::get(conn)?;
    let prefix = number::get_prefix(conn)?;
    let tx = conn.transaction()?;
    let (units, persons) = ensure_directory(&tx, &now_s)?;
    let leaders: Vec<i64> = persons.iter().step_by(7).map(|p| p.1).collect();
    let mut counters: HashMap<i32, i64> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT year, last FROM assignment_counter")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?)))? {
            let (y, l) = row?;
            counters.insert(y, l);
        }
    }
    let mut rng = Rng(0x00C0_FFEE_1234_5678 ^ u64::from(n));
    let mut item_stmt = tx.prepare(
        "INSERT INTO assignment (number, year, seq, title, source, source_doc_no, assigning_leader_id,
            assigned_at, content, category, urgency, lead_unit_id, responsible_id, contact, contact_phone,
            leader_in_charge_id, deadline, deadline_confirmed, feedback_cycle, classification, tags, state,
            accepted_at, last_report_at, closed_at, suspended_from, suspended_since, returned_count,
            entered_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
            ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, NULL, ?29, ?29)",
    )?;
    let mut coop_stmt =
        tx.prepare("INSERT OR IGNORE INTO assignment_cooperator (assignment_id, unit_id) VALUES (?1, ?2)")?;
    let mut fts_stmt = tx.prepare("INSERT INTO assignment_fts (rowid, grams) VALUES (?1, ?2)")?;
    let mut ev_stmt = tx.prepare(
        "INSERT INTO assignment_event (assignment_id, kind, from_state, to_state, actor_id, at, note, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '{}')",
    )?;
    let mut event_count = 0i64;
    let span_minutes = 420 * 24 * 60;
    for _ in 0..n {
        // Assigned in the last ~14 months, in office hours.
        let back = rng.minutes(0, span_minutes);
        let mut assigned = now - back;
        let hour = 8 + rng.below(9) as u32;
        if let Some(t) = assigned.date_naive().and_hms_opt(hour, rng.below(60) as u32, 0) {
            if let Some(t) = t.and_local_timezone(time::cst()).single() {
                assigned = t.min(now);
            }
        }
        let category = match rng.below(10) {
            0 => Category::Immediate,
            1..=6 => Category::Routine,
            _ => Category::Complex,
        };
        let mut limit = limits.of(category).result;
        // Offices often give routine items a longer explicit limit; vary it.
        if category != Category::Immediate && rng.chance(50) {
            limit.amount *= 1 + rng.below(4) as u32;
        }
        let due = cal.add(assigned, limit)?;
        let year = assigned.year();
        let seq = {
            let c = counters.entry(year).or_insert(0);
            *c += 1;
            *c
        };
        let number = number::format_number(&prefix, year, seq);
        let place = rng.pick(PLACES);
        let topic = rng.pick(TOPICS);
        let action = rng.pick(ACTIONS);
        let title = format!("关于{place}{topic}问题的{action}");
        let content = format!(
            "{}反映{place}{topic}问题，请牵头单位会同有关部门{action}，查明原因，明确责任人和完成时限，\
             于办理时限内将办理结果书面反馈督查室；涉及群众诉求的，须当面或电话回复当事人。",
            ["群众来电", "市长热线", "领导调研时", "巡察组", "人大代表建议"][rng.below(5)]
        );
        let (lead_unit, responsible) = *rng.pick(&persons);
        let (_, leader) = *rng.pick(&persons);
        // The history: each step a little later; a share of items run late.
        let allotted = (due.due - assigned).num_minutes().max(60);
        let pace = 30 + rng.below(110) as i64; // percent of the allotted time the work takes
        let mut evs: Vec<Ev> = Vec::with_capacity(16);
        let mut t = assigned;
        let mut state = State::Registered;
        let mut accepted_at = None;
        let mut last_report = None;
        let mut closed_at = None;
        let mut returned = 0;
        let mut suspended_from = None;
        let mut suspended_since = None;
        let push = |evs: &mut Vec<Ev>, kind, to, at, note, state: &mut State| -> bool {
            if at > now {
                return false;
            }
            evs.push(Ev { kind, from: Some(*state), to, at, note });
            *state = to;
            true
        };
        evs.push(Ev { kind: EventKind::Register, from: None, to: State::Registered, at: t, note: None });
        'story: {
            t += rng.minutes(5, 120);
            if !push(&mut evs, EventKind::Assign, State::Assigned, t, None, &mut state) {
                break 'story;
            }
            t += rng.minutes(10, 600);
            if !push(&mut evs, EventKind::Accept, State::InProgress, t, Some("已签收"), &mut state) {
                break 'story;
            }
            accepted_at = Some(t);
            last_report = Some(t);
            if rng.chance(3) {
                t += rng.minutes(60, 2000);
                if push(
                    &mut evs,
                    EventKind::Suspend,
                    State::Suspended,
                    t,
                    Some("等待上级政策明确"),
                    &mut state,
                ) {
                    suspended_from = Some(State::InProgress);
                    suspended_since = Some(t);
                }
                break 'story;
            }
            let work = allotted * pace / 100;
            let progress = 2 + rng.below(7);
            for _ in 0..progress {
                t += TimeDelta::minutes((work / (progress as i64 + 1)).max(30));
                if !push(
                    &mut evs,
                    EventKind::Progress,
                    State::InProgress,
                    t,
                    Some(*rng.pick(NOTES)),
                    &mut state,
                ) {
                    break 'story;
                }
                last_report = Some(t);
            }
            if rng.chance(25) {
                t += rng.minutes(30, 600);
                if !push(
                    &mut evs,
                    EventKind::Remind,
                    State::InProgress,
                    t,
                    Some("请抓紧办理并按时反馈"),
                    &mut state,
                ) {
                    break 'story;
                }
            }
            t += rng.minutes(30, 600);
            if !push(
                &mut evs,
                EventKind::Report,
                State::Reported,
                t,
                Some("已按要求办结，附办理情况报告"),
                &mut state,
            ) {
                break 'story;
            }
            last_report = Some(t);
            if rng.chance(15) {
                t += rng.minutes(60, 1440);
                if !push(
                    &mut evs,
                    EventKind::Return,
                    State::InProgress,
                    t,
                    Some("整改不到位，请补充佐证材料"),
                    &mut state,
                ) {
                    break 'story;
                }
                returned += 1;
                t += rng.minutes(600, 5000);
                if !push(&mut evs, EventKind::Report, State::Reported, t, Some("已补充材料"), &mut state)
                {
                    break 'story;
                }
                last_report = Some(t);
            }
            t += rng.minutes(60, 2880);
            if !push(&mut evs, EventKind::Pass, State::Closed, t, Some("审核通过"), &mut state) {
                break 'story;
            }
            closed_at = Some(t);
            let closed = t;
            if !push(
                &mut evs,
                EventKind::RevisitHeld,
                State::Closed,
                closed + TimeDelta::days(30),
                Some("成效保持"),
                &mut state,
            ) {
                break 'story;
            }
            if rng.chance(4) {
                let at = closed + TimeDelta::days(90);
                if push(
                    &mut evs,
                    EventKind::RevisitRebound,
                    State::InProgress,
                    at,
                    Some("问题反弹，重新办理"),
                    &mut state,
                ) {
                    closed_at = None;
                    last_report = Some(at);
                }
                break 'story;
            }
            if !push(
                &mut evs,
                EventKind::StrikeOff,
                State::StruckOff,
                closed + TimeDelta::days(32),
                None,
                &mut state,
            ) {
                break 'story;
            }
            if rng.chance(60) {
                push(
                    &mut evs,
                    EventKind::Archive,
                    State::Archived,
                    closed + TimeDelta::days(40),
                    None,
                    &mut state,
                );
            }
        }
        let cycle = *rng.pick(CYCLES);
        let mut tags: Vec<&str> = Vec::new();
        for _ in 0..rng.below(3) {
            let tag = *rng.pick(TAGS);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let tags = serde_json::to_string(&tags).map_err(|e| Error::invalid("tags", e.to_string()))?;
        item_stmt.execute(params![
            number,
            year,
            seq,
            title,
            rng.pick(SOURCES),
            format!("〔{year}〕{}号", rng.below(300) + 1),
            leader,
            ts(assigned),
            content,
            category.code(),
            rng.pick(URGENCIES),
            lead_unit,
            responsible,
            format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
            format!("1{:010}", 3_000_000_000u64 + rng.next() % 900_000_000),
            leaders[rng.below(leaders.len())],
            ts(due.due),
            due.confirmed,
            cycle,
            if rng.chance(20) { "internal" } else { "public" },
            tags,
            state.code(),
            accepted_at.map(ts),
            last_report.map(ts),
            closed_at.map(ts),
            suspended_from.map(State::code),
            suspended_since.map(ts),
            returned,
            now_s,
        ])?;
        let id = tx.last_insert_rowid();
        if category == Category::Complex {
            for _ in 0..1 + rng.below(3) {
                let unit = *rng.pick(&units);
                if unit != lead_unit {
                    coop_stmt.execute(params![id, unit])?;
                }
            }
        }
        fts_stmt.execute(params![id, search::index_text(&number, &title, &content)])?;
        for e in &evs {
            let actor = if matches!(
                e.kind,
                EventKind::Register | EventKind::Assign | EventKind::Pass | EventKind::Return
            ) {
                leader
            } else {
                responsible
            };
            ev_stmt.execute(params![
                id,
                e.kind.code(),
                e.from.map(State::code),
                e.to.code(),
                actor,
                ts(e.at),
                e.note
            ])?;
        }
        event_count += evs.len() as i64;
    }
    drop((item_stmt, coop_stmt, fts_stmt, ev_stmt));
    for (year, last) in &counters {
        tx.execute(
            "INSERT INTO assignment_counter (year, last) VALUES (?1, ?2)
             ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)",
            params![year, last],
        )?;
    }
    tx.commit()?;
    Ok(DemoReport {
        items: i64::from(n),
        events: event_count,
        units: units.len() as i64,
        persons: persons.len() as i64,
        millis: started.elapsed().as_millis() as i64,
    })
}

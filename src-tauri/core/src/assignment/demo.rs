//! Demo data: N realistic items with event histories (varied units, categories, sources, states,
//! some overdue), for benchmarks and screenshots. One transaction, written through the same
//! functions as registration and the lifecycle; the stories come from a seeded generator, so the
//! same N gives the same data.

use chrono::{DateTime, Datelike, FixedOffset, TimeDelta};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::action::{ActionRequest, ActionValues};
use super::lifecycle as assignment_lifecycle;
use super::model::{Action, Classification, FeedbackCycle, Source, State, Urgency};
use super::number;
use super::register::{self, Checked};
use crate::calendar::{self, Category};
use crate::org::{self, PersonInput, Role, UnitInput, UnitKind};
use crate::{db, lifecycle, time, Error, Result};

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
/// Every 来源 but 总结整改: those items are made from a summary, never invented.
const DEMO_SOURCES: &[Source] = &[
    Source::Meeting,
    Source::Instruction,
    Source::Superior,
    Source::Petition,
    Source::Inspection,
    Source::Other,
];
const URGENCIES: &[Urgency] =
    &[Urgency::Normal, Urgency::Normal, Urgency::Normal, Urgency::Urgent, Urgency::ExtraUrgent];
const CYCLES: &[FeedbackCycle] = &[
    FeedbackCycle::None,
    FeedbackCycle::None,
    FeedbackCycle::None,
    FeedbackCycle::Weekly,
    FeedbackCycle::Fortnightly,
    FeedbackCycle::Monthly,
    FeedbackCycle::Quarterly,
];
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

fn ensure_directory(conn: &Connection) -> Result<Directory> {
    let mut units = Vec::new();
    let mut persons = Vec::new();
    let mut rng = Rng(0x5eed_0000_0001);
    for (i, name) in UNITS.iter().enumerate() {
        let id = match org::find_active_unit_by_name(conn, name)? {
            Some(unit) => unit.id,
            None => org::insert_unit(
                conn,
                &UnitInput {
                    name: name.to_string(),
                    short_name: None,
                    kind: UnitKind::Subordinate,
                    sort_order: Some(100 + i as i64),
                },
            )?,
        };
        units.push(id);
        let count: i64 =
            conn.query_row("SELECT count(*) FROM person WHERE unit_id = ?1 AND active = 1", [id], |r| {
                r.get(0)
            })?;
        for _ in count..3 {
            let person = PersonInput {
                name: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
                unit_id: id,
                title: Some("科长".into()),
                phone: Some(format!("0531-8{:07}", rng.below(10_000_000))),
                roles: vec![Role::Handler],
            };
            org::insert_person(conn, &person)?;
        }
        let mut stmt =
            conn.prepare("SELECT id FROM person WHERE unit_id = ?1 AND active = 1 ORDER BY id LIMIT 5")?;
        for p in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
            persons.push((id, p?));
        }
    }
    Ok((units, persons))
}

/// One step of a story: the action, when, and what its form said.
struct Ev {
    action: Action,
    at: DateTime<FixedOffset>,
    note: Option<&'static str>,
    satisfaction: Option<u8>,
    /// 回访: the day (30 or 90) and whether the result held.
    revisit: Option<(u32, bool)>,
}

impl Ev {
    fn new(action: Action, at: DateTime<FixedOffset>, note: Option<&'static str>) -> Ev {
        Ev { action, at, note, satisfaction: None, revisit: None }
    }
}

/// The whole story of one item, each step a little later than the one before; a share of items
/// are suspended, reminded, returned, rebound or run late. The caller cuts it at `now`, so the
/// generator draws the same numbers whatever day the demo is filled.
fn story(rng: &mut Rng, assigned: DateTime<FixedOffset>, allotted: i64) -> Vec<Ev> {
    let mut evs: Vec<Ev> = Vec::with_capacity(16);
    let pace = 30 + rng.below(110) as i64; // percent of the allotted time the work takes
    let mut t = assigned;
    let mut step = |evs: &mut Vec<Ev>, wait: TimeDelta, action: Action, note: &'static str| {
        t += wait;
        evs.push(Ev::new(action, t, (!note.is_empty()).then_some(note)));
        t
    };
    step(&mut evs, rng.minutes(5, 120), Action::Assign, "");
    step(&mut evs, rng.minutes(10, 600), Action::Accept, "已签收");
    if rng.chance(3) {
        step(&mut evs, rng.minutes(60, 2000), Action::Suspend, "等待上级政策明确");
        return evs;
    }
    let work = allotted * pace / 100;
    let progress = 2 + rng.below(7);
    for _ in 0..progress {
        let wait = TimeDelta::minutes((work / (progress as i64 + 1)).max(30));
        let note = *rng.pick(NOTES);
        step(&mut evs, wait, Action::Progress, note);
    }
    if rng.chance(25) {
        step(&mut evs, rng.minutes(30, 600), Action::Remind, "请抓紧办理并按时反馈");
    }
    step(&mut evs, rng.minutes(30, 600), Action::Report, "已按要求办结，附办理情况报告");
    if rng.chance(15) {
        step(&mut evs, rng.minutes(60, 1440), Action::Return, "整改不到位，请补充佐证材料");
        step(&mut evs, rng.minutes(600, 5000), Action::Report, "已补充材料");
    }
    let closed = step(&mut evs, rng.minutes(60, 2880), Action::Pass, "审核通过");
    if let Some(pass) = evs.last_mut() {
        pass.satisfaction = Some(80 + rng.below(21) as u8);
    }
    evs.push(Ev {
        revisit: Some((30, true)),
        ..Ev::new(Action::Revisit, closed + TimeDelta::days(30), Some("成效保持"))
    });
    if rng.chance(4) {
        let at = closed + TimeDelta::days(90);
        evs.push(Ev {
            revisit: Some((90, false)),
            ..Ev::new(Action::Revisit, at, Some("问题反弹，重新办理"))
        });
        return evs;
    }
    // Struck-off items wait in 归档's candidates: filing gives them their 档号 there.
    evs.push(Ev::new(Action::StrikeOff, closed + TimeDelta::days(32), None));
    evs
}

/// The newest items stop at these states in turn, so that a demo filled on any day has items just
/// registered, waiting to be accepted, being handled and waiting for a check.
const RECENT_STATES: [State; 4] = [State::Registered, State::Assigned, State::InProgress, State::Reported];

/// The part of `steps` an item left in `state` has gone through: up to the first step that
/// reaches it (all of them if the story never does, as a suspended one).
fn steps_until(steps: &[Ev], state: State) -> usize {
    let last = match state {
        State::Registered => return 0,
        State::Assigned => Action::Assign,
        State::InProgress => Action::Progress,
        _ => Action::Report,
    };
    steps.iter().position(|e| e.action == last).map_or(steps.len(), |i| i + 1)
}

/// Cuts a story at `now`; a recent item's story instead stops at its state, its steps spread
/// evenly between its registration and `now` when they would run past it.
fn lived(
    mut steps: Vec<Ev>,
    recent: Option<State>,
    assigned: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Vec<Ev> {
    let Some(state) = recent else {
        steps.retain(|e| e.at <= now);
        return steps;
    };
    steps.truncate(steps_until(&steps, state));
    if steps.last().is_some_and(|e| e.at > now) {
        let gap = (now - assigned) / (steps.len() as i32 + 1);
        for (i, e) in steps.iter_mut().enumerate() {
            e.at = assigned + gap * (i as i32 + 1);
        }
    }
    steps
}

/// Fills the open database with `n` items, in one transaction, through the same writers as the
/// window: `org`'s for the directory, registration's `insert` and the lifecycle's `apply` for every
/// step (at its time in the past). Refuses more than 1,000,000.
pub fn fill(conn: &mut Connection, n: u32) -> Result<DemoReport> {
    if n == 0 || n > 1_000_000 {
        return Err(Error::invalid("items", "演示事项数量应在 1 到 1000000 之间"));
    }
    let started = std::time::Instant::now();
    let now = time::now();
    let cal = calendar::load(conn)?;
    let limits = calendar::limits::get(conn)?;
    let prefix = number::get_prefix(conn)?;
    let entered_by = lifecycle::entered_by(conn)?;
    let tx = db::begin_write(conn)?;
    let (units, persons) = ensure_directory(&tx)?;
    let leaders: Vec<i64> = persons.iter().step_by(7).map(|p| p.1).collect();
    let mut rng = Rng(0x00C0_FFEE_1234_5678 ^ u64::from(n));
    let mut event_count = 0i64;
    let span_minutes = 420 * 24 * 60;
    // The newest items (one in fifty, at least one of each of RECENT_STATES) are from the last
    // three days.
    let recent_from = n - (n / 50).max(RECENT_STATES.len() as u32).min(n);
    for i in 0..n {
        let recent =
            (i >= recent_from).then(|| RECENT_STATES[(i - recent_from) as usize % RECENT_STATES.len()]);
        // Assigned in the last ~14 months (the recent ones at least three hours ago), in office
        // hours when those are not still to come.
        let back =
            if recent.is_some() { rng.minutes(180, 3 * 24 * 60) } else { rng.minutes(0, span_minutes) };
        let mut assigned = now - back;
        let latest = if recent.is_some() { now - TimeDelta::hours(3) } else { now };
        let hour = 8 + rng.below(9) as u32;
        if let Some(t) = assigned.date_naive().and_hms_opt(hour, rng.below(60) as u32, 0) {
            if let Some(t) = t.and_local_timezone(time::cst()).single() {
                if t <= latest {
                    assigned = t;
                }
            }
        }
        let category = match rng.below(10) {
            0 => Category::Immediate,
            1..=6 => Category::Routine,
            _ => Category::Complex,
        };
        let mut limit = limits.of(category).result;
        // Offices often give routine items a longer explicit limit; vary it.
        let explicit = category != Category::Immediate && rng.chance(50);
        if explicit {
            limit.amount *= 1 + rng.below(4) as u32;
        }
        let due = cal.add(assigned, limit)?;
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
        let year = assigned.year();
        let mut cooperating_unit_ids = Vec::new();
        if category == Category::Complex {
            for _ in 0..1 + rng.below(3) {
                let unit = *rng.pick(&units);
                if unit != lead_unit && !cooperating_unit_ids.contains(&unit) {
                    cooperating_unit_ids.push(unit);
                }
            }
        }
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.below(3) {
            let tag = rng.pick(TAGS).to_string();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let checked = Checked {
            parent_id: None,
            title,
            source: *rng.pick(DEMO_SOURCES),
            source_doc_no: Some(format!("〔{year}〕{}号", rng.below(300) + 1)),
            assigning_leader_id: Some(leader),
            assigned_at: assigned,
            content,
            category,
            urgency: *rng.pick(URGENCIES),
            lead_unit_id: lead_unit,
            cooperating_unit_ids,
            responsible_id: responsible,
            contact: Some(format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))),
            contact_phone: Some(format!("1{:010}", 3_000_000_000u64 + rng.next() % 900_000_000)),
            leader_in_charge_id: Some(leaders[rng.below(leaders.len())]),
            deadline: due,
            deadline_explicit: explicit,
            feedback_cycle: *rng.pick(CYCLES),
            classification: if rng.chance(20) { Classification::Internal } else { Classification::Public },
            tags,
        };
        let id = register::insert(&tx, &checked, &prefix, Some(leader), entered_by, assigned)?;
        let allotted = (due.due - assigned).num_minutes().max(60);
        let steps = lived(story(&mut rng, assigned, allotted), recent, assigned, now);
        for e in &steps {
            let actor_id = if matches!(e.action, Action::Assign | Action::Pass | Action::Return) {
                leader
            } else {
                responsible
            };
            let input = ActionValues {
                actor_id,
                note: e.note.map(str::to_string),
                satisfaction: e.satisfaction,
                day: e.revisit.map(|r| r.0),
                held: e.revisit.map(|r| r.1),
                ..Default::default()
            };
            assignment_lifecycle::apply(&tx, id, &ActionRequest { action: e.action, input }, e.at)?;
        }
        event_count += 1 + steps.len() as i64;
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

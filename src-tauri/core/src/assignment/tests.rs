//! Unit tests of the lifecycle: every transition, every illegal one, and the append-only history.

use rusqlite::Connection;

use super::*;
use crate::test_support::{self, ItemDirectory};

struct Fixture {
    conn: Connection,
    unit: i64,
    other_unit: i64,
    person: i64,
}

fn fixture() -> Fixture {
    let mut conn = test_support::memory_db();
    let ItemDirectory { unit, other_unit, person } =
        ItemDirectory::add(&mut conn, ["住建局", "城管局"], "王建国");
    Fixture { conn, unit, other_unit, person }
}

fn input(unit: i64, other_unit: i64, person: i64) -> AssignmentInput {
    AssignmentInput {
        title: "关于幸福小区供暖不达标问题的整改".into(),
        source: "来信来访/群众诉求".into(),
        content: "群众反映幸福小区供暖温度不达标，请住建局牵头核实整改。".into(),
        category: "routine".into(),
        lead_unit_id: unit,
        cooperating_unit_ids: vec![other_unit],
        responsible_id: person,
        tags: vec!["民生".into()],
        ..Default::default()
    }
}

fn act(person: i64, note: &str) -> ActionInput {
    ActionInput { actor_id: person, note: Some(note.into()), satisfaction: None }
}

type ActionFn = fn(&mut Connection, i64, &ActionInput) -> crate::Result<()>;
type Change = Box<dyn Fn(&mut AssignmentInput)>;

/// 归档 as `archive::file` takes it, without the 件 (the archive's own tests file those).
fn archive(conn: &mut Connection, id: i64, input: &ActionInput) -> crate::Result<()> {
    let tx = crate::db::begin_write(conn)?;
    super::lifecycle::archive_at(&tx, id, input, crate::time::now())?;
    tx.commit()?;
    Ok(())
}

fn state(f: &Fixture, id: i64) -> State {
    get_assignment(&f.conn, id).expect("get").state
}

/// Registers and moves the item to `target` along the main path.
fn item_in(f: &mut Fixture, target: State) -> i64 {
    let id = register(&mut f.conn, &input(f.unit, f.other_unit, f.person)).expect("register");
    let a = act(f.person, "说明");
    let path: &[(State, ActionFn)] = &[
        (State::Assigned, assign),
        (State::InProgress, accept),
        (State::Reported, report_result),
        (State::Closed, pass),
        (State::StruckOff, strike_off),
        (State::Archived, archive),
    ];
    if target == State::Registered {
        return id;
    }
    for (to, step) in path {
        step(&mut f.conn, id, &a).expect("step");
        if *to == target {
            return id;
        }
    }
    if target == State::Suspended {
        let id = register(&mut f.conn, &input(f.unit, f.other_unit, f.person)).expect("register");
        assign(&mut f.conn, id, &a).expect("assign");
        suspend(&mut f.conn, id, &a).expect("suspend");
        return id;
    }
    id
}

/// Moves an item's closing `days` into the past, so revisits are due (the core owns time).
fn backdate_closing(f: &Fixture, id: i64, days: i64) {
    let at = crate::time::to_text(crate::time::now() - chrono::TimeDelta::days(days));
    f.conn
        .execute("UPDATE assignment SET closed_at = ?1 WHERE id = ?2", rusqlite::params![at, id])
        .expect("backdate");
}

#[test]
fn assignment_register_numbers_deadline_and_fields() {
    let mut f = fixture();
    let id = register(&mut f.conn, &input(f.unit, f.other_unit, f.person)).expect("register");
    let detail = get_assignment_detail(&f.conn, id).expect("detail");
    let year = crate::time::now().format("%Y").to_string();
    assert_eq!(detail.item.number, format!("督〔{year}〕1号"));
    assert_eq!(detail.item.state, State::Registered);
    assert_eq!(detail.item.source, Source::Petition);
    assert_eq!(detail.item.cooperating_units.len(), 1);
    assert!(detail.item.deadline > detail.item.assigned_at);
    assert_eq!(detail.events.len(), 1);
    assert_eq!(detail.events[0].kind, EventKind::Register);
    let second = register(&mut f.conn, &input(f.unit, f.other_unit, f.person)).expect("register");
    assert_eq!(get_assignment(&f.conn, second).expect("get").number, format!("督〔{year}〕2号"));
}

#[test]
fn assignment_deadline_follows_the_calendar() {
    let mut f = fixture();
    let mut i = input(f.unit, f.other_unit, f.person);
    // 2026-09-30 16:00 + 3 working days = Sat 2026-10-10 17:30 (调休 working Saturday).
    i.assigned_at = Some("2026-09-30T16:00".into());
    let id = register(&mut f.conn, &i).expect("register");
    let item = get_assignment(&f.conn, id).expect("get");
    assert_eq!(item.deadline.to_rfc3339(), "2026-10-10T17:30:00+08:00");
    assert!(item.deadline_confirmed);
    // An explicit date means the close of working hours that day.
    i.deadline = Some("2026-10-12".into());
    let id = register(&mut f.conn, &i).expect("register");
    assert_eq!(get_assignment(&f.conn, id).expect("get").deadline.to_rfc3339(), "2026-10-12T17:30:00+08:00");
}

#[test]
fn assignment_register_refuses_bad_fields_in_chinese() {
    let mut f = fixture();
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|i| i.title = " ".into()), "title"),
        (Box::new(|i| i.content = "".into()), "content"),
        (Box::new(|i| i.source = "微博".into()), "source"),
        (Box::new(|i| i.category = "特殊类".into()), "category"),
        (Box::new(|i| i.urgency = Some("很急".into())), "urgency"),
        (Box::new(|i| i.lead_unit_id = 999), "lead_unit_id"),
        (Box::new(|i| i.responsible_id = 999), "responsible_id"),
        (Box::new(|i| i.classification = Some("秘密".into())), "classification"),
        (Box::new(|i| i.feedback_cycle = Some("每天".into())), "feedback_cycle"),
        (Box::new(|i| i.assigned_at = Some("昨天".into())), "assigned_at"),
        (Box::new(|i| i.deadline = Some("2020-01-01".into())), "deadline"),
        (Box::new(|i| i.parent_id = Some(999)), "parent_id"),
    ];
    for (change, field) in cases {
        let mut i = input(f.unit, f.other_unit, f.person);
        change(&mut i);
        let err = register(&mut f.conn, &i).expect_err(field);
        assert_eq!(err.field().as_deref(), Some(field), "{err}");
        assert!(err.is_bad_input());
        assert!(err.to_string().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{err}");
    }
    let n: i64 = f.conn.query_row("SELECT count(*) FROM assignment", [], |r| r.get(0)).expect("count");
    assert_eq!(n, 0, "nothing half written");
}

#[test]
fn assignment_main_path_and_timeline() {
    let mut f = fixture();
    let id = item_in(&mut f, State::Registered);
    let a = act(f.person, "说明");
    assign(&mut f.conn, id, &a).expect("assign");
    assert_eq!(state(&f, id), State::Assigned);
    accept(&mut f.conn, id, &a).expect("accept");
    assert_eq!(state(&f, id), State::InProgress);
    report_progress(&mut f.conn, id, &act(f.person, "已完成现场核查")).expect("progress");
    assert_eq!(state(&f, id), State::InProgress);
    report_result(&mut f.conn, id, &act(f.person, "已整改")).expect("report");
    assert_eq!(state(&f, id), State::Reported);
    return_for_redo(&mut f.conn, id, &act(f.person, "佐证材料不足")).expect("return");
    assert_eq!(state(&f, id), State::InProgress);
    report_result(&mut f.conn, id, &act(f.person, "已补充")).expect("report");
    let close = ActionInput { actor_id: f.person, note: None, satisfaction: Some(95) };
    pass(&mut f.conn, id, &close).expect("pass");
    let item = get_assignment(&f.conn, id).expect("get");
    assert_eq!(item.state, State::Closed);
    assert_eq!(item.light, Light::ClosedOnTime);
    assert_eq!(item.returned_count, 1);
    let early = RevisitInput { actor_id: f.person, day: 30, held: true, note: None, satisfaction: None };
    let err = revisit(&mut f.conn, id, &early).expect_err("too early");
    assert_eq!(err.code(), "not_allowed");
    assert!(err.to_string().contains("未满 30 天"), "{err}");
    backdate_closing(&f, id, 31);
    revisit(
        &mut f.conn,
        id,
        &RevisitInput { actor_id: f.person, day: 30, held: true, note: None, satisfaction: Some(90) },
    )
    .expect("revisit");
    assert_eq!(state(&f, id), State::Closed);
    strike_off(&mut f.conn, id, &a).expect("strike");
    assert_eq!(state(&f, id), State::StruckOff);
    archive(&mut f.conn, id, &a).expect("archive");
    assert_eq!(state(&f, id), State::Archived);
    let kinds: Vec<EventKind> = events(&f.conn, id).expect("events").iter().map(|e| e.kind).collect();
    use EventKind::*;
    assert_eq!(
        kinds,
        vec![
            Register,
            Assign,
            Accept,
            Progress,
            Report,
            Return,
            Report,
            Pass,
            RevisitHeld,
            StrikeOff,
            Archive
        ]
    );
    let evs = events(&f.conn, id).expect("events");
    assert_eq!(evs[5].note.as_deref(), Some("佐证材料不足"));
    assert_eq!(evs[5].from_state, Some(State::Reported));
    assert_eq!(evs[5].actor.as_ref().map(|p| p.name.as_str()), Some("王建国"));
    assert_eq!(evs[7].payload["satisfaction"], 95);
}

#[test]
fn assignment_revisit_rebound_reopens() {
    let mut f = fixture();
    let id = item_in(&mut f, State::Closed);
    backdate_closing(&f, id, 91);
    let err = revisit(
        &mut f.conn,
        id,
        &RevisitInput { actor_id: f.person, day: 30, held: false, note: None, satisfaction: None },
    )
    .expect_err("needs a note");
    assert_eq!(err.field().as_deref(), Some("note"));
    let err = revisit(
        &mut f.conn,
        id,
        &RevisitInput { actor_id: f.person, day: 45, held: true, note: None, satisfaction: None },
    )
    .expect_err("30 or 90");
    assert_eq!(err.field().as_deref(), Some("day"));
    revisit(
        &mut f.conn,
        id,
        &RevisitInput {
            actor_id: f.person,
            day: 90,
            held: false,
            note: Some("供暖再次不达标".into()),
            satisfaction: None,
        },
    )
    .expect("rebound");
    let item = get_assignment(&f.conn, id).expect("get");
    assert_eq!(item.state, State::InProgress);
    assert_eq!(item.closed_at, None);
}

#[test]
fn assignment_extension_request_approve_and_reject() {
    let mut f = fixture();
    let id = item_in(&mut f, State::InProgress);
    let old = get_assignment(&f.conn, id).expect("get").deadline;
    let later = (old + chrono::TimeDelta::days(30)).format("%Y-%m-%d").to_string();
    let req =
        ExtensionInput {
            actor_id: f.person, reason: "需等待供暖季检测".into(), new_deadline: later.clone()
        };
    let err = approve_extension(&mut f.conn, id, &act(f.person, "同意")).expect_err("nothing pending");
    assert_eq!(err.code(), "not_allowed");
    let err = request_extension(&mut f.conn, id, &ExtensionInput { reason: " ".into(), ..req.clone() })
        .expect_err("reason");
    assert_eq!(err.field().as_deref(), Some("reason"));
    let err = request_extension(
        &mut f.conn,
        id,
        &ExtensionInput { new_deadline: "2020-01-06".into(), ..req.clone() },
    )
    .expect_err("earlier");
    assert_eq!(err.field().as_deref(), Some("new_deadline"));
    request_extension(&mut f.conn, id, &req).expect("request");
    assert!(get_assignment(&f.conn, id).expect("get").pending_extension.is_some());
    let err = request_extension(&mut f.conn, id, &req).expect_err("one at a time");
    assert_eq!(err.code(), "not_allowed");
    approve_extension(&mut f.conn, id, &act(f.person, "同意")).expect("approve");
    let item = get_assignment(&f.conn, id).expect("get");
    assert!(item.deadline > old);
    assert!(item.pending_extension.is_none());
    let evs = events(&f.conn, id).expect("events");
    let approve = evs.last().expect("event");
    assert_eq!(approve.kind, EventKind::ExtensionApprove);
    assert_eq!(approve.payload["old_deadline"], crate::time::to_text(old));
    // Rejection leaves the deadline.
    let later2 = (item.deadline + chrono::TimeDelta::days(10)).format("%Y-%m-%d").to_string();
    request_extension(&mut f.conn, id, &ExtensionInput { new_deadline: later2, ..req }).expect("request");
    reject_extension(&mut f.conn, id, &act(f.person, "理由不充分")).expect("reject");
    assert_eq!(get_assignment(&f.conn, id).expect("get").deadline, item.deadline);
}

#[test]
fn assignment_extension_refused_after_the_deadline() {
    let mut f = fixture();
    let mut i = input(f.unit, f.other_unit, f.person);
    i.assigned_at = Some("2025-03-03T09:00".into());
    let id = register(&mut f.conn, &i).expect("register");
    assign(&mut f.conn, id, &act(f.person, "")).expect("assign");
    let err = request_extension(
        &mut f.conn,
        id,
        &ExtensionInput { actor_id: f.person, reason: "来不及".into(), new_deadline: "2099-01-05".into() },
    )
    .expect_err("too late");
    assert_eq!(err.code(), "not_allowed");
    assert!(err.to_string().contains("延期须在到期前申请"), "{err}");
    let item = get_assignment(&f.conn, id).expect("get");
    assert_eq!(item.light, Light::Red, "overdue is derived");
}

#[test]
fn assignment_suspend_and_resume_push_the_deadline() {
    let mut f = fixture();
    let id = item_in(&mut f, State::InProgress);
    let before = get_assignment(&f.conn, id).expect("get").deadline;
    let err = suspend(&mut f.conn, id, &ActionInput { actor_id: f.person, note: None, satisfaction: None })
        .expect_err("reason");
    assert_eq!(err.field().as_deref(), Some("note"));
    suspend(&mut f.conn, id, &act(f.person, "等待法院判决")).expect("suspend");
    let item = get_assignment(&f.conn, id).expect("get");
    assert_eq!(item.state, State::Suspended);
    assert_eq!(item.light, Light::Suspended);
    // Pretend the suspension began 3 natural days ago, so it covers some working time.
    let since = crate::time::to_text(crate::time::now() - chrono::TimeDelta::days(3));
    f.conn
        .execute("UPDATE assignment SET suspended_since = ?1 WHERE id = ?2", rusqlite::params![since, id])
        .expect("set");
    resume(&mut f.conn, id, &act(f.person, "恢复")).expect("resume");
    let item = get_assignment(&f.conn, id).expect("get");
    assert_eq!(item.state, State::InProgress, "back to the state before");
    assert!(item.deadline >= before, "{} vs {before}", item.deadline);
    let ev = events(&f.conn, id).expect("events").pop().expect("event");
    assert_eq!(ev.kind, EventKind::Resume);
    assert!(ev.payload["new_deadline"].is_string());
}

#[test]
fn assignment_remind_keeps_the_state() {
    let mut f = fixture();
    let id = item_in(&mut f, State::Assigned);
    remind(&mut f.conn, id, &act(f.person, "请尽快签收")).expect("remind");
    assert_eq!(state(&f, id), State::Assigned);
}

#[test]
fn assignment_illegal_transitions_name_state_and_action() {
    let mut f = fixture();
    let cases: &[(State, ActionFn, &str)] = &[
        (State::Registered, accept, "签收"),
        (State::Registered, pass, "审核通过"),
        (State::Registered, report_result, "反馈办理结果"),
        (State::Assigned, assign, "交办"),
        (State::Assigned, return_for_redo, "退回重办"),
        (State::InProgress, pass, "审核通过"),
        (State::InProgress, strike_off, "销号"),
        (State::Reported, accept, "签收"),
        (State::Closed, report_progress, "进展反馈"),
        (State::Closed, suspend, "中止"),
        (State::Closed, remind, "催办"),
        (State::Closed, archive, "归档"),
        (State::StruckOff, resume, "恢复办理"),
        (State::Archived, strike_off, "销号"),
        (State::Suspended, report_result, "反馈办理结果"),
        (State::Suspended, accept, "签收"),
    ];
    for (from, step, action) in cases {
        let id = item_in(&mut f, *from);
        assert_eq!(state(&f, id), *from);
        let err = step(&mut f.conn, id, &act(f.person, "理由")).expect_err(action);
        assert_eq!(err.code(), "not_allowed", "{err}");
        let text = err.to_string();
        assert!(text.contains(from.label()) && text.contains(action), "{text}");
        assert_eq!(state(&f, id), *from, "nothing changed");
    }
}

#[test]
fn assignment_return_requires_a_reason() {
    let mut f = fixture();
    let id = item_in(&mut f, State::Reported);
    let err =
        return_for_redo(&mut f.conn, id, &ActionInput { actor_id: f.person, note: None, satisfaction: None })
            .expect_err("reason");
    assert_eq!(err.field().as_deref(), Some("note"));
    assert_eq!(err.to_string(), "请填写退回理由");
}

#[test]
fn assignment_unknown_actor_and_item() {
    let mut f = fixture();
    let id = item_in(&mut f, State::Registered);
    let err = assign(&mut f.conn, id, &ActionInput { actor_id: 999, note: None, satisfaction: None })
        .expect_err("actor");
    assert_eq!(err.field().as_deref(), Some("actor_id"));
    let err = assign(&mut f.conn, 999, &act(f.person, "")).expect_err("item");
    assert_eq!(err.code(), "not_found");
}

#[test]
fn assignment_events_cannot_be_edited_or_deleted() {
    let mut f = fixture();
    let id = item_in(&mut f, State::Assigned);
    let err = f
        .conn
        .execute("UPDATE assignment_event SET note = 'x' WHERE assignment_id = ?1", [id])
        .expect_err("update");
    assert!(err.to_string().contains("不可修改"), "{err}");
    let err =
        f.conn.execute("DELETE FROM assignment_event WHERE assignment_id = ?1", [id]).expect_err("delete");
    assert!(err.to_string().contains("不可删除"), "{err}");
}

#[test]
fn assignment_sub_items_roll_up_and_block_closing() {
    let mut f = fixture();
    let parent = item_in(&mut f, State::InProgress);
    let mut sub = input(f.unit, f.other_unit, f.person);
    sub.parent_id = Some(parent);
    sub.title = "城东片区供暖管网改造".into();
    let child = register(&mut f.conn, &sub).expect("sub");
    let detail = get_assignment_detail(&f.conn, parent).expect("detail");
    assert_eq!(detail.sub_items.len(), 1);
    assert_eq!(detail.sub_items[0].number, format!("{}-1", detail.item.number));
    assert_eq!(detail.sub_items_finished, 0);
    report_result(&mut f.conn, parent, &act(f.person, "主体完成")).expect("report");
    let err = pass(&mut f.conn, parent, &act(f.person, "")).expect_err("sub open");
    assert!(err.to_string().contains("分解事项未办结"), "{err}");
    let a = act(f.person, "完成");
    for step in [assign, accept, report_result, pass] {
        step(&mut f.conn, child, &a).expect("child");
    }
    assert_eq!(get_assignment_detail(&f.conn, parent).expect("detail").sub_items_finished, 1);
    pass(&mut f.conn, parent, &a).expect("pass");
    // The ledger shows top-level items unless asked.
    let page = ledger(&f.conn, &LedgerQuery::default()).expect("ledger");
    assert_eq!(page.total, 1);
    let page =
        ledger(&f.conn, &LedgerQuery { include_sub_items: true, ..Default::default() }).expect("ledger");
    assert_eq!(page.total, 2);
}

#[test]
fn assignment_search_finds_two_character_words() {
    let mut f = fixture();
    let id = register(&mut f.conn, &input(f.unit, f.other_unit, f.person)).expect("register");
    let mut other = input(f.unit, f.other_unit, f.person);
    other.title = "关于老城区道路破损的处置".into();
    other.content = "请城管局排查处置。".into();
    let other_id = register(&mut f.conn, &other).expect("register");
    let find = |text: &str| -> Vec<i64> {
        ledger(&f.conn, &LedgerQuery { text: Some(text.into()), ..Default::default() })
            .expect("search")
            .rows
            .iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(find("供暖"), vec![id]);
    assert_eq!(find("道路"), vec![other_id]);
    assert_eq!(find("供暖温度不达标"), vec![id]);
    assert_eq!(find("暖"), vec![id], "one character falls back to LIKE");
    assert_eq!(find("1号").len(), 1, "numbers are searchable");
    assert!(find("暖供").is_empty(), "order matters");
    assert!(find("供暖道路").is_empty());
}

#[test]
fn assignment_ledger_filters_sorts_and_lights() {
    let mut f = fixture();
    let mut old = input(f.unit, f.other_unit, f.person);
    old.assigned_at = Some("2025-03-03T09:00".into());
    old.urgency = Some("特急".into());
    let overdue = register(&mut f.conn, &old).expect("old");
    let fresh = register(&mut f.conn, &input(f.unit, f.other_unit, f.person)).expect("fresh");
    let all = ledger(&f.conn, &LedgerQuery::default()).expect("all");
    assert_eq!(all.total, 2);
    assert_eq!(all.rows[0].id, overdue, "earliest deadline first");
    assert!(all.rows[0].overdue);
    assert_eq!(all.rows[0].light, Light::Red);
    let red = ledger(&f.conn, &LedgerQuery { lights: vec![Light::Red], ..Default::default() }).expect("red");
    assert_eq!(red.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![overdue]);
    let by_light = ledger(
        &f.conn,
        &LedgerQuery { sort: Some(LedgerSort::Light), descending: true, ..Default::default() },
    )
    .expect("sorted");
    assert_eq!(by_light.rows[0].id, fresh);
    let urgent =
        ledger(&f.conn, &LedgerQuery { urgencies: vec![Urgency::ExtraUrgent], ..Default::default() })
            .expect("urgent");
    assert_eq!(urgent.total, 1);
    let period = ledger(
        &f.conn,
        &LedgerQuery {
            assigned_from: Some("2025-03-01".into()),
            assigned_to: Some("2025-03-31".into()),
            ..Default::default()
        },
    )
    .expect("period");
    assert_eq!(period.total, 1);
    let tagged =
        ledger(&f.conn, &LedgerQuery { tags: vec!["民生".into()], ..Default::default() }).expect("tags");
    assert_eq!(tagged.total, 2);
    let only =
        ledger(&f.conn, &LedgerQuery { ids: Some(vec![fresh, 999]), ..Default::default() }).expect("ids");
    assert_eq!((only.total, only.rows[0].id), (1, fresh));
    let none = ledger(&f.conn, &LedgerQuery { ids: Some(vec![]), ..Default::default() }).expect("ids");
    assert_eq!(none.total, 0, "an empty set is an empty ledger, not the whole one");
    let page = ledger(&f.conn, &LedgerQuery { limit: Some(1), offset: Some(1), ..Default::default() })
        .expect("page");
    assert_eq!((page.total, page.rows.len(), page.rows[0].id), (2, 1, fresh));
    let by_number = ledger(
        &f.conn,
        &LedgerQuery { sort: Some(LedgerSort::Number), descending: true, ..Default::default() },
    )
    .expect("number");
    assert_eq!(by_number.rows[0].id, fresh);
    let units = ledger(&f.conn, &LedgerQuery { lead_unit_ids: vec![f.other_unit], ..Default::default() })
        .expect("unit");
    assert_eq!(units.total, 0);
    assert!(!units.ledger_empty, "nothing matches, but the ledger has items");
}

#[test]
fn the_ledger_opens_on_open_work_with_finished_items_one_scope_away() {
    let mut f = fixture();
    let empty =
        ledger(&f.conn, &LedgerQuery { scope: LedgerScope::Open, ..Default::default() }).expect("empty");
    assert!(empty.ledger_empty && empty.total == 0);
    let open = item_in(&mut f, State::InProgress);
    let suspended = item_in(&mut f, State::InProgress);
    suspend(&mut f.conn, suspended, &act(f.person, "等待上级批复")).expect("suspend");
    let closed = item_in(&mut f, State::Closed);
    let archived = item_in(&mut f, State::Archived);
    let ids = |scope, sort| {
        let q = LedgerQuery { scope, sort: Some(sort), ..Default::default() };
        let mut ids: Vec<i64> = ledger(&f.conn, &q).expect("page").rows.iter().map(|r| r.id).collect();
        ids.sort();
        ids
    };
    for sort in [LedgerSort::Deadline, LedgerSort::Light] {
        assert_eq!(ids(LedgerScope::Open, sort), [open, suspended], "中止 is still work to do");
        assert_eq!(ids(LedgerScope::Finished, sort), [closed, archived]);
        assert_eq!(ids(LedgerScope::All, sort), [open, suspended, closed, archived]);
    }
    let none = ledger(
        &f.conn,
        &LedgerQuery { scope: LedgerScope::Open, states: vec![State::Closed], ..Default::default() },
    )
    .expect("page");
    assert!(none.total == 0 && !none.ledger_empty);
    assert_eq!(LedgerScope::parse_at("scope", "在办").expect("label"), LedgerScope::Open);
}

#[test]
fn assignment_demo_fills_varied_items() {
    let mut conn = crate::db::open_in_memory().expect("db");
    let report = fill_demo(&mut conn, 300).expect("demo");
    assert_eq!(report.items, 300);
    assert!(report.events > 300 * 4, "{}", report.events);
    // Every state but 已归档 (filing is the clerk's step), whatever day the demo is filled.
    let states: Vec<String> = conn
        .prepare("SELECT DISTINCT state FROM assignment")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .expect("states");
    for state in State::ALL.iter().filter(|s| **s != State::Archived) {
        assert!(states.iter().any(|s| s == state.code()), "no item is {}: {states:?}", state.label());
    }
    let page = ledger(&conn, &LedgerQuery { lights: vec![Light::Red], ..Default::default() }).expect("red");
    assert!(page.total > 0, "some overdue");
    let detail = get_assignment_detail(&conn, page.rows[0].id).expect("detail");
    assert!(!detail.events.is_empty());
    // A new registration continues the numbering.
    let again = fill_demo(&mut conn, 10).expect("again");
    assert_eq!(again.items, 10);
    let dupes: i64 = conn
        .query_row("SELECT count(*) - count(DISTINCT number) FROM assignment", [], |r| r.get(0))
        .expect("dupes");
    assert_eq!(dupes, 0);
}

#[test]
fn assignment_resume_gives_back_the_suspended_time_of_an_explicit_deadline() {
    let mut f = fixture();
    let mut i = input(f.unit, f.other_unit, f.person);
    let due = (crate::time::now() + chrono::TimeDelta::days(60)).format("%Y-%m-%d").to_string();
    i.deadline = Some(due);
    let id = register(&mut f.conn, &i).expect("register");
    assign(&mut f.conn, id, &act(f.person, "")).expect("assign");
    suspend(&mut f.conn, id, &act(f.person, "等待鉴定结论")).expect("suspend");
    let before = get_assignment(&f.conn, id).expect("get").deadline;
    // Suspended for the last 14 natural days: at least 5 working days even across the Spring Festival.
    let since = crate::time::to_text(crate::time::now() - chrono::TimeDelta::days(14));
    f.conn
        .execute("UPDATE assignment SET suspended_since = ?1 WHERE id = ?2", rusqlite::params![since, id])
        .expect("backdate");
    resume(&mut f.conn, id, &act(f.person, "鉴定结论已出")).expect("resume");
    let after = get_assignment(&f.conn, id).expect("get");
    assert_eq!(after.state, State::Assigned, "back to the state before 中止");
    assert!(after.deadline >= before + chrono::TimeDelta::days(7), "{} vs {before}", after.deadline);
    let ev = events(&f.conn, id).expect("events").pop().expect("event");
    assert_eq!(ev.payload["old_deadline"], crate::time::to_text(before));
}

#[test]
fn assignment_detail_offers_only_the_actions_the_item_allows() {
    let mut f = fixture();
    let offered = |f: &Fixture, id| -> Vec<Action> {
        get_assignment_detail(&f.conn, id)
            .expect("detail")
            .available_actions
            .into_iter()
            .map(|a| a.action)
            .collect()
    };
    let id = item_in(&mut f, State::Reported);
    assert_eq!(
        offered(&f, id),
        vec![Action::Progress, Action::Pass, Action::Return, Action::Extend, Action::Suspend]
    );
    let values = ActionValues {
        actor_id: f.person,
        reason: Some("等待批复".into()),
        new_deadline: Some("2099-12-31".into()),
        ..Default::default()
    };
    perform(&mut f.conn, id, &ActionRequest { action: Action::Extend, input: values }).expect("extend");
    let now = offered(&f, id);
    assert!(now.contains(&Action::ApproveExtension) && now.contains(&Action::RejectExtension));
    assert!(!now.contains(&Action::Extend), "one pending request at a time");
    // Just closed: no revisit before 30 days.
    let closed = item_in(&mut f, State::Closed);
    assert_eq!(offered(&f, closed), vec![Action::StrikeOff]);
    // Every offered action goes through; one the state does not allow is refused by perform too.
    let by = ActionValues { actor_id: f.person, ..Default::default() };
    let err = perform(&mut f.conn, closed, &ActionRequest { action: Action::Accept, input: by.clone() })
        .expect_err("accept a closed item");
    assert_eq!(err.code(), "not_allowed");
    perform(&mut f.conn, closed, &ActionRequest { action: Action::StrikeOff, input: by })
        .expect("strike off");
    // 归档 is taken in the 归档 area, not offered here.
    assert!(offered(&f, closed).is_empty());
}

#[test]
fn assignment_notice_carries_the_item_and_the_internal_mark() {
    let mut f = fixture();
    let mut internal = input(f.unit, f.other_unit, f.person);
    internal.classification = Some("内部".into());
    let id = register(&mut f.conn, &internal).expect("register");
    let doc = notice::supervision_notice(&f.conn, id).expect("notice");
    assert_eq!(doc.title, "督办通知单");
    assert_eq!(doc.classification, Some(crate::print::Classification::Internal));
    let all = serde_json::to_string(&doc).expect("json");
    for expected in
        ["督〔2026〕", "幸福小区供暖", "住建局", "城管局", "王建国", "承办单位签收意见", "4个工作小时"]
    {
        assert!(all.contains(expected), "{expected} missing in {all}");
    }
    crate::print::render(&doc).expect("renders");
}

#[test]
fn assignment_reminder_needs_a_reminder_and_counts_them() {
    let mut f = fixture();
    let id = item_in(&mut f, State::InProgress);
    let err = notice::reminder_notice(&f.conn, id, None).expect_err("no reminder yet");
    assert_eq!(err.code(), "not_found");
    remind(&mut f.conn, id, &act(f.person, "供暖温度仍未达标，请加快整改")).expect("remind");
    remind(&mut f.conn, id, &act(f.person, "再次催办")).expect("remind");
    let doc = notice::reminder_notice(&f.conn, id, None).expect("reminder");
    assert_eq!(doc.classification, None, "公开 items carry no mark");
    let all = serde_json::to_string(&doc).expect("json");
    assert!(all.contains("第2次") && all.contains("再次催办"), "{all}");
    let first = events(&f.conn, id).expect("events").into_iter().find(|e| e.kind == EventKind::Remind);
    let doc = notice::reminder_notice(&f.conn, id, first.map(|e| e.id)).expect("first reminder");
    let all = serde_json::to_string(&doc).expect("json");
    assert!(all.contains("第1次") && all.contains("供暖温度仍未达标"), "{all}");
    crate::print::render(&doc).expect("renders");
}

#[test]
fn an_event_cannot_be_rewritten_by_insert_or_replace() {
    let mut f = fixture();
    let id = item_in(&mut f, State::Assigned);
    let first: i64 = f
        .conn
        .query_row("SELECT min(id) FROM assignment_event WHERE assignment_id = ?1", [id], |r| r.get(0))
        .expect("event");
    let err = f
        .conn
        .execute(
            "INSERT OR REPLACE INTO assignment_event (id, assignment_id, kind, to_state, at, payload)
             VALUES (?1, ?2, 'register', 'registered', '2020-01-01T09:00:00+08:00', '{}')",
            rusqlite::params![first, id],
        )
        .expect_err("append-only");
    assert!(err.to_string().contains("不可删除"), "{err}");
    assert_eq!(events(&f.conn, id).expect("events")[0].kind, EventKind::Register);
}

#[test]
fn sql_codes_quote_the_states_a_rule_keeps() {
    assert_eq!(State::sql_codes(State::is_finished), "'closed', 'struck_off', 'archived'");
    assert_eq!(State::sql_codes(State::is_open), "'registered', 'assigned', 'in_progress', 'reported'");
}

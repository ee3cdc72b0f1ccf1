//! Reminders on a small ledger at a chosen "now": one item of each kind, and one that needs nothing.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::*;
use crate::assignment::{self, ActionInput, AssignmentInput, ExtensionInput};
use crate::calendar::parse_time;
use crate::test_support::{memory_db, ItemDirectory};

fn at(s: &str) -> DateTime<FixedOffset> {
    parse_time("now", s).expect("time")
}

type Step = fn(&mut Connection, i64, &ActionInput) -> crate::Result<()>;

struct Ledger {
    conn: Connection,
    person: i64,
    unit: i64,
}

impl Ledger {
    fn new() -> Ledger {
        let mut conn = memory_db();
        let d = ItemDirectory::add(&mut conn, ["住建局", "城管局"], "王玥");
        Ledger { conn, person: d.person, unit: d.unit }
    }

    fn item(&mut self, title: &str, deadline: &str, cycle: &str) -> i64 {
        let input = AssignmentInput {
            title: title.into(),
            source: "meeting".into(),
            content: format!("{title}的具体要求。"),
            category: "routine".into(),
            lead_unit_id: self.unit,
            responsible_id: self.person,
            assigned_at: Some("2026-11-10T09:00".into()),
            deadline: Some(deadline.into()),
            feedback_cycle: Some(cycle.into()),
            ..Default::default()
        };
        assignment::register(&mut self.conn, &input).expect("register")
    }

    fn act(&mut self, id: i64, steps: &[Step]) {
        let input =
            ActionInput {
                actor_id: self.person, note: Some("已按要求办理".into()), satisfaction: None
            };
        for step in steps {
            step(&mut self.conn, id, &input).expect("step");
        }
    }
}

#[test]
fn remind_lists_one_entry_per_need_with_its_reason() {
    let mut l = Ledger::new();
    let late = l.item("修复幸福路破损路面", "2026-11-18T17:30", "none");
    let soon = l.item("清理背街小巷积存垃圾", "2026-11-19T17:30", "none");
    let weekly = l.item("老旧小区改造进展", "2026-12-31T17:30", "weekly");
    let reported = l.item("整治占道经营", "2026-12-31T17:30", "none");
    l.act(reported, &[assignment::assign, assignment::accept, assignment::report_result]);
    let closed = l.item("更换小区路灯", "2026-12-31T17:30", "none");
    l.act(closed, &[assignment::assign, assignment::accept, assignment::report_result, assignment::pass]);
    l.conn
        .execute("UPDATE assignment SET closed_at = '2026-10-15T10:00:00+08:00' WHERE id = ?1", [closed])
        .expect("backdate the closing");
    let extension = l.item("编制停车场规划", "2026-12-31T17:30", "none");
    l.act(extension, &[assignment::assign, assignment::accept]);
    let req = ExtensionInput {
        actor_id: l.person,
        reason: "等待规划批复".into(),
        new_deadline: "2027-01-29".into(),
    };
    assignment::request_extension(&mut l.conn, extension, &req).expect("request");
    let quiet = l.item("整理年度台账", "2026-12-31T17:30", "none");

    // Thursday 19 November 2026, 10:00.
    let found = list(&l.conn, at("2026-11-19T10:00")).expect("list");
    let of = |id: i64| found.iter().filter(|r| r.id == id).map(|r| r.kind).collect::<Vec<_>>();
    assert_eq!(of(late), [RemindKind::Overdue]);
    assert_eq!(of(soon), [RemindKind::DueSoon]);
    assert_eq!(of(weekly), [RemindKind::FeedbackDue], "a weekly report due on 17 November was missed");
    assert_eq!(of(reported), [RemindKind::CheckPending]);
    assert_eq!(of(closed), [RemindKind::RevisitDue], "closed 35 days ago: the 30-day revisit is due");
    assert_eq!(of(extension), [RemindKind::ExtensionPending]);
    assert!(of(quiet).is_empty());

    let reason = |id: i64| found.iter().find(|r| r.id == id).map(|r| r.reason.clone()).unwrap_or_default();
    assert_eq!(reason(late), "已超期 1 天（办理时限 2026-11-18 17:30）");
    assert_eq!(reason(soon), "将于 2026-11-19 17:30 到期");
    assert!(reason(weekly).contains("已逾期"), "{}", reason(weekly));
    assert_eq!(reason(closed), "2026-10-15 办结，已满 30 天，待进行 30 天回访");
    assert!(reason(extension).starts_with("申请延期至 2027-01-29 17:30"), "{}", reason(extension));
    // In the kinds' order.
    let kinds: Vec<RemindKind> = found.iter().map(|r| r.kind).collect();
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|k| *k as u8);
    assert_eq!(kinds, sorted);

    // A request made before 中止 is still to be decided; the suspended item is neither late nor due.
    l.act(extension, &[assignment::suspend]);
    let again = list(&l.conn, at("2026-11-19T10:00")).expect("list");
    let kinds: Vec<RemindKind> = again.iter().filter(|r| r.id == extension).map(|r| r.kind).collect();
    assert_eq!(kinds, [RemindKind::ExtensionPending]);

    // 工作台 opens the same items in the ledger.
    let pick = crate::workbench::WorkbenchPick::List { kind: RemindKind::Overdue, unit_id: Some(l.unit) };
    assert_eq!(crate::workbench::item_ids(&l.conn, &pick, at("2026-11-19T10:00")).expect("ids"), [late]);

    // A held 30-day revisit makes the 90-day one next, due only after 90 days.
    assignment::revisit(
        &mut l.conn,
        closed,
        &crate::assignment::RevisitInput {
            actor_id: l.person,
            day: 30,
            held: true,
            note: None,
            satisfaction: Some(95),
        },
    )
    .expect("revisit");
    assert!(list(&l.conn, at("2026-11-19T10:00")).expect("list").iter().all(|r| r.id != closed));
    let later = list(&l.conn, at("2027-01-14T10:00")).expect("list");
    assert!(later.iter().any(|r| r.id == closed && r.reason.contains("90 天回访")));
}

#[test]
fn remind_settings_are_checked_and_quiet_hours_run_over_midnight() {
    let conn = memory_db();
    assert_eq!(get_settings(&conn).expect("get"), RemindSettings::default());
    let bad = RemindSettings { quiet_from: "25:00".into(), ..RemindSettings::default() };
    assert_eq!(set_settings(&conn, &bad).expect_err("bad").field().as_deref(), Some("quiet_from"));
    let bad = RemindSettings { every_minutes: 0, ..RemindSettings::default() };
    assert_eq!(set_settings(&conn, &bad).expect_err("bad").field().as_deref(), Some("every_minutes"));
    let s = RemindSettings::default();
    assert!(s.is_quiet(at("2026-11-19T22:00")));
    assert!(s.is_quiet(at("2026-11-20T07:59")));
    assert!(!s.is_quiet(at("2026-11-20T08:00")));
    assert!(!s.is_quiet(at("2026-11-20T12:00")));
    let lunch = RemindSettings { quiet_from: "12:00".into(), quiet_to: "14:00".into(), ..s.clone() };
    assert!(lunch.is_quiet(at("2026-11-20T12:30")) && !lunch.is_quiet(at("2026-11-20T22:00")));
    let none = RemindSettings { quiet_to: "18:00".into(), ..s };
    assert!(!none.is_quiet(at("2026-11-19T23:00")));
}

#[test]
fn remind_the_bell_carries_only_the_kinds_chosen() {
    let mut l = Ledger::new();
    l.item("修复幸福路破损路面", "2026-11-18T17:30", "none");
    l.item("清理背街小巷积存垃圾", "2026-11-19T17:30", "none");
    let s = RemindSettings { kinds: vec![RemindKind::Overdue], ..RemindSettings::default() };
    set_settings(&l.conn, &s).expect("set");
    let bell = for_bell(&l.conn, at("2026-11-19T10:00")).expect("bell");
    assert_eq!(bell.iter().map(|r| r.kind).collect::<Vec<_>>(), [RemindKind::Overdue]);
    assert_eq!(list(&l.conn, at("2026-11-19T10:00")).expect("list").len(), 2);
}

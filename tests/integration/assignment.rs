//! Integration tests of 交办事项 against a real SQLite file: the core API across reopening, and the
//! `luoshi-cli item` and `luoshi-cli demo` commands.

use std::path::Path;

use luoshi_core::assignment::{self, ActionInput, AssignmentInput, EventKind, LedgerQuery, Light, State};
use luoshi_core::Store;

use crate::fixtures::{cli, item_directory, json};

/// Two units and a person in a fresh data folder: (unit id, other unit id, person id).
fn directory(dir: &Path) -> (i64, i64, i64) {
    let d = item_directory(&mut Store::open(dir).expect("opens"));
    (d.unit, d.other_unit, d.person)
}

#[test]
fn the_timeline_survives_reopening_and_cannot_be_rewritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (unit, other, person) = directory(dir.path());
    let id = {
        let mut store = Store::open(dir.path()).expect("opens");
        let input = AssignmentInput {
            title: "关于幸福小区供暖不达标问题的整改".into(),
            source: "领导批示".into(),
            content: "请市住建局牵头，会同市城管局核实整改并反馈。".into(),
            category: "复杂协同类".into(),
            lead_unit_id: unit,
            cooperating_unit_ids: vec![other],
            responsible_id: person,
            classification: Some("内部".into()),
            ..Default::default()
        };
        let id = assignment::register(store.conn_mut(), &input).expect("register");
        let a = |note: &str| ActionInput { actor_id: person, note: Some(note.into()), satisfaction: None };
        let conn = store.conn_mut();
        assignment::assign(conn, id, &a("请按时办理")).expect("assign");
        assignment::accept(conn, id, &a("已签收")).expect("accept");
        assignment::report_progress(conn, id, &a("已现场核查")).expect("progress");
        assignment::report_result(conn, id, &a("已整改")).expect("report");
        assignment::return_for_redo(conn, id, &a("缺少测温记录")).expect("return");
        assignment::report_result(conn, id, &a("已补充测温记录")).expect("report");
        assignment::pass(conn, id, &ActionInput { actor_id: person, note: None, satisfaction: Some(96) })
            .expect("pass");
        id
    };
    let store = Store::open(dir.path()).expect("reopens");
    let detail = assignment::get_assignment_detail(store.conn(), id).expect("detail");
    assert_eq!(detail.item.state, State::Closed);
    assert_eq!(detail.item.light, Light::ClosedOnTime);
    assert_eq!(detail.item.cooperating_units.len(), 1);
    let kinds: Vec<EventKind> = detail.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds.len(), 8);
    assert_eq!(kinds[5], EventKind::Return);
    assert_eq!(detail.events[5].note.as_deref(), Some("缺少测温记录"));
    let err = store.conn().execute("DELETE FROM assignment_event", []).expect_err("append-only");
    assert!(err.to_string().contains("不可删除"), "{err}");
    let err = store
        .conn()
        .execute("UPDATE assignment_event SET at = '2000-01-01T00:00:00+08:00'", [])
        .expect_err("append-only");
    assert!(err.to_string().contains("不可修改"), "{err}");
}

#[test]
fn cli_registers_moves_and_lists_items() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (unit, _, person) = directory(dir.path());
    let (unit, person) = (unit.to_string(), person.to_string());
    let added = json(&cli(
        dir.path(),
        &[
            "item",
            "add",
            "--title",
            "关于城东片区供暖问题的督办",
            "--source",
            "来信来访/群众诉求",
            "--content",
            "群众反映城东片区供暖温度偏低，请核实处置。",
            "--category",
            "routine",
            "--lead-unit",
            &unit,
            "--responsible",
            &person,
            "--assigned-at",
            "2026-09-30T16:00",
            "--tag",
            "民生,供暖",
        ],
    ));
    assert_eq!(added["item"]["number"], "督〔2026〕1号");
    assert_eq!(added["item"]["deadline"], "2026-10-10T17:30:00+08:00", "调休 Saturday counts");
    assert_eq!(added["item"]["state"], "registered");
    let id = added["item"]["id"].as_i64().expect("id").to_string();

    // Accepting before it is assigned: exit 2 with the Chinese message naming state and action.
    let out = cli(dir.path(), &["item", "event", &id, "accept", "--actor", &person]);
    assert_eq!(out.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("登记") && msg.contains("签收"), "{msg}");

    for (action, note) in
        [("assign", "请办理"), ("accept", "已签收"), ("progress", "已约谈供热公司"), ("report", "已恢复供暖")]
    {
        let moved =
            json(&cli(dir.path(), &["item", "event", &id, action, "--actor", &person, "--note", note]));
        assert_eq!(moved["events"].as_array().expect("events").last().expect("last")["note"], note);
    }
    let out = cli(dir.path(), &["item", "event", &id, "return", "--actor", &person]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("请填写退回理由"));
    json(&cli(dir.path(), &["item", "event", &id, "return", "--actor", &person, "--note", "温度仍不达标"]));
    json(&cli(dir.path(), &["item", "event", &id, "report", "--actor", &person, "--note", "复测达标"]));
    let closed =
        json(&cli(dir.path(), &["item", "event", &id, "pass", "--actor", &person, "--satisfaction", "95"]));
    assert_eq!(closed["item"]["state"], "closed");
    assert_eq!(closed["item"]["returned_count"], 1);

    let shown = json(&cli(dir.path(), &["item", "show", &id]));
    assert_eq!(shown["events"].as_array().expect("events").len(), 8);
    let found = json(&cli(dir.path(), &["item", "list", "--text", "供暖"]));
    assert_eq!(found["total"], 1);
    let none = json(&cli(dir.path(), &["item", "list", "--text", "拆迁"]));
    assert_eq!(none["total"], 0);
    let closed = json(&cli(dir.path(), &["item", "list", "--state", "已办结", "--tag", "民生"]));
    assert_eq!(closed["total"], 1);

    let out = cli(
        dir.path(),
        &[
            "item",
            "add",
            "--title",
            "x",
            "--source",
            "微博",
            "--content",
            "y",
            "--category",
            "routine",
            "--lead-unit",
            &unit,
            "--responsible",
            &person,
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("来源“微博”无效"));
    let out = cli(dir.path(), &["item", "list", "--light", "紫灯"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cli_demo_fills_a_varied_ledger() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = json(&cli(dir.path(), &["demo", "--items", "1500"]));
    assert_eq!(report["items"], 1500);
    assert!(report["events"].as_i64().expect("events") > 1500 * 5);
    let red = json(&cli(dir.path(), &["item", "list", "--light", "red", "--limit", "5"]));
    assert!(red["total"].as_i64().expect("total") > 0, "some overdue");
    assert!(red["rows"][0]["overdue"].as_bool().expect("overdue"));
    let search = json(&cli(dir.path(), &["item", "list", "--text", "供暖", "--sort", "number"]));
    assert!(search["total"].as_i64().expect("total") > 0);
    for row in search["rows"].as_array().expect("rows") {
        assert!(row["title"].as_str().expect("title").contains("供暖"));
    }
    let store = Store::open(dir.path()).expect("opens");
    let page = assignment::ledger(
        store.conn(),
        &LedgerQuery { sort: Some(assignment::LedgerSort::Light), ..Default::default() },
    )
    .expect("ledger");
    assert_eq!(page.total, 1500);
    assert_eq!(page.rows.len(), 50);
    let states: i64 = store
        .conn()
        .query_row("SELECT count(DISTINCT state) FROM assignment", [], |r| r.get(0))
        .expect("states");
    assert!(states >= 6, "{states}");
    let out = cli(dir.path(), &["demo", "--items", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

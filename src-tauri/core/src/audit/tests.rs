//! The chain and each way of tampering with it, the triggers dropped or not.

use rusqlite::Connection;

use super::*;
use crate::assignment::{self, AssignmentInput};
use crate::test_support::{self, ItemDirectory};

fn item(conn: &mut Connection) -> i64 {
    let d = ItemDirectory::add(conn, ["住建局", "城管局"], "王建国");
    let input = AssignmentInput {
        title: "关于幸福小区供暖不达标问题的整改".into(),
        source: "来信来访/群众诉求".into(),
        content: "群众反映幸福小区供暖温度不达标，请住建局牵头核实整改。".into(),
        category: "routine".into(),
        lead_unit_id: d.unit,
        cooperating_unit_ids: vec![d.other_unit],
        responsible_id: d.person,
        ..Default::default()
    };
    assignment::register(conn, &input).expect("register")
}

fn records(conn: &Connection, kind: &str) -> Vec<AuditRecord> {
    let filter = AuditFilter { object_kind: Some(kind.into()), limit: Some(10_000), ..Default::default() };
    list(conn, &filter).expect("list")
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count")
}

/// A trail with an item, and verify says it is whole.
fn whole() -> Connection {
    let mut conn = test_support::memory_db();
    item(&mut conn);
    let report = verify(&conn).expect("verify");
    assert!(report.ok, "{:?}", report.problems);
    conn
}

fn drop_triggers(conn: &Connection) {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("names");
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\"")).expect("drop");
    }
}

#[test]
fn every_write_is_chained_and_verifies() {
    let conn = whole();
    let item = records(&conn, "assignment");
    assert_eq!(item.len(), 1);
    assert_eq!(item[0].action, "insert");
    assert_eq!(item[0].action_label, "新增");
    assert_eq!(item[0].object_label, "交办事项");
    assert_eq!(
        item[0].after.as_ref().and_then(|a| a["title"].as_str()),
        Some("关于幸福小区供暖不达标问题的整改")
    );
    assert_eq!(item[0].actor, "未设置");
    assert_eq!(records(&conn, "assignment_event").len(), 1);
    assert!(!records(&conn, "unit").is_empty() && !records(&conn, "person").is_empty());
    // Links: each record's prev_hash is the hash of the one before.
    let all = list(&conn, &AuditFilter { limit: Some(10_000), ..Default::default() }).expect("list");
    let prev: Option<String> = conn
        .query_row("SELECT prev_hash FROM audit_log WHERE seq = ?1", [all[0].seq], |r| r.get(0))
        .expect("prev");
    assert_eq!(prev.as_deref(), Some(all[1].hash.as_str()));
}

#[test]
fn edits_record_before_and_after_and_no_change_records_nothing() {
    let mut conn = test_support::memory_db();
    let unit = test_support::add_unit(&mut conn, &test_support::unit("办公室"));
    let before = count(&conn);
    conn.execute("UPDATE unit SET name = name WHERE id = ?1", [unit]).expect("no-op");
    assert_eq!(count(&conn), before, "an update that changes nothing records nothing");
    let input = crate::org::UnitInput { name: "综合办公室".into(), ..test_support::unit("x") };
    crate::org::update_unit(&mut conn, unit, &input).expect("update");
    let last = &records(&conn, "unit")[0];
    assert_eq!(last.action, "update");
    assert_eq!(last.before.as_ref().map(|b| b["name"].clone()), Some("办公室".into()));
    assert_eq!(last.after.as_ref().map(|a| a["name"].clone()), Some("综合办公室".into()));
}

#[test]
fn actor_is_the_local_profile() {
    let mut conn = test_support::memory_db();
    let input = crate::profile::ProfileInput { name: "李秘书".into(), unit_name: "办公室".into() };
    crate::profile::set_profile(&mut conn, &input).expect("profile");
    crate::settings::set(&conn, "x.test", &1).expect("setting");
    assert_eq!(records(&conn, "setting")[0].actor, "李秘书");
}

#[test]
fn the_trail_refuses_update_and_delete() {
    let conn = whole();
    let err = conn.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 1", []).expect_err("refused");
    assert!(err.to_string().contains("审计日志只能追加"), "{err}");
    let err = conn.execute("DELETE FROM audit_log WHERE seq = 1", []).expect_err("refused");
    assert!(err.to_string().contains("审计日志只能追加"), "{err}");
}

#[test]
fn a_record_changed_with_the_triggers_dropped_is_named() {
    let conn = whole();
    drop_triggers(&conn);
    conn.execute("UPDATE audit_log SET actor = '张三' WHERE seq = 3", []).expect("tamper");
    let report = verify(&conn).expect("verify");
    assert!(!report.ok);
    assert_eq!(report.first_broken, Some(3));
    assert_eq!(report.problems[0].kind, ProblemKind::Changed);
    assert!(report.problems[0].message.contains("第 3 号"), "{}", report.problems[0].message);
    let err = report.error().expect("an error");
    assert_eq!(err.code(), "audit_broken");
    assert!(err.to_string().contains("第 3 号"));
}

#[test]
fn a_removed_record_is_named() {
    let conn = whole();
    drop_triggers(&conn);
    conn.execute("DELETE FROM audit_log WHERE seq = 4", []).expect("tamper");
    let report = verify(&conn).expect("verify");
    assert_eq!(report.first_broken, Some(5));
    assert_eq!(report.problems[0].kind, ProblemKind::Removed);
    assert!(report.problems[0].message.contains("第 4 号"), "{}", report.problems[0].message);
}

#[test]
fn a_forged_record_is_named() {
    let conn = whole();
    drop_triggers(&conn);
    let last: i64 = conn.query_row("SELECT max(seq) FROM audit_log", [], |r| r.get(0)).expect("max");
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, object_kind, object_id, before, after, prev_hash, hash)
         SELECT seq + 1, at, actor, action, object_kind, object_id, before, after, hash, hash FROM audit_log WHERE seq = ?1",
        [last],
    )
    .expect("forge");
    let report = verify(&conn).expect("verify");
    assert_eq!(report.first_broken, Some(last + 1));
    assert_eq!(report.problems[0].kind, ProblemKind::Changed);
}

#[test]
fn a_record_forged_with_a_right_hash_but_no_link_is_named() {
    let conn = whole();
    drop_triggers(&conn);
    // Moves record 2 away and puts a well-hashed record in its place whose link is wrong.
    use rusqlite::types::ValueRef;
    let fields = [
        ValueRef::Null,
        ValueRef::Integer(2),
        ValueRef::Text("2026-01-01T00:00:00+08:00".as_bytes()),
        ValueRef::Text("张三".as_bytes()),
        ValueRef::Text(b"insert"),
        ValueRef::Text(b"note"),
        ValueRef::Text(b"1"),
        ValueRef::Null,
        ValueRef::Null,
    ];
    let hash = hash_values(&fields).expect("hash");
    conn.execute("DELETE FROM audit_log WHERE seq = 2", []).expect("remove");
    conn.execute(
        "INSERT INTO audit_log VALUES (2, '2026-01-01T00:00:00+08:00', '张三', 'insert', 'note', '1', NULL, NULL, NULL, ?1)",
        [&hash],
    )
    .expect("forge");
    let report = verify(&conn).expect("verify");
    assert_eq!(report.first_broken, Some(2));
    assert_eq!(report.problems[0].kind, ProblemKind::Inserted);
}

#[test]
fn an_event_rewritten_in_place_is_found() {
    let conn = whole();
    // REPLACE meets the append-only delete trigger (recursive_triggers).
    let err = conn
        .execute("REPLACE INTO assignment_event SELECT id, assignment_id, kind, from_state, to_state, actor_id, entered_by, at, '改过的说明', payload FROM assignment_event", [])
        .map(|_| ());
    assert!(err.is_err(), "REPLACE is refused while the triggers are there");
    drop_triggers(&conn);
    conn.execute("UPDATE assignment_event SET note = '改过的说明'", []).expect("tamper");
    let report = verify(&conn).expect("verify");
    assert!(!report.ok);
    let data: Vec<&AuditProblem> = report.problems.iter().filter(|p| p.kind == ProblemKind::Data).collect();
    assert_eq!(data.len(), 1, "{:?}", report.problems);
    assert!(data[0].message.contains("assignment_event"), "{}", data[0].message);
    assert!(report.problems.iter().any(|p| p.kind == ProblemKind::Trigger));
}

#[test]
fn a_dropped_trigger_is_found_and_so_is_what_it_let_through() {
    let mut conn = whole();
    conn.execute_batch("DROP TRIGGER audit_unit_insert").expect("drop");
    let report = verify(&conn).expect("verify");
    assert_eq!(report.problems.len(), 1);
    assert!(report.problems[0].message.contains("audit_unit_insert"));
    test_support::add_unit(&mut conn, &test_support::unit("后来的单位"));
    let report = verify(&conn).expect("verify");
    assert!(report
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::Data && p.message.contains("没有审计记录")));
}

#[test]
fn a_row_deleted_with_the_triggers_dropped_is_found() {
    let conn = whole();
    drop_triggers(&conn);
    conn.execute("DELETE FROM assignment_cooperator", []).expect("tamper");
    let report = verify(&conn).expect("verify");
    assert!(report.problems.iter().any(|p| p.kind == ProblemKind::Data && p.message.contains("已不存在")));
}

#[test]
fn rows_present_when_the_trail_starts_get_baselines() {
    let mut conn = Connection::open_in_memory().expect("db");
    crate::db::configure(&conn).expect("configure");
    crate::db::migrate_to(&mut conn, 4).expect("v4");
    test_support::add_unit(&mut conn, &test_support::unit("办公室"));
    crate::db::migrate(&mut conn).expect("v5");
    let unit = records(&conn, "unit");
    assert_eq!(unit.len(), 1);
    assert_eq!(unit[0].action, "baseline");
    assert!(verify(&conn).expect("verify").ok);
}

#[test]
fn an_import_writes_a_note() {
    let mut conn = test_support::memory_db();
    let templates = crate::summary::list_templates(&conn, false).expect("templates");
    let text = crate::summary::export_template(&conn, templates[0].id).expect("export");
    let imported = crate::summary::import_template(&mut conn, &text).expect("import");
    let notes = records(&conn, "template_file");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].action, "import");
    assert_eq!(notes[0].object_id, imported.id.to_string());
    assert!(verify(&conn).expect("verify").ok);
}

#[test]
fn filters_by_date() {
    let conn = whole();
    let today = crate::time::now().date_naive();
    let on = AuditFilter { from: Some(today), to: Some(today), ..Default::default() };
    assert!(!list(&conn, &on).expect("list").is_empty());
    let before = AuditFilter { to: Some(today.pred_opt().expect("day")), ..Default::default() };
    assert!(list(&conn, &before).expect("list").is_empty());
}

#[test]
fn the_hash_is_of_the_documented_canonical_form() {
    use rusqlite::types::ValueRef;
    use sha2::{Digest, Sha256};
    // Escapes, 中文 and a nested JSON text: the form must be serde_json's compact array, byte for byte.
    let prev = "9f".repeat(32);
    let before = "{\"name\":\"办公室\",\"note\":\"引号\\\" 反斜杠\\\\ 换行\\n\"}";
    let fields = [
        ValueRef::Text(prev.as_bytes()),
        ValueRef::Integer(7),
        ValueRef::Text("2026-12-02T10:00:00+08:00".as_bytes()),
        ValueRef::Text("李秘书".as_bytes()),
        ValueRef::Text(b"update"),
        ValueRef::Text(b"unit"),
        ValueRef::Text(b"3"),
        ValueRef::Text(before.as_bytes()),
        ValueRef::Null,
    ];
    let documented = serde_json::json!([
        prev,
        7,
        "2026-12-02T10:00:00+08:00",
        "李秘书",
        "update",
        "unit",
        "3",
        before,
        null
    ])
    .to_string();
    let expected: String = Sha256::digest(documented.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hash_values(&fields), Ok(expected));
    assert!(hash_values(&[ValueRef::Blob(b"x")]).is_err(), "a blob has no canonical form");
}

/// The unit's edit trigger as migration 0005 wrote it: the whole row before and after.
fn edit_trigger_of_0005(conn: &Connection) {
    let unit = tables(conn).expect("tables").into_iter().find(|t| t.name == "unit").expect("unit");
    let record = record_insert(
        "'update'",
        "'unit'",
        &unit.id_expr("NEW."),
        &unit.row_json("OLD."),
        &unit.row_json("NEW."),
    );
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_unit_update; CREATE TRIGGER audit_unit_update AFTER UPDATE ON unit BEGIN {record}; END"
    ))
    .expect("0005 trigger");
}

#[test]
fn an_edit_records_only_the_columns_it_changed() {
    let mut conn = test_support::memory_db();
    let unit = test_support::add_unit(&mut conn, &test_support::unit("办公室"));
    conn.execute("UPDATE unit SET name = '综合办公室', short_name = '综办' WHERE id = ?1", [unit])
        .expect("edit");
    let last = &records(&conn, "unit")[0];
    assert_eq!(last.action, "update");
    assert_eq!(last.before, Some(serde_json::json!({"name": "办公室", "short_name": null})));
    assert_eq!(last.after, Some(serde_json::json!({"name": "综合办公室", "short_name": "综办"})));
    let order: i64 =
        conn.query_row("SELECT sort_order FROM unit WHERE id = ?1", [unit], |r| r.get(0)).expect("order");
    conn.execute("UPDATE unit SET short_name = NULL, sort_order = ?2 WHERE id = ?1", [unit, order + 3])
        .expect("edit");
    let last = &records(&conn, "unit")[0];
    assert_eq!(last.before, Some(serde_json::json!({"short_name": "综办", "sort_order": order})));
    assert_eq!(last.after, Some(serde_json::json!({"short_name": null, "sort_order": order + 3})));
    assert!(verify(&conn).expect("verify").ok, "the edits laid over the insert give the row");
}

#[test]
fn changes_compare_as_sql_is_does() {
    use rusqlite::types::ValueRef::{Integer, Null, Real, Text};
    let got = changes(&[
        Integer(0),
        Text(b"a"),
        Null,
        Null,
        Text(b"b"),
        Integer(1),
        Real(1.0),
        Text(b"c"),
        Null,
        Text(b"x"),
    ]);
    assert_eq!(got.as_deref(), Ok("{\"c\":null}"), "null is null, 1 is 1.0");
    let got = changes(&[Integer(1), Text(b"c"), Text("旧\"".as_bytes()), Text("新\n".as_bytes())]);
    assert_eq!(got.as_deref(), Ok("{\"c\":\"新\\n\"}"));
    assert!(changes(&[Integer(2), Text(b"c"), Null, Integer(1)]).is_err(), "side is 0 or 1");
    assert!(changes(&[Integer(0), Text(b"c"), Null]).is_err(), "triples");
}

#[test]
fn a_trail_spanning_migration_0006_verifies_and_still_finds_tampering() {
    let mut conn = Connection::open_in_memory().expect("db");
    crate::db::configure(&conn).expect("configure");
    crate::db::migrate_to(&mut conn, 5).expect("v5");
    edit_trigger_of_0005(&conn);
    let unit = test_support::add_unit(&mut conn, &test_support::unit("办公室"));
    conn.execute("UPDATE unit SET name = '综合办公室' WHERE id = ?1", [unit]).expect("edit in 0005");
    let old = records(&conn, "unit")[0].clone();
    assert_eq!(old.after.as_ref().map(|a| a["kind"].clone()), Some("internal".into()), "0005: the whole row");
    crate::db::migrate(&mut conn).expect("v6");
    conn.execute("UPDATE unit SET short_name = '综办' WHERE id = ?1", [unit]).expect("edit in 0006");
    let new = records(&conn, "unit")[0].clone();
    assert_eq!(new.after, Some(serde_json::json!({"short_name": "综办"})));
    let report = verify(&conn).expect("verify");
    assert!(report.ok, "{:?}", report.problems);
    // A column last recorded by the 0005 edit, changed with the triggers dropped, is found.
    drop_triggers(&conn);
    conn.execute("UPDATE unit SET kind = 'external' WHERE id = ?1", [unit]).expect("tamper");
    let report = verify(&conn).expect("verify");
    let data: Vec<&AuditProblem> = report.problems.iter().filter(|p| p.kind == ProblemKind::Data).collect();
    assert_eq!(data.len(), 1, "{:?}", report.problems);
    assert_eq!(data[0].seq, Some(new.seq), "named with the last record of the row");
    assert!(data[0].message.contains("被直接改动"), "{}", data[0].message);
    // A changed 0005 record still breaks the chain.
    conn.execute("UPDATE audit_log SET after = replace(after, '综合', '综') WHERE seq = ?1", [old.seq])
        .expect("tamper");
    let report = verify(&conn).expect("verify");
    assert_eq!(report.first_broken, Some(old.seq));
    assert_eq!(report.problems[0].kind, ProblemKind::Changed);
}

#[test]
fn an_edited_row_changed_again_with_the_triggers_dropped_is_found() {
    let mut conn = test_support::memory_db();
    let unit = test_support::add_unit(&mut conn, &test_support::unit("办公室"));
    conn.execute("UPDATE unit SET name = '综合办公室' WHERE id = ?1", [unit]).expect("edit");
    drop_triggers(&conn);
    // The edit's record holds only the name: the other columns come from the insert's record.
    let order: i64 =
        conn.query_row("SELECT sort_order FROM unit WHERE id = ?1", [unit], |r| r.get(0)).expect("order");
    conn.execute("UPDATE unit SET sort_order = ?2 WHERE id = ?1", [unit, order + 9]).expect("tamper");
    let report = verify(&conn).expect("verify");
    assert!(report.problems.iter().any(|p| p.kind == ProblemKind::Data && p.message.contains("被直接改动")));
    conn.execute("UPDATE unit SET sort_order = ?2, name = '别的名称' WHERE id = ?1", [unit, order])
        .expect("tamper");
    let report = verify(&conn).expect("verify");
    assert!(report.problems.iter().any(|p| p.kind == ProblemKind::Data && p.message.contains("被直接改动")));
    conn.execute("UPDATE unit SET name = '综合办公室' WHERE id = ?1", [unit]).expect("put back");
    let report = verify(&conn).expect("verify");
    assert!(report.problems.iter().all(|p| p.kind == ProblemKind::Trigger), "{:?}", report.problems);
}

#[test]
fn a_migration_that_adds_a_column_records_every_row_whole_again() {
    let mut conn = whole();
    let unit: i64 = conn.query_row("SELECT min(id) FROM unit", [], |r| r.get(0)).expect("unit");
    crate::org::update_unit(
        &mut conn,
        unit,
        &crate::org::UnitInput {
            name: "住房和城乡建设局".into(), ..test_support::unit("住房和城乡建设局")
        },
    )
    .expect("an edit, recorded as its changed columns");
    // What a later migration does: a column with a default, then the triggers reinstalled.
    let tx = crate::db::begin_write(&mut conn).expect("tx");
    tx.execute_batch("ALTER TABLE unit ADD COLUMN region TEXT NOT NULL DEFAULT '市本级'").expect("alter");
    install(&tx).expect("install");
    tx.commit().expect("commit");
    let report = verify(&conn).expect("verify");
    assert!(report.ok, "the new column is in the trail: {:?}", report.problems);
    // And it is watched from now on: changed behind the triggers' back, it is found.
    conn.execute_batch("DROP TRIGGER audit_unit_update").expect("drop");
    conn.execute("UPDATE unit SET region = '开发区' WHERE id = ?1", [unit]).expect("tamper");
    let report = verify(&conn).expect("verify");
    assert!(!report.ok);
    // Reinstalling without a change of columns records nothing again.
    let before = count(&conn);
    install(&conn).expect("install");
    assert_eq!(count(&conn), before);
}

//! 审计日志 through the CLI on a real file: `audit verify`, `audit list`, `db check`, tampering done
//! with the sqlite3 shell (which cannot write through the trail's triggers, so drops them first),
//! restores that carry the chain on, and an older file that gets baselines.

use std::path::Path;
use std::process::Command;

use luoshi_core::{db, paths, Store};

use crate::fixtures::{cli, json};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs SQL with the sqlite3 shell on the data file; returns (success, stderr).
fn shell(dir: &Path, sql: &str) -> (bool, String) {
    let out = Command::new("sqlite3")
        .arg(dir.join(paths::DATABASE_FILE))
        .arg(sql)
        .output()
        .expect("sqlite3 is needed for these tests");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Every trigger of the file, as a DROP script.
fn drop_all_triggers(dir: &Path) {
    let conn = rusqlite::Connection::open(dir.join(paths::DATABASE_FILE)).expect("opens");
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    let script: String = names.iter().map(|n| format!("DROP TRIGGER \"{n}\";")).collect();
    drop(conn);
    assert!(shell(dir, &script).0);
}

#[test]
fn a_good_trail_verifies_and_lists_by_object_and_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "5"]));
    let report = json(&cli(dir.path(), &["audit", "verify"]));
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["records"].as_i64().expect("records") > 5);

    let item = json(&cli(dir.path(), &["audit", "list", "--object", "assignment:1"]));
    let records = item.as_array().expect("list");
    assert!(records.iter().all(|r| r["object_kind"] == "assignment" && r["object_id"] == "1"), "{item}");
    let first = records.last().expect("the item's first record");
    assert_eq!(first["action"], "insert");
    assert_eq!(first["object_label"], "交办事项");
    assert!(first["after"]["title"].is_string());

    let today = luoshi_core::time::now().date_naive().to_string();
    let on = json(&cli(dir.path(), &["audit", "list", "--from", &today, "--to", &today, "--limit", "3"]));
    assert_eq!(on.as_array().expect("list").len(), 3);
    let none = json(&cli(dir.path(), &["audit", "list", "--to", "2000-01-01"]));
    assert_eq!(none.as_array().expect("list").len(), 0);
    let bad = cli(dir.path(), &["audit", "list", "--from", "昨天"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn the_shell_cannot_write_through_the_trail() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "2"]));
    let (ok, message) = shell(dir.path(), "UPDATE unit SET name = '改名' WHERE id = 1;");
    // An edit needs luoshi_audit_changes (its changed columns) and luoshi_audit_hash; the shell has neither.
    assert!(!ok && message.contains("no such function: luoshi_audit_"), "{message}");
    let (ok, message) = shell(dir.path(), "DELETE FROM audit_log WHERE seq = 1;");
    assert!(!ok && message.contains("审计日志只能追加"), "{message}");
    assert_eq!(json(&cli(dir.path(), &["audit", "verify"]))["ok"], true);
}

#[test]
fn a_record_changed_with_the_triggers_dropped_fails_verify_and_db_check_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "3"]));
    drop_all_triggers(dir.path());
    assert!(shell(dir.path(), "UPDATE audit_log SET actor = '张三' WHERE seq = 7;").0);

    let out = cli(dir.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report on stdout");
    assert_eq!(report["ok"], false);
    assert_eq!(report["first_broken"], 7);
    let message = stderr(&out);
    assert!(message.contains("审计日志校验未通过") && message.contains("第 7 号"), "{message}");

    let out = cli(dir.path(), &["db", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("审计日志校验") && message.contains("第 7 号"), "{message}");
}

#[test]
fn a_removed_record_and_an_event_rewritten_in_place_are_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "3"]));
    drop_all_triggers(dir.path());
    assert!(shell(dir.path(), "UPDATE assignment_event SET note = '事后改写' WHERE id = 1;").0);
    let out = cli(dir.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    let problems = report["problems"].as_array().expect("problems");
    assert!(
        problems
            .iter()
            .any(|p| p["kind"] == "data" && p["message"].as_str().unwrap_or("").contains("assignment_event")),
        "{report}"
    );
    assert!(problems.iter().any(|p| p["kind"] == "trigger"), "dropped triggers are named too");

    assert!(shell(dir.path(), "DELETE FROM audit_log WHERE seq = 4;").0);
    let out = cli(dir.path(), &["audit", "verify"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(report["first_broken"], 5);
    assert!(stderr(&out).contains("第 4 号"), "{}", stderr(&out));
}

#[test]
fn a_restore_carries_the_chain_on_with_its_own_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "4"]));
    let made = json(&cli(dir.path(), &["backup", "create"]));
    json(&cli(dir.path(), &["demo", "--items", "2"]));
    json(&cli(dir.path(), &["backup", "restore", made["path"].as_str().expect("path")]));
    let last = json(&cli(dir.path(), &["audit", "list", "--limit", "1"]));
    assert_eq!(last[0]["action"], "restore", "{last}");
    assert_eq!(last[0]["object_kind"], "backup");
    assert_eq!(last[0]["after"]["sha256"], made["sha256"]);
    assert_eq!(json(&cli(dir.path(), &["audit", "verify"]))["ok"], true);
}

#[test]
fn a_version_4_backup_restores_with_baselines_and_verifies() {
    let old = tempfile::tempdir().expect("old");
    let file = old.path().join("v4.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&file).expect("opens");
        db::migrate_to(&mut conn, 4).expect("v4");
        conn.execute(
            "INSERT INTO unit (name, kind, sort_order, active, created_at, updated_at)
             VALUES ('老单位', 'internal', 1, 1, '2026-01-01T08:00:00+08:00', '2026-01-01T08:00:00+08:00')",
            [],
        )
        .expect("a row");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "1"]));
    let restored = json(&cli(dir.path(), &["backup", "restore", &file.display().to_string()]));
    assert_eq!(restored["schema_version"], 4);
    let store = Store::open(dir.path()).expect("opens");
    assert_eq!(db::schema_version(store.conn()).expect("version"), db::SCHEMA_VERSION);
    drop(store);
    let unit = json(&cli(dir.path(), &["audit", "list", "--object", "unit"]));
    assert_eq!(unit[0]["action"], "baseline", "{unit}");
    assert_eq!(unit[0]["after"]["name"], "老单位");
    assert_eq!(json(&cli(dir.path(), &["audit", "verify"]))["ok"], true);
}

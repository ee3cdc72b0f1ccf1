//! 数据与备份 through the CLI: backups, restores, refusals of files that are not a good 落实
//! database, a backup taken while another process writes, and `db check`.

use std::fs;
use std::path::Path;
use std::thread;

use luoshi_core::paths;
use rusqlite::types::ValueRef;

use crate::fixtures::{cli, cli_path, host_path, json, tool};

/// Every row of every table, as text: two files with the same dump hold the same data.
fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("opens");
    let mut tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    // The trail goes on through a restore (its record is checked in audit.rs).
    tables.retain(|t| !t.contains("search") && t != "audit_log");
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).expect("select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            let cells: Vec<String> = (0..n)
                .map(|i| match row.get_ref(i).expect("cell") {
                    ValueRef::Null => "NULL".into(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(v) => String::from_utf8_lossy(v).into_owned(),
                    ValueRef::Blob(v) => format!("{v:?}"),
                })
                .collect();
            out.push(format!("{t}: {}", cells.join("|")));
        }
    }
    out.sort();
    out
}

fn items(dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join(paths::DATABASE_FILE)).expect("opens");
    conn.query_row("SELECT count(*) FROM assignment", [], |r| r.get(0)).expect("count")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn create_list_and_restore_keep_every_item() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "60"]));
    let before = dump(&dir.path().join(paths::DATABASE_FILE));
    let made = json(&cli(dir.path(), &["backup", "create"]));
    let printed = made["path"].as_str().expect("path");
    assert!(printed.starts_with(&cli_path(&dir.path().join("backups"))), "{printed}");
    let path = host_path(printed).display().to_string();
    assert_eq!(made["bytes"].as_u64(), Some(fs::metadata(&path).expect("file").len()));
    let sum = tool("sha256sum", &[&path]);
    assert_eq!(Some(sum.split_whitespace().next().expect("sum")), made["sha256"].as_str());
    assert_eq!(made["items"], 60);
    assert_eq!(made["checked"], true);
    assert_eq!(made["reason"], "manual");

    json(&cli(dir.path(), &["demo", "--items", "5"]));
    assert_eq!(items(dir.path()), 65);
    let listed = json(&cli(dir.path(), &["backup", "list"]));
    assert_eq!(listed.as_array().expect("list").len(), 1);
    assert_eq!(listed[0]["sha256"], made["sha256"]);

    let restored = json(&cli(dir.path(), &["backup", "restore", &path]));
    assert_eq!(restored["items"], 60);
    assert_eq!(restored["previous"]["reason"], "before_restore");
    assert_eq!(restored["previous"]["items"], 65, "the data before the restore is kept");
    assert_eq!(dump(&dir.path().join(paths::DATABASE_FILE)), before, "every row back as it was");
    json(&cli(dir.path(), &["db", "check"]));

    // 另存到…: a file elsewhere, checked, with its name given an extension.
    let usb = tempfile::tempdir().expect("usb");
    let copy = json(&cli(
        dir.path(),
        &["backup", "create", "-o", &usb.path().join("落实备份").display().to_string()],
    ));
    assert_eq!(
        copy["path"].as_str(),
        Some(usb.path().join("落实备份.sqlite3").display().to_string().as_str())
    );
    assert_eq!(
        json(&cli(dir.path(), &["backup", "list"])).as_array().expect("list").len(),
        2,
        "-o is not in backups/"
    );
}

#[test]
fn restore_refuses_every_bad_file_with_exit_2_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "40"]));
    let good = json(&cli(dir.path(), &["backup", "create"]));
    let bytes = fs::read(host_path(good["path"].as_str().expect("path"))).expect("read");
    let before = dump(&dir.path().join(paths::DATABASE_FILE));
    let files = tempfile::tempdir().expect("files");

    let text = files.path().join("说明.txt");
    fs::write(&text, "不是数据库。".repeat(100)).expect("write");
    let truncated = files.path().join("截断.sqlite3");
    fs::write(&truncated, &bytes[..bytes.len() / 3]).expect("write");
    let zero_page = files.path().join("零页.sqlite3");
    let mut zeroed = bytes.clone();
    let page = 4096;
    zeroed[page * 3..page * 4].fill(0);
    fs::write(&zero_page, &zeroed).expect("write");
    let newer = files.path().join("新版.sqlite3");
    fs::write(&newer, &bytes).expect("write");
    rusqlite::Connection::open(&newer)
        .expect("open")
        .pragma_update(None, "user_version", luoshi_core::db::SCHEMA_VERSION + 1)
        .expect("newer");
    let foreign = files.path().join("别的程序.sqlite3");
    rusqlite::Connection::open(&foreign).expect("open").execute_batch("CREATE TABLE t (x);").expect("make");

    for (file, says) in [
        (&text, "不是 SQLite 数据库"),
        (&truncated, "截断"),
        (&zero_page, "已损坏"),
        (&newer, "比本程序支持的版本"),
        (&foreign, "不是落实的数据文件"),
    ] {
        let out = cli(dir.path(), &["backup", "restore", &file.display().to_string()]);
        assert_eq!(out.status.code(), Some(2), "{}: {}", file.display(), stderr(&out));
        let message = stderr(&out);
        assert!(message.contains(says) && message.contains(&file.display().to_string()), "{message}");
        assert!(message.contains("没有改动"), "{message}");
        assert!(!message.contains("file is not a database") || message.contains("SQLite 报告"), "{message}");
    }
    assert_eq!(dump(&dir.path().join(paths::DATABASE_FILE)), before);
    assert_eq!(
        json(&cli(dir.path(), &["backup", "list"])).as_array().expect("list").len(),
        1,
        "no backup made"
    );
    let left: Vec<_> = fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("e").file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")), "{left:?}");
}

#[test]
fn a_backup_taken_while_another_process_writes_is_whole_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "200"]));
    let data = dir.path().to_path_buf();
    let writer = thread::spawn(move || {
        (0..40)
            .filter(|i| {
                !cli(&data, &["unit", "add", "--name", &format!("备份时新增单位{i}"), "--kind", "下属单位"])
                    .status
                    .success()
            })
            .count()
    });
    let mut backups = Vec::new();
    for _ in 0..4 {
        backups.push(json(&cli(dir.path(), &["backup", "create"])));
    }
    assert_eq!(writer.join().expect("writer"), 0, "every write while backing up succeeded");
    for b in &backups {
        assert_eq!(b["checked"], true);
        assert_eq!(b["items"], 200);
        let conn = rusqlite::Connection::open(b["path"].as_str().expect("path")).expect("opens");
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
        assert_eq!(ok, "ok");
    }
    let conn = rusqlite::Connection::open(dir.path().join(paths::DATABASE_FILE)).expect("opens");
    let added: i64 = conn
        .query_row("SELECT count(*) FROM unit WHERE name LIKE '备份时新增单位%'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(added, 40);
}

#[test]
fn db_check_passes_a_good_file_and_names_a_broken_reference() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "10"]));
    let outcomes = json(&cli(dir.path(), &["db", "check"]));
    assert!(outcomes.as_array().expect("list").iter().all(|o| o["ok"] == true), "{outcomes}");
    let conn = rusqlite::Connection::open(dir.path().join(paths::DATABASE_FILE)).expect("opens");
    // Through the trail, so that only the reference is wrong.
    luoshi_core::audit::register(&conn).expect("register");
    conn.execute_batch("PRAGMA foreign_keys = OFF; UPDATE person SET unit_id = 9999 WHERE id = 1;")
        .expect("break");
    drop(conn);
    let out = cli(dir.path(), &["db", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("数据检查未通过") && message.contains("外键检查") && message.contains("表 person"),
        "{message}"
    );
}

#[test]
fn a_missing_data_file_is_not_replaced_by_an_empty_one_when_backups_exist() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "5"]));
    let made = json(&cli(dir.path(), &["backup", "create"]));
    let db = dir.path().join(paths::DATABASE_FILE);
    fs::remove_file(&db).expect("lose it");
    for stale in ["-wal", "-shm"] {
        let _ = fs::remove_file(dir.path().join(format!("{}{stale}", paths::DATABASE_FILE)));
    }
    let out = cli(dir.path(), &["info"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains(&db.display().to_string()) && message.contains("从备份恢复"), "{message}");
    assert!(!db.exists(), "info did not make a new empty file");
    let restored = json(&cli(dir.path(), &["backup", "restore", made["path"].as_str().expect("path")]));
    assert_eq!(restored["items"], 5);
    assert_eq!(items(dir.path()), 5);
}

#[test]
fn a_damaged_data_file_is_refused_with_a_chinese_message_and_restored_from_a_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "80"]));
    let made = json(&cli(dir.path(), &["backup", "create"]));
    let db = dir.path().join(paths::DATABASE_FILE);
    let mut bytes = fs::read(&db).expect("read");
    bytes[..100].fill(0);
    fs::write(&db, &bytes).expect("damage the header");
    let out = cli(dir.path(), &["item", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("已损坏") && message.contains(&db.display().to_string()), "{message}");
    assert!(!message.starts_with("file is not a database"), "{message}");
    assert_eq!(fs::read(&db).expect("read"), bytes, "not written to");
    let restored = json(&cli(dir.path(), &["backup", "restore", made["path"].as_str().expect("path")]));
    assert_eq!(restored["previous"]["reason"], "damaged");
    assert_eq!(items(dir.path()), 80);
}

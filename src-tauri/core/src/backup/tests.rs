use std::fs;
use std::path::Path;

use super::*;
use crate::test_support::{add_unit, unit};
use crate::Store;

fn store_with_units(dir: &Path, n: usize) -> Store {
    let mut store = Store::open(dir).expect("opens");
    for i in 0..n {
        add_unit(store.conn_mut(), &unit(&format!("单位{i:04}")));
    }
    store
}

fn units(path: &Path) -> i64 {
    let conn = inspect::open_read_only(path, None).expect("opens");
    conn.query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).expect("count")
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_backup_is_checked_recorded_and_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_units(dir.path(), 3);
    let info = create(store.conn(), BackupReason::Manual).expect("backup");
    assert!(info.checked);
    assert_eq!(info.schema_version, Some(crate::db::SCHEMA_VERSION));
    assert_eq!((info.items, info.summaries), (Some(0), Some(0)));
    assert!(info.file.starts_with("luoshi-") && info.file.ends_with("-manual.sqlite3"), "{}", info.file);
    let path = Path::new(&info.path);
    assert_eq!(fs::metadata(path).expect("file").len(), info.bytes);
    assert_eq!(inspect::sha256_file(path).expect("hash"), info.sha256);
    assert_eq!(units(path), 3);
    // A standalone file: no WAL flag (header bytes 18 and 19 say rollback journal).
    let head = fs::read(path).expect("read");
    assert_eq!((head[18], head[19]), (1, 1));
    let second = create(store.conn(), BackupReason::BeforeImport).expect("second");
    let listed = list(dir.path()).expect("list");
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&info) && listed.iter().any(|b| b.file == second.file));
    assert!(listed[0].created_at >= listed[1].created_at, "newest first");
    assert!(leftovers(&backups_dir(dir.path())).is_empty());
}

#[test]
fn a_backup_holds_commits_still_in_the_wal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("opens");
    store.conn().pragma_update(None, "wal_autocheckpoint", 0).expect("no checkpoints");
    for i in 0..50 {
        add_unit(store.conn_mut(), &unit(&format!("单位{i}")));
    }
    let wal = dir.path().join(format!("{}-wal", paths::DATABASE_FILE));
    assert!(fs::metadata(&wal).expect("wal").len() > 0, "commits are in -wal");
    // What copying the main file alone would give: the commits in -wal are missing from it.
    let copy = dir.path().join("copy.sqlite3");
    fs::copy(dir.path().join(paths::DATABASE_FILE), &copy).expect("copy");
    let info = create(store.conn(), BackupReason::Manual).expect("backup");
    assert_eq!(units(Path::new(&info.path)), 50);
}

#[test]
fn retention_keeps_the_newest_of_each_automatic_reason_and_every_manual_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = store_with_units(dir.path(), 1);
    let keep = Retention { daily: 2, monthly: 1, before_change: 1 };
    set_retention(store.conn_mut(), &keep).expect("set");
    assert_eq!(retention(store.conn()).expect("get"), keep);
    for reason in [BackupReason::Daily; 4] {
        create(store.conn(), reason).expect("daily");
    }
    for _ in 0..3 {
        create(store.conn(), BackupReason::Manual).expect("manual");
        create(store.conn(), BackupReason::BeforeImport).expect("import");
        create(store.conn(), BackupReason::BeforeRestore).expect("restore");
    }
    let all = list(dir.path()).expect("list");
    let count = |r: BackupReason| all.iter().filter(|b| b.reason == r).count();
    assert_eq!(count(BackupReason::Daily), 2);
    assert_eq!(count(BackupReason::Manual), 3);
    assert_eq!(count(BackupReason::BeforeImport), 1);
    assert_eq!(count(BackupReason::BeforeRestore), 1);
    // Every listed backup has both its files; nothing else is left in the folder.
    assert_eq!(fs::read_dir(backups_dir(dir.path())).expect("dir").count(), all.len() * 2);
    let err = set_retention(store.conn_mut(), &Retention { daily: 0, ..keep }).expect_err("zero");
    assert_eq!(err.field().as_deref(), Some("daily"));
    assert!(err.to_string().contains("每日备份保留份数"));
}

#[test]
fn the_first_start_of_a_month_makes_a_monthly_backup_and_the_rest_of_the_day_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(Store::open(dir.path()).expect("opens"));
    assert_eq!(at_start(dir.path(), None).expect("empty"), None, "an empty file is not backed up");
    drop(store_with_units(dir.path(), 2));
    let first = at_start(dir.path(), None).expect("first").expect("made");
    assert_eq!(first.reason, BackupReason::Monthly);
    assert_eq!(at_start(dir.path(), None).expect("second"), None);
}

#[test]
fn a_missing_or_empty_file_is_not_replaced_while_backups_exist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_units(dir.path(), 2);
    let info = create(store.conn(), BackupReason::Manual).expect("backup");
    drop(store);
    let db = dir.path().join(paths::DATABASE_FILE);
    for name in [format!("{}-wal", paths::DATABASE_FILE), format!("{}-shm", paths::DATABASE_FILE)] {
        let _ = fs::remove_file(dir.path().join(name));
    }
    fs::write(&db, b"").expect("empty it");
    let err = Store::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "database_missing");
    assert!(err.to_string().contains(&db.display().to_string()), "{err}");
    assert!(err.to_string().contains(&info.file), "{err}");
    assert_eq!(fs::metadata(&db).expect("still there").len(), 0, "not replaced");
    fs::remove_file(&db).expect("remove");
    assert_eq!(Store::open(dir.path()).err().expect("refused").code(), "database_missing");
    assert!(!db.exists());
    // Without backups it is a first start.
    fs::remove_dir_all(backups_dir(dir.path())).expect("no backups");
    Store::open(dir.path()).expect("a new file");
}

#[test]
fn restore_round_trip_and_the_data_before_it_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = store_with_units(dir.path(), 3);
    let backup = create(store.conn(), BackupReason::Manual).expect("backup");
    add_unit(store.conn_mut(), &unit("后来的单位"));
    let report = restore(&mut store, Path::new(&backup.path)).expect("restore");
    assert_eq!(report.sha256, backup.sha256);
    let count: i64 = store.conn().query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).expect("count");
    assert_eq!(count, 3, "the backup's data");
    let mode: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    let previous = report.previous.expect("backed up first");
    assert_eq!(previous.reason, BackupReason::BeforeRestore);
    assert_eq!(units(Path::new(&previous.path)), 4, "the data before the restore");
    assert!(leftovers(dir.path()).is_empty());
    // The store writes on into the restored file.
    add_unit(store.conn_mut(), &unit("恢复后的单位"));
    drop(store);
    assert_eq!(units(&dir.path().join(paths::DATABASE_FILE)), 4);
}

/// A file that is not a good 落实 database is refused and changes nothing.
fn refuses(dir: &Path, store: &mut Store, source: &Path, code: &str) {
    let db = dir.join(paths::DATABASE_FILE);
    let before = units(&db);
    let backups = list(dir).expect("list").len();
    let err = restore(store, source).expect_err("refused");
    assert_eq!(err.code(), code, "{err}");
    assert!(err.is_bad_input());
    assert!(err.to_string().contains(&source.display().to_string()), "names the file: {err}");
    assert_eq!(units(&db), before);
    assert_eq!(list(dir).expect("list").len(), backups, "no backup made for a refused file");
    assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
}

#[test]
fn restore_refuses_what_is_not_a_good_luoshi_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = store_with_units(dir.path(), 20);
    let good = create(store.conn(), BackupReason::Manual).expect("backup");
    let other = tempfile::tempdir().expect("other");

    let text = other.path().join("笔记.txt");
    fs::write(&text, "这不是数据库".repeat(40)).expect("write");
    refuses(dir.path(), &mut store, &text, "backup_not_a_database");

    let bytes = fs::read(&good.path).expect("read");
    let cut = other.path().join("截断.sqlite3");
    fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    refuses(dir.path(), &mut store, &cut, "backup_source_damaged");

    let foreign = other.path().join("别的.sqlite3");
    let conn = Connection::open(&foreign).expect("open");
    conn.execute_batch("CREATE TABLE notes (x); PRAGMA user_version = 2;").expect("make");
    drop(conn);
    refuses(dir.path(), &mut store, &foreign, "backup_not_luoshi");

    let newer = other.path().join("新版.sqlite3");
    fs::copy(&good.path, &newer).expect("copy");
    let conn = Connection::open(&newer).expect("open");
    conn.pragma_update(None, "user_version", crate::db::SCHEMA_VERSION + 1).expect("newer");
    drop(conn);
    refuses(dir.path(), &mut store, &newer, "backup_too_new");

    let zeroed = other.path().join("坏页.sqlite3");
    let mut damaged = bytes.clone();
    let page = 4096;
    damaged[page * 2..page * 3].fill(0);
    fs::write(&zeroed, &damaged).expect("write");
    refuses(dir.path(), &mut store, &zeroed, "backup_source_damaged");

    refuses(dir.path(), &mut store, &other.path().join("无此文件.sqlite3"), "backup_unreadable");
}

/// A data file with a page of zeros in the middle of its unit table.
fn damage(dir: &Path) {
    let db = dir.join(paths::DATABASE_FILE);
    let mut bytes = fs::read(&db).expect("read");
    assert!(bytes.len() >= 4096 * 8, "enough pages");
    let at = bytes.len() - 4096 * 3;
    bytes[at..at + 4096].fill(0);
    fs::write(&db, bytes).expect("write");
}

#[test]
fn a_damaged_file_is_found_at_start_and_a_backup_restored_over_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_units(dir.path(), 400);
    let good = create(store.conn(), BackupReason::Manual).expect("backup");
    drop(store);
    damage(dir.path());
    let checked = Store::open(dir.path()).and_then(|s| check_at_start(&s));
    let err = checked.expect_err("damaged");
    assert_eq!(err.code(), "database_damaged");
    assert!(!err.is_bad_input());
    assert!(err.to_string().contains(paths::DATABASE_FILE), "{err}");
    assert_eq!(newest_good(dir.path()).expect("list").expect("one").file, good.file);
    let (store, report) = restore_without_store(dir.path(), Path::new(&good.path), None).expect("restore");
    check_at_start(&store).expect("intact now");
    let count: i64 = store.conn().query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).expect("count");
    assert_eq!(count, 400);
    let kept = report.previous.expect("damaged file kept aside");
    assert_eq!((kept.reason, kept.checked), (BackupReason::Damaged, false));
    assert!(Path::new(&kept.path).is_file());
}

#[test]
fn db_check_names_a_broken_reference() {
    let conn = crate::test_support::memory_db();
    let outcomes = check_database(&conn);
    assert!(outcomes.iter().all(|o| o.ok), "{outcomes:?}");
    assert!(failures(&outcomes).is_none());
    conn.pragma_update(None, "foreign_keys", false).expect("off");
    conn.execute(
        "INSERT INTO person (name, unit_id, created_at, updated_at)
         VALUES ('无主', 999, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00')",
        [],
    )
    .expect("orphan");
    let outcomes = check_database(&conn);
    let err = failures(&outcomes).expect("fails");
    assert_eq!(err.code(), "db_check_failed");
    let text = err.to_string();
    assert!(text.contains("外键检查") && text.contains("表 person") && text.contains("unit"), "{text}");
}

#[test]
fn a_newer_rollback_journal_file_is_refused_before_it_becomes_wal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join(paths::DATABASE_FILE);
    let conn = Connection::open(&db).expect("open");
    conn.execute_batch("CREATE TABLE unit (id INTEGER PRIMARY KEY); PRAGMA user_version = 99;")
        .expect("make");
    drop(conn);
    let before = fs::read(&db).expect("read");
    let err = Store::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "schema_too_new");
    assert_eq!(fs::read(&db).expect("read"), before, "not a byte changed (no switch to WAL)");
    assert!(!dir.path().join(format!("{}-wal", paths::DATABASE_FILE)).exists());
}

#[test]
fn an_older_file_with_data_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join(paths::DATABASE_FILE);
    let mut conn = Connection::open(&db).expect("open");
    crate::db::migrate_to(&mut conn, 3).expect("an older app's file");
    conn.execute(
        "INSERT INTO unit (name, kind, sort_order, active, created_at, updated_at)
         VALUES ('旧单位', 'internal', 1, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00')",
        [],
    )
    .expect("a unit");
    drop(conn);
    let store = Store::open(dir.path()).expect("migrates");
    assert_eq!(crate::db::schema_version(store.conn()).expect("version"), crate::db::SCHEMA_VERSION);
    let made = list(dir.path()).expect("list");
    assert_eq!(made.len(), 1);
    assert_eq!((made[0].reason, made[0].schema_version), (BackupReason::BeforeMigration, Some(3)));
    drop(store);
    Store::open(dir.path()).expect("again");
    assert_eq!(list(dir.path()).expect("list").len(), 1, "no migration, no backup");
}

#[test]
fn an_import_is_backed_up_first_but_a_refused_file_is_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = store_with_units(dir.path(), 1);
    let text = crate::calendar::export_year_json(store.conn(), 2026).expect("export");
    assert!(crate::calendar::import_year_json(store.conn_mut(), "{").is_err());
    assert!(list(dir.path()).expect("list").is_empty());
    crate::calendar::import_year_json(store.conn_mut(), &text).expect("import");
    let made = list(dir.path()).expect("list");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].reason, BackupReason::BeforeImport);
}

#[test]
fn a_query_only_store_refuses_a_write_unchanged_until_it_is_made_writable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = store_with_units(dir.path(), 1);
    store.set_writable(false).expect("query only");
    let err = crate::org::add_unit(store.conn_mut(), &unit("检查前的单位")).expect_err("refused");
    assert!(Store::is_refused_write(&err), "{err:?}");
    store.set_writable(true).expect("writable");
    let count: i64 = store.conn().query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).expect("count");
    assert_eq!(count, 1, "the refused write left nothing");
    crate::org::add_unit(store.conn_mut(), &unit("检查后的单位")).expect("writes now");
}

#[test]
fn the_start_check_of_a_file_finds_a_damaged_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(store_with_units(dir.path(), 400));
    let db = dir.path().join(paths::DATABASE_FILE);
    quick_check_file(&db, None).expect("intact");
    damage(dir.path());
    let err = quick_check_file(&db, None).expect_err("damaged");
    assert_eq!(err.code(), "database_damaged");
    assert!(err.to_string().contains(&db.display().to_string()), "{err}");
}

//! Integration tests of the calendar area against a real SQLite file: the core API across reopening,
//! and the `luoshi-cli calendar` commands.

use luoshi_core::calendar::{self, DayKind, DaySource, LimitUnit, YearSource};
use luoshi_core::Store;

use crate::fixtures::{cli, json};

const YEAR_2027: &str = r#"{"version": 1, "years": {"2027": {
    "off": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
    "work": ["2027-01-09"]}}}"#;

#[test]
fn edits_and_imports_survive_reopening_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let date = |text: &str| calendar::parse_date("date", text).expect(text);
    {
        let mut store = Store::open(dir.path()).expect("opens");
        calendar::set_day(store.conn_mut(), date("2026-10-09"), DayKind::Offday, Some("单位调休"))
            .expect("set");
        calendar::import_year_json(store.conn_mut(), YEAR_2027).expect("import");
    }
    let store = Store::open(dir.path()).expect("reopens");
    let day = calendar::is_workday(store.conn(), date("2026-10-09")).expect("day");
    assert_eq!(
        (day.kind, day.source, day.name.as_deref()),
        (DayKind::Offday, DaySource::Edited, Some("单位调休"))
    );
    let view = calendar::year_view(store.conn(), 2027).expect("view");
    assert!(view.confirmed && view.source == YearSource::Imported);
    let start = calendar::parse_time("from", "2026-12-31T10:00").expect("time");
    let due = calendar::add_limit(store.conn(), start, 1, LimitUnit::WorkingDays).expect("due");
    assert_eq!(due.due.to_rfc3339(), "2027-01-04T17:30:00+08:00");
    assert!(due.confirmed, "2027 is imported");
}

#[test]
fn cli_add_prints_the_deadline_on_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(
        dir.path(),
        &["calendar", "add", "--from", "2026-09-30T16:00", "--amount", "3", "--unit", "working-days"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"due\": \"2026-10-10T17:30:00+08:00\", \"confirmed\": true}\n"
    );

    let cases = [
        ("working-hours", "4", "2026-10-08T11:30:00+08:00", true),
        ("hours", "24", "2026-10-01T16:00:00+08:00", true),
        ("days", "3", "2026-10-03T16:00:00+08:00", true),
    ];
    for (unit, amount, due, confirmed) in cases {
        let out = cli(
            dir.path(),
            &["calendar", "add", "--from", "2026-09-30T16:00", "--amount", amount, "--unit", unit],
        );
        assert_eq!(json(&out), serde_json::json!({"due": due, "confirmed": confirmed}), "{unit}");
    }
    let out = cli(
        dir.path(),
        &["calendar", "add", "--from", "2027-03-01T10:00", "--amount", "3", "--unit", "工作日"],
    );
    assert_eq!(json(&out), serde_json::json!({"due": "2027-03-04T17:30:00+08:00", "confirmed": false}));
}

#[test]
fn cli_is_workday_and_set_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let is_workday = |day: &str| {
        let out = cli(dir.path(), &["calendar", "is-workday", day]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(is_workday("2026-10-10"), "true");
    assert_eq!(is_workday("2026-10-01"), "false");
    assert_eq!(is_workday("2026-10-11"), "false");

    let info = json(&cli(dir.path(), &["calendar", "set-day", "2026-10-12", "--off", "--note", "单位调休"]));
    assert_eq!(info["kind"], "offday");
    assert_eq!(info["source"], "edited");
    assert_eq!(info["name"], "单位调休");
    assert_eq!(is_workday("2026-10-12"), "false");
    json(&cli(dir.path(), &["calendar", "set-day", "2026-10-11", "--work"]));
    assert_eq!(is_workday("2026-10-11"), "true");
}

#[test]
fn cli_export_then_import_round_trips_a_year() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("2026.json");
    let file_arg = file.to_str().expect("utf-8 path");
    json(&cli(dir.path(), &["calendar", "set-day", "2026-06-22", "--off"]));
    let out = json(&cli(dir.path(), &["calendar", "export", "--year", "2026", "-o", file_arg]));
    assert_eq!(out["year"], 2026);
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("written")).expect("JSON");
    assert_eq!(exported["years"]["2026"]["work"][5], "2026-10-10");

    let other = tempfile::tempdir().expect("temp dir");
    let out = json(&cli(other.path(), &["calendar", "import", file_arg]));
    assert_eq!(out, serde_json::json!({"imported": [2026]}));
    let out = cli(other.path(), &["calendar", "is-workday", "2026-06-22"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "false", "the edit travelled with the file");
    let store = Store::open(other.path()).expect("opens");
    assert_eq!(calendar::year_view(store.conn(), 2026).expect("view").source, YearSource::Imported);
}

#[test]
fn cli_bad_input_exits_2_with_a_chinese_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad_file = dir.path().join("bad.json");
    std::fs::write(&bad_file, r#"{"version": 1, "years": {"2027": {"work": ["2027-02-30"]}}}"#)
        .expect("write");
    let cases: [(&[&str], &str); 7] = [
        (
            &["calendar", "add", "--from", "2026-09-30T16:00", "--amount", "3", "--unit", "weeks"],
            "时限单位“weeks”无效",
        ),
        (
            &["calendar", "add", "--from", "2026-09-31T16:00", "--amount", "3", "--unit", "days"],
            "不是有效的时间",
        ),
        (
            &["calendar", "add", "--from", "2026-09-30T16:00", "--amount", "0", "--unit", "days"],
            "时限不能为 0",
        ),
        (
            &["calendar", "add", "--from", "2101-01-01T16:00", "--amount", "1", "--unit", "days"],
            "超出工作日历支持的范围",
        ),
        (&["calendar", "is-workday", "2026-13-01"], "不是有效的日期"),
        (&["calendar", "import", bad_file.to_str().expect("utf-8")], "years.2027.work[0]"),
        (&["calendar", "export", "--year", "2030"], "2030 年还没有工作日历"),
    ];
    for (args, message) in cases {
        let out = cli(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

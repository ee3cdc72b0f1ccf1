//! 导入台账 through the CLI, from ledgers another program wrote (`tests/fixtures/ledgers/make.py`,
//! openpyxl and xlwt): every shape imports the items its `expected.json` names, with the deadlines,
//! states and lights they should have; the mistakes are named by sheet, row and column and nothing
//! is written; the same file twice adds nothing; numbers continue after the kept ones.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use luoshi_core::org::{add_person, add_unit, PersonInput, Role, UnitInput, UnitKind};
use luoshi_core::Store;
use serde_json::Value;

use crate::fixtures::{cli, json};

/// The ledgers, written once per test run.
fn ledgers() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ledgers/make.py");
        let out = std::process::Command::new("/usr/bin/python3")
            .arg(&script)
            .arg(dir.path())
            .output()
            .expect("python3 runs (apt-get install python3-openpyxl python3-xlwt)");
        assert!(out.status.success(), "make.py: {}", String::from_utf8_lossy(&out.stderr));
        dir
    })
    .path()
}

fn ledger(name: &str) -> String {
    ledgers().join(name).to_str().expect("path").to_string()
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(ledgers().join("expected.json")).expect("expected.json"))
        .expect("json")
}

/// A data folder with the directory the ledgers name.
fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_path_buf();
    let mut store = Store::open(&path).expect("opens");
    let units = [
        ("市政府督查室", "督查室", "陈堃"),
        ("市发展和改革委员会", "发改委", "王玥"),
        ("市住房和城乡建设局", "住建局", "张镕"),
        ("市教育局", "教育局", "李明"),
        ("市卫生健康委员会", "卫健委", "赵敏"),
    ];
    for (name, short, person) in units {
        let unit = add_unit(
            store.conn_mut(),
            &UnitInput {
                name: name.into(),
                short_name: Some(short.into()),
                kind: UnitKind::External,
                sort_order: None,
            },
        )
        .expect("unit");
        add_person(
            store.conn_mut(),
            &PersonInput {
                name: person.into(),
                unit_id: unit.id,
                title: None,
                phone: None,
                roles: vec![Role::Leader],
            },
        )
        .expect("person");
    }
    (dir, path)
}

fn count(dir: &Path, sql: &str) -> i64 {
    let store = Store::open(dir).expect("opens");
    store.conn().query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn every_shape_of_ledger_imports_the_items_it_holds() {
    let expected = expected();
    for name in
        ["plain.xlsx", "office.xlsx", "ledger-gbk.csv", "ledger-utf8.csv", "ledger.xls", "date1904.xlsx"]
    {
        let (_keep, dir) = office();
        let want = &expected[name];
        let report = json(&cli(&dir, &["item", "import", &ledger(name)]));
        assert_eq!(report["imported"], want["items"], "{name}: {report}");
        assert_eq!(report["closed"], want["closed"], "{name}");
        assert_eq!(report["errors"], serde_json::json!([]), "{name}");
        assert_eq!(
            count(&dir, "SELECT count(*) FROM assignment"),
            want["items"].as_i64().expect("n"),
            "{name}"
        );
        // The file and its SHA-256 are recorded with every item.
        let sha = report["sha256"].as_str().expect("sha").to_string();
        let recorded = count(
            &dir,
            &format!("SELECT count(*) FROM assignment_event WHERE kind = 'import' AND json_extract(payload, '$.sha256') = '{sha}'"),
        );
        assert_eq!(recorded, want["items"].as_i64().expect("n"), "{name}");

        // The same file again adds nothing.
        let again = json(&cli(&dir, &["item", "import", &ledger(name)]));
        assert_eq!((again["imported"].as_i64(), &again["duplicates"]), (Some(0), &want["items"]), "{name}");
        assert_eq!(
            count(&dir, "SELECT count(*) FROM assignment"),
            want["items"].as_i64().expect("n"),
            "{name}"
        );
    }
}

#[test]
fn the_office_ledger_reads_its_two_row_header_dates_limits_units_and_states() {
    let (_keep, dir) = office();
    let report = json(&cli(&dir, &["item", "import", &ledger("office.xlsx")]));
    let sheets = report["sheets"].as_array().expect("sheets");
    assert_eq!(
        sheets.iter().map(|s| s["found"].as_bool()).collect::<Vec<_>>(),
        [Some(true), Some(true), Some(false)]
    );
    assert_eq!(sheets[0]["header_rows"], serde_json::json!([4, 5]));
    let expected = expected();
    let store = Store::open(&dir).expect("opens");
    for (sheet, rows) in expected["office.xlsx"]["rows"].as_object().expect("rows") {
        for want in rows.as_array().expect("rows") {
            let row = want["row"].as_i64().expect("row");
            let id: i64 = store
                .conn()
                .query_row(
                    "SELECT assignment_id FROM assignment_event WHERE kind = 'import'
                     AND json_extract(payload, '$.sheet') = ?1 AND json_extract(payload, '$.row') = ?2",
                    rusqlite::params![sheet, row],
                    |r| r.get(0),
                )
                .unwrap_or_else(|e| panic!("{sheet} row {row}: {e}"));
            let item = luoshi_core::assignment::get_assignment(store.conn(), id).expect("item");
            let at = format!("{sheet} row {row}");
            assert_eq!(item.title, want["标题"].as_str().expect("title"), "{at}");
            assert_eq!(item.lead_unit.name, want["牵头单位"].as_str().expect("lead"), "{at}");
            let cooperating: Vec<&str> = item.cooperating_units.iter().map(|u| u.name.as_str()).collect();
            let mut want_cooperating: Vec<&str> =
                want["协办单位"].as_array().expect("co").iter().map(|v| v.as_str().expect("s")).collect();
            let mut got = cooperating.clone();
            got.sort();
            want_cooperating.sort();
            assert_eq!(got, want_cooperating, "{at}");
            assert_eq!(item.responsible.name, want["第一责任人"].as_str().expect("person"), "{at}");
            assert!(
                item.assigned_at.to_rfc3339().starts_with(want["交办时间"].as_str().expect("t")),
                "{at}: {}",
                item.assigned_at
            );
            assert_eq!(
                item.deadline.date_naive().to_string(),
                want["due_date"].as_str().expect("due"),
                "{at}"
            );
            match want.get("late").and_then(Value::as_bool) {
                Some(late) => {
                    assert!(item.state.is_finished(), "{at}: {:?}", item.state);
                    let light = if late { "closed_late" } else { "closed_on_time" };
                    assert_eq!(item.light.code(), light, "{at}");
                }
                None => assert!(item.state.is_open(), "{at}: {:?}", item.state),
            }
        }
    }
    // Figures count the imported closings from the first day: 4 on time, 1 late.
    let stats = json(&cli(&dir, &["stats", "--from", "2026-01-01", "--to", "2026-12-31"]));
    let counts = &stats["totals"]["counts"];
    assert_eq!(
        (counts["closed_on_time"].as_i64(), counts["closed_late"].as_i64()),
        (Some(4), Some(1)),
        "{counts}"
    );
    // The 备注 column, which maps to no field, is kept in the content.
    let kept = count(&dir, "SELECT count(*) FROM assignment WHERE content LIKE '%【备注】逾期办结%'");
    assert_eq!(kept, 1);
    let audit = cli(&dir, &["audit", "verify"]);
    assert!(audit.status.success(), "{}", String::from_utf8_lossy(&audit.stdout));
}

#[test]
fn mistakes_are_named_by_sheet_row_and_column_and_nothing_is_written() {
    let (_keep, dir) = office();
    let records = count(&dir, "SELECT count(*) FROM audit_log");
    let out = cli(&dir, &["item", "import", &ledger("mistakes.xlsx")]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("未导入任何事项"));
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report on stdout");
    assert_eq!(report["imported"], 0);
    let mut found: Vec<(String, i64, String)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let message = e["message"].as_str().expect("message");
            assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{message}");
            (
                e["sheet"].as_str().expect("s").into(),
                e["row"].as_i64().expect("r"),
                e["column"].as_str().expect("c").into(),
            )
        })
        .collect();
    found.sort();
    let mut want: Vec<(String, i64, String)> = expected()["mistakes.xlsx"]["mistakes"]
        .as_array()
        .expect("mistakes")
        .iter()
        .map(|m| {
            (
                m["sheet"].as_str().expect("s").into(),
                m["row"].as_i64().expect("r"),
                m["column"].as_str().expect("c").into(),
            )
        })
        .collect();
    want.sort();
    assert_eq!(found, want);
    assert_eq!(count(&dir, "SELECT count(*) FROM assignment"), 0);
    assert_eq!(count(&dir, "SELECT count(*) FROM audit_log"), records, "a refused import writes nothing");

    // A dry run with the bad rows skipped says what would come in, and writes nothing either.
    let dry = json(&cli(&dir, &["item", "import", &ledger("mistakes.xlsx"), "--dry-run", "--skip-bad-rows"]));
    assert_eq!((dry["imported"].as_i64(), dry["skipped_rows"].as_i64()), (Some(5), Some(7)), "{dry}");
    assert_eq!(count(&dir, "SELECT count(*) FROM assignment"), 0);
    assert_eq!(count(&dir, "SELECT count(*) FROM unit"), 5);

    // Creating what is missing turns the unknown unit's and person's rows into items.
    let created = json(&cli(
        &dir,
        &["item", "import", &ledger("mistakes.xlsx"), "--skip-bad-rows", "--create-missing"],
    ));
    assert_eq!(created["imported"], 7, "{created}");
    assert_eq!(created["created"]["units"], serde_json::json!(["市文化和旅游局"]));
    // 王玥 of the unknown unit's row is the one 王玥 of the directory; 孙悟空 joins the lead unit.
    assert_eq!(created["created"]["people"], serde_json::json!(["孙悟空（市教育局）"]), "{created}");
    assert_eq!(count(&dir, "SELECT count(*) FROM assignment"), 7);
}

#[test]
fn files_that_are_not_ledgers_are_refused_in_chinese_naming_the_file() {
    let (_keep, dir) = office();
    for (name, says) in [
        ("not-a-sheet.et", "另存为"),
        ("empty.xlsx", "没有找到台账的表头"),
        ("contacts.xlsx", "没有找到台账的表头"),
    ] {
        let out = cli(&dir, &["item", "import", &ledger(name)]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(message.contains(name) && message.contains(says), "{name}: {message}");
    }
    let missing = cli(&dir, &["item", "import", "/无此目录/台账.xlsx"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("找不到该文件"));
    assert_eq!(count(&dir, "SELECT count(*) FROM assignment"), 0);
}

#[test]
fn new_numbers_continue_after_the_highest_kept_one_of_the_year() {
    let (_keep, dir) = office();
    json(&cli(&dir, &["item", "import", &ledger("plain.xlsx")]));
    let highest = count(&dir, "SELECT max(seq) FROM assignment WHERE year = 2026");
    assert_eq!(highest, 40, "plain.xlsx's numbers run to 督〔2026〕40号");
    // 市教育局 and 李明 are the fourth unit and person of the directory.
    let item = json(&cli(
        &dir,
        &[
            "item",
            "add",
            "--title",
            "新登记的事项",
            "--source",
            "其他",
            "--content",
            "内容",
            "--category",
            "routine",
            "--lead-unit",
            "4",
            "--responsible",
            "4",
            "--assigned-at",
            "2026-05-06T09:00",
        ],
    ));
    assert_eq!(item["item"]["number"], format!("督〔2026〕{}号", highest + 1));
}

#[test]
fn a_contact_list_adds_its_people_and_with_leave_its_new_units() {
    let (_keep, dir) = office();
    let want = &expected()["contacts.xlsx"];
    let out = cli(&dir, &["person", "import", &ledger("contacts.xlsx")]);
    assert_eq!(out.status.code(), Some(2), "unknown units and an empty name refuse the file");
    let refused: Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(refused["unknown_units"], want["new_units"]);
    assert_eq!(count(&dir, "SELECT count(*) FROM person"), 5, "nothing written");

    let report = json(&cli(
        &dir,
        &["person", "import", &ledger("contacts.xlsx"), "--create-missing", "--skip-bad-rows"],
    ));
    assert_eq!(report["created"]["units"], want["new_units"]);
    assert_eq!(report["imported"], want["new_people"].as_array().expect("new").len());
    let rows: Vec<(i64, String)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| (e["row"].as_i64().expect("r"), e["column"].as_str().expect("c").into()))
        .collect();
    assert_eq!(rows, [(12, "姓名".to_string())]);
    // Numeric phone cells read as the numbers written, not as 1.39e10.
    let store = Store::open(&dir).expect("opens");
    for person in want["people"].as_array().expect("people") {
        let name = person["姓名"].as_str().expect("name");
        let phone: Option<String> = store
            .conn()
            .query_row("SELECT phone FROM person WHERE name = ?1", [name], |r| r.get(0))
            .expect("person");
        if want["new_people"].as_array().expect("new").iter().any(|n| n == name) {
            assert_eq!(phone.as_deref(), person["电话"].as_str(), "{name}");
        }
    }
    // 王玥 was in the directory without a phone: the list fills it, and changes nothing else.
    let filled: Option<String> = store
        .conn()
        .query_row("SELECT phone FROM person WHERE name = '王玥'", [], |r| r.get(0))
        .expect("王玥");
    assert_eq!(filled.as_deref(), Some("13805710002"));
    assert!(report["updated"].as_i64() >= Some(1), "{report}");
    let again = json(&cli(&dir, &["person", "import", &ledger("contacts.xlsx"), "--skip-bad-rows"]));
    assert_eq!(again["updated"], 0, "nothing left to fill");
    assert_eq!(again["imported"], 0, "the same list again adds nobody");
}

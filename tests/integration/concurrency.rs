//! Two processes writing to one data folder at once (the window and the CLI, or two CLIs): every
//! write waits for the other instead of failing with "database is locked", none is lost, no number
//! is given twice, and the audit trail stays one whole chain.

use std::path::{Path, PathBuf};
use std::thread;

use chrono::{Days, NaiveDate};
use luoshi_core::assignment::{self, ActionInput, AssignmentInput};
use luoshi_core::summary::{self, NewSummaryInput};
use luoshi_core::test_support::SummaryDirectory;
use luoshi_core::Store;

use crate::fixtures::{cli, item_directory};

/// Writes per process and kind.
const WRITES: usize = 200;

/// What both writers write into: ids as the CLI takes them.
#[derive(Clone)]
struct Targets {
    lead_unit_name: String,
    unit: String,
    person: String,
    item: String,
    summary: String,
    template: String,
}

fn prepare(dir: &Path) -> Targets {
    let mut store = Store::open(dir).expect("opens");
    let d = item_directory(&mut store);
    let conn = store.conn_mut();
    let item = assignment::register(
        conn,
        &AssignmentInput {
            title: "并发催办的事项".into(),
            source: "其他".into(),
            content: "两个进程同时催办".into(),
            category: "routine".into(),
            lead_unit_id: d.unit,
            responsible_id: d.person,
            ..Default::default()
        },
    )
    .expect("register");
    assignment::assign(conn, item, &ActionInput { actor_id: d.person, note: None, satisfaction: None })
        .expect("assign");
    let people = SummaryDirectory::add(conn, "市政务服务中心", ["王玥", "陈堃"]);
    let template = summary::list_templates(conn, false).expect("templates")[0].id;
    let draft = summary::create_summary(
        conn,
        &NewSummaryInput {
            template_id: template,
            title: "并发保存的总结".into(),
            unit_id: Some(people.unit),
            drafter_id: Some(people.drafter),
            ..Default::default()
        },
    )
    .expect("summary");
    Targets {
        lead_unit_name: "市住房和城乡建设局".into(),
        unit: d.unit.to_string(),
        person: d.person.to_string(),
        item: item.to_string(),
        summary: draft.to_string(),
        template: template.to_string(),
    }
}

/// One writer: `WRITES` rounds of one write of every kind, each a CLI process of its own.
/// Returns the stderr of every write that failed.
fn write_all(data: PathBuf, t: Targets, who: &'static str, section: usize, year: i32) -> Vec<String> {
    let mut failures = Vec::new();
    let text_file = data.with_file_name(format!("section-{who}.txt"));
    let first_day = NaiveDate::from_ymd_opt(year, 1, 1).expect("date");
    for i in 0..WRITES {
        let day = (first_day + Days::new(i as u64)).to_string();
        std::fs::write(&text_file, format!("{who}第{i}次保存：受理办件{i}件。")).expect("text file");
        let args: [Vec<String>; 8] = [
            vec![
                "unit".into(),
                "add".into(),
                "--name".into(),
                format!("并发单位{who}{i}"),
                "--kind".into(),
                "下属单位".into(),
            ],
            vec![
                "person".into(),
                "add".into(),
                "--name".into(),
                format!("并发{who}{i}"),
                "--unit".into(),
                t.lead_unit_name.clone(),
            ],
            vec![
                "calendar".into(),
                "set-day".into(),
                day,
                "--off".into(),
                "--note".into(),
                format!("并发{who}{i}"),
            ],
            [
                "item",
                "add",
                "--title",
                &format!("并发登记{who}{i}"),
                "--source",
                "其他",
                "--content",
                "并发写入",
                "--category",
                "routine",
                "--lead-unit",
                &t.unit,
                "--responsible",
                &t.person,
            ]
            .map(String::from)
            .to_vec(),
            ["item", "event", &t.item, "remind", "--actor", &t.person, "--note", &format!("催办{who}{i}")]
                .map(String::from)
                .to_vec(),
            [
                "summary",
                "section",
                &t.summary,
                "--section",
                &section.to_string(),
                "--text-file",
                text_file.to_str().expect("path"),
            ]
            .map(String::from)
            .to_vec(),
            ["summary", "save-version", &t.summary, "--note", &format!("版本{who}{i}")]
                .map(String::from)
                .to_vec(),
            ["template", "copy", &t.template, "--name", &format!("模板副本{who}{i}")]
                .map(String::from)
                .to_vec(),
        ];
        for a in args {
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            let out = cli(&data, &a);
            if !out.status.success() {
                failures.push(format!("{a:?}: {}", String::from_utf8_lossy(&out.stderr)));
            }
        }
    }
    failures
}

#[test]
fn two_processes_writing_every_kind_at_once_lose_nothing_and_repeat_no_number() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    let targets = prepare(&dir);
    let writers: Vec<_> = [("甲", 1, 2027), ("乙", 2, 2028)]
        .into_iter()
        .map(|(who, section, year)| {
            let (data, t) = (dir.clone(), targets.clone());
            thread::spawn(move || write_all(data, t, who, section, year))
        })
        .collect();
    for w in writers {
        let failures = w.join().expect("writer");
        assert!(failures.is_empty(), "{} writes failed, first: {}", failures.len(), failures[0]);
    }

    let store = Store::open(&dir).expect("opens");
    let conn = store.conn();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect("count") };
    let all = 2 * WRITES as i64;
    assert_eq!(count("SELECT count(*) FROM unit WHERE name LIKE '并发单位%'"), all, "units");
    assert_eq!(count("SELECT count(*) FROM person WHERE name LIKE '并发%'"), all, "people");
    assert_eq!(count("SELECT count(*) FROM calendar_day WHERE note LIKE '并发%'"), all, "calendar days");
    assert_eq!(count("SELECT count(*) FROM assignment WHERE title LIKE '并发登记%'"), all, "items");
    assert_eq!(
        count("SELECT count(DISTINCT number) FROM assignment"),
        count("SELECT count(*) FROM assignment")
    );
    assert_eq!(
        count("SELECT count(DISTINCT note) FROM assignment_event WHERE note LIKE '催办%'"),
        all,
        "reminders"
    );
    assert_eq!(
        count("SELECT count(DISTINCT note) FROM summary_version WHERE note LIKE '版本%'"),
        all,
        "versions"
    );
    assert_eq!(
        count("SELECT count(DISTINCT number) FROM summary_version"),
        count("SELECT count(*) FROM summary_version")
    );
    assert_eq!(
        count("SELECT count(*) FROM summary_template WHERE name LIKE '模板副本%'"),
        all,
        "template copies"
    );
    for (who, position) in [("甲", 0), ("乙", 1)] {
        let text: String = conn
            .query_row(
                "SELECT text FROM summary_section WHERE summary_id = ?1 AND position = ?2",
                rusqlite::params![targets.summary.parse::<i64>().expect("id"), position],
                |r| r.get(0),
            )
            .expect("section");
        assert_eq!(
            text,
            format!("{who}第{}次保存：受理办件{}件。", WRITES - 1, WRITES - 1),
            "the last save wins"
        );
    }
    let verified = cli(&dir, &["audit", "verify"]);
    assert!(verified.status.success(), "the trail is whole: {}", String::from_utf8_lossy(&verified.stderr));
}

//! Two processes writing to one data folder at once (the window and the CLI, or two CLIs): every
//! write waits for the other instead of failing with "database is locked", and none is lost.

use std::thread;

use luoshi_core::Store;

use crate::fixtures::{cli, item_directory};

/// Writes per process and kind.
const WRITES: usize = 60;

#[test]
fn two_processes_writing_at_once_lose_nothing_and_repeat_no_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = {
        let mut store = Store::open(dir.path()).expect("opens");
        item_directory(&mut store)
    };
    let writers: Vec<_> = ["甲", "乙"]
        .into_iter()
        .map(|who| {
            let data = dir.path().to_path_buf();
            let (unit, person) = (d.unit.to_string(), d.person.to_string());
            thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..WRITES {
                    let name = format!("并发测试单位{who}{i}");
                    let title = format!("并发登记事项{who}{i}");
                    let runs = [
                        cli(&data, &["unit", "add", "--name", &name, "--kind", "下属单位"]),
                        cli(
                            &data,
                            &[
                                "item",
                                "add",
                                "--title",
                                &title,
                                "--source",
                                "其他",
                                "--content",
                                "并发写入",
                                "--category",
                                "routine",
                                "--lead-unit",
                                &unit,
                                "--responsible",
                                &person,
                            ],
                        ),
                        cli(&data, &["calendar", "set-day", &format!("2027-03-{:02}", 1 + i % 28), "--off"]),
                    ];
                    for out in runs {
                        if !out.status.success() {
                            failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                        }
                    }
                }
                failures
            })
        })
        .collect();
    for w in writers {
        let failures = w.join().expect("writer");
        assert!(failures.is_empty(), "{} writes failed, first: {}", failures.len(), failures[0]);
    }
    let store = Store::open(dir.path()).expect("opens");
    let conn = store.conn();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect("count") };
    assert_eq!(count("SELECT count(*) FROM unit WHERE name LIKE '并发测试单位%'"), 2 * WRITES as i64);
    assert_eq!(count("SELECT count(*) FROM assignment WHERE title LIKE '并发登记事项%'"), 2 * WRITES as i64);
    assert_eq!(
        count("SELECT count(DISTINCT number) FROM assignment"),
        count("SELECT count(*) FROM assignment")
    );
}

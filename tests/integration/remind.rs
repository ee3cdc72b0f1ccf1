//! 提醒 against a real SQLite file: `luoshi-cli remind list` at two times, the same entries as the
//! core's list, every red and yellow item of the ledger among them, and a bad time refused.

use luoshi_core::assignment::{self, LedgerQuery, Light};
use luoshi_core::{calendar, remind, Store};

use crate::fixtures::{cli, json};

#[test]
fn cli_remind_list_names_every_red_and_yellow_item_with_the_kind_and_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("opens");
        assignment::fill_demo(store.conn_mut(), 400).expect("demo");
    }
    let out = json(&cli(dir.path(), &["remind", "list"]));
    let entries = out.as_array().expect("a list");
    assert!(!entries.is_empty(), "a demo ledger has something to attend to");
    for e in entries {
        assert!(e["id"].as_i64().is_some() && e["kind"].is_string(), "{e}");
        assert!(!e["reason"].as_str().unwrap_or_default().is_empty(), "{e}");
    }

    // Every item the ledger shows red or yellow now has a reminder (sub-items included).
    let store = Store::open(dir.path()).expect("opens");
    let lit = assignment::ledger_all(
        store.conn(),
        &LedgerQuery {
            lights: vec![Light::Red, Light::Yellow],
            include_sub_items: true,
            ..Default::default()
        },
    )
    .expect("ledger");
    assert!(!lit.is_empty());
    let reminded: std::collections::HashSet<i64> = entries.iter().filter_map(|e| e["id"].as_i64()).collect();
    for row in &lit {
        assert!(
            reminded.contains(&row.id),
            "{} {} is {:?} but has no reminder",
            row.number,
            row.title,
            row.light
        );
    }

    // A time of its own: the CLI's list equals the core's at that time.
    let at = "2026-06-15T10:00";
    let later = json(&cli(dir.path(), &["remind", "list", "--at", at]));
    let core = remind::list(store.conn(), calendar::parse_time("at", at).expect("time")).expect("list");
    assert_eq!(later, serde_json::to_value(&core).expect("json"));

    let bad = cli(dir.path(), &["remind", "list", "--at", "明天"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("明天"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

//! The CLI killed with SIGKILL at arbitrary moments of the demo fill (one transaction of 200 items;
//! how long one takes is measured first, since the audit trail and the machine change it): after each kill the file opens, passes `integrity_check`, holds
//! all 400 new items or none, and every item is whole — its events chain from creation to the
//! state the item is in.

use std::process::{Command, Stdio};
use std::time::Duration;

use luoshi_core::Store;

use crate::fixtures::cli_bin;

const KILLS: u64 = 30;
const ITEMS: i64 = 200;

/// Checks the file as a reader after a crash would.
/// Returns the number of items.
fn check_whole(dir: &std::path::Path, round: u64) -> i64 {
    let store = Store::open(dir).unwrap_or_else(|e| panic!("round {round}: the file opens: {e}"));
    let conn = store.conn();
    let integrity: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(integrity, "ok", "round {round}");
    let mut items = conn.prepare("SELECT id, state FROM assignment").expect("items");
    let items: Vec<(i64, String)> =
        items.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").map(|r| r.expect("row")).collect();
    let mut events = conn
        .prepare("SELECT from_state, to_state FROM assignment_event WHERE assignment_id = ?1 ORDER BY id")
        .expect("events");
    for (id, state) in items {
        let chain: Vec<(Option<String>, String)> = events
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("events")
            .map(|r| r.expect("event"))
            .collect();
        assert!(!chain.is_empty(), "round {round}: item {id} has no events");
        assert_eq!(chain[0].0, None, "round {round}: item {id} starts with its creation");
        for pair in chain.windows(2) {
            assert_eq!(
                pair[1].0.as_deref(),
                Some(pair[0].1.as_str()),
                "round {round}: item {id}'s events chain"
            );
        }
        assert_eq!(chain[chain.len() - 1].1, state, "round {round}: item {id} is in its last event's state");
    }
    conn.query_row("SELECT count(*) FROM assignment", [], |r| r.get(0)).expect("count")
}

/// Starts one demo fill into `dir`.
fn start_fill(dir: &std::path::Path) -> std::process::Child {
    Command::new(cli_bin())
        .arg("--data-dir")
        .arg(dir)
        .args(["demo", "--items", &ITEMS.to_string()])
        .env_remove("LUOSHI_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts")
}

#[test]
fn a_killed_demo_fill_leaves_a_whole_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    // One whole fill first: the kills are spread over how long a fill takes here.
    let started = std::time::Instant::now();
    assert!(start_fill(dir.path()).wait().expect("reaped").success(), "a demo fill runs");
    let fill_ms = started.elapsed().as_millis() as u64;
    let mut items = check_whole(dir.path(), 0);
    assert_eq!(items, ITEMS);
    // A fixed pseudo-random sequence of moments, so a failure can be run again as it was.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let (mut killed, mut committed) = (0, 0);
    // Runs that end by themselves are not kills: go on until KILLS runs were killed.
    for round in 1..=KILLS * 3 {
        if killed >= KILLS {
            break;
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        // From before the file is open to a little past the commit.
        let wait = Duration::from_millis(20 + (seed >> 33) % (fill_ms * 3 / 2).max(1));
        let mut child = start_fill(dir.path());
        std::thread::sleep(wait);
        if child.try_wait().expect("status").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        child.wait().expect("reaped");
        let now = check_whole(dir.path(), round);
        assert!(now == items || now == items + ITEMS, "round {round}: {items} items became {now}");
        committed += i64::from(now > items);
        items = now;
    }
    // Most rounds must have been killed mid-way, and some fills have committed, or the test showed
    // nothing.
    assert!(killed >= KILLS, "only {killed} runs were still running when killed");
    assert!(committed > 0, "no fill committed before its kill");
    eprintln!(
        "a fill takes {fill_ms} ms; {killed} runs killed; {committed} fills committed whole, {items} items"
    );
}

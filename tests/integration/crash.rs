//! The CLI killed with SIGKILL at arbitrary moments of the writes that take long enough to be hit
//! mid-way: the demo fill (one transaction of 200 items), a section save of a long text, a summary
//! import, and switching encryption on. How long one run takes is measured first (the audit trail
//! and the machine change it) and the kills are spread over it. After each kill the folder opens,
//! passes `integrity_check`, holds every transaction whole or not at all, and the audit trail is
//! one whole chain.

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use luoshi_core::encryption::{self, Secret};
use luoshi_core::summary::{self, NewSummaryInput};
use luoshi_core::test_support::SummaryDirectory;
use luoshi_core::{backup, Store};

use crate::fixtures::{cli, cli_command};

const KILLS: u64 = 30;
const ITEMS: i64 = 200;

/// Starts `luoshi-cli --data-dir DIR ARGS…`, with `stdin` written to it.
fn start(dir: &Path, args: &[&str], stdin: Option<&str>) -> Child {
    let mut child = cli_command(dir, args, &[])
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    if let Some(text) = stdin {
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("stdin");
    }
    child
}

/// Kills runs of `run` until `kills` were killed while still running, each at a moment drawn from
/// `window` (fractions of one whole run, measured first); after every run, killed or not, `check`
/// looks at the folder. A run that ends before its moment shows the machine got faster, and the
/// estimate of a run shrinks. A fixed pseudo-random sequence, so a failure can be run again as it
/// was. Returns how long the first whole run took.
fn kill_repeatedly(
    kills: u64,
    window: (f64, f64),
    mut run: impl FnMut(u64) -> Child,
    mut check: impl FnMut(u64),
) -> Duration {
    let started = Instant::now();
    assert!(run(0).wait().expect("reaped").success(), "a whole run succeeds");
    let whole = started.elapsed();
    let mut estimate = whole;
    check(0);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut killed = 0;
    for round in 1..=kills * 6 {
        if killed >= kills {
            break;
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let fraction = window.0 + (window.1 - window.0) * ((seed >> 33) as f64 / (1u64 << 31) as f64);
        let mut child = run(round);
        std::thread::sleep(estimate.mul_f64(fraction));
        if child.try_wait().expect("status").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        } else if fraction < 1.0 {
            estimate = estimate.mul_f64(0.8);
        }
        child.wait().expect("reaped");
        check(round);
    }
    assert!(killed >= kills, "only {killed} runs were still running when killed");
    whole
}

/// The file as a reader after a crash finds it: it opens (with `secret` when it is encrypted) and
/// passes `integrity_check`, and its audit trail verifies.
fn open_whole(dir: &Path, secret: Option<&Secret>, round: u64) -> Store {
    let store = match secret {
        Some(secret) => Store::unlock(dir, secret),
        None => Store::open(dir),
    }
    .unwrap_or_else(|e| panic!("round {round}: the file opens: {e}"));
    let integrity: String =
        store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(integrity, "ok", "round {round}");
    let report = luoshi_core::audit::verify(store.conn()).expect("verify");
    assert!(report.problems.is_empty(), "round {round}: {:?}", report.problems);
    store
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).expect("count")
}

/// Every item's events chain from its creation to the state the item is in.
fn items_whole(store: &Store, round: u64) -> i64 {
    let conn = store.conn();
    let mut items = conn.prepare("SELECT id, state FROM assignment").expect("items");
    let items: Vec<(i64, String)> =
        items.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").map(|r| r.expect("row")).collect();
    let mut events = conn
        .prepare("SELECT from_state, to_state FROM assignment_event WHERE assignment_id = ?1 ORDER BY id")
        .expect("events");
    for (id, state) in &items {
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
        assert_eq!(&chain[chain.len() - 1].1, state, "round {round}: item {id} is in its last event's state");
    }
    items.len() as i64
}

#[test]
fn a_killed_demo_fill_leaves_a_whole_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut items, mut committed) = (0, 0);
    let items_arg = ITEMS.to_string();
    let whole = kill_repeatedly(
        KILLS,
        (0.0, 1.5),
        |_| start(dir.path(), &["demo", "--items", &items_arg], None),
        |round| {
            let now = items_whole(&open_whole(dir.path(), None, round), round);
            assert!(now == items || now == items + ITEMS, "round {round}: {items} items became {now}");
            committed += i64::from(round > 0 && now > items);
            items = now;
        },
    );
    assert!(committed > 0, "no fill committed before its kill: the kills showed nothing");
    eprintln!(
        "a fill takes {} ms; {committed} killed fills committed whole, {items} items",
        whole.as_millis()
    );
}

/// A summary with a drafter, made in the core; its id.
fn summary_in(dir: &Path) -> i64 {
    let mut store = Store::open(dir).expect("opens");
    let conn = store.conn_mut();
    let people = SummaryDirectory::add(conn, "市政务服务中心", ["王玥", "陈堃"]);
    let template = summary::list_templates(conn, false).expect("templates")[0].id;
    summary::create_summary(
        conn,
        &NewSummaryInput {
            template_id: template,
            title: "二〇二六年上半年工作总结".into(),
            unit_id: Some(people.unit),
            drafter_id: Some(people.drafter),
            ..Default::default()
        },
    )
    .expect("summary")
}

/// The text saved in round `n`: near the longest a section may hold (50,000 characters), so that a
/// save takes a while, and different in every round.
fn section_text(n: u64) -> String {
    let line = format!("第{n:03}轮：上半年受理群众诉求{n:03}件，按期办结率百分之九十八，张镕同志牵头整改𠮷祥小区供暖问题。\n");
    line.repeat(49_000 / line.chars().count())
}

#[test]
fn a_killed_section_save_leaves_the_old_text_or_the_new_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = summary_in(dir.path()).to_string();
    let files = tempfile::tempdir().expect("temp dir");
    let text_file = files.path().join("section.txt");
    let mut last = None;
    kill_repeatedly(
        KILLS,
        (0.0, 1.5),
        |round| {
            std::fs::write(&text_file, section_text(round)).expect("text file");
            let file = text_file.to_str().expect("utf-8");
            start(dir.path(), &["summary", "section", &id, "--section", "1", "--text-file", file], None)
        },
        |round| {
            let store = open_whole(dir.path(), None, round);
            let text: String = store
                .conn()
                .query_row(
                    "SELECT text FROM summary_section WHERE summary_id = ?1 AND position = 0",
                    [id.parse::<i64>().expect("id")],
                    |r| r.get(0),
                )
                .expect("section");
            let saved = (0..=round).rev().find(|n| text == section_text(*n));
            let saved =
                saved.unwrap_or_else(|| panic!("round {round}: the section holds a text never saved whole"));
            assert!(last.is_none_or(|l| saved >= l), "round {round}: an older text came back");
            last = Some(saved);
        },
    );
}

#[test]
fn a_killed_summary_import_leaves_the_summary_whole_or_absent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = summary_in(dir.path()).to_string();
    let files = tempfile::tempdir().expect("temp dir");
    let text_file = files.path().join("section.txt");
    std::fs::write(&text_file, section_text(0)).expect("text file");
    let out = cli(
        dir.path(),
        &["summary", "section", &id, "--section", "1", "--text-file", text_file.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let exported = files.path().join("summary.json");
    let path = exported.to_str().expect("utf-8");
    let out = cli(dir.path(), &["summary", "export", &id, "--format", "json", "--output", path]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sections = count(&Store::open(dir.path()).expect("opens"), "SELECT count(*) FROM summary_section");
    let mut summaries = 1;
    kill_repeatedly(
        KILLS,
        (0.0, 1.5),
        |_| start(dir.path(), &["summary", "import", path], None),
        |round| {
            let store = open_whole(dir.path(), None, round);
            let now = count(&store, "SELECT count(*) FROM summary");
            assert!(
                now == summaries || now == summaries + 1,
                "round {round}: {summaries} summaries became {now}"
            );
            summaries = now;
            assert_eq!(
                count(&store, "SELECT count(*) FROM summary_section"),
                sections * now,
                "round {round}: every summary has all its sections"
            );
            let long = count(
                &store,
                "SELECT count(*) FROM summary_section WHERE position = 0 AND length(text) > 40000",
            );
            assert_eq!(long, now, "round {round}: every summary's first section is whole");
        },
    );
    // A killed import may leave its unfinished before-import backup as a temporary file, never
    // as a backup with a final name: every listed backup opens.
    for b in backup::list(dir.path()).expect("list") {
        backup::verify(Path::new(&b.path), None).unwrap_or_else(|e| panic!("{}: {e}", b.file));
    }
}

#[test]
fn a_killed_switch_to_encryption_leaves_every_file_readable_with_the_password() {
    const PASSWORD: &str = "kill-test-password";
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(dir.path(), &["unit", "add", "--name", "王玥督查组"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cli(dir.path(), &["backup", "create"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The folder before any switch: each round starts from it.
    let pristine = tempfile::tempdir().expect("temp dir");
    copy_folder(dir.path(), pristine.path());
    let password = Secret::Password(PASSWORD.into());
    let db = dir.path().join(luoshi_core::paths::DATABASE_FILE);
    let (mut encrypted_rounds, mut plain_rounds) = (0, 0);
    // Most of the first half of a run is the password's key derivation, which writes nothing:
    // the kills are spread over the rest.
    kill_repeatedly(
        8,
        (0.4, 1.3),
        |_| start(dir.path(), &["encryption", "enable"], Some(&format!("{PASSWORD}\n"))),
        |round| {
            let encrypted = encryption::is_encrypted(&db).expect("header");
            let store = open_whole(dir.path(), encrypted.then_some(&password), round);
            assert_eq!(
                count(&store, "SELECT count(*) FROM unit WHERE name = '王玥督查组'"),
                1,
                "round {round}"
            );
            // Opening finished what the kill cut short: every backup is as the data file is.
            for b in backup::list(dir.path()).expect("list") {
                let path = Path::new(&b.path);
                assert_eq!(
                    encryption::is_encrypted(path).expect("header"),
                    encrypted,
                    "round {round}: {}",
                    b.file
                );
                backup::verify(path, store.key())
                    .unwrap_or_else(|e| panic!("round {round}: {}: {e}", b.file));
            }
            drop(store);
            if encrypted {
                encrypted_rounds += 1;
            } else {
                plain_rounds += 1;
            }
            std::fs::remove_dir_all(dir.path()).expect("clear");
            copy_folder(pristine.path(), dir.path());
        },
    );
    assert!(encrypted_rounds > 1 && plain_rounds > 0, "{encrypted_rounds} encrypted, {plain_rounds} plain");
}

/// Copies a data folder (the data file and `backups/`) as it is.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("list") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

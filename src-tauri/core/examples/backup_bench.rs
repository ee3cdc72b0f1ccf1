//! Backups and integrity checks at 100,000 items: fills a data folder with demo items (or reuses
//! `BACKUP_BENCH_DIR` when it already holds a filled database), then times a plain copy of the file
//! (the reference), `backup::create` (VACUUM INTO, flush, read-only open, integrity_check, SHA-256),
//! VACUUM INTO alone, SQLite's online backup API, `quick_check`, `integrity_check` and a restore.
//!
//! `cargo run --release -p luoshi-core --example backup_bench [ITEMS]`

#[path = "common/filled.rs"]
mod filled;
#[path = "common/timing.rs"]
mod timing;

use std::path::Path;
use std::time::{Duration, Instant};

use filled::filled_folder;
use luoshi_core::backup::{self, BackupReason};
use luoshi_core::paths;
use timing::time;

fn s(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn main() {
    let items: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, mut store) = filled_folder("BACKUP_BENCH_DIR", items, temp.path());
    let db = dir.join(paths::DATABASE_FILE);
    store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    let size = std::fs::metadata(&db).expect("db").len();
    let items: i64 =
        store.conn().query_row("SELECT count(*) FROM assignment", [], |r| r.get(0)).expect("count");
    println!("database: {items} items, {} after checkpoint", mb(size));
    let out = tempfile::tempdir().expect("out");
    let n = 3;

    let (copy, _) = time(n, || {
        let to = out.path().join("copy.sqlite3");
        std::fs::copy(&db, &to).expect("copy");
        std::fs::File::open(&to).and_then(|f| f.sync_all()).expect("sync");
        std::fs::remove_file(&to).expect("rm");
    });
    let (create, info) = time(n, || backup::create(store.conn(), BackupReason::Manual).expect("backup"));
    let (vacuum, _) = time(n, || {
        let to = out.path().join("vacuum.sqlite3");
        store.conn().execute("VACUUM INTO ?1", [to.to_str().expect("utf-8")]).expect("vacuum into");
        std::fs::remove_file(&to).expect("rm");
    });
    let (online, _) = time(n, || {
        let to = out.path().join("online.sqlite3");
        let mut dest = rusqlite::Connection::open(&to).expect("dest");
        let b = rusqlite::backup::Backup::new(store.conn(), &mut dest).expect("backup");
        // One step: the whole file under one read lock (in steps, another writer would restart it).
        assert_eq!(b.step(-1).expect("step"), rusqlite::backup::StepResult::Done);
        drop(b);
        drop(dest);
        std::fs::remove_file(&to).expect("rm");
    });
    let pragma = |name: &str| {
        time(n, || {
            let r: String =
                store.conn().query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).expect("check");
            assert_eq!(r, "ok");
        })
        .0
    };
    let quick = pragma("quick_check");
    let full = pragma("integrity_check");
    let t = Instant::now();
    let report = backup::restore(&mut store, Path::new(&info.path)).expect("restore");
    let restore = t.elapsed();
    assert_eq!(report.items, items);

    println!("\n| what ({items} items, {} file) | time (median of {n}) | ÷ file copy |", mb(size));
    println!("|---|---|---|");
    let row = |what: &str, d: Duration| {
        println!("| {what} | {} | {:.2} |", s(d), d.as_secs_f64() / copy.as_secs_f64());
    };
    row("plain copy of the file + fsync (reference)", copy);
    row(
        &format!(
            "`backup::create`: VACUUM INTO + fsync + integrity_check + SHA-256 ({} backup)",
            mb(info.bytes)
        ),
        create,
    );
    row("VACUUM INTO alone", vacuum);
    row("online backup API, one step", online);
    row("`PRAGMA quick_check`", quick);
    row("`PRAGMA integrity_check`", full);
    row("`backup::restore` (copy, integrity_check, backup of the current file, swap, reopen), once", restore);
}

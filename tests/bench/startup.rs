//! Start-up time and idle memory of 落实 beside a bare Tauri 2 window built the same way.
//!
//! Both are launched the same way (tauri-driver, a fresh data folder, the same Xvfb), and timed from
//! asking for the window to the first usable element on screen: 落实's first-start form, the bare
//! window's one heading. Memory is the resident size of the app and its WebKit processes after it has
//! sat idle. Build both in release first (see docs/benchmarks.md), then:
//!
//!     LUOSHI_APP_BIN=…/release/luoshi BARE_APP_BIN=…/release/bare-window \
//!         cargo run -p luoshi-tests --example startup_bench

#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use harness::Workspace;

const ROUNDS: usize = 5;

struct Sample {
    start_ms: f64,
    memory_mib: f64,
}

async fn measure(bin: &Path, ready_test_id: &str) -> Sample {
    let ws = Workspace::new().await;
    let started = Instant::now();
    let app = ws.launch_binary(bin).await;
    app.by_test_id(ready_test_id).await;
    let start_ms = started.elapsed().as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let memory_mib = app.app_memory_kib() as f64 / 1024.0;
    app.quit().await;
    Sample { start_ms, memory_mib }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main]
async fn main() {
    let luoshi = PathBuf::from(std::env::var("LUOSHI_APP_BIN").expect("set LUOSHI_APP_BIN"));
    let bare = PathBuf::from(std::env::var("BARE_APP_BIN").expect("set BARE_APP_BIN"));
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    // Alternate the two so that a busy moment of the machine falls on both alike.
    for round in 1..=ROUNDS {
        theirs.push(measure(&bare, "ready").await);
        ours.push(measure(&luoshi, "profile-setup").await);
        println!(
            "round {round}: bare {:.0} ms, 落实 {:.0} ms",
            theirs[round - 1].start_ms,
            ours[round - 1].start_ms
        );
    }
    let start = |s: &[Sample]| median(s.iter().map(|x| x.start_ms).collect());
    let memory = |s: &[Sample]| median(s.iter().map(|x| x.memory_mib).collect());
    println!("| | 落实 | bare Tauri 2 window | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| launch to first usable window, median of {ROUNDS} | {:.0} ms | {:.0} ms | {:.2} |",
        start(&ours),
        start(&theirs),
        start(&ours) / start(&theirs)
    );
    println!(
        "| resident memory after 5 s idle (app + WebKit processes) | {:.0} MiB | {:.0} MiB | {:.2} |",
        memory(&ours),
        memory(&theirs),
        memory(&ours) / memory(&theirs)
    );
}

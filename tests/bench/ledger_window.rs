//! The ledger in the real window with 100,000 items: how long the first screen of rows takes, and
//! how long a jump to the end and to places in the middle takes until the rows there are drawn,
//! beside the core's own query for the same page measured in the same run (what the window adds).
//!
//! Build the app in release first (see docs/benchmarks.md), then:
//!
//!     LUOSHI_APP_BIN=…/release/luoshi cargo run --release -p luoshi-tests --example ledger_window_bench

#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use harness::Workspace;
use luoshi_core::assignment::{self, LedgerQuery, LedgerSort};
use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::Store;

const ITEMS: u32 = 100_000;
const ROW_HEIGHT: u32 = 40;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Scrolls the ledger so that row `index` (from 0) is at the top and waits until it is drawn with
/// its data; returns the milliseconds that took.
async fn jump(app: &harness::App, index: u32) -> f64 {
    let started = Instant::now();
    let script = format!(
        "document.querySelector(\"[data-testid='ledger-table']\").scrollTop = {};",
        index * ROW_HEIGHT
    );
    app.driver.execute(&script, vec![]).await.expect("scroll");
    let row = index + 1;
    app.css(&format!("[aria-rowindex='{row}'][data-testid^='ledger-row-']")).await;
    started.elapsed().as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let bin = PathBuf::from(std::env::var("LUOSHI_APP_BIN").expect("set LUOSHI_APP_BIN"));
    let ws = Workspace::new().await;
    let fill = {
        let mut store = Store::open(&ws.data_dir()).expect("store");
        profile::set_profile(
            store.conn_mut(),
            &ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() },
        )
        .expect("profile");
        assignment::fill_demo(store.conn_mut(), ITEMS).expect("demo")
    };
    println!("filled {ITEMS} items in {:.1} s", fill.millis as f64 / 1000.0);

    // The core's own page of 50 by light, the window's first query, on the same file.
    let mut core = Vec::new();
    {
        let store = Store::open(&ws.data_dir()).expect("store");
        for _ in 0..5 {
            let started = Instant::now();
            let q = LedgerQuery { sort: Some(LedgerSort::Light), limit: Some(100), ..Default::default() };
            assignment::ledger(store.conn(), &q).expect("page");
            core.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }

    let app = ws.launch_binary(&bin).await;
    app.by_test_id("nav-ledger").await;
    let started = Instant::now();
    app.click("nav-ledger").await;
    app.css("[aria-rowindex='1'][data-testid^='ledger-row-']").await;
    let first = started.elapsed().as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let end = jump(&app, ITEMS - 15).await;
    let mut middle = Vec::new();
    for k in 1..=9 {
        middle.push(jump(&app, ITEMS / 10 * k + 37).await);
    }
    app.quit().await;

    let core_ms = median(core);
    println!("| ledger, {ITEMS} items, sorted by light | window | core query of the page | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| open 交办事项 → first rows drawn | {first:.0} ms | {core_ms:.0} ms | {:.1} |",
        first / core_ms
    );
    println!("| jump to the last rows → drawn | {end:.0} ms | {core_ms:.0} ms | {:.1} |", end / core_ms);
    let mid = median(middle);
    println!(
        "| jump into the middle → drawn, median of 9 | {mid:.0} ms | {core_ms:.0} ms | {:.1} |",
        mid / core_ms
    );
}

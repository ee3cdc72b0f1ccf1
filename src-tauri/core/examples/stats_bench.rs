//! 统计 at scale: fills a temp data folder with 100,000 demo items (about 1.25 million events), then
//! times `stats::figures` for several periods beside raw SQLite on the same file: the same statement
//! (same columns, join, filters and order) with every row read and nothing computed, and a plain SQL
//! aggregate of the simplest counts over the same items.
//!
//! `cargo run --release -p luoshi-core --example stats_bench [ITEMS]`; `LUOSHI_BENCH_DIR=DIR` keeps
//! the filled folder for the next run (filled only when empty), `STATS_BENCH_ONLY=paper` times only
//! the charts and the 通报.

#[path = "common/timing.rs"]
mod timing;

use std::time::{Duration, Instant};

use chrono::Datelike;
use luoshi_core::assignment;
use luoshi_core::report::{self, BulletinPeriod};
use luoshi_core::stats::{self, StatsBy, StatsQuery};
use luoshi_core::{print, remind, workbench, Store};
use timing::time;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

const KINDS: &str = "'register', 'assign', 'accept', 'report', 'pass', 'return', 'suspend', 'resume', \
                     'revisit_held', 'revisit_rebound', 'strike_off', 'archive'";

/// The core's statement, every column read, nothing computed: the floor of reading the rows.
fn raw_rows(conn: &rusqlite::Connection, from: &str, to: &str, cutoff: &str, unit: Option<i64>) -> usize {
    let sql = format!(
        "SELECT a.id, a.category, a.source, a.lead_unit_id, a.assigned_at, a.deadline, a.suspensions,
                e.kind, e.to_state, e.at,
                CASE WHEN e.kind IN ('pass', 'revisit_held', 'revisit_rebound')
                     THEN json_extract(e.payload, '$.satisfaction') END,
                CASE WHEN e.kind = 'revisit_rebound' THEN json_extract(e.payload, '$.day') END
         FROM assignment a
         LEFT JOIN assignment_event e ON e.assignment_id = a.id AND e.at <= ?3 AND e.kind IN ({KINDS})
         WHERE a.deadline >= ?1 AND a.deadline <= ?2 AND a.parent_id IS NULL {}
         ORDER BY a.deadline, a.id, e.id",
        if unit.is_some() { "AND a.lead_unit_id = ?4" } else { "AND ?4 IS NULL" }
    );
    let mut stmt = conn.prepare_cached(&sql).expect("prepare");
    let mut rows = stmt.query(rusqlite::params![from, to, cutoff, unit]).expect("query");
    let mut n = 0;
    while let Some(r) = rows.next().expect("row") {
        let _: (i64, String, String, i64, String, String, String) = (
            r.get(0).expect("c"),
            r.get(1).expect("c"),
            r.get(2).expect("c"),
            r.get(3).expect("c"),
            r.get(4).expect("c"),
            r.get(5).expect("c"),
            r.get(6).expect("c"),
        );
        let _: [Option<String>; 3] = [r.get(7).expect("c"), r.get(8).expect("c"), r.get(9).expect("c")];
        let _: [Option<i64>; 2] = [r.get(10).expect("c"), r.get(11).expect("c")];
        n += 1;
    }
    n
}

/// Counts SQL can give alone (current state, closed_at against the deadline; no cutoff, no calendar).
fn raw_aggregate(conn: &rusqlite::Connection, from: &str, to: &str) -> i64 {
    let sql = "SELECT count(*), sum(state IN ('closed', 'struck_off', 'archived')),
                      sum(closed_at IS NOT NULL AND closed_at <= deadline), sum(returned_count = 0)
               FROM assignment WHERE deadline >= ?1 AND deadline <= ?2 AND parent_id IS NULL";
    conn.prepare_cached(sql).expect("prepare").query_row([from, to], |r| r.get(0)).expect("aggregate")
}

fn main() {
    let items: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = std::env::var_os("LUOSHI_BENCH_DIR").map_or_else(|| temp.path().to_path_buf(), Into::into);
    let mut store = Store::open(&dir).expect("opens");
    let filled: i64 =
        store.conn().query_row("SELECT count(*) FROM assignment", [], |r| r.get(0)).expect("count");
    if filled == 0 {
        let t = Instant::now();
        let report = assignment::fill_demo(store.conn_mut(), items).expect("demo");
        println!("fill: {} items, {} events in {}", report.items, report.events, ms(t.elapsed()));
    } else {
        println!("kept: {filled} items in {}", dir.display());
    }
    let conn = store.conn();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").expect("checkpoint");
    let now = luoshi_core::time::now();
    if std::env::var("STATS_BENCH_ONLY").is_ok_and(|v| v == "paper") {
        return paper(conn, now, 9);
    }
    let unit: i64 =
        conn.query_row("SELECT min(lead_unit_id) FROM assignment", [], |r| r.get(0)).expect("unit");
    let n = 9;

    println!("\n| figures | core | raw rows | ratio | raw SQL aggregate | items (events read) |");
    println!("|---|---|---|---|---|---|");
    let line = |name: &str, from: &str, to: &str, unit_id: Option<i64>, by: Option<StatsBy>| {
        let q = StatsQuery { from: from.into(), to: to.into(), unit_id, by, ..Default::default() };
        let (core, r) = time(n, || stats::figures(conn, &q).expect("figures"));
        let (start, end) = (format!("{from}T00:00:00+08:00"), format!("{to}T23:59:59+08:00"));
        let cutoff = r.cutoff.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        let (raw, count) = time(n, || raw_rows(conn, &start, &end, &cutoff, unit_id));
        let (agg, _) = time(n, || raw_aggregate(conn, &start, &end));
        println!(
            "| {name} | {} | {} | {:.2} | {} | {} ({count} rows) |",
            ms(core),
            ms(raw),
            core.as_secs_f64() / raw.as_secs_f64(),
            ms(agg),
            r.totals.counts.items,
        );
    };
    line("2026 H1 (1 Jan – 30 Jun)", "2026-01-01", "2026-06-30", None, None);
    line("2026 H1, by lead unit", "2026-01-01", "2026-06-30", None, Some(StatsBy::Unit));
    line("2026 H1, by source", "2026-01-01", "2026-06-30", None, Some(StatsBy::Source));
    line("2026 H1, one lead unit", "2026-01-01", "2026-06-30", Some(unit), None);
    line("October 2026", "2026-10-01", "2026-10-31", None, None);
    line("all of 2025–2026 (to now), by category", "2025-01-01", "2026-12-31", None, Some(StatsBy::Category));
    let q = StatsQuery { from: "2026-01-01".into(), to: "2026-06-30".into(), ..Default::default() };
    let r = stats::figures(conn, &q).expect("figures");
    println!("\n{}", stats::summary_text(&r));

    // 工作台: everything the start page needs in one call (figures by unit with scores, cards,
    // the six lists), and the reminders alone, beside reading the rows the reminders read.
    println!("\n| 工作台 | core | raw rows | ratio | what |");
    println!("|---|---|---|---|---|");
    let today = now.date_naive();
    for (name, from, to) in [
        ("本月", today.with_day(1).expect("day 1"), today),
        ("本年", today.with_ordinal(1).expect("day 1"), today),
    ] {
        let q = workbench::WorkbenchQuery { from: from.to_string(), to: to.to_string(), unit_id: None };
        let (core, w) = time(n, || workbench::load(conn, &q, now).expect("workbench"));
        let (raw, _) = time(n, || raw_open_rows(conn));
        let entries: usize = w.lists.iter().map(|l| l.entries.len()).sum();
        println!(
            "| load, {name} | {} | {} | {:.2} | {} items due, {} units, {entries} list entries |",
            ms(core),
            ms(raw),
            core.as_secs_f64() / raw.as_secs_f64(),
            w.figures.totals.counts.items,
            w.figures.rows.len(),
        );
    }
    let (core, list) = time(n, || remind::list(conn, now).expect("reminders"));
    let (raw, rows) = time(n, || raw_open_rows(conn));
    println!(
        "| remind::list | {} | {} | {:.2} | {} reminders from {rows} rows |",
        ms(core),
        ms(raw),
        core.as_secs_f64() / raw.as_secs_f64(),
        list.len()
    );
    paper(conn, now, n);
}

fn paper(conn: &rusqlite::Connection, now: chrono::DateTime<chrono::FixedOffset>, n: usize) {
    // 工作台's charts (twelve months by month, lights of open items) beside reading the twelve
    // months' rows; the last month's 通报 (its figures, every item overdue at its cutoff, the texts)
    // and its PDF, beside reading the month's rows and the rows of every deadline up to its end.
    let (core, charts) = time(n, || workbench::charts(conn, None, now).expect("charts"));
    let start = format!("{}T00:00:00+08:00", charts.months_query.from);
    let end = format!("{}T23:59:59+08:00", charts.months_query.to);
    let cutoff = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let (raw, rows) = time(n, || raw_rows(conn, &start, &end, &cutoff, None));
    println!(
        "| charts | {} | {} | {:.2} | {} items due in 12 months, {rows} rows |",
        ms(core),
        ms(raw),
        core.as_secs_f64() / raw.as_secs_f64(),
        charts.months.iter().map(|m| m.items).sum::<i64>(),
    );
    let last_month = now.date_naive().with_day(1).expect("day 1").pred_opt().expect("last month");
    let period = BulletinPeriod::containing(last_month, false);
    let (from, to) = period.days().expect("days");
    let (core, doc) = time(n, || {
        let draft = report::bulletin_draft(conn, period).expect("draft");
        report::bulletin_document(conn, &draft).expect("bulletin")
    });
    let cutoff = format!("{to}T23:59:59+08:00");
    let (raw, rows) = time(n, || {
        raw_rows(conn, &format!("{from}T00:00:00+08:00"), &cutoff, &cutoff, None)
            + raw_rows(conn, "2000-01-01T00:00:00+08:00", &cutoff, &cutoff, None)
    });
    let (pdf, rendered) = time(n, || print::render_counted(&doc).expect("pdf"));
    println!(
        "| 通报 {} (draft + document) | {} | {} | {:.2} | {rows} rows read; the PDF {} more ({} pages) |",
        period.label(),
        ms(core),
        ms(raw),
        core.as_secs_f64() / raw.as_secs_f64(),
        ms(pdf),
        rendered.pages,
    );
}

/// The rows the reminders read (open and suspended items, recently closed ones), every
/// column read, nothing computed.
fn raw_open_rows(conn: &rusqlite::Connection) -> usize {
    let sql = "SELECT a.id, a.number, a.title, a.lead_unit_id, u.name, a.state, a.category, a.assigned_at,
                      a.deadline, a.closed_at, a.last_report_at, a.feedback_cycle, a.suspensions, a.pending_extension
               FROM assignment a JOIN unit u ON u.id = a.lead_unit_id
               WHERE a.state IN ('registered', 'assigned', 'in_progress', 'reported', 'suspended')
                  OR (a.state = 'closed' AND a.closed_at >= '2026-06-01')";
    let mut stmt = conn.prepare_cached(sql).expect("prepare");
    let mut rows = stmt.query([]).expect("query");
    let mut n = 0;
    while let Some(r) = rows.next().expect("row") {
        let _: (i64, String, String, i64, String, String, String, String, String) = (
            r.get(0).expect("c"),
            r.get(1).expect("c"),
            r.get(2).expect("c"),
            r.get(3).expect("c"),
            r.get(4).expect("c"),
            r.get(5).expect("c"),
            r.get(6).expect("c"),
            r.get(7).expect("c"),
            r.get(8).expect("c"),
        );
        let _: [Option<String>; 5] = [
            r.get(9).expect("c"),
            r.get(10).expect("c"),
            r.get(11).expect("c"),
            r.get(12).expect("c"),
            r.get(13).expect("c"),
        ];
        n += 1;
    }
    n
}

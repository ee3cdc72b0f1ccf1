//! The 交办事项 ledger at scale: fills a temp data folder with 100,000 demo items (about a million
//! events), then times ledger pages and text searches beside the same queries hand-written in raw
//! SQLite on the same file.
//!
//! `cargo run --release -p luoshi-core --example ledger_bench [ITEMS]`

#[path = "common/timing.rs"]
mod timing;

use std::time::{Duration, Instant};

use luoshi_core::assignment::{self, LedgerQuery, LedgerSort, Light, State};
use luoshi_core::Store;
use timing::time;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The page and, like the ledger, the total: the WHERE clause is counted separately.
fn raw_page(conn: &rusqlite::Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> usize {
    let from = sql.find(" WHERE ").expect("where");
    let end = sql.find(" ORDER BY ").expect("order");
    let count_sql = format!("SELECT count(*) FROM assignment a {}", &sql[from..end]);
    let _total: i64 =
        conn.prepare_cached(&count_sql).expect("count").query_row(params, |r| r.get(0)).expect("count");
    let mut stmt = conn.prepare_cached(sql).expect("prepare");
    let rows = stmt
        .query_map(params, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(10)?,
                r.get::<_, String>(12)?,
            ))
        })
        .expect("query");
    rows.count()
}

const RAW_COLUMNS: &str = "a.id, a.number, a.parent_id, a.title, a.source, a.category, a.urgency,
    a.lead_unit_id, u.name, a.responsible_id, p.name, a.assigned_at, a.deadline, a.deadline_confirmed,
    a.state, a.classification, a.tags, a.closed_at, a.last_report_at, a.feedback_cycle, a.suspensions
    FROM assignment a JOIN unit u ON u.id = a.lead_unit_id JOIN person p ON p.id = a.responsible_id";

fn main() {
    let items: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("opens");
    let t = Instant::now();
    let report = assignment::fill_demo(store.conn_mut(), items).expect("demo");
    let fill = t.elapsed();
    let size =
        std::fs::metadata(dir.path().join(luoshi_core::paths::DATABASE_FILE)).map(|m| m.len()).unwrap_or(0);
    println!(
        "fill: {} items, {} events in {} ({} MB file before checkpoint)",
        report.items,
        report.events,
        ms(fill),
        size / 1_000_000
    );
    let conn = store.conn();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").expect("checkpoint");
    let unit: i64 =
        conn.query_row("SELECT min(lead_unit_id) FROM assignment", [], |r| r.get(0)).expect("unit");
    let n = 15;

    println!("\n| query | core (with lights) | raw SQLite | ratio | rows (total) |");
    println!("|---|---|---|---|---|");
    let line = |name: &str, q: LedgerQuery, raw_sql: &str, params: &[&dyn rusqlite::ToSql]| {
        let (core, page) = time(n, || assignment::ledger(conn, &q).expect("ledger"));
        let (raw, count) = time(n, || raw_page(conn, raw_sql, params));
        assert_eq!(count, page.rows.len(), "{name}: same rows");
        println!(
            "| {name} | {} | {} | {:.2} | {} ({}) |",
            ms(core),
            ms(raw),
            core.as_secs_f64() / raw.as_secs_f64(),
            page.rows.len(),
            page.total
        );
    };

    line(
        "办理中+已交办, one lead unit, by deadline, page 1",
        LedgerQuery {
            states: vec![State::InProgress, State::Assigned],
            lead_unit_ids: vec![unit],
            sort: Some(LedgerSort::Deadline),
            limit: Some(50),
            ..Default::default()
        },
        &format!(
            "SELECT {RAW_COLUMNS} WHERE a.parent_id IS NULL AND a.state IN ('in_progress', 'assigned')
             AND a.lead_unit_id = ?1 ORDER BY a.deadline, a.id LIMIT 50"
        ),
        &[&unit],
    );
    line(
        "all items by deadline, page 101 (offset 5000)",
        LedgerQuery {
            sort: Some(LedgerSort::Deadline),
            limit: Some(50),
            offset: Some(5000),
            ..Default::default()
        },
        &format!(
            "SELECT {RAW_COLUMNS} WHERE a.parent_id IS NULL ORDER BY a.deadline, a.id LIMIT 50 OFFSET 5000"
        ),
        &[],
    );
    line(
        "all items by number, descending",
        LedgerQuery { sort: Some(LedgerSort::Number), descending: true, limit: Some(50), ..Default::default() },
        &format!("SELECT {RAW_COLUMNS} WHERE a.parent_id IS NULL ORDER BY a.year DESC, a.seq DESC, a.id DESC LIMIT 50"),
        &[],
    );
    line(
        "text 供暖 (2 chars), by deadline",
        LedgerQuery { text: Some("供暖".into()), limit: Some(50), ..Default::default() },
        &format!(
            "SELECT {RAW_COLUMNS} WHERE a.parent_id IS NULL AND a.id IN
             (SELECT rowid FROM assignment_fts WHERE assignment_fts MATCH '\"供暖\"') ORDER BY a.deadline, a.id LIMIT 50"
        ),
        &[],
    );
    line(
        "text 供暖 vs LIKE scan",
        LedgerQuery { text: Some("供暖".into()), limit: Some(50), ..Default::default() },
        &format!(
            "SELECT {RAW_COLUMNS} WHERE a.parent_id IS NULL AND (a.number LIKE '%供暖%' OR a.title LIKE '%供暖%'
             OR a.content LIKE '%供暖%') ORDER BY a.deadline, a.id LIMIT 50"
        ),
        &[],
    );
    line(
        "text 拆迁安置 (4 chars) + state 已办结",
        LedgerQuery { text: Some("拆迁安置".into()), states: vec![State::Closed], limit: Some(50), ..Default::default() },
        &format!(
            "SELECT {RAW_COLUMNS} WHERE a.parent_id IS NULL AND a.state = 'closed' AND a.id IN
             (SELECT rowid FROM assignment_fts WHERE assignment_fts MATCH '\"拆迁 迁安 安置\"') ORDER BY a.deadline, a.id LIMIT 50"
        ),
        &[],
    );
    // Light filters and light sort read every matching row's light columns; the raw query cannot
    // know lights, so it is the nearest SQL: overdue and not finished, by deadline.
    line(
        "light = red, by light then deadline (all rows' lights computed)",
        LedgerQuery { lights: vec![Light::Red], sort: Some(LedgerSort::Light), limit: Some(50), ..Default::default() },
        &format!(
            "SELECT {RAW_COLUMNS} WHERE a.parent_id IS NULL AND a.deadline < ?1
             AND a.state NOT IN ('closed', 'struck_off', 'archived', 'suspended') ORDER BY a.deadline, a.id LIMIT 50"
        ),
        &[&luoshi_core::time::now_text()],
    );
    let open_states = vec![State::Registered, State::Assigned, State::InProgress, State::Reported];
    line(
        "open items, sorted by light",
        LedgerQuery { states: open_states, sort: Some(LedgerSort::Light), limit: Some(50), ..Default::default() },
        &format!(
            "SELECT {RAW_COLUMNS} WHERE a.parent_id IS NULL AND a.state IN ('registered', 'assigned', 'in_progress', 'reported')
             ORDER BY a.deadline, a.id LIMIT 50"
        ),
        &[],
    );
    let (detail, d) =
        time(n, || assignment::get_assignment_detail(conn, 4242.min(i64::from(items))).expect("detail"));
    println!("\nget_assignment_detail (item with {} events): {}", d.events.len(), ms(detail));
}

//! The cost the audit trail adds to a write: the same writes timed on data folders filled alike (one
//! fill, copied), one with the trail as shipped, one with its row triggers dropped (raw), and variants
//! of the trail with one part taken out each, to measure that part's share. All in the same run,
//! rounds rotating which folder goes first so that all see the same machine.
//!
//! A write is one 登记 of a 交办事项 (`assignment::register`: the item, its cooperating unit, the
//! year counter and the first event, 4 rows and 4 audit records in one transaction) and one 修改 of a
//! unit (`org::update_unit`: 1 row, 1 record with before and after).
//!
//! The variants (never shipped; each rewrites the installed triggers' text) say what a part costs:
//! the `(object_kind, object_id)` index, the JSON of the row, the actor lookup, the call of the Rust
//! hash function; "bare" takes all four out, leaving the record's row and the pages it dirties.
//! Besides time, each folder reports the WAL frames (pages) a write commits and the time to prepare
//! the unit's `UPDATE` (SQLite compiles the triggers into every statement it prepares).
//!
//! `cargo run --release -p luoshi-core --example audit_bench [PREFILLED_ITEMS] [ROUNDS]`

use std::path::Path;
use std::time::{Duration, Instant};

use luoshi_core::assignment::{self, AssignmentInput};
use luoshi_core::org::{self, PersonInput, UnitInput, UnitKind};
use luoshi_core::{paths, Store};
use rusqlite::Connection;

const PER_ROUND: usize = 50;

#[derive(Clone, Copy, PartialEq)]
enum Variant {
    Shipped,
    Raw,
    NoIndex,
    NoJson,
    NoActor,
    NoHash,
    Bare,
}

impl Variant {
    const ALL: [Variant; 7] = [
        Variant::Shipped,
        Variant::Raw,
        Variant::NoIndex,
        Variant::NoJson,
        Variant::NoActor,
        Variant::NoHash,
        Variant::Bare,
    ];

    fn name(self) -> &'static str {
        match self {
            Variant::Shipped => "trail as shipped",
            Variant::Raw => "raw (no row triggers)",
            Variant::NoIndex => "trail without the object index",
            Variant::NoJson => "trail without the row JSON",
            Variant::NoActor => "trail without the actor lookup",
            Variant::NoHash => "trail without the hash call",
            Variant::Bare => "bare record (all four out)",
        }
    }
}

struct Folder {
    variant: Variant,
    _dir: tempfile::TempDir,
    store: Store,
    reg: Vec<Duration>,
    upd: Vec<Duration>,
}

struct Ids {
    lead: i64,
    other: i64,
    person: i64,
}

fn fill(dir: &Path, prefill: u32) -> Ids {
    let mut store = Store::open(dir).expect("opens");
    luoshi_core::assignment::fill_demo(store.conn_mut(), prefill).expect("demo");
    let unit = |name: &str| UnitInput {
        name: name.into(),
        short_name: None,
        kind: UnitKind::Subordinate,
        sort_order: None,
    };
    let lead = org::add_unit(store.conn_mut(), &unit("测速牵头单位")).expect("unit").id;
    let other = org::add_unit(store.conn_mut(), &unit("测速协办单位")).expect("unit").id;
    let person = org::add_person(
        store.conn_mut(),
        &PersonInput { name: "测速人员".into(), unit_id: lead, title: None, phone: None, roles: vec![] },
    )
    .expect("person")
    .id;
    store.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
    Ids { lead, other, person }
}

/// The text of `sql` with every call `name(…)` replaced by `with`; None when there is none.
fn replace_calls(sql: &str, name: &str, with: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = sql;
    let mut found = false;
    while let Some(start) = rest.find(name) {
        found = true;
        out.push_str(&rest[..start]);
        // `name` ends with the opening parenthesis.
        let mut depth = 1;
        let mut end = start + name.len();
        for (i, c) in rest[start + name.len()..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + name.len() + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push_str(with);
        rest = &rest[end..];
    }
    out.push_str(rest);
    found.then_some(out)
}

fn row_triggers(conn: &Connection) -> Vec<(String, String)> {
    conn.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\' AND name NOT LIKE 'audit_log_%'",
    )
    .expect("prepare")
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("triggers")
}

/// Rewrites every row trigger with `f`; panics when `f` finds nothing to take out, so that a variant
/// never silently measures the shipped trail.
fn rewrite(conn: &Connection, what: &str, f: impl Fn(&str) -> Option<String>) {
    for (name, sql) in row_triggers(conn) {
        let new = f(&sql).unwrap_or_else(|| panic!("{what}: nothing to take out of {name}"));
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\"; {new}")).expect("rewrite");
    }
}

/// The actor lookup as the triggers write it, and as two key lookups (measured, not used: no faster).
const ACTORS: [&str; 2] = [
    "coalesce((SELECT pe.name FROM profile pf JOIN person pe ON pe.id = pf.person_id), '未设置')",
    "coalesce((SELECT name FROM person WHERE id = (SELECT person_id FROM profile WHERE id = 1)), '未设置')",
];

/// The row's JSON: `json_object` (an insert, a delete; an edit in 0005) or the changed columns (0006).
fn no_json(sql: &str) -> Option<String> {
    let a = replace_calls(sql, "json_object(", "'{}'");
    let b = replace_calls(a.as_deref().unwrap_or(sql), "luoshi_audit_changes(", "'{}'");
    b.or(a)
}
fn no_actor(sql: &str) -> Option<String> {
    ACTORS.iter().find(|a| sql.contains(*a)).map(|a| sql.replace(a, "'未设置'"))
}
fn no_hash(sql: &str) -> Option<String> {
    replace_calls(sql, "luoshi_audit_hash(", "'0'")
}

fn drop_indexes(conn: &Connection) {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    assert!(!names.is_empty(), "no index on audit_log to take out");
    for name in names {
        conn.execute_batch(&format!("DROP INDEX \"{name}\"")).expect("drop");
    }
}

fn apply(conn: &Connection, variant: Variant) {
    match variant {
        Variant::Shipped => {}
        Variant::Raw => {
            for (name, _) in row_triggers(conn) {
                conn.execute_batch(&format!("DROP TRIGGER \"{name}\"")).expect("drop");
            }
        }
        Variant::NoIndex => drop_indexes(conn),
        Variant::NoJson => rewrite(conn, "json", no_json),
        Variant::NoActor => rewrite(conn, "actor", no_actor),
        Variant::NoHash => rewrite(conn, "hash", no_hash),
        Variant::Bare => {
            drop_indexes(conn);
            rewrite(conn, "bare", |s| no_hash(&no_actor(&no_json(s)?)?));
        }
    }
}

fn open_copy(source: &Path, variant: Variant) -> Folder {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(source.join(paths::DATABASE_FILE), dir.path().join(paths::DATABASE_FILE)).expect("copy");
    let store = Store::open(dir.path()).expect("opens");
    apply(store.conn(), variant);
    Folder { variant, _dir: dir, store, reg: vec![], upd: vec![] }
}

fn register_input(ids: &Ids) -> AssignmentInput {
    AssignmentInput {
        title: "关于幸福小区供暖不达标问题的整改".into(),
        source: "来信来访/群众诉求".into(),
        content: "群众反映幸福小区供暖温度不达标，请住建局牵头核实整改。".into(),
        category: "routine".into(),
        lead_unit_id: ids.lead,
        cooperating_unit_ids: vec![ids.other],
        responsible_id: ids.person,
        ..Default::default()
    }
}

fn register_n(f: &mut Folder, ids: &Ids, n: usize) -> Duration {
    let input = register_input(ids);
    let t = Instant::now();
    for _ in 0..n {
        assignment::register(f.store.conn_mut(), &input).expect("register");
    }
    t.elapsed() / n as u32
}

fn update_n(f: &mut Folder, ids: &Ids, tag: &str, n: usize) -> Duration {
    let t = Instant::now();
    for i in 0..n {
        let input = UnitInput {
            name: format!("测速协办单位{tag}-{i}"),
            short_name: None,
            kind: UnitKind::Subordinate,
            sort_order: None,
        };
        org::update_unit(f.store.conn_mut(), ids.other, &input).expect("update");
    }
    t.elapsed() / n as u32
}

/// WAL frames (pages) one write commits: the log is emptied, `n` writes run, the log is counted.
/// Automatic checkpoints are off meanwhile, so that none empties the log halfway.
fn frames_per_write(f: &mut Folder, write: impl Fn(&mut Folder)) -> f64 {
    let n = 40;
    let conn = f.store.conn();
    conn.pragma_update(None, "wal_autocheckpoint", 0).expect("no autocheckpoint");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
    for _ in 0..n {
        write(f);
    }
    let conn = f.store.conn();
    let frames: i64 = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1)).expect("frames");
    conn.pragma_update(None, "wal_autocheckpoint", 1000).expect("autocheckpoint");
    frames as f64 / n as f64
}

/// Median time of one evaluation of `SELECT expr` (prepared once), less that of `SELECT 1`; and the
/// median time to prepare it.
fn expr_cost(conn: &Connection, expr: &str, args: &[rusqlite::types::Value]) -> (f64, f64) {
    let run = |sql: &str, args: &[rusqlite::types::Value]| {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let runs: Vec<Duration> = (0..20_000)
            .map(|_| {
                let t = Instant::now();
                stmt.query_row(rusqlite::params_from_iter(args), |_| Ok(())).expect("run");
                t.elapsed()
            })
            .collect();
        median(runs).as_secs_f64() * 1e6
    };
    let prepare = median(
        (0..2000)
            .map(|_| {
                let t = Instant::now();
                drop(conn.prepare(&format!("SELECT {expr}")).expect("prepare"));
                t.elapsed()
            })
            .collect(),
    )
    .as_secs_f64()
        * 1e6;
    (run(&format!("SELECT {expr}"), args) - run("SELECT 1", &[]), prepare)
}

/// The parts of a record, each alone: what one evaluation costs when the statement is prepared
/// once, and what compiling it costs (paid in every statement the trigger is compiled into).
fn parts(conn: &Connection) {
    use rusqlite::types::Value;
    let unit: Vec<String> =
        ["id", "name", "short_name", "kind", "sort_order", "active", "created_at", "updated_at"]
            .iter()
            .map(|c| c.to_string())
            .collect();
    let json = format!(
        "(SELECT json_object({}) FROM unit WHERE id = ?1)",
        unit.iter().map(|c| format!("'{c}', {c}")).collect::<Vec<_>>().join(", ")
    );
    let changes = format!(
        "(SELECT luoshi_audit_changes(1, {}) FROM unit WHERE id = ?1)",
        unit.iter().map(|c| format!("'{c}', {c}, {c} || 'x'")).collect::<Vec<_>>().join(", ")
    );
    let record: Vec<Value> = conn
        .query_row(
            "SELECT prev_hash, seq, at, actor, action, object_kind, object_id, before, after FROM audit_log
             WHERE action = 'update' ORDER BY seq DESC LIMIT 1",
            [],
            |r| (0..9).map(|i| r.get::<_, Value>(i)).collect(),
        )
        .expect("a record");
    let id: i64 = conn.query_row("SELECT max(id) FROM unit", [], |r| r.get(0)).expect("unit");
    println!("| part of a record | evaluation | compile (prepare) |");
    println!("|---|---|---|");
    for (what, expr, args) in [
        ("actor (profile joined to person)", ACTORS[0].to_string(), vec![]),
        ("actor, as two key lookups instead", ACTORS[1].to_string(), vec![]),
        ("unit row as json_object (the row read included)", json, vec![Value::Integer(id)]),
        ("unit row, changed columns (7 of 8 changed; row read included)", changes, vec![Value::Integer(id)]),
        (
            "luoshi_audit_hash of a unit edit record",
            "luoshi_audit_hash(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)".into(),
            record,
        ),
        (
            "next seq and last hash",
            "(SELECT max(seq) FROM audit_log) + 1, (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)"
                .into(),
            vec![],
        ),
    ] {
        let (eval, prepare) = expr_cost(conn, &expr, &args);
        println!("| {what} | {eval:.2} µs | {prepare:.1} µs |");
    }
}

/// Median time to prepare the unit's UPDATE (the triggers it fires are compiled into it).
fn prepare_time(f: &Folder) -> Duration {
    let sql = "UPDATE unit SET name = ?2, short_name = ?3, kind = ?4, sort_order = ?5, updated_at = ?6 WHERE id = ?1";
    let runs: Vec<Duration> = (0..2000)
        .map(|_| {
            let t = Instant::now();
            let stmt = f.store.conn().prepare(sql).expect("prepare");
            drop(stmt);
            t.elapsed()
        })
        .collect();
    median(runs)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let prefill: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5_000);
    let rounds: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(40);
    let source = tempfile::tempdir().expect("temp dir");
    let ids = fill(source.path(), prefill);
    let mut folders: Vec<Folder> = Variant::ALL.iter().map(|v| open_copy(source.path(), *v)).collect();
    let records: i64 =
        folders[0].store.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count");
    println!(
        "prefilled: {prefill} items each; the trail holds {records} records; {rounds} rounds × {PER_ROUND} writes"
    );
    let count = folders.len();
    for round in 0..rounds {
        // Rotate which goes first, so that none always meets a warmer cache.
        for k in 0..count {
            let f = &mut folders[(round + k) % count];
            let reg = register_n(f, &ids, PER_ROUND);
            let upd = update_n(f, &ids, &round.to_string(), PER_ROUND);
            f.reg.push(reg);
            f.upd.push(upd);
        }
    }
    let raw_reg = median(folders[1].reg.clone());
    let raw_upd = median(folders[1].upd.clone());
    let ship_reg = median(folders[0].reg.clone());
    let ship_upd = median(folders[0].upd.clone());
    println!(
        "| folder | 登记 per write | ÷ raw | share of the trail's cost | 修改单位 per write | ÷ raw | share | pages per 登记 | pages per 修改 | prepare UPDATE unit |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for f in &mut folders {
        let (reg, upd) = (median(f.reg.clone()), median(f.upd.clone()));
        let share = |t: Duration, shipped: Duration, raw: Duration| {
            let saved = shipped.as_secs_f64() - t.as_secs_f64();
            format!("{:.0} %", saved / (shipped.as_secs_f64() - raw.as_secs_f64()) * 100.0)
        };
        let reg_pages = frames_per_write(f, |f| {
            register_n(f, &ids, 1);
        });
        let upd_pages = frames_per_write(f, |f| {
            update_n(f, &ids, "pages", 1);
            update_n(f, &ids, "pages again", 1);
        }) / 2.0;
        let prepare = prepare_time(f);
        let (reg_share, upd_share) = match f.variant {
            Variant::Shipped | Variant::Raw => ("—".to_string(), "—".to_string()),
            _ => (share(reg, ship_reg, raw_reg), share(upd, ship_upd, raw_upd)),
        };
        println!(
            "| {} | {} | {:.3} | {} | {} | {:.3} | {} | {:.1} | {:.1} | {:.1} µs |",
            f.variant.name(),
            us(reg),
            reg.as_secs_f64() / raw_reg.as_secs_f64(),
            reg_share,
            us(upd),
            upd.as_secs_f64() / raw_upd.as_secs_f64(),
            upd_share,
            reg_pages,
            upd_pages,
            prepare.as_secs_f64() * 1e6,
        );
    }
    parts(folders[0].store.conn());
    let conn = folders[0].store.conn();
    let item: i64 = conn.query_row("SELECT min(id) FROM assignment", [], |r| r.get(0)).expect("item");
    let filter = luoshi_core::audit::AuditFilter {
        object_kind: Some("assignment".into()),
        object_id: Some(item.to_string()),
        ..Default::default()
    };
    let by_object = median(
        (0..200)
            .map(|_| {
                let t = Instant::now();
                luoshi_core::audit::list(conn, &filter).expect("list");
                t.elapsed()
            })
            .collect(),
    );
    let t = Instant::now();
    let report = luoshi_core::audit::verify(conn).expect("verify");
    let verify_time = t.elapsed();
    println!(
        "trail as shipped after the run: {} records, verify ok = {} in {:.2} s; audit list of one item's records {}",
        report.records,
        report.ok,
        verify_time.as_secs_f64(),
        us(by_object)
    );
    assert!(report.ok, "{:?}", report.problems.first());
}

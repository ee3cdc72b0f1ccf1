//! The cost the audit trail adds to a write: the same writes timed on two data folders filled alike,
//! one with the trail's row triggers (as shipped) and one with them dropped (raw), in the same run,
//! rounds alternating between the two so that both see the same machine.
//!
//! A write is one 登记 of a 交办事项 (`assignment::register`: the item, its cooperating unit, the
//! year counter and the first event, 4 rows and 4 audit records in one transaction) and one 修改 of a
//! unit (`org::update_unit`: 1 row, 1 record with before and after).
//!
//! `cargo run --release -p luoshi-core --example audit_bench [PREFILLED_ITEMS]`

use std::time::{Duration, Instant};

use luoshi_core::assignment::{self, AssignmentInput};
use luoshi_core::org::{self, PersonInput, UnitInput, UnitKind};
use luoshi_core::Store;

const PER_ROUND: usize = 300;
const ROUNDS: usize = 7;

struct Folder {
    _dir: tempfile::TempDir,
    store: Store,
    lead: i64,
    other: i64,
    person: i64,
}

fn folder(prefill: u32, raw: bool) -> Folder {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("opens");
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
    if raw {
        let names: Vec<String> = store
            .conn()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\' AND name NOT LIKE 'audit_log_%'")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("names");
        for name in names {
            store.conn().execute_batch(&format!("DROP TRIGGER \"{name}\"")).expect("drop");
        }
    }
    Folder { _dir: dir, store, lead, other, person }
}

fn register_round(f: &mut Folder) -> Duration {
    let input = AssignmentInput {
        title: "关于幸福小区供暖不达标问题的整改".into(),
        source: "来信来访/群众诉求".into(),
        content: "群众反映幸福小区供暖温度不达标，请住建局牵头核实整改。".into(),
        category: "routine".into(),
        lead_unit_id: f.lead,
        cooperating_unit_ids: vec![f.other],
        responsible_id: f.person,
        ..Default::default()
    };
    let t = Instant::now();
    for _ in 0..PER_ROUND {
        assignment::register(f.store.conn_mut(), &input).expect("register");
    }
    t.elapsed() / PER_ROUND as u32
}

fn update_round(f: &mut Folder, round: usize) -> Duration {
    let t = Instant::now();
    for i in 0..PER_ROUND {
        let input = UnitInput {
            name: format!("测速协办单位{round}-{i}"),
            short_name: None,
            kind: UnitKind::Subordinate,
            sort_order: None,
        };
        org::update_unit(f.store.conn_mut(), f.other, &input).expect("update");
    }
    t.elapsed() / PER_ROUND as u32
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
    let mut trail = folder(prefill, false);
    let mut raw = folder(prefill, true);
    let records: i64 =
        trail.store.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count");
    println!("prefilled: {prefill} items each; the trail holds {records} records; {ROUNDS} rounds × {PER_ROUND} writes");
    let (mut reg_t, mut reg_r, mut upd_t, mut upd_r) = (vec![], vec![], vec![], vec![]);
    for round in 0..ROUNDS {
        // Alternate which goes first, so neither always meets a warmer cache.
        if round % 2 == 0 {
            reg_t.push(register_round(&mut trail));
            reg_r.push(register_round(&mut raw));
        } else {
            reg_r.push(register_round(&mut raw));
            reg_t.push(register_round(&mut trail));
        }
        upd_t.push(update_round(&mut trail, round));
        upd_r.push(update_round(&mut raw, round));
    }
    for (what, t, r) in
        [("登记 (register an item)", reg_t, reg_r), ("修改单位 (update a unit)", upd_t, upd_r)]
    {
        let (t, r) = (median(t), median(r));
        println!(
            "{what}: with trail {} per write, raw {} per write, ratio {:.3} (+{:.1} %)",
            us(t),
            us(r),
            t.as_secs_f64() / r.as_secs_f64(),
            (t.as_secs_f64() / r.as_secs_f64() - 1.0) * 100.0
        );
    }
    let report = luoshi_core::audit::verify(trail.store.conn()).expect("verify");
    println!("trail after the run: {} records, verify ok = {}", report.records, report.ok);
}

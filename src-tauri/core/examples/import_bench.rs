//! 导入台账 of a 10,000-row ledger: writes the ledger with `tests/fixtures/ledgers/make.py --big N`
//! (openpyxl), times the preview (a dry run: read, resolve, check, write and roll back) and the
//! import into a data folder holding the ledgers' directory, and in the same run openpyxl reading
//! the same file (the reference: what an office's own Python script would take just to read it).
//!
//! `cargo run --release -p luoshi-core --example import_bench [ROWS]` (needs /usr/bin/python3 with
//! python3-openpyxl and python3-xlwt)

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use luoshi_core::exchange::{self, ImportOptions, ImportProgress};
use luoshi_core::org::{self, PersonInput, UnitInput, UnitKind};
use luoshi_core::Store;

/// openpyxl reading every cell of the first sheet, as a script that takes a ledger in would.
const OPENPYXL_READ: &str = r#"
import sys, time, openpyxl
t = time.perf_counter()
rows = list(openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows(values_only=True))
print(f"{time.perf_counter() - t:.3f} {len(rows)}")
"#;

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ledgers/make.py");
    let made = Command::new("/usr/bin/python3")
        .arg(&script)
        .arg(temp.path().join("ledgers"))
        .args(["--big", &rows.to_string()])
        .output()
        .expect("python3 runs make.py");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let file = temp.path().join("ledgers/big.xlsx");
    let bytes = std::fs::metadata(&file).expect("big.xlsx").len();

    let mut store = Store::open(&temp.path().join("data")).expect("data folder");
    for (name, short, person) in [
        ("市政府督查室", "督查室", "陈堃"),
        ("市发展和改革委员会", "发改委", "王玥"),
        ("市住房和城乡建设局", "住建局", "张镕"),
        ("市教育局", "教育局", "李明"),
        ("市卫生健康委员会", "卫健委", "赵敏"),
    ] {
        let unit = org::add_unit(
            store.conn_mut(),
            &UnitInput {
                name: name.into(),
                short_name: Some(short.into()),
                kind: UnitKind::External,
                sort_order: None,
            },
        )
        .expect("unit");
        let input =
            PersonInput { name: person.into(), unit_id: unit.id, title: None, phone: None, roles: vec![] };
        org::add_person(store.conn_mut(), &input).expect("person");
    }

    // Where each step's time goes, to size its stretch of the progress bar: the time each report
    // of a step's first percent arrived.
    let steps = RefCell::new(Vec::<(String, u8, f64)>::new());
    let import_start = Cell::new(Instant::now());
    let note = |p: ImportProgress| {
        let at = import_start.get().elapsed().as_secs_f64();
        let step = p.step.split(['：', '…']).next().unwrap_or_default().to_string();
        let mut steps = steps.borrow_mut();
        if steps.last().is_none_or(|(s, _, _)| *s != step) {
            steps.push((step, p.percent, at));
        }
    };
    let t = Instant::now();
    let preview = exchange::import_ledger(
        store.conn_mut(),
        &file,
        &ImportOptions { dry_run: true, ..Default::default() },
        &|_| {},
    )
    .expect("preview");
    let previewed = t.elapsed().as_secs_f64();
    let t = Instant::now();
    import_start.set(t);
    let report =
        exchange::import_ledger(store.conn_mut(), &file, &ImportOptions::default(), &note).expect("import");
    let imported = t.elapsed().as_secs_f64();
    let steps = steps.into_inner();
    for (i, (step, percent, at)) in steps.iter().enumerate() {
        let end = steps.get(i + 1).map_or(imported, |s| s.2);
        println!(
            "  import step {step}: bar from {percent}%, {:.0}% of the time ({:.2} s)",
            100.0 * (end - at) / imported,
            end - at
        );
    }
    assert_eq!(
        (preview.importable, report.imported),
        (rows, rows),
        "every row comes in: {:?}",
        report.errors.first()
    );

    let py =
        Command::new("/usr/bin/python3").arg("-c").arg(OPENPYXL_READ).arg(&file).output().expect("python3");
    assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
    let said = String::from_utf8_lossy(&py.stdout);
    let read: f64 = said.split_whitespace().next().and_then(|s| s.parse().ok()).expect("seconds");
    println!("ledger: {rows} rows, {:.1} MB (openpyxl, make.py --big)", bytes as f64 / 1e6);
    println!("preview (dry run): {previewed:.2} s (ratio to openpyxl's read {:.2})", previewed / read);
    println!("import: {imported:.2} s (ratio {:.2})", imported / read);
    println!(
        "openpyxl read of the same file (read_only, every row): {read:.2} s, {} rows",
        said.split_whitespace().nth(1).unwrap_or("?")
    );
}

//! 导出台账 at 100,000 items: fills a data folder with demo items (or reuses `EXPORT_BENCH_DIR` when
//! it already holds them), times `exchange::export_ledger` of the whole ledger, and, in the same run,
//! openpyxl writing the same cells (the reference: what an office's own Python script would take)
//! and reading the exported file back.
//!
//! `cargo run --release -p luoshi-core --example export_bench [ITEMS]` (needs /usr/bin/python3 with
//! python3-openpyxl)

#[path = "common/filled.rs"]
mod filled;

use std::process::Command;
use std::time::{Duration, Instant};

use filled::filled_folder;
use luoshi_core::assignment::LedgerQuery;
use luoshi_core::exchange;

fn s(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// openpyxl writing `rows` rows of the same 25 columns (dates as dates), then reading `read` back.
const OPENPYXL: &str = r#"
import sys, time, datetime, openpyxl
rows, out, read = int(sys.argv[1]), sys.argv[2], sys.argv[3]
t = time.perf_counter()
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "台账"
ws.append(["编号","标题","来源","来文文号","交办领导","类别","紧急程度","牵头单位","协办单位","第一责任人","分管领导","联系人","联系电话","交办时间","办理时限","时限已按日历确认","反馈周期","状态","亮灯","签收时间","最近反馈时间","办结时间","密级","标签","事项内容与要求"])
d = datetime.datetime(2026, 3, 5, 9, 30)
for i in range(rows):
    ws.append([f"督〔2026〕{i}号","关于幸福小区供暖不达标问题的整改","来信来访/群众诉求","〔2026〕12号","李明","一般办理类","一般","市住房和城乡建设局","市城市管理局","王建国","张伟","刘洋","13800000000",d,d,"是","每周","办理中","蓝灯",d,d,None,"公开","供暖","群众反映幸福小区供暖温度不达标，请住建局牵头核实整改，并于十日内反馈办理结果。"])
ws.freeze_panes = "C2"; ws.auto_filter.ref = f"A1:Y{rows + 1}"
wb.save(out)
written = time.perf_counter() - t
t = time.perf_counter()
n = sum(1 for _ in openpyxl.load_workbook(read, read_only=True).active.iter_rows(values_only=True))
print(f"{written:.2f} {time.perf_counter() - t:.2f} {n}")
"#;

fn main() {
    let items: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let (_, store) = filled_folder("EXPORT_BENCH_DIR", items, temp.path());
    let out = temp.path().join("台账.xlsx");
    let query = LedgerQuery { include_sub_items: true, ..Default::default() };
    let t = Instant::now();
    let report = exchange::export_ledger(store.conn(), &query, &out).expect("export");
    let ours = t.elapsed();
    println!("export_ledger: {} rows, {:.1} MB in {}", report.rows, report.bytes as f64 / 1e6, s(ours));
    let reference = temp.path().join("openpyxl.xlsx");
    let py = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(OPENPYXL)
        .arg(report.rows.to_string())
        .arg(&reference)
        .arg(&out)
        .output()
        .expect("python3 with openpyxl");
    assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
    let said = String::from_utf8_lossy(&py.stdout);
    let parts: Vec<&str> = said.split_whitespace().collect();
    let written: f64 = parts[0].parse().expect("seconds");
    println!(
        "openpyxl write of the same rows: {written:.2} s (ratio ours/openpyxl {:.2}); openpyxl read of our file: {} s, {} rows",
        ours.as_secs_f64() / written,
        parts[1],
        parts[2]
    );
}

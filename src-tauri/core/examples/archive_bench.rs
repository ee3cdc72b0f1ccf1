//! 归档 at 1,000 件: filing them in one action, the 归档文件目录 of the year (model and PDF), and
//! the package of the year, beside the print engine's own render time for the same pages (every
//! 件, the catalogue and the 备考表 rendered without being written or hashed). Prints Markdown for
//! docs/benchmarks.md.
//!
//! cargo run --release -p luoshi-core --example archive_bench [FILES]

#[path = "common/filled.rs"]
mod filled;
#[path = "common/timing.rs"]
mod timing;

use std::collections::BTreeMap;
use std::time::Instant;

use luoshi_core::archive::{self, ArchiveQuery, ArchiveSettings, FileRequest, Retention, Target};
use luoshi_core::print;
use luoshi_core::profile::{self, ProfileInput};

fn main() {
    let wanted: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let temp = tempfile::tempdir().expect("temp dir");
    // About a third of demo items end struck off, spread over two years: five times as many items.
    let (_, mut store) = filled::filled_folder("LUOSHI_BENCH_DIR", (wanted * 6) as u32, temp.path());
    print::preload().expect("fonts");
    let conn = store.conn_mut();
    if profile::get_profile(conn).expect("profile").is_none() {
        profile::set_profile(conn, &ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() })
            .expect("profile");
    }
    let settings = ArchiveSettings {
        fonds_code: "Z109".into(),
        fonds_name: "某市人民政府办公室".into(),
        ..Default::default()
    };
    archive::save_settings(conn, &settings).expect("settings");

    // The year with the most struck-off items, up to `wanted` of them.
    let mut by_year: BTreeMap<i32, Vec<Target>> = BTreeMap::new();
    for c in archive::candidates(conn).expect("candidates").into_iter().filter(|c| c.ready) {
        by_year.entry(c.year().expect("finished")).or_default().push(c.target);
    }
    let (year, targets) = by_year.into_iter().max_by_key(|(_, t)| t.len()).expect("struck-off items");
    let targets: Vec<Target> = targets.into_iter().take(wanted).collect();
    let t = Instant::now();
    let request =
        FileRequest { targets: targets.clone(), retention: Some(Retention::Years30), actor_id: None };
    let filed = archive::file(conn, &request).expect("file");
    let filing = t.elapsed();
    let files =
        archive::list_files(conn, &ArchiveQuery { year: Some(year), ..Default::default() }).expect("list");
    let pages: i64 = files.iter().map(|f| f.pages).sum();

    let (model, doc) = timing::time(5, || archive::catalogue_paper(conn, year, None).expect("catalogue"));
    let (render, rendered) = timing::time(5, || print::render_counted(&doc).expect("renders"));

    // The print engine alone on the package's papers.
    let t = Instant::now();
    let mut engine_pages = 0;
    for f in &files {
        engine_pages +=
            print::render_counted(&archive::file_document(conn, f).expect("model")).expect("pdf").pages;
    }
    engine_pages += print::render_counted(&doc).expect("pdf").pages;
    engine_pages +=
        print::render_counted(&archive::boxes_paper(conn, year).expect("boxes")).expect("pdf").pages;
    let engine = t.elapsed();

    let out = tempfile::tempdir().expect("out");
    let t = Instant::now();
    let report = archive::export_year(conn, year, out.path()).expect("export");
    let export = t.elapsed();
    let t = Instant::now();
    let verified = archive::verify_package(&out.path().join(year.to_string())).expect("verify");
    let verify = t.elapsed();
    assert!(verified.ok);

    let s = |d: std::time::Duration| d.as_secs_f64();
    println!("{} 件 of {year} ({pages} pages in all), filed with 30 years' retention:\n", filed.len());
    println!("| What | Time | Target | Reference |");
    println!("|---|---|---|---|");
    println!(
        "| 归档: {} 件 in one action (page count of each, 档号, events) | {:.2} s | | |",
        filed.len(),
        s(filing)
    );
    println!("| 归档文件目录 of the year: model | {:.0} ms | | |", s(model) * 1000.0);
    println!(
        "| 归档文件目录 of the year: model + PDF ({} pages, {} KB) | {:.0} ms | ≤ 1 s | |",
        rendered.pages,
        rendered.bytes / 1024,
        s(model + render) * 1000.0
    );
    println!(
        "| 导出移交包: {} files, {} MB (render, write, SHA-256, manifest) | {:.1} s | ≤ 30 s | print engine alone on the same {engine_pages} pages: {:.1} s (×{:.2}) |",
        report.files,
        report.bytes / 1_048_576,
        s(export),
        s(engine),
        s(export) / s(engine)
    );
    println!("| archive verify of the package | {:.2} s | | |", s(verify));
}

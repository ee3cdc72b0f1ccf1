//! The paper of supervision through `luoshi-cli report` on a demo ledger in a real SQLite file: the
//! bulletin's figures are those of `luoshi-cli stats` for the month, every item overdue now is in
//! it, the ranking runs in the order of the scores, and LibreOffice reads the Word file; 责任清单
//! and the printed ledger come out on landscape paper; bad periods and filters are refused.

use luoshi_core::assignment::{self, LedgerQuery};
use luoshi_core::{time, Store};

use crate::fixtures::{cli, convert, json, soffice, tool};

/// Text without any whitespace, so that words wrapped over lines or cells read whole.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn cli_report_bulletin_agrees_with_stats_and_the_ledger_to_the_item() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("opens");
        assignment::fill_demo(store.conn_mut(), 1000).expect("demo");
    }
    // This month: its cutoff is now, so "overdue at the cutoff" is the ledger's 超期 today.
    let today = time::now().date_naive();
    let month = today.format("%Y-%m").to_string();
    let first = today.format("%Y-%m-01").to_string();
    let last = (chrono::NaiveDate::parse_from_str(&first, "%Y-%m-%d").expect("day") + chrono::Months::new(1))
        .pred_opt()
        .expect("last day")
        .to_string();

    let pdf = dir.path().join("通报.pdf");
    let out =
        json(&cli(dir.path(), &["report", "bulletin", "--month", &month, "-o", pdf.to_str().expect("path")]));
    assert!(out["pages"].as_u64().expect("pages") >= 2, "{out}");
    let text = squeezed(&tool("pdftotext", &[pdf.to_str().expect("path"), "-"]));

    // The figures paragraph says what `stats` says for the month.
    let stats =
        json(&cli(dir.path(), &["stats", "--from", &first, "--to", &last, "--by", "unit", "--score"]));
    let c = &stats["totals"]["counts"];
    for said in [format!("到期应办结交办事项{}件", c["items"]), format!("已办结{}件", c["closed"])]
    {
        assert!(text.contains(&said), "the bulletin does not say {said}");
    }

    // Every top-level item overdue now is listed, in the Word file LibreOffice reads back.
    let docx = dir.path().join("通报.docx");
    cli(
        dir.path(),
        &["report", "bulletin", "--month", &month, "-o", docx.to_str().expect("path"), "--format", "docx"],
    );
    let read = squeezed(
        &std::fs::read_to_string(convert(soffice(), &docx, "txt:Text", "txt", dir.path())).expect("txt"),
    );
    let store = Store::open(dir.path()).expect("opens");
    let overdue: Vec<_> = assignment::ledger_all(store.conn(), &LedgerQuery::default())
        .expect("ledger")
        .into_iter()
        .filter(|r| r.overdue && r.state != assignment::State::Suspended)
        .collect();
    assert!(!overdue.is_empty(), "a demo ledger has overdue items");
    for row in &overdue {
        assert!(read.contains(&squeezed(&row.number)), "{} is overdue but not in the bulletin", row.number);
    }
    assert!(read.contains(&format!("超期未办结事项共{}件", overdue.len())), "the count of overdue items");

    // The ranking table runs in the order of the scores `stats --score` gives.
    let ranked: Vec<(&str, f64)> = stats["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["rank"].is_u64())
        .map(|r| (r["name"].as_str().expect("name"), r["score"].as_f64().expect("score")))
        .collect();
    assert!(ranked.len() >= 2, "some units are ranked: {stats}");
    assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1), "stats ranks by score");
    let table = read.split("超期未办结得分").nth(1).expect("the ranking table's header");
    let mut at = 0;
    for (name, _) in &ranked {
        let found = table[at..].find(name).unwrap_or_else(|| panic!("{name} out of rank order"));
        at += found + name.len();
    }
}

#[test]
fn cli_report_lists_print_landscape_and_bad_periods_and_filters_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("opens");
        assignment::fill_demo(store.conn_mut(), 200).expect("demo");
    }
    let path = |name: &str| dir.path().join(name).to_str().expect("path").to_string();
    for (args, file) in [
        (vec!["report", "responsibility"], "责任清单.pdf"),
        (vec!["report", "responsibility", "--unit", "1"], "一个单位的责任清单.pdf"),
        (vec!["report", "ledger", "--light", "red"], "红灯台账.pdf"),
    ] {
        let out = json(&cli(dir.path(), &[args, vec!["-o", &path(file)]].concat()));
        assert!(out["pages"].as_u64().expect("pages") >= 1, "{out}");
        let info = tool("pdfinfo", &[&path(file)]);
        assert!(info.contains("841.89 x 595.276"), "{file} is not landscape A4: {info}");
    }
    let text = tool("pdftotext", &[&path("红灯台账.pdf"), "-"]);
    assert!(squeezed(&text).contains("信号灯为红灯的事项共"), "{text}");
    let out =
        json(&cli(dir.path(), &["report", "responsibility", "-o", &path("清单.docx"), "--format", "docx"]));
    assert_eq!(out["format"], "docx");

    for (args, says) in [
        (vec!["report", "bulletin", "--month", "2026-13"], "2026-13"),
        (vec!["report", "bulletin", "--quarter", "2026-Q5"], "2026-Q5"),
        (vec!["report", "bulletin"], "--month"),
        (vec!["report", "ledger", "--light", "紫灯"], "紫灯"),
        (vec!["report", "responsibility", "--unit", "99999"], "99999"),
    ] {
        let out = cli(dir.path(), &[args.clone(), vec!["-o", &path("x.pdf")]].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

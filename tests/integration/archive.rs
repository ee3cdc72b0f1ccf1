//! 归档 through `luoshi-cli archive` on a demo ledger in a real SQLite file: 件 filed in two
//! retentions get gap-free 档号 per class, a 件 is filed once, the 归档文件目录 comes out landscape
//! with DA/T 22's columns in order on every page and reads back from .xlsx with openpyxl, the 归档章
//! stands at the top centre of a 件's first page, the package's manifest agrees with `sha256sum`
//! and `archive verify` finds a changed file; the 销号审批表 prints on one page.

use std::collections::BTreeMap;

use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::{assignment, Store};

use crate::fixtures::{cli, json, openpyxl, tool};

/// Text without any whitespace, so that words wrapped over lines or cells read whole.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn cli_archive_files_numbers_catalogues_and_packages_a_year() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("opens");
        assignment::fill_demo(store.conn_mut(), 300).expect("demo");
        let me = ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() };
        profile::set_profile(store.conn_mut(), &me).expect("profile");
    }
    let setup = json(&cli(
        dir.path(),
        &[
            "archive",
            "setup",
            "--fonds-code",
            "Z109",
            "--fonds-name",
            "某市人民政府办公室",
            "--org-code",
            "DCS",
        ],
    ));
    assert_eq!(setup["office_code"], "DCS", "{setup}");

    // The struck-off items of the busiest year, filed half 30 years, half 10 years, in one command each.
    let candidates = json(&cli(dir.path(), &["archive", "candidates"]));
    let mut by_year: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for c in candidates.as_array().expect("list").iter().filter(|c| c["ready"] == true) {
        let year = c["finished"].as_str().expect("finished")[..4].parse().expect("year");
        by_year.entry(year).or_default().push(c["target"]["id"].as_i64().expect("id"));
    }
    let (&year, ids) = by_year.iter().max_by_key(|(_, ids)| ids.len()).expect("struck-off items in the demo");
    assert!(ids.len() >= 6, "{by_year:?}");
    let ids: Vec<String> = ids.iter().take(12).map(|id| id.to_string()).collect();
    let (thirty, ten) = ids.split_at(ids.len() / 2);
    let add = |ids: &[String], retention: &str| {
        let mut args = vec!["archive", "add", "--retention", retention];
        for id in ids {
            args.extend(["--item", id.as_str()]);
        }
        json(&cli(dir.path(), &args))
    };
    add(thirty, "D30");
    let filed = add(ten, "10年");
    let one = if ten.len() == 1 { filed.clone() } else { filed[0].clone() };
    for field in ["archival_code", "item_no", "year", "title", "date", "pages"] {
        assert!(!one[field].is_null(), "{field} missing: {one}");
    }

    // Filed once: a second time is refused, naming the 档号.
    let again = cli(dir.path(), &["archive", "add", "--item", &ten[0]]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("已归档"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    // 件号 from 0001 without gaps in each class, dates of 8 digits in the year.
    let list = json(&cli(dir.path(), &["archive", "list", "--year", &year.to_string()]));
    let list = list.as_array().expect("list");
    assert_eq!(list.len(), ids.len());
    let mut classes: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for f in list {
        let code = f["archival_code"].as_str().expect("code");
        assert!(code.starts_with(&format!("Z109-WS·{year}-")), "{code}");
        assert!(f["date"].as_str().expect("date").starts_with(&year.to_string()));
        assert_eq!(f["date"].as_str().expect("date").len(), 8);
        classes
            .entry(format!("{}-{}", f["retention"], f["org_code"]))
            .or_default()
            .push(f["item_no"].as_i64().expect("no"));
    }
    for (class, numbers) in &classes {
        assert_eq!(*numbers, (1..=numbers.len() as i64).collect::<Vec<_>>(), "{class}");
    }
    let first_code = list[0]["archival_code"].as_str().expect("code").to_string();
    assert!(first_code.ends_with("-0001") && first_code.contains("-D30-"), "{first_code}");

    // The catalogue: landscape A4, the columns in DA/T 22's order on every page, the cover.
    let cat = dir.path().join("目录.pdf");
    json(&cli(dir.path(), &["archive", "catalogue", "--year", &year.to_string(), "-o", path(&cat)]));
    let info = tool("pdfinfo", &[path(&cat)]);
    assert!(info.contains("841.89 x 595.2"), "landscape A4: {info}");
    let layout = tool("pdftotext", &["-layout", path(&cat), "-"]);
    let header = ["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"];
    let header_lines: Vec<&str> =
        layout.lines().filter(|l| l.contains("序号") && l.contains("备注")).collect();
    assert!(!header_lines.is_empty(), "{layout}");
    for line in &header_lines {
        let at: Vec<usize> = header.iter().map(|h| line.find(h).expect(h)).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "columns out of order: {line}");
    }
    let pages = layout.split('\u{c}').filter(|p| p.contains("Z109-WS·")).count();
    assert_eq!(header_lines.len(), pages, "a header on every page of the table");
    let text = squeezed(&layout);
    for said in [
        "全宗号Z109",
        "全宗名称某市人民政府办公室",
        &format!("年度{year}"),
        "保管期限定期30年",
        "保管期限定期10年",
    ] {
        assert!(text.contains(said), "the cover does not say {said}");
    }
    assert!(text.contains(&first_code) && text.contains("的督办办理材料]"), "{text}");

    // The same as .xlsx, read by openpyxl: a sheet per class, the columns, every 件.
    let xlsx = dir.path().join("目录.xlsx");
    json(&cli(
        dir.path(),
        &["archive", "catalogue", "--year", &year.to_string(), "-o", path(&xlsx), "--format", "xlsx"],
    ));
    let read = openpyxl(
        "import json, sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps({ws.title: [[c.value for c in r] for r in ws.iter_rows(min_row=3)] for ws in wb.worksheets}))",
        &[path(&xlsx)],
    );
    let sheets = read.as_object().expect("sheets");
    assert_eq!(sheets.len(), classes.len());
    let mut rows = 0;
    for table in sheets.values() {
        let table = table.as_array().expect("rows");
        assert_eq!(table[0], serde_json::json!(header));
        rows += table.len() - 1;
    }
    assert_eq!(rows, ids.len());

    // A 件 as one PDF: the 归档章's values at the top centre of page 1.
    let one_pdf = dir.path().join("件.pdf");
    json(&cli(dir.path(), &["archive", "print", &list[0]["id"].to_string(), "-o", path(&one_pdf)]));
    let bbox = tool("pdftotext", &["-bbox", "-f", "1", "-l", "1", path(&one_pdf), "-"]);
    let word = |w: &str| -> (f64, f64) {
        let line = bbox
            .lines()
            .find(|l| l.ends_with(&format!(">{w}</word>")))
            .unwrap_or_else(|| panic!("{w} not on page 1"));
        let num = |key: &str| -> f64 {
            let rest = &line[line.find(key).expect(key) + key.len() + 2..];
            rest[..rest.find('"').expect("quote")].parse().expect("number")
        };
        ((num("xMin") + num("xMax")) / 2.0, num("yMin"))
    };
    let (x, y) = word("Z109");
    let (year_x, _) = word(&year.to_string());
    assert!(y < 60.0, "the stamp is in the top margin: y = {y}");
    assert!((year_x - 297.6).abs() < 10.0, "the stamp's middle box is at the page's centre: {year_x}");
    assert!(x < year_x);
    assert!(word("0001").1 < 60.0);

    // The package: manifest sums as sha256sum computes them; a changed file is found.
    let out = dir.path().join("移交");
    let report =
        json(&cli(dir.path(), &["archive", "export", "--year", &year.to_string(), "-o", path(&out)]));
    assert_eq!(report["items"].as_u64(), Some(ids.len() as u64));
    let package = out.join(year.to_string());
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(package.join("manifest.json")).expect("manifest"))
            .expect("json");
    for f in manifest["files"].as_array().expect("files") {
        let file = package.join(f["path"].as_str().expect("path"));
        let sum = tool("sha256sum", &[path(&file)]);
        assert_eq!(sum.split_whitespace().next(), f["sha256"].as_str(), "{}", f["path"]);
        assert_eq!(std::fs::metadata(&file).expect("file").len(), f["size"].as_u64().expect("size"));
    }
    assert_eq!(manifest["items"].as_array().expect("items").len(), ids.len());
    assert!(manifest["items"][0]["archival_code"].is_string() && manifest["items"][0]["pages"].is_number());
    json(&cli(dir.path(), &["archive", "verify", path(&package)]));
    std::fs::write(package.join("备考表.pdf"), b"%PDF-1.7 changed").expect("tamper");
    let bad = cli(dir.path(), &["archive", "verify", path(&package)]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("备考表.pdf"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );

    // 确认归档 fixes the year: moving a 件 is refused after it.
    json(&cli(dir.path(), &["archive", "confirm", "--year", &year.to_string()]));
    let moved = cli(dir.path(), &["archive", "move", &list[1]["id"].to_string(), "--to", "1"]);
    assert!(!moved.status.success());
    assert!(
        String::from_utf8_lossy(&moved.stderr).contains("已确认"),
        "{}",
        String::from_utf8_lossy(&moved.stderr)
    );
}

#[test]
fn cli_item_print_closing_is_one_page_with_the_signature_boxes() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("opens");
        assignment::fill_demo(store.conn_mut(), 60).expect("demo");
    }
    let candidates = json(&cli(dir.path(), &["archive", "candidates"]));
    let id =
        candidates.as_array().expect("list").iter().find(|c| c["ready"] == true).expect("a struck-off item")
            ["target"]["id"]
            .to_string();
    let pdf = dir.path().join("销号审批表.pdf");
    let out = json(&cli(dir.path(), &["item", "print", &id, "closing", "-o", path(&pdf)]));
    assert_eq!(out["pages"], 1, "{out}");
    let text = squeezed(&tool("pdftotext", &[path(&pdf), "-"]));
    for said in [
        "销号审批表",
        "办结时间",
        "是否按期",
        "满意度",
        "承办单位意见",
        "督查部门意见",
        "领导审批意见",
        "签名",
    ] {
        assert!(text.contains(said), "{said}");
    }
    let bad = cli(dir.path(), &["item", "print", &id, "closed", "-o", path(&pdf)]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("销号审批表"));
}

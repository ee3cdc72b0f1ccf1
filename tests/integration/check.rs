//! Integration tests of the check area: `luoshi-cli check` on real office writing (the corpus
//! texts in tests/fixtures/check/), with settings from a real SQLite file.

use std::path::{Path, PathBuf};

use luoshi_core::check::{self, Thresholds};
use luoshi_core::test_support::{fixture_file, utf16_slice};
use luoshi_core::Store;
use serde_json::Value;

use crate::fixtures::{cli, json};

fn fixture(name: &str) -> PathBuf {
    fixture_file(&format!("check/{name}"))
}

fn check(dir: &Path, file: &Path, extra: &[&str]) -> Value {
    let file = file.to_str().expect("utf-8 path");
    let mut args = vec!["check", file, "--json"];
    args.extend_from_slice(extra);
    json(&cli(dir, &args))
}

fn rule_check<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["checks"].as_array().expect("checks").iter().find(|c| c["rule"] == rule).expect("rule")
}

#[test]
fn project_summaries_are_labelled_in_document_order_with_utf16_offsets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = fixture("corpus_001_project_summaries.txt");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let report = check(dir.path(), &path, &[]);
    let sentences = report["sentences"].as_array().expect("sentences");
    assert!(sentences.len() > 300, "{}", sentences.len());
    let mut last_end = 0;
    for s in sentences {
        let offset = |key: &str| s[key].as_u64().expect(key) as usize;
        let (start, end) = (offset("start"), offset("end"));
        assert!(start >= last_end && end > start, "document order");
        last_end = end;
        assert_eq!(utf16_slice(&text, start, end), s["text"].as_str().expect("text"));
        for key in ["quant", "problem", "stock"] {
            assert!(s[key].is_boolean(), "{key}");
        }
    }
    // Generic writing, as the corpus notes: almost no figures, many stock phrases.
    let quant = report["quant_ratio"].as_f64().expect("ratio");
    assert!(quant < 0.05, "{quant}");
    assert!(report["problem_ratio"].as_f64().expect("ratio") > 0.05);
    assert_eq!(rule_check(&report, "quant_ratio")["passed"], false);
    let findings = report["findings"].as_array().expect("findings");
    let stock: Vec<&Value> =
        findings.iter().filter(|f| f["rule"] == "stock" && !f["range"].is_null()).collect();
    assert!(stock.len() >= 20, "{}", stock.len());
    for f in &stock {
        let phrase = utf16_slice(
            &text,
            f["range"]["start"].as_u64().expect("s") as usize,
            f["range"]["end"].as_u64().expect("e") as usize,
        );
        assert!(f["message"].as_str().expect("message").contains(&phrase));
        assert!(f["basis"].as_str().expect("basis").contains("套话"));
    }
    assert_eq!(report["offset_unit"], "utf16");
    assert_eq!(report["passed"], false);
}

#[test]
fn the_figure_dense_account_passes_the_data_share() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = check(dir.path(), &fixture("corpus_000_phase_summaries.txt"), &[]);
    assert!(report["quant_ratio"].as_f64().expect("ratio") >= 0.4);
    assert_eq!(rule_check(&report, "quant_ratio")["passed"], true);
    assert_eq!(
        rule_check(&report, "quant_ratio")["summary"].as_str().map(|s| s.starts_with("数据占比")),
        Some(true)
    );
}

#[test]
fn astral_characters_count_two_utf16_units() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("吉.txt");
    std::fs::write(&path, "𠮷祥村完成改造30户。\n𠮷𠮷进度滞后。").expect("write");
    let report = check(dir.path(), &path, &["--defaults"]);
    let s = &report["sentences"];
    assert_eq!((s[0]["start"].as_u64(), s[0]["end"].as_u64()), (Some(0), Some(12)));
    assert_eq!((s[1]["start"].as_u64(), s[1]["end"].as_u64()), (Some(13), Some(22)));
    assert_eq!((s[0]["quant"].as_bool(), s[1]["problem"].as_bool()), (Some(true), Some(true)));
}

#[test]
fn thresholds_and_phrases_come_from_the_data_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let store = Store::open(dir.path()).expect("opens");
        check::save_thresholds(store.conn(), &Thresholds { quant_min: 0.6, ..Thresholds::default() })
            .expect("save");
        let mut phrases = check::StockPhrases::default();
        phrases.phrases.push("再创佳绩".into());
        check::save_stock_phrases(store.conn(), phrases).expect("save");
    }
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, "全年办结事项120件。\n力争明年再创佳绩。").expect("write");
    let report = check(dir.path(), &path, &[]);
    let quant = rule_check(&report, "quant_ratio");
    assert_eq!((quant["threshold"].as_f64(), quant["passed"].as_bool()), (Some(0.6), Some(false)));
    assert_eq!(report["sentences"][1]["stock"], true);
    // --defaults ignores the saved settings.
    let report = check(dir.path(), &path, &["--defaults"]);
    assert_eq!(rule_check(&report, "quant_ratio")["passed"], true);
    assert_eq!(report["sentences"][1]["stock"], false);
}

#[test]
fn copies_of_an_earlier_summary_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let earlier = dir.path().join("2025年工作总结.txt");
    std::fs::write(&earlier, "我办坚持以问题为导向，全面梳理督办事项，建立台账并实行销号管理。")
        .expect("write");
    let path = dir.path().join("draft.txt");
    std::fs::write(
        &path,
        "我办坚持以问题为导向，全面梳理督办事项，建立台账并实行销号管理。\n今年督办事项86件。",
    )
    .expect("write");
    let earlier_arg = earlier.to_str().expect("path").to_string();
    let report = check(dir.path(), &path, &["--defaults", "--earlier", &earlier_arg]);
    let copy =
        report["findings"].as_array().expect("findings").iter().find(|f| f["rule"] == "copy").expect("copy");
    assert_eq!(copy["source"]["kind"], "earlier_summary");
    assert_eq!(copy["source"]["name"], "2025年工作总结");
    assert_eq!(copy["range"]["start"], 0);
}

#[test]
fn bad_input_exits_2_with_a_chinese_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(dir.path(), &["check", "不存在的文件.txt", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到要检查的文件"));
    assert!(out.stdout.is_empty());
    let gbk = dir.path().join("gbk.txt");
    std::fs::write(&gbk, [0xB9u8, 0xA4, 0xD7, 0xF7, 0xD7, 0xDC, 0xBD, 0xE1]).expect("write");
    let out = cli(dir.path(), &["check", gbk.to_str().expect("path"), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是 UTF-8 编码"));
}

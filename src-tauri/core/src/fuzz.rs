//! Every parser of a file people bring (calendar, template, summary, print model, spreadsheet
//! ledgers and the values in their cells) and the name clean-up, fed arbitrary text and mutations of valid files: each answers a value or a bad-input
//! error, never panics. Cases are bounded so the suite stays fast.

use proptest::prelude::*;

use crate::{calendar, json, print, summary, test_support, text};

const CALENDAR: &str = include_str!("../data/holidays-cn.json");
const TEMPLATE: &str = include_str!("summary/templates/phase-engineering.json");
const PRINT: &str = r#"{"title": "关于开展督查的通知", "classification": "内部", "blocks": [
  {"type": "heading", "level": 1, "text": "一、总体情况"},
  {"type": "paragraph", "text": "各单位要按时报送。"},
  {"type": "table", "columns": [{"title": "单位", "width_mm": 60}, {"title": "件数", "width_mm": 30}],
   "rows": [["督查室", "3"]], "totals": ["合计", "3"]},
  {"type": "blank", "lines": 2}, {"type": "page_break"}]}"#;
const SUMMARY: &str = r#"{"format": "luoshi.summary", "version": 1, "title": "2026年工作总结",
  "kind": "annual", "field": "general", "classification": "公开", "period_from": "2026-01-01",
  "period_to": "2026-12-31", "unit": "督查室", "sections": [{"heading": "一、总体情况",
  "role": "overview", "guidance": "", "text": "全年办结 3 件。", "indicators": []}]}"#;

/// Bytes JSON is made of, plus characters that break things: CJK, a bidi override, a zero width space.
const PIECES: &str = "[\\[\\]{}\":,.0-9a-z\\-元旦\u{202e}\u{200b} \\\\]{0,8}";

/// `seed` with a stretch cut out and arbitrary pieces put in, at a char boundary.
fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
    (0..seed.len(), 0usize..12, PIECES).prop_map(move |(at, cut, put)| {
        let at = (0..=at).rev().find(|i| seed.is_char_boundary(*i)).unwrap_or(0);
        let end = (at + cut..=seed.len()).find(|i| seed.is_char_boundary(*i)).unwrap_or(seed.len());
        format!("{}{put}{}", &seed[..at], &seed[end..])
    })
}

fn arbitrary_or_mutated(seed: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![mutated(seed), "[\\PC]{0,60}", PIECES.prop_map(|p| p.repeat(4))]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_values_parse_or_say_why(text in "[\\PC]{0,80}", pieces in PIECES) {
        let _ = json::parse_value(&text);
        let _ = json::parse_value(&pieces.repeat(8));
    }

    #[test]
    fn calendar_files_import_or_are_bad_input(text in arbitrary_or_mutated(CALENDAR)) {
        if let Err(e) = calendar::official::parse_file(&text) {
            prop_assert!(e.is_bad_input(), "{e}");
        }
    }

    #[test]
    fn print_models_read_or_are_bad_input(text in arbitrary_or_mutated(PRINT)) {
        if let Err(e) = print::Document::from_json(&text) {
            prop_assert!(e.is_bad_input(), "{e}");
        }
    }

    #[test]
    fn templates_read_or_are_bad_input(text in arbitrary_or_mutated(TEMPLATE)) {
        if let Err(e) = summary::template::parse_template_file(&text) {
            prop_assert!(e.is_bad_input(), "{e}");
        }
    }

    #[test]
    fn ledger_cells_read_or_say_why(text in "[0-9０-９年月日号底前内个工作小时天周上中下旬半季度长期 :./\\-]{0,24}", year in 1900i32..2200) {
        use crate::exchange::values;
        let _ = values::date_text(&text, Some(year));
        let _ = values::deadline_spec(&crate::exchange::workbook::Value::Text(text.clone()), year);
        let _ = values::split_names(&text);
        let _ = values::state_word(&text);
    }

    #[test]
    fn spreadsheets_read_or_are_bad_input(bytes in proptest::collection::vec(any::<u8>(), 0..600), zip in any::<bool>()) {
        let dir = tempfile::tempdir().expect("dir");
        let mut data = if zip { b"PK\x03\x04".to_vec() } else { Vec::new() };
        data.extend(bytes);
        for name in ["台账.xlsx", "台账.xls", "台账.csv"] {
            let path = dir.path().join(name);
            std::fs::write(&path, &data).expect("write");
            match crate::exchange::workbook::read(&path) {
                Ok(book) => {
                    for grid in &book.grids {
                        let _ = crate::exchange::table::find::<crate::exchange::LedgerField>(grid);
                    }
                }
                Err(e) => prop_assert!(e.is_bad_input(), "{name}: {e}"),
            }
        }
    }

    #[test]
    fn names_are_clean_or_refused(name in "[\\PC\u{0}-\u{1f}\u{200b}-\u{200f}\u{202a}-\u{202e}]{0,70}") {
        match text::required_name("name", "名称", &name) {
            Ok(clean) => {
                prop_assert!(!clean.is_empty() && clean.chars().count() <= 60);
                prop_assert!(text::refuse_hidden("name", "名称", &clean).is_ok());
            }
            Err(e) => prop_assert!(e.is_bad_input()),
        }
    }
}

proptest! {
    // Each case opens a database: fewer of them.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn summary_imports_succeed_or_are_bad_input(text in arbitrary_or_mutated(SUMMARY)) {
        let mut conn = test_support::memory_db();
        if let Err(e) = summary::exchange::import_summary(&mut conn, &text) {
            prop_assert!(e.is_bad_input(), "{e}");
        }
    }
}

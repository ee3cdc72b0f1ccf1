//! The one-sheet forms as a leader gets them: the 督办通知单, 催办单 and 销号审批表 of varied items
//! of a demo ledger, and the 督办通知单 of an item at the limits (60-character title, 20,000
//! characters of content), printed through the CLI and read back with poppler: one page each (a
//! 续页 after the sheet when the content is longer than a box), the 落款 and its date on the sheet,
//! every font embedded. PNG renders go beside the end-to-end screenshots for a person to look at.

use std::path::{Path, PathBuf};

use luoshi_core::assignment::{self, AssignmentInput};
use luoshi_core::Store;

use crate::fixtures::{self, tool};

fn renders_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e").join("screenshots").join("papers");
    std::fs::create_dir_all(&dir).expect("renders dir");
    dir
}

/// Prints `paper` of item `id`, renders it as PNG, and returns its pages' text.
fn print(data: &Path, id: i64, paper: &str, name: &str) -> Vec<String> {
    let pdf = data.join(format!("{name}.pdf"));
    let out =
        fixtures::cli(data, &["item", "print", &id.to_string(), paper, "-o", pdf.to_str().expect("path")]);
    fixtures::json(&out);
    let fonts = tool("pdffonts", &[pdf.to_str().expect("path")]);
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes yes "), "{name}: a font not embedded and subset: {line}");
    }
    let png = renders_dir().join(name);
    tool("pdftoppm", &["-r", "60", "-png", pdf.to_str().expect("path"), png.to_str().expect("path")]);
    let text = tool("pdftotext", &["-layout", pdf.to_str().expect("path"), "-"]);
    text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_string).collect()
}

/// 2026年12月2日 style dates of `text`.
fn dates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.char_indices().filter(|(_, c)| *c == '年') {
        let head: String = text[..i].chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
        if head.len() == 4 && head.chars().all(|c| c.is_ascii_digit()) {
            let tail: String = text[i..].chars().take_while(|c| *c != '日').collect();
            out.push(format!("{head}{tail}日"));
        }
    }
    out
}

#[test]
fn every_form_of_a_demo_ledger_prints_as_one_sheet_dated_by_its_facts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    fixtures::json(&fixtures::cli(data, &["demo", "--items", "300"]));
    let store = Store::open(data).expect("store");
    let pick = |sql: &str| -> Vec<(i64, String)> {
        let mut stmt = store.conn().prepare(sql).expect("query");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    // One item of each state, with the day it was issued (交办).
    let issued = pick(
        "SELECT a.id, coalesce((SELECT max(e.at) FROM assignment_event e WHERE e.assignment_id = a.id AND e.kind = 'assign'), a.assigned_at)
         FROM assignment a WHERE a.id IN (SELECT min(id) FROM assignment GROUP BY state) ORDER BY a.id",
    );
    assert!(issued.len() >= 6, "the demo has items in many states: {issued:?}");
    for (id, at) in &issued {
        let pages = print(data, *id, "notice", &format!("notice-{id}"));
        assert_eq!(pages.len(), 1, "督办通知单 of item {id} is one sheet");
        let day = &at[..10];
        let (y, m, d) = (&day[..4], day[5..7].trim_start_matches('0'), day[8..10].trim_start_matches('0'));
        let want = format!("{y}年{m}月{d}日");
        let last =
            pages[0].lines().rev().find(|l| !l.trim().is_empty() && !l.contains('—')).expect("a last line");
        assert!(
            dates(last).contains(&want),
            "item {id}: the 落款 “{}” is not dated {want}, the day it was issued",
            last.trim()
        );
        assert!(pages[0].contains("分管领导") && pages[0].contains("意见"), "the whole form is on the sheet");
    }
    for (id, _) in pick(
        "SELECT assignment_id, '' FROM assignment_event WHERE kind = 'remind' GROUP BY assignment_id LIMIT 3",
    ) {
        assert_eq!(print(data, id, "reminder", &format!("reminder-{id}")).len(), 1, "催办单 of {id}");
    }
    for (id, _) in pick("SELECT id, '' FROM assignment WHERE closed_at IS NOT NULL ORDER BY id LIMIT 3") {
        let pages = print(data, id, "closing", &format!("closing-{id}"));
        assert_eq!(pages.len(), 1, "销号审批表 of {id}");
        assert!(pages[0].contains("领导审批意见") || pages[0].contains("领导审批"), "{}", pages[0]);
    }
}

#[test]
fn an_item_at_the_limits_keeps_its_sheet_whole_and_its_content_on_a_continuation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    let mut store = Store::open(data).expect("store");
    let d = fixtures::item_directory(&mut store);
    let paragraph = "经核查，王玥、陈堃反映的𠮷祥小区供暖问题属实，请牵头单位会同协办单位于10个工作日内完成管网改造，并将整改情况书面报送市政府督查室。\n";
    let content: String =
        paragraph.repeat(20_000 / paragraph.chars().count() + 1).chars().take(20_000).collect();
    let title: String = format!("关于{}", "做好老旧小区供暖保障和群众诉求办理工作的通知".repeat(3))
        .chars()
        .take(60)
        .collect();
    let input = AssignmentInput {
        title,
        source: "领导批示".into(),
        content,
        category: "routine".into(),
        lead_unit_id: d.unit,
        responsible_id: d.person,
        ..Default::default()
    };
    let id = assignment::register(store.conn_mut(), &input).expect("register");
    drop(store);
    let pages = print(data, id, "notice", "notice-at-the-limits");
    assert!(pages.len() > 2, "the content runs over 续页: {} pages", pages.len());
    assert!(pages[0].contains("全文见续页") && pages[0].contains("分管领导"), "{}", pages[0]);
    assert!(pages[1].contains("续页"), "{}", pages[1]);
    let continued: String = pages[1..].concat();
    assert!(
        continued.contains("完成管网改造") && continued.contains("𠮷"),
        "the whole content is on the 续页"
    );
}

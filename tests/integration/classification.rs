//! 密级 on paper: every file the app writes for an item or a summary — the 督办通知单 and 催办单, the
//! summary as a document and its 审批表 (PDF), the summary as .docx and as JSON — says 内部 when the
//! item or summary is 内部, and nothing of the kind when it is 公开. Read back by other programs
//! (pdftotext; the .docx's XML through zip), as a reader would see them.

use std::io::Read;
use std::path::Path;

use luoshi_core::assignment::{self, ActionInput, AssignmentInput, Classification};
use luoshi_core::print::{self, Document};
use luoshi_core::summary::{self, NewSummaryInput, SummaryPaper};
use luoshi_core::test_support::SummaryDirectory;
use luoshi_core::Store;

use crate::fixtures::{item_directory, tool};

/// The first page's text, as pdftotext reads it.
fn first_page_text(dir: &Path, name: &str, pdf: &[u8]) -> String {
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    tool("pdftotext", &["-l", "1", "-layout", path.to_str().expect("path"), "-"])
}

/// The paragraphs' text of a .docx, in order (w:t runs joined per paragraph).
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("document part").read_to_string(&mut xml).expect("xml");
    xml.split("<w:t")
        .skip(1)
        .filter_map(|run| run.split_once('>').and_then(|(_, r)| r.split_once("</w:t>")))
        .map(|(t, _)| t)
        .collect()
}

/// Every document the app prints for one item and one summary of the given 密级.
fn papers(store: &mut Store, level: Classification, tag: &str) -> Vec<(String, Document, Option<String>)> {
    let items = item_directory(store);
    let conn = store.conn_mut();
    let item = assignment::register(
        conn,
        &AssignmentInput {
            title: format!("关于幸福小区供暖不达标问题的整改（{tag}）"),
            source: "领导批示".into(),
            content: "请市住建局牵头核实整改并反馈。".into(),
            category: "复杂协同类".into(),
            lead_unit_id: items.unit,
            responsible_id: items.person,
            classification: Some(level.label().into()),
            ..Default::default()
        },
    )
    .expect("register");
    let act =
        |note: &str| ActionInput { actor_id: items.person, note: Some(note.into()), satisfaction: None };
    assignment::assign(conn, item, &act("请按时办理")).expect("assign");
    assignment::remind(conn, item, &act("临近时限，请抓紧办理")).expect("remind");

    let people = SummaryDirectory::add(conn, &format!("市政务服务中心{tag}"), ["王玥", "陈堃"]);
    let template = summary::list_templates(conn, false).expect("templates")[0].id;
    let draft = summary::create_summary(
        conn,
        &NewSummaryInput {
            template_id: template,
            title: format!("市政务服务中心2026年上半年工作总结（{tag}）"),
            unit_id: Some(people.unit),
            drafter_id: Some(people.drafter),
            classification: Some(level),
            ..Default::default()
        },
    )
    .expect("create");
    summary::save_section(conn, draft, 0, "上半年共受理办件3.2万件，按时办结率98.6%。").expect("save");
    let json = summary::export_summary_json(conn, draft).expect("json");
    vec![
        ("督办通知单".into(), assignment::notice::supervision_notice(conn, item).expect("notice"), None),
        ("催办单".into(), assignment::notice::reminder_notice(conn, item, None).expect("reminder"), None),
        ("总结".into(), summary::paper(conn, draft, SummaryPaper::Document).expect("document"), Some(json)),
        ("审批表".into(), summary::paper(conn, draft, SummaryPaper::ApprovalSheet).expect("sheet"), None),
    ]
}

#[test]
fn every_paper_and_file_of_an_internal_item_or_summary_says_internal() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (level, marked) in [(Classification::Internal, true), (Classification::Public, false)] {
        let data = dir.path().join(level.code());
        let mut store = Store::open(&data).expect("store");
        for (name, doc, json) in papers(&mut store, level, level.label()) {
            let what = format!("{name}（{}）", level.label());
            let pdf = print::render(&doc).expect("pdf");
            let text = first_page_text(dir.path(), &format!("{name}-{}", level.code()), &pdf);
            let first_line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
            assert_eq!(first_line == "内部", marked, "{what} PDF opens with “{first_line}”");
            let docx = print::render_docx(&doc).expect("docx");
            assert_eq!(docx_text(&docx).starts_with("内部"), marked, "{what} .docx");
            if let Some(json) = json {
                let value: serde_json::Value = serde_json::from_str(&json).expect("json");
                assert_eq!(value["classification"], level.code(), "{what} JSON");
            }
        }
    }
}

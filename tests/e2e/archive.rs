//! 归档 end to end: the clerk sets the 全宗号 in 设置 → 归档, picks a struck-off item and a published
//! summary in 归档 → 待归档, confirms filing the summary that lacks its indicators, sees both 件 under
//! their 档号 in 档案 with the year's completeness, previews a stamped 件 and the catalogue, opens a
//! candidate not yet struck off in the ledger to fix it, exports the package; after a restart the database holds both 件 and both records are 已归档.

use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::summary::{self, NewSummaryInput, ReviewInput};
use luoshi_core::test_support::SummaryDirectory;
use luoshi_core::{assignment, Store};

use crate::harness::{App, Workspace};

/// A profile, demo items, and a summary taken to 已发布 (no indicators); the ids of an item struck
/// off this year and of the summary.
fn prepare(ws: &Workspace) -> (i64, i64) {
    let mut store = Store::open(&ws.data_dir()).expect("store");
    let conn = store.conn_mut();
    profile::set_profile(conn, &ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() })
        .expect("profile");
    assignment::fill_demo(conn, 80).expect("demo items");
    let item: i64 = conn
        .query_row(
            "SELECT a.id FROM assignment a JOIN assignment_event e ON e.assignment_id = a.id AND e.kind = 'strike_off'
             WHERE a.state = 'struck_off' AND substr(e.at, 1, 4) = strftime('%Y', 'now') ORDER BY a.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an item struck off this year");
    let dir = SummaryDirectory::add(conn, "市政务服务中心", ["陈堃", "张镕"]);
    let template = summary::list_templates(conn, false).expect("templates")[0].id;
    let input = NewSummaryInput {
        template_id: template,
        title: "市政务服务中心2026年上半年工作总结".into(),
        unit_id: Some(dir.unit),
        drafter_id: Some(dir.drafter),
        ..Default::default()
    };
    let id = summary::create_summary(conn, &input).expect("summary");
    summary::save_section(conn, id, 0, "上半年共受理办件3.2万件，按时办结率98.6%。").expect("text");
    let by = |actor| ReviewInput { actor_id: actor, note: Some("按计划报送".into()) };
    summary::submit(conn, id, &by(dir.drafter)).expect("submit");
    summary::approve(conn, id, &by(dir.reviewer)).expect("approve");
    summary::publish(conn, id, &by(dir.reviewer)).expect("publish");
    (item, id)
}

async fn pick(app: &App, key: &str) {
    app.click_css(&format!("tr[data-row-key='{key}'] .ant-checkbox")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_item_and_a_summary_are_archived_in_the_window() {
    let ws = Workspace::new().await;
    let (item, summary_id) = prepare(&ws);
    let app = ws.launch().await;

    // 设置 → 归档: the 全宗号 first.
    app.click("nav-settings").await;
    app.click("tab-archive").await;
    app.type_into("archive-fonds-code", "z109").await;
    app.type_into("archive-fonds-name", "某市人民政府办公室").await;
    app.click("archive-settings-save").await;
    app.text("已保存归档设置").await;
    app.screenshot("archive-01-settings").await;

    // 归档 → 待归档: the item and the summary, 30 years.
    app.click("nav-archive").await;
    app.click("archive-tab-candidates").await;
    pick(&app, &format!("item-{item}")).await;
    pick(&app, &format!("summary-{summary_id}")).await;
    app.choose("archive-retention", "定期30年").await;
    app.screenshot("archive-02-candidates").await;
    app.click("archive-add").await;
    // The summary has no indicators: the clerk is told and files it anyway.
    app.text("材料不齐全").await;
    app.text("缺指标数据").await;
    app.click_css(".ant-modal-confirm-btns .ant-btn-primary").await;
    app.text("已归档 2 件").await;

    // 档案: both under their 档号, the completeness of the year, a stamped 件 and the catalogue.
    app.click("archive-tab-files").await;
    app.text("Z109-WS·").await;
    app.wait_text("archive-summary", "归档 2 件").await;
    app.click("archive-incomplete-toggle").await;
    let codes = app.text_of("archive-incomplete").await;
    assert!(codes.contains("缺指标数据"), "{codes}");
    app.screenshot("archive-03-files").await;
    let file_id: i64 = ws
        .database()
        .query_row("SELECT id FROM archive_file WHERE assignment_id = ?1", [item], |r| r.get(0))
        .expect("the item's 件");
    app.click(&format!("archive-preview-{file_id}")).await;
    app.wait_text("pdf-page-count", "共").await;
    app.css("[data-testid='pdf-page-1'][data-rendered='true']").await;
    app.screenshot("archive-04-stamped-file").await;
    app.close_modal().await;
    app.click("archive-catalogue").await;
    app.css("[data-testid='pdf-page-2'][data-rendered='true']").await;
    app.screenshot("archive-05-catalogue").await;
    app.close_modal().await;

    // A candidate not yet struck off opens in the ledger's drawer, where 销号 is offered.
    let closed: i64 = ws
        .database()
        .query_row(
            "SELECT id FROM assignment WHERE state = 'closed' ORDER BY closed_at DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a closed item in the demo");
    app.click("archive-tab-candidates").await;
    app.click(&format!("archive-open-item-{closed}")).await;
    app.wait_text("detail-state", "已办结").await;
    app.by_test_id("action-strike_off").await;
    app.screenshot("archive-06-fix-in-the-ledger").await;
    app.click_css(".ant-drawer-close").await;
    app.wait_gone(".ant-drawer-mask").await;
    app.click("nav-archive").await;
    app.click("archive-tab-files").await;

    // The package, into the folder the dialog would give.
    let out = ws.data_dir().join("移交");
    app.answer_dialogs_with(&out).await;
    app.click("archive-export").await;
    app.text("已导出移交包").await;
    let year = chrono::Local::now().format("%Y").to_string();
    assert!(out.join(&year).join("manifest.json").is_file());
    app.close_as_user().await;

    // After a restart the data says the same.
    let db = ws.database();
    let (files, codes): (i64, String) = db
        .query_row("SELECT count(*), group_concat(org_code || '-' || item_no) FROM archive_file", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("files");
    assert_eq!(files, 2, "{codes}");
    let item_state: String =
        db.query_row("SELECT state FROM assignment WHERE id = ?1", [item], |r| r.get(0)).expect("item");
    let summary_state: String =
        db.query_row("SELECT state FROM summary WHERE id = ?1", [summary_id], |r| r.get(0)).expect("summary");
    assert_eq!((item_state.as_str(), summary_state.as_str()), ("archived", "archived"));
    let app = ws.launch().await;
    app.click("nav-archive").await;
    app.click("archive-tab-files").await;
    app.text("Z109-WS·").await;
    app.quit().await;
}

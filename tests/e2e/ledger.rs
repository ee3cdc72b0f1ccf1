//! 交办事项 end to end: in a ledger of a few hundred items, an item is registered through the form,
//! assigned, accepted, reported on, returned once, reported again and closed, each through its own
//! form; its light changes from green to 按期办结; its 督办通知单 previews; the search finds it; and
//! after a restart the timeline is intact, in the window and in the database.

use std::time::Duration;

use luoshi_core::org::{self, PersonInput, UnitInput, UnitKind};
use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::test_support::{person, unit};
use luoshi_core::{assignment, Store};
use thirtyfour::prelude::*;

use crate::harness::{App, Workspace, WAIT};

const TITLE: &str = "关于幸福小区3号楼供暖不达标问题的整改";

/// The directory and a few hundred demo items, written before the first start as an office that
/// has used the app for a while would have them.
fn prepare(ws: &Workspace) {
    let mut store = Store::open(&ws.data_dir()).expect("store");
    let conn = store.conn_mut();
    profile::set_profile(conn, &ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() })
        .expect("profile");
    let unit =
        org::add_unit(conn, &UnitInput { kind: UnitKind::Subordinate, ..unit("市住建局") }).expect("unit");
    org::add_person(conn, &PersonInput { title: Some("科长".into()), ..person("张镕", unit.id) })
        .expect("person");
    assignment::fill_demo(conn, 300).expect("demo items");
}

/// Ctrl+Enter in a field of the open form saves it, as the form's button says.
async fn submit_with_keyboard(app: &App, field: &str) {
    let input = app
        .css(&format!(
            "input[data-testid='{field}'], textarea[data-testid='{field}'], [data-testid='{field}'] input"
        ))
        .await;
    input.send_keys(Key::Control + Key::Enter).await.expect("ctrl+enter");
    app.wait_gone(".ant-modal-wrap").await;
}

/// Performs an action of the open drawer through its form; `note` is typed when given.
async fn act(app: &App, action: &str, note: Option<&str>, state_after: &str) {
    app.click(&format!("action-{action}")).await;
    app.settle().await;
    if let Some(note) = note {
        app.type_into("action-note", note).await;
    }
    submit_with_keyboard(app, "action-note").await;
    app.wait_text("detail-state", state_after).await;
}

async fn close_drawer(app: &App) {
    app.click_css(".ant-drawer-close").await;
    app.wait_gone(".ant-drawer-open").await;
}

async fn events_shown(app: &App) -> Vec<String> {
    let drawer = app.by_test_id("timeline").await;
    let mut kinds = Vec::new();
    for e in drawer.find_all(By::Css("[data-testid^='event-']")).await.expect("events") {
        kinds.push(e.attr("data-testid").await.expect("attr").unwrap_or_default());
    }
    kinds
}

async fn search(app: &App, text: &str) -> WebElement {
    // Finished items too: the ledger opens on the open work.
    app.click("ledger-scope-all").await;
    app.type_into("ledger-search", text).await;
    let deadline = std::time::Instant::now() + WAIT;
    while app.text_of("ledger-total").await != "共 1 件" {
        if std::time::Instant::now() > deadline {
            let rows = app.text_of("ledger-table").await;
            panic!("searching “{text}” shows {}: {rows}", app.text_of("ledger-total").await);
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    app.css("[data-testid^='ledger-row-']").await
}

/// The 编号 and 办理时限 of every row on screen read whole (nothing cut to "…"), and the window has no
/// horizontal scroll bar: at 1280×800, the size the window opens at.
async fn assert_cells_whole(app: &App) {
    app.css("[data-testid^='ledger-row-']").await;
    let cut = app
        .driver
        .execute(
            r#"const cut = [...document.querySelectorAll("[data-testid='cell-number'], [data-testid='cell-deadline']")]
                 .filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.innerText);
               const page = document.documentElement;
               return { cut, rows: document.querySelectorAll("[data-testid='cell-number']").length,
                        wide: page.scrollWidth > page.clientWidth, tall: page.scrollHeight > page.clientHeight,
                        width: window.innerWidth, height: [page.scrollHeight, page.clientHeight] };"#,
            vec![],
        )
        .await
        .expect("js")
        .json()
        .clone();
    assert!(cut["rows"].as_u64().unwrap_or(0) > 5, "rows on screen: {cut}");
    assert_eq!(cut["cut"], serde_json::json!([]), "cells cut at {} px: {cut}", cut["width"]);
    assert_eq!(cut["wide"], serde_json::json!(false), "a horizontal scroll bar: {cut}");
    assert_eq!(cut["tall"], serde_json::json!(false), "the page is taller than the window: {cut}");
}

/// No scroll bar appears on the page behind an open dialog.
async fn assert_no_page_scroll(app: &App) {
    let page = app
        .driver
        .execute(
            "const e = document.documentElement; return [e.scrollWidth > e.clientWidth, e.scrollHeight > e.clientHeight];",
            vec![],
        )
        .await
        .expect("js")
        .json()
        .clone();
    assert_eq!(
        page,
        serde_json::json!([false, false]),
        "scroll bars [horizontal, vertical] behind the dialog"
    );
}

async fn drawer_light(app: &App) -> String {
    let light = app.css(".ant-drawer [data-testid='light']").await;
    light.attr("data-light").await.expect("attr").unwrap_or_default()
}

async fn light_of(row: &WebElement) -> String {
    let light = row.find(By::Css("[data-testid='light']")).await.expect("light");
    light.attr("data-light").await.expect("attr").unwrap_or_default()
}

const EXPECTED: [&str; 9] = [
    "event-register",
    "event-assign",
    "event-accept",
    "event-remind",
    "event-progress",
    "event-report",
    "event-return",
    "event-report",
    "event-pass",
];

#[tokio::test(flavor = "multi_thread")]
async fn an_item_goes_from_registration_to_closing_and_survives_a_restart() {
    let ws = Workspace::new().await;
    prepare(&ws);
    let app = ws.launch().await;
    app.click("nav-ledger").await;
    // The ledger opens on the open work; 全部 is one click away.
    let open: i64 = ws
        .database()
        .query_row(
            "SELECT count(*) FROM assignment WHERE parent_id IS NULL AND state NOT IN ('closed', 'struck_off', 'archived')",
            [],
            |r| r.get(0),
        )
        .expect("open items");
    assert!(open > 0 && open < 300, "the demo ledger has open and finished items ({open} open)");
    app.wait_text("ledger-total", &format!("共 {open} 件")).await;
    assert_cells_whole(&app).await;
    app.screenshot("ledger-01-ledger").await;
    app.click("ledger-scope-all").await;
    app.wait_text("ledger-total", "共 300 件").await;
    assert_cells_whole(&app).await;
    // 类别 hidden through 列: gone from the table, and still gone after the restart below.
    app.click("ledger-columns-open").await;
    app.click("ledger-column-category").await;
    app.wait_gone("[data-testid='ledger-col-category']").await;
    app.click("ledger-columns-open").await;

    // 登记 through the form: units and people from the directory, the deadline from the category.
    app.click("register-open").await;
    app.settle().await;
    assert_no_page_scroll(&app).await;
    app.type_into("reg-title", TITLE).await;
    app.type_into(
        "reg-content",
        "群众反映幸福小区3号楼室温仅14℃，请市住建局牵头核实，3个工作日内整改到位并反馈。",
    )
    .await;
    app.search_and_choose("reg-lead-unit", "住建", "市住建局").await;
    app.search_and_choose("reg-responsible", "张镕", "张镕（市住建局·科长）").await;
    app.text("留空按类别时限").await;
    app.screenshot("ledger-02-register").await;
    // Saved from the keyboard, as the button says: Ctrl+Enter.
    submit_with_keyboard(&app, "reg-title").await;
    app.wait_text("detail-state", "登记").await;
    assert_eq!(drawer_light(&app).await, "green", "a new item with three working days to go");
    let number = app.text_of("detail-fields").await;
    assert!(number.contains(TITLE) && number.contains("张镕"), "{number}");

    // The lifecycle, one form per step, the reason typed where one is required.
    act(&app, "assign", None, "已交办").await;
    act(&app, "accept", None, "办理中").await;
    // 催办 comes with its reason written (when the item falls due), and its 催办单 follows.
    app.click("action-remind").await;
    app.settle().await;
    let note = app.css("textarea[data-testid='action-note']").await;
    let reason = note.value().await.expect("value").unwrap_or_default();
    assert!(reason.contains(TITLE) && reason.contains("到期，请抓紧办理"), "{reason}");
    // Sent as written; the 催办单 opens over the drawer at once.
    note.send_keys(Key::Control + Key::Enter).await.expect("ctrl+enter");
    app.wait_text("pdf-page-count", "共 1 页").await;
    app.close_modal().await;
    act(&app, "progress", Some("已完成现场核查，3号楼换热站循环泵故障。"), "办理中").await;
    act(&app, "report", Some("已更换循环泵，室温达到20℃。"), "已反馈").await;
    // A return without its reason is refused at the field, in Chinese.
    app.click("action-return").await;
    app.settle().await;
    let note = app.by_test_id("action-note").await;
    note.send_keys(Key::Control + Key::Enter).await.expect("ctrl+enter");
    let error = app.css(".ant-form-item-explain-error").await;
    assert_eq!(error.text().await.expect("text"), "请填写退回理由");
    app.type_into("action-note", "5号楼仍有住户反映不达标").await;
    app.screenshot("ledger-03-return").await;
    submit_with_keyboard(&app, "action-note").await;
    app.wait_text("detail-state", "办理中").await;
    act(&app, "report", Some("5号楼管网已冲洗，复测室温19℃以上。"), "已反馈").await;
    app.click("action-pass").await;
    app.settle().await;
    app.type_into("action-satisfaction", "95").await;
    submit_with_keyboard(&app, "action-satisfaction").await;
    app.wait_text("detail-state", "已办结").await;
    assert_eq!(events_shown(&app).await, EXPECTED);
    assert_eq!(drawer_light(&app).await, "closed_on_time");
    app.screenshot("ledger-04-closed").await;

    // Its 督办通知单 in the print preview.
    app.click("print-notice").await;
    app.css("[data-testid='pdf-page-1'][data-rendered='true']").await;
    app.screenshot("ledger-05-notice").await;
    app.close_modal().await;
    close_drawer(&app).await;

    // The search finds it by a piece of its title; the light changed from green to on time.
    let row = search(&app, "3号楼供暖").await;
    assert_eq!(light_of(&row).await, "closed_on_time");
    app.screenshot("ledger-06-search").await;
    app.quit().await;

    // In the database: eight events, each with who acted and who entered it.
    let db = ws.database();
    let (id, state, returned): (i64, String, i64) = db
        .query_row("SELECT id, state, returned_count FROM assignment WHERE title = ?1", [TITLE], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("the item");
    assert_eq!((state.as_str(), returned), ("closed", 1));
    let kinds: Vec<(String, bool, bool)> = db
        .prepare("SELECT kind, actor_id IS NOT NULL, entered_by IS NOT NULL FROM assignment_event WHERE assignment_id = ?1 ORDER BY id")
        .expect("prepare")
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let names: Vec<String> = kinds.iter().map(|k| format!("event-{}", k.0)).collect();
    assert_eq!(names, EXPECTED);
    assert!(kinds.iter().all(|k| k.1 && k.2), "every event names who acted and who entered it: {kinds:?}");
    drop(db);

    // After a restart the timeline is intact, and 类别 is still hidden.
    let app = ws.launch().await;
    app.click("nav-ledger").await;
    app.by_test_id("ledger-col-title").await;
    let category = app.driver.find_all(By::Css("[data-testid='ledger-col-category']")).await.expect("find");
    assert!(category.is_empty(), "the hidden column is remembered");
    let row = search(&app, "3号楼供暖").await;
    row.click().await.expect("open the item");
    app.wait_text("detail-state", "已办结").await;
    assert_eq!(events_shown(&app).await, EXPECTED);
    app.text("5号楼仍有住户反映不达标").await;
    app.screenshot("ledger-07-after-restart").await;
    close_drawer(&app).await;

    // The keyboard: ↓ and Enter in the table open the next item.
    app.type_into("ledger-search", "").await;
    app.wait_text("ledger-total", "共 301 件").await;
    let table = app.by_test_id("ledger-table").await;
    app.driver.execute("arguments[0].focus()", vec![table.to_json().expect("json")]).await.expect("focus");
    table.send_keys(Key::Down).await.expect("down");
    table.send_keys(Key::Enter).await.expect("enter");
    app.by_test_id("detail-fields").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ledger_is_exported_with_the_filters_on_screen() {
    let ws = Workspace::new().await;
    prepare(&ws);
    let app = ws.launch().await;
    app.click("nav-ledger").await;
    app.click("ledger-scope-all").await;
    app.wait_text("ledger-total", "共 300 件").await;
    let path = ws.data_dir().join("导出的台账.xlsx");
    app.answer_dialogs_with(&path).await;
    app.click("ledger-export").await;
    app.text("已导出").await;
    app.screenshot("ledger-export").await;
    app.quit().await;
    let read = r#"
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
first = 2 if ws["A1"].value == "内部" else 1
print(json.dumps({"rows": ws.max_row - first, "header": [c.value for c in ws[first]][:3]}, ensure_ascii=False))
"#;
    let out = std::process::Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(read)
        .arg(&path)
        .output()
        .expect("python3 with openpyxl");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sheet: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let store = Store::open(&ws.data_dir()).expect("store");
    let items: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM assignment WHERE parent_id IS NULL", [], |r| r.get(0))
        .expect("count");
    assert_eq!(sheet["rows"], items, "every item the ledger shows");
    assert_eq!(sheet["header"], serde_json::json!(["编号", "标题", "来源"]));
}

/// The directory office.xlsx names, and the local user.
fn prepare_office(ws: &Workspace) {
    let mut store = Store::open(&ws.data_dir()).expect("store");
    let conn = store.conn_mut();
    profile::set_profile(conn, &ProfileInput { name: "陈堃".into(), unit_name: "市政府督查室".into() })
        .expect("profile");
    for (name, short, head) in [
        ("市发展和改革委员会", "发改委", "王玥"),
        ("市住房和城乡建设局", "住建局", "张镕"),
        ("市教育局", "教育局", "李明"),
        ("市卫生健康委员会", "卫健委", "赵敏"),
    ] {
        let u =
            org::add_unit(conn, &UnitInput { short_name: Some(short.into()), ..unit(name) }).expect("unit");
        org::add_person(conn, &person(head, u.id)).expect("person");
    }
    let own =
        org::find_active_unit_by_name(conn, "市政府督查室").expect("lookup").expect("the profile's unit");
    org::update_unit(conn, own.id, &UnitInput { short_name: Some("督查室".into()), ..unit("市政府督查室") })
        .expect("short name");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_office_ledger_is_imported_through_the_window_and_is_there_after_a_restart() {
    let ws = Workspace::new().await;
    prepare_office(&ws);
    let sheets = ws.ledgers();

    let app = ws.launch().await;
    app.click("nav-ledger").await;
    app.by_test_id("ledger-total").await;
    app.answer_dialogs_with(&sheets.join("office.xlsx")).await;
    app.click("ledger-import").await;
    app.settle().await;
    app.click("import-choose").await;
    app.wait_text("import-summary", "可导入 20 件（已办结 5 件）").await;
    // 进展情况 would be the note of each item's 导入 event; mapped to 备注 it is kept in the content.
    app.search_and_choose("import-map-在办事项-H", "备注", "备注").await;
    // The preview runs again with the new mapping; 导入 waits for it.
    app.wait_gone("[data-testid='import-progress']").await;
    app.wait_text("import-summary", "可导入 20 件").await;
    app.screenshot("ledger-import-preview").await;
    app.click("import-run").await;
    app.wait_text("import-result", "已导入 20 件事项").await;
    app.click("import-done").await;
    app.wait_gone(".ant-modal-wrap").await;
    // 5 of the 20 came in closed: the ledger opens on the 15 still open.
    app.wait_text("ledger-total", "共 15 件").await;
    app.screenshot("ledger-imported").await;
    app.quit().await;

    let app = ws.launch().await;
    app.click("nav-ledger").await;
    app.wait_text("ledger-total", "共 15 件").await;
    app.click("ledger-scope-all").await;
    app.wait_text("ledger-total", "共 20 件").await;
    let shown =
        app.driver.execute("return document.body.innerText;", vec![]).await.expect("js").json().to_string();
    assert!(shown.contains("落实节后复工复产安全检查") && shown.contains("督〔2026〕10号"), "{shown}");
    app.quit().await;
    let store = Store::open(&ws.data_dir()).expect("store");
    let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).expect("count") };
    assert_eq!(count("SELECT count(*) FROM assignment"), 20);
    assert_eq!(count("SELECT count(*) FROM assignment WHERE state IN ('closed', 'struck_off')"), 5);
    assert_eq!(count("SELECT count(*) FROM assignment_event WHERE kind = 'import'"), 20);
    assert_eq!(
        count("SELECT count(*) FROM assignment WHERE content LIKE '%【办理情况/进展情况】%'"),
        15,
        "the remapped column"
    );
    assert_eq!(
        count("SELECT count(*) FROM setting WHERE key = 'exchange.ledger_mappings'"),
        1,
        "the mapping is remembered"
    );
}

/// The step and percent the import's progress bar shows, and the preview's summary, as JSON.
const PROGRESS_SHOWN: &str = r#"
const text = (id) => document.querySelector(`[data-testid='${id}']`)?.innerText ?? null;
const bar = document.querySelector("[data-testid='import-progress']");
return [text('import-progress-step'), bar ? bar.dataset.percent : null, text('import-summary'), text('import-result')];
"#;

/// What the progress bar showed until `done` (the summary, or the result) contained `want`.
async fn progress_until(app: &App, done: usize, want: &str) -> Vec<(String, String)> {
    let deadline = std::time::Instant::now() + WAIT * 4;
    let mut seen: Vec<(String, String)> = Vec::new();
    loop {
        let shown = app.driver.execute(PROGRESS_SHOWN, vec![]).await.expect("js").json().clone();
        let at = |i: usize| shown[i].as_str().map(str::to_string);
        if let (Some(step), Some(percent)) = (at(0), at(1)) {
            if seen.last() != Some(&(step.clone(), percent.clone())) {
                seen.push((step, percent));
            }
        }
        if at(done).is_some_and(|t| t.contains(want)) {
            return seen;
        }
        assert!(std::time::Instant::now() < deadline, "no “{want}” after {seen:?}");
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_big_ledger_shows_how_far_its_preview_and_import_have_got() {
    let ws = Workspace::new().await;
    prepare_office(&ws);
    const ROWS: usize = 6000;
    let units = ["市发展和改革委员会", "住建局", "市教育局", "卫健委"];
    let mut csv = String::from("序号,工作任务,牵头单位,交办时间,完成时限\n");
    for i in 1..=ROWS {
        csv += &format!(
            "{i},第{i}项重点工作任务落实情况,{},2026-03-{:02},2026年12月底前\n",
            units[i % 4],
            1 + i % 28
        );
    }
    let file = ws.root.path().join("重点工作台账 6000 行.csv");
    std::fs::write(&file, csv).expect("csv");

    let app = ws.launch().await;
    app.click("nav-ledger").await;
    app.by_test_id("ledger-total").await;
    app.answer_dialogs_with(&file).await;
    app.click("ledger-import").await;
    app.settle().await;
    app.click("import-choose").await;
    let previewing = progress_until(&app, 2, &format!("可导入 {ROWS} 件")).await;
    app.screenshot("ledger-import-progress-preview").await;
    app.click("import-run").await;
    let importing = progress_until(&app, 3, &format!("已导入 {ROWS} 件事项")).await;
    app.click("import-done").await;
    app.quit().await;

    for (what, seen) in [("preview", &previewing), ("import", &importing)] {
        let counted: Vec<&(String, String)> = seen.iter().filter(|(step, _)| step.contains(" 行")).collect();
        assert!(!counted.is_empty(), "{what}: the bar counts rows: {seen:?}");
        assert!(counted.iter().all(|(step, _)| step.contains(&format!("/ {ROWS} 行"))), "{what}: {seen:?}");
        let percents: Vec<u32> = seen.iter().filter_map(|(_, p)| p.parse().ok()).collect();
        assert!(percents.windows(2).all(|w| w[0] <= w[1]), "{what}: the bar never goes back: {seen:?}");
        assert!(percents.iter().any(|&p| p > 0 && p < 100), "{what}: seen between 0 and 100: {seen:?}");
    }
    let store = Store::open(&ws.data_dir()).expect("store");
    let items: i64 =
        store.conn().query_row("SELECT count(*) FROM assignment", [], |r| r.get(0)).expect("count");
    assert_eq!(items, ROWS as i64);
}

//! 总结 end to end: (a) a draft typed in the editor survives the app being killed two and a half
//! seconds later, and the app reopens on it; (b) a review round trip — submitted with a reason while
//! the checks fail, returned with a general and a section opinion that the drafter sees beside the
//! sections, resubmitted and approved — leaves its events in the database, and its 审批表 previews.

use std::time::Duration;

use luoshi_core::org::{self, PersonInput};
use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::summary::{self, NewSummaryInput};
use luoshi_core::test_support::{person, unit};
use luoshi_core::Store;
use thirtyfour::prelude::*;

use crate::harness::{App, Workspace, WAIT};

const TEMPLATE: &str = "阶段性工作总结（政务服务）";
const TYPED: &str = "上半年共受理政务服务事项3.2万件，按时办结率98.6%，较去年同期提高2.1个百分点。";

/// The local user 王玥 of 市政务服务中心, and 陈堃 there who reviews.
fn prepare(ws: &Workspace) -> (i64, i64, i64) {
    let mut store = Store::open(&ws.data_dir()).expect("store");
    let conn = store.conn_mut();
    let me =
        profile::set_profile(conn, &ProfileInput { name: "王玥".into(), unit_name: "市政务服务中心".into() })
            .expect("profile");
    let reviewer =
        org::add_person(conn, &PersonInput { title: Some("主任".into()), ..person("陈堃", me.unit_id) })
            .expect("reviewer")
            .id;
    org::add_unit(conn, &unit("市政府督查室")).expect("unit");
    (me.unit_id, me.person_id, reviewer)
}

/// The text in the CodeMirror editor of the open section.
async fn editor_text(app: &App) -> String {
    app.css("[data-testid='section-editor'] .cm-content").await;
    let script = "return document.querySelector(\"[data-testid='section-editor'] .cm-content\").innerText;";
    app.driver.execute(script, vec![]).await.expect("script").json().as_str().unwrap_or_default().to_string()
}

fn section_text(ws: &Workspace, id: i64, position: i64) -> String {
    ws.database()
        .query_row(
            "SELECT text FROM summary_section WHERE summary_id = ?1 AND position = ?2",
            [id, position],
            |r| r.get(0),
        )
        .expect("section text")
}

/// 新建总结 through the window, from the 政务服务 template; the editor opens on its first section.
async fn new_draft(app: &App, screenshot: Option<&str>) {
    app.click("nav-summaries").await;
    app.click("summary-new").await;
    app.search_and_choose("new-template", "政务服务", &format!("{TEMPLATE} · 6 章")).await;
    app.type_into("new-title", "市政务服务中心2026年上半年工作总结").await;
    if let Some(name) = screenshot {
        app.screenshot(name).await;
    }
    app.click("new-submit").await;
    app.by_test_id("summary-editor").await;
    app.wait_text("section-heading", "一、").await;
}

/// Waits until the open section's editor shows `want`.
async fn wait_editor_text(app: &App, want: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    while editor_text(app).await.trim() != want {
        assert!(std::time::Instant::now() < deadline, "editor shows “{}”", editor_text(app).await);
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_survives_a_kill_and_the_app_reopens_on_it() {
    let ws = Workspace::new().await;
    prepare(&ws);
    let app = ws.launch().await;
    new_draft(&app, Some("summary-01-new")).await;

    // The second section (目标与完成情况): type, and kill the app 2.5 s after the last keystroke.
    app.click("section-nav-1").await;
    app.wait_text("section-heading", "二、").await;
    let content = app.css("[data-testid='section-editor'] .cm-content").await;
    content.click().await.expect("focus the editor");
    content.send_keys(TYPED).await.expect("type");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    app.screenshot("summary-02-typed").await;
    assert_eq!(app.attr("save-status", "data-status").await, "saved", "autosave within 2.5 s");
    app.kill_app();

    let id: i64 = ws.database().query_row("SELECT id FROM summary", [], |r| r.get(0)).expect("one summary");
    assert_eq!(section_text(&ws, id, 1), TYPED, "the text is in the database");
    drop(app);

    // Restarted, the window opens on the same draft and section, with the text.
    let app = ws.launch().await;
    app.by_test_id("summary-editor").await;
    app.wait_text("section-heading", "二、目标任务完成情况").await;
    app.wait_text("summary-title", "2026年上半年").await;
    wait_editor_text(&app, TYPED).await;
    // The checks ran on the stored text: 数据占比 is shown with its figure.
    app.wait_text("check-rule-quant_ratio", "数据占比").await;
    app.screenshot("summary-03-reopened").await;

    // The 指标表: a row as typed, its gap computed by the core, and the table in the database.
    app.click("indicator-add").await;
    app.type_into("indicator-0-indicator", "按时办结率").await;
    app.type_into("indicator-0-unit", "%").await;
    app.type_into("indicator-0-target", "≥95%").await;
    app.type_into("indicator-0-actual", "98.6%").await;
    app.wait_text("indicator-0-gap", "+3.6个百分点").await;
    let stored: String = ws
        .database()
        .query_row(
            "SELECT indicators FROM summary_section WHERE summary_id = ?1 AND position = 1",
            [id],
            |r| r.get(0),
        )
        .expect("indicators");
    assert!(stored.contains("按时办结率") && stored.contains("98.6%"), "{stored}");

    // 版本: save one with a note, add a sentence, compare the version with the current text.
    app.click("summary-versions").await;
    app.type_into("version-note", "初稿").await;
    app.click("version-save").await;
    app.text("已保存为第 1 版").await;
    app.click_css(".ant-drawer-close").await;
    // Clicked again until the closing drawer no longer covers it.
    app.click_css("[data-testid='section-editor'] .cm-content").await;
    let content = app.css("[data-testid='section-editor'] .cm-content").await;
    content.send_keys(Key::Control + Key::End).await.expect("to the end");
    content.send_keys("群众满意度99.2%。").await.expect("type");
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let shown = editor_text(&app).await;
    assert!(shown.trim_end().ends_with("。群众满意度99.2%。"), "every keystroke reaches the editor: {shown}");
    assert_eq!(app.attr("save-status", "data-status").await, "saved");
    let stored = section_text(&ws, id, 1);
    assert!(stored.ends_with("。群众满意度99.2%。"), "the typing is stored: {stored}");
    app.click("summary-versions").await;
    app.click("version-compare-1").await;
    let inserted = app.css("[data-testid='version-diff'] .diff-ins").await;
    assert_eq!(inserted.text().await.expect("text"), "群众满意度99.2%。");
    app.screenshot("summary-03b-versions").await;
    app.quit().await;
}

/// Typed with rare characters and a line of 繁体 as in an office document, so every character of it
/// is checked after the close. (WebKitWebDriver cannot type characters outside the BMP, such as 𠮷:
/// the integration tests store those.)
const CLOSED_AT_ONCE: &str = "王玥、陈堃、张镕牵头，帮办企业事项12件；另據原件：「辦結率達98%」。";

#[tokio::test(flavor = "multi_thread")]
async fn typing_is_kept_when_the_window_is_closed_at_once() {
    let ws = Workspace::new().await;
    prepare(&ws);
    let app = ws.launch().await;
    new_draft(&app, None).await;
    app.click("section-nav-1").await;
    app.wait_text("section-heading", "二、").await;
    let content = app.css("[data-testid='section-editor'] .cm-content").await;
    content.click().await.expect("focus the editor");
    content.send_keys(CLOSED_AT_ONCE).await.expect("type");
    // Closed right after the last keystroke, well inside the autosave pause: the close waits for it.
    assert_ne!(app.attr("save-status", "data-status").await, "saved", "the save is still pending");
    app.close_as_user().await;

    let id: i64 = ws.database().query_row("SELECT id FROM summary", [], |r| r.get(0)).expect("one summary");
    assert_eq!(section_text(&ws, id, 1), CLOSED_AT_ONCE, "every character is in the database");
    let app = ws.launch().await;
    app.wait_text("section-heading", "二、").await;
    wait_editor_text(&app, CLOSED_AT_ONCE).await;
    app.screenshot("summary-04-closed-at-once").await;
    app.quit().await;
}

/// Text that fails the checks: no figures, stock phrases, no problems.
const WEAK: &str = "我们高度重视这项工作，稳步推进各项任务，取得了显著成效。";

#[tokio::test(flavor = "multi_thread")]
async fn a_review_round_trip_with_a_return_and_the_approval_sheet() {
    let ws = Workspace::new().await;
    let (unit, me, reviewer) = prepare(&ws);
    let id = {
        let mut store = Store::open(&ws.data_dir()).expect("store");
        let conn = store.conn_mut();
        let template = summary::list_templates(conn, false)
            .expect("templates")
            .into_iter()
            .find(|t| t.name == TEMPLATE)
            .expect("shipped template")
            .id;
        let id = summary::create_summary(
            conn,
            &NewSummaryInput {
                template_id: template,
                title: "市政务服务中心2026年上半年工作总结".into(),
                unit_id: Some(unit),
                drafter_id: Some(me),
                ..Default::default()
            },
        )
        .expect("summary");
        summary::save_section(conn, id, 0, WEAK).expect("text");
        id
    };

    let app = ws.launch().await;
    app.click("nav-summaries").await;
    app.click(&format!("summary-open-{id}")).await;
    app.by_test_id("summary-editor").await;
    app.wait_text("check-rule-quant_ratio", "数据占比").await;
    // The stock phrases are marked in the text.
    app.css("[data-testid='section-editor'] .cm-finding").await;
    app.screenshot("summary-04-checks").await;

    // 提交审核: the checks fail, so the form shows them and asks for a reason.
    app.click("action-submit").await;
    app.by_test_id("submit-checks").await;
    app.click("review-submit").await;
    app.text("请填写提交说明").await;
    app.screenshot("summary-05-submit-reason").await;
    app.type_into("review-note", "数据尚在统计，先请科室把关结构").await;
    app.click("review-submit").await;
    app.wait_gone(".ant-modal-wrap").await;
    app.wait_text("summary-state", "审核中").await;

    // The reviewer sees the figures and the reason, and returns it with two opinions.
    app.click("tab-review").await;
    app.wait_text("submit-reason", "数据尚在统计").await;
    app.click("action-return").await;
    // The local user drafted it, so the form does not offer her as the reviewer.
    app.wait_text("review-actor-hint", "不能审核自己撰写的总结").await;
    app.choose("review-actor", "陈堃（市政务服务中心·主任）").await;
    app.type_into("review-opinions-general", "数据不足，请补充办件量和办结率").await;
    app.click("review-opinions-add").await;
    app.type_into("review-opinions-text-0", "基本情况要写清受理量和窗口数").await;
    app.screenshot("summary-06-return").await;
    app.click("review-submit").await;
    app.wait_gone(".ant-modal-wrap").await;
    app.wait_text("summary-state", "退回重写").await;

    // The drafter sees the return and the opinions beside the sections.
    app.by_test_id("returned-banner").await;
    app.wait_text("section-opinions", "受理量和窗口数").await;
    app.wait_text("general-opinions", "请补充办件量").await;
    app.screenshot("summary-07-returned").await;

    // Rewrite a little and resubmit (still failing: a reason again), then approve.
    let content = app.css("[data-testid='section-editor'] .cm-content").await;
    content.click().await.expect("focus");
    content.send_keys(Key::Control + Key::End).await.expect("to the end");
    content.send_keys("2026年上半年受理3.2万件。").await.expect("type");
    app.click("action-submit").await; // saves what is waiting first
    app.by_test_id("submit-checks").await;
    app.type_into("review-note", "已补充受理量，其余数据月底补齐").await;
    app.click("review-submit").await;
    app.wait_gone(".ant-modal-wrap").await;
    app.wait_text("summary-state", "审核中").await;
    app.click("action-approve").await;
    app.choose("review-actor", "陈堃（市政务服务中心·主任）").await;
    app.click("review-submit").await;
    app.wait_gone(".ant-modal-wrap").await;
    app.wait_text("summary-state", "审核通过").await;
    app.click("tab-events").await;
    app.by_test_id("event-approve").await;
    app.screenshot("summary-08-approved").await;

    // The events, in the database.
    let db = ws.database();
    let mut stmt = db
        .prepare("SELECT kind, actor_id, note FROM summary_event WHERE summary_id = ?1 ORDER BY id")
        .expect("query");
    let events: Vec<(String, Option<i64>, Option<String>)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("events")
        .collect::<Result<_, _>>()
        .expect("rows");
    let kinds: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(kinds, ["create", "submit", "return", "submit", "approve"]);
    assert_eq!(events[1].2.as_deref(), Some("数据尚在统计，先请科室把关结构"));
    assert_eq!(events[2].1, Some(reviewer), "the drafter did not return her own text");
    assert_eq!(events[4].1, Some(reviewer));
    let opinions: Vec<(Option<i64>, String)> = db
        .prepare("SELECT section, text FROM summary_opinion WHERE summary_id = ?1 ORDER BY id")
        .expect("query")
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("opinions")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        opinions,
        [
            (None, "数据不足，请补充办件量和办结率".to_string()),
            (Some(0), "基本情况要写清受理量和窗口数".to_string())
        ]
    );
    assert!(section_text(&ws, id, 0).ends_with("2026年上半年受理3.2万件。"));

    // The 审批表 previews: its page is drawn.
    app.click("summary-print").await;
    app.click("print-approval").await;
    app.css("[data-testid='pdf-page-1'][data-rendered='true']").await;
    app.wait_text("pdf-page-count", "共 1 页").await;
    app.screenshot("summary-09-approval-sheet").await;
    app.quit().await;
}

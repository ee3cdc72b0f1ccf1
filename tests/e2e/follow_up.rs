//! 成果应用 end to end: on a published summary the clerk opens 成果应用, sees the three problems the
//! checks found with their causes and measures, picks two and turns them into 问题整改 items in one
//! dialog (lead unit, responsible person); the items appear under 已转事项 with their lights, one
//! opens in the ledger showing where it came from, and that link leads back to the summary, whose
//! 宣贯材料 is generated, edited and previewed. After a restart the database holds both items and
//! their links, and 工作台 counts them and opens them in the ledger.

use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::summary::{self, NewSummaryInput, ReviewInput};
use luoshi_core::test_support::SummaryDirectory;
use luoshi_core::Store;

use crate::harness::{App, Workspace};

const TEXTS: [&str; 7] = [
    "“一窗通办”改造项目于2026年1月5日启动，投入资金320万元，涉及12个综合窗口、46名工作人员。",
    "上半年共受理办件3.2万件，按时办结率98.6%，较去年同期提高2.1个百分点。",
    "3月完成6个部门业务系统对接，平均办理时长由5个工作日压缩到2个工作日。",
    "“一表申请”使申报材料由14份减至6份，已在3个区推广。",
    "一是跨部门数据共享不畅，11件事项因数据回传超过3天而超期，原因是两个部门的接口标准不一致。
二是窗口人员流动大，上半年流失7人，原因是岗位补贴低于同类岗位。
三是群众评价渠道单一，线上评价仅占12%，原因是评价二维码未覆盖全部窗口。",
    "一是针对数据共享不畅，9月30日前统一两个部门的接口标准，数据回传控制在1天内。
二是针对窗口人员流动大，10月起将岗位补贴提高到每月600元，流失率控制在5%以内。
三是针对评价渠道单一，8月底前在46个窗口全部张贴评价二维码，线上评价占比提高到40%。",
    "团队新建制度3项，开展培训8次共260人次。",
];

/// A published summary with three problems, each with its cause and measure; its id.
fn prepare(ws: &Workspace) -> i64 {
    let mut store = Store::open(&ws.data_dir()).expect("store");
    let conn = store.conn_mut();
    profile::set_profile(conn, &ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() })
        .expect("profile");
    let dir = SummaryDirectory::add(conn, "市政务服务中心", ["陈堃", "张镕"]);
    let template = summary::list_templates(conn, false).expect("templates")[0].id;
    let input = NewSummaryInput {
        template_id: template,
        title: "市政务服务中心2026年上半年工作总结".into(),
        period_from: Some("2026-01-01".into()),
        period_to: Some("2026-06-30".into()),
        unit_id: Some(dir.unit),
        drafter_id: Some(dir.drafter),
        ..Default::default()
    };
    let id = summary::create_summary(conn, &input).expect("summary");
    for (i, text) in TEXTS.iter().enumerate() {
        summary::save_section(conn, id, i as i64, text).expect("text");
    }
    let by = |actor| ReviewInput { actor_id: actor, note: Some("按计划报送".into()) };
    summary::submit(conn, id, &by(dir.drafter)).expect("submit");
    summary::approve(conn, id, &by(dir.reviewer)).expect("approve");
    summary::publish(conn, id, &by(dir.reviewer)).expect("publish");
    id
}

async fn pick(app: &App, n: i64) {
    app.click_css(&format!(".ant-drawer tr[data-row-key='{n}'] .ant-checkbox")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn problems_of_a_summary_become_items_in_the_window() {
    let ws = Workspace::new().await;
    let summary_id = prepare(&ws);
    let app = ws.launch().await;

    app.click("nav-summaries").await;
    app.click(&format!("summary-open-{summary_id}")).await;
    app.click("summary-follow-up").await;
    app.wait_text("follow-up-tab-rectify", "存在问题（3）").await;
    app.text("岗位补贴低于同类岗位").await;
    app.text("10月起将岗位补贴提高到每月600元").await;
    pick(&app, 1).await;
    pick(&app, 2).await;
    app.wait_text("follow-up-make", "（2）").await;
    app.screenshot("follow-up-01-problems").await;
    app.click("follow-up-make").await;
    app.search_and_choose("follow-up-unit", "政务", "市政务服务中心").await;
    app.click("follow-up-person").await;
    app.click_css(".ant-select-dropdown .ant-select-item-option[title^='陈堃']").await;
    app.screenshot("follow-up-02-dialog").await;
    app.click("follow-up-confirm").await;
    app.text("已登记 2 项问题整改事项").await;
    app.wait_text("follow-up-rates", "已转整改事项").await;
    let rates = app.text_of("follow-up-rates").await;
    assert!(rates.contains("3") && rates.contains("2"), "{rates}");

    let db = ws.database();
    let items: Vec<(i64, String)> = {
        let mut stmt = db
            .prepare("SELECT assignment_id, kind FROM summary_follow_up WHERE summary_id = ?1 ORDER BY n")
            .expect("query");
        stmt.query_map([summary_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("links")
    };
    assert_eq!(items.len(), 2, "{items:?}");
    app.by_test_id(&format!("follow-up-item-{}", items[1].0)).await;
    app.screenshot("follow-up-03-items").await;

    // The item in the ledger says where it came from, one click away.
    app.click(&format!("follow-up-item-{}", items[1].0)).await;
    app.wait_text("detail-origin", "市政务服务中心2026年上半年工作总结").await;
    let origin = app.text_of("detail-origin").await;
    assert!(origin.contains("问题整改第 2 条"), "{origin}");
    app.screenshot("follow-up-04-origin").await;
    app.click("detail-origin").await;
    app.wait_text("summary-title", "市政务服务中心2026年上半年工作总结").await;

    // 宣贯材料: generated from the summary, edited, printed as previewed.
    app.click("summary-print").await;
    app.click("print-publicity").await;
    app.css("[data-testid='pdf-page-1'][data-rendered='true']").await;
    let problems =
        app.by_test_id("publicity-problems").await.prop("value").await.expect("value").unwrap_or_default();
    assert!(problems.contains("2. 窗口人员流动大"), "{problems}");
    app.type_into("publicity-issuer", "市政务服务中心办公室").await;
    app.click("publicity-refresh").await;
    app.css("[data-testid='pdf-page-1'][data-rendered='true']").await;
    app.screenshot("follow-up-05-publicity").await;
    app.close_modal().await;
    app.close_as_user().await;

    let db = ws.database();
    let (source, tags): (String, String) = db
        .query_row("SELECT source, tags FROM assignment WHERE id = ?1", [items[0].0], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("item");
    assert_eq!((source.as_str(), tags.as_str()), ("summary", "[\"问题整改\"]"));
    let app = ws.launch().await;
    // 工作台 counts the items made from summaries and opens them in the ledger.
    app.click("nav-workbench").await;
    app.wait_text("wb-follow-up", "总结整改完成率 0%（0/2）").await;
    app.click("wb-follow-up").await;
    app.wait_text("ledger-total", "共 2 件").await;
    app.click("nav-summaries").await;
    app.click(&format!("summary-open-{summary_id}")).await;
    app.click("summary-follow-up").await;
    app.by_test_id("follow-up-entry-item-rectify-2").await;
    app.quit().await;
}

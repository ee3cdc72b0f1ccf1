//! 工作台 end to end: the window opens on it; each number and list clicked opens the ledger on as
//! many items as it showed; and when the clock moves to just before an item's deadline, its
//! reminder arrives in the bell by itself (the app's reminder loop), and opens the item. The paper:
//! last month's 通报 drafted, edited and saved as Word, 责任清单 and the printed ledger previewed.

use chrono::TimeDelta;
use luoshi_core::assignment::{self, AssignmentInput};
use luoshi_core::org::{self, PersonInput, UnitInput, UnitKind};
use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::report::{self, BulletinPeriod};
use luoshi_core::test_support::{person, unit};
use luoshi_core::{time, Store};
use thirtyfour::prelude::*;

use crate::harness::{App, Workspace, WAIT};

const TITLE: &str = "关于背街小巷路灯维修的督办";

/// The directory, a year of demo items and one item due in about two weeks; its id.
fn prepare(ws: &Workspace) -> i64 {
    let mut store = Store::open(&ws.data_dir()).expect("store");
    let conn = store.conn_mut();
    profile::set_profile(conn, &ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() })
        .expect("profile");
    let lead =
        org::add_unit(conn, &UnitInput { kind: UnitKind::Subordinate, ..unit("市城管局") }).expect("unit");
    let clerk = org::add_person(conn, &PersonInput { title: Some("科长".into()), ..person("陈堃", lead.id) })
        .expect("person");
    assignment::fill_demo(conn, 300).expect("demo items");
    let due = (time::now() + TimeDelta::days(14)).format("%Y-%m-%d").to_string();
    let input = AssignmentInput {
        title: TITLE.into(),
        source: "meeting".into(),
        content: "背街小巷路灯多处不亮，请市城管局牵头维修。".into(),
        category: "routine".into(),
        lead_unit_id: lead.id,
        responsible_id: clerk.id,
        deadline: Some(due),
        ..Default::default()
    };
    assignment::register(conn, &input).expect("register")
}

/// The leading number of a text such as “117 件 ›”.
fn number(text: &str) -> i64 {
    let digits: String =
        text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("no number in “{text}”"))
}

async fn back_to_workbench(app: &App) {
    app.click("nav-workbench").await;
    app.by_test_id("wb-card-0").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workbench_opens_the_ledger_on_its_numbers_and_a_reminder_arrives_when_time_moves() {
    let ws = Workspace::new().await;
    ws.set_clock(time::now());
    let item = prepare(&ws);
    let app = ws.launch().await;

    // The start page; this year's figures.
    app.by_test_id("wb-card-0").await;
    app.click("wb-period-year").await;
    let year = time::now().format("%Y").to_string();
    app.wait_text("wb-period-text", &format!("{year}-01-01 至 {year}-12-31")).await;
    app.settle().await;
    app.screenshot("workbench-01-this-year").await;

    // 到期应办结, 已办结, 超期率 and 满意度: the ledger shows as many items as the card said.
    for (index, what) in [(0, "到期应办结"), (1, "已办结"), (4, "超期（含超期办结）"), (8, "有满意度评价")]
    {
        let items = number(&app.text_of(&format!("wb-card-items-{index}")).await);
        assert!(items > 0, "card {index} counts nothing in a year of demo items");
        app.click(&format!("wb-card-{index}")).await;
        app.wait_text("ledger-picked", &format!("本年 · {what}")).await;
        app.wait_text("ledger-total", &format!("共 {items} 件")).await;
        if index == 4 {
            app.screenshot("workbench-02-ledger-of-a-card").await;
        }
        back_to_workbench(&app).await;
    }

    // The charts, drawn once the page is up; a slice of the lights opens as many items as it holds.
    let lights = app.by_test_id("wb-chart-lights").await;
    app.css("[data-testid='wb-chart-months'] canvas").await;
    app.css("[data-testid='wb-chart-lights'] canvas").await;
    app.by_test_id("wb-chart-months").await.scroll_into_view().await.expect("scroll");
    app.settle().await;
    app.screenshot("workbench-01b-charts").await;
    let charts = {
        let store = Store::open(&ws.data_dir()).expect("store");
        luoshi_core::workbench::charts(store.conn(), None, time::now()).expect("charts")
    };
    let total: i64 = charts.lights.iter().map(|l| l.count).sum();
    let first = &charts.lights[0];
    // The first slice starts at the top and runs clockwise; aim at its middle, in the ring (28–50 %).
    let rect = lights.rect().await.expect("rect");
    let radius = 0.39 * rect.width.min(rect.height) / 2.0;
    let angle = std::f64::consts::PI * first.count as f64 / total as f64;
    lights.scroll_into_view().await.expect("scroll");
    app.driver
        .action_chain()
        .move_to_element_with_offset(&lights, (radius * angle.sin()) as i64, (-radius * angle.cos()) as i64)
        .click()
        .perform()
        .await
        .expect("click the slice");
    app.wait_text("ledger-picked", "在办事项").await;
    app.wait_text("ledger-total", &format!("共 {} 件", first.count)).await;
    back_to_workbench(&app).await;

    // A list: 超期 now.
    let overdue = number(&app.text_of("wb-list-count-overdue").await);
    assert!(overdue > 0, "the demo ledger has overdue items");
    app.click("wb-list-open-overdue").await;
    app.wait_text("ledger-total", &format!("共 {overdue} 件")).await;
    app.click("ledger-show-all").await;
    app.wait_text("ledger-total", "共 301 件").await;

    // Not yet due: the bell does not carry it. Two hours before its deadline it does, by itself.
    back_to_workbench(&app).await;
    let entry = format!("bell-item-{item}-due_soon");
    app.click("bell").await;
    app.by_test_id("bell-list").await;
    let present = app.driver.find_all(By::Css(format!("[data-testid='{entry}']"))).await.expect("find");
    assert!(present.is_empty(), "an item due in two weeks is not due soon");
    app.click("bell").await;
    let deadline = {
        let store = Store::open(&ws.data_dir()).expect("store");
        assignment::get_assignment(store.conn(), item).expect("item").deadline
    };
    let before = number(&app.attr("bell", "data-count").await);
    ws.set_clock(deadline - TimeDelta::hours(2));
    let waited = std::time::Instant::now();
    while number(&app.attr("bell", "data-count").await) == before {
        assert!(waited.elapsed() < WAIT, "no reminder arrived after the clock moved");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.click("bell").await;
    let shown = app.by_test_id(&entry).await;
    shown.scroll_into_view().await.expect("scroll");
    app.screenshot("workbench-03-bell").await;
    shown.click().await.expect("open the reminder");
    app.by_test_id("detail-state").await;
    app.text(TITLE).await;
    app.screenshot("workbench-04-item-from-the-bell").await;
    app.click_css(".ant-drawer-close").await;
    app.wait_gone(".ant-drawer-open").await;

    // 设置 → 提醒与目标: without 超期, the bell carries the rest.
    let all = number(&app.attr("bell", "data-count").await);
    let overdue_now = {
        let store = Store::open(&ws.data_dir()).expect("store");
        let list = luoshi_core::remind::list(store.conn(), deadline - TimeDelta::hours(2)).expect("list");
        list.iter().filter(|r| r.kind == luoshi_core::remind::RemindKind::Overdue).count() as i64
    };
    app.click("nav-settings").await;
    app.click("tab-remind").await;
    app.click_css("[data-testid='remind-kinds'] label:first-child").await;
    app.screenshot("workbench-05-remind-settings").await;
    app.click("remind-save").await;
    app.text("已保存提醒设置").await;
    let waited = std::time::Instant::now();
    while number(&app.attr("bell", "data-count").await) != all - overdue_now {
        assert!(waited.elapsed() < WAIT, "the bell still carries 超期 after it was switched off");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.quit().await;

    // What the desktop was told of stays in the data folder: started again the same day, the app
    // does not notify the item's reminder again (the next day sums everything up afresh).
    let now = deadline - TimeDelta::hours(2);
    let store = Store::open(&ws.data_dir()).expect("store");
    let list = luoshi_core::remind::for_bell(store.conn(), now).expect("list");
    let remembered = luoshi_core::remind::Notified::load(&ws.data_dir());
    assert!(list.iter().any(|r| r.id == item), "the item still needs attention");
    let fresh: Vec<_> = remembered.fresh(&list, now).iter().map(|r| (r.id, r.kind)).collect();
    assert!(fresh.is_empty(), "a restart would notify again: {fresh:?}");
    assert_eq!(remembered.fresh(&list, now + TimeDelta::days(1)).len(), list.len());
}

/// The text of a .docx's body, its XML tags taken out.
fn docx_text(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip");
    let xml =
        std::io::read_to_string(zip.by_name("word/document.xml").expect("document.xml")).expect("utf-8");
    luoshi_core::test_support::xml_text(&xml)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bulletin_is_a_draft_the_clerk_edits_and_saves_and_the_lists_print() {
    let ws = Workspace::new().await;
    prepare(&ws);
    let app = ws.launch().await;

    // In the first ten days of a month, 通报 opens on the last month.
    let today = time::now().date_naive();
    let month = if chrono::Datelike::day(&today) <= 10 {
        today.checked_sub_months(chrono::Months::new(1)).expect("last month")
    } else {
        today
    };
    let period = BulletinPeriod::containing(month, false);
    app.click("wb-bulletin").await;
    app.by_test_id("bulletin-title").await;
    app.wait_text("pdf-page-count", "共").await;
    let urge = "请住建局、城管局对照清单抓紧办理，逾期未办结的下月继续通报。";
    app.type_into("bulletin-urge", urge).await;
    app.click("bulletin-refresh").await;
    app.wait_text("pdf-page-count", "共").await;
    app.settle().await;
    app.screenshot("workbench-06-bulletin-draft").await;
    let path = ws.data_dir().join("通报.docx");
    app.answer_dialogs_with(&path).await;
    app.click("report-docx").await;
    app.text("已导出").await;
    let text = docx_text(&path);
    assert!(text.contains(urge), "the edited text is in the Word file");
    assert!(text.contains(&period.label()), "the period is in the title");
    let facts = {
        let store = Store::open(&ws.data_dir()).expect("store");
        report::bulletin_facts(store.conn(), period).expect("facts")
    };
    assert!(!facts.overdue.is_empty(), "a year of demo items has overdue ones");
    for e in &facts.overdue {
        assert!(text.contains(&e.number), "{} is overdue but not in the bulletin", e.number);
    }
    // The edits are kept: closed and opened again, the bulletin has them, and the database too.
    app.wait_text("bulletin-kept", "草稿已保存").await;
    app.close_modal().await;
    app.click("wb-bulletin").await;
    app.wait_text("pdf-page-count", "共").await;
    let urge_shown = || async { app.by_test_id("bulletin-urge").await.prop("value").await.expect("value") };
    assert_eq!(urge_shown().await.as_deref(), Some(urge), "the kept draft reopens");
    {
        let store = Store::open(&ws.data_dir()).expect("store");
        let kept = report::bulletin_draft(store.conn(), period).expect("draft");
        assert_eq!(kept.urge, urge);
        assert!(kept.saved_at.is_some());
    }
    // 恢复自动生成的文字: the ledger's own draft comes back, and nothing is kept any more.
    app.click("bulletin-discard").await;
    app.click_css(".ant-popconfirm .ant-btn-primary").await;
    app.wait_text("bulletin-kept", "修改会自动保存为草稿").await;
    assert_ne!(urge_shown().await.as_deref(), Some(urge));
    {
        let store = Store::open(&ws.data_dir()).expect("store");
        assert_eq!(report::bulletin_draft(store.conn(), period).expect("draft").saved_at, None);
    }
    app.close_modal().await;

    // 责任清单 and the ledger printed with its filters.
    app.click("wb-responsibility").await;
    app.wait_text("pdf-page-count", "共").await;
    app.settle().await;
    app.screenshot("workbench-07-responsibility-list").await;
    app.close_modal().await;
    app.click("nav-ledger").await;
    app.by_test_id("ledger-total").await;
    app.click("ledger-print").await;
    app.wait_text("pdf-page-count", "共").await;
    app.settle().await;
    app.screenshot("workbench-08-ledger-printed").await;
    app.close_modal().await;

    // The settings cards all save through one form hook: the number prefix, the lights' share
    // (typed as a percentage, stored as a fraction) and the bulletin's rules.
    app.click("nav-settings").await;
    app.click("tab-assignment").await;
    app.type_into("number-prefix", "查").await;
    app.click("number-prefix-save").await;
    app.text("新登记的事项编号如 查〔2026〕1号").await;
    app.type_into("lights-yellow-fraction", "70").await;
    app.click("lights-save").await;
    app.text("已保存预警规则").await;
    app.click("tab-remind").await;
    app.type_into("bulletin-rule-commend", "90").await;
    let save = app.by_test_id("bulletin-rules-save").await;
    save.scroll_into_view().await.expect("scroll");
    save.click().await.expect("save the rules");
    app.text("已保存通报规则").await;
    app.quit().await;
    let store = Store::open(&ws.data_dir()).expect("store");
    assert_eq!(assignment::number::get_prefix(store.conn()).expect("prefix"), "查");
    let lights = assignment::lights::get_settings(store.conn()).expect("lights");
    assert!((lights.yellow_fraction - 0.7).abs() < 1e-9, "{lights:?}");
    assert_eq!(report::get_bulletin_rules(store.conn()).expect("rules").commend_score, 90.0);
}

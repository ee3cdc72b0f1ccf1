//! 工作日历 end to end: the 2026 grid shows 国庆节 and the 调休 Saturday 10 October, a day marked off
//! is stored and still marked after a restart; a year with no calendar shows 未确认.

use thirtyfour::prelude::*;

use crate::harness::{App, Workspace};

/// Opens 设置 → 工作日历 and steps to `year` with the year buttons.
async fn open_year(app: &App, year: i32) {
    app.click("nav-settings").await;
    app.click("tab-calendar").await;
    for _ in 0..200 {
        let input = app.css("input[data-testid='cal-year'], [data-testid='cal-year'] input").await;
        let value = input.prop("value").await.expect("value").unwrap_or_default();
        let shown: i32 = value.parse().expect("a year in the picker");
        if shown == year {
            break;
        }
        app.click(if shown < year { "cal-next-year" } else { "cal-prev-year" }).await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.by_test_id(&format!("cal-day-{year}-01-01")).await;
}

async fn wait_attr(app: &App, id: &str, name: &str, want: &str) {
    for _ in 0..50 {
        if app.attr(id, name).await == want {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{id} never had {name}={want}, has {}", app.attr(id, name).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn calendar_edit_survives_a_restart() {
    let ws = Workspace::new().await;
    let app = ws.launch().await;
    app.by_test_id("profile-setup").await;
    app.type_into("profile-name", "王玥").await;
    app.type_into("profile-unit", "综合办公室").await;
    app.click("profile-submit").await;
    app.by_test_id("current-user").await;

    // 2026: the shipped calendar, 国庆节 off, Saturday 10 October a 调休 working day.
    open_year(&app, 2026).await;
    assert_eq!(app.by_test_id("cal-status").await.text().await.expect("text"), "已确认");
    app.screenshot("cal-01-year-2026").await;
    let national_day = app.by_test_id("cal-day-2026-10-01").await;
    national_day.scroll_into_view().await.expect("scroll");
    let title = national_day.attr("title").await.expect("title").unwrap_or_default();
    assert!(title.contains("国庆节"), "2026-10-01 is {title}");
    assert_eq!(app.attr("cal-day-2026-10-01", "data-kind").await, "offday");
    assert_eq!(app.attr("cal-day-2026-10-10", "data-kind").await, "workday");
    assert_eq!(app.attr("cal-day-2026-10-10", "data-adjusted").await, "true");
    app.screenshot("cal-01b-october").await;

    // Wednesday 11 March marked off with a note.
    assert_eq!(app.attr("cal-day-2026-03-11", "data-kind").await, "workday");
    app.click("cal-day-2026-03-11").await;
    // The dialog zooms in; a click during the animation can miss, so click until 休息 is chosen.
    for _ in 0..20 {
        app.click("cal-day-offday").await;
        if app.attr("cal-day-offday", "class").await.contains("ant-btn-primary") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    app.type_into("cal-day-note", "单位调休").await;
    app.screenshot("cal-02-mark-day").await;
    app.click("cal-day-save").await;
    app.wait_gone(".ant-modal-wrap").await;
    wait_attr(&app, "cal-day-2026-03-11", "data-kind", "offday").await;
    assert!(app.by_test_id("cal-source").await.text().await.expect("text").contains("手工修改 1 天"));

    // A year with no calendar is 未确认.
    open_year(&app, 2031).await;
    assert_eq!(app.by_test_id("cal-status").await.text().await.expect("text"), "未确认");
    app.by_test_id("cal-unconfirmed-note").await;
    app.screenshot("cal-03-year-2031-unconfirmed").await;
    app.quit().await;

    {
        let db = ws.database();
        let row: (String, Option<String>) = db
            .query_row("SELECT kind, note FROM calendar_day WHERE day = '2026-03-11'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("edit stored");
        assert_eq!(row, ("offday".to_string(), Some("单位调休".to_string())));
    }

    // Restarted: the day is still off, with its note.
    let app = ws.launch().await;
    app.by_test_id("current-user").await;
    open_year(&app, 2026).await;
    assert_eq!(app.attr("cal-day-2026-03-11", "data-kind").await, "offday");
    assert!(app.attr("cal-day-2026-03-11", "title").await.contains("单位调休"));
    app.screenshot("cal-04-after-restart").await;

    // 办理时限 and 工作时间 open with the stored (default) values.
    app.click("tab-limits").await;
    app.by_test_id("limits-save").await;
    app.by_test_id("hours-save").await;
    app.wait_gone(".ant-spin-spinning").await;
    app.by_test_id("hours-0-start").await;
    app.screenshot("cal-05-limits").await;

    // A first step longer than the result in the same unit is refused at its field, in Chinese.
    let amount = app.css("input[data-testid='limit-immediate-first_step-amount']").await;
    amount.send_keys(Key::Control + "a").await.expect("select all");
    amount.send_keys("99").await.expect("type");
    app.click("limits-save").await;
    let error = app.css(".ant-form-item-explain-error").await.text().await.expect("text");
    assert!(error.contains("即时响应类的首次时限"), "error was {error}");
    app.screenshot("cal-06-limits-error").await;
    app.quit().await;
}

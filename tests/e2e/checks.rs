//! 设置 → 检查 end to end: the clerk lowers the 数据占比 bar and adds a 套话, both stay after a
//! restart and change what the checks report; 恢复默认 brings the bar back.

use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::Store;

use crate::harness::Workspace;

#[tokio::test(flavor = "multi_thread")]
async fn the_check_bars_and_the_stock_list_are_edited_in_settings() {
    let ws = Workspace::new().await;
    {
        let mut store = Store::open(&ws.data_dir()).expect("store");
        let me = ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() };
        profile::set_profile(store.conn_mut(), &me).expect("profile");
    }
    let app = ws.launch().await;
    app.click("nav-settings").await;
    app.click("tab-checks-settings").await;
    app.type_into("check-quant-min", "30").await;
    app.click("check-thresholds-save").await;
    app.text("已保存检查阈值").await;
    let phrases = app.by_test_id("check-phrases").await;
    phrases.click().await.expect("focus");
    phrases.send_keys(thirtyfour::Key::Control + thirtyfour::Key::End).await.expect("end");
    phrases.send_keys(thirtyfour::Key::Enter).await.expect("new line");
    phrases.send_keys("狠抓落实不放松").await.expect("type");
    app.click("check-phrases-save").await;
    app.text("已保存套话清单").await;
    app.screenshot("checks-01-settings").await;
    app.close_as_user().await;

    let db = ws.database();
    let stored: String = db
        .query_row("SELECT value FROM setting WHERE key = 'check.thresholds'", [], |r| r.get(0))
        .expect("thresholds stored");
    assert!(stored.contains("\"quant_min\":0.3"), "{stored}");
    let text: String = db
        .query_row("SELECT value FROM setting WHERE key = 'check.stock_phrases'", [], |r| r.get(0))
        .expect("phrases stored");
    let stored: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert!(
        stored["phrases"].as_array().expect("phrases").iter().any(|p| p == "狠抓落实不放松"),
        "a line of its own: {text}"
    );
    let report = luoshi_core::check::check_text(
        "一、工作情况\n各单位狠抓落实不放松。\n",
        &luoshi_core::check::CheckContext::new(luoshi_core::check::load_settings(&db).expect("settings")),
    );
    assert!(report.sentences[0].stock, "the added phrase is a 套话 now");

    let app = ws.launch().await;
    app.click("nav-settings").await;
    app.click("tab-checks-settings").await;
    let shown = app.css("[data-testid='check-quant-min'] input, input[data-testid='check-quant-min']").await;
    assert_eq!(shown.prop("value").await.expect("value").as_deref(), Some("30"));
    app.click("check-thresholds-reset").await;
    app.click_css(".ant-popconfirm .ant-btn-primary").await;
    app.text("已恢复默认的检查阈值").await;
    // The form is drawn again with the default: read the field afresh until it shows it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let field =
            app.css("[data-testid='check-quant-min'] input, input[data-testid='check-quant-min']").await;
        if field.prop("value").await.ok().flatten().as_deref() == Some("40") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the default bar is shown again");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.quit().await;
}

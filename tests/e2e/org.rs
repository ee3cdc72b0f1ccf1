//! 组织机构 end to end: first-start profile, a unit and a person added by hand, the duplicate-name
//! message, and everything still there after a restart.

use thirtyfour::By;

use crate::harness::{App, Workspace};

async fn open_tab(app: &App, tab: &str) {
    app.click("nav-settings").await;
    app.click(tab).await;
}

async fn add_unit(app: &App, name: &str, short: &str) {
    app.click("unit-add").await;
    app.type_into("unit-name", name).await;
    app.type_into("unit-short", short).await;
    app.click("unit-submit").await;
}

async fn step_done(app: &App, step: &str) -> String {
    let el = app.by_test_id(&format!("first-step-{step}")).await;
    el.attr("data-done").await.expect("attr").unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn directory_survives_a_restart() {
    let ws = Workspace::new().await;
    let app = ws.launch().await;

    // First start asks who is using this PC.
    app.by_test_id("profile-setup").await;
    app.screenshot("org-01-first-start").await;
    app.type_into("profile-name", "王玥").await;
    app.type_into("profile-unit", "综合办公室").await;
    app.click("profile-submit").await;
    let user = app.by_test_id("current-user").await;
    assert!(user.text().await.expect("text").contains("王玥（综合办公室）"));

    // 工作台 says what to do first; the empty ledger says how to start, not "nothing matches".
    app.click("nav-workbench").await;
    app.wait_text("first-steps-title", "开始使用：还有 3 步").await;
    assert_eq!(step_done(&app, "units").await, "false");
    app.screenshot("org-01b-first-steps").await;
    app.click("nav-ledger").await;
    app.wait_text("ledger-empty", "台账里还没有事项").await;
    app.screenshot("org-01c-empty-ledger").await;

    // The step's button opens 设置 → 单位, where the user's own unit is already listed; add another.
    app.click("nav-workbench").await;
    app.click_css("[data-testid='first-step-units'] .ant-btn").await;
    app.text("综合办公室").await;
    add_unit(&app, "市政府督查室", "督查室").await;
    app.wait_gone(".ant-modal-wrap").await;
    app.text("市政府督查室").await;

    // The same name again is refused at the field, in Chinese.
    add_unit(&app, "市政府督查室", "").await;
    let error = app.css(".ant-form-item-explain-error").await;
    assert_eq!(error.text().await.expect("text"), "已有名为“市政府督查室”的启用单位，单位全称不能重复");
    app.screenshot("org-02-duplicate-unit").await;
    app.click("unit-cancel").await;
    app.wait_gone(".ant-modal-wrap").await;

    // A person in that unit, with a rare character in the name and a bad phone first.
    open_tab(&app, "tab-persons").await;
    app.click("person-add").await;
    app.type_into("person-name", "陈堃").await;
    app.choose("person-unit", "市政府督查室").await;
    app.type_into("person-title", "副主任").await;
    app.type_into("person-phone", "12345").await;
    app.click("person-submit").await;
    let error = app.css(".ant-form-item-explain-error").await;
    assert!(error.text().await.expect("text").contains("不是有效的电话号码"));
    app.type_into("person-phone", "139 1234 5678").await;
    app.click("person-submit").await;
    app.wait_gone(".ant-modal-wrap").await;
    app.screenshot("org-03-person-added").await;
    app.text("陈堃").await;
    app.text("13912345678").await;
    // 组织机构: a unit's row opens on its people, where one more can be added in place.
    open_tab(&app, "tab-units").await;
    let expand = app
        .driver
        .find(By::XPath(
            "//tr[.//td[normalize-space()='市政府督查室']]//button[contains(@class, 'ant-table-row-expand-icon')]",
        ))
        .await
        .expect("the unit's expand button");
    expand.click().await.expect("expand");
    let people = app.css("[data-testid^='unit-people-']").await;
    assert!(people.text().await.expect("text").contains("陈堃"), "the unit lists its people");
    app.screenshot("org-03b-unit-people").await;
    // Units and people are done; the items step waits for the first item.
    app.click("nav-workbench").await;
    app.by_test_id("first-steps").await;
    assert_eq!(step_done(&app, "units").await, "true");
    assert_eq!(step_done(&app, "people").await, "true");
    assert_eq!(step_done(&app, "items").await, "false");
    app.quit().await;

    // In the database, as typed.
    {
        let db = ws.database();
        let unit: (String, String) = db
            .query_row("SELECT name, short_name FROM unit WHERE name = '市政府督查室'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("unit stored");
        assert_eq!(unit.1, "督查室");
        let person: String = db
            .query_row(
                "SELECT p.phone FROM person p JOIN unit u ON u.id = p.unit_id
                 WHERE p.name = '陈堃' AND u.name = '市政府督查室'",
                [],
                |r| r.get(0),
            )
            .expect("person stored");
        assert_eq!(person, "13912345678");
        let me: String = db
            .query_row("SELECT p.name FROM profile f JOIN person p ON p.id = f.person_id", [], |r| r.get(0))
            .expect("profile stored");
        assert_eq!(me, "王玥");
    }

    // Restarted: no first-start form, and everything is still there.
    let app = ws.launch().await;
    app.by_test_id("current-user").await;
    open_tab(&app, "tab-units").await;
    app.text("市政府督查室").await;
    open_tab(&app, "tab-persons").await;
    app.text("陈堃").await;
    app.click("about").await;
    let data_dir = app.by_test_id("about-data-dir").await.text().await.expect("text");
    assert_eq!(data_dir, ws.data_dir().display().to_string());
    app.screenshot("org-04-after-restart-about").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contact_list_is_imported_in_the_directory() {
    let ws = Workspace::new().await;
    {
        let mut store = luoshi_core::Store::open(&ws.data_dir()).expect("store");
        let input = luoshi_core::profile::ProfileInput {
            name: "陈堃".into(),
            unit_name: "市政府督查室".into(),
        };
        luoshi_core::profile::set_profile(store.conn_mut(), &input).expect("profile");
    }
    let sheets = ws.ledgers();

    let app = ws.launch().await;
    open_tab(&app, "tab-persons").await;
    app.answer_dialogs_with(&sheets.join("contacts.xlsx")).await;
    app.click("contacts-import").await;
    app.settle().await;
    app.click("contacts-import-choose").await;
    // Most units of the list are not in the directory yet, and one row has no name.
    app.wait_text("contacts-import-summary", "问题").await;
    app.click("contacts-import-create").await;
    app.wait_gone(".ant-spin-spinning").await;
    app.click("contacts-import-skip").await;
    app.wait_gone(".ant-spin-spinning").await;
    app.wait_text("contacts-import-summary", "可添加 8 人").await;
    app.screenshot("org-04-contacts-preview").await;
    app.click("contacts-import-run").await;
    app.wait_text("contacts-import-summary", "已添加 8 人").await;
    app.click("contacts-import-done").await;
    app.wait_gone(".ant-modal-wrap").await;
    app.text("郑洁").await;
    app.quit().await;

    let store = luoshi_core::Store::open(&ws.data_dir()).expect("store");
    let people: i64 = store.conn().query_row("SELECT count(*) FROM person", [], |r| r.get(0)).expect("count");
    assert_eq!(people, 9, "the profile's person and the 8 of the list with a name");
}

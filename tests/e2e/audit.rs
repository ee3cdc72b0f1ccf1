//! 审计日志 end to end: a unit added in the window shows in 设置 → 审计日志 with who added it, and
//! 校验 says the trail is whole; after a record is rewritten behind the app's back (its guard trigger
//! dropped, with the sqlite3 shell's means), 校验 in the restarted window names that record.

use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::Store;

use crate::harness::{App, Workspace};

async fn open_tab(app: &App, tab: &str) {
    app.click("nav-settings").await;
    app.click(tab).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_trail_lists_a_write_and_names_a_record_rewritten_behind_the_app() {
    let ws = Workspace::new().await;
    {
        let mut store = Store::open(&ws.data_dir()).expect("store");
        profile::set_profile(
            store.conn_mut(),
            &ProfileInput { name: "王玥".into(), unit_name: "综合办公室".into() },
        )
        .expect("profile");
    }
    let app = ws.launch().await;
    open_tab(&app, "tab-units").await;
    app.click("unit-add").await;
    app.type_into("unit-name", "市政府督查室").await;
    app.type_into("unit-short", "督查室").await;
    app.click("unit-submit").await;
    app.wait_gone(".ant-modal-wrap").await;

    app.click("tab-audit").await;
    app.by_test_id("audit-panel").await;
    // The newest record first: 王玥 added 单位 2 (its fields in 变化, shown in the screenshot).
    app.wait_text("audit-table", "王玥新增单位 2").await;
    app.click("audit-verify").await;
    app.wait_text("audit-result", "完整").await;
    app.screenshot("audit-01-whole").await;
    app.quit().await;

    // Someone with the file rewrites who added the unit: the guard must be dropped to do it.
    let seq: i64 = {
        let db = ws.database();
        let seq = db
            .query_row(
                "SELECT max(seq) FROM audit_log WHERE object_kind = 'unit' AND after LIKE '%市政府督查室%'",
                [],
                |r| r.get(0),
            )
            .expect("the unit's record");
        db.execute_batch("DROP TRIGGER audit_log_no_update").expect("drop the guard");
        db.execute("UPDATE audit_log SET actor = '张镕' WHERE seq = ?1", [seq]).expect("rewrite");
        seq
    };

    let app = ws.launch().await;
    open_tab(&app, "tab-audit").await;
    app.click("audit-verify").await;
    app.wait_text("audit-result", &format!("第 {seq} 号记录")).await;
    app.screenshot("audit-02-broken").await;
    app.quit().await;
}

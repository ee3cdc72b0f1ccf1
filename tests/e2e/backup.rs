//! 数据与备份 end to end: a backup made in 设置 → 数据与备份, data changed, the backup restored,
//! the old data there after a restart; and a damaged data file that shows the 数据文件无法使用 page,
//! is not written to, and is restored from its newest backup with one button.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use luoshi_core::backup::{self, BackupReason};
use luoshi_core::org::{self, UnitInput, UnitKind};
use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::test_support::unit;
use luoshi_core::Store;

use crate::harness::{App, Workspace};

fn seed(ws: &Workspace) -> Store {
    let mut store = Store::open(&ws.data_dir()).expect("store");
    let conn = store.conn_mut();
    profile::set_profile(conn, &ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() })
        .expect("profile");
    org::add_unit(conn, &UnitInput { kind: UnitKind::Subordinate, ..unit("市住建局") }).expect("unit");
    store
}

fn unit_names(ws: &Workspace) -> Vec<String> {
    let db = ws.database();
    let mut stmt = db.prepare("SELECT name FROM unit ORDER BY id").expect("select");
    stmt.query_map([], |r| r.get(0)).expect("query").collect::<Result<_, _>>().expect("names")
}

/// The manual backup's file name, once the sidecar is written.
async fn manual_backup(ws: &Workspace) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = backup::list(&ws.data_dir())
            .expect("list")
            .into_iter()
            .find(|b| b.reason == BackupReason::Manual);
        if let Some(b) = found {
            return b.file;
        }
        assert!(Instant::now() < deadline, "no manual backup was written");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn open_backup_tab(app: &App) {
    app.click("nav-settings").await;
    app.click("tab-backup").await;
    app.by_test_id("backup-panel").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_made_in_the_window_is_restored_and_stays_after_a_restart() {
    let ws = Workspace::new().await;
    drop(seed(&ws));
    let app = ws.launch().await;
    open_backup_tab(&app).await;
    app.click("backup-create").await;
    let file = manual_backup(&ws).await;
    app.text("手动备份").await;
    app.screenshot("backup-01-made").await;

    // Change the data: a unit added by hand.
    app.click("tab-units").await;
    app.click("unit-add").await;
    app.type_into("unit-name", "备份后新增的单位").await;
    app.click("unit-submit").await;
    app.wait_gone(".ant-modal-wrap").await;
    app.text("备份后新增的单位").await;

    // Restore the backup from the list; the confirmation says the current data is backed up first.
    app.click("tab-backup").await;
    app.click(&format!("backup-restore-{file}")).await;
    app.text("恢复前会先把现在的数据备份一份").await;
    app.screenshot("backup-02-confirm").await;
    app.click("backup-restore-confirm").await;
    app.text("已恢复").await;
    app.text("恢复前").await;
    app.screenshot("backup-03-restored").await;
    app.quit().await;

    assert!(!unit_names(&ws).contains(&"备份后新增的单位".to_string()), "{:?}", unit_names(&ws));
    let before = backup::list(&ws.data_dir())
        .expect("list")
        .into_iter()
        .find(|b| b.reason == BackupReason::BeforeRestore)
        .expect("the data before the restore was backed up");
    assert!(before.checked);

    // After a restart the window shows the backup's data.
    let app = ws.launch().await;
    app.click("nav-settings").await;
    app.click("tab-units").await;
    app.text("市住建局").await;
    app.quit().await;
    let names = unit_names(&ws);
    assert!(
        names.contains(&"市住建局".to_string()) && !names.contains(&"备份后新增的单位".to_string()),
        "{names:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_data_file_shows_its_page_is_not_written_and_is_restored_from_the_newest_backup() {
    let ws = Workspace::new().await;
    {
        let store = seed(&ws);
        backup::create(store.conn(), BackupReason::Manual).expect("backup");
    }
    let db: PathBuf = ws.data_dir().join(luoshi_core::paths::DATABASE_FILE);
    let mut bytes = std::fs::read(&db).expect("read");
    bytes[..100].fill(0);
    std::fs::write(&db, &bytes).expect("damage");

    let app = ws.launch().await;
    app.by_test_id("damaged-page").await;
    app.wait_text("damaged-message", "已损坏").await;
    app.wait_text("damaged-message", "不再写入").await;
    app.screenshot("backup-04-damaged").await;
    assert_eq!(std::fs::read(&db).expect("read"), bytes, "the damaged file is not written to");

    app.click("damaged-restore-newest").await;
    app.click("backup-restore-confirm").await;
    // The app itself now: the navigation and the restored unit.
    app.click("nav-settings").await;
    app.click("tab-units").await;
    app.text("市住建局").await;
    app.quit().await;
    let kept = backup::list(&ws.data_dir()).expect("list");
    assert!(kept.iter().any(|b| b.reason == BackupReason::Damaged), "the damaged file was kept aside");
    assert!(unit_names(&ws).contains(&"市住建局".to_string()));
}

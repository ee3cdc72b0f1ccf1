//! 数据加密 end to end: switched on in 设置 → 数据与备份 with a password and the recovery key shown
//! on screen; after a restart the window is locked, refuses a wrong password, opens with the right
//! one and shows the data; the file on disk holds none of it in plain text, and the recovery key read
//! off the screen opens it too.

use luoshi_core::encryption::{self, Secret};
use luoshi_core::org::{self, UnitInput, UnitKind};
use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::test_support::unit;
use luoshi_core::Store;

use crate::harness::Workspace;

const PASSWORD: &str = "dcs-2026-chun";

#[tokio::test(flavor = "multi_thread")]
async fn encryption_switched_on_in_the_window_locks_the_data_until_the_password_is_typed() {
    let ws = Workspace::new().await;
    {
        let mut store = Store::open(&ws.data_dir()).expect("store");
        let conn = store.conn_mut();
        profile::set_profile(conn, &ProfileInput { name: "王玥".into(), unit_name: "市政府督查室".into() })
            .expect("profile");
        org::add_unit(conn, &UnitInput { kind: UnitKind::Subordinate, ..unit("市住建局") }).expect("unit");
    }
    let app = ws.launch().await;
    app.click("nav-settings").await;
    app.click("tab-backup").await;
    app.wait_text("encryption-state", "没有加密").await;
    app.click("encryption-enable").await;
    let recovery = app.text_of("recovery-key").await;
    encryption::RecoveryKey::parse(&recovery).expect("the key on screen is well formed");
    app.type_into("encryption-new-password", PASSWORD).await;
    app.type_into("encryption-new-password-again", PASSWORD).await;
    app.screenshot("encryption-01-enable").await;
    // Not before the person says the recovery key is kept.
    app.click("encryption-enable-confirm").await;
    app.text("请先打印或抄下恢复密钥").await;
    app.text("我已打印或抄下恢复密钥").await.click().await.expect("tick");
    app.click("encryption-enable-confirm").await;
    app.text("已加密数据文件及全部备份").await;
    app.wait_text("encryption-state", "已加密").await;
    app.quit().await;

    let db = ws.data_dir().join(luoshi_core::paths::DATABASE_FILE);
    assert!(encryption::is_encrypted(&db).expect("header"));
    let bytes = std::fs::read(&db).expect("read");
    assert!(!bytes.windows("市住建局".len()).any(|w| w == "市住建局".as_bytes()), "no plain text on disk");

    let app = ws.launch().await;
    app.by_test_id("unlock-page").await;
    app.screenshot("encryption-02-locked").await;
    app.type_into("unlock-password", "not-the-password").await;
    app.click("unlock-submit").await;
    app.wait_text("unlock-error", "密码不正确").await;
    app.type_into("unlock-password", PASSWORD).await;
    app.click("unlock-submit").await;
    app.click("nav-settings").await;
    app.click("tab-units").await;
    app.text("市住建局").await;
    app.screenshot("encryption-03-unlocked").await;
    app.quit().await;

    let store =
        Store::unlock(&ws.data_dir(), &Secret::RecoveryKey(recovery)).expect("the recovery key opens it");
    let names: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM unit WHERE name = '市住建局'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(names, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forgotten_password_is_replaced_with_the_recovery_key() {
    let ws = Workspace::new().await;
    let recovery = encryption::RecoveryKey::generate().expect("random");
    {
        let mut store = Store::open(&ws.data_dir()).expect("store");
        let conn = store.conn_mut();
        profile::set_profile(conn, &ProfileInput { name: "陈堃".into(), unit_name: "市政府督查室".into() })
            .expect("profile");
        org::add_unit(conn, &UnitInput { kind: UnitKind::Subordinate, ..unit("市信访局") }).expect("unit");
        encryption::enable(&mut store, "the-forgotten-one", &recovery).expect("encrypted");
    }
    let app = ws.launch().await;
    app.by_test_id("unlock-page").await;
    app.click("unlock-by-recovery").await;
    // Typed as a person copies it off paper: lower case, spaces for the dashes.
    app.type_into("unlock-recovery-key", &recovery.to_text().to_lowercase().replace('-', " ")).await;
    app.type_into("encryption-new-password", "a-new-password").await;
    app.type_into("encryption-new-password-again", "a-new-password").await;
    app.screenshot("encryption-04-recovery").await;
    app.click("unlock-submit").await;
    app.click("nav-settings").await;
    app.click("tab-units").await;
    app.text("市信访局").await;
    app.click("tab-backup").await;
    app.wait_text("encryption-state", "已加密").await;
    app.screenshot("encryption-05-card").await;
    app.quit().await;
    Store::unlock(&ws.data_dir(), &Secret::Password("a-new-password".into()))
        .expect("the new password opens it");
    let old =
        Store::unlock(&ws.data_dir(), &Secret::Password("the-forgotten-one".into())).err().expect("refused");
    assert_eq!(old.code(), "wrong_password");
}

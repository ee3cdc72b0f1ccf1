use std::fs;
use std::path::Path;

use super::*;
use crate::backup::{self, BackupReason};
use crate::test_support::{add_unit, unit};
use crate::{Error, Store};

const PASSWORD: &str = "督查室2026春";

fn code(e: &Error) -> &'static str {
    e.code()
}

fn units(store: &Store) -> Vec<String> {
    let mut stmt = store.conn().prepare("SELECT name FROM unit ORDER BY id").expect("prepare");
    stmt.query_map([], |r| r.get(0)).expect("query").collect::<rusqlite::Result<_>>().expect("rows")
}

/// A folder with two units (one a rare character) and one backup, then encrypted.
fn encrypted_folder(dir: &Path) -> (Store, RecoveryKey) {
    let mut store = Store::open(dir).expect("opens");
    add_unit(store.conn_mut(), &unit("督查室"));
    add_unit(store.conn_mut(), &unit("王玥𠮷工作组"));
    backup::create(store.conn(), BackupReason::Manual).expect("backup");
    let recovery = RecoveryKey::generate().expect("random");
    enable(&mut store, PASSWORD, &recovery).expect("enabled");
    (store, recovery)
}

fn contains(path: &Path, needle: &str) -> bool {
    let bytes = fs::read(path).expect("read");
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_recovery_key_reads_back_however_it_is_typed() {
    let key = RecoveryKey::generate().expect("random");
    let text = key.to_text();
    assert_eq!(text.len(), 8 * 4 + 7, "{text}");
    assert!(text.chars().all(|c| c == '-' || BASE32.contains(&(c as u8))), "{text}");
    assert_eq!(RecoveryKey::parse(&text).expect("parses"), key);
    let loose = text.to_lowercase().replace('-', " ");
    assert_eq!(RecoveryKey::parse(&loose).expect("lower case, spaces"), key);
    let wide: String = text
        .chars()
        .map(|c| if c == '-' { '－' } else { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) })
        .collect();
    assert_eq!(RecoveryKey::parse(&wide).expect("全角"), key);
    let misread = text.replace('O', "0").replace('I', "1").replace('B', "8");
    assert_eq!(RecoveryKey::parse(&misread).expect("0, 1, 8 for O, I, B"), key);
    for bad in ["", "ABCD", &text[..text.len() - 1], &format!("{text}A"), &format!("9{}", &text[1..])] {
        if bad == text {
            continue;
        }
        let err = RecoveryKey::parse(bad).expect_err(bad);
        assert_eq!(code(&err), "recovery_key_format", "{bad}");
    }
    assert_ne!(RecoveryKey::generate().expect("random"), key);
}

#[test]
fn switching_on_encrypts_the_file_and_every_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, recovery) = encrypted_folder(dir.path());
    assert_eq!(units(&store), ["督查室", "王玥𠮷工作组"]);
    let db = store.database_path();
    assert!(is_encrypted(&db).expect("header"));
    assert!(!contains(&db, "督查室"), "no plain text in the data file");
    assert_eq!(status(dir.path()).expect("status"), EncryptionStatus { enabled: true, has_password: true });
    let backups = backup::list(dir.path()).expect("list");
    assert!(backups.iter().any(|b| b.reason == BackupReason::BeforeEncryption));
    for b in &backups {
        let path = Path::new(&b.path);
        assert!(is_encrypted(path).expect("header"), "{}", b.file);
        assert!(!contains(path, "督查室"), "{}", b.file);
        assert_eq!(inspect_sha(path), b.sha256, "the record follows the new file");
        backup::verify(path, Some(&recovery.data_key())).expect("opens with the key");
    }
    // The trail goes on in the encrypted file and records the switch.
    let report = crate::audit::verify(store.conn()).expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    drop(store);
    let locked = Store::open(dir.path()).err().expect("locked");
    assert_eq!(code(&locked), "database_locked");
    let store = Store::unlock(dir.path(), &Secret::Password(PASSWORD.into())).expect("password");
    assert_eq!(units(&store), ["督查室", "王玥𠮷工作组"]);
    drop(store);
    let store = Store::unlock(dir.path(), &Secret::RecoveryKey(recovery.to_text())).expect("recovery key");
    assert_eq!(units(&store).len(), 2);
}

fn inspect_sha(path: &Path) -> String {
    hex(&Sha256::digest(fs::read(path).expect("read")))
}

#[test]
fn a_wrong_secret_is_told_apart_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _recovery) = encrypted_folder(dir.path());
    drop(store);
    let before = fs::read(dir.path().join(crate::paths::DATABASE_FILE)).expect("read");
    let wrong = Store::unlock(dir.path(), &Secret::Password("不是这个密码".into())).err().expect("refused");
    assert_eq!(code(&wrong), "wrong_password");
    assert_eq!(wrong.field().as_deref(), Some("password"));
    let other = RecoveryKey::generate().expect("random").to_text();
    let wrong = Store::unlock(dir.path(), &Secret::RecoveryKey(other)).err().expect("refused");
    assert_eq!(code(&wrong), "wrong_recovery_key");
    assert_eq!(fs::read(dir.path().join(crate::paths::DATABASE_FILE)).expect("read"), before);
}

#[test]
fn the_recovery_key_opens_the_file_without_the_password_file_and_sets_a_new_password() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, recovery) = encrypted_folder(dir.path());
    drop(store);
    fs::remove_file(key_file(dir.path())).expect("password file lost");
    let err = Store::unlock(dir.path(), &Secret::Password(PASSWORD.into())).err().expect("no password file");
    assert_eq!(code(&err), "no_password_file");
    let proof = Secret::RecoveryKey(recovery.to_text());
    let mut store = Store::unlock(dir.path(), &proof).expect("recovery key");
    let short = change_password(&mut store, &proof, "短").expect_err("too short");
    assert_eq!(code(&short), "password_rule");
    change_password(&mut store, &proof, "新的密码很长很长").expect("new password");
    drop(store);
    Store::unlock(dir.path(), &Secret::Password("新的密码很长很长".into()))
        .expect("the new password opens it");
    assert_eq!(
        code(&Store::unlock(dir.path(), &Secret::Password(PASSWORD.into())).err().expect("old one")),
        "wrong_password"
    );
}

#[test]
fn changing_the_password_needs_the_current_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, _recovery) = encrypted_folder(dir.path());
    let err = change_password(&mut store, &Secret::Password("猜一个密码试试".into()), "另一个新密码123")
        .expect_err("wrong proof");
    assert_eq!(code(&err), "wrong_password");
    change_password(&mut store, &Secret::Password(PASSWORD.into()), "另一个新密码123").expect("changed");
    drop(store);
    Store::unlock(dir.path(), &Secret::Password("另一个新密码123".into())).expect("opens");
}

#[test]
fn switching_off_writes_everything_plain_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, recovery) = encrypted_folder(dir.path());
    let err = disable(&mut store, &Secret::Password("错误的密码错误的".into())).expect_err("wrong");
    assert_eq!(code(&err), "wrong_password");
    disable(&mut store, &Secret::RecoveryKey(recovery.to_text())).expect("disabled");
    assert!(!is_encrypted(&store.database_path()).expect("header"));
    assert!(!key_file(dir.path()).exists());
    for b in backup::list(dir.path()).expect("list") {
        assert!(!is_encrypted(Path::new(&b.path)).expect("header"), "{}", b.file);
        backup::verify(Path::new(&b.path), None).expect("plain backup");
    }
    let report = crate::audit::verify(store.conn()).expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    drop(store);
    assert_eq!(units(&Store::open(dir.path()).expect("plain")).len(), 2);
}

#[test]
fn backups_and_restores_of_an_encrypted_folder_stay_encrypted() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A plain file from elsewhere, to be restored into the encrypted folder.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let plain = {
        let mut other = Store::open(elsewhere.path()).expect("opens");
        add_unit(other.conn_mut(), &unit("陈堃办公室"));
        backup::create(other.conn(), BackupReason::Manual).expect("plain backup")
    };
    let (mut store, recovery) = encrypted_folder(dir.path());
    let made = backup::create(store.conn(), BackupReason::Manual).expect("backup");
    assert!(is_encrypted(Path::new(&made.path)).expect("header"));
    backup::verify(Path::new(&made.path), Some(&recovery.data_key())).expect("opens with the key");
    let err = backup::verify(Path::new(&made.path), None).expect_err("not without it");
    assert_eq!(code(&err), "backup_encrypted");
    let report = backup::restore(&mut store, Path::new(&plain.path)).expect("restored");
    assert_eq!(report.schema_version, crate::db::SCHEMA_VERSION);
    assert_eq!(units(&store), ["陈堃办公室"]);
    assert!(is_encrypted(&store.database_path()).expect("header"), "the restored file is encrypted");
    assert!(!contains(&store.database_path(), "陈堃"));
    backup::restore(&mut store, Path::new(&made.path)).expect("an encrypted backup of this folder");
    assert_eq!(units(&store).len(), 2);
    // The start check and the day's backup run on connections of their own, with the key.
    let key = store.key().cloned();
    backup::quick_check_file(&store.database_path(), key.as_ref()).expect("intact");
    let err = backup::quick_check_file(&store.database_path(), None).expect_err("needs the key");
    assert_eq!(code(&err), "database_locked");
}

#[test]
fn an_encrypted_backup_is_refused_by_a_plain_folder_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = encrypted_folder(dir.path());
    let made = backup::create(store.conn(), BackupReason::Manual).expect("backup");
    let plain_dir = tempfile::tempdir().expect("temp dir");
    let mut plain = Store::open(plain_dir.path()).expect("opens");
    add_unit(plain.conn_mut(), &unit("张镕小组"));
    let err = backup::restore(&mut plain, Path::new(&made.path)).expect_err("refused");
    assert_eq!(code(&err), "backup_encrypted");
    assert!(err.is_bad_input());
    assert_eq!(units(&plain), ["张镕小组"]);
}

#[test]
fn switching_on_twice_or_off_when_plain_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("opens");
    let err = disable(&mut store, &Secret::Password(PASSWORD.into())).expect_err("plain");
    assert_eq!(code(&err), "encryption_off");
    let short =
        enable(&mut store, "1234567", &RecoveryKey::generate().expect("random")).expect_err("7 chars");
    assert_eq!(code(&short), "password_rule");
    assert!(!is_encrypted(&store.database_path()).expect("header"), "nothing changed");
    assert!(!key_file(dir.path()).exists());
    enable(&mut store, PASSWORD, &RecoveryKey::generate().expect("random")).expect("on");
    let again = enable(&mut store, PASSWORD, &RecoveryKey::generate().expect("random")).expect_err("twice");
    assert_eq!(code(&again), "encryption_on");
}

#[test]
fn a_plain_file_opens_whatever_the_password_file_says() {
    // A switch off cut short after the swap: the file is plain, the password file still there.
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, recovery) = encrypted_folder(dir.path());
    disable(&mut store, &Secret::RecoveryKey(recovery.to_text())).expect("off");
    drop(store);
    write_key_file(dir.path(), &recovery.data_key(), PASSWORD).expect("stale password file");
    assert_eq!(units(&Store::open(dir.path()).expect("plain file opens")).len(), 2);
}

#[test]
fn a_backup_left_plain_by_a_switch_cut_short_is_encrypted_at_the_next_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("opens");
    add_unit(store.conn_mut(), &unit("督查室"));
    let made = backup::create(store.conn(), BackupReason::Manual).expect("backup");
    let (plain_file, plain_record) = (
        fs::read(&made.path).expect("read"),
        fs::read(Path::new(&made.path).with_extension("json")).expect("read"),
    );
    enable(&mut store, PASSWORD, &RecoveryKey::generate().expect("random")).expect("on");
    drop(store);
    // As if the switch had stopped before this backup's turn.
    fs::write(&made.path, &plain_file).expect("plain again");
    fs::write(Path::new(&made.path).with_extension("json"), &plain_record).expect("its record");
    assert!(!is_encrypted(Path::new(&made.path)).expect("header"));
    let store = Store::unlock(dir.path(), &Secret::Password(PASSWORD.into())).expect("opens");
    assert!(is_encrypted(Path::new(&made.path)).expect("header"), "encrypted at the open");
    let listed = backup::list(dir.path()).expect("list");
    let record = listed.iter().find(|b| b.file == made.file).expect("listed");
    assert_eq!(inspect_sha(Path::new(&made.path)), record.sha256);
    backup::verify(Path::new(&made.path), store.key()).expect("opens with the key");
}

#[test]
fn the_switch_is_in_the_trail_of_the_file_it_produced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, recovery) = encrypted_folder(dir.path());
    let actions = |store: &Store| -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare("SELECT action FROM audit_log WHERE object_kind = 'data_file' ORDER BY seq")
            .expect("prepare");
        stmt.query_map([], |r| r.get(0)).expect("query").collect::<rusqlite::Result<_>>().expect("rows")
    };
    assert_eq!(actions(&store), ["encryption_on"]);
    disable(&mut store, &Secret::RecoveryKey(recovery.to_text())).expect("off");
    assert_eq!(actions(&store), ["encryption_on", "encryption_off"]);
    assert!(crate::audit::verify(store.conn()).expect("verify").problems.is_empty());
}

#[test]
fn a_damaged_encrypted_file_is_called_damaged_and_restored_with_its_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, recovery) = encrypted_folder(dir.path());
    let made = backup::create(store.conn(), BackupReason::Manual).expect("backup");
    let db = store.database_path();
    drop(store);
    let mut bytes = fs::read(&db).expect("read");
    // Page 1 after its salt: SQLCipher's check of the page fails.
    bytes[100..900].fill(0x5A);
    fs::write(&db, &bytes).expect("damage");
    let err = Store::unlock(dir.path(), &Secret::Password(PASSWORD.into())).err().expect("refused");
    assert_eq!(code(&err), "database_damaged", "{err}");
    let (store, _) =
        backup::restore_without_store(dir.path(), Path::new(&made.path), Some(recovery.data_key()))
            .expect("restored with the key");
    assert_eq!(units(&store).len(), 2);
    assert!(is_encrypted(&store.database_path()).expect("header"));
}

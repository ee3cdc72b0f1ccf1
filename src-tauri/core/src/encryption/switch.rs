//! Switching encryption on and off, and changing the password. The data file is re-encrypted into
//! a checked copy beside it and swapped in like a restore (`backup::restore`'s staging), and each
//! backup in `backups/` is re-encrypted the same way, so no plain copy of the data stays behind
//! (and none is left that only the old key opens): after the data file when switching on, before
//! it when switching off. So a switch cut short leaves plain backups only beside an encrypted data
//! file, and [`finish_switch`] encrypts them at the next open. The password file is written before
//! the swap when switching on and removed last when switching off: a crash at any point leaves
//! files that open, since every open looks at each file's own header.

use std::fs;
use std::path::Path;

use super::{key_file, unlock, write_key_file, DataKey, EncryptionError, RecoveryKey, Secret};
use crate::audit::{self, AuditAction, AuditObject};
use crate::backup::{self, BackupReason, Staged};
use crate::{Result, Store};

/// 启用加密: the data file and its backups encrypted with the key of `recovery` (which the person
/// has printed), opened from now on with `password`.
pub fn enable(store: &mut Store, password: &str, recovery: &RecoveryKey) -> Result<()> {
    if store.key().is_some() {
        return Err(EncryptionError::AlreadyOn.into());
    }
    super::check_password_rules(password)?;
    let key = recovery.data_key();
    backup::before_change(store.conn(), BackupReason::BeforeEncryption)?;
    write_key_file(store.data_dir(), &key, password)?;
    swap(store, Some(key.clone()), AuditAction::EncryptionOn)?;
    rekey_backups(store.data_dir(), None, Some(&key))
}

/// 取消加密: the backups and then the data file written plain again; `proof` (the password or the
/// recovery key) confirms it. The backups go first: cut short, the data file is still encrypted
/// and [`finish_switch`] encrypts again the backups already written plain.
pub fn disable(store: &mut Store, proof: &Secret) -> Result<()> {
    let Some(current) = store.key().cloned() else {
        return Err(EncryptionError::NotOn.into());
    };
    confirm(store, proof, &current)?;
    backup::before_change(store.conn(), BackupReason::BeforeEncryption)?;
    rekey_backups(store.data_dir(), Some(&current), None)?;
    swap(store, None, AuditAction::EncryptionOff)?;
    match fs::remove_file(key_file(store.data_dir())) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Brings the backups in line with an encrypted data file after a switch was cut short (killed,
/// or the power went): any backup still plain is encrypted with `key`. Run whenever an encrypted
/// folder is opened; with nothing to do it only reads the backups' first bytes.
pub fn finish_switch(data_dir: &Path, key: &DataKey) -> Result<()> {
    rekey_backups(data_dir, None, Some(key))
}

/// 修改密码: the data key wrapped by a new password. `proof` is the current password, or the
/// recovery key when the password is forgotten.
pub fn change_password(store: &mut Store, proof: &Secret, new_password: &str) -> Result<()> {
    let Some(current) = store.key().cloned() else {
        return Err(EncryptionError::NotOn.into());
    };
    super::check_password_rules(new_password)?;
    confirm(store, proof, &current)?;
    write_key_file(store.data_dir(), &current, new_password)?;
    let detail = serde_json::json!({ "file": super::KEY_FILE });
    audit::note(
        store.conn(),
        AuditAction::PasswordChanged,
        AuditObject::DataFile,
        crate::paths::DATABASE_FILE,
        &detail,
    )
}

/// That `proof` opens this data folder (the same key as the open file).
fn confirm(store: &Store, proof: &Secret, current: &DataKey) -> Result<()> {
    let given =
        match unlock(store.data_dir(), proof) {
            Err(crate::Error::Encryption(
                EncryptionError::NoPasswordFile | EncryptionError::KeyFileDamaged,
            )) if matches!(proof, Secret::Password(_)) => return Err(EncryptionError::WrongPassword.into()),
            other => other?,
        };
    if &given != current {
        return Err(match proof {
            Secret::Password(_) => EncryptionError::WrongPassword,
            Secret::RecoveryKey(_) => EncryptionError::WrongRecoveryKey,
        }
        .into());
    }
    Ok(())
}

/// The data file re-encrypted with `key` (or plain) into a checked copy, the switch's record
/// written into that copy's trail (so the file swapped in already says what happened to it), then
/// swapped in and reopened.
fn swap(store: &mut Store, key: Option<DataKey>, action: AuditAction) -> Result<()> {
    let staged = Staged::export_of(store, key.as_ref())?;
    let swapped = note_in(&staged.temp, key.as_ref(), action)
        .and_then(|()| store.reopen_around(key, |db| staged.swap_into(db)));
    if swapped.is_err() {
        staged.discard();
    }
    swapped
}

/// The switch's record, appended to the trail of the file at `path` in a transaction of its own.
fn note_in(path: &Path, key: Option<&DataKey>, action: AuditAction) -> Result<()> {
    let mut conn = rusqlite::Connection::open(path)?;
    super::apply_key(&conn, path, key)?;
    crate::db::configure(&conn)?;
    let tx = crate::db::begin_write(&mut conn)?;
    let detail = serde_json::json!({ "encrypted": key.is_some() });
    audit::note(&tx, action, AuditObject::DataFile, crate::paths::DATABASE_FILE, &detail)?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Each checked backup in `backups/` written again encrypted with `to` (or plain), checked, and
/// renamed over the old one; its record gets the new size and SHA-256. `from` is the key the
/// encrypted ones are in. A backup already in the wanted state is left alone (a switch interrupted
/// half way picks up where it stopped). Damaged files kept aside are left as they were found.
fn rekey_backups(data_dir: &Path, from: Option<&DataKey>, to: Option<&DataKey>) -> Result<()> {
    for info in backup::list(data_dir)?.into_iter().filter(|b| b.checked) {
        let path = Path::new(&info.path);
        if super::is_encrypted(path)? == to.is_some() {
            continue;
        }
        // Read-write: a file attached to a read-only connection is read-only too.
        let conn = rusqlite::Connection::open(path)?;
        super::apply_key(&conn, path, from)?;
        let temp = path.with_file_name(format!(".{}.rekey.tmp", info.file));
        let exported = backup::export(&conn, &temp, to);
        drop(conn);
        if let Err(e) = exported.and_then(|_| backup::replace_file(&info, &temp)) {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
    }
    Ok(())
}

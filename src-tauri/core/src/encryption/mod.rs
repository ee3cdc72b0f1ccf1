//! 数据加密 (encryption at rest): the data file and its backups encrypted by SQLCipher, off by
//! default, switched on in 设置 → 数据与备份 with a password and a recovery key. See
//! `docs/security.md` (静态加密).
//!
//! **Keys.** The file is encrypted with a random 256-bit *data key* given to SQLCipher as a raw key
//! (no passphrase derivation at every open). The data key is derived from the *recovery key*: 20
//! random bytes shown as 32 letters and digits in 8 groups, printed on paper when encryption is
//! switched on. So the recovery key alone opens the file and every backup, even when everything
//! beside the file is lost. The *password* opens it day to day: `luoshi.key.json` beside the data
//! file holds the data key XOR-ed with a PBKDF2-HMAC-SHA256 derivation of the password (a fresh salt
//! at every password change, so each derived key masks one value once) and a short check value, so
//! a wrong password is told apart from a damaged file. Changing the password rewrites only that
//! file; the data key (and the printed recovery key) stay.
//!
//! **Which files are encrypted.** A plain SQLite file starts with `SQLite format 3`; an encrypted
//! one starts with its random salt. Every open looks at the header: a plain file is opened without
//! a key whatever else is around it, so a switch interrupted half way never locks anyone out.

mod error;
mod sheet;
mod switch;

#[cfg(test)]
mod tests;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use pbkdf2::pbkdf2_hmac;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

pub use error::EncryptionError;
pub use sheet::recovery_sheet;
pub use switch::{change_password, disable, enable, finish_switch};

use crate::text::hex;
use crate::{files, paths, Result};

/// The file beside the data file that holds the password-wrapped data key.
pub const KEY_FILE: &str = "luoshi.key.json";
/// The environment variables the CLI reads a password or recovery key from.
pub const PASSWORD_ENV: &str = "LUOSHI_PASSWORD";
pub const RECOVERY_KEY_ENV: &str = "LUOSHI_RECOVERY_KEY";

/// Shortest and longest password (in characters).
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;
/// PBKDF2 rounds for a password (OWASP's figure for PBKDF2-HMAC-SHA256).
pub const PBKDF2_ROUNDS: u32 = 600_000;
/// The core's own unit tests wrap keys with fewer rounds (the file records its rounds, so any
/// count reads back); everything built for people, the CLI in the integration tests included,
/// uses [`PBKDF2_ROUNDS`].
const ROUNDS_WRITTEN: u32 = if cfg!(test) { 1_000 } else { PBKDF2_ROUNDS };
const RECOVERY_BYTES: usize = 20;
/// RFC 4648 base32: no digits 0, 1, 8 or 9, so a 0, 1 or 8 typed for O, I or B is read as meant.
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The key SQLCipher encrypts the file with. Never stored or shown as it is.
#[derive(Clone, PartialEq, Eq)]
pub struct DataKey([u8; 32]);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl DataKey {
    /// SQLCipher's raw-key literal, `x'…'`, for `PRAGMA key` and `ATTACH … KEY`.
    fn literal(&self) -> String {
        format!("x'{}'", hex(&self.0))
    }

    /// A short value that tells whether a derived key is this one, without revealing it.
    fn check_value(&self) -> String {
        let digest = Sha256::new().chain_update(b"luoshi-key-check-v1").chain_update(self.0).finalize();
        hex(&digest[..8])
    }
}

/// The printed recovery key: 20 random bytes, written as 8 groups of 4 base32 characters.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryKey([u8; RECOVERY_BYTES]);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

impl RecoveryKey {
    /// A new random recovery key.
    pub fn generate() -> Result<RecoveryKey> {
        let mut bytes = [0u8; RECOVERY_BYTES];
        random(&mut bytes)?;
        Ok(RecoveryKey(bytes))
    }

    /// Reads a typed recovery key: case, spaces, dashes and 全角 forms do not matter, nor 0, 1 and 8
    /// typed for O, I and B.
    pub fn parse(text: &str) -> Result<RecoveryKey> {
        let wrong = || EncryptionError::RecoveryKeyFormat;
        let mut bits: u64 = 0;
        let mut held = 0u32;
        let mut bytes = Vec::with_capacity(RECOVERY_BYTES);
        let mut count = 0;
        for c in crate::text::comparison_key(text).chars() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let up = match c.to_ascii_uppercase() {
                '0' => 'O',
                '1' => 'I',
                '8' => 'B',
                other => other,
            } as u32;
            let value = BASE32.iter().position(|&b| u32::from(b) == up).ok_or_else(wrong)?;
            count += 1;
            bits = (bits << 5) | value as u64;
            held += 5;
            if held >= 8 {
                held -= 8;
                bytes.push((bits >> held) as u8);
                bits &= (1 << held) - 1;
            }
        }
        if count != RECOVERY_BYTES * 8 / 5 || bytes.len() != RECOVERY_BYTES {
            return Err(wrong().into());
        }
        let mut out = [0u8; RECOVERY_BYTES];
        out.copy_from_slice(&bytes);
        Ok(RecoveryKey(out))
    }

    /// `ABCD-EFGH-…`: what is printed and shown.
    pub fn to_text(&self) -> String {
        let mut chars = String::new();
        let (mut bits, mut held) = (0u64, 0u32);
        for &b in &self.0 {
            bits = (bits << 8) | u64::from(b);
            held += 8;
            while held >= 5 {
                held -= 5;
                chars.push(BASE32[((bits >> held) & 31) as usize] as char);
            }
            bits &= (1 << held) - 1;
        }
        let groups: Vec<&str> = (0..chars.len()).step_by(4).map(|i| &chars[i..i + 4]).collect();
        groups.join("-")
    }

    /// The data key it stands for.
    pub fn data_key(&self) -> DataKey {
        let digest = Sha256::new().chain_update(b"luoshi-data-key-v1").chain_update(self.0).finalize();
        DataKey(digest.into())
    }
}

/// What a person gives to open an encrypted data folder.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum Secret {
    Password(String),
    RecoveryKey(String),
}

/// `luoshi.key.json`: the data key wrapped by the password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    version: u32,
    kdf: String,
    rounds: u32,
    salt: String,
    wrapped_key: String,
    key_check: String,
}

/// Whether the data folder's file is encrypted, as 设置 shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EncryptionStatus {
    pub enabled: bool,
    /// The password file is there (else only the recovery key opens the file).
    pub has_password: bool,
}

pub fn key_file(data_dir: &Path) -> PathBuf {
    data_dir.join(KEY_FILE)
}

/// Whether the file at `path` is encrypted: it does not start with SQLite's header but looks like
/// SQLCipher's pages (whole pages of at least 1 KB, starting with a random salt). A missing or empty
/// file is not (it is made plain, or refused by the backup guard); nor is a text file or one whose
/// header was zeroed (that is damage).
pub fn is_encrypted(path: &Path) -> Result<bool> {
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    let len = f.metadata()?.len();
    if len < 1024 || !len.is_multiple_of(512) {
        return Ok(false);
    }
    let mut head = [0u8; 16];
    f.read_exact(&mut head)?;
    Ok(&head != crate::backup::SQLITE_HEADER && head.iter().any(|&b| b != head[0]))
}

/// Whether a data folder's file is encrypted, and whether a password file is beside it.
pub fn status(data_dir: &Path) -> Result<EncryptionStatus> {
    Ok(EncryptionStatus {
        enabled: is_encrypted(&data_dir.join(paths::DATABASE_FILE))?,
        has_password: key_file(data_dir).is_file(),
    })
}

/// Gives SQLCipher the key of the file `conn` opened, if that file is encrypted. Must come before
/// anything reads the file. Then reads the schema once, so a wrong key fails here, not later.
pub fn apply_key(conn: &Connection, path: &Path, key: Option<&DataKey>) -> Result<()> {
    if !is_encrypted(path)? {
        return Ok(());
    }
    let key = key.ok_or(EncryptionError::Locked)?;
    conn.pragma_update(None, "key", key.literal())?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|_| EncryptionError::KeyRefused { file: path.display().to_string() })?;
    Ok(())
}

/// `ATTACH`es `path` as `alias`, encrypted with `key` or plain (`None`).
pub(crate) fn attach(conn: &Connection, path: &Path, alias: &str, key: Option<&DataKey>) -> Result<()> {
    let literal = key.map(DataKey::literal).unwrap_or_default();
    conn.execute(&format!("ATTACH DATABASE ?1 AS {alias} KEY ?2"), [path_text(path)?, literal.as_str()])?;
    Ok(())
}

/// `ATTACH`es `path` as `alias` with the key of the file `conn` has open (none for a plain one):
/// SQLCipher's rule for an `ATTACH` without `KEY`.
pub(crate) fn attach_same_key(conn: &Connection, path: &Path, alias: &str) -> Result<()> {
    conn.execute(&format!("ATTACH DATABASE ?1 AS {alias}"), [path_text(path)?])?;
    Ok(())
}

fn path_text(path: &Path) -> Result<&str> {
    path.to_str()
        .ok_or_else(|| crate::Error::invalid("file", format!("路径“{}”含有无法识别的字符", path.display())))
}

/// The data key a secret stands for in this data folder: a password is checked against the
/// password file, a recovery key against it when it is there (a wrong key is refused here, not
/// found out by SQLCipher as "not a database").
pub fn unlock(data_dir: &Path, secret: &Secret) -> Result<DataKey> {
    match secret {
        Secret::Password(password) => {
            let file = read_key_file(data_dir)?.ok_or(EncryptionError::NoPasswordFile)?;
            file.unwrap(password)
        }
        Secret::RecoveryKey(text) => {
            let key = RecoveryKey::parse(text)?.data_key();
            match read_key_file(data_dir)? {
                Some(file) if file.key_check != key.check_value() => {
                    Err(EncryptionError::WrongRecoveryKey.into())
                }
                _ => Ok(key),
            }
        }
    }
}

/// The rules a new password must meet.
pub fn check_password_rules(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if !(PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&chars) {
        return Err(EncryptionError::PasswordRule { chars }.into());
    }
    if password.chars().any(char::is_control) {
        return Err(crate::Error::invalid("password", "密码不能含有控制字符"));
    }
    Ok(())
}

impl KeyFile {
    fn wrap(key: &DataKey, password: &str) -> Result<KeyFile> {
        let mut salt = [0u8; 16];
        random(&mut salt)?;
        let mask = derive(password, &salt, ROUNDS_WRITTEN);
        Ok(KeyFile {
            version: 1,
            kdf: "pbkdf2-hmac-sha256".into(),
            rounds: ROUNDS_WRITTEN,
            salt: hex(&salt),
            wrapped_key: hex(&xor(&key.0, &mask)),
            key_check: key.check_value(),
        })
    }

    fn unwrap(&self, password: &str) -> Result<DataKey> {
        let salt = unhex(&self.salt).ok_or(EncryptionError::KeyFileDamaged)?;
        let wrapped: [u8; 32] = unhex(&self.wrapped_key)
            .and_then(|w| w.try_into().ok())
            .ok_or(EncryptionError::KeyFileDamaged)?;
        let key = DataKey(xor(&wrapped, &derive(password, &salt, self.rounds)));
        if key.check_value() != self.key_check {
            return Err(EncryptionError::WrongPassword.into());
        }
        Ok(key)
    }
}

fn read_key_file(data_dir: &Path) -> Result<Option<KeyFile>> {
    let path = key_file(data_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let file: KeyFile = serde_json::from_str(&text).map_err(|_| EncryptionError::KeyFileDamaged)?;
    if file.version != 1 || file.kdf != "pbkdf2-hmac-sha256" || !(1..=10_000_000).contains(&file.rounds) {
        return Err(EncryptionError::KeyFileDamaged.into());
    }
    Ok(Some(file))
}

/// Writes the password file (atomically: a crash leaves the old one or the new one).
fn write_key_file(data_dir: &Path, key: &DataKey, password: &str) -> Result<()> {
    let file = KeyFile::wrap(key, password)?;
    let text = serde_json::to_string_pretty(&file).map_err(|e| crate::Error::Io(std::io::Error::other(e)))?;
    files::write_atomically(&key_file(data_dir), text.as_bytes())
}

fn derive(password: &str, salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, rounds, &mut out);
    out
}

fn xor(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    std::array::from_fn(|i| a[i] ^ b[i])
}

fn random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf)
        .map_err(|e| crate::Error::Io(std::io::Error::other(format!("系统随机数不可用：{e}"))))
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

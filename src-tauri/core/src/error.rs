//! The one error type of the core. Every variant has a stable code (for scripts and the UI) and a
//! Chinese message for people; bad input also names the field it concerns.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; `field` names the form field (or the JSON path) at fault.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// A value that must be unique is already taken.
    #[error("{message}")]
    Duplicate { field: String, message: String },
    #[error("{0}")]
    NotFound(String),
    /// A record something else refers to: it can be deactivated, never deleted.
    #[error("{0}")]
    InUse(String),
    /// A transition or action that the record's current state does not allow.
    #[error("{0}")]
    NotAllowed(String),
    #[error("数据文件的结构版本为 {found}，比本程序支持的版本 {supported} 新。请安装新版落实后再打开；本程序没有改动该文件。")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("{}", database_message(.0))]
    Database(#[from] rusqlite::Error),
    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
    /// Something wrong with or in a file the user named: its role (日历文件 …) and path lead the
    /// message; code, field and exit follow `inner`.
    #[error("{role}“{path}”：{inner}")]
    InFile { role: &'static str, path: String, inner: Box<Error> },
    #[error(transparent)]
    Print(#[from] crate::print::PrintError),
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    #[error(transparent)]
    Check(#[from] crate::check::CheckError),
    /// Backups, restores, and the data file being damaged or missing (`backup/error.rs`).
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),
    /// An encrypted data folder: locked, a wrong password, a switch refused (`encryption/error.rs`).
    #[error(transparent)]
    Encryption(#[from] crate::encryption::EncryptionError),
    /// `audit verify` found the trail broken; `seq` is the first broken record, when there is one.
    #[error("审计日志校验未通过：{message}")]
    AuditBroken { seq: Option<i64>, message: String },
}

/// What the UI and the CLI receive: `{code, message, field}`. The shape is pinned by a test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid { field: field.into(), message: message.into() }
    }

    pub fn duplicate(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Duplicate { field: field.into(), message: message.into() }
    }

    pub fn in_file(role: &'static str, path: &std::path::Path, inner: Error) -> Self {
        Error::InFile { role, path: path.display().to_string(), inner: Box::new(inner) }
    }

    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::Duplicate { .. } => "duplicate",
            Error::NotFound(_) => "not_found",
            Error::InUse(_) => "in_use",
            Error::NotAllowed(_) => "not_allowed",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::Database(_) => "database",
            Error::Io(_) => "io",
            Error::Print(e) => e.code(),
            Error::Calendar(e) => e.code(),
            Error::Check(e) => e.code(),
            Error::Backup(e) => e.code(),
            Error::Encryption(e) => e.code(),
            Error::InFile { inner, .. } => inner.code(),
            Error::AuditBroken { .. } => "audit_broken",
        }
    }

    /// The field at fault, for messages shown beside a form field.
    pub fn field(&self) -> Option<String> {
        match self {
            Error::Invalid { field, .. } | Error::Duplicate { field, .. } => Some(field.clone()),
            Error::Print(e) => e.field(),
            Error::Calendar(e) => e.field(),
            Error::Check(e) => e.field(),
            Error::Backup(e) => e.field(),
            Error::Encryption(e) => e.field(),
            Error::InFile { inner, .. } => inner.field().filter(|f| !f.is_empty()).or(Some("file".into())),
            _ => None,
        }
    }

    /// Whether the user (or the script) gave something wrong, as opposed to the machine failing.
    /// The CLI exits 2 for these and 1 for the rest.
    pub fn is_bad_input(&self) -> bool {
        match self {
            Error::Invalid { .. }
            | Error::Duplicate { .. }
            | Error::NotFound(_)
            | Error::InUse(_)
            | Error::NotAllowed(_) => true,
            Error::Print(e) => e.is_bad_input(),
            Error::Calendar(e) => e.is_bad_input(),
            Error::Check(e) => e.is_bad_input(),
            Error::Backup(e) => e.is_bad_input(),
            Error::Encryption(e) => e.is_bad_input(),
            Error::InFile { inner, .. } => inner.is_bad_input(),
            Error::SchemaTooNew { .. } | Error::Database(_) | Error::Io(_) | Error::AuditBroken { .. } => {
                false
            }
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody { code: self.code().to_string(), message: self.to_string(), field: self.field() }
    }
}

/// SQLite's English, said in Chinese for the cases people meet (a file that is not ours, a damaged
/// one, a full disk, a busy file); the rest keep SQLite's words after a Chinese lead.
fn database_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let said = match e.sqlite_error_code() {
        Some(C::NotADatabase) => "这不是落实的数据文件（或已被加密、损坏），本程序没有改动它",
        Some(C::DatabaseCorrupt) => "数据文件已损坏，请在“数据与备份”中从备份恢复",
        Some(C::DiskFull) => "磁盘已满，未能写入，请腾出空间后再试",
        Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => "数据文件正被另一个程序占用，请稍后再试",
        Some(C::ReadOnly) => "数据文件是只读的，无法写入",
        Some(C::CannotOpen) => "无法打开数据文件，请检查路径和权限",
        Some(C::PermissionDenied) => "没有访问数据文件的权限",
        Some(C::SystemIoFailure) => "读写数据文件时磁盘出错",
        _ => return format!("数据库出错：{e}"),
    };
    said.to_string()
}

/// Windows' sharing and lock violations (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION): another
/// program holds the file open, as Excel, Word and WPS do with what they show.
pub(crate) fn held_open(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32) | Some(33))
}

/// The OS's English, said in Chinese for the common kinds.
fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if held_open(e) {
        return "读写文件出错：文件正被另一个程序（WPS、Word 或 Excel 等）打开，请关闭它后再试".to_string();
    }
    let said = match e.kind() {
        K::NotFound => "找不到文件或文件夹",
        K::PermissionDenied => "没有读写该文件的权限",
        K::AlreadyExists => "文件已存在",
        K::InvalidData => "内容不是 UTF-8 编码的文本",
        K::StorageFull => "磁盘已满",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::ReadOnlyFilesystem => "所在的磁盘是只读的",
        _ => return format!("读写文件出错：{e}"),
    };
    format!("读写文件出错：{said}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_json_shape_is_stable() {
        let body = Error::duplicate("name", "已有同名的启用单位：办公室").body();
        assert_eq!(
            serde_json::to_value(&body).expect("serializes"),
            serde_json::json!({"code": "duplicate", "message": "已有同名的启用单位：办公室", "field": "name"})
        );
        let body = Error::NotFound("找不到编号为 7 的单位".into()).body();
        assert_eq!(
            serde_json::to_value(&body).expect("serializes"),
            serde_json::json!({"code": "not_found", "message": "找不到编号为 7 的单位"})
        );
    }

    #[test]
    fn sqlite_and_os_english_is_said_in_chinese() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("not-a-db.sqlite3");
        std::fs::write(&path, vec![b'x'; 4096]).expect("write");
        let conn = rusqlite::Connection::open(&path).expect("opens lazily");
        let err = Error::from(
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
                .expect_err("not a db"),
        );
        assert_eq!(err.to_string(), "这不是落实的数据文件（或已被加密、损坏），本程序没有改动它");
        let err = Error::from(std::fs::read_to_string(dir.path().join("无")).expect_err("missing"));
        assert_eq!(err.to_string(), "读写文件出错：找不到文件或文件夹");
        let inner = Error::invalid("years.2027.of", "日历文件有误");
        let err = Error::in_file("日历文件", &path, inner);
        assert!(err.is_bad_input());
        assert_eq!(err.field().as_deref(), Some("years.2027.of"));
        assert!(err.to_string().starts_with("日历文件“"), "{err}");
    }

    #[test]
    fn schema_too_new_is_not_bad_input_and_says_what_to_do() {
        let e = Error::SchemaTooNew { found: 9, supported: 1 };
        assert!(!e.is_bad_input());
        assert!(e.to_string().contains("请安装新版落实"));
    }
}

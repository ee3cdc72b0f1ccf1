//! What can go wrong with backups, restores and the state of the data file. Kept apart from the
//! generic error mapping of `crate::error`: every message here names the file it is about and says
//! what the user can do next, in Chinese, whatever SQLite said in English.

/// A backup, restore or integrity failure. `Source*` variants are about a file the user chose to
/// restore from (bad input: the CLI exits 2); the others are about the app's own data file.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("文件“{file}”不是 SQLite 数据库（{detail}），不能用于恢复；落实没有改动任何数据。")]
    SourceNotDatabase { file: String, detail: String },
    #[error("文件“{file}”不是落实的数据文件（{detail}），不能用于恢复；落实没有改动任何数据。")]
    SourceNotLuoshi { file: String, detail: String },
    #[error("文件“{file}”已损坏（{detail}），不能用于恢复；落实没有改动任何数据。请换一份备份。")]
    SourceDamaged { file: String, detail: String },
    #[error("文件“{file}”的结构版本为 {found}，比本程序支持的版本 {supported} 新，不能用于恢复；请安装新版落实。落实没有改动任何数据。")]
    SourceTooNew { file: String, found: i64, supported: i64 },
    /// An encrypted file offered to a data folder that has no key for it.
    #[error("文件“{file}”已加密，而本数据文件夹没有加密（或用的是另一把密钥），不能用它恢复；落实没有改动任何数据。")]
    SourceEncrypted { file: String },
    #[error("无法读取文件“{file}”：{detail}")]
    SourceUnreadable { file: String, detail: String },
    /// The app's own data file is damaged: it is not written to again; the window offers a backup.
    #[error("数据文件“{file}”已损坏（{detail}）。为免损坏扩大，落实不再写入该文件。请在“数据与备份”中从最新的完好备份恢复（恢复前会先把损坏的文件另存一份）。")]
    Damaged { file: String, detail: String },
    /// The data file is missing or empty while backups exist: a new empty file is not made silently.
    #[error("数据文件“{file}”{what}，而备份文件夹“{backups}”中有 {count} 份备份。为免用空数据覆盖，落实没有新建数据文件。请从备份恢复（最新一份：{newest}）；如确需从空白开始，请先把备份文件夹移走。")]
    Missing { file: String, what: &'static str, backups: String, count: usize, newest: String },
    /// `db check` found problems; each entry names the check and what it found.
    #[error("数据检查未通过：{}", problems.join("；"))]
    CheckFailed { problems: Vec<String> },
    #[error("备份“{file}”写完后检查未通过（{detail}），已删除这份备份；原数据没有改动。")]
    NotVerified { file: String, detail: String },
    #[error("备份文件夹中没有“{0}”")]
    NoSuchBackup(String),
}

impl BackupError {
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::SourceNotDatabase { .. } => "backup_not_a_database",
            BackupError::SourceNotLuoshi { .. } => "backup_not_luoshi",
            BackupError::SourceDamaged { .. } => "backup_source_damaged",
            BackupError::SourceTooNew { .. } => "backup_too_new",
            BackupError::SourceUnreadable { .. } => "backup_unreadable",
            BackupError::SourceEncrypted { .. } => "backup_encrypted",
            BackupError::Damaged { .. } => "database_damaged",
            BackupError::Missing { .. } => "database_missing",
            BackupError::CheckFailed { .. } => "db_check_failed",
            BackupError::NotVerified { .. } => "backup_not_verified",
            BackupError::NoSuchBackup(_) => "backup_not_found",
        }
    }

    pub fn field(&self) -> Option<String> {
        match self {
            BackupError::SourceNotDatabase { .. }
            | BackupError::SourceNotLuoshi { .. }
            | BackupError::SourceDamaged { .. }
            | BackupError::SourceTooNew { .. }
            | BackupError::SourceUnreadable { .. }
            | BackupError::SourceEncrypted { .. }
            | BackupError::NoSuchBackup(_) => Some("file".into()),
            _ => None,
        }
    }

    /// A file the user chose that is not a good 落实 database is bad input; the app's own file being
    /// damaged or missing is not.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            BackupError::SourceNotDatabase { .. }
                | BackupError::SourceNotLuoshi { .. }
                | BackupError::SourceDamaged { .. }
                | BackupError::SourceTooNew { .. }
                | BackupError::SourceUnreadable { .. }
                | BackupError::SourceEncrypted { .. }
                | BackupError::NoSuchBackup(_)
        )
    }
}

/// SQLite's English for a damaged file, said in Chinese (the raw text follows as technical detail).
pub fn sqlite_damage(e: &rusqlite::Error) -> Option<String> {
    use rusqlite::ErrorCode;
    let code = e.sqlite_error_code()?;
    let what = match code {
        ErrorCode::NotADatabase => "文件头不是 SQLite 数据库，或文件已被改写",
        ErrorCode::DatabaseCorrupt => "数据库的页面已损坏",
        _ => return None,
    };
    Some(format!("{what}；SQLite 报告：{e}"))
}

/// Turns an error met while opening or reading the data file into [`BackupError::Damaged`] when
/// SQLite says the file is damaged; any other error passes through.
pub fn damaged_or(file: &std::path::Path, e: crate::Error) -> crate::Error {
    match &e {
        crate::Error::Database(inner) => match sqlite_damage(inner) {
            Some(detail) => BackupError::Damaged { file: file.display().to_string(), detail }.into(),
            None => e,
        },
        _ => e,
    }
}

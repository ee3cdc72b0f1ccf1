//! Looking at a database file before trusting it: the SQLite header, a read-only open,
//! `PRAGMA integrity_check`, our tables, the schema version, and what it holds.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

use super::BackupError;
use crate::db::SCHEMA_VERSION;
use crate::encryption::{self, DataKey};

/// The first 16 bytes of every plain SQLite 3 file (an encrypted one starts with its salt).
pub const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The tables each schema version has; a file without them is not a 落实 database.
const TABLES_BY_VERSION: &[(i64, &[&str])] = &[
    (1, &["unit", "person", "profile", "setting"]),
    (2, &["calendar_year", "calendar_day"]),
    (3, &["assignment", "assignment_event"]),
    (4, &["summary", "summary_template", "summary_event"]),
];

/// What a good file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub schema_version: i64,
    pub items: i64,
    pub summaries: i64,
}

fn name(path: &Path) -> String {
    path.display().to_string()
}

/// The header and the length: a file shorter than the pages its header declares was cut off. An
/// encrypted file has no readable header; SQLCipher checks each of its pages when it is opened.
pub fn check_header(path: &Path) -> crate::Result<()> {
    let file = name(path);
    if encryption::is_encrypted(path)? {
        return Ok(());
    }
    let unreadable =
        |e: std::io::Error| BackupError::SourceUnreadable { file: file.clone(), detail: io_detail(&e) };
    let mut f = File::open(path).map_err(unreadable)?;
    let len = f.metadata().map_err(unreadable)?.len();
    let mut head = [0u8; 100];
    let got = read_up_to(&mut f, &mut head).map_err(unreadable)?;
    if got < 100 || &head[..16] != SQLITE_HEADER {
        let detail = if len == 0 {
            "文件是空的".to_string()
        } else {
            "文件头不是“SQLite format 3”".to_string()
        };
        return Err(BackupError::SourceNotDatabase { file, detail }.into());
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([head[28], head[29], head[30], head[31]]));
    if page_size >= 512 && pages > 0 && len < page_size * pages {
        return Err(BackupError::SourceDamaged {
            file,
            detail: format!("文件被截断：文件头记载 {} 字节，实际只有 {len} 字节", page_size * pages),
        }
        .into());
    }
    Ok(())
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match f.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// An OS error in Chinese (the OS's own English is not shown to people).
pub fn io_detail(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在".into(),
        PermissionDenied => "没有读取权限".into(),
        IsADirectory => "这是一个文件夹，不是文件".into(),
        _ => format!("系统报告：{e}"),
    }
}

/// Opens a file read-only (it is never changed by looking at it), with `key` if it is encrypted.
pub fn open_read_only(path: &Path, key: Option<&DataKey>) -> crate::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    encryption::apply_key(&conn, path, key)?;
    Ok(conn)
}

/// `PRAGMA integrity_check` (or `quick_check`): `None` when it says ok, else the first few findings.
pub fn integrity_problems(conn: &Connection, pragma: &str) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(20)"))?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        return Ok(None);
    }
    let first: Vec<&str> = lines.iter().take(3).map(String::as_str).collect();
    Ok(Some(format!("完整性检查发现 {} 处问题；SQLite 报告：{}", lines.len(), first.join(" / "))))
}

/// The schema version and our tables, then the counts: a file that passes is a 落实 database this
/// app can open. `file` names it in messages; `schema` is `main` or the name it is attached as.
pub fn contents(conn: &Connection, schema: &str, file: &str) -> crate::Result<Contents> {
    let found: i64 = conn.pragma_query_value(Some(schema), "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(BackupError::SourceTooNew { file: file.into(), found, supported: SCHEMA_VERSION }.into());
    }
    if found < 1 {
        return Err(BackupError::SourceNotLuoshi {
            file: file.into(),
            detail: "没有落实的结构版本号".into(),
        }
        .into());
    }
    for (version, tables) in TABLES_BY_VERSION.iter().filter(|(v, _)| *v <= found) {
        for table in *tables {
            let has: bool = conn.query_row(
                &format!(
                    "SELECT EXISTS (SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?1)"
                ),
                [table],
                |r| r.get(0),
            )?;
            if !has {
                return Err(BackupError::SourceNotLuoshi {
                    file: file.into(),
                    detail: format!("结构版本 {found} 应有的表 {table}（第 {version} 版起）不存在"),
                }
                .into());
            }
        }
    }
    let count = |table: &str, since: i64| -> rusqlite::Result<i64> {
        if found < since {
            return Ok(0);
        }
        conn.query_row(&format!("SELECT count(*) FROM {schema}.{table}"), [], |r| r.get(0))
    };
    Ok(Contents { schema_version: found, items: count("assignment", 3)?, summaries: count("summary", 4)? })
}

/// Every check a file must pass before it is kept as a backup or restored from: the header, a
/// read-only open (with `key` if the file is encrypted), `integrity_check`, our tables and a schema
/// version this app knows.
pub fn verify(path: &Path, key: Option<&DataKey>) -> crate::Result<Contents> {
    check_header(path)?;
    let file = name(path);
    let conn = open_read_only(path, key).map_err(|e| source_error(&file, e))?;
    verify_open(&conn, &file)
}

/// An error met opening a file to look at it, said about that file: damage as damage, an encrypted
/// file without its key as such.
pub fn source_error(file: &str, e: crate::Error) -> crate::Error {
    match e {
        crate::Error::Database(inner) => {
            let detail =
                super::error::sqlite_damage(&inner).unwrap_or_else(|| format!("SQLite 报告：{inner}"));
            BackupError::SourceDamaged { file: file.to_string(), detail }.into()
        }
        crate::Error::Encryption(encryption::EncryptionError::Locked) => {
            BackupError::SourceEncrypted { file: file.to_string() }.into()
        }
        other => other,
    }
}

/// [`verify`] on a file already open: `integrity_check`, then [`contents`]. `file` names it.
pub fn verify_open(conn: &Connection, file: &str) -> crate::Result<Contents> {
    verify_schema(conn, "main", file)
}

/// [`verify_open`] on the database `conn` has open as `schema` (`main`, or an attached file).
pub fn verify_schema(conn: &Connection, schema: &str, file: &str) -> crate::Result<Contents> {
    let damaged = |e: rusqlite::Error| -> crate::Error {
        let detail = super::error::sqlite_damage(&e).unwrap_or_else(|| format!("SQLite 报告：{e}"));
        BackupError::SourceDamaged { file: file.to_string(), detail }.into()
    };
    if let Some(detail) = integrity_problems(conn, &format!("{schema}.integrity_check")).map_err(damaged)? {
        return Err(BackupError::SourceDamaged { file: file.to_string(), detail }.into());
    }
    contents(conn, schema, file).map_err(|e| match e {
        crate::Error::Database(inner) => damaged(inner),
        other => other,
    })
}

/// The SHA-256 of a file, as lowercase hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut f = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match f.read(&mut buf)? {
            0 => break,
            n => hasher.update(&buf[..n]),
        }
    }
    Ok(crate::text::hex(&hasher.finalize()))
}

/// Flushes a file's bytes to disk. Opened for writing: Windows flushes only through a handle that
/// may write (FlushFileBuffers on a read-only one is refused as access denied).
pub fn fsync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Flushes a folder's entries (a rename inside it) to disk. Windows cannot open a folder this way
/// and makes renames durable itself.
pub fn fsync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
    Ok(())
}

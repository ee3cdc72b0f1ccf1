//! Files the user names. Writing (另存为, 导出) is atomic, so a crash or a reader never sees half a
//! file and an old file is replaced only once the new one is complete. Reading (导入, 打印模型) goes
//! through [`InputFile`], which checks the size before reading and says in Chinese, naming the
//! file by its role and path, what is wrong.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Writes to `.NAME.PID.tmp` beside `path`, flushes it to disk, then renames it over `path`.
/// Refused, with nothing written, while WPS, Word, Excel or LibreOffice has `path` open.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(owner) = owner_file(&dir, &name) {
        return Err(open_elsewhere(path, Some(&owner)));
    }
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = OpenOptions::new().write(true).create(true).truncate(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        // Windows refuses to replace a file another program holds open (Excel and Word deny it);
        // the old file is still whole.
        let denied = cfg!(windows) && e.kind() == std::io::ErrorKind::PermissionDenied;
        if path.exists() && (denied || crate::error::held_open(&e)) {
            return Err(open_elsewhere(path, None));
        }
        return Err(Error::Io(e));
    }
    Ok(())
}

/// The owner file an office program keeps beside a document it has open: Excel's and WPS's
/// `~$NAME`, Word's `~$` over the first two characters of a long document's name, LibreOffice's
/// `.~lock.NAME#`. It says the file is open even where the system would let us replace it.
fn owner_file(dir: &Path, name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    let mut owners = vec![format!("~${name}"), format!(".~lock.{name}#")];
    let word = [".doc", ".docx"].iter().any(|ext| name.to_lowercase().ends_with(ext));
    if word && name.chars().count() > 8 {
        owners.push(format!("~${}", name.chars().skip(2).collect::<String>()));
    }
    owners.into_iter().find(|owner| dir.join(owner).is_file())
}

fn open_elsewhere(path: &Path, owner: Option<&str>) -> Error {
    let stale = owner
        .map(|o| format!("；若该文件已经关闭仍这样提示，请删除同一文件夹中的“{o}”（程序异常退出时留下的）"))
        .unwrap_or_default();
    Error::InUse(format!(
        "文件“{}”正被另一个程序（WPS、Word 或 Excel 等）打开，请先关闭它再保存，或换一个文件名{stale}。原文件没有改动。",
        path.display()
    ))
}

/// `path` with `extension` added unless it already ends in it (any case): 工作日历-2026 → 工作日历-2026.json.
pub fn with_extension(path: &Path, extension: &str) -> PathBuf {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension)) {
        path.to_path_buf()
    } else {
        let mut name = path.as_os_str().to_os_string();
        name.push(format!(".{extension}"));
        PathBuf::from(name)
    }
}

/// What a file the user names is for; it leads every message about the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Calendar,
    Template,
    Summary,
    PrintModel,
    Indicators,
    SectionText,
    /// A spreadsheet: a ledger or a 通讯录 to import.
    Ledger,
}

impl FileRole {
    pub fn label(self) -> &'static str {
        match self {
            FileRole::Calendar => "日历文件",
            FileRole::Template => "模板文件",
            FileRole::Summary => "总结文件",
            FileRole::PrintModel => "打印模型文件",
            FileRole::Indicators => "指标表文件",
            FileRole::SectionText => "章节文本文件",
            FileRole::Ledger => "表格文件",
        }
    }

    /// The most a file of this role may hold; a larger one is refused before it is read.
    pub fn max_bytes(self) -> u64 {
        match self {
            // The shipped calendar of three years is 6 KB.
            FileRole::Calendar => 256 * 1024,
            FileRole::Template | FileRole::Indicators => 1024 * 1024,
            // 300,000 characters of Chinese (the print model's limit) take 900 KB.
            FileRole::PrintModel => 2 * 1024 * 1024,
            FileRole::Summary | FileRole::SectionText => 8 * 1024 * 1024,
            // A 100,000-row ledger saved by Excel is about 12 MB; a CSV of it about 30 MB.
            FileRole::Ledger => 64 * 1024 * 1024,
        }
    }
}

/// A file the user named for reading.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub role: FileRole,
    pub path: PathBuf,
}

impl InputFile {
    pub fn new(role: FileRole, path: impl Into<PathBuf>) -> Self {
        InputFile { role, path: path.into() }
    }

    /// An error about this file: its role and path, then `inner`.
    pub fn error(&self, inner: Error) -> Error {
        Error::in_file(self.role.label(), &self.path, inner)
    }

    /// The whole file as UTF-8 text (a leading byte-order mark dropped), refused when it is over
    /// the role's size limit (checked before reading), missing, unreadable or not UTF-8.
    pub fn read_text(&self) -> Result<String> {
        let bytes = self.read_bytes()?;
        self.utf8(bytes)
    }

    /// The whole file, refused when it is over the role's size limit (checked before reading),
    /// missing, a folder or unreadable.
    pub fn read_bytes(&self) -> Result<Vec<u8>> {
        let limit = self.role.max_bytes();
        let meta = fs::metadata(&self.path).map_err(|e| self.io_error(e))?;
        if meta.is_dir() {
            return Err(self.error(Error::invalid("file", "这是一个文件夹，不是文件")));
        }
        if meta.len() > limit {
            return Err(self.error(Error::invalid("file", format!("文件{}", too_large(meta.len(), limit)))));
        }
        self.bytes_from(fs::File::open(&self.path).map_err(|e| self.io_error(e))?)
    }

    /// The text `reader` gives for this file (standard input for the CLI's `-`), held to the same
    /// limit and rules as [`InputFile::read_text`].
    pub fn read_from(&self, reader: impl std::io::Read) -> Result<String> {
        let bytes = self.bytes_from(reader)?;
        self.utf8(bytes)
    }

    /// At most one byte past the limit is read, since a file can grow after its size was checked
    /// and a pipe has no size.
    fn bytes_from(&self, reader: impl std::io::Read) -> Result<Vec<u8>> {
        use std::io::Read;
        let limit = self.role.max_bytes();
        let mut bytes = Vec::new();
        reader.take(limit + 1).read_to_end(&mut bytes).map_err(|e| self.io_error(e))?;
        if bytes.len() as u64 > limit {
            return Err(
                self.error(Error::invalid("file", format!("文件{}", too_large(bytes.len() as u64, limit))))
            );
        }
        Ok(bytes)
    }

    fn utf8(&self, bytes: Vec<u8>) -> Result<String> {
        let text = String::from_utf8(bytes).map_err(|_| {
            self.error(Error::invalid(
                "file",
                "不是 UTF-8 编码的文本，请在 WPS 或记事本中“另存为”UTF-8 编码后再试",
            ))
        })?;
        Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
    }

    fn io_error(&self, e: std::io::Error) -> Error {
        match e.kind() {
            std::io::ErrorKind::NotFound => self.error(Error::NotFound("找不到该文件，请检查路径".into())),
            std::io::ErrorKind::PermissionDenied => {
                self.error(Error::invalid("file", "没有读取该文件的权限"))
            }
            _ => self.error(Error::Io(e)),
        }
    }
}

fn too_large(size: u64, limit: u64) -> String {
    format!("有 {}，超过上限 {}，未读取", shown_size(size), shown_size(limit))
}

/// 12.3 MB, 256 KB, 17 字节.
fn shown_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b / 1024),
        b => format!("{b} 字节"),
    }
}

/// Refuses a text handed over whole (by the window, or read from standard input) that is longer
/// than a file of `role` may be.
pub fn check_text_size(role: FileRole, text: &str) -> Result<()> {
    let limit = role.max_bytes();
    if text.len() as u64 > limit {
        return Err(Error::invalid(
            "file",
            format!("{}{}", role.label(), too_large(text.len() as u64, limit)),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_files_say_what_is_wrong_in_chinese_naming_role_and_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = InputFile::new(FileRole::Calendar, dir.path().join("无此文件.json"));
        let err = missing.read_text().expect_err("missing");
        assert!(err.is_bad_input());
        let message = err.to_string();
        assert!(message.starts_with("日历文件“"), "{message}");
        assert!(message.contains("无此文件.json") && message.contains("找不到该文件"), "{message}");

        let big = dir.path().join("big.json");
        fs::write(&big, vec![b' '; 300 * 1024]).expect("write");
        let err = InputFile::new(FileRole::Calendar, &big).read_text().expect_err("too big");
        assert!(err.to_string().contains("文件有 300 KB，超过上限 256 KB"), "{err}");
        assert!(err.is_bad_input());
        let err = check_text_size(FileRole::Calendar, &" ".repeat(300 * 1024)).expect_err("too long");
        assert!(err.to_string().starts_with("日历文件有 300 KB，超过上限 256 KB"), "{err}");

        let latin1 = dir.path().join("gbk.json");
        fs::write(&latin1, [0xB9u8, 0xFA]).expect("write");
        let err = InputFile::new(FileRole::PrintModel, &latin1).read_text().expect_err("not utf-8");
        assert!(err.to_string().starts_with("打印模型文件“") && err.to_string().contains("UTF-8"), "{err}");

        let err = InputFile::new(FileRole::Summary, dir.path()).read_text().expect_err("folder");
        assert!(err.to_string().contains("文件夹"), "{err}");

        let ok = dir.path().join("ok.json");
        fs::write(&ok, "\u{feff}{}").expect("write");
        assert_eq!(InputFile::new(FileRole::Template, &ok).read_text().expect("reads"), "{}");
    }

    #[test]
    fn replaces_a_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = with_extension(&dir.path().join("工作日历-2026"), "json");
        assert_eq!(path, dir.path().join("工作日历-2026.json"));
        write_atomically(&path, b"old").expect("first");
        write_atomically(&path, b"new").expect("second");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
        assert_eq!(with_extension(&path.with_extension("JSON"), "json"), path.with_extension("JSON"));
    }

    #[test]
    fn a_file_open_in_an_office_program_is_left_alone_with_a_chinese_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, owner) in [
            ("台账 2026.xlsx", "~$台账 2026.xlsx"),
            ("关于供暖问题的督办通知.docx", "~$供暖问题的督办通知.docx"),
            ("归档文件目录.pdf", ".~lock.归档文件目录.pdf#"),
        ] {
            let path = dir.path().join(name);
            fs::write(&path, b"old").expect("old");
            fs::write(dir.path().join(owner), b"owner").expect("owner");
            let err = write_atomically(&path, b"new").expect_err("open elsewhere");
            assert_eq!(err.code(), "in_use");
            let said = err.to_string();
            assert!(said.contains(name) && said.contains("正被另一个程序") && said.contains(owner), "{said}");
            assert_eq!(fs::read(&path).expect("read"), b"old", "{name} untouched");
            fs::remove_file(dir.path().join(owner)).expect("closed");
            write_atomically(&path, b"new").expect("closed, it is written");
        }
        // Excel's owner file of 台账 2026.xlsx says nothing of another workbook whose name ends so.
        fs::write(dir.path().join("~$台账 2026.xlsx"), b"owner").expect("owner");
        write_atomically(&dir.path().join("上月台账 2026.xlsx"), b"new").expect("another workbook");
    }

    #[test]
    fn a_missing_folder_is_an_io_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write_atomically(&dir.path().join("无此目录").join("a.json"), b"x").expect_err("no folder");
        assert_eq!(err.code(), "io");
    }
}

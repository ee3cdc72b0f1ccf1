//! Writing files the user asked for (另存为, 导出): atomically, so a crash or a reader never sees half
//! a file and an old file is replaced only once the new one is complete.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Writes to `.NAME.PID.tmp` beside `path`, flushes it to disk, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
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
        return Err(Error::Io(e));
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_missing_folder_is_an_io_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write_atomically(&dir.path().join("无此目录").join("a.json"), b"x").expect_err("no folder");
        assert_eq!(err.code(), "io");
    }
}

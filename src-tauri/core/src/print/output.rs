//! Putting a rendered PDF where it is wanted: a file the user chose (另存为), or a temporary copy
//! that the system's PDF viewer opens for printing (打印). Both are written atomically — to a
//! temporary file in the same folder, then renamed — so a viewer or a crash never sees half a PDF.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::files::{with_extension, write_atomically};
use crate::{Error, Result};

/// The folder (under the system's temporary folder) that holds the copies opened for printing.
pub const PRINT_TEMP_DIR: &str = "luoshi-print";

/// Copies older than this are removed when the next one is written.
const TEMP_KEEP: Duration = Duration::from_secs(24 * 60 * 60);

/// Saves `pdf` at `path` (adding `.pdf` when the name has another or no extension), replacing a
/// file already there only once the new one is complete. Returns the path written.
pub fn save_pdf(path: &Path, pdf: &[u8]) -> Result<PathBuf> {
    check_pdf(pdf)?;
    let path = with_extension(path, "pdf");
    if path.file_name().is_none() {
        return Err(invalid("path", "请选择要保存的文件名"));
    }
    write_atomically(&path, pdf)?;
    Ok(path)
}

/// Writes `pdf` as a new file in the print folder under the system's temporary folder, named
/// after `name` (the document's title, cleaned for file systems) and the time, and returns its
/// path for the system's PDF viewer. Copies older than a day are removed on the way.
pub fn temp_pdf(name: &str, pdf: &[u8]) -> Result<PathBuf> {
    check_pdf(pdf)?;
    let dir = std::env::temp_dir().join(PRINT_TEMP_DIR);
    fs::create_dir_all(&dir)?;
    remove_old(&dir);
    let stem = format!("{}-{}", file_stem(name), chrono::Local::now().format("%Y%m%d-%H%M%S"));
    let mut path = dir.join(format!("{stem}.pdf"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.pdf"));
        n += 1;
    }
    write_atomically(&path, pdf)?;
    Ok(path)
}

/// A name that every file system accepts: no separators or reserved characters, not empty, not
/// too long (counted in characters, so Chinese titles are not cut mid-character).
pub fn file_stem(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "\\/:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let trimmed = cleaned.trim().trim_matches('.').trim();
    let short: String = trimmed.chars().take(60).collect();
    if short.is_empty() {
        "打印".to_string()
    } else {
        short
    }
}

fn check_pdf(pdf: &[u8]) -> Result<()> {
    if pdf.starts_with(b"%PDF-") {
        Ok(())
    } else {
        Err(invalid("pdf", "要保存的内容不是 PDF 文件，请重新生成后再试"))
    }
}

fn invalid(field: &str, message: &str) -> Error {
    Error::Invalid { field: field.to_string(), message: message.to_string() }
}

/// Best effort: a copy still open in a viewer may refuse to go, and that is fine.
fn remove_old(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > TEMP_KEEP);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%test\n";

    #[test]
    fn saving_adds_the_extension_and_replaces_an_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let written = save_pdf(&dir.path().join("督办通知单"), PDF).expect("saved");
        assert_eq!(written, dir.path().join("督办通知单.pdf"));
        assert_eq!(fs::read(&written).expect("read"), PDF);

        let again = save_pdf(&dir.path().join("督办通知单.PDF"), b"%PDF-2.0\n").expect("saved");
        assert_eq!(fs::read(&again).expect("read"), b"%PDF-2.0\n");
        // Nothing but the saved files is left in the folder.
        let names: Vec<_> =
            fs::read_dir(dir.path()).expect("list").flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn saving_refuses_what_is_not_a_pdf_and_a_missing_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = save_pdf(&dir.path().join("a.pdf"), b"<html>").expect_err("not a pdf");
        assert_eq!(err.field().as_deref(), Some("pdf"));
        assert!(!dir.path().join("a.pdf").exists());

        let err = save_pdf(&dir.path().join("no-such-folder").join("a.pdf"), PDF).expect_err("no folder");
        assert_eq!(err.code(), Error::Io(std::io::Error::other("x")).code());
    }

    #[test]
    fn temporary_copies_get_clean_distinct_names() {
        let a = temp_pdf("关于/督办:事项*的通知", PDF).expect("written");
        let b = temp_pdf("关于/督办:事项*的通知", PDF).expect("written");
        assert_ne!(a, b);
        for path in [&a, &b] {
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            assert!(name.starts_with("关于_督办_事项_的通知-"), "{name}");
            assert!(name.ends_with(".pdf"));
            assert_eq!(path.parent().expect("dir").file_name().expect("dir name"), PRINT_TEMP_DIR);
            assert_eq!(fs::read(path).expect("read"), PDF);
            let _ = fs::remove_file(path);
        }
        assert_eq!(file_stem("  ..  "), "打印");
        assert_eq!(file_stem(&"字".repeat(100)).chars().count(), 60);
    }
}

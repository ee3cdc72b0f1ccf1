//! The package a year's archive is handed over in: a folder named by the year with one PDF per 件
//! named by its 档号, the 归档文件目录 as PDF and .xlsx, the 备考表 (with the spine labels), and
//! `manifest.json` listing every file's path, size and SHA-256 and each 件's fields.
//!
//! The package is written into a hidden folder beside its place and renamed into it when whole, so
//! a crash leaves either no package or a complete one. [`verify_package`] re-reads a package.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::catalogue::{box_sheets, catalogue, catalogue_document, catalogue_xlsx};
use super::parts::file_document;
use crate::audit::{self, AuditAction, AuditObject};
use crate::{print, time, Error, Result};

pub const MANIFEST: &str = "manifest.json";
const FORMAT: &str = "luoshi-archive-package";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    fonds_code: String,
    fonds_name: String,
    year: i32,
    created_at: String,
    files: Vec<ManifestFile>,
    items: Vec<ManifestItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ManifestFile {
    path: String,
    size: u64,
    sha256: String,
}

/// A 件's fields as the archives office reads them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ManifestItem {
    archival_code: String,
    doc_no: String,
    author: String,
    title: String,
    date: String,
    classification: String,
    pages: i64,
    retention: String,
    file: String,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, rename = "ArchivePackageReport")]
pub struct PackageReport {
    pub path: String,
    pub files: usize,
    pub items: usize,
    pub bytes: u64,
}

/// 导出移交包 of `year` into `dir/<year>`; refuses to overwrite a folder that is there.
pub fn export_year(conn: &Connection, year: i32, dir: &Path) -> Result<PackageReport> {
    let cat = catalogue(conn, year, None)?;
    let dest = dir.join(year.to_string());
    if dest.exists() {
        return Err(Error::invalid(
            "output",
            format!("文件夹“{}”已存在；请换一个位置，或先移走它再导出", dest.display()),
        ));
    }
    fs::create_dir_all(dir)?;
    let work = dir.join(format!(".{year}.partial"));
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    fs::create_dir_all(work.join("件"))?;
    let mut written: Vec<(String, Vec<u8>)> = Vec::new();
    let mut items = Vec::new();
    for f in cat.classes.iter().flat_map(|c| &c.files) {
        let name = format!("件/{}.pdf", f.archival_code);
        written.push((name.clone(), print::render(&file_document(conn, f)?)?));
        items.push(ManifestItem {
            archival_code: f.archival_code.clone(),
            doc_no: f.doc_no.clone(),
            author: f.author.clone(),
            title: f.printed_title(),
            date: f.date.clone(),
            classification: f.classification.label().to_string(),
            pages: f.pages,
            retention: f.retention.label().to_string(),
            file: name,
        });
    }
    written.push(("归档文件目录.pdf".into(), print::render(&catalogue_document(&cat))?));
    written.push(("归档文件目录.xlsx".into(), catalogue_xlsx(&cat)?));
    written.push(("备考表.pdf".into(), print::render(&box_sheets(conn, &cat)?)?));
    let mut files = Vec::with_capacity(written.len());
    for (name, bytes) in &written {
        fs::write(work.join(name), bytes)?;
        files.push(ManifestFile { path: name.clone(), size: bytes.len() as u64, sha256: sha256(bytes) });
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        version: 1,
        fonds_code: cat.fonds_code.clone(),
        fonds_name: cat.fonds_name.clone(),
        year,
        created_at: time::now_text(),
        files,
        items,
    };
    let text =
        serde_json::to_string_pretty(&manifest).map_err(|e| Error::invalid("manifest", e.to_string()))?;
    fs::write(work.join(MANIFEST), &text)?;
    fs::rename(&work, &dest)?;
    let bytes = manifest.files.iter().map(|f| f.size).sum::<u64>() + text.len() as u64;
    audit::note(
        conn,
        AuditAction::Insert,
        AuditObject::ArchivePackage,
        &dest.display().to_string(),
        &serde_json::json!({"year": year, "items": manifest.items.len(), "bytes": bytes}),
    )?;
    Ok(PackageReport {
        path: dest.display().to_string(),
        files: manifest.files.len() + 1,
        items: manifest.items.len(),
        bytes,
    })
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What `archive verify` found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, rename = "ArchiveVerifyReport")]
pub struct VerifyReport {
    pub path: String,
    pub ok: bool,
    pub files_checked: usize,
    pub items: usize,
    /// Each problem in words, naming the file.
    pub problems: Vec<String>,
}

impl VerifyReport {
    /// The failure to report, when the package is not whole.
    pub fn error(&self) -> Option<Error> {
        (!self.ok).then(|| {
            Error::invalid(
                "package",
                format!("移交包“{}”校验未通过：{}", self.path, self.problems.join("；")),
            )
        })
    }
}

/// Re-checks the package in `dir` (the year's folder): every listed file there with its size and
/// SHA-256, every 件 with its file, and no file the manifest does not list.
pub fn verify_package(dir: &Path) -> Result<VerifyReport> {
    let text = fs::read_to_string(dir.join(MANIFEST)).map_err(|e| {
        Error::invalid(
            "package",
            format!("“{}”中没有可读的 {MANIFEST}（{e}），不是落实导出的移交包", dir.display()),
        )
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| Error::invalid("package", format!("{MANIFEST} 已损坏：{e}")))?;
    if manifest.format != FORMAT {
        return Err(Error::invalid(
            "package",
            format!("{MANIFEST} 不是落实的移交包清单（format = {}）", manifest.format),
        ));
    }
    let mut problems = Vec::new();
    for f in &manifest.files {
        match fs::read(dir.join(&f.path)) {
            Err(_) => problems.push(format!("缺少文件 {}", f.path)),
            Ok(bytes) if bytes.len() as u64 != f.size => {
                problems.push(format!("{} 的大小为 {} 字节，清单记为 {}", f.path, bytes.len(), f.size))
            }
            Ok(bytes) if sha256(&bytes) != f.sha256 => {
                problems.push(format!("{} 的内容与清单的 SHA-256 不符", f.path))
            }
            Ok(_) => {}
        }
    }
    for item in &manifest.items {
        if !manifest.files.iter().any(|f| f.path == item.file) {
            problems.push(format!("件 {} 的文件 {} 不在清单的文件中", item.archival_code, item.file));
        }
    }
    for path in files_under(dir, dir)? {
        if path != MANIFEST && !manifest.files.iter().any(|f| f.path == path) {
            problems.push(format!("清单中没有的文件 {path}"));
        }
    }
    Ok(VerifyReport {
        path: dir.display().to_string(),
        ok: problems.is_empty(),
        files_checked: manifest.files.len(),
        items: manifest.items.len(),
        problems,
    })
}

/// Every file below `dir`, as a path relative to `root` with `/`.
fn files_under(root: &Path, dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path: PathBuf = entry?.path();
        if path.is_dir() {
            out.extend(files_under(root, &path)?);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
        }
    }
    Ok(out)
}

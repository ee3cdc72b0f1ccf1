//! The print engine: one document model ([`Document`]) laid out on the GB/T 9704-2012 grid and
//! written as PDF with embedded, subset Chinese fonts shipped inside the binary. Every printed
//! form is a function from core data to a [`Document`].
//!
//! ```text
//! model (JSON or Rust) → layout (grid, line breaking, tables, forms) → render (printpdf)
//! ```

mod docx;
mod fonts;
mod gb2312;
mod geometry;
mod layout;
mod linebreak;
mod model;
mod output;
mod render;
pub mod samples;

use serde::Serialize;
use ts_rs::TS;

pub use docx::{render_docx, save_docx};
pub use fonts::{fonts_in_use, preload, FontInUse, FontRole};
pub use model::{
    Align, ArchiveStamp, Blank, Block, Classification, Column, Document, Form, FormField, Heading,
    Orientation, PageBreak, Paragraph, Signature, Table, TitleBlock,
};
pub use output::{file_stem, save_pdf, temp_pdf, PRINT_TEMP_DIR};

/// Errors of the print area.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// A model that breaks a rule; `path` is the JSON path of the bad field.
    #[error("{}", invalid_message(path, message))]
    Invalid { path: String, message: String },
    #[error(
        "以下字符在随程序提供的字体中都没有，无法打印：{chars}（位于 {path}）。请改用常用字或同音的规范字。"
    )]
    MissingGlyphs { path: String, chars: String },
    #[error("{path} 的内容太多，一页排不下；请拆分后再打印")]
    TooTall { path: String },
    #[error("内置字体 {file} 无法读取，程序可能已损坏，请重新安装")]
    Font { file: &'static str },
    /// The system has no program for PDF files, or it would not start.
    #[error("无法用系统的 PDF 阅读程序打开（{reason}）。文件已保存为 {path}，可以手动打开后打印")]
    Open { path: String, reason: String },
}

fn invalid_message(path: &str, message: &str) -> String {
    if path.is_empty() {
        format!("打印文档模型有误：{message}")
    } else {
        format!("打印文档模型有误：{path}：{message}")
    }
}

impl PrintError {
    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        PrintError::Invalid { path: path.into(), message: message.into() }
    }

    pub fn code(&self) -> &'static str {
        match self {
            PrintError::Invalid { .. } => "print_invalid_model",
            PrintError::MissingGlyphs { .. } => "print_missing_glyphs",
            PrintError::TooTall { .. } => "print_too_tall",
            PrintError::Font { .. } => "print_font",
            PrintError::Open { .. } => "print_open_failed",
        }
    }

    pub fn field(&self) -> Option<String> {
        match self {
            PrintError::Invalid { path, .. }
            | PrintError::MissingGlyphs { path, .. }
            | PrintError::TooTall { path } => Some(path.clone()),
            PrintError::Font { .. } | PrintError::Open { .. } => None,
        }
    }

    pub fn is_bad_input(&self) -> bool {
        !matches!(self, PrintError::Font { .. } | PrintError::Open { .. })
    }

    /// The error for a PDF at `path` that the system's viewer could not open.
    pub fn open_failed(path: &std::path::Path, reason: impl std::fmt::Display) -> crate::Error {
        PrintError::Open { path: path.display().to_string(), reason: reason.to_string() }.into()
    }
}

/// A rendered PDF and what the UI and the CLI report about it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, rename = "PrintedPdf")]
pub struct Rendered {
    #[serde(skip)]
    #[ts(skip)]
    pub pdf: Vec<u8>,
    pub pages: u32,
    pub bytes: u32,
}

/// Renders a document as PDF bytes.
pub fn render(doc: &Document) -> crate::Result<Vec<u8>> {
    Ok(render_counted(doc)?.pdf)
}

/// Renders a document and counts its pages.
pub fn render_counted(doc: &Document) -> crate::Result<Rendered> {
    doc.validate()?;
    let pages = layout::layout(doc)?;
    let pdf = render::pdf(doc, &pages)?;
    Ok(Rendered {
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        bytes: u32::try_from(pdf.len()).unwrap_or(u32::MAX),
        pdf,
    })
}

/// The pages a document lays out to, without rendering it.
pub fn page_count(doc: &Document) -> crate::Result<usize> {
    doc.validate()?;
    Ok(layout::layout(doc)?.len())
}

/// The built-in samples by name, as the CLI and the settings page offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "PrintSampleKind")]
pub enum SampleKind {
    /// 工作总结 (two pages)
    Document,
    /// 督办通知单
    Form,
    /// 交办事项台账
    Table,
}

/// The sample of `kind`; `rows` is the length of the table sample.
pub fn sample(kind: SampleKind, rows: usize) -> Document {
    match kind {
        SampleKind::Document => samples::document(),
        SampleKind::Form => samples::form(),
        SampleKind::Table => samples::table(rows),
    }
}

/// Renders the sample of `kind` (the settings page previews them); the table sample's length is
/// kept between 1 and [`MAX_SAMPLE_ROWS`].
pub fn render_sample(kind: SampleKind, rows: usize) -> crate::Result<Vec<u8>> {
    render(&sample(kind, rows.clamp(1, MAX_SAMPLE_ROWS)))
}

/// The longest table sample the settings page offers.
pub const MAX_SAMPLE_ROWS: usize = 2000;

/// The sample of `kind` as a user asked for it: the table sample takes 1 to [`MAX_SAMPLE_ROWS`]
/// rows; any other length is an error at `rows`.
pub fn checked_sample(kind: SampleKind, rows: usize) -> crate::Result<Document> {
    if kind == SampleKind::Table && !(1..=MAX_SAMPLE_ROWS).contains(&rows) {
        return Err(crate::Error::invalid(
            "rows",
            format!("样例表格的行数应为 1 到 {MAX_SAMPLE_ROWS}，不能为 {rows}"),
        ));
    }
    Ok(sample(kind, rows))
}

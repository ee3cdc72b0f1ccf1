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

/// The smallest a box for a handwritten opinion gets when a form is shrunk to fit its pages.
const OPINION_FLOOR_MM: f32 = 16.0;

/// The smallest a form's text gets when it is shrunk to fit: 小四.
const FORM_FLOOR_PT: f32 = 12.0;

/// A form that should fit one sheet, made to: while its last lines (the 落款) would take a page
/// more than they must, its boxes of fixed height shrink 2 mm at a time (opinion boxes down to
/// [`OPINION_FLOOR_MM`], other boxes to what their text needs), then its text half a point at a
/// time from 四号 down to 小四, until the document takes as few pages as it can. Text is never
/// cut: a form whose text is longer than a page continues on the next.
pub fn shrink_to_fit(mut doc: Document) -> crate::Result<Document> {
    let floor = |f: &FormField| if f.sign { Some(OPINION_FLOOR_MM) } else { None };
    let mut compact = doc.clone();
    for_each_form(&mut compact, |form| {
        form.font_size_pt = Some(form.font_size().min(FORM_FLOOR_PT));
        form.rows.iter_mut().flatten().for_each(|f| f.height_mm = f.height_mm.and(floor(f)));
    });
    let least = page_count(&compact)?;
    // A box taller than a page at the larger size is one more reason to shrink.
    let pages = |doc: &Document| match page_count(doc) {
        Err(crate::Error::Print(PrintError::TooTall { .. })) => Ok(usize::MAX),
        other => other,
    };
    while pages(&doc)? > least {
        let mut shrunk = false;
        for_each_form(&mut doc, |form| {
            for f in form.rows.iter_mut().flatten() {
                let Some(h) = f.height_mm else { continue };
                let next = match floor(f) {
                    Some(min) => Some((h - 2.0).max(min)),
                    None => (h > 2.0).then_some(h - 2.0),
                };
                shrunk |= next != f.height_mm;
                f.height_mm = next;
            }
        });
        if !shrunk {
            for_each_form(&mut doc, |form| {
                form.font_size_pt = Some((form.font_size() - 0.5).max(FORM_FLOOR_PT.min(form.font_size())));
            });
        }
    }
    Ok(doc)
}

fn for_each_form(doc: &mut Document, mut change: impl FnMut(&mut Form)) {
    for block in &mut doc.blocks {
        if let Block::Form(form) = block {
            change(form);
        }
    }
}

/// The text lines of each page, top to bottom: for checks of where the engine put things.
pub fn page_lines(doc: &Document) -> crate::Result<Vec<Vec<String>>> {
    doc.validate()?;
    Ok(layout::layout(doc)?.iter().map(layout::Page::lines).collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(opinion_mm: f32, content_lines: usize) -> Document {
        let field = |label: &str, value: String, height_mm, sign| FormField {
            label: label.into(),
            value,
            height_mm,
            sign,
        };
        let mut rows = vec![vec![field(
            "事项内容与要求",
            "群众反映供暖不达标。".repeat(3 * content_lines),
            Some(24.0),
            false,
        )]];
        rows.extend(
            ["承办单位签收意见", "分管领导意见", "领导审批意见"]
                .map(|l| vec![field(l, String::new(), Some(opinion_mm), true)]),
        );
        let mut doc = samples::form();
        doc.blocks = vec![
            Block::Form(Form { rows, label_width_mm: Some(28.0), font_size_pt: None }),
            Block::Paragraph(Paragraph {
                text: "市政府督查室　2026年12月2日".into(),
                align: Align::Right,
                indent: false,
            }),
        ];
        doc
    }

    #[test]
    fn a_form_shrinks_its_opinion_boxes_to_keep_its_last_line_on_the_sheet() {
        let tall = sheet(60.0, 4);
        assert_eq!(page_count(&tall).expect("pages"), 2, "the 落款 runs onto a second page");
        let fitted = shrink_to_fit(tall).expect("fits");
        assert_eq!(page_count(&fitted).expect("pages"), 1);
        let lines = page_lines(&fitted).expect("lines");
        assert!(lines[0].iter().any(|l| l == "市政府督查室　2026年12月2日"));
        // Boxes shrink only as far as needed, and never below their floor.
        let Block::Form(form) = &fitted.blocks[0] else { panic!("a form") };
        let heights: Vec<f32> = form.rows[1..].iter().map(|r| r[0].height_mm.expect("height")).collect();
        assert!(heights.iter().all(|&h| (OPINION_FLOOR_MM..60.0).contains(&h)), "{heights:?}");
        // A form that already fits is left alone; one that cannot fit keeps its floors and its text.
        let short = sheet(30.0, 1);
        assert_eq!(shrink_to_fit(short.clone()).expect("fits"), short);
        let long = shrink_to_fit(sheet(60.0, 25)).expect("continues");
        assert!(page_count(&long).expect("pages") >= 2);
        // Too tall for a page at 四号, not at 小四: it shrinks rather than fails.
        let tall = sheet(60.0, 35);
        assert!(page_count(&tall).is_err());
        let Block::Form(form) = &shrink_to_fit(tall).expect("fits at a smaller size").blocks[0] else {
            panic!()
        };
        assert!(form.font_size() < 14.0);
    }
}

//! Laid-out pages to PDF with printpdf: each line's text is split into runs by face (the role's
//! font or the fallback), each run placed absolutely; fonts are embedded as subsets.

use std::collections::BTreeMap;

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb,
    TextItem, TextMatrix,
};

use super::fonts::{face_for, Face};
use super::geometry::{mm, RULE_PT};
use super::layout::{Item, Page, TextLine};
use super::model::Document;
use super::PrintError;

/// Writes the pages as a PDF with the document's title and author and the current date.
pub fn pdf(doc: &Document, pages: &[Page]) -> Result<Vec<u8>, PrintError> {
    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    info.author = doc.author.clone().unwrap_or_default();
    info.creator = "落实".to_string();
    info.producer = format!("落实 {}", crate::VERSION);
    let now = printpdf::DateTime::from_unix_timestamp(chrono::Utc::now().timestamp())
        .unwrap_or_else(|_| printpdf::DateTime::epoch());
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;

    let mut ids: BTreeMap<Face, FontId> = BTreeMap::new();
    let sheet = doc.sheet();
    let page_h = mm(sheet.page_height_mm);
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = vec![
            Op::SetOutlineColor { col: black() },
            Op::SetFillColor { col: black() },
            Op::SetOutlineThickness { pt: Pt(RULE_PT) },
        ];
        for item in &page.items {
            if let Item::Rule { x1, y1, x2, y2 } = *item {
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint { p: Point { x: Pt(x1), y: Pt(page_h - y1) }, bezier: false },
                            LinePoint { p: Point { x: Pt(x2), y: Pt(page_h - y2) }, bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
        }
        ops.push(Op::StartTextSection);
        for item in &page.items {
            if let Item::Text(line) = item {
                text_ops(line, page_h, &mut pdf, &mut ids, &mut ops)?;
            }
        }
        ops.push(Op::EndTextSection);
        out.push(PdfPage::new(printpdf::Mm(sheet.page_width_mm), printpdf::Mm(sheet.page_height_mm), ops));
    }
    let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
    Ok(pdf.with_pages(out).save(&options, &mut Vec::new()))
}

fn black() -> Color {
    Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None })
}

/// One text line as runs of one face each, every run at its absolute position.
fn text_ops(
    line: &TextLine,
    page_h: f32,
    pdf: &mut PdfDocument,
    ids: &mut BTreeMap<Face, FontId>,
    ops: &mut Vec<Op>,
) -> Result<(), PrintError> {
    let mut x = line.x;
    let mut runs: Vec<(Face, f32, String)> = Vec::new();
    for ch in line.text.chars() {
        // Layout has already refused characters with no face.
        let Some(face) = face_for(line.role, ch)? else { continue };
        match runs.last_mut() {
            Some((f, _, text)) if *f == face => text.push(ch),
            _ => runs.push((face, x, ch.to_string())),
        }
        x += face.advance_em(ch)? * line.size + line.gap;
    }
    for (face, x, text) in runs {
        let id = match ids.get(&face) {
            Some(id) => id.clone(),
            None => {
                let id = pdf.add_font(face.parsed()?);
                ids.insert(face, id.clone());
                id
            }
        };
        ops.push(Op::SetFont { font: PdfFontHandle::External(id), size: Pt(line.size) });
        ops.push(Op::SetCharacterSpacing { multiplier: line.gap });
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(page_h - line.baseline)) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(text)] });
    }
    Ok(())
}

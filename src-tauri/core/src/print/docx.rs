//! The same [`Document`] the PDF prints, as a Word file (.docx, Office Open XML) that WPS, Word and
//! LibreOffice open and that people go on editing: real styles rather than direct formatting, so
//! the navigation pane, the table of contents and “apply style” work.
//!
//! - Page: A4, GB/T 9704 text area (37 mm top, 28 mm left, 156 × 225 mm), a 22-line document grid
//!   with 28 body characters to the line, page numbers `— 1 —` in 宋体 14 pt, odd pages right and
//!   even pages left.
//! - Styles (ids as Word's built-in ones, so Word and WPS show them as 标题/标题 1…4):
//!   `Normal` 仿宋 16 pt, justified, first line indented two characters, fixed 28.95 pt lines;
//!   `Title` 方正小标宋简体 22 pt centred; `Heading1` 黑体, `Heading2` 楷体, `Heading3`/`Heading4`
//!   仿宋, outline levels 1–4, kept with the next paragraph; table, form, mark and signature styles.
//! - Tables: single borders, centred, fixed column widths from the model, header row repeated on
//!   every page, rows never split. Forms: the same bordered grid, labels in 黑体, opinion boxes with
//!   the 签名/日期 line at their foot. 内部 stands at the top left in 黑体.
//!
//! The fonts are named as offices have them (仿宋, 黑体, 楷体, 方正小标宋简体, with the _GB2312 and
//! 宋体 names as alternatives); Word and WPS substitute installed ones. The package is written with
//! the `zip` crate; every part is generated here, with fixed timestamps, so the same model gives the
//! same bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::geometry::{Sheet, PORTRAIT};
use super::model::{Align, Block, Classification, Document, Form, Orientation, Signature, Table, SIGN_LINE};
use crate::files::{with_extension, write_atomically};
use crate::{Error, Result};

/// Renders a document as the bytes of a .docx file.
pub fn render_docx(doc: &Document) -> Result<Vec<u8>> {
    doc.validate()?;
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_props(doc)),
        ("docProps/app.xml", APP_PROPS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document_xml(doc)),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/fontTable.xml", FONT_TABLE.to_string()),
        ("word/footer1.xml", footer_xml(Align::Right)),
    ];
    let even = ("word/footer2.xml", footer_xml(Align::Left));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in
        parts.iter().map(|(n, x)| (*n, x.as_str())).chain(std::iter::once((even.0, even.1.as_str())))
    {
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

/// Saves .docx bytes at `path` (adding `.docx` when the name has another or no extension),
/// replacing a file already there only once the new one is complete. Returns the path written.
pub fn save_docx(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let path = with_extension(path, "docx");
    write_atomically(&path, bytes)?;
    Ok(path)
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::Io(std::io::Error::other(e))
}

/// Millimetres in twentieths of a point (twips).
fn tw(mm: f32) -> i64 {
    (mm / 25.4 * 1440.0).round() as i64
}

/// Body size in half-points (16 pt).
const BODY_HALF_PT: u32 = 32;
/// The grid's line pitch: the text area's height over 22 lines (28.95 pt).
/// Landscape pages keep it: the styles are the same on either sheet.
fn line_pitch() -> i64 {
    tw(PORTRAIT.text_height_mm / PORTRAIT.lines as f32)
}
/// One body character (16 pt) in twips, for indents counted in characters.
const CHAR_TW: i64 = 320;
/// Body characters set 0.25 pt closer, so that 28 of them fill the 156 mm line as on the PDF's grid
/// (16 pt × 28 is 158 mm). A line grid with a character pitch (`linesAndChars`) would say the same
/// thing, but LibreOffice spreads characters over two cells with it, so only lines are gridded.
const TIGHT: &str = "<w:spacing w:val=\"-5\"/>";

/// Text escaped for XML; characters XML 1.0 cannot hold are dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Runs for `text`: line breaks become `<w:br/>`, tabs `<w:tab/>`; `rpr` is the run properties.
fn runs(text: &str, rpr: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{rpr}<w:br/></w:r>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                let _ = write!(out, "<w:r>{rpr}<w:tab/></w:r>");
            }
            if !piece.is_empty() {
                let _ = write!(out, "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(piece));
            }
        }
    }
    out
}

/// A paragraph of `style` with extra paragraph properties `ppr` (inside `<w:pPr>`).
fn para(style: &str, ppr: &str, text: &str, rpr: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{ppr}</w:pPr>{}</w:p>", runs(text, rpr))
}

fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "<w:jc w:val=\"left\"/>",
        Align::Center => "<w:jc w:val=\"center\"/>",
        Align::Right => "<w:jc w:val=\"right\"/>",
    }
}

fn document_xml(doc: &Document) -> String {
    let sheet = doc.sheet();
    let mut body = String::new();
    if doc.classification == Some(Classification::Internal) {
        body.push_str(&para("Mark", "", "内部", ""));
    }
    body.push_str(&para("Title", "", &doc.title, ""));
    for block in &doc.blocks {
        match block {
            Block::Title(t) => body.push_str(&para("Title", "<w:spacing w:before=\"579\"/>", &t.text, "")),
            Block::Heading(h) => body.push_str(&para(&format!("Heading{}", h.level), "", &h.text, "")),
            Block::Paragraph(p) => {
                // Full lines stay justified; `align` places the last line, as in the PDF.
                let mut ppr = String::new();
                match p.align {
                    Align::Left => {}
                    other => ppr.push_str(jc(other)),
                }
                if !p.indent || p.align != Align::Left {
                    ppr.push_str("<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>");
                }
                body.push_str(&para("Normal", &ppr, &p.text, ""));
            }
            Block::Table(t) => body.push_str(&table_xml(t)),
            Block::Form(f) => body.push_str(&form_xml(f, &sheet)),
            Block::Signature(s) => body.push_str(&signature_xml(s)),
            Block::Blank(b) => {
                for _ in 0..b.lines {
                    body.push_str("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr></w:p>");
                }
            }
            Block::PageBreak(_) => body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }
    // The PDF's geometry: A4, 37 mm top, 28 mm left, 156 × 225 mm text area; page numbers 7 mm
    // below it (the footer's distance is counted from the page's bottom edge to the number's foot).
    let bottom = sheet.page_height_mm - sheet.text_top_mm - sheet.text_height_mm;
    let right = sheet.page_width_mm - sheet.text_left_mm - sheet.text_width_mm;
    let orient = match doc.orientation {
        Orientation::Portrait => "",
        Orientation::Landscape => " w:orient=\"landscape\"",
    };
    let footer = bottom - 7.0 - 14.0 * 25.4 / 72.0;
    let _ = write!(
        body,
        "<w:sectPr>\
         <w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>\
         <w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>\
         <w:pgSz w:w=\"{}\" w:h=\"{}\"{orient}/>\
         <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"851\" w:footer=\"{}\" w:gutter=\"0\"/>\
         <w:cols w:space=\"425\"/>\
         <w:docGrid w:type=\"lines\" w:linePitch=\"{}\"/>\
         </w:sectPr>",
        tw(sheet.page_width_mm),
        tw(sheet.page_height_mm),
        tw(sheet.text_top_mm),
        tw(right),
        tw(bottom),
        tw(sheet.text_left_mm),
        tw(footer),
        line_pitch(),
    );
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}</w:body></w:document>"
    )
}

const BORDERS: &str = "<w:tblBorders>\
    <w:top w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>\
    <w:left w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>\
    <w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>\
    <w:right w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>\
    <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
    <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
    </w:tblBorders>";

/// `<w:tbl>` opening: centred, fixed layout, bordered, with the grid of `widths` (twips).
fn table_start(widths: &[i64]) -> String {
    let total: i64 = widths.iter().sum();
    let mut s = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>{BORDERS}\
         <w:tblLayout w:type=\"fixed\"/>\
         <w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>\
         <w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>"
    );
    for w in widths {
        let _ = write!(s, "<w:gridCol w:w=\"{w}\"/>");
    }
    s.push_str("</w:tblGrid>");
    s
}

fn cell(width: i64, span: usize, tcpr: &str, content: &str) -> String {
    let span = if span > 1 { format!("<w:gridSpan w:val=\"{span}\"/>") } else { String::new() };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{span}{tcpr}</w:tcPr>{content}</w:tc>")
}

fn table_xml(t: &Table) -> String {
    let widths: Vec<i64> = t.columns.iter().map(|c| tw(c.width_mm)).collect();
    let size = format!(
        "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
        (t.font_size_pt.unwrap_or(12.0) * 2.0).round()
    );
    let plain = format!("<w:rPr>{size}</w:rPr>");
    let bold =
        format!("<w:rPr><w:rFonts w:ascii=\"黑体\" w:hAnsi=\"黑体\" w:eastAsia=\"黑体\"/>{size}</w:rPr>");
    let mut s = table_start(&widths);
    let middle = "<w:vAlign w:val=\"center\"/>";
    // The header row repeats on every page; no row splits across pages.
    s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (c, col) in t.columns.iter().enumerate() {
        let p = para("TableHeader", "", &col.title, &bold);
        s.push_str(&cell(widths[c], 1, middle, &p));
    }
    s.push_str("</w:tr>");
    let mut row_xml = |cells: &[String], rpr: &str| {
        s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (c, text) in cells.iter().enumerate() {
            let p = para("TableText", jc(t.columns[c].align), text, rpr);
            s.push_str(&cell(widths[c], 1, middle, &p));
        }
        s.push_str("</w:tr>");
    };
    for row in &t.rows {
        row_xml(row, &plain);
    }
    if let Some(totals) = &t.totals {
        row_xml(totals, &bold);
    }
    s.push_str("</w:tbl><w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>");
    s
}

/// A form as one table: each row's fields share the width, label and value cells spanning the
/// columns of a grid made of every row's cell edges.
fn form_xml(f: &Form, sheet: &Sheet) -> String {
    let label = f.label_width();
    let total = tw(sheet.text_width_mm);
    let label_tw = tw(label);
    // Cell edges of each row, in twips from the left.
    let edges_of = |n: usize| -> Vec<i64> {
        let mut e = vec![0];
        for i in 0..n {
            let start = total * i as i64 / n as i64;
            e.push(start + label_tw);
            e.push(total * (i as i64 + 1) / n as i64);
        }
        e
    };
    let mut grid: Vec<i64> = f.rows.iter().flat_map(|r| edges_of(r.len())).collect();
    grid.sort_unstable();
    grid.dedup();
    let widths: Vec<i64> = grid.windows(2).map(|w| w[1] - w[0]).collect();
    let mut s = table_start(&widths);
    // The style's 14 pt unless the model sets its own size.
    let size = f.font_size_pt.map_or_else(String::new, |pt| {
        format!("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", (pt * 2.0).round())
    });
    let label_rpr =
        format!("<w:rPr><w:rFonts w:ascii=\"黑体\" w:hAnsi=\"黑体\" w:eastAsia=\"黑体\"/>{size}</w:rPr>");
    let value_rpr = if size.is_empty() { String::new() } else { format!("<w:rPr>{size}</w:rPr>") };
    for row in &f.rows {
        let edges = edges_of(row.len());
        let height = row.iter().filter_map(|x| x.height_mm).fold(0.0f32, f32::max);
        s.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if height > 0.0 {
            let _ = write!(s, "<w:trHeight w:val=\"{}\" w:hRule=\"atLeast\"/>", tw(height));
        }
        s.push_str("</w:trPr>");
        for (i, field) in row.iter().enumerate() {
            for (k, is_label) in [(2 * i, true), (2 * i + 1, false)] {
                let (a, b) = (edges[k], edges[k + 1]);
                let span = grid.iter().filter(|&&g| g >= a && g < b).count();
                let content = if is_label {
                    para("FormLabel", "", &field.label, &label_rpr)
                } else if field.sign {
                    let mut c = para("FormValue", "", &field.value, &value_rpr);
                    c.push_str(&para("FormSign", "", SIGN_LINE, &value_rpr));
                    c
                } else {
                    para("FormValue", "", &field.value, &value_rpr)
                };
                let valign = if !is_label && field.sign {
                    "<w:vAlign w:val=\"bottom\"/>"
                } else {
                    "<w:vAlign w:val=\"center\"/>"
                };
                s.push_str(&cell(b - a, span, valign, &content));
            }
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl><w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>");
    s
}

/// Width in body characters: CJK and full-width count one, ASCII half.
fn chars_wide(s: &str) -> f32 {
    s.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum()
}

/// GB/T 9704 7.3.5.2 without a seal: a blank line, the body right-spaced two characters, the date
/// starting two characters right of the body (right-spaced two when it is the longer).
fn signature_xml(s: &Signature) -> String {
    let date = crate::time::chinese_date(s.date);
    let body_right = 2.0f32;
    let date_right = (body_right + chars_wide(&s.body) - 2.0 - chars_wide(&date)).max(2.0);
    let ind = |chars: f32| format!("<w:ind w:right=\"{}\"/>", (chars * CHAR_TW as f32).round() as i64);
    let mut x = String::from("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr></w:p>");
    x.push_str(&para("Signature", &ind(body_right), &s.body, ""));
    x.push_str(&para("Signature", &ind(date_right), &date, ""));
    x
}

fn footer_xml(align: Align) -> String {
    let side = match align {
        Align::Left => "<w:jc w:val=\"left\"/><w:ind w:left=\"280\"/>",
        _ => "<w:jc w:val=\"right\"/><w:ind w:right=\"280\"/>",
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>{side}</w:pPr>\
         <w:r><w:t xml:space=\"preserve\">— </w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>1</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         <w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
    )
}

/// Run fonts: Latin in Times New Roman, Chinese in `east`.
fn fonts(east: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{east}\" \
         w:cs=\"Times New Roman\" w:hint=\"eastAsia\"/>"
    )
}

fn size(half_points: u32) -> String {
    format!("<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>")
}

/// A paragraph style.
#[allow(clippy::too_many_arguments)]
fn style(id: &str, name: &str, based_on: Option<&str>, ppr: &str, rpr: &str, extra: &str) -> String {
    let based = based_on.map(|b| format!("<w:basedOn w:val=\"{b}\"/>")).unwrap_or_default();
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{based}\
         <w:next w:val=\"Normal\"/>{extra}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )
}

fn styles_xml() -> String {
    let pitch = line_pitch();
    let exact = format!("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{pitch}\" w:lineRule=\"exact\"/>");
    let indent2 = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>";
    let no_indent = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    let single = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>";
    let q = "<w:qFormat/>";
    let heading = |level: u8, east: &str| {
        style(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            Some("Normal"),
            &format!("<w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"{}\"/>", level - 1),
            &format!("{}<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>{}", fonts(east), size(BODY_HALF_PT)),
            &format!("<w:uiPriority w:val=\"9\"/>{q}"),
        )
    };
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\">\
         <w:docDefaults><w:rPrDefault><w:rPr>{}{}<w:kern w:val=\"2\"/>\
         <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/>{single}</w:pPr></w:pPrDefault>\
         </w:docDefaults>",
        fonts("仿宋"),
        size(BODY_HALF_PT),
    );
    s.push_str(&format!(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>{q}\
         <w:pPr><w:jc w:val=\"both\"/>{exact}{indent2}</w:pPr><w:rPr>{}{}{TIGHT}</w:rPr></w:style>",
        fonts("仿宋"),
        size(BODY_HALF_PT)
    ));
    s.push_str(&style(
        "Title",
        "Title",
        Some("Normal"),
        &format!(
            "<w:keepNext/><w:jc w:val=\"center\"/><w:spacing w:before=\"0\" w:after=\"{pitch}\" \
             w:line=\"{pitch}\" w:lineRule=\"exact\"/>{no_indent}<w:outlineLvl w:val=\"9\"/>"
        ),
        &format!("{}<w:b w:val=\"0\"/>{}", fonts("方正小标宋简体"), size(44)),
        &format!("<w:uiPriority w:val=\"10\"/>{q}"),
    ));
    s.push_str(&heading(1, "黑体"));
    s.push_str(&heading(2, "楷体"));
    s.push_str(&heading(3, "仿宋"));
    s.push_str(&heading(4, "仿宋"));
    s.push_str(&style(
        "Mark",
        "内部标识",
        Some("Normal"),
        &format!("<w:jc w:val=\"left\"/>{no_indent}"),
        &fonts("黑体"),
        q,
    ));
    s.push_str(&style(
        "Signature",
        "Signature",
        Some("Normal"),
        &format!("<w:jc w:val=\"right\"/>{no_indent}"),
        "",
        "",
    ));
    s.push_str(&style(
        "TableText",
        "表格文字",
        Some("Normal"),
        &format!("<w:snapToGrid w:val=\"0\"/><w:jc w:val=\"left\"/>{single}{no_indent}"),
        &format!("{}<w:spacing w:val=\"0\"/>", size(24)),
        q,
    ));
    s.push_str(&style(
        "TableHeader",
        "表格标题行",
        Some("TableText"),
        "<w:keepNext/><w:jc w:val=\"center\"/>",
        &fonts("黑体"),
        q,
    ));
    s.push_str(&style(
        "FormLabel",
        "表单标签",
        Some("TableText"),
        "<w:jc w:val=\"center\"/>",
        &format!("{}{}", fonts("黑体"), size(28)),
        q,
    ));
    s.push_str(&style("FormValue", "表单内容", Some("TableText"), "", &size(28), q));
    s.push_str(&style(
        "FormSign",
        "表单签名行",
        Some("FormValue"),
        "<w:jc w:val=\"right\"/><w:spacing w:before=\"120\" w:after=\"60\"/>",
        "",
        "",
    ));
    // The empty paragraph Word needs after a table; small, so the text after it resumes close by.
    s.push_str(&style(
        "AfterTable",
        "表格后空行",
        Some("Normal"),
        &format!(
            "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{pitch}\" w:lineRule=\"exact\"/>{no_indent}"
        ),
        "",
        "",
    ));
    s.push_str(&style(
        "Footer",
        "footer",
        Some("Normal"),
        &format!("<w:snapToGrid w:val=\"0\"/>{single}{no_indent}"),
        &format!("{}{}", fonts("宋体"), size(28)),
        "<w:uiPriority w:val=\"99\"/>",
    ));
    s.push_str(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
         <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style></w:styles>",
    );
    s
}

fn core_props(doc: &Document) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>zh-CN</dc:language>\
         </cp:coreProperties>",
        esc(&doc.title),
        esc(doc.author.as_deref().unwrap_or("落实")),
    )
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rIdFooterOdd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"rIdFooterEven\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>\
</Relationships>";

const APP_PROPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>落实</Application></Properties>";

/// Odd and even pages carry different footers (page numbers right and left).
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:evenAndOddHeaders/><w:defaultTabStop w:val=\"420\"/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

/// The fonts offices have, with the names older systems use as alternatives.
const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"仿宋\"><w:altName w:val=\"仿宋_GB2312\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>\
<w:font w:name=\"黑体\"><w:altName w:val=\"SimHei\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>\
<w:font w:name=\"楷体\"><w:altName w:val=\"楷体_GB2312\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>\
<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/><w:charset w:val=\"86\"/><w:family w:val=\"script\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"宋体\"><w:altName w:val=\"SimSun\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>\
</w:fonts>";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut f = zip.by_name(name).expect(name);
        std::io::read_to_string(&mut f).expect("utf-8")
    }

    #[test]
    fn docx_has_the_parts_styles_and_page_of_gb_t_9704() {
        let bytes = render_docx(&samples::document()).expect("renders");
        assert!(bytes.starts_with(b"PK"));
        let doc = part(&bytes, "word/document.xml");
        for level in 1..=4 {
            assert!(doc.contains(&format!("<w:pStyle w:val=\"Heading{level}\"/>")), "Heading{level}");
        }
        assert!(doc.contains("<w:pStyle w:val=\"Title\"/>"));
        assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4");
        assert!(doc.contains("w:top=\"2098\"") && doc.contains("w:left=\"1587\""), "37 and 28 mm");
        assert!(doc.contains("<w:tblHeader/>"), "header row repeats");
        assert!(doc.find("内部").expect("mark") < doc.find("督查督办工作情况").expect("title"));
        let styles = part(&bytes, "word/styles.xml");
        assert!(
            styles.contains("<w:name w:val=\"heading 1\"/>")
                && styles.contains("<w:outlineLvl w:val=\"3\"/>")
        );
        assert!(styles.contains("w:eastAsia=\"黑体\"") && styles.contains("w:eastAsia=\"楷体\""));
        assert!(part(&bytes, "docProps/core.xml").contains("<dc:title>市政务服务中心"));
        assert_eq!(render_docx(&samples::document()).expect("again"), bytes, "same model, same bytes");
    }

    #[test]
    fn docx_turns_a_landscape_document_on_its_side() {
        let mut doc = samples::table(3);
        doc.orientation = Orientation::Landscape;
        let xml = part(&render_docx(&doc).expect("renders"), "word/document.xml");
        assert!(
            xml.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"),
            "A4 on its side"
        );
        assert!(xml.contains("w:top=\"1587\"") && xml.contains("w:left=\"2098\""), "28 mm top, 37 mm left");
    }

    #[test]
    fn docx_escapes_text_and_refuses_a_bad_model() {
        let mut doc = samples::form();
        doc.title = "A&B <测试> \"引号\"\u{1}".into();
        let bytes = render_docx(&doc).expect("renders");
        let xml = part(&bytes, "word/document.xml");
        assert!(
            xml.contains("A&amp;B &lt;测试&gt; &quot;引号&quot;</w:t>"),
            "escaped, control character dropped"
        );
        assert!(xml.contains("<w:gridSpan"), "form rows of different field counts share one grid");
        doc.blocks.push(Block::Heading(crate::print::Heading { level: 5, text: "x".into() }));
        let err = render_docx(&doc).expect_err("level 5");
        assert_eq!(err.field().as_deref(), Some(format!("blocks[{}].level", doc.blocks.len() - 1).as_str()));
    }

    #[test]
    fn docx_saves_atomically_with_its_extension() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = render_docx(&samples::table(5)).expect("renders");
        let path = save_docx(&dir.path().join("台账"), &bytes).expect("saves");
        assert_eq!(path, dir.path().join("台账.docx"));
        assert_eq!(std::fs::read(&path).expect("read"), bytes);
    }
}

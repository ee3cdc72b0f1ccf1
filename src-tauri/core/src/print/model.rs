//! The document model: what any printed paper is made of. Forms and reports are functions from core
//! data to a [`Document`]; the JSON shape is documented in docs/print-model.md.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

pub use super::geometry::Orientation;
use super::geometry::Sheet;
use super::PrintError;
use crate::json::{self, JsonErrorKind};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintDocument")]
pub struct Document {
    /// Printed centred at the top of the first page, and the PDF's title.
    pub title: String,
    /// 内部 is marked at the top left of the first page; 公开 or null print no mark.
    #[serde(default, with = "crate::coded::by_label")]
    #[ts(type = "\"公开\" | \"内部\" | null")]
    pub classification: Option<Classification>,
    /// The PDF's author (the issuing body).
    #[serde(default)]
    pub author: Option<String>,
    /// Upright (the default) or turned for wide lists.
    #[serde(default, skip_serializing_if = "Orientation::is_portrait")]
    #[ts(as = "Option<Orientation>", optional)]
    pub orientation: Orientation,
    /// 归档章, stamped at the top centre of the first page (an archived 件 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub stamp: Option<ArchiveStamp>,
    pub blocks: Vec<Block>,
}

/// The values of a 归档章 (DA/T 22-2015): six equal boxes, 45 mm × 16 mm in all, the top row
/// 全宗号, 年度, 件号 and the bottom row 机构(问题), 保管期限, 页数. Any may stay blank.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintArchiveStamp")]
pub struct ArchiveStamp {
    #[serde(default)]
    pub fonds: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub item_no: String,
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub retention: String,
    /// 页数; when absent the engine writes the number of pages the document lays out to.
    #[serde(default)]
    #[ts(optional)]
    pub pages: Option<u32>,
}

/// 密级, one type for the whole app; the print model writes it by its label (公开, 内部).
pub use crate::classification::Classification;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export, rename = "PrintBlock")]
pub enum Block {
    Title(TitleBlock),
    Heading(Heading),
    Paragraph(Paragraph),
    Table(Table),
    Form(Form),
    Signature(Signature),
    /// Empty body lines.
    Blank(Blank),
    PageBreak(PageBreak),
}

impl Block {
    const TYPES: &'static str = "title、heading、paragraph、table、form、signature、blank、page_break";

    /// A body paragraph, indented two characters.
    pub fn body(text: &str) -> Block {
        Block::Paragraph(Paragraph { text: text.trim().to_string(), align: Align::Left, indent: true })
    }
}

/// A further title (the document's own comes from [`Document::title`]), e.g. that of an annex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintTitle")]
pub struct TitleBlock {
    pub text: String,
}

/// Levels 1–4: 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋. The text carries its own number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintHeading")]
pub struct Heading {
    pub level: u8,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintParagraph")]
pub struct Paragraph {
    pub text: String,
    /// Full lines are always justified; this places the last (or only) line.
    #[serde(default)]
    pub align: Align,
    /// First line indented two characters (the default).
    #[serde(default = "yes")]
    pub indent: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "PrintAlign")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintTable")]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// A last row in 黑体 (合计).
    #[serde(default)]
    pub totals: Option<Vec<String>>,
    /// Default 12 pt (小四).
    #[serde(default)]
    pub font_size_pt: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintColumn")]
pub struct Column {
    pub title: String,
    pub width_mm: f32,
    #[serde(default)]
    pub align: Align,
}

/// A bordered grid: each row holds one or more label/value pairs sharing the width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintForm")]
pub struct Form {
    pub rows: Vec<Vec<FormField>>,
    /// Width of the label cells; default 34 mm (six characters of 14 pt).
    #[serde(default)]
    pub label_width_mm: Option<f32>,
    /// Size of labels and values, 10.5 to 16; default 14 pt (四号).
    #[serde(default)]
    pub font_size_pt: Option<f32>,
}

/// Default width of a form's label cells.
pub const FORM_LABEL_MM: f32 = 34.0;

/// Default size of a form's text: 四号.
pub const FORM_PT: f32 = 14.0;

/// The line at the foot of a [`FormField`] with `sign`, printed in the PDF and in the .docx alike.
pub const SIGN_LINE: &str = "签名：　　　　　　日期：　　　年　　月　　日";

impl Form {
    /// The width of the label cells in millimetres: the model's own, else [`FORM_LABEL_MM`].
    pub fn label_width(&self) -> f32 {
        self.label_width_mm.unwrap_or(FORM_LABEL_MM)
    }

    /// The size of its text in points: the model's own, else [`FORM_PT`].
    pub fn font_size(&self) -> f32 {
        self.font_size_pt.unwrap_or(FORM_PT)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintFormField")]
pub struct FormField {
    pub label: String,
    #[serde(default)]
    pub value: String,
    /// Minimum height of the row; opinion boxes are tall.
    #[serde(default)]
    pub height_mm: Option<f32>,
    /// A box for a handwritten opinion: 签名 and 日期 (年 月 日) lines at its foot.
    #[serde(default)]
    pub sign: bool,
}

/// 发文机关署名 and 成文日期, placed as GB/T 9704 places them without a seal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintSignature")]
pub struct Signature {
    pub body: String,
    /// Printed as 2026年11月23日.
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintBlank")]
pub struct Blank {
    #[serde(default = "one")]
    pub lines: u8,
}

fn one() -> u8 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "PrintPageBreak")]
pub struct PageBreak {}

/// The document's fields other than its blocks, read first so that every error keeps its path.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    title: String,
    #[serde(default, with = "crate::coded::by_label")]
    classification: Option<Classification>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    orientation: Orientation,
    #[serde(default)]
    stamp: Option<ArchiveStamp>,
}

/// The most characters a print model file may hold.
pub const MAX_MODEL_CHARS: usize = 300_000;
/// The most blocks a print model may list.
pub const MAX_BLOCKS: usize = 10_000;

impl Document {
    /// Reads and checks a model; a bad one gets a message naming the JSON path at fault.
    pub fn from_json(text: &str) -> Result<Document, PrintError> {
        // A model is a few pages of 公文; these bounds keep a hostile one from taking minutes and
        // gigabytes (a 50 MB model once laid out 28,371 pages).
        let chars = text.chars().count();
        if chars > MAX_MODEL_CHARS {
            return Err(PrintError::invalid(
                "",
                format!("模型有 {chars} 个字符，超过上限 {MAX_MODEL_CHARS}，请拆分后再打印"),
            ));
        }
        let value = json::parse_value(text).map_err(|e| PrintError::invalid(e.path, e.message))?;
        Document::from_value(value)
    }

    pub fn from_value(value: Value) -> Result<Document, PrintError> {
        let Value::Object(mut map) = value else {
            return Err(PrintError::invalid("", "应为一个对象 {\"title\": …, \"blocks\": […]}"));
        };
        let blocks = map.remove("blocks").ok_or_else(|| PrintError::invalid("blocks", "缺少必填字段"))?;
        let head: Head = read(Value::Object(map), "")?;
        let Value::Array(blocks) = blocks else {
            return Err(PrintError::invalid("blocks", "应为数组"));
        };
        if blocks.len() > MAX_BLOCKS {
            return Err(PrintError::invalid(
                "blocks",
                format!("有 {} 个块，超过上限 {MAX_BLOCKS}，请拆分后再打印", blocks.len()),
            ));
        }
        let blocks = blocks
            .into_iter()
            .enumerate()
            .map(|(i, b)| read_block(b, &format!("blocks[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        let doc = Document {
            title: head.title,
            classification: head.classification,
            author: head.author,
            orientation: head.orientation,
            stamp: head.stamp,
            blocks,
        };
        doc.validate()?;
        Ok(doc)
    }

    /// Checks what serde cannot: ranges, widths, row lengths.
    pub fn validate(&self) -> Result<(), PrintError> {
        if self.title.trim().is_empty() {
            return Err(PrintError::invalid("title", "标题不能为空"));
        }
        let sheet = self.sheet();
        for (i, block) in self.blocks.iter().enumerate() {
            let at = |field: &str| format!("blocks[{i}]{field}");
            match block {
                Block::Heading(h) if !(1..=4).contains(&h.level) => {
                    return Err(PrintError::invalid(at(".level"), "标题层级应为 1 到 4"));
                }
                Block::Table(t) => validate_table(t, &sheet, &at)?,
                Block::Form(f) => validate_form(f, &sheet, &at)?,
                Block::Blank(b) if b.lines as usize > sheet.lines => {
                    return Err(PrintError::invalid(
                        at(".lines"),
                        format!("空行不能超过一页（{} 行）", sheet.lines),
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The paper this document is printed on.
    pub(crate) fn sheet(&self) -> Sheet {
        Sheet::of(self.orientation)
    }
}

fn validate_table(t: &Table, sheet: &Sheet, at: &dyn Fn(&str) -> String) -> Result<(), PrintError> {
    if t.columns.is_empty() {
        return Err(PrintError::invalid(at(".columns"), "表格至少要有一列"));
    }
    for (c, col) in t.columns.iter().enumerate() {
        if !(col.width_mm.is_finite() && col.width_mm >= 8.0) {
            return Err(PrintError::invalid(at(&format!(".columns[{c}].width_mm")), "列宽应不小于 8 毫米"));
        }
    }
    let total: f32 = t.columns.iter().map(|c| c.width_mm).sum();
    let width = sheet.text_width_mm;
    if total > width + 0.01 {
        return Err(PrintError::invalid(
            at(".columns"),
            format!("各列宽度之和为 {total:.1} 毫米，超过版心宽度 {width} 毫米"),
        ));
    }
    let n = t.columns.len();
    for (r, row) in t.rows.iter().enumerate() {
        if row.len() != n {
            return Err(PrintError::invalid(
                at(&format!(".rows[{r}]")),
                format!("这一行有 {} 格，表格有 {n} 列", row.len()),
            ));
        }
    }
    if let Some(totals) = &t.totals {
        if totals.len() != n {
            return Err(PrintError::invalid(
                at(".totals"),
                format!("合计行有 {} 格，表格有 {n} 列", totals.len()),
            ));
        }
    }
    if let Some(size) = t.font_size_pt {
        if !(7.0..=16.0).contains(&size) {
            return Err(PrintError::invalid(at(".font_size_pt"), "表格字号应在 7 到 16 磅之间"));
        }
    }
    Ok(())
}

fn validate_form(f: &Form, sheet: &Sheet, at: &dyn Fn(&str) -> String) -> Result<(), PrintError> {
    if f.rows.is_empty() {
        return Err(PrintError::invalid(at(".rows"), "表单至少要有一行"));
    }
    let label = f.label_width();
    if !(label.is_finite() && (10.0..=60.0).contains(&label)) {
        return Err(PrintError::invalid(at(".label_width_mm"), "标签列宽应在 10 到 60 毫米之间"));
    }
    if !(10.5..=16.0).contains(&f.font_size()) {
        return Err(PrintError::invalid(at(".font_size_pt"), "表单字号应在 10.5 到 16 磅之间"));
    }
    for (r, row) in f.rows.iter().enumerate() {
        if row.is_empty() || row.len() > 3 {
            return Err(PrintError::invalid(at(&format!(".rows[{r}]")), "每行应有 1 到 3 个栏目"));
        }
        for (c, field) in row.iter().enumerate() {
            if let Some(h) = field.height_mm {
                let most = sheet.text_height_mm;
                if !(h.is_finite() && h > 0.0 && h <= most) {
                    return Err(PrintError::invalid(
                        at(&format!(".rows[{r}][{c}].height_mm")),
                        format!("高度应大于 0 且不超过版心高度 {most} 毫米"),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn read_block(value: Value, path: &str) -> Result<Block, PrintError> {
    let Value::Object(mut map) = value else {
        return Err(PrintError::invalid(path, "应为一个对象，如 {\"type\": \"paragraph\", \"text\": \"…\"}"));
    };
    let kind = match map.remove("type") {
        Some(Value::String(s)) => s,
        Some(_) => return Err(PrintError::invalid(format!("{path}.type"), "应为字符串")),
        None => return Err(PrintError::invalid(format!("{path}.type"), "缺少必填字段")),
    };
    let value = Value::Object(map);
    Ok(match kind.as_str() {
        "title" => Block::Title(read(value, path)?),
        "heading" => Block::Heading(read(value, path)?),
        "paragraph" => Block::Paragraph(read(value, path)?),
        "table" => Block::Table(read(value, path)?),
        "form" => Block::Form(read(value, path)?),
        "signature" => Block::Signature(read(value, path)?),
        "blank" => Block::Blank(read(value, path)?),
        "page_break" => Block::PageBreak(read(value, path)?),
        other => {
            return Err(PrintError::invalid(
                format!("{path}.type"),
                format!("不认识的块类型“{other}”，应为 {}", Block::TYPES),
            ))
        }
    })
}

/// Deserializes `value` at `prefix` of the model; errors carry the full JSON path.
fn read<T: DeserializeOwned>(value: Value, prefix: &str) -> Result<T, PrintError> {
    json::from_value(value, prefix).map_err(|e| {
        // A refused 密级 says why, whatever serde found wrong with it.
        let field = matches!(e.kind, JsonErrorKind::MissingField | JsonErrorKind::UnknownField);
        let message = if !field && e.path.ends_with("classification") {
            "密级只能是“公开”“内部”或 null；涉密材料不得在本机处理".to_string()
        } else {
            e.message
        };
        PrintError::invalid(e.path, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> (String, String) {
        match Document::from_json(json) {
            Err(PrintError::Invalid { path, message }) => (path, message),
            other => panic!("expected an invalid-model error, got {other:?}"),
        }
    }

    #[test]
    fn the_issue_shape_is_accepted() {
        let doc = Document::from_json(
            r#"{"title": "关于做好年度总结的通知", "classification": "内部", "blocks": [
                {"type": "heading", "level": 1, "text": "一、总体要求"},
                {"type": "paragraph", "text": "各单位要按时报送。"},
                {"type": "table", "columns": [{"title": "单位", "width_mm": 30}], "rows": [["办公室"]]}
            ]}"#,
        )
        .expect("valid");
        assert_eq!(doc.classification, Some(Classification::Internal));
        assert_eq!(doc.blocks.len(), 3);
        assert!(matches!(&doc.blocks[1], Block::Paragraph(p) if p.indent && p.align == Align::Left));
    }

    #[test]
    fn a_bad_width_names_its_path() {
        let (path, message) = err(r#"{"title": "表", "blocks": [{"type": "paragraph", "text": "甲"},
            {"type": "blank"},
            {"type": "table", "columns": [{"title": "单位", "width_mm": "三十"}], "rows": []}]}"#);
        assert_eq!(path, "blocks[2].columns[0].width_mm");
        assert!(message.contains("数字"), "{message}");
    }

    #[test]
    fn missing_and_unknown_fields_name_the_field() {
        assert_eq!(
            err(r#"{"title": "表", "blocks": [{"type": "heading", "text": "一、"}]}"#).0,
            "blocks[0].level"
        );
        assert_eq!(
            err(r#"{"title": "表", "blocks": [{"type": "table", "columns": [{"title": "a", "widht_mm": 3}], "rows": []}]}"#).0,
            "blocks[0].columns[0].widht_mm"
        );
        assert_eq!(err(r#"{"blocks": []}"#).0, "title");
        assert_eq!(err(r#"{"title": "表", "blocks": [{"type": "poem"}]}"#).0, "blocks[0].type");
    }

    #[test]
    fn rules_serde_cannot_check_are_checked_with_paths() {
        let (path, message) = err(r#"{"title": "表", "blocks": [{"type": "table",
            "columns": [{"title": "a", "width_mm": 100}, {"title": "b", "width_mm": 100}], "rows": []}]}"#);
        assert_eq!(path, "blocks[0].columns");
        assert!(message.contains("156"));
        let (path, _) = err(r#"{"title": "表", "blocks": [{"type": "table",
            "columns": [{"title": "a", "width_mm": 30}], "rows": [["1"], ["1", "2"]]}]}"#);
        assert_eq!(path, "blocks[0].rows[1]");
        assert_eq!(
            err(r#"{"title": "表", "blocks": [{"type": "heading", "level": 7, "text": "x"}]}"#).0,
            "blocks[0].level"
        );
    }

    #[test]
    fn secret_classifications_are_refused() {
        let (path, message) = err(r#"{"title": "表", "classification": "秘密", "blocks": []}"#);
        assert_eq!(path, "classification");
        assert!(message.contains("涉密"));
    }

    #[test]
    fn the_model_round_trips_through_serde() {
        let doc = super::super::samples::form();
        let json = serde_json::to_string(&doc).expect("serializes");
        assert_eq!(Document::from_json(&json).expect("reads back"), doc);
    }
}

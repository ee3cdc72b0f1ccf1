//! 导入模板: a blank ledger for an office to fill in, with the columns the import reads and
//! dropdowns (data validation) for the coded fields and for the units of the directory, and a sheet
//! that says how to fill each column.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{Color, DataValidation, Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use super::{xlsx_error, ExportReport};
use crate::assignment::{FeedbackCycle, Source, Urgency};
use crate::calendar::Category;
use crate::coded::Coded;
use crate::org::{self, UnitQuery};
use crate::{files, Classification, Result};

/// The rows of the template that carry the dropdowns.
const ROWS: u32 = 1000;

/// The columns of the template: header, whether it must be filled, how, width.
pub const TEMPLATE_COLUMNS: &[(&str, bool, &str, f64)] = &[
    ("编号", false, "可不填：导入时按年度续编；填写时须形如 督〔2026〕12号，且不与已有编号重复", 14.0),
    ("标题", true, "事项名称，最多 200 字", 36.0),
    ("来源", false, "从下拉列表选择；不填为“其他”", 16.0),
    ("来文文号", false, "如 〔2026〕12号", 14.0),
    ("交办时间", false, "日期，如 2026-03-05 或 2026年3月5日；不填为导入当天", 14.0),
    ("事项内容与要求", true, "最多 20000 字", 48.0),
    ("类别", false, "从下拉列表选择；决定默认办理时限", 12.0),
    ("紧急程度", false, "从下拉列表选择；不填为“一般”", 10.0),
    ("牵头单位", true, "从下拉列表选择本机单位，或填全称、简称", 22.0),
    ("协办单位", false, "多个单位用顿号、逗号或空格分开", 24.0),
    ("第一责任人", true, "牵头单位的人员姓名", 12.0),
    ("办理时限", false, "日期，或“3个工作日”“2026年9月底前”；不填按类别的默认时限", 16.0),
    ("反馈周期", false, "从下拉列表选择；不填为“无”", 10.0),
    ("密级", false, "公开或内部；涉密事项不得录入本程序", 8.0),
    ("标签", false, "多个标签用顿号分开", 14.0),
];

fn labels<T: Coded>() -> Vec<&'static str> {
    T::ALL.iter().map(|v| v.label()).collect()
}

/// `luoshi-cli item template` and the import's 下载模板: the blank template at `dest` (`.xlsx`
/// added when missing).
pub fn write_import_template(conn: &Connection, dest: &Path) -> Result<ExportReport> {
    let dest = files::with_extension(dest, "xlsx");
    let units: Vec<String> = org::list_units(conn, &UnitQuery::default())?
        .into_iter()
        .filter(|u| u.active)
        .map(|u| u.name)
        .collect();
    let mut book = Workbook::new();
    fill(&mut book, &units).map_err(|e| xlsx_error(&dest, e))?;
    let bytes = book.save_to_buffer().map_err(|e| xlsx_error(&dest, e))?;
    files::write_atomically(&dest, &bytes)?;
    Ok(ExportReport { path: dest.display().to_string(), rows: 0, bytes: bytes.len() as u64, internal: false })
}

fn column_of(header: &str) -> u16 {
    TEMPLATE_COLUMNS.iter().position(|(h, ..)| *h == header).unwrap_or_default() as u16
}

fn dropdown(sheet: &mut Worksheet, header: &str, list: DataValidation) -> std::result::Result<(), XlsxError> {
    let col = column_of(header);
    let list = list
        .set_error_title(format!("{header}无效"))?
        .set_error_message(format!("请从下拉列表中选择{header}"))?;
    sheet.add_data_validation(1, col, ROWS, col, &list)?;
    Ok(())
}

fn fill(book: &mut Workbook, units: &[String]) -> std::result::Result<(), XlsxError> {
    let border = Format::new().set_border(FormatBorder::Thin);
    let required = border.clone().set_bold().set_background_color(Color::RGB(0xFFE7BA));
    let optional = border.clone().set_bold().set_background_color(Color::RGB(0xF0F0F0));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name("交办事项")?;
    for (col, (header, must, _, width)) in TEMPLATE_COLUMNS.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *header, if *must { &required } else { &optional })?;
        sheet.set_column_width(col, *width)?;
    }
    for header in ["交办时间", "办理时限"] {
        sheet.set_column_format(column_of(header), &date)?;
    }
    dropdown(sheet, "来源", DataValidation::new().allow_list_strings(&labels::<Source>())?)?;
    dropdown(sheet, "类别", DataValidation::new().allow_list_strings(&labels::<Category>())?)?;
    dropdown(sheet, "紧急程度", DataValidation::new().allow_list_strings(&labels::<Urgency>())?)?;
    dropdown(sheet, "反馈周期", DataValidation::new().allow_list_strings(&labels::<FeedbackCycle>())?)?;
    dropdown(sheet, "密级", DataValidation::new().allow_list_strings(&labels::<Classification>())?)?;
    if !units.is_empty() {
        // A list of units may be longer than the 255 characters a list in the rule may hold: the
        // dropdown reads a hidden sheet. Full and short names typed by hand are accepted too, so a
        // name not in the list only warns.
        let rule = DataValidation::new()
            .allow_list_formula(Formula::new(format!("=单位!$A$1:$A${}", units.len())))
            .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Warning);
        dropdown(sheet, "牵头单位", rule)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let help = book.add_worksheet();
    help.set_name("填写说明")?;
    help.write_string_with_format(0, 0, "列", &optional)?;
    help.write_string_with_format(0, 1, "必填", &optional)?;
    help.write_string_with_format(0, 2, "怎样填写", &optional)?;
    for (i, (header, must, rule, _)) in TEMPLATE_COLUMNS.iter().enumerate() {
        let row = i as u32 + 1;
        help.write_string(row, 0, *header)?;
        help.write_string(row, 1, if *must { "是" } else { "" })?;
        help.write_string(row, 2, *rule)?;
    }
    help.set_column_width(0, 14)?;
    help.set_column_width(2, 70)?;
    let list = book.add_worksheet();
    list.set_name("单位")?;
    for (i, name) in units.iter().enumerate() {
        list.write_string(i as u32, 0, name)?;
    }
    list.set_hidden(true);
    Ok(())
}

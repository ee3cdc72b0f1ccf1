//! 导出台账: the items a ledger query matches as one `.xlsx` sheet, every field a column, in the
//! ledger's order: real date cells, the light as its word on a cell of its colour, a frozen header
//! row with an autofilter, column widths for Chinese text, and, when any row is 内部, 内部 marked
//! above the table and in the print header.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use rusqlite::Connection;
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use serde::Serialize;
use ts_rs::TS;

use super::xlsx_error;
use crate::assignment::{self, LedgerQuery, LedgerRow};
use crate::{files, Classification, Result};

/// The columns of the exported ledger: header and width (in Excel's character units).
pub const LEDGER_COLUMNS: &[(&str, f64)] = &[
    ("编号", 14.0),
    ("标题", 36.0),
    ("来源", 16.0),
    ("来文文号", 16.0),
    ("类别", 10.0),
    ("紧急程度", 10.0),
    ("牵头单位", 22.0),
    ("协办单位", 26.0),
    ("第一责任人", 12.0),
    ("交办时间", 17.0),
    ("办理时限", 17.0),
    ("时限已按日历确认", 10.0),
    ("状态", 10.0),
    ("亮灯", 10.0),
    ("办结时间", 17.0),
    ("密级", 8.0),
    ("标签", 16.0),
    ("事项内容与要求", 60.0),
];

/// What an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportReport {
    pub path: String,
    pub rows: usize,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Whether any row is 内部 (and the file is marked so).
    pub internal: bool,
}

/// The fields a ledger row does not carry: content, 来文文号, 协办单位 and 办结时间, by item.
struct Extra {
    content: String,
    source_doc_no: Option<String>,
    cooperators: Option<String>,
    closed_at: Option<String>,
}

fn extras(conn: &Connection) -> Result<HashMap<i64, Extra>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.content, a.source_doc_no, a.closed_at,
                (SELECT group_concat(u.name, '、') FROM assignment_cooperator c JOIN unit u ON u.id = c.unit_id
                  WHERE c.assignment_id = a.id)
         FROM assignment a",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Extra {
                content: r.get(1)?,
                source_doc_no: r.get(2)?,
                closed_at: r.get(3)?,
                cooperators: r.get(4)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn excel_time(t: DateTime<FixedOffset>) -> std::result::Result<ExcelDateTime, rust_xlsxwriter::XlsxError> {
    let t = t.with_timezone(&crate::time::cst());
    ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)?.and_hms(
        t.hour() as u16,
        t.minute() as u8,
        t.second(),
    )
}

/// 导出台账 to `dest` (`.xlsx` added when missing): the rows `query` matches, all of them.
pub fn export_ledger(conn: &Connection, query: &LedgerQuery, dest: &Path) -> Result<ExportReport> {
    let dest = files::with_extension(dest, "xlsx");
    let rows = assignment::ledger_all(conn, query)?;
    let extra = extras(conn)?;
    let internal = rows.iter().any(|r| r.classification == Classification::Internal);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    write_sheet(sheet, &rows, &extra, internal).map_err(|e| xlsx_error(&dest, e))?;
    let bytes = book.save_to_buffer().map_err(|e| xlsx_error(&dest, e))?;
    files::write_atomically(&dest, &bytes)?;
    Ok(ExportReport {
        path: dest.display().to_string(),
        rows: rows.len(),
        bytes: bytes.len() as u64,
        internal,
    })
}

fn write_sheet(
    sheet: &mut Worksheet,
    rows: &[LedgerRow],
    extra: &HashMap<i64, Extra>,
    internal: bool,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    sheet.set_name("台账")?;
    let border = Format::new().set_border(FormatBorder::Thin);
    let header =
        border.clone().set_bold().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xF0F0F0));
    let text = border.clone().set_align(FormatAlign::Top);
    let wrapped = text.clone().set_text_wrap();
    let time = text.clone().set_num_format("yyyy-mm-dd hh:mm");
    // 内部 above the table and in the print header; the table starts one row lower.
    let first = if internal {
        let mark = Format::new().set_bold().set_font_color(Color::RGB(0xCF1322)).set_font_size(14);
        sheet.write_string_with_format(0, 0, Classification::Internal.label(), &mark)?;
        sheet.set_header("&L&\"-,Bold\"内部");
        1
    } else {
        0
    };
    for (col, (title, width)) in LEDGER_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(first, col as u16, *title, &header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = first + 1 + i as u32;
        let none = Extra { content: String::new(), source_doc_no: None, cooperators: None, closed_at: None };
        let more = extra.get(&row.id).unwrap_or(&none);
        let cells: [&str; 9] = [
            &row.number,
            &row.title,
            row.source.label(),
            more.source_doc_no.as_deref().unwrap_or(""),
            row.category.label(),
            row.urgency.label(),
            &row.lead_unit.name,
            more.cooperators.as_deref().unwrap_or(""),
            &row.responsible.name,
        ];
        for (col, value) in cells.iter().enumerate() {
            let format = if col == 1 || col == 7 { &wrapped } else { &text };
            sheet.write_string_with_format(r, col as u16, *value, format)?;
        }
        sheet.write_datetime_with_format(r, 9, excel_time(row.assigned_at)?, &time)?;
        sheet.write_datetime_with_format(r, 10, excel_time(row.deadline)?, &time)?;
        sheet.write_string_with_format(r, 11, if row.deadline_confirmed { "是" } else { "否" }, &text)?;
        sheet.write_string_with_format(r, 12, row.state.label(), &text)?;
        let light = text.clone().set_background_color(Color::RGB(row.light.paper_fill()));
        sheet.write_string_with_format(r, 13, row.light.label(), &light)?;
        match more.closed_at.as_deref().map(crate::time::parse_stored).transpose() {
            Ok(Some(closed)) => sheet.write_datetime_with_format(r, 14, excel_time(closed)?, &time)?,
            _ => sheet.write_string_with_format(r, 14, "", &text)?,
        };
        sheet.write_string_with_format(r, 15, row.classification.label(), &text)?;
        sheet.write_string_with_format(r, 16, row.tags.join("、"), &text)?;
        sheet.write_string_with_format(r, 17, &more.content, &wrapped)?;
    }
    let last_col = LEDGER_COLUMNS.len() as u16 - 1;
    sheet.set_freeze_panes(first + 1, 2)?;
    sheet.autofilter(first, 0, first + rows.len().max(1) as u32, last_col)?;
    sheet.set_landscape();
    sheet.set_repeat_rows(first, first)?;
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

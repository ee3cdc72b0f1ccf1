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
use crate::assignment::{self, FeedbackCycle, LedgerQuery, LedgerRow};
use crate::{files, Classification, Result};

/// How many columns the exported ledger has.
const COLUMNS: usize = 25;

/// The columns of the exported ledger: header and width (in Excel's character units).
pub const LEDGER_COLUMNS: [(&str, f64); COLUMNS] = [
    ("编号", 14.0),
    ("标题", 36.0),
    ("来源", 16.0),
    ("来文文号", 16.0),
    ("交办领导", 10.0),
    ("类别", 10.0),
    ("紧急程度", 10.0),
    ("牵头单位", 22.0),
    ("协办单位", 26.0),
    ("第一责任人", 12.0),
    ("分管领导", 10.0),
    ("联系人", 10.0),
    ("联系电话", 14.0),
    ("交办时间", 17.0),
    ("办理时限", 17.0),
    ("时限已按日历确认", 10.0),
    ("反馈周期", 10.0),
    ("状态", 10.0),
    ("亮灯", 10.0),
    ("签收时间", 17.0),
    ("最近反馈时间", 17.0),
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

/// The fields a ledger row does not carry, by item.
#[derive(Default)]
struct Extra {
    content: String,
    source_doc_no: Option<String>,
    assigning_leader: Option<String>,
    cooperators: Option<String>,
    leader_in_charge: Option<String>,
    contact: Option<String>,
    contact_phone: Option<String>,
    feedback_cycle: Option<FeedbackCycle>,
    accepted_at: Option<String>,
    last_report_at: Option<String>,
    closed_at: Option<String>,
}

fn extras(conn: &Connection) -> Result<HashMap<i64, Extra>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.content, a.source_doc_no, al.name,
                (SELECT group_concat(u.name, '、') FROM assignment_cooperator c JOIN unit u ON u.id = c.unit_id
                  WHERE c.assignment_id = a.id),
                lc.name, a.contact, a.contact_phone, a.feedback_cycle, a.accepted_at, a.last_report_at, a.closed_at
         FROM assignment a
         LEFT JOIN person al ON al.id = a.assigning_leader_id
         LEFT JOIN person lc ON lc.id = a.leader_in_charge_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Extra {
                content: r.get(1)?,
                source_doc_no: r.get(2)?,
                assigning_leader: r.get(3)?,
                cooperators: r.get(4)?,
                leader_in_charge: r.get(5)?,
                contact: r.get(6)?,
                contact_phone: r.get(7)?,
                feedback_cycle: Some(r.get(8)?),
                accepted_at: r.get(9)?,
                last_report_at: r.get(10)?,
                closed_at: r.get(11)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

/// One cell of a row, by how it is written.
enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    /// Text that may run over lines (titles, unit lists, content).
    Long(&'a str),
    Time(DateTime<FixedOffset>),
    /// A stored time text, empty when absent.
    Stored(Option<&'a str>),
    Light,
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
    let none = Extra::default();
    for (i, row) in rows.iter().enumerate() {
        let r = first + 1 + i as u32;
        let more = extra.get(&row.id).unwrap_or(&none);
        // In the order of LEDGER_COLUMNS; the array's length makes a missing cell a compile error.
        let cells: [Cell; COLUMNS] = [
            Cell::Text(&row.number),
            Cell::Long(&row.title),
            Cell::Text(row.source.label()),
            Cell::Text(opt(&more.source_doc_no)),
            Cell::Text(opt(&more.assigning_leader)),
            Cell::Text(row.category.label()),
            Cell::Text(row.urgency.label()),
            Cell::Long(&row.lead_unit.name),
            Cell::Long(opt(&more.cooperators)),
            Cell::Text(&row.responsible.name),
            Cell::Text(opt(&more.leader_in_charge)),
            Cell::Text(opt(&more.contact)),
            Cell::Text(opt(&more.contact_phone)),
            Cell::Time(row.assigned_at),
            Cell::Time(row.deadline),
            Cell::Text(if row.deadline_confirmed { "是" } else { "否" }),
            Cell::Text(more.feedback_cycle.map_or("", FeedbackCycle::label)),
            Cell::Text(row.state.label()),
            Cell::Light,
            Cell::Stored(more.accepted_at.as_deref()),
            Cell::Stored(more.last_report_at.as_deref()),
            Cell::Stored(more.closed_at.as_deref()),
            Cell::Text(row.classification.label()),
            Cell::Owned(row.tags.join("、")),
            Cell::Long(&more.content),
        ];
        for (col, cell) in cells.into_iter().enumerate() {
            let col = col as u16;
            let stored = |t: Option<&str>| t.and_then(|t| crate::time::parse_stored(t).ok());
            match cell {
                Cell::Text(v) => sheet.write_string_with_format(r, col, v, &text)?,
                Cell::Owned(v) => sheet.write_string_with_format(r, col, v, &text)?,
                Cell::Long(v) => sheet.write_string_with_format(r, col, v, &wrapped)?,
                Cell::Time(t) => sheet.write_datetime_with_format(r, col, excel_time(t)?, &time)?,
                Cell::Stored(t) => match stored(t) {
                    Some(t) => sheet.write_datetime_with_format(r, col, excel_time(t)?, &time)?,
                    None => sheet.write_string_with_format(r, col, "", &text)?,
                },
                Cell::Light => {
                    let light = text.clone().set_background_color(Color::RGB(row.light.paper_fill()));
                    sheet.write_string_with_format(r, col, row.light.label(), &light)?
                }
            };
        }
    }
    let last_col = LEDGER_COLUMNS.len() as u16 - 1;
    sheet.set_freeze_panes(first + 1, 2)?;
    sheet.autofilter(first, 0, first + rows.len().max(1) as u32, last_col)?;
    sheet.set_landscape();
    sheet.set_repeat_rows(first, first)?;
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

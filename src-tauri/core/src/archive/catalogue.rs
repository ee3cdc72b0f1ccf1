//! 归档文件目录 (A4 landscape, the DA/T 22 columns in 档号 order, a cover per class), the same as
//! .xlsx, and per box the 备考表 and the spine label.

use rusqlite::Connection;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;
use ts_rs::TS;

use super::settings::{self, ArchiveSetup};
use super::{list_files, ArchiveFile, ArchiveQuery, Retention};
use crate::print::{
    Align, Block, Column, Document, Form, FormField, Orientation, PageBreak, Table, TitleBlock,
};
use std::path::{Path, PathBuf};

use crate::{files, profile, time, Classification, Error, Result};

/// The 件 of one class (year, retention, 机构) in 件号 order.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, rename = "ArchiveClass")]
pub struct Class {
    pub year: i32,
    pub retention: Retention,
    pub org_code: String,
    /// The department's name, when the code is one of the office's.
    pub org_name: String,
    pub files: Vec<ArchiveFile>,
}

/// A catalogue: the classes of a year (of one retention when asked), in 档号 order.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, rename = "ArchiveCatalogue")]
pub struct Catalogue {
    pub fonds_code: String,
    pub fonds_name: String,
    pub year: i32,
    pub classes: Vec<Class>,
}

/// The columns of the 归档文件目录, in DA/T 22's order, with their widths on landscape A4 (225 mm).
pub const CATALOGUE_COLUMNS: [(&str, f32, Align); 9] = [
    ("序号", 11.0, Align::Center),
    ("档号", 58.0, Align::Left),
    ("文号", 22.0, Align::Left),
    ("责任者", 25.0, Align::Left),
    ("题名", 52.0, Align::Left),
    ("日期", 19.0, Align::Center),
    ("密级", 12.0, Align::Center),
    ("页数", 12.0, Align::Center),
    ("备注", 14.0, Align::Left),
];

/// The classes of `year` (of `retention` only, when given).
pub fn catalogue(conn: &Connection, year: i32, retention: Option<Retention>) -> Result<Catalogue> {
    let setup = settings::get_setup(conn)?;
    let files = list_files(conn, &ArchiveQuery { year: Some(year), retention, ..Default::default() })?;
    if files.is_empty() {
        return Err(Error::NotFound(match retention {
            Some(r) => format!("{year}年度没有保管期限为{}的归档件", r.label()),
            None => format!("{year}年度没有归档件"),
        }));
    }
    let mut classes: Vec<Class> = Vec::new();
    for f in files {
        match classes.last_mut() {
            Some(c) if c.retention == f.retention && c.org_code == f.org_code => c.files.push(f),
            _ => classes.push(Class {
                year,
                retention: f.retention,
                org_code: f.org_code.clone(),
                org_name: org_name(&setup, &f.org_code),
                files: vec![f],
            }),
        }
    }
    Ok(Catalogue {
        fonds_code: setup.settings.fonds_code.clone(),
        fonds_name: setup.settings.fonds_name.clone(),
        year,
        classes,
    })
}

fn org_name(setup: &ArchiveSetup, code: &str) -> String {
    match setup.org_codes.iter().find(|c| c.code == code) {
        Some(c) => c.unit_name.clone(),
        None if code == setup.office_code => setup.office_name.clone(),
        None => String::new(),
    }
}

/// 机构(问题) as the cover writes it: 督查室（DCS）.
fn org_text(class: &Class) -> String {
    if class.org_name.is_empty() {
        class.org_code.clone()
    } else {
        format!("{}（{}）", class.org_name, class.org_code)
    }
}

/// The rows of one class as the catalogue prints them.
fn rows(class: &Class) -> Vec<Vec<String>> {
    class
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                (i + 1).to_string(),
                f.archival_code.clone(),
                f.doc_no.clone(),
                f.author.clone(),
                f.printed_title(),
                f.date.clone(),
                f.printed_classification().to_string(),
                f.pages.to_string(),
                f.remark.clone(),
            ]
        })
        .collect()
}

/// The 归档文件目录 as a print model: for each class a cover (全宗号, 全宗名称, 年度, 保管期限,
/// 机构(问题)) and then its table, whose header the engine repeats on every page.
pub fn catalogue_document(cat: &Catalogue) -> Document {
    let mut blocks = Vec::new();
    let cover = |label: &str, value: String| FormField {
        label: label.into(),
        value,
        height_mm: Some(14.0),
        sign: false,
    };
    for (i, class) in cat.classes.iter().enumerate() {
        if i > 0 {
            blocks.push(Block::PageBreak(PageBreak {}));
            blocks.push(Block::Title(TitleBlock { text: "归档文件目录".into() }));
        }
        blocks.push(Block::Blank(crate::print::Blank { lines: 2 }));
        blocks.push(Block::Form(Form {
            rows: vec![
                vec![cover("全宗号", cat.fonds_code.clone())],
                vec![cover("全宗名称", cat.fonds_name.clone())],
                vec![cover("年度", cat.year.to_string())],
                vec![cover("保管期限", class.retention.label().to_string())],
                vec![cover("机构(问题)", org_text(class))],
            ],
            label_width_mm: Some(40.0),
            font_size_pt: None,
        }));
        blocks.push(Block::PageBreak(PageBreak {}));
        blocks.push(Block::Table(Table {
            columns: CATALOGUE_COLUMNS
                .iter()
                .map(|(title, width_mm, align)| Column {
                    title: (*title).into(),
                    width_mm: *width_mm,
                    align: *align,
                })
                .collect(),
            rows: rows(class),
            totals: None,
            font_size_pt: Some(10.5),
        }));
    }
    let internal =
        cat.classes.iter().flat_map(|c| &c.files).any(|f| f.classification == Classification::Internal);
    Document {
        title: "归档文件目录".into(),
        classification: internal.then_some(Classification::Internal),
        author: Some(cat.fonds_name.clone()).filter(|s| !s.is_empty()),
        orientation: Orientation::Landscape,
        stamp: None,
        blocks,
    }
}

/// The 归档文件目录 of `year` (of `retention`) as a print model: the one door of the window and the CLI.
pub fn catalogue_paper(conn: &Connection, year: i32, retention: Option<Retention>) -> Result<Document> {
    Ok(catalogue_document(&catalogue(conn, year, retention)?))
}

/// The 备考表 and spine labels of `year`'s boxes as a print model.
pub fn boxes_paper(conn: &Connection, year: i32) -> Result<Document> {
    box_sheets(conn, &catalogue(conn, year, None)?)
}

/// Writes the catalogue of `year` (of `retention`) as .xlsx to `dest` (`.xlsx` added when missing).
pub fn save_catalogue_xlsx(
    conn: &Connection,
    year: i32,
    retention: Option<Retention>,
    dest: &Path,
) -> Result<PathBuf> {
    let dest = files::with_extension(dest, "xlsx");
    let bytes = catalogue_xlsx(&catalogue(conn, year, retention)?)?;
    files::write_atomically(&dest, &bytes)?;
    Ok(dest)
}

/// The catalogue as .xlsx: a sheet per class (named like 2026-D30-DCS), its cover facts above the
/// table, header frozen and printed on every page, landscape A4.
pub fn catalogue_xlsx(cat: &Catalogue) -> Result<Vec<u8>> {
    let path = std::path::Path::new("归档文件目录.xlsx");
    write_xlsx(cat).map_err(|e| crate::exchange::xlsx_error(path, e))
}

fn write_xlsx(cat: &Catalogue) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let border = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
    let header = Format::new()
        .set_border(FormatBorder::Thin)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xF0F0F0));
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    for class in &cat.classes {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("{}-{}-{}", cat.year, class.retention.mark(), class.org_code))?;
        sheet.set_landscape();
        sheet.set_paper_size(9);
        sheet.merge_range(0, 0, 0, 8, "归档文件目录", &title)?;
        let facts = format!(
            "全宗号：{}　全宗名称：{}　年度：{}　保管期限：{}　机构(问题)：{}",
            cat.fonds_code,
            cat.fonds_name,
            cat.year,
            class.retention.label(),
            org_text(class)
        );
        sheet.merge_range(1, 0, 1, 8, &facts, &Format::new())?;
        for (col, (name, width_mm, _)) in CATALOGUE_COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(2, col as u16, *name, &header)?;
            sheet.set_column_width(col as u16, f64::from(*width_mm) / 2.2)?;
        }
        for (r, row) in rows(class).iter().enumerate() {
            for (col, value) in row.iter().enumerate() {
                sheet.write_string_with_format(3 + r as u32, col as u16, value, &border)?;
            }
        }
        sheet.set_freeze_panes(3, 0)?;
        sheet.set_repeat_rows(2, 2)?;
    }
    book.save_to_buffer()
}

/// The 备考表 of every box of the catalogue, then the spine labels: a class's 件 are boxed in
/// 件号 order, `box_capacity` to a box, boxes numbered from 1 within the class.
pub fn box_sheets(conn: &Connection, cat: &Catalogue) -> Result<Document> {
    let capacity = settings::get_settings(conn)?.box_capacity.max(1) as usize;
    let sorter = profile::get_profile(conn)?.map(|p| p.name).unwrap_or_default();
    let today = time::chinese_date(time::now().date_naive());
    let field =
        |label: &str, value: String| FormField { label: label.into(), value, height_mm: None, sign: false };
    let mut blocks = Vec::new();
    let mut spines = Vec::new();
    for class in &cat.classes {
        for (b, chunk) in class.files.chunks(capacity).enumerate() {
            let first = chunk.first().map(|f| f.item_no).unwrap_or_default();
            let last = chunk.last().map(|f| f.item_no).unwrap_or_default();
            let range = format!("{first:04}—{last:04}");
            let pages: i64 = chunk.iter().map(|f| f.pages).sum();
            let internal = chunk.iter().filter(|f| f.classification == Classification::Internal).count();
            let mut note = format!("本盒共{}件，{pages}页，件号{range}。", chunk.len());
            if internal > 0 {
                note.push_str(&format!("其中内部件{internal}件。"));
            }
            if !blocks.is_empty() {
                blocks.push(Block::PageBreak(PageBreak {}));
                blocks.push(Block::Title(TitleBlock { text: "备考表".into() }));
            }
            blocks.push(Block::Form(Form {
                rows: vec![
                    vec![field("全宗号", cat.fonds_code.clone()), field("年度", cat.year.to_string())],
                    vec![
                        field("保管期限", class.retention.label().into()),
                        field("机构(问题)", org_text(class)),
                    ],
                    vec![field("盒号", (b + 1).to_string()), field("起止件号", range.clone())],
                    vec![FormField { height_mm: Some(80.0), ..field("盒内文件情况说明", note) }],
                    vec![field("整理人", sorter.clone()), field("整理日期", today.clone())],
                    vec![field("检查人", String::new()), field("检查日期", "　　年　　月　　日".into())],
                ],
                label_width_mm: Some(30.0),
                font_size_pt: None,
            }));
            spines.push(vec![
                cat.fonds_code.clone(),
                cat.year.to_string(),
                class.retention.label().to_string(),
                org_text(class),
                range,
                (b + 1).to_string(),
            ]);
        }
    }
    blocks.push(Block::PageBreak(PageBreak {}));
    blocks.push(Block::Title(TitleBlock { text: "档案盒盒脊".into() }));
    let col = |title: &str, width_mm: f32| Column { title: title.into(), width_mm, align: Align::Center };
    blocks.push(Block::Table(Table {
        columns: vec![
            col("全宗号", 22.0),
            col("年度", 18.0),
            col("保管期限", 24.0),
            col("机构(问题)", 40.0),
            col("起止件号", 32.0),
            col("盒号", 16.0),
        ],
        rows: spines,
        totals: None,
        font_size_pt: Some(12.0),
    }));
    Ok(Document {
        title: "备考表".into(),
        classification: None,
        author: Some(cat.fonds_name.clone()).filter(|s| !s.is_empty()),
        orientation: Default::default(),
        stamp: None,
        blocks,
    })
}

//! Reading a spreadsheet the user names into plain grids of cells: `.xlsx`, `.xlsm` and `.xls`
//! through calamine (merged cells spread over every cell they cover, dates in either date system),
//! `.csv` in UTF-8 or GBK. Anything else, a WPS `.et` among them, is refused with what to do.

use std::path::Path;

use calamine::{Data, Dimensions, Reader};
use chrono::NaiveDateTime;

use crate::files::{FileRole, InputFile};
use crate::{Error, Result};

/// One cell as the importer sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (read in the workbook's own date system).
    Date(NaiveDateTime),
    Bool(bool),
    /// A formula error such as `#DIV/0!`.
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way the sheet shows it: whole numbers without `.0`, dates as
    /// `2026-03-05` (with the time when there is one).
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) if d.time() == chrono::NaiveTime::MIN => d.format("%Y-%m-%d").to_string(),
            Value::Date(d) => d.format("%Y-%m-%d %H:%M").to_string(),
            Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Value::Error(e) => e.clone(),
        }
    }
}

/// One sheet: its name and its rows, each as long as the widest row.
#[derive(Debug, Clone)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Value>>,
}

/// The most cells one file may hold: a ledger of 100,000 rows of 40 columns.
const MAX_CELLS: usize = 4_000_000;

/// A file's sheets and its SHA-256 (lowercase hex), which the import records with its items.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub grids: Vec<Grid>,
    pub sha256: String,
}

/// Reads every sheet of `path`. The file is refused before it is read when it is over the size
/// limit; a damaged or unknown file gets a Chinese message naming it.
pub fn read(path: &Path) -> Result<Workbook> {
    use sha2::Digest;
    let file = InputFile::new(FileRole::Ledger, path);
    let bytes = file.read_bytes()?;
    let sha256 = crate::text::hex(&sha2::Sha256::digest(&bytes));
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let grids = match extension.as_str() {
        "csv" | "txt" => vec![read_csv(path, &bytes).map_err(|e| file.error(e))?],
        "et" | "ett" => {
            return Err(file.error(Error::invalid(
                "file",
                "这是 WPS 表格的 .et 文件，本程序不能直接读取。请在 WPS 中打开，“另存为”Excel 工作簿（.xlsx）后再导入",
            )))
        }
        _ => read_workbook(&bytes).map_err(|e| file.error(e))?,
    };
    let cells: usize = grids.iter().map(|g| g.rows.iter().map(Vec::len).sum::<usize>()).sum();
    if cells > MAX_CELLS {
        return Err(file.error(Error::invalid(
            "file",
            format!("表格有 {cells} 个单元格，超过上限 {MAX_CELLS}，请分成几个文件导入"),
        )));
    }
    Ok(Workbook { grids, sha256 })
}

fn unreadable() -> Error {
    Error::invalid(
        "file",
        "不是能读取的 Excel 文件（支持 .xlsx、.xlsm、.xls 和 .csv）。若是 WPS 或其他程序的文件，请另存为 .xlsx 后再导入",
    )
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Grid>> {
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let names = book.sheet_names();
    let mut grids = Vec::with_capacity(names.len());
    for name in names {
        let range = match book.worksheet_range(&name) {
            Ok(range) => range,
            // A chart sheet or a macro sheet has no cells: it is not a table.
            Err(_) => continue,
        };
        let merged = merged_cells(&mut book, &name);
        grids.push(grid(name, &range, &merged));
    }
    Ok(grids)
}

/// The merged areas of a sheet; a file whose merge list cannot be read is read without it.
fn merged_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
) -> Vec<Dimensions> {
    match book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The sheet from A1 (calamine's range starts at the first used cell), with each merged area's
/// value copied into every cell it covers: a unit merged down over three items belongs to each.
fn grid(name: String, range: &calamine::Range<Data>, merged: &[Dimensions]) -> Grid {
    let (start_row, start_col) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
    let width = start_col + range.width();
    let mut rows: Vec<Vec<Value>> = vec![vec![Value::Empty; width]; start_row];
    for row in range.rows() {
        let mut cells = vec![Value::Empty; start_col];
        cells.extend(row.iter().map(value));
        rows.push(cells);
    }
    for area in merged {
        let (r0, c0) = (area.start.0 as usize, area.start.1 as usize);
        let (r1, c1) = (area.end.0 as usize, area.end.1 as usize);
        let Some(top_left) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else { continue };
        for row in rows.iter_mut().take(r1 + 1).skip(r0) {
            for cell in row.iter_mut().take(c1 + 1).skip(c0) {
                *cell = top_left.clone();
            }
        }
    }
    Grid { name, rows }
}

fn value(cell: &Data) -> Value {
    match cell {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) => Value::Date(t),
            None => Value::Number(d.as_f64()),
        },
        Data::DateTimeIso(s) => chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(chrono::NaiveTime::MIN))
            })
            .map(Value::Date)
            .unwrap_or_else(|_| Value::Text(s.clone())),
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

/// A CSV file as one sheet named after the file. Real Chinese CSV files are mostly GBK (Excel's
/// 另存为 CSV on a Chinese Windows): text that is not valid UTF-8 is read as GB18030, GBK's superset.
fn read_csv(path: &Path, bytes: &[u8]) -> Result<Grid> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t.strip_prefix('\u{feff}').unwrap_or(t)),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                return Err(Error::invalid(
                    "file",
                    "既不是 UTF-8 也不是 GBK 编码的文本，请在 WPS 或 Excel 中另存为 .xlsx 后再导入",
                ));
            }
            text
        }
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Error::invalid("file", format!("第 {} 行不是正确的 CSV 格式：{}", i + 1, csv_problem(&e)))
        })?;
        rows.push(
            record
                .iter()
                .map(|s| if s.trim().is_empty() { Value::Empty } else { Value::Text(s.to_string()) })
                .collect::<Vec<_>>(),
        );
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, Value::Empty);
    }
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "CSV".into());
    Ok(Grid { name, rows })
}

fn csv_problem(e: &csv::Error) -> &'static str {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "含有无法识别的字符",
        _ => "引号不成对或格式有误",
    }
}

/// The spreadsheet's column name of a 0-based index: A, B … Z, AA …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_run_like_the_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn csv_in_gbk_and_in_utf8_with_a_bom_read_the_same() {
        let dir = tempfile::tempdir().expect("dir");
        let text = "标题,牵头单位\r\n推进老旧小区改造,住建局\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let gbk_path = dir.path().join("台账.csv");
        std::fs::write(&gbk_path, &gbk).expect("write");
        let utf8_path = dir.path().join("台账2.csv");
        std::fs::write(&utf8_path, format!("\u{feff}{text}")).expect("write");
        for path in [gbk_path, utf8_path] {
            let grids = read(&path).expect("reads").grids;
            assert_eq!(grids[0].rows[1][0], Value::Text("推进老旧小区改造".into()));
            assert_eq!(grids[0].rows.len(), 2);
        }
    }

    #[test]
    fn a_wps_file_and_garbage_are_refused_in_chinese_naming_the_file() {
        let dir = tempfile::tempdir().expect("dir");
        let et = dir.path().join("台账.et");
        std::fs::write(&et, b"not a sheet").expect("write");
        let err = read(&et).expect_err("et");
        assert!(err.to_string().contains("台账.et") && err.to_string().contains("另存为"), "{err}");
        let junk = dir.path().join("台账.xlsx");
        std::fs::write(&junk, b"PK\x03\x04 broken").expect("write");
        let err = read(&junk).expect_err("junk");
        assert!(err.is_bad_input() && err.to_string().contains("不是能读取的 Excel 文件"), "{err}");
    }

    #[test]
    fn cell_text_reads_as_the_sheet_shows_it() {
        assert_eq!(Value::Number(15.0).text(), "15");
        assert_eq!(Value::Number(1.5).text(), "1.5");
        let d =
            chrono::NaiveDate::from_ymd_opt(2026, 3, 5).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("date");
        assert_eq!(Value::Date(d).text(), "2026-03-05");
    }
}

//! Finding the table in a sheet by itself: the header row (or two, with merged group cells above
//! their columns) among title rows and 填报单位 lines, and the data rows below it without blank
//! rows, totals (合计, 总计, 小计, 共N项), notes and repeated headers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::{match_header, HeaderField};
use super::workbook::{column_letter, Grid, Value};

/// How far down a sheet the header is looked for.
const HEADER_SEARCH_ROWS: usize = 30;

/// One column of a found table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, concrete(F = crate::exchange::LedgerField))]
pub struct Column<F: TS> {
    /// 0-based.
    pub index: usize,
    /// A, B … as the spreadsheet names it.
    pub letter: String,
    /// The header as the sheet writes it; a two-row header joins group and column: 责任单位/牵头单位.
    pub header: String,
    #[ts(optional)]
    pub field: Option<F>,
}

/// A data row: the spreadsheet's own 1-based row number and its cells.
#[derive(Debug, Clone)]
pub struct DataRow {
    pub number: usize,
    pub cells: Vec<Value>,
}

/// A table found in a sheet.
#[derive(Debug, Clone)]
pub struct Table<F: TS> {
    pub sheet: String,
    /// The 1-based rows the header takes (one or two).
    pub header_rows: Vec<usize>,
    pub columns: Vec<Column<F>>,
    pub rows: Vec<DataRow>,
}

impl<F: HeaderField + TS> Table<F> {
    /// The cell of `field` in `row`, when a column is mapped to it.
    pub fn cell<'a>(&self, row: &'a DataRow, field: F) -> Option<&'a Value> {
        let column = self.columns.iter().find(|c| c.field == Some(field))?;
        row.cells.get(column.index).filter(|v| !v.is_empty())
    }

    /// The header texts, as one key: a file with the same header gets the mapping chosen last time.
    pub fn signature(&self) -> String {
        self.columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>().join("\u{1f}")
    }

    /// Maps the columns anew (the user's choice): `fields[i]` for column `i`.
    pub fn remap(&mut self, fields: &[Option<F>]) {
        for column in &mut self.columns {
            column.field = fields.get(column.index).copied().flatten();
        }
    }
}

/// The table of `grid`, or `None` when no row of its top reads as a header that names `F::KEY`.
pub fn find<F: HeaderField + TS>(grid: &Grid) -> Option<Table<F>> {
    let (top, _) = (0..grid.rows.len().min(HEADER_SEARCH_ROWS))
        .map(|r| (r, header_fields::<F>(&grid.rows[r])))
        .filter(|(_, fields)| fields.contains(&Some(F::KEY)) && fields.iter().flatten().count() >= 2)
        .max_by_key(|(r, fields)| (fields.iter().flatten().count(), std::cmp::Reverse(*r)))?;
    // The best row may be the second of two: the columns under merged group cells name more
    // fields than the row above them.
    let top = match top.checked_sub(1) {
        Some(above)
            if header_fields::<F>(&grid.rows[above]).iter().flatten().count() >= 2
                && is_lower_header::<F>(&grid.rows[above], &grid.rows[top]) =>
        {
            above
        }
        _ => top,
    };
    let upper = &grid.rows[top];
    let lower = grid.rows.get(top + 1);
    let two_rows = lower.is_some_and(|lower| is_lower_header::<F>(upper, lower));
    let width = upper.len();
    let mut columns = Vec::with_capacity(width);
    let mut taken: Vec<F> = Vec::new();
    for index in 0..width {
        let up = upper[index].text();
        let (header, field) = match lower.filter(|_| two_rows).map(|l| l[index].text()) {
            Some(low) if !low.is_empty() && low != up => {
                let field = match_header::<F>(&low).or_else(|| match_header::<F>(&up));
                let header = if up.is_empty() { low } else { format!("{up}/{low}") };
                (header, field)
            }
            _ => (up.clone(), match_header::<F>(&up)),
        };
        if header.is_empty() {
            continue;
        }
        // The first column that names a field takes it; a second one is kept as text.
        let field = field.filter(|f| !taken.contains(f));
        taken.extend(field);
        columns.push(Column { index, letter: column_letter(index), header, field });
    }
    let first_data = top + if two_rows { 2 } else { 1 };
    let header_texts: Vec<String> = upper.iter().map(Value::text).collect();
    let rows = grid.rows[first_data.min(grid.rows.len())..]
        .iter()
        .enumerate()
        .map(|(i, cells)| DataRow { number: first_data + i + 1, cells: cells.clone() })
        .filter(|row| is_data(&row.cells, &columns, &header_texts))
        .collect();
    let header_rows = if two_rows { vec![top + 1, top + 2] } else { vec![top + 1] };
    Some(Table { sheet: grid.name.clone(), header_rows, columns, rows })
}

fn header_fields<F: HeaderField>(row: &[Value]) -> Vec<Option<F>> {
    let mut fields: Vec<Option<F>> = row
        .iter()
        .map(|v| match v {
            Value::Text(t) if t.chars().count() <= 20 => match_header::<F>(t),
            _ => None,
        })
        .collect();
    // A merged header cell repeats its text over the columns it covers: count it once.
    for i in 1..fields.len() {
        if fields[i].is_some() && row[i] == row[i - 1] {
            fields[i] = None;
        }
    }
    fields
}

/// The row under a header is its second row when every cell that differs from the one above is a
/// header text too, and at least one does (the columns under a merged group cell).
fn is_lower_header<F: HeaderField>(upper: &[Value], lower: &[Value]) -> bool {
    let mut named = 0;
    for (up, low) in upper.iter().zip(lower) {
        if low.is_empty() || low == up {
            continue;
        }
        match low {
            Value::Text(t) if match_header::<F>(t).is_some() => named += 1,
            _ => return false,
        }
    }
    named > 0
}

/// Words that open a row that is not an item: totals and notes under the table.
const TOTAL_WORDS: [&str; 4] = ["合计", "总计", "小计", "汇总"];
const NOTE_WORDS: [&str; 5] = ["注：", "注:", "备注：", "说明：", "填表说明"];

fn is_data(cells: &[Value], columns: &[Column<impl TS>], header: &[String]) -> bool {
    // Only the table's own columns count: a stray note beside the table is not a row.
    let texts: Vec<String> =
        columns.iter().map(|c| cells.get(c.index).map(Value::text).unwrap_or_default()).collect();
    let filled: Vec<&String> = texts.iter().filter(|t| !t.is_empty()).collect();
    let Some(first) = filled.first() else { return false };
    let squeezed: String = first.chars().filter(|c| !c.is_whitespace()).collect();
    if TOTAL_WORDS.iter().any(|w| squeezed.starts_with(w)) || is_count_line(&squeezed) {
        return false;
    }
    if filled.len() <= 2 && NOTE_WORDS.iter().any(|w| squeezed.starts_with(w)) {
        return false;
    }
    // A row of numbers alone (a serial number with nothing else) carries no item.
    if filled.iter().all(|t| t.chars().all(|c| c.is_ascii_digit() || c == '.')) {
        return false;
    }
    // The header repeated (a sheet pasted from several pages).
    let repeated =
        columns.iter().zip(&texts).filter(|(c, t)| !t.is_empty() && header.get(c.index) == Some(t)).count();
    repeated < filled.len().max(2)
}

/// 共15项, 共计 15 件.
fn is_count_line(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("共计").or_else(|| text.strip_prefix('共')) else { return false };
    let digits =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十百".contains(c));
    digits.len() < rest.len() && ["项", "件", "条", "个"].iter().any(|u| digits.starts_with(u))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::LedgerField;

    fn text(s: &str) -> Value {
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s.into())
        }
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        Grid {
            name: "台账".into(),
            rows: rows
                .iter()
                .map(|r| {
                    let mut cells: Vec<Value> = r.iter().map(|s| text(s)).collect();
                    cells.resize(width, Value::Empty);
                    cells
                })
                .collect(),
        }
    }

    #[test]
    fn a_two_row_header_under_a_title_and_a_fill_in_line_is_found_with_its_groups() {
        let g = grid(&[
            &[
                "2026年重点工作督查台账",
                "2026年重点工作督查台账",
                "2026年重点工作督查台账",
                "2026年重点工作督查台账",
                "2026年重点工作督查台账",
            ],
            &["填报单位：市政府督查室", "", "", "填报时间：2026年3月10日", ""],
            &[],
            &["序号", "督办事项", "责任单位", "责任单位", "办理时限"],
            &["序号", "督办事项", "牵头单位", "配合单位", "办理时限"],
            &["1", "推进老旧小区改造", "住建局", "发改委、教育局", "2026年9月底前"],
            &[],
            &["2", "落实课后服务", "教育局", "", "6月30日前"],
            &["合计", "共2项", "", "", ""],
            &["注：本表每月5日前报送", "", "", "", ""],
        ]);
        let table = find::<LedgerField>(&g).expect("found");
        assert_eq!(table.header_rows, vec![4, 5]);
        let fields: Vec<_> = table.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![
                Some(LedgerField::Serial),
                Some(LedgerField::Title),
                Some(LedgerField::LeadUnit),
                Some(LedgerField::CooperatingUnits),
                Some(LedgerField::Deadline)
            ]
        );
        assert_eq!(table.columns[2].header, "责任单位/牵头单位");
        assert_eq!(table.rows.iter().map(|r| r.number).collect::<Vec<_>>(), vec![6, 8]);
    }

    #[test]
    fn a_sheet_without_a_title_column_has_no_table() {
        let g = grid(&[&["说明"], &["本台账每月更新一次。"], &["单位", "电话"]]);
        assert!(find::<LedgerField>(&g).is_none());
    }

    #[test]
    fn count_lines_are_told_from_titles() {
        assert!(is_count_line("共15项"));
        assert!(is_count_line("共计十二件"));
        assert!(!is_count_line("共建共享示范社区创建"));
    }
}

//! Lays a [`Document`] out on pages: body text on the GB/T 9704 grid, tables and forms as bordered
//! boxes that start on a grid line, marks and page numbers. The result is positioned text and
//! rules in points from the page's top-left corner; [`super::render`] turns it into PDF.

use std::collections::BTreeSet;

use super::fonts::{face_for, FontRole};
use super::geometry::{mm, Grid, Sheet, BODY_PT, PAGE_NUMBER_PT, TITLE_PT};
use super::linebreak::{self, Unit};
use super::model::{
    Align, ArchiveStamp, Block, Classification, Document, Form, FormField, Signature, Table, FORM_PT,
    SIGN_LINE,
};
use super::PrintError;

const TABLE_PT: f32 = 12.0;
const CELL_PAD_X: f32 = mm(1.5);
const CELL_PAD_Y: f32 = mm(1.2);
/// 归档章: each of its six boxes (width, height in mm), its distance from the page's top edge, its text.
const STAMP_BOX_MM: (f32, f32) = (15.0, 8.0);
const STAMP_TOP_MM: f32 = 10.0;
const STAMP_PT: f32 = 10.5;

/// One line of text: characters advance by their own width plus `gap`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub role: FontRole,
    pub gap: f32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextLine),
    /// A straight rule from (x1, y1) to (x2, y2).
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

#[derive(Debug, Default, Clone)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    /// The page's text lines in the order they were laid out.
    pub fn lines(&self) -> Vec<String> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.text.clone()),
                _ => None,
            })
            .collect()
    }
}

/// Natural width of `ch` in `role` at `size`, recording characters no font has.
struct Measure {
    missing: BTreeSet<char>,
}

impl Measure {
    fn width(&mut self, role: FontRole, size: f32, ch: char) -> Result<f32, PrintError> {
        match face_for(role, ch)? {
            Some(face) => Ok(face.advance_em(ch)? * size),
            None => {
                self.missing.insert(ch);
                Ok(size)
            }
        }
    }

    fn units(&mut self, text: &str, role: FontRole, size: f32) -> Result<Vec<Unit>, PrintError> {
        let mut failure = None;
        let units = linebreak::units(text, &mut |ch| {
            self.width(role, size, ch).unwrap_or_else(|e| {
                failure = Some(e);
                size
            })
        });
        failure.map_or(Ok(units), Err)
    }

    fn word_units(&mut self, text: &str, role: FontRole, size: f32) -> Result<Vec<Unit>, PrintError> {
        let tokens = crate::text::jieba().cut(text, false);
        let words: Vec<&str> = tokens.iter().map(|t| t.word).collect();
        let mut failure = None;
        let units = linebreak::word_units(&words, &mut |ch| {
            self.width(role, size, ch).unwrap_or_else(|e| {
                failure = Some(e);
                size
            })
        });
        failure.map_or(Ok(units), Err)
    }

    /// Fails with the characters no shipped font has, naming where they are.
    fn check(&mut self, path: &str) -> Result<(), PrintError> {
        if self.missing.is_empty() {
            return Ok(());
        }
        let chars = std::mem::take(&mut self.missing)
            .into_iter()
            .map(|c| format!("“{c}”（U+{:04X}）", c as u32))
            .collect::<Vec<_>>()
            .join("、");
        Err(PrintError::MissingGlyphs { path: path.to_string(), chars })
    }
}

fn text_of(units: &[Unit]) -> String {
    units.iter().map(|u| u.text.as_str()).collect()
}

fn width_of(units: &[Unit]) -> f32 {
    units.iter().map(|u| u.width).sum()
}

fn chars_of(units: &[Unit]) -> usize {
    units.iter().map(|u| u.text.chars().count()).sum()
}

struct Layout {
    grid: Grid,
    pages: Vec<Page>,
    /// Next free grid line on the last page.
    line: usize,
    measure: Measure,
}

/// The most pages one document may lay out to; past this it is refused, not printed.
pub const MAX_PAGES: usize = 2_000;

/// Lays the document out; every page gets its number.
pub fn layout(doc: &Document) -> Result<Vec<Page>, PrintError> {
    let mut l = Layout {
        grid: Grid::on(&doc.sheet()),
        pages: vec![Page::default()],
        line: 0,
        measure: Measure { missing: BTreeSet::new() },
    };
    if doc.classification == Some(Classification::Internal) {
        l.text_line(0, l.grid.left, BODY_PT, FontRole::HeiTi, 0.0, "内部".to_string());
        l.line = 1;
    }
    l.title(&doc.title)?;
    l.measure.check("title")?;
    l.line += 1;
    for (i, block) in doc.blocks.iter().enumerate() {
        let path = format!("blocks[{i}]");
        if matches!(block, Block::Heading(_)) && l.line > 0 {
            // A run of headings (一、 then （一）) stays with the first line of text after it.
            let run = doc.blocks[i..].iter().take_while(|b| matches!(b, Block::Heading(_))).count();
            if l.line + run + 1 > l.grid.lines {
                l.new_page();
            }
        }
        l.block(block, &path)?;
        l.measure.check(&path)?;
        if l.pages.len() > MAX_PAGES {
            return Err(PrintError::invalid(
                path,
                format!("排版后超过 {MAX_PAGES} 页，请拆分成几份后再打印"),
            ));
        }
    }
    l.page_numbers()?;
    if let Some(stamp) = &doc.stamp {
        l.stamp(stamp, &doc.sheet())?;
        l.measure.check("stamp")?;
    }
    Ok(l.pages)
}

impl Layout {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.line = 0;
    }

    /// Makes sure grid line `self.line` exists, starting a page when the last one is full.
    fn ensure_line(&mut self) {
        if self.line >= self.grid.lines {
            self.new_page();
        }
    }

    fn text_line(&mut self, line: usize, x: f32, size: f32, role: FontRole, gap: f32, text: String) {
        let baseline = self.grid.baseline(line, size);
        self.page().items.push(Item::Text(TextLine { x, baseline, size, role, gap, text }));
    }

    fn block(&mut self, block: &Block, path: &str) -> Result<(), PrintError> {
        match block {
            Block::Title(t) => {
                if self.line > 0 {
                    self.line += 1;
                }
                self.title(&t.text)?;
                self.line += 1;
            }
            Block::Heading(h) => {
                let role = match h.level {
                    1 => FontRole::HeiTi,
                    2 => FontRole::KaiTi,
                    _ => FontRole::FangSong,
                };
                // Keep a heading with the text that follows it.
                if self.line + 1 >= self.grid.lines {
                    self.new_page();
                }
                self.paragraph(&h.text, role, Align::Left, true)?;
            }
            Block::Paragraph(p) => self.paragraph(&p.text, FontRole::FangSong, p.align, p.indent)?,
            Block::Blank(b) => {
                self.line += b.lines as usize;
            }
            Block::PageBreak(_) => {
                if self.line > 0 {
                    self.new_page();
                }
            }
            Block::Signature(s) => self.signature(s)?,
            Block::Table(t) => self.table(t, path)?,
            Block::Form(f) => self.form(f, path)?,
        }
        Ok(())
    }

    /// 2号小标宋, centred, in lines of balanced length.
    fn title(&mut self, text: &str) -> Result<(), PrintError> {
        let units = self.measure.word_units(text, FontRole::XiaoBiaoSong, TITLE_PT)?;
        for line in linebreak::balanced_lines(&units, self.grid.width) {
            self.ensure_line();
            let us = &units[line.start..line.end];
            let x = self.grid.left + (self.grid.width - width_of(us)) / 2.0;
            self.text_line(self.line, x, TITLE_PT, FontRole::XiaoBiaoSong, 0.0, text_of(us));
            self.line += 1;
        }
        Ok(())
    }

    /// Body text on the grid: full lines justified to the text area, the last line placed by `align`.
    fn paragraph(
        &mut self,
        text: &str,
        role: FontRole,
        align: Align,
        indent: bool,
    ) -> Result<(), PrintError> {
        let g = self.grid;
        let units = self.measure.units(text, role, BODY_PT)?;
        let indent_cells = if indent && align == Align::Left { 2 } else { 0 };
        let cells = g.chars;
        let first = (cells - indent_cells) as f32 * BODY_PT;
        let rest = cells as f32 * BODY_PT;
        let lines = linebreak::break_lines(&units, first, rest);
        let count = lines.len();
        for (n, line) in lines.into_iter().enumerate() {
            self.ensure_line();
            let x0 = g.left + if n == 0 { indent_cells as f32 * g.char_pitch } else { 0.0 };
            let set_end = if line.hang { line.end - 1 } else { line.end };
            let mut set = &units[line.start..set_end];
            while set.last().is_some_and(|u| u.space) {
                set = &set[..set.len() - 1];
            }
            let all = &units[line.start..line.end];
            let natural = width_of(set);
            let glyphs = chars_of(set);
            let (x, gap) = if n + 1 < count && glyphs > 1 {
                (x0, (g.right() - x0 - natural) / (glyphs - 1) as f32)
            } else {
                let w = natural + g.grid_gap() * glyphs.saturating_sub(1) as f32;
                let x = match align {
                    Align::Left => x0,
                    Align::Center => g.left + (g.width - w) / 2.0,
                    Align::Right => g.right() - w,
                };
                (x, g.grid_gap())
            };
            self.text_line(self.line, x, BODY_PT, role, gap, text_of(all));
            self.line += 1;
        }
        Ok(())
    }

    /// GB/T 9704 7.3.5.2 (no seal): one blank line, the body right-spaced two characters, the date
    /// below it starting two characters further right; a longer date is right-spaced two instead.
    fn signature(&mut self, s: &Signature) -> Result<(), PrintError> {
        let g = self.grid;
        let date = crate::time::chinese_date(s.date);
        let width = |l: &mut Layout, t: &str| -> Result<f32, PrintError> {
            let us = l.measure.units(t, FontRole::FangSong, BODY_PT)?;
            Ok(width_of(&us) + g.grid_gap() * chars_of(&us).saturating_sub(1) as f32)
        };
        let body_w = width(self, &s.body)?;
        let date_w = width(self, &date)?;
        let two = 2.0 * g.char_pitch;
        let (mut body_x, mut date_x) = if date_w > body_w {
            let date_x = g.right() - two - date_w;
            (date_x - two, date_x)
        } else {
            let body_x = g.right() - two - body_w;
            (body_x, body_x + two)
        };
        let overflow = (date_x + date_w - (g.right() - two)).max(0.0);
        body_x = (body_x - overflow).max(g.left);
        date_x -= overflow;
        self.line += 1;
        if self.line + 2 > self.grid.lines {
            self.new_page();
        }
        self.text_line(self.line, body_x, BODY_PT, FontRole::FangSong, g.grid_gap(), s.body.clone());
        self.text_line(self.line + 1, date_x, BODY_PT, FontRole::FangSong, g.grid_gap(), date);
        self.line += 2;
        Ok(())
    }

    /// "— 1 —" in 4号宋体, 7 mm below the text area; odd pages right, even pages left, one character in.
    fn page_numbers(&mut self) -> Result<(), PrintError> {
        let g = self.grid;
        for n in 0..self.pages.len() {
            let text = format!("— {} —", n + 1);
            let units = self.measure.units(&text, FontRole::SongTi, PAGE_NUMBER_PT)?;
            let w = width_of(&units);
            let x = if n % 2 == 0 { g.right() - PAGE_NUMBER_PT - w } else { g.left + PAGE_NUMBER_PT };
            let baseline = g.page_number_top() + super::geometry::EM_ASCENT * PAGE_NUMBER_PT;
            let line = TextLine { x, baseline, size: PAGE_NUMBER_PT, role: FontRole::SongTi, gap: 0.0, text };
            self.pages[n].items.push(Item::Text(line));
        }
        self.measure.check("page_numbers")
    }

    /// Top of the free space, as a y coordinate; boxes start on a grid line.
    fn box_top(&mut self) -> f32 {
        self.ensure_line();
        self.grid.line_top(self.line)
    }

    /// After a box ending at `bottom`, continue on the first grid line clear of it.
    fn after_box(&mut self, bottom: f32) {
        self.line = self.grid.line_at_or_below(bottom + mm(1.0));
    }

    fn table(&mut self, t: &Table, path: &str) -> Result<(), PrintError> {
        let g = self.grid;
        let size = t.font_size_pt.unwrap_or(TABLE_PT);
        let widths: Vec<f32> = t.columns.iter().map(|c| mm(c.width_mm)).collect();
        let left = g.left + (g.width - widths.iter().sum::<f32>()) / 2.0;
        let header_cells: Vec<Cell> = t
            .columns
            .iter()
            .map(|c| self.cell(&c.title, FontRole::HeiTi, size, Align::Center))
            .collect::<Result<_, _>>()?;
        let header = Row::new(header_cells, size);
        let mut rows = Vec::with_capacity(t.rows.len() + 1);
        for (r, cells) in t.rows.iter().enumerate() {
            let cells = cells
                .iter()
                .zip(&t.columns)
                .map(|(text, col)| self.cell(text, FontRole::FangSong, size, col.align))
                .collect::<Result<Vec<_>, _>>()?;
            rows.push((format!("{path}.rows[{r}]"), Row::new(cells, size)));
        }
        if let Some(totals) = &t.totals {
            let cells = totals
                .iter()
                .zip(&t.columns)
                .map(|(text, col)| self.cell(text, FontRole::HeiTi, size, col.align))
                .collect::<Result<Vec<_>, _>>()?;
            rows.push((format!("{path}.totals"), Row::new(cells, size)));
        }
        let header = header.wrapped(&widths);
        let mut y = self.box_top();
        if y + header.height + 1.0 > g.bottom() {
            self.new_page();
            y = self.box_top();
        }
        self.draw_row(&header, &widths, left, y);
        y += header.height;
        for (row_path, row) in rows {
            let row = row.wrapped(&widths);
            if header.height + row.height > g.height {
                return Err(PrintError::TooTall { path: row_path });
            }
            if y + row.height > g.bottom() + 0.01 {
                self.new_page();
                y = self.box_top();
                self.draw_row(&header, &widths, left, y);
                y += header.height;
            }
            self.draw_row(&row, &widths, left, y);
            y += row.height;
        }
        self.after_box(y);
        Ok(())
    }

    fn cell(&mut self, text: &str, role: FontRole, size: f32, align: Align) -> Result<Cell, PrintError> {
        let units = linebreak::keep_dates(self.measure.units(text, role, size)?);
        Ok(Cell { units, role, align, lines: Vec::new() })
    }

    /// A form label, broken between words (分管领导/意见, never 分管领导意/见) unless a word is
    /// wider than the label column.
    fn label_cell(&mut self, text: &str, width: f32, size: f32) -> Result<Cell, PrintError> {
        let cap = width - 2.0 * CELL_PAD_X;
        let words = self.measure.word_units(text, FontRole::HeiTi, size)?;
        if words.iter().any(|u| u.width > cap + 0.01) {
            return self.cell(text, FontRole::HeiTi, size, Align::Center);
        }
        Ok(Cell { units: words, role: FontRole::HeiTi, align: Align::Center, lines: Vec::new() })
    }

    /// Draws one row's borders and text, each cell's text centred vertically.
    fn draw_row(&mut self, row: &Row, widths: &[f32], left: f32, top: f32) {
        let items = row_items(row, widths, left, top);
        self.page().items.extend(items);
    }

    /// 归档章 on the first page: two rows of three 15 × 8 mm boxes, centred across the page in the
    /// top margin, clear of the 内部 mark and the title below it. 页数 is the pages laid out, unless
    /// the stamp gives its own.
    fn stamp(&mut self, stamp: &ArchiveStamp, sheet: &Sheet) -> Result<(), PrintError> {
        let pages = stamp.pages.map_or(self.pages.len(), |p| p as usize).to_string();
        let widths = [mm(STAMP_BOX_MM.0); 3];
        let left = mm((sheet.page_width_mm - 3.0 * STAMP_BOX_MM.0) / 2.0);
        let mut top = mm(STAMP_TOP_MM);
        let mut items = Vec::new();
        for values in [[&stamp.fonds, &stamp.year, &stamp.item_no], [&stamp.org, &stamp.retention, &pages]] {
            let cells = values
                .iter()
                .map(|v| self.cell(v, FontRole::SongTi, STAMP_PT, Align::Center))
                .collect::<Result<Vec<_>, _>>()?;
            let mut row = Row::new(cells, STAMP_PT).wrapped(&widths);
            row.height = row.height.max(mm(STAMP_BOX_MM.1));
            items.extend(row_items(&row, &widths, left, top));
            top += row.height;
        }
        self.pages[0].items.extend(items);
        Ok(())
    }

    fn form(&mut self, f: &Form, path: &str) -> Result<(), PrintError> {
        let g = self.grid;
        let label_w = mm(f.label_width());
        let size = f.font_size();
        let mut y = self.box_top();
        for (r, fields) in f.rows.iter().enumerate() {
            let n = fields.len() as f32;
            let value_w = (g.width - n * label_w) / n;
            let mut widths = Vec::new();
            let mut cells = Vec::new();
            // 12 mm a row at 14 pt, less at a smaller size.
            let mut min_h: f32 = mm(12.0 * size / FORM_PT);
            for field in fields {
                widths.extend([label_w, value_w]);
                cells.push(self.label_cell(&field.label, label_w, size)?);
                cells.push(self.cell(&field.value, FontRole::FangSong, size, Align::Left)?);
                min_h = min_h.max(field.height_mm.map(mm).unwrap_or(0.0));
            }
            let signs = fields.iter().any(|f| f.sign);
            let mut row = Row::new(cells, size).wrapped(&widths);
            if signs {
                // Room under the opinion for the signature line; a box without a height of its own
                // also gets a line to write in (one with a height has that room in it).
                let no_height = fields.iter().any(|f| f.sign && f.height_mm.is_none());
                row.height += row.leading * if no_height { 2.0 } else { 1.0 };
            }
            row.height = row.height.max(min_h);
            if row.height > g.height {
                return Err(PrintError::TooTall { path: format!("{path}.rows[{r}]") });
            }
            if y + row.height > g.bottom() + 0.01 {
                self.new_page();
                y = self.box_top();
            }
            if signs {
                self.draw_opinion_row(&row, fields, &widths, y)?;
            } else {
                self.draw_row(&row, &widths, g.left, y);
            }
            y += row.height;
        }
        self.after_box(y);
        Ok(())
    }

    /// Opinion boxes: any text at the top, 签名 and 日期 lines at the foot.
    fn draw_opinion_row(
        &mut self,
        row: &Row,
        fields: &[FormField],
        widths: &[f32],
        top: f32,
    ) -> Result<(), PrintError> {
        let g = self.grid;
        let bottom = top + row.height;
        let mut items = vec![
            Item::Rule { x1: g.left, y1: top, x2: g.right(), y2: top },
            Item::Rule { x1: g.left, y1: bottom, x2: g.right(), y2: bottom },
            Item::Rule { x1: g.left, y1: top, x2: g.left, y2: bottom },
        ];
        let mut x = g.left;
        for (i, (cell, &w)) in row.cells.iter().zip(widths).enumerate() {
            items.push(Item::Rule { x1: x + w, y1: top, x2: x + w, y2: bottom });
            let is_label = i % 2 == 0;
            let text_h = cell.lines.len() as f32 * row.leading;
            let y0 = if is_label { top + (row.height - text_h) / 2.0 } else { top + CELL_PAD_Y };
            items.extend(cell.text_items(x, w, y0, row.size, row.leading));
            if !is_label && fields[i / 2].sign {
                let units = self.measure.units(SIGN_LINE, FontRole::FangSong, row.size)?;
                let sign_w = width_of(&units);
                let baseline = bottom - CELL_PAD_Y - row.leading * 0.5;
                items.push(Item::Text(TextLine {
                    x: x + w - CELL_PAD_X - mm(4.0) - sign_w,
                    baseline,
                    size: row.size,
                    role: FontRole::FangSong,
                    gap: 0.0,
                    text: SIGN_LINE.to_string(),
                }));
            }
            x += w;
        }
        self.page().items.extend(items);
        Ok(())
    }
}

/// A table or form cell: its units, and once wrapped its lines.
struct Cell {
    units: Vec<Unit>,
    role: FontRole,
    align: Align,
    lines: Vec<(String, f32)>,
}

impl Cell {
    fn text_items(&self, x: f32, w: f32, y0: f32, size: f32, leading: f32) -> Vec<Item> {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, (text, width))| {
                let tx = match self.align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Center => x + (w - width) / 2.0,
                    Align::Right => x + w - CELL_PAD_X - width,
                };
                // The em box is centred in the leading.
                let baseline =
                    y0 + i as f32 * leading + (leading - size) / 2.0 + super::geometry::EM_ASCENT * size;
                Item::Text(TextLine { x: tx, baseline, size, role: self.role, gap: 0.0, text: text.clone() })
            })
            .collect()
    }
}

/// The borders and text of one row, each cell's text centred vertically.
fn row_items(row: &Row, widths: &[f32], left: f32, top: f32) -> Vec<Item> {
    let mut x = left;
    let bottom = top + row.height;
    let mut items = vec![
        Item::Rule { x1: left, y1: top, x2: left + widths.iter().sum::<f32>(), y2: top },
        Item::Rule { x1: left, y1: bottom, x2: left + widths.iter().sum::<f32>(), y2: bottom },
        Item::Rule { x1: left, y1: top, x2: left, y2: bottom },
    ];
    for (cell, &w) in row.cells.iter().zip(widths) {
        items.push(Item::Rule { x1: x + w, y1: top, x2: x + w, y2: bottom });
        let text_h = cell.lines.len() as f32 * row.leading;
        let y0 = top + (row.height - text_h) / 2.0;
        items.extend(cell.text_items(x, w, y0, row.size, row.leading));
        x += w;
    }
    items
}

struct Row {
    cells: Vec<Cell>,
    size: f32,
    leading: f32,
    height: f32,
}

impl Row {
    fn new(cells: Vec<Cell>, size: f32) -> Row {
        Row { cells, size, leading: size * 1.45, height: 0.0 }
    }

    /// Wraps every cell to its column and sets the row's height.
    fn wrapped(mut self, widths: &[f32]) -> Row {
        let mut most = 1;
        for (cell, &w) in self.cells.iter_mut().zip(widths) {
            let cap = w - 2.0 * CELL_PAD_X;
            cell.lines = linebreak::break_lines(&cell.units, cap, cap)
                .into_iter()
                .map(|l| {
                    let us = &cell.units[l.start..l.end];
                    (text_of(us), width_of(us))
                })
                .collect();
            most = most.max(cell.lines.len());
        }
        self.height = most as f32 * self.leading + 2.0 * CELL_PAD_Y;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::geometry::{to_mm, CHARS_PER_LINE};
    use crate::print::model::{Heading, Paragraph};

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            title: "测试".into(),
            classification: None,
            author: None,
            orientation: Default::default(),
            stamp: None,
            blocks,
        }
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph { text: text.into(), align: Align::Left, indent: true })
    }

    fn body_lines(pages: &[Page]) -> Vec<&TextLine> {
        pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text(t) if t.role == FontRole::FangSong && t.size == BODY_PT => Some(t),
                _ => None,
            })
            .collect()
    }

    fn form(rows: Vec<Vec<FormField>>) -> Block {
        Block::Form(Form { rows, label_width_mm: Some(28.0), font_size_pt: None })
    }

    fn field(label: &str, value: &str) -> FormField {
        FormField { label: label.into(), value: value.into(), height_mm: None, sign: false }
    }

    #[test]
    fn form_labels_break_between_words_and_dates_in_cells_stay_whole() {
        let rows = vec![
            vec![field("分管领导意见", "")],
            vec![field("承办单位签收意见", "")],
            vec![field("总结期间", "2026年1月1日至12月2日"), field("报送日期", "2026年12月2日")],
        ];
        let pages = layout(&doc(vec![form(rows)])).expect("lays out");
        let lines = pages[0].lines();
        for whole in ["分管领导", "意见", "承办单位", "签收意见"] {
            assert!(lines.iter().any(|l| l == whole), "{whole} not a line of its own: {lines:?}");
        }
        assert!(lines.iter().all(|l| !l.ends_with("意") && !l.starts_with('见')), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("12月2日")), "a date broke: {lines:?}");
        assert!(lines.iter().all(|l| !l.ends_with("12") && !l.starts_with('月')), "{lines:?}");
    }

    #[test]
    fn full_body_lines_hold_28_characters_edge_to_edge() {
        let pages = layout(&doc(vec![para(&"落实督办事项".repeat(30))])).expect("lays out");
        let lines = body_lines(&pages);
        assert_eq!(lines[0].text.chars().count(), CHARS_PER_LINE - 2);
        for l in &lines[1..lines.len() - 1] {
            assert_eq!(l.text.chars().count(), CHARS_PER_LINE);
            let right = l.x + 27.0 * (BODY_PT + l.gap) + BODY_PT;
            assert!((to_mm(right) - 184.0).abs() < 0.01);
        }
    }

    #[test]
    fn a_full_page_has_22_lines_and_the_next_starts_at_the_top() {
        let blocks = (0..30).map(|_| para("短段落。")).collect();
        let pages = layout(&doc(blocks)).expect("lays out");
        assert_eq!(pages.len(), 2);
        // Title, a blank line, then 20 paragraphs fill page one.
        assert_eq!(body_lines(&pages[..1]).len(), 20);
        let first_on_two = body_lines(&pages[1..])[0];
        assert!(
            (first_on_two.baseline - Grid::on(&crate::print::geometry::PORTRAIT).baseline(0, BODY_PT)).abs()
                < 1e-3
        );
    }

    #[test]
    fn landscape_pages_hold_15_lines_of_40_characters_and_wider_tables() {
        let mut d = doc((0..20).map(|_| para(&"落实督办事项".repeat(30))).collect());
        d.orientation = crate::print::Orientation::Landscape;
        let pages = layout(&d).expect("lays out");
        let lines = body_lines(&pages);
        assert_eq!(lines[0].text.chars().count(), 38);
        for l in &lines[1..4] {
            assert_eq!(l.text.chars().count(), 40);
            let right = l.x + 39.0 * (BODY_PT + l.gap) + BODY_PT;
            assert!((to_mm(right) - 262.0).abs() < 0.01, "37 mm margin + 225 mm text area");
        }
        // Title, a blank line and 13 lines of paragraphs on page one.
        assert_eq!(body_lines(&pages[..1]).len(), 13);
        let wide = |orientation| Document {
            orientation,
            ..doc(vec![Block::Table(crate::print::Table {
                columns: (0..9)
                    .map(|i| crate::print::Column {
                        title: format!("列{i}"),
                        width_mm: 25.0,
                        align: Align::Left,
                    })
                    .collect(),
                rows: vec![vec!["值".to_string(); 9]],
                totals: None,
                font_size_pt: None,
            })])
        };
        assert!(wide(crate::print::Orientation::Landscape).validate().is_ok());
        let refused = wide(crate::print::Orientation::Portrait).validate().unwrap_err().to_string();
        assert!(refused.contains("超过版心宽度 156 毫米"), "{refused}");
        let pdf = crate::print::render(&wide(crate::print::Orientation::Landscape)).expect("renders");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("MediaBox[0 0 841.8"), "an A4 page on its side");
    }

    #[test]
    fn a_run_of_headings_is_never_left_at_the_foot_of_a_page() {
        for filler in 15..22 {
            let mut blocks: Vec<Block> = (0..filler).map(|_| para("短段落。")).collect();
            blocks.push(Block::Heading(Heading { level: 1, text: "三、主要举措".into() }));
            blocks.push(Block::Heading(Heading { level: 2, text: "（一）系统对接".into() }));
            blocks.push(para("正文第一行。"));
            let pages = layout(&doc(blocks)).expect("lays out");
            let page_of = |needle: &str| {
                pages
                    .iter()
                    .position(|p| {
                        p.items.iter().any(|i| matches!(i, Item::Text(t) if t.text.contains(needle)))
                    })
                    .expect("printed")
            };
            assert_eq!(page_of("三、"), page_of("正文第一行"), "{filler} paragraphs before");
            assert_eq!(page_of("（一）"), page_of("正文第一行"), "{filler} paragraphs before");
        }
    }

    #[test]
    fn headings_use_their_roles() {
        let pages = layout(&doc(vec![
            Block::Heading(Heading { level: 1, text: "一、总体情况".into() }),
            Block::Heading(Heading { level: 2, text: "（一）主要做法".into() }),
            Block::Heading(Heading { level: 3, text: "1.建立台账".into() }),
        ]))
        .expect("lays out");
        let roles: Vec<FontRole> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.size == BODY_PT => Some(t.role),
                _ => None,
            })
            .collect();
        assert_eq!(roles, vec![FontRole::HeiTi, FontRole::KaiTi, FontRole::FangSong]);
    }

    #[test]
    fn characters_no_font_has_are_an_error_naming_them() {
        let err = layout(&doc(vec![para("甲"), para("乙\u{E000}丙")])).expect_err("no glyph");
        match err {
            PrintError::MissingGlyphs { path, chars } => {
                assert_eq!(path, "blocks[1]");
                assert!(chars.contains("U+E000"), "{chars}");
            }
            other => panic!("{other:?}"),
        }
    }
}

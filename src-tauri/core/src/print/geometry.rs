//! The GB/T 9704-2012 page: A4, a 156 mm × 225 mm text area 37 mm from the top and 28 mm from the
//! left, 22 lines of 28 characters of 16 pt that fill the text area edge to edge (撑满版心).
//!
//! Layout works in points from the top-left corner of the page (y grows downwards); only the
//! renderer flips to PDF's bottom-left origin.

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Points to millimetres.
#[cfg(test)]
pub fn to_mm(pt: f32) -> f32 {
    pt * 25.4 / 72.0
}

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which way up the A4 sheet is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "PrintOrientation")]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

impl Orientation {
    pub(crate) fn is_portrait(&self) -> bool {
        *self == Orientation::Portrait
    }
}

/// The paper and its text area in millimetres, and the grid of body lines and characters on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sheet {
    pub page_width_mm: f32,
    pub page_height_mm: f32,
    pub text_left_mm: f32,
    pub text_top_mm: f32,
    pub text_width_mm: f32,
    pub text_height_mm: f32,
    pub lines: usize,
    pub chars: usize,
}

/// GB/T 9704: A4 upright, 156 × 225 mm text area, 22 lines of 28 characters.
pub const PORTRAIT: Sheet = Sheet {
    page_width_mm: 210.0,
    page_height_mm: 297.0,
    text_left_mm: 28.0,
    text_top_mm: 37.0,
    text_width_mm: 156.0,
    text_height_mm: 225.0,
    lines: LINES_PER_PAGE,
    chars: CHARS_PER_LINE,
};

/// A4 turned for wide lists (责任清单, 台账): the upright text area turned with the page
/// (225 × 156 mm, the binding edge on the left), 15 lines of 40 characters at about the upright
/// pitch.
pub const LANDSCAPE: Sheet = Sheet {
    page_width_mm: 297.0,
    page_height_mm: 210.0,
    text_left_mm: 37.0,
    text_top_mm: 28.0,
    text_width_mm: 225.0,
    text_height_mm: 156.0,
    lines: 15,
    chars: 40,
};

impl Sheet {
    pub fn of(orientation: Orientation) -> Sheet {
        match orientation {
            Orientation::Portrait => PORTRAIT,
            Orientation::Landscape => LANDSCAPE,
        }
    }
}

/// 3号: the body size.
pub const BODY_PT: f32 = 16.0;
/// 2号: the title size.
pub const TITLE_PT: f32 = 22.0;
/// 4号: page numbers.
pub const PAGE_NUMBER_PT: f32 = 14.0;
/// Table and form borders.
pub const RULE_PT: f32 = 0.75;
/// Page numbers stand this far below the text area.
pub const PAGE_NUMBER_GAP_MM: f32 = 7.0;

pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;

/// Where an ideographic em box sits against its baseline: CJK fonts put 0.88 em above it
/// (and 0.12 em below), which is also what the shipped fonts declare as their ascent.
pub const EM_ASCENT: f32 = 0.88;

/// The text area and its grid, in points from the page's top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
    /// Distance between the tops of two body lines.
    pub line_pitch: f32,
    /// Distance between the left edges of two body characters.
    pub char_pitch: f32,
    /// Body lines on a page and characters on a line.
    pub lines: usize,
    pub chars: usize,
}

impl Grid {
    pub fn on(sheet: &Sheet) -> Grid {
        let width = mm(sheet.text_width_mm);
        let height = mm(sheet.text_height_mm);
        Grid {
            left: mm(sheet.text_left_mm),
            top: mm(sheet.text_top_mm),
            width,
            height,
            // First em box touches the top of the text area, the last its bottom.
            line_pitch: (height - BODY_PT) / (sheet.lines - 1) as f32,
            // First character touches the left edge, the last the right edge.
            char_pitch: (width - BODY_PT) / (sheet.chars - 1) as f32,
            lines: sheet.lines,
            chars: sheet.chars,
        }
    }

    pub fn right(&self) -> f32 {
        self.left + self.width
    }

    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }

    /// Top of the em box of grid line `i` (0-based) on a page.
    pub fn line_top(&self, i: usize) -> f32 {
        self.top + i as f32 * self.line_pitch
    }

    /// The baseline of text of `size` on line `i`: smaller text centred in the body em box, larger
    /// text (titles) hanging from the line's top so that it never rises above the text area.
    pub fn baseline(&self, i: usize, size: f32) -> f32 {
        let box_top = self.line_top(i) + ((BODY_PT - size) / 2.0).max(0.0);
        box_top + EM_ASCENT * size
    }

    /// The first grid line whose em box starts at or below `y`.
    pub fn line_at_or_below(&self, y: f32) -> usize {
        let i = ((y - self.top) / self.line_pitch - 1e-3).ceil();
        if i <= 0.0 {
            0
        } else {
            i as usize
        }
    }

    /// Extra space between body characters so that 28 of them fill the line exactly
    /// (negative: 28 × 16 pt is a little wider than 156 mm).
    pub fn grid_gap(&self) -> f32 {
        self.char_pitch - BODY_PT
    }

    pub fn page_number_top(&self) -> f32 {
        self.bottom() + mm(PAGE_NUMBER_GAP_MM)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fills_the_text_area() {
        for sheet in [PORTRAIT, LANDSCAPE] {
            let g = Grid::on(&sheet);
            let last_bottom = g.line_top(sheet.lines - 1) + BODY_PT;
            assert!((to_mm(last_bottom) - (sheet.text_top_mm + sheet.text_height_mm)).abs() < 1e-3);
            let last_right = g.left + (sheet.chars - 1) as f32 * g.char_pitch + BODY_PT;
            assert!((to_mm(last_right) - (sheet.text_left_mm + sheet.text_width_mm)).abs() < 1e-3);
            assert!(g.grid_gap().abs() < 0.5, "{sheet:?}");
            // The page number stays on the paper.
            assert!(to_mm(g.page_number_top() + PAGE_NUMBER_PT) < sheet.page_height_mm - 10.0);
        }
        assert!(Grid::on(&PORTRAIT).grid_gap() < 0.0);
    }

    #[test]
    fn line_at_or_below_snaps_down_to_the_grid() {
        let g = Grid::on(&PORTRAIT);
        assert_eq!(g.line_at_or_below(g.top), 0);
        assert_eq!(g.line_at_or_below(g.line_top(3)), 3);
        assert_eq!(g.line_at_or_below(g.line_top(3) + 0.5), 4);
        assert_eq!(g.line_at_or_below(0.0), 0);
    }
}

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

pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;
pub const TEXT_TOP_MM: f32 = 37.0;
pub const TEXT_LEFT_MM: f32 = 28.0;
pub const TEXT_WIDTH_MM: f32 = 156.0;
pub const TEXT_HEIGHT_MM: f32 = 225.0;

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
}

impl Grid {
    pub fn gbt9704() -> Grid {
        let width = mm(TEXT_WIDTH_MM);
        let height = mm(TEXT_HEIGHT_MM);
        Grid {
            left: mm(TEXT_LEFT_MM),
            top: mm(TEXT_TOP_MM),
            width,
            height,
            // First em box touches the top of the text area, the 22nd its bottom.
            line_pitch: (height - BODY_PT) / (LINES_PER_PAGE - 1) as f32,
            // First character touches the left edge, the 28th the right edge.
            char_pitch: (width - BODY_PT) / (CHARS_PER_LINE - 1) as f32,
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
        let g = Grid::gbt9704();
        let last_bottom = g.line_top(LINES_PER_PAGE - 1) + BODY_PT;
        assert!((to_mm(last_bottom) - (TEXT_TOP_MM + TEXT_HEIGHT_MM)).abs() < 1e-3);
        let last_right = g.left + (CHARS_PER_LINE - 1) as f32 * g.char_pitch + BODY_PT;
        assert!((to_mm(last_right) - (TEXT_LEFT_MM + TEXT_WIDTH_MM)).abs() < 1e-3);
        assert!(g.grid_gap() < 0.0 && g.grid_gap() > -0.5);
    }

    #[test]
    fn line_at_or_below_snaps_down_to_the_grid() {
        let g = Grid::gbt9704();
        assert_eq!(g.line_at_or_below(g.top), 0);
        assert_eq!(g.line_at_or_below(g.line_top(3)), 3);
        assert_eq!(g.line_at_or_below(g.line_top(3) + 0.5), 4);
        assert_eq!(g.line_at_or_below(0.0), 0);
    }
}

//! Writing text into the frame cell by cell, with the width dabir's own layout
//! gave each cell.
//!
//! ratatui's `Buffer::set_string` splits a string into graphemes and measures
//! each one every time it is drawn, and the frame's diff measures every cell of
//! the new frame again (`unicode-width`) before it compares it with the last
//! one. On a screen of Persian text that was a third of a keystroke's frame
//! (issue 17). Here a line is split and measured once, when it is fitted, and
//! each cell is written with its width as `CellDiffOption::ForcedWidth`, so the
//! diff takes the width from the cell. The width is the one the layout placed
//! the cell by (`text::width`), so ratatui and the layout cannot disagree.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;

use crate::text::width::{grapheme_width, graphemes};

/// Writes one grapheme of `width` columns at (x, y), whose cells the caller
/// has checked are in the buffer; the columns a wide grapheme covers are left
/// to the caller, as ratatui leaves them.
pub fn put(buf: &mut Buffer, x: u16, y: u16, symbol: &str, width: u8, style: Style) {
    let forced = NonZeroU16::new(u16::from(width)).unwrap_or(NonZeroU16::MIN);
    buf[(x, y)]
        .set_symbol(symbol)
        .set_style(style)
        .set_diff_option(CellDiffOption::ForcedWidth(forced));
}

/// A line of what the screen shows (already shaped and in visual order), split
/// into its cells once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells {
    text: String,
    /// Each cell's bytes in `text` and its width; zero-width graphemes and
    /// control characters are left out, as `set_string` leaves them out.
    cells: Vec<(u32, u32, u8)>,
    width: u16,
}

impl Cells {
    pub fn new(text: String) -> Cells {
        let mut cells = Vec::with_capacity(text.len());
        let mut width: u16 = 0;
        for (at, g) in graphemes(&text) {
            let w = grapheme_width(g);
            if w == 0 || g.contains(char::is_control) {
                continue;
            }
            cells.push((at as u32, (at + g.len()) as u32, w as u8));
            width = width.saturating_add(w as u16);
        }
        Cells { text, cells, width }
    }

    /// Columns the line takes.
    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Draws the line from (x, y) rightwards, cut at the buffer's right edge
    /// (what `set_string` draws, without measuring it again).
    pub fn draw(&self, buf: &mut Buffer, x: u16, y: u16, style: Style) {
        let area = buf.area;
        if y < area.y || y >= area.bottom() || x < area.x {
            return;
        }
        let mut x = x;
        for &(start, end, w) in &self.cells {
            let next = x.saturating_add(u16::from(w));
            if next > area.right() {
                break;
            }
            put(
                buf,
                x,
                y,
                &self.text[start as usize..end as usize],
                w,
                style,
            );
            for trailing in x + 1..next {
                buf[(trailing, y)].reset();
            }
            x = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    /// What the cells draw is what `set_string` draws, but for the widths
    /// the diff is given.
    #[test]
    fn draws_what_set_string_draws() {
        let area = Rect::new(0, 0, 12, 1);
        for text in [
            "ﺟﻠﺴﻪ ۱۲ EIS",
            "a\u{200c}b",
            "中文 ok",
            "cut at the edge of the buffer",
            "",
        ] {
            let mut ours = Buffer::empty(area);
            let mut theirs = Buffer::empty(area);
            Cells::new(text.to_owned()).draw(&mut ours, 1, 0, Style::new());
            theirs.set_string(1, 0, text, Style::new());
            let symbols = |b: &Buffer| {
                b.content
                    .iter()
                    .map(|c| c.symbol().to_owned())
                    .collect::<Vec<_>>()
            };
            assert_eq!(symbols(&ours), symbols(&theirs), "{text}");
        }
    }

    #[test]
    fn measures_once_with_dabirs_widths() {
        let c = Cells::new("ﺟﻠﺴﻪ 中".to_owned());
        assert_eq!(c.width(), 7);
        assert_eq!(c.as_str(), "ﺟﻠﺴﻪ 中");
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        c.draw(&mut buf, 0, 0, Style::new());
        assert_eq!(
            buf[(5, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap())
        );
        assert_eq!(
            buf[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::MIN)
        );
    }

    #[test]
    fn a_line_outside_the_buffer_draws_nothing() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        Cells::new("abc".to_owned()).draw(&mut buf, 0, 3, Style::new());
        Cells::new("abc".to_owned()).draw(&mut buf, 9, 0, Style::new());
        assert_eq!(buf, Buffer::empty(Rect::new(0, 0, 4, 1)));
    }
}

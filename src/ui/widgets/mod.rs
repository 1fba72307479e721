//! Widgets of our own: the right-to-left text editor.

pub mod cells;
pub mod editor;
pub mod fitted;
pub mod form;
pub mod hints;
pub mod scroll;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::text::RenderMode;
use crate::text::layout::fit;
use crate::text::width::str_width;

/// Writes `title` onto the top border of `area`, right-aligned, placed with dabir's
/// own width (see `text::layout::fit_right` for why not ratatui's alignment).
pub fn right_title(buf: &mut Buffer, area: Rect, title: &str, mode: RenderMode) {
    // The title's own edge spaces would hang in the layout; pad it here instead.
    let text = fit(title.trim(), area.width.saturating_sub(4), mode);
    let w = str_width(&text) as u16;
    if area.height > 0 && w > 0 {
        let x = area.right().saturating_sub(w + 3);
        buf.set_string(x, area.y, format!(" {text} "), Style::new());
    }
}

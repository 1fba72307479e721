//! A dialog's form: labels on the right, their fields to the left, the focused
//! label reversed and the cursor in the focused field. The body form, the
//! follow-up form and the new-meeting dialog draw through it.
//!
//! Fields are laid out for their width when the dialog opens and when the
//! terminal is resized ([`Form::set_geometry`]), so drawing copies nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

use super::editor::TextField;
use super::right_title;
use crate::text::RenderMode;
use crate::text::layout::fit;
use crate::text::width::str_width;

/// How a form sits and what its rows hold.
pub struct Form {
    /// Width of the label column.
    pub label_w: u16,
    /// Most rows a field shows.
    pub max_rows: u16,
}

impl Form {
    /// Enter in a form: the next field takes the focus; on the last, true (the
    /// form is done).
    pub fn next_or_last(focus: &mut usize, fields: usize) -> bool {
        if *focus + 1 < fields {
            *focus += 1;
            false
        } else {
            true
        }
    }

    /// The width each field gets inside `inner`.
    pub fn field_width(&self, inner: Rect) -> u16 {
        inner.width.saturating_sub(self.label_w + 1)
    }

    /// Lays every field out for the form's box.
    pub fn set_geometry(&self, r: Rect, fields: &mut [TextField], mode: RenderMode) {
        let w = self.field_width(Block::bordered().inner(r));
        for f in fields {
            f.set_geometry(w, mode);
        }
    }

    /// A box of `lines` text lines (plus its border), at most `max_width` wide,
    /// in the middle of `main`.
    pub fn centered(main: Rect, lines: usize, max_width: u16) -> Rect {
        let height = (lines as u16).saturating_add(2).min(main.height);
        let width = main.width.saturating_sub(8).min(max_width);
        Rect {
            x: main.x + (main.width - width) / 2,
            y: main.y + main.height.saturating_sub(height) / 2,
            width,
            height,
        }
    }

    /// Clears the box, draws its border and title; returns the inner area.
    pub fn frame(buf: &mut Buffer, r: Rect, title: &str, mode: RenderMode) -> Rect {
        Clear.render(r, buf);
        let block = Block::bordered();
        let inner = block.inner(r);
        block.render(r, buf);
        right_title(buf, r, title, mode);
        inner
    }

    /// Each field with its label in the user's language.
    pub fn labelled<'a>(
        labels: &[&'a str],
        fields: &'a [TextField],
        lang: crate::lang::Lang,
    ) -> Vec<(&'a str, &'a TextField)> {
        labels
            .iter()
            .map(|l| lang.pick(l))
            .zip(fields.iter())
            .collect()
    }

    /// Draws the labelled fields from the top of `inner`, each followed by one
    /// blank row. Returns the cursor's position (in the focused field) and the
    /// row after the last field.
    pub fn draw(
        &self,
        buf: &mut Buffer,
        inner: Rect,
        rows: &[(&str, &TextField)],
        focus: usize,
        mode: RenderMode,
    ) -> (Option<(u16, u16)>, u16) {
        let field_w = self.field_width(inner);
        let mut y = inner.y;
        let mut cursor = None;
        for (i, (label, field)) in rows.iter().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let style = if i == focus {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            let label = fit(label, self.label_w, mode);
            let lw = str_width(&label) as u16;
            buf.set_string(inner.right().saturating_sub(lw), y, label, style);
            let h = field.height().min(self.max_rows).min(inner.bottom() - y);
            let area = Rect {
                x: inner.x,
                y,
                width: field_w,
                height: h,
            };
            field.draw(buf, area, 0, Style::new());
            if i == focus {
                let (row, c) = field.cursor_pos();
                cursor = Some((
                    inner.x + c.min(field_w.saturating_sub(1)),
                    y + row.min(h.saturating_sub(1)),
                ));
            }
            y += h.max(1) + 1;
        }
        (cursor, y)
    }
}

//! A text field: multi-line or single-line, soft-wrapped through the text
//! engine, right to left by default. The cursor moves in logical order by
//! grapheme; in a right-to-left paragraph ← and → are swapped, so each arrow moves
//! the cursor the way it points on screen. Typing is undone a word at a time.
//!
//! Layout is state: it is recomputed when the text or the width changes (in
//! update), so drawing is cheap and changes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use unicode_segmentation::GraphemeCursor;

use super::cells::put;
use crate::text::layout::{Layout, layout_tail};
use crate::text::width::{control_placeholder, graphemes};
use crate::text::{Direction, RenderMode, layout_paragraph};

/// One undoable change: at byte `pos`, `removed` was replaced by `inserted`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    pos: usize,
    removed: String,
    inserted: String,
    cursor_before: usize,
    cursor_after: usize,
}

/// Where the cursor is drawn: visual line index within the field and column.
pub type ScreenPos = (u16, u16);

#[derive(Debug, Clone)]
pub struct TextField {
    text: String,
    /// Byte offset of the cursor, always at a grapheme boundary.
    cursor: usize,
    multiline: bool,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Whether the next typed character may join the last undo step.
    coalesce: bool,
    width: u16,
    mode: RenderMode,
    layouts: Vec<Layout>,
    cursor_pos: ScreenPos,
    /// Column kept while moving up and down.
    goal_col: Option<u16>,
    /// The whole text is selected (a pre-filled value on focus): the next typed
    /// character replaces it, Backspace or Delete clears it, a cursor move drops
    /// the selection and keeps the text.
    selected: bool,
}

/// The number of graphemes of `para` before byte `at`: those before the line
/// holding `at`, then those of that line before it.
fn graphemes_before(layout: &Layout, para: &str, at: usize) -> usize {
    match layout.lines.iter().rfind(|l| l.bytes.start <= at) {
        Some(line) => line.graphemes.start + graphemes(&para[line.bytes.start..at]).count(),
        None => graphemes(&para[..at]).count(),
    }
}

fn clean(s: &str, multiline: bool) -> String {
    // Control characters are removed from pasted and typed text; newlines stay in
    // multi-line fields (CR LF and CR become LF), tabs become spaces.
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' if multiline => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if control_placeholder(c).is_some() => None,
            c => Some(c),
        })
        .collect()
}

impl TextField {
    /// The editing keys of a one-line field (a dialog's, a search's).
    pub fn edit(&mut self, action: crate::ui::action::Action) {
        use crate::ui::action::Action;
        match action {
            Action::CursorLeft => self.left(),
            Action::CursorRight => self.right(),
            Action::WordLeft => self.word_left(),
            Action::WordRight => self.word_right(),
            Action::LineStart => self.home(),
            Action::LineEnd => self.end(),
            Action::Backspace => {
                self.backspace();
            }
            Action::DeleteChar => {
                self.delete();
            }
            Action::Undo => {
                self.undo();
            }
            Action::Redo => {
                self.redo();
            }
            Action::InsertZwnj => self.insert("\u{200c}"),
            Action::ClearField => {
                self.clear();
            }
            Action::DeleteWordBack => {
                self.delete_word_back();
            }
            _ => {}
        }
    }
}

impl TextField {
    /// A field holding stored text. Control characters an older dabir let into the
    /// database stay, shown as ␛ and the like (as the lists show them), so the
    /// secretary sees them; the next save drops them. Typed and pasted text is
    /// cleaned ([`TextField::insert`]).
    pub fn new(text: &str, multiline: bool) -> TextField {
        let text = if multiline {
            text.replace("\r\n", "\n")
        } else {
            text.replace(['\r', '\n'], " ")
        };
        let mut f = TextField {
            cursor: text.len(),
            text,
            multiline,
            undo: Vec::new(),
            redo: Vec::new(),
            coalesce: false,
            width: 40,
            mode: RenderMode::App,
            layouts: Vec::new(),
            cursor_pos: (0, 0),
            goal_col: None,
            selected: false,
        };
        f.relayout();
        f
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Selects the whole value (nothing when empty), as a pre-filled field does
    /// when it takes the focus.
    pub fn select_all(&mut self) {
        self.selected = !self.text.is_empty();
        self.cursor = self.text.len();
        self.cursor_pos = self.compute_cursor_pos();
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Replaces the whole text (not undoable: for loading, not for typing).
    pub fn set_text(&mut self, text: &str) {
        self.text = clean(text, self.multiline);
        self.cursor = self.text.len();
        self.undo.clear();
        self.redo.clear();
        self.relayout();
    }

    /// Sets the width and render mode; re-lays out only if they changed.
    pub fn set_geometry(&mut self, width: u16, mode: RenderMode) {
        if width != self.width || mode != self.mode {
            self.width = width.max(2);
            self.mode = mode;
            self.relayout();
        }
    }

    /// Rows the field takes on screen, the cursor's included: at the end of a
    /// full line the cursor stands at the start of the next row (where the next
    /// character goes), and that row belongs to the field.
    pub fn height(&self) -> u16 {
        self.layouts
            .iter()
            .map(|l| l.lines.len().max(1) as u16)
            .sum::<u16>()
            .max(self.cursor_pos.0 + 1)
    }

    pub fn cursor_pos(&self) -> ScreenPos {
        self.cursor_pos
    }

    fn relayout(&mut self) {
        self.layouts = self
            .text
            .split('\n')
            .map(|p| layout_paragraph(p, self.width, None, self.mode))
            .collect();
        self.cursor_pos = self.compute_cursor_pos();
    }

    /// Re-lays out the paragraph holding byte `at` after an edit there that kept
    /// the paragraphs as they were: only its lines from the one before the edit
    /// on, when that is sure to give the same lines as laying it all out.
    fn relayout_at(&mut self, at: usize) {
        let (pi, range) = self.paragraph_at(at);
        let para = &self.text[range.clone()];
        let unchanged = at - range.start;
        match layout_tail(&self.layouts[pi], para, unchanged, self.width, self.mode) {
            Some(tail) => self.layouts[pi].splice(tail),
            None => self.layouts[pi] = layout_paragraph(para, self.width, None, self.mode),
        }
        self.cursor_pos = self.compute_cursor_pos();
    }

    /// Paragraph index and byte range of the paragraph holding byte `at`.
    fn paragraph_at(&self, at: usize) -> (usize, std::ops::Range<usize>) {
        let mut start = 0;
        for (i, p) in self.text.split('\n').enumerate() {
            let end = start + p.len();
            if at <= end {
                return (i, start..end);
            }
            start = end + 1;
        }
        (0, 0..self.text.len())
    }

    /// Where the next typed character will appear: where a probe character of
    /// the script of the character before the cursor lands in the paragraph.
    fn compute_cursor_pos(&self) -> ScreenPos {
        let (pi, range) = self.paragraph_at(self.cursor);
        let row_base: u16 = self.layouts[..pi]
            .iter()
            .map(|l| l.lines.len().max(1) as u16)
            .sum();
        let para = &self.text[range.clone()];
        let at = self.cursor - range.start;
        let found = self
            .after_rtl_letter(pi, para, at)
            .or_else(|| self.probe(pi, para, at));
        match found {
            Some((line, col)) => (row_base + line as u16, col),
            None => (row_base, 0),
        }
    }

    /// The probe's line and column without laying anything out, in the common
    /// case of typing Persian: the cursor follows a right-to-left letter in a
    /// right-to-left paragraph, on a line with room for one more cell. A probe
    /// letter there changes no other character's bidi level (its neighbour was
    /// of its own strong type), joins no ligature and moves no line break, so it
    /// lands in the cell left of that letter. `None` leaves it to [`Self::probe`].
    fn after_rtl_letter(&self, pi: usize, para: &str, at: usize) -> Option<(usize, u16)> {
        let layout = &self.layouts[pi];
        if self.mode == RenderMode::Terminal || layout.direction != Direction::Rtl {
            return None;
        }
        let before = para[..at].chars().next_back()?;
        if !crate::text::bidi::is_strong_rtl(before) {
            return None;
        }
        let (i, line) = layout
            .lines
            .iter()
            .enumerate()
            .rfind(|(_, l)| l.bytes.start < at)?;
        if line.bytes.end < at || line.offset < 2 {
            return None;
        }
        let prev = graphemes_before(layout, para, at) - 1;
        let (col, 1) = line.own_cell(prev)? else {
            return None;
        };
        // The grapheme after the cursor, if any, is on this line in a cell of its
        // own (not a ligature with the letter before).
        if at < para.len() {
            let (next_col, _) = line.own_cell(prev + 1)?;
            if next_col == col {
                return None;
            }
        }
        Some((i, col.checked_sub(1)?))
    }

    /// Lays the paragraph out with a probe character at the cursor (of the
    /// script of the character before it) and takes the probe's place. Exact
    /// also at the joint of RTL and LTR runs.
    fn probe(&self, pi: usize, para: &str, at: usize) -> Option<(usize, u16)> {
        let before = para[..at]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace() && !c.is_ascii_digit());
        let probe = match before {
            Some(c) if c.is_ascii_alphabetic() => 'x',
            Some(_) => 'ب',
            None if self.layouts[pi].direction == Direction::Ltr => 'x',
            None => 'ب',
        };
        let mut with_probe = String::with_capacity(para.len() + 2);
        with_probe.push_str(&para[..at]);
        with_probe.push(probe);
        with_probe.push_str(&para[at..]);
        let layout = &self.layouts[pi];
        let probe_g = graphemes_before(layout, para, at);
        match layout_tail(layout, &with_probe, at, self.width, self.mode) {
            Some(tail) => tail
                .lines
                .iter()
                .enumerate()
                .find_map(|(i, l)| l.column_of(probe_g).map(|c| (tail.first_line + i, c))),
            None => {
                let base = Some(layout.direction);
                layout_paragraph(&with_probe, self.width, base, self.mode).position_of(probe_g)
            }
        }
    }

    fn next_boundary(&self, from: usize) -> usize {
        self.text[from..]
            .get(..)
            .and_then(|rest| graphemes(rest).next().map(|(_, g)| from + g.len()))
            .unwrap_or(self.text.len())
    }

    fn prev_boundary(&self, from: usize) -> usize {
        GraphemeCursor::new(from, self.text.len(), true)
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(0)
    }

    fn apply(&mut self, pos: usize, remove_len: usize, insert: &str, coalesce: bool) {
        self.selected = false;
        let removed = self.text[pos..pos + remove_len].to_owned();
        let paragraphs_changed = removed.contains('\n') || insert.contains('\n');
        let cursor_before = self.cursor;
        self.text.replace_range(pos..pos + remove_len, insert);
        self.cursor = pos + insert.len();
        let edit = Edit {
            pos,
            removed,
            inserted: insert.to_owned(),
            cursor_before,
            cursor_after: self.cursor,
        };
        match self.undo.last_mut() {
            Some(last)
                if coalesce
                    && self.coalesce
                    && last.removed.is_empty()
                    && edit.removed.is_empty()
                    && last.pos + last.inserted.len() == pos =>
            {
                last.inserted.push_str(insert);
                last.cursor_after = self.cursor;
            }
            _ => self.undo.push(edit),
        }
        self.redo.clear();
        // Typing coalesces within a word: a space ends the step.
        self.coalesce = coalesce && !insert.ends_with(char::is_whitespace);
        self.goal_col = None;
        if paragraphs_changed {
            self.relayout();
        } else {
            self.relayout_at(pos);
        }
    }

    /// Types text at the cursor (a key press, or a paste).
    pub fn insert(&mut self, s: &str) {
        let s = clean(s, self.multiline);
        if s.is_empty() {
            return;
        }
        if self.selected {
            // Typing over a selected value replaces it (one undo step).
            self.coalesce = false;
            self.apply(0, self.text.len(), &s, false);
            return;
        }
        let typed = s.chars().count() == 1;
        self.apply(self.cursor, 0, &s, typed);
    }

    pub fn newline(&mut self) -> bool {
        if !self.multiline {
            return false;
        }
        self.coalesce = false;
        self.apply(self.cursor, 0, "\n", false);
        true
    }

    /// Deletes the grapheme before the cursor; false at the start.
    pub fn backspace(&mut self) -> bool {
        if self.selected {
            return self.clear();
        }
        if self.cursor == 0 {
            return false;
        }
        let from = self.prev_boundary(self.cursor);
        self.coalesce = false;
        self.apply(from, self.cursor - from, "", false);
        true
    }

    /// Ctrl+U: the whole field emptied (undoable). False when it was empty.
    pub fn clear(&mut self) -> bool {
        if self.text.is_empty() {
            return false;
        }
        self.coalesce = false;
        self.apply(0, self.text.len(), "", false);
        true
    }

    /// Ctrl+W: the word before the cursor (logically) deleted, with the spaces
    /// after it. False when there was none.
    pub fn delete_word_back(&mut self) -> bool {
        let to = self.cursor;
        let from = self.word_back();
        if from >= to {
            return false;
        }
        self.coalesce = false;
        self.apply(from, to - from, "", false);
        true
    }

    /// Deletes the grapheme after the cursor; false at the end.
    pub fn delete(&mut self) -> bool {
        if self.selected {
            return self.clear();
        }
        if self.cursor >= self.text.len() {
            return false;
        }
        let to = self.next_boundary(self.cursor);
        self.coalesce = false;
        let at = self.cursor;
        self.apply(at, to - at, "", false);
        true
    }

    pub fn undo(&mut self) -> bool {
        self.selected = false;
        let Some(e) = self.undo.pop() else {
            return false;
        };
        self.text
            .replace_range(e.pos..e.pos + e.inserted.len(), &e.removed);
        self.cursor = e.cursor_before;
        self.redo.push(e);
        self.coalesce = false;
        self.relayout();
        true
    }

    pub fn redo(&mut self) -> bool {
        self.selected = false;
        let Some(e) = self.redo.pop() else {
            return false;
        };
        self.text
            .replace_range(e.pos..e.pos + e.removed.len(), &e.inserted);
        self.cursor = e.cursor_after;
        self.undo.push(e);
        self.coalesce = false;
        self.relayout();
        true
    }

    fn moved(&mut self, to: usize) {
        self.cursor = to;
        self.coalesce = false;
        self.cursor_pos = self.compute_cursor_pos();
    }

    fn rtl_here(&self) -> bool {
        let (pi, _) = self.paragraph_at(self.cursor);
        self.layouts[pi].direction == Direction::Rtl
    }

    /// → on screen: logically back in a right-to-left paragraph, forward otherwise.
    pub fn right(&mut self) {
        self.selected = false;
        if self.rtl_here() {
            self.step_back()
        } else {
            self.step_forward()
        }
        self.goal_col = None;
    }

    /// ← on screen.
    pub fn left(&mut self) {
        self.selected = false;
        if self.rtl_here() {
            self.step_forward()
        } else {
            self.step_back()
        }
        self.goal_col = None;
    }

    fn step_forward(&mut self) {
        let to = self.next_boundary(self.cursor);
        self.moved(to);
    }

    fn step_back(&mut self) {
        let to = self.prev_boundary(self.cursor);
        self.moved(to);
    }

    fn word_forward(&self) -> usize {
        let rest = &self.text[self.cursor..];
        let mut seen_word = false;
        for (i, c) in rest.char_indices() {
            let space = c.is_whitespace();
            if space && seen_word {
                return self.cursor + i;
            }
            seen_word |= !space;
        }
        self.text.len()
    }

    fn word_back(&self) -> usize {
        let before = &self.text[..self.cursor];
        let mut seen_word = false;
        for (i, c) in before.char_indices().rev() {
            let space = c.is_whitespace();
            if space && seen_word {
                return i + c.len_utf8();
            }
            seen_word |= !space;
        }
        0
    }

    /// Ctrl+→ on screen: a word the way the arrow points.
    pub fn word_right(&mut self) {
        self.selected = false;
        let to = if self.rtl_here() {
            self.word_back()
        } else {
            self.word_forward()
        };
        self.moved(to);
    }

    /// Ctrl+← on screen.
    pub fn word_left(&mut self) {
        self.selected = false;
        let to = if self.rtl_here() {
            self.word_forward()
        } else {
            self.word_back()
        };
        self.moved(to);
    }

    /// Start of the paragraph (logical).
    pub fn home(&mut self) {
        self.selected = false;
        let (_, r) = self.paragraph_at(self.cursor);
        self.moved(r.start);
    }

    /// End of the paragraph (logical).
    pub fn end(&mut self) {
        self.selected = false;
        let (_, r) = self.paragraph_at(self.cursor);
        self.moved(r.end);
    }

    /// Moves `rows` visual lines down (negative: up), keeping the column. Returns
    /// false when the field has no such line (the caller moves to another field).
    pub fn vertical(&mut self, rows: i32) -> bool {
        self.selected = false;
        let (row, col) = self.cursor_pos;
        let goal = *self.goal_col.get_or_insert(col);
        let target = row as i32 + rows;
        if target < 0 || target >= i32::from(self.height()) {
            return false;
        }
        // Find the paragraph and line of the target row.
        let mut r = target as usize;
        let mut byte_start = 0;
        for (l, p) in self.layouts.iter().zip(self.text.split('\n')) {
            let lines = l.lines.len().max(1);
            if r < lines {
                let line = l.lines.get(r);
                let g = line.and_then(|line| {
                    // The grapheme under the goal column, or the nearest end.
                    line.grapheme_at(goal).or_else(|| {
                        if goal < line.offset {
                            Some(if l.direction == Direction::Rtl {
                                line.graphemes.end
                            } else {
                                line.graphemes.start
                            })
                        } else {
                            Some(if l.direction == Direction::Rtl {
                                line.graphemes.start
                            } else {
                                line.graphemes.end
                            })
                        }
                    })
                });
                // The grapheme's byte, counted within its line.
                let byte = match (line, g) {
                    (Some(line), Some(g)) => graphemes(&p[line.bytes.clone()])
                        .nth(g.saturating_sub(line.graphemes.start))
                        .map_or(line.bytes.end, |(i, _)| line.bytes.start + i),
                    _ => p.len(),
                };
                self.cursor = byte_start + byte;
                self.coalesce = false;
                self.cursor_pos = self.compute_cursor_pos();
                return true;
            }
            r -= lines;
            byte_start += p.len() + 1;
        }
        false
    }

    /// Draws the field into `area` (its first `area.height` rows starting at
    /// visual row `skip`). Returns nothing: the caller places the cursor from
    /// `cursor_pos`. The area is blank when it is drawn (a new frame, or a
    /// dialog's cleared frame), so blanks in the default style are not written.
    pub fn draw(&self, buf: &mut Buffer, area: Rect, skip: u16, style: Style) {
        let style = if self.selected {
            style.add_modifier(ratatui::style::Modifier::REVERSED)
        } else {
            style
        };
        let plain = style == Style::new();
        let bottom = skip.saturating_add(area.height);
        // Visual rows of the field, counted down the paragraphs; only the
        // lines in view are looked at (a long entry has hundreds).
        let mut row: u16 = 0;
        for l in &self.layouts {
            if row >= bottom {
                break;
            }
            let rows = l.lines.len().max(1) as u16;
            if row.saturating_add(rows) <= skip {
                row = row.saturating_add(rows);
                continue;
            }
            let first = skip.saturating_sub(row);
            for (line, r) in l.lines.iter().zip(row..).skip(usize::from(first)) {
                if r >= bottom {
                    break;
                }
                let y = area.y + r - skip;
                let mut x = area.x + line.offset;
                for cell in &line.cells {
                    if x >= area.right() {
                        break;
                    }
                    let symbol = line.cell_text(cell);
                    // A blank in the default style is what the frame already
                    // holds there.
                    if !(plain && symbol == " ") {
                        put(buf, x, y, symbol, cell.width, style);
                    }
                    if cell.width == 2 && x + 1 < area.right() {
                        buf[(x + 1, y)].set_symbol("").set_style(style);
                    }
                    x += u16::from(cell.width);
                }
            }
            row = row.saturating_add(rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> TextField {
        let mut f = TextField::new(text, true);
        f.set_geometry(30, RenderMode::AppUnshaped);
        f
    }

    /// The field as it would be laid out from scratch, with the cursor where it is.
    fn fresh(f: &TextField) -> TextField {
        let mut g = TextField::new(f.text(), true);
        g.set_geometry(f.width, f.mode);
        g.cursor = f.cursor;
        g.relayout();
        g
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 40, ..Default::default() })]

        /// Typing, deleting and moving in a long paragraph re-lays out only its
        /// last lines, and the field shows exactly what a full layout shows.
        #[test]
        fn incremental_layout_equals_a_full_one(
            keys in proptest::collection::vec(0u8..8, 1..60),
            mode in proptest::sample::select(RenderMode::ALL.to_vec()),
        ) {
            let start = "در ادامه (آقای محمدی) گفت سامانه EIS نسخه 2.1 در ۳ بخشداری مستقر شد. ".repeat(5);
            let mut f = TextField::new(&start, true);
            f.set_geometry(37, mode);
            for k in keys {
                match k {
                    0 => f.insert("ب"),
                    1 => f.insert(" "),
                    2 => f.insert("x"),
                    3 => f.insert("("),
                    4 => { f.backspace(); }
                    5 => f.left(),
                    6 => { f.vertical(-1); }
                    _ => f.insert("۲"),
                }
                let g = fresh(&f);
                proptest::prop_assert_eq!(&f.layouts, &g.layouts);
                proptest::prop_assert_eq!(f.cursor_pos, g.cursor_pos);
            }
        }
    }

    /// A line and column in a field.
    type Place = Option<(usize, u16)>;

    /// The cursor's place by the shortcut and by the probe, where the shortcut
    /// answers (None: it left it to the probe).
    fn both_ways(f: &TextField) -> Option<(Place, Place)> {
        let (pi, range) = f.paragraph_at(f.cursor);
        let para = &f.text[range.clone()];
        let at = f.cursor - range.start;
        let fast = f.after_rtl_letter(pi, para, at)?;
        Some((Some(fast), f.probe(pi, para, at)))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1000, ..Default::default() })]

        /// Where the shortcut places the cursor after a right-to-left letter, the
        /// probe places it too: in mixed text, brackets, ligatures (لا), marks,
        /// digits, ZWNJ, lines that are nearly full, every mode.
        #[test]
        fn the_cursor_shortcut_agrees_with_the_probe(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "ب", "ل", "ا", "لا", "سلام", " ", "  ", "EIS", "x", "2.1", "۱۲",
                    "(", ")", "«", "»", "\u{200c}", "\u{64e}", "،", "-", "\u{202b}", "中",
                ]),
                1..40,
            ),
            width in 4u16..30,
            mode in proptest::sample::select(RenderMode::ALL.to_vec()),
            cut in 0usize..200,
        ) {
            let text: String = parts.concat();
            let mut f = TextField::new(&text, true);
            f.set_geometry(width, mode);
            let bounds: Vec<usize> = graphemes(&text).map(|(i, _)| i).chain([text.len()]).collect();
            f.cursor = bounds[cut % bounds.len()];
            if let Some((fast, slow)) = both_ways(&f) {
                proptest::prop_assert_eq!(fast, slow, "{:?} at {}", text, f.cursor);
            }
        }
    }

    /// Typing Persian at the end of a long paragraph takes the shortcut on
    /// most keys, and lands where the probe lands.
    #[test]
    fn typing_persian_takes_the_shortcut() {
        let mut f = TextField::new(&"در ادامه جلسه گزارش داد ".repeat(20), true);
        f.set_geometry(40, RenderMode::App);
        f.cursor = f.text.len();
        let mut shortcut = 0;
        for c in "کارگروه تحول اداری سامانه را بررسی کرد".chars() {
            f.insert(&c.to_string());
            if let Some((fast, slow)) = both_ways(&f) {
                assert_eq!(fast, slow, "{}", f.text);
                shortcut += 1;
            }
        }
        assert!(shortcut >= 25, "only {shortcut} keys took the shortcut");
    }

    #[test]
    fn a_selected_value_is_replaced_by_typing_cleared_by_backspace_kept_by_moves() {
        let mut f = field("۱۴۰۳/۰۸/۱۵");
        f.select_all();
        assert!(f.is_selected());
        f.insert("۱");
        assert_eq!(f.text(), "۱", "the first character replaces the value");
        assert!(!f.is_selected());
        f.insert("۴");
        assert_eq!(f.text(), "۱۴", "the next ones are typed after it");
        f.undo();
        f.undo();
        assert_eq!(f.text(), "۱۴۰۳/۰۸/۱۵", "undo gives the value back");

        f.select_all();
        assert!(f.backspace());
        assert_eq!(f.text(), "");
        let mut g = field("۰۹:۰۰");
        g.select_all();
        g.right();
        assert!(!g.is_selected());
        g.insert("۵");
        assert!(
            g.text().contains('۵') && g.text().len() > "۵".len(),
            "kept: {}",
            g.text()
        );
        let mut empty = field("");
        empty.select_all();
        assert!(!empty.is_selected(), "nothing to select");
    }

    #[test]
    fn typing_and_undo_by_word() {
        let mut f = field("");
        for c in "بر لزوم پیگیری".chars() {
            f.insert(&c.to_string());
        }
        assert_eq!(f.text(), "بر لزوم پیگیری");
        f.undo();
        assert_eq!(f.text(), "بر لزوم ");
        f.undo();
        assert_eq!(f.text(), "بر ");
        f.redo();
        assert_eq!(f.text(), "بر لزوم ");
        f.insert("X");
        assert!(!f.redo(), "typing clears redo");
    }

    #[test]
    fn arrows_are_swapped_in_rtl_paragraphs() {
        let mut f = field("ابر");
        assert_eq!(f.cursor(), "ابر".len());
        f.right(); // toward the start of a Persian line on screen
        assert_eq!(f.cursor(), "اب".len());
        f.left();
        assert_eq!(f.cursor(), "ابر".len());
        let mut g = field("abc");
        g.left();
        assert_eq!(g.cursor(), 2);
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_and_ctrl_u_the_field_both_undoable() {
        let mut f = TextField::new("", false);
        f.insert("سامانه EIS نسخه 2.1");
        assert!(f.delete_word_back());
        assert_eq!(f.text(), "سامانه EIS نسخه ");
        assert!(f.delete_word_back());
        assert_eq!(f.text(), "سامانه EIS ");
        f.undo();
        assert_eq!(f.text(), "سامانه EIS نسخه ");
        assert!(f.clear());
        assert_eq!(f.text(), "");
        assert!(!f.clear(), "nothing to clear");
        assert!(!f.delete_word_back());
        f.undo();
        assert_eq!(f.text(), "سامانه EIS نسخه ");
        f.edit(crate::ui::action::Action::ClearField);
        assert_eq!(f.text(), "");
    }

    #[test]
    fn backspace_and_delete_by_grapheme() {
        let mut f = field("بَب");
        f.backspace();
        assert_eq!(f.text(), "بَ");
        f.backspace();
        assert_eq!(f.text(), "", "a letter and its vowel mark go together");
        let mut g = field("ab");
        g.home();
        g.delete();
        assert_eq!(g.text(), "b");
    }

    #[test]
    fn the_cursor_is_drawn_where_the_next_character_appears() {
        // RTL text "ابر" right-aligned in 30: cells at 27, 28, 29 (ر ب ا).
        let mut f = field("ابر");
        assert_eq!(f.cursor_pos(), (0, 26), "at the end: left of the text");
        f.home();
        assert_eq!(f.cursor_pos(), (0, 29), "at the start: the right edge");
        // After a Latin word inside Persian text («EIS هناماس» in columns 20–29)
        // the next Latin letter goes right after S; the right-aligned line then
        // shifts one column left, so the letter lands where S is now: column 22.
        let mut g = field("سامانه EIS");
        g.end();
        assert_eq!(g.cursor_pos(), (0, 22));
    }

    #[test]
    fn paste_removes_control_characters() {
        let mut f = TextField::new("", false);
        f.insert("a\u{1b}[31mb\r\nc\td");
        assert_eq!(f.text(), "a[31mb c d");
        let mut m = TextField::new("", true);
        m.insert("یک\r\nدو");
        assert_eq!(m.text(), "یک\nدو");
    }

    #[test]
    fn up_and_down_between_visual_lines() {
        let mut f = field("یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده");
        assert!(f.height() >= 2);
        f.home();
        assert_eq!(f.cursor_pos().0, 0);
        assert!(f.vertical(1));
        assert_eq!(f.cursor_pos().0, 1);
        assert!(f.vertical(-1));
        assert_eq!(f.cursor_pos().0, 0);
        assert!(!f.vertical(-1), "no line above");
    }
}

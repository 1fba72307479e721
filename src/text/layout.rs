//! Paragraph layout: logical text, a width and a base direction in; visual lines
//! out, one cell per grapheme, ready to hand to any terminal library.
//!
//! 1. Wrap in logical order at word boundaries by display width (a word longer
//!    than the line is broken; spaces at a break hang past the edge, unseen).
//! 2. Per line: bidi levels with the line rule L1, visual order by grapheme (a
//!    vowel mark stays on its letter), brackets mirrored in right-to-left runs.
//! 3. Shape (render mode `app`) and right-align right-to-left paragraphs.
//!
//! Each line maps logical grapheme indices to screen columns and back, for the
//! cursor and for mouse clicks.

use std::ops::Range;

use unicode_bidi::Level;

use super::bidi::{self, Direction, Paragraph};
use super::shape;
use super::width::{control_placeholder, grapheme_width, graphemes, is_format_control};

/// How dabir draws right-to-left text, depending on what the terminal does itself
/// (docs/terminals.md says which to choose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RenderMode {
    /// dabir reorders and shapes; for terminals that do neither (xterm, Alacritty,
    /// foot, Windows Terminal, Ghostty; VTE after `CSI 8 l`).
    #[default]
    App,
    /// dabir reorders, the terminal joins letters (VTE, WezTerm, kitty with
    /// `force_ltr`).
    AppUnshaped,
    /// Logical order: the terminal reorders and shapes (Konsole, mlterm,
    /// Terminal.app).
    Terminal,
}

impl RenderMode {
    pub const ALL: [RenderMode; 3] = [
        RenderMode::App,
        RenderMode::AppUnshaped,
        RenderMode::Terminal,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RenderMode::App => "app",
            RenderMode::AppUnshaped => "app-unshaped",
            RenderMode::Terminal => "terminal",
        }
    }

    pub fn from_name(s: &str) -> Option<RenderMode> {
        RenderMode::ALL.into_iter().find(|m| m.name() == s)
    }

    /// Whether dabir puts text in visual order itself.
    pub fn reorders(self) -> bool {
        self != RenderMode::Terminal
    }
}

/// One screen cell: a grapheme as shown (shaped, mirrored, placeholder for a
/// control character), its width and the logical grapheme it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    text: (u32, u32),
    pub width: u8,
    /// Logical grapheme index within the paragraph.
    pub grapheme: usize,
}

/// One line on screen, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// Blank columns before the first cell (right alignment).
    pub offset: u16,
    pub cells: Vec<Cell>,
    /// The logical graphemes this line holds.
    pub graphemes: Range<usize>,
    /// The bytes of the paragraph this line holds.
    pub bytes: Range<usize>,
    /// What reaches into this line from those before it.
    reach: Reach,
    text: String,
    /// Left column of each grapheme of `graphemes` (None: no cell of its own).
    columns: Vec<Option<u16>>,
}

impl VisualLine {
    pub fn cell_text(&self, cell: &Cell) -> &str {
        &self.text[cell.text.0 as usize..cell.text.1 as usize]
    }

    /// Total width of the cells.
    pub fn width(&self) -> u16 {
        self.cells.iter().map(|c| u16::from(c.width)).sum()
    }

    /// The screen column (from the line's left edge, offset included) where the
    /// grapheme `g` is drawn. A grapheme without a cell (zero-width, or a space
    /// hanging past the edge) takes the column of the next one that has a cell in
    /// logical order, or the end of the text.
    pub fn column_of(&self, g: usize) -> Option<u16> {
        if !self.graphemes.contains(&g) {
            return None;
        }
        let i = g - self.graphemes.start;
        self.columns[i..]
            .iter()
            .flatten()
            .next()
            .copied()
            .or(Some(self.end_column()))
    }

    /// The column of grapheme `g`'s own cell and the cell's width; `None` when
    /// `g` is not on this line or has no cell of its own (zero-width, a hanging
    /// space, the second letter of a ligature).
    pub fn own_cell(&self, g: usize) -> Option<(u16, u8)> {
        let col = (*self.columns.get(g.checked_sub(self.graphemes.start)?)?)?;
        let mut x = self.offset;
        for c in &self.cells {
            if x == col {
                return Some((col, c.width));
            }
            x += u16::from(c.width);
        }
        None
    }

    /// The column just past the text's logical end: left of the text for a
    /// right-to-left line, right of it otherwise.
    fn end_column(&self) -> u16 {
        match self.cells.last() {
            Some(_) if self.offset > 0 || self.rtl_end() => self.offset.saturating_sub(1),
            _ => self.offset + self.width(),
        }
    }

    fn rtl_end(&self) -> bool {
        // In a right-to-left line the first cell on screen holds the last graphemes.
        match (self.cells.first(), self.cells.last()) {
            (Some(f), Some(l)) => f.grapheme > l.grapheme,
            _ => false,
        }
    }

    /// The logical grapheme drawn at screen column `col`, if any.
    pub fn grapheme_at(&self, col: u16) -> Option<usize> {
        let mut x = self.offset;
        for c in &self.cells {
            let w = u16::from(c.width);
            if col >= x && col < x + w {
                return Some(c.grapheme);
            }
            x += w;
        }
        None
    }

    /// The cells' text, left to right, without the blank offset.
    pub fn cells_string(&self) -> String {
        self.cells.iter().map(|c| self.cell_text(c)).collect()
    }

    /// The line as a string of what the screen shows, blank offset included.
    pub fn to_screen_string(&self) -> String {
        let mut s = " ".repeat(self.offset as usize);
        for c in &self.cells {
            s.push_str(self.cell_text(c));
        }
        s
    }
}

/// A laid-out paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub direction: Direction,
    pub lines: Vec<VisualLine>,
    /// Number of logical graphemes in the paragraph.
    pub graphemes: usize,
}

impl Layout {
    /// The line holding logical grapheme `g` and its column there.
    pub fn position_of(&self, g: usize) -> Option<(usize, u16)> {
        self.lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.graphemes.contains(&g))
            .and_then(|(i, l)| l.column_of(g).map(|c| (i, c)))
    }
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

struct Grapheme<'a> {
    byte: usize,
    char_index: usize,
    text: &'a str,
    width: u16,
}

/// Lays out one paragraph (no `\n` in it). `base`: fixed direction, or `None`
/// for the first strong character (right to left when there is none). Widths
/// below 2 are treated as 2 so that a wide character always fits.
pub fn layout_paragraph(
    text: &str,
    width: u16,
    base: Option<Direction>,
    mode: RenderMode,
) -> Layout {
    let para = Paragraph::new(text, base, Direction::Rtl);
    let direction = para.direction();
    let (lines, graphemes, _) =
        lay_out_from(text, 0, 0, &para, 0, width.max(2), mode, Reach::start());
    Layout {
        direction,
        lines,
        graphemes,
    }
}

/// Where an incremental layout takes over from the previous one: the index of
/// the first line it lays out anew, and those lines to the paragraph's end.
pub struct Tail {
    pub first_line: usize,
    pub lines: Vec<VisualLine>,
    /// Number of logical graphemes in the whole paragraph.
    pub graphemes: usize,
}

/// The lines of `text` that an edit may have changed, laid out anew, when the
/// text before byte `unchanged` is what `prev` was laid out from (same width,
/// base and mode). `None` when only a full layout is sure to be right.
///
/// Lines before the edit's line and the one before it keep their breaks: the
/// greedy wrap starts afresh at every line, and only the first word of the next
/// line can pull back into the line before. When that first word ends before the
/// edit (a space follows it there), the line before keeps its break too, and
/// the new lines start at the edit's line: typing at the end of a paragraph
/// lays out one line. Their bidi levels stay too when no
/// explicit embedding, override or isolate is in the paragraph and a strong
/// character lies between those lines and the edit (a neutral looks forward to
/// the nearest strong character, no further), and when no bracket pair (rule N0)
/// reaches across the kept lines' end or the place the new levels start from.
/// The new lines' levels come from the text from the last strong character
/// before them on: every other rule that looks back stops at a strong character,
/// and the base direction is the previous layout's.
pub fn layout_tail(
    prev: &Layout,
    text: &str,
    unchanged: usize,
    width: u16,
    mode: RenderMode,
) -> Option<Tail> {
    let edit_line = prev
        .lines
        .partition_point(|l| l.bytes.end <= unchanged)
        .min(prev.lines.len().checked_sub(1)?);
    let first_word_kept = edit_line > 0
        && unchanged <= text.len()
        && ends_a_word_before(text, prev.lines[edit_line].bytes.start, unchanged);
    let first_line = if first_word_kept {
        edit_line
    } else {
        edit_line.checked_sub(1)?
    };
    let first = &prev.lines[first_line];
    let from = first.bytes.start;
    if from == 0 || unchanged > text.len() || !first.reach.is_clear() {
        return None;
    }
    let strong_before = text[..from]
        .char_indices()
        .rev()
        .find(|&(_, c)| bidi::is_strong(c))?
        .0;
    // A strong character between the kept lines and the edit, and no bracket
    // before it: a bracket pair's type (rule N0) counts as strong for the
    // neutrals at the kept lines' end, and an edit can change its pairing.
    let shield = text[from..unchanged]
        .chars()
        .find(|&c| bidi::is_strong(c) || is_bracket(c))?;
    if !bidi::is_strong(shield) {
        return None;
    }
    // No bracket pair reaches across the place the new levels start from.
    let j = prev.lines.partition_point(|l| l.bytes.end <= strong_before);
    let mut reach = prev.lines[j].reach.clone();
    reach.feed(&text[prev.lines[j].bytes.start..strong_before]);
    if !reach.is_clear() {
        return None;
    }
    let para = Paragraph::new(&text[strong_before..], Some(prev.direction), prev.direction);
    let g_offset = first.graphemes.start;
    let (lines, count, end) = lay_out_from(
        text,
        from,
        g_offset,
        &para,
        strong_before,
        width.max(2),
        mode,
        first.reach.clone(),
    );
    if end.explicit {
        return None;
    }
    Some(Tail {
        first_line,
        lines,
        graphemes: g_offset + count,
    })
}

/// Whether a space (a break opportunity of [`wrap`]) ends in `text[from..to]`
/// strictly before `to`. Grapheme boundaries before the last character of the
/// text kept from an edit at `to` are those of the text before it, so such a
/// space, and the word before it, were there before the edit too.
fn ends_a_word_before(text: &str, from: usize, to: usize) -> bool {
    graphemes(&text[from..to]).any(|(at, g)| from + at + g.len() < to && is_space(g))
}

/// What the bidi rules that reach across lines have seen before a line starts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reach {
    /// An explicit embedding, override or isolate (U+202A to U+202E, U+2066 to
    /// U+2069), whose effect reaches across lines.
    explicit: bool,
    /// Brackets still open (rule BD16's stack, ASCII brackets), or `None` once
    /// a paired bracket outside ASCII or a stack deeper than 63 makes the
    /// pairing too much to follow here.
    open: Option<Vec<u8>>,
}

impl Reach {
    fn start() -> Reach {
        Reach {
            explicit: false,
            open: Some(Vec::new()),
        }
    }

    /// Nothing reaches past this point: no explicit formatting before it and no
    /// bracket open.
    fn is_clear(&self) -> bool {
        !self.explicit && self.open.as_ref().is_some_and(Vec::is_empty)
    }

    fn feed(&mut self, text: &str) {
        for (i, &b) in text.as_bytes().iter().enumerate() {
            match b {
                b'(' | b'[' | b'{' => match &mut self.open {
                    Some(stack) if stack.len() < 63 => stack.push(b),
                    _ => self.open = None,
                },
                b')' | b']' | b'}' => {
                    let opening = match b {
                        b')' => b'(',
                        b']' => b'[',
                        _ => b'{',
                    };
                    if let Some(stack) = &mut self.open
                        && let Some(k) = stack.iter().rposition(|&o| o == opening)
                    {
                        stack.truncate(k);
                    }
                }
                // Lead bytes of the three-byte sequences where the explicit
                // formatting characters and the other paired brackets live.
                0xE0 | 0xE1 | 0xE2 | 0xE3 | 0xEF => match text[i..].chars().next() {
                    Some('\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => self.explicit = true,
                    Some(c) if is_paired_bracket(c) => self.open = None,
                    _ => {}
                },
                _ => {}
            }
        }
    }
}

/// A bracket rule BD16 may pair: ASCII or [`is_paired_bracket`].
fn is_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '{' | '}') || is_paired_bracket(c)
}

/// Characters with a Bidi_Paired_Bracket_Type other than None outside ASCII
/// (Unicode 15.0 BidiBrackets.txt), or near them: the test only has to say
/// "maybe" for every one of them.
fn is_paired_bracket(c: char) -> bool {
    matches!(c,
        '\u{0F3A}'..='\u{0F3D}' | '\u{169B}' | '\u{169C}' | '\u{2045}' | '\u{2046}'
        | '\u{207D}' | '\u{207E}' | '\u{208D}' | '\u{208E}' | '\u{2308}'..='\u{230B}'
        | '\u{2329}' | '\u{232A}' | '\u{2768}'..='\u{2775}' | '\u{27C5}' | '\u{27C6}'
        | '\u{27E6}'..='\u{27EF}' | '\u{2983}'..='\u{2998}' | '\u{29D8}'..='\u{29DB}'
        | '\u{29FC}' | '\u{29FD}' | '\u{2E22}'..='\u{2E29}' | '\u{2E55}'..='\u{2E5C}'
        | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301B}' | '\u{FE59}'..='\u{FE5E}'
        | '\u{FF08}' | '\u{FF09}' | '\u{FF3B}' | '\u{FF3D}' | '\u{FF5B}' | '\u{FF5D}'
        | '\u{FF5F}' | '\u{FF60}' | '\u{FF62}' | '\u{FF63}')
}

impl Layout {
    /// Replaces the lines from `tail.first_line` on with the tail's.
    pub fn splice(&mut self, tail: Tail) {
        self.lines.truncate(tail.first_line);
        self.lines.extend(tail.lines);
        self.graphemes = tail.graphemes;
    }
}

/// Lays out `text[from..]`, whose first grapheme is the paragraph's `g_offset`-th.
/// `para` holds the levels of `text[para_offset..]`, `para_offset <= from`;
/// `reach` is what came before `from`. Returns the lines, their number of
/// graphemes and what reaches past the end.
#[allow(clippy::too_many_arguments)]
fn lay_out_from(
    text: &str,
    from: usize,
    g_offset: usize,
    para: &Paragraph,
    para_offset: usize,
    width: u16,
    mode: RenderMode,
    mut reach: Reach,
) -> (Vec<VisualLine>, usize, Reach) {
    let rest = &text[from..];
    let mut gs = Vec::with_capacity(rest.len() / 2);
    let mut char_index = 0;
    for (byte, g) in graphemes(rest) {
        gs.push(Grapheme {
            byte: from + byte,
            char_index,
            text: g,
            width: grapheme_width(g) as u16,
        });
        char_index += g.chars().count();
    }
    let at = Place {
        text,
        g_offset,
        para,
        para_offset,
        width,
        mode,
    };
    let lines = wrap(&gs, width)
        .into_iter()
        .map(|range| {
            let mut line = visual_line(&at, &gs, range);
            line.reach = reach.clone();
            reach.feed(&text[line.bytes.clone()]);
            line
        })
        .collect();
    (lines, gs.len(), reach)
}

/// What every line of one layout shares.
struct Place<'a, 'p> {
    text: &'a str,
    g_offset: usize,
    para: &'a Paragraph<'p>,
    para_offset: usize,
    width: u16,
    mode: RenderMode,
}

/// Lays out text of several paragraphs (split at `\n`; a `\r` before it is
/// dropped), each with its own direction.
pub fn layout_text(
    text: &str,
    width: u16,
    base: Option<Direction>,
    mode: RenderMode,
) -> Vec<Layout> {
    text.split('\n')
        .map(|p| layout_paragraph(p.strip_suffix('\r').unwrap_or(p), width, base, mode))
        .collect()
}

/// Greedy wrapping in logical order. Spaces never cause a break: they hang past
/// the edge. A word longer than the line is broken where the line is full.
fn wrap(gs: &[Grapheme], width: u16) -> Vec<Range<usize>> {
    let width = u32::from(width);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used: u32 = 0; // from `start` to the last word character
    let mut spaces: u32 = 0; // spaces since the last word character
    let mut last_break: Option<usize> = None;
    for (i, g) in gs.iter().enumerate() {
        let w = u32::from(g.width);
        if is_space(g.text) {
            spaces += w;
            last_break = Some(i + 1);
            continue;
        }
        if used + spaces + w > width && i > start {
            let end = match last_break {
                Some(b) if b > start => b,
                _ => i,
            };
            lines.push(start..end);
            start = end;
            // The part of the current word already seen moves to the new line; if
            // it and this grapheme do not fit there either, the word is longer
            // than a line: it gets a line of its own, broken here.
            used = gs[start..i].iter().map(|g| u32::from(g.width)).sum();
            if used + w > width && start < i {
                lines.push(start..i);
                start = i;
                used = 0;
            }
            spaces = 0;
            last_break = None;
        }
        used += spaces + w;
        spaces = 0;
    }
    lines.push(start..gs.len());
    lines
}

fn visual_line(at: &Place, gs: &[Grapheme], range: Range<usize>) -> VisualLine {
    let (text, width) = (at.text, at.width);
    let line_gs = &gs[range.clone()];
    let byte_start = line_gs.first().map_or(text.len(), |g| g.byte);
    let byte_end = gs.get(range.end).map_or(text.len(), |g| g.byte);
    let line_text = &text[byte_start..byte_end];

    // Which graphemes get a cell: not zero-width, not a space hanging past the edge.
    let mut visible = vec![true; line_gs.len()];
    let mut total: u16 = 0;
    for (i, g) in line_gs.iter().enumerate() {
        if g.width == 0 {
            visible[i] = false;
        } else if total + g.width > width {
            // Only trailing spaces can overflow (wrap guarantees it).
            visible[i] = false;
        } else {
            total += g.width;
        }
    }

    // Visual order of the line's graphemes, each at the level of its first char.
    let levels: Option<Vec<Level>> = (at.mode.reorders() && !at.para.is_pure_ltr()).then(|| {
        let from = byte_start - at.para_offset;
        let byte_levels = at.para.line_levels(from..byte_end - at.para_offset);
        line_gs
            .iter()
            .map(|g| byte_levels[g.byte - byte_start])
            .collect()
    });
    let order = match &levels {
        Some(l) => bidi::visual_order(l),
        None => (0..line_gs.len()).collect(),
    };
    let mut line = build(
        line_gs,
        at.g_offset + range.start..at.g_offset + range.end,
        &order,
        levels.as_deref(),
        line_text,
        &visible,
        width,
        at.para,
        at.mode,
    );
    line.bytes = byte_start..byte_end;
    line
}

#[allow(clippy::too_many_arguments)]
fn build(
    line_gs: &[Grapheme],
    range: Range<usize>,
    order: &[usize],
    levels: Option<&[Level]>,
    line_text: &str,
    visible: &[bool],
    width: u16,
    para: &Paragraph,
    mode: RenderMode,
) -> VisualLine {
    // Shaped characters of the line, in logical order (one per input character).
    let shaped: Option<Vec<char>> = (mode == RenderMode::App).then(|| {
        let mut chars: Vec<char> = line_text.chars().collect();
        shape::shape_chars(&mut chars);
        chars
    });
    let first_char = line_gs.first().map_or(0, |g| g.char_index);

    let mut out = String::with_capacity(line_text.len() + 8);
    let mut cells = Vec::with_capacity(line_gs.len());
    let mut columns = vec![None; line_gs.len()];
    let content: u16 = line_gs
        .iter()
        .zip(visible)
        .filter(|(_, v)| **v)
        .map(|(g, _)| g.width)
        .sum();
    let offset = if para.direction() == Direction::Rtl {
        width.saturating_sub(content)
    } else {
        0
    };
    let mut x = offset;
    for &i in order {
        if !visible[i] {
            continue;
        }
        let g = &line_gs[i];
        let start = out.len() as u32;
        let odd = levels.is_some_and(|l| l[i].is_rtl());
        let local = g.char_index - first_char;
        for (k, c) in g.text.chars().enumerate() {
            if let Some(p) = control_placeholder(c) {
                out.push(p);
                continue;
            }
            if mode != RenderMode::Terminal
                && is_format_control(c)
                && !(mode == RenderMode::AppUnshaped && matches!(c, '\u{200C}' | '\u{200D}'))
            {
                continue;
            }
            let c = match &shaped {
                Some(s) => s[local + k],
                None => c,
            };
            out.push(if odd && k == 0 { bidi::mirror(c) } else { c });
        }
        cells.push(Cell {
            text: (start, out.len() as u32),
            width: g.width as u8,
            grapheme: range.start + i,
        });
        columns[i] = Some(x);
        x += g.width;
    }
    VisualLine {
        offset,
        cells,
        graphemes: range,
        bytes: 0..0,
        reach: Reach::start(),
        text: out,
        columns,
    }
}

/// Text of several paragraphs laid out for a terminal `width` columns wide, as the
/// lines the screen shows (right-to-left paragraphs right-aligned), joined by `\n`.
pub fn to_screen(text: &str, width: u16, mode: RenderMode) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for layout in layout_text(text.trim_end_matches('\n'), width, None, mode) {
        if layout.lines.iter().all(|l| l.cells.is_empty()) {
            out.push('\n');
            continue;
        }
        for line in &layout.lines {
            out.push_str(&line.to_screen_string());
            out.push('\n');
        }
    }
    out
}

/// One line of text fitted into `width` columns: cut at a grapheme boundary in
/// logical order with an ellipsis (so a right-to-left text loses its end, shown
/// on the left), then put in visual order. Returns the cells' text without
/// padding; the caller aligns it.
pub fn fit(text: &str, width: u16, mode: RenderMode) -> String {
    use super::width::str_width;
    let text = text.replace(['\n', '\r'], " ");
    let total = str_width(&text);
    let fitted = if total <= usize::from(width) {
        text
    } else {
        let mut used = 0;
        let mut cut = String::with_capacity(text.len());
        for (_, g) in graphemes(&text) {
            let w = grapheme_width(g);
            if used + w + 1 > usize::from(width) {
                break;
            }
            used += w;
            cut.push_str(g);
        }
        cut.push('…');
        cut
    };
    let w = str_width(&fitted).max(2) as u16;
    layout_paragraph(&fitted, w, None, mode)
        .lines
        .first()
        .map(VisualLine::cells_string)
        .unwrap_or_default()
}

/// [`fit`], then padded on the left to exactly `width` columns: right-aligned
/// text that needs no alignment from the drawing library. ratatui measures a line
/// with unicode-width, which counts lam followed by alef («لا») as one column (for
/// terminals that draw the ligature), while the two letters still take two cells:
/// its right alignment would start one column late and lose the last cell.
pub fn fit_right(text: &str, width: u16, mode: RenderMode) -> String {
    let fitted = fit(text, width, mode);
    let pad = usize::from(width).saturating_sub(super::width::str_width(&fitted));
    let mut s = " ".repeat(pad);
    s.push_str(&fitted);
    s
}

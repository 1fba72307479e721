//! Control characters at the edges of dabir: dropped from text entering the
//! database, shown visibly in text leaving it, so no stored byte can ever drive the
//! user's terminal (a window-title change, a clipboard write, a cleared screen).
//!
//! - [`strip`]: drops C0 (but tab and newline), DEL and C1. For text entering the
//!   database: import, restore, paste, typing.
//! - [`visible`]: replaces every control (tab and newline too) with its picture
//!   (␛, ␉, ␡; C1 as �) and closes any bidi embedding, override or isolate left
//!   open, so a stray U+202E cannot reverse what follows the field. For one field
//!   of text output.
//! - [`visible_lines`]: the same for multi-line output, keeping newlines and tabs.

use std::borrow::Cow;

use super::width::control_placeholder;

/// A control character that has no place in stored text.
pub fn is_unwanted(c: char) -> bool {
    matches!(c, '\0'..='\u{08}' | '\u{0B}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
}

/// `s` without C0 (but tab and newline), DEL and C1 characters.
pub fn strip(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unwanted) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|&c| !is_unwanted(c)).collect())
}

/// Strips `s` in place; true when anything was dropped.
pub fn strip_in_place(s: &mut String) -> bool {
    match strip(s) {
        Cow::Borrowed(_) => false,
        Cow::Owned(clean) => {
            *s = clean;
            true
        }
    }
}

/// One field for output: every control shown as its picture, open bidi runs closed.
pub fn visible(s: &str) -> Cow<'_, str> {
    render(s, false)
}

/// Multi-line text for output: as [`visible`], but newlines and tabs kept; bidi
/// runs are closed at the end of each line.
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    render(s, true)
}

fn render(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let kept = |c: char| keep_lines && (c == '\n' || c == '\t');
    let needs = s.chars().any(|c| {
        (control_placeholder(c).is_some() && !kept(c)) || is_bidi_opener(c) || is_bidi_closer(c)
    });
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut open = BidiStack::default();
    for c in s.chars() {
        if c == '\n' && keep_lines {
            open.close_into(&mut out);
            out.push(c);
        } else if kept(c) {
            out.push(c);
        } else if let Some(p) = control_placeholder(c) {
            out.push(p);
        } else {
            open.push(c, &mut out);
        }
    }
    open.close_into(&mut out);
    Cow::Owned(out)
}

fn is_bidi_opener(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' | '\u{2066}'..='\u{2068}')
}

fn is_bidi_closer(c: char) -> bool {
    matches!(c, '\u{202C}' | '\u{2069}')
}

/// The embeddings/overrides (closed by PDF) and isolates (closed by PDI) open at a
/// point of a field, innermost last.
#[derive(Default)]
struct BidiStack(Vec<char>);

impl BidiStack {
    fn push(&mut self, c: char, out: &mut String) {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => self.0.push('\u{202C}'),
            '\u{2066}'..='\u{2068}' => self.0.push('\u{2069}'),
            // A PDF closes the innermost embedding, unless an isolate is open
            // inside it; a PDI closes the innermost isolate and what it contains.
            '\u{202C}' => {
                if self.0.last() == Some(&'\u{202C}') {
                    self.0.pop();
                } else {
                    return; // unmatched: dropped, it would close nothing of ours
                }
            }
            '\u{2069}' => match self.0.iter().rposition(|&x| x == '\u{2069}') {
                Some(i) => self.0.truncate(i),
                None => return,
            },
            _ => {}
        }
        out.push(c);
    }

    fn close_into(&mut self, out: &mut String) {
        while let Some(c) = self.0.pop() {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_drops_c0_c1_and_del_but_keeps_tab_newline_and_persian() {
        assert_eq!(
            strip("کارگروه \u{1b}]0;PWN\u{7}\tیک\nدو\u{9b}2J\u{7f}\r"),
            "کارگروه ]0;PWN\tیک\nدو2J"
        );
        assert!(matches!(strip("بهره‌گیری EIS 2.1"), Cow::Borrowed(_)));
        let mut s = String::from("a\u{0}b");
        assert!(strip_in_place(&mut s));
        assert_eq!(s, "ab");
        assert!(!strip_in_place(&mut s));
    }

    #[test]
    fn visible_shows_every_control_as_a_picture() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(visible("x\ty\nz"), "x␉y␊z");
        assert_eq!(visible_lines("x\ty\nz\u{7}"), "x\ty\nz␇");
        assert_eq!(visible("\u{9d}0;t"), "�0;t");
        assert!(matches!(visible("مصوبه ۳"), Cow::Borrowed(_)));
    }

    #[test]
    fn visible_closes_bidi_runs_left_open() {
        assert_eq!(visible("a\u{202E}bc"), "a\u{202E}bc\u{202C}");
        assert_eq!(
            visible("\u{2067}x\u{202B}y"),
            "\u{2067}x\u{202B}y\u{202C}\u{2069}"
        );
        // Balanced runs stay as they are; a stray closer closes nothing outside.
        assert_eq!(visible("\u{202B}x\u{202C}y"), "\u{202B}x\u{202C}y");
        assert_eq!(visible("x\u{202C}\u{2069}y"), "xy");
        // A PDI closes the embeddings inside its isolate too.
        assert_eq!(
            visible("\u{2066}\u{202E}x\u{2069}y"),
            "\u{2066}\u{202E}x\u{2069}y"
        );
        assert_eq!(
            visible_lines("\u{202E}one\ntwo"),
            "\u{202E}one\u{202C}\ntwo"
        );
    }
}

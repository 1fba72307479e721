//! Graphemes and their display width. A grapheme is what the cursor steps over and
//! what one screen cell (or two, for wide characters) shows: a letter with its
//! vowel marks and a trailing ZWNJ stay together.
//!
//! Control characters (C0, C1, ESC, DEL) never reach the terminal: they are shown
//! as a visible placeholder and stored as typed.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Zero-width formatting characters: joiners and bidi controls. They shape and
/// order the text but take no cell.
pub fn is_format_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}'
    )
}

/// What the screen shows for a control character: ␀…␟ for C0, ␡ for DEL, � for C1.
pub fn control_placeholder(c: char) -> Option<char> {
    match c {
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('␡'),
        '\u{80}'..='\u{9F}' => Some('�'),
        _ => None,
    }
}

/// Display width of one character: 0 for marks and format controls, 1 for a
/// control's placeholder, otherwise unicode-width's answer.
pub fn char_width(c: char) -> usize {
    if control_placeholder(c).is_some() {
        return 1;
    }
    if is_format_control(c) {
        return 0;
    }
    c.width().unwrap_or(0)
}

/// Display width of a grapheme: its base's width (marks and joiners add nothing).
/// A grapheme made only of zero-width characters has width 0.
pub fn grapheme_width(g: &str) -> usize {
    g.chars().map(char_width).max().unwrap_or(0).min(2)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// The graphemes of `s` with their byte offsets.
pub fn graphemes(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.grapheme_indices(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_width_parts_stay_with_their_base() {
        let g: Vec<&str> = "بهره‌گیری".graphemes(true).collect();
        assert_eq!(g[3], "ه\u{200c}", "ZWNJ stays with the letter before it");
        assert_eq!(str_width("بهره‌گیری"), 8);
        assert_eq!(grapheme_width("بَ"), 1, "a vowel mark adds nothing");
        assert_eq!(str_width("سامانه EIS"), 10);
        assert_eq!(str_width("\u{200f}۱۲"), 2, "RLM takes no cell");
        assert_eq!(grapheme_width("中"), 2);
    }

    #[test]
    fn controls_get_a_visible_placeholder() {
        assert_eq!(control_placeholder('\u{1b}'), Some('␛'));
        assert_eq!(control_placeholder('\t'), Some('␉'));
        assert_eq!(control_placeholder('\u{7f}'), Some('␡'));
        assert_eq!(control_placeholder('\u{85}'), Some('�'));
        assert_eq!(control_placeholder('a'), None);
        assert_eq!(
            str_width("a\u{1b}[31mb"),
            7,
            "ESC shows as ␛ and takes a cell"
        );
    }
}

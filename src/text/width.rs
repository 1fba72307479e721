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
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && plain(c)
    {
        return 1;
    }
    g.chars().map(char_width).max().unwrap_or(0).min(2)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    graphemes(s).map(|(_, g)| grapheme_width(g)).sum()
}

/// Characters whose Grapheme_Cluster_Break is Other and that take part in no
/// special rule (Prepend, Extend, SpacingMark, ZWJ, Extended_Pictographic,
/// Regional_Indicator, Indic conjuncts): printable ASCII and the Arabic block's
/// letters, digits and punctuation. Between two of them UAX #29 always breaks
/// (GB999).
fn plain(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{060C}'..='\u{060F}'
        | '\u{061B}'
        | '\u{061D}'..='\u{064A}'
        | '\u{0660}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06FF}')
}

/// The graphemes of `s` with their byte offsets (extended grapheme clusters).
///
/// A fast path splits runs of plain characters one per grapheme; everything
/// else is left to unicode-segmentation, starting at a known boundary.
pub fn graphemes(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = s.get(pos..).filter(|r| !r.is_empty())?;
        let mut chars = rest.chars();
        let c = chars.next()?;
        let len = if plain(c) && chars.next().is_none_or(plain) {
            c.len_utf8()
        } else {
            rest.graphemes(true).next().map_or(c.len_utf8(), str::len)
        };
        let g = (pos, &rest[..len]);
        pos += len;
        Some(g)
    })
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
    fn plain_characters_are_one_column_wide() {
        for i in 0..0x800u32 {
            if let Some(c) = char::from_u32(i).filter(|c| plain(*c)) {
                assert_eq!(c.width(), Some(1), "U+{i:04X}");
            }
        }
    }

    #[test]
    fn the_fast_path_agrees_with_unicode_segmentation() {
        for s in [
            "کارگروه تحول اداری و توسعه مدیریت، EIS نسخه 2.1 (۷۵٪)",
            "بهره‌گیری مُدیر \u{0600}۱۲ ب\u{0654}ر",
            "🇮🇷🇮🇷 👨‍👩‍👧 e\u{301}x\r\n\u{1b}[",
            "क्षि ส้ม 각",
        ] {
            let fast: Vec<(usize, &str)> = graphemes(s).collect();
            let reference: Vec<(usize, &str)> = s.grapheme_indices(true).collect();
            assert_eq!(fast, reference, "{s}");
        }
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

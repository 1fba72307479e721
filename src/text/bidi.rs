//! The reorder step: bidi levels of a paragraph (unicode-bidi), the line rule L1
//! applied per line, visual order of units (characters or graphemes), and
//! mirroring of brackets in right-to-left runs (unicode-bidi does not mirror).

use std::ops::Range;

use std::sync::OnceLock;

use unicode_bidi::data_source::BidiDataSource;
use unicode_bidi::{BidiClass, BidiInfo, HardcodedBidiData, Level, ParagraphBidiInfo};

/// unicode-bidi's own data with O(1) lookups for ASCII and the Arabic block (most
/// of what minutes hold) instead of a binary search per character. The tables are
/// filled once from the same data, so the answers are identical.
struct FastBidiData;

fn table() -> &'static [BidiClass; 0x700] {
    static TABLE: OnceLock<[BidiClass; 0x700]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            char::from_u32(i as u32).map_or(BidiClass::L, |c| HardcodedBidiData.bidi_class(c))
        })
    })
}

impl BidiDataSource for FastBidiData {
    fn bidi_class(&self, c: char) -> BidiClass {
        match table().get(c as usize) {
            Some(class) => *class,
            None => HardcodedBidiData.bidi_class(c),
        }
    }
}

/// Whether `c` is a strong character (L, R or AL), where the rules that look
/// for the nearest strong type stop.
pub fn is_strong(c: char) -> bool {
    matches!(
        FastBidiData.bidi_class(c),
        BidiClass::L | BidiClass::R | BidiClass::AL
    )
}

/// Whether `c` is a strong right-to-left character (R or AL).
pub fn is_strong_rtl(c: char) -> bool {
    matches!(FastBidiData.bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// A paragraph's base direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    fn level(self) -> Level {
        match self {
            Direction::Ltr => Level::ltr(),
            Direction::Rtl => Level::rtl(),
        }
    }
}

/// The direction of the first strong character (outside isolates), or `None` when
/// the text has none.
pub fn first_strong(text: &str) -> Option<Direction> {
    match unicode_bidi::get_base_direction_with_data_source(&FastBidiData, text) {
        unicode_bidi::Direction::Ltr => Some(Direction::Ltr),
        unicode_bidi::Direction::Rtl => Some(Direction::Rtl),
        unicode_bidi::Direction::Mixed => None,
    }
}

/// Resolved levels of one paragraph (text without paragraph separators).
pub struct Paragraph<'a> {
    info: ParagraphBidiInfo<'a>,
}

impl<'a> Paragraph<'a> {
    /// `base`: a fixed direction, or `None` for the first strong character with
    /// `default` when there is none (P2/P3 with a chosen default).
    pub fn new(text: &'a str, base: Option<Direction>, default: Direction) -> Paragraph<'a> {
        let base = base.or_else(|| first_strong(text)).unwrap_or(default);
        Paragraph {
            info: ParagraphBidiInfo::new_with_data_source(&FastBidiData, text, Some(base.level())),
        }
    }

    pub fn direction(&self) -> Direction {
        if self.info.paragraph_level.is_rtl() {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// Whether every level is 0: no right-to-left character and a left-to-right
    /// paragraph (unicode-bidi's flag looks at the characters only).
    pub fn is_pure_ltr(&self) -> bool {
        self.info.is_pure_ltr && self.info.paragraph_level.is_ltr()
    }

    /// One level per byte of `line` (a byte range of the paragraph), with L1
    /// applied: trailing whitespace and isolate controls, and whitespace before a
    /// segment separator, take the paragraph level.
    pub fn line_levels(&self, line: Range<usize>) -> Vec<Level> {
        let para = self.info.paragraph_level;
        let classes = &self.info.original_classes[line.clone()];
        let mut levels = self.info.levels[line.clone()].to_vec();
        let text = &self.info.text[line];
        let mut reset_from: Option<usize> = Some(0);
        let mut reset_to: Option<usize> = None;
        let mut prev_level = para;
        for (i, c) in text.char_indices() {
            let len = c.len_utf8();
            match classes[i] {
                BidiClass::B | BidiClass::S => {
                    reset_to = Some(i + len);
                    reset_from.get_or_insert(i);
                }
                BidiClass::WS
                | BidiClass::FSI
                | BidiClass::LRI
                | BidiClass::RLI
                | BidiClass::PDI => {
                    reset_from.get_or_insert(i);
                }
                BidiClass::RLE
                | BidiClass::LRE
                | BidiClass::RLO
                | BidiClass::LRO
                | BidiClass::PDF
                | BidiClass::BN => {
                    reset_from.get_or_insert(i);
                    levels[i..i + len].fill(prev_level);
                }
                _ => reset_from = None,
            }
            if let (Some(from), Some(to)) = (reset_from, reset_to) {
                levels[from..to].fill(para);
                reset_from = None;
                reset_to = None;
            }
            prev_level = levels[i];
        }
        if let Some(from) = reset_from {
            levels[from..].fill(para);
        }
        levels
    }

    /// The bidi class of the character at byte `i`, as written (before
    /// resolution).
    pub fn class_at(&self, i: usize) -> BidiClass {
        self.info.original_classes[i]
    }
}

/// Indices of units in visual order (left to right on screen), from each unit's
/// level. Units are characters for the conformance test, graphemes for layout.
pub fn visual_order(levels: &[Level]) -> Vec<usize> {
    BidiInfo::reorder_visual(levels)
}

/// Characters that rule X9 removes: explicit embeddings and boundary neutrals.
/// They have no place in the visual order.
pub fn removed_by_x9(class: BidiClass) -> bool {
    matches!(
        class,
        BidiClass::RLE
            | BidiClass::LRE
            | BidiClass::RLO
            | BidiClass::LRO
            | BidiClass::PDF
            | BidiClass::BN
    )
}

/// The mirrored glyph of `c` in a right-to-left run: «(» shows as «)».
pub fn mirror(c: char) -> char {
    // ASCII letters and digits and the Arabic blocks hold no mirrored characters
    // (U+FD3E/U+FD3F, ornate parentheses, are left to the table): skip the lookup.
    if c.is_ascii_alphanumeric()
        || matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FD3D}' | '\u{FE70}'..='\u{FEFF}')
    {
        return c;
    }
    mirror_table().get(&c).copied().unwrap_or(c)
}

/// Bidi_Mirroring_Glyph in both directions. unicode-bidi-mirroring 0.4.0 looks a
/// character up among the second elements of its pairs with a binary search, but
/// the pairs are sorted by their first element, so some reverse lookups miss
/// (U+223D ∽ finds no partner). Its forward lookups are right: the table is their
/// symmetric closure, built once over the planes where mirrored characters live.
fn mirror_table() -> &'static std::collections::HashMap<char, char> {
    static TABLE: OnceLock<std::collections::HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = std::collections::HashMap::new();
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            if let Some(m) = unicode_bidi_mirroring::get_mirrored(c) {
                t.insert(c, m);
                t.insert(m, c);
            }
        }
        t
    })
}

/// The reorder step alone, per character: the visual order of the characters of
/// a one-line paragraph, without those X9 removes. The layout uses the same
/// levels and `visual_order`, per grapheme; the Unicode conformance test calls
/// this.
pub fn reorder_chars(text: &str, base: Option<Direction>, default: Direction) -> Reordered {
    let para = Paragraph::new(text, base, default);
    let byte_levels = para.line_levels(0..text.len());
    let mut chars = Vec::new();
    let mut levels = Vec::new();
    let mut all_levels = Vec::new();
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        if removed_by_x9(para.class_at(bi)) {
            all_levels.push(None);
        } else {
            chars.push(ci);
            levels.push(byte_levels[bi]);
            all_levels.push(Some(byte_levels[bi].number()));
        }
    }
    let order = visual_order(&levels)
        .into_iter()
        .map(|i| chars[i])
        .collect();
    Reordered {
        direction: para.direction(),
        levels: all_levels,
        order,
    }
}

/// What the reorder step makes of a one-line paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reordered {
    pub direction: Direction,
    /// Resolved level of each character after L1; `None` for those X9 removes.
    pub levels: Vec<Option<u8>>,
    /// Character indices in visual order, left to right.
    pub order: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_with_a_latin_run() {
        // «سامانه EIS نسخه 2.1»: the Latin run and the number keep their order.
        let text = "سامانه EIS نسخه 2.1";
        let Reordered {
            direction, order, ..
        } = reorder_chars(text, None, Direction::Rtl);
        assert_eq!(direction, Direction::Rtl);
        let chars: Vec<char> = text.chars().collect();
        let visual: String = order.iter().map(|&i| chars[i]).collect();
        assert_eq!(visual, "2.1 هخسن EIS هناماس");
    }

    #[test]
    fn auto_direction_defaults_as_asked() {
        assert_eq!(
            reorder_chars("123", None, Direction::Rtl).direction,
            Direction::Rtl
        );
        assert_eq!(
            reorder_chars("123", None, Direction::Ltr).direction,
            Direction::Ltr
        );
        assert_eq!(
            reorder_chars("EIS و", None, Direction::Rtl).direction,
            Direction::Ltr
        );
    }

    /// L1, which BidiCharacterTest.txt hardly exercises (removing it fails one
    /// line of 91,707 there).
    #[test]
    fn line_rule_l1() {
        // Trailing spaces inside a right-to-left embedding return to the
        // paragraph level and stay at the line's end.
        let r = reorder_chars("\u{202B}אב  ", Some(Direction::Ltr), Direction::Ltr);
        assert_eq!(r.levels, vec![None, Some(1), Some(1), Some(0), Some(0)]);
        assert_eq!(r.order, vec![2, 1, 3, 4]);
        // A tab (segment separator) takes the paragraph level and splits the runs
        // on either side.
        let r = reorder_chars("אב\tגד", Some(Direction::Ltr), Direction::Ltr);
        assert_eq!(r.levels[2], Some(0));
        assert_eq!(r.order, vec![1, 0, 2, 4, 3]);
    }

    #[test]
    fn the_fast_table_agrees_with_unicode_bidi() {
        for i in 0..0x800u32 {
            if let Some(c) = char::from_u32(i) {
                assert_eq!(
                    FastBidiData.bidi_class(c),
                    HardcodedBidiData.bidi_class(c),
                    "U+{i:04X}"
                );
            }
        }
    }

    #[test]
    fn the_mirror_fast_path_agrees_with_the_table() {
        for i in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(i) {
                assert_eq!(
                    mirror(c),
                    mirror_table().get(&c).copied().unwrap_or(c),
                    "U+{i:04X}"
                );
            }
        }
    }

    #[test]
    fn brackets_mirror() {
        assert_eq!(mirror('('), ')');
        assert_eq!(mirror('«'), '»');
        assert_eq!(mirror('a'), 'a');
    }
}

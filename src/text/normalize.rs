//! Normalisation for search and matching. Text is stored as typed; this is only
//! for comparing.
//!
//! ي ى → ی, ك → ک, tatweel and diacritics removed, Persian and Arabic-Indic digits
//! → Latin, Latin case-folded, and ZWNJ and spaces dropped altogether, so that
//! «بهره‌گیری» = «بهرهگیری» = «بهره گیری». Every character of the normalised form
//! remembers where it came from, so a hit can be highlighted in the original.

use std::ops::Range;

use super::digits::ascii_digit;

/// A normalised string and, for each of its characters, the byte range in the
/// original it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    origins: Vec<Range<usize>>,
}

/// A match: a byte range in the original text.
pub type Match = Range<usize>;

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// The normalised form of one character, or `None` when it is dropped.
fn fold(c: char) -> Option<char> {
    Some(match c {
        'ي' | 'ى' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ۀ' | 'ة' => 'ه',
        'أ' | 'إ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        '\u{0640}' => return None,
        c if is_mark(c) => return None,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => return None,
        c if c.is_whitespace() => return None,
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => ascii_digit(c),
    })
}

/// Imported text in Persian letters: Arabic ي ى → ی, ك → ک, and Arabic-Indic
/// digits (٠–٩) → `digits`. Unlike [`normalize`], for storing: spacing, ZWNJ,
/// «ه ی», diacritics and Latin text are left as written. Returns the text and how
/// many characters changed.
pub fn persian_spelling(s: &str, digits: super::Digits) -> (String, usize) {
    let mut changed = 0;
    let out = s
        .chars()
        .map(|c| {
            let to = match c {
                'ي' | 'ى' => 'ی',
                'ك' => 'ک',
                '٠'..='٩' => {
                    let d = c as u32 - '٠' as u32;
                    match digits {
                        super::Digits::Persian => char::from_u32('۰' as u32 + d).unwrap_or(c),
                        super::Digits::Latin => char::from_u32('0' as u32 + d).unwrap_or(c),
                    }
                }
                c => c,
            };
            if to != c {
                changed += 1;
            }
            to
        })
        .collect();
    (out, changed)
}

/// Normalises `s` for matching.
pub fn normalize(s: &str) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut origins = Vec::with_capacity(s.len() / 2);
    for (i, c) in s.char_indices() {
        if let Some(f) = fold(c) {
            text.push(f);
            origins.push(i..i + c.len_utf8());
        }
    }
    Normalized { text, origins }
}

impl Normalized {
    /// The original byte range covered by normalised characters `chars`.
    fn original(&self, chars: Range<usize>) -> Match {
        self.origins[chars.start].start..self.origins[chars.end - 1].end
    }
}

/// Every place `needle` occurs in `haystack` after normalisation, as byte ranges of
/// the original `haystack`. An empty needle matches nowhere.
pub fn find_all(haystack: &str, needle: &str) -> Vec<Match> {
    let needle = normalize(needle).text;
    if needle.is_empty() {
        return Vec::new();
    }
    let hay = normalize(haystack);
    // Byte offsets of the normalised text back to char indices.
    let mut out = Vec::new();
    let mut char_of_byte = std::collections::HashMap::new();
    for (ci, (bi, _)) in hay.text.char_indices().enumerate() {
        char_of_byte.insert(bi, ci);
    }
    let needle_chars = needle.chars().count();
    let mut from = 0;
    while let Some(pos) = hay.text[from..].find(&needle) {
        let b = from + pos;
        let c = char_of_byte[&b];
        out.push(hay.original(c..c + needle_chars));
        from = b + hay.text[b..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Whether `needle` occurs in `haystack` after normalisation.
pub fn contains(haystack: &str, needle: &str) -> bool {
    let needle = normalize(needle).text;
    !needle.is_empty() && normalize(haystack).text.contains(&needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_text_gets_persian_letters_and_keeps_the_rest() {
        let (s, n) = persian_spelling(
            "مديران كل استان در جلسه ٢٥ آذر؛ خانه ی ما، بهره‌گیری EIS 2.1",
            super::super::Digits::Persian,
        );
        assert_eq!(
            s,
            "مدیران کل استان در جلسه ۲۵ آذر؛ خانه ی ما، بهره‌گیری EIS 2.1"
        );
        assert_eq!(n, 4);
        let (s, _) = persian_spelling("٢٥", super::super::Digits::Latin);
        assert_eq!(s, "25");
    }

    #[test]
    fn spellings_meet() {
        assert_eq!(normalize("مديران").text, normalize("مدیران").text);
        assert_eq!(normalize("بهره‌گیری").text, normalize("بهرهگیری").text);
        assert_eq!(normalize("بهره گیری").text, normalize("بهرهگیری").text);
        assert_eq!(normalize("كمـــيته").text, normalize("کمیته").text);
        assert_eq!(normalize("مُدیر").text, "مدیر");
        assert_eq!(normalize("۱۴۰۳").text, "1403");
        assert_eq!(normalize("١٤٠٣").text, "1403");
        assert_eq!(normalize("EIS").text, "eis");
    }

    #[test]
    fn matches_point_into_the_original() {
        let text = "از بهره گیری از ظرفیت مديران";
        let hits = find_all(text, "بهره‌گیری");
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].clone()], "بهره گیری");
        let hits = find_all(text, "مدیران");
        assert_eq!(&text[hits[0].clone()], "مديران");
        assert_eq!(find_all("سامانه eis و EIS", "Eis").len(), 2);
        assert!(find_all(text, "").is_empty());
        assert!(contains(text, "ظرفيت"));
    }
}

//! Shaping for terminals that do not join Arabic-script letters themselves (xterm,
//! Alacritty, foot, Windows Terminal, Ghostty…): each letter becomes its
//! presentation form (isolated, final, initial, medial) from its neighbours'
//! joining types.
//!
//! One output character per input character, so a cursor map built on the input
//! holds for the output. ZWNJ breaks a join; vowel marks are transparent; no
//! lam-alef ligature and never the single-glyph «الله» (U+FDF2).

use unicode_joining_type::{JoiningType, get_joining_type};

/// Presentation forms: (letter, isolated, final, initial, medial); 0 = none
/// (right-joining letters have no initial or medial form).
const FORMS: &[(char, u32, u32, u32, u32)] = &[
    ('ء', 0xFE80, 0, 0, 0),
    ('آ', 0xFE81, 0xFE82, 0, 0),
    ('أ', 0xFE83, 0xFE84, 0, 0),
    ('ؤ', 0xFE85, 0xFE86, 0, 0),
    ('إ', 0xFE87, 0xFE88, 0, 0),
    ('ئ', 0xFE89, 0xFE8A, 0xFE8B, 0xFE8C),
    ('ا', 0xFE8D, 0xFE8E, 0, 0),
    ('ب', 0xFE8F, 0xFE90, 0xFE91, 0xFE92),
    ('ة', 0xFE93, 0xFE94, 0, 0),
    ('ت', 0xFE95, 0xFE96, 0xFE97, 0xFE98),
    ('ث', 0xFE99, 0xFE9A, 0xFE9B, 0xFE9C),
    ('ج', 0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0),
    ('ح', 0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4),
    ('خ', 0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8),
    ('د', 0xFEA9, 0xFEAA, 0, 0),
    ('ذ', 0xFEAB, 0xFEAC, 0, 0),
    ('ر', 0xFEAD, 0xFEAE, 0, 0),
    ('ز', 0xFEAF, 0xFEB0, 0, 0),
    ('س', 0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4),
    ('ش', 0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8),
    ('ص', 0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC),
    ('ض', 0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0),
    ('ط', 0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4),
    ('ظ', 0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8),
    ('ع', 0xFEC9, 0xFECA, 0xFECB, 0xFECC),
    ('غ', 0xFECD, 0xFECE, 0xFECF, 0xFED0),
    ('ف', 0xFED1, 0xFED2, 0xFED3, 0xFED4),
    ('ق', 0xFED5, 0xFED6, 0xFED7, 0xFED8),
    ('ك', 0xFED9, 0xFEDA, 0xFEDB, 0xFEDC),
    ('ل', 0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0),
    ('م', 0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4),
    ('ن', 0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8),
    ('ه', 0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC),
    ('و', 0xFEED, 0xFEEE, 0, 0),
    ('ى', 0xFEEF, 0xFEF0, 0, 0),
    ('ي', 0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4),
    ('پ', 0xFB56, 0xFB57, 0xFB58, 0xFB59),
    ('چ', 0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D),
    ('ژ', 0xFB8A, 0xFB8B, 0, 0),
    ('ک', 0xFB8E, 0xFB8F, 0xFB90, 0xFB91),
    ('گ', 0xFB92, 0xFB93, 0xFB94, 0xFB95),
    ('ۀ', 0xFBA4, 0xFBA5, 0, 0),
    ('ی', 0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF),
];

/// The four positional forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Isolated,
    Final,
    Initial,
    Medial,
}

fn forms(c: char) -> Option<&'static (char, u32, u32, u32, u32)> {
    // The letters sit in two small blocks; a linear scan of 43 entries is faster
    // than hashing at this size.
    if !('\u{0621}'..='\u{06D3}').contains(&c) {
        return None;
    }
    FORMS.iter().find(|f| f.0 == c)
}

/// `c` in `form`, or `c` itself when it has no such form.
pub fn presentation_form(c: char, form: Form) -> char {
    let Some(&(_, iso, fin, ini, med)) = forms(c) else {
        return c;
    };
    let code = match form {
        Form::Isolated => iso,
        Form::Final => fin,
        Form::Initial => ini,
        Form::Medial => med,
    };
    char::from_u32(code).filter(|_| code != 0).unwrap_or(c)
}

fn joins_forward(t: JoiningType) -> bool {
    // Can connect to the following letter (the one on its left on screen).
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::JoinCausing | JoiningType::LeftJoining
    )
}

fn joins_backward(t: JoiningType) -> bool {
    // Can connect to the preceding letter (the one on its right on screen).
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::JoinCausing | JoiningType::RightJoining
    )
}

/// The positional form each character takes among `chars` (logical order), or
/// `None` for characters that have no forms.
pub fn forms_of(chars: &[char]) -> Vec<Option<Form>> {
    let types: Vec<JoiningType> = chars.iter().map(|&c| get_joining_type(c)).collect();
    let mut out = vec![None; chars.len()];
    // The nearest non-transparent neighbour on each side.
    let mut prev: Option<JoiningType> = None;
    for i in 0..chars.len() {
        let t = types[i];
        if t == JoiningType::Transparent {
            continue;
        }
        let next = types[i + 1..]
            .iter()
            .copied()
            .find(|t| *t != JoiningType::Transparent);
        if forms(chars[i]).is_some() {
            let back = joins_backward(t) && prev.is_some_and(joins_forward);
            let fwd = joins_forward(t) && next.is_some_and(joins_backward);
            out[i] = Some(match (back, fwd) {
                (true, true) => Form::Medial,
                (true, false) => Form::Final,
                (false, true) => Form::Initial,
                (false, false) => Form::Isolated,
            });
        }
        prev = Some(t);
    }
    out
}

/// Shapes `chars` in place: each letter replaced by its presentation form.
pub fn shape_chars(chars: &mut [char]) {
    let forms = forms_of(chars);
    for (c, f) in chars.iter_mut().zip(forms) {
        if let Some(f) = f {
            *c = presentation_form(*c, f);
        }
    }
}

/// Shapes a string; the result has exactly as many characters as the input.
pub fn shape(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    shape_chars(&mut chars);
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_joins_and_zwnj_breaks_it() {
        // «بهره‌گیری»: ب initial, ه medial, ر final, ه isolated (ر does not join
        // forward), ZWNJ, گ initial, ی medial, ر final, ی isolated.
        let shaped: Vec<char> = shape("بهره\u{200c}گیری").chars().collect();
        assert_eq!(
            shaped,
            vec![
                '\u{FE91}', '\u{FEEC}', '\u{FEAE}', '\u{FEE9}', '\u{200c}', '\u{FB94}', '\u{FBFF}',
                '\u{FEAE}', '\u{FBFC}'
            ]
        );
        // Without the ZWNJ the heh joins the gaf.
        let joined: Vec<char> = shape("بهرهگیری").chars().collect();
        assert_eq!(joined[3], '\u{FEEB}', "heh initial");
        assert_eq!(joined[4], '\u{FB95}', "gaf medial");
    }

    #[test]
    fn marks_are_transparent_and_kept() {
        let s: Vec<char> = shape("بَب").chars().collect();
        assert_eq!(s, vec!['\u{FE91}', '\u{064E}', '\u{FE90}']);
    }

    #[test]
    fn no_lam_alef_ligature_and_no_allah_glyph() {
        let s = shape("الله");
        assert_eq!(s.chars().count(), 4);
        assert!(!s.contains('\u{FDF2}'));
        let la: Vec<char> = shape("لا").chars().collect();
        assert_eq!(la, vec!['\u{FEDF}', '\u{FE8E}']);
    }

    #[test]
    fn digits_and_latin_break_joining_and_stay() {
        let s: Vec<char> = shape("ب2ب EIS").chars().collect();
        assert_eq!(&s[..3], &['\u{FE8F}', '2', '\u{FE8F}']);
        assert_eq!(s[4..].iter().collect::<String>(), "EIS");
    }
}

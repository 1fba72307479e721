//! Persian ۰–۹, Arabic-Indic ٠–٩ and Latin 0–9: writing numbers in the digits the
//! user chose, and reading any of the three.

/// Which digits to write numbers with (a setting: Persian by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Digits {
    /// ۰۱۲۳۴۵۶۷۸۹
    #[default]
    Persian,
    /// 0123456789
    Latin,
}

impl Digits {
    /// Rewrites the ASCII digits of `s` in this digit set; other characters stay.
    pub fn apply(self, s: &str) -> String {
        match self {
            Digits::Latin => s.to_owned(),
            Digits::Persian => s
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32('۰' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
                    _ => c,
                })
                .collect(),
        }
    }

    /// A number in this digit set.
    pub fn format(self, n: impl std::fmt::Display) -> String {
        self.apply(&n.to_string())
    }
}

/// The value 0–9 of a digit in any of the three sets.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '۰'..='۹' => Some(c as u32 - '۰' as u32),
        '٠'..='٩' => Some(c as u32 - '٠' as u32),
        _ => None,
    }
}

/// `c` with Persian and Arabic-Indic digits rewritten as ASCII.
pub fn ascii_digit(c: char) -> char {
    digit_value(c).map_or(c, |v| char::from(b'0' + v as u8))
}

/// Reads a whole number written in any of the three digit sets (mixed is fine),
/// with an optional leading minus; `None` for anything else or on overflow.
pub fn parse_number(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, digits) = match s.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for c in digits.chars() {
        n = n.checked_mul(10)?.checked_add(i64::from(digit_value(c)?))?;
    }
    Some(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formatting() {
        assert_eq!(Digits::Persian.apply("1403/09/30"), "۱۴۰۳/۰۹/۳۰");
        assert_eq!(Digits::Latin.apply("1403/09/30"), "1403/09/30");
        assert_eq!(Digits::Persian.format(40), "۴۰");
        assert_eq!(Digits::Persian.apply("EIS 2.1"), "EIS ۲.۱");
    }

    #[test]
    fn parsing_any_digit_set() {
        assert_eq!(parse_number("۱۴۰۳"), Some(1403));
        assert_eq!(parse_number("١٤٠٣"), Some(1403));
        assert_eq!(parse_number("1403"), Some(1403));
        assert_eq!(parse_number("۱4٠3"), Some(1403));
        assert_eq!(parse_number("-۵"), Some(-5));
        assert_eq!(parse_number(" ۷ "), Some(7));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("-"), None);
        assert_eq!(parse_number("۱۲a"), None);
        assert_eq!(parse_number("99999999999999999999"), None);
    }

    proptest! {
        #[test]
        fn format_then_parse(n in any::<i64>().prop_filter("not MIN", |n| *n != i64::MIN)) {
            prop_assert_eq!(parse_number(&Digits::Persian.format(n)), Some(n));
            prop_assert_eq!(parse_number(&Digits::Latin.format(n)), Some(n));
        }
    }
}

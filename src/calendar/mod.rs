//! The Solar Hijri (Jalali) calendar: conversion, names and formatting.
//!
//! Dates are stored as `chrono::NaiveDate`; Jalali is only a way of showing and
//! typing them.

mod convert;
mod names;
mod parse;
mod relative;
mod time;
mod workweek;

pub use convert::{CalendarError, JalaliDate, MAX_YEAR, MIN_YEAR, is_leap, month_days};
pub use names::{MONTHS, MONTHS_EN, WEEKDAYS, weekday_index, weekday_name};
pub use parse::{DateContext, DateError, ParsedDate, parse_date};
pub use relative::relative_phrase;
pub use time::{TimeError, parse_time};
pub use workweek::{WorkWeek, parse_weekday};

/// Which digits to write numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Digits {
    /// ۰۱۲۳۴۵۶۷۸۹
    #[default]
    Persian,
    /// 0123456789
    Latin,
}

impl Digits {
    /// Rewrites the ASCII digits of `s` in this digit set.
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_digits() {
        assert_eq!(Digits::Persian.apply("1403/09/30"), "۱۴۰۳/۰۹/۳۰");
        assert_eq!(Digits::Latin.apply("1403/09/30"), "1403/09/30");
    }
}

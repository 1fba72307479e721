//! Which days are working days: the weekend (Friday by default; Thursday too where a
//! body chooses) and a user-editable list of holidays.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::weekday_name;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkWeek {
    /// Weekend days, as chrono weekdays.
    pub weekend: Vec<Weekday>,
    pub holidays: BTreeSet<NaiveDate>,
}

impl Default for WorkWeek {
    fn default() -> WorkWeek {
        WorkWeek {
            weekend: vec![Weekday::Fri],
            holidays: BTreeSet::new(),
        }
    }
}

impl WorkWeek {
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !self.weekend.contains(&d.weekday()) && !self.holidays.contains(&d)
    }

    /// Why `d` is not a working day, in Persian and English; `None` when it is one.
    pub fn closure(&self, d: NaiveDate) -> Option<String> {
        if self.weekend.contains(&d.weekday()) {
            Some(format!(
                "{} تعطیل است / falls on the weekend",
                weekday_name(d.weekday())
            ))
        } else if self.holidays.contains(&d) {
            Some("روز تعطیل است / is a holiday".into())
        } else {
            None
        }
    }

    /// The `n`-th working day after `from` (not counting `from` itself).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        // A week always has a working day unless all seven are weekend, which
        // `parse_weekday` makes impossible from config; bound the loop regardless.
        let mut guard = 0u32;
        while left > 0 && guard < n.saturating_mul(7).saturating_add(400) {
            d = d.succ_opt().unwrap_or(d);
            if self.is_working_day(d) {
                left -= 1;
            }
            guard += 1;
        }
        d
    }
}

/// A weekday from its Persian or English name («جمعه», "friday", "fri").
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().replace(['\u{200c}', ' '], "");
    let fa = [
        ("شنبه", Weekday::Sat),
        ("یکشنبه", Weekday::Sun),
        ("دوشنبه", Weekday::Mon),
        ("سهشنبه", Weekday::Tue),
        ("چهارشنبه", Weekday::Wed),
        ("پنجشنبه", Weekday::Thu),
        ("جمعه", Weekday::Fri),
    ];
    if let Some((_, w)) = fa.iter().find(|(n, _)| *n == s) {
        return Some(*w);
    }
    s.to_ascii_lowercase().parse::<Weekday>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn working_days_skip_the_weekend_and_holidays() {
        let mut w = WorkWeek::default();
        // 2024-11-05 is a Tuesday (سه‌شنبه ۱۵ آبان ۱۴۰۳).
        assert_eq!(
            w.add_working_days(d(2024, 11, 5), 3),
            d(2024, 11, 9),
            "skips Friday 8th"
        );
        w.weekend.push(Weekday::Thu);
        assert_eq!(
            w.add_working_days(d(2024, 11, 5), 3),
            d(2024, 11, 10),
            "skips Thu and Fri"
        );
        w.holidays.insert(d(2024, 11, 9));
        assert_eq!(w.add_working_days(d(2024, 11, 5), 3), d(2024, 11, 11));
        assert!(w.closure(d(2024, 11, 8)).unwrap().contains("جمعه"));
        assert!(w.closure(d(2024, 11, 9)).unwrap().contains("holiday"));
        assert_eq!(w.closure(d(2024, 11, 5)), None);
    }

    #[test]
    fn weekday_names_in_both_languages() {
        assert_eq!(parse_weekday("جمعه"), Some(Weekday::Fri));
        assert_eq!(parse_weekday("سه‌شنبه"), Some(Weekday::Tue));
        assert_eq!(parse_weekday("Thursday"), Some(Weekday::Thu));
        assert_eq!(parse_weekday("fri"), Some(Weekday::Fri));
        assert_eq!(parse_weekday("someday"), None);
    }
}

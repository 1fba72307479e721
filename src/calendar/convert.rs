//! Jalali ⇄ Gregorian by Kazimierz Borkowski's algorithm (the one behind jalaali-js),
//! which places 1 Farvardin from the 33-year cycle with the historical "breaks".
//! Tests check it against the Calendar Center's official leap table (1206–1498)
//! and the year boundaries 1300–1500 in tests/data/jalali/.

use chrono::{Datelike, NaiveDate};

use super::{Digits, MONTHS, MONTHS_EN, weekday_name};

/// The range of years dabir converts. Outside it, conversion is an error rather
/// than a wrong date.
pub const MIN_YEAR: i32 = 1200;
pub const MAX_YEAR: i32 = 1600;

/// Years (AP) at which the leap cycle shifts.
const BREAKS: [i32; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

fn fa(n: &impl std::fmt::Display) -> String {
    Digits::Persian.apply(&n.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("سال {} بیرون از بازه ۱۲۰۰ تا ۱۶۰۰ است / year {y} is outside 1200–1600", fa(.0), y = .0)]
    YearOutOfRange(i32),
    #[error("ماه {} وجود ندارد: ماه‌ها ۱ تا ۱۲ هستند / there is no month {m}: months are 1–12", fa(.0), m = .0)]
    NoSuchMonth(u32),
    #[error(
        "{} {} {} روز دارد، نه {} / {} {year} has {days} days, not {day}",
        MONTHS[*.month as usize - 1], fa(.year), fa(.days), fa(.day), MONTHS_EN[*.month as usize - 1]
    )]
    NoSuchDay {
        year: i32,
        month: u32,
        day: u32,
        days: u32,
    },
    #[error("{} کبیسه نیست: اسفند ۲۹ روز دارد / {y} is not a leap year: Esfand has 29 days", fa(.0), y = .0)]
    NotLeap(i32),
}

/// A day of the Solar Hijri calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JalaliDate {
    year: i32,
    month: u32,
    day: u32,
}

/// The Gregorian day in March on which Farvardin 1 of `jy` falls.
fn march_day(jy: i32) -> i32 {
    let gy = jy + 621;
    let mut leap_j = -14;
    let mut jp = BREAKS[0];
    let mut jump = 0;
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if jy < jm {
            break;
        }
        leap_j += jump.div_euclid(33) * 8 + jump.rem_euclid(33).div_euclid(4);
        jp = jm;
    }
    let n = jy - jp;
    leap_j += n.div_euclid(33) * 8 + (n.rem_euclid(33) + 3).div_euclid(4);
    if jump.rem_euclid(33) == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = gy.div_euclid(4) - ((gy.div_euclid(100) + 1) * 3).div_euclid(4) - 150;
    20 + leap_j - leap_g
}

/// 1 Farvardin of `jy` as a Gregorian date, by the algorithm.
fn compute_nowruz(jy: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(jy + 621, 3, march_day(jy) as u32)
        .expect("March day from the algorithm is always 19–22")
}

/// 1 Farvardin of `jy`: a table lookup for MIN_YEAR..=MAX_YEAR + 1 (built once;
/// conversion sits in the date parser's hot path), the algorithm elsewhere.
fn nowruz(jy: i32) -> NaiveDate {
    static TABLE: std::sync::OnceLock<Vec<NaiveDate>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| (MIN_YEAR..=MAX_YEAR + 1).map(compute_nowruz).collect());
    usize::try_from(jy - MIN_YEAR)
        .ok()
        .and_then(|i| table.get(i).copied())
        .unwrap_or_else(|| compute_nowruz(jy))
}

fn check_year(year: i32) -> Result<(), CalendarError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(CalendarError::YearOutOfRange(year))
    }
}

/// Whether Jalali `year` has 366 days (Esfand 30). Years outside the range are
/// reported as not leap; use [`JalaliDate::new`] to validate.
pub fn is_leap(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year) && (nowruz(year + 1) - nowruz(year)).num_days() == 366
}

/// Days in a month of a year.
pub fn month_days(year: i32, month: u32) -> u32 {
    match month {
        1..=6 => 31,
        7..=11 => 30,
        _ if is_leap(year) => 30,
        _ => 29,
    }
}

impl JalaliDate {
    /// A valid Jalali date, or an error saying why not.
    pub fn new(year: i32, month: u32, day: u32) -> Result<JalaliDate, CalendarError> {
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(CalendarError::NoSuchMonth(month));
        }
        let days = month_days(year, month);
        if month == 12 && day == 30 && days == 29 {
            return Err(CalendarError::NotLeap(year));
        }
        if day == 0 || day > days {
            return Err(CalendarError::NoSuchDay {
                year,
                month,
                day,
                days,
            });
        }
        Ok(JalaliDate { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month
    }
    pub fn day(self) -> u32 {
        self.day
    }

    /// Days since 1 Farvardin (0-based).
    pub fn ordinal0(self) -> u32 {
        let m = self.month - 1;
        let before = if m <= 6 { m * 31 } else { 186 + (m - 6) * 30 };
        before + self.day - 1
    }

    pub fn from_gregorian(d: NaiveDate) -> Result<JalaliDate, CalendarError> {
        let mut jy = d.year() - 621;
        // Check before calling `nowruz`, which is only defined near the range.
        if !(MIN_YEAR..=MAX_YEAR + 1).contains(&jy) {
            return Err(CalendarError::YearOutOfRange(jy));
        }
        if d < nowruz(jy) {
            jy -= 1;
        }
        check_year(jy)?;
        let doy = (d - nowruz(jy)).num_days() as u32;
        let (month, day) = if doy < 186 {
            (doy / 31 + 1, doy % 31 + 1)
        } else {
            let r = doy - 186;
            (r / 30 + 7, r % 30 + 1)
        };
        Ok(JalaliDate {
            year: jy,
            month,
            day,
        })
    }

    pub fn to_gregorian(self) -> NaiveDate {
        nowruz(self.year) + chrono::Days::new(self.ordinal0() as u64)
    }

    pub fn is_leap_year(self) -> bool {
        is_leap(self.year)
    }

    /// `1403/09/30` in the given digits.
    pub fn numeric(self, digits: Digits) -> String {
        digits.apply(&format!(
            "{:04}/{:02}/{:02}",
            self.year, self.month, self.day
        ))
    }

    /// `۳۰ اسفند ۱۴۰۳`: the long form without the weekday (table cells).
    pub fn medium(self, digits: Digits) -> String {
        format!(
            "{} {} {}",
            digits.apply(&self.day.to_string()),
            MONTHS[self.month as usize - 1],
            digits.apply(&self.year.to_string())
        )
    }

    /// `پنجشنبه ۳۰ اسفند ۱۴۰۳`.
    pub fn long(self, digits: Digits) -> String {
        format!(
            "{} {} {} {}",
            weekday_name(self.to_gregorian().weekday()),
            digits.apply(&self.day.to_string()),
            MONTHS[self.month as usize - 1],
            digits.apply(&self.year.to_string())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn known_dates() {
        let j = JalaliDate::new(1403, 12, 30).unwrap();
        assert_eq!(j.to_gregorian(), g(2025, 3, 20));
        assert_eq!(JalaliDate::from_gregorian(g(2025, 3, 20)).unwrap(), j);
        assert_eq!(
            JalaliDate::from_gregorian(g(2025, 3, 21)).unwrap(),
            JalaliDate::new(1404, 1, 1).unwrap()
        );
        assert_eq!(
            JalaliDate::new(1403, 8, 15).unwrap().to_gregorian(),
            g(2024, 11, 5)
        );
        assert_eq!(j.long(Digits::Persian), "پنجشنبه ۳۰ اسفند ۱۴۰۳");
        assert_eq!(j.numeric(Digits::Latin), "1403/12/30");
    }

    #[test]
    fn invalid_dates_say_why() {
        assert_eq!(
            JalaliDate::new(1402, 12, 30),
            Err(CalendarError::NotLeap(1402))
        );
        assert_eq!(
            JalaliDate::new(1402, 12, 30).unwrap_err().to_string(),
            "۱۴۰۲ کبیسه نیست: اسفند ۲۹ روز دارد / 1402 is not a leap year: Esfand has 29 days"
        );
        assert_eq!(
            JalaliDate::new(1402, 13, 1),
            Err(CalendarError::NoSuchMonth(13))
        );
        assert!(matches!(
            JalaliDate::new(1402, 7, 31),
            Err(CalendarError::NoSuchDay { days: 30, .. })
        ));
        assert!(matches!(
            JalaliDate::new(1402, 1, 32),
            Err(CalendarError::NoSuchDay { days: 31, .. })
        ));
        assert_eq!(
            JalaliDate::new(1700, 1, 1),
            Err(CalendarError::YearOutOfRange(1700))
        );
        assert_eq!(
            JalaliDate::from_gregorian(g(1066, 10, 14)),
            Err(CalendarError::YearOutOfRange(445))
        );
        assert!(JalaliDate::from_gregorian(g(2300, 1, 1)).is_err());
    }
}

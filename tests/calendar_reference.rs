//! The calendar against the official tables in tests/data/jalali/ (see
//! tests/data/README.md), read at test time.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use dabir::calendar::{JalaliDate, weekday_name};

fn reference(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/jalali")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reference file {} is needed: {e}", path.display()))
}

fn iso(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Each line: `1210** 1831-03-21`: the year, '*' when it is leap, and 1 Farvardin.
/// The star marks the year as leap: "leap year after 4 (or 5) years".
#[test]
fn official_leap_table_1206_1498() {
    let text = reference("official-leap-table-1206-1498.txt");
    let mut rows = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (year, nowruz) = line.split_once(' ').unwrap();
        let leap = year.ends_with('*');
        let year: i32 = year.trim_end_matches('*').parse().unwrap();
        let nowruz = iso(nowruz.trim());
        let first = JalaliDate::new(year, 1, 1).unwrap();
        assert_eq!(first.to_gregorian(), nowruz, "1 Farvardin {year}");
        assert_eq!(
            JalaliDate::from_gregorian(nowruz).unwrap(),
            first,
            "{nowruz}"
        );
        assert_eq!(first.is_leap_year(), leap, "leap flag of {year}");
        rows += 1;
    }
    assert_eq!(rows, 1498 - 1206 + 1);
}

/// `jalali,gregorian,weekday_fa,leap_year`: first and last day of each year.
#[test]
fn year_boundaries_1300_1500() {
    let text = reference("boundaries-1300-1500.csv");
    let mut rows = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let [y, m, d]: [u32; 3] = f[0]
            .split('/')
            .map(|p| p.parse().unwrap())
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
        let j = JalaliDate::new(y as i32, m, d).unwrap_or_else(|e| panic!("{}: {e}", f[0]));
        let g = iso(f[1]);
        assert_eq!(j.to_gregorian(), g, "{}", f[0]);
        assert_eq!(JalaliDate::from_gregorian(g).unwrap(), j, "{}", f[1]);
        assert_eq!(weekday_name(g.weekday()), f[2], "weekday of {}", f[0]);
        assert_eq!(j.is_leap_year(), f[3] == "1", "leap flag of {}", f[0]);
        rows += 1;
    }
    assert_eq!(rows, 402);
}

/// Every day from 1900-01-01 to 2200-12-31: Gregorian → Jalali → Gregorian is the
/// identity, and consecutive days are consecutive in Jalali (next day of the
/// month, or the 1st of the next month after the month's last day).
#[test]
fn every_day_1900_to_2200_round_trips_and_is_consecutive() {
    let mut d = iso("1900-01-01");
    let end = iso("2200-12-31");
    let mut prev = JalaliDate::from_gregorian(d).unwrap();
    let mut days = 0;
    while d < end {
        d = d.succ_opt().unwrap();
        let j = JalaliDate::from_gregorian(d).unwrap();
        assert_eq!(j.to_gregorian(), d);
        let expect_next = if prev.day() < dabir::calendar::month_days(prev.year(), prev.month()) {
            (prev.year(), prev.month(), prev.day() + 1)
        } else if prev.month() < 12 {
            (prev.year(), prev.month() + 1, 1)
        } else {
            (prev.year() + 1, 1, 1)
        };
        assert_eq!(
            (j.year(), j.month(), j.day()),
            expect_next,
            "after {prev:?} ({d})"
        );
        prev = j;
        days += 1;
    }
    assert_eq!(days, (end - iso("1900-01-01")).num_days());
}

//! The date parser against every form the issue lists, the dates in
//! tests/data/minutes/, and each kind of invalid input.

use chrono::{NaiveDate, Weekday};
use dabir::calendar::{CalendarError, DateContext, DateError, JalaliDate, WorkWeek, parse_date};

fn j(y: i32, m: u32, d: u32) -> NaiveDate {
    JalaliDate::new(y, m, d).unwrap().to_gregorian()
}

fn parse(
    input: &str,
    anchor: Option<NaiveDate>,
    deadline: bool,
) -> Result<dabir::calendar::ParsedDate, DateError> {
    let work = WorkWeek::default();
    parse_date(
        input,
        &DateContext {
            anchor,
            deadline,
            work: &work,
        },
    )
}

fn ok(input: &str, anchor: Option<NaiveDate>, deadline: bool) -> NaiveDate {
    parse(input, anchor, deadline)
        .unwrap_or_else(|e| panic!("{input}: {e}"))
        .date
}

/// clean.txt's meeting: سه‌شنبه ۱۵ آبان ۱۴۰۳ (2024-11-05).
fn meeting() -> Option<NaiveDate> {
    Some(j(1403, 8, 15))
}

#[test]
fn complete_numeric_dates() {
    for (input, want) in [
        ("1397/11/14", j(1397, 11, 14)),
        ("۱۴۰۳-۰۸-۱۵", j(1403, 8, 15)),
        ("١٤٠٣/٠٩/٣٠", j(1403, 9, 30)),
        ("1403.8.15", j(1403, 8, 15)),
        ("1403 8 15", j(1403, 8, 15)),
        ("1403 / 08 / 15", j(1403, 8, 15)),
        ("10/10/1397", j(1397, 10, 10)),
        ("حداکثر تا تاریخ 10/10/1397", j(1397, 10, 10)),
        ("مهلت اجرا: ۱۴۰۳/۰۹/۳۰", j(1403, 9, 30)),
        ("۱۴۰۳/۱۲/۳۰", NaiveDate::from_ymd_opt(2025, 3, 20).unwrap()),
        ("1403/12/20.", j(1403, 12, 20)),
    ] {
        assert_eq!(ok(input, None, false), want, "{input}");
    }
}

#[test]
fn two_digit_years() {
    assert_eq!(
        ok("11/10/97", None, false),
        j(1397, 10, 11),
        "97 cannot be a day"
    );
    assert_eq!(ok("97/10/11", None, false), j(1397, 10, 11));
    assert_eq!(
        ok("25/12/99", None, false),
        j(1399, 12, 25),
        "99 cannot be a day"
    );
    assert_eq!(ok("99/12/25", None, false), j(1399, 12, 25));
    assert_eq!(
        parse("10/13/02", None, false).unwrap_err(),
        DateError::Invalid(CalendarError::NoSuchMonth(13)),
        "neither reading has a month 13"
    );
}

#[test]
fn two_valid_readings_take_the_nearest_to_the_context() {
    // messy.txt: «تا 10/11/02» in a meeting of بهمن 1402.
    let p = parse("10/11/02", Some(j(1402, 11, 3)), true).unwrap();
    assert_eq!(p.date, j(1402, 11, 10));
    let note = p.note.unwrap();
    assert!(
        note.contains("1402/11/10") && note.contains("1410/11/02"),
        "{note}"
    );
    assert_eq!(ok("10/11/02", Some(j(1410, 6, 1)), true), j(1410, 11, 2));

    let err = parse("05/06/07", None, false).unwrap_err();
    assert!(matches!(&err, DateError::Ambiguous { readings, .. } if readings.len() == 2));
    let msg = err.to_string();
    assert!(
        msg.contains("1405/06/07") && msg.contains("1407/06/05"),
        "{msg}"
    );
    assert!(msg.contains("۱۴۰۵/۰۶/۰۷"), "{msg}");
}

#[test]
fn month_names() {
    for (input, anchor, deadline, want) in [
        ("۲۲ خردادماه ۱۴۰۲", None, false, j(1402, 3, 22)),
        ("15 آذر 1403", None, false, j(1403, 9, 15)),
        ("۱۵ آذر ۱۴۰۳", None, false, j(1403, 9, 15)),
        ("پانزدهم آذر ۱۴۰۳", None, false, j(1403, 9, 15)),
        ("۱۵ آذر ماه سال ۱۴۰۳", None, false, j(1403, 9, 15)),
        ("۱۵ آذر ۰۳", None, false, j(1403, 9, 15)),
        ("8 دیماه", meeting(), true, j(1403, 10, 8)),
        ("8 دی‌ماه", meeting(), true, j(1403, 10, 8)),
        ("تا آخر آذر", meeting(), true, j(1403, 9, 30)),
        ("پایان اسفند", meeting(), true, j(1403, 12, 30)),
        ("اول دی", meeting(), true, j(1403, 10, 1)),
        ("۱۰ مهر", meeting(), true, j(1404, 7, 10)),
        ("۱۰ مهر", meeting(), false, j(1403, 7, 10)),
        ("30 اسفند", Some(j(1402, 5, 1)), true, j(1403, 12, 30)),
        // messy.txt: «در تاريخ 3 بهمن ماه برگزار شد», Arabic ي and all.
        ("3 بهمن ماه", Some(j(1402, 11, 15)), false, j(1402, 11, 3)),
        (
            "تاريخ 3 بهمن ماه",
            Some(j(1402, 11, 15)),
            false,
            j(1402, 11, 3),
        ),
    ] {
        assert_eq!(ok(input, anchor, deadline), want, "{input}");
    }
    let p = parse("8 دیماه", meeting(), true).unwrap();
    assert!(
        p.note.unwrap().contains("1403"),
        "the preview says where the year came from"
    );
}

#[test]
fn relative_forms() {
    let m = j(1403, 8, 15); // a Tuesday
    let plus = |n: u64| m + chrono::Days::new(n);
    for (input, want) in [
        ("امروز", m),
        ("فردا", plus(1)),
        ("پس‌فردا", plus(2)),
        ("پس فردا", plus(2)),
        ("دیروز", m - chrono::Days::new(1)),
        ("+7", plus(7)),
        ("۷+", plus(7)),
        ("+۳۰ روز", plus(30)),
        ("۱۰ روز", plus(10)),
        ("ده روز", plus(10)),
        ("بیست و پنج روز", plus(25)),
        ("دو هفته", plus(14)),
        ("دو هفته پس از جلسه", plus(14)),
        ("دو هفته دیگر", plus(14)),
        ("ظرف یک هفته", plus(7)),
        ("یک ماه", j(1403, 9, 15)),
        ("سه ماه بعد", j(1403, 11, 15)),
        ("یک سال", j(1404, 8, 15)),
        ("پایان سال", j(1403, 12, 30)),
        ("تا پایان سال", j(1403, 12, 30)),
        ("آخر ماه", j(1403, 8, 30)),
        ("پایان ماه جاری", j(1403, 8, 30)),
        ("شنبه آینده", plus(4)),
        ("شنبه", plus(4)),
        ("سه‌شنبه", plus(7)),
        ("سه شنبه آینده", plus(7)),
        ("پنجشنبه", plus(2)),
        // Tue 5 Nov: W6 T7 (F8) S9 S10 M11 T12 W13 T14 (F15) S16 S17 → the 10th is the 17th.
        (
            "۱۰ روز کاری",
            NaiveDate::from_ymd_opt(2024, 11, 17).unwrap(),
        ),
    ] {
        assert_eq!(ok(input, Some(m), true), want, "{input}");
    }
    let p = parse("دو هفته پس از جلسه", Some(m), true).unwrap();
    assert_eq!(p.note.as_deref(), Some("۲ هفته پس از سه‌شنبه ۱۵ آبان ۱۴۰۳"));
    // A month from 31 Shahrivar is the 30th of Mehr, the last day it has.
    assert_eq!(ok("یک ماه", Some(j(1403, 6, 31)), true), j(1403, 7, 30));
}

#[test]
fn working_days_follow_the_body_weekend_and_holidays() {
    let m = j(1403, 8, 15);
    let mut work = WorkWeek::default();
    work.weekend.push(Weekday::Thu);
    work.holidays
        .insert(NaiveDate::from_ymd_opt(2024, 11, 9).unwrap());
    let ctx = DateContext {
        anchor: Some(m),
        deadline: true,
        work: &work,
    };
    // W6 (T7 F8 off) (S9 holiday) S10 → the 2nd working day.
    assert_eq!(
        parse_date("۲ روز کاری", &ctx).unwrap().date,
        NaiveDate::from_ymd_opt(2024, 11, 10).unwrap()
    );
}

#[test]
fn a_deadline_on_a_closed_day_is_flagged_not_moved() {
    // ۱۶ آذر ۱۴۰۳ is a Friday.
    let p = parse("۱۶ آذر ۱۴۰۳", None, true).unwrap();
    assert_eq!(p.date, j(1403, 9, 16));
    assert!(p.warning.unwrap().contains("جمعه"));
    assert_eq!(parse("۱۵ آذر ۱۴۰۳", None, true).unwrap().warning, None);
}

#[test]
fn gregorian_when_marked() {
    let want = NaiveDate::from_ymd_opt(2024, 12, 20).unwrap();
    for input in [
        "2024-12-20",
        "g 20/12/2024",
        "G 2024/12/20",
        "20/12/2024 میلادی",
    ] {
        let p = parse(input, None, false).unwrap();
        assert_eq!(p.date, want, "{input}");
        assert_eq!(p.jalali, JalaliDate::new(1403, 9, 30).unwrap());
    }
    assert!(matches!(
        parse("2024-02-30", None, false),
        Err(DateError::BadGregorian(_))
    ));
    assert!(matches!(
        parse("g 10/11/02", None, false),
        Err(DateError::BadGregorian(_))
    ));
}

#[test]
fn the_dates_in_the_minutes_fixtures() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/minutes/");
    let clean = std::fs::read_to_string(format!("{root}clean.txt")).expect("clean.txt");
    let messy = std::fs::read_to_string(format!("{root}messy.txt")).expect("messy.txt");
    // The texts are in the files as written; parse each as it stands there.
    let meeting_date = j(1403, 7, 22);
    for (text, want) in [
        ("۱۴۰۳/۰۷/۲۲", meeting_date),
        ("۱۴۰۳/۰۸/۳۰", j(1403, 8, 30)),
        ("۲۰ آبان ۱۴۰۳", j(1403, 8, 20)),
        ("۱۴۰۳/۱۲/۱۵", j(1403, 12, 15)),
        ("دو هفته پس از جلسه", j(1403, 8, 6)),
    ] {
        assert!(clean.contains(text), "clean.txt holds «{text}»");
        assert_eq!(ok(text, Some(meeting_date), true), want, "{text}");
    }
    let messy_meeting = ok("12 دي ماه", Some(j(1402, 10, 20)), false);
    for (text, want) in [
        ("12 دي ماه", j(1402, 10, 12)),
        ("20/10/1402", j(1402, 10, 20)),
        ("تاريخ 25/10/1402", j(1402, 10, 25)),
        ("15/10/02", j(1402, 10, 15)),
    ] {
        assert!(messy.contains(text), "messy.txt holds «{text}»");
        assert_eq!(ok(text, Some(messy_meeting), true), want, "{text}");
    }
}

#[test]
fn invalid_dates_say_why_in_both_languages() {
    type Check<'a> = &'a dyn Fn(&DateError) -> bool;
    let cases: [(&str, Option<NaiveDate>, Check, &str); 10] = [
        (
            "1402/12/30",
            None,
            &|e| *e == DateError::Invalid(CalendarError::NotLeap(1402)),
            "۱۴۰۲ کبیسه نیست: اسفند ۲۹ روز دارد",
        ),
        (
            "1402/13/01",
            None,
            &|e| *e == DateError::Invalid(CalendarError::NoSuchMonth(13)),
            "there is no month 13",
        ),
        (
            "1402/07/32",
            None,
            &|e| {
                matches!(
                    e,
                    DateError::Invalid(CalendarError::NoSuchDay { day: 32, .. })
                )
            },
            "has 30 days, not 32",
        ),
        (
            "32 آذر ۱۴۰۳",
            None,
            &|e| matches!(e, DateError::Invalid(CalendarError::NoSuchDay { .. })),
            "آذر ۱۴۰۳ ۳۰ روز دارد",
        ),
        (
            "1100/01/01",
            None,
            &|e| *e == DateError::Invalid(CalendarError::YearOutOfRange(1100)),
            "outside 1200–1600",
        ),
        ("", None, &|e| *e == DateError::Empty, "the date is empty"),
        (
            "سلام",
            None,
            &|e| matches!(e, DateError::Unrecognised(_)),
            "not a date dabir can read",
        ),
        (
            "فردا",
            None,
            &|e| matches!(e, DateError::NeedsContext(_)),
            "needs a context date",
        ),
        (
            "8 دیماه",
            None,
            &|e| matches!(e, DateError::NeedsContext(_)),
            "تاریخ مبنا",
        ),
        (
            "05/06/07",
            None,
            &|e| matches!(e, DateError::Ambiguous { .. }),
            "two ways",
        ),
    ];
    for (input, anchor, is, says) in cases {
        let err = parse(input, anchor, true).unwrap_err();
        assert!(is(&err), "{input}: {err:?}");
        assert!(
            err.to_string().contains(says),
            "{input}: «{err}» should say «{says}»"
        );
    }
}

mod properties {
    use super::*;
    use dabir::calendar::Digits;
    use proptest::prelude::*;

    fn to_digits(s: &str, set: u8) -> String {
        s.chars()
            .map(|c| match (c, set) {
                ('0'..='9', 1) => char::from_u32('۰' as u32 + (c as u32 - '0' as u32)).unwrap(),
                ('0'..='9', 2) => char::from_u32('٠' as u32 + (c as u32 - '0' as u32)).unwrap(),
                _ => c,
            })
            .collect()
    }

    proptest! {
        /// Any date 1200–1600 written year-first or year-last, in any digit set and
        /// with any separator, or in the long form, parses back to itself.
        #[test]
        fn written_dates_parse_back(days in 0i64..146_000, set in 0u8..3, sep in prop::sample::select(vec!["/", "-", ".", " "])) {
            let date = JalaliDate::new(1200, 1, 1).unwrap().to_gregorian() + chrono::Duration::days(days);
            let jd = JalaliDate::from_gregorian(date).unwrap();
            let ymd = format!("{}{sep}{:02}{sep}{:02}", jd.year(), jd.month(), jd.day());
            let dmy = format!("{}{sep}{}{sep}{}", jd.day(), jd.month(), jd.year());
            for text in [ymd, dmy] {
                let text = to_digits(&text, set);
                prop_assert_eq!(ok(&text, None, false), date, "{}", text);
            }
            prop_assert_eq!(ok(&jd.long(Digits::Persian), None, false), date);
            prop_assert_eq!(ok(&jd.numeric(Digits::Persian), None, false), date);
        }

        /// Whatever is typed, the parser answers with a date or an error.
        #[test]
        fn never_panics(s in "\\PC{0,40}", anchor in proptest::option::of(0i64..100_000)) {
            let anchor = anchor.map(|d| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(d));
            let _ = parse(&s, anchor, true);
            let _ = parse(&s, anchor, false);
        }

        /// Date-like noise: digits, separators and calendar words in any order.
        #[test]
        fn never_panics_on_date_like_noise(parts in proptest::collection::vec(prop::sample::select(vec![
            "1403", "12", "30", "99", "0", "00", "4294967295", "99999999999", "/", "-", ".", "+", " ",
            "آذر", "ماه", "دیماه", "روز", "کاری", "هفته", "سال", "پایان", "آخر", "اول", "g", "میلادی",
            "شنبه", "سه", "و", "بیست", "پس", "از", "جلسه", "تا",
        ]), 0..8)) {
            let s = parts.concat();
            let _ = parse(&s, Some(j(1403, 8, 15)), true);
            let _ = parse(&s, None, false);
        }
    }
}

#[test]
fn absurd_relative_amounts_are_errors_not_hangs() {
    for input in [
        "+4294967295",
        "۱۰۰۰۰۰ روز",
        "999999 روز کاری",
        "۵۰۰ سال",
        "2000 ماه",
    ] {
        let err = parse(input, meeting(), true).unwrap_err();
        assert!(matches!(err, DateError::TooFar(_)), "{input}: {err:?}");
        assert!(err.to_string().contains("more than a century"));
    }
    assert!(ok("۳۶۵ روز کاری", meeting(), true) > j(1404, 8, 15));
}

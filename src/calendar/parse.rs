//! Reading dates as secretaries write them. One function, [`parse_date`], serves
//! every date field, `dabir date` and import.
//!
//! Accepted (digits Persian ۰–۹, Arabic-Indic ٠–٩ or Latin; separators / - . or
//! spaces; fillers such as «تا», «حداکثر تا تاریخ», «مهلت:», «ظرف» ignored):
//! - `1397/11/14`, `۱۴۰۳-۰۸-۱۵`: year first;
//! - `10/10/1397`: year last (day/month/year);
//! - two-digit years, `11/10/97` (D/M/YY) and `97/10/11` (YY/M/D), 50–99 → 13YY and
//!   00–49 → 14YY; where both readings are valid the one nearest the context date
//!   wins and the note says so; with no context date it is an error listing both;
//! - month names, with or without «ماه»: `8 دیماه`, `۲۲ خردادماه ۱۴۰۲`,
//!   `15 آذر 1403`, `آخر آذر`, `اول دی`; a missing year comes from the context date
//!   (for deadlines the first such date on or after it, otherwise the nearest);
//! - relative to the context date: `امروز`, `فردا`, `پس‌فردا`, `دیروز`, `+7`, `۷+`,
//!   `۱۰ روز`, `دو هفته`, `یک ماه`, `دو هفته پس از جلسه`, `۱۰ روز کاری`,
//!   `پایان سال`, `پایان ماه`, `شنبه آینده`;
//! - Gregorian when marked: `2024-12-20` (a year past 1600 cannot be Jalali),
//!   `g 20/12/2024`, `20/12/2024 میلادی`.

use chrono::{Datelike, NaiveDate};

use super::convert::{CalendarError, JalaliDate, is_leap, month_days};
use super::workweek::{WorkWeek, parse_weekday};
use super::{Digits, MONTHS};

/// What a date is read against.
#[derive(Debug, Clone, Copy)]
pub struct DateContext<'a> {
    /// The context date: the meeting's date for its deadlines, today in `dabir date`,
    /// the document's other dates in an import. `None`: only complete dates parse.
    pub anchor: Option<NaiveDate>,
    /// A deadline: a missing year means the first such date on or after the anchor.
    pub deadline: bool,
    pub work: &'a WorkWeek,
}

/// A date read from text, with what the preview should say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDate {
    pub date: NaiveDate,
    pub jalali: JalaliDate,
    /// How the text was read, when that is not obvious: «۳۰ روز پس از …», which of
    /// two readings was taken, where a missing year came from.
    pub note: Option<String>,
    /// Set when the date is not a working day: shown, never silently moved.
    pub warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("تاریخ خالی است / the date is empty")]
    Empty,
    #[error("«{0}» تاریخ شناخته‌شده‌ای نیست / «{0}» is not a date dabir can read")]
    Unrecognised(String),
    #[error(transparent)]
    Invalid(#[from] CalendarError),
    #[error(
        "«{input}» دو خوانش دارد: {} / «{input}» can be read two ways: {}; write the year in four digits",
        join_fa(.readings), join_en(.readings)
    )]
    Ambiguous {
        input: String,
        readings: Vec<JalaliDate>,
    },
    #[error("«{0}» به تاریخ مبنا نیاز دارد / «{0}» needs a context date (the meeting's date)")]
    NeedsContext(String),
    #[error("{0} تاریخ میلادی معتبری نیست / {0} is not a valid Gregorian date")]
    BadGregorian(String),
    #[error("«{0}» بیش از صد سال از تاریخ مبنا دور است / «{0}» is more than a century away")]
    TooFar(String),
    #[error(
        "عدد {0} برای تاریخ بیش از اندازه بلند است / the number {0} is too long to be part of a date"
    )]
    NumberTooLong(String),
}

/// Relative amounts beyond this many days are typing mistakes, not deadlines.
const MAX_RELATIVE_DAYS: u64 = 36_525;

/// `anchor` moved by `days`, within a century and chrono's range.
fn shift(anchor: NaiveDate, days: i64, input: &str) -> Result<NaiveDate, DateError> {
    let too_far = || DateError::TooFar(input.trim().to_owned());
    if days.unsigned_abs() > MAX_RELATIVE_DAYS {
        return Err(too_far());
    }
    anchor
        .checked_add_signed(chrono::Duration::days(days))
        .ok_or_else(too_far)
}

fn join_fa(r: &[JalaliDate]) -> String {
    r.iter()
        .map(|j| j.numeric(Digits::Persian))
        .collect::<Vec<_>>()
        .join(" یا ")
}

fn join_en(r: &[JalaliDate]) -> String {
    r.iter()
        .map(|j| j.numeric(Digits::Latin))
        .collect::<Vec<_>>()
        .join(" or ")
}

fn fa(n: impl std::fmt::Display) -> String {
    Digits::Persian.apply(&n.to_string())
}

/// Rewrites digits to ASCII, Arabic letters to Persian, joiners and marks to
/// spaces; drops tatweel. One allocation.
fn normalise(input: &str) -> String {
    let mut s = String::with_capacity(input.len());
    for c in input.chars() {
        let c = match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            '\u{0640}' => continue,
            '\u{064B}'..='\u{0652}' => continue,
            '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}' | '\u{00a0}' | '،' | ',' | ':'
            | '(' | ')' | '«' | '»' => ' ',
            '٫' | '٬' | '\\' => '/',
            c => c.to_ascii_lowercase(),
        };
        s.push(c);
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
    Sep(char),
    Plus,
}

fn is_month(w: &str) -> Option<u32> {
    if w == "امرداد" {
        return Some(5);
    }
    MONTHS.iter().position(|m| *m == w).map(|i| i as u32 + 1)
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(8);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let digits = &rest[..end];
            // Numbers longer than nine digits are nothing a date has.
            let n = digits.parse().unwrap_or(u32::MAX);
            out.push(Tok::Num(n, digits.len()));
            rest = &rest[end..];
        } else if matches!(c, '/' | '-' | '.') {
            out.push(Tok::Sep(c));
            rest = &rest[1..];
        } else if c == '+' {
            out.push(Tok::Plus);
            rest = &rest[1..];
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c.is_ascii_digit() || "/-.+".contains(c))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            // «دیماه» → «دی» «ماه»
            match word.strip_suffix("ماه") {
                Some(m) if is_month(m).is_some() => {
                    out.push(Tok::Word(m));
                    out.push(Tok::Word("ماه"));
                }
                _ => out.push(Tok::Word(word)),
            }
            rest = &rest[end..];
        }
    }
    out
}

const FILLERS: &[&str] = &[
    "تا",
    "حداکثر",
    "تاریخ",
    "مورخ",
    "مورخه",
    "مهلت",
    "اجرا",
    "ظرف",
    "طی",
    "در",
    "مدت",
];
const TAILS: &[&str] = &[
    "پس",
    "بعد",
    "از",
    "جلسه",
    "دیگر",
    "آینده",
    "آتی",
    "تاریخ",
    "روز",
    "جاری",
];

fn word_number(w: &str) -> Option<u32> {
    const WORDS: &[(&str, u32)] = &[
        ("یک", 1),
        ("دو", 2),
        ("سه", 3),
        ("چهار", 4),
        ("پنج", 5),
        ("شش", 6),
        ("هفت", 7),
        ("هشت", 8),
        ("نه", 9),
        ("ده", 10),
        ("یازده", 11),
        ("دوازده", 12),
        ("سیزده", 13),
        ("چهارده", 14),
        ("پانزده", 15),
        ("شانزده", 16),
        ("هفده", 17),
        ("هجده", 18),
        ("نوزده", 19),
        ("بیست", 20),
        ("سی", 30),
        ("چهل", 40),
        ("پنجاه", 50),
        ("شصت", 60),
        ("هفتاد", 70),
        ("هشتاد", 80),
        ("نود", 90),
        ("صد", 100),
    ];
    WORDS.iter().find(|(s, _)| *s == w).map(|(_, n)| *n)
}

/// «پانزدهم», «سوم», «اول» → 15, 3, 1.
fn ordinal(w: &str) -> Option<u32> {
    match w {
        "اول" | "یکم" => Some(1),
        "سوم" => Some(3),
        _ => w.strip_suffix('م').and_then(word_number),
    }
}

/// A number written in digits or words («بیست و پنج»), from the start of `toks`;
/// returns the number and how many tokens it took.
fn number_at(toks: &[Tok]) -> Option<(u32, usize)> {
    match toks.first()? {
        Tok::Num(n, _) => Some((*n, 1)),
        Tok::Word(w) => {
            let mut total = word_number(w)?;
            let mut used = 1;
            while let (Some(Tok::Word("و")), Some(Tok::Word(next))) =
                (toks.get(used), toks.get(used + 1))
            {
                match word_number(next) {
                    Some(n) => {
                        total += n;
                        used += 2;
                    }
                    None => break,
                }
            }
            Some((total, used))
        }
        _ => None,
    }
}

fn two_digit_year(yy: u32) -> i32 {
    if yy >= 50 {
        1300 + yy as i32
    } else {
        1400 + yy as i32
    }
}

fn need(anchor: Option<NaiveDate>, input: &str) -> Result<NaiveDate, DateError> {
    anchor.ok_or_else(|| DateError::NeedsContext(input.trim().to_owned()))
}

fn jalali_of(d: NaiveDate) -> Result<JalaliDate, DateError> {
    Ok(JalaliDate::from_gregorian(d)?)
}

/// Adds months in the Jalali calendar, keeping the day where the month allows.
fn add_months(j: JalaliDate, months: u32) -> Result<JalaliDate, DateError> {
    let total = j.year() * 12 + (j.month() as i32 - 1) + months as i32;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    Ok(JalaliDate::new(y, m, j.day().min(month_days(y, m)))?)
}

/// Reads `input` as a date; see the module documentation for the forms.
pub fn parse_date(input: &str, ctx: &DateContext) -> Result<ParsedDate, DateError> {
    let norm = normalise(input);
    let mut toks = tokenize(&norm);
    // A number past u32 is nothing a date has: say so with the number as written,
    // not as whatever it overflowed to (the year «-1» of old).
    if let Some(long) = norm
        .split(|c: char| !c.is_ascii_digit())
        .find(|d| !d.is_empty() && d.parse::<u32>().is_err())
    {
        return Err(DateError::NumberTooLong(long.to_owned()));
    }
    // Fillers at the front, a full stop at the end.
    while let Some(Tok::Word(w)) = toks.first() {
        if FILLERS.contains(w) {
            toks.remove(0);
        } else {
            break;
        }
    }
    while matches!(toks.last(), Some(Tok::Sep('.'))) {
        toks.pop();
    }
    // A weekday before a full date («سه‌شنبه ۱۵ آبان ۱۴۰۳») names the same day.
    if matches!(toks.first(), Some(Tok::Word(_))) && toks.iter().any(|t| matches!(t, Tok::Num(..)))
    {
        for n in [2, 1] {
            if let Some(lead) = words_of(toks.get(..n).unwrap_or(&[]))
                && parse_weekday(&lead).is_some()
            {
                toks.drain(..n);
                break;
            }
        }
    }
    if toks.is_empty() {
        return Err(DateError::Empty);
    }
    let unrecognised = || DateError::Unrecognised(input.trim().to_owned());

    let (date, note) = if let Some(r) = numeric(&toks, input, ctx)? {
        r
    } else if let Some(r) = relative(&toks, input, ctx)? {
        r
    } else if let Some(r) = with_month_name(&toks, input, ctx)? {
        r
    } else {
        return Err(unrecognised());
    };
    let jalali = jalali_of(date)?;
    Ok(ParsedDate {
        date,
        jalali,
        note,
        warning: ctx.work.closure(date),
    })
}

type Found = Option<(NaiveDate, Option<String>)>;

/// Three numbers with separators, or a signed day count.
fn numeric(toks: &[Tok], input: &str, ctx: &DateContext) -> Result<Found, DateError> {
    let mut gregorian = false;
    let mut nums: Vec<(u32, usize)> = Vec::with_capacity(3);
    let mut seps = 0;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Num(n, len) => nums.push((*n, *len)),
            Tok::Sep(_) => seps += 1,
            Tok::Word("g" | "میلادی") => gregorian = true,
            Tok::Word("ه" | "ش" | "شمسی") if i > 0 => {}
            _ => return Ok(None),
        }
    }
    if nums.len() != 3 || seps > 2 {
        return Ok(None);
    }
    let [(a, la), (b, _), (c, lc)] = [nums[0], nums[1], nums[2]];
    if la == 4 && (gregorian || a > 1600) || lc == 4 && (gregorian || c > 1600) {
        let (y, m, d) = if la == 4 { (a, b, c) } else { (c, b, a) };
        let date = NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| DateError::BadGregorian(input.trim().to_owned()))?;
        return Ok(Some((date, Some("تاریخ میلادی / Gregorian date".into()))));
    }
    if gregorian {
        return Err(DateError::BadGregorian(input.trim().to_owned()));
    }
    if la >= 3 {
        return Ok(Some((
            JalaliDate::new(a as i32, b, c)?.to_gregorian(),
            None,
        )));
    }
    if lc >= 3 {
        return Ok(Some((
            JalaliDate::new(c as i32, b, a)?.to_gregorian(),
            None,
        )));
    }
    // Two-digit year: first (YY/M/D) or last (D/M/YY).
    let year_first = JalaliDate::new(two_digit_year(a), b, c);
    let year_last = JalaliDate::new(two_digit_year(c), b, a);
    match (year_first, year_last) {
        (Ok(x), Ok(y)) if x != y => {
            let Some(anchor) = ctx.anchor else {
                return Err(DateError::Ambiguous {
                    input: input.trim().to_owned(),
                    readings: vec![x, y],
                });
            };
            let dist = |j: JalaliDate| (j.to_gregorian() - anchor).num_days().abs();
            let (take, other) = if dist(x) <= dist(y) { (x, y) } else { (y, x) };
            let note = format!(
                "خوانده شد {}، نزدیک‌تر به تاریخ مبنا (نه {}) / read as {}, nearest the context date (not {})",
                take.numeric(Digits::Persian),
                other.numeric(Digits::Persian),
                take.numeric(Digits::Latin),
                other.numeric(Digits::Latin)
            );
            Ok(Some((take.to_gregorian(), Some(note))))
        }
        (Ok(x), _) => Ok(Some((x.to_gregorian(), None))),
        (_, Ok(y)) => Ok(Some((y.to_gregorian(), None))),
        // Neither reading is a date: report the one whose day and month are in range.
        (Err(e1), Err(e2)) => Err(if c <= 31 && b <= 12 && a > 31 { e1 } else { e2 }.into()),
    }
}

/// The words of `toks` run together, or `None` if any token is not a word.
fn words_of(toks: &[Tok]) -> Option<String> {
    if toks.is_empty() {
        return None;
    }
    toks.iter()
        .map(|t| match t {
            Tok::Word(w) => Some(*w),
            _ => None,
        })
        .collect()
}

/// Forms counted from the context date.
fn relative(toks: &[Tok], input: &str, ctx: &DateContext) -> Result<Found, DateError> {
    let joined = if toks.len() <= 2 {
        words_of(toks)
    } else {
        None
    };
    let simple = match joined.as_deref() {
        Some("امروز") => Some(0i64),
        Some("فردا") => Some(1),
        Some("پسفردا") => Some(2),
        Some("دیروز") => Some(-1),
        _ => None,
    };
    if let Some(days) = simple {
        let anchor = need(ctx.anchor, input)?;
        return Ok(Some((shift(anchor, days, input)?, None)));
    }

    // +7, ۷+, +7 روز
    let signed = match toks {
        [Tok::Plus, Tok::Num(n, _), rest @ ..] | [Tok::Num(n, _), Tok::Plus, rest @ ..]
            if rest
                .iter()
                .all(|t| matches!(t, Tok::Word(w) if TAILS.contains(w))) =>
        {
            Some(*n)
        }
        _ => None,
    };
    if let Some(n) = signed {
        let anchor = need(ctx.anchor, input)?;
        let date = shift(anchor, i64::from(n), input)?;
        return Ok(Some((
            date,
            Some(after_note(&format!("{} روز", fa(n)), anchor)),
        )));
    }

    // پایان سال / آخر ماه (of the context date)
    if let [
        Tok::Word("پایان" | "آخر" | "انتهای" | "اواخر"),
        Tok::Word(unit),
        rest @ ..,
    ] = toks
        && matches!(*unit, "سال" | "ماه")
        && rest
            .iter()
            .all(|t| matches!(t, Tok::Word(w) if TAILS.contains(w)))
    {
        let anchor = need(ctx.anchor, input)?;
        let j = jalali_of(anchor)?;
        let end = if *unit == "سال" {
            JalaliDate::new(j.year(), 12, if is_leap(j.year()) { 30 } else { 29 })?
        } else {
            JalaliDate::new(j.year(), j.month(), month_days(j.year(), j.month()))?
        };
        return Ok(Some((end.to_gregorian(), None)));
    }

    // N روز / هفته / ماه / سال [کاری] [پس از جلسه / دیگر]
    if let Some((n, used)) = number_at(toks)
        && let Some(Tok::Word(unit)) = toks.get(used)
    {
        let mut used = used + 1;
        let working = matches!(toks.get(used), Some(Tok::Word("کاری")));
        if working {
            used += 1;
        }
        let tail_ok = toks[used..]
            .iter()
            .all(|t| matches!(t, Tok::Word(w) if TAILS.contains(w)));
        let known = matches!(*unit, "روز" | "هفته" | "ماه" | "سال");
        if known && tail_ok && (!working || *unit == "روز") {
            let anchor = need(ctx.anchor, input)?;
            let n64 = u64::from(n);
            let approx_days = match *unit {
                "روز" if working => n64 * 7 / 5,
                "روز" => n64,
                "هفته" => n64 * 7,
                "ماه" => n64 * 31,
                _ => n64 * 366,
            };
            if approx_days > MAX_RELATIVE_DAYS {
                return Err(DateError::TooFar(input.trim().to_owned()));
            }
            let date = match *unit {
                "روز" if working => ctx.work.add_working_days(anchor, n),
                "روز" => shift(anchor, i64::from(n), input)?,
                "هفته" => shift(anchor, 7 * i64::from(n), input)?,
                "ماه" => add_months(jalali_of(anchor)?, n)?.to_gregorian(),
                _ => add_months(jalali_of(anchor)?, n * 12)?.to_gregorian(),
            };
            let amount = format!("{} {}{}", fa(n), unit, if working { " کاری" } else { "" });
            return Ok(Some((date, Some(after_note(&amount, anchor)))));
        }
    }

    // شنبه آینده, سه شنبه
    let mut end = toks.len();
    while end > 0 && matches!(toks[end - 1], Tok::Word("آینده" | "بعد" | "دیگر" | "آتی"))
    {
        end -= 1;
    }
    if end <= 3
        && let Some(w) = words_of(&toks[..end]).and_then(|w| parse_weekday(&w))
    {
        let anchor = need(ctx.anchor, input)?;
        let ahead = (w.num_days_from_monday() + 7 - anchor.weekday().num_days_from_monday()) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return Ok(Some((shift(anchor, i64::from(ahead), input)?, None)));
    }
    Ok(None)
}

fn after_note(amount: &str, anchor: NaiveDate) -> String {
    let a = JalaliDate::from_gregorian(anchor)
        .map(|j| j.long(Digits::Persian))
        .unwrap_or_default();
    format!("{amount} پس از {a}")
}

/// «۱۵ آذر ۱۴۰۳», «8 دیماه», «آخر آذر», «اول دی ماه سال ۱۴۰۴».
fn with_month_name(toks: &[Tok], input: &str, ctx: &DateContext) -> Result<Found, DateError> {
    let Some(mi) = toks
        .iter()
        .position(|t| matches!(t, Tok::Word(w) if is_month(w).is_some()))
    else {
        return Ok(None);
    };
    let Tok::Word(mw) = toks[mi] else {
        return Ok(None);
    };
    let month = is_month(mw).unwrap_or(1);

    enum Day {
        N(u32),
        Last,
    }
    let day = match &toks[..mi] {
        [Tok::Num(n, _)] => Day::N(*n),
        [Tok::Word("آخر" | "پایان" | "اواخر" | "انتهای")] => Day::Last,
        [Tok::Word(w)] => match ordinal(w).or_else(|| word_number(w)) {
            Some(n) => Day::N(n),
            None => return Ok(None),
        },
        [Tok::Word("روز"), Tok::Num(n, _)] => Day::N(*n),
        _ => return Ok(None),
    };
    let mut rest = &toks[mi + 1..];
    if let [Tok::Word("ماه"), r @ ..] = rest {
        rest = r;
    }
    if let [Tok::Word("سال"), r @ ..] = rest {
        rest = r;
    }
    let year = match rest {
        [] => None,
        [Tok::Num(y, len), tail @ ..]
            if tail
                .iter()
                .all(|t| matches!(t, Tok::Word("ه" | "ش" | "شمسی") | Tok::Sep('.'))) =>
        {
            Some(if *len <= 2 {
                two_digit_year(*y)
            } else {
                *y as i32
            })
        }
        _ => return Ok(None),
    };
    let make = |y: i32| -> Result<JalaliDate, CalendarError> {
        let d = match day {
            Day::N(n) => n,
            Day::Last => month_days(y, month),
        };
        JalaliDate::new(y, month, d)
    };
    if let Some(y) = year {
        return Ok(Some((make(y)?.to_gregorian(), None)));
    }
    let anchor = need(ctx.anchor, input)?;
    let ay = jalali_of(anchor)?.year();
    let candidates: Vec<NaiveDate> = [ay - 1, ay, ay + 1]
        .into_iter()
        .filter_map(|y| make(y).ok())
        .map(JalaliDate::to_gregorian)
        .collect();
    let chosen = if ctx.deadline {
        candidates.iter().copied().find(|d| *d >= anchor)
    } else {
        candidates
            .iter()
            .copied()
            .min_by_key(|d| (*d - anchor).num_days().abs())
    };
    match chosen {
        Some(d) => {
            let y = jalali_of(d)?.year();
            let note = format!(
                "سال {} از تاریخ مبنا گرفته شد / year {y} taken from the context date",
                fa(y)
            );
            Ok(Some((d, Some(note))))
        }
        // No year around the anchor has that day (30 Esfand, day 32): say why.
        None => Err(make(ay).err().map_or_else(
            || DateError::Unrecognised(input.trim().to_owned()),
            DateError::from,
        )),
    }
}

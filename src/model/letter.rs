//! Letters (نامه) the secretariat sends about resolutions, and the register
//! (دفتر اندیکاتور) that records each one: number, date, recipient, kind, the
//! resolutions it covers and the file it was written to.
//!
//! Numbers follow the secretariat's pattern («{year}/د/{seq}»: the Jalali year,
//! a prefix and a sequence that restarts each year) or are typed later, when the
//! organisation's own registry assigns them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Id, serde_time};
use crate::calendar::{Digits, JalaliDate};

/// What a letter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LetterKind {
    /// ابلاغ مصوبات: a meeting's resolutions to a unit responsible for them.
    Notify,
    /// نامه پیگیری: a unit's open resolutions, across meetings.
    FollowUp,
    /// دعوتنامه: the next meeting of a body, to its members.
    Invitation,
    /// گزارش وضعیت مصوبات: a body's resolutions in a period, upward.
    Report,
}

impl LetterKind {
    pub const ALL: [LetterKind; 4] = [
        LetterKind::Notify,
        LetterKind::FollowUp,
        LetterKind::Invitation,
        LetterKind::Report,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LetterKind::Notify => "notify",
            LetterKind::FollowUp => "follow-up",
            LetterKind::Invitation => "invitation",
            LetterKind::Report => "report",
        }
    }

    pub fn persian(self) -> &'static str {
        match self {
            LetterKind::Notify => "ابلاغ مصوبات",
            LetterKind::FollowUp => "نامه پیگیری",
            LetterKind::Invitation => "دعوتنامه",
            LetterKind::Report => "گزارش وضعیت مصوبات",
        }
    }

    pub fn from_name(s: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// One resolution, by its meeting and its stable key (numbers can change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ResolutionKey {
    pub meeting: Id,
    pub key: u32,
}

/// A number dabir gave by the pattern: the Jalali year and the sequence in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub year: i32,
    pub seq: u32,
}

/// A letter in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub id: Id,
    pub kind: LetterKind,
    /// The number as printed («۱۴۰۳/د/۱۲۳»); empty until the registry assigns one.
    pub number: String,
    /// Set when dabir numbered it by the pattern.
    pub sequence: Option<Sequence>,
    #[serde(with = "serde_time::date")]
    pub date: NaiveDate,
    /// The unit it went to (ابلاغ, پیگیری).
    pub unit: Option<Id>,
    /// Whom it is addressed to, as printed (first line).
    pub addressee: String,
    pub body: Option<Id>,
    pub meeting: Option<Id>,
    pub resolutions: Vec<ResolutionKey>,
    /// Follow-up letters: 1 for the first reminder, 2 for the second, 3 and
    /// more when the matter is reported to the chair. 0 for other kinds.
    pub reminder: u32,
    /// The earlier letter it cites («پیرو نامه شماره …»).
    pub follows: Option<Id>,
    /// The file it was written to (name only).
    pub file: String,
    #[serde(with = "serde_time::instant")]
    pub created: DateTime<Utc>,
    /// Who generated it.
    pub by: String,
}

impl Letter {
    /// Whether the letter covers any of `keys`.
    pub fn covers_any(&self, keys: &[ResolutionKey]) -> bool {
        self.resolutions.iter().any(|k| keys.contains(k))
    }

    /// «نامه ۱۴۰۳/د/۱۲۳ مورخ ۱۴۰۳/۰۹/۱۰» («بی‌شماره» before a number is given).
    pub fn reference(&self) -> String {
        let date = JalaliDate::from_gregorian(self.date)
            .map(|j| j.numeric(Digits::Persian))
            .unwrap_or_else(|_| self.date.to_string());
        let number = if self.number.is_empty() {
            "بی‌شماره"
        } else {
            &self.number
        };
        format!("نامه {number} مورخ {date}")
    }
}

/// The secretariat's numbering pattern: `{year}` (Jalali, four digits), `{yy}`
/// (two), `{seq}`; anything else is printed as written. Empty: numbers are
/// typed by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering {
    pub pattern: String,
}

impl Default for Numbering {
    fn default() -> Numbering {
        Numbering {
            pattern: "{year}/{seq}".into(),
        }
    }
}

impl Numbering {
    /// Whether numbers come from the organisation's registry, typed later.
    pub fn is_manual(&self) -> bool {
        self.pattern.trim().is_empty()
    }

    /// Checks a pattern: it must hold `{seq}` and no unknown placeholder.
    pub fn check(pattern: &str) -> Result<(), String> {
        if pattern.trim().is_empty() {
            return Ok(());
        }
        if !pattern.contains("{seq}") {
            return Err(format!("«{pattern}» has no {{seq}}"));
        }
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let tail = &rest[open..];
            let close = tail
                .find('}')
                .ok_or_else(|| format!("«{pattern}»: a «{{» is not closed"))?;
            let name = &tail[1..close];
            if !matches!(name, "year" | "yy" | "seq") {
                return Err(format!(
                    "«{pattern}»: unknown {{{name}}} (use {{year}}, {{yy}}, {{seq}})"
                ));
            }
            rest = &tail[close + 1..];
        }
        Ok(())
    }

    /// The printed number for `seq` in Jalali `year`, in `digits`.
    pub fn format(&self, year: i32, seq: u32, digits: Digits) -> String {
        digits.apply(
            &self
                .pattern
                .replace("{year}", &format!("{year:04}"))
                .replace("{yy}", &format!("{:02}", year.rem_euclid(100)))
                .replace("{seq}", &seq.to_string()),
        )
    }

    /// The next sequence of `year`, after those `register` holds.
    pub fn next_seq<'a>(register: impl IntoIterator<Item = &'a Letter>, year: i32) -> u32 {
        register
            .into_iter()
            .filter_map(|l| l.sequence)
            .filter(|s| s.year == year)
            .map(|s| s.seq)
            .max()
            .unwrap_or(0)
            + 1
    }
}

/// The earlier letter of `kinds` to `unit` that covers any of `keys`, latest
/// first (by date, then id), and how many such letters there are.
pub fn earlier_letters<'a>(
    register: &'a [Letter],
    unit: Id,
    keys: &[ResolutionKey],
    kinds: &[LetterKind],
) -> (Option<&'a Letter>, usize) {
    let mut found: Vec<&Letter> = register
        .iter()
        .filter(|l| l.unit == Some(unit) && kinds.contains(&l.kind) && l.covers_any(keys))
        .collect();
    found.sort_by_key(|l| (l.date, l.id));
    (found.last().copied(), found.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(id: Id, kind: LetterKind, unit: Id, keys: &[u32], seq: Option<(i32, u32)>) -> Letter {
        Letter {
            id,
            kind,
            number: String::new(),
            sequence: seq.map(|(year, seq)| Sequence { year, seq }),
            date: NaiveDate::from_ymd_opt(2024, 12, 1).unwrap() + chrono::Days::new(id),
            unit: Some(unit),
            addressee: String::new(),
            body: None,
            meeting: Some(1),
            resolutions: keys
                .iter()
                .map(|&key| ResolutionKey { meeting: 1, key })
                .collect(),
            reminder: 0,
            follows: None,
            file: String::new(),
            created: DateTime::UNIX_EPOCH,
            by: String::new(),
        }
    }

    #[test]
    fn the_pattern_gives_year_prefix_and_sequence() {
        let n = Numbering {
            pattern: "{year}/د/{seq}".into(),
        };
        assert_eq!(n.format(1403, 123, Digits::Persian), "۱۴۰۳/د/۱۲۳");
        assert_eq!(n.format(1403, 7, Digits::Latin), "1403/د/7");
        let n = Numbering {
            pattern: "{yy}-{seq}".into(),
        };
        assert_eq!(n.format(1405, 12, Digits::Latin), "05-12");
    }

    #[test]
    fn bad_patterns_are_refused_with_the_reason() {
        assert!(Numbering::check("{year}/د/{seq}").is_ok());
        assert!(Numbering::check("").is_ok(), "empty: typed by hand");
        assert!(Numbering::check("{year}/د").unwrap_err().contains("{seq}"));
        assert!(
            Numbering::check("{seq}/{month}")
                .unwrap_err()
                .contains("month")
        );
        assert!(
            Numbering::check("{seq}/{year")
                .unwrap_err()
                .contains("not closed")
        );
    }

    #[test]
    fn the_sequence_restarts_each_year() {
        let register = vec![
            letter(1, LetterKind::Notify, 5, &[1], Some((1403, 1))),
            letter(2, LetterKind::Notify, 5, &[1], Some((1403, 2))),
            letter(3, LetterKind::Notify, 5, &[1], None),
            letter(4, LetterKind::Notify, 5, &[1], Some((1404, 1))),
        ];
        assert_eq!(Numbering::next_seq(&register, 1403), 3);
        assert_eq!(Numbering::next_seq(&register, 1404), 2);
        assert_eq!(Numbering::next_seq(&register, 1405), 1);
    }

    #[test]
    fn earlier_letters_are_of_the_unit_and_the_same_resolutions() {
        let register = vec![
            letter(1, LetterKind::FollowUp, 5, &[1, 2], None),
            letter(2, LetterKind::FollowUp, 6, &[1], None),
            letter(3, LetterKind::FollowUp, 5, &[9], None),
            letter(4, LetterKind::FollowUp, 5, &[2], None),
            letter(5, LetterKind::Notify, 5, &[2], None),
        ];
        let keys = [ResolutionKey { meeting: 1, key: 2 }];
        let (last, n) = earlier_letters(&register, 5, &keys, &[LetterKind::FollowUp]);
        assert_eq!((last.map(|l| l.id), n), (Some(4), 2));
        let (last, n) = earlier_letters(
            &register,
            5,
            &keys,
            &[LetterKind::FollowUp, LetterKind::Notify],
        );
        assert_eq!((last.map(|l| l.id), n), (Some(5), 3));
        assert_eq!(
            earlier_letters(&register, 7, &keys, &[LetterKind::FollowUp]).1,
            0
        );
    }
}

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Id, serde_time};

/// Where a resolution stands. "Overdue" is not a status: it is derived from the
/// deadline and today (see [`Resolution::is_overdue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// باز: approved, nothing reported yet.
    Open,
    /// در دست اقدام
    InProgress,
    /// انجام شده
    Done,
    /// لغو شده
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::InProgress,
        Status::Done,
        Status::Cancelled,
    ];

    /// Open and in-progress resolutions are still to be chased.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Open | Status::InProgress)
    }

    pub fn persian(self) -> &'static str {
        match self {
            Status::Open => "باز",
            Status::InProgress => "در دست اقدام",
            Status::Done => "انجام شده",
            Status::Cancelled => "لغو شده",
        }
    }

    /// The stable name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }

    /// A small stable code, used in index keys.
    pub fn code(self) -> u8 {
        match self {
            Status::Open => 0,
            Status::InProgress => 1,
            Status::Done => 2,
            Status::Cancelled => 3,
        }
    }
}

/// One follow-up (پیگیری) of a resolution: what was learnt on a day, and the new
/// status or deadline it brought, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    #[serde(with = "serde_time::date")]
    pub date: NaiveDate,
    pub note: String,
    /// The status the resolution moved to, if it changed.
    pub status: Option<Status>,
    /// The new deadline (تمدید مهلت), if it was extended or moved.
    #[serde(with = "serde_time::opt_date")]
    pub deadline: Option<NaiveDate>,
}

/// A numbered resolution (مصوبه) of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// Stable within its meeting: never changes and is never reused, whatever the
    /// renumbering. Indexes and exported calendar UIDs use it.
    pub key: u32,
    /// The number shown in the minutes, 1-based, kept consecutive by the meeting.
    pub number: u32,
    pub text: String,
    /// Responsible units (مسئول پیگیری), by unit id, in the order written.
    pub responsible: Vec<Id>,
    /// The executing unit (مسئول اجرا), when the minutes name one apart from the
    /// follow-up owners.
    pub executor: Option<Id>,
    /// The current deadline (مهلت اجرا); follow-ups may move it.
    #[serde(with = "serde_time::opt_date")]
    pub deadline: Option<NaiveDate>,
    /// The current status; follow-ups may change it.
    pub status: Status,
    pub follow_ups: Vec<FollowUp>,
}

impl Resolution {
    /// Still to be chased.
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// Open with a deadline before `today`. Derived, never stored.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.deadline.is_some_and(|d| d < today)
    }

    /// Days from `today` to the deadline: negative when overdue, `None` without one.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        self.deadline.map(|d| (d - today).num_days())
    }

    /// Records a follow-up and applies the status and deadline it carries.
    pub fn add_follow_up(&mut self, follow_up: FollowUp) {
        if let Some(status) = follow_up.status {
            self.status = status;
        }
        if let Some(deadline) = follow_up.deadline {
            self.deadline = Some(deadline);
        }
        self.follow_ups.push(follow_up);
    }

    /// Whether this resolution names `unit` as responsible or executor.
    pub fn involves_unit(&self, unit: Id) -> bool {
        self.responsible.contains(&unit) || self.executor == Some(unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn resolution(deadline: Option<NaiveDate>, status: Status) -> Resolution {
        Resolution {
            key: 1,
            number: 1,
            text: "فرمانداری نسبت به تهیه فهرست خدمات اقدام نماید.".into(),
            responsible: vec![7],
            executor: None,
            deadline,
            status,
            follow_ups: vec![],
        }
    }

    #[test]
    fn overdue_is_derived_from_deadline_today_and_status() {
        let r = resolution(Some(d(2024, 12, 20)), Status::Open);
        assert!(!r.is_overdue(d(2024, 12, 20)), "due today is not overdue");
        assert!(r.is_overdue(d(2024, 12, 21)));
        assert_eq!(r.days_left(d(2024, 12, 21)), Some(-1));
        assert_eq!(r.days_left(d(2024, 12, 10)), Some(10));

        let done = resolution(Some(d(2024, 12, 20)), Status::Done);
        assert!(
            !done.is_overdue(d(2025, 1, 1)),
            "a done resolution is never overdue"
        );
        let cancelled = resolution(Some(d(2024, 12, 20)), Status::Cancelled);
        assert!(!cancelled.is_overdue(d(2025, 1, 1)));
        let in_progress = resolution(Some(d(2024, 12, 20)), Status::InProgress);
        assert!(in_progress.is_overdue(d(2025, 1, 1)));

        let none = resolution(None, Status::Open);
        assert!(!none.is_overdue(d(2100, 1, 1)));
        assert_eq!(none.days_left(d(2024, 1, 1)), None);
    }

    #[test]
    fn follow_up_applies_status_and_extension() {
        let mut r = resolution(Some(d(2024, 12, 20)), Status::Open);
        r.add_follow_up(FollowUp {
            date: d(2024, 12, 18),
            note: "اداره برنامه‌ریزی درخواست تمدید داد".into(),
            status: Some(Status::InProgress),
            deadline: Some(d(2025, 1, 20)),
        });
        assert_eq!(r.status, Status::InProgress);
        assert_eq!(r.deadline, Some(d(2025, 1, 20)));
        assert!(!r.is_overdue(d(2025, 1, 1)));

        r.add_follow_up(FollowUp {
            date: d(2025, 1, 10),
            note: "تماس تلفنی؛ بدون تغییر".into(),
            status: None,
            deadline: None,
        });
        assert_eq!(r.status, Status::InProgress, "a note alone changes nothing");
        r.add_follow_up(FollowUp {
            date: d(2025, 1, 15),
            note: "فهرست ارسال شد".into(),
            status: Some(Status::Done),
            deadline: None,
        });
        assert_eq!(r.status, Status::Done);
        assert_eq!(r.follow_ups.len(), 3);
        assert!(!r.is_overdue(d(2026, 1, 1)));
    }

    #[test]
    fn status_codes_are_distinct_and_names_stable() {
        let codes: std::collections::BTreeSet<u8> = Status::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes.len(), Status::ALL.len());
        assert_eq!(Status::InProgress.name(), "in-progress");
        assert_eq!(
            serde_json::to_string(&Status::InProgress).unwrap(),
            "\"in-progress\""
        );
    }
}

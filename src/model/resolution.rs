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
    /// تمدید شده: still open, its deadline extended by a follow-up.
    Extended,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::InProgress,
        Status::Extended,
        Status::Done,
        Status::Cancelled,
    ];

    /// Open, in-progress and extended resolutions are still to be chased.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Open | Status::InProgress | Status::Extended)
    }

    pub fn persian(self) -> &'static str {
        match self {
            Status::Open => "باز",
            Status::InProgress => "در دست اقدام",
            Status::Done => "انجام شده",
            Status::Cancelled => "لغو شده",
            Status::Extended => "تمدید شده",
        }
    }

    /// The stable name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
            Status::Extended => "extended",
        }
    }

    /// The status of a [`Status::name`].
    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }

    /// A small stable code, used in index keys.
    pub fn code(self) -> u8 {
        match self {
            Status::Open => 0,
            Status::InProgress => 1,
            Status::Done => 2,
            Status::Cancelled => 3,
            Status::Extended => 4,
        }
    }
}

/// One follow-up (پیگیری) of a resolution: what was learnt on a day, and the new
/// status or deadline it brought, if any. A follow-up with a deadline is an
/// extension (تمدید): the resolution's approved deadline stays as the minutes
/// have it, and the latest extension gives the current one.
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
    /// Who asked for the extension (a unit, a person), as the secretary wrote it.
    #[serde(default)]
    pub requested_by: String,
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
    /// The approved deadline (مهلت مصوب) as the minutes have it. Extensions never
    /// change it: they are follow-ups, and [`Resolution::deadline`] is the current
    /// one. (Backups before schema 4 called it `deadline`, and extensions had
    /// overwritten it there.)
    #[serde(
        rename = "deadline_approved",
        alias = "deadline",
        with = "serde_time::opt_date"
    )]
    pub approved_deadline: Option<NaiveDate>,
    /// The current status; follow-ups may change it.
    pub status: Status,
    pub follow_ups: Vec<FollowUp>,
    /// The responsible units were proposed by an import from the resolution's
    /// text and the secretary has not confirmed them yet.
    #[serde(default)]
    pub units_inferred: bool,
}

impl Resolution {
    /// Still to be chased.
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// The current deadline: the latest extension's, else the approved one.
    pub fn deadline(&self) -> Option<NaiveDate> {
        self.follow_ups
            .iter()
            .rev()
            .find_map(|f| f.deadline)
            .or(self.approved_deadline)
    }

    /// How many follow-ups extended (or moved) the deadline.
    pub fn extensions(&self) -> usize {
        self.follow_ups
            .iter()
            .filter(|f| f.deadline.is_some())
            .count()
    }

    /// Open with a current deadline before `today`. Derived, never stored.
    /// When it was done: the date of the last follow-up that set it done.
    pub fn done_on(&self) -> Option<NaiveDate> {
        self.follow_ups
            .iter()
            .rev()
            .find(|f| f.status == Some(Status::Done))
            .map(|f| f.date)
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.deadline().is_some_and(|d| d < today)
    }

    /// Days from `today` to the current deadline: negative when overdue, `None`
    /// without one.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        self.deadline().map(|d| (d - today).num_days())
    }

    /// Records a follow-up and applies the status it carries. An extension that
    /// names no status of its own leaves an open resolution «تمدید شده».
    pub fn add_follow_up(&mut self, follow_up: FollowUp) {
        match follow_up.status {
            Some(status) => self.status = status,
            None if follow_up.deadline.is_some() && self.is_open() => {
                self.status = Status::Extended
            }
            None => {}
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
            approved_deadline: deadline,
            status,
            follow_ups: vec![],
            units_inferred: false,
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

    fn follow_up(date: NaiveDate, status: Option<Status>, deadline: Option<NaiveDate>) -> FollowUp {
        FollowUp {
            date,
            note: "گزارش اداره".into(),
            status,
            deadline,
            requested_by: String::new(),
        }
    }

    #[test]
    fn an_extension_keeps_the_approved_deadline_and_marks_the_status() {
        let mut r = resolution(Some(d(2024, 12, 20)), Status::Open);
        r.add_follow_up(FollowUp {
            requested_by: "اداره برنامه‌ریزی".into(),
            note: "درخواست تمدید به سبب تأخیر اعتبار".into(),
            ..follow_up(d(2024, 12, 18), None, Some(d(2025, 1, 20)))
        });
        assert_eq!(
            r.approved_deadline,
            Some(d(2024, 12, 20)),
            "never rewritten"
        );
        assert_eq!(r.deadline(), Some(d(2025, 1, 20)), "the current one");
        assert_eq!(r.extensions(), 1);
        assert_eq!(r.status, Status::Extended);
        assert!(r.is_open());
        assert!(!r.is_overdue(d(2025, 1, 1)));
        assert!(r.is_overdue(d(2025, 1, 21)));

        r.add_follow_up(follow_up(d(2025, 1, 10), None, None));
        assert_eq!(r.status, Status::Extended, "a note alone changes nothing");
        r.add_follow_up(follow_up(
            d(2025, 1, 15),
            Some(Status::InProgress),
            Some(d(2025, 2, 1)),
        ));
        assert_eq!(r.status, Status::InProgress, "a status given wins");
        assert_eq!((r.deadline(), r.extensions()), (Some(d(2025, 2, 1)), 2));
        r.add_follow_up(follow_up(d(2025, 1, 25), Some(Status::Done), None));
        assert_eq!(r.status, Status::Done);
        assert_eq!(r.approved_deadline, Some(d(2024, 12, 20)));
        assert!(!r.is_overdue(d(2026, 1, 1)));

        // A closed resolution given a new date stays closed.
        let mut done = resolution(Some(d(2024, 12, 20)), Status::Done);
        done.add_follow_up(follow_up(d(2025, 1, 1), None, Some(d(2025, 3, 1))));
        assert_eq!(done.status, Status::Done);
    }

    #[test]
    fn without_extensions_the_current_deadline_is_the_approved_one() {
        let r = resolution(Some(d(2024, 12, 20)), Status::Open);
        assert_eq!(r.deadline(), r.approved_deadline);
        assert_eq!(r.extensions(), 0);
        assert_eq!(resolution(None, Status::Open).deadline(), None);
    }

    #[test]
    fn old_backups_name_the_approved_deadline_deadline() {
        let old = r#"{"key":1,"number":1,"text":"t","responsible":[],"executor":null,
            "deadline":"2024-12-20","status":"open","follow_ups":[
            {"date":"2024-12-01","note":"n","status":null,"deadline":"2025-01-01"}]}"#;
        let r: Resolution = serde_json::from_str(old).unwrap();
        assert_eq!(r.approved_deadline, Some(d(2024, 12, 20)));
        assert_eq!(r.follow_ups[0].requested_by, "");
        assert_eq!(r.deadline(), Some(d(2025, 1, 1)));
        let new = serde_json::to_value(&r).unwrap();
        assert_eq!(new["deadline_approved"], "2024-12-20");
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

//! Figures for the dashboard: per responsible unit, done / open / overdue, the
//! completion rate and the median days to completion; per Jalali month, the
//! resolutions approved and completed over the last twelve months.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Id, Meeting, Status};
use crate::calendar::JalaliDate;

/// The figures of one responsible unit (id 0: resolutions without one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitStats {
    pub unit: Id,
    pub done: usize,
    /// Open and not overdue (in progress included).
    pub open: usize,
    pub overdue: usize,
    pub cancelled: usize,
    /// Days from the meeting to the follow-up that marked it done, sorted.
    days_to_done: Vec<i64>,
}

impl UnitStats {
    /// Resolutions still counted: done, open, overdue (cancelled ones are not).
    pub fn total(&self) -> usize {
        self.done + self.open + self.overdue
    }

    /// Done over done + open + overdue, in percent.
    pub fn completion_rate(&self) -> Option<u32> {
        (self.total() > 0).then(|| (self.done * 100 / self.total()) as u32)
    }

    /// Median days to completion, over those done with a dated follow-up.
    pub fn median_days(&self) -> Option<i64> {
        let d = &self.days_to_done;
        match d.len() {
            0 => None,
            n if n % 2 == 1 => Some(d[n / 2]),
            n => Some((d[n / 2 - 1] + d[n / 2]) / 2),
        }
    }
}

/// One Jalali month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthStats {
    pub year: i32,
    pub month: u32,
    pub approved: usize,
    pub completed: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Units with any resolution, most resolutions first.
    pub units: Vec<UnitStats>,
    /// The last twelve Jalali months, oldest first, ending with `today`'s month.
    pub months: Vec<MonthStats>,
}

/// What the figures need of one resolution: a shared archive reads these
/// from its resolutions table without reading any meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The date of its meeting (the month it was approved in).
    pub approved_on: NaiveDate,
    pub status: Status,
    /// The current deadline.
    pub deadline: Option<NaiveDate>,
    /// The date of the last follow-up that set it done.
    pub done_on: Option<NaiveDate>,
    pub responsible: Vec<Id>,
}

impl Facts {
    /// The facts of every resolution of a meeting.
    pub fn of(m: &Meeting) -> impl Iterator<Item = Facts> + '_ {
        m.resolutions.iter().map(|r| Facts {
            approved_on: m.date,
            status: r.status,
            deadline: r.deadline(),
            done_on: r.done_on(),
            responsible: r.responsible.clone(),
        })
    }
}

/// The figures over `meetings` as of `today`.
pub fn stats<M: std::borrow::Borrow<Meeting>>(
    meetings: impl IntoIterator<Item = M>,
    today: NaiveDate,
) -> Stats {
    let mut facts = Vec::new();
    for m in meetings {
        facts.extend(Facts::of(m.borrow()));
    }
    stats_of(facts, today)
}

/// The figures over resolutions' facts as of `today`.
pub fn stats_of(facts: impl IntoIterator<Item = Facts>, today: NaiveDate) -> Stats {
    let mut units: HashMap<Id, UnitStats> = HashMap::new();
    let months = last_twelve_months(today);
    let mut by_month: HashMap<(i32, u32), MonthStats> =
        months.iter().map(|m| ((m.year, m.month), *m)).collect();
    let month_of = |d: NaiveDate| {
        JalaliDate::from_gregorian(d)
            .ok()
            .map(|j| (j.year(), j.month()))
    };
    for r in facts {
        let done = r.done_on;
        if let Some(k) = month_of(r.approved_on)
            && let Some(s) = by_month.get_mut(&k)
        {
            s.approved += 1;
        }
        if r.status == Status::Done
            && let Some(k) = done.and_then(month_of)
            && let Some(s) = by_month.get_mut(&k)
        {
            s.completed += 1;
        }
        let overdue = r.status.is_open() && r.deadline.is_some_and(|d| d < today);
        let mut ids: Vec<Id> = r.responsible;
        if ids.is_empty() {
            ids.push(0);
        }
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let u = units.entry(id).or_insert_with(|| UnitStats {
                unit: id,
                ..Default::default()
            });
            match r.status {
                Status::Done => {
                    u.done += 1;
                    if let Some(d) = done {
                        u.days_to_done.push((d - r.approved_on).num_days().max(0));
                    }
                }
                Status::Cancelled => u.cancelled += 1,
                _ if overdue => u.overdue += 1,
                _ => u.open += 1,
            }
        }
    }
    let mut units: Vec<UnitStats> = units.into_values().collect();
    for u in &mut units {
        u.days_to_done.sort_unstable();
    }
    units.sort_by(|a, b| b.total().cmp(&a.total()).then(a.unit.cmp(&b.unit)));
    let months = months
        .iter()
        .map(|m| by_month[&(m.year, m.month)])
        .collect();
    Stats { units, months }
}

fn last_twelve_months(today: NaiveDate) -> Vec<MonthStats> {
    let Ok(j) = JalaliDate::from_gregorian(today) else {
        return Vec::new();
    };
    let (mut y, mut m) = (j.year(), j.month());
    let mut out = Vec::with_capacity(12);
    for _ in 0..12 {
        out.push(MonthStats {
            year: y,
            month: m,
            approved: 0,
            completed: 0,
        });
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FollowUp;

    fn j(y: i32, m: u32, d: u32) -> NaiveDate {
        JalaliDate::new(y, m, d).unwrap().to_gregorian()
    }

    #[test]
    fn units_and_months() {
        let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
        let mut m = Meeting::new(1, 1, 1, j(1403, 10, 1), now);
        for (text, unit, deadline, status, done) in [
            ("a", 7, j(1403, 11, 1), Status::Done, Some(j(1403, 10, 11))),
            ("b", 7, j(1403, 11, 1), Status::Done, Some(j(1403, 10, 30))),
            ("c", 7, j(1403, 12, 1), Status::Open, None),
            ("d", 7, j(1404, 3, 1), Status::InProgress, None),
            ("e", 8, j(1403, 11, 1), Status::Cancelled, None),
        ] {
            let r = m.add_resolution(text).unwrap();
            r.responsible = vec![unit];
            r.approved_deadline = Some(deadline);
            r.status = status;
            if let Some(d) = done {
                r.follow_ups.push(FollowUp {
                    date: d,
                    note: "انجام شد".into(),
                    status: Some(Status::Done),
                    deadline: None,
                    requested_by: String::new(),
                });
            }
        }
        m.add_resolution("بی مسئول").unwrap();
        let s = stats([&m], j(1404, 1, 15));
        let u7 = &s.units[0];
        assert_eq!((u7.unit, u7.done, u7.open, u7.overdue), (7, 2, 1, 1));
        assert_eq!(u7.completion_rate(), Some(50));
        assert_eq!(u7.median_days(), Some(19), "10 and 29 days");
        let u8 = s.units.iter().find(|u| u.unit == 8).unwrap();
        assert_eq!(
            (u8.cancelled, u8.total(), u8.completion_rate()),
            (1, 0, None)
        );
        assert!(s.units.iter().any(|u| u.unit == 0 && u.open == 1));
        // Twelve months ending Farvardin 1404, across the year end.
        assert_eq!(s.months.len(), 12);
        assert_eq!((s.months[0].year, s.months[0].month), (1403, 2));
        assert_eq!((s.months[11].year, s.months[11].month), (1404, 1));
        let dey = s.months.iter().find(|m| m.month == 10).unwrap();
        assert_eq!((dey.approved, dey.completed), (6, 2));
    }
}

//! What to look at before minutes are finalised (Ctrl+F): a resolution without
//! text cannot be finalised; a resolution without a responsible unit or a
//! deadline, a deadline before the meeting, no chair or secretary, and no one
//! marked present are worth a second look but do not stop it.

use super::meeting::{Meeting, Presence};
use crate::text::Digits;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Finalising is refused until it is put right.
    Refuse,
    /// Shown; the secretary may finalise anyway.
    Warn,
}

/// Where a problem is, for the editor to put the cursor there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    ResolutionText(usize),
    ResolutionUnits(usize),
    ResolutionDeadline(usize),
    Chair,
    Secretary,
    Attendance,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub spot: Spot,
    /// One line in Persian.
    pub fa: String,
    /// The same line in English.
    pub en: String,
}

impl Meeting {
    /// Everything the finalise checklist lists, refusals first, then in the order
    /// of the page.
    pub fn finalise_problems(&self, digits: Digits) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut add = |severity, spot, (fa, en): (String, String)| {
            out.push(Problem {
                severity,
                spot,
                fa,
                en,
            })
        };
        let named =
            |p: &Option<super::Person>| p.as_ref().is_some_and(|p| !p.name.trim().is_empty());
        if !named(&self.chair) {
            add(
                Severity::Warn,
                Spot::Chair,
                ("رئیس جلسه نوشته نشده".into(), "no chair".into()),
            );
        }
        if !named(&self.secretary) {
            add(
                Severity::Warn,
                Spot::Secretary,
                ("دبیر جلسه نوشته نشده".into(), "no secretary".into()),
            );
        }
        if !self
            .attendees
            .iter()
            .any(|a| a.presence == Presence::Present)
        {
            add(
                Severity::Warn,
                Spot::Attendance,
                (
                    "هیچ‌کس حاضر علامت نخورده".into(),
                    "no one is marked present".into(),
                ),
            );
        }
        for (i, r) in self.resolutions.iter().enumerate() {
            let n = digits.format(r.number);
            let en = r.number;
            if r.text.trim().is_empty() {
                add(
                    Severity::Refuse,
                    Spot::ResolutionText(i),
                    (
                        format!("مصوبه {n} متن ندارد"),
                        format!("resolution {en} has no text"),
                    ),
                );
            }
            if r.units_inferred && !r.responsible.is_empty() {
                add(
                    Severity::Warn,
                    Spot::ResolutionUnits(i),
                    (
                        format!("مسئول مصوبه {n} از متن پیشنهاد شده و تأیید نشده"),
                        format!(
                            "resolution {en}'s units were inferred from its text and not confirmed"
                        ),
                    ),
                );
            }
            if r.responsible.is_empty() && r.executor.is_none() {
                add(
                    Severity::Warn,
                    Spot::ResolutionUnits(i),
                    (
                        format!("مصوبه {n} مسئول پیگیری ندارد"),
                        format!("resolution {en} has no responsible unit"),
                    ),
                );
            }
            match r.approved_deadline {
                None => add(
                    Severity::Warn,
                    Spot::ResolutionDeadline(i),
                    (
                        format!("مصوبه {n} مهلت ندارد"),
                        format!("resolution {en} has no deadline"),
                    ),
                ),
                Some(d) if d < self.date => add(
                    Severity::Warn,
                    Spot::ResolutionDeadline(i),
                    (
                        format!("مهلت مصوبه {n} پیش از تاریخ جلسه است"),
                        format!("resolution {en}'s deadline is before the meeting"),
                    ),
                ),
                Some(_) => {}
            }
        }
        out.sort_by_key(|p| p.severity != Severity::Refuse);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendee, Person};
    use chrono::{NaiveDate, Utc};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_check_names_its_field() {
        let mut m = Meeting::new(1, 1, 3, d(2024, 11, 5), Utc::now());
        m.add_resolution("  ".to_string()).unwrap();
        let r = m
            .add_resolution("فرمانداری اقدام نماید.".to_string())
            .unwrap();
        r.responsible.push(7);
        r.approved_deadline = Some(d(2024, 11, 1));
        let p = m.finalise_problems(Digits::Persian);
        let spots: Vec<(Severity, Spot)> = p.iter().map(|p| (p.severity, p.spot)).collect();
        assert_eq!(
            spots,
            vec![
                (Severity::Refuse, Spot::ResolutionText(0)),
                (Severity::Warn, Spot::Chair),
                (Severity::Warn, Spot::Secretary),
                (Severity::Warn, Spot::Attendance),
                (Severity::Warn, Spot::ResolutionUnits(0)),
                (Severity::Warn, Spot::ResolutionDeadline(0)),
                (Severity::Warn, Spot::ResolutionDeadline(1)),
            ]
        );
        assert_eq!(
            (p[0].fa.as_str(), p[0].en.as_str()),
            ("مصوبه ۱ متن ندارد", "resolution 1 has no text")
        );
        assert!(p[6].fa.contains("پیش از تاریخ جلسه"));
    }

    #[test]
    fn complete_minutes_have_nothing_to_say() {
        let mut m = Meeting::new(1, 1, 3, d(2024, 11, 5), Utc::now());
        m.chair = Some(Person::new("جناب آقای کاظمی", "فرماندار"));
        m.secretary = Some(Person::new("خانم رضایی", "کارشناس"));
        m.attendees.push(Attendee {
            person: Person::new("آقای صالحی", "مدیر"),
            presence: Presence::Present,
        });
        let r = m
            .add_resolution("فرمانداری اقدام نماید.".to_string())
            .unwrap();
        r.executor = Some(3);
        r.approved_deadline = Some(d(2024, 12, 20));
        assert!(m.finalise_problems(Digits::Persian).is_empty());
    }
}

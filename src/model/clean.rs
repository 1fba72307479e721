//! Control characters never enter the database: every record drops C0 (but tab and
//! newline), DEL and C1 from its text before it is stored (`text::controls::strip`).
//! The store calls this on every write, so import, restore, paste and typing are
//! all covered whatever path they take.

use crate::text::controls::strip_in_place;

use super::{Body, Letter, Meeting, Person, PersonRecord, Unit};

/// Text fields cleaned of control characters.
pub trait StripControls {
    /// Drops control characters from every text field; true when any was dropped.
    fn strip_controls(&mut self) -> bool;
}

fn all<'a>(fields: impl IntoIterator<Item = &'a mut String>) -> bool {
    fields
        .into_iter()
        .fold(false, |changed, s| strip_in_place(s) | changed)
}

impl StripControls for Person {
    fn strip_controls(&mut self) -> bool {
        all([&mut self.name, &mut self.post, &mut self.organisation])
    }
}

impl StripControls for PersonRecord {
    fn strip_controls(&mut self) -> bool {
        self.person.strip_controls()
    }
}

impl StripControls for Body {
    fn strip_controls(&mut self) -> bool {
        all([&mut self.name, &mut self.place])
    }
}

impl StripControls for Unit {
    fn strip_controls(&mut self) -> bool {
        all([&mut self.name, &mut self.addressee, &mut self.title])
    }
}

impl StripControls for Letter {
    fn strip_controls(&mut self) -> bool {
        all([
            &mut self.number,
            &mut self.addressee,
            &mut self.file,
            &mut self.by,
        ])
    }
}

impl StripControls for Meeting {
    fn strip_controls(&mut self) -> bool {
        let mut changed = all([&mut self.place, &mut self.notes]);
        for p in self.chair.iter_mut().chain(self.secretary.iter_mut()) {
            changed |= p.strip_controls();
        }
        for a in &mut self.attendees {
            changed |= a.person.strip_controls();
        }
        changed |= all(self.agenda.iter_mut().map(|a| &mut a.text));
        for d in &mut self.discussion {
            changed |= all([&mut d.speaker, &mut d.text]);
        }
        for r in &mut self.resolutions {
            changed |= strip_in_place(&mut r.text);
            changed |= all(r
                .follow_ups
                .iter_mut()
                .flat_map(|f| [&mut f.note, &mut f.requested_by]));
        }
        changed |= all(self
            .history
            .iter_mut()
            .flat_map(|h| std::iter::once(&mut h.by).chain(h.event.detail_mut())));
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgendaItem, Resolution};
    use chrono::NaiveDate;

    #[test]
    fn every_text_of_a_meeting_is_cleaned() {
        let date = NaiveDate::from_ymd_opt(2024, 11, 5).unwrap();
        let mut m = Meeting::new(1, 1, 1, date, chrono::Utc::now());
        m.place = "سالن\u{1b}]0;PWN\u{7}".into();
        m.notes = "یادداشت\tیک\nدو".into();
        m.agenda.push(AgendaItem {
            text: "\u{9b}2Jدستور".into(),
        });
        let mut r = Resolution {
            key: 1,
            number: 1,
            text: "مصوبه\u{1b}[2J".into(),
            responsible: vec![],
            executor: None,
            approved_deadline: None,
            status: crate::model::Status::InProgress,
            follow_ups: vec![],
            units_inferred: false,
        };
        r.follow_ups.push(crate::model::FollowUp {
            date: m.date,
            note: "\u{0}پیگیری".into(),
            status: None,
            deadline: None,
            requested_by: "اداره\u{7}".into(),
        });
        m.resolutions.push(r);
        assert!(m.strip_controls());
        assert_eq!(m.place, "سالن]0;PWN");
        assert_eq!(m.notes, "یادداشت\tیک\nدو", "tab and newline stay");
        assert_eq!(m.agenda[0].text, "2Jدستور");
        assert_eq!(m.resolutions[0].text, "مصوبه[2J");
        assert_eq!(m.resolutions[0].follow_ups[0].note, "پیگیری");
        assert_eq!(m.resolutions[0].follow_ups[0].requested_by, "اداره");
        assert!(!m.strip_controls(), "nothing left to clean");
    }
}

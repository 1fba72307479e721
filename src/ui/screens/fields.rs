//! The fields of the minutes editor: what each edits in the meeting, its label,
//! and how its text goes into the model as it is typed.

use chrono::NaiveDate;

use crate::calendar::{DateContext, Digits, JalaliDate, WorkWeek, parse_date, parse_time};
use crate::model::{Meeting, NextMeeting, Person, Presence};

/// What a field edits. Indices are positions in the meeting's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Session number: proposed as the body's last + 1, editable (a secretary who
    /// starts with dabir at session 12).
    Number,
    Date,
    Start,
    End,
    Place,
    Chair,
    Secretary,
    Attendee(usize),
    Agenda(usize),
    Speaker(usize),
    Discussion(usize),
    /// The agenda item a discussion entry belongs to (a number, or empty).
    Item(usize),
    Resolution(usize),
    Units(usize),
    Deadline(usize),
    NextMeeting,
    Notes,
}

/// Sections of the minutes, in the order of a صورتجلسه.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Header,
    Attendance,
    Agenda,
    Discussion,
    Resolutions,
    Footer,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Header => "سربرگ / Header",
            Section::Attendance => "حاضرین و غایبین / Attendance",
            Section::Agenda => "دستور جلسه / Agenda",
            Section::Discussion => "خلاصه مذاکرات / Discussion",
            Section::Resolutions => "مصوبات / Resolutions",
            Section::Footer => "پایان صورتجلسه / Closing",
        }
    }
}

impl Kind {
    pub fn section(self) -> Section {
        match self {
            Kind::Number
            | Kind::Date
            | Kind::Start
            | Kind::End
            | Kind::Place
            | Kind::Chair
            | Kind::Secretary => Section::Header,
            Kind::Attendee(_) => Section::Attendance,
            Kind::Agenda(_) => Section::Agenda,
            Kind::Speaker(_) | Kind::Discussion(_) | Kind::Item(_) => Section::Discussion,
            Kind::Resolution(_) | Kind::Units(_) | Kind::Deadline(_) => Section::Resolutions,
            Kind::NextMeeting | Kind::Notes => Section::Footer,
        }
    }

    pub fn multiline(self) -> bool {
        matches!(
            self,
            Kind::Agenda(_) | Kind::Discussion(_) | Kind::Resolution(_) | Kind::Notes
        )
    }

    /// The label shown at the right of the field.
    pub fn label(self, m: &Meeting, digits: Digits) -> String {
        let n = |i: usize| digits.format(i + 1);
        match self {
            Kind::Number => "شماره جلسه / Session".into(),
            Kind::Date => "تاریخ / Date".into(),
            Kind::Start => "ساعت شروع / Starts".into(),
            Kind::End => "ساعت پایان / Ends".into(),
            Kind::Place => "مکان / Place".into(),
            Kind::Chair => "رئیس جلسه / Chair".into(),
            Kind::Secretary => "دبیر جلسه / Secretary".into(),
            Kind::Attendee(i) => {
                let p = m.attendees.get(i).map(|a| a.presence);
                format!(
                    "{} {} / {} {}",
                    p.map_or("", |p| p.persian()),
                    n(i),
                    p.map_or("", |p| p.name()),
                    i + 1
                )
            }
            Kind::Agenda(i) => format!("بند {} / Item {}", n(i), i + 1),
            Kind::Speaker(i) => format!("گوینده {} / Speaker {}", n(i), i + 1),
            Kind::Discussion(_) => "خلاصه / Summary".into(),
            Kind::Item(_) => "بند دستور / Agenda item".into(),
            Kind::Resolution(i) => {
                // Where it stands, at a glance: ◔ in progress, ↻ extended, ✓ done,
                // ✗ cancelled.
                let mark = match m.resolutions.get(i).map(|r| r.status) {
                    Some(crate::model::Status::InProgress) => " ◔",
                    Some(crate::model::Status::Extended) => " ↻",
                    Some(crate::model::Status::Done) => " ✓",
                    Some(crate::model::Status::Cancelled) => " ✗",
                    _ => "",
                };
                format!("مصوبه {}{mark} / Resolution {}{mark}", n(i), i + 1)
            }
            Kind::Units(i) if m.resolutions.get(i).is_some_and(|r| r.units_inferred) => {
                "مسئول (پیشنهادی، Enter) / Responsible (inferred: Enter)".into()
            }
            Kind::Units(_) => "مسئول پیگیری / Responsible".into(),
            Kind::Deadline(_) => "مهلت اجرا / Deadline".into(),
            Kind::NextMeeting => "جلسه بعد / Next meeting".into(),
            Kind::Notes => "یادداشت / Notes".into(),
        }
    }
}

/// «جناب آقای رضا صالحی، معاون فرماندار» → name and post, split at the first
/// Persian or Latin comma.
pub fn split_person(text: &str) -> Option<Person> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.split_once(['،', ',']) {
        Some((name, post)) => Some(Person::new(name.trim(), post.trim())),
        None => Some(Person::new(text, "")),
    }
}

fn jalali_text(d: NaiveDate, digits: Digits) -> String {
    JalaliDate::from_gregorian(d)
        .map(|j| j.numeric(digits))
        .unwrap_or_else(|_| d.to_string())
}

/// The text a field starts with, from the meeting.
pub fn initial_text(
    kind: Kind,
    m: &Meeting,
    units: &dyn Fn(u64) -> String,
    digits: Digits,
) -> String {
    let hm = |t: Option<chrono::NaiveTime>| {
        t.map(|t| digits.apply(&t.format("%H:%M").to_string()))
            .unwrap_or_default()
    };
    match kind {
        Kind::Number => digits.format(m.number),
        Kind::Date => jalali_text(m.date, digits),
        Kind::Start => hm(m.start),
        Kind::End => hm(m.end),
        Kind::Place => m.place.clone(),
        Kind::Chair => m.chair.as_ref().map(Person::display).unwrap_or_default(),
        Kind::Secretary => m
            .secretary
            .as_ref()
            .map(Person::display)
            .unwrap_or_default(),
        Kind::Attendee(i) => m
            .attendees
            .get(i)
            .map(|a| a.person.display())
            .unwrap_or_default(),
        Kind::Agenda(i) => m.agenda.get(i).map(|a| a.text.clone()).unwrap_or_default(),
        Kind::Speaker(i) => m
            .discussion
            .get(i)
            .map(|d| d.speaker.clone())
            .unwrap_or_default(),
        Kind::Discussion(i) => m
            .discussion
            .get(i)
            .map(|d| d.text.clone())
            .unwrap_or_default(),
        Kind::Item(i) => m
            .discussion
            .get(i)
            .and_then(|d| d.agenda_item)
            .map(|n| digits.format(n))
            .unwrap_or_default(),
        Kind::Resolution(i) => m
            .resolutions
            .get(i)
            .map(|r| r.text.clone())
            .unwrap_or_default(),
        Kind::Units(i) => m
            .resolutions
            .get(i)
            .map(|r| {
                r.responsible
                    .iter()
                    .map(|&u| units(u))
                    .collect::<Vec<_>>()
                    .join("؛ ")
            })
            .unwrap_or_default(),
        Kind::Deadline(i) => m
            .resolutions
            .get(i)
            .and_then(|r| r.approved_deadline)
            .map(|d| jalali_text(d, digits))
            .unwrap_or_default(),
        Kind::NextMeeting => m
            .next_meeting
            .map(|n| {
                let mut s = jalali_text(n.date, digits);
                if let Some(t) = n.time {
                    s.push_str(" ساعت ");
                    s.push_str(&digits.apply(&t.format("%H:%M").to_string()));
                }
                s
            })
            .unwrap_or_default(),
        Kind::Notes => m.notes.clone(),
    }
}

/// The preview line under a date field: «پنجشنبه ۱۵ آذر ۱۴۰۳ — ۳۰ روز پس از …».
fn preview(p: &crate::calendar::ParsedDate, digits: Digits) -> String {
    let mut s = p.jalali.long(digits);
    if let Some(n) = &p.note {
        s.push_str(" — ");
        s.push_str(n);
    }
    if let Some(w) = &p.warning {
        s.push_str(" ⚠ ");
        s.push_str(w);
    }
    s
}

/// Puts a field's text into the meeting. Returns the note to show under the field
/// (a date preview, a parse error), if any. Units are resolved elsewhere (they may
/// create records), so `Units` only returns its note.
pub fn apply(
    kind: Kind,
    text: &str,
    m: &mut Meeting,
    today: NaiveDate,
    work: &WorkWeek,
    digits: Digits,
) -> Option<String> {
    let trimmed = text.trim();
    match kind {
        Kind::Number => match crate::text::parse_number(trimmed) {
            Some(n) if n > 0 && n <= i64::from(u32::MAX) => {
                m.number = n as u32;
                None
            }
            _ => {
                Some("✗ شماره جلسه عددی مثبت است / the session number is a positive number".into())
            }
        },
        Kind::Date => {
            let ctx = DateContext {
                anchor: Some(today),
                deadline: false,
                work,
            };
            match parse_date(trimmed, &ctx) {
                Ok(p) => {
                    m.date = p.date;
                    Some(preview(&p, digits))
                }
                Err(e) => Some(format!("✗ {e}")),
            }
        }
        Kind::Start | Kind::End => {
            let value = if trimmed.is_empty() {
                Ok(None)
            } else {
                parse_time(trimmed).map(Some)
            };
            match value {
                Ok(t) => {
                    if kind == Kind::Start {
                        m.start = t;
                    } else {
                        m.end = t;
                    }
                    None
                }
                Err(e) => Some(format!("✗ {e}")),
            }
        }
        Kind::Place => {
            copy_into(&mut m.place, text);
            None
        }
        Kind::Chair => {
            m.chair = split_person(text);
            None
        }
        Kind::Secretary => {
            m.secretary = split_person(text);
            None
        }
        Kind::Attendee(i) => {
            if let Some(a) = m.attendees.get_mut(i) {
                a.person = split_person(text).unwrap_or_default();
            }
            None
        }
        Kind::Agenda(i) => {
            if let Some(a) = m.agenda.get_mut(i) {
                copy_into(&mut a.text, text);
            }
            None
        }
        Kind::Speaker(i) => {
            if let Some(d) = m.discussion.get_mut(i) {
                copy_into(&mut d.speaker, text);
            }
            None
        }
        Kind::Discussion(i) => {
            if let Some(d) = m.discussion.get_mut(i) {
                copy_into(&mut d.text, text);
            }
            None
        }
        Kind::Item(i) => set_item(m, i, trimmed, digits),
        Kind::Resolution(i) => {
            if let Some(r) = m.resolutions.get_mut(i) {
                copy_into(&mut r.text, text);
            }
            None
        }
        Kind::Units(_) => None,
        Kind::Deadline(i) => set_deadline(m, i, trimmed, work, digits),
        Kind::NextMeeting => set_next_meeting(m, trimmed, work, digits),
        Kind::Notes => {
            copy_into(&mut m.notes, text);
            None
        }
    }
}

/// Copies a field's text into the meeting in the string's own memory (a key
/// in a long entry should not allocate the entry again).
fn copy_into(to: &mut String, text: &str) {
    to.clear();
    to.push_str(text);
}

/// The agenda item a discussion entry belongs to; the item's first line as the
/// field's note.
fn set_item(m: &mut Meeting, i: usize, trimmed: &str, digits: Digits) -> Option<String> {
    let item = match trimmed {
        "" => None,
        t => match crate::text::parse_number(t) {
            Some(n) if n >= 1 && (n as usize) <= m.agenda.len() => Some(n as u32),
            _ => {
                return Some(format!(
                    "✗ بند ۱ تا {} / an agenda item from 1 to {}",
                    digits.format(m.agenda.len()),
                    m.agenda.len()
                ));
            }
        },
    };
    if let Some(d) = m.discussion.get_mut(i) {
        d.agenda_item = item;
    }
    item.and_then(|n| m.agenda.get(n as usize - 1))
        .map(|a| a.text.lines().next().unwrap_or("").to_owned())
}

/// A resolution's deadline, read as dabir reads dates (relative to the meeting).
fn set_deadline(
    m: &mut Meeting,
    i: usize,
    trimmed: &str,
    work: &WorkWeek,
    digits: Digits,
) -> Option<String> {
    if trimmed.is_empty() {
        if let Some(r) = m.resolutions.get_mut(i) {
            r.approved_deadline = None;
        }
        return None;
    }
    let ctx = DateContext {
        anchor: Some(m.date),
        deadline: true,
        work,
    };
    match parse_date(trimmed, &ctx) {
        Ok(p) => {
            if let Some(r) = m.resolutions.get_mut(i) {
                r.approved_deadline = Some(p.date);
            }
            let mut note = preview(&p, digits);
            // The finalise checklist's warning, seen while typing.
            if p.date < m.date {
                note.push_str(" ⚠ پیش از تاریخ جلسه");
            }
            // The field is the approved deadline; an extension is shown beside it.
            if let Some(r) = m.resolutions.get(i).filter(|r| r.extensions() > 0)
                && let Some(current) = r.deadline()
            {
                note.push_str(&format!(
                    " · تمدید شده تا {} ({} بار)",
                    jalali_text(current, digits),
                    digits.format(r.extensions())
                ));
            }
            Some(note)
        }
        Err(e) => Some(format!("✗ {e}")),
    }
}

/// The next meeting's date and, after «ساعت», its time.
fn set_next_meeting(
    m: &mut Meeting,
    trimmed: &str,
    work: &WorkWeek,
    digits: Digits,
) -> Option<String> {
    if trimmed.is_empty() {
        m.next_meeting = None;
        return None;
    }
    let (date_part, time_part) = match trimmed.split_once("ساعت") {
        Some((d, t)) => (d.trim(), Some(t.trim())),
        None => (trimmed, None),
    };
    let ctx = DateContext {
        anchor: Some(m.date),
        deadline: true,
        work,
    };
    match parse_date(date_part, &ctx) {
        Ok(p) => {
            let time = time_part.and_then(|t| parse_time(t).ok());
            m.next_meeting = Some(NextMeeting { date: p.date, time });
            Some(preview(&p, digits))
        }
        Err(e) => Some(format!("✗ {e}")),
    }
}

/// Fields of a meeting, in page order.
pub fn kinds(m: &Meeting) -> Vec<Kind> {
    let mut k = vec![
        Kind::Number,
        Kind::Date,
        Kind::Start,
        Kind::End,
        Kind::Place,
        Kind::Chair,
        Kind::Secretary,
    ];
    k.extend((0..m.attendees.len()).map(Kind::Attendee));
    k.extend((0..m.agenda.len()).map(Kind::Agenda));
    for i in 0..m.discussion.len() {
        k.push(Kind::Speaker(i));
        k.push(Kind::Discussion(i));
        k.push(Kind::Item(i));
    }
    for i in 0..m.resolutions.len() {
        k.push(Kind::Resolution(i));
        k.push(Kind::Units(i));
        k.push(Kind::Deadline(i));
    }
    k.push(Kind::NextMeeting);
    k.push(Kind::Notes);
    k
}

/// Next presence in the cycle present → absent → guest → present.
pub fn next_presence(p: Presence) -> Presence {
    match p {
        Presence::Present => Presence::Absent,
        Presence::Absent => Presence::Guest,
        Presence::Guest => Presence::Present,
    }
}

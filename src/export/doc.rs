//! The one document model every format is written from: a meeting with its names
//! resolved, its dates in Jalali, and its text cleaned of control characters (the
//! only change text ever undergoes on its way out: ESC, NUL and the like have no
//! business in a Word file or a spreadsheet).

use chrono::NaiveDate;

use crate::calendar::{Digits, JalaliDate};
use crate::model::{Id, Meeting, Presence, Status};
use crate::store::{Archive, Result, StoreError};

/// Text on its way out: C0/C1 control characters removed (newlines kept, tabs and
/// carriage returns as spaces, which would break a line-based format) and any bidi
/// embedding, override or isolate left open closed at the end of its line, so none
/// reaches past its field into the rest of the document.
pub fn clean(s: &str) -> String {
    let plain: String = s
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    crate::text::controls::visible_lines(&plain).into_owned()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonLine {
    pub name: String,
    pub post: String,
}

impl PersonLine {
    pub fn display(&self) -> String {
        if self.post.is_empty() {
            self.name.clone()
        } else {
            format!("{}، {}", self.name, self.post)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResolutionLine {
    pub meeting_id: Id,
    /// Stable key of the resolution within its meeting (for calendar UIDs).
    pub key: u32,
    pub body: String,
    pub session: u32,
    /// The meeting's date.
    pub date: NaiveDate,
    pub number: u32,
    pub text: String,
    pub responsible: Vec<String>,
    pub executor: Option<String>,
    /// The current deadline: the latest extension's, else the approved one.
    pub deadline: Option<NaiveDate>,
    /// The deadline the minutes approved (what the minutes print).
    pub approved: Option<NaiveDate>,
    /// How many times the deadline was extended.
    pub extensions: u32,
    pub status: Status,
}

impl ResolutionLine {
    /// «۱۴۰۳/۰۹/۳۰», or empty without a deadline.
    pub fn deadline_jalali(&self, digits: Digits) -> String {
        self.deadline
            .map(|d| jalali_numeric(d, digits))
            .unwrap_or_default()
    }

    /// The minutes' cell of who is responsible: the follow-up units, then the
    /// executing unit (مسئول اجرا) beside them.
    pub fn units_cell(&self) -> String {
        let mut s = self.responsible.join("؛ ");
        if let Some(e) = &self.executor {
            if !s.is_empty() {
                s.push_str("؛ ");
            }
            s.push_str(&format!("مسئول اجرا: {e}"));
        }
        s
    }

    /// The approved deadline in words for the minutes' table («۳۰ اسفند ۱۴۰۳»:
    /// no weekday, so the column holds it on one line even in a fallback font),
    /// «—» without one.
    pub fn approved_long(&self) -> String {
        self.approved
            .map(jalali_medium)
            .unwrap_or_else(|| "—".into())
    }

    /// The approved deadline as [`ResolutionLine::deadline_jalali`] writes it.
    pub fn approved_jalali(&self, digits: Digits) -> String {
        self.approved
            .map(|d| jalali_numeric(d, digits))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MinutesDoc {
    pub meeting_id: Id,
    pub body: String,
    pub number: u32,
    pub date: NaiveDate,
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: String,
    pub chair: Option<PersonLine>,
    pub secretary: Option<PersonLine>,
    pub present: Vec<PersonLine>,
    pub absent: Vec<PersonLine>,
    pub guests: Vec<PersonLine>,
    pub agenda: Vec<String>,
    pub discussion: Vec<(String, String)>,
    pub resolutions: Vec<ResolutionLine>,
    pub next_meeting: Option<String>,
    pub notes: String,
    pub is_final: bool,
    /// One sentence per time the minutes were reopened after being final (who,
    /// when, why), printed as a note under them; empty when never reopened.
    pub reopenings: Vec<String>,
}

/// «این صورتجلسه پس از نهایی شدن، در ۱۴۰۳/۰۹/۰۵ ساعت ۱۰:۳۰ توسط زهرا نوروزی
/// بازگشایی شد؛ دلیل: …» (local time).
fn reopening_line(h: &crate::model::HistoryEntry) -> String {
    let local = h.at.with_timezone(&chrono::Local);
    let mut s = format!(
        "این صورتجلسه پس از نهایی شدن، در {} ساعت {}",
        jalali_numeric(local.date_naive(), Digits::Persian),
        Digits::Persian.apply(&local.format("%H:%M").to_string())
    );
    if !h.by.is_empty() {
        s.push_str(&format!(" توسط {}", clean(&h.by)));
    }
    s.push_str(" بازگشایی شد");
    if let crate::model::Event::Reopened { reason } = &h.event {
        s.push_str(&format!("؛ دلیل: {}", clean(reason)));
    }
    s.push('.');
    s
}

/// «۱۴۰۳/۰۹/۳۰» (ISO when outside the calendar's range).
pub fn jalali_numeric(d: NaiveDate, digits: Digits) -> String {
    JalaliDate::from_gregorian(d)
        .map(|j| j.numeric(digits))
        .unwrap_or_else(|_| d.to_string())
}

/// «۱۵ آبان ۱۴۰۳».
pub fn jalali_medium(d: NaiveDate) -> String {
    JalaliDate::from_gregorian(d)
        .map(|j| j.medium(Digits::Persian))
        .unwrap_or_else(|_| d.to_string())
}

/// «سه‌شنبه ۱۵ آبان ۱۴۰۳».
pub fn jalali_long(d: NaiveDate) -> String {
    JalaliDate::from_gregorian(d)
        .map(|j| j.long(Digits::Persian))
        .unwrap_or_else(|_| d.to_string())
}

fn person(p: &crate::model::Person) -> PersonLine {
    PersonLine {
        name: clean(&p.name),
        post: clean(&p.post),
    }
}

impl MinutesDoc {
    /// Builds the document of meeting `id`.
    pub fn load(store: &dyn Archive, id: Id) -> Result<MinutesDoc> {
        let m = store.meeting(id)?.ok_or(StoreError::NotFound {
            kind: "meeting",
            id,
        })?;
        let body = store.body(m.body)?.map(|b| b.name).unwrap_or_default();
        let units = store.unit_names()?;
        Ok(MinutesDoc::from_meeting(&m, &body, &|u| {
            units.get(&u).cloned().unwrap_or_else(|| format!("#{u}"))
        }))
    }

    pub fn from_meeting(m: &Meeting, body: &str, unit: &dyn Fn(Id) -> String) -> MinutesDoc {
        let hm = |t: chrono::NaiveTime| Digits::Persian.apply(&t.format("%H:%M").to_string());
        let people = |p: Presence| {
            m.attendees
                .iter()
                .filter(|a| a.presence == p)
                .map(|a| person(&a.person))
                .collect()
        };
        let body = clean(body);
        MinutesDoc {
            meeting_id: m.id,
            number: m.number,
            date: m.date,
            start: m.start.map(hm),
            end: m.end.map(hm),
            place: clean(&m.place),
            chair: m.chair.as_ref().map(person),
            secretary: m.secretary.as_ref().map(person),
            present: people(Presence::Present),
            absent: people(Presence::Absent),
            guests: people(Presence::Guest),
            agenda: m.agenda.iter().map(|a| clean(&a.text)).collect(),
            discussion: m
                .discussion
                .iter()
                .map(|d| (clean(&d.speaker), clean(&d.text)))
                .collect(),
            resolutions: m
                .resolutions
                .iter()
                .map(|r| ResolutionLine {
                    meeting_id: m.id,
                    key: r.key,
                    body: body.clone(),
                    session: m.number,
                    date: m.date,
                    number: r.number,
                    text: clean(&r.text),
                    responsible: r.responsible.iter().map(|&u| clean(&unit(u))).collect(),
                    executor: r.executor.map(|u| clean(&unit(u))),
                    deadline: r.deadline(),
                    approved: r.approved_deadline,
                    extensions: r.extensions() as u32,
                    status: r.status,
                })
                .collect(),
            next_meeting: m.next_meeting.map(|n| {
                let mut s = jalali_long(n.date);
                if let Some(t) = n.time {
                    s.push_str(" ساعت ");
                    s.push_str(&hm(t));
                }
                s
            }),
            notes: clean(&m.notes),
            is_final: m.is_final(),
            reopenings: m.reopenings().map(reopening_line).collect(),
            body,
        }
    }

    /// «۰۹:۰۰ تا ۱۱:۳۰».
    pub fn time_range(&self) -> String {
        match (&self.start, &self.end) {
            (Some(s), Some(e)) => format!("{s} تا {e}"),
            (Some(s), None) => s.clone(),
            _ => String::new(),
        }
    }

    /// «صورتجلسه-کارگروه-تحول-اداری-۱۲-۱۴۰۳-۰۸-۱۵.docx»: the default file name.
    pub fn file_name(&self, extension: &str) -> String {
        format!(
            "صورتجلسه-{}-{}-{}.{extension}",
            safe_words(&self.body, 3),
            Digits::Persian.format(self.number),
            dashed_date(self.date)
        )
    }
}

/// Up to `n` words of `s`, joined by «-», without characters file systems
/// refuse: the part of a file name a body or a unit gives.
pub fn safe_words(s: &str, n: usize) -> String {
    s.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect()
}

/// «۱۴۰۳-۰۸-۱۵»: a Jalali date as a file name has it.
pub fn dashed_date(d: NaiveDate) -> String {
    jalali_numeric(d, Digits::Persian).replace('/', "-")
}

/// Open resolutions as rows (the pending list and its exports), in deadline
/// order, with their meetings' facts, from the index alone. `keep` filters them.
pub fn pending_lines(
    store: &dyn Archive,
    keep: &dyn Fn(&ResolutionLine) -> bool,
) -> Result<Vec<ResolutionLine>> {
    Ok(pending_with_units(store, keep)?
        .into_iter()
        .map(|p| p.line)
        .collect())
}

/// A pending row with the ids behind its names.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRow {
    pub line: ResolutionLine,
    /// Its responsible units, then its executor (letters go to each).
    pub units: Vec<Id>,
    pub body: Id,
}

/// [`pending_lines`] with the ids behind each row's names.
pub fn pending_with_units(
    store: &dyn Archive,
    keep: &dyn Fn(&ResolutionLine) -> bool,
) -> Result<Vec<PendingRow>> {
    let bodies = store.body_names()?;
    Ok(pending_from(
        &bodies,
        &store.unit_names()?,
        store.open_rows()?,
        keep,
    ))
}

/// Pending rows from a store's open summaries (a folder's index or the
/// PostgreSQL archive's query) and the names of bodies and units.
pub fn pending_from(
    bodies: &std::collections::HashMap<Id, String>,
    units: &std::collections::HashMap<Id, String>,
    summaries: Vec<(
        Option<NaiveDate>,
        crate::store::ResolutionRef,
        crate::store::OpenSummary,
    )>,
    keep: &dyn Fn(&ResolutionLine) -> bool,
) -> Vec<PendingRow> {
    // Names cleaned once, not once per row.
    let clean_all =
        |m: &std::collections::HashMap<Id, String>| -> std::collections::HashMap<Id, String> {
            m.iter().map(|(k, v)| (*k, clean(v))).collect()
        };
    let (bodies, units) = (clean_all(bodies), clean_all(units));
    let unit = |u: &Id| units.get(u).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (deadline, r, s) in summaries {
        let line = ResolutionLine {
            meeting_id: r.meeting,
            key: r.key,
            body: bodies.get(&s.body).cloned().unwrap_or_default(),
            session: s.session,
            date: s.date,
            number: s.number,
            text: clean(&s.text),
            responsible: s.responsible.iter().map(unit).collect(),
            executor: s.executor.as_ref().map(unit),
            deadline,
            approved: s.approved,
            extensions: s.extensions,
            status: s.status,
        };
        if keep(&line) {
            let mut units = s.responsible;
            if let Some(e) = s.executor
                && !units.contains(&e)
            {
                units.push(e);
            }
            out.push(PendingRow {
                line,
                units,
                body: s.body,
            });
        }
    }
    out
}

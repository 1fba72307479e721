//! Reading a صورتجلسه written as text: section headings with or without colons,
//! numbering in any digit set with `-` `.` `)`, indentation and blank lines,
//! Arabic ي/ك, missing ZWNJ. Text is kept as written; normalisation is only for
//! recognising headings and labels.
//!
//! Nothing is lost: every non-blank line is either structure (a heading, a
//! labelled header field) or lands in some field; what fits nowhere goes to the
//! notes, and the report says so.

use chrono::{NaiveDate, NaiveTime};

use crate::calendar::{DateContext, WorkWeek, parse_date, parse_time};
use crate::model::Presence;
use crate::text::digits::ascii_digit;
use crate::text::normalize::normalize;

/// A person line as written: «جناب آقای X، سمت».
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftPerson {
    pub name: String,
    pub post: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftResolution {
    pub text: String,
    pub responsible: Vec<String>,
    pub deadline: Option<NaiveDate>,
}

/// A meeting as read from a document, with names instead of record ids.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub title: String,
    pub number: Option<u32>,
    pub date: Option<NaiveDate>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    pub chair: Option<DraftPerson>,
    pub secretary: Option<DraftPerson>,
    pub attendees: Vec<(DraftPerson, Presence)>,
    pub agenda: Vec<String>,
    pub discussion: Vec<(String, String)>,
    pub resolutions: Vec<DraftResolution>,
    pub next_meeting: Option<NaiveDate>,
    pub notes: String,
}

impl Draft {
    /// Nothing was recognised: no date, attendee, agenda item, speaker or
    /// resolution (a title or stray notes alone do not make minutes).
    pub fn is_empty(&self) -> bool {
        self.date.is_none()
            && self.attendees.is_empty()
            && self.chair.is_none()
            && self.secretary.is_none()
            && self.agenda.is_empty()
            && self.discussion.is_empty()
            && self.resolutions.is_empty()
    }
}

/// What the import has to say about the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Lines that fit no section, kept in the notes: (line number, text).
    pub unplaced: Vec<(usize, String)>,
    pub warnings: Vec<String>,
    /// Lines taken as structure (headings, labels): (line number, text).
    pub structure: Vec<(usize, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Present,
    Absent,
    Guests,
    Agenda,
    Discussion,
    Resolutions,
    Signatures,
}

/// The key a line is recognised by: normalised (ي/ك, marks, spaces, ZWNJ
/// dropped), digits Latin.
fn key(s: &str) -> String {
    normalize(s).text
}

const HEADINGS: &[(&str, Section)] = &[
    ("حاضرین", Section::Present),
    ("حاضران", Section::Present),
    ("اعضای حاضر", Section::Present),
    ("حاضرین جلسه", Section::Present),
    ("غایبین", Section::Absent),
    ("غایبان", Section::Absent),
    ("غائبین", Section::Absent),
    ("مدعوین", Section::Guests),
    ("مدعوان", Section::Guests),
    ("دستور جلسه", Section::Agenda),
    ("دستور کار", Section::Agenda),
    ("خلاصه مذاکرات", Section::Discussion),
    ("مذاکرات", Section::Discussion),
    ("شرح مذاکرات", Section::Discussion),
    ("مصوبات", Section::Resolutions),
    ("مصوبات جلسه", Section::Resolutions),
    ("تصمیمات", Section::Resolutions),
    ("امضاء حاضرین", Section::Signatures),
    ("امضای حاضرین", Section::Signatures),
];

/// A section heading, with anything after its colon. Compared by normalised key
/// (the literals too: normalisation folds ئ to ی, among others).
fn heading(line: &str) -> Option<(Section, &str)> {
    let (head, rest) = match line.split_once([':', '：']) {
        Some((h, r)) => (h, r.trim()),
        None => (line, ""),
    };
    let k = key(head);
    HEADINGS
        .iter()
        .find(|(lit, _)| key(lit) == k)
        .map(|(_, s)| (*s, rest))
}

/// «۱- متن», «1. متن», «٣) متن» → the text after the number.
fn numbered(line: &str) -> Option<&str> {
    let t = line.trim_start();
    // Up to three digits (Persian and Arabic-Indic digits are two bytes each).
    let digits_end = t
        .find(|c: char| !ascii_digit(c).is_ascii_digit())
        .unwrap_or(t.len());
    if digits_end == 0 || digits_end > 6 {
        return None;
    }
    let rest = t[digits_end..].trim_start();
    let rest = rest.strip_prefix(['-', '.', ')', '–', 'ـ'])?.trim();
    // A marker with nothing after it is not an item: the line stays content.
    (!rest.is_empty()).then_some(rest)
}

fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    t.strip_prefix(['-', '•', '*', '–', '▪'])
        .map(str::trim)
        .or_else(|| numbered(line))
}

fn person(text: &str) -> DraftPerson {
    match text.split_once(['،', ',']) {
        Some((n, p)) => DraftPerson {
            name: n.trim().to_owned(),
            post: p.trim().to_owned(),
        },
        None => DraftPerson {
            name: text.trim().to_owned(),
            post: String::new(),
        },
    }
}

/// Labelled fields on one line, separated by runs of two or more spaces or tabs:
/// «تاریخ: ۱۴۰۳/۰۸/۱۵      ساعت: ۰۹:۰۰ تا ۱۱:۳۰      مکان: …».
fn segments(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\t' || (b[i] == b' ' && b.get(i + 1) == Some(&b' ')) {
            let seg = line[start..i].trim();
            if !seg.is_empty() {
                out.push(seg);
            }
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    let seg = line[start..].trim();
    if !seg.is_empty() {
        out.push(seg);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Number,
    Date,
    Time,
    Place,
    Chair,
    Secretary,
    Responsible,
    Deadline,
    NextMeeting,
}

const LABELS: &[(&str, Label)] = &[
    ("شماره جلسه", Label::Number),
    ("جلسه شماره", Label::Number),
    ("شماره", Label::Number),
    ("تاریخ", Label::Date),
    ("تاریخ جلسه", Label::Date),
    ("تاریخ برگزاری", Label::Date),
    ("ساعت", Label::Time),
    ("زمان", Label::Time),
    ("ساعت جلسه", Label::Time),
    ("مکان", Label::Place),
    ("محل", Label::Place),
    ("محل جلسه", Label::Place),
    ("مکان جلسه", Label::Place),
    ("رئیس جلسه", Label::Chair),
    ("رئیس", Label::Chair),
    ("ریاست جلسه", Label::Chair),
    ("دبیر جلسه", Label::Secretary),
    ("دبیر", Label::Secretary),
    ("مسئول پیگیری", Label::Responsible),
    ("مسئول", Label::Responsible),
    ("مسئول اجرا", Label::Responsible),
    ("مسوول پیگیری", Label::Responsible),
    ("مسئولین", Label::Responsible),
    ("مهلت اجرا", Label::Deadline),
    ("مهلت", Label::Deadline),
    ("زمان انجام", Label::Deadline),
    ("زمان جلسه بعد", Label::NextMeeting),
    ("جلسه بعد", Label::NextMeeting),
];

/// «label: value», the label compared by normalised key.
fn label(seg: &str) -> Option<(Label, &str)> {
    let (head, value) = seg.split_once([':', '：'])?;
    let k = key(head);
    LABELS
        .iter()
        .find(|(lit, _)| key(lit) == k)
        .map(|(_, l)| (*l, value.trim()))
}

fn units(value: &str) -> Vec<String> {
    value
        .split(['؛', ';'])
        .map(|u| u.trim().trim_end_matches(['.', '،']).trim().to_owned())
        .filter(|u| !u.is_empty())
        .collect()
}

/// «(مسئول: اداره راهداري - مهلت: 15/11/1402)» inside a resolution's text.
fn inline_fields(text: &str) -> (Vec<String>, Option<String>) {
    let (mut resp, mut deadline) = (Vec::new(), None);
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let inner_start = open + 1;
        let Some(close) = rest[inner_start..].find(')') else {
            break;
        };
        let inner = &rest[inner_start..inner_start + close];
        for part in inner
            .split(" - ")
            .flat_map(|p| p.split(" – "))
            .flat_map(|p| p.split('؛'))
        {
            if let Some((l, v)) = label(part.trim()) {
                match l {
                    Label::Responsible => resp.extend(units(v)),
                    Label::Deadline => deadline = Some(v.to_owned()),
                    _ => {}
                }
            }
        }
        rest = &rest[inner_start + close + 1..];
    }
    (resp, deadline)
}

/// The first date stated in a resolution's text: a numeric date, or what follows
/// «تا» / «تاریخ» («حداکثر تا تاریخ 20/11/1402», «تا پایان سال»).
fn date_in_text(text: &str, anchor: NaiveDate, work: &WorkWeek) -> Option<NaiveDate> {
    let ctx = DateContext {
        anchor: Some(anchor),
        deadline: true,
        work,
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    // Numeric dates first, wherever they are.
    for w in &words {
        let w = w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '/'));
        if w.chars().filter(|c| *c == '/' || *c == '-').count() == 2
            && w.chars().any(|c| ascii_digit(c).is_ascii_digit())
            && let Ok(p) = parse_date(w, &ctx)
        {
            return Some(p.date);
        }
    }
    for (i, w) in words.iter().enumerate() {
        if matches!(key(w).as_str(), "تا" | "تاریخ") {
            for len in (1..=4).rev() {
                if i + 1 + len > words.len() {
                    continue;
                }
                let phrase = words[i + 1..i + 1 + len].join(" ");
                let phrase = phrase.trim_end_matches(['.', '،', ')']);
                if let Ok(p) = parse_date(phrase, &ctx) {
                    return Some(p.date);
                }
            }
        }
    }
    None
}

/// Full dates (four-digit year) anywhere in the document: the context for
/// dates without a year and two-digit years.
fn document_anchor(lines: &[&str], work: &WorkWeek) -> Option<NaiveDate> {
    let ctx = DateContext {
        anchor: None,
        deadline: false,
        work,
    };
    for line in lines {
        for w in line.split_whitespace() {
            let w = w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-'));
            let digits = w
                .chars()
                .filter(|c| ascii_digit(*c).is_ascii_digit())
                .count();
            if digits >= 6
                && w.contains(['/', '-'])
                && let Ok(p) = parse_date(w, &ctx)
            {
                return Some(p.date);
            }
        }
    }
    None
}

/// «جلسه … در تاریخ 3 بهمن ماه برگزار شد»: the date after «تاریخ» in prose.
fn prose_date(line: &str, anchor: Option<NaiveDate>, work: &WorkWeek) -> Option<NaiveDate> {
    let ctx = DateContext {
        anchor,
        deadline: false,
        work,
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| key(w) == "تاریخ")?;
    for len in (1..=5).rev() {
        if at + 1 + len > words.len() {
            continue;
        }
        let phrase = words[at + 1..at + 1 + len].join(" ");
        if let Ok(p) = parse_date(&phrase, &ctx) {
            return Some(p.date);
        }
    }
    None
}

fn time_range(v: &str) -> (Option<NaiveTime>, Option<NaiveTime>) {
    let v = v.replace("الی", "تا");
    match v.split_once(" تا ").or_else(|| v.split_once('-')) {
        Some((a, b)) => (parse_time(a.trim()).ok(), parse_time(b.trim()).ok()),
        None => (parse_time(v.trim()).ok(), None),
    }
}

/// Reads minutes from text. `today` stands in for the context date when the
/// document has no full date at all.
pub fn parse_minutes(text: &str, today: NaiveDate, work: &WorkWeek) -> (Draft, Report) {
    let lines: Vec<&str> = text.lines().collect();
    let anchor = document_anchor(&lines, work);
    let mut d = Draft::default();
    let mut r = Report::default();
    let mut section = Section::Header;
    // Deadline texts of resolutions, resolved once the meeting date is known.
    let mut deadline_texts: Vec<Option<String>> = Vec::new();
    let unplaced = |r: &mut Report, d: &mut Draft, n: usize, line: &str| {
        r.unplaced.push((n, line.to_owned()));
        if !d.notes.is_empty() {
            d.notes.push('\n');
        }
        d.notes.push_str(line);
    };

    for (i, raw) in lines.iter().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some((s, rest)) = heading(line) {
            section = s;
            r.structure.push((n, line.to_owned()));
            if rest.is_empty() {
                continue;
            }
            // «حاضرین: الف؛ ب»: the list on the heading's line.
            if matches!(s, Section::Present | Section::Absent | Section::Guests) {
                let p = match s {
                    Section::Present => Presence::Present,
                    Section::Absent => Presence::Absent,
                    _ => Presence::Guest,
                };
                for who in rest.split(['؛', ';']).filter(|w| !w.trim().is_empty()) {
                    d.attendees.push((person(who), p));
                }
                continue;
            }
        }
        // Labelled header fields can stand anywhere (often the footer).
        let segs = segments(line);
        let labelled: Vec<(Label, &str)> = segs.iter().filter_map(|s| label(s)).collect();
        let header_like = !labelled.is_empty()
            && labelled.len() == segs.len()
            && labelled.iter().all(|(l, _)| {
                !matches!(l, Label::Responsible | Label::Deadline)
                    || section != Section::Resolutions
            });
        if header_like && section != Section::Discussion {
            for (l, v) in labelled {
                match l {
                    Label::Number => {
                        d.number = crate::text::parse_number(v.trim().trim_end_matches('.'))
                            .and_then(|n| u32::try_from(n).ok())
                    }
                    Label::Date => {
                        let ctx = DateContext {
                            anchor: anchor.or(Some(today)),
                            deadline: false,
                            work,
                        };
                        match parse_date(v, &ctx) {
                            Ok(p) => d.date = Some(p.date),
                            Err(e) => r.warnings.push(format!("line {n}: {e}")),
                        }
                    }
                    Label::Time => (d.start, d.end) = time_range(v),
                    Label::Place => d.place = v.to_owned(),
                    Label::Chair => d.chair = Some(person(v)),
                    Label::Secretary => d.secretary = Some(person(v)),
                    Label::NextMeeting => {
                        let ctx = DateContext {
                            anchor: d.date.or(anchor).or(Some(today)),
                            deadline: true,
                            work,
                        };
                        d.next_meeting = parse_date(v.split("ساعت").next().unwrap_or(v), &ctx)
                            .ok()
                            .map(|p| p.date);
                    }
                    Label::Responsible | Label::Deadline => {}
                }
            }
            r.structure.push((n, line.to_owned()));
            continue;
        }
        match section {
            Section::Header => {
                let k = key(line);
                if k == "صورتجلسه" || k == "بسمهتعالی" || k == "باسمهتعالی"
                {
                    r.structure.push((n, line.to_owned()));
                } else if let Some(date) = (d.date.is_none() && k.contains("تاریخ"))
                    .then(|| prose_date(line, anchor.or(Some(today)), work))
                    .flatten()
                {
                    // The sentence that gives the meeting's date is where the date
                    // came from: structure, listed in the report.
                    d.date = Some(date);
                    r.structure.push((n, line.to_owned()));
                } else if d.title.is_empty() {
                    d.title = line.to_owned();
                } else {
                    unplaced(&mut r, &mut d, n, line);
                }
            }
            Section::Present | Section::Absent | Section::Guests => {
                let p = match section {
                    Section::Present => Presence::Present,
                    Section::Absent => Presence::Absent,
                    _ => Presence::Guest,
                };
                d.attendees.push((person(bullet(line).unwrap_or(line)), p));
            }
            Section::Agenda => match numbered(line) {
                Some(t) => d.agenda.push(t.to_owned()),
                None => match d.agenda.last_mut() {
                    Some(last) => {
                        last.push('\n');
                        last.push_str(bullet(line).unwrap_or(line));
                    }
                    None => d.agenda.push(bullet(line).unwrap_or(line).to_owned()),
                },
            },
            Section::Discussion => {
                let body = bullet(line).unwrap_or(line);
                let split = body.split_once([':', '：']).filter(|(s, t)| {
                    let s = s.trim();
                    !s.is_empty() && s.chars().count() <= 90 && !t.trim().is_empty()
                });
                match split {
                    Some((speaker, text)) => d
                        .discussion
                        .push((speaker.trim().to_owned(), text.trim().to_owned())),
                    None => match d.discussion.last_mut() {
                        Some(last) => {
                            last.1.push('\n');
                            last.1.push_str(body);
                        }
                        None => unplaced(&mut r, &mut d, n, line),
                    },
                }
            }
            Section::Resolutions => {
                if let Some(t) = numbered(line) {
                    let (resp, dl) = inline_fields(t);
                    d.resolutions.push(DraftResolution {
                        text: t.to_owned(),
                        responsible: resp,
                        deadline: None,
                    });
                    deadline_texts.push(dl);
                    continue;
                }
                let segs = segments(line);
                let fields: Vec<(Label, &str)> = segs.iter().filter_map(|s| label(s)).collect();
                if !fields.is_empty() && fields.len() == segs.len() && !d.resolutions.is_empty() {
                    let at = d.resolutions.len() - 1;
                    for (l, v) in fields {
                        match l {
                            Label::Responsible => d.resolutions[at].responsible.extend(units(v)),
                            Label::Deadline => deadline_texts[at] = Some(v.to_owned()),
                            _ => {}
                        }
                    }
                    r.structure.push((n, line.to_owned()));
                } else if let Some(last) = d.resolutions.last_mut() {
                    last.text.push('\n');
                    last.text.push_str(line);
                } else {
                    d.resolutions.push(DraftResolution {
                        text: line.to_owned(),
                        ..Default::default()
                    });
                    deadline_texts.push(None);
                }
            }
            Section::Signatures => r.structure.push((n, line.to_owned())),
        }
    }

    if d.date.is_none() {
        d.date = anchor;
        r.warnings
            .push("تاریخ جلسه پیدا نشد / no meeting date found".into());
    }
    let meeting_date = d.date.unwrap_or(today);
    for (res, dl) in d.resolutions.iter_mut().zip(deadline_texts) {
        let ctx = DateContext {
            anchor: Some(meeting_date),
            deadline: true,
            work,
        };
        res.deadline = match dl {
            Some(t) => match parse_date(&t, &ctx) {
                Ok(p) => Some(p.date),
                Err(e) => {
                    r.warnings.push(format!("«{t}»: {e}"));
                    date_in_text(&res.text, meeting_date, work)
                }
            },
            None => date_in_text(&res.text, meeting_date, work),
        };
    }
    (d, r)
}

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
    /// `responsible` was proposed from the text, not written as the units.
    pub inferred: bool,
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
    /// Characters changed to Persian spelling (ي→ی, ك→ک, Arabic-Indic digits).
    pub spelling_changes: usize,
    /// Units proposed from resolutions' texts: (resolution number, units).
    pub inferred: Vec<(usize, Vec<String>)>,
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

/// «جلسه … در تاریخ 3 بهمن ماه برگزار شد»: the date after «تاریخ» (or «مورخ»,
/// «روز») in prose.
fn prose_date(line: &str, anchor: Option<NaiveDate>, work: &WorkWeek) -> Option<NaiveDate> {
    let ctx = DateContext {
        anchor,
        deadline: false,
        work,
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    for marker in ["تاریخ", "مورخ", "روز"] {
        let Some(at) = words.iter().position(|w| key(w) == marker) else {
            continue;
        };
        for len in (1..=5).rev() {
            if at + 1 + len > words.len() {
                continue;
            }
            let phrase = words[at + 1..at + 1 + len].join(" ");
            let phrase = phrase.trim_end_matches(['.', '،', ')']);
            if let Ok(p) = parse_date(phrase, &ctx) {
                return Some(p.date);
            }
        }
    }
    None
}

/// Words a body's name starts with.
const BODY_WORDS: &[&str] = &[
    "کارگروه",
    "شورای",
    "شورا",
    "ستاد",
    "کمیته",
    "کمیسیون",
    "میز",
    "هیئت",
    "هیات",
];

/// «جلسه کارگروه توسعه مدیریت استانداری در تاریخ ۸ دی‌ماه برگزار شد»: the body
/// the sentence names (the words after «جلسه», up to where the sentence goes on
/// to when, where or who), if they read as one.
fn sentence_body(line: &str) -> Option<String> {
    let k = key(line);
    if !(k.contains("جلسه") && (k.contains("برگزار") || k.contains("تشکیل"))) {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let start = words.iter().position(|w| key(w) == "جلسه")? + 1;
    let stops = [
        "در",
        "روز",
        "مورخ",
        "به",
        "با",
        "ساعت",
        "برگزار",
        "تشکیل",
        "که",
        "و",
        "از",
    ];
    let end = words[start..]
        .iter()
        .position(|w| stops.contains(&key(w).as_str()))
        .map_or(words.len(), |i| start + i);
    let body = words.get(start..end)?.join(" ");
    let body = body.trim_end_matches(['.', '،']);
    let first = body.split_whitespace().next()?;
    (BODY_WORDS.iter().any(|b| key(b) == key(first)) && body.split_whitespace().count() >= 2)
        .then(|| body.to_owned())
}

/// How a paragraph names its speaker when it has no «گوینده:» label.
const HONORIFICS: &[&str] = &[
    "جناب آقای",
    "سرکار خانم",
    "حجت‌الاسلام والمسلمین",
    "حجت الاسلام والمسلمین",
    "حجت‌الاسلام",
    "حجت الاسلام",
    "آقای",
    "خانم",
    "دکتر",
    "مهندس",
    "سردار",
];
/// Titles that open a paragraph with «محترم»: «استاندار محترم جناب آقای …».
const TITLES: &[&str] = &[
    "استاندار",
    "فرماندار",
    "مدیرکل",
    "مدیر",
    "معاون",
    "رئیس",
    "بخشدار",
    "شهردار",
    "دبیر",
    "نماینده",
    "سرپرست",
    "دادستان",
    "امام",
];
/// Words that open a paragraph before its speaker: «در ادامه آقای …».
const LEADS: &[&str] = &[
    "در ادامه",
    "در ادامه جلسه",
    "سپس",
    "همچنین",
    "در پایان",
    "پس از آن",
];
/// Where the speaker's name and title end and what they said begins.
const SAID: &[&str] = &[
    "ضمن",
    "بیان",
    "اظهار",
    "گفت",
    "افزود",
    "با اشاره",
    "در خصوص",
    "درخصوص",
    "در مورد",
    "درباره",
    "گزارشی",
    "گزارش",
    "خاطرنشان",
    "تأکید",
    "تاکید",
    "عنوان",
    "اعلام",
    "پیشنهاد",
    "توضیح",
    "توضیحاتی",
    "به بیان",
    "یادآور",
    "اشاره",
    "از",
    "نیز",
    "بر",
];

fn starts_with_word(s: &str, w: &str) -> bool {
    s.strip_prefix(w).is_some_and(|rest| {
        rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with('،')
    })
}

/// A discussion paragraph that opens with its speaker, unlabelled: «جناب آقای
/// کاظمی فرماندار محترم ضمن تشکر …», «استاندار محترم جناب آقای …، …», «در ادامه
/// آقای رضایی بیان داشت …». (speaker, what they said); `None` for a paragraph
/// that goes on the previous speaker's words.
fn unlabelled_speaker(body: &str) -> Option<(String, String)> {
    // Matched in Persian letters (ي/ك and Arabic digits have the same length in
    // UTF-8 as their Persian forms, so offsets carry over), cut in the original.
    let original = body.trim();
    let spelled =
        crate::text::normalize::persian_spelling(original, crate::text::Digits::Persian).0;
    let (speaker, text) = speaker_split(&spelled)?;
    let at = |part: &str| part.as_ptr() as usize - spelled.as_ptr() as usize;
    let (sa, ta) = (at(speaker), at(text));
    Some((
        original[sa..sa + speaker.len()].to_owned(),
        original[ta..ta + text.len()].to_owned(),
    ))
}

/// [`unlabelled_speaker`] on Persian letters: the speaker and what they said,
/// as slices of `s`.
fn speaker_split(s: &str) -> Option<(&str, &str)> {
    let mut s = s;
    if let Some(rest) = LEADS
        .iter()
        .filter(|l| starts_with_word(s, l))
        .max_by_key(|l| l.len())
        .map(|l| s[l.len()..].trim_start())
    {
        s = rest;
    }
    let opens_with_honorific = HONORIFICS.iter().any(|h| starts_with_word(s, h));
    let words: Vec<&str> = s.split_whitespace().take(8).collect();
    let opens_with_title = words
        .first()
        .is_some_and(|w| TITLES.iter().any(|t| key(t) == key(w)))
        && words.iter().take(4).any(|w| key(w) == key("محترم"))
        && HONORIFICS.iter().any(|h| words.join(" ").contains(h));
    if !(opens_with_honorific || opens_with_title) {
        return None;
    }
    // The speaker ends where what they said begins: a word of saying after the
    // name (at least two words in), else the first «،» after the name.
    let mut offsets = Vec::new();
    let mut pos = 0;
    for w in s.split_whitespace() {
        let at = s[pos..].find(w).map_or(pos, |i| pos + i);
        offsets.push((at, w));
        pos = at + w.len();
    }
    let said = offsets.iter().enumerate().skip(2).find_map(|(i, (at, w))| {
        let w = w.trim_end_matches('،');
        let two = offsets
            .get(i + 1)
            .map(|(_, n)| format!("{w} {n}"))
            .unwrap_or_default();
        (SAID.iter().any(|v| key(v) == key(w) || key(v) == key(&two))).then_some(*at)
    });
    let comma = offsets
        .iter()
        .skip(2)
        .find(|(_, w)| w.ends_with('،'))
        .map(|(at, w)| at + w.len());
    let end = said.or(comma)?;
    let speaker = s[..end].trim().trim_end_matches('،').trim();
    let text = s[end..].trim().trim_start_matches('،').trim();
    (speaker.chars().count() <= 150 && !text.is_empty()).then_some((speaker, text))
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
                } else if let Some(body) =
                    (!d.title.is_empty()).then(|| sentence_body(line)).flatten()
                {
                    // «جلسه کارگروه … در تاریخ … برگزار شد»: the body, when the
                    // title names none (a first line that is a news category or
                    // a site's section), and the date.
                    let named = d
                        .title
                        .split_whitespace()
                        .any(|w| BODY_WORDS.iter().any(|b| key(b) == key(w)));
                    if !named {
                        d.title = body;
                    }
                    if d.date.is_none() {
                        d.date = prose_date(line, anchor.or(Some(today)), work);
                    }
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
                match split
                    .map(|(s, t)| (s.trim().to_owned(), t.trim().to_owned()))
                    .or_else(|| unlabelled_speaker(body))
                {
                    Some(entry) => d.discussion.push(entry),
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
                        ..Default::default()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_without_a_colon() {
        for (p, speaker, said) in [
            (
                "جناب آقای کاظمی سرپرست محترم معاونت هماهنگی امور عمرانی ضمن تشکر از حاضران بر پیگیری مصوبات تأکید کرد.",
                "جناب آقای کاظمی سرپرست محترم معاونت هماهنگی امور عمرانی",
                "ضمن تشکر",
            ),
            (
                "در ادامه آقای رضایی بیان داشت که سامانه در سه بخشداری مستقر شده است.",
                "آقای رضایی",
                "بیان داشت",
            ),
            (
                "استاندار محترم جناب آقای دکتر محمدی، با اشاره به کمبود اعتبار خواستار اولویت‌بندی طرح‌ها شد.",
                "استاندار محترم جناب آقای دکتر محمدی",
                "با اشاره",
            ),
            (
                "خانم مهندس نوروزی، رئیس اداره برنامه‌ریزی، گزارشی از پیشرفت طرح ارائه کرد.",
                "خانم مهندس نوروزی، رئیس اداره برنامه‌ریزی",
                "گزارشی از",
            ),
            (
                "حجت‌الاسلام والمسلمین احمدی امام جمعه شهرستان نیز بر اهمیت موضوع تأکید کردند.",
                "حجت‌الاسلام والمسلمین احمدی امام جمعه شهرستان",
                "نیز بر",
            ),
        ] {
            let (s, t) = unlabelled_speaker(p).unwrap_or_else(|| panic!("no speaker in «{p}»"));
            assert_eq!(s, speaker, "{p}");
            assert!(t.starts_with(said), "«{t}» should start with «{said}»");
        }
        for p in [
            "همچنین مقرر شد گزارش در جلسه بعد ارائه شود.",
            "سامانه EIS در ۳ بخشداری مستقر شده است و آقای رضایی ضرورت تکمیل آن را یادآور شدند.",
            "خانم‌ها و آقایان حاضر در جلسه نظرات خود را بیان کردند.",
        ] {
            assert_eq!(unlabelled_speaker(p), None, "{p}");
        }
    }

    #[test]
    fn the_body_from_a_sentence() {
        assert_eq!(
            sentence_body("جلسه کارگروه توسعه مدیریت استانداری در تاریخ ۸ دی‌ماه برگزار شد")
                .as_deref(),
            Some("کارگروه توسعه مدیریت استانداری")
        );
        assert_eq!(
            sentence_body("دومین جلسه شورای اداری شهرستان به ریاست فرماندار تشکیل شد.").as_deref(),
            Some("شورای اداری شهرستان")
        );
        assert_eq!(sentence_body("اخبار استان"), None);
        assert_eq!(sentence_body("جلسه امروز با حضور اعضا برگزار شد"), None);
    }
}

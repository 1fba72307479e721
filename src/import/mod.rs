//! Bringing the archive in: minutes written as text or Word files become draft
//! meetings the secretary checks and saves.

pub mod docx;
pub mod parse;
pub mod sheet;
pub mod units;

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, Utc};

use crate::calendar::WorkWeek;
use crate::model::{
    AgendaItem, Attendee, Body, BodyKind, DiscussionEntry, Event, HistoryEntry, Id, Meeting,
    Person, Unit,
};
use crate::store::{Archive, NewRecords, Result};
use crate::text::normalize::normalize;
use docx::Block;
pub use parse::{Draft, Report, parse_minutes};

fn key(s: &str) -> String {
    normalize(s).text
}

/// Lines of a Word document in the shapes the text parser reads. A resolutions
/// table (ردیف · شرح · مسئول · مهلت) becomes numbered resolutions with their
/// fields; a header table (labels over values) becomes «label: value» fields.
pub fn docx_lines(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut push = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    for b in blocks {
        match b {
            Block::Paragraph(p) => p.split('\n').for_each(&mut push),
            Block::Table(rows) if !rows.is_empty() => {
                let header: Vec<String> = rows[0].iter().map(|c| key(c)).collect();
                let col = |names: &[&str]| {
                    header
                        .iter()
                        .position(|h| names.iter().any(|n| h.starts_with(&key(n))))
                };
                let (num, text, resp, dl) = (
                    col(&["ردیف", "شماره"]),
                    col(&["شرحمصوبه", "شرح", "مصوبه", "متن"]),
                    col(&["مسئول"]),
                    col(&["مهلت"]),
                );
                if let (Some(t), true) = (text, resp.is_some() || dl.is_some()) {
                    for (i, row) in rows.iter().enumerate().skip(1) {
                        let cell =
                            |c: Option<usize>| c.and_then(|c| row.get(c)).map_or("", |s| s.trim());
                        let n = match cell(num) {
                            "" => (i).to_string(),
                            n => n.to_owned(),
                        };
                        push(&format!("{n}- {}", cell(Some(t)).replace('\n', " ")));
                        let mut fields = Vec::new();
                        if !cell(resp).is_empty() {
                            fields.push(format!("مسئول پیگیری: {}", cell(resp).replace('\n', " ")));
                        }
                        if !cell(dl).is_empty() {
                            fields.push(format!("مهلت اجرا: {}", cell(dl).replace('\n', " ")));
                        }
                        if !fields.is_empty() {
                            push(&fields.join("      "));
                        }
                    }
                } else if header.iter().any(|h| h.starts_with(&key("امضا"))) {
                    push("امضاء حاضرین");
                    for row in rows.iter().skip(1) {
                        push(
                            &row.iter()
                                .take(2)
                                .filter(|c| !c.trim().is_empty())
                                .cloned()
                                .collect::<Vec<_>>()
                                .join("، "),
                        );
                    }
                } else if rows
                    .iter()
                    .flatten()
                    .all(|c| c.trim().is_empty() || key(c).ends_with(&key("امضاء")))
                {
                    // The cells the chair and the secretary sign in (dabir's own
                    // minutes): their names are in the header already.
                } else if rows.len() == 2 && rows[0].len() == rows[1].len() {
                    let pairs: Vec<String> = rows[0]
                        .iter()
                        .zip(&rows[1])
                        .map(|(l, v)| format!("{}: {}", l.trim(), v.trim().replace('\n', " ")))
                        .collect();
                    push(&pairs.join("      "));
                } else {
                    for row in rows {
                        push(
                            &row.iter()
                                .map(|c| c.replace('\n', " "))
                                .collect::<Vec<_>>()
                                .join("      "),
                        );
                    }
                }
            }
            Block::Table(_) => {}
        }
    }
    out
}

/// The most a file to import may hold, and the most the text inside a DOCX may
/// unpack to: minutes are a few hundred kilobytes; more is a mistake or a zip bomb.
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Why a file could not be imported. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}: {size} bytes, more than the {MAX_INPUT} an import reads / پرونده بیش از اندازه بزرگ است"
    )]
    TooLarge { path: String, size: u64 },
    #[error("{path}: not UTF-8 text")]
    NotUtf8 { path: String },
    #[error("{path}: not a spreadsheet dabir can read: {reason} / جدول خوانده نشد")]
    Sheet { path: String, reason: String },
    #[error("{path}: {source}")]
    Docx {
        path: String,
        source: docx::DocxError,
    },
    #[error(
        "{path}: nothing in it reads as minutes (no date, attendee, agenda item, speaker \
         or resolution) / چیزی از صورتجلسه در آن شناخته نشد"
    )]
    Empty { path: String },
}

/// The body of that name (spelling normalised), or a new one added to `new` with a
/// reserved id, to be saved with the meeting that brings it.
pub fn body_or_new(
    store: &dyn Archive,
    name: &str,
    place: &str,
    new: &mut NewRecords,
) -> Result<Body> {
    if let Some(b) = store.body_by_name(name)? {
        return Ok(b);
    }
    let b = Body {
        id: store.reserve_id()?,
        kind: BodyKind::from_name(name),
        name: name.to_owned(),
        members: vec![],
        chair: None,
        secretary: None,
        place: place.to_owned(),
    };
    new.bodies.push(b.clone());
    Ok(b)
}

/// Units by name (spelling normalised): the directory's, and those an import
/// adds, reserved for the meeting that brings them.
pub struct UnitNames(HashMap<String, Id>);

impl UnitNames {
    pub fn load(store: &dyn Archive) -> Result<UnitNames> {
        Ok(UnitNames(
            store
                .units()?
                .into_iter()
                .map(|u| (key(&u.name), u.id))
                .collect(),
        ))
    }

    /// The unit of that name, or a new one added to `new` with a reserved id.
    pub fn id(&mut self, store: &dyn Archive, name: &str, new: &mut NewRecords) -> Result<Id> {
        if let Some(id) = self.0.get(&key(name)) {
            return Ok(*id);
        }
        let id = store.reserve_id()?;
        new.units.push(Unit {
            id,
            ..Unit::named(name)
        });
        self.0.insert(key(name), id);
        Ok(id)
    }
}

/// A file's bytes, refused when larger than [`MAX_INPUT`].
pub fn read_capped(path: &Path) -> std::result::Result<Vec<u8>, ImportError> {
    let read = |source| ImportError::Read {
        path: path.display().to_string(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read)?.len();
    if size > MAX_INPUT {
        return Err(ImportError::TooLarge {
            path: path.display().to_string(),
            size,
        });
    }
    std::fs::read(path).map_err(read)
}

/// How a document's text is taken.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// Keep Arabic ي/ك and Arabic-Indic digits as written (`--keep-spelling`);
    /// by default they become Persian letters and `digits`.
    pub keep_spelling: bool,
    pub digits: crate::calendar::Digits,
    /// The directory's unit names: a resolution that names no unit gets those
    /// its text mentions (and its sentence's subject), marked as inferred.
    pub known_units: Vec<String>,
}

/// Reads a file (.txt, .md or .docx) into a draft. Control characters are dropped
/// from the text first. A file in which nothing is recognisable as minutes (no
/// date, attendee, agenda item, speaker or resolution) is an error, not an empty
/// meeting.
pub fn read_file(
    path: &Path,
    today: NaiveDate,
    work: &WorkWeek,
    opts: &ReadOptions,
) -> std::result::Result<(Draft, Report), ImportError> {
    let name = || path.display().to_string();
    let bytes = read_capped(path)?;
    let is_docx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    let text = if is_docx {
        let blocks = docx::read_docx(&bytes).map_err(|source| ImportError::Docx {
            path: name(),
            source,
        })?;
        docx_lines(&blocks)
    } else {
        String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8 { path: name() })?
    };
    let text = crate::text::controls::strip(&text);
    let (text, changed) = if opts.keep_spelling {
        (text.into_owned(), 0)
    } else {
        crate::text::normalize::persian_spelling(&text, opts.digits)
    };
    let (mut draft, mut report) = parse_minutes(&text, today, work);
    report.spelling_changes = changed;
    for (i, r) in draft.resolutions.iter_mut().enumerate() {
        if r.responsible.is_empty() {
            let found = units::infer(&r.text, &opts.known_units);
            if !found.is_empty() {
                report.inferred.push((i + 1, found.clone()));
                r.responsible = found;
                r.inferred = true;
            }
        }
    }
    if draft.is_empty() {
        return Err(ImportError::Empty { path: name() });
    }
    Ok((draft, report))
}

/// The body's name from a document's title: «صورتجلسه …», «برگزاری جلسه …» and
/// the like taken off the front.
pub fn body_name(title: &str) -> String {
    let mut t = title.trim();
    loop {
        let before = t;
        for prefix in [
            "صورتجلسه",
            "صورت جلسه",
            "برگزاری جلسه",
            "برگزاري جلسه",
            "جلسه",
        ] {
            if let Some(rest) = t.strip_prefix(prefix) {
                t = rest.trim_start_matches([' ', ':', '-', '،']).trim();
            }
        }
        if t == before {
            break;
        }
    }
    t.to_owned()
}

/// The meeting a draft describes, with units given ids by `unit`.
pub fn draft_meeting(
    d: &Draft,
    body: Id,
    number: u32,
    today: NaiveDate,
    unit: &mut dyn FnMut(&str) -> Id,
) -> Meeting {
    let now = Utc::now();
    let mut m = Meeting::new(0, body, number, d.date.unwrap_or(today), now);
    m.start = d.start;
    m.end = d.end;
    m.place = d.place.clone();
    let person = |p: &parse::DraftPerson| Person::new(p.name.clone(), p.post.clone());
    m.chair = d.chair.as_ref().map(person);
    m.secretary = d.secretary.as_ref().map(person);
    m.attendees = d
        .attendees
        .iter()
        .map(|(p, presence)| Attendee {
            person: person(p),
            presence: *presence,
        })
        .collect();
    m.agenda = d
        .agenda
        .iter()
        .map(|t| AgendaItem { text: t.clone() })
        .collect();
    m.discussion = d
        .discussion
        .iter()
        .map(|(s, t)| DiscussionEntry {
            speaker: s.clone(),
            agenda_item: None,
            text: t.clone(),
            typed_at: crate::model::serde_time::to_millis(now),
        })
        .collect();
    for r in &d.resolutions {
        let res = m
            .add_resolution(r.text.clone())
            .expect("a new meeting is a draft");
        res.responsible = r.responsible.iter().map(|u| unit(u)).collect();
        res.responsible.dedup();
        res.units_inferred = r.inferred;
        res.approved_deadline = r.deadline;
    }
    m.next_meeting = d
        .next_meeting
        .map(|date| crate::model::NextMeeting { date, time: None });
    m.notes = d.notes.clone();
    m
}

/// Saves a draft as a draft meeting: the body (by `body`, or the document's title)
/// and the units found by their normalised names or created.
pub fn save_draft(
    store: &dyn Archive,
    d: &Draft,
    body: Option<&str>,
    source: &str,
    by: &str,
    today: NaiveDate,
) -> Result<Meeting> {
    let name = body
        .map(str::to_owned)
        .unwrap_or_else(|| body_name(&d.title));
    let name = if name.trim().is_empty() {
        "کارگروه بی‌نام".to_owned()
    } else {
        name
    };
    // The body and units a document brings are saved with its meeting, in one
    // transaction: a failure leaves no orphan body or unit behind.
    let mut new = NewRecords::default();
    let body = body_or_new(store, &name, &d.place, &mut new)?;
    let mut known = UnitNames::load(store)?;
    let mut failure = None;
    let mut unit = |n: &str| -> Id {
        known.id(store, n, &mut new).unwrap_or_else(|e| {
            failure = Some(e);
            0
        })
    };
    let number = match d.number {
        Some(n) if n > 0 => n,
        _ => store.next_session_number(body.id)?,
    };
    let mut m = draft_meeting(d, body.id, number, today, &mut unit);
    if let Some(e) = failure {
        return Err(e);
    }
    m.history.push(HistoryEntry {
        at: m.created,
        by: by.trim().to_owned(),
        event: Event::Imported {
            from: source.to_string(),
        },
    });
    store.save_meeting_with(&mut m, &new)?;
    Ok(m)
}

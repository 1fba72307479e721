//! Follow-up sheets (.xlsx, .csv) as secretariats keep them: one row per
//! resolution with its meeting (body, session, date), text, responsible units,
//! deadline, status and last action. Columns are recognised by their header in
//! Persian or English (spelling normalised, variants accepted) and can be set by
//! hand; a column nothing recognises is kept, in the follow-up the import records.
//!
//! Rows are grouped into draft meetings by body, session and date. A status other
//! than open, the last action and any extension become follow-ups dated the day of
//! the import; the approved deadline, when the sheet has one (dabir's own exports
//! do), stays the approved one.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::ImportError;
use crate::calendar::{DateContext, Digits, WorkWeek, parse_date};
use crate::model::{FollowUp, Id, Meeting, Status};
use crate::store::{Archive, NewRecords, Result};
use crate::text::normalize::normalize;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// ردیف: the resolution's number in its meeting.
    Row,
    Body,
    Session,
    MeetingDate,
    Text,
    Responsible,
    Executor,
    /// The current deadline (Jalali text, a date cell, any form dabir reads).
    Deadline,
    /// The current deadline as a Gregorian date cell (dabir's exports).
    DeadlineGregorian,
    /// The deadline the minutes approved (dabir's exports).
    Approved,
    /// How many times it was extended (dabir's exports).
    Extensions,
    Status,
    LastAction,
    /// dabir's «meeting-key» id: recognised and not needed.
    Id,
    /// Kept in the import's follow-up note.
    Other,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::Row,
        Field::Body,
        Field::Session,
        Field::MeetingDate,
        Field::Text,
        Field::Responsible,
        Field::Executor,
        Field::Deadline,
        Field::DeadlineGregorian,
        Field::Approved,
        Field::Extensions,
        Field::Status,
        Field::LastAction,
        Field::Id,
        Field::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Row => "row",
            Field::Body => "body",
            Field::Session => "session",
            Field::MeetingDate => "meeting-date",
            Field::Text => "text",
            Field::Responsible => "responsible",
            Field::Executor => "executor",
            Field::Deadline => "deadline",
            Field::DeadlineGregorian => "deadline-gregorian",
            Field::Approved => "approved",
            Field::Extensions => "extensions",
            Field::Status => "status",
            Field::LastAction => "last-action",
            Field::Id => "id",
            Field::Other => "other",
        }
    }

    pub fn from_name(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == s.trim())
    }
}

/// Header words, normalised, in the order they are tried: the first field whose
/// every word is in the header wins («مهلت مصوب» before «مهلت», «مسئول اجرا»
/// before «مسئول», «تاریخ جلسه» before «جلسه»).
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Id, &["شناسه"]),
    (Field::Id, &["id"]),
    (Field::Approved, &["مهلت", "مصوب"]),
    (Field::Approved, &["approved"]),
    (Field::DeadlineGregorian, &["مهلت", "میلادی"]),
    (Field::Extensions, &["تمدید"]),
    (Field::Extensions, &["extension"]),
    (Field::Deadline, &["مهلت"]),
    (Field::Deadline, &["زمان", "اجرا"]),
    (Field::Deadline, &["موعد"]),
    (Field::Deadline, &["deadline"]),
    (Field::Deadline, &["due"]),
    (Field::Executor, &["مسئول", "اجرا"]),
    (Field::Executor, &["مسوول", "اجرا"]),
    (Field::Executor, &["مجری"]),
    (Field::Executor, &["executor"]),
    (Field::Responsible, &["مسئول"]),
    (Field::Responsible, &["مسوول"]),
    (Field::Responsible, &["مسول"]),
    (Field::Responsible, &["دستگاه"]),
    (Field::Responsible, &["responsible"]),
    (Field::Responsible, &["owner"]),
    (Field::MeetingDate, &["تاریخ"]),
    (Field::MeetingDate, &["date"]),
    (Field::Session, &["شماره", "جلسه"]),
    (Field::Session, &["جلسه"]),
    (Field::Session, &["session"]),
    (Field::Session, &["meeting"]),
    (Field::Body, &["کارگروه"]),
    (Field::Body, &["کمیته"]),
    (Field::Body, &["شورا"]),
    (Field::Body, &["ستاد"]),
    (Field::Body, &["body"]),
    (Field::Body, &["committee"]),
    (Field::Status, &["وضعیت"]),
    (Field::Status, &["status"]),
    (Field::LastAction, &["اقدام"]),
    (Field::LastAction, &["پیگیری"]),
    (Field::LastAction, &["action"]),
    (Field::LastAction, &["follow"]),
    (Field::Text, &["مصوبه"]),
    (Field::Text, &["شرح"]),
    (Field::Text, &["موضوع"]),
    (Field::Text, &["متن"]),
    (Field::Text, &["resolution"]),
    (Field::Text, &["text"]),
    (Field::Text, &["description"]),
    (Field::Row, &["ردیف"]),
    (Field::Row, &["row"]),
    (Field::Row, &["no"]),
    (Field::Row, &["#"]),
];

/// A header's field, or `Other`.
pub fn recognise(header: &str) -> Field {
    // Word by word: the normalised form drops spaces.
    let words: Vec<String> = header
        .split(|c: char| !c.is_alphanumeric() && c != '#' && c != '\u{200c}')
        .map(|w| normalize(w).text.to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| {
        let w = normalize(w).text;
        words
            .iter()
            .any(|x| *x == w || (w.chars().count() > 3 && x.starts_with(&w)))
    };
    HEADERS
        .iter()
        .find(|(_, needed)| needed.iter().all(|w| has(w)))
        .map_or(Field::Other, |(f, _)| *f)
}

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Value {
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.trim().to_owned(),
            Value::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A sheet as rows of cells under one header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Whether a path is a sheet this module reads (by its extension).
pub fn is_sheet(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "xlsx" | "xls" | "ods" | "csv"
        )
    })
}

/// Excel's day 0 (serial numbers count from 1899-12-30 in the 1900 system).
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial as u64))
}

/// Reads the sheet «مصوبات» if there is one, else the first; or a CSV (UTF-8,
/// with or without BOM; comma, semicolon or tab, whichever the header has most).
pub fn read_table(path: &Path) -> std::result::Result<Table, ImportError> {
    let name = || path.display().to_string();
    let bytes = super::read_capped(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    let table = if ext == "csv" {
        let text = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8 { path: name() })?;
        csv_table(text.trim_start_matches('\u{feff}'))
    } else {
        xlsx_table(bytes).map_err(|reason| ImportError::Sheet {
            path: name(),
            reason,
        })?
    };
    if table.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(ImportError::Empty { path: name() });
    }
    Ok(table)
}

fn xlsx_table(bytes: Vec<u8>) -> std::result::Result<Table, String> {
    use calamine::{Data, Reader};
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| normalize(n).text == normalize("مصوبات").text)
        .or_else(|| names.first())
        .cloned()
        .ok_or("the workbook has no sheet")?;
    let range = book.worksheet_range(&sheet).map_err(|e| e.to_string())?;
    let mut rows = range.rows().map(|r| {
        r.iter()
            .map(|c| match c {
                Data::Empty => Value::Empty,
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    Value::Text(s.clone())
                }
                Data::Int(i) => Value::Number(*i as f64),
                Data::Float(f) => Value::Number(*f),
                Data::Bool(b) => Value::Text(b.to_string()),
                Data::DateTime(d) => excel_date(d.as_f64()).map_or(Value::Empty, Value::Date),
                Data::Error(e) => Value::Text(format!("#{e:?}")),
            })
            .collect::<Vec<_>>()
    });
    let headers = rows
        .next()
        .unwrap_or_default()
        .iter()
        .map(Value::text)
        .collect();
    Ok(Table {
        sheet,
        headers,
        rows: rows
            .filter(|r| r.iter().any(|v| *v != Value::Empty))
            .collect(),
    })
}

/// RFC 4180 fields: quotes, doubled quotes, separators and line breaks inside.
fn csv_table(text: &str) -> Table {
    let first = text.lines().next().unwrap_or("");
    let sep = [',', ';', '\t']
        .into_iter()
        .max_by_key(|c| first.matches(*c).count())
        .unwrap_or(',');
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            c if c == sep && !quoted => row.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    let mut rows = rows.into_iter();
    let headers = rows.next().unwrap_or_default();
    Table {
        sheet: String::new(),
        headers,
        rows: rows
            .filter(|r| r.iter().any(|v| !v.trim().is_empty()))
            .map(|r| {
                r.into_iter()
                    .map(|v| {
                        // A spreadsheet's guard against formulas («'=…») is not text.
                        let v = v.strip_prefix('\'').map(str::to_owned).unwrap_or(v);
                        if v.trim().is_empty() {
                            Value::Empty
                        } else {
                            Value::Text(v)
                        }
                    })
                    .collect()
            })
            .collect(),
    }
}

/// A column, what it was taken for, and its first value (the preview).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub header: String,
    pub field: Field,
    pub sample: String,
}

/// Each header's field: recognised, or as `overrides` (header → field) say. A
/// field claimed twice keeps its first column; the others are kept as `Other`.
pub fn map_columns(table: &Table, overrides: &[(String, Field)]) -> Vec<Column> {
    let mut taken = Vec::new();
    table
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let by_hand = overrides
                .iter()
                .find(|(name, _)| normalize(name).text == normalize(h).text)
                .map(|(_, f)| *f);
            let mut field = by_hand.unwrap_or_else(|| recognise(h));
            if field != Field::Other && taken.contains(&field) {
                field = Field::Other;
            }
            taken.push(field);
            let sample = table
                .rows
                .iter()
                .map(|r| r.get(i).map(Value::text).unwrap_or_default())
                .find(|s| !s.is_empty())
                .unwrap_or_default();
            Column {
                header: h.clone(),
                field,
                sample,
            }
        })
        .collect()
}

/// A resolution read from one row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowResolution {
    /// The sheet's row (2 is the first under the header).
    pub row: usize,
    pub number: Option<u32>,
    pub text: String,
    pub responsible: Vec<String>,
    pub executor: Option<String>,
    pub approved: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub extensions: u32,
    pub status: Option<Status>,
    pub last_action: String,
    /// Columns no field took: (header, value).
    pub other: Vec<(String, String)>,
}

/// Rows of one meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetMeeting {
    pub body: String,
    /// 0: none in the sheet (the next of the body when saved).
    pub session: u32,
    pub date: NaiveDate,
    pub resolutions: Vec<RowResolution>,
}

/// What a sheet gives: its columns, its meetings, the rows left out and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetPlan {
    pub sheet: String,
    pub columns: Vec<Column>,
    pub meetings: Vec<SheetMeeting>,
    /// (row, why)
    pub skipped: Vec<(usize, String)>,
    /// Values read as something they might not be (an unknown status).
    pub warnings: Vec<String>,
}

/// «؛», «;» or a line break between units. Not «،»: unit names hold it
/// («اداره تعاون، کار و رفاه اجتماعی»).
fn split_units(s: &str) -> Vec<String> {
    s.split(['؛', ';', '\n'])
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
        .collect()
}

/// A status as sheets write it.
pub fn parse_status(s: &str) -> Option<Status> {
    let t = normalize(s).text.to_lowercase();
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(st) = Status::from_name(t) {
        return Some(st);
    }
    let has = |w: &str| t.contains(&normalize(w).text);
    Some(
        if has("لغو") || has("منتفی") || t == "cancelled" || t == "canceled" {
            Status::Cancelled
        } else if has("تمدید") {
            Status::Extended
        } else if has("عدم") || has("انجام نشده") || has("باز") || t == "open" {
            Status::Open
        } else if has("در دست") || has("در حال") || has("جریان") || t.contains("progress")
        {
            Status::InProgress
        } else if has("انجام") || has("اتمام") || has("تکمیل") || t == "done" || t == "completed"
        {
            Status::Done
        } else {
            return None;
        },
    )
}

fn date_of(v: &Value, ctx: &DateContext) -> std::result::Result<Option<NaiveDate>, String> {
    Ok(match v {
        Value::Empty => None,
        Value::Date(d) => Some(*d),
        Value::Number(n) => Some(excel_date(*n).ok_or_else(|| format!("{n} is not a date"))?),
        Value::Text(t) if t.trim().is_empty() => None,
        Value::Text(t) => Some(parse_date(t, ctx).map_err(|e| e.to_string())?.date),
    })
}

/// Groups the rows into meetings. `body`: the body of every row when the sheet
/// has no body column (or an empty cell).
pub fn plan(
    table: &Table,
    columns: &[Column],
    body: Option<&str>,
    today: NaiveDate,
    work: &WorkWeek,
) -> SheetPlan {
    let col = |f: Field| columns.iter().position(|c| c.field == f);
    let (c_body, c_session, c_date, c_text) = (
        col(Field::Body),
        col(Field::Session),
        col(Field::MeetingDate),
        col(Field::Text),
    );
    let mut out = SheetPlan {
        sheet: table.sheet.clone(),
        columns: columns.to_vec(),
        meetings: Vec::new(),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let ctx = DateContext {
        anchor: Some(today),
        deadline: false,
        work,
    };
    let mut index: HashMap<(String, u32, NaiveDate), usize> = HashMap::new();
    for (i, r) in table.rows.iter().enumerate() {
        let row = i + 2;
        let cell = |c: Option<usize>| c.and_then(|c| r.get(c)).cloned().unwrap_or(Value::Empty);
        let text = cell(c_text).text();
        if text.is_empty() {
            out.skipped
                .push((row, "شرح مصوبه ندارد / no resolution text".into()));
            continue;
        }
        let body_name = match cell(c_body).text() {
            b if !b.is_empty() => b,
            _ => match body {
                Some(b) => b.to_owned(),
                None => {
                    out.skipped
                        .push((row, "کارگروه ندارد (--body) / no body: give --body".into()));
                    continue;
                }
            },
        };
        let date = match date_of(&cell(c_date), &ctx) {
            Ok(Some(d)) => d,
            Ok(None) => {
                out.skipped
                    .push((row, "تاریخ جلسه ندارد / no meeting date".into()));
                continue;
            }
            Err(e) => {
                out.skipped
                    .push((row, format!("تاریخ جلسه / meeting date: {e}")));
                continue;
            }
        };
        let session = match cell(c_session).text() {
            s if s.is_empty() => 0,
            s => match crate::text::parse_number(&s) {
                Some(n) if n > 0 && n <= i64::from(u32::MAX) => n as u32,
                _ => {
                    out.skipped
                        .push((row, format!("شماره جلسه / session number: «{s}»")));
                    continue;
                }
            },
        };
        let deadline_ctx = DateContext {
            anchor: Some(date),
            deadline: true,
            work,
        };
        let mut res = RowResolution {
            row,
            number: crate::text::parse_number(&cell(col(Field::Row)).text())
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n > 0),
            text,
            responsible: split_units(&cell(col(Field::Responsible)).text()),
            executor: Some(cell(col(Field::Executor)).text()).filter(|e| !e.is_empty()),
            approved: None,
            deadline: None,
            extensions: crate::text::parse_number(&cell(col(Field::Extensions)).text())
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0),
            status: None,
            last_action: cell(col(Field::LastAction)).text(),
            other: Vec::new(),
        };
        let mut bad_date = None;
        for (f, target) in [
            (Field::Deadline, &mut res.deadline),
            (Field::Approved, &mut res.approved),
        ] {
            match date_of(&cell(col(f)), &deadline_ctx) {
                Ok(d) => *target = d,
                Err(e) => bad_date = Some(format!("{}: {e}", f.name())),
            }
        }
        if res.deadline.is_none() {
            res.deadline = date_of(&cell(col(Field::DeadlineGregorian)), &deadline_ctx)
                .ok()
                .flatten();
        }
        if let Some(e) = bad_date {
            out.skipped.push((row, e));
            continue;
        }
        let status_text = cell(col(Field::Status)).text();
        res.status = parse_status(&status_text);
        if res.status.is_none() && !status_text.is_empty() {
            out.warnings.push(format!(
                "ردیف {row}: وضعیت «{status_text}» شناخته نشد و در یادداشت ماند / row {row}: status «{status_text}» not recognised, kept in the note"
            ));
            res.other.push(("وضعیت".into(), status_text));
        }
        for (c, column) in columns.iter().enumerate() {
            if column.field == Field::Other
                && let Some(v) = r.get(c).map(Value::text).filter(|v| !v.is_empty())
            {
                res.other.push((column.header.clone(), v));
            }
        }
        let key = (normalize(&body_name).text, session, date);
        let m = *index.entry(key).or_insert_with(|| {
            out.meetings.push(SheetMeeting {
                body: body_name.clone(),
                session,
                date,
                resolutions: Vec::new(),
            });
            out.meetings.len() - 1
        });
        out.meetings[m].resolutions.push(res);
    }
    for m in &mut out.meetings {
        m.resolutions
            .sort_by_key(|r| (r.number.unwrap_or(u32::MAX), r.row));
    }
    out
}

/// A meeting made from a sheet: its resolutions, their follow-ups.
pub fn meeting_of(
    m: &SheetMeeting,
    body: Id,
    unit: &mut dyn FnMut(&str) -> Id,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Meeting {
    let mut meeting = Meeting::new(0, body, m.session, m.date, now);
    for r in &m.resolutions {
        let res = meeting
            .add_resolution(r.text.clone())
            .expect("a new meeting is a draft");
        res.responsible = r.responsible.iter().map(|u| unit(u)).collect();
        res.responsible.dedup();
        res.executor = r.executor.as_deref().map(&mut *unit);
        // With an approved deadline apart from the current one, the sheet records
        // an extension: the approved one stays, the extension is a follow-up.
        let extended = r.approved.is_some() && r.approved != r.deadline;
        res.approved_deadline = if r.approved.is_some() {
            r.approved
        } else {
            r.deadline
        };
        if extended {
            let times = r.extensions.max(1);
            res.add_follow_up(FollowUp {
                date: today,
                note: format!(
                    "تمدید مهلت (از جدول پیگیری؛ {} بار)",
                    Digits::Persian.format(times)
                ),
                status: None,
                deadline: r.deadline,
                requested_by: String::new(),
            });
        }
        let mut note = r.last_action.clone();
        if !r.other.is_empty() {
            let other: Vec<String> = r.other.iter().map(|(h, v)| format!("{h}: {v}")).collect();
            if !note.is_empty() {
                note.push_str(" — ");
            }
            note.push_str(&other.join("؛ "));
        }
        let status = r.status.filter(|s| *s != res.status);
        if status.is_some() || !note.is_empty() {
            res.add_follow_up(FollowUp {
                date: today,
                note,
                status,
                deadline: None,
                requested_by: String::new(),
            });
        }
    }
    meeting.notes = format!("از جدول پیگیری وارد شد؛ ردیف‌های {}", rows_of(m));
    meeting
}

fn rows_of(m: &SheetMeeting) -> String {
    m.resolutions
        .iter()
        .map(|r| r.row.to_string())
        .collect::<Vec<_>>()
        .join("، ")
}

/// What saving a plan did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SheetReport {
    /// Meeting ids, one per meeting saved.
    pub meetings: Vec<Id>,
    pub resolutions: usize,
    /// A meeting of the same body and session is already there: its rows were
    /// left out, so nothing is doubled.
    pub existing: Vec<String>,
}

/// Saves each meeting of the plan with the body and units it brings, one
/// transaction a meeting. A meeting whose body and session number are already in
/// the database is left out (reported), so importing a sheet twice doubles
/// nothing.
pub fn save_plan(
    store: &dyn Archive,
    plan: &SheetPlan,
    today: NaiveDate,
    by: &str,
) -> Result<SheetReport> {
    let mut units = super::UnitNames::load(store)?;
    let mut report = SheetReport::default();
    let now = chrono::Utc::now();
    for m in &plan.meetings {
        let mut new = NewRecords::default();
        let body = super::body_or_new(store, &m.body, "", &mut new)?;
        if m.session > 0 && store.meeting_of_session(body.id, m.session)?.is_some() {
            report.existing.push(format!(
                "{} جلسه {} (ردیف‌های {})",
                m.body,
                m.session,
                rows_of(m)
            ));
            continue;
        }
        let mut failure = None;
        let mut unit = |n: &str| -> Id {
            units.id(store, n, &mut new).unwrap_or_else(|e| {
                failure = Some(e);
                0
            })
        };
        let mut meeting = meeting_of(m, body.id, &mut unit, today, now);
        if let Some(e) = failure {
            return Err(e);
        }
        meeting.history.push(crate::model::HistoryEntry {
            at: now,
            by: by.trim().to_owned(),
            event: crate::model::Event::Imported {
                from: plan.sheet.clone(),
            },
        });
        store.save_meeting_with(&mut meeting, &new)?;
        report.resolutions += meeting.resolutions.len();
        report.meetings.push(meeting.id);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_persian_and_english_with_variants() {
        for (h, f) in [
            ("ردیف", Field::Row),
            ("شماره جلسه", Field::Session),
            ("جلسه", Field::Session),
            ("تاریخ جلسه", Field::MeetingDate),
            ("شرح مصوبه", Field::Text),
            ("شرح  مصوبات", Field::Text),
            ("مسئول اجرا", Field::Executor),
            ("مسئول پیگیری", Field::Responsible),
            ("مسوول پیگیری", Field::Responsible),
            ("دستگاه مسئول", Field::Responsible),
            ("مهلت", Field::Deadline),
            ("مهلت اجرا", Field::Deadline),
            ("مهلت (میلادی)", Field::DeadlineGregorian),
            ("مهلت مصوب", Field::Approved),
            ("تمدید", Field::Extensions),
            ("وضعيت", Field::Status),
            ("آخرین اقدام", Field::LastAction),
            ("آخرين پيگيري", Field::LastAction),
            ("کارگروه", Field::Body),
            ("شناسه", Field::Id),
            ("Deadline", Field::Deadline),
            ("Responsible unit", Field::Responsible),
            ("Status", Field::Status),
            ("Last action", Field::LastAction),
            ("Meeting date", Field::MeetingDate),
            ("Resolution", Field::Text),
            ("توضیحات", Field::Other),
        ] {
            assert_eq!(recognise(h), f, "{h}");
        }
    }

    #[test]
    fn statuses_as_sheets_write_them() {
        for (s, want) in [
            ("انجام شده", Some(Status::Done)),
            ("انجام شد", Some(Status::Done)),
            ("در دست اقدام", Some(Status::InProgress)),
            ("در حال انجام", Some(Status::InProgress)),
            ("انجام نشده", Some(Status::Open)),
            ("عدم انجام", Some(Status::Open)),
            ("لغو شده", Some(Status::Cancelled)),
            ("منتفی", Some(Status::Cancelled)),
            ("تمدید شده", Some(Status::Extended)),
            ("done", Some(Status::Done)),
            ("in-progress", Some(Status::InProgress)),
            ("", None),
            ("؟", None),
        ] {
            assert_eq!(parse_status(s), want, "{s}");
        }
    }

    #[test]
    fn csv_fields_with_quotes_separators_and_line_breaks() {
        let t = csv_table(
            "ردیف;شرح مصوبه;مسئول\r\n1;\"متن؛ با \"\"نقل\"\" و ; جداکننده\";اداره\r\n2;\"دو\nسطر\";'=واحد\r\n",
        );
        assert_eq!(t.headers, ["ردیف", "شرح مصوبه", "مسئول"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.rows[0][1],
            Value::Text("متن؛ با \"نقل\" و ; جداکننده".into())
        );
        assert_eq!(t.rows[1][1], Value::Text("دو\nسطر".into()));
        assert_eq!(t.rows[1][2], Value::Text("=واحد".into()));
    }

    #[test]
    fn excel_serials_are_dates() {
        assert_eq!(excel_date(45646.0), NaiveDate::from_ymd_opt(2024, 12, 20));
        assert_eq!(excel_date(0.0), None);
    }
}

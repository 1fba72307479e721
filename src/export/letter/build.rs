//! Letters made from the store: each builder reads what it needs (a meeting, the
//! pending rows, a body's meetings) and the register, and returns drafts.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::texts::fill;
use super::{Block, Draft, LetterDoc, LetterError, Settings, Signatory};
use crate::calendar::Digits;
use crate::export::doc::{
    PendingRow, PersonLine, ResolutionLine, clean, jalali_long, jalali_medium, jalali_numeric,
    pending_with_units,
};
use crate::model::{
    Body, Id, Letter, LetterKind, Meeting, ResolutionKey, Status, Unit, earlier_letters,
};
use crate::store::{Archive, StoreError};

fn fa(n: impl std::fmt::Display) -> String {
    Digits::Persian.format(n)
}

fn person_line(p: &crate::model::Person) -> PersonLine {
    PersonLine {
        name: clean(&p.name),
        post: clean(&p.post),
    }
}

/// The person a directory id names.
fn directory_person(store: &dyn Archive, id: Option<Id>) -> Result<Option<PersonLine>, StoreError> {
    Ok(match id {
        Some(id) => store.person(id)?.map(|p| person_line(&p.person)),
        None => None,
    })
}

/// Who signs, given the chair and the secretary at hand.
fn signer(
    s: &Settings,
    chair: Option<PersonLine>,
    secretary: Option<PersonLine>,
) -> Option<PersonLine> {
    match &s.signatory {
        Signatory::Chair => chair.or(secretary),
        Signatory::Secretary => secretary.or(chair),
        Signatory::Named(p) => Some(p.clone()),
    }
}

/// A new register record for a letter; numbered and given a file by `issue`.
fn record(kind: LetterKind, date: NaiveDate, addressee: &str, s: &Settings) -> Letter {
    Letter {
        id: 0,
        kind,
        number: String::new(),
        sequence: None,
        date,
        unit: None,
        addressee: addressee.to_owned(),
        body: None,
        meeting: None,
        resolutions: Vec::new(),
        reminder: 0,
        follows: None,
        file: String::new(),
        created: now(),
        by: s.user.clone(),
    }
}

fn now() -> DateTime<Utc> {
    Utc::now()
}

fn doc(kind: LetterKind, date: NaiveDate, to: Vec<String>, subject: String) -> LetterDoc {
    LetterDoc {
        kind,
        number: String::new(),
        date,
        attachment: "ندارد".into(),
        to,
        subject,
        blocks: Vec::new(),
        signature: None,
        copies: Vec::new(),
        recipients: Vec::new(),
    }
}

fn unit_of(units: &HashMap<Id, Unit>, id: Id) -> Unit {
    units.get(&id).cloned().unwrap_or_else(|| Unit {
        id,
        ..Unit::named(format!("#{id}"))
    })
}

/// ابلاغ مصوبات: one letter per unit a resolution of `meeting` names
/// (responsible or executor), listing its resolutions of that meeting.
pub fn notify(
    store: &dyn Archive,
    meeting: Id,
    s: &Settings,
    date: NaiveDate,
) -> Result<Vec<Draft>, LetterError> {
    let m = store.meeting(meeting)?.ok_or_else(|| {
        LetterError::Nothing(format!(
            "جلسه‌ای با شناسه {meeting} نیست / no meeting with id {meeting}"
        ))
    })?;
    let body = clean(&store.body(m.body)?.map(|b| b.name).unwrap_or_default());
    let units: HashMap<Id, Unit> = store.units()?.into_iter().map(|u| (u.id, u)).collect();
    let mut order: Vec<Id> = Vec::new();
    for r in m
        .resolutions
        .iter()
        .filter(|r| r.status != Status::Cancelled)
    {
        for u in r.responsible.iter().chain(&r.executor) {
            if !order.contains(u) {
                order.push(*u);
            }
        }
    }
    if order.is_empty() {
        return Err(LetterError::Nothing(format!(
            "هیچ مصوبه جلسه {} مسئولی ندارد؛ ابلاغی نوشته نشد / no resolution of meeting {meeting} names a responsible unit: no letter written",
            fa(m.number)
        )));
    }
    let chair = m.chair.as_ref().map(person_line);
    let secretary = m.secretary.as_ref().map(person_line);
    let signature = signer(s, chair.clone(), secretary);
    let meeting_date = jalali_numeric(m.date, Digits::Persian);
    let opening = fill(
        &s.texts.notify,
        &[
            ("session", &fa(m.number)),
            ("body", &body),
            ("date", &meeting_date),
        ],
    );
    let closing = fill(&s.texts.notify_closing, &[("body", &body)]);
    let mut copies = Vec::new();
    if let Some(c) = chair.filter(|c| Some(c) != signature.as_ref()) {
        copies.push(format!("{}، جهت استحضار", c.display()));
    }
    if !s.follow_up_office.trim().is_empty() {
        copies.push(format!("{}، جهت اطلاع و پیگیری", s.follow_up_office.trim()));
    }
    Ok(order
        .into_iter()
        .map(|uid| {
            let unit = unit_of(&units, uid);
            let to = unit.salutation();
            let mine: Vec<&crate::model::Resolution> = m
                .resolutions
                .iter()
                .filter(|r| r.status != Status::Cancelled && r.involves_unit(uid))
                .collect();
            let mut rows = vec![vec![
                "ردیف".to_owned(),
                "شرح مصوبه".to_owned(),
                "مهلت اجرا".to_owned(),
            ]];
            for r in &mine {
                let mut text = clean(&r.text);
                if r.executor == Some(uid) && !r.responsible.contains(&uid) {
                    text.push_str(" (مسئول اجرا)");
                }
                rows.push(vec![
                    fa(r.number),
                    text,
                    r.approved_deadline
                        .map(jalali_medium)
                        .unwrap_or_else(|| "—".into()),
                ]);
            }
            let mut d = doc(
                LetterKind::Notify,
                date,
                to.clone(),
                format!("ابلاغ مصوبات جلسه شماره {} {body}", fa(m.number)),
            );
            d.blocks = vec![
                Block::Para(opening.clone()),
                Block::Table {
                    widths: vec![950, 6488, 2200],
                    rows,
                },
                Block::Para(closing.clone()),
            ];
            d.signature = signature.clone();
            d.copies = copies.clone();
            let mut rec = record(LetterKind::Notify, date, &to.join(" - "), s);
            rec.unit = Some(uid);
            rec.body = Some(m.body);
            rec.meeting = Some(m.id);
            rec.resolutions = mine
                .iter()
                .map(|r| ResolutionKey {
                    meeting: m.id,
                    key: r.key,
                })
                .collect();
            Draft {
                doc: d,
                record: rec,
            }
        })
        .collect())
}

/// نامه پیگیری: for the open resolutions `keep` leaves, one letter per unit
/// whose name `unit` accepts, overdue first with the days late. A letter that follows earlier ones to the
/// unit about the same resolutions opens «پیرو نامه شماره N مورخ D», and its
/// tone follows how many follow-up letters went before.
pub fn follow_up(
    store: &dyn Archive,
    keep: &dyn Fn(&ResolutionLine) -> bool,
    unit: &dyn Fn(&str) -> bool,
    s: &Settings,
    today: NaiveDate,
    date: NaiveDate,
) -> Result<Vec<Draft>, LetterError> {
    let mut rows = pending_with_units(store, keep)?;
    let units: HashMap<Id, Unit> = store.units()?.into_iter().map(|u| (u.id, u)).collect();
    for r in &mut rows {
        r.units
            .retain(|u| units.get(u).is_some_and(|u| unit(&u.name)));
    }
    // Overdue first (the most days late first), then by deadline; none last.
    rows.sort_by_key(|r| (r.line.deadline.is_none(), r.line.deadline));
    let mut order: Vec<Id> = Vec::new();
    let mut by_unit: HashMap<Id, Vec<&PendingRow>> = HashMap::new();
    for r in &rows {
        for u in &r.units {
            if !by_unit.contains_key(u) {
                order.push(*u);
            }
            by_unit.entry(*u).or_default().push(r);
        }
    }
    if order.is_empty() {
        return Err(LetterError::Nothing(
            "مصوبه بازی با مسئول در این فهرست نیست؛ نامه‌ای نوشته نشد / no open resolution with a responsible unit in the list: no letter written".into(),
        ));
    }
    let bodies: HashMap<Id, Body> = store.bodies()?.into_iter().map(|b| (b.id, b)).collect();
    let register = store.letters()?;
    let mut out = Vec::with_capacity(order.len());
    for uid in order {
        let mine = &by_unit[&uid];
        let keys: Vec<ResolutionKey> = mine
            .iter()
            .map(|r| ResolutionKey {
                meeting: r.line.meeting_id,
                key: r.line.key,
            })
            .collect();
        let (_, earlier) = earlier_letters(&register, uid, &keys, &[LetterKind::FollowUp]);
        let (cite, _) = earlier_letters(
            &register,
            uid,
            &keys,
            &[LetterKind::FollowUp, LetterKind::Notify],
        );
        let body_ids: Vec<Id> = {
            let mut v: Vec<Id> = mine.iter().map(|r| r.body).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let body = match body_ids.as_slice() {
            [one] => bodies.get(one).map(|b| clean(&b.name)).unwrap_or_default(),
            _ => "کارگروه‌های مربوط".into(),
        };
        let main_body = bodies.get(&mine[0].body);
        let chair = directory_person(store, main_body.and_then(|b| b.chair))?;
        let secretary = directory_person(store, main_body.and_then(|b| b.secretary))?;
        let signature = signer(s, chair.clone(), secretary);
        let (opening, closing) = s.texts.reminder(earlier);
        let mut opening = fill(opening, &[("body", &body)]);
        if let Some(c) = cite {
            let date = jalali_numeric(c.date, Digits::Persian);
            let prefix = if c.number.is_empty() {
                format!("پیرو نامه مورخ {date}، ")
            } else {
                format!("پیرو نامه شماره {} مورخ {date}، ", c.number)
            };
            opening.insert_str(0, &prefix);
        }
        let mut table = vec![vec![
            "ردیف".to_owned(),
            "جلسه".to_owned(),
            "شرح مصوبه".to_owned(),
            "مهلت".to_owned(),
            "تأخیر".to_owned(),
        ]];
        for (i, r) in mine.iter().enumerate() {
            let l = &r.line;
            let late = l
                .deadline
                .map(|d| (today - d).num_days())
                .filter(|d| *d > 0)
                .map(|d| format!("{} روز", fa(d)))
                .unwrap_or_else(|| "—".into());
            table.push(vec![
                fa(i + 1),
                format!(
                    "جلسه {} {}، {}، مصوبه {}",
                    fa(l.session),
                    l.body,
                    jalali_numeric(l.date, Digits::Persian),
                    fa(l.number)
                ),
                l.text.clone(),
                date_cell(l.deadline),
                late,
            ]);
        }
        let unit = unit_of(&units, uid);
        let to = unit.salutation();
        let subject = match earlier {
            0 => "پیگیری اجرای مصوبات".to_owned(),
            1 => "پیگیری مجدد اجرای مصوبات".to_owned(),
            n => format!("پیگیری اجرای مصوبات (نوبت {})", fa(n + 1)),
        };
        let mut d = doc(LetterKind::FollowUp, date, to.clone(), subject);
        d.blocks = vec![
            Block::Para(opening),
            Block::Table {
                widths: vec![950, 2200, 3388, 1800, 1300],
                rows: table,
            },
            Block::Para(fill(closing, &[("body", &body)])),
        ];
        d.signature = signature.clone();
        if earlier >= 1
            && let Some(c) = chair.filter(|c| Some(c) != signature.as_ref())
        {
            d.copies.push(format!("{}، جهت استحضار", c.display()));
        }
        if !s.follow_up_office.trim().is_empty() {
            d.copies
                .push(format!("{}، جهت اطلاع و پیگیری", s.follow_up_office.trim()));
        }
        let mut rec = record(LetterKind::FollowUp, date, &to.join(" - "), s);
        rec.unit = Some(uid);
        rec.body = (body_ids.len() == 1).then(|| body_ids[0]);
        rec.resolutions = keys;
        rec.reminder = earlier as u32 + 1;
        rec.follows = cite.map(|c| c.id);
        out.push(Draft {
            doc: d,
            record: rec,
        });
    }
    Ok(out)
}

/// A body and its name, cleaned for print.
fn body_of(store: &dyn Archive, id: Id) -> Result<(Body, String), StoreError> {
    let b = store
        .body(id)?
        .ok_or(StoreError::NotFound { kind: "body", id })?;
    let name = clean(&b.name);
    Ok((b, name))
}

/// The next meeting an invitation announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// The body's usual place when empty.
    pub place: String,
    pub agenda: Vec<String>,
}

/// دعوتنامه: one letter to the members of `body` with a distribution list
/// (گیرندگان), the agenda, and «گزارش پیگیری مصوبات جلسات قبل» with the open
/// resolutions of the body's earlier meetings.
pub fn invitation(
    store: &dyn Archive,
    body: Id,
    inv: &Invitation,
    s: &Settings,
    today: NaiveDate,
    date: NaiveDate,
) -> Result<Draft, LetterError> {
    let (b, name) = body_of(store, body)?;
    let session = store.next_session_number(body)?;
    let place = if inv.place.trim().is_empty() {
        clean(&b.place)
    } else {
        clean(&inv.place)
    };
    let time = inv
        .time
        .map(|t| Digits::Persian.apply(&t.format("%H:%M").to_string()))
        .unwrap_or_else(|| "…".into());
    let mut members = Vec::new();
    for id in &b.members {
        if let Some(p) = directory_person(store, Some(*id))? {
            members.push(p.display());
        }
    }
    let chair = directory_person(store, b.chair)?;
    let secretary = directory_person(store, b.secretary)?;
    let mut d = doc(
        LetterKind::Invitation,
        date,
        vec![format!("اعضای محترم {name}")],
        format!("دعوت به جلسه شماره {} {name}", fa(session)),
    );
    d.blocks.push(Block::Para(fill(
        &s.texts.invitation,
        &[
            ("session", &fa(session)),
            ("body", &name),
            ("date", &jalali_long(inv.date)),
            ("time", &time),
            ("place", if place.is_empty() { "…" } else { &place }),
        ],
    )));
    let report = crate::export::report::previous_resolutions(store, body, today, None)?;
    let open: Vec<_> = report.lines.iter().filter(|l| l.status.is_open()).collect();
    let mut agenda: Vec<String> = inv.agenda.iter().map(|a| clean(a)).collect();
    agenda.push(format!(
        "{} ({} مصوبه باز)",
        crate::export::report::TITLE,
        fa(open.len())
    ));
    for (i, a) in agenda.iter().enumerate() {
        d.blocks.push(Block::Para(format!("{}- {a}", fa(i + 1))));
    }
    if !open.is_empty() {
        d.blocks
            .push(Block::Heading(crate::export::report::TITLE.to_owned()));
        let mut rows = vec![vec![
            "جلسه".to_owned(),
            "ردیف".to_owned(),
            "شرح مصوبه".to_owned(),
            "مهلت".to_owned(),
            "وضعیت".to_owned(),
        ]];
        for l in &open {
            rows.push(vec![
                fa(l.session),
                fa(l.number),
                clean(&l.text),
                date_cell(l.deadline),
                status_cell(l.status, l.deadline, today),
            ]);
        }
        d.blocks.push(Block::Table {
            widths: vec![1000, 950, 4088, 1800, 1800],
            rows,
        });
    }
    d.blocks.push(Block::Para(fill(
        &s.texts.invitation_closing,
        &[("body", &name)],
    )));
    d.signature = signer(s, chair, secretary);
    d.recipients = members;
    let mut rec = record(LetterKind::Invitation, date, &d.to[0], s);
    rec.body = Some(body);
    Ok(Draft {
        doc: d,
        record: rec,
    })
}

/// A deadline in a table: «۱۴۰۳/۰۹/۳۰», or «—» without one.
fn date_cell(d: Option<NaiveDate>) -> String {
    d.map(|d| jalali_numeric(d, Digits::Persian))
        .unwrap_or_else(|| "—".into())
}

fn status_cell(status: Status, deadline: Option<NaiveDate>, today: NaiveDate) -> String {
    if status.is_open() && deadline.is_some_and(|d| d < today) {
        format!("{} (معوق)", status.persian())
    } else {
        status.persian().to_owned()
    }
}

/// گزارش وضعیت مصوبات: the resolutions of `body`'s meetings from `from` to `to`,
/// with a summary per responsible unit (counts and completion rate) and each
/// unit's resolutions with their status, addressed to the body's chair.
pub fn report(
    store: &dyn Archive,
    body: Id,
    (from, to): (NaiveDate, NaiveDate),
    s: &Settings,
    today: NaiveDate,
    date: NaiveDate,
) -> Result<Draft, LetterError> {
    let (b, name) = body_of(store, body)?;
    let mut meetings: Vec<Meeting> = Vec::new();
    for id in store.meeting_ids_of_body(body)? {
        if let Some(m) = store.meeting(id)?
            && m.date >= from
            && m.date <= to
        {
            meetings.push(m);
        }
    }
    meetings.sort_by_key(|m| (m.date, m.number));
    if meetings.iter().all(|m| m.resolutions.is_empty()) {
        return Err(LetterError::Nothing(format!(
            "{name} از {} تا {} مصوبه‌ای ندارد / the body has no resolution in that period",
            jalali_numeric(from, Digits::Persian),
            jalali_numeric(to, Digits::Persian)
        )));
    }
    let units: HashMap<Id, Unit> = store.units()?.into_iter().map(|u| (u.id, u)).collect();
    let unit_name = |id: Id| {
        if id == 0 {
            "بدون مسئول".to_owned()
        } else {
            clean(&unit_of(&units, id).name)
        }
    };
    let stats = crate::model::stats::stats(&meetings, today);
    let chair = directory_person(store, b.chair)?;
    let secretary = directory_person(store, b.secretary)?;
    let mut d = doc(
        LetterKind::Report,
        date,
        chair
            .iter()
            .map(|c| c.name.clone())
            .chain([format!("ریاست محترم {name}")])
            .collect(),
        format!("گزارش وضعیت مصوبات {name}"),
    );
    let (f, t) = (
        jalali_numeric(from, Digits::Persian),
        jalali_numeric(to, Digits::Persian),
    );
    d.blocks.push(Block::Para(fill(
        &s.texts.report,
        &[("body", &name), ("from", &f), ("to", &t)],
    )));
    let mut summary = vec![
        [
            "دستگاه مسئول",
            "کل",
            "انجام شده",
            "باز",
            "معوق",
            "لغو شده",
            "درصد تحقق",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    let (mut done, mut open, mut overdue, mut cancelled) = (0, 0, 0, 0);
    for u in &stats.units {
        done += u.done;
        open += u.open;
        overdue += u.overdue;
        cancelled += u.cancelled;
        summary.push(vec![
            unit_name(u.unit),
            fa(u.total()),
            fa(u.done),
            fa(u.open),
            fa(u.overdue),
            fa(u.cancelled),
            u.completion_rate()
                .map(|r| format!("{}٪", fa(r)))
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    let total = done + open + overdue;
    summary.push(vec![
        "جمع".into(),
        fa(total),
        fa(done),
        fa(open),
        fa(overdue),
        fa(cancelled),
        (done * 100)
            .checked_div(total)
            .map(|r| format!("{}٪", fa(r)))
            .unwrap_or_else(|| "—".into()),
    ]);
    d.blocks.push(Block::Table {
        widths: vec![2438, 900, 1300, 900, 1000, 1300, 1800],
        rows: summary,
    });
    for u in &stats.units {
        d.blocks.push(Block::Heading(unit_name(u.unit)));
        let mut rows = vec![
            ["جلسه", "ردیف", "شرح مصوبه", "مهلت", "وضعیت"]
                .map(str::to_owned)
                .to_vec(),
        ];
        for m in &meetings {
            for r in &m.resolutions {
                let mine = if u.unit == 0 {
                    r.responsible.is_empty()
                } else {
                    r.responsible.contains(&u.unit)
                };
                if mine {
                    rows.push(vec![
                        format!(
                            "{} ({})",
                            fa(m.number),
                            jalali_numeric(m.date, Digits::Persian)
                        ),
                        fa(r.number),
                        clean(&r.text),
                        date_cell(r.deadline()),
                        status_cell(r.status, r.deadline(), today),
                    ]);
                }
            }
        }
        d.blocks.push(Block::Table {
            widths: vec![1700, 950, 3388, 1800, 1800],
            rows,
        });
    }
    d.blocks.push(Block::Para(fill(
        &s.texts.report_closing,
        &[("body", &name)],
    )));
    d.signature = signer(s, None, secretary.or(chair));
    let mut rec = record(LetterKind::Report, date, &d.to.join(" - "), s);
    rec.body = Some(body);
    Ok(Draft {
        doc: d,
        record: rec,
    })
}

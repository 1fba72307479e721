//! Minutes as plain text: what `dabir show` prints and what a secretary pastes
//! into a messenger. No tables: numbered lines, Persian digits, dates in the long
//! Jalali form.

use std::fmt::Write;

use super::doc::{MinutesDoc, jalali_long};
use crate::calendar::Digits;

fn fa(n: impl std::fmt::Display) -> String {
    Digits::Persian.format(n)
}

pub fn minutes_text(d: &MinutesDoc) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(s, "صورتجلسه");
    let _ = writeln!(s, "{}", d.body);
    let _ = writeln!(s, "شماره جلسه: {}", fa(d.number));
    let mut when = format!("تاریخ: {}", jalali_long(d.date));
    if !d.time_range().is_empty() {
        let _ = write!(when, "      ساعت: {}", d.time_range());
    }
    if !d.place.is_empty() {
        let _ = write!(when, "      مکان: {}", d.place);
    }
    let _ = writeln!(s, "{when}");
    if let Some(c) = &d.chair {
        let _ = writeln!(s, "رئیس جلسه: {}", c.display());
    }
    if let Some(c) = &d.secretary {
        let _ = writeln!(s, "دبیر جلسه: {}", c.display());
    }
    for (title, people) in [
        ("حاضرین", &d.present),
        ("غایبین", &d.absent),
        ("مدعوین", &d.guests),
    ] {
        if !people.is_empty() {
            let _ = writeln!(s, "\n{title}:");
            for p in people {
                let _ = writeln!(s, "- {}", p.display());
            }
        }
    }
    if !d.agenda.is_empty() {
        let _ = writeln!(s, "\nدستور جلسه:");
        for (i, a) in d.agenda.iter().enumerate() {
            let _ = writeln!(s, "{}- {}", fa(i + 1), a);
        }
    }
    if !d.discussion.is_empty() {
        let _ = writeln!(s, "\nخلاصه مذاکرات:");
        for (speaker, text) in &d.discussion {
            let _ = writeln!(s, "{speaker}: {text}");
        }
    }
    if !d.resolutions.is_empty() {
        let _ = writeln!(s, "\nمصوبات:");
        for r in &d.resolutions {
            let _ = writeln!(s, "{}- {}", fa(r.number), r.text);
            let mut line = String::new();
            if !r.responsible.is_empty() {
                let _ = write!(line, "مسئول پیگیری: {}", r.responsible.join("؛ "));
            }
            if let Some(e) = &r.executor {
                let _ = write!(line, "      مسئول اجرا: {e}");
            }
            let _ = write!(line, "      مهلت اجرا: {}", r.approved_long());
            if !line.is_empty() {
                let _ = writeln!(s, "{}", line.trim_start());
            }
        }
    }
    if let Some(n) = &d.next_meeting {
        let _ = writeln!(s, "\nزمان جلسه بعد: {n}");
    }
    if !d.notes.trim().is_empty() {
        let _ = writeln!(s, "\nیادداشت‌ها:\n{}", d.notes.trim_end());
    }
    for r in &d.reopenings {
        let _ = writeln!(s, "\nیادداشت: {r}");
    }
    s
}

//! Open resolutions' deadlines as all-day calendar events (RFC 5545). Each
//! resolution keeps a fixed UID (meeting id and resolution key), so exporting
//! again updates events rather than duplicating them.

use chrono::{Days, Utc};

use super::doc::ResolutionLine;
use crate::calendar::Digits;

/// Escapes TEXT values: backslash, semicolon, comma, newline.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

pub fn resolutions_ics(rows: &[ResolutionLine]) -> Vec<u8> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut s = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//dabir//minutes//FA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        s.push_str(&fold(l));
    }
    for r in rows.iter().filter(|r| r.status.is_open()) {
        let Some(d) = r.deadline else { continue };
        let end = d + Days::new(1);
        let summary = format!(
            "مصوبه {} جلسه {} {}: {}",
            Digits::Persian.format(r.number),
            Digits::Persian.format(r.session),
            r.body,
            r.text.lines().next().unwrap_or("")
        );
        let mut description = format!("{}\nمسئول پیگیری: {}", r.text, r.responsible.join("؛ "));
        if let Some(e) = &r.executor {
            description.push_str(&format!("\nمسئول اجرا: {e}"));
        }
        if r.extensions > 0 {
            description.push_str(&format!(
                "\nمهلت مصوب: {} ({} بار تمدید)",
                r.approved_jalali(Digits::Persian),
                Digits::Persian.format(r.extensions)
            ));
        }
        s.push_str(&fold("BEGIN:VEVENT"));
        s.push_str(&fold(&format!(
            "UID:dabir-{}-{}@dabir",
            r.meeting_id, r.key
        )));
        s.push_str(&fold(&format!("DTSTAMP:{stamp}")));
        s.push_str(&fold(&format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d"))));
        s.push_str(&fold(&format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d"))));
        s.push_str(&fold(&format!("SUMMARY:{}", text(&summary))));
        s.push_str(&fold(&format!("DESCRIPTION:{}", text(&description))));
        s.push_str(&fold("TRANSP:TRANSPARENT"));
        s.push_str(&fold("END:VEVENT"));
    }
    s.push_str(&fold("END:VCALENDAR"));
    s.into_bytes()
}

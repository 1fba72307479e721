//! Minutes as plain text, in logical order: what `dabir show` prints and what a
//! secretary pastes into a messenger. Numbers in Persian digits, dates in Jalali.

use std::collections::HashMap;
use std::fmt::Write;

use crate::calendar::{Digits, JalaliDate};
use crate::model::{Id, Meeting, Presence};

fn date_long(d: chrono::NaiveDate) -> String {
    JalaliDate::from_gregorian(d)
        .map(|j| j.long(Digits::Persian))
        .unwrap_or_else(|_| d.format("%Y-%m-%d").to_string())
}

fn fa(n: impl std::fmt::Display) -> String {
    Digits::Persian.apply(&n.to_string())
}

pub fn meeting_text(m: &Meeting, body: &str, units: &HashMap<Id, String>) -> String {
    let mut s = String::new();
    let unit = |id: &Id| units.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
    // Writing to a String cannot fail.
    let _ = writeln!(s, "صورتجلسه");
    let _ = writeln!(s, "{body}");
    let _ = writeln!(s, "شماره جلسه: {}", fa(m.number));
    let mut when = format!("تاریخ: {}", date_long(m.date));
    if let Some(start) = m.start {
        let _ = write!(when, "      ساعت: {}", fa(start.format("%H:%M")));
        if let Some(end) = m.end {
            let _ = write!(when, " تا {}", fa(end.format("%H:%M")));
        }
    }
    if !m.place.is_empty() {
        let _ = write!(when, "      مکان: {}", m.place);
    }
    let _ = writeln!(s, "{when}");
    if let Some(chair) = &m.chair {
        let _ = writeln!(s, "رئیس جلسه: {}", chair.display());
    }
    if let Some(secretary) = &m.secretary {
        let _ = writeln!(s, "دبیر جلسه: {}", secretary.display());
    }
    let _ = writeln!(s, "وضعیت: {}", m.state.persian());

    for (presence, title) in [
        (Presence::Present, "حاضرین"),
        (Presence::Absent, "غایبین"),
        (Presence::Guest, "مدعوین"),
    ] {
        let people: Vec<_> = m
            .attendees
            .iter()
            .filter(|a| a.presence == presence)
            .collect();
        if !people.is_empty() {
            let _ = writeln!(s, "\n{title}:");
            for a in people {
                let _ = writeln!(s, "- {}", a.person.display());
            }
        }
    }

    if !m.agenda.is_empty() {
        let _ = writeln!(s, "\nدستور جلسه:");
        for (i, a) in m.agenda.iter().enumerate() {
            let _ = writeln!(s, "{}- {}", fa(i + 1), a.text);
        }
    }
    if !m.discussion.is_empty() {
        let _ = writeln!(s, "\nخلاصه مذاکرات:");
        for d in &m.discussion {
            let _ = writeln!(s, "{}: {}", d.speaker, d.text);
        }
    }
    if !m.resolutions.is_empty() {
        let _ = writeln!(s, "\nمصوبات:");
        for r in &m.resolutions {
            let _ = writeln!(s, "{}- {}", fa(r.number), r.text);
            let mut line = String::new();
            if !r.responsible.is_empty() {
                let names: Vec<_> = r.responsible.iter().map(unit).collect();
                let _ = write!(line, "مسئول پیگیری: {}", names.join("؛ "));
            }
            if let Some(e) = &r.executor {
                let _ = write!(line, "      مسئول اجرا: {}", unit(e));
            }
            if let Some(d) = r.deadline {
                let _ = write!(line, "      مهلت اجرا: {}", date_long(d));
            }
            let _ = write!(line, "      وضعیت: {}", r.status.persian());
            let _ = writeln!(s, "{}", line.trim_start());
            for f in &r.follow_ups {
                let mut fl = format!("  پیگیری {}: {}", date_long(f.date), f.note);
                if let Some(st) = f.status {
                    let _ = write!(fl, " [{}]", st.persian());
                }
                if let Some(d) = f.deadline {
                    let _ = write!(fl, " [تمدید مهلت تا {}]", date_long(d));
                }
                let _ = writeln!(s, "{fl}");
            }
        }
    }
    if let Some(next) = m.next_meeting {
        let mut line = format!("\nزمان جلسه بعد: {}", date_long(next.date));
        if let Some(t) = next.time {
            let _ = write!(line, " ساعت {}", fa(t.format("%H:%M")));
        }
        let _ = writeln!(s, "{line}");
    }
    if !m.notes.trim().is_empty() {
        let _ = writeln!(s, "\nیادداشت‌ها:\n{}", m.notes.trim_end());
    }
    s
}

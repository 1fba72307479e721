//! Minutes as Markdown, with tables for the header and the resolutions.

use std::fmt::Write;

use super::doc::{MinutesDoc, jalali_long};
use crate::calendar::Digits;

/// Escapes what Markdown would read as markup or as a table cell boundary.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

pub fn minutes_markdown(d: &MinutesDoc) -> String {
    let fa = |n: u32| Digits::Persian.format(n);
    let mut s = String::new();
    let _ = writeln!(s, "# صورتجلسه {}\n", md(&d.body));
    let _ = writeln!(s, "| شماره جلسه | تاریخ | ساعت | مکان |\n|---|---|---|---|");
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} |\n",
        fa(d.number),
        jalali_long(d.date),
        d.time_range(),
        md(&d.place)
    );
    if let Some(c) = &d.chair {
        let _ = writeln!(s, "**رئیس جلسه:** {}  ", md(&c.display()));
    }
    if let Some(c) = &d.secretary {
        let _ = writeln!(s, "**دبیر جلسه:** {}\n", md(&c.display()));
    }
    for (title, people) in [
        ("حاضرین", &d.present),
        ("غایبین", &d.absent),
        ("مدعوین", &d.guests),
    ] {
        if !people.is_empty() {
            let _ = writeln!(s, "## {title}\n");
            for p in people {
                let _ = writeln!(s, "- {}", md(&p.display()));
            }
            s.push('\n');
        }
    }
    if !d.agenda.is_empty() {
        let _ = writeln!(s, "## دستور جلسه\n");
        for (i, a) in d.agenda.iter().enumerate() {
            let _ = writeln!(s, "{}. {}", i + 1, md(a));
        }
        s.push('\n');
    }
    if !d.discussion.is_empty() {
        let _ = writeln!(s, "## خلاصه مذاکرات\n");
        for (speaker, text) in &d.discussion {
            let _ = writeln!(s, "**{}:** {}\n", md(speaker), md(text));
        }
    }
    if !d.resolutions.is_empty() {
        let _ = writeln!(
            s,
            "## مصوبات\n\n| ردیف | شرح مصوبه | مسئول پیگیری | مهلت اجرا |\n|---|---|---|---|"
        );
        for r in &d.resolutions {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                fa(r.number),
                md(&r.text),
                md(&r.units_cell()),
                r.approved_long()
            );
        }
        s.push('\n');
    }
    if let Some(n) = &d.next_meeting {
        let _ = writeln!(s, "**زمان جلسه بعد:** {n}\n");
    }
    if !d.notes.trim().is_empty() {
        let _ = writeln!(s, "## یادداشت‌ها\n\n{}\n", md(d.notes.trim()));
    }
    for r in &d.reopenings {
        let _ = writeln!(s, "> **یادداشت:** {}\n", md(r));
    }
    s
}

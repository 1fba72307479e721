//! Minutes as one self-contained HTML file, right to left, with print CSS for A4:
//! the route to PDF through any browser's print.

use std::fmt::Write;

use super::doc::{MinutesDoc, jalali_long};
use super::official::Official;
use crate::calendar::Digits;

/// Escapes text for HTML content and attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4; margin: 2cm 2cm 2.5cm 2cm; @bottom-center { content: "صفحه " counter(page, persian) " از " counter(pages, persian); font-family: "B Nazanin", Vazirmatn, Tahoma, sans-serif; font-size: 11pt; } }
.official { border: none; margin-bottom: 1em; }
.official td { border: none; vertical-align: top; }
.official .org { width: 40%; text-align: center; font-weight: bold; }
.official .org img { max-height: 1.8cm; display: block; margin: 0 auto .2em; }
.official .basmala { width: 20%; text-align: center; font-weight: bold; }
.official .block { width: 40%; }
.sign td { height: 1.2cm; }
.officers td { height: 2.4cm; width: 50%; text-align: center; vertical-align: top; }
body { font-family: "B Nazanin", Vazirmatn, Tahoma, sans-serif; font-size: 13pt; line-height: 1.7; margin: 0 auto; max-width: 18cm; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 .5em; }
h2 { font-size: 13.5pt; margin: 1em 0 .3em; border-bottom: 1px solid #888; }
table { width: 100%; border-collapse: collapse; margin: .3em 0; }
th, td { border: 1px solid #444; padding: .2em .4em; vertical-align: top; text-align: right; }
th { background: #eee; }
ol { list-style-type: persian; }
thead { display: table-header-group; }
thead tr { break-after: avoid; page-break-after: avoid; }
.resolutions td:nth-child(1) { width: 2.5em; text-align: center; }
.resolutions td:nth-child(2) { width: 50%; }
.resolutions td:nth-child(4) { width: 7.5em; }
.sign { page-break-inside: avoid; break-inside: avoid; }
.signatures { page-break-before: auto; break-inside: avoid; }
@media print { h2 { page-break-after: avoid; break-after: avoid; } tr { page-break-inside: avoid; break-inside: avoid; } }
"#;

/// The official header: logo and organisation lines, «بسمه تعالی», and the
/// block of `(label, value)` lines (شماره، تاریخ، پیوست; an empty value is
/// a dotted blank to fill by hand).
pub fn official_header(official: &Official, block: &[(&str, String)]) -> String {
    let mut s = String::from("<table class=\"official\"><tr><td class=\"org\">");
    if let Some(logo) = &official.logo {
        let _ = write!(s, "<img src=\"{}\" alt=\"\">", logo.data_uri());
    }
    let lines: Vec<String> = official.lines.iter().map(|l| esc(l)).collect();
    s.push_str(&lines.join("<br>"));
    s.push_str("</td><td class=\"basmala\">بسمه تعالی</td><td class=\"block\">");
    for (label, value) in block {
        let value = if value.is_empty() {
            "................".to_owned()
        } else {
            esc(value)
        };
        let _ = write!(s, "<b>{label}:</b> {value}<br>");
    }
    s.push_str("</td></tr></table>\n");
    s
}

pub fn minutes_html(d: &MinutesDoc, official: &Official) -> String {
    let fa = |n: usize| Digits::Persian.format(n);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n<title>صورتجلسه {} - جلسه {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&d.body),
        fa(d.number as usize)
    );
    if official.is_set() {
        s.push_str(&official_header(
            official,
            &[
                ("تاریخ", super::doc::jalali_numeric(d.date, Digits::Persian)),
                ("جلسه", fa(d.number as usize)),
                ("پیوست", "ندارد".into()),
            ],
        ));
    }
    let _ = writeln!(s, "<h1>صورتجلسه<br>{}</h1>", esc(&d.body));
    let _ = writeln!(
        s,
        "<table class=\"header\"><tr><th>شماره جلسه</th><th>تاریخ</th><th>ساعت</th><th>مکان</th></tr>\n<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></table>",
        fa(d.number as usize),
        jalali_long(d.date),
        d.time_range(),
        esc(&d.place)
    );
    if let Some(c) = &d.chair {
        let _ = writeln!(s, "<p><b>رئیس جلسه:</b> {}</p>", esc(&c.display()));
    }
    if let Some(c) = &d.secretary {
        let _ = writeln!(s, "<p><b>دبیر جلسه:</b> {}</p>", esc(&c.display()));
    }
    for (title, people) in [
        ("حاضرین", &d.present),
        ("غایبین", &d.absent),
        ("مدعوین", &d.guests),
    ] {
        if !people.is_empty() {
            let _ = writeln!(s, "<h2>{title}</h2>\n<ul>");
            for p in people {
                let _ = writeln!(s, "<li>{}</li>", esc(&p.display()));
            }
            s.push_str("</ul>\n");
        }
    }
    if !d.agenda.is_empty() {
        s.push_str("<h2>دستور جلسه</h2>\n<ol>\n");
        for a in &d.agenda {
            let _ = writeln!(s, "<li>{}</li>", esc(a));
        }
        s.push_str("</ol>\n");
    }
    if !d.discussion.is_empty() {
        s.push_str("<h2>خلاصه مذاکرات</h2>\n");
        for (speaker, text) in &d.discussion {
            let _ = writeln!(s, "<p><b>{}:</b> {}</p>", esc(speaker), esc(text));
        }
    }
    if !d.resolutions.is_empty() {
        s.push_str("<h2>مصوبات</h2>\n<table class=\"resolutions\"><thead><tr><th>ردیف</th><th>شرح مصوبه</th><th>مسئول پیگیری</th><th>مهلت اجرا</th></tr></thead>\n<tbody>\n");
        for r in &d.resolutions {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                fa(r.number as usize),
                esc(&r.text),
                esc(&r.units_cell()),
                r.approved_long()
            );
        }
        s.push_str("</tbody></table>\n");
    }
    if let Some(n) = &d.next_meeting {
        let _ = writeln!(s, "<p><b>زمان جلسه بعد:</b> {}</p>", esc(n));
    }
    if !d.notes.trim().is_empty() {
        let _ = writeln!(s, "<h2>یادداشت‌ها</h2>\n<p>{}</p>", esc(d.notes.trim()));
    }
    for r in &d.reopenings {
        let _ = writeln!(s, "<p class=\"reopened\"><b>یادداشت:</b> {}</p>", esc(r));
    }
    let officers: Vec<String> = [("رئیس جلسه", &d.chair), ("دبیر جلسه", &d.secretary)]
        .into_iter()
        .filter_map(|(title, p)| {
            p.as_ref().map(|p| {
                format!(
                    "<td><b>{title}:</b> {}<br><small>امضاء</small></td>",
                    esc(&p.name)
                )
            })
        })
        .collect();
    let members: Vec<&super::doc::PersonLine> = d
        .present
        .iter()
        .filter(|p| {
            ![&d.chair, &d.secretary]
                .into_iter()
                .flatten()
                .any(|o| o.name == p.name)
        })
        .collect();
    if !officers.is_empty() || !members.is_empty() {
        s.push_str("<div class=\"signatures\"><h2>امضاء حاضرین</h2>\n");
        if !officers.is_empty() {
            let _ = writeln!(
                s,
                "<table class=\"officers\"><tr>{}</tr></table>",
                officers.concat()
            );
        }
    }
    if !members.is_empty() {
        s.push_str("<table class=\"sign\"><thead><tr><th>نام</th><th>سمت</th><th>امضاء</th></tr></thead>\n<tbody>\n");
        for p in &members {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td></td></tr>",
                esc(&p.name),
                esc(&p.post)
            );
        }
        s.push_str("</tbody></table>\n");
    }
    if !officers.is_empty() || !members.is_empty() {
        s.push_str("</div>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

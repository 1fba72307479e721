//! Letters as one printable HTML file, a page break between letters.

use std::fmt::Write;

use super::{Block, LetterDoc, Settings};
use crate::export::html::{esc, official_header};

const STYLE: &str = r#"
@page { size: A4; margin: 2cm 2cm 2.5cm 2cm; @bottom-center { content: "صفحه " counter(page, persian) " از " counter(pages, persian); font-family: "B Nazanin", Vazirmatn, Tahoma, sans-serif; font-size: 11pt; } }
body { font-family: "B Nazanin", Vazirmatn, Tahoma, sans-serif; font-size: 13pt; line-height: 1.8; margin: 0 auto; max-width: 18cm; }
.letter + .letter { break-before: page; page-break-before: always; }
.official { width: 100%; border-collapse: collapse; margin-bottom: 1.2em; }
.official td { border: none; vertical-align: top; padding: 0; }
.official .org { width: 40%; text-align: center; font-weight: bold; }
.official .org img { max-height: 1.8cm; display: block; margin: 0 auto .2em; }
.official .basmala { width: 20%; text-align: center; font-weight: bold; }
.official .block { width: 40%; }
.to { font-weight: bold; margin: 0; }
.subject { font-weight: bold; margin: .6em 0; }
table.grid { width: 100%; border-collapse: collapse; margin: .4em 0; table-layout: fixed; }
.grid th, .grid td { border: 1px solid #444; padding: .2em .4em; vertical-align: top; text-align: right; }
.grid th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
h2 { font-size: 13.5pt; margin: 1em 0 .3em; break-after: avoid; page-break-after: avoid; }
.sign { margin: 1.5em 0 0 0; margin-inline-start: auto; width: 40%; text-align: center; min-height: 2.4cm; break-inside: avoid; page-break-inside: avoid; }
.closing { break-after: avoid; page-break-after: avoid; }
.copies { font-size: 11pt; margin-top: 1em; }
.copies ul { margin: 0; }
"#;

fn letter(s: &mut String, d: &LetterDoc, set: &Settings) {
    s.push_str("<section class=\"letter\">\n");
    s.push_str(&official_header(&set.official, &d.header_block()));
    for l in &d.to {
        let _ = writeln!(s, "<p class=\"to\">{}</p>", esc(l));
    }
    let _ = writeln!(s, "<p class=\"subject\">موضوع: {}</p>", esc(&d.subject));
    s.push_str("<p>با سلام و احترام،</p>\n");
    let last = d.blocks.len().saturating_sub(1);
    for (i, b) in d.blocks.iter().enumerate() {
        match b {
            Block::Para(t) if i == last => {
                let _ = writeln!(s, "<p class=\"closing\">{}</p>", esc(t));
            }
            Block::Para(t) => {
                let _ = writeln!(s, "<p>{}</p>", esc(t));
            }
            Block::Heading(t) => {
                let _ = writeln!(s, "<h2>{}</h2>", esc(t));
            }
            Block::Table { widths, rows } => {
                // The Word file's column widths, as shares of the page.
                let total: u32 = widths.iter().sum::<u32>().max(1);
                s.push_str("<table class=\"grid\"><colgroup>");
                for w in widths {
                    let _ = write!(
                        s,
                        "<col style=\"width: {:.1}%\">",
                        f64::from(*w) * 100.0 / f64::from(total)
                    );
                }
                s.push_str("</colgroup>");
                for (ri, r) in rows.iter().enumerate() {
                    let tag = if ri == 0 { "th" } else { "td" };
                    if ri == 0 {
                        s.push_str("<thead>");
                    } else if ri == 1 {
                        s.push_str("<tbody>");
                    }
                    s.push_str("<tr>");
                    for c in r {
                        let _ = write!(s, "<{tag}>{}</{tag}>", esc(c));
                    }
                    s.push_str("</tr>");
                    if ri == 0 {
                        s.push_str("</thead>");
                    }
                }
                s.push_str("</tbody></table>\n");
            }
        }
    }
    if let Some(p) = &d.signature {
        let _ = write!(s, "<div class=\"sign\"><b>{}</b>", esc(&p.name));
        if !p.post.is_empty() {
            let _ = write!(s, "<br>{}", esc(&p.post));
        }
        s.push_str("</div>\n");
    }
    for (title, lines) in [("گیرندگان:", &d.recipients), ("رونوشت:", &d.copies)] {
        if !lines.is_empty() {
            let _ = write!(s, "<div class=\"copies\"><b>{title}</b><ul>");
            for l in lines {
                let _ = write!(s, "<li>{}</li>", esc(l));
            }
            s.push_str("</ul></div>\n");
        }
    }
    s.push_str("</section>\n");
}

/// One HTML file holding `letters`, each starting a new printed page.
pub fn letters_html(letters: &[LetterDoc], set: &Settings) -> String {
    let title = letters.first().map(|d| d.subject.as_str()).unwrap_or("");
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(title)
    );
    for d in letters {
        letter(&mut s, d, set);
    }
    s.push_str("</body>\n</html>\n");
    s
}

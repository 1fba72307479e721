//! Minutes as a Word document (DOCX), written by the OOXML writer of
//! `ooxml`: the official header when the organisation is configured, the
//! meeting's facts, the resolutions' table, and a signature block whose rows
//! are tall enough to sign (1.2 cm), kept together and with the last
//! resolutions, the chair and the secretary in cells of their own.

use super::doc::{MinutesDoc, jalali_long};
use super::official::Official;
use super::ooxml::{BODY, BOLD, Cell, HEADING, PageCount, Para, TITLE, TableStyle, Writer};
use crate::calendar::Digits;

pub use super::ooxml::xml;

/// The Persian font Word offices have; Vazirmatn or Tahoma where it is missing
/// (the font table names them as its fallbacks).
pub const DEFAULT_FONT: &str = "B Nazanin";

/// A signature row's height: 1.2 cm in twips.
pub const SIGNATURE_ROW: u32 = 680;

fn document_xml(d: &MinutesDoc, font: &str, official: &Official) -> String {
    let fa = |n: u32| Digits::Persian.format(n);
    let mut w = Writer::new(font);
    if official.is_set() {
        w.official_header(
            official,
            &[
                ("تاریخ", super::doc::jalali_numeric(d.date, Digits::Persian)),
                ("جلسه", fa(d.number)),
                ("پیوست", "ندارد".into()),
            ],
        );
    }
    w.para(&[("صورتجلسه", TITLE)], Para::TITLE);
    w.para(&[(&d.body, TITLE)], Para::CENTER);
    w.table(
        &[1700, 2900, 2200, 2838],
        &[
            vec![
                "شماره جلسه".into(),
                "تاریخ".into(),
                "ساعت".into(),
                "مکان".into(),
            ],
            vec![
                fa(d.number),
                jalali_long(d.date),
                d.time_range(),
                d.place.clone(),
            ],
        ],
        TableStyle::GRID,
    );
    if let Some(c) = &d.chair {
        w.para(&[("رئیس جلسه: ", BOLD), (&c.display(), BODY)], Para::PLAIN);
    }
    if let Some(c) = &d.secretary {
        w.para(&[("دبیر جلسه: ", BOLD), (&c.display(), BODY)], Para::PLAIN);
    }
    for (title, people) in [
        ("حاضرین", &d.present),
        ("غایبین", &d.absent),
        ("مدعوین", &d.guests),
    ] {
        if !people.is_empty() {
            w.para(&[(title, HEADING)], Para::HEADING);
            for p in people {
                w.para(&[(&format!("- {}", p.display()), BODY)], Para::PLAIN);
            }
        }
    }
    if !d.agenda.is_empty() {
        w.para(&[("دستور جلسه", HEADING)], Para::HEADING);
        for (i, a) in d.agenda.iter().enumerate() {
            w.para(
                &[(&format!("{}- {a}", fa(i as u32 + 1)), BODY)],
                Para::PLAIN,
            );
        }
    }
    if !d.discussion.is_empty() {
        w.para(&[("خلاصه مذاکرات", HEADING)], Para::HEADING);
        for (speaker, text) in &d.discussion {
            w.para(
                &[(&format!("{speaker}: "), BOLD), (text, BODY)],
                Para::PLAIN,
            );
        }
    }
    // The last resolutions are kept with what follows them up to the
    // signatures (the next meeting, notes: kept paragraphs), so the
    // signatures never stand on a page alone.
    let signatures = d.chair.is_some() || d.secretary.is_some() || !d.present.is_empty();
    if !d.resolutions.is_empty() {
        w.para(&[("مصوبات", HEADING)], Para::HEADING);
        let mut rows = vec![vec![
            "ردیف".into(),
            "شرح مصوبه".into(),
            "مسئول پیگیری".into(),
            "مهلت اجرا".into(),
        ]];
        for r in &d.resolutions {
            rows.push(vec![
                fa(r.number),
                r.text.clone(),
                r.units_cell(),
                r.approved_long(),
            ]);
        }
        // Twips, summing to the A4 text width (9638): «ردیف» and a Jalali date
        // («۲۸ اردیبهشت ۱۴۰۳») fit without wrapping in a fallback font.
        let style = TableStyle {
            keep_last: if signatures { 2 } else { 0 },
            ..TableStyle::GRID
        };
        w.table(&[950, 4288, 2200, 2200], &rows, style);
    }
    if let Some(n) = &d.next_meeting {
        w.para(&[("زمان جلسه بعد: ", BOLD), (n, BODY)], Para::KEEP);
    }
    if !d.notes.trim().is_empty() {
        w.para(&[("یادداشت‌ها", HEADING)], Para::HEADING);
        w.para(&[(d.notes.trim(), BODY)], Para::KEEP);
    }
    for r in &d.reopenings {
        w.para(&[("یادداشت: ", BOLD), (r, BODY)], Para::KEEP);
    }
    if signatures {
        signature_block(&mut w, d);
    }
    w.finish(false)
}

/// The signatures: the chair and the secretary side by side, each in a cell of
/// their own, then the present members, one row each; every row 1.2 cm high
/// and the whole block on one page.
fn signature_block(w: &mut Writer, d: &MinutesDoc) {
    w.para(&[("امضاء حاضرین", HEADING)], Para::HEADING);
    let sign = SIGNATURE_ROW;
    let officers: Vec<Cell> = [("رئیس جلسه", &d.chair), ("دبیر جلسه", &d.secretary)]
        .into_iter()
        .filter_map(|(title, p)| {
            p.as_ref().map(|p| {
                vec![
                    (
                        vec![(format!("{title}: "), BOLD), (p.name.clone(), BODY)],
                        Para::CENTER,
                    ),
                    (
                        vec![("امضاء".to_owned(), super::ooxml::SMALL)],
                        Para::CENTER,
                    ),
                ]
            })
        })
        .collect();
    if !officers.is_empty() {
        let widths: &[u32] = if officers.len() == 2 {
            &[4819, 4819]
        } else {
            &[9638]
        };
        w.table_of(
            widths,
            &[officers],
            TableStyle {
                row_height: Some(sign * 2),
                keep_together: true,
                ..TableStyle::GRID
            }
            .no_header(),
        );
    }
    let officer_names: Vec<&str> = [&d.chair, &d.secretary]
        .into_iter()
        .flatten()
        .map(|p| p.name.as_str())
        .collect();
    let members: Vec<&super::doc::PersonLine> = d
        .present
        .iter()
        .filter(|p| !officer_names.contains(&p.name.as_str()))
        .collect();
    if !members.is_empty() {
        let mut rows = vec![vec!["نام".into(), "سمت".into(), "امضاء".into()]];
        rows.extend(
            members
                .iter()
                .map(|p| vec![p.name.clone(), p.post.clone(), String::new()]),
        );
        w.table(
            &[3300, 3838, 2500],
            &rows,
            TableStyle {
                row_height: Some(sign),
                keep_together: true,
                ..TableStyle::GRID
            },
        );
    }
}

/// The DOCX file's bytes; `official` prints the organisation's header.
pub fn minutes_docx(
    d: &MinutesDoc,
    font: &str,
    official: &Official,
) -> Result<Vec<u8>, super::ExportError> {
    let title = format!(
        "صورتجلسه {} - جلسه {}",
        d.body,
        Digits::Persian.format(d.number)
    );
    super::ooxml::package(
        document_xml(d, font, official),
        &title,
        font,
        official.logo.as_ref(),
        PageCount::Document,
    )
}

//! Resolutions as rows: CSV (UTF-8 with BOM so Excel shows Persian, CRLF) and
//! XLSX (right-to-left sheet, header frozen and filtered, the deadline both as
//! Jalali text and as a real date). Cells that a spreadsheet would run as a
//! formula are neutralised (OWASP): a leading = + - @ tab or CR gets a «'».

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

use super::doc::ResolutionLine;
use crate::calendar::Digits;

/// «مهلت اجرا» is the current deadline (the latest extension's); «مهلت مصوب» the
/// one the minutes approved; «تمدید» how many times it was extended.
pub const HEADERS: [&str; 13] = [
    "کارگروه",
    "جلسه",
    "تاریخ جلسه",
    "ردیف",
    "شرح مصوبه",
    "مسئول پیگیری",
    "مسئول اجرا",
    "مهلت اجرا",
    "مهلت (میلادی)",
    "مهلت مصوب",
    "تمدید",
    "وضعیت",
    "شناسه",
];

/// A text cell a spreadsheet will not run: a leading = + - @ tab or CR (after
/// any leading LRM/RLM/ALM) is preceded by «'». Persian text is untouched.
pub fn neutralise(s: &str) -> String {
    let bare = s.trim_start_matches(['\u{200e}', '\u{200f}', '\u{061c}']);
    match bare.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

fn row_texts(r: &ResolutionLine) -> [String; 13] {
    [
        r.body.clone(),
        Digits::Persian.format(r.session),
        super::doc::jalali_numeric(r.date, Digits::Persian),
        Digits::Persian.format(r.number),
        r.text.replace('\n', " "),
        r.responsible.join("؛ "),
        r.executor.clone().unwrap_or_default(),
        r.deadline_jalali(Digits::Persian),
        r.deadline
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        r.approved_jalali(Digits::Persian),
        Digits::Persian.format(r.extensions),
        r.status.persian().to_owned(),
        format!("{}-{}", r.meeting_id, r.key),
    ]
}

fn csv_field(s: &str) -> String {
    let s = neutralise(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn resolutions_csv(rows: &[ResolutionLine]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(
        &HEADERS
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in rows {
        out.push_str(
            &row_texts(r)
                .iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, rust_xlsxwriter::XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

pub fn resolutions_xlsx(rows: &[ResolutionLine]) -> Result<Vec<u8>, super::ExportError> {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("مصوبات")?;
    sheet.set_right_to_left(true);
    let bold = Format::new().set_bold().set_align(FormatAlign::Right);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_align(FormatAlign::Right).set_text_wrap();
    let e = |r: Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>| r.map(|_| ());
    for (c, h) in HEADERS.iter().enumerate() {
        e(sheet.write_with_format(0, c as u16, *h, &bold))?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let cells = row_texts(r);
        for (c, value) in cells.iter().enumerate() {
            let col = c as u16;
            match c {
                // Session, number and extensions as numbers; the Gregorian
                // deadline as a date.
                1 => e(sheet.write_number(row, col, r.session))?,
                3 => e(sheet.write_number(row, col, r.number))?,
                10 => e(sheet.write_number(row, col, r.extensions))?,
                8 => {
                    if let Some(d) = r.deadline {
                        e(sheet.write_datetime_with_format(row, col, excel_date(d)?, &date))?;
                    }
                }
                _ => e(sheet.write_string_with_format(row, col, neutralise(value), &text))?,
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = rows.len() as u32;
    sheet.autofilter(0, 0, last_row.max(1), HEADERS.len() as u16 - 1)?;
    for (c, w) in [
        30.0, 7.0, 12.0, 6.0, 60.0, 35.0, 25.0, 12.0, 13.0, 12.0, 6.0, 12.0, 10.0,
    ]
    .iter()
    .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    Ok(wb.save_to_buffer()?)
}

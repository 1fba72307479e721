//! The status report as a workbook: the summary per unit on one sheet, every
//! resolution with its unit on another (right to left, header frozen).

use rust_xlsxwriter::{Format, FormatAlign, Workbook};

use super::{Block, LetterDoc};
use crate::export::sheet::neutralise;

/// The report's tables as a workbook: its first table is «خلاصه», the tables
/// under each heading (a unit) are «مصوبات», with the unit as a first column.
pub fn report_xlsx(d: &LetterDoc) -> Result<Vec<u8>, crate::export::ExportError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold().set_align(FormatAlign::Right);
    let text = Format::new().set_align(FormatAlign::Right).set_text_wrap();
    let mut tables = d.blocks.iter().filter_map(|b| match b {
        Block::Table { rows, .. } => Some(rows),
        _ => None,
    });
    let summary = wb.add_worksheet();
    summary.set_name("خلاصه")?;
    summary.set_right_to_left(true);
    if let Some(rows) = tables.next() {
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let f = if r == 0 { &bold } else { &text };
                summary.write_string_with_format(r as u32, c as u16, neutralise(cell), f)?;
            }
        }
        summary.set_column_width(0, 40.0)?;
        summary.set_freeze_panes(1, 0)?;
    }
    let list = wb.add_worksheet();
    list.set_name("مصوبات")?;
    list.set_right_to_left(true);
    let mut unit = String::new();
    let mut out_row = 0u32;
    let mut header_done = false;
    for b in &d.blocks[1..] {
        match b {
            Block::Heading(h) => unit = h.clone(),
            Block::Table { rows, .. } if !rows.is_empty() && rows[0][0] == "جلسه" => {
                if !header_done {
                    list.write_string_with_format(0, 0, "دستگاه مسئول", &bold)?;
                    for (c, h) in rows[0].iter().enumerate() {
                        list.write_string_with_format(0, c as u16 + 1, h, &bold)?;
                    }
                    header_done = true;
                    out_row = 1;
                }
                for row in &rows[1..] {
                    list.write_string_with_format(out_row, 0, neutralise(&unit), &text)?;
                    for (c, cell) in row.iter().enumerate() {
                        list.write_string_with_format(
                            out_row,
                            c as u16 + 1,
                            neutralise(cell),
                            &text,
                        )?;
                    }
                    out_row += 1;
                }
            }
            _ => {}
        }
    }
    for (c, w) in [30.0, 14.0, 6.0, 60.0, 12.0, 16.0].iter().enumerate() {
        list.set_column_width(c as u16, *w)?;
    }
    list.set_freeze_panes(1, 0)?;
    Ok(wb.save_to_buffer()?)
}

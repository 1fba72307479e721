//! The preview of a follow-up sheet before it is imported (i, a .xlsx or .csv
//! path): which column was taken for what, with its first value, the meetings it
//! makes and the rows it leaves out. Enter imports, Esc does not. (A column taken
//! wrongly is set from the command line: `dabir import FILE --column "H=field"`.)

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::import::sheet::{self, SheetPlan};
use crate::lang::Lang;
use crate::text::RenderMode;
use crate::text::layout::fit_right;
use crate::ui::action::Action;
use crate::ui::effect::{Cx, Effect};
use crate::ui::msg::Msg;
use crate::ui::widgets::form::Form;

pub struct SheetPreview {
    pub path: PathBuf,
    pub plan: SheetPlan,
    pub lines: Vec<String>,
    top: usize,
}

impl SheetPreview {
    pub fn open(cx: &Cx, path: &Path) -> Result<SheetPreview, Msg> {
        let table = sheet::read_table(path).map_err(Msg::error)?;
        let columns = sheet::map_columns(&table, &[]);
        let today = chrono::Local::now().date_naive();
        let plan = sheet::plan(&table, &columns, None, today, cx.work);
        let d = cx.digits;
        let mut lines: Vec<String> = plan
            .columns
            .iter()
            .map(|c| {
                format!(
                    "«{}» ← {}   ({})",
                    c.header,
                    c.field.name(),
                    c.sample.chars().take(30).collect::<String>()
                )
            })
            .collect();
        let resolutions: usize = plan.meetings.iter().map(|m| m.resolutions.len()).sum();
        lines.push(format!(
            "{} جلسه، {} مصوبه / {} meetings, {resolutions} resolutions",
            d.format(plan.meetings.len()),
            d.format(resolutions),
            plan.meetings.len()
        ));
        lines.extend(plan.skipped.iter().map(|(row, why)| {
            format!(
                "ردیف {} وارد نمی‌شود / row {row} left out: {why}",
                d.format(*row)
            )
        }));
        lines.extend(plan.warnings.iter().map(|w| format!("⚠ {w}")));
        Ok(SheetPreview {
            path: path.to_owned(),
            plan,
            lines,
            top: 0,
        })
    }

    /// Whether the sheet has a column of resolution texts (without one, nothing
    /// can be imported).
    pub fn has_texts(&self) -> bool {
        self.plan
            .columns
            .iter()
            .any(|c| c.field == sheet::Field::Text)
    }

    pub fn on_action(&mut self, cx: &mut Cx, action: Action) -> Vec<Effect> {
        match action {
            Action::CursorDown | Action::Down | Action::NextField => {
                self.top = (self.top + 1).min(self.lines.len().saturating_sub(1))
            }
            Action::CursorUp | Action::Up | Action::PrevField => {
                self.top = self.top.saturating_sub(1)
            }
            Action::Accept | Action::Save if !self.has_texts() => {
                return vec![Effect::Status(Msg::fail(
                    "ستون شرح مصوبه شناخته نشد؛ از خط فرمان با --column بگویید کدام است",
                    "no column of resolution texts; name it from the command line with --column",
                ))];
            }
            Action::Accept | Action::Save => {
                let today = chrono::Local::now().date_naive();
                return match sheet::save_plan(cx.store, &self.plan, today, cx.user) {
                    Ok(r) => {
                        let mut fa = format!(
                            "{} جلسه و {} مصوبه از جدول وارد شد",
                            cx.digits.format(r.meetings.len()),
                            cx.digits.format(r.resolutions)
                        );
                        let mut en = format!(
                            "{} meetings and {} resolutions imported",
                            r.meetings.len(),
                            r.resolutions
                        );
                        if !r.existing.is_empty() {
                            fa.push_str(&format!(
                                "؛ {} جلسه از پیش بود و وارد نشد",
                                cx.digits.format(r.existing.len())
                            ));
                            en.push_str(&format!("; {} already there, left out", r.existing.len()));
                        }
                        vec![
                            Effect::CloseDialog,
                            Effect::ReloadList,
                            Effect::Status(Msg::info(fa, en)),
                        ]
                    }
                    Err(e) => vec![Effect::Status(Msg::error(e))],
                };
            }
            _ => {}
        }
        vec![]
    }

    pub fn render(&self, frame: &mut Frame, main: Rect, mode: RenderMode, lang: Lang) {
        let r = Form::centered(main, self.lines.len() + 1, 110);
        let title = format!(
            " {} — {} ",
            lang.pick("ورود جدول پیگیری / import a follow-up sheet"),
            self.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        let inner = Form::frame(frame.buffer_mut(), r, &title, mode);
        let rows = inner.height.saturating_sub(1) as usize;
        for (i, line) in self.lines.iter().skip(self.top).take(rows).enumerate() {
            let text = fit_right(lang.pick(line), inner.width, mode);
            frame
                .buffer_mut()
                .set_string(inner.x, inner.y + i as u16, text, Style::new());
        }
        if inner.height > 0 {
            let help = fit_right(
                lang.pick("Enter: وارد شود   Esc: نه / Enter: import   Esc: cancel"),
                inner.width,
                mode,
            );
            frame
                .buffer_mut()
                .set_string(inner.x, inner.bottom() - 1, help, Style::new());
        }
    }
}

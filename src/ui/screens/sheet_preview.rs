//! The preview of a follow-up sheet before it is imported (i, a .xlsx or .csv
//! path): which column was taken for what, with its first value, the meetings it
//! makes and the rows it leaves out. ↑/↓ choose a column and Alt+T (F8) changes
//! what it is taken for, the rest following at once; Enter imports, Esc does not.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::import::sheet::{self, Field, SheetPlan, Table};
use crate::lang::Lang;
use crate::text::RenderMode;
use crate::text::layout::fit_right;
use crate::ui::action::Action;
use crate::ui::effect::{Cx, Effect};
use crate::ui::msg::Msg;
use crate::ui::widgets::form::Form;

pub struct SheetPreview {
    pub path: PathBuf,
    table: Table,
    /// Columns set by hand: (header, field).
    overrides: Vec<(String, Field)>,
    pub plan: SheetPlan,
    pub lines: Vec<String>,
    /// The column line chosen (Alt+T changes its field).
    pub selected: usize,
}

impl SheetPreview {
    pub fn open(cx: &Cx, path: &Path) -> Result<SheetPreview, Msg> {
        let table = sheet::read_table(path).map_err(Msg::error)?;
        let mut p = SheetPreview {
            path: path.to_owned(),
            table,
            overrides: Vec::new(),
            plan: SheetPlan {
                sheet: String::new(),
                columns: Vec::new(),
                meetings: Vec::new(),
                skipped: Vec::new(),
                warnings: Vec::new(),
            },
            lines: Vec::new(),
            selected: 0,
        };
        p.replan(cx);
        Ok(p)
    }

    /// The mapping, meetings and lines again, after a column was set.
    fn replan(&mut self, cx: &Cx) {
        let columns = sheet::map_columns(&self.table, &self.overrides);
        let today = chrono::Local::now().date_naive();
        self.plan = sheet::plan(&self.table, &columns, None, today, cx.work);
        let d = cx.digits;
        let plan = &self.plan;
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
        self.lines = lines;
    }

    /// The chosen column taken for the next field.
    fn cycle_field(&mut self, cx: &Cx) {
        let Some(c) = self.plan.columns.get(self.selected) else {
            return;
        };
        // From what was asked last (a field another column holds shows as
        // `other`, and the cycle goes on past it).
        let header = c.header.clone();
        let current = self
            .overrides
            .iter()
            .find(|(h, _)| *h == header)
            .map_or(c.field, |(_, f)| *f);
        let at = Field::ALL.iter().position(|f| *f == current).unwrap_or(0);
        let next = Field::ALL[(at + 1) % Field::ALL.len()];
        self.overrides.retain(|(h, _)| *h != header);
        self.overrides.push((header, next));
        self.replan(cx);
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
                self.selected = (self.selected + 1).min(self.plan.columns.len().saturating_sub(1))
            }
            Action::CursorUp | Action::Up | Action::PrevField => {
                self.selected = self.selected.saturating_sub(1)
            }
            Action::TogglePresence => self.cycle_field(cx),
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
        let top = self.selected.saturating_sub(rows.saturating_sub(1));
        for (i, line) in self.lines.iter().enumerate().skip(top).take(rows) {
            let text = fit_right(lang.pick(line), inner.width, mode);
            let style = if i == self.selected {
                Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
            } else {
                Style::new()
            };
            frame
                .buffer_mut()
                .set_string(inner.x, inner.y + (i - top) as u16, text, style);
        }
        if inner.height > 0 {
            let help = fit_right(
                lang.pick(
                    "↑↓ ستون   Alt+T: ستون چیست   Enter: وارد شود   Esc: نه / ↑↓ column   Alt+T: what it holds   Enter: import   Esc: cancel",
                ),
                inner.width,
                mode,
            );
            frame
                .buffer_mut()
                .set_string(inner.x, inner.bottom() - 1, help, Style::new());
        }
    }
}

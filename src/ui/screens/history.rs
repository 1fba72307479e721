//! A meeting's history (F10 in the minutes): when it was imported, finalised and
//! reopened, by whom and why, newest last. Read-only; Esc closes it.

use chrono::{DateTime, Local};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::calendar::{Digits, JalaliDate};
use crate::lang::Lang;
use crate::model::{HistoryEntry, Meeting};
use crate::text::RenderMode;
use crate::text::layout::fit_right;
use crate::ui::action::Action;
use crate::ui::effect::Effect;
use crate::ui::widgets::form::Form;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryPanel {
    pub lines: Vec<String>,
    /// The first line shown (↑/↓ scroll a long history).
    pub top: usize,
}

/// «۱۴۰۳/۰۹/۰۵ ۱۰:۳۰ · بازگشایی شد؛ دلیل: … · زهرا نوروزی», in local time.
pub fn history_line(h: &HistoryEntry, digits: Digits) -> String {
    let local: DateTime<Local> = h.at.with_timezone(&Local);
    let date = JalaliDate::from_gregorian(local.date_naive())
        .map(|j| j.numeric(digits))
        .unwrap_or_default();
    let time = digits.apply(&local.format("%H:%M").to_string());
    let mut line = format!("{date} {time} · {}", h.event.persian());
    if !h.by.is_empty() {
        line.push_str(&format!(" · {}", h.by));
    }
    line
}

impl HistoryPanel {
    pub fn new(m: &Meeting, digits: Digits) -> HistoryPanel {
        let mut lines: Vec<String> = m.history.iter().map(|h| history_line(h, digits)).collect();
        if lines.is_empty() {
            lines.push("هنوز رویدادی ثبت نشده / nothing recorded yet".into());
        }
        HistoryPanel { lines, top: 0 }
    }

    pub fn on_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::CursorDown | Action::NextField => {
                self.top = (self.top + 1).min(self.lines.len().saturating_sub(1))
            }
            Action::CursorUp | Action::PrevField => self.top = self.top.saturating_sub(1),
            Action::Accept | Action::History => return vec![Effect::CloseDialog],
            _ => {}
        }
        vec![]
    }

    pub fn render(&self, frame: &mut Frame, main: Rect, mode: RenderMode, lang: Lang) {
        let r = Form::centered(main, self.lines.len(), 100);
        let title = lang.pick(" تاریخچه صورتجلسه / history of the minutes ");
        let inner = Form::frame(frame.buffer_mut(), r, title, mode);
        for (i, line) in self
            .lines
            .iter()
            .skip(self.top)
            .enumerate()
            .take(inner.height as usize)
        {
            let text = fit_right(line, inner.width, mode);
            frame
                .buffer_mut()
                .set_string(inner.x, inner.y + i as u16, text, Style::new());
        }
    }
}

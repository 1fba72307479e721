//! A meeting's history (F10 in the minutes): when it was imported, finalised and
//! reopened, by whom and why, and on a shared archive who saved it when, newest
//! last. Read-only; Esc closes it.

use chrono::{DateTime, Local};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::calendar::{Digits, JalaliDate};
use crate::lang::Lang;
use crate::model::{HistoryEntry, Meeting};
use crate::store::pg::Change;
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
    let mut line = format!("{} · {}", when(h.at, digits), h.event.persian());
    if !h.by.is_empty() {
        line.push_str(&format!(" · {}", h.by));
    }
    line
}

/// «۱۴۰۳/۰۹/۰۵ ۱۰:۳۰» in local time.
fn when(at: DateTime<chrono::Utc>, digits: Digits) -> String {
    let local: DateTime<Local> = at.with_timezone(&Local);
    let date = JalaliDate::from_gregorian(local.date_naive())
        .map(|j| j.numeric(digits))
        .unwrap_or_default();
    format!(
        "{date} {}",
        digits.apply(&local.format("%H:%M").to_string())
    )
}

/// A shared archive's saves, a run of one user's saves in one line:
/// «۱۴۰۵/۰۹/۱۰ ۰۹:۱۲ تا ۱۱:۴۰ · ۲۸۴ ذخیره · زهرا نوروزی».
fn save_lines(saves: &[Change], digits: Digits) -> Vec<(DateTime<chrono::Utc>, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < saves.len() {
        let c = &saves[i];
        let plain = |a: &str| a == "save" || a == "create";
        let mut j = i + 1;
        if plain(&c.action) {
            while j < saves.len() && plain(&saves[j].action) && saves[j].who == c.who {
                j += 1;
            }
        }
        let what = match c.action.as_str() {
            "create" | "save" => {
                // The creation is one of the run, not one of its saves.
                let created = c.action == "create";
                match (created, j - i - usize::from(created)) {
                    (true, 0) => c.persian(),
                    (true, n) => format!("{} و {} ذخیره", c.persian(), digits.format(n)),
                    (false, n) => format!("{} ذخیره", digits.format(n)),
                }
            }
            _ => c.persian(),
        };
        let minute = |t: DateTime<chrono::Utc>| t.with_timezone(&Local).format("%H:%M").to_string();
        let end = minute(saves[j - 1].at);
        let span = if end != minute(c.at) {
            format!(" تا {}", digits.apply(&end))
        } else {
            String::new()
        };
        out.push((
            c.at,
            format!("{}{span} · {what} · {}", when(c.at, digits), c.who),
        ));
        i = j;
    }
    out
}

impl HistoryPanel {
    /// The meeting's events, and a shared archive's saves (`saves`) beside
    /// them, in time order.
    pub fn new(m: &Meeting, saves: &[Change], digits: Digits) -> HistoryPanel {
        let mut timed: Vec<(DateTime<chrono::Utc>, String)> = m
            .history
            .iter()
            .map(|h| (h.at, history_line(h, digits)))
            .collect();
        timed.extend(save_lines(saves, digits));
        timed.sort_by_key(|(at, _)| *at);
        let mut lines: Vec<String> = timed.into_iter().map(|(_, l)| l).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn change(min: u32, who: &str, action: &str) -> Change {
        Change {
            at: chrono::Utc
                .with_ymd_and_hms(2026, 12, 1, 6, min, 0)
                .unwrap(),
            who: who.into(),
            action: action.into(),
            version: None,
        }
    }

    #[test]
    fn a_run_of_one_user_s_saves_is_one_line() {
        let saves = [
            change(0, "زهرا", "create"),
            change(1, "زهرا", "save"),
            change(2, "زهرا", "save"),
            change(3, "زهرا", "save"),
            change(4, "دفتر پیگیری", "follow-up"),
            change(5, "زهرا", "save"),
        ];
        let lines: Vec<String> = save_lines(&saves, Digits::Persian)
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].contains(" تا ") && lines[0].contains("ایجاد و ۳ ذخیره · زهرا"));
        assert!(lines[1].ends_with("ثبت پیگیری · دفتر پیگیری"));
        assert!(lines[2].ends_with("۱ ذخیره · زهرا") && !lines[2].contains(" تا "));
        // Created and saved once in one minute: no span, the creation not
        // counted as a save.
        let mut quick = [change(0, "زهرا", "create"), change(0, "زهرا", "save")];
        quick[1].at += chrono::Duration::seconds(20);
        let line = &save_lines(&quick, Digits::Persian)[0].1;
        assert!(
            line.ends_with("ایجاد و ۱ ذخیره · زهرا") && !line.contains(" تا "),
            "{line}"
        );
        let alone = &save_lines(&quick[..1], Digits::Persian)[0].1;
        assert!(alone.ends_with("· ایجاد · زهرا"), "{alone}");
    }
}

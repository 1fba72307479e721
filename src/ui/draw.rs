//! Drawing the app: the screen, the status line with its message or the key
//! hints, a dialog over the screen and the help overlay.

use super::msg::Severity;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, MIN_WIDTH, Screen};
use super::widgets::hints::{Hint, hint_line, render_help};
use crate::text::layout::to_screen;

impl App {
    /// The current screen's key hints.
    fn hints(&self) -> &'static [Hint] {
        use super::screens::*;
        match &self.screen {
            Screen::Meetings => meetings::HINTS,
            Screen::Minutes(_) => minutes::HINTS,
            Screen::Directory(_) => directory::HINTS,
            Screen::Pending(_) => pending::HINTS,
            Screen::Search(_) => search::HINTS,
            Screen::Dashboard(_) => dashboard::HINTS,
            Screen::Report(_) => report::HINTS,
        }
    }

    /// Draws the state; changes nothing.
    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH {
            let msg = format!(
                "پنجره دست‌کم {} ستون پهنا می‌خواهد / the window needs at least {MIN_WIDTH} columns",
                self.digits.format(MIN_WIDTH)
            );
            let lines: Vec<Line> = to_screen(&msg, area.width, self.mode)
                .lines()
                .map(|l| Line::from(l.to_owned()))
                .collect();
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        let [main, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        match &self.screen {
            Screen::Meetings => self.meetings.render(frame, main, self.mode),
            Screen::Minutes(m) => m.render(frame, main, self.now),
            Screen::Directory(d) => d.render(frame, main, self.mode, self.lang),
            Screen::Pending(p) => p.render(frame, main, self.mode, self.lang),
            Screen::Search(s) => s.render(frame, main, self.mode, self.lang),
            Screen::Dashboard(d) => d.render(frame, main, self.mode, self.lang),
            Screen::Report(r) => r.render(frame, main, self.mode, self.lang),
        }
        let status_style = match self.status.as_ref().map(|m| m.severity) {
            Some(Severity::Error) => Style::new().fg(ratatui::style::Color::Red),
            Some(Severity::Warning) => Style::new().fg(ratatui::style::Color::Yellow),
            _ => Style::new(),
        };
        let status_text = match &self.status {
            Some(message) => message.text(self.lang).to_owned(),
            None => hint_line(
                &self.keymap,
                self.screen_contexts(),
                self.hints(),
                self.lang,
            ),
        };
        self.status_drawn
            .get(&status_text, status.width, self.mode, true)
            .draw(
                frame.buffer_mut(),
                status.x,
                status.y,
                status_style.add_modifier(Modifier::REVERSED),
            );
        if let Some(d) = &self.dialog {
            d.render(frame, main, self.mode, self.lang);
        }
        if self.help {
            render_help(
                frame,
                main,
                &self.keymap,
                self.contexts(),
                self.help_top,
                self.lang,
                self.mode,
            );
        }
    }
}

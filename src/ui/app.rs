//! The application state and its one update function.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::action::Action;
use super::keymap::{Context, Keymap};
use super::screens::meetings::MeetingsScreen;
use crate::store::{Result, Store};
use crate::text::layout::fit;
use crate::text::{Digits, RenderMode};

pub struct App {
    pub keymap: Keymap,
    pub meetings: MeetingsScreen,
    /// The status line: the last message for the user.
    pub status: Option<String>,
    pub help: bool,
    pub quit: bool,
    /// Rows visible in the list, for page moves; set from the terminal size.
    pub page: usize,
    pub mode: RenderMode,
}

impl App {
    pub fn new(
        store: &Store,
        keymap: Keymap,
        status: Option<String>,
        mode: RenderMode,
    ) -> Result<App> {
        App::with_digits(store, keymap, status, mode, Digits::Persian)
    }

    /// As [`App::new`], with the digit set of the user's settings.
    pub fn with_digits(
        store: &Store,
        keymap: Keymap,
        status: Option<String>,
        mode: RenderMode,
        digits: Digits,
    ) -> Result<App> {
        Ok(App {
            keymap,
            meetings: MeetingsScreen::load(store, digits)?,
            status,
            help: false,
            quit: false,
            page: 10,
            mode,
        })
    }

    fn context(&self) -> Context {
        Context::Meetings
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        if let Some(action) = self.keymap.resolve(self.context(), key) {
            self.update(action);
        }
    }

    pub fn on_resize(&mut self, height: u16) {
        // Borders, header and status line take four rows.
        self.page = usize::from(height.saturating_sub(4)).max(1);
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = !self.help,
            Action::Close if self.help => self.help = false,
            Action::Close => self.status = None,
            other => self.meetings.update(other, self.page),
        }
    }

    /// Draws the state; changes nothing.
    pub fn render(&self, frame: &mut Frame) {
        let [main, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(frame.area());
        self.meetings.render(frame, main, self.mode);
        let status_text = self
            .status
            .clone()
            .unwrap_or_else(|| "؟ راهنما   q خروج".into());
        frame.render_widget(
            Paragraph::new(fit(&status_text, status.width, self.mode))
                .alignment(Alignment::Right)
                .style(Style::new().add_modifier(Modifier::REVERSED)),
            status,
        );
        if self.help {
            let area = main.inner(ratatui::layout::Margin::new(4, 2));
            let inner = area.width.saturating_sub(2);
            let lines: Vec<Line> = self
                .keymap
                .bindings_for(self.context())
                .into_iter()
                .map(|(action, keys)| {
                    Line::from(fit(
                        &format!("{}   {}", action.doc(), keys.join("، ")),
                        inner,
                        self.mode,
                    ))
                })
                .collect();
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(lines).alignment(Alignment::Right).block(
                    Block::bordered().title(
                        Line::from(fit(" کلیدها ", 10, self.mode)).alignment(Alignment::Right),
                    ),
                ),
                area,
            );
        }
    }
}

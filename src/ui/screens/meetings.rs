//! The home screen: meetings, newest first.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::calendar::{Digits, JalaliDate};
use crate::model::{Id, MeetingState};
use crate::store::{Result, Store};
use crate::ui::action::Action;

/// One row of the list: what the screen shows of a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub id: Id,
    pub body: String,
    pub number: u32,
    pub date: String,
    pub state: MeetingState,
    pub open: usize,
}

#[derive(Debug, Default)]
pub struct MeetingsScreen {
    pub rows: Vec<MeetingRow>,
    pub selected: usize,
}

impl MeetingsScreen {
    pub fn load(store: &Store) -> Result<MeetingsScreen> {
        let bodies: std::collections::HashMap<Id, String> = store
            .bodies()?
            .into_iter()
            .map(|b| (b.id, b.name))
            .collect();
        let rows = store
            .meetings_newest_first()
            .map(|m| {
                let m = m?;
                Ok(MeetingRow {
                    id: m.id,
                    body: bodies.get(&m.body).cloned().unwrap_or_default(),
                    number: m.number,
                    date: JalaliDate::from_gregorian(m.date)
                        .map(|j| j.numeric(Digits::Persian))
                        .unwrap_or_else(|_| m.date.to_string()),
                    state: m.state,
                    open: m.open_resolutions(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(MeetingsScreen { rows, selected: 0 })
    }

    /// Moves the selection; `page` is the number of rows on screen.
    pub fn update(&mut self, action: Action, page: usize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page.max(1)),
            Action::PageDown => (self.selected + page.max(1)).min(last),
            Action::First => 0,
            Action::Last => last,
            _ => self.selected,
        };
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let block = Block::bordered().title(Line::from(" جلسه‌ها ").alignment(Alignment::Right));
        if self.rows.is_empty() {
            let welcome = vec![
                Line::from("به دبیر خوش آمدید."),
                Line::from(""),
                Line::from(
                    "هنوز جلسه‌ای ثبت نشده است. برای دیدن برنامه با داده نمونه، بیرون بروید (q) و بزنید:",
                ),
                Line::from("dabir demo"),
                Line::from(""),
                Line::from(
                    "Welcome to dabir. No meetings yet: quit (q) and run `dabir demo` to try it with sample data.",
                ),
            ];
            frame.render_widget(
                Paragraph::new(welcome)
                    .alignment(Alignment::Right)
                    .wrap(Wrap { trim: false })
                    .block(block),
                area,
            );
            return;
        }
        // Columns run right to left: the body first at the right edge.
        // Right-aligned cells: Persian reads from the right edge of each column.
        let cells = |texts: [String; 5]| {
            texts.map(|t| Cell::from(Line::from(t).alignment(Alignment::Right)))
        };
        let header = Row::new(cells(
            ["باز", "وضعیت", "تاریخ", "جلسه", "کارگروه"].map(String::from),
        ))
        .style(Style::new().add_modifier(Modifier::BOLD));
        let rows = self.rows.iter().map(|r| {
            Row::new(cells([
                Digits::Persian.apply(&r.open.to_string()),
                r.state.persian().to_owned(),
                r.date.clone(),
                Digits::Persian.apply(&r.number.to_string()),
                r.body.clone(),
            ]))
        });
        let table = Table::new(
            rows,
            [
                Constraint::Length(4),
                Constraint::Length(9),
                Constraint::Length(11),
                Constraint::Length(5),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .block(block);
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, area, &mut state);
    }
}

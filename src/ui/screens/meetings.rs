//! The home screen: meetings, newest first.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use crate::calendar::{Digits, JalaliDate};
use crate::model::{Id, MeetingState};
use crate::store::{Result, Store};
use crate::text::RenderMode;
use crate::text::layout::{fit, to_screen};
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
    pub digits: Digits,
}

impl MeetingsScreen {
    pub fn load(store: &Store, digits: Digits) -> Result<MeetingsScreen> {
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
                        .map(|j| j.numeric(digits))
                        .unwrap_or_else(|_| m.date.to_string()),
                    state: m.state,
                    open: m.open_resolutions(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(MeetingsScreen {
            rows,
            selected: 0,
            digits,
        })
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

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode) {
        let block = Block::bordered()
            .title(Line::from(fit(" جلسه‌ها ", 20, mode)).alignment(Alignment::Right));
        if self.rows.is_empty() {
            let inner = block.inner(area);
            let welcome = [
                "به دبیر خوش آمدید.",
                "",
                "هنوز جلسه‌ای ثبت نشده است. برای دیدن برنامه با داده نمونه، بیرون بروید (q) و بزنید:",
                "dabir demo",
                "",
                "Welcome to dabir. No meetings yet: quit (q) and run `dabir demo` to try it with sample data.",
            ];
            let lines: Vec<Line> = welcome
                .iter()
                .flat_map(|p| {
                    to_screen(p, inner.width, mode)
                        .lines()
                        .map(|l| Line::from(l.to_owned()))
                        .collect::<Vec<_>>()
                })
                .collect();
            frame.render_widget(Paragraph::new(lines).block(block), area);
            return;
        }
        // Columns run right to left: the body first at the right edge. Each text is
        // fitted to its column here, because a cut must drop the logical end of a
        // right-to-left text, which is on its left.
        const FIXED: [u16; 4] = [4, 9, 11, 5];
        let body_width = area
            .width
            .saturating_sub(2 + FIXED.iter().sum::<u16>() + FIXED.len() as u16);
        let widths = [FIXED[0], FIXED[1], FIXED[2], FIXED[3], body_width];
        let cells = |texts: [String; 5]| {
            let mut i = 0;
            texts.map(|t| {
                let w = widths[i];
                i += 1;
                Cell::from(Line::from(fit(&t, w, mode)).alignment(Alignment::Right))
            })
        };
        let header = Row::new(cells(
            ["باز", "وضعیت", "تاریخ", "جلسه", "کارگروه"].map(String::from),
        ))
        .style(Style::new().add_modifier(Modifier::BOLD));
        let rows = self.rows.iter().map(|r| {
            Row::new(cells([
                self.digits.format(r.open),
                r.state.persian().to_owned(),
                r.date.clone(),
                self.digits.format(r.number),
                r.body.clone(),
            ]))
        });
        let table = Table::new(rows, widths.map(Constraint::Length))
            .header(header)
            .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
            .block(block);
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, area, &mut state);
    }
}

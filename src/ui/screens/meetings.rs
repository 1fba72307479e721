//! The home screen: meetings, newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use crate::calendar::{Digits, JalaliDate};
use crate::model::{Id, MeetingState};
use crate::service::MeetingSummary;
use crate::store::{Archive, Result};
use crate::text::RenderMode;
use crate::text::layout::{fit_right, to_screen};
use crate::ui::action::Action;
use crate::ui::app::{Dialog, Screen};
use crate::ui::effect::{Cx, Effect, Focus};
use crate::ui::msg::Msg;
use crate::ui::screens::dashboard::DashboardScreen;
use crate::ui::screens::directory::{DirectoryScreen, Tab};
use crate::ui::screens::export_dialog::ExportDialog;
use crate::ui::screens::new_meeting::NewMeetingDialog;
use crate::ui::screens::prompt::{Confirm, Prompt};
use crate::ui::screens::report::ReportScreen;
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::hints::Hint;
use crate::ui::widgets::right_title;

/// The status line's hints.
pub const HINTS: &[Hint] = &[
    Hint(Some(Action::NewMeeting), "جلسه تازه", "new meeting"),
    Hint(Some(Action::Open), "باز کردن", "open"),
    Hint(Some(Action::SearchAll), "جست‌وجو", "search"),
    Hint(Some(Action::OpenDirectory), "فهرست‌ها", "directory"),
    Hint(Some(Action::Help), "راهنما", "help"),
    Hint(Some(Action::Quit), "خروج", "quit"),
];

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

pub struct MeetingsScreen {
    pub rows: Vec<MeetingRow>,
    pub selected: usize,
    pub digits: Digits,
    pub lang: crate::lang::Lang,
    /// The search being typed (`/`), normalised as the text engine defines.
    pub query: Option<TextField>,
    /// Only this body's meetings (`b` cycles through the bodies).
    pub body_filter: Option<String>,
    /// Indices into `rows` of the rows shown.
    visible: Vec<usize>,
}

impl MeetingRow {
    fn new(m: MeetingSummary, digits: Digits) -> MeetingRow {
        MeetingRow {
            id: m.id,
            body: m.body,
            number: m.number,
            date: JalaliDate::from_gregorian(m.date)
                .map(|j| j.numeric(digits))
                .unwrap_or_else(|_| m.date.to_string()),
            state: m.state,
            open: m.open,
        }
    }
}

impl MeetingsScreen {
    pub fn load(store: &dyn Archive, digits: Digits) -> Result<MeetingsScreen> {
        let rows = crate::service::meeting_summaries(store)?
            .into_iter()
            .map(|m| MeetingRow::new(m, digits))
            .collect();
        let mut s = MeetingsScreen {
            rows,
            selected: 0,
            digits,
            lang: crate::lang::Lang::Fa,
            query: None,
            body_filter: None,
            visible: Vec::new(),
        };
        s.refilter();
        Ok(s)
    }

    /// Reloads every row, keeping the search, the body filter and the selected
    /// meeting (after an import, a new meeting, demo data).
    pub fn reload(&mut self, store: &dyn Archive) -> Result<()> {
        let selected = self.selected_id();
        let mut fresh = MeetingsScreen::load(store, self.digits)?;
        self.rows = std::mem::take(&mut fresh.rows);
        self.refilter();
        self.select_id(selected);
        Ok(())
    }

    /// Brings one meeting's row up to date after it was edited, without reading
    /// the others: leaving a meeting on a 10,000-meeting database decodes one.
    pub fn refresh(&mut self, store: &dyn Archive, id: Id) -> Result<()> {
        self.refresh_row(store, id)?;
        self.select_id(Some(id));
        Ok(())
    }

    /// [`MeetingsScreen::refresh`] keeping the selection where it is (another
    /// user's save on a shared archive).
    pub fn refresh_row(&mut self, store: &dyn Archive, id: Id) -> Result<()> {
        let Some(i) = self.rows.iter().position(|r| r.id == id) else {
            return self.reload(store);
        };
        let row =
            crate::service::meeting_summary(store, id)?.map(|s| MeetingRow::new(s, self.digits));
        match row {
            // Same date: same place in the order.
            Some(row) if row.date == self.rows[i].date => {
                self.rows[i] = row;
                self.refilter();
                Ok(())
            }
            _ => self.reload(store),
        }
    }

    /// Puts the selection on that meeting if it is shown.
    pub fn select_id(&mut self, id: Option<Id>) {
        if let Some(pos) =
            id.and_then(|id| self.visible.iter().position(|&i| self.rows[i].id == id))
        {
            self.selected = pos;
        }
    }

    /// Recomputes the rows shown from the search and the body filter.
    pub fn refilter(&mut self) {
        let q = self
            .query
            .as_ref()
            .map(|q| q.text().trim().to_owned())
            .unwrap_or_default();
        self.visible = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| self.body_filter.as_ref().is_none_or(|b| &r.body == b))
            .filter(|(_, r)| {
                q.is_empty()
                    || crate::text::normalize::contains(
                        &format!("{} {} {} {}", r.body, r.number, r.date, r.state.persian()),
                        &q,
                    )
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// The meeting under the selection.
    pub fn selected_id(&self) -> Option<Id> {
        self.visible.get(self.selected).map(|&i| self.rows[i].id)
    }

    /// Next body in the filter cycle (all → each body → all).
    pub fn cycle_body(&mut self) {
        let mut bodies: Vec<&String> = self.rows.iter().map(|r| &r.body).collect();
        bodies.sort();
        bodies.dedup();
        self.body_filter = match &self.body_filter {
            None => bodies.first().map(|b| (*b).clone()),
            Some(cur) => bodies
                .iter()
                .position(|b| *b == cur)
                .and_then(|i| bodies.get(i + 1))
                .map(|b| (*b).clone()),
        };
        self.selected = 0;
        self.refilter();
    }

    /// Moves the selection; `page` is the number of rows on screen.
    /// The home screen's keys: a search being typed, or commands that open the
    /// other screens and dialogs.
    pub fn on_action(&mut self, cx: &mut Cx, action: Action) -> Vec<Effect> {
        if self.query.is_some() {
            match action {
                Action::Close => self.query = None,
                Action::Accept => {
                    self.query = None;
                    return self.open_selected();
                }
                a => {
                    if let Some(q) = &mut self.query {
                        q.edit(a);
                    }
                }
            }
            self.refilter();
            return vec![];
        }
        let store = cx.store;
        let today = chrono::Local::now().date_naive();
        let opened = |screen: Result<Screen>| match screen {
            Ok(s) => vec![Effect::Open(s)],
            Err(e) => vec![Effect::Status(Msg::error(e))],
        };
        match action {
            Action::Close => vec![Effect::ClearStatus],
            Action::Open => self.open_selected(),
            Action::NewMeeting => match NewMeetingDialog::new(store, cx.digits) {
                Ok(d) => vec![Effect::Dialog(Dialog::NewMeeting(Box::new(d)))],
                Err(e) => vec![Effect::Status(Msg::error(e))],
            },
            Action::Search => {
                self.query = Some(TextField::new("", false));
                vec![]
            }
            Action::FilterBody => {
                self.cycle_body();
                vec![]
            }
            Action::Report => {
                let body = match self.selected_id().map(|id| store.meeting(id)).transpose() {
                    Ok(m) => m.flatten().map(|m| m.body),
                    Err(e) => return vec![Effect::Status(Msg::error(e))],
                };
                opened(
                    ReportScreen::open(store, body, today, cx.digits)
                        .map(|r| Screen::Report(Box::new(r))),
                )
            }
            Action::ImportFile => vec![
                Effect::Dialog(Dialog::Prompt(Prompt::import())),
                Effect::Status(Msg::info(
                    "مسیر پرونده txt، md یا docx را بنویسید و Enter بزنید",
                    "type the path of a .txt, .md or .docx file, then Enter",
                )),
            ],
            Action::NotifyLetters => match self.selected_id() {
                Some(id) => crate::ui::effect::letters_dialog(
                    cx,
                    crate::ui::screens::letters_dialog::Source::Notify(id),
                ),
                None => vec![],
            },
            Action::Export => match self.selected_id() {
                Some(id) => match ExportDialog::open(store, id) {
                    Ok(d) => vec![Effect::Dialog(Dialog::Export(Box::new(d)))],
                    Err(e) => vec![Effect::Status(Msg::error(e))],
                },
                None => vec![],
            },
            Action::OpenDirectory => opened(
                DirectoryScreen::open(store, Tab::Bodies, cx.digits)
                    .map(|d| Screen::Directory(Box::new(d))),
            ),
            // An empty database has nothing to chart: d loads the demo, as the
            // welcome screen says.
            Action::Dashboard | Action::LoadDemo => match store.is_empty() {
                Err(e) => vec![Effect::Status(Msg::error(e))],
                // Sixty meetings at one key: asked first.
                Ok(true) => vec![Effect::Dialog(Dialog::Confirm(Confirm::LoadDemo))],
                Ok(false) if action == Action::Dashboard => opened(
                    DashboardScreen::open(store, today, cx.digits)
                        .map(|d| Screen::Dashboard(Box::new(d))),
                ),
                Ok(false) => vec![Effect::Status(Msg::info(
                    "داده نمونه فقط در پایگاه داده خالی",
                    "demo data only goes into an empty database",
                ))],
            },
            Action::Trash => match self.visible.get(self.selected).map(|&i| &self.rows[i]) {
                None => vec![],
                Some(r) if r.state == MeetingState::Final => vec![Effect::Status(Msg::info(
                    "صورتجلسه نهایی حذف نمی‌شود؛ نخست آن را باز کنید و با Ctrl+O بازگشایی کنید \
                    ",
                    "final minutes are not deleted: open them and reopen with Ctrl+O first",
                ))],
                Some(r) => vec![Effect::Dialog(Dialog::Confirm(Confirm::TrashMeeting(
                    r.id,
                    format!(
                        "جلسه {} {} ({})",
                        cx.digits.format(r.number),
                        r.body,
                        r.date
                    ),
                )))],
            },
            other => {
                self.update(other, cx.page);
                vec![]
            }
        }
    }

    fn open_selected(&self) -> Vec<Effect> {
        self.selected_id()
            .map(|id| Effect::OpenMeeting {
                id,
                focus: Focus::Top,
                from_list: false,
            })
            .into_iter()
            .collect()
    }

    pub fn update(&mut self, action: Action, page: usize) {
        let last = self.visible.len().saturating_sub(1);
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
        let en = self.lang == crate::lang::Lang::En;
        let mut title = if en {
            " Meetings ".to_owned()
        } else {
            " جلسه‌ها ".to_owned()
        };
        if let Some(b) = &self.body_filter {
            title = if en {
                format!(" Meetings of {b} ")
            } else {
                format!(" جلسه‌های {b} ")
            };
        }
        if let Some(q) = &self.query {
            let label = if en { "search" } else { "جست‌وجو" };
            title = format!("{title}· {label}: {}_ ", q.text());
        }
        let block = Block::bordered();
        if self.rows.is_empty() {
            let inner = block.inner(area);
            let welcome: &[&str] = if en {
                &[
                    "Welcome to dabir.",
                    "",
                    "No meetings yet.",
                    "n: the first meeting (name its body right there)",
                    "d: load demo data to look around (dabir demo)",
                ]
            } else {
                &[
                    "به دبیر خوش آمدید.",
                    "",
                    "هنوز جلسه‌ای ثبت نشده است.",
                    "نخستین جلسه: کلید n (کارگروه را همان‌جا نام ببرید)",
                    "داده نمونه برای آشنایی: کلید d (dabir demo)",
                    "",
                    "Welcome to dabir. No meetings yet: n starts the first meeting, d loads demo data.",
                ]
            };
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
            right_title(frame.buffer_mut(), area, &title, mode);
            return;
        }
        // Columns run right to left: the body first at the right edge. Each text is
        // fitted to its column here, because a cut must drop the logical end of a
        // right-to-left text, which is on its left.
        // The id (what `dabir show`, `export` and the other commands take) is the
        // leftmost column.
        const FIXED: [u16; 5] = [6, 4, 9, 11, 5];
        let body_width = area
            .width
            .saturating_sub(2 + FIXED.iter().sum::<u16>() + FIXED.len() as u16);
        let widths = [FIXED[0], FIXED[1], FIXED[2], FIXED[3], FIXED[4], body_width];
        let cells = |texts: [String; 6]| {
            let mut i = 0;
            texts.map(|t| {
                let w = widths[i];
                i += 1;
                Cell::from(Line::from(fit_right(&t, w, mode)))
            })
        };
        let header = Row::new(cells(
            if en {
                ["id", "open", "state", "date", "no.", "body"]
            } else {
                ["شناسه", "باز", "وضعیت", "تاریخ", "جلسه", "کارگروه"]
            }
            .map(String::from),
        ))
        .style(Style::new().add_modifier(Modifier::BOLD));
        let rows = self.visible.iter().map(|&i| &self.rows[i]).map(|r| {
            Row::new(cells([
                // Latin digits: the id is typed on the command line.
                r.id.to_string(),
                self.digits.format(r.open),
                if en {
                    r.state.name().to_owned()
                } else {
                    r.state.persian().to_owned()
                },
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
        right_title(frame.buffer_mut(), area, &title, mode);
    }
}

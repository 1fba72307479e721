//! Full-text search of every meeting (`/` in the meetings list, F2 anywhere).
//!
//! Each edit of the query sends it to a worker thread that owns a
//! [`Searcher`]; the UI never waits for it. The worker answers only the newest
//! query it has (older ones still queued are dropped), and an answer to a query
//! that has since changed is ignored.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;

use crate::calendar::Digits;
use crate::export::doc::jalali_numeric;
use crate::lang::Lang;
use crate::model::Id;
use crate::store::{
    Archive, QueryError, Result, SearchHit, SearchResult, SearchWorker, query_tokens,
};
use crate::text::RenderMode;
use crate::text::layout::{fit_right, layout_paragraph};
use crate::text::width::graphemes;
use crate::ui::action::Action;
use crate::ui::effect::{Cx, Effect, Focus};
use crate::ui::msg::Msg;
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::hints::Hint;
use crate::ui::widgets::right_title;

/// The status line's hints (plain characters type the query).
pub const HINTS: &[Hint] = &[
    Hint(None, "عبارت را بنویسید", "type to search"),
    Hint(Some(Action::CursorDown), "ردیف", "move"),
    Hint(
        Some(Action::Accept),
        "باز کردن در صورتجلسه",
        "open in its meeting",
    ),
    Hint(Some(Action::Close), "بازگشت", "back"),
];

/// Hits asked of one search: more than a screen can show, few enough to stay fast.
pub const LIMIT: usize = 500;

type Answer = (
    u64,
    std::result::Result<std::result::Result<SearchResult, QueryError>, String>,
);

pub struct SearchScreen {
    pub query: TextField,
    pub hits: Vec<SearchHit>,
    pub truncated: bool,
    pub selected: usize,
    /// A message about the query (too short, a store error).
    pub message: Option<Msg>,
    bodies: HashMap<Id, String>,
    digits: Digits,
    requests: Sender<(u64, String)>,
    answers: Receiver<Answer>,
    /// Number of the newest query sent, and of the one whose hits are shown.
    sent: u64,
    shown: u64,
    /// The row to select when the next answer comes.
    reselect: Option<usize>,
}

impl SearchScreen {
    pub fn open(store: &dyn Archive, digits: Digits) -> Result<SearchScreen> {
        let bodies = store.body_names()?;
        let (requests, answers) = spawn_worker(store.search_worker()?);
        Ok(SearchScreen {
            query: TextField::new("", false),
            hits: Vec::new(),
            truncated: false,
            selected: 0,
            message: None,
            bodies,
            digits,
            requests,
            answers,
            sent: 0,
            shown: 0,
            reselect: None,
        })
    }

    /// The query changed: ask the worker, or say why not.
    pub fn query_changed(&mut self) {
        self.sent += 1;
        let q = self.query.text().to_owned();
        match query_tokens(&q) {
            Ok(_) => {
                if self.requests.send((self.sent, q)).is_err() {
                    self.message = Some(worker_gone());
                    self.shown = self.sent;
                }
            }
            Err(e) => {
                self.hits.clear();
                self.truncated = false;
                self.selected = 0;
                self.shown = self.sent;
                self.message = (!q.trim().is_empty()).then(|| Msg::note(e));
            }
        }
    }

    /// Takes the worker's answers; true when the hits shown changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        loop {
            match self.answers.try_recv() {
                Ok((n, answer)) if n == self.sent => {
                    self.shown = n;
                    changed = true;
                    match answer {
                        Ok(Ok(r)) => {
                            self.hits = r.hits;
                            self.truncated = r.truncated;
                            self.message = None;
                        }
                        Ok(Err(e)) => self.message = Some(Msg::error(e)),
                        Err(e) => self.message = Some(Msg::error(e)),
                    }
                    self.selected = self
                        .reselect
                        .take()
                        .map_or(0, |i| i.min(self.hits.len().saturating_sub(1)));
                }
                Ok(_) => {}
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if self.searching() {
                        self.message = Some(worker_gone());
                        self.shown = self.sent;
                        changed = true;
                    }
                    break;
                }
            }
        }
        changed
    }

    /// After the next answer, select row `i` again (or the last one) instead of
    /// the first: coming back to the results from a meeting.
    pub fn keep_selection(&mut self, i: usize) {
        self.reselect = Some(i);
    }

    /// Whether an answer is awaited.
    pub fn searching(&self) -> bool {
        self.sent != self.shown
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.hits.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn selected_hit(&self) -> Option<&SearchHit> {
        self.hits.get(self.selected)
    }

    pub fn on_action(&mut self, cx: &mut Cx, action: Action) -> Vec<Effect> {
        let page = cx.page as isize;
        match action {
            Action::Close => return vec![Effect::Home],
            Action::Accept | Action::Open => {
                if let Some(hit) = self.selected_hit() {
                    return vec![Effect::OpenMeeting {
                        id: hit.meeting,
                        focus: Focus::Place(hit.place),
                        from_list: true,
                    }];
                }
            }
            Action::Up | Action::CursorUp => self.move_by(-1),
            Action::Down | Action::CursorDown => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            a => {
                let before = self.query.text().to_owned();
                self.query.edit(a);
                if self.query.text() != before {
                    self.query_changed();
                }
            }
        }
        vec![]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let block = Block::bordered();
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let count = self.digits.format(self.hits.len());
        let mut title = format!(
            " {}: {}_ · {} {}{} ",
            lang.pick("جست‌وجو در همه صورتجلسه‌ها / search every meeting"),
            self.query.text(),
            count,
            lang.pick("مورد / hits"),
            if self.truncated { "+" } else { "" },
        );
        if self.searching() {
            title.push_str(lang.pick("… در حال جست‌وجو / … searching "));
        }
        right_title(frame.buffer_mut(), area, &title, mode);
        let buf = frame.buffer_mut();
        if let Some(msg) = &self.message {
            let line = fit_right(msg.text(lang), inner.width, mode);
            buf.set_string(inner.x, inner.y, line, Style::new());
            return;
        }
        // Columns, right to left: date, body and session, section, snippet.
        let (w_date, w_body, w_section) = (11u16, 30u16, 16u16);
        let w_snippet = inner.width.saturating_sub(w_date + w_body + w_section + 3);
        let height = usize::from(inner.height);
        let first = self.selected.saturating_sub(height.saturating_sub(1));
        for (row, (i, hit)) in self
            .hits
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .enumerate()
        {
            let y = inner.y + row as u16;
            let style = if i == self.selected {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            let body = self.bodies.get(&hit.body).map_or("", String::as_str);
            let session = match hit.resolution {
                Some(n) => format!(
                    "{} {} / {} {}",
                    lang.pick("جلسه / session"),
                    self.digits.format(hit.session),
                    lang.pick("مصوبه / res."),
                    self.digits.format(n)
                ),
                None => format!(
                    "{} {}",
                    lang.pick("جلسه / session"),
                    self.digits.format(hit.session)
                ),
            };
            let mut x = inner.right();
            for (text, w) in [
                (jalali_numeric(hit.date, self.digits), w_date),
                (format!("{session} · {body}"), w_body),
                (lang.pick(hit.place.section()).to_owned(), w_section),
            ] {
                x = x.saturating_sub(w);
                buf.set_string(x, y, fit_right(&text, w, mode), style);
                x = x.saturating_sub(1);
                buf.set_string(x, y, " ", style);
            }
            draw_snippet(buf, Rect::new(inner.x, y, w_snippet, 1), hit, mode, style);
        }
    }
}

fn worker_gone() -> Msg {
    Msg::fail(
        "جست‌وجو متوقف شد؛ صفحه را ببندید و دوباره باز کنید",
        "the search stopped; close the screen and open it again",
    )
}

/// The snippet's line holding the hit, right-aligned, with the hit in bold and
/// underlined (reversed when the row is selected).
fn draw_snippet(
    buf: &mut ratatui::buffer::Buffer,
    area: Rect,
    hit: &SearchHit,
    mode: RenderMode,
    style: Style,
) {
    if area.width < 2 {
        return;
    }
    let g_of = |byte: usize| {
        graphemes(&hit.snippet)
            .take_while(|(b, _)| *b < byte)
            .count()
    };
    let (start, end) = (g_of(hit.highlight.start), g_of(hit.highlight.end));
    let layout = layout_paragraph(&hit.snippet, area.width, None, mode);
    let Some(line) = layout
        .lines
        .iter()
        .find(|l| l.graphemes.contains(&start))
        .or(layout.lines.first())
    else {
        return;
    };
    let mut x = area.x + line.offset;
    for cell in &line.cells {
        if x + u16::from(cell.width) > area.right() {
            break;
        }
        let s = if (start..end).contains(&cell.grapheme) {
            style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            style
        };
        buf.set_string(x, area.y, line.cell_text(cell), s);
        x += u16::from(cell.width);
    }
}

fn spawn_worker(searcher: Box<dyn SearchWorker>) -> (Sender<(u64, String)>, Receiver<Answer>) {
    let (req_tx, req_rx) = channel::<(u64, String)>();
    let (ans_tx, ans_rx) = channel::<Answer>();
    let spawned = std::thread::Builder::new()
        .name("search".into())
        .spawn(move || {
            while let Ok(mut req) = req_rx.recv() {
                // Only the newest query matters.
                while let Ok(newer) = req_rx.try_recv() {
                    req = newer;
                }
                let answer = searcher.search(&req.1, LIMIT).map_err(|e| e.to_string());
                if ans_tx.send((req.0, answer)).is_err() {
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!("search thread: {e}");
    }
    (req_tx, ans_rx)
}

//! The previous-resolutions report (`r` in the meetings list): for one body, its
//! earlier meetings' open resolutions and those closed since its last meeting, as
//! the text the next meeting's agenda takes. `b` changes the body, `c` copies the
//! text to the clipboard (through the terminal: OSC 52).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Block;

use crate::calendar::{Digits, JalaliDate};
use crate::export::report::{self, ReportLine};
use crate::lang::Lang;
use crate::model::Id;
use crate::store::{Archive, Result};
use crate::text::RenderMode;
use crate::text::layout::{fit_right, layout_text};
use crate::ui::action::Action;
use crate::ui::effect::{Cx, Effect};
use crate::ui::msg::Msg;
use crate::ui::widgets::hints::Hint;
use crate::ui::widgets::right_title;
use crate::ui::widgets::scroll::Scroll;

/// The status line's hints.
pub const HINTS: &[Hint] = &[
    Hint(Some(Action::Copy), "رونوشت", "copy"),
    Hint(Some(Action::FilterBody), "کارگروه بعد", "next body"),
    Hint(Some(Action::Down), "پیمایش", "scroll"),
    Hint(Some(Action::Close), "بازگشت", "back"),
];

pub struct ReportScreen {
    /// Bodies by name.
    pub bodies: Vec<(Id, String)>,
    pub body: usize,
    pub since: NaiveDate,
    pub lines: Vec<ReportLine>,
    /// The paste-ready text.
    pub text: String,
    pub scroll: Scroll,
    today: NaiveDate,
    digits: Digits,
}

impl ReportScreen {
    /// Opens on `body` (the selected meeting's), or the first body.
    pub fn open(
        store: &dyn Archive,
        body: Option<Id>,
        today: NaiveDate,
        digits: Digits,
    ) -> Result<ReportScreen> {
        let mut bodies: Vec<(Id, String)> = store
            .bodies()?
            .into_iter()
            .map(|b| (b.id, b.name))
            .collect();
        bodies.sort_by(|a, b| a.1.cmp(&b.1));
        let index = body
            .and_then(|id| bodies.iter().position(|b| b.0 == id))
            .unwrap_or(0);
        let mut s = ReportScreen {
            bodies,
            body: index,
            since: today,
            lines: Vec::new(),
            text: String::new(),
            scroll: Scroll::default(),
            today,
            digits,
        };
        s.load(store)?;
        Ok(s)
    }

    fn load(&mut self, store: &dyn Archive) -> Result<()> {
        self.scroll = Scroll::default();
        let Some(&(id, _)) = self.bodies.get(self.body) else {
            return Ok(());
        };
        let r = report::previous_resolutions(store, id, self.today, None)?;
        self.since = r.since;
        self.lines = r.lines;
        self.text = report::to_text(&self.lines, self.digits);
        Ok(())
    }

    /// The next body, in name order.
    pub fn next_body(&mut self, store: &dyn Archive) -> Result<()> {
        if !self.bodies.is_empty() {
            self.body = (self.body + 1) % self.bodies.len();
        }
        self.load(store)
    }

    pub fn on_action(&mut self, cx: &mut Cx, action: Action) -> Vec<Effect> {
        if self
            .scroll
            .on_action(action, cx.page, self.text.lines().count())
        {
            return vec![];
        }
        match action {
            Action::Close => return vec![Effect::Home],
            Action::FilterBody => {
                if let Err(e) = self.next_body(cx.store) {
                    return vec![Effect::Status(Msg::error(e))];
                }
            }
            Action::Copy if self.text.is_empty() => {
                return vec![Effect::Status(Msg::info(
                    "چیزی برای رونوشت نیست",
                    "nothing to copy",
                ))];
            }
            Action::Copy => {
                return vec![
                    Effect::Copy(self.text.clone()),
                    Effect::Status(Msg::info(
                        "گزارش در حافظه رونوشت شد",
                        "the report is on the clipboard",
                    )),
                ];
            }
            _ => {}
        }
        vec![]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let block = Block::bordered();
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let body = self.bodies.get(self.body).map_or("", |b| b.1.as_str());
        let title = format!(
            " {} · {} · {} {} ",
            lang.pick("مصوبات جلسات پیشین / previous resolutions"),
            body,
            lang.pick("بسته‌شده‌ها از / closed since"),
            JalaliDate::from_gregorian(self.since)
                .map(|j| j.numeric(self.digits))
                .unwrap_or_default()
        );
        right_title(frame.buffer_mut(), area, &title, mode);
        let buf = frame.buffer_mut();
        if self.text.is_empty() {
            let msg = lang.pick(
                "مصوبه باز یا تازه بسته‌شده‌ای در جلسات پیشین این کارگروه نیست / no open or recently closed resolutions in this body's earlier meetings",
            );
            buf.set_string(
                inner.x,
                inner.y,
                fit_right(msg, inner.width, mode),
                Style::new(),
            );
            return;
        }
        // The text as the agenda will hold it, wrapped to the screen.
        let mut y = inner.y;
        let mut skip = self.scroll.0;
        for layout in layout_text(&self.text, inner.width, None, mode) {
            for line in &layout.lines {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if y >= inner.bottom() {
                    return;
                }
                buf.set_string(inner.x, y, line.to_screen_string(), Style::new());
                y += 1;
            }
        }
    }
}

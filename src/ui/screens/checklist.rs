//! The finalise checklist (Ctrl+F): what `Meeting::finalise_problems` finds,
//! one line each, over the minutes. Enter on a line puts the cursor in its
//! field; Enter on the last line finalises, offered only when nothing refuses
//! (a resolution without text). The selection starts there, so a secretary
//! who has read the warnings finalises with Enter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::lang::Lang;
use crate::model::{Problem, Severity};
use crate::text::RenderMode;
use crate::text::layout::fit_right;
use crate::ui::action::Action;
use crate::ui::app::Screen;
use crate::ui::effect::{Cx, Effect};
use crate::ui::msg::Msg;
use crate::ui::widgets::form::Form;

const FINALISE: &str = "با همین هشدارها نهایی شود / finalise with these warnings";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub problems: Vec<Problem>,
    pub selected: usize,
}

impl Checklist {
    pub fn new(problems: Vec<Problem>) -> Checklist {
        let mut c = Checklist {
            problems,
            selected: 0,
        };
        if c.can_finalise() {
            c.selected = c.problems.len();
        }
        c
    }

    /// Nothing refuses: the last line finalises.
    pub fn can_finalise(&self) -> bool {
        self.problems.iter().all(|p| p.severity != Severity::Refuse)
    }

    fn lines(&self) -> usize {
        self.problems.len() + usize::from(self.can_finalise())
    }

    /// The status line while the checklist is open.
    pub fn summary(&self, digits: crate::text::Digits) -> Msg {
        let n = self.problems.len();
        if self.can_finalise() {
            Msg::warn(
                format!(
                    "{} هشدار: Enter روی هر سطر به فیلد آن می‌رود",
                    digits.format(n)
                ),
                format!("{n} warnings: Enter on a line goes to its field"),
            )
        } else {
            Msg::fail(
                "نهایی نمی‌شود تا ✗ها درست شوند: Enter روی هر سطر به فیلد آن می‌رود",
                "cannot finalise until the ✗ lines are put right: Enter goes to the field",
            )
        }
    }

    pub fn on_action(&mut self, cx: &mut Cx, screen: &mut Screen, action: Action) -> Vec<Effect> {
        let len = self.lines().max(1);
        match action {
            Action::CursorDown | Action::NextField => self.selected = (self.selected + 1) % len,
            Action::CursorUp | Action::PrevField => self.selected = (self.selected + len - 1) % len,
            Action::Accept => {
                let Screen::Minutes(m) = screen else {
                    return vec![Effect::CloseDialog];
                };
                let message = match self.problems.get(self.selected) {
                    Some(p) => {
                        m.go_to(cx.store, p.spot);
                        Some(Msg::warn(p.fa.clone(), p.en.clone()))
                    }
                    None => {
                        m.finalise(cx.store, cx.user);
                        m.message.take()
                    }
                };
                let mut effects = vec![Effect::CloseDialog];
                effects.extend(message.map(Effect::Status));
                return effects;
            }
            _ => {}
        }
        vec![]
    }

    pub fn render(&self, frame: &mut Frame, main: Rect, mode: RenderMode, lang: Lang) {
        let r = Form::centered(main, self.lines(), 100);
        let title = lang.pick(" پیش از نهایی کردن / before finalising ");
        let inner = Form::frame(frame.buffer_mut(), r, title, mode);
        let finalise = self
            .can_finalise()
            .then(|| format!("↵ {}", lang.pick(FINALISE)));
        let lines = self
            .problems
            .iter()
            .map(|p| {
                let mark = if p.severity == Severity::Refuse {
                    "✗"
                } else {
                    "⚠"
                };
                let text = match lang {
                    Lang::Fa => &p.fa,
                    Lang::En => &p.en,
                };
                format!("{mark} {text}")
            })
            .chain(finalise);
        for (i, line) in lines.enumerate().take(inner.height as usize) {
            let style = if i == self.selected {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            let text = fit_right(&line, inner.width, mode);
            frame
                .buffer_mut()
                .set_string(inner.x, inner.y + i as u16, text, style);
        }
    }
}

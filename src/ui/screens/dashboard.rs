//! The dashboard (`d`): what the secretary shows the chair. Per responsible unit,
//! a bar of done / open / overdue with the completion rate and median days to
//! completion; per month, resolutions approved and completed over the last year.

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block};

use crate::calendar::{Digits, JalaliDate, MONTHS};
use crate::lang::Lang;
use crate::model::Id;
use crate::model::stats::{Stats, stats_of};
use crate::store::{Archive, Result};
use crate::text::RenderMode;
use crate::text::layout::{fit, fit_right};
use crate::ui::action::Action;
use crate::ui::effect::{Cx, Effect};
use crate::ui::widgets::hints::Hint;
use crate::ui::widgets::right_title;
use crate::ui::widgets::scroll::Scroll;

/// The status line's hints.
pub const HINTS: &[Hint] = &[
    Hint(Some(Action::Down), "واحدهای بیشتر", "more units"),
    Hint(Some(Action::Help), "راهنما", "help"),
    Hint(Some(Action::Close), "بازگشت", "back"),
];

const DONE: Color = Color::Green;
const OPEN: Color = Color::Blue;
const OVERDUE: Color = Color::Red;

pub struct DashboardScreen {
    pub stats: Stats,
    pub today: NaiveDate,
    units: HashMap<Id, String>,
    digits: Digits,
    /// First unit row shown.
    pub scroll: Scroll,
}

impl DashboardScreen {
    /// Reads what the figures need of every resolution (a folder reads every
    /// meeting once; a shared archive, its resolutions table).
    pub fn open(store: &dyn Archive, today: NaiveDate, digits: Digits) -> Result<DashboardScreen> {
        let stats = stats_of(store.resolution_facts()?, today);
        Ok(DashboardScreen {
            stats,
            today,
            units: store.unit_names()?,
            digits,
            scroll: Scroll::default(),
        })
    }

    fn unit_name(&self, id: Id, lang: Lang) -> &str {
        match self.units.get(&id) {
            Some(n) => n,
            None => lang.pick("بی‌مسئول / no unit"),
        }
    }

    pub fn on_action(&mut self, cx: &mut Cx, action: Action) -> Vec<Effect> {
        let rows = self.stats.units.len();
        if action == Action::Close {
            return vec![Effect::Home];
        }
        self.scroll.on_action(action, cx.page, rows);
        vec![]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let month_h = if area.height >= 24 { 12 } else { 0 };
        let [units_area, months_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(month_h)]).areas(area);
        self.render_units(frame, units_area, mode, lang);
        if month_h > 0 {
            self.render_months(frame, months_area, mode, lang);
        }
    }

    fn render_units(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let d = self.digits;
        let block = Block::bordered();
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let title = format!(
            " {} · {} {} ",
            lang.pick("داشبورد مصوبات به تفکیک واحد مسئول / resolutions by responsible unit"),
            lang.pick("تا / as of"),
            JalaliDate::from_gregorian(self.today)
                .map(|j| j.numeric(d))
                .unwrap_or_default()
        );
        right_title(frame.buffer_mut(), area, &title, mode);
        if inner.height < 2 || inner.width < 40 {
            return;
        }
        let buf = frame.buffer_mut();
        // Legend, right-aligned: the colours of the bar.
        let mut x = inner.right();
        for (label, color) in [
            ("انجام شده / done", DONE),
            ("باز / open", OPEN),
            ("معوق / overdue", OVERDUE),
        ] {
            let text = fit(lang.pick(label), 16, mode);
            let w = crate::text::width::str_width(&text) as u16;
            x = x.saturating_sub(w + 1);
            buf.set_string(x, inner.y, &text, Style::new());
            x = x.saturating_sub(3);
            buf.set_string(x, inner.y, "██", Style::new().fg(color));
            x = x.saturating_sub(2);
        }
        if self.stats.units.is_empty() {
            let msg = fit_right(
                lang.pick("هنوز مصوبه‌ای نیست / no resolutions yet"),
                inner.width,
                mode,
            );
            buf.set_string(inner.x, inner.y + 1, msg, Style::new());
            return;
        }
        let w_name = 28u16;
        let w_figures = self
            .stats
            .units
            .iter()
            .skip(self.scroll.0)
            .take(usize::from(inner.height))
            .map(|u| crate::text::width::str_width(&self.figures(u, lang)) as u16)
            .max()
            .unwrap_or(0)
            .min(inner.width / 2);
        let w_bar = inner.width.saturating_sub(w_name + w_figures + 3);
        let max = self
            .stats
            .units
            .iter()
            .map(|u| u.total())
            .max()
            .unwrap_or(1)
            .max(1);
        let rows = usize::from(inner.height - 1);
        for (row, u) in self
            .stats
            .units
            .iter()
            .skip(self.scroll.0)
            .take(rows)
            .enumerate()
        {
            let y = inner.y + 1 + row as u16;
            let name = fit_right(self.unit_name(u.unit, lang), w_name, mode);
            buf.set_string(inner.right() - w_name, y, name, Style::new());
            // The bar grows leftward from the name: done, then open, then overdue.
            let cells = |n: usize| ((n * usize::from(w_bar)).div_ceil(max)) as u16;
            let mut x = inner.right() - w_name - 1;
            for (n, color) in [(u.done, DONE), (u.open, OPEN), (u.overdue, OVERDUE)] {
                let w = cells(n).min(x - inner.x);
                x -= w;
                buf.set_string(x, y, "█".repeat(usize::from(w)), Style::new().fg(color));
            }
            let figures = self.figures(u, lang);
            let style = if u.overdue > 0 {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            buf.set_string(inner.x, y, fit_right(&figures, w_figures, mode), style);
        }
    }

    /// A unit's figures: done, open, overdue, completion rate, median days.
    fn figures(&self, u: &crate::model::stats::UnitStats, lang: Lang) -> String {
        let d = self.digits;
        let rate = u
            .completion_rate()
            .map_or("–".into(), |r| format!("{}٪", d.format(r)));
        let median = u.median_days().map_or("–".into(), |m| {
            format!("{} {}", d.format(m), lang.pick("روز / days"))
        });
        format!(
            "{} {} · {} {} · {} {} · {} {} · {} {}",
            d.format(u.done),
            lang.pick("انجام / done"),
            d.format(u.open),
            lang.pick("باز / open"),
            d.format(u.overdue),
            lang.pick("معوق / overdue"),
            lang.pick("تحقق / rate"),
            rate,
            lang.pick("میانه / median"),
            median
        )
    }

    fn render_months(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let block = Block::bordered();
        let title = format!(
            " {} ",
            lang.pick("دوازده ماه گذشته: مصوب (آبی) و انجام شده (سبز) / last 12 months: approved (blue), done (green)")
        );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        right_title(frame.buffer_mut(), area, &title, mode);
        // Right to left: the oldest month on the right, as Persian reads.
        let group_w = (inner.width / 12).max(5);
        let bar_w = ((group_w - 2) / 2).max(1);
        let groups: Vec<BarGroup> = self
            .stats
            .months
            .iter()
            .rev()
            .map(|m| {
                let label = match lang {
                    Lang::Fa => fit(MONTHS[m.month as usize - 1], bar_w * 2, mode),
                    Lang::En => format!("{:02}/{:02}", m.year % 100, m.month),
                };
                BarGroup::new([
                    Bar::new(m.completed as u64)
                        .text_value(self.digits.format(m.completed))
                        .style(Style::new().fg(DONE)),
                    Bar::new(m.approved as u64)
                        .text_value(self.digits.format(m.approved))
                        .style(Style::new().fg(OPEN)),
                ])
                .label(label)
            })
            .collect();
        let chart = BarChart::grouped(groups)
            .bar_width(bar_w)
            .bar_gap(0)
            .group_gap(group_w.saturating_sub(bar_w * 2))
            .value_style(Style::new().add_modifier(Modifier::REVERSED));
        frame.render_widget(chart, inner);
    }
}

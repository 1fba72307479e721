//! The new-meeting dialog: which body, which day, what time; the session number,
//! place, chair, secretary and attendees come from the body; open resolutions of
//! its earlier meetings can open the agenda (carry-over).

use chrono::{Local, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::calendar::{DateContext, Digits, JalaliDate, WorkWeek, parse_date, parse_time};
use crate::model::{AgendaItem, Attendee, Body, Meeting, Presence};
use crate::store::Archive;
use crate::text::RenderMode;
use crate::text::layout::fit;
use crate::text::normalize::{contains, normalize};
use crate::ui::msg::Msg;
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::form::Form;

pub struct NewMeetingDialog {
    pub fields: [TextField; 3],
    pub focus: usize,
    /// Open the agenda with the earlier open resolutions.
    pub carry_over: bool,
    bodies: Vec<Body>,
    pub error: Option<crate::ui::msg::Msg>,
}

const LABELS: [&str; 3] = ["کارگروه / Body", "تاریخ / Date", "ساعت شروع / Starts"];

impl NewMeetingDialog {
    pub fn new(store: &dyn Archive, digits: Digits) -> crate::store::Result<NewMeetingDialog> {
        let now = Local::now();
        let bodies = store.bodies()?;
        let today = JalaliDate::from_gregorian(now.date_naive())
            .map(|j| j.numeric(digits))
            .unwrap_or_default();
        let time = digits.apply(&now.format("%H:%M").to_string());
        // The body of the newest meeting is the likeliest.
        let last_body = store
            .meetings_newest_first()
            .next()
            .and_then(Result::ok)
            .and_then(|m| {
                bodies
                    .iter()
                    .find(|b| b.id == m.body)
                    .map(|b| b.name.clone())
            })
            .unwrap_or_default();
        let mut d = NewMeetingDialog {
            fields: [
                TextField::new(&last_body, false),
                TextField::new(&today, false),
                TextField::new(&time, false),
            ],
            focus: 0,
            carry_over: true,
            bodies,
            error: None,
        };
        // Every field is pre-filled: typing replaces the proposal.
        d.fields[0].select_all();
        Ok(d)
    }

    fn body_candidate(&self) -> Option<&Body> {
        let typed = self.fields[0].text().trim();
        if typed.is_empty() {
            return None;
        }
        self.bodies
            .iter()
            .find(|b| normalize(&b.name).text == normalize(typed).text)
            .or_else(|| self.bodies.iter().find(|b| contains(&b.name, typed)))
    }

    pub fn type_text(&mut self, s: &str) {
        self.fields[self.focus].insert(s);
        self.error = None;
    }

    pub fn field_mut(&mut self) -> &mut TextField {
        &mut self.fields[self.focus]
    }

    /// Enter: complete the body name, then move on; on the last field, create.
    pub fn accept_field(&mut self) -> bool {
        if self.focus == 0
            && let Some(b) = self.body_candidate().map(|b| b.name.clone())
        {
            self.fields[0].set_text(&b);
        }
        if self.focus + 1 < self.fields.len() {
            self.focus += 1;
            self.fields[self.focus].select_all();
            false
        } else {
            true
        }
    }

    /// Creates and saves the meeting.
    pub fn create(&mut self, store: &dyn Archive, work: &WorkWeek) -> Result<Meeting, Msg> {
        let name = self.fields[0].text().trim().to_owned();
        if name.is_empty() {
            return Err(Msg::fail("نام کارگروه را بنویسید", "type the body's name"));
        }
        let ctx = DateContext {
            anchor: Some(Local::now().date_naive()),
            deadline: false,
            work,
        };
        let date = parse_date(self.fields[1].text(), &ctx)
            .map_err(Msg::error)?
            .date;
        let start = match self.fields[2].text().trim() {
            "" => None,
            t => Some(parse_time(t).map_err(Msg::error)?),
        };
        let body = crate::service::find_or_create_body(store, &name).map_err(Msg::error)?;
        // A person record that cannot be read is an error, not a silent gap.
        let person = |id: Option<u64>| -> Result<Option<crate::model::Person>, Msg> {
            match id {
                None => Ok(None),
                Some(id) => store
                    .person(id)
                    .map(|p| p.map(|p| p.person))
                    .map_err(Msg::error),
            }
        };
        let mut m = Meeting::new(0, body.id, 0, date, Utc::now());
        m.start = start;
        m.place = body.place.clone();
        m.chair = person(body.chair)?;
        m.secretary = person(body.secretary)?;
        for &id in &body.members {
            if let Some(p) = person(Some(id))? {
                m.attendees.push(Attendee {
                    person: p,
                    presence: Presence::Present,
                });
            }
        }
        if self.carry_over {
            use crate::export::report;
            let r = report::previous_resolutions(store, body.id, date, None).map_err(Msg::error)?;
            let text = report::to_text(&r.lines, Digits::Persian);
            if !text.is_empty() {
                m.agenda.push(AgendaItem { text });
            }
        }
        store.save_meeting(&mut m).map_err(Msg::error)?;
        Ok(m)
    }

    const FORM: Form = Form {
        label_w: 12,
        max_rows: 1,
    };

    /// Where the dialog sits over the screen's area.
    fn rect(area: Rect) -> Rect {
        let w = area.width.min(70);
        let h = 9;
        Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + area.height.saturating_sub(h) / 2,
            width: w,
            height: h.min(area.height),
        }
    }

    /// Lays the fields out for the terminal's size (on opening and on resize).
    pub fn set_geometry(&mut self, area: Rect, mode: RenderMode) {
        Self::FORM.set_geometry(Self::rect(area), &mut self.fields, mode);
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: crate::lang::Lang) {
        let title = lang.pick(" جلسه تازه / new meeting ");
        let inner = Form::frame(frame.buffer_mut(), Self::rect(area), title, mode);
        let rows = Form::labelled(&LABELS, &self.fields, lang);
        let (cursor, _) = Self::FORM.draw(frame.buffer_mut(), inner, &rows, self.focus, mode);
        // Under the body's field: the known body Enter would take.
        let field_w = Self::FORM.field_width(inner);
        if let Some(b) = self
            .body_candidate()
            .filter(|b| b.name != self.fields[0].text().trim())
        {
            let hint = fit(&format!("↵ {}", b.name), field_w, mode);
            let hw = crate::text::width::str_width(&hint) as u16;
            frame.buffer_mut().set_string(
                inner.x + field_w.saturating_sub(hw),
                inner.y + 1,
                hint,
                Style::new().add_modifier(Modifier::ITALIC),
            );
        }
        // The checkbox is a neutral symbol, so the line's first strong character is
        // Persian and the line reads right to left.
        let carry = format!(
            "{} {} (Alt+T)",
            if self.carry_over { "☑" } else { "☐" },
            lang.pick("گزارش پیگیری مصوبات جلسات قبل در دستور جلسه / earlier resolutions (open, recently closed) into the agenda")
        );
        let bottom = inner.y + 6;
        if bottom < inner.bottom() {
            let line = self
                .error
                .as_ref()
                .map(|e| e.text(lang).to_owned())
                .unwrap_or(carry);
            let text = fit(&line, inner.width, mode);
            let tw = crate::text::width::str_width(&text) as u16;
            frame.buffer_mut().set_string(
                inner.right().saturating_sub(tw),
                bottom,
                text,
                Style::new(),
            );
        }
        if let Some(c) = cursor {
            frame.set_cursor_position(c);
        }
    }
}

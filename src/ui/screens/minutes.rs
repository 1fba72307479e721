//! The minutes editor: the whole meeting on one scrollable page in the order of
//! a صورتجلسه. Every edit goes into the meeting at once and is saved within
//! 300 ms (see `tick`); units are resolved (and created) when their field is left.

use std::time::{Duration, Instant};

use chrono::{DateTime, Local, NaiveDate, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::fields::{self, Kind, Section};
use crate::calendar::{Digits, WorkWeek};
use crate::model::{
    AgendaItem, Attendee, DiscussionEntry, Id, Meeting, Person, Presence, Spot, Unit,
};
use crate::store::Archive;
use crate::text::RenderMode;
use crate::text::normalize::{contains, normalize};
use crate::ui::action::Action;
use crate::ui::app::Dialog;
use crate::ui::effect::{Cx, Effect, status};
use crate::ui::msg::Msg;
use crate::ui::screens::checklist::Checklist;
use crate::ui::screens::export_dialog::ExportDialog;
use crate::ui::screens::pending::FollowUpForm;
use crate::ui::screens::prompt::{Confirm, Prompt};
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::fitted::Fitted;
use crate::ui::widgets::hints::Hint;

/// The status line's hints.
pub const HINTS: &[Hint] = &[
    Hint(Some(Action::NextField), "فیلد بعد", "next field"),
    Hint(Some(Action::AddDiscussion), "مذاکره", "discussion"),
    Hint(Some(Action::AddResolution), "مصوبه", "resolution"),
    Hint(Some(Action::Help), "راهنما", "help"),
    Hint(Some(Action::Close), "بازگشت", "back"),
];

/// Saves happen at most this long after the first unsaved edit.
pub const SAVE_DELAY: Duration = Duration::from_millis(250);
const LABEL_WIDTH: u16 = 16;

#[derive(Debug, Clone)]
pub struct FieldState {
    pub kind: Kind,
    pub editor: TextField,
    /// Preview, error or completion shown under the field.
    pub note: Option<String>,
    /// The label as drawn (fitted, shaped), fitted again only when it changes.
    label_drawn: Fitted,
    /// The note as drawn.
    note_drawn: Fitted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved(DateTime<Local>),
    Pending,
    Failed(String),
}

pub struct MinutesScreen {
    pub meeting: Meeting,
    pub body_name: String,
    pub fields: Vec<FieldState>,
    pub focus: usize,
    pub scroll: u16,
    pub save: SaveState,
    pub dirty_since: Option<Instant>,
    units: Vec<Unit>,
    /// Units created by the focused units field since it took the focus: if the
    /// name was only half typed when a save came, the unit goes when the field
    /// is left unused.
    created_units: Vec<Id>,
    work: WorkWeek,
    digits: Digits,
    mode: RenderMode,
    width: u16,
    page_height: u16,
    opened: Instant,
    /// A message for the status line, taken by the app.
    pub message: Option<Msg>,
    pub lang: crate::lang::Lang,
    /// The import report, shown in a side pane after a meeting was imported.
    pub report: Vec<String>,
    /// The header line, fitted again only when it changes (once a second).
    header_drawn: Fitted,
    /// The sections' titles as drawn, one per section (they were laid out
    /// again every frame).
    section_drawn: [Fitted; 6],
    /// Another user editing the meeting on a shared archive: read-only here.
    pub held_by: Option<String>,
    /// When the lease was last taken or asked for (screens/lease.rs).
    pub(super) lease_at: Option<Instant>,
    /// Where a meeting that cannot be saved is kept meanwhile (ui/spool.rs).
    pub local: Option<std::path::PathBuf>,
}

fn unit_key(name: &str) -> String {
    normalize(name).text
}

impl MinutesScreen {
    pub fn open(
        store: &dyn Archive,
        meeting: Meeting,
        work: WorkWeek,
        digits: Digits,
        mode: RenderMode,
    ) -> crate::store::Result<MinutesScreen> {
        let body_name = store
            .body(meeting.body)?
            .map(|b| b.name)
            .unwrap_or_default();
        let mut s = MinutesScreen {
            meeting,
            body_name,
            fields: Vec::new(),
            focus: 0,
            scroll: 0,
            save: SaveState::Saved(Local::now()),
            dirty_since: None,
            units: store.units()?,
            created_units: Vec::new(),
            work,
            digits,
            mode,
            width: 100,
            page_height: 30,
            opened: Instant::now(),
            message: None,
            lang: crate::lang::Lang::Fa,
            report: Vec::new(),
            header_drawn: Default::default(),
            section_drawn: Default::default(),
            held_by: None,
            lease_at: None,
            local: None,
        };
        // The cursor starts on the date; the session number is one Shift+Tab above.
        s.rebuild(Some(Kind::Date));
        Ok(s)
    }

    fn unit_name(&self, id: Id) -> String {
        self.units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    }

    /// Recreates the fields from the meeting (after entries were added, removed or
    /// moved), focusing `focus` if given.
    pub(super) fn rebuild(&mut self, focus: Option<Kind>) {
        let kinds = fields::kinds(&self.meeting);
        let today = Local::now().date_naive();
        let editor_width = self.editor_width();
        // Each field's text applied to one copy of the meeting gives its note.
        let mut probe = self.meeting.clone();
        self.fields = kinds
            .into_iter()
            .map(|kind| {
                let text =
                    fields::initial_text(kind, &self.meeting, &|u| self.unit_name(u), self.digits);
                let mut editor = TextField::new(&text, kind.multiline());
                editor.set_geometry(editor_width, self.mode);
                let note = if text.is_empty() {
                    None
                } else {
                    fields::apply(kind, &text, &mut probe, today, &self.work, self.digits)
                };
                FieldState {
                    kind,
                    editor,
                    note,
                    label_drawn: Fitted::default(),
                    note_drawn: Fitted::default(),
                }
            })
            .collect();
        if let Some(k) = focus {
            self.focus = self.fields.iter().position(|f| f.kind == k).unwrap_or(0);
        }
        self.focus = self.focus.min(self.fields.len().saturating_sub(1));
        self.ensure_visible();
    }

    fn editor_width(&self) -> u16 {
        self.width.saturating_sub(LABEL_WIDTH + 3).max(10)
    }

    /// The page's size changed (or the render mode): reflow every field.
    pub fn set_geometry(&mut self, width: u16, height: u16, mode: RenderMode) {
        self.width = width;
        self.page_height = height.saturating_sub(2);
        self.mode = mode;
        let w = self.editor_width();
        for f in &mut self.fields {
            f.editor.set_geometry(w, mode);
        }
        self.ensure_visible();
    }

    pub(super) fn focused_kind(&self) -> Option<Kind> {
        self.fields.get(self.focus).map(|f| f.kind)
    }

    fn mark_dirty(&mut self) {
        self.dirty_since.get_or_insert_with(Instant::now);
        self.save = SaveState::Pending;
    }

    /// Rows a field takes: its text and its note.
    fn field_rows(f: &FieldState) -> u16 {
        f.editor.height() + u16::from(f.note.is_some())
    }

    /// Page rows, in order: a section heading or a field.
    fn page(&self) -> Vec<(u16, Option<usize>, Section)> {
        let mut rows = Vec::with_capacity(self.fields.len() + 8);
        let mut y = 0;
        let mut section = None;
        for (i, f) in self.fields.iter().enumerate() {
            let s = f.kind.section();
            if section != Some(s) {
                rows.push((y, None, s));
                y += 1;
                section = Some(s);
            }
            rows.push((y, Some(i), s));
            y += Self::field_rows(f);
        }
        rows
    }

    fn ensure_visible(&mut self) {
        let Some((top, _, _)) = self
            .page()
            .into_iter()
            .find(|(_, i, _)| *i == Some(self.focus))
        else {
            return;
        };
        let cursor_row = top
            + self
                .fields
                .get(self.focus)
                .map_or(0, |f| f.editor.cursor_pos().0);
        let h = self.page_height.max(1);
        if cursor_row < self.scroll + 1 {
            self.scroll = cursor_row.saturating_sub(1);
        } else if cursor_row + 2 > self.scroll + h {
            self.scroll = cursor_row + 2 - h;
        }
    }

    /// Scrolls so that the whole section is on screen, moving as little as
    /// possible; a section taller than the screen shows from its heading.
    fn show_section(&mut self, section: Section) {
        let page = self.page();
        let Some(start) = page.iter().find(|r| r.2 == section).map(|r| r.0) else {
            return;
        };
        let total = page.last().map_or(0, |&(y, i, _)| {
            y + i.map_or(1, |i| Self::field_rows(&self.fields[i]))
        });
        let end = page
            .iter()
            .find(|r| r.0 > start && r.2 != section)
            .map_or(total, |r| r.0);
        let h = self.page_height.max(1);
        if end - start > h || start < self.scroll {
            self.scroll = start;
        } else if end > self.scroll + h {
            self.scroll = end - h;
        }
    }

    /// Nothing may change: final minutes, or another user editing them.
    pub fn locked(&self) -> bool {
        self.meeting.is_final() || self.held_by.is_some()
    }

    fn refuse_if_final(&mut self) -> bool {
        if let Some(holder) = &self.held_by {
            self.message = Some(super::lease::held_message(holder));
            true
        } else if self.meeting.is_final() {
            self.message = Some(Msg::info(
                "صورتجلسه نهایی است؛ برای ویرایش با Ctrl+O بازگشایی کنید",
                "final minutes: reopen with Ctrl+O to edit",
            ));
            true
        } else {
            false
        }
    }

    /// After the focused field's text changed: into the model, note refreshed.
    fn after_edit(&mut self) {
        let Some(f) = self.fields.get(self.focus) else {
            return;
        };
        let kind = f.kind;
        let today = Local::now().date_naive();
        // The field's text is not copied first: a discussion entry may be
        // thousands of words, and this runs on every key.
        let mut note = fields::apply(
            kind,
            f.editor.text(),
            &mut self.meeting,
            today,
            &self.work,
            self.digits,
        );
        match kind {
            Kind::Speaker(_) => {
                note = self
                    .speaker_candidate(f.editor.text())
                    .map(|c| format!("↵ {c}"))
            }
            Kind::Units(_) => note = self.units_note(f.editor.text()),
            _ => {}
        }
        self.fields[self.focus].note = note;
        self.mark_dirty();
        self.ensure_visible();
    }

    /// Typed text: a key press or a paste.
    pub fn type_text(&mut self, s: &str) {
        if self.refuse_if_final() {
            return;
        }
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.editor.insert(s);
            self.after_edit();
        }
    }

    fn speaker_candidate(&self, typed: &str) -> Option<String> {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        self.meeting
            .attendees
            .iter()
            .filter(|a| a.presence != Presence::Absent)
            .map(|a| a.person.display())
            .find(|d| contains(d, typed) && d != typed)
    }

    fn last_segment(text: &str) -> &str {
        text.rsplit(['؛', ';', '،', ','])
            .next()
            .unwrap_or("")
            .trim()
    }

    fn unit_candidate(&self, typed: &str) -> Option<String> {
        let seg = Self::last_segment(typed);
        if seg.is_empty() {
            return None;
        }
        self.units
            .iter()
            .map(|u| u.name.as_str())
            .find(|n| contains(n, seg) && unit_key(n) != unit_key(seg))
            .map(str::to_owned)
    }

    fn units_note(&self, text: &str) -> Option<String> {
        if let Some(c) = self.unit_candidate(text) {
            return Some(format!("↵ {c}"));
        }
        let seg = Self::last_segment(text);
        let known = self
            .units
            .iter()
            .any(|u| unit_key(&u.name) == unit_key(seg));
        (!seg.is_empty() && !known).then(|| "(واحد تازه / new unit)".to_owned())
    }

    /// Resolves the units field `i`'s names to unit records, creating new ones.
    fn commit_units(&mut self, store: &dyn Archive, field: usize) {
        let Some(FieldState {
            kind: Kind::Units(r),
            editor,
            ..
        }) = self.fields.get(field)
        else {
            return;
        };
        let r = *r;
        // «؛» separates units. A piece that is a known unit stays whole even
        // with a «،» in its name («اداره صنعت، معدن و تجارت»); an unknown one
        // is split at «،» too, as typed lists often are.
        let known = |piece: &str| {
            self.units
                .iter()
                .any(|u| unit_key(&u.name) == unit_key(piece))
        };
        let names: Vec<String> = editor
            .text()
            .split(['؛', ';'])
            .flat_map(|piece| {
                if known(piece.trim()) {
                    vec![piece]
                } else {
                    piece.split(['،', ',']).collect()
                }
            })
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let mut ids = Vec::new();
        for name in names {
            let id = match self
                .units
                .iter()
                .find(|u| unit_key(&u.name) == unit_key(&name))
            {
                Some(u) => u.id,
                None => {
                    let u = match crate::service::create_unit(store, &name) {
                        Ok(u) => u,
                        Err(e) => {
                            self.message = Some(Msg::fail(
                                format!("واحد «{name}» ذخیره نشد: {e}"),
                                format!("unit «{name}» not saved: {e}"),
                            ));
                            continue;
                        }
                    };
                    let id = u.id;
                    self.units.push(u);
                    self.created_units.push(id);
                    id
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if let Some(res) = self.meeting.resolutions.get_mut(r)
            && res.responsible != ids
        {
            // Units the secretary wrote are no longer a proposal.
            res.responsible = ids;
            res.units_inferred = false;
            self.mark_dirty();
        }
    }

    /// Leaves the focused field: its units resolved, the meeting saved if a unit
    /// changed, and units this field created but no longer names deleted.
    fn leave_field(&mut self, store: &dyn Archive) {
        self.commit_units(store, self.focus);
        if let Some(f) = self
            .fields
            .get_mut(self.focus)
            .filter(|f| matches!(f.kind, Kind::Units(_)))
        {
            f.note = None;
        }
        if self.created_units.is_empty() {
            return;
        }
        if self.dirty_since.is_some() {
            self.save_now(store);
        }
        for id in std::mem::take(&mut self.created_units) {
            if self.meeting.resolutions.iter().any(|r| r.involves_unit(id)) {
                continue;
            }
            match crate::service::delete_unit_if_unused(store, id) {
                Ok(true) => self.units.retain(|u| u.id != id),
                Ok(false) => {}
                Err(e) => {
                    self.message = Some(Msg::fail(
                        format!("واحد نیمه‌نوشته پاک نشد: {e}"),
                        format!("a half-typed unit was not removed: {e}"),
                    ))
                }
            }
        }
    }

    fn focus_to(&mut self, store: &dyn Archive, i: usize) {
        if i == self.focus || i >= self.fields.len() {
            return;
        }
        self.leave_field(store);
        self.focus = i;
        // The session number, date and start time come pre-filled: typing
        // replaces them.
        if let Some(f) = self.fields.get_mut(i)
            && matches!(f.kind, Kind::Number | Kind::Date | Kind::Start)
        {
            f.editor.select_all();
        }
        self.ensure_visible();
    }

    /// Enter: take the suggestion (speaker, unit), then go to the next field.
    fn accept(&mut self, store: &dyn Archive) {
        let kind = self.focused_kind();
        let text = self
            .fields
            .get(self.focus)
            .map(|f| f.editor.text().to_owned())
            .unwrap_or_default();
        let replacement = match kind {
            Some(Kind::Speaker(_)) => self.speaker_candidate(&text),
            Some(Kind::Units(_)) => self.unit_candidate(&text).map(|c| {
                // Keep the names before the last separator; complete the last one.
                match text
                    .char_indices()
                    .rev()
                    .find(|(_, ch)| matches!(ch, '؛' | ';' | '،' | ','))
                {
                    Some((i, ch)) => format!("{} {c}", &text[..i + ch.len_utf8()]),
                    None => c,
                }
            }),
            _ => None,
        };
        if let Some(t) = replacement
            && !self.locked()
        {
            self.fields[self.focus].editor.set_text(&t);
            self.after_edit();
        }
        // Enter on units an import proposed confirms them.
        if let Some(Kind::Units(i)) = kind
            && !self.locked()
            && let Some(r) = self.meeting.resolutions.get_mut(i)
            && r.units_inferred
        {
            r.units_inferred = false;
            self.mark_dirty();
            self.message = Some(Msg::info(
                format!("مسئول مصوبه {} تأیید شد", self.digits.format(i + 1)),
                format!("units of resolution {} confirmed", i + 1),
            ));
        }
        // The agenda is typed as a list: Enter on the last item opens the next
        // one; Enter on that one while still empty removes it and moves on.
        if let Some(Kind::Agenda(i)) = kind
            && i + 1 == self.meeting.agenda.len()
            && !self.locked()
        {
            if !text.trim().is_empty() {
                return self.add(store, Action::AddAgenda);
            }
            if i > 0 && self.meeting.remove_agenda_item(i).is_ok() {
                self.mark_dirty();
                self.rebuild(Some(Kind::Agenda(i - 1)));
            }
        }
        self.focus_to(store, self.focus + 1);
    }

    fn add(&mut self, store: &dyn Archive, action: Action) {
        if self.refuse_if_final() {
            return;
        }
        self.commit_units(store, self.focus);
        let now = Utc::now();
        let focus = match action {
            Action::AddAttendee => {
                self.meeting.attendees.push(Attendee {
                    person: Person::default(),
                    presence: Presence::Present,
                });
                Kind::Attendee(self.meeting.attendees.len() - 1)
            }
            Action::AddAgenda => {
                self.meeting.agenda.push(AgendaItem {
                    text: String::new(),
                });
                Kind::Agenda(self.meeting.agenda.len() - 1)
            }
            Action::AddDiscussion => {
                let agenda_item = self.meeting.discussion.last().and_then(|d| d.agenda_item);
                self.meeting.discussion.push(DiscussionEntry {
                    speaker: String::new(),
                    agenda_item,
                    text: String::new(),
                    typed_at: crate::model::serde_time::to_millis(now),
                });
                Kind::Speaker(self.meeting.discussion.len() - 1)
            }
            Action::AddResolution => match self.meeting.add_resolution("") {
                Ok(_) => Kind::Resolution(self.meeting.resolutions.len() - 1),
                Err(e) => {
                    self.message = Some(Msg::error(e));
                    return;
                }
            },
            _ => return,
        };
        self.mark_dirty();
        self.rebuild(Some(focus));
    }

    /// Finalises the minutes (after the checklist) and saves.
    pub fn finalise(&mut self, store: &dyn Archive, by: &str) {
        self.commit_units(store, self.focus);
        self.meeting.finalise(Utc::now(), by);
        self.mark_dirty();
        self.save_now(store);
        self.message = Some(Msg::info("صورتجلسه نهایی شد", "minutes finalised"));
    }

    /// Puts the cursor where a checklist line points.
    pub fn go_to(&mut self, store: &dyn Archive, spot: Spot) {
        let kind = match spot {
            Spot::ResolutionText(i) => Kind::Resolution(i),
            Spot::ResolutionUnits(i) => Kind::Units(i),
            Spot::ResolutionDeadline(i) => Kind::Deadline(i),
            Spot::Chair => Kind::Chair,
            Spot::Secretary => Kind::Secretary,
            Spot::Attendance => return self.jump(store, Section::Attendance),
        };
        if let Some(i) = self.fields.iter().position(|f| f.kind == kind) {
            self.focus_to(store, i);
        }
    }

    /// The row Alt+X would delete, named as its label reads («مصوبه ۳ / Resolution
    /// 3»), or `None` where there is nothing to delete.
    fn row_to_delete(&self) -> Option<String> {
        let row = match self.focused_kind()? {
            Kind::Attendee(i) => Kind::Attendee(i),
            Kind::Agenda(i) => Kind::Agenda(i),
            Kind::Speaker(i) | Kind::Discussion(i) | Kind::Item(i) => Kind::Speaker(i),
            Kind::Resolution(i) | Kind::Units(i) | Kind::Deadline(i) => Kind::Resolution(i),
            _ => return None,
        };
        Some(row.label(&self.meeting, self.digits))
    }

    /// Deletes the row under the cursor (after the question Alt+X asks).
    pub fn delete_entry(&mut self) -> bool {
        if self.refuse_if_final() {
            return false;
        }
        let kind = self.focused_kind();
        let m = &mut self.meeting;
        let focus = match kind {
            Some(Kind::Attendee(i)) if i < m.attendees.len() => {
                m.attendees.remove(i);
                Kind::Attendee(i.saturating_sub(1))
            }
            Some(Kind::Agenda(i)) => {
                if let Err(e) = m.remove_agenda_item(i) {
                    self.message = Some(Msg::error(e));
                    return false;
                }
                Kind::Agenda(i.saturating_sub(1))
            }
            Some(Kind::Speaker(i) | Kind::Discussion(i) | Kind::Item(i))
                if i < m.discussion.len() =>
            {
                m.discussion.remove(i);
                Kind::Speaker(i.saturating_sub(1))
            }
            Some(Kind::Resolution(i) | Kind::Units(i) | Kind::Deadline(i)) => {
                if let Err(e) = m.remove_resolution(i) {
                    self.message = Some(Msg::error(e));
                    return false;
                }
                Kind::Resolution(i.saturating_sub(1))
            }
            _ => {
                self.message = Some(Msg::info(
                    "این فیلد ردیف حذف‌شدنی نیست",
                    "nothing to delete here",
                ));
                return false;
            }
        };
        self.mark_dirty();
        self.rebuild(Some(focus));
        true
    }

    fn move_entry(&mut self, down: bool) {
        if self.refuse_if_final() {
            return;
        }
        let Some(Kind::Resolution(i) | Kind::Units(i) | Kind::Deadline(i)) = self.focused_kind()
        else {
            self.message = Some(Msg::info(
                "جابه‌جایی برای مصوبات است",
                "only resolutions move",
            ));
            return;
        };
        let to = if down { i + 1 } else { i.wrapping_sub(1) };
        if self.meeting.move_resolution(i, to).is_ok() {
            self.mark_dirty();
            self.rebuild(Some(Kind::Resolution(to)));
        }
    }

    fn jump(&mut self, store: &dyn Archive, section: Section) {
        if let Some(i) = self.fields.iter().position(|f| f.kind.section() == section) {
            self.focus_to(store, i);
            self.show_section(section);
        } else {
            self.message = Some(Msg::info(
                format!(
                    "«{}» هنوز ردیفی ندارد",
                    crate::lang::Lang::Fa.pick(section.title())
                ),
                format!(
                    "«{}»: nothing there yet",
                    crate::lang::Lang::En.pick(section.title())
                ),
            ));
        }
    }

    /// Handles an action; returns false for the ones the app handles (close…).
    /// The screen's keys: leaving, export, reopening, a follow-up; the rest edit
    /// the minutes ([`Self::update`]).
    pub fn on_action(&mut self, cx: &mut Cx, action: Action) -> Vec<Effect> {
        match action {
            Action::Close => vec![Effect::Back],
            Action::NotifyLetters => {
                self.close(cx.store);
                crate::ui::effect::letters_dialog(
                    cx,
                    crate::ui::screens::letters_dialog::Source::Notify(self.meeting.id),
                )
            }
            Action::Export => {
                self.close(cx.store);
                match ExportDialog::open(cx.store, self.meeting.id) {
                    Ok(d) => vec![Effect::Dialog(Dialog::Export(Box::new(d)))],
                    Err(e) => vec![Effect::Status(Msg::error(e))],
                }
            }
            Action::Reopen | Action::Finalise | Action::DeleteEntry | Action::FollowUp
                if self.held_by.is_some() =>
            {
                self.refuse_if_final();
                status(self.message.take())
            }
            Action::Reopen if self.meeting.is_final() => vec![
                Effect::Dialog(Dialog::Prompt(Prompt::reopen())),
                Effect::Status(Msg::info(
                    "دلیل بازگشایی را بنویسید و Enter بزنید",
                    "type the reason, then Enter",
                )),
            ],
            Action::Reopen => vec![Effect::Status(Msg::info(
                "صورتجلسه نهایی نیست",
                "the minutes are not final",
            ))],
            Action::History => {
                let (saves, problem) = match cx.store.saves(self.meeting.id) {
                    Ok(s) => (s, None),
                    Err(e) => (Vec::new(), Some(Effect::Status(Msg::error(e)))),
                };
                let panel = crate::ui::screens::history::HistoryPanel::new(
                    &self.meeting,
                    &saves,
                    self.digits,
                );
                let mut effects = vec![Effect::Dialog(Dialog::History(panel))];
                effects.extend(problem);
                effects
            }
            // Finalising checks first; with anything to say, the checklist opens.
            Action::Finalise if !self.meeting.is_final() => {
                self.commit_units(cx.store, self.focus);
                let problems = self.meeting.finalise_problems(self.digits);
                if problems.is_empty() {
                    self.finalise(cx.store, cx.user);
                    status(self.message.take())
                } else {
                    let c = Checklist::new(problems);
                    let summary = c.summary(self.digits);
                    vec![
                        Effect::Dialog(Dialog::Checklist(c)),
                        Effect::Status(summary),
                    ]
                }
            }
            Action::Finalise => status(Some(Msg::info(
                "صورتجلسه پیش‌تر نهایی شده است",
                "the minutes are final already",
            ))),
            // Deleting a row asks first; the answer (Enter) deletes it.
            Action::DeleteEntry if !self.meeting.is_final() => match self.row_to_delete() {
                Some(row) => vec![Effect::Dialog(Dialog::Confirm(Confirm::DeleteRow(row)))],
                None => status(Some(Msg::info(
                    "این فیلد ردیف حذف‌شدنی نیست",
                    "nothing to delete here",
                ))),
            },
            Action::DeleteEntry => {
                self.refuse_if_final();
                status(self.message.take())
            }
            Action::FollowUp if self.focused_resolution().is_some() => {
                vec![Effect::Dialog(Dialog::FollowUp(Box::new(
                    FollowUpForm::new(Local::now().date_naive(), cx.digits, 1),
                )))]
            }
            Action::FollowUp => vec![Effect::Status(Msg::info(
                "مکان‌نما را روی یک مصوبه ببرید",
                "put the cursor on a resolution",
            ))],
            a => {
                self.update(cx.store, a);
                status(self.message.take())
            }
        }
    }

    pub fn update(&mut self, store: &dyn Archive, action: Action) -> bool {
        let editing = !self.locked();
        match action {
            Action::NextField => self.focus_to(store, self.focus + 1),
            Action::PrevField => self.focus_to(store, self.focus.saturating_sub(1)),
            Action::Accept => self.accept(store),
            Action::Save => {
                self.commit_units(store, self.focus);
                self.save_now(store);
            }
            Action::AddAttendee
            | Action::AddAgenda
            | Action::AddDiscussion
            | Action::AddResolution => self.add(store, action),
            Action::MoveEntryUp => self.move_entry(false),
            Action::MoveEntryDown => self.move_entry(true),
            Action::TogglePresence => {
                if let Some(Kind::Attendee(i)) = self.focused_kind()
                    && !self.refuse_if_final()
                    && let Some(a) = self.meeting.attendees.get_mut(i)
                {
                    a.presence = fields::next_presence(a.presence);
                    self.mark_dirty();
                }
            }
            Action::JumpHeader => self.jump(store, Section::Header),
            Action::JumpAttendance => self.jump(store, Section::Attendance),
            Action::JumpAgenda => self.jump(store, Section::Agenda),
            Action::JumpDiscussion => self.jump(store, Section::Discussion),
            Action::JumpResolutions => self.jump(store, Section::Resolutions),
            Action::InsertZwnj => self.type_text("\u{200c}"),
            Action::Newline
            | Action::Undo
            | Action::Redo
            | Action::Backspace
            | Action::DeleteChar
            | Action::ClearField
            | Action::DeleteWordBack => self.edit_text(action, editing),
            Action::CursorLeft
            | Action::CursorRight
            | Action::WordLeft
            | Action::WordRight
            | Action::LineStart
            | Action::LineEnd
            | Action::CursorUp
            | Action::CursorDown
            | Action::PageUp
            | Action::PageDown => self.move_cursor(store, action),
            _ => return false,
        }
        true
    }

    /// The keys that change the focused field's text (refused on final minutes).
    fn edit_text(&mut self, action: Action, editing: bool) {
        if !editing {
            self.refuse_if_final();
            return;
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        let changed = match action {
            Action::Newline => f.editor.newline(),
            Action::Undo => f.editor.undo(),
            Action::Redo => f.editor.redo(),
            Action::ClearField => f.editor.clear(),
            Action::DeleteWordBack => f.editor.delete_word_back(),
            Action::Backspace => f.editor.backspace(),
            Action::DeleteChar => f.editor.delete(),
            _ => false,
        };
        if changed {
            self.after_edit();
        }
    }

    /// The keys that move the cursor, within the field or to the next one.
    fn move_cursor(&mut self, store: &dyn Archive, action: Action) {
        match action {
            Action::CursorLeft
            | Action::CursorRight
            | Action::WordLeft
            | Action::WordRight
            | Action::LineStart
            | Action::LineEnd => {
                if let Some(f) = self.fields.get_mut(self.focus) {
                    match action {
                        Action::CursorLeft => f.editor.left(),
                        Action::CursorRight => f.editor.right(),
                        Action::WordLeft => f.editor.word_left(),
                        Action::WordRight => f.editor.word_right(),
                        Action::LineStart => f.editor.home(),
                        _ => f.editor.end(),
                    }
                }
                self.ensure_visible();
            }
            Action::CursorUp | Action::CursorDown | Action::PageUp | Action::PageDown => {
                let rows = match action {
                    Action::CursorUp => -1,
                    Action::CursorDown => 1,
                    Action::PageUp => -i32::from(self.page_height.max(2) - 1),
                    _ => i32::from(self.page_height.max(2) - 1),
                };
                let moved = self
                    .fields
                    .get_mut(self.focus)
                    .is_some_and(|f| f.editor.vertical(rows.signum()));
                if !moved || rows.abs() > 1 {
                    let target = if rows < 0 {
                        self.focus
                            .saturating_sub(rows.unsigned_abs() as usize / 2 + 1)
                    } else {
                        (self.focus + rows as usize / 2 + 1).min(self.fields.len() - 1)
                    };
                    self.focus_to(
                        store,
                        if rows.abs() > 1 {
                            target
                        } else if rows < 0 {
                            self.focus.saturating_sub(1)
                        } else {
                            self.focus + 1
                        },
                    );
                }
                self.ensure_visible();
            }
            _ => {}
        }
    }

    /// Writes the meeting now (transaction + flush). Never panics: a failure is
    /// shown in the header and retried on the next tick.
    pub fn save_now(&mut self, store: &dyn Archive) {
        if self.held_by.is_some() {
            return;
        }
        self.meeting.updated = crate::model::serde_time::to_millis(Utc::now());
        match store.save_meeting(&mut self.meeting) {
            Ok(()) => {
                self.save = SaveState::Saved(Local::now());
                self.dirty_since = None;
                if let Some(dir) = &self.local {
                    crate::ui::spool::saved(dir, self.meeting.id);
                }
            }
            Err(crate::store::StoreError::Leased { holder, .. }) => {
                // Our lease ran out (the network was down) and another took
                // it: the edits wait, kept here, until it is ours again.
                self.message = Some(super::lease::held_message(&holder));
                self.save = SaveState::Failed(holder.clone());
                self.held_by = Some(holder);
            }
            Err(crate::store::StoreError::Conflict { by, at, .. }) => {
                tracing::error!("saving meeting {}: {by} saved it at {at}", self.meeting.id);
                self.save = SaveState::Failed(format!("{by} · {at}"));
                self.conflicted(store, &by, &at);
            }
            Err(e) => {
                tracing::error!("saving meeting {}: {e}", self.meeting.id);
                self.save = SaveState::Failed(e.to_string());
                self.dirty_since = Some(Instant::now());
                // A shared archive out of reach: the text is kept on this
                // computer until a save goes through (said once per outage).
                if let Some(dir) = &self.local {
                    let first = !super::super::spool::is_kept(dir, self.meeting.id);
                    self.message = match super::super::spool::keep(dir, &self.meeting) {
                        Ok(p) if first => Some(Msg::fail(
                            format!(
                                "بایگانی در دسترس نیست؛ ویرایش‌ها روی این رایانه نگه داشته شد \
                                 ({}) و با برگشت اتصال ذخیره می‌شوند",
                                p.display()
                            ),
                            format!(
                                "the archive cannot be reached: your edits are kept on this \
                                 computer ({}) and saved when it answers again",
                                p.display()
                            ),
                        )),
                        Ok(_) => None,
                        Err(io) => Some(Msg::fail(
                            format!("ذخیره نشد و نسخهٔ محلی هم نوشته نشد ({io}): برنامه را نبندید"),
                            format!("not saved, and no local copy either ({io}): do not quit"),
                        )),
                    };
                }
            }
        }
    }

    /// Called regularly: saves when an edit has waited long enough. Returns
    /// whether it did (the header's save state changed).
    pub fn tick(&mut self, store: &dyn Archive, now: Instant) -> bool {
        let renewed = self.renew_lease(store, now);
        if self
            .dirty_since
            .is_some_and(|t| now.duration_since(t) >= SAVE_DELAY)
        {
            // The units being typed are resolved first, so they too survive a crash.
            self.commit_units(store, self.focus);
            self.save_now(store);
            return true;
        }
        renewed
    }

    /// Time until the next save is due, for the event loop's timeout.
    pub fn save_due_in(&self, now: Instant) -> Option<Duration> {
        self.dirty_since
            .map(|t| SAVE_DELAY.saturating_sub(now.duration_since(t)))
    }

    /// Leaving the screen: units committed and everything saved.
    /// Saves what is unsaved and lets the body learn its defaults from its first
    /// meeting: on Esc, on quitting, on a signal, before export, search or the
    /// pending list, whichever way the minutes are left.
    pub fn close(&mut self, store: &dyn Archive) {
        self.leave_field(store);
        if self.dirty_since.is_some() {
            self.save_now(store);
        }
        if let Err(e) = crate::service::learn_body_defaults(store, &self.meeting) {
            self.message = Some(Msg::error(e));
        }
    }

    /// Reopens final minutes with the reason given.
    pub fn reopen(&mut self, store: &dyn Archive, by: &str, reason: &str) {
        match self.meeting.reopen(Utc::now(), by, reason) {
            Ok(()) => {
                self.mark_dirty();
                self.save_now(store);
                self.message = Some(Msg::info("صورتجلسه برای ویرایش باز شد", "minutes reopened"));
            }
            Err(e) => self.message = Some(Msg::error(e)),
        }
    }

    fn clock(&self, now: DateTime<Local>) -> String {
        let started = self
            .meeting
            .start
            .filter(|_| self.meeting.date == now.date_naive())
            .map(|t| (now.naive_local() - self.meeting.date.and_time(t)).num_seconds());
        let secs = started
            .filter(|s| *s >= 0)
            .unwrap_or_else(|| self.opened.elapsed().as_secs() as i64);
        self.digits.apply(&format!(
            "{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ))
    }

    /// The header line: session, body, meeting clock, save state.
    pub fn header(&self, now: DateTime<Local>) -> String {
        use crate::lang::Lang;
        let time = |t: &DateTime<Local>| self.digits.apply(&t.format("%H:%M:%S").to_string());
        let (session, saved, saving, failed, final_, reopened) = match self.lang {
            Lang::Fa => (
                "جلسه",
                "ذخیره شد",
                "در حال ذخیره…",
                "ذخیره نشد",
                " · نهایی (فقط خواندنی)",
                " · بازگشایی‌شده (F10)",
            ),
            Lang::En => (
                "Session",
                "saved",
                "saving…",
                "not saved",
                " · final (read-only)",
                " · reopened (F10)",
            ),
        };
        let save = match &self.save {
            SaveState::Saved(t) => format!("{saved} {}", time(t)),
            SaveState::Pending => saving.into(),
            SaveState::Failed(e) => format!("{failed}: {e}"),
        };
        let held;
        let state = if let Some(holder) = &self.held_by {
            held = match self.lang {
                Lang::Fa => format!(" · در حال ویرایش توسط {holder} (فقط خواندنی)"),
                Lang::En => format!(" · being edited by {holder} (read-only)"),
            };
            held.as_str()
        } else if self.meeting.is_final() {
            final_
        } else if self.meeting.reopenings().next().is_some() {
            reopened
        } else {
            ""
        };
        format!(
            "{session} {} · {} · ⏱ {} · {}{}",
            self.digits.format(self.meeting.number),
            self.body_name,
            self.clock(now),
            save,
            state
        )
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, now: DateTime<Local>) {
        if area.height < 3 {
            return;
        }
        let area = self.render_report(frame, area);
        self.header_drawn
            .get(&self.header(now), area.width, self.mode, true)
            .draw(
                frame.buffer_mut(),
                area.x,
                area.y,
                Style::new().add_modifier(Modifier::BOLD),
            );
        let page = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        let label_x = page.right().saturating_sub(LABEL_WIDTH);
        let editor_area_x = page.x;
        let editor_w = self.editor_width().min(page.width);
        let buf = frame.buffer_mut();
        let mut cursor = None;
        for (y, field, section) in self.page() {
            let Some(i) = field else {
                if y >= self.scroll && y - self.scroll < page.height {
                    let title = self.section_drawn[section as usize].get(
                        &format!("── {} ──", self.lang.pick(section.title())),
                        page.width,
                        self.mode,
                        false,
                    );
                    title.draw(
                        buf,
                        page.right().saturating_sub(title.width()),
                        page.y + y - self.scroll,
                        Style::new().add_modifier(Modifier::BOLD),
                    );
                }
                continue;
            };
            let f = &self.fields[i];
            let rows = Self::field_rows(f);
            if y + rows <= self.scroll || y >= self.scroll + page.height {
                continue;
            }
            let focused = i == self.focus;
            let visible_from = self.scroll.saturating_sub(y);
            let top = page.y + y.saturating_sub(self.scroll);
            if y >= self.scroll {
                // Labels follow the meeting (a presence, a resolution's status).
                let written = f.kind.label(&self.meeting, self.digits);
                let label =
                    f.label_drawn
                        .get(self.lang.pick(&written), LABEL_WIDTH - 1, self.mode, false);
                let style = if focused {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new().add_modifier(Modifier::DIM)
                };
                label.draw(
                    buf,
                    label_x + (LABEL_WIDTH - 1).saturating_sub(label.width()),
                    top,
                    style,
                );
            }
            let text_rows = f.editor.height().saturating_sub(visible_from);
            let avail = (page.bottom() - top).min(text_rows);
            let area = Rect {
                x: editor_area_x,
                y: top,
                width: editor_w,
                height: avail,
            };
            f.editor.draw(buf, area, visible_from, Style::new());
            if focused {
                let (r, c) = f.editor.cursor_pos();
                if r >= visible_from && r - visible_from < avail {
                    cursor = Some((
                        editor_area_x + c.min(editor_w.saturating_sub(1)),
                        top + r - visible_from,
                    ));
                }
            }
            if let Some(note) = &f.note {
                let ny = y + f.editor.height();
                if ny >= self.scroll && ny - self.scroll < page.height {
                    let text = f.note_drawn.get(note, editor_w, self.mode, false);
                    text.draw(
                        buf,
                        editor_area_x + editor_w.saturating_sub(text.width()),
                        page.y + ny - self.scroll,
                        Style::new().add_modifier(Modifier::ITALIC),
                    );
                }
            }
        }
        if let Some((x, y)) = cursor {
            frame.set_cursor_position((x, y));
        }
    }

    /// The import report, in a side pane on the left while it is wanted; returns
    /// the area left for the minutes.
    fn render_report(&self, frame: &mut Frame, area: Rect) -> Rect {
        if self.report.is_empty() || area.width < 100 {
            area
        } else {
            let pane_w = area.width / 3;
            let pane = Rect {
                width: pane_w,
                ..area
            };
            let block = ratatui::widgets::Block::bordered();
            let inner = block.inner(pane);
            frame.render_widget(block, pane);
            crate::ui::widgets::right_title(
                frame.buffer_mut(),
                pane,
                self.lang.pick(" گزارش ورود / import report "),
                self.mode,
            );
            let mut y = inner.y;
            for line in &self.report {
                for l in crate::text::layout::to_screen(line, inner.width, self.mode).lines() {
                    if y < inner.bottom() {
                        frame.buffer_mut().set_string(inner.x, y, l, Style::new());
                        y += 1;
                    }
                }
            }
            Rect {
                x: area.x + pane_w,
                width: area.width - pane_w,
                ..area
            }
        }
    }

    /// The resolution (index) whose text, units or deadline has the cursor.
    pub fn focused_resolution(&self) -> Option<usize> {
        match self.focused_kind()? {
            Kind::Resolution(i) | Kind::Units(i) | Kind::Deadline(i) => Some(i),
            _ => None,
        }
    }

    /// Records a follow-up on the focused resolution (its status and deadline move
    /// with it) and saves. Allowed on final minutes too: a follow-up is not an edit
    /// of what the meeting decided.
    pub fn add_follow_up(
        &mut self,
        store: &dyn Archive,
        f: crate::model::FollowUp,
    ) -> std::result::Result<(), Msg> {
        let i = self.focused_resolution().ok_or_else(|| {
            Msg::fail(
                "مکان‌نما روی مصوبه نیست",
                "the cursor is not on a resolution",
            )
        })?;
        self.leave_field(store);
        let r = self
            .meeting
            .resolutions
            .get_mut(i)
            .ok_or_else(|| Msg::fail("مصوبه پیدا نشد", "resolution not found"))?;
        let moves_deadline = f.deadline.is_some();
        r.add_follow_up(f);
        // Labels read the status from the meeting. The deadline field keeps the
        // approved date; an extension shows in its note.
        if moves_deadline
            && let Some(field) = self.fields.iter_mut().find(|x| x.kind == Kind::Deadline(i))
        {
            field.note = fields::apply(
                Kind::Deadline(i),
                field.editor.text(),
                &mut self.meeting,
                Local::now().date_naive(),
                &self.work,
                self.digits,
            );
        }
        self.save_now(store);
        match &self.save {
            SaveState::Failed(e) => Err(Msg::error(e)),
            _ => Ok(()),
        }
    }

    /// Puts the cursor on a resolution (number, 1-based): opening it from the
    /// pending list.
    pub fn focus_resolution(&mut self, number: u32) {
        let k = Kind::Resolution(number.saturating_sub(1) as usize);
        if let Some(i) = self.fields.iter().position(|f| f.kind == k) {
            self.focus = i;
            self.ensure_visible();
        }
    }

    /// Puts the cursor on the field of a search hit.
    pub fn focus_place(&mut self, place: crate::store::Place) {
        use crate::store::Place;
        let k = match place {
            Place::Venue => Kind::Place,
            Place::Chair => Kind::Chair,
            Place::Secretary => Kind::Secretary,
            Place::Attendee(i) => Kind::Attendee(i),
            Place::Agenda(i) => Kind::Agenda(i),
            Place::Speaker(i) => Kind::Speaker(i),
            Place::Discussion(i) => Kind::Discussion(i),
            Place::Resolution(i) | Place::FollowUp(i) => Kind::Resolution(i),
            Place::Notes => Kind::Notes,
        };
        if let Some(i) = self.fields.iter().position(|f| f.kind == k) {
            self.focus = i;
            self.ensure_visible();
        }
    }

    /// The meeting's date, for the new-meeting flow's carry-over.
    pub fn date(&self) -> NaiveDate {
        self.meeting.date
    }
}

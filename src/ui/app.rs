//! The application state and its one update path: a key (or paste, or tick)
//! becomes an `Action` through the keymap, `update` changes the state, `render`
//! draws it and changes nothing.

use std::time::{Duration, Instant};

use chrono::{DateTime, Local};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::action::Action;
use super::keymap::{Context, Keymap};
use super::screens::body_form::BodyForm;
use super::screens::dashboard::DashboardScreen;
use super::screens::directory::{DirectoryScreen, Tab};
use super::screens::export_dialog::ExportDialog;
use super::screens::meetings::MeetingsScreen;
use super::screens::minutes::MinutesScreen;
use super::screens::new_meeting::NewMeetingDialog;
use super::screens::pending::{FollowUpForm, PendingScreen};
use super::screens::report::ReportScreen;
use super::screens::search::SearchScreen;
use super::widgets::editor::TextField;
use super::widgets::right_title;
use crate::calendar::WorkWeek;
use crate::lang::Lang;
use crate::store::{Result, Store};
use crate::text::layout::{fit_right, to_screen};
use crate::text::{Digits, RenderMode};

/// The narrowest terminal the layout works in.
pub const MIN_WIDTH: u16 = 60;

pub enum Screen {
    Meetings,
    Minutes(Box<MinutesScreen>),
    Directory(Box<DirectoryScreen>),
    Pending(Box<PendingScreen>),
    Search(Box<SearchScreen>),
    Dashboard(Box<DashboardScreen>),
    Report(Box<ReportScreen>),
}

pub enum Dialog {
    NewMeeting(Box<NewMeetingDialog>),
    /// The reason for reopening final minutes.
    Reopen(TextField),
    /// A name in the directory: renaming the selected record, or a new one.
    Name {
        field: TextField,
        new: bool,
    },
    /// A body's defaults.
    Body(Box<BodyForm>),
    Export(Box<ExportDialog>),
    /// The path of a file to import.
    Import(TextField),
    FollowUp(Box<FollowUpForm>),
}

pub struct App {
    pub keymap: Keymap,
    pub meetings: MeetingsScreen,
    pub screen: Screen,
    pub dialog: Option<Dialog>,
    /// The status line: the last message for the user.
    pub status: Option<String>,
    pub help: bool,
    pub quit: bool,
    /// Rows visible in the list, for page moves; set from the terminal size.
    pub page: usize,
    pub mode: RenderMode,
    pub digits: Digits,
    pub work: WorkWeek,
    pub size: (u16, u16),
    pub now: DateTime<Local>,
    pub lang: Lang,
    /// The list a meeting was opened from (pending, search): Esc in the meeting
    /// goes back there.
    pub came_from: Option<Screen>,
    /// Text for the system clipboard, taken by the event loop (OSC 52).
    pub clipboard: Option<String>,
    /// The font of exported Word files (config `[export] font`).
    pub export_font: String,
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
            screen: Screen::Meetings,
            dialog: None,
            status,
            help: false,
            clipboard: None,
            came_from: None,
            quit: false,
            page: 10,
            mode,
            digits,
            work: WorkWeek::default(),
            size: (120, 40),
            now: Local::now(),
            lang: Lang::Fa,
            export_font: crate::export::docx::DEFAULT_FONT.to_owned(),
        })
    }

    /// Imports a file as a draft meeting and opens it, with the report beside it.
    fn import_file(&mut self, store: &Store, path: &std::path::Path) {
        let today = Local::now().date_naive();
        let (draft, report) = match crate::import::read_file(path, today, &self.work) {
            Ok(r) => r,
            Err(e) => {
                self.status = Some(format!("✗ {e}"));
                return;
            }
        };
        match crate::import::save_draft(store, &draft, None, &path.display().to_string(), today) {
            Ok(m) => {
                self.dialog = None;
                self.reload(store);
                self.open_meeting(store, m.id);
                let mut lines = vec![format!(
                    "{}: جلسه {} / meeting {}",
                    path.display(),
                    self.digits.format(m.number),
                    m.id
                )];
                lines.extend(report.unplaced.iter().map(|(n, l)| {
                    format!(
                        "سطر {} به یادداشت / line {n} to notes: {l}",
                        self.digits.format(*n)
                    )
                }));
                lines.extend(report.warnings.iter().map(|w| format!("⚠ {w}")));
                if report.unplaced.is_empty() && report.warnings.is_empty() {
                    lines.push("همه سطرها جا گرفتند / every line found its place".into());
                }
                if let Screen::Minutes(ms) = &mut self.screen {
                    ms.report = lines;
                }
                self.status =
                    Some("پیش‌نویس واردشده را بررسی کنید / check the imported draft".into());
            }
            Err(e) => self.status = Some(format!("✗ {e}")),
        }
    }

    fn open_export(&mut self, store: &Store, id: u64) {
        match ExportDialog::open(store, id) {
            Ok(d) => self.dialog = Some(Dialog::Export(Box::new(d))),
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    /// Sets the UI language (labels, headers; messages show their half).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.meetings.lang = lang;
        if let Screen::Minutes(m) = &mut self.screen {
            m.lang = lang;
        }
    }

    fn contexts(&self) -> &'static [Context] {
        match (&self.dialog, &self.screen) {
            (Some(_), _) => &[Context::Dialog, Context::Editor],
            (None, Screen::Minutes(_)) => &[Context::Minutes, Context::Editor],
            (None, Screen::Directory(_)) => &[Context::Directory],
            (None, Screen::Pending(p)) if p.query.is_some() => &[Context::Dialog, Context::Editor],
            (None, Screen::Pending(_)) => &[Context::Pending],
            (None, Screen::Search(_)) => &[Context::Dialog, Context::Editor],
            (None, Screen::Dashboard(_)) => &[Context::Dashboard],
            (None, Screen::Report(_)) => &[Context::Report],
            (None, Screen::Meetings) if self.meetings.query.is_some() => {
                &[Context::Dialog, Context::Editor]
            }
            (None, Screen::Meetings) => &[Context::Meetings],
        }
    }

    /// Whether plain characters are typed (a text field has the focus).
    fn typing(&self) -> bool {
        self.dialog.is_some()
            || matches!(self.screen, Screen::Minutes(_))
            || matches!(&self.screen, Screen::Pending(p) if p.query.is_some())
            || matches!(self.screen, Screen::Search(_))
            || self.meetings.query.is_some()
    }

    pub fn on_key(&mut self, store: &Store, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let (KeyCode::Char(c), true, true) = (key.code, plain, self.typing()) {
            // Shift+Space is the ZWNJ key where the terminal reports it.
            if !(c == ' ' && key.modifiers.contains(KeyModifiers::SHIFT)) {
                self.type_text(&c.to_string());
                return;
            }
        }
        if let Some(action) = self.keymap.resolve_in(self.contexts(), key) {
            self.update(store, action);
        }
    }

    /// Pasted text (bracketed paste) goes to the focused field whole.
    pub fn on_paste(&mut self, text: &str) {
        if self.typing() {
            self.type_text(text);
        }
    }

    fn type_text(&mut self, s: &str) {
        match (&mut self.dialog, &mut self.screen) {
            (Some(Dialog::NewMeeting(d)), _) => d.type_text(s),
            (Some(Dialog::Reopen(f)), _)
            | (Some(Dialog::Name { field: f, .. }), _)
            | (Some(Dialog::Import(f)), _) => f.insert(s),
            (Some(Dialog::Body(b)), _) => b.field_mut().insert(s),
            (Some(Dialog::FollowUp(f)), _) => f.fields[f.focus].insert(s),
            (None, Screen::Pending(p)) => {
                if let Some(q) = &mut p.query {
                    q.insert(s);
                    p.refilter();
                }
            }
            (Some(Dialog::Export(e)), _) => {
                e.path.insert(s);
                e.confirm = false;
            }
            (None, Screen::Minutes(m)) => {
                m.type_text(s);
                if let Some(msg) = m.message.take() {
                    self.status = Some(msg);
                }
            }
            (None, Screen::Meetings) => {
                if let Some(q) = &mut self.meetings.query {
                    q.insert(s);
                    self.meetings.refilter();
                }
            }
            (None, Screen::Search(q)) => {
                q.query.insert(s);
                q.query_changed();
            }
            (None, Screen::Directory(_))
            | (None, Screen::Dashboard(_))
            | (None, Screen::Report(_)) => {}
        }
    }

    pub fn on_resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        // Borders, header and status line take four rows.
        self.page = usize::from(height.saturating_sub(4)).max(1);
        if let Screen::Minutes(m) = &mut self.screen {
            m.set_geometry(width, height.saturating_sub(1), self.mode);
        }
    }

    /// Regular work: the clock, and saving edits that have waited long enough.
    pub fn tick(&mut self, store: &Store, now: Instant) {
        self.now = Local::now();
        match &mut self.screen {
            Screen::Minutes(m) => m.tick(store, now),
            Screen::Pending(p) => {
                if let Err(e) = p.tick(store) {
                    self.status = Some(e.to_string());
                }
            }
            Screen::Search(s) => {
                s.poll();
            }
            _ => {}
        }
    }

    /// The pending list, from anywhere (the minutes are saved first).
    fn open_pending(&mut self, store: &Store) {
        if let Screen::Minutes(m) = &mut self.screen {
            m.close(store);
        }
        self.came_from = None;
        let rows = usize::from(self.size.1);
        match PendingScreen::open(store, Local::now().date_naive(), self.digits, rows) {
            Ok(p) => self.screen = Screen::Pending(Box::new(p)),
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    /// Back to the meetings list from a screen that may have changed meetings.
    fn back_to_list(&mut self, store: &Store) {
        self.screen = Screen::Meetings;
        self.reload(store);
    }

    /// Full-text search, from anywhere (the minutes are saved first).
    fn open_search(&mut self, store: &Store) {
        if let Screen::Minutes(m) = &mut self.screen {
            m.close(store);
        }
        self.came_from = None;
        match SearchScreen::open(store, self.digits) {
            Ok(s) => self.screen = Screen::Search(Box::new(s)),
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    /// Opens the meeting of a search hit at the hit's section or resolution.
    fn open_hit(&mut self, store: &Store, hit: &crate::store::SearchHit) {
        self.open_meeting_from_list(store, hit.meeting);
        if let Screen::Minutes(m) = &mut self.screen {
            m.focus_place(hit.place);
        }
    }

    /// How long the event loop may sleep before the next tick is due.
    pub fn next_tick_in(&self, now: Instant) -> Duration {
        let save = match &self.screen {
            Screen::Minutes(m) => m.save_due_in(now),
            // While the pending list is loading, the next chunk is due at once.
            Screen::Pending(p) if !p.loaded => Some(Duration::ZERO),
            // While a search runs, look for its answer often.
            Screen::Search(s) if s.searching() => Some(Duration::from_millis(10)),
            _ => None,
        };
        save.unwrap_or(Duration::from_secs(1))
            .min(Duration::from_secs(1))
    }

    /// Saves whatever is unsaved: before quitting, on a signal, after a panic.
    pub fn save_all(&mut self, store: &Store) {
        if let Screen::Minutes(m) = &mut self.screen {
            m.close(store);
        }
    }

    fn open_meeting(&mut self, store: &Store, id: u64) {
        match store.meeting(id) {
            Ok(Some(meeting)) => {
                let has_controls = {
                    use crate::model::StripControls;
                    meeting.clone().strip_controls()
                };
                match MinutesScreen::open(store, meeting, self.work.clone(), self.digits, self.mode)
                {
                    Ok(mut m) => {
                        m.lang = self.lang;
                        m.set_geometry(self.size.0, self.size.1.saturating_sub(1), self.mode);
                        self.screen = Screen::Minutes(Box::new(m));
                        if has_controls {
                            self.status = Some(
                                "نویسه‌های کنترلی (␛) در متن ذخیره‌شده هست؛ در ذخیره بعدی حذف می‌شوند \
                                 / control characters (␛) in the stored text: the next save drops them"
                                    .into(),
                            );
                        }
                    }
                    Err(e) => self.status = Some(e.to_string()),
                }
            }
            Ok(None) => self.status = Some(format!("جلسه {id} پیدا نشد / meeting {id} not found")),
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    /// Back to the list: everything saved, the body's defaults learnt from its first
    /// meeting, the list reloaded.
    fn close_minutes(&mut self, store: &Store) {
        if let Screen::Minutes(m) = &mut self.screen {
            m.close(store);
            if let Some(msg) = m.message.take() {
                self.status = Some(msg);
            }
        }
        match self.came_from.take() {
            Some(Screen::Pending(mut p)) => {
                if let Err(e) = p.reload(store) {
                    self.status = Some(e.to_string());
                }
                self.screen = Screen::Pending(p);
            }
            Some(Screen::Search(mut s)) => {
                // The meeting may have changed: ask again, keeping the place.
                let selected = s.selected;
                s.query_changed();
                s.keep_selection(selected);
                self.screen = Screen::Search(s);
            }
            _ => {
                // Only the meeting left has changed: one row read, the list's
                // search, filter and selection kept.
                let id = match &self.screen {
                    Screen::Minutes(m) => Some(m.meeting.id),
                    _ => None,
                };
                self.screen = Screen::Meetings;
                if let Some(Err(e)) = id.map(|id| self.meetings.refresh(store, id)) {
                    self.status = Some(e.to_string());
                }
            }
        }
    }

    /// Opens a meeting from a list, remembering the list for the way back.
    fn open_meeting_from_list(&mut self, store: &Store, id: u64) {
        let list = std::mem::replace(&mut self.screen, Screen::Meetings);
        self.open_meeting(store, id);
        if matches!(self.screen, Screen::Minutes(_)) {
            self.came_from = Some(list);
        } else {
            self.screen = list;
        }
    }

    /// The meetings list after meetings were added or changed: every row read
    /// again, the search, body filter and selected meeting kept.
    fn reload(&mut self, store: &Store) {
        if let Err(e) = self.meetings.reload(store) {
            self.status = Some(e.to_string());
        }
    }

    pub fn update(&mut self, store: &Store, action: Action) {
        if action == Action::Quit {
            self.save_all(store);
            self.quit = true;
            return;
        }
        if action == Action::Help {
            self.help = !self.help;
            return;
        }
        if self.help && action == Action::Close {
            self.help = false;
            return;
        }
        if let Some(dialog) = &mut self.dialog {
            match (dialog, action) {
                (_, Action::Close) => self.dialog = None,
                (Dialog::NewMeeting(d), Action::TogglePresence) => d.carry_over = !d.carry_over,
                (Dialog::NewMeeting(d), Action::NextField) => {
                    d.focus = (d.focus + 1) % d.fields.len()
                }
                (Dialog::NewMeeting(d), Action::PrevField) => {
                    d.focus = (d.focus + d.fields.len() - 1) % d.fields.len()
                }
                (Dialog::NewMeeting(d), Action::Accept) => {
                    if d.accept_field() {
                        match d.create(store, &self.work) {
                            Ok(m) => {
                                self.dialog = None;
                                self.reload(store);
                                self.open_meeting(store, m.id);
                                self.status = Some(format!(
                                    "جلسه {} ساخته شد / meeting created",
                                    self.digits.format(m.number)
                                ));
                            }
                            Err(e) => d.error = Some(format!("✗ {e}")),
                        }
                    }
                }
                (Dialog::NewMeeting(d), a) => edit_field(d.field_mut(), a),
                (Dialog::Reopen(f), Action::Accept) => {
                    let reason = f.text().to_owned();
                    if let Screen::Minutes(m) = &mut self.screen {
                        m.reopen(store, &reason);
                        self.status = m.message.take();
                    }
                    if matches!(&self.screen, Screen::Minutes(m) if !m.meeting.is_final()) {
                        self.dialog = None;
                    }
                }
                (Dialog::Reopen(f), a) => edit_field(f, a),
                (Dialog::Name { field, new }, Action::Accept) => {
                    let (text, new) = (field.text().to_owned(), *new);
                    if let Screen::Directory(d) = &mut self.screen {
                        match d.save_name(store, &text, new) {
                            Ok(()) => {
                                self.dialog = None;
                                self.status = Some("ذخیره شد / saved".into());
                            }
                            Err(e) => self.status = Some(format!("✗ {e}")),
                        }
                    }
                }
                (Dialog::Name { field, .. }, a) => edit_field(field, a),
                (Dialog::Body(b), Action::NextField) => b.focus = (b.focus + 1) % b.fields.len(),
                (Dialog::Body(b), Action::PrevField) => {
                    b.focus = (b.focus + b.fields.len() - 1) % b.fields.len()
                }
                (Dialog::Body(b), Action::Newline) => {
                    b.field_mut().newline();
                }
                (Dialog::Body(b), Action::Accept) => match b.save(store) {
                    Ok(()) => {
                        self.dialog = None;
                        if let Screen::Directory(d) = &mut self.screen {
                            let _ = d.reload(store);
                        }
                        self.status = Some("ذخیره شد / saved".into());
                    }
                    Err(e) => self.status = Some(format!("✗ {e}")),
                },
                (Dialog::Body(b), a) => edit_field(b.field_mut(), a),
                (Dialog::Export(e), Action::TogglePresence) => e.next_format(),
                (Dialog::Export(e), Action::Accept) => match e.write(store, &self.export_font) {
                    Ok(Some(ask)) => self.status = Some(ask),
                    Ok(None) => {
                        self.status = Some(format!("{} نوشته شد / written", e.path.text()));
                        self.dialog = None;
                    }
                    Err(err) => self.status = Some(format!("✗ {err}")),
                },
                (Dialog::Import(f), Action::Accept) => {
                    let path = std::path::PathBuf::from(f.text().trim());
                    self.import_file(store, &path);
                }
                (Dialog::Import(f), a) => edit_field(f, a),
                (Dialog::FollowUp(f), Action::NextField) => {
                    f.focus = (f.focus + 1) % f.fields.len()
                }
                (Dialog::FollowUp(f), Action::PrevField) => {
                    f.focus = (f.focus + f.fields.len() - 1) % f.fields.len()
                }
                (Dialog::FollowUp(f), Action::TogglePresence) => f.cycle_status(),
                (Dialog::FollowUp(f), Action::Newline) => {
                    f.fields[f.focus].newline();
                }
                (Dialog::FollowUp(f), Action::Accept) => {
                    let today = Local::now().date_naive();
                    match (f.follow_up(today, &self.work), &mut self.screen) {
                        (Ok(fu), Screen::Pending(p)) => match p.apply_follow_up(store, &fu) {
                            Ok(n) => {
                                self.status = Some(format!(
                                    "پیگیری برای {} مصوبه ثبت شد / follow-up recorded",
                                    self.digits.format(n)
                                ));
                                self.dialog = None;
                            }
                            Err(e) => self.status = Some(format!("✗ {e}")),
                        },
                        (Ok(fu), Screen::Minutes(m)) => match m.add_follow_up(store, fu) {
                            Ok(()) => {
                                self.status = Some("پیگیری ثبت شد / follow-up recorded".into());
                                self.dialog = None;
                            }
                            Err(e) => self.status = Some(format!("✗ {e}")),
                        },
                        (Err(e), _) => self.status = Some(format!("✗ {e}")),
                        _ => self.dialog = None,
                    }
                }
                (Dialog::FollowUp(f), a) => edit_field(&mut f.fields[f.focus], a),
                (Dialog::Export(e), a) => {
                    edit_field(&mut e.path, a);
                    e.confirm = false;
                }
            }
            return;
        }
        if action == Action::Pending && !matches!(self.screen, Screen::Pending(_)) {
            self.open_pending(store);
            return;
        }
        if action == Action::SearchAll && !matches!(self.screen, Screen::Search(_)) {
            self.open_search(store);
            return;
        }
        match &mut self.screen {
            Screen::Report(r) => match action {
                Action::Close => self.back_to_list(store),
                Action::Up => r.scroll_by(-1),
                Action::Down => r.scroll_by(1),
                Action::PageUp => r.scroll_by(-(self.page as isize)),
                Action::PageDown => r.scroll_by(self.page as isize),
                Action::FilterBody => {
                    if let Err(e) = r.next_body(store) {
                        self.status = Some(e.to_string());
                    }
                }
                Action::Copy if r.text.is_empty() => {
                    self.status = Some("چیزی برای رونوشت نیست / nothing to copy".into());
                }
                Action::Copy => {
                    self.clipboard = Some(r.text.clone());
                    self.status = Some("گزارش در حافظه رونوشت شد / the report is on the clipboard".into());
                }
                _ => {}
            },
            Screen::Dashboard(d) => match action {
                Action::Close => self.back_to_list(store),
                Action::Up => d.scroll_by(-1),
                Action::Down => d.scroll_by(1),
                Action::PageUp => d.scroll_by(-(self.page as isize)),
                Action::PageDown => d.scroll_by(self.page as isize),
                _ => {}
            },
            Screen::Search(s) => match action {
                Action::Close => self.back_to_list(store),
                Action::Accept | Action::Open => {
                    if let Some(hit) = s.selected_hit().cloned() {
                        self.open_hit(store, &hit);
                    }
                }
                Action::Up | Action::CursorUp => s.move_by(-1),
                Action::Down | Action::CursorDown => s.move_by(1),
                Action::PageUp => s.move_by(-(self.page as isize)),
                Action::PageDown => s.move_by(self.page as isize),
                a => {
                    let before = s.query.text().to_owned();
                    edit_field(&mut s.query, a);
                    if s.query.text() != before {
                        s.query_changed();
                    }
                }
            },
            Screen::Pending(p) if p.query.is_some() => match action {
                Action::Close => {
                    p.query = None;
                    p.refilter();
                }
                Action::Accept => p.query = None,
                a => {
                    if let Some(q) = &mut p.query {
                        edit_field(q, a);
                    }
                    p.refilter();
                }
            },
            Screen::Pending(p) => match action {
                Action::Close => self.back_to_list(store),
                Action::Open => {
                    if let Some((id, number)) = p.selected_row().map(|r| (r.at.meeting, r.number)) {
                        self.open_meeting_from_list(store, id);
                        if let Screen::Minutes(m) = &mut self.screen {
                            m.focus_resolution(number);
                        }
                    }
                }
                Action::CycleRange => p.cycle_range(),
                Action::CycleStatus => p.cycle_status(),
                Action::FilterBody => p.cycle_body(),
                Action::FilterUnit => p.cycle_unit(),
                Action::Search => p.query = Some(TextField::new("", false)),
                Action::GroupByUnit => {
                    p.group_by_unit = !p.group_by_unit;
                    p.refilter();
                    if p.group_by_unit {
                        let counts: Vec<String> = p
                            .unit_counts()
                            .iter()
                            .take(6)
                            .map(|(u, n)| format!("{u}: {}", self.digits.format(*n)))
                            .collect();
                        self.status = Some(counts.join("   "));
                    }
                }
                Action::Mark => {
                    p.toggle_mark();
                    p.move_by(1);
                    p.load_detail(store);
                }
                Action::FollowUp => {
                    let n = p.targets().len();
                    if n > 0 {
                        self.dialog = Some(Dialog::FollowUp(Box::new(FollowUpForm::new(
                            Local::now().date_naive(),
                            self.digits,
                            n,
                        ))));
                    }
                }
                Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last => {
                    let page = self.page as isize;
                    match action {
                        Action::Up => p.move_by(-1),
                        Action::Down => p.move_by(1),
                        Action::PageUp => p.move_by(-page),
                        Action::PageDown => p.move_by(page),
                        Action::First => p.move_by(isize::MIN / 2),
                        _ => p.move_by(isize::MAX / 2),
                    }
                    p.load_detail(store);
                }
                _ => {}
            },
            Screen::Directory(d) => match action {
                Action::Close => self.back_to_list(store),
                Action::Edit => {
                    if let Some(row) = d.selected_row() {
                        let body = if d.tab == Tab::Bodies {
                            store.body(row.id).ok().flatten()
                        } else {
                            None
                        };
                        self.dialog = Some(match body {
                            Some(b) => match BodyForm::open(store, &b) {
                                Ok(f) => Dialog::Body(Box::new(f)),
                                Err(e) => {
                                    self.status = Some(e.to_string());
                                    return;
                                }
                            },
                            None => Dialog::Name { field: TextField::new(&row.name, false), new: false },
                        });
                    }
                }
                Action::NewMeeting => self.dialog = Some(Dialog::Name { field: TextField::new("", false), new: true }),
                a => {
                    if let Some(msg) = d.update(store, a, self.page) {
                        self.status = Some(msg);
                    }
                }
            },
            Screen::Minutes(m) => match action {
                Action::Close => self.close_minutes(store),
                Action::Export => {
                    m.close(store);
                    let id = m.meeting.id;
                    self.open_export(store, id);
                }
                Action::Reopen if m.meeting.is_final() => {
                    self.dialog = Some(Dialog::Reopen(TextField::new("", false)));
                    self.status = Some("دلیل بازگشایی را بنویسید و Enter بزنید / type the reason, then Enter".into());
                }
                Action::Reopen => self.status = Some("صورتجلسه نهایی نیست / the minutes are not final".into()),
                Action::FollowUp if m.focused_resolution().is_some() => {
                    self.dialog = Some(Dialog::FollowUp(Box::new(FollowUpForm::new(
                        Local::now().date_naive(),
                        self.digits,
                        1,
                    ))));
                }
                Action::FollowUp => {
                    self.status = Some("مکان‌نما را روی یک مصوبه ببرید / put the cursor on a resolution".into())
                }
                a => {
                    m.update(store, a);
                    if let Some(msg) = m.message.take() {
                        self.status = Some(msg);
                    }
                }
            },
            Screen::Meetings if self.meetings.query.is_some() => match action {
                Action::Close => {
                    self.meetings.query = None;
                    self.meetings.refilter();
                }
                Action::Accept => {
                    self.meetings.query = None;
                    if let Some(id) = self.meetings.selected_id() {
                        self.open_meeting(store, id);
                    }
                }
                a => {
                    if let Some(q) = &mut self.meetings.query {
                        edit_field(q, a);
                    }
                    self.meetings.refilter();
                }
            },
            Screen::Meetings => match action {
                Action::Close => self.status = None,
                Action::Open => {
                    if let Some(id) = self.meetings.selected_id() {
                        self.open_meeting(store, id);
                    }
                }
                Action::NewMeeting => match NewMeetingDialog::new(store, self.digits) {
                    Ok(d) => self.dialog = Some(Dialog::NewMeeting(Box::new(d))),
                    Err(e) => self.status = Some(e.to_string()),
                },
                Action::Search => {
                    self.meetings.query = Some(TextField::new("", false));
                }
                Action::FilterBody => self.meetings.cycle_body(),
                Action::Report => {
                    let body = self
                        .meetings
                        .selected_id()
                        .and_then(|id| store.meeting(id).ok().flatten())
                        .map(|m| m.body);
                    match ReportScreen::open(store, body, Local::now().date_naive(), self.digits) {
                        Ok(r) => self.screen = Screen::Report(Box::new(r)),
                        Err(e) => self.status = Some(e.to_string()),
                    }
                }
                Action::ImportFile => {
                    self.dialog = Some(Dialog::Import(TextField::new("", false)));
                    self.status = Some("مسیر پرونده txt، md یا docx را بنویسید و Enter بزنید / type the path of a .txt, .md or .docx file, then Enter".into());
                }
                Action::Export => {
                    if let Some(id) = self.meetings.selected_id() {
                        self.open_export(store, id);
                    }
                }
                Action::OpenDirectory => match DirectoryScreen::open(store, Tab::Bodies, self.digits) {
                    Ok(d) => self.screen = Screen::Directory(Box::new(d)),
                    Err(e) => self.status = Some(e.to_string()),
                },
                // An empty database has nothing to chart: d loads the demo, as the
                // welcome screen says.
                Action::Dashboard if !store.is_empty() => {
                    match DashboardScreen::open(store, Local::now().date_naive(), self.digits) {
                        Ok(d) => self.screen = Screen::Dashboard(Box::new(d)),
                        Err(e) => self.status = Some(e.to_string()),
                    }
                }
                Action::LoadDemo | Action::Dashboard if store.is_empty() => {
                    let opts = crate::demo::DemoOptions {
                        meetings: 60,
                        seed: 1,
                        today: Local::now().date_naive(),
                    };
                    match crate::demo::generate(store, opts, || {}) {
                        Ok(()) => {
                            self.reload(store);
                            self.status = Some("داده نمونه بارگذاری شد / demo data loaded".into());
                        }
                        Err(e) => self.status = Some(e.to_string()),
                    }
                }
                Action::LoadDemo => {
                    self.status = Some("داده نمونه فقط در پایگاه داده خالی / demo data only goes into an empty database".into())
                }
                other => self.meetings.update(other, self.page),
            },
        }
    }

    /// Draws the state; changes nothing.
    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH {
            let msg = format!(
                "پنجره دست‌کم {} ستون پهنا می‌خواهد / the window needs at least {MIN_WIDTH} columns",
                self.digits.format(MIN_WIDTH)
            );
            let lines: Vec<Line> = to_screen(&msg, area.width, self.mode)
                .lines()
                .map(|l| Line::from(l.to_owned()))
                .collect();
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        let [main, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        match &self.screen {
            Screen::Meetings => self.meetings.render(frame, main, self.mode),
            Screen::Minutes(m) => m.render(frame, main, self.now),
            Screen::Directory(d) => d.render(frame, main, self.mode, self.lang),
            Screen::Pending(p) => p.render(frame, main, self.mode, self.lang),
            Screen::Search(s) => s.render(frame, main, self.mode, self.lang),
            Screen::Dashboard(d) => d.render(frame, main, self.mode, self.lang),
            Screen::Report(r) => r.render(frame, main, self.mode, self.lang),
        }
        // One string per language: the hints name the «/» key, so they cannot be
        // «فارسی / English» pairs.
        let en = self.lang == Lang::En;
        let hint = match (&self.screen, en) {
            (Screen::Meetings, false) => {
                "جلسه تازه n   باز کردن ↵   جست‌وجو /   فهرست‌ها u   راهنما ؟   خروج q"
            }
            (Screen::Meetings, true) => {
                "n new meeting   ↵ open   / search   u directory   ? help   q quit"
            }
            (Screen::Minutes(_), false) => {
                "فیلد بعد Tab   مذاکره Alt+D   مصوبه Alt+R   راهنما F1   بازگشت Esc"
            }
            (Screen::Minutes(_), true) => {
                "Tab next field   Alt+D discussion   Alt+R resolution   F1 help   Esc back"
            }
            (Screen::Directory(_), false) => {
                "فهرست بعد Tab   ویرایش ↵   تازه n   ادغام همزاد m   بازگشت Esc"
            }
            (Screen::Directory(_), true) => {
                "Tab next list   ↵ rename   n new   m merge twin   Esc back"
            }
            (Screen::Pending(_), false) => {
                "پیگیری a   نشان space   بازه مهلت f   وضعیت s   جست‌وجو /   گروه g   باز کردن ↵   بازگشت Esc"
            }
            (Screen::Pending(_), true) => {
                "a follow-up   space mark   f range   s status   / search   g group   ↵ open   Esc back"
            }
            (Screen::Search(_), false) => {
                "عبارت را بنویسید   ردیف ↑ ↓   باز کردن در صورتجلسه ↵   بازگشت Esc"
            }
            (Screen::Report(_), false) => "رونوشت c   کارگروه بعد b   ↑ ↓   بازگشت Esc",
            (Screen::Report(_), true) => "c copy   b next body   ↑ ↓ scroll   Esc back",
            (Screen::Dashboard(_), false) => "واحدهای بیشتر ↑ ↓   راهنما ؟   بازگشت Esc",
            (Screen::Dashboard(_), true) => "↑ ↓ more units   ? help   Esc back",
            (Screen::Search(_), true) => {
                "type to search   ↑ ↓ move   ↵ open in its meeting   Esc back"
            }
        };
        let status_text = match &self.status {
            Some(message) => self.lang.message(message).to_owned(),
            None => hint.to_owned(),
        };
        frame.render_widget(
            Paragraph::new(fit_right(&status_text, status.width, self.mode))
                .style(Style::new().add_modifier(Modifier::REVERSED)),
            status,
        );
        match &self.dialog {
            Some(Dialog::NewMeeting(d)) => d.render(frame, main, self.mode, self.lang),
            Some(Dialog::Body(b)) => b.render(frame, main, self.mode, self.lang),
            Some(Dialog::Export(e)) => e.render(frame, main, self.mode, self.lang),
            Some(Dialog::FollowUp(f)) => f.render(frame, main, self.mode, self.lang),
            Some(Dialog::Reopen(f))
            | Some(Dialog::Name { field: f, .. })
            | Some(Dialog::Import(f)) => {
                let title = self.lang.pick(match &self.dialog {
                    Some(Dialog::Reopen(_)) => " دلیل بازگشایی / reason for reopening ",
                    Some(Dialog::Import(_)) => " ورود از فایل / import from a file ",
                    _ => " نام / name ",
                });
                let r = Rect {
                    x: main.x + 4,
                    y: main.y + main.height / 2,
                    width: main.width.saturating_sub(8),
                    height: 3,
                };
                frame.render_widget(Clear, r);
                let block = Block::bordered();
                let inner = block.inner(r);
                frame.render_widget(block, r);
                right_title(frame.buffer_mut(), r, title, self.mode);
                let mut ed = f.clone();
                ed.set_geometry(inner.width, self.mode);
                ed.draw(frame.buffer_mut(), inner, 0, Style::new());
                let (_, c) = ed.cursor_pos();
                frame
                    .set_cursor_position((inner.x + c.min(inner.width.saturating_sub(1)), inner.y));
            }
            None => {}
        }
        if self.help {
            let area = main.inner(ratatui::layout::Margin::new(4, 2));
            let inner = area.width.saturating_sub(2);
            let lines: Vec<Line> = self
                .keymap
                .bindings_in(self.contexts())
                .into_iter()
                .map(|(action, keys)| {
                    Line::from(fit_right(
                        &format!("{}   {}", self.lang.pick(action.doc()), keys.join("، ")),
                        inner,
                        self.mode,
                    ))
                })
                .collect();
            frame.render_widget(Clear, area);
            frame.render_widget(Paragraph::new(lines).block(Block::bordered()), area);
            right_title(
                frame.buffer_mut(),
                area,
                self.lang.pick(" کلیدها / keys "),
                self.mode,
            );
        }
    }
}

/// Editing keys for a one-line field of a dialog or the search.
fn edit_field(f: &mut TextField, action: Action) {
    match action {
        Action::CursorLeft => f.left(),
        Action::CursorRight => f.right(),
        Action::WordLeft => f.word_left(),
        Action::WordRight => f.word_right(),
        Action::LineStart => f.home(),
        Action::LineEnd => f.end(),
        Action::Backspace => f.backspace(),
        Action::DeleteChar => f.delete(),
        Action::Undo => {
            f.undo();
        }
        Action::Redo => {
            f.redo();
        }
        Action::InsertZwnj => f.insert("\u{200c}"),
        _ => {}
    }
}

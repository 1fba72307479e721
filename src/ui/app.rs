//! The application state and its one update path: a key (or paste, or tick)
//! becomes an `Action` through the keymap; the screen (or the dialog over it)
//! changes its own state and returns [`Effect`]s, which `App` applies; `render`
//! draws the state and changes nothing.

use std::time::{Duration, Instant};

use chrono::{DateTime, Local};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;

use super::action::Action;
pub use super::dialog::Dialog;
use super::effect::Cx;
use super::keymap::{Context, Keymap};
pub use super::msg::Msg;
use super::screens::dashboard::DashboardScreen;
use super::screens::directory::DirectoryScreen;
use super::screens::meetings::MeetingsScreen;
use super::screens::minutes::MinutesScreen;
use super::screens::pending::PendingScreen;
use super::screens::report::ReportScreen;
use super::screens::search::SearchScreen;
use super::widgets::fitted::Fitted;
use crate::calendar::WorkWeek;
use crate::lang::Lang;
use crate::store::{Archive, Result};
use crate::text::{Digits, RenderMode};

/// The contexts of a text being typed: a dialog's field, a search query.
const TYPING: &[Context] = &[Context::Dialog, Context::Editor];

/// How long a status message stays before the key hints come back.
pub const STATUS_LIFETIME: Duration = Duration::from_secs(5);

/// The narrowest terminal the layout works in.
pub const MIN_WIDTH: u16 = 60;

/// The screens. Adding one: its file in `screens/` (state, `on_action`,
/// `render`), a variant here, and its arms in the dispatch below (`contexts`,
/// `typing`, `type_text`, `on_action`, `render`, the hints).
pub enum Screen {
    Meetings,
    Minutes(Box<MinutesScreen>),
    Directory(Box<DirectoryScreen>),
    Pending(Box<PendingScreen>),
    Search(Box<SearchScreen>),
    Dashboard(Box<DashboardScreen>),
    Report(Box<ReportScreen>),
}

pub struct App {
    pub keymap: Keymap,
    pub meetings: MeetingsScreen,
    pub screen: Screen,
    pub dialog: Option<Dialog>,
    /// The status line: the last message for the user.
    pub status: Option<Msg>,
    /// When the status line's message was first drawn; it goes after
    /// [`STATUS_LIFETIME`], and the key hints come back.
    pub(super) status_since: Option<Instant>,
    pub help: bool,
    /// The first line of the help overlay shown (it scrolls).
    pub help_top: usize,
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
    /// The font and official header of Word files, and the letters' settings
    /// (config `[export]`, `[organisation]`, `[letters]`).
    pub letters: crate::export::letter::Settings,
    /// Who is at the keyboard (config `[user] name`, else the login name).
    pub user: String,
    /// Where config.toml lives.
    pub config_dir: Option<std::path::PathBuf>,
    /// The status line as drawn.
    pub(super) status_drawn: Fitted,
    /// What other users save on a shared archive (ui/live.rs).
    pub changes: Option<std::sync::mpsc::Receiver<String>>,
    /// Where edits are kept while the shared archive cannot be reached.
    pub local: Option<std::path::PathBuf>,
}

impl App {
    pub fn new(
        store: &dyn Archive,
        keymap: Keymap,
        status: Option<Msg>,
        mode: RenderMode,
    ) -> Result<App> {
        App::with_digits(store, keymap, status, mode, Digits::Persian)
    }

    /// As [`App::new`], with the digit set of the user's settings.
    pub fn with_digits(
        store: &dyn Archive,
        keymap: Keymap,
        status: Option<Msg>,
        mode: RenderMode,
        digits: Digits,
    ) -> Result<App> {
        Ok(App {
            keymap,
            meetings: MeetingsScreen::load(store, digits)?,
            screen: Screen::Meetings,
            dialog: None,
            status,
            status_since: None,
            help: false,
            help_top: 0,
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
            letters: crate::export::letter::Settings {
                font: crate::export::docx::DEFAULT_FONT.to_owned(),
                ..Default::default()
            },
            user: crate::config::login_name(),
            config_dir: None,
            status_drawn: Fitted::default(),
            changes: None,
            local: None,
        })
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.meetings.lang = lang;
        if let Screen::Minutes(m) = &mut self.screen {
            m.lang = lang;
        }
    }

    pub(super) fn contexts(&self) -> &'static [Context] {
        match self.dialog {
            Some(_) => TYPING,
            None => self.screen_contexts(),
        }
    }

    /// The keymap contexts of the screen itself (its hints use them even while a
    /// dialog is open over it).
    pub(super) fn screen_contexts(&self) -> &'static [Context] {
        match &self.screen {
            Screen::Minutes(_) => &[Context::Minutes, Context::Editor],
            Screen::Directory(_) => &[Context::Directory],
            Screen::Pending(p) if p.query.is_some() => TYPING,
            Screen::Pending(_) => &[Context::Pending],
            Screen::Search(_) => TYPING,
            Screen::Dashboard(_) => &[Context::Dashboard],
            Screen::Report(_) => &[Context::Report],
            Screen::Meetings if self.meetings.query.is_some() => TYPING,
            Screen::Meetings => &[Context::Meetings],
        }
    }

    /// The status line's message in both languages («fa / en»), for tests and
    /// logs.
    pub fn status_text(&self) -> Option<String> {
        self.status.as_ref().map(Msg::both)
    }

    /// Whether plain characters are typed (a text field has the focus).
    fn typing(&self) -> bool {
        self.contexts().contains(&Context::Editor)
    }

    pub fn on_key(&mut self, store: &dyn Archive, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if self.help {
            // The help overlay is modal: only closing it (or quitting) acts; no
            // key reaches the screen or the field below.
            // The arrows and page keys scroll it.
            let page = self.page.max(1);
            match self.keymap.resolve_in(self.contexts(), key) {
                Some(Action::Help | Action::Close) => self.help = false,
                Some(Action::Quit) => self.update(store, Action::Quit),
                Some(Action::Down | Action::CursorDown) => self.help_top += 1,
                Some(Action::Up | Action::CursorUp) => {
                    self.help_top = self.help_top.saturating_sub(1)
                }
                Some(Action::PageDown) => self.help_top += page,
                Some(Action::PageUp) => self.help_top = self.help_top.saturating_sub(page),
                Some(Action::First) => self.help_top = 0,
                _ => {}
            }
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
        if self.typing() && !self.help {
            self.type_text(text);
        }
    }

    fn type_text(&mut self, s: &str) {
        if let Some(d) = &mut self.dialog {
            d.type_text(s);
            return;
        }
        match &mut self.screen {
            Screen::Pending(p) => {
                if let Some(q) = &mut p.query {
                    q.insert(s);
                    p.refilter();
                }
            }
            Screen::Minutes(m) => {
                m.type_text(s);
                if let Some(msg) = m.message.take() {
                    self.status = Some(msg);
                }
            }
            Screen::Meetings => {
                if let Some(q) = &mut self.meetings.query {
                    q.insert(s);
                    self.meetings.refilter();
                }
            }
            Screen::Search(q) => {
                q.query.insert(s);
                q.query_changed();
            }
            Screen::Directory(_) | Screen::Dashboard(_) | Screen::Report(_) => {}
        }
    }

    pub fn on_resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        // Borders, header and status line take four rows.
        self.page = usize::from(height.saturating_sub(4)).max(1);
        if let Screen::Minutes(m) = &mut self.screen {
            m.set_geometry(width, height.saturating_sub(1), self.mode);
        }
        let main = self.main_area();
        if let Some(d) = &mut self.dialog {
            d.set_geometry(main, self.mode);
        }
    }

    /// The area above the status line.
    pub(super) fn main_area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1.saturating_sub(1))
    }

    /// Regular work: the clock, and saving edits that have waited long enough.
    /// Returns whether anything shown changed (the event loop then draws; the
    /// clock's seconds it watches itself).
    pub fn tick(&mut self, store: &dyn Archive, now: Instant) -> bool {
        self.now = Local::now();
        let mut changed = self.take_changes(store);
        // A message lives a few seconds from when it was first there at a tick.
        match (&self.status, self.status_since) {
            (None, _) => self.status_since = None,
            (Some(_), None) => self.status_since = Some(now),
            (Some(_), Some(since)) if now.duration_since(since) >= STATUS_LIFETIME => {
                self.status = None;
                self.status_since = None;
                changed = true;
            }
            _ => {}
        }
        changed
            | match &mut self.screen {
                Screen::Minutes(m) => {
                    let changed = m.tick(store, now);
                    // What a save or the lease had to say (a conflict, another
                    // user taking the minutes) shows at once, not at the next key.
                    if let Some(msg) = m.message.take() {
                        self.status = Some(msg);
                        self.status_since = None;
                    }
                    changed
                }
                Screen::Pending(p) => p.tick(store).unwrap_or_else(|e| {
                    self.status = Some(Msg::error(e));
                    true
                }),
                Screen::Search(s) => s.poll(),
                _ => false,
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
    pub fn save_all(&mut self, store: &dyn Archive) {
        if let Screen::Minutes(m) = &mut self.screen {
            m.close(store);
            m.release_lease(store);
        }
    }

    pub fn update(&mut self, store: &dyn Archive, action: Action) {
        match action {
            Action::Quit => {
                self.save_all(store);
                self.quit = true;
                return;
            }
            Action::Help => {
                self.help = !self.help;
                self.help_top = 0;
                return;
            }
            Action::Close if self.help => {
                self.help = false;
                return;
            }
            _ => {}
        }
        if self.dialog.is_none() && Self::opens_list(&self.screen, action) {
            self.open_list(store, action);
            return;
        }
        let mut cx = Cx {
            store,
            page: self.page,
            digits: self.digits,
            lang: self.lang,
            work: &self.work,
            mode: self.mode,
            letters: &self.letters,
            user: &self.user,
            config_dir: self.config_dir.as_deref(),
        };
        let effects = match (&mut self.dialog, &mut self.screen) {
            (Some(d), screen) => d.on_action(&mut cx, screen, action),
            (None, Screen::Meetings) => self.meetings.on_action(&mut cx, action),
            (None, Screen::Minutes(m)) => m.on_action(&mut cx, action),
            (None, Screen::Directory(d)) => d.on_action(&mut cx, action),
            (None, Screen::Pending(p)) => p.on_action(&mut cx, action),
            (None, Screen::Search(s)) => s.on_action(&mut cx, action),
            (None, Screen::Dashboard(d)) => d.on_action(&mut cx, action),
            (None, Screen::Report(r)) => r.on_action(&mut cx, action),
        };
        self.apply(store, effects);
    }
}

//! Moving between screens: the effects screens and dialogs return, applied; a
//! meeting opened (from the list, the pending list, a search hit) and left again.

use chrono::Local;

use super::action::Action;
use super::app::{App, Screen};
use super::effect::{Effect, Focus};
use super::screens::minutes::MinutesScreen;
use super::screens::pending::PendingScreen;
use super::screens::search::SearchScreen;
use crate::store::Archive;
use crate::ui::msg::Msg;

impl App {
    /// F2 (pending) and F3 (search) open their list from any screen but their own.
    pub(super) fn opens_list(screen: &Screen, action: Action) -> bool {
        match action {
            Action::Pending => !matches!(screen, Screen::Pending(_)),
            Action::SearchAll => !matches!(screen, Screen::Search(_)),
            _ => false,
        }
    }

    /// The pending list or the search, from anywhere (the minutes saved first).
    pub(super) fn open_list(&mut self, store: &dyn Archive, action: Action) {
        self.save_all(store);
        self.status = None;
        self.came_from = None;
        let opened = if action == Action::Pending {
            let rows = usize::from(self.size.1);
            PendingScreen::open(store, Local::now().date_naive(), self.digits, rows)
                .map(|p| Screen::Pending(Box::new(p)))
        } else {
            SearchScreen::open(store, self.digits).map(|s| Screen::Search(Box::new(s)))
        };
        match opened {
            Ok(s) => self.screen = s,
            Err(e) => self.status = Some(Msg::error(e)),
        }
    }

    /// Carries out what the screen or dialog asked for, in order.
    pub(super) fn apply(&mut self, store: &dyn Archive, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Status(msg) => {
                    self.status = Some(msg);
                    self.status_since = None;
                }
                Effect::ClearStatus => self.status = None,
                Effect::Dialog(mut d) => {
                    d.set_geometry(self.main_area(), self.mode);
                    self.dialog = Some(d);
                }
                Effect::CloseDialog => self.dialog = None,
                // A message belongs to the screen it was said on.
                Effect::Open(screen) => {
                    self.status = None;
                    self.came_from = None;
                    self.screen = screen;
                }
                Effect::OpenMeeting {
                    id,
                    focus,
                    from_list,
                } => {
                    self.status = None;
                    self.open_meeting(store, id, focus, from_list);
                }
                Effect::ImportReport(lines) => {
                    if let Screen::Minutes(m) = &mut self.screen {
                        m.report = lines;
                    }
                }
                Effect::Back => {
                    self.status = None;
                    self.close_minutes(store);
                }
                Effect::Home => {
                    self.status = None;
                    self.screen = Screen::Meetings;
                    self.reload(store);
                }
                Effect::ReloadList => self.reload(store),
                Effect::Copy(text) => self.clipboard = Some(text),
                Effect::Letters(s) => self.letters = *s,
            }
        }
    }

    /// Opens a meeting in the minutes editor; from a list (pending, search), the
    /// list is kept for the way back.
    fn open_meeting(&mut self, store: &dyn Archive, id: u64, focus: Focus, from_list: bool) {
        let meeting = match store.meeting(id) {
            Ok(Some(m)) => m,
            Ok(None) => {
                self.status = Some(Msg::fail(
                    format!("جلسه {id} پیدا نشد"),
                    format!("meeting {id} not found"),
                ));
                return;
            }
            Err(e) => {
                self.status = Some(Msg::error(e));
                return;
            }
        };
        let has_controls = {
            use crate::model::StripControls;
            meeting.clone().strip_controls()
        };
        let mut m =
            match MinutesScreen::open(store, meeting, self.work.clone(), self.digits, self.mode) {
                Ok(m) => m,
                Err(e) => {
                    self.status = Some(Msg::error(e));
                    return;
                }
            };
        m.lang = self.lang;
        m.set_geometry(self.size.0, self.size.1.saturating_sub(1), self.mode);
        m.local = self.local.clone();
        m.take_lease(store);
        match focus {
            Focus::Top => {}
            Focus::Resolution(n) => m.focus_resolution(n),
            Focus::Place(p) => m.focus_place(p),
        }
        let list = std::mem::replace(&mut self.screen, Screen::Minutes(Box::new(m)));
        self.came_from = from_list.then_some(list);
        if let Some(msg) = match &mut self.screen {
            Screen::Minutes(m) => m.message.take(),
            _ => None,
        } {
            self.status = Some(msg);
        } else if has_controls {
            self.status = Some(Msg::info(
                "نویسه‌های کنترلی (␛) در متن ذخیره‌شده هست؛ در ذخیره بعدی حذف می‌شوند \
                ",
                "control characters (␛) in the stored text: the next save drops them",
            ));
        }
    }

    /// Leaves the minutes (everything saved, the body's defaults learnt): back to
    /// the list they were opened from, or to the meetings list.
    fn close_minutes(&mut self, store: &dyn Archive) {
        let mut id = None;
        if let Screen::Minutes(m) = &mut self.screen {
            m.close(store);
            m.release_lease(store);
            if let Some(msg) = m.message.take() {
                self.status = Some(msg);
            }
            id = Some(m.meeting.id);
        }
        match self.came_from.take() {
            Some(Screen::Pending(mut p)) => {
                if let Err(e) = p.reload(store) {
                    self.status = Some(Msg::error(e));
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
                self.screen = Screen::Meetings;
                if let Some(Err(e)) = id.map(|id| self.meetings.refresh(store, id)) {
                    self.status = Some(Msg::error(e));
                }
            }
        }
    }

    /// The meetings list after meetings were added or changed: every row read
    /// again, the search, body filter and selected meeting kept.
    pub(super) fn reload(&mut self, store: &dyn Archive) {
        if let Err(e) = self.meetings.reload(store) {
            self.status = Some(Msg::error(e));
        }
    }
}

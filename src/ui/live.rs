//! Live refresh on a shared archive: what other users save is announced
//! (store `changes`), and at the next tick (at most a second later) the
//! meetings list or the pending list on screen is read again, keeping its
//! filter and selection, and minutes someone else is typing follow their
//! typing.

use super::app::{App, Screen};
use crate::store::Archive;
use crate::ui::msg::Msg;

impl App {
    /// Takes the changes announced since the last tick and refreshes what
    /// they touch. Returns whether the screen changed.
    pub(super) fn take_changes(&mut self, store: &dyn Archive) -> bool {
        let Some(rx) = &self.changes else {
            return false;
        };
        let news: Vec<String> = rx.try_iter().collect();
        if news.is_empty() {
            return false;
        }
        // Empty: the announcements were cut off for a while; anything may
        // have changed.
        let touches = |id: u64| {
            news.iter()
                .any(|n| n.is_empty() || *n == format!("meeting {id}"))
        };
        let done = match &mut self.screen {
            Screen::Meetings => self.meetings.reload(store),
            Screen::Pending(p) => p.reload(store),
            Screen::Minutes(m) if m.held_by.is_some() && touches(m.meeting.id) => m.follow(store),
            _ => {
                // Seen when this screen is left.
                return false;
            }
        };
        if let Err(e) = done {
            self.status = Some(Msg::error(e));
        }
        true
    }
}

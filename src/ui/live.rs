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
        // Only meetings saved: their rows read again; anything else (a body
        // renamed, a connection cut off): the whole list.
        let meetings: Option<Vec<u64>> = news
            .iter()
            .map(|n| n.strip_prefix("meeting ").and_then(|id| id.parse().ok()))
            .collect();
        let done = match &mut self.screen {
            Screen::Meetings => match meetings {
                Some(mut ids) => {
                    ids.sort_unstable();
                    ids.dedup();
                    ids.into_iter()
                        .try_for_each(|id| self.meetings.refresh_row(store, id))
                }
                None => self.meetings.reload(store),
            },
            Screen::Pending(p) => match meetings {
                Some(mut ids) => {
                    ids.sort_unstable();
                    ids.dedup();
                    ids.into_iter()
                        .try_for_each(|id| p.refresh_meeting(store, id))
                }
                None => p.reload(store),
            },
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

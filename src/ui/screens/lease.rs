//! The minutes on a shared archive: the meeting is leased while it is open
//! here (renewed every [`RENEW`]), read-only while another user holds it
//! («در حال ویرایش توسط …», tried again every [`RENEW`] and opened for
//! editing, with their text, once they leave), and a save that conflicts keeps
//! the text typed here in the archive beside theirs. A folder gives every
//! lease at once, so none of this shows there.

use std::time::{Duration, Instant};

use super::minutes::MinutesScreen;
use crate::store::{Archive, StoreError};
use crate::ui::msg::Msg;

/// How often a held lease is renewed, and a lease held by another asked for
/// again: well inside the archive's 60 s.
pub const RENEW: Duration = Duration::from_secs(20);

impl MinutesScreen {
    /// Takes the meeting's lease; when another user holds it, the minutes are
    /// read-only here and the status line says who has them.
    pub fn take_lease(&mut self, store: &dyn Archive) {
        self.lease_at = Some(Instant::now());
        let was_held = self.held_by.take();
        match store.lease(self.meeting.id) {
            Ok(()) => {
                if let Some(holder) = &was_held
                    && self.dirty_since.is_some()
                {
                    // Edits typed before the lease was lost wait to be saved:
                    // the next save checks them against the archive's text.
                    self.message = Some(Msg::info(
                        format!("{holder} صورتجلسه را بست؛ ویرایش‌های شما ذخیره می‌شوند"),
                        format!("{holder} left the minutes: your edits are being saved"),
                    ));
                } else if let Some(holder) = was_held {
                    // Free now: their text is the one to go on from.
                    match store.meeting(self.meeting.id) {
                        Ok(Some(m)) => {
                            self.meeting = m;
                            let kind = self.focused_kind();
                            self.rebuild(kind);
                            self.message = Some(Msg::info(
                                format!("{holder} صورتجلسه را بست؛ اکنون می‌توانید ویرایش کنید"),
                                format!("{holder} left the minutes: you may edit them now"),
                            ));
                        }
                        Ok(None) => self.held_by = Some(holder),
                        Err(e) => {
                            self.held_by = Some(holder);
                            self.message = Some(Msg::error(e));
                        }
                    }
                }
            }
            Err(StoreError::Leased { holder, .. }) => {
                if was_held.as_deref() != Some(holder.as_str()) {
                    self.message = Some(held_message(&holder));
                }
                self.held_by = Some(holder);
            }
            Err(e) => {
                // Not knowing who edits, this one does not: read-only until
                // the lease can be taken.
                self.message = Some(Msg::error(e));
                self.held_by = Some(was_held.unwrap_or_else(|| "?".into()));
            }
        }
    }

    /// Renews the lease, or asks again for one another user holds, when due.
    /// Returns whether the screen changed.
    pub fn renew_lease(&mut self, store: &dyn Archive, now: Instant) -> bool {
        if self.lease_at.is_some_and(|t| now.duration_since(t) < RENEW) {
            return false;
        }
        let before = self.held_by.clone();
        self.take_lease(store);
        before != self.held_by
    }

    /// Minutes another user is typing: their text as saved now.
    pub fn follow(&mut self, store: &dyn Archive) -> crate::store::Result<()> {
        if let Some(m) = store.meeting(self.meeting.id)? {
            self.meeting = m;
            let kind = self.focused_kind();
            self.rebuild(kind);
        }
        Ok(())
    }

    /// Gives the lease up (leaving the minutes).
    pub fn release_lease(&mut self, store: &dyn Archive) {
        if self.held_by.is_none()
            && let Err(e) = store.release(self.meeting.id)
        {
            tracing::warn!("releasing the lease of meeting {}: {e}", self.meeting.id);
        }
        self.lease_at = None;
    }

    /// A save refused because another user saved the meeting meanwhile: the
    /// text typed here is kept in the archive beside theirs, and the minutes
    /// turn read-only until the lease is ours again (then with their text).
    pub fn conflicted(&mut self, store: &dyn Archive, by: &str, at: &str) {
        let id = self.meeting.id;
        let kept = store.keep(&self.meeting);
        self.held_by = Some(by.to_owned());
        self.dirty_since = None;
        self.message = Some(match kept {
            Ok(()) => Msg::fail(
                format!(
                    "ذخیره نشد: {by} در {at} این صورتجلسه را ذخیره کرده است؛ متن شما کنار متن او \
                     در بایگانی نگه داشته شد (dabir history {id})"
                ),
                format!(
                    "not saved: {by} saved these minutes at {at}; your text is kept in the \
                     archive beside theirs (dabir history {id})"
                ),
            ),
            Err(e) => Msg::fail(
                format!(
                    "ذخیره نشد: {by} در {at} این صورتجلسه را ذخیره کرده است، و متن شما هم \
                     نگه داشته نشد ({e}); برنامه را نبندید و متن را رونوشت کنید"
                ),
                format!(
                    "not saved: {by} saved these minutes at {at}, and your text could not be \
                     kept ({e}); do not quit: copy your text out"
                ),
            ),
        });
    }
}

/// «در حال ویرایش توسط …؛ اینجا فقط خواندنی است».
pub fn held_message(holder: &str) -> Msg {
    Msg::warn(
        format!("در حال ویرایش توسط {holder}؛ اینجا فقط خواندنی است"),
        format!("being edited by {holder}: read-only here"),
    )
}

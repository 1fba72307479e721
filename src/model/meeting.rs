use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Id, Person, Resolution, Status, serde_time};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    /// حاضر
    Present,
    /// غایب
    Absent,
    /// مدعو
    Guest,
}

impl Presence {
    pub fn name(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Absent => "absent",
            Presence::Guest => "guest",
        }
    }

    pub fn persian(self) -> &'static str {
        match self {
            Presence::Present => "حاضر",
            Presence::Absent => "غایب",
            Presence::Guest => "مدعو",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub person: Person,
    pub presence: Presence,
}

/// An agenda item. Its number is its position (1-based) in the meeting's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub text: String,
}

/// What one speaker said, in summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscussionEntry {
    pub speaker: String,
    /// The agenda item number it belongs to, if any.
    pub agenda_item: Option<u32>,
    pub text: String,
    /// When the secretary started typing the entry.
    #[serde(with = "serde_time::instant")]
    pub typed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingState {
    /// پیش‌نویس: still being written; everything can change.
    Draft,
    /// نهایی: the text is read-only until reopened with a reason.
    Final,
}

impl MeetingState {
    pub fn name(self) -> &'static str {
        match self {
            MeetingState::Draft => "draft",
            MeetingState::Final => "final",
        }
    }

    /// The state of a [`MeetingState::name`].
    pub fn from_name(name: &str) -> Option<MeetingState> {
        [MeetingState::Draft, MeetingState::Final]
            .into_iter()
            .find(|s| s.name() == name)
    }

    pub fn persian(self) -> &'static str {
        match self {
            MeetingState::Draft => "پیش‌نویس",
            MeetingState::Final => "نهایی",
        }
    }
}

/// An entry in a meeting's history: finalised, reopened (with the reason), imported;
/// when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    #[serde(with = "serde_time::instant")]
    pub at: DateTime<Utc>,
    /// The user name of whoever did it (config `[user] name`, else the login
    /// name); empty when unknown (entries older than meeting format 2).
    pub by: String,
    pub event: Event,
}

/// What happened to the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    Finalised,
    /// Reopened for editing, with the reason the secretary gave.
    Reopened {
        reason: String,
    },
    /// Imported from a file (its name).
    Imported {
        from: String,
    },
    /// Anything else (entries older than format 2 that are neither of the above).
    Note(String),
}

impl Event {
    /// The entry as the minutes screen and the exports write it, in Persian.
    pub fn persian(&self) -> String {
        match self {
            Event::Finalised => "نهایی شد".into(),
            Event::Reopened { reason } => format!("بازگشایی شد؛ دلیل: {reason}"),
            Event::Imported { from } => format!("از پرونده {from} وارد شد"),
            Event::Note(n) => n.clone(),
        }
    }

    /// The stable name of its kind, for JSON.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Finalised => "finalised",
            Event::Reopened { .. } => "reopened",
            Event::Imported { .. } => "imported",
            Event::Note(_) => "note",
        }
    }

    /// The reason, the file or the note, for JSON.
    pub fn detail(&self) -> &str {
        match self {
            Event::Finalised => "",
            Event::Reopened { reason } | Event::Imported { from: reason } | Event::Note(reason) => {
                reason
            }
        }
    }

    /// The text the event carries, if any (the reason, the file, the note).
    pub fn detail_mut(&mut self) -> Option<&mut String> {
        match self {
            Event::Finalised => None,
            Event::Reopened { reason } | Event::Imported { from: reason } | Event::Note(reason) => {
                Some(reason)
            }
        }
    }
}

/// The date and time of the next meeting (زمان جلسه بعد), written at the foot of the
/// minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextMeeting {
    #[serde(with = "serde_time::date")]
    pub date: NaiveDate,
    #[serde(with = "serde_time::opt_time")]
    pub time: Option<NaiveTime>,
}

/// One session of a body, with its minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: Id,
    pub body: Id,
    /// Session number, counted per body (the 12th session of this working group).
    pub number: u32,
    #[serde(with = "serde_time::date")]
    pub date: NaiveDate,
    #[serde(with = "serde_time::opt_time")]
    pub start: Option<NaiveTime>,
    #[serde(with = "serde_time::opt_time")]
    pub end: Option<NaiveTime>,
    pub place: String,
    pub chair: Option<Person>,
    pub secretary: Option<Person>,
    pub attendees: Vec<Attendee>,
    pub agenda: Vec<AgendaItem>,
    pub discussion: Vec<DiscussionEntry>,
    pub resolutions: Vec<Resolution>,
    pub state: MeetingState,
    #[serde(with = "serde_time::instant")]
    pub created: DateTime<Utc>,
    #[serde(with = "serde_time::instant")]
    pub updated: DateTime<Utc>,
    /// The next free [`Resolution::key`].
    pub next_resolution_key: u32,
    pub next_meeting: Option<NextMeeting>,
    /// Text that belongs to the meeting but to no section: lines an import could not
    /// place, remarks of the secretary.
    pub notes: String,
    pub history: Vec<HistoryEntry>,
}

/// Why a change to a meeting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeetingError {
    #[error("صورتجلسه نهایی شده است و تغییر نمی‌کند / the minutes are final and read-only")]
    Final,
    #[error("برای بازگشایی صورتجلسه نهایی، دلیل لازم است / reopening final minutes needs a reason")]
    NoReason,
    #[error("ردیف {0} وجود ندارد / there is no item {0}")]
    NoSuchItem(usize),
}

impl Meeting {
    /// A new draft meeting with nothing in it but its header essentials.
    pub fn new(id: Id, body: Id, number: u32, date: NaiveDate, now: DateTime<Utc>) -> Meeting {
        let now = serde_time::to_millis(now);
        Meeting {
            id,
            body,
            number,
            date,
            start: None,
            end: None,
            place: String::new(),
            chair: None,
            secretary: None,
            attendees: Vec::new(),
            agenda: Vec::new(),
            discussion: Vec::new(),
            resolutions: Vec::new(),
            state: MeetingState::Draft,
            created: now,
            updated: now,
            next_resolution_key: 1,
            next_meeting: None,
            notes: String::new(),
            history: Vec::new(),
        }
    }

    pub fn is_final(&self) -> bool {
        self.state == MeetingState::Final
    }

    fn check_editable(&self) -> Result<(), MeetingError> {
        if self.is_final() {
            Err(MeetingError::Final)
        } else {
            Ok(())
        }
    }

    /// Resolutions still to be chased.
    pub fn open_resolutions(&self) -> usize {
        self.resolutions.iter().filter(|r| r.is_open()).count()
    }

    pub fn present(&self) -> impl Iterator<Item = &Attendee> {
        self.attendees
            .iter()
            .filter(|a| a.presence == Presence::Present)
    }

    /// Adds a resolution at the end, numbered after the last one, and returns it.
    pub fn add_resolution(
        &mut self,
        text: impl Into<String>,
    ) -> Result<&mut Resolution, MeetingError> {
        self.check_editable()?;
        let key = self.next_resolution_key;
        self.next_resolution_key += 1;
        self.resolutions.push(Resolution {
            key,
            number: self.resolutions.len() as u32 + 1,
            text: text.into(),
            responsible: Vec::new(),
            executor: None,
            approved_deadline: None,
            status: Status::Open,
            follow_ups: Vec::new(),
            units_inferred: false,
        });
        Ok(self.resolutions.last_mut().expect("just pushed"))
    }

    /// Removes the resolution at `index` (0-based); the rest are renumbered.
    pub fn remove_resolution(&mut self, index: usize) -> Result<Resolution, MeetingError> {
        self.check_editable()?;
        if index >= self.resolutions.len() {
            return Err(MeetingError::NoSuchItem(index + 1));
        }
        let removed = self.resolutions.remove(index);
        self.renumber_resolutions();
        Ok(removed)
    }

    /// Moves the resolution at `from` to position `to` (0-based); all are renumbered.
    pub fn move_resolution(&mut self, from: usize, to: usize) -> Result<(), MeetingError> {
        self.check_editable()?;
        let len = self.resolutions.len();
        if from >= len {
            return Err(MeetingError::NoSuchItem(from + 1));
        }
        if to >= len {
            return Err(MeetingError::NoSuchItem(to + 1));
        }
        let r = self.resolutions.remove(from);
        self.resolutions.insert(to, r);
        self.renumber_resolutions();
        Ok(())
    }

    fn renumber_resolutions(&mut self) {
        for (i, r) in self.resolutions.iter_mut().enumerate() {
            r.number = i as u32 + 1;
        }
    }

    pub fn resolution_by_key(&self, key: u32) -> Option<&Resolution> {
        self.resolutions.iter().find(|r| r.key == key)
    }

    pub fn resolution_by_key_mut(&mut self, key: u32) -> Option<&mut Resolution> {
        self.resolutions.iter_mut().find(|r| r.key == key)
    }

    /// Removes agenda item `index` (0-based). Discussion entries that pointed at it
    /// lose their item; those after it follow the renumbering.
    pub fn remove_agenda_item(&mut self, index: usize) -> Result<AgendaItem, MeetingError> {
        self.check_editable()?;
        if index >= self.agenda.len() {
            return Err(MeetingError::NoSuchItem(index + 1));
        }
        let removed = self.agenda.remove(index);
        let number = index as u32 + 1;
        for entry in &mut self.discussion {
            entry.agenda_item = match entry.agenda_item {
                Some(n) if n == number => None,
                Some(n) if n > number => Some(n - 1),
                other => other,
            };
        }
        Ok(removed)
    }

    /// Makes the minutes final (read-only); `by` is who did it.
    pub fn finalise(&mut self, at: DateTime<Utc>, by: &str) {
        if !self.is_final() {
            self.state = MeetingState::Final;
            self.history.push(HistoryEntry {
                at: serde_time::to_millis(at),
                by: by.trim().to_owned(),
                event: Event::Finalised,
            });
        }
    }

    /// The times these minutes were reopened after being final, oldest first.
    pub fn reopenings(&self) -> impl Iterator<Item = &HistoryEntry> {
        self.history
            .iter()
            .filter(|h| matches!(h.event, Event::Reopened { .. }))
    }

    /// Every resolution that names unit `from` names `into` instead (merging
    /// a unit spelled two ways); true when any did.
    pub fn relink_unit(&mut self, from: Id, into: Id) -> bool {
        let mut changed = false;
        for r in &mut self.resolutions {
            let mut moved = Vec::with_capacity(r.responsible.len());
            for u in r.responsible.drain(..) {
                changed |= u == from;
                let u = if u == from { into } else { u };
                if !moved.contains(&u) {
                    moved.push(u);
                }
            }
            r.responsible = moved;
            if r.executor == Some(from) {
                r.executor = Some(into);
                changed = true;
            }
        }
        changed
    }

    /// Reopens final minutes for editing; who and why are kept in the history.
    pub fn reopen(
        &mut self,
        at: DateTime<Utc>,
        by: &str,
        reason: &str,
    ) -> Result<(), MeetingError> {
        if !self.is_final() {
            return Ok(());
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(MeetingError::NoReason);
        }
        self.state = MeetingState::Draft;
        self.history.push(HistoryEntry {
            at: serde_time::to_millis(at),
            by: by.trim().to_owned(),
            event: Event::Reopened {
                reason: reason.to_owned(),
            },
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting() -> Meeting {
        let now = DateTime::from_timestamp(1_730_800_000, 0).unwrap();
        Meeting::new(1, 1, 12, NaiveDate::from_ymd_opt(2024, 11, 5).unwrap(), now)
    }

    fn numbers(m: &Meeting) -> Vec<(u32, u32)> {
        m.resolutions.iter().map(|r| (r.number, r.key)).collect()
    }

    #[test]
    fn resolutions_are_numbered_and_renumbered_with_stable_keys() {
        let mut m = meeting();
        for text in [
            "تهیه فهرست خدمات",
            "استقرار سامانه EIS",
            "برنامه کاهش مراجعات",
        ] {
            m.add_resolution(text).unwrap();
        }
        assert_eq!(numbers(&m), vec![(1, 1), (2, 2), (3, 3)]);

        m.remove_resolution(0).unwrap();
        assert_eq!(numbers(&m), vec![(1, 2), (2, 3)]);

        m.add_resolution("بررسی فرم ۱۴-الف").unwrap();
        assert_eq!(
            numbers(&m),
            vec![(1, 2), (2, 3), (3, 4)],
            "keys are never reused"
        );

        m.move_resolution(2, 0).unwrap();
        assert_eq!(numbers(&m), vec![(1, 4), (2, 2), (3, 3)]);
        assert_eq!(m.resolution_by_key(4).unwrap().text, "بررسی فرم ۱۴-الف");

        assert_eq!(m.remove_resolution(5), Err(MeetingError::NoSuchItem(6)));
        assert_eq!(m.move_resolution(0, 3), Err(MeetingError::NoSuchItem(4)));
    }

    #[test]
    fn removing_an_agenda_item_keeps_discussion_links_right() {
        let mut m = meeting();
        for t in ["گزارش پیگیری", "سامانه EIS", "کاهش مراجعات"] {
            m.agenda.push(AgendaItem { text: t.into() });
        }
        let at = m.created;
        for item in [Some(1), Some(2), Some(3), None] {
            m.discussion.push(DiscussionEntry {
                speaker: "خانم نوروزی".into(),
                agenda_item: item,
                text: "…".into(),
                typed_at: at,
            });
        }
        m.remove_agenda_item(1).unwrap();
        let links: Vec<_> = m.discussion.iter().map(|e| e.agenda_item).collect();
        assert_eq!(links, vec![Some(1), None, Some(2), None]);
    }

    #[test]
    fn final_minutes_are_read_only_until_reopened_with_a_reason() {
        let mut m = meeting();
        m.add_resolution("الف").unwrap();
        let at = m.created;
        m.finalise(at, "نوروزی");
        assert!(m.is_final());
        assert_eq!(m.reopenings().count(), 0);
        assert_eq!(m.add_resolution("ب").err(), Some(MeetingError::Final));
        assert_eq!(m.remove_resolution(0).err(), Some(MeetingError::Final));
        assert_eq!(m.reopen(at, "نوروزی", "  "), Err(MeetingError::NoReason));
        m.reopen(at, " نوروزی ", "اصلاح مهلت مصوبه ۱").unwrap();
        assert!(!m.is_final());
        assert_eq!(m.history.len(), 2);
        let r: Vec<&HistoryEntry> = m.reopenings().collect();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].by, "نوروزی");
        assert_eq!(
            r[0].event,
            Event::Reopened {
                reason: "اصلاح مهلت مصوبه ۱".into()
            }
        );
        assert_eq!(r[0].event.persian(), "بازگشایی شد؛ دلیل: اصلاح مهلت مصوبه ۱");
        m.add_resolution("ب").unwrap();
    }

    #[test]
    fn open_resolution_count_ignores_done_and_cancelled() {
        let mut m = meeting();
        for s in [
            Status::Open,
            Status::InProgress,
            Status::Done,
            Status::Cancelled,
        ] {
            m.add_resolution("x").unwrap().status = s;
        }
        assert_eq!(m.open_resolutions(), 2);
    }
}

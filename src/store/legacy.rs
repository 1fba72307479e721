//! Decoders for older record formats. Each type here is frozen: it mirrors, field
//! for field, a layout that databases in the wild may still hold. Never edit one;
//! add a new one when a stored type changes.
//!
//! If a nested type (Attendee, Resolution…) changes, the frozen types here must get
//! frozen copies of the old nested type too, since bincode encodes it inline.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{
    AgendaItem, Attendee, DiscussionEntry, Event, FollowUp, HistoryEntry, Id, Meeting,
    MeetingState, NextMeeting, Person, Resolution, Status, Unit, serde_time,
};

/// Unit format version 0: before `addressee` and `title`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitV0 {
    pub id: Id,
    pub name: String,
}

impl From<UnitV0> for Unit {
    fn from(u: UnitV0) -> Unit {
        Unit {
            id: u.id,
            ..Unit::named(u.name)
        }
    }
}

/// Meeting format version 0: before `next_meeting`, `notes` and `history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingV0 {
    pub id: Id,
    pub body: Id,
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
    pub resolutions: Vec<ResolutionV1>,
    pub state: MeetingState,
    #[serde(with = "serde_time::instant")]
    pub created: DateTime<Utc>,
    #[serde(with = "serde_time::instant")]
    pub updated: DateTime<Utc>,
    pub next_resolution_key: u32,
}

impl From<MeetingV0> for Meeting {
    fn from(m: MeetingV0) -> Meeting {
        Meeting::from(MeetingV1 {
            id: m.id,
            body: m.body,
            number: m.number,
            date: m.date,
            start: m.start,
            end: m.end,
            place: m.place,
            chair: m.chair,
            secretary: m.secretary,
            attendees: m.attendees,
            agenda: m.agenda,
            discussion: m.discussion,
            resolutions: m.resolutions,
            state: m.state,
            created: m.created,
            updated: m.updated,
            next_resolution_key: m.next_resolution_key,
            next_meeting: None,
            notes: String::new(),
            history: Vec::new(),
        })
    }
}

/// A follow-up in meeting formats 0 and 1: before `requested_by`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpV1 {
    #[serde(with = "serde_time::date")]
    pub date: NaiveDate,
    pub note: String,
    pub status: Option<Status>,
    #[serde(with = "serde_time::opt_date")]
    pub deadline: Option<NaiveDate>,
}

/// A resolution in meeting formats 0 and 1. Its `deadline` was the current one:
/// an extension overwrote it, so the approved deadline of an extended resolution
/// is lost in these records; it becomes the approved one on reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionV1 {
    pub key: u32,
    pub number: u32,
    pub text: String,
    pub responsible: Vec<Id>,
    pub executor: Option<Id>,
    #[serde(with = "serde_time::opt_date")]
    pub deadline: Option<NaiveDate>,
    pub status: Status,
    pub follow_ups: Vec<FollowUpV1>,
}

impl From<ResolutionV1> for Resolution {
    fn from(r: ResolutionV1) -> Resolution {
        Resolution {
            key: r.key,
            number: r.number,
            text: r.text,
            responsible: r.responsible,
            executor: r.executor,
            approved_deadline: r.deadline,
            status: r.status,
            follow_ups: r
                .follow_ups
                .into_iter()
                .map(|f| FollowUp {
                    date: f.date,
                    note: f.note,
                    status: f.status,
                    deadline: f.deadline,
                    requested_by: String::new(),
                })
                .collect(),
            units_inferred: false,
        }
    }
}

impl ResolutionV1 {
    /// Whether an extension overwrote this resolution's approved deadline.
    pub fn lost_approved_deadline(&self) -> bool {
        self.follow_ups.iter().any(|f| f.deadline.is_some())
    }
}

/// Meeting format version 1: resolutions without an approved deadline of their
/// own, follow-ups without `requested_by`, history as free text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingV1 {
    pub id: Id,
    pub body: Id,
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
    pub resolutions: Vec<ResolutionV1>,
    pub state: MeetingState,
    #[serde(with = "serde_time::instant")]
    pub created: DateTime<Utc>,
    #[serde(with = "serde_time::instant")]
    pub updated: DateTime<Utc>,
    pub next_resolution_key: u32,
    pub next_meeting: Option<NextMeeting>,
    pub notes: String,
    pub history: Vec<HistoryEntryV1>,
}

/// A history entry in meeting format 1: free text, no one named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntryV1 {
    #[serde(with = "serde_time::instant")]
    pub at: DateTime<Utc>,
    pub event: String,
}

impl From<HistoryEntryV1> for HistoryEntry {
    /// The three texts format 1 wrote become events again; anything else is kept
    /// as a note.
    fn from(h: HistoryEntryV1) -> HistoryEntry {
        let event = if h.event == "نهایی شد / finalised" {
            Event::Finalised
        } else if let Some(reason) = h.event.strip_prefix("بازگشایی / reopened: ") {
            Event::Reopened {
                reason: reason.to_owned(),
            }
        } else if let Some(from) = h.event.strip_prefix("ورود از پرونده / imported from ")
        {
            Event::Imported {
                from: from.to_owned(),
            }
        } else {
            Event::Note(h.event)
        };
        HistoryEntry {
            at: h.at,
            by: String::new(),
            event,
        }
    }
}

impl From<MeetingV1> for Meeting {
    fn from(m: MeetingV1) -> Meeting {
        Meeting {
            id: m.id,
            body: m.body,
            number: m.number,
            date: m.date,
            start: m.start,
            end: m.end,
            place: m.place,
            chair: m.chair,
            secretary: m.secretary,
            attendees: m.attendees,
            agenda: m.agenda,
            discussion: m.discussion,
            resolutions: m.resolutions.into_iter().map(Resolution::from).collect(),
            state: m.state,
            created: m.created,
            updated: m.updated,
            next_resolution_key: m.next_resolution_key,
            next_meeting: m.next_meeting,
            notes: m.notes,
            history: m.history.into_iter().map(HistoryEntry::from).collect(),
        }
    }
}

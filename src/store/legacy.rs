//! Decoders for older record formats. Each type here is frozen: it mirrors, field
//! for field, a layout that databases in the wild may still hold. Never edit one;
//! add a new one when a stored type changes.
//!
//! If a nested type (Attendee, Resolution…) changes, the frozen types here must get
//! frozen copies of the old nested type too, since bincode encodes it inline.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{
    AgendaItem, Attendee, DiscussionEntry, Id, Meeting, MeetingState, Person, Resolution,
    serde_time,
};

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
    pub resolutions: Vec<Resolution>,
    pub state: MeetingState,
    #[serde(with = "serde_time::instant")]
    pub created: DateTime<Utc>,
    #[serde(with = "serde_time::instant")]
    pub updated: DateTime<Utc>,
    pub next_resolution_key: u32,
}

impl From<MeetingV0> for Meeting {
    fn from(m: MeetingV0) -> Meeting {
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
            resolutions: m.resolutions,
            state: m.state,
            created: m.created,
            updated: m.updated,
            next_resolution_key: m.next_resolution_key,
            next_meeting: None,
            notes: String::new(),
            history: Vec::new(),
        }
    }
}

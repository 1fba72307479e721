//! Plain data and the rules over it: meetings, resolutions, bodies, people, units.
//!
//! No I/O here and no terminal types. Dates are `chrono::NaiveDate`; the Jalali
//! calendar is only a way of showing them.

mod body;
mod checks;
mod clean;
mod letter;
mod meeting;
mod resolution;
pub mod serde_time;
pub mod stats;

pub use body::{Body, BodyKind, Person, PersonRecord, Unit};
pub use checks::{Problem, Severity, Spot};
pub use clean::StripControls;
pub use letter::{Letter, LetterKind, Numbering, ResolutionKey, Sequence, earlier_letters};
pub use meeting::{
    AgendaItem, Attendee, DiscussionEntry, Event, HistoryEntry, Meeting, MeetingError,
    MeetingState, NextMeeting, Presence,
};
pub use resolution::{FollowUp, Resolution, Status};

/// Identifier of a stored record. Identifiers come from one counter per database
/// and are never reused.
pub type Id = u64;

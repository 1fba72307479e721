//! The JSON shape of a meeting (`dabir show ID --format json`): the stable machine
//! interface. Field names here are a contract; change them only with a new
//! interface version.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Id, Meeting};

#[derive(Debug, Serialize)]
pub struct MeetingJson {
    pub id: Id,
    pub body: String,
    pub number: u32,
    pub date: String,
    pub date_jalali: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: String,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub state: &'static str,
    pub attendees: Vec<AttendeeJson>,
    pub agenda: Vec<AgendaJson>,
    pub discussion: Vec<DiscussionJson>,
    pub resolutions: Vec<ResolutionJson>,
    /// Finalised, reopened (with the reason), imported: when and by whom.
    pub history: Vec<HistoryJson>,
}

#[derive(Debug, Serialize)]
pub struct HistoryJson {
    /// RFC 3339, UTC.
    pub at: String,
    pub by: String,
    /// `finalised`, `reopened`, `imported` or `note`.
    pub event: &'static str,
    /// The reason of a reopening, the file of an import, the text of a note.
    pub detail: String,
}

#[derive(Debug, Serialize)]
pub struct AttendeeJson {
    pub name: String,
    pub post: String,
    pub presence: &'static str,
}

#[derive(Debug, Serialize)]
pub struct AgendaJson {
    pub number: u32,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct DiscussionJson {
    pub speaker: String,
    pub agenda_item: Option<u32>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct ResolutionJson {
    pub number: u32,
    pub text: String,
    pub responsible: Vec<String>,
    /// The responsible units were proposed by an import from the text and not
    /// yet confirmed.
    pub responsible_inferred: bool,
    pub executor: Option<String>,
    /// The current deadline: the latest extension's, else the approved one.
    pub deadline: Option<String>,
    pub deadline_jalali: Option<String>,
    /// The deadline the minutes approved; extensions never change it.
    pub deadline_approved: Option<String>,
    pub deadline_approved_jalali: Option<String>,
    pub extensions: usize,
    pub status: &'static str,
    pub follow_ups: Vec<FollowUpJson>,
    /// The letters of the register that covered it (ابلاغ, پیگیری), oldest first.
    pub letters: Vec<LetterJson>,
}

/// A letter of the register (`dabir letters list --format json`, and each
/// resolution's `letters` in `dabir show`).
#[derive(Debug, Serialize)]
pub struct LetterJson {
    pub id: Id,
    /// `notify`, `follow-up`, `invitation` or `report`.
    pub kind: &'static str,
    /// As printed; empty until the organisation's registry gives it.
    pub number: String,
    pub date: String,
    pub date_jalali: Option<String>,
    pub addressee: String,
    pub unit: Option<Id>,
    pub body: Option<Id>,
    pub meeting: Option<Id>,
    /// `{meeting, key}` of each resolution it covers.
    pub resolutions: Vec<crate::model::ResolutionKey>,
    /// 1 for a first reminder, 2 for a second…; 0 for other kinds.
    pub reminder: u32,
    /// The id of the earlier letter it cites («پیرو …»).
    pub follows: Option<Id>,
    pub file: String,
    /// RFC 3339, UTC.
    pub created: String,
    pub by: String,
}

pub fn letter(l: &crate::model::Letter) -> LetterJson {
    LetterJson {
        id: l.id,
        kind: l.kind.name(),
        number: l.number.clone(),
        date: iso(l.date),
        date_jalali: jalali(l.date),
        addressee: l.addressee.clone(),
        unit: l.unit,
        body: l.body,
        meeting: l.meeting,
        resolutions: l.resolutions.clone(),
        reminder: l.reminder,
        follows: l.follows,
        file: l.file.clone(),
        created: l.created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        by: l.by.clone(),
    }
}

impl MeetingJson {
    /// Fills each resolution's `letters` from the register.
    pub fn with_letters(mut self, m: &Meeting, register: &[crate::model::Letter]) -> MeetingJson {
        let by = crate::export::letter::letters_by_resolution(register);
        for (j, r) in self.resolutions.iter_mut().zip(&m.resolutions) {
            let key = crate::model::ResolutionKey {
                meeting: m.id,
                key: r.key,
            };
            j.letters = by
                .get(&key)
                .map(|ls| ls.iter().map(|l| letter(l)).collect())
                .unwrap_or_default();
        }
        self
    }
}

#[derive(Debug, Serialize)]
pub struct FollowUpJson {
    pub date: String,
    pub date_jalali: Option<String>,
    pub note: String,
    pub status: Option<&'static str>,
    pub deadline: Option<String>,
    /// Who asked for the extension; empty when none was written.
    pub requested_by: String,
}

/// ISO Gregorian, as the interface requires.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `1403/09/30`, Latin digits, or `None` outside the calendar's range.
pub fn jalali(d: NaiveDate) -> Option<String> {
    crate::calendar::JalaliDate::from_gregorian(d)
        .ok()
        .map(|j| j.numeric(crate::calendar::Digits::Latin))
}

/// Builds the JSON view; `body` is the body's name, `units` maps unit ids to names
/// (an id with no name shows as `#id`, which only a damaged database has).
pub fn meeting_json(m: &Meeting, body: &str, units: &HashMap<Id, String>) -> MeetingJson {
    let unit = |id: &Id| units.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
    let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    MeetingJson {
        id: m.id,
        body: body.to_owned(),
        number: m.number,
        date: iso(m.date),
        date_jalali: jalali(m.date),
        start: m.start.map(hm),
        end: m.end.map(hm),
        place: m.place.clone(),
        chair: m.chair.as_ref().map(|p| p.display()),
        secretary: m.secretary.as_ref().map(|p| p.display()),
        state: m.state.name(),
        history: m
            .history
            .iter()
            .map(|h| HistoryJson {
                at: h.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                by: h.by.clone(),
                event: h.event.name(),
                detail: h.event.detail().to_owned(),
            })
            .collect(),
        attendees: m
            .attendees
            .iter()
            .map(|a| AttendeeJson {
                name: a.person.name.clone(),
                post: a.person.post.clone(),
                presence: a.presence.name(),
            })
            .collect(),
        agenda: m
            .agenda
            .iter()
            .enumerate()
            .map(|(i, a)| AgendaJson {
                number: i as u32 + 1,
                text: a.text.clone(),
            })
            .collect(),
        discussion: m
            .discussion
            .iter()
            .map(|d| DiscussionJson {
                speaker: d.speaker.clone(),
                agenda_item: d.agenda_item,
                text: d.text.clone(),
            })
            .collect(),
        resolutions: m
            .resolutions
            .iter()
            .map(|r| ResolutionJson {
                number: r.number,
                text: r.text.clone(),
                responsible: r.responsible.iter().map(unit).collect(),
                responsible_inferred: r.units_inferred,
                executor: r.executor.as_ref().map(unit),
                deadline: r.deadline().map(iso),
                deadline_jalali: r.deadline().and_then(jalali),
                deadline_approved: r.approved_deadline.map(iso),
                deadline_approved_jalali: r.approved_deadline.and_then(jalali),
                extensions: r.extensions(),
                status: r.status.name(),
                follow_ups: r
                    .follow_ups
                    .iter()
                    .map(|f| FollowUpJson {
                        date: iso(f.date),
                        date_jalali: jalali(f.date),
                        note: f.note.clone(),
                        status: f.status.map(|s| s.name()),
                        deadline: f.deadline.map(iso),
                        requested_by: f.requested_by.clone(),
                    })
                    .collect(),
                letters: Vec::new(),
            })
            .collect(),
    }
}

/// Writes `value` as JSON (pretty or compact) with DEL and the C1 controls
/// (U+007F–U+009F) escaped as `\u00XX` too; serde_json escapes C0 itself. No
/// control character of stored text then reaches a terminal the JSON is shown on.
pub fn write<W: std::io::Write, T: Serialize + ?Sized>(
    out: W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let mut ser = serde_json::Serializer::with_formatter(
            out,
            EscapeC1(serde_json::ser::PrettyFormatter::new()),
        );
        value.serialize(&mut ser)
    } else {
        let mut ser = serde_json::Serializer::with_formatter(
            out,
            EscapeC1(serde_json::ser::CompactFormatter),
        );
        value.serialize(&mut ser)
    }
}

/// As [`write`], into a string.
pub fn to_string<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let mut bytes = Vec::new();
    write(&mut bytes, value, pretty).expect("records always serialise to JSON");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

/// A formatter that escapes U+007F–U+009F in strings and leaves the rest to `F`.
struct EscapeC1<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for EscapeC1<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if ('\u{7f}'..='\u{9f}').contains(&c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod safe_tests {
    #[test]
    fn control_characters_are_escaped_in_both_forms() {
        let v = vec!["a\u{1b}]0;PWN\u{7}", "b\u{9b}2J\u{7f}", "فارسی"];
        let compact = super::to_string(&v, false);
        assert_eq!(
            compact,
            r#"["a\u001b]0;PWN\u0007","b\u009b2J\u007f","فارسی"]"#
        );
        let pretty = super::to_string(&v, true);
        assert!(pretty.contains("\\u009b") && pretty.contains("\n  \"فارسی\""));
        let back: Vec<String> = serde_json::from_str(&pretty).unwrap();
        assert_eq!(back, v);
    }
}

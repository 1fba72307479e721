//! Secondary indexes, derived from meetings and written in the same transaction as
//! the meeting, so that an index never drifts from its data.
//!
//! | tree              | key                                   | value       |
//! |-------------------|---------------------------------------|-------------|
//! | meetings_by_date  | date · meeting id                     | –           |
//! | meetings_by_body  | body id · session number · meeting id | –           |
//! | open_by_deadline  | deadline (none last) · meeting · key  | OpenSummary |
//! | res_by_unit       | unit id · meeting id · resolution key | status code |
//! | res_by_status     | status code · meeting id · res. key   | –           |
//! | search            | normalised token · 0 · meeting id / 64 | bitmap (u64) |

use serde::{Deserialize, Serialize};

use crate::model::{Id, Meeting, Status};

use super::keys::{date_bytes, deadline_bytes, key};

pub const MEETINGS_BY_DATE: usize = super::T_MEETINGS_BY_DATE;
pub const MEETINGS_BY_BODY: usize = super::T_MEETINGS_BY_BODY;
pub const OPEN_BY_DEADLINE: usize = super::T_OPEN_BY_DEADLINE;
pub const RES_BY_UNIT: usize = super::T_RES_BY_UNIT;
pub const RES_BY_STATUS: usize = super::T_RES_BY_STATUS;
pub const SEARCH: usize = super::T_SEARCH;

/// Every tree that holds index entries.
pub const INDEX_TREES: [usize; 6] = [
    MEETINGS_BY_DATE,
    MEETINGS_BY_BODY,
    OPEN_BY_DEADLINE,
    RES_BY_UNIT,
    RES_BY_STATUS,
    SEARCH,
];

/// Where in a meeting a text is: a search hit says this, and the minutes screen
/// puts the cursor there. Indexes count from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Venue,
    Chair,
    Secretary,
    Attendee(usize),
    Agenda(usize),
    Speaker(usize),
    Discussion(usize),
    Resolution(usize),
    /// A follow-up note of resolution `.0`.
    FollowUp(usize),
    Notes,
}

impl Place {
    /// The section's label, "fa / en".
    pub fn section(self) -> &'static str {
        match self {
            Place::Venue | Place::Chair | Place::Secretary => "سربرگ / header",
            Place::Attendee(_) => "حاضرین / attendance",
            Place::Agenda(_) => "دستور جلسه / agenda",
            Place::Speaker(_) | Place::Discussion(_) => "خلاصه مذاکرات / discussion",
            Place::Resolution(_) => "مصوبات / resolutions",
            Place::FollowUp(_) => "پیگیری / follow-up",
            Place::Notes => "یادداشت / notes",
        }
    }
}

/// Every text of a meeting a search looks at, with its place.
pub fn texts(m: &Meeting) -> Vec<(Place, &str)> {
    let mut t: Vec<(Place, &str)> = vec![(Place::Venue, m.place.as_str())];
    for (place, p) in [(Place::Chair, &m.chair), (Place::Secretary, &m.secretary)] {
        if let Some(p) = p {
            t.push((place, &p.name));
            t.push((place, &p.post));
        }
    }
    for (i, a) in m.attendees.iter().enumerate() {
        t.push((Place::Attendee(i), &a.person.name));
        t.push((Place::Attendee(i), &a.person.post));
    }
    t.extend(
        m.agenda
            .iter()
            .enumerate()
            .map(|(i, a)| (Place::Agenda(i), a.text.as_str())),
    );
    for (i, d) in m.discussion.iter().enumerate() {
        t.push((Place::Speaker(i), &d.speaker));
        t.push((Place::Discussion(i), &d.text));
    }
    for (i, r) in m.resolutions.iter().enumerate() {
        t.push((Place::Resolution(i), &r.text));
        t.extend(
            r.follow_ups
                .iter()
                .map(|f| (Place::FollowUp(i), f.note.as_str())),
        );
    }
    t.push((Place::Notes, &m.notes));
    t
}

/// Splits text into words for the search index and queries.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    // A match, not `"…".contains(c)`: that searched a string for every
    // character of the meeting on every save (a third of the saving).
    s.split(|c: char| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '-')
            || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '٪')
    })
    .filter(|w| !w.is_empty())
}

/// The tokens of a word: normalised whole (ZWNJ dropped) and, when a ZWNJ or
/// hyphen splits it, each part, so that «بهره‌گیری», «بهرهگیری» and «بهره گیری»
/// meet. Tokens under two characters are not indexed.
pub fn word_tokens(w: &str, out: &mut std::collections::BTreeSet<String>) {
    use crate::text::normalize::normalize;
    let mut add = |t: String| {
        if t.chars().count() >= 2 {
            let mut t = t;
            if t.len() > 64 {
                let cut = (0..=64).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0);
                t.truncate(cut);
            }
            out.insert(t);
        }
    };
    add(normalize(w).text);
    let parts: Vec<&str> = w
        .split(['\u{200c}', '-'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 {
        for p in parts {
            add(normalize(p).text);
        }
    }
}

/// Every token of a meeting.
pub fn tokens(m: &Meeting) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for (_, t) in texts(m) {
        for w in words(t) {
            word_tokens(w, &mut out);
        }
    }
    out
}

/// What the pending list shows of an open resolution, kept in its index entry so
/// the list never decodes a meeting (schema 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSummary {
    pub body: Id,
    pub session: u32,
    /// The meeting's date.
    #[serde(with = "crate::model::serde_time::date")]
    pub date: chrono::NaiveDate,
    pub number: u32,
    pub text: String,
    pub responsible: Vec<Id>,
    pub executor: Option<Id>,
    pub status: Status,
    /// The approved deadline (the key holds the current one).
    #[serde(with = "crate::model::serde_time::opt_date")]
    pub approved: Option<chrono::NaiveDate>,
    /// How many times the deadline was extended.
    pub extensions: u32,
}

/// A meeting's open resolutions as the pending list has them: current
/// deadline, where, summary.
pub fn open_rows_of(m: &Meeting) -> Vec<super::OpenRow> {
    m.resolutions
        .iter()
        .filter(|r| r.is_open())
        .map(|r| {
            (
                r.deadline(),
                super::ResolutionRef {
                    meeting: m.id,
                    key: r.key,
                },
                OpenSummary::of(m, r),
            )
        })
        .collect()
}

impl OpenSummary {
    /// An open resolution's summary.
    pub fn of(m: &Meeting, r: &crate::model::Resolution) -> OpenSummary {
        OpenSummary {
            body: m.body,
            session: m.number,
            date: m.date,
            number: r.number,
            text: r.text.clone(),
            responsible: r.responsible.clone(),
            executor: r.executor,
            status: r.status,
            approved: r.approved_deadline,
            extensions: r.extensions() as u32,
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        bincode::serde::encode_to_vec(self, bincode::config::standard())
            .expect("a summary always encodes")
    }

    pub fn decode(bytes: &[u8]) -> Result<OpenSummary, String> {
        let cfg = bincode::config::standard().with_limit::<{ super::codec::MAX_VALUE }>();
        match bincode::serde::decode_from_slice::<OpenSummary, _>(bytes, cfg) {
            Ok((s, used)) if used == bytes.len() => Ok(s),
            Ok(_) => Err("trailing bytes after the summary".into()),
            Err(e) => Err(format!("undecodable summary: {e}")),
        }
    }
}

/// Meetings per search bitmap. The logical search entry `token · 0 · meeting id`
/// is stored as `token · 0 · (id / 64)` with bit `id % 64` set in a u64 value:
/// common words share one entry among up to 64 meetings instead of one each
/// (1.87 M entries for the 10,000-meeting demo otherwise, 4.7× the database size).
pub const SEARCH_BLOCK: u64 = 64;

/// The stored key and the bit of a logical search key.
pub fn search_block_key(logical: &[u8]) -> Option<(Vec<u8>, u64)> {
    let split = logical.len().checked_sub(8)?;
    let id = u64::from_be_bytes(logical[split..].try_into().ok()?);
    let mut k = logical[..split].to_vec();
    k.extend_from_slice(&(id / SEARCH_BLOCK).to_be_bytes());
    Some((k, 1u64 << (id % SEARCH_BLOCK)))
}

/// A stored bitmap value.
pub fn bitmap(v: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(v.try_into().ok()?))
}

/// The meeting ids of a stored search entry, ascending.
pub fn search_block_ids(key: &[u8], value: &[u8]) -> Option<Vec<Id>> {
    let block = u64::from_be_bytes(key.get(key.len().checked_sub(8)?..)?.try_into().ok()?);
    let bits = bitmap(value)?;
    Some(
        (0..SEARCH_BLOCK)
            .filter(|b| bits & (1 << b) != 0)
            .map(|b| block * SEARCH_BLOCK + b)
            .collect(),
    )
}

/// The logical key of meeting `id` for the token of a stored search key.
pub fn search_key(stored: &[u8], id: Id) -> Vec<u8> {
    let mut k = stored[..stored.len() - 8].to_vec();
    k.extend_from_slice(&id.to_be_bytes());
    k
}

/// One index entry: tree number, key, value.
pub type Entry = (usize, Vec<u8>, Vec<u8>);

/// The index entries a meeting should have.
pub fn entries(m: &Meeting) -> Vec<Entry> {
    let id = m.id.to_be_bytes();
    let mut out = Vec::with_capacity(2 + m.resolutions.len() * 4);
    out.push((MEETINGS_BY_DATE, key(&[&date_bytes(m.date), &id]), vec![]));
    out.push((
        MEETINGS_BY_BODY,
        key(&[&m.body.to_be_bytes(), &m.number.to_be_bytes(), &id]),
        vec![],
    ));
    for r in &m.resolutions {
        let rkey = r.key.to_be_bytes();
        if r.is_open() {
            let summary = OpenSummary::of(m, r);
            out.push((
                OPEN_BY_DEADLINE,
                key(&[&deadline_bytes(r.deadline()), &id, &rkey]),
                summary.encode(),
            ));
        }
        let mut units: Vec<u64> = r.responsible.iter().copied().chain(r.executor).collect();
        units.sort_unstable();
        units.dedup();
        for unit in units {
            out.push((
                RES_BY_UNIT,
                key(&[&unit.to_be_bytes(), &id, &rkey]),
                vec![r.status.code()],
            ));
        }
        out.push((
            RES_BY_STATUS,
            key(&[&[r.status.code()], &id, &rkey]),
            vec![],
        ));
    }
    for t in tokens(m) {
        out.push((SEARCH, key(&[t.as_bytes(), &[0], &id]), vec![]));
    }
    out
}

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

use serde::{Deserialize, Serialize};

use crate::model::{Id, Meeting, Status};

use super::keys::{date_bytes, deadline_bytes, key};

pub const MEETINGS_BY_DATE: usize = super::T_MEETINGS_BY_DATE;
pub const MEETINGS_BY_BODY: usize = super::T_MEETINGS_BY_BODY;
pub const OPEN_BY_DEADLINE: usize = super::T_OPEN_BY_DEADLINE;
pub const RES_BY_UNIT: usize = super::T_RES_BY_UNIT;
pub const RES_BY_STATUS: usize = super::T_RES_BY_STATUS;

/// Every tree that holds index entries.
pub const INDEX_TREES: [usize; 5] = [
    MEETINGS_BY_DATE,
    MEETINGS_BY_BODY,
    OPEN_BY_DEADLINE,
    RES_BY_UNIT,
    RES_BY_STATUS,
];

/// What the pending list shows of an open resolution, kept in its index entry so
/// the list never decodes a meeting (schema 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSummary {
    pub body: Id,
    pub session: u32,
    pub number: u32,
    pub text: String,
    pub responsible: Vec<Id>,
    pub executor: Option<Id>,
    pub status: Status,
}

impl OpenSummary {
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
            let summary = OpenSummary {
                body: m.body,
                session: m.number,
                number: r.number,
                text: r.text.clone(),
                responsible: r.responsible.clone(),
                executor: r.executor,
                status: r.status,
            };
            out.push((
                OPEN_BY_DEADLINE,
                key(&[&deadline_bytes(r.deadline), &id, &rkey]),
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
    out
}

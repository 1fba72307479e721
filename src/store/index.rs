//! Secondary indexes, derived from meetings and written in the same transaction as
//! the meeting, so that an index never drifts from its data.
//!
//! | tree              | key                                   | value       |
//! |-------------------|---------------------------------------|-------------|
//! | meetings_by_date  | date · meeting id                     | –           |
//! | meetings_by_body  | body id · session number · meeting id | –           |
//! | open_by_deadline  | deadline (none last) · meeting · key  | –           |
//! | res_by_unit       | unit id · meeting id · resolution key | status code |
//! | res_by_status     | status code · meeting id · res. key   | –           |

use crate::model::Meeting;

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
            out.push((
                OPEN_BY_DEADLINE,
                key(&[&deadline_bytes(r.deadline), &id, &rkey]),
                vec![],
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

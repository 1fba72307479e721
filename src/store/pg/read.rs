//! What the lists read: names, meeting heads, open resolutions by deadline,
//! and single records. A meeting read here is remembered with its version, so
//! that saving it later is checked against that version.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::PgArchive;
use crate::model::{Body, Id, Letter, Meeting, MeetingState, PersonRecord, Status, Unit};
use crate::store::error::{Result, StoreError};
use crate::store::{OpenSummary, ResolutionRef};

/// A meeting as the meetings list needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingHead {
    pub id: Id,
    pub body: Id,
    pub number: u32,
    pub date: NaiveDate,
    pub state: MeetingState,
    /// Open resolutions.
    pub open: usize,
}

impl PgArchive {
    /// A meeting, remembering the version read (see [`PgArchive::save_meeting`]).
    pub fn meeting(&self, id: Id) -> Result<Option<Meeting>> {
        let row = self
            .client()
            .query_opt(
                "SELECT data, version FROM meetings WHERE id = $1",
                &[&super::id(id)],
            )
            .map_err(self.err("reading a meeting"))?;
        let Some(row) = row else { return Ok(None) };
        let m: Meeting = self.decode("meetings", super::id(id), row.get(0))?;
        self.remember(id, row.get(1));
        Ok(Some(m))
    }

    /// Whether the connection to the server is encrypted (TLS).
    pub fn encrypted(&self) -> Result<bool> {
        Ok(self
            .client()
            .query_one(
                "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
                &[],
            )
            .map_err(self.err("reading the connection's state"))?
            .get(0))
    }

    pub fn bodies(&self) -> Result<Vec<Body>> {
        self.all("bodies")
    }
    pub fn body(&self, id: Id) -> Result<Option<Body>> {
        self.one("bodies", id)
    }
    pub fn units(&self) -> Result<Vec<Unit>> {
        self.all("units")
    }
    pub fn people(&self) -> Result<Vec<PersonRecord>> {
        self.all("people")
    }
    pub fn letters(&self) -> Result<Vec<Letter>> {
        self.all("letters")
    }
    pub fn letter(&self, id: Id) -> Result<Option<Letter>> {
        self.one("letters", id)
    }
    pub fn person(&self, id: Id) -> Result<Option<PersonRecord>> {
        self.one("people", id)
    }

    /// A body's meetings by session number (as the folder's index has them).
    pub fn meeting_ids_of_body(&self, body: Id) -> Result<Vec<Id>> {
        Ok(self
            .client()
            .query(
                "SELECT id FROM meetings WHERE body = $1 ORDER BY number, id",
                &[&super::id(body)],
            )
            .map_err(self.err("a body's meetings"))?
            .into_iter()
            .map(|r| r.get::<_, i64>(0) as Id)
            .collect())
    }

    /// The session number the next meeting of `body` should get: last + 1.
    pub fn next_session_number(&self, body: Id) -> Result<u32> {
        let n: i32 = self
            .client()
            .query_one(
                "SELECT coalesce(max(number), 0) + 1 FROM meetings WHERE body = $1",
                &[&super::id(body)],
            )
            .map_err(self.err("a body's sessions"))?
            .get(0);
        Ok(n as u32)
    }

    /// One record of a table of ours by id.
    fn one<T: serde::de::DeserializeOwned>(
        &self,
        table: &'static str,
        id: Id,
    ) -> Result<Option<T>> {
        let row = self
            .client()
            .query_opt(
                &format!("SELECT data FROM {table} WHERE id = $1"),
                &[&super::id(id)],
            )
            .map_err(self.err(table))?;
        row.map(|r| self.decode(table, super::id(id), r.get(0)))
            .transpose()
    }

    /// Names by id of one of our tables (`bodies`, `units`).
    pub fn names(&self, table: &'static str) -> Result<HashMap<Id, String>> {
        Ok(self
            .client()
            .query(&format!("SELECT id, name FROM {table}"), &[])
            .map_err(self.err(table))?
            .into_iter()
            .map(|r| (r.get::<_, i64>(0) as Id, r.get(1)))
            .collect())
    }

    /// Every meeting, newest first (date, then id, as the folder's index), with
    /// its count of open resolutions.
    pub fn meeting_heads(&self) -> Result<Vec<MeetingHead>> {
        let rows = self
            .client()
            .query(
                "SELECT m.id, m.body, m.number, m.date, m.state, coalesce(o.n, 0) \
                 FROM meetings m LEFT JOIN \
                   (SELECT meeting, count(*) AS n FROM resolutions \
                    WHERE status IN ('open', 'in-progress', 'extended') GROUP BY meeting) o \
                   ON o.meeting = m.id \
                 ORDER BY m.date DESC, m.id DESC",
                &[],
            )
            .map_err(self.err("the meetings"))?;
        rows.into_iter()
            .map(|r| {
                let name: &str = r.get(4);
                let state = MeetingState::from_name(name).ok_or_else(|| StoreError::Postgres {
                    url: self.url.clone(),
                    reason: format!("a meeting's state «{name}» is unknown"),
                })?;
                Ok(MeetingHead {
                    id: r.get::<_, i64>(0) as Id,
                    body: r.get::<_, i64>(1) as Id,
                    number: r.get::<_, i32>(2) as u32,
                    date: r.get(3),
                    state,
                    open: r.get::<_, i64>(5) as usize,
                })
            })
            .collect()
    }

    /// Open resolutions by current deadline (none last), then meeting and key:
    /// the rows and order of the folder's `open_by_deadline` index.
    pub fn open_summaries(&self) -> Result<Vec<(Option<NaiveDate>, ResolutionRef, OpenSummary)>> {
        let rows = self
            .client()
            .query(
                "SELECT r.meeting, r.key, m.body, m.number, m.date, r.number, r.text, \
                   r.responsible, r.executor, r.deadline, r.approved, r.extensions, r.status \
                 FROM resolutions r JOIN meetings m ON m.id = r.meeting \
                 WHERE r.status IN ('open', 'in-progress', 'extended') \
                 ORDER BY r.deadline ASC NULLS LAST, r.meeting, r.key",
                &[],
            )
            .map_err(self.err("the open resolutions"))?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let status: &str = r.get(12);
                let at = ResolutionRef {
                    meeting: r.get::<_, i64>(0) as Id,
                    key: r.get::<_, i32>(1) as u32,
                };
                let summary = OpenSummary {
                    body: r.get::<_, i64>(2) as Id,
                    session: r.get::<_, i32>(3) as u32,
                    date: r.get(4),
                    number: r.get::<_, i32>(5) as u32,
                    text: r.get(6),
                    responsible: r
                        .get::<_, Vec<i64>>(7)
                        .into_iter()
                        .map(|u| u as Id)
                        .collect(),
                    executor: r.get::<_, Option<i64>>(8).map(|u| u as Id),
                    approved: r.get(10),
                    extensions: r.get::<_, i32>(11) as u32,
                    status: Status::ALL
                        .into_iter()
                        .find(|s| s.name() == status)
                        .unwrap_or(Status::Open),
                };
                (r.get(9), at, summary)
            })
            .collect())
    }
}

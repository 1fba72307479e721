//! What the lists read: names, meeting heads, open resolutions by deadline,
//! and single records. A meeting read here is remembered with its version, so
//! that saving it later is checked against that version.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::PgArchive;
use crate::model::{Body, Id, Letter, Meeting, MeetingState, PersonRecord, Status, Unit};
use crate::store::error::{Result, StoreError};
use crate::store::{MeetingHead, OpenSummary, ResolutionRef};
use postgres::types::ToSql;

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
    pub fn unit(&self, id: Id) -> Result<Option<Unit>> {
        self.one("units", id)
    }

    /// Every meeting, newest first (date, then id), read a batch at a time so
    /// that memory stays flat. The order is taken when the walk starts.
    pub fn meetings_newest_first(&self) -> Box<dyn Iterator<Item = Result<Meeting>> + '_> {
        let ids: Result<Vec<i64>> = self
            .client()
            .query("SELECT id FROM meetings ORDER BY date DESC, id DESC", &[])
            .map(|rows| rows.into_iter().map(|r| r.get(0)).collect())
            .map_err(self.err("the meetings"));
        let ids = match ids {
            Ok(ids) => ids,
            Err(e) => return Box::new(std::iter::once(Err(e))),
        };
        let batches: Vec<Vec<i64>> = ids.chunks(100).map(<[i64]>::to_vec).collect();
        Box::new(batches.into_iter().flat_map(move |batch| {
            let read = self
                .client()
                .query(
                    "SELECT id, data FROM meetings WHERE id = ANY($1)",
                    &[&batch],
                )
                .map_err(self.err("the meetings"));
            let mut found: HashMap<i64, serde_json::Value> = match read {
                Ok(rows) => rows.into_iter().map(|r| (r.get(0), r.get(1))).collect(),
                Err(e) => return vec![Err(e)],
            };
            batch
                .iter()
                .filter_map(|id| {
                    found
                        .remove(id)
                        .map(|data| self.decode("meetings", *id, data))
                })
                .collect::<Vec<_>>()
        }))
    }

    /// The next `limit` open resolutions after `after` (from the start when
    /// None), in the order of [`PgArchive::open_summaries`].
    pub fn open_summaries_after(
        &self,
        after: Option<(Option<NaiveDate>, ResolutionRef)>,
        limit: usize,
    ) -> Result<Vec<(Option<NaiveDate>, ResolutionRef, OpenSummary)>> {
        // Deadlines first, earliest first, then those without one; within
        // one deadline by meeting and key.
        let limit = Some(limit as i64);
        match after {
            None => self.open_where("true", &[], limit),
            Some((Some(d), r)) => self.open_where(
                "(r.deadline > $1 OR r.deadline IS NULL \
                  OR (r.deadline = $1 AND (r.meeting, r.key) > ($2, $3)))",
                &[&d, &super::id(r.meeting), &(r.key as i32)],
                limit,
            ),
            Some((None, r)) => self.open_where(
                "r.deadline IS NULL AND (r.meeting, r.key) > ($1, $2)",
                &[&super::id(r.meeting), &(r.key as i32)],
                limit,
            ),
        }
    }

    /// How many resolutions name a unit (follow-up unit or executor).
    pub fn resolutions_naming_unit(&self, unit: Id) -> Result<usize> {
        let n: i64 = self
            .client()
            .query_one(
                "SELECT count(*) FROM resolutions WHERE $1 = ANY (units)",
                &[&super::id(unit)],
            )
            .map_err(self.err("a unit's resolutions"))?
            .get(0);
        Ok(n as usize)
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

    /// The dashboard's facts of every resolution, from the resolutions table.
    pub fn resolution_facts(&self) -> Result<Vec<crate::model::stats::Facts>> {
        let rows = self
            .client()
            .query(
                "SELECT m.date, r.status, r.deadline, r.done_on, r.responsible \
                 FROM resolutions r JOIN meetings m ON m.id = r.meeting",
                &[],
            )
            .map_err(self.err("the resolutions"))?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let status: &str = r.get(1);
                crate::model::stats::Facts {
                    approved_on: r.get(0),
                    status: Status::from_name(status).unwrap_or(Status::Open),
                    deadline: r.get(2),
                    done_on: r.get(3),
                    responsible: r
                        .get::<_, Vec<i64>>(4)
                        .into_iter()
                        .map(|u| u as Id)
                        .collect(),
                }
            })
            .collect())
    }

    /// The id of `body`'s meeting with session number `session`, if any.
    pub fn meeting_of_session(&self, body: Id, session: u32) -> Result<Option<Id>> {
        Ok(self
            .client()
            .query_opt(
                "SELECT id FROM meetings WHERE body = $1 AND number = $2 ORDER BY id LIMIT 1",
                &[&super::id(body), &(session as i32)],
            )
            .map_err(self.err("a body's sessions"))?
            .map(|r| r.get::<_, i64>(0) as Id))
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
        self.open_where("true", &[], None)
    }

    /// Open resolutions that meet `cond` (SQL of ours, never user text; its
    /// values in `params`), in the pending list's order, at most `limit`.
    fn open_where(
        &self,
        cond: &str,
        params: &[&(dyn ToSql + Sync)],
        limit: Option<i64>,
    ) -> Result<Vec<(Option<NaiveDate>, ResolutionRef, OpenSummary)>> {
        let limit = limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        let rows = self
            .client()
            .query(
                &format!(
                    "SELECT r.meeting, r.key, m.body, m.number, m.date, r.number, r.text, \
                       r.responsible, r.executor, r.deadline, r.approved, r.extensions, r.status \
                     FROM resolutions r JOIN meetings m ON m.id = r.meeting \
                     WHERE r.status IN ('open', 'in-progress', 'extended') AND {cond} \
                     ORDER BY r.deadline ASC NULLS LAST, r.meeting, r.key{limit}"
                ),
                params,
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
                    status: Status::from_name(status).unwrap_or(Status::Open),
                };
                (r.get(9), at, summary)
            })
            .collect())
    }
}

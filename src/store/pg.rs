//! PostgreSQL as a shared archive (issue 15, first step): its schema, applied
//! by versioned migrations (migrations/postgres/*.sql) when it is opened, and a
//! whole archive copied in and out, which is what `dabir migrate-store` does.
//! Records are stored as the JSON of their types (the backup's shape), so the
//! backup of the archive equals the backup of the sled database it came from;
//! a resolutions table beside the meetings carries what the pending list will
//! query (deadline, status, units).
//!
//! SQL is never built from user text: every value goes as a parameter.

use postgres::{Client, NoTls};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::backup::{BACKUP_FORMAT, BACKUP_VERSION, Backup, Restored};
use super::error::{Result, StoreError};
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{OpenSummary, ResolutionRef};
use crate::model::{Id, MeetingState, Status};

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

/// The migrations, in order: (version, SQL).
const MIGRATIONS: &[(i32, &str)] = &[(
    1,
    include_str!("../../migrations/postgres/0001_archive.sql"),
)];

/// The schema version this dabir writes.
pub const PG_SCHEMA_VERSION: i32 = 1;

/// Whether `--db` names a PostgreSQL archive rather than a sled folder.
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// The URL without its password, for messages.
fn shown(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let user = &url[s + 3..at];
            let user = user.split(':').next().unwrap_or("");
            format!("{}{user}{}", &url[..s + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// An open PostgreSQL archive.
pub struct PgArchive {
    client: Client,
    url: String,
}

impl std::fmt::Debug for PgArchive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgArchive").field("url", &self.url).finish()
    }
}

impl PgArchive {
    /// Connects and brings the schema to [`PG_SCHEMA_VERSION`]; a newer schema is
    /// refused. Returns the archive and the migrations applied now.
    pub fn connect(url: &str) -> Result<(PgArchive, Vec<i32>)> {
        let shown = shown(url);
        let client = Client::connect(url, NoTls).map_err(|e| StoreError::Postgres {
            url: shown.clone(),
            reason: format!("cannot connect: {e}"),
        })?;
        let mut a = PgArchive { client, url: shown };
        let applied = a.migrate()?;
        Ok((a, applied))
    }

    fn err(&self, what: &str) -> impl Fn(postgres::Error) -> StoreError + use<> {
        pg_error(&self.url, what)
    }

    fn migrate(&mut self) -> Result<Vec<i32>> {
        let url = self.url.clone();
        let pg = |what: &str| pg_error(&url, what);
        self.client
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS dabir_schema (
                    version integer PRIMARY KEY,
                    applied timestamptz NOT NULL DEFAULT now()
                )",
            )
            .map_err(pg("creating the schema table"))?;
        let current: i32 = self
            .client
            .query_one("SELECT coalesce(max(version), 0) FROM dabir_schema", &[])
            .map_err(pg("reading the schema version"))?
            .get(0);
        if current > PG_SCHEMA_VERSION {
            return Err(StoreError::Postgres {
                url,
                reason: format!(
                    "schema version {current} is newer than this dabir understands \
                     ({PG_SCHEMA_VERSION}); install a newer dabir"
                ),
            });
        }
        let mut applied = Vec::new();
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
            let mut tx = self
                .client
                .transaction()
                .map_err(pg("starting a migration"))?;
            tx.batch_execute(sql).map_err(pg("applying a migration"))?;
            tx.execute("INSERT INTO dabir_schema (version) VALUES ($1)", &[version])
                .map_err(pg("recording a migration"))?;
            tx.commit().map_err(pg("committing a migration"))?;
            applied.push(*version);
        }
        Ok(applied)
    }

    /// True when the archive holds no record.
    pub fn is_empty(&mut self) -> Result<bool> {
        let n: i64 = self
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM bodies) + (SELECT count(*) FROM people) \
                 + (SELECT count(*) FROM units) + (SELECT count(*) FROM meetings) \
                 + (SELECT count(*) FROM letters)",
                &[],
            )
            .map_err(self.err("counting records"))?
            .get(0);
        Ok(n == 0)
    }

    /// Loads a whole backup into this archive, which must be empty: all in one
    /// transaction, so a failure leaves it empty.
    pub fn load(&mut self, b: &Backup) -> Result<Restored> {
        if !self.is_empty()? {
            return Err(StoreError::Postgres {
                url: self.url.clone(),
                reason: "the archive is not empty; copy only into an empty one".into(),
            });
        }
        let url = self.url.clone();
        let pg = |what: String| pg_error(&url, &what);
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("starting the copy".into()))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('next_id', $1)",
            &[&id(b.next_id)],
        )
        .map_err(pg("the id counter".into()))?;
        for r in &b.bodies {
            tx.execute(
                "INSERT INTO bodies (id, name, data) VALUES ($1, $2, $3)",
                &[&id(r.id), &r.name, &json(r)?],
            )
            .map_err(pg(format!("body {}", r.id)))?;
        }
        for r in &b.people {
            tx.execute(
                "INSERT INTO people (id, name, data) VALUES ($1, $2, $3)",
                &[&id(r.id), &r.person.name, &json(r)?],
            )
            .map_err(pg(format!("person {}", r.id)))?;
        }
        for r in &b.units {
            tx.execute(
                "INSERT INTO units (id, name, data) VALUES ($1, $2, $3)",
                &[&id(r.id), &r.name, &json(r)?],
            )
            .map_err(pg(format!("unit {}", r.id)))?;
        }
        let meeting = tx
            .prepare(
                "INSERT INTO meetings (id, body, number, date, state, data) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .map_err(pg("preparing".into()))?;
        let resolution = tx
            .prepare(
                "INSERT INTO resolutions (meeting, key, number, text, status, deadline, approved, \
                 extensions, responsible, executor, units) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .map_err(pg("preparing".into()))?;
        for m in &b.meetings {
            tx.execute(
                &meeting,
                &[
                    &id(m.id),
                    &id(m.body),
                    &(m.number as i32),
                    &m.date,
                    &m.state.name(),
                    &json(m)?,
                ],
            )
            .map_err(pg(format!("meeting {}", m.id)))?;
            for r in &m.resolutions {
                let responsible: Vec<i64> = r.responsible.iter().map(|u| id(*u)).collect();
                let executor = r.executor.map(id);
                let mut units = responsible.clone();
                if let Some(e) = executor
                    && !units.contains(&e)
                {
                    units.push(e);
                }
                tx.execute(
                    &resolution,
                    &[
                        &id(m.id),
                        &(r.key as i32),
                        &(r.number as i32),
                        &r.text,
                        &r.status.name(),
                        &r.deadline(),
                        &r.approved_deadline,
                        &(r.extensions() as i32),
                        &responsible,
                        &executor,
                        &units,
                    ],
                )
                .map_err(pg(format!("meeting {}", m.id)))?;
            }
        }
        for r in &b.letters {
            tx.execute(
                "INSERT INTO letters (id, data) VALUES ($1, $2)",
                &[&id(r.id), &json(r)?],
            )
            .map_err(pg(format!("letter {}", r.id)))?;
        }
        tx.commit().map_err(pg("committing the copy".into()))?;
        // Statistics for the planner, now that the tables are full.
        self.client
            .batch_execute("ANALYZE")
            .map_err(pg("analysing the tables".into()))?;
        Ok(Restored {
            bodies: b.bodies.len(),
            people: b.people.len(),
            units: b.units.len(),
            meetings: b.meetings.len(),
            letters: b.letters.len(),
        })
    }

    /// Every record, as `dabir backup` writes a sled database's.
    pub fn backup(&mut self) -> Result<Backup> {
        let next_id: Option<i64> = self
            .client
            .query_opt("SELECT value FROM meta WHERE key = 'next_id'", &[])
            .map_err(self.err("reading the id counter"))?
            .map(|r| r.get(0));
        Ok(Backup {
            format: BACKUP_FORMAT.into(),
            version: BACKUP_VERSION,
            next_id: next_id.unwrap_or(1) as u64,
            bodies: self.all("bodies")?,
            people: self.all("people")?,
            units: self.all("units")?,
            meetings: self.all("meetings")?,
            letters: self.all("letters")?,
        })
    }

    /// Names by id of one of our tables (`bodies`, `units`).
    pub fn names(&mut self, table: &'static str) -> Result<HashMap<Id, String>> {
        Ok(self
            .client
            .query(&format!("SELECT id, name FROM {table}"), &[])
            .map_err(self.err(table))?
            .into_iter()
            .map(|r| (r.get::<_, i64>(0) as Id, r.get(1)))
            .collect())
    }

    /// Every meeting, newest first (date, then id, as the folder's index), with
    /// its count of open resolutions.
    pub fn meeting_heads(&mut self) -> Result<Vec<MeetingHead>> {
        let rows = self
            .client
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
    pub fn open_summaries(
        &mut self,
    ) -> Result<Vec<(Option<NaiveDate>, ResolutionRef, OpenSummary)>> {
        let rows = self
            .client
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

    /// Every record of a table, in id order. `table` is one of ours, never
    /// user text.
    fn all<T: DeserializeOwned>(&mut self, table: &'static str) -> Result<Vec<T>> {
        let rows = self
            .client
            .query(&format!("SELECT id, data FROM {table} ORDER BY id"), &[])
            .map_err(self.err(table))?;
        rows.into_iter()
            .map(|r| {
                let id: i64 = r.get(0);
                serde_json::from_value(r.get(1)).map_err(|e| StoreError::Postgres {
                    url: self.url.clone(),
                    reason: format!("{table} {id} does not read: {e}"),
                })
            })
            .collect()
    }
}

/// An error of the server while doing `what`, naming the archive.
fn pg_error(url: &str, what: &str) -> impl Fn(postgres::Error) -> StoreError + use<> {
    let (url, what) = (url.to_owned(), what.to_owned());
    move |e| StoreError::Postgres {
        url: url.clone(),
        reason: format!("{what}: {e}"),
    }
}

/// An id as PostgreSQL's bigint (ids come from one counter and stay far below
/// 2^63).
fn id(v: u64) -> i64 {
    v as i64
}

fn json<T: Serialize>(v: &T) -> Result<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| StoreError::Invalid(format!("JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths_and_shown_without_the_password() {
        assert!(is_url("postgres://zahra@db.example/archive"));
        assert!(is_url("postgresql://db/archive"));
        assert!(!is_url("/home/zahra/db"));
        assert!(!is_url("postgres"));
        assert_eq!(
            shown("postgres://zahra:secret@db.example:5432/archive"),
            "postgres://zahra@db.example:5432/archive"
        );
        assert_eq!(shown("postgres://db/archive"), "postgres://db/archive");
    }

    #[test]
    fn migrations_are_numbered_in_order_up_to_the_current_version() {
        let versions: Vec<i32> = MIGRATIONS.iter().map(|(v, _)| *v).collect();
        assert_eq!(versions, (1..=PG_SCHEMA_VERSION).collect::<Vec<_>>());
    }
}

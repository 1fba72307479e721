//! A whole archive in and out: what `dabir migrate-store` copies, checked by
//! comparing the backups of both ends.

use serde::de::DeserializeOwned;

use super::write::{INSERT_MEETING, INSERT_RESOLUTION, MeetingRow, insert_resolutions};
use super::{PgArchive, id, json, pg_error};
use crate::store::backup::{BACKUP_FORMAT, BACKUP_VERSION, Backup, Restored};
use crate::store::error::{Result, StoreError};

impl PgArchive {
    /// Loads a whole backup into this archive, which must be empty: all in one
    /// transaction, so a failure leaves it empty.
    pub fn load(&self, b: &Backup) -> Result<Restored> {
        if !self.is_empty()? {
            return Err(
                self.invalid("the archive is not empty; copy only into an empty one".into())
            );
        }
        let pg = |what: String| pg_error(&self.url, &what);
        let mut client = self.client();
        let mut tx = client
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
        let meeting = tx.prepare(INSERT_MEETING).map_err(pg("preparing".into()))?;
        let resolution = tx
            .prepare(INSERT_RESOLUTION)
            .map_err(pg("preparing".into()))?;
        for m in &b.meetings {
            tx.execute(&meeting, &MeetingRow::of(m)?.params())
                .map_err(pg(format!("meeting {}", m.id)))?;
            insert_resolutions(&mut tx, &resolution, m).map_err(pg(format!("meeting {}", m.id)))?;
            super::search::write_words(&mut tx, m).map_err(pg(format!("meeting {}", m.id)))?;
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
        client
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
    pub fn backup(&self) -> Result<Backup> {
        let next_id: Option<i64> = self
            .client()
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

    /// Every record of a table, in id order. `table` is one of ours, never
    /// user text.
    pub(super) fn all<T: DeserializeOwned>(&self, table: &'static str) -> Result<Vec<T>> {
        let rows = self
            .client()
            .query(&format!("SELECT id, data FROM {table} ORDER BY id"), &[])
            .map_err(self.err(table))?;
        rows.into_iter()
            .map(|r| self.decode(table, r.get(0), r.get(1)))
            .collect()
    }

    /// A record read back from its JSON.
    pub(super) fn decode<T: DeserializeOwned>(
        &self,
        table: &str,
        id: i64,
        data: serde_json::Value,
    ) -> Result<T> {
        serde_json::from_value(data).map_err(|e| StoreError::Postgres {
            url: self.url.clone(),
            reason: format!("{table} {id} does not read: {e}"),
        })
    }
}

//! The trash of the shared archive, as the folder's (store/trash.rs): a draft
//! meeting (not final minutes) or a body without meetings is moved there, and
//! restored or purged from there; each step is audited and announced.

use chrono::{DateTime, Utc};

use super::write::{INSERT_MEETING, MeetingRow};
use super::{PgArchive, id, json};
use crate::model::{Body, Id, Meeting};
use crate::store::Trashed;
use crate::store::error::{Result, StoreError};

impl PgArchive {
    /// Moves a draft meeting to the trash (final minutes: reopen first);
    /// refused while another user edits it.
    pub fn trash_meeting(&self, meeting: Id, at: DateTime<Utc>) -> Result<Meeting> {
        let mut client = self.client();
        let mut tx = client
            .transaction()
            .map_err(self.err("deleting a meeting"))?;
        let row = tx
            .query_opt(
                "SELECT data, version FROM meetings WHERE id = $1 FOR UPDATE",
                &[&id(meeting)],
            )
            .map_err(self.err("deleting a meeting"))?
            .ok_or(StoreError::NotFound {
                kind: "meeting",
                id: meeting,
            })?;
        self.check_lease(&mut tx, meeting)?;
        let m: Meeting = self.decode("meetings", id(meeting), row.get(0))?;
        if m.is_final() {
            return Err(StoreError::Invalid(format!(
                "صورتجلسه {meeting} نهایی است؛ نخست بازگشایی کنید / meeting {meeting} is final: reopen it first"
            )));
        }
        let version: i64 = row.get(1);
        tx.execute(
            "INSERT INTO trash (id, kind, deleted, version, data) VALUES ($1, 'meeting', $2, $3, $4)",
            &[&id(meeting), &at, &version, &json(&m)?],
        )
        .map_err(self.err("deleting a meeting"))?;
        tx.execute("DELETE FROM meetings WHERE id = $1", &[&id(meeting)])
            .map_err(self.err("deleting a meeting"))?;
        self.record(&mut tx, "meeting", meeting, "trash", Some(version))?;
        tx.commit().map_err(self.err("deleting a meeting"))?;
        Ok(m)
    }

    /// Brings a meeting back from the trash; its body must be there.
    pub fn restore_meeting(&self, meeting: Id) -> Result<Meeting> {
        let mut client = self.client();
        let mut tx = client
            .transaction()
            .map_err(self.err("restoring a meeting"))?;
        let row = tx
            .query_opt(
                "DELETE FROM trash WHERE id = $1 AND kind = 'meeting' RETURNING data, version",
                &[&id(meeting)],
            )
            .map_err(self.err("restoring a meeting"))?
            .ok_or(StoreError::NotFound {
                kind: "meeting in the trash",
                id: meeting,
            })?;
        let m: Meeting = self.decode("trash", id(meeting), row.get(0))?;
        let body = tx
            .query_opt("SELECT 1 FROM bodies WHERE id = $1", &[&id(m.body)])
            .map_err(self.err("restoring a meeting"))?;
        if body.is_none() {
            return Err(StoreError::Invalid(format!(
                "کارگروه این جلسه ({}) نیست؛ نخست آن را از سطل زباله بازگردانید / the meeting's body ({}) is gone: restore it from the trash first",
                m.body, m.body
            )));
        }
        tx.execute(INSERT_MEETING, &MeetingRow::of(&m)?.params())
            .map_err(self.err("restoring a meeting"))?;
        // The version goes on from where it was, so a save from before the
        // deletion is refused, not taken for a new one.
        let version = row.get::<_, Option<i64>>(1).unwrap_or(0) + 1;
        tx.execute(
            "UPDATE meetings SET version = $2 WHERE id = $1",
            &[&id(meeting), &version],
        )
        .map_err(self.err("restoring a meeting"))?;
        self.write_rest(&mut tx, &m, "restore", version)?;
        tx.commit().map_err(self.err("restoring a meeting"))?;
        self.remember(meeting, version);
        Ok(m)
    }

    /// Moves a body without meetings (none in the trash either) to the trash.
    pub fn trash_body(&self, body: Id, at: DateTime<Utc>) -> Result<Body> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("deleting a body"))?;
        let counts = tx
            .query_one(
                "SELECT (SELECT count(*) FROM meetings WHERE body = $1), \
                 (SELECT count(*) FROM trash WHERE kind = 'meeting' AND (data->>'body')::bigint = $1)",
                &[&id(body)],
            )
            .map_err(self.err("deleting a body"))?;
        let (live, trashed): (i64, i64) = (counts.get(0), counts.get(1));
        if live + trashed > 0 {
            return Err(StoreError::Invalid(format!(
                "این کارگروه {live} جلسه دارد ({trashed} در سطل زباله)؛ کارگروهِ دارای جلسه حذف نمی‌شود (ادغام کنید) \
                 / this body has {live} meetings ({trashed} in the trash); a body with meetings is not deleted (merge it instead)"
            )));
        }
        let row = tx
            .query_opt(
                "DELETE FROM bodies WHERE id = $1 RETURNING data",
                &[&id(body)],
            )
            .map_err(self.err("deleting a body"))?
            .ok_or(StoreError::NotFound {
                kind: "body",
                id: body,
            })?;
        let b: Body = self.decode("bodies", id(body), row.get(0))?;
        tx.execute(
            "INSERT INTO trash (id, kind, deleted, data) VALUES ($1, 'body', $2, $3)",
            &[&id(body), &at, &json(&b)?],
        )
        .map_err(self.err("deleting a body"))?;
        self.record(&mut tx, "body", body, "trash", None)?;
        tx.commit().map_err(self.err("deleting a body"))?;
        Ok(b)
    }

    /// Brings a body back from the trash.
    pub fn restore_body(&self, body: Id) -> Result<Body> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("restoring a body"))?;
        let row = tx
            .query_opt(
                "DELETE FROM trash WHERE id = $1 AND kind = 'body' RETURNING data",
                &[&id(body)],
            )
            .map_err(self.err("restoring a body"))?
            .ok_or(StoreError::NotFound {
                kind: "body in the trash",
                id: body,
            })?;
        let mut b: Body = self.decode("trash", id(body), row.get(0))?;
        b.id = body;
        self.insert_directory(&mut tx, &b, "restore")?;
        tx.commit().map_err(self.err("restoring a body"))?;
        Ok(b)
    }

    /// Deletes a meeting or body from the trash for good; whether it was there.
    pub fn purge(&self, record: Id) -> Result<bool> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("purging"))?;
        let kind: Option<String> = tx
            .query_opt(
                "DELETE FROM trash WHERE id = $1 RETURNING kind",
                &[&id(record)],
            )
            .map_err(self.err("purging"))?
            .map(|r| r.get(0));
        if let Some(kind) = &kind {
            self.record(&mut tx, kind, record, "purge", None)?;
        }
        tx.commit().map_err(self.err("purging"))?;
        Ok(kind.is_some())
    }

    pub fn trashed_meetings(&self) -> Result<Vec<Trashed<Meeting>>> {
        self.trashed("meeting")
    }

    pub fn trashed_bodies(&self) -> Result<Vec<Trashed<Body>>> {
        self.trashed("body")
    }

    fn trashed<T: serde::de::DeserializeOwned>(&self, kind: &str) -> Result<Vec<Trashed<T>>> {
        let rows = self
            .client()
            .query(
                "SELECT id, deleted, data FROM trash WHERE kind = $1 ORDER BY id",
                &[&kind],
            )
            .map_err(self.err("the trash"))?;
        rows.into_iter()
            .map(|r| {
                Ok(Trashed {
                    record: self.decode("trash", r.get(0), r.get(2))?,
                    deleted: r.get(1),
                })
            })
            .collect()
    }
}

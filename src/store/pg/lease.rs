//! Leases and the audit. A meeting being edited is leased to one process:
//! the others see «در حال ویرایش توسط …» and may only read it. A lease lasts
//! [`super::LEASE_SECONDS`] unless renewed, so one left by a crash expires.

use chrono::{DateTime, Utc};
use postgres::{GenericClient, Transaction};

use super::{PgArchive, id};
use crate::model::{Id, Meeting};
use crate::store::error::{Result, StoreError};

/// One saved change of a record: who, when, what, and the version it made.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub at: DateTime<Utc>,
    pub who: String,
    /// `create`, `save`, `follow-up`, …
    pub action: String,
    pub version: Option<i64>,
}

impl Change {
    /// What the change was, in Persian, as `dabir history` and the minutes'
    /// history show it.
    pub fn persian(&self) -> String {
        match self.action.as_str() {
            "create" => "ایجاد".into(),
            "save" => "ذخیره".into(),
            "follow-up" => "ثبت پیگیری".into(),
            "kept" => "متنی که به سبب تعارض ذخیره نشد، کنار متن بایگانی نگه داشته شد".into(),
            other => other.into(),
        }
    }
}

/// Who holds a meeting's lease, for others to see.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub user: String,
    pub since: DateTime<Utc>,
}

impl PgArchive {
    /// Takes or renews the lease of a meeting for this process; refused with
    /// [`StoreError::Leased`] while another process holds it unexpired.
    pub fn lease(&self, meeting: Id) -> Result<()> {
        let taken = self
            .client()
            .query_opt(
                "INSERT INTO leases (meeting, holder, token, expires) \
                 VALUES ($1, $2, $3, now() + make_interval(secs => $4)) \
                 ON CONFLICT (meeting) DO UPDATE SET holder = EXCLUDED.holder, \
                   token = EXCLUDED.token, expires = EXCLUDED.expires, \
                   since = CASE WHEN leases.token = EXCLUDED.token THEN leases.since \
                           ELSE now() END \
                 WHERE leases.token = EXCLUDED.token OR leases.expires < now() \
                 RETURNING 1",
                &[
                    &id(meeting),
                    &self.user,
                    &self.token,
                    &f64::from(self.lease_seconds),
                ],
            )
            .map_err(self.err("taking a lease"))?;
        if taken.is_some() {
            return Ok(());
        }
        match self.holder(meeting)? {
            Some(h) => Err(leased(meeting, h)),
            // Released between the two statements: try once more.
            None => self.lease(meeting),
        }
    }

    /// Gives up this process's lease of a meeting (leaving it); a lease held by
    /// another is left alone.
    pub fn release(&self, meeting: Id) -> Result<()> {
        self.client()
            .execute(
                "DELETE FROM leases WHERE meeting = $1 AND token = $2",
                &[&id(meeting), &self.token],
            )
            .map_err(self.err("releasing a lease"))?;
        Ok(())
    }

    /// Who else holds the lease of a meeting now, if anyone.
    pub fn holder(&self, meeting: Id) -> Result<Option<Holder>> {
        self.holder_in(&mut *self.client(), meeting)
    }

    /// [`PgArchive::holder`], asked on `c` (a transaction of a change).
    fn holder_in(&self, c: &mut impl GenericClient, meeting: Id) -> Result<Option<Holder>> {
        let row = c
            .query_opt(
                "SELECT holder, since FROM leases \
                 WHERE meeting = $1 AND token <> $2 AND expires >= now()",
                &[&id(meeting), &self.token],
            )
            .map_err(self.err("reading a lease"))?;
        Ok(row.map(|r| Holder {
            user: r.get(0),
            since: r.get(1),
        }))
    }

    /// Refuses a change while another process holds the meeting's lease.
    pub(super) fn check_lease(&self, tx: &mut Transaction, meeting: Id) -> Result<()> {
        match self.holder_in(tx, meeting)? {
            Some(h) => Err(leased(meeting, h)),
            None => Ok(()),
        }
    }

    /// Keeps a meeting's text that could not be saved (a conflict) beside the
    /// archive's, recorded in the audit as `kept`; returns the kept copy's id.
    pub fn keep(&self, m: &Meeting) -> Result<i64> {
        let version = self.versions_of(m.id);
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("keeping a text"))?;
        let kept: i64 = tx
            .query_one(
                "INSERT INTO kept (meeting, who, version, data) VALUES ($1, $2, $3, $4) \
                 RETURNING id",
                &[&id(m.id), &self.user, &version, &super::json(m)?],
            )
            .map_err(self.err("keeping a text"))?
            .get(0);
        self.record(&mut tx, "meeting", m.id, "kept", version)?;
        tx.commit().map_err(self.err("keeping a text"))?;
        Ok(kept)
    }

    /// The texts kept of a meeting (see [`PgArchive::keep`]), oldest first:
    /// who, when, the meeting as it was on their screen.
    pub fn kept(&self, meeting: Id) -> Result<Vec<(String, DateTime<Utc>, Meeting)>> {
        let rows = self
            .client()
            .query(
                "SELECT who, at, data FROM kept WHERE meeting = $1 ORDER BY id",
                &[&id(meeting)],
            )
            .map_err(self.err("reading kept texts"))?;
        rows.into_iter()
            .map(|r| {
                Ok((
                    r.get(0),
                    r.get(1),
                    self.decode("kept", id(meeting), r.get(2))?,
                ))
            })
            .collect()
    }

    /// The saved changes of a meeting, oldest first.
    pub fn history(&self, meeting: Id) -> Result<Vec<Change>> {
        let rows = self
            .client()
            .query(
                "SELECT at, who, action, version FROM audit \
                 WHERE kind = 'meeting' AND record = $1 ORDER BY id",
                &[&id(meeting)],
            )
            .map_err(self.err("reading the history"))?;
        Ok(rows
            .into_iter()
            .map(|r| Change {
                at: r.get(0),
                who: r.get(1),
                action: r.get(2),
                version: r.get(3),
            })
            .collect())
    }
}

fn leased(meeting: Id, h: Holder) -> StoreError {
    StoreError::Leased {
        id: meeting,
        holder: h.user,
        since: h.since.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

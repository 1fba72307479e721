//! Saves that several processes make at once. A meeting's save checks the
//! version this process read (no edit silently overwrites another's: a
//! conflict is an error carrying the archive's text, while the caller keeps
//! its own) and is refused while another process holds its lease; a change
//! made in place ([`PgArchive::update_meeting`]: a follow-up, a status) locks
//! the row, so changes from several users to one resolution never lose one
//! another. Every save records who and when in the audit table and tells the
//! listeners of the `dabir` channel, in the transaction of the change.

use postgres::types::ToSql;
use postgres::{GenericClient, Statement, Transaction};

use super::{PgArchive, id, json};
use crate::model::{Body, Id, Letter, Meeting, PersonRecord, StripControls, Unit};
use crate::store::error::{Result, StoreError};
use crate::store::{NewRecords, Record};

pub(super) const INSERT_MEETING: &str = "INSERT INTO meetings (id, body, number, date, state, data) \
     VALUES ($1, $2, $3, $4, $5, $6)";

pub(super) const INSERT_RESOLUTION: &str = "INSERT INTO resolutions (meeting, key, number, text, \
     status, deadline, approved, extensions, responsible, executor, units, done_on) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

/// A meeting's columns in `meetings`: id, body, number, date, state, data
/// (the order of [`INSERT_MEETING`] and of the updates' $1–$6).
pub(super) struct MeetingRow {
    id: i64,
    body: i64,
    number: i32,
    date: chrono::NaiveDate,
    state: &'static str,
    data: serde_json::Value,
}

impl MeetingRow {
    pub(super) fn of(m: &Meeting) -> Result<MeetingRow> {
        Ok(MeetingRow {
            id: id(m.id),
            body: id(m.body),
            number: m.number as i32,
            date: m.date,
            state: m.state.name(),
            data: json(m)?,
        })
    }

    pub(super) fn params(&self) -> [&(dyn ToSql + Sync); 6] {
        [
            &self.id,
            &self.body,
            &self.number,
            &self.date,
            &self.state,
            &self.data,
        ]
    }

    /// The six and one more ($7).
    pub(super) fn with<'a>(&'a self, more: &'a (dyn ToSql + Sync)) -> Vec<&'a (dyn ToSql + Sync)> {
        let mut v = self.params().to_vec();
        v.push(more);
        v
    }
}

/// The query rows of a meeting's resolutions.
pub(super) fn insert_resolutions(
    tx: &mut impl GenericClient,
    stmt: &Statement,
    m: &Meeting,
) -> std::result::Result<(), postgres::Error> {
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
            stmt,
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
                &r.done_on(),
            ],
        )?;
    }
    Ok(())
}

/// A directory record: a body, a person or a unit.
pub trait DirectoryRow: Record + StripControls + Clone {
    const TABLE: &'static str;
    const AUDIT_KIND: &'static str;
    fn name(&self) -> &str;
}

impl DirectoryRow for Body {
    const TABLE: &'static str = "bodies";
    const AUDIT_KIND: &'static str = "body";
    fn name(&self) -> &str {
        &self.name
    }
}

impl DirectoryRow for Unit {
    const TABLE: &'static str = "units";
    const AUDIT_KIND: &'static str = "unit";
    fn name(&self) -> &str {
        &self.name
    }
}

impl DirectoryRow for PersonRecord {
    const TABLE: &'static str = "people";
    const AUDIT_KIND: &'static str = "person";
    fn name(&self) -> &str {
        &self.person.name
    }
}

impl PgArchive {
    /// Remembers the version of a meeting as read or saved by this process.
    pub(super) fn remember(&self, meeting: Id, version: i64) {
        self.versions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(meeting, version);
    }

    pub(super) fn versions_of(&self, meeting: Id) -> Option<i64> {
        self.known_version(meeting)
    }

    fn known_version(&self, meeting: Id) -> Option<i64> {
        self.versions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&meeting)
            .copied()
    }

    /// Saves a meeting. A new one (id 0) gets an id, and the next session
    /// number of its body when its number is 0. An existing one is saved only
    /// if the archive still has the version this process read: otherwise
    /// [`StoreError::Conflict`] with the archive's text (the caller's stays in
    /// `meeting`), or [`StoreError::Leased`] while another process edits it.
    pub fn save_meeting(&self, meeting: &mut Meeting) -> Result<()> {
        self.save_meetings_as(std::slice::from_mut(meeting), "save")
    }

    /// Saves several meetings in one transaction, each checked as
    /// [`PgArchive::save_meeting`] checks one: all of them or none.
    pub fn save_meetings(&self, meetings: &mut [Meeting]) -> Result<()> {
        self.save_meetings_as(meetings, "save")
    }

    /// [`PgArchive::save_meetings`], audited as `action` («follow-up»).
    pub fn save_meetings_as(&self, meetings: &mut [Meeting], action: &str) -> Result<()> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("starting a save"))?;
        let mut versions = Vec::with_capacity(meetings.len());
        for m in meetings.iter_mut() {
            m.strip_controls();
            if m.id == 0 {
                m.id = next_id(&mut tx).map_err(self.err("taking an id"))?;
            }
            if m.number == 0 {
                m.number =
                    next_session(&mut tx, m.body).map_err(self.err("numbering the session"))?;
            }
            self.check_lease(&mut tx, m.id)?;
            let version = match self.known_version(m.id) {
                Some(v) => self.update_row(&mut tx, m, v)?,
                None => self.insert_row(&mut tx, m)?,
            };
            let action = if version == 1 { "create" } else { action };
            self.write_rest(&mut tx, m, action, version)?;
            versions.push((m.id, version));
        }
        tx.commit().map_err(self.err("committing a save"))?;
        for (id, v) in versions {
            self.remember(id, v);
        }
        Ok(())
    }

    /// Saves a new meeting with the new body and units it refers to (their
    /// ids reserved), in one transaction: an import leaves no orphan behind.
    pub fn save_meeting_with(&self, m: &mut Meeting, new: &NewRecords) -> Result<()> {
        m.strip_controls();
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("starting a save"))?;
        for b in &new.bodies {
            let mut b = b.clone();
            b.strip_controls();
            self.insert_directory(&mut tx, &b, "create")?;
        }
        for u in &new.units {
            let mut u = u.clone();
            u.strip_controls();
            self.insert_directory(&mut tx, &u, "create")?;
        }
        if m.id == 0 {
            m.id = next_id(&mut tx).map_err(self.err("taking an id"))?;
        }
        if m.number == 0 {
            m.number = next_session(&mut tx, m.body).map_err(self.err("numbering the session"))?;
        }
        let version = self.insert_row(&mut tx, m)?;
        self.finish_meeting(tx, m, "create", version)?;
        self.remember(m.id, version);
        Ok(())
    }

    /// A new directory record (or one back from the trash), in a transaction
    /// of a change audited as `action`.
    pub(super) fn insert_directory<T: DirectoryRow>(
        &self,
        tx: &mut Transaction,
        row: &T,
        action: &str,
    ) -> Result<()> {
        tx.execute(
            &format!(
                "INSERT INTO {} (id, name, data) VALUES ($1, $2, $3)",
                T::TABLE
            ),
            &[&id(row.id()), &row.name(), &json(row)?],
        )
        .map_err(self.err(T::TABLE))?;
        self.record(tx, T::AUDIT_KIND, row.id(), action, None)
    }

    /// Writes every meeting's resolution rows again (when a column was added).
    pub(super) fn fill_resolutions(&self) -> Result<()> {
        let mut client = self.client();
        let mut tx = client
            .transaction()
            .map_err(self.err("rewriting the resolutions"))?;
        let rows = tx
            .query("SELECT id, data FROM meetings", &[])
            .map_err(self.err("rewriting the resolutions"))?;
        tx.execute("DELETE FROM resolutions", &[])
            .map_err(self.err("rewriting the resolutions"))?;
        let stmt = tx
            .prepare(INSERT_RESOLUTION)
            .map_err(self.err("rewriting the resolutions"))?;
        for r in rows {
            let m: Meeting = self.decode("meetings", r.get(0), r.get(1))?;
            insert_resolutions(&mut tx, &stmt, &m)
                .map_err(self.err("rewriting the resolutions"))?;
        }
        tx.commit().map_err(self.err("rewriting the resolutions"))
    }

    /// Deletes a unit no resolution names (of a meeting in the trash either:
    /// restoring it must find its units); returns whether it was deleted.
    pub fn delete_unused_unit(&self, unit: Id) -> Result<bool> {
        let mut client = self.client();
        let mut tx = client
            .transaction()
            .map_err(self.err("starting a delete"))?;
        let n = tx
            .execute(
                "DELETE FROM units WHERE id = $1 \
                 AND NOT EXISTS (SELECT 1 FROM resolutions WHERE $1 = ANY (units)) \
                 AND NOT EXISTS (SELECT 1 FROM trash t, \
                     jsonb_array_elements(t.data->'resolutions') r \
                   WHERE t.kind = 'meeting' AND (r->'responsible' @> to_jsonb($1) \
                     OR r->'executor' = to_jsonb($1)))",
                &[&id(unit)],
            )
            .map_err(self.err("deleting a unit"))?;
        if n == 1 {
            self.record(&mut tx, "unit", unit, "delete", None)?;
        }
        tx.commit().map_err(self.err("committing a delete"))?;
        Ok(n == 1)
    }

    /// Changes a meeting in place: reads it with its row locked, applies
    /// `change`, saves it, all in one transaction, so that two users recording
    /// follow-ups on one resolution at once both keep theirs. `action` names
    /// the change in the audit («follow-up»). Refused while another process
    /// holds the meeting's lease. Returns the meeting as saved.
    pub fn update_meeting(
        &self,
        meeting: Id,
        action: &str,
        change: &mut dyn FnMut(&mut Meeting) -> Result<()>,
    ) -> Result<Meeting> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("starting a save"))?;
        let row = tx
            .query_opt(
                "SELECT data FROM meetings WHERE id = $1 FOR UPDATE",
                &[&id(meeting)],
            )
            .map_err(self.err("reading a meeting"))?
            .ok_or(StoreError::NotFound {
                kind: "meeting",
                id: meeting,
            })?;
        self.check_lease(&mut tx, meeting)?;
        let mut m: Meeting = self.decode("meetings", id(meeting), row.get(0))?;
        change(&mut m)?;
        m.strip_controls();
        m.id = meeting;
        let version: i64 = tx
            .query_one(
                "UPDATE meetings SET body = $2, number = $3, date = $4, state = $5, data = $6, \
                 version = version + 1 WHERE id = $1 RETURNING version",
                &MeetingRow::of(&m)?.params(),
            )
            .map_err(self.err("saving a meeting"))?
            .get(0);
        self.finish_meeting(tx, &m, action, version)?;
        Ok(m)
    }

    /// The update of a meeting this process read at `expected`.
    fn update_row(&self, tx: &mut Transaction, m: &Meeting, expected: i64) -> Result<i64> {
        let row = tx
            .query_opt(
                "UPDATE meetings SET body = $2, number = $3, date = $4, state = $5, data = $6, \
                 version = version + 1 WHERE id = $1 AND version = $7 RETURNING version",
                &MeetingRow::of(m)?.with(&expected),
            )
            .map_err(self.err("saving a meeting"))?;
        match row {
            Some(r) => Ok(r.get(0)),
            None => Err(self.conflict(tx, m.id)?),
        }
    }

    /// A meeting this process never read: new to the archive (a new id or one
    /// reserved), or else a conflict with the one there.
    fn insert_row(&self, tx: &mut Transaction, m: &Meeting) -> Result<i64> {
        let inserted = tx
            .execute(
                &format!("{INSERT_MEETING} ON CONFLICT (id) DO NOTHING"),
                &MeetingRow::of(m)?.params(),
            )
            .map_err(self.err("saving a new meeting"))?;
        if inserted == 1 {
            Ok(1)
        } else {
            Err(self.conflict(tx, m.id)?)
        }
    }

    /// The conflict with the meeting as the archive has it now, naming who
    /// saved it last.
    fn conflict(&self, tx: &mut Transaction, meeting: Id) -> Result<StoreError> {
        let row = tx
            .query_opt(
                "SELECT m.data, m.version, a.who, a.at FROM meetings m \
                 LEFT JOIN LATERAL (SELECT who, at FROM audit \
                   WHERE kind = 'meeting' AND record = m.id ORDER BY id DESC LIMIT 1) a ON true \
                 WHERE m.id = $1",
                &[&id(meeting)],
            )
            .map_err(self.err("reading the archive's meeting"))?;
        let Some(row) = row else {
            return Ok(StoreError::NotFound {
                kind: "meeting",
                id: meeting,
            });
        };
        let theirs: Meeting = self.decode("meetings", id(meeting), row.get(0))?;
        let at: Option<chrono::DateTime<chrono::Utc>> = row.get(3);
        Ok(StoreError::Conflict {
            id: meeting,
            version: row.get(1),
            by: row
                .get::<_, Option<String>>(2)
                .unwrap_or_else(|| "?".into()),
            at: at
                .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_default(),
            theirs: Box::new(theirs),
        })
    }

    /// The rest of a meeting's save: its resolution rows, the audit, the
    /// notice to listeners, the commit.
    fn finish_meeting(
        &self,
        mut tx: Transaction,
        m: &Meeting,
        action: &str,
        version: i64,
    ) -> Result<()> {
        self.write_rest(&mut tx, m, action, version)?;
        tx.commit().map_err(self.err("committing a save"))
    }

    /// A saved meeting's resolution rows, search words, audit and notice.
    pub(super) fn write_rest(
        &self,
        tx: &mut Transaction,
        m: &Meeting,
        action: &str,
        version: i64,
    ) -> Result<()> {
        tx.execute("DELETE FROM resolutions WHERE meeting = $1", &[&id(m.id)])
            .map_err(self.err("saving the resolutions"))?;
        let stmt = tx
            .prepare(INSERT_RESOLUTION)
            .map_err(self.err("saving the resolutions"))?;
        insert_resolutions(tx, &stmt, m).map_err(self.err("saving the resolutions"))?;
        super::search::write_words(tx, m).map_err(self.err("indexing the words"))?;
        self.record(tx, "meeting", m.id, action, Some(version))
    }

    /// The audit row and the notice of a change, in its transaction.
    pub(super) fn record(
        &self,
        tx: &mut Transaction,
        kind: &str,
        record: Id,
        action: &str,
        version: Option<i64>,
    ) -> Result<()> {
        tx.execute(
            "INSERT INTO audit (who, kind, record, action, version) VALUES ($1, $2, $3, $4, $5)",
            &[&self.user, &kind, &id(record), &action, &version],
        )
        .map_err(self.err("recording the change"))?;
        tx.execute(
            "SELECT pg_notify('dabir', $1)",
            &[&format!("{kind} {record}")],
        )
        .map_err(self.err("announcing the change"))?;
        Ok(())
    }

    /// Saves a body, a person or a unit (a new one when its id is 0).
    pub fn save_directory<T: DirectoryRow>(&self, row: &mut T) -> Result<()> {
        row.strip_controls();
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("starting a save"))?;
        let created = row.id() == 0;
        if created {
            row.set_id(next_id(&mut tx).map_err(self.err("taking an id"))?);
        }
        tx.execute(
            &format!(
                "INSERT INTO {} (id, name, data) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, data = EXCLUDED.data",
                T::TABLE
            ),
            &[&id(row.id()), &row.name(), &json(&*row)?],
        )
        .map_err(self.err(T::TABLE))?;
        let action = if created { "create" } else { "save" };
        self.record(&mut tx, T::AUDIT_KIND, row.id(), action, None)?;
        tx.commit().map_err(self.err("committing a save"))
    }

    pub fn save_body(&self, body: &mut Body) -> Result<()> {
        self.save_directory(body)
    }
    pub fn save_unit(&self, unit: &mut Unit) -> Result<()> {
        self.save_directory(unit)
    }
    pub fn save_person(&self, person: &mut PersonRecord) -> Result<()> {
        self.save_directory(person)
    }

    /// Records letters in one transaction, giving each without an id a new
    /// one. The register is locked meanwhile and a number already given to
    /// another letter is refused, so two users numbering letters at once never
    /// register one number twice: the second is told to generate again.
    pub fn save_letters(&self, letters: &mut [Letter]) -> Result<()> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("starting a save"))?;
        tx.batch_execute("LOCK TABLE letters IN SHARE ROW EXCLUSIVE MODE")
            .map_err(self.err("locking the register"))?;
        for l in letters.iter_mut() {
            l.strip_controls();
            if !l.number.is_empty() {
                let taken = tx
                    .query_opt(
                        "SELECT 1 FROM letters WHERE data->>'number' = $1 AND id <> $2",
                        &[&l.number, &id(l.id)],
                    )
                    .map_err(self.err("letters"))?;
                if taken.is_some() {
                    return Err(StoreError::Invalid(format!(
                        "letter number {} was given meanwhile to another letter; \
                         generate the letters again / شماره نامه {} در این فاصله به نامهٔ \
                         دیگری داده شد؛ نامه‌ها را دوباره بسازید",
                        l.number, l.number
                    )));
                }
            }
            let created = l.id == 0;
            if created {
                l.id = next_id(&mut tx).map_err(self.err("taking an id"))?;
            }
            tx.execute(
                "INSERT INTO letters (id, data) VALUES ($1, $2) \
                 ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data",
                &[&id(l.id), &json(&*l)?],
            )
            .map_err(self.err("letters"))?;
            let action = if created { "create" } else { "save" };
            self.record(&mut tx, "letter", l.id, action, None)?;
        }
        tx.commit().map_err(self.err("committing the letters"))
    }

    /// Takes the next id for a record written later (an import's meeting).
    pub fn reserve_id(&self) -> Result<Id> {
        let mut client = self.client();
        next_id(&mut *client).map_err(self.err("taking an id"))
    }
}

/// The next id of the one counter all records share (as the sled store's).
fn next_id(c: &mut impl GenericClient) -> std::result::Result<Id, postgres::Error> {
    let row = c.query_one(
        "INSERT INTO meta (key, value) VALUES ('next_id', 2) \
         ON CONFLICT (key) DO UPDATE SET value = meta.value + 1 RETURNING value - 1",
        &[],
    )?;
    Ok(row.get::<_, i64>(0) as Id)
}

/// The next session number of a body. The body is locked for the rest of
/// the transaction, so two secretaries starting its next session at once get
/// two numbers.
fn next_session(c: &mut impl GenericClient, body: Id) -> std::result::Result<u32, postgres::Error> {
    c.execute("SELECT pg_advisory_xact_lock($1)", &[&id(body)])?;
    let row = c.query_one(
        "SELECT coalesce(max(number), 0) + 1 FROM meetings WHERE body = $1",
        &[&id(body)],
    )?;
    Ok(row.get::<_, i32>(0) as u32)
}

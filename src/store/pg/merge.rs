//! Merging directory records spelled two ways on the shared archive, with the
//! folder's rules (store/merge.rs), each merge one transaction: every meeting
//! (in the trash too) or body naming `from` names `into`, and `from` goes.
//! Refused while another user edits a meeting it would change.

use postgres::Transaction;

use super::{PgArchive, id, json};
use crate::model::{Body, Id, Meeting};
use crate::store::error::{Result, StoreError};

impl PgArchive {
    /// Unit `from` merged into `into`; returns the meetings changed.
    pub fn merge_units(&self, from: Id, into: Id) -> Result<usize> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("merging"))?;
        self.check_pair(&mut tx, "units", "unit", from, into)?;
        let changed = self.relink_meetings(
            &mut tx,
            "SELECT id, data FROM meetings WHERE id IN \
             (SELECT meeting FROM resolutions WHERE $1 = ANY (units)) ORDER BY id FOR UPDATE",
            from,
            &mut |m| m.relink_unit(from, into),
        )?;
        self.relink_trash(&mut tx, &mut |m| m.relink_unit(from, into))?;
        tx.execute("DELETE FROM units WHERE id = $1", &[&id(from)])
            .map_err(self.err("merging"))?;
        self.record(&mut tx, "unit", from, &format!("merge into {into}"), None)?;
        tx.commit().map_err(self.err("merging"))?;
        Ok(changed)
    }

    /// Body `from` merged into `into`; returns the meetings moved.
    pub fn merge_bodies(&self, from: Id, into: Id) -> Result<usize> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("merging"))?;
        self.check_pair(&mut tx, "bodies", "body", from, into)?;
        let changed = self.relink_meetings(
            &mut tx,
            "SELECT id, data FROM meetings WHERE body = $1 ORDER BY id FOR UPDATE",
            from,
            &mut |m| {
                m.body = into;
                true
            },
        )?;
        self.relink_trash(&mut tx, &mut |m| {
            let moved = m.body == from;
            if moved {
                m.body = into;
            }
            moved
        })?;
        tx.execute("DELETE FROM bodies WHERE id = $1", &[&id(from)])
            .map_err(self.err("merging"))?;
        self.record(&mut tx, "body", from, &format!("merge into {into}"), None)?;
        tx.commit().map_err(self.err("merging"))?;
        Ok(changed)
    }

    /// Person `from` merged into `into`; returns the bodies changed.
    pub fn merge_people(&self, from: Id, into: Id) -> Result<usize> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("merging"))?;
        self.check_pair(&mut tx, "people", "person", from, into)?;
        let rows = tx
            .query("SELECT id, data FROM bodies ORDER BY id FOR UPDATE", &[])
            .map_err(self.err("merging"))?;
        let mut changed = 0;
        for r in rows {
            let mut b: Body = self.decode("bodies", r.get(0), r.get(1))?;
            if b.relink_person(from, into) {
                tx.execute(
                    "UPDATE bodies SET data = $2 WHERE id = $1",
                    &[&id(b.id), &json(&b)?],
                )
                .map_err(self.err("merging"))?;
                self.record(&mut tx, "body", b.id, "save", None)?;
                changed += 1;
            }
        }
        tx.execute("DELETE FROM people WHERE id = $1", &[&id(from)])
            .map_err(self.err("merging"))?;
        self.record(&mut tx, "person", from, &format!("merge into {into}"), None)?;
        tx.commit().map_err(self.err("merging"))?;
        Ok(changed)
    }

    fn check_pair(
        &self,
        tx: &mut Transaction,
        table: &'static str,
        kind: &'static str,
        from: Id,
        into: Id,
    ) -> Result<()> {
        if from == into {
            return Err(StoreError::Invalid(format!(
                "cannot merge a {kind} into itself"
            )));
        }
        for one in [from, into] {
            let found = tx
                .query_opt(&format!("SELECT 1 FROM {table} WHERE id = $1"), &[&id(one)])
                .map_err(self.err("merging"))?;
            if found.is_none() {
                return Err(StoreError::NotFound { kind, id: one });
            }
        }
        Ok(())
    }

    /// The meetings `select` finds (by `from`, rows locked), changed by
    /// `relink` and saved; refused if another user edits one of them.
    fn relink_meetings(
        &self,
        tx: &mut Transaction,
        select: &str,
        from: Id,
        relink: &mut dyn FnMut(&mut Meeting) -> bool,
    ) -> Result<usize> {
        let rows = tx
            .query(select, &[&id(from)])
            .map_err(self.err("merging"))?;
        let mut changed = 0;
        for r in rows {
            let mut m: Meeting = self.decode("meetings", r.get(0), r.get(1))?;
            self.check_lease(tx, m.id)?;
            if !relink(&mut m) {
                continue;
            }
            let version: i64 = tx
                .query_one(
                    "UPDATE meetings SET body = $2, data = $3, version = version + 1 \
                     WHERE id = $1 RETURNING version",
                    &[&id(m.id), &id(m.body), &json(&m)?],
                )
                .map_err(self.err("merging"))?
                .get(0);
            self.write_rest(tx, &m, "merge", version)?;
            changed += 1;
        }
        Ok(changed)
    }

    /// The meetings in the trash, changed by `relink` where it says so.
    fn relink_trash(
        &self,
        tx: &mut Transaction,
        relink: &mut dyn FnMut(&mut Meeting) -> bool,
    ) -> Result<()> {
        let rows = tx
            .query(
                "SELECT id, data FROM trash WHERE kind = 'meeting' FOR UPDATE",
                &[],
            )
            .map_err(self.err("merging"))?;
        for r in rows {
            let mut m: Meeting = self.decode("trash", r.get(0), r.get(1))?;
            if relink(&mut m) {
                tx.execute(
                    "UPDATE trash SET data = $2 WHERE id = $1",
                    &[&id(m.id), &json(&m)?],
                )
                .map_err(self.err("merging"))?;
            }
        }
        Ok(())
    }
}

//! The trash (سطل زباله): meetings and bodies deleted from the UI or the CLI wait
//! here until restored or purged. A trashed meeting leaves every index (it is in
//! no list, search or pending row) and keeps its id and session number, so
//! restoring it gives back exactly what was deleted.
//!
//! A value is the deletion time (ms since the epoch, 8 bytes big-endian) followed
//! by the record as `codec` writes it. Records in the trash take part in merges
//! (a unit or body merged away is renamed in trashed meetings too) and count as
//! uses (a unit a trashed meeting names is not deleted), so nothing a restore
//! brings back refers to a record that is gone.

use chrono::{DateTime, Utc};
use sled::Tree;
use sled::transaction::Transactional;

use super::error::{self, Result, StoreError};
use super::{
    NewRecords, Store, T_BODIES, T_MEETINGS, T_MEETINGS_BY_BODY, T_TRASH_BODIES, T_TRASH_MEETINGS,
    abort, codec, corrupt, index, keys, remove_entry, write_one,
};
use crate::model::{Body, Id, Meeting};

/// A record in the trash and when it was put there.
#[derive(Debug, Clone, PartialEq)]
pub struct Trashed<T> {
    pub record: T,
    pub deleted: DateTime<Utc>,
}

fn trash_value(bytes: &[u8], at: DateTime<Utc>) -> Vec<u8> {
    let mut v = at.timestamp_millis().to_be_bytes().to_vec();
    v.extend_from_slice(bytes);
    v
}

impl Store {
    /// Moves a meeting (with its index entries) into the trash. Final minutes are
    /// refused: they must be reopened first. Returns the meeting.
    pub fn trash_meeting(&self, id: Id, at: DateTime<Utc>) -> Result<Meeting> {
        let key = keys::id_key(id);
        let trees: Vec<&Tree> = self.trees.iter().collect();
        let m = trees
            .as_slice()
            .transaction(|tx| {
                let Some(bytes) = tx[T_MEETINGS].remove(&key)? else {
                    return Err(abort(StoreError::NotFound {
                        kind: "meeting",
                        id,
                    }));
                };
                let m: Meeting =
                    codec::decode(&bytes).map_err(|reason| abort(corrupt::<Meeting>(&key, reason)))?;
                if m.is_final() {
                    return Err(abort(StoreError::Invalid(format!(
                        "صورتجلسه {id} نهایی است؛ نخست بازگشایی کنید / meeting {id} is final: reopen it first"
                    ))));
                }
                for (t, k, _) in index::entries(&m) {
                    remove_entry(&tx[t], t, &k)?;
                }
                tx[T_TRASH_MEETINGS].insert(&key, trash_value(&bytes, at))?;
                Ok(m)
            })
            .map_err(|e| error::from_tx(&self.path, e))?;
        self.flush()?;
        Ok(m)
    }

    /// Brings a meeting back from the trash, with its index entries.
    pub fn restore_meeting(&self, id: Id) -> Result<Meeting> {
        let key = keys::id_key(id);
        let Some(t) = self.trashed::<Meeting>(T_TRASH_MEETINGS, &key)? else {
            return Err(StoreError::NotFound {
                kind: "meeting in the trash",
                id,
            });
        };
        if self.body(t.record.body)?.is_none() {
            return Err(StoreError::Invalid(format!(
                "کارگروه این جلسه ({}) نیست؛ نخست آن را از سطل زباله بازگردانید / the meeting's body ({}) is gone: restore it from the trash first",
                t.record.body, t.record.body
            )));
        }
        let trees: Vec<&Tree> = self.trees.iter().collect();
        trees
            .as_slice()
            .transaction(|tx| {
                tx[T_TRASH_MEETINGS].remove(&key)?;
                write_one(tx, &t.record, true)?;
                Ok(())
            })
            .map_err(|e| error::from_tx(&self.path, e))?;
        self.flush()?;
        Ok(t.record)
    }

    /// Moves a body into the trash. Refused while any meeting, live or trashed,
    /// is of that body: its minutes would lose their body.
    pub fn trash_body(&self, id: Id, at: DateTime<Utc>) -> Result<Body> {
        let live = self
            .tree(T_MEETINGS_BY_BODY)
            .scan_prefix(id.to_be_bytes())
            .count();
        let trashed = self
            .trashed_meetings()?
            .iter()
            .filter(|t| t.record.body == id)
            .count();
        if live + trashed > 0 {
            return Err(StoreError::Invalid(format!(
                "این کارگروه {live} جلسه دارد ({trashed} در سطل زباله)؛ کارگروهِ دارای جلسه حذف نمی‌شود (ادغام کنید) \
                 / this body has {live} meetings ({trashed} in the trash); a body with meetings is not deleted (merge it instead)"
            )));
        }
        let key = keys::id_key(id);
        let bytes = self
            .tree(T_BODIES)
            .get(key)
            .map_err(|e| self.sled_err(e))?
            .ok_or(StoreError::NotFound { kind: "body", id })?;
        let body: Body = self.decode(&key, &bytes)?;
        (self.tree(T_BODIES), self.tree(T_TRASH_BODIES))
            .transaction(|(bodies, trash)| {
                bodies.remove(key.as_slice())?;
                trash.insert(key.as_slice(), trash_value(&bytes, at))?;
                Ok(())
            })
            .map_err(|e: sled::transaction::TransactionError<StoreError>| {
                error::from_tx(&self.path, e)
            })?;
        self.flush()?;
        Ok(body)
    }

    /// Brings a body back from the trash.
    pub fn restore_body(&self, id: Id) -> Result<Body> {
        let key = keys::id_key(id);
        let Some(mut t) = self.trashed::<Body>(T_TRASH_BODIES, &key)? else {
            return Err(StoreError::NotFound {
                kind: "body in the trash",
                id,
            });
        };
        self.write_meetings(
            &mut [],
            false,
            &NewRecords {
                bodies: vec![t.record.clone()],
                units: vec![],
            },
        )?;
        self.tree(T_TRASH_BODIES)
            .remove(key)
            .map_err(|e| self.sled_err(e))?;
        self.flush()?;
        t.record.id = id;
        Ok(t.record)
    }

    /// Deletes a meeting or a body from the trash for good. Returns whether it
    /// was there.
    pub fn purge(&self, id: Id) -> Result<bool> {
        let key = keys::id_key(id);
        let mut found = false;
        for t in [T_TRASH_MEETINGS, T_TRASH_BODIES] {
            found |= self
                .tree(t)
                .remove(key)
                .map_err(|e| self.sled_err(e))?
                .is_some();
        }
        // A body can go only when no trashed meeting needs it: bodies are refused
        // while they have meetings, so none does.
        self.flush()?;
        Ok(found)
    }

    pub fn trashed_meetings(&self) -> Result<Vec<Trashed<Meeting>>> {
        self.all_trashed(T_TRASH_MEETINGS)
    }

    pub fn trashed_bodies(&self) -> Result<Vec<Trashed<Body>>> {
        self.all_trashed(T_TRASH_BODIES)
    }

    /// Rewrites a trashed meeting in place (a merge renaming a unit or body).
    pub(super) fn put_trashed_meeting(&self, t: &Trashed<Meeting>) -> Result<()> {
        let bytes = codec::encode(&t.record).map_err(StoreError::Invalid)?;
        self.tree(T_TRASH_MEETINGS)
            .insert(keys::id_key(t.record.id), trash_value(&bytes, t.deleted))
            .map_err(|e| self.sled_err(e))?;
        Ok(())
    }

    fn all_trashed<T: codec::Record>(&self, tree: usize) -> Result<Vec<Trashed<T>>> {
        self.tree(tree)
            .iter()
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                self.decode_trashed(tree, &k, &v)
            })
            .collect()
    }

    fn trashed<T: codec::Record>(&self, tree: usize, key: &[u8]) -> Result<Option<Trashed<T>>> {
        self.tree(tree)
            .get(key)
            .map_err(|e| self.sled_err(e))?
            .map(|v| self.decode_trashed(tree, key, &v))
            .transpose()
    }

    fn decode_trashed<T: codec::Record>(
        &self,
        tree: usize,
        key: &[u8],
        v: &[u8],
    ) -> Result<Trashed<T>> {
        let bad = |reason: String| StoreError::Corrupt {
            tree: super::TREE_NAMES[tree],
            key: keys::id_from_key(key).map_or_else(|| format!("{key:02x?}"), |id| id.to_string()),
            reason,
        };
        let (at, record) = v
            .split_at_checked(8)
            .ok_or_else(|| bad(format!("{} bytes: no deletion time", v.len())))?;
        let millis = i64::from_be_bytes(at.try_into().expect("eight bytes"));
        let deleted = DateTime::from_timestamp_millis(millis)
            .ok_or_else(|| bad(format!("deletion time {millis} out of range")))?;
        let record = codec::decode(record).map_err(bad)?;
        Ok(Trashed { record, deleted })
    }
}

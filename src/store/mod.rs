//! The embedded database: sled trees for each record kind, secondary indexes kept in
//! the same transaction as their record, schema migrations, and the lock that keeps
//! a second dabir out.
//!
//! Durability: every `save_*` call returns only after `flush` (an fsync of sled's
//! log), so a save the user has seen acknowledged survives `kill -9` and power loss.
//! The `put_*` variants skip the flush for bulk loads (demo, restore, import), which
//! flush once at the end.

mod archive;
mod backup;
pub mod codec;
mod error;
mod index;
mod keys;
mod legacy;
mod letters;
mod lock;
mod merge;
mod migrate;
pub mod pg;
mod salvage;
mod search;
mod trash;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sled::Tree;
use sled::transaction::{ConflictableTransactionError, Transactional, TransactionalTree};

use crate::model::{Body, Id, Meeting, PersonRecord, Resolution, Status, StripControls, Unit};

pub use archive::{Archive, MeetingHead, OpenRow, SearchWorker};
pub use backup::{BACKUP_FORMAT, BACKUP_VERSION, Backup, Restored};
pub use codec::{Kind, Record};
pub use error::{Result, StoreError};
pub use index::{OpenSummary, Place, open_rows_of};
pub use legacy::{FollowUpV1, HistoryEntryV1, MeetingV0, MeetingV1, ResolutionV1, UnitV0};
pub use lock::LOCK_FILE;
pub use migrate::SCHEMA_VERSION;
pub use salvage::{Salvage, Skipped};
pub use search::{QueryError, SearchHit, SearchResult, Searcher, query_tokens};
pub use trash::Trashed;

/// sled's page cache. The default (1 GiB) lets memory grow toward the database
/// size; minutes databases are read mostly through indexes, so 64 MiB is plenty.
const CACHE_CAPACITY: u64 = 64 * 1024 * 1024;

pub(crate) const T_META: usize = 0;
pub(crate) const T_BODIES: usize = 1;
pub(crate) const T_PEOPLE: usize = 2;
pub(crate) const T_UNITS: usize = 3;
pub(crate) const T_MEETINGS: usize = 4;
pub(crate) const T_MEETINGS_BY_DATE: usize = 5;
pub(crate) const T_MEETINGS_BY_BODY: usize = 6;
pub(crate) const T_OPEN_BY_DEADLINE: usize = 7;
pub(crate) const T_RES_BY_UNIT: usize = 8;
pub(crate) const T_RES_BY_STATUS: usize = 9;
pub(crate) const T_SEARCH: usize = 10;
pub(crate) const T_TRASH_MEETINGS: usize = 11;
pub(crate) const T_TRASH_BODIES: usize = 12;
pub(crate) const T_LETTERS: usize = 13;

/// Tree names, indexed by the `T_*` constants.
pub const TREE_NAMES: [&str; 14] = [
    "meta",
    "bodies",
    "people",
    "units",
    "meetings",
    "meetings_by_date",
    "meetings_by_body",
    "open_by_deadline",
    "res_by_unit",
    "res_by_status",
    "search",
    "trash_meetings",
    "trash_bodies",
    "letters",
];

const META_NEXT_ID: &[u8] = b"next_id";
/// Present while a restore is loading: a database that still has it was left
/// partial by a restore that never finished.
const META_RESTORING: &[u8] = b"restoring";

/// The tree that holds records of type `T`.
fn tree_of<T: Record>() -> usize {
    match T::KIND {
        Kind::Body => T_BODIES,
        Kind::Person => T_PEOPLE,
        Kind::Unit => T_UNITS,
        Kind::Meeting => T_MEETINGS,
        Kind::Letter => T_LETTERS,
    }
}

/// A resolution as the indexes find it: which meeting, which resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResolutionRef {
    pub meeting: Id,
    pub key: u32,
}

/// An open resolution with the meeting facts a list needs.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenResolution {
    pub meeting: Id,
    pub body: Id,
    pub session: u32,
    pub resolution: Resolution,
}

/// New records saved in the same transaction as a meeting that refers to them,
/// with ids already reserved ([`Store::save_meeting_with`]).
#[derive(Debug, Clone, Default)]
pub struct NewRecords {
    pub bodies: Vec<Body>,
    pub units: Vec<Unit>,
}

/// An index entry as (tree name, key, value), for consistency checks.
pub type IndexEntry = (&'static str, Vec<u8>, Vec<u8>);

type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

/// An open dabir database. Dropping it flushes sled and releases the lock.
pub struct Store {
    path: PathBuf,
    db: sled::Db,
    trees: Vec<Tree>,
    _lock: lock::DbLock,
    warnings: Vec<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database in directory `path`, migrating an
    /// older schema. Fails at once with [`StoreError::Locked`] if another dabir has
    /// it open.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_reporting(path, &mut |_, _| {})
    }

    /// As [`Store::open`], telling `upgrading` (from, to) before a schema
    /// migration starts, so a caller can say why the start takes a while.
    pub fn open_reporting(path: &Path, upgrading: &mut dyn FnMut(u32, u32)) -> Result<Store> {
        let store = Store::open_any(path, upgrading)?;
        if store.restore_interrupted()? {
            return Err(StoreError::PartialRestore {
                path: path.to_owned(),
            });
        }
        Ok(store)
    }

    /// As [`Store::open_reporting`], but also a database an interrupted restore
    /// left partial: the one thing to do with it is to restore again.
    pub fn open_for_restore(path: &Path, upgrading: &mut dyn FnMut(u32, u32)) -> Result<Store> {
        Store::open_any(path, upgrading)
    }

    fn open_any(path: &Path, upgrading: &mut dyn FnMut(u32, u32)) -> Result<Store> {
        let mut warnings = create_private_dir(path)?;
        let mut lock = lock::acquire(path)?;
        let unopenable = |source| StoreError::Unopenable {
            path: path.to_owned(),
            source,
        };
        let db = match open_sled(path) {
            Ok(db) => db,
            // Our lock is ours, yet sled's is taken by another process: someone
            // deleted dabir.lock under a running dabir. Same answer as our lock's.
            Err(e) if is_sled_lock_error(&e) => {
                return Err(StoreError::Locked {
                    path: path.to_owned(),
                    holder: lock::holder(path),
                });
            }
            Err(e) => return Err(unopenable(e)),
        };
        let trees = TREE_NAMES
            .iter()
            .map(|name| db.open_tree(name))
            .collect::<sled::Result<Vec<_>>>()
            .map_err(unopenable)?;
        lock.record_pid(path)?;
        warnings.extend(private_files(path));
        let mut store = Store {
            path: path.to_owned(),
            db,
            trees,
            _lock: lock,
            warnings,
        };
        let notes = migrate::run(&store, upgrading)?;
        store.warnings.extend(notes);
        Ok(store)
    }

    /// Makes every file in the database folder private (0600) again: sled and the
    /// log create files as they go, with the umask's mode. Returns warnings.
    pub fn make_private(&self) -> Vec<String> {
        private_files(&self.path)
    }

    /// What opening could not do but did not need to (a folder or file whose mode
    /// could not be made private), for the caller to show.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sled_err(&self, source: sled::Error) -> StoreError {
        StoreError::Sled {
            path: self.path.clone(),
            source,
        }
    }

    fn tree(&self, t: usize) -> &Tree {
        &self.trees[t]
    }

    /// Makes every write so far durable.
    pub fn flush(&self) -> Result<()> {
        self.db.flush().map(|_| ()).map_err(|e| self.sled_err(e))
    }

    /// True when the database holds no records at all.
    pub fn is_empty(&self) -> bool {
        [
            T_BODIES,
            T_PEOPLE,
            T_UNITS,
            T_MEETINGS,
            T_TRASH_MEETINGS,
            T_TRASH_BODIES,
            T_LETTERS,
        ]
        .iter()
        .all(|&t| self.tree(t).is_empty())
    }

    fn decode<T: Record>(&self, key: &[u8], bytes: &[u8]) -> Result<T> {
        codec::decode(bytes).map_err(|reason| corrupt::<T>(key, reason))
    }

    fn get<T: Record>(&self, id: Id) -> Result<Option<T>> {
        let key = keys::id_key(id);
        match self
            .tree(tree_of::<T>())
            .get(key)
            .map_err(|e| corrupt::<T>(&key, e.to_string()))?
        {
            Some(bytes) => self.decode(&key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Every record of one kind, in id order.
    fn all<T: Record>(&self) -> Result<Vec<T>> {
        self.tree(tree_of::<T>())
            .iter()
            .map(|kv| {
                let (k, v) = kv.map_err(|e| StoreError::Corrupt {
                    tree: TREE_NAMES[tree_of::<T>()],
                    key: "(reading the tree in order)".into(),
                    reason: e.to_string(),
                })?;
                self.decode(&k, &v)
            })
            .collect()
    }

    /// Writes a body, person or unit, giving it an id first if it has none (0).
    fn put_plain<T: Record + Clone + StripControls>(&self, record: &mut T) -> Result<()> {
        record.strip_controls();
        let t = tree_of::<T>();
        let trees = [self.tree(T_META), self.tree(t)];
        let id = trees
            .transaction(|tx| {
                let mut r = record.clone();
                if r.id() == 0 {
                    r.set_id(alloc_id(&tx[0])?);
                }
                let value = codec::encode(&r).map_err(|e| abort(StoreError::Invalid(e)))?;
                tx[1].insert(&keys::id_key(r.id()), value)?;
                Ok(r.id())
            })
            .map_err(|e| error::from_tx(&self.path, e))?;
        record.set_id(id);
        Ok(())
    }

    pub fn body(&self, id: Id) -> Result<Option<Body>> {
        self.get(id)
    }
    pub fn bodies(&self) -> Result<Vec<Body>> {
        self.all()
    }
    /// Saves a body (a new one when its id is 0) and flushes.
    pub fn save_body(&self, body: &mut Body) -> Result<()> {
        self.put_plain(body)?;
        self.flush()
    }
    pub fn put_body(&self, body: &mut Body) -> Result<()> {
        self.put_plain(body)
    }

    /// The body of that name, spelling normalised (ي/ی, ك/ک, ZWNJ, digits): the
    /// one import and the new-meeting dialog attach a meeting to.
    pub fn body_by_name(&self, name: &str) -> Result<Option<Body>> {
        let key = crate::text::normalize::normalize(name).text;
        Ok(self
            .bodies()?
            .into_iter()
            .find(|b| crate::text::normalize::normalize(&b.name).text == key))
    }

    pub fn person(&self, id: Id) -> Result<Option<PersonRecord>> {
        self.get(id)
    }
    pub fn people(&self) -> Result<Vec<PersonRecord>> {
        self.all()
    }
    pub fn save_person(&self, person: &mut PersonRecord) -> Result<()> {
        self.put_plain(person)?;
        self.flush()
    }
    pub fn put_person(&self, person: &mut PersonRecord) -> Result<()> {
        self.put_plain(person)
    }

    pub fn unit(&self, id: Id) -> Result<Option<Unit>> {
        self.get(id)
    }
    pub fn units(&self) -> Result<Vec<Unit>> {
        self.all()
    }
    pub fn save_unit(&self, unit: &mut Unit) -> Result<()> {
        self.put_plain(unit)?;
        self.flush()
    }
    pub fn put_unit(&self, unit: &mut Unit) -> Result<()> {
        self.put_plain(unit)
    }

    /// Deletes a unit that no resolution names (checked through the unit index);
    /// returns whether it was deleted. A unit still in use is kept.
    pub fn delete_unused_unit(&self, id: Id) -> Result<bool> {
        if !self.resolutions_of_unit(id)?.is_empty() {
            return Ok(false);
        }
        // A meeting in the trash counts: restoring it must find its units.
        if self
            .trashed_meetings()?
            .iter()
            .any(|t| t.record.resolutions.iter().any(|r| r.involves_unit(id)))
        {
            return Ok(false);
        }
        let existed = self
            .tree(T_UNITS)
            .remove(keys::id_key(id))
            .map_err(|e| self.sled_err(e))?
            .is_some();
        self.flush()?;
        Ok(existed)
    }

    /// Unit names by id, for showing resolutions.
    pub fn unit_names(&self) -> Result<HashMap<Id, String>> {
        Ok(self.units()?.into_iter().map(|u| (u.id, u.name)).collect())
    }

    pub fn meeting(&self, id: Id) -> Result<Option<Meeting>> {
        self.get(id)
    }

    /// Saves a meeting with its index entries in one transaction, then flushes.
    /// A meeting with id 0 gets a new id; one with session number 0 gets the next
    /// number of its body.
    pub fn save_meeting(&self, meeting: &mut Meeting) -> Result<()> {
        self.put_meeting(meeting)?;
        self.flush()
    }

    /// As [`Store::save_meeting`] without the flush, for bulk loads.
    pub fn put_meeting(&self, meeting: &mut Meeting) -> Result<()> {
        self.write_meeting(meeting, false, &NewRecords::default())
    }

    /// Saves a meeting together with the new records it refers to (an import's
    /// new body and units), all in one transaction, then flushes: either all of
    /// them are stored or none. Their ids come from [`Store::reserve_id`].
    pub fn save_meeting_with(&self, meeting: &mut Meeting, new: &NewRecords) -> Result<()> {
        self.write_meeting(meeting, false, new)?;
        self.flush()
    }

    /// Takes the next id for a record that will be written later (in
    /// [`Store::save_meeting_with`]). An id reserved and never used is skipped.
    pub fn reserve_id(&self) -> Result<Id> {
        let trees = [self.tree(T_META)];
        trees
            .transaction(|tx| alloc_id(&tx[0]))
            .map_err(|e| error::from_tx(&self.path, e))
    }

    /// Saves a meeting; `fresh_indexes`: the index trees hold nothing of it yet
    /// (they were just cleared for a rebuild), so every entry is written, not only
    /// those that differ from the stored meeting's.
    pub(super) fn write_meeting(
        &self,
        meeting: &mut Meeting,
        fresh_indexes: bool,
        new: &NewRecords,
    ) -> Result<()> {
        self.write_meetings(std::slice::from_mut(meeting), fresh_indexes, new)
    }

    /// Saves several meetings (and the new records they refer to) in one
    /// transaction, then flushes: all of them or none. A bulk follow-up of
    /// resolutions from several meetings uses it, so a failure partway leaves
    /// nothing half-recorded and a retry adds no duplicates.
    pub fn save_meetings(&self, meetings: &mut [Meeting]) -> Result<()> {
        self.write_meetings(meetings, false, &NewRecords::default())?;
        self.flush()
    }

    pub(super) fn write_meetings(
        &self,
        meetings: &mut [Meeting],
        fresh_indexes: bool,
        new: &NewRecords,
    ) -> Result<()> {
        let mut new = new.clone();
        new.bodies.iter_mut().for_each(|b| {
            b.strip_controls();
        });
        new.units.iter_mut().for_each(|u| {
            u.strip_controls();
        });
        for meeting in meetings.iter_mut() {
            meeting.strip_controls();
            if meeting.number == 0 {
                // Reading outside the transaction is safe: the lock file makes this
                // process the only writer, and the UI writes from one thread.
                meeting.number = self.next_session_number(meeting.body)?;
            }
        }
        let trees: Vec<&Tree> = self.trees.iter().collect();
        let ids = trees
            .as_slice()
            .transaction(|tx| {
                for b in &new.bodies {
                    let value = codec::encode(b).map_err(|e| abort(StoreError::Invalid(e)))?;
                    tx[T_BODIES].insert(&keys::id_key(b.id), value)?;
                }
                for u in &new.units {
                    let value = codec::encode(u).map_err(|e| abort(StoreError::Invalid(e)))?;
                    tx[T_UNITS].insert(&keys::id_key(u.id), value)?;
                }
                let mut ids = Vec::with_capacity(meetings.len());
                for meeting in meetings.iter() {
                    ids.push(write_one(tx, meeting, fresh_indexes)?);
                }
                Ok(ids)
            })
            .map_err(|e| error::from_tx(&self.path, e))?;
        for (m, id) in meetings.iter_mut().zip(ids) {
            m.id = id;
        }
        Ok(())
    }

    /// Deletes a meeting and its index entries, then flushes. Returns whether it
    /// existed.
    pub fn delete_meeting(&self, id: Id) -> Result<bool> {
        let trees: Vec<&Tree> = self.trees.iter().collect();
        let existed = trees
            .as_slice()
            .transaction(|tx| {
                let key = keys::id_key(id);
                let Some(bytes) = tx[T_MEETINGS].remove(&key)? else {
                    return Ok(false);
                };
                let old = codec::decode::<Meeting>(&bytes)
                    .map_err(|reason| abort(corrupt::<Meeting>(&key, reason)))?;
                for (t, k, _) in index::entries(&old) {
                    remove_entry(&tx[t], t, &k)?;
                }
                Ok(true)
            })
            .map_err(|e| error::from_tx(&self.path, e))?;
        self.flush()?;
        Ok(existed)
    }

    /// Meeting ids, newest meeting date first (ties: newest id first).
    pub fn meeting_ids_newest_first(&self) -> impl Iterator<Item = Result<Id>> + '_ {
        self.tree(T_MEETINGS_BY_DATE).iter().rev().map(|kv| {
            let (k, _) = kv.map_err(|e| self.sled_err(e))?;
            keys::id_from_key(&k[4..]).ok_or_else(|| corrupt_index("meetings_by_date", &k))
        })
    }

    /// Meetings, newest first.
    pub fn meetings_newest_first(&self) -> impl Iterator<Item = Result<Meeting>> + '_ {
        self.meeting_ids_newest_first().map(|id| {
            let id = id?;
            self.meeting(id)?
                .ok_or_else(|| corrupt_index("meetings_by_date", &id.to_be_bytes()))
        })
    }

    pub fn meeting_count(&self) -> usize {
        self.tree(T_MEETINGS).len()
    }

    /// Ids of a body's meetings, by session number.
    pub fn meeting_ids_of_body(&self, body: Id) -> Result<Vec<Id>> {
        self.tree(T_MEETINGS_BY_BODY)
            .scan_prefix(body.to_be_bytes())
            .map(|kv| {
                let (k, _) = kv.map_err(|e| self.sled_err(e))?;
                k.get(12..)
                    .and_then(keys::id_from_key)
                    .ok_or_else(|| corrupt_index("meetings_by_body", &k))
            })
            .collect()
    }

    /// The session number the next meeting of `body` should get: last + 1.
    /// The id of body `body`'s meeting with session number `session`, if any.
    pub fn meeting_of_session(&self, body: Id, session: u32) -> Result<Option<Id>> {
        let mut prefix = body.to_be_bytes().to_vec();
        prefix.extend_from_slice(&session.to_be_bytes());
        match self
            .tree(T_MEETINGS_BY_BODY)
            .scan_prefix(&prefix)
            .next()
            .transpose()
            .map_err(|e| self.sled_err(e))?
        {
            Some((k, _)) => Ok(Some(
                keys::id_from_key(&k[12..]).ok_or_else(|| corrupt_index("meetings_by_body", &k))?,
            )),
            None => Ok(None),
        }
    }

    pub fn next_session_number(&self, body: Id) -> Result<u32> {
        let tree = self.tree(T_MEETINGS_BY_BODY);
        let last = tree
            .scan_prefix(body.to_be_bytes())
            .next_back()
            .transpose()
            .map_err(|e| self.sled_err(e))?;
        Ok(last.map_or(1, |(k, _)| session_from_body_key(&k) + 1))
    }

    /// Open resolutions ordered by deadline (earliest first, those without a deadline
    /// last), starting at `from` (or at the earliest), at most `limit`.
    pub fn open_resolution_refs(
        &self,
        from: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<(Option<NaiveDate>, ResolutionRef)>> {
        let start = keys::deadline_bytes(from).to_vec();
        let start = if from.is_some() { start } else { vec![] };
        self.tree(T_OPEN_BY_DEADLINE)
            .range(start..)
            .take(limit)
            .map(|kv| {
                let (k, _) = kv.map_err(|e| self.sled_err(e))?;
                let r =
                    parse_res_key(&k[4..]).ok_or_else(|| corrupt_index("open_by_deadline", &k))?;
                Ok((keys::deadline_from_bytes(&k), r))
            })
            .collect()
    }

    /// The next `limit` open resolutions in deadline order after the entry
    /// `after` (from the start when `None`), for loading a long list in chunks.
    pub fn open_summaries_after(
        &self,
        after: Option<(Option<NaiveDate>, ResolutionRef)>,
        limit: usize,
    ) -> Result<Vec<(Option<NaiveDate>, ResolutionRef, OpenSummary)>> {
        use std::ops::Bound;
        let start = match after {
            Some((d, r)) => Bound::Excluded(keys::key(&[
                &keys::deadline_bytes(d),
                &r.meeting.to_be_bytes(),
                &r.key.to_be_bytes(),
            ])),
            None => Bound::Unbounded,
        };
        self.tree(T_OPEN_BY_DEADLINE)
            .range::<Vec<u8>, _>((start, Bound::Unbounded))
            .take(limit)
            .map(|kv| self.open_entry(kv))
            .collect()
    }

    /// One `open_by_deadline` entry read back: deadline, resolution, summary.
    fn open_entry(
        &self,
        kv: sled::Result<(sled::IVec, sled::IVec)>,
    ) -> Result<(Option<NaiveDate>, ResolutionRef, OpenSummary)> {
        let (k, v) = kv.map_err(|e| self.sled_err(e))?;
        let r = parse_res_key(&k[4..]).ok_or_else(|| corrupt_index("open_by_deadline", &k))?;
        let s = OpenSummary::decode(&v).map_err(|reason| StoreError::Corrupt {
            tree: "open_by_deadline",
            key: describe_key(&k),
            reason,
        })?;
        Ok((keys::deadline_from_bytes(&k), r, s))
    }

    /// Open resolutions by deadline (from `from`, or from the earliest), each with
    /// the summary its index entry carries: no meeting is decoded.
    pub fn open_summaries(
        &self,
        from: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<(Option<NaiveDate>, ResolutionRef, OpenSummary)>> {
        let start = if from.is_some() {
            keys::deadline_bytes(from).to_vec()
        } else {
            vec![]
        };
        self.tree(T_OPEN_BY_DEADLINE)
            .range(start..)
            .take(limit)
            .map(|kv| self.open_entry(kv))
            .collect()
    }

    /// Open resolutions by deadline with their meeting facts (see
    /// [`Store::open_resolution_refs`]).
    pub fn open_resolutions(
        &self,
        from: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<OpenResolution>> {
        let refs = self.open_resolution_refs(from, limit)?;
        let mut meetings: HashMap<Id, Meeting> = HashMap::new();
        let mut out = Vec::with_capacity(refs.len());
        for (_, r) in refs {
            let m = match meetings.entry(r.meeting) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(self.meeting(r.meeting)?.ok_or_else(|| {
                        corrupt_index("open_by_deadline", &r.meeting.to_be_bytes())
                    })?)
                }
            };
            let res = m
                .resolution_by_key(r.key)
                .ok_or_else(|| corrupt_index("open_by_deadline", &r.meeting.to_be_bytes()))?;
            out.push(OpenResolution {
                meeting: m.id,
                body: m.body,
                session: m.number,
                resolution: res.clone(),
            });
        }
        Ok(out)
    }

    /// Every resolution that names `unit` as responsible or executor, with its status.
    pub fn resolutions_of_unit(&self, unit: Id) -> Result<Vec<(ResolutionRef, Status)>> {
        self.tree(T_RES_BY_UNIT)
            .scan_prefix(unit.to_be_bytes())
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                let r = parse_res_key(&k[8..]).ok_or_else(|| corrupt_index("res_by_unit", &k))?;
                let status = v
                    .first()
                    .and_then(|&c| Status::ALL.into_iter().find(|s| s.code() == c))
                    .ok_or_else(|| corrupt_index("res_by_unit", &k))?;
                Ok((r, status))
            })
            .collect()
    }

    /// Every resolution with `status`.
    pub fn resolutions_with_status(&self, status: Status) -> Result<Vec<ResolutionRef>> {
        self.tree(T_RES_BY_STATUS)
            .scan_prefix([status.code()])
            .map(|kv| {
                let (k, _) = kv.map_err(|e| self.sled_err(e))?;
                parse_res_key(&k[1..]).ok_or_else(|| corrupt_index("res_by_status", &k))
            })
            .collect()
    }

    /// Every index entry, as (tree name, key, value): for consistency checks.
    pub fn index_entries(&self) -> Result<Vec<IndexEntry>> {
        let mut out = Vec::new();
        for t in index::INDEX_TREES {
            for kv in self.tree(t).iter() {
                let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                if t == T_SEARCH {
                    let ids = index::search_block_ids(&k, &v)
                        .ok_or_else(|| corrupt_index("search", &k))?;
                    for id in ids {
                        out.push((TREE_NAMES[t], index::search_key(&k, id), vec![]));
                    }
                } else {
                    out.push((TREE_NAMES[t], k.to_vec(), v.to_vec()));
                }
            }
        }
        Ok(out)
    }

    /// The index entries a meeting should have, as (tree name, key, value).
    pub fn expected_index_entries(meeting: &Meeting) -> Vec<IndexEntry> {
        index::entries(meeting)
            .into_iter()
            .map(|(t, k, v)| (TREE_NAMES[t], k, v))
            .collect()
    }

    /// Raw access for tests and tools that must plant or inspect bytes (fixtures,
    /// corruption tests).
    pub fn raw_tree(&self, name: &str) -> Option<&Tree> {
        TREE_NAMES
            .iter()
            .position(|n| *n == name)
            .map(|t| self.tree(t))
    }
}

/// Writes one index entry. Search entries, one per token and meeting, are kept
/// as bitmaps of 64 meetings (see `index::search_block_key`): a bit set here.
fn insert_entry(tree: &TransactionalTree, t: usize, k: Vec<u8>, v: Vec<u8>) -> TxResult<()> {
    if t == T_SEARCH {
        return set_search_bit(tree, &k, true);
    }
    tree.insert(k, v)?;
    Ok(())
}

/// Removes one index entry (for search entries: clears a bit).
fn remove_entry(tree: &TransactionalTree, t: usize, k: &[u8]) -> TxResult<()> {
    if t == T_SEARCH {
        return set_search_bit(tree, k, false);
    }
    tree.remove(k)?;
    Ok(())
}

fn set_search_bit(tree: &TransactionalTree, logical: &[u8], on: bool) -> TxResult<()> {
    let (block_key, bit) =
        index::search_block_key(logical).ok_or_else(|| abort(corrupt_index("search", logical)))?;
    let old = match tree.get(&block_key)? {
        Some(v) => index::bitmap(&v).ok_or_else(|| abort(corrupt_index("search", &block_key)))?,
        None => 0,
    };
    let new = if on { old | bit } else { old & !bit };
    if new == 0 {
        tree.remove(block_key)?;
    } else if new != old {
        tree.insert(block_key, &new.to_be_bytes())?;
    }
    Ok(())
}

/// sled's own refusal when another process holds its file lock.
fn is_sled_lock_error(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if io.to_string().contains("could not acquire lock"))
}

/// Opens sled. Our lock is held, so no other dabir has the database; if sled's
/// own file lock is still taken, it is a store this process just dropped whose
/// sled threads have not let go yet (sled releases it when its last handle goes),
/// so wait for it, a few seconds at most.
fn open_sled(path: &Path) -> sled::Result<sled::Db> {
    let started = std::time::Instant::now();
    loop {
        match sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_CAPACITY)
            .open()
        {
            Err(e)
                if is_sled_lock_error(&e)
                    && !lock::holder_is_other_live_process(path)
                    && started.elapsed() < std::time::Duration::from_secs(5) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Writes one meeting and the change in its index entries inside a transaction
/// over every tree; returns its id (a new one if it had none).
fn write_one(tx: &[TransactionalTree], meeting: &Meeting, fresh_indexes: bool) -> TxResult<Id> {
    let mut m = meeting.clone();
    if m.id == 0 {
        m.id = alloc_id(&tx[T_META])?;
    }
    let key = keys::id_key(m.id);
    let value = codec::encode(&m).map_err(|e| abort(StoreError::Invalid(e)))?;
    let old = match tx[T_MEETINGS].insert(&key, value)? {
        Some(bytes) => Some(
            codec::decode::<Meeting>(&bytes)
                .map_err(|reason| abort(corrupt::<Meeting>(&key, reason)))?,
        ),
        None => None,
    };
    // Only what changed is written: a meeting saved four times a second while
    // typed touches a handful of entries, not all its tokens.
    let new_entries = index::entries(&m);
    let old_entries: std::collections::HashSet<index::Entry> = match old {
        Some(old) if !fresh_indexes => index::entries(&old).into_iter().collect(),
        _ => Default::default(),
    };
    let new_keys: std::collections::HashSet<(usize, &[u8])> = new_entries
        .iter()
        .map(|(t, k, _)| (*t, k.as_slice()))
        .collect();
    for (t, k, _) in &old_entries {
        if !new_keys.contains(&(*t, k.as_slice())) {
            remove_entry(&tx[*t], *t, k)?;
        }
    }
    for e in new_entries {
        if !old_entries.contains(&e) {
            let (t, k, v) = e;
            insert_entry(&tx[t], t, k, v)?;
        }
    }
    Ok(m.id)
}

fn abort(e: StoreError) -> ConflictableTransactionError<StoreError> {
    ConflictableTransactionError::Abort(e)
}

fn corrupt<T: Record>(key: &[u8], reason: String) -> StoreError {
    StoreError::Corrupt {
        tree: TREE_NAMES[tree_of::<T>()],
        key: describe_key(key),
        reason,
    }
}

fn corrupt_index(tree: &'static str, key: &[u8]) -> StoreError {
    StoreError::Corrupt {
        tree,
        key: describe_key(key),
        reason: "index entry does not match any record".into(),
    }
}

/// A key as a user can read it: the id for record keys, hex otherwise.
fn describe_key(key: &[u8]) -> String {
    match key.len() {
        8 => format!("{} (id)", keys::id_from_key(key).unwrap_or_default()),
        _ => key.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

fn parse_res_key(k: &[u8]) -> Option<ResolutionRef> {
    Some(ResolutionRef {
        meeting: keys::id_from_key(k.get(..8)?)?,
        key: u32::from_be_bytes(k.get(8..12)?.try_into().ok()?),
    })
}

fn session_from_body_key(k: &[u8]) -> u32 {
    k.get(8..12)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_be_bytes)
}

fn alloc_id(meta: &TransactionalTree) -> TxResult<Id> {
    let next = match meta.get(META_NEXT_ID)? {
        Some(v) => keys::id_from_key(&v).unwrap_or(1),
        None => 1,
    };
    meta.insert(META_NEXT_ID, &(next + 1).to_be_bytes())?;
    Ok(next)
}

/// Creates the database directory (and its parents) readable by its owner only,
/// and makes an existing one so (minutes are often confidential). A path that is
/// a file is refused. Returns a warning when the mode could not be set.
fn create_private_dir(path: &Path) -> Result<Vec<String>> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(StoreError::Invalid(format!(
                "{} is a file, not a database: a dabir database is a folder; give --db a \
                 folder's path (a new one is created)\n\
                 {} پرونده است نه پوشه؛ پایگاه داده دبیر یک پوشه است",
                path.display(),
                path.display()
            )));
        }
        Err(_) => {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder.create(path).map_err(io)?;
        }
    }
    #[cfg_attr(not(unix), allow(unused_mut))] // pushed to on Unix only
    let mut warnings = Vec::new();
    #[cfg(unix)]
    {
        // `mode` above is filtered through the umask, and an existing folder keeps
        // whatever it had: set it explicitly.
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700)) {
            warnings.push(format!(
                "could not make {} private (mode 0700): {e}",
                path.display()
            ));
        }
    }
    Ok(warnings)
}

/// Sets 0600 on every file of the database folder (sled's files, the lock, pid
/// and log files): sled creates them with the umask's mode. Returns warnings.
fn private_files(dir: &Path) -> Vec<String> {
    #[cfg_attr(not(unix), allow(unused_mut))] // pushed to on Unix only
    let mut warnings = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut folders = vec![dir.to_owned()];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(meta) = entry.path().symlink_metadata() else {
                    continue;
                };
                let (want, is_dir) = if meta.is_dir() {
                    (0o700, true)
                } else if meta.is_file() {
                    (0o600, false)
                } else {
                    continue;
                };
                if is_dir {
                    folders.push(entry.path());
                }
                if meta.permissions().mode() & 0o777 != want
                    && let Err(e) = std::fs::set_permissions(
                        entry.path(),
                        std::fs::Permissions::from_mode(want),
                    )
                {
                    warnings.push(format!(
                        "could not make {} private: {e}",
                        entry.path().display()
                    ));
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    warnings
}

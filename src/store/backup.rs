//! A portable, self-describing copy of the whole database as one JSON file.
//!
//! Records appear in id order and every stored field is kept (timestamps, keys,
//! the id counter), so backup → restore → backup yields the same bytes.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::model::{Body, Id, Letter, Meeting, PersonRecord, Unit};

use super::error::{Result, StoreError};
use super::{META_NEXT_ID, META_RESTORING, Store, T_META, TREE_NAMES, keys, migrate};

pub const BACKUP_FORMAT: &str = "dabir-backup";
/// Version of the backup file layout (not of the database schema).
pub const BACKUP_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub next_id: Id,
    pub bodies: Vec<Body>,
    pub people: Vec<PersonRecord>,
    pub units: Vec<Unit>,
    pub meetings: Vec<Meeting>,
    /// The register of letters (absent from backups made before letters).
    #[serde(default)]
    pub letters: Vec<Letter>,
}

impl Store {
    /// Every record in the database.
    pub fn backup(&self) -> Result<Backup> {
        let next_id = self
            .tree(T_META)
            .get(META_NEXT_ID)
            .map_err(|e| self.sled_err(e))?
            .and_then(|v| keys::id_from_key(&v))
            .unwrap_or(1);
        Ok(Backup {
            format: BACKUP_FORMAT.into(),
            version: BACKUP_VERSION,
            next_id,
            bodies: self.bodies()?,
            people: self.people()?,
            units: self.units()?,
            meetings: self.all()?,
            letters: self.letters()?,
        })
    }

    /// Loads a backup into this database, which must be empty. All or nothing: on
    /// any error the database is left empty again.
    pub fn restore(&self, backup: &Backup) -> Result<Restored> {
        self.restore_with(|load| {
            load.next_id(backup.next_id);
            backup
                .bodies
                .iter()
                .try_for_each(|b| load.body(b.clone()))?;
            backup
                .people
                .iter()
                .try_for_each(|p| load.person(p.clone()))?;
            backup.units.iter().try_for_each(|u| load.unit(u.clone()))?;
            backup
                .meetings
                .iter()
                .try_for_each(|m| load.meeting(m.clone()))?;
            backup
                .letters
                .iter()
                .try_for_each(|l| load.letter(l.clone()))
        })
    }

    /// Loads a backup file as it is read, one record at a time, so a large backup
    /// never sits in memory whole. The database must be empty; this is checked
    /// before anything is read. All or nothing, as [`Store::restore`].
    pub fn restore_from_reader(&self, reader: impl std::io::Read) -> Result<Restored> {
        self.restore_with(|load| {
            let mut de = serde_json::Deserializer::from_reader(reader);
            let result = serde::de::DeserializeSeed::deserialize(stream::File(load), &mut de)
                .and_then(|()| de.end());
            match result {
                Ok(()) => Ok(()),
                // A record the store refused: its own error, kept by the loader.
                Err(_) if load.failed.is_some() => Err(load.failed.take().expect("checked")),
                Err(e) => Err(StoreError::Invalid(format!("damaged backup: {e}"))),
            }
        })
    }

    /// Runs a restore: checks the database is empty (or holds only what an
    /// interrupted restore left), marks it as being restored, loads, checks the
    /// links between records, and clears everything again if anything failed.
    fn restore_with(&self, fill: impl FnOnce(&mut Loader) -> Result<()>) -> Result<Restored> {
        let interrupted = self.restore_interrupted()?;
        if !interrupted && !self.is_empty() {
            return Err(StoreError::Invalid(format!(
                "the database at {} is not empty; restore only into a new database \
                 (choose another path with --db)",
                self.path.display()
            )));
        }
        self.clear_records()?;
        let meta = self.tree(T_META);
        meta.insert(META_RESTORING, b"1".as_slice())
            .map_err(|e| self.sled_err(e))?;
        self.flush()?;
        let mut load = Loader::new(self);
        let result = fill(&mut load).and_then(|()| load.check_links());
        match result {
            Ok(()) => {
                if let Some(next) = load.next_id {
                    meta.insert(META_NEXT_ID, &next.to_be_bytes())
                        .map_err(|e| self.sled_err(e))?;
                }
                migrate::ensure_id_counter(self)?;
                meta.remove(META_RESTORING).map_err(|e| self.sled_err(e))?;
                self.flush()?;
                Ok(load.counts)
            }
            Err(e) => {
                self.clear_records()?;
                meta.remove(META_RESTORING).map_err(|e| self.sled_err(e))?;
                self.flush()?;
                Err(e)
            }
        }
    }

    /// True when a restore was started and never finished (the process was killed
    /// partway): the database holds part of a backup.
    pub fn restore_interrupted(&self) -> Result<bool> {
        self.tree(T_META)
            .contains_key(META_RESTORING)
            .map_err(|e| self.sled_err(e))
    }

    /// Removes every record and index entry, and the id counter.
    fn clear_records(&self) -> Result<()> {
        for t in 1..TREE_NAMES.len() {
            self.tree(t).clear().map_err(|e| self.sled_err(e))?;
        }
        self.tree(T_META)
            .remove(META_NEXT_ID)
            .map_err(|e| self.sled_err(e))?;
        Ok(())
    }
}

/// How many records a restore loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Restored {
    pub bodies: usize,
    pub people: usize,
    pub units: usize,
    pub meetings: usize,
    pub letters: usize,
}

/// What a meeting points at: (meeting, its body, (resolution number, unit) for
/// every unit its resolutions name).
type MeetingLinks = (Id, Id, Vec<(u32, Id)>);

/// Writes records as a restore reads them, checking what can be checked at once
/// (ids present and unique) and keeping what the links check needs at the end:
/// a backup whose records point at missing bodies or units would give a database
/// that does not hold together.
pub(super) struct Loader<'a> {
    store: &'a Store,
    next_id: Option<Id>,
    ids: HashSet<Id>,
    bodies: HashSet<Id>,
    units: HashSet<Id>,
    links: Vec<MeetingLinks>,
    counts: Restored,
    /// The error a record met in the store, while parsing goes on failing.
    failed: Option<StoreError>,
}

fn refused(msg: String) -> StoreError {
    StoreError::Invalid(format!("backup refused: {msg}"))
}

impl<'a> Loader<'a> {
    fn new(store: &'a Store) -> Loader<'a> {
        Loader {
            store,
            next_id: None,
            ids: HashSet::new(),
            bodies: HashSet::new(),
            units: HashSet::new(),
            links: Vec::new(),
            counts: Restored::default(),
            failed: None,
        }
    }

    fn next_id(&mut self, id: Id) {
        self.next_id = Some(id);
    }

    fn new_id(&mut self, kind: &str, id: Id) -> Result<()> {
        if id == 0 {
            return Err(refused(format!("a {kind} has id 0")));
        }
        if !self.ids.insert(id) {
            return Err(refused(format!("id {id} is used twice")));
        }
        Ok(())
    }

    fn body(&mut self, mut b: Body) -> Result<()> {
        self.new_id("body", b.id)?;
        self.bodies.insert(b.id);
        self.store.put_body(&mut b)?;
        self.counts.bodies += 1;
        Ok(())
    }

    fn person(&mut self, mut p: PersonRecord) -> Result<()> {
        self.new_id("person", p.id)?;
        self.store.put_person(&mut p)?;
        self.counts.people += 1;
        Ok(())
    }

    fn unit(&mut self, mut u: Unit) -> Result<()> {
        self.new_id("unit", u.id)?;
        self.units.insert(u.id);
        self.store.put_unit(&mut u)?;
        self.counts.units += 1;
        Ok(())
    }

    fn meeting(&mut self, mut m: Meeting) -> Result<()> {
        self.new_id("meeting", m.id)?;
        if m.number == 0 {
            return Err(refused(format!("meeting {} has session number 0", m.id)));
        }
        let units = m
            .resolutions
            .iter()
            .flat_map(|r| {
                r.responsible
                    .iter()
                    .chain(&r.executor)
                    .map(|u| (r.number, *u))
            })
            .collect();
        self.links.push((m.id, m.body, units));
        let (id, position) = (m.id, self.counts.meetings + 1);
        self.store.put_meeting(&mut m).map_err(|e| {
            StoreError::Invalid(format!(
                "backup refused: meeting {id} (number {position} in the file) cannot be stored: {e}"
            ))
        })?;
        self.counts.meetings += 1;
        Ok(())
    }

    fn letter(&mut self, mut l: Letter) -> Result<()> {
        self.new_id("letter", l.id)?;
        self.store.put_letter(&mut l)?;
        self.counts.letters += 1;
        Ok(())
    }

    fn check_links(&self) -> Result<()> {
        for (meeting, body, units) in &self.links {
            if !self.bodies.contains(body) {
                return Err(refused(format!(
                    "meeting {meeting} belongs to body {body}, which is not in the backup"
                )));
            }
            if let Some((number, u)) = units.iter().find(|(_, u)| !self.units.contains(u)) {
                return Err(refused(format!(
                    "resolution {number} of meeting {meeting} names unit {u}, which is not in the backup"
                )));
            }
        }
        Ok(())
    }
}

/// The backup file read as a stream: the header first, then each array's records
/// handed to the [`Loader`] one at a time.
mod stream {
    use std::fmt;

    use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::{BACKUP_FORMAT, BACKUP_VERSION, Loader};

    pub struct File<'l, 'a>(pub &'l mut Loader<'a>);

    impl<'de> DeserializeSeed<'de> for File<'_, '_> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for File<'_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a dabir backup object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            // The header usually comes first (dabir writes it so), but a tool that
            // rewrote the file may have sorted the keys: records read before it are
            // kept, and the header is checked at the end, a failure undoing all.
            let (mut format, mut version) = (false, false);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "format" => {
                        let f: String = map.next_value()?;
                        if f != BACKUP_FORMAT {
                            return Err(de::Error::custom(format!(
                                "not a dabir backup: format is {f:?}, expected {BACKUP_FORMAT:?}"
                            )));
                        }
                        format = true;
                    }
                    "version" => {
                        let v: u32 = map.next_value()?;
                        if v != BACKUP_VERSION {
                            return Err(de::Error::custom(format!(
                                "backup version {v} is not one this dabir reads ({BACKUP_VERSION})"
                            )));
                        }
                        version = true;
                    }
                    "next_id" => self.0.next_id(map.next_value()?),
                    "bodies" => map.next_value_seed(Records(&mut *self.0, Loader::body))?,
                    "people" => map.next_value_seed(Records(&mut *self.0, Loader::person))?,
                    "units" => map.next_value_seed(Records(&mut *self.0, Loader::unit))?,
                    "meetings" => map.next_value_seed(Records(&mut *self.0, Loader::meeting))?,
                    "letters" => map.next_value_seed(Records(&mut *self.0, Loader::letter))?,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            if !(format && version) {
                return Err(de::Error::custom(
                    "not a dabir backup (no format/version header)",
                ));
            }
            Ok(())
        }
    }

    type Put<'a, T> = fn(&mut Loader<'a>, T) -> crate::store::Result<()>;

    /// One array of records, each stored as soon as it is parsed.
    struct Records<'l, 'a, T>(&'l mut Loader<'a>, Put<'a, T>);

    impl<'de, T: serde::Deserialize<'de>> DeserializeSeed<'de> for Records<'_, '_, T> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for Records<'_, '_, T> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of records")
        }

        fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
            while let Some(record) = seq.next_element::<T>()? {
                if let Err(e) = (self.1)(self.0, record) {
                    let msg = e.to_string();
                    self.0.failed = Some(e);
                    return Err(de::Error::custom(msg));
                }
            }
            Ok(())
        }
    }
}

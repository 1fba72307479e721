//! A portable, self-describing copy of the whole database as one JSON file.
//!
//! Records appear in id order and every stored field is kept (timestamps, keys,
//! the id counter), so backup → restore → backup yields the same bytes.

use serde::{Deserialize, Serialize};

use crate::model::{Body, Id, Meeting, PersonRecord, Unit};

use super::error::{Result, StoreError};
use super::{META_NEXT_ID, Store, T_META, keys, migrate};

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
}

impl Backup {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("records always serialise to JSON");
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> std::result::Result<Backup, String> {
        #[derive(Deserialize)]
        struct Header {
            format: String,
            version: u32,
        }
        let header: Header = serde_json::from_str(text)
            .map_err(|e| format!("not a dabir backup (no format/version header): {e}"))?;
        if header.format != BACKUP_FORMAT {
            return Err(format!(
                "not a dabir backup: format is {:?}, expected {BACKUP_FORMAT:?}",
                header.format
            ));
        }
        if header.version != BACKUP_VERSION {
            return Err(format!(
                "backup version {} is not one this dabir reads ({BACKUP_VERSION})",
                header.version
            ));
        }
        serde_json::from_str(text).map_err(|e| format!("damaged backup: {e}"))
    }
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
        })
    }

    /// Loads a backup into this database, which must be empty.
    pub fn restore(&self, backup: &Backup) -> Result<()> {
        if !self.is_empty() {
            return Err(StoreError::Invalid(format!(
                "the database at {} is not empty; restore only into a new database \
                 (choose another path with --db)",
                self.path.display()
            )));
        }
        check_ids(backup)?;
        for b in &backup.bodies {
            self.put_body(&mut b.clone())?;
        }
        for p in &backup.people {
            self.put_person(&mut p.clone())?;
        }
        for u in &backup.units {
            self.put_unit(&mut u.clone())?;
        }
        for m in &backup.meetings {
            self.put_meeting(&mut m.clone())?;
        }
        self.tree(T_META)
            .insert(META_NEXT_ID, &backup.next_id.to_be_bytes())
            .map_err(|e| self.sled_err(e))?;
        migrate::ensure_id_counter(self)?;
        self.flush()
    }
}

/// Refuses a backup whose records lack ids, share ids, or point at missing bodies
/// or units: restoring it would give a database that does not hold together.
fn check_ids(b: &Backup) -> Result<()> {
    let bad = |msg: String| Err(StoreError::Invalid(format!("backup refused: {msg}")));
    let mut seen = std::collections::HashSet::new();
    let ids = b
        .bodies
        .iter()
        .map(|r| ("body", r.id))
        .chain(b.people.iter().map(|r| ("person", r.id)))
        .chain(b.units.iter().map(|r| ("unit", r.id)))
        .chain(b.meetings.iter().map(|r| ("meeting", r.id)));
    for (kind, id) in ids {
        if id == 0 {
            return bad(format!("a {kind} has id 0"));
        }
        if !seen.insert(id) {
            return bad(format!("id {id} is used twice"));
        }
    }
    let bodies: std::collections::HashSet<_> = b.bodies.iter().map(|x| x.id).collect();
    let units: std::collections::HashSet<_> = b.units.iter().map(|x| x.id).collect();
    for m in &b.meetings {
        if !bodies.contains(&m.body) {
            return bad(format!(
                "meeting {} belongs to body {}, which is not in the backup",
                m.id, m.body
            ));
        }
        if m.number == 0 {
            return bad(format!("meeting {} has session number 0", m.id));
        }
        for r in &m.resolutions {
            if let Some(u) = r
                .responsible
                .iter()
                .chain(&r.executor)
                .find(|u| !units.contains(u))
            {
                return bad(format!(
                    "resolution {} of meeting {} names unit {u}, which is not in the backup",
                    r.number, m.id
                ));
            }
        }
    }
    Ok(())
}

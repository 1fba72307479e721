//! Getting out what still reads from a damaged database (`dabir salvage`).
//!
//! Every record tree is read key by key; a record that does not decode is listed
//! (tree, key, why) and left out. The result is a valid backup: a meeting whose
//! body did not survive gets a placeholder body with that id, a resolution whose
//! unit did not survive a placeholder unit, each listed too, so the backup restores
//! and nothing that was readable is dropped for want of what it points at.

use std::collections::HashSet;

use crate::model::{Body, BodyKind, Id, Letter, Meeting, PersonRecord, Unit};

use super::codec::Record;
use super::{
    BACKUP_FORMAT, BACKUP_VERSION, Backup, META_NEXT_ID, Store, T_META, TREE_NAMES, keys, tree_of,
};

/// What a salvage could not read, or had to make up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub tree: &'static str,
    pub key: String,
    pub reason: String,
}

/// A salvage: the backup of everything readable, and what was not.
#[derive(Debug)]
pub struct Salvage {
    pub backup: Backup,
    /// Records left out (they did not decode, or the tree could not be read past
    /// them).
    pub skipped: Vec<Skipped>,
    /// Placeholders made for bodies and units that readable meetings point at.
    pub placeholders: Vec<Skipped>,
}

impl Store {
    /// Reads every record that decodes; never fails on a damaged record.
    pub fn salvage(&self) -> Salvage {
        let mut skipped = Vec::new();
        let mut bodies: Vec<Body> = self.readable(&mut skipped);
        let people: Vec<PersonRecord> = self.readable(&mut skipped);
        let mut units: Vec<Unit> = self.readable(&mut skipped);
        let meetings: Vec<Meeting> = self.readable(&mut skipped);
        let letters: Vec<Letter> = self.readable(&mut skipped);

        let mut placeholders = Vec::new();
        let have_bodies: HashSet<Id> = bodies.iter().map(|b| b.id).collect();
        let have_units: HashSet<Id> = units.iter().map(|u| u.id).collect();
        let mut made = HashSet::new();
        for m in &meetings {
            if !have_bodies.contains(&m.body) && made.insert(m.body) {
                bodies.push(Body {
                    id: m.body,
                    name: format!("کارگروه بازیافته {} / recovered body {}", m.body, m.body),
                    kind: BodyKind::WorkingGroup,
                    members: vec![],
                    chair: None,
                    secretary: None,
                    place: String::new(),
                });
                placeholders.push(Skipped {
                    tree: TREE_NAMES[tree_of::<Body>()],
                    key: describe(m.body),
                    reason: format!("placeholder for meeting {}", m.id),
                });
            }
            for r in &m.resolutions {
                for u in r.responsible.iter().chain(&r.executor) {
                    if !have_units.contains(u) && made.insert(*u) {
                        units.push(Unit {
                            id: *u,
                            ..Unit::named(format!("واحد بازیافته {u} / recovered unit {u}"))
                        });
                        placeholders.push(Skipped {
                            tree: TREE_NAMES[tree_of::<Unit>()],
                            key: describe(*u),
                            reason: format!(
                                "placeholder for resolution {} of meeting {}",
                                r.number, m.id
                            ),
                        });
                    }
                }
            }
        }
        bodies.sort_by_key(|b| b.id);
        units.sort_by_key(|u| u.id);

        let max = bodies
            .iter()
            .map(|b| b.id)
            .chain(people.iter().map(|p| p.id))
            .chain(units.iter().map(|u| u.id))
            .chain(meetings.iter().map(|m| m.id))
            .chain(letters.iter().map(|l| l.id))
            .max()
            .unwrap_or(0);
        let stored_next = self
            .tree(T_META)
            .get(META_NEXT_ID)
            .ok()
            .flatten()
            .and_then(|v| keys::id_from_key(&v))
            .unwrap_or(1);
        Salvage {
            backup: Backup {
                format: BACKUP_FORMAT.into(),
                version: BACKUP_VERSION,
                next_id: stored_next.max(max + 1),
                bodies,
                people,
                units,
                meetings,
                letters,
            },
            skipped,
            placeholders,
        }
    }

    /// The records of one kind that decode; the others listed in `skipped`.
    ///
    /// The tree is walked in order; if sled cannot read past a damaged page, every
    /// id up to the id counter not read yet is looked up on its own, since a
    /// lookup reaches pages the walk could not.
    fn readable<T: Record>(&self, skipped: &mut Vec<Skipped>) -> Vec<T> {
        let tree = TREE_NAMES[tree_of::<T>()];
        let mut out = std::collections::BTreeMap::new();
        let mut take =
            |k: &[u8], v: &[u8], skipped: &mut Vec<Skipped>| match super::codec::decode::<T>(v) {
                Ok(r) => {
                    out.insert(r.id(), r);
                }
                Err(reason) => skipped.push(Skipped {
                    tree,
                    key: super::describe_key(k),
                    reason,
                }),
            };
        let mut seen = HashSet::new();
        let mut walk_failed = None;
        for kv in self.tree(tree_of::<T>()).iter() {
            match kv {
                Ok((k, v)) => {
                    seen.insert(k.to_vec());
                    take(&k, &v, skipped);
                }
                Err(e) => {
                    walk_failed = Some(e.to_string());
                    break;
                }
            }
        }
        if let Some(walk) = walk_failed {
            let mut unreadable = 0usize;
            for id in 1..self.id_bound() {
                let key = keys::id_key(id);
                // Ids are shared by all kinds: one that is another kind's record
                // was never one of these.
                let elsewhere = (1..=4)
                    .filter(|&t| t != tree_of::<T>())
                    .any(|t| self.tree(t).contains_key(key).unwrap_or(false));
                if seen.contains(key.as_slice()) || elsewhere {
                    continue;
                }
                match self.tree(tree_of::<T>()).get(key) {
                    Ok(Some(v)) => take(&key, &v, skipped),
                    Ok(None) => {}
                    Err(e) => {
                        unreadable += 1;
                        skipped.push(Skipped {
                            tree,
                            key: describe(id),
                            reason: e.to_string(),
                        });
                    }
                }
            }
            if unreadable == 0 {
                // The walk failed but every id was reached on its own.
                skipped.push(Skipped {
                    tree,
                    key: "(walk)".into(),
                    reason: format!("{walk}; every record was read by its id instead"),
                });
            }
        }
        out.into_values().collect()
    }

    /// One past the highest id a record may have: the id counter, or (if it is
    /// unreadable) the highest key of any record tree plus one; at most 10 million
    /// lookups.
    fn id_bound(&self) -> Id {
        let counter = self
            .tree(T_META)
            .get(META_NEXT_ID)
            .ok()
            .flatten()
            .and_then(|v| keys::id_from_key(&v));
        let last = |t: usize| {
            self.tree(t)
                .last()
                .ok()
                .flatten()
                .and_then(|(k, _)| keys::id_from_key(&k))
                .unwrap_or(0)
        };
        let highest = (1..=4).map(last).max().unwrap_or(0) + 1;
        counter.unwrap_or(highest).max(highest).min(10_000_000)
    }
}

fn describe(id: Id) -> String {
    format!("{id} (id)")
}

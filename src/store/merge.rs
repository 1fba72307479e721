//! Merging records that are one thing spelled two ways («اداره راهداری» and
//! «اداره راه‌داری»): every link moves to the record kept, then the other goes.
//!
//! Each meeting is rewritten in its own transaction (with its index entries);
//! the duplicate is deleted last. Interrupted, a merge leaves both records and
//! some links moved: running it again finishes it. No link is ever lost.

use super::error::{Result, StoreError};
use super::{Store, T_BODIES, T_MEETINGS_BY_BODY, T_PEOPLE, T_UNITS, keys};
use crate::model::Id;

impl Store {
    /// Moves every resolution's link from unit `from` to unit `into`, then
    /// deletes `from`. Returns how many meetings changed.
    pub fn merge_units(&self, from: Id, into: Id) -> Result<usize> {
        self.check_pair(T_UNITS, "unit", from, into)?;
        let mut meetings: Vec<Id> = self
            .resolutions_of_unit(from)?
            .into_iter()
            .map(|(r, _)| r.meeting)
            .collect();
        meetings.dedup();
        for id in &meetings {
            let Some(mut m) = self.meeting(*id)? else {
                continue;
            };
            m.relink_unit(from, into);
            self.put_meeting(&mut m)?;
        }
        // Trashed meetings too, so a restore finds the unit kept.
        for mut t in self.trashed_meetings()? {
            if t.record.relink_unit(from, into) {
                self.put_trashed_meeting(&t)?;
            }
        }
        self.delete_unused_unit(from)?;
        self.flush()?;
        Ok(meetings.len())
    }

    /// Points bodies' members, chair and secretary at person `into` instead of
    /// `from`, then deletes `from`. (Meetings hold people by value, as they were
    /// on the day; nothing there changes.)
    pub fn merge_people(&self, from: Id, into: Id) -> Result<usize> {
        self.check_pair(T_PEOPLE, "person", from, into)?;
        let mut changed = 0;
        for mut b in self.bodies()? {
            if b.relink_person(from, into) {
                self.put_body(&mut b)?;
                changed += 1;
            }
        }
        self.tree(T_PEOPLE)
            .remove(keys::id_key(from))
            .map_err(|e| self.sled_err(e))?;
        self.flush()?;
        Ok(changed)
    }

    /// Moves every meeting of body `from` to body `into` (session numbers kept),
    /// then deletes `from`. Returns how many meetings moved.
    pub fn merge_bodies(&self, from: Id, into: Id) -> Result<usize> {
        self.check_pair(T_BODIES, "body", from, into)?;
        let ids: Vec<Id> = self
            .tree(T_MEETINGS_BY_BODY)
            .scan_prefix(from.to_be_bytes())
            .keys()
            .map(|k| {
                let k = k.map_err(|e| self.sled_err(e))?;
                keys::id_from_key(&k[12..]).ok_or_else(|| StoreError::Corrupt {
                    tree: "meetings_by_body",
                    key: format!("{k:02x?}"),
                    reason: "key too short".into(),
                })
            })
            .collect::<Result<_>>()?;
        for id in &ids {
            if let Some(mut m) = self.meeting(*id)? {
                m.body = into;
                self.put_meeting(&mut m)?;
            }
        }
        for mut t in self.trashed_meetings()? {
            if t.record.body == from {
                t.record.body = into;
                self.put_trashed_meeting(&t)?;
            }
        }
        self.tree(T_BODIES)
            .remove(keys::id_key(from))
            .map_err(|e| self.sled_err(e))?;
        self.flush()?;
        Ok(ids.len())
    }

    fn check_pair(&self, tree: usize, kind: &'static str, from: Id, into: Id) -> Result<()> {
        if from == into {
            return Err(StoreError::Invalid(format!(
                "cannot merge a {kind} into itself"
            )));
        }
        for id in [from, into] {
            if !self
                .tree(tree)
                .contains_key(keys::id_key(id))
                .map_err(|e| self.sled_err(e))?
            {
                return Err(StoreError::NotFound { kind, id });
            }
        }
        Ok(())
    }
}

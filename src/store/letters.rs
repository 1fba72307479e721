//! The register of letters (دفتر اندیکاتور): one record per letter generated.

use crate::model::{Id, Letter};

use super::error::{Result, StoreError};
use super::{Store, T_LETTERS, T_META, alloc_id, codec, error, keys};
use sled::Transactional;

impl Store {
    /// Every letter, in id order (the order they were generated).
    pub fn letters(&self) -> Result<Vec<Letter>> {
        self.all()
    }

    pub fn letter(&self, id: Id) -> Result<Option<Letter>> {
        self.get(id)
    }

    /// Records letters in one transaction, giving each without an id (0) a new
    /// one: a batch of letters is numbered and registered together or not at all.
    pub fn save_letters(&self, letters: &mut [Letter]) -> Result<()> {
        use crate::model::StripControls;
        for l in letters.iter_mut() {
            l.strip_controls();
        }
        let trees = [self.tree(T_META), self.tree(T_LETTERS)];
        let ids = trees
            .transaction(|tx| {
                let mut ids = Vec::with_capacity(letters.len());
                for l in letters.iter() {
                    let mut l = l.clone();
                    if l.id == 0 {
                        l.id = alloc_id(&tx[0])?;
                    }
                    let value =
                        codec::encode(&l).map_err(|e| super::abort(StoreError::Invalid(e)))?;
                    tx[1].insert(&keys::id_key(l.id), value)?;
                    ids.push(l.id);
                }
                Ok(ids)
            })
            .map_err(|e| error::from_tx(&self.path, e))?;
        for (l, id) in letters.iter_mut().zip(ids) {
            l.id = id;
        }
        self.flush()
    }

    /// Loads a letter as it is (restore): keeps its id.
    pub(super) fn put_letter(&self, letter: &mut Letter) -> Result<()> {
        self.put_plain(letter)
    }
}

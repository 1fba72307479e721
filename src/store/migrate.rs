//! Schema versions of the database as a whole (record formats have their own
//! versions, see `codec`).
//!
//! - 0: the first layout: records in the record trees, no `schema` key, no secondary
//!   indexes; meetings in meeting format 0.
//! - 1: secondary indexes; meetings in format 1.
//! - 2: `open_by_deadline` entries carry an `OpenSummary` of the resolution, so the
//!   pending list reads no meeting.
//! - 3: `search`, an inverted index of normalised tokens.
//!
//! Opening an older database migrates it step by step; a newer one is refused.
//! Every step is idempotent, and the version is written only after it, so a
//! migration interrupted by a crash simply runs again.

use super::error::{Result, StoreError};
use super::{META_NEXT_ID, Store, T_MEETINGS, T_META, index, keys};

pub const SCHEMA_VERSION: u32 = 3;
const META_SCHEMA: &[u8] = b"schema";

/// Brings the database to [`SCHEMA_VERSION`]; `upgrading` is told (from, to)
/// before a migration starts, which may take seconds on a large database.
pub(super) fn run(store: &Store, upgrading: &mut dyn FnMut(u32, u32)) -> Result<()> {
    let meta = store.tree(T_META);
    let found = match meta.get(META_SCHEMA).map_err(|e| store.sled_err(e))? {
        Some(v) => u32::from_be_bytes(v.as_ref().try_into().map_err(|_| StoreError::Corrupt {
            tree: "meta",
            key: "schema".into(),
            reason: format!("{} bytes where a version number of 4 was expected", v.len()),
        })?),
        None if store.is_empty() => return set_version(store),
        None => 0,
    };
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: store.path.clone(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    tracing::info!(from = found, to = SCHEMA_VERSION, path = %store.path.display(), "migrating database");
    upgrading(found, SCHEMA_VERSION);
    for version in found..SCHEMA_VERSION {
        match version {
            0 => v0_to_v1(store)?,
            1 | 2 => rebuild_indexes(store)?,
            _ => unreachable!("every version below SCHEMA_VERSION has a step"),
        }
    }
    set_version(store)
}

fn set_version(store: &Store) -> Result<()> {
    store
        .tree(T_META)
        .insert(META_SCHEMA, &SCHEMA_VERSION.to_be_bytes())
        .map_err(|e| store.sled_err(e))?;
    store.flush()
}

/// Re-encodes every meeting in the current format and builds the indexes from
/// scratch; makes sure the id counter is past every id in use.
fn v0_to_v1(store: &Store) -> Result<()> {
    rebuild_indexes(store)
}

/// Clears every index tree and writes each meeting again (in the current format,
/// with the index entries of the current layout).
fn rebuild_indexes(store: &Store) -> Result<()> {
    for t in index::INDEX_TREES {
        store.tree(t).clear().map_err(|e| store.sled_err(e))?;
    }
    let ids: Vec<u64> = store
        .tree(T_MEETINGS)
        .iter()
        .keys()
        .map(|k| {
            let k = k.map_err(|e| store.sled_err(e))?;
            keys::id_from_key(&k).ok_or_else(|| StoreError::Corrupt {
                tree: "meetings",
                key: format!("{k:02x?}"),
                reason: "key is not a meeting id".into(),
            })
        })
        .collect::<Result<_>>()?;
    for id in ids {
        let mut m = store
            .meeting(id)?
            .expect("listed just now by the same process");
        store.write_meeting(&mut m, true, &super::NewRecords::default())?;
    }
    ensure_id_counter(store)
}

/// Sets the id counter past the largest id held by any record.
pub(super) fn ensure_id_counter(store: &Store) -> Result<()> {
    let mut max = 0;
    for t in [super::T_BODIES, super::T_PEOPLE, super::T_UNITS, T_MEETINGS] {
        if let Some((k, _)) = store.tree(t).last().map_err(|e| store.sled_err(e))? {
            max = max.max(keys::id_from_key(&k).unwrap_or(0));
        }
    }
    let meta = store.tree(T_META);
    let next = meta
        .get(META_NEXT_ID)
        .map_err(|e| store.sled_err(e))?
        .and_then(|v| keys::id_from_key(&v))
        .unwrap_or(1);
    if next <= max {
        meta.insert(META_NEXT_ID, &(max + 1).to_be_bytes())
            .map_err(|e| store.sled_err(e))?;
    }
    Ok(())
}

//! Schema versions of the database as a whole (record formats have their own
//! versions, see `codec`).
//!
//! - 0: the first layout: records in the record trees, no `schema` key, no secondary
//!   indexes; meetings in meeting format 0.
//! - 1: secondary indexes; meetings in format 1.
//! - 2: `open_by_deadline` entries carry an `OpenSummary` of the resolution, so the
//!   pending list reads no meeting.
//! - 3: `search`, an inverted index of normalised tokens.
//! - 4: meetings in format 2: a resolution's deadline is the approved one and
//!   extensions are follow-ups; `open_by_deadline` summaries carry the approved
//!   deadline and the count of extensions. Before, an extension overwrote the
//!   deadline: for an extended resolution the approved date is gone, and the
//!   migration says how many there are (the current deadline stands in for it).
//! - 5: units in format 1 (addressee and title), the `letters` register. Nothing
//!   is rewritten: format-0 units decode as they are read, and the register
//!   starts empty; the version only keeps an older dabir from writing units it
//!   cannot read back.
//!
//! Opening an older database migrates it step by step; a newer one is refused.
//! Every step is idempotent, and the version is written only after it, so a
//! migration interrupted by a crash simply runs again.

use super::error::{Result, StoreError};
use super::{META_NEXT_ID, Store, T_MEETINGS, T_META, index, keys};

pub const SCHEMA_VERSION: u32 = 5;
const META_SCHEMA: &[u8] = b"schema";

/// Brings the database to [`SCHEMA_VERSION`]; `upgrading` is told (from, to)
/// before a migration starts, which may take seconds on a large database.
/// Returns what the user should be told about the data (see version 4).
pub(super) fn run(store: &Store, upgrading: &mut dyn FnMut(u32, u32)) -> Result<Vec<String>> {
    let meta = store.tree(T_META);
    let found = match meta.get(META_SCHEMA).map_err(|e| store.sled_err(e))? {
        Some(v) => u32::from_be_bytes(v.as_ref().try_into().map_err(|_| StoreError::Corrupt {
            tree: "meta",
            key: "schema".into(),
            reason: format!("{} bytes where a version number of 4 was expected", v.len()),
        })?),
        None if store.is_empty() => return set_version(store).map(|()| Vec::new()),
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
        return Ok(Vec::new());
    }
    if found == 4 {
        return set_version(store).map(|()| Vec::new());
    }
    tracing::info!(from = found, to = SCHEMA_VERSION, path = %store.path.display(), "migrating database");
    upgrading(found, SCHEMA_VERSION);
    // Every step rewrites every meeting in the current format, so one pass does
    // for all the steps found..SCHEMA_VERSION.
    let lost = rebuild_indexes(store)?;
    set_version(store)?;
    let mut notes = Vec::new();
    if lost > 0 {
        let note = format!(
            "{lost} مصوبه پیش از این نسخه تمدید شده بود و تمدید، مهلت مصوبش را بازنویسی کرده بود؛ آن تاریخ بازیافتنی نیست و مهلت کنونی به جای مهلت مصوب نشسته است. از این پس تمدید، مهلت مصوب را دست نمی‌زند. / \
             {lost} resolutions were extended before this version, and the extension overwrote their approved deadline; that date cannot be recovered, so the current deadline stands in for it. From now on an extension never changes the approved deadline."
        );
        tracing::warn!("{note}");
        notes.push(note);
    }
    Ok(notes)
}

fn set_version(store: &Store) -> Result<()> {
    store
        .tree(T_META)
        .insert(META_SCHEMA, &SCHEMA_VERSION.to_be_bytes())
        .map_err(|e| store.sled_err(e))?;
    store.flush()
}

/// Clears every index tree and writes each meeting again (in the current format,
/// with the index entries of the current layout); makes sure the id counter is
/// past every id in use. Returns how many resolutions were read from a format
/// before 2 with an extension (whose approved deadline the extension overwrote).
fn rebuild_indexes(store: &Store) -> Result<usize> {
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
    let mut lost = 0;
    // A transaction per batch rather than per meeting: the rewrite of 10,000
    // meetings is dominated by sled's per-transaction cost.
    for batch in ids.chunks(MIGRATION_BATCH) {
        let mut meetings = Vec::with_capacity(batch.len());
        for &id in batch {
            let key = keys::id_key(id);
            let bytes = store
                .tree(T_MEETINGS)
                .get(key)
                .map_err(|e| store.sled_err(e))?
                .expect("listed just now by the same process");
            let m: crate::model::Meeting = store.decode(&key, &bytes)?;
            // The record's format version is its third byte.
            if bytes.get(2).is_some_and(|&version| version < 2) {
                lost += m.resolutions.iter().filter(|r| r.extensions() > 0).count();
            }
            meetings.push(m);
        }
        store.write_meetings(&mut meetings, true, &super::NewRecords::default())?;
    }
    ensure_id_counter(store)?;
    Ok(lost)
}

const MIGRATION_BATCH: usize = 64;

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

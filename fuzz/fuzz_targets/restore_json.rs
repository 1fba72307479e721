//! Fuzzing restore: any bytes as a backup file must be refused with an error or
//! restored whole, never a panic, a hang or an allocation past libFuzzer's limit
//! (-rss_limit_mb / -malloc_limit_mb), and a refused one leaves the database empty.
#![no_main]

use std::sync::Mutex;

use dabir::store::Store;
use libfuzzer_sys::fuzz_target;

struct Db {
    _dir: tempfile::TempDir,
    store: Store,
}

fn fresh() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    Db { _dir: dir, store }
}

static DB: Mutex<Option<(Db, u32)>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let mut slot = DB.lock().unwrap();
    let (db, runs) = slot.get_or_insert_with(|| (fresh(), 0));
    // A new database now and then: sled's page cache and log grow with use and
    // would count against the fuzzer's RSS limit as if one input had used it.
    *runs += 1;
    if *runs % 512 == 0 {
        *db = fresh();
    }
    match db.store.restore_from_reader(data) {
        // A valid backup: start the next input on an empty database.
        Ok(_) => *db = fresh(),
        Err(_) => assert!(db.store.is_empty(), "a refused restore left records"),
    }
});

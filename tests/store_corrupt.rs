//! Corrupt values are errors that name their key: never a panic, never a huge
//! allocation, and the rest of the database stays usable.

mod common;

use common::*;
use dabir::store::{Store, StoreError};

/// Header of a format-1 meeting, then an id varint and a string length claiming
/// 2^36 bytes (64 GiB): 13 bytes in all.
fn claims_64_gib() -> Vec<u8> {
    let mut v = vec![b'D', 4, 1, 5, 253];
    v.extend_from_slice(&(1u64 << 36).to_le_bytes());
    v
}

#[test]
fn a_corrupt_meeting_is_an_error_naming_its_key() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut good = clean_meeting(&body, &units);
    store.save_meeting(&mut good).unwrap();

    let meetings = store.raw_tree("meetings").unwrap();
    for (id, bytes) in [
        (500u64, claims_64_gib()),
        (501, vec![]),
        (502, vec![b'D', 4]),
        (503, vec![b'D', 9, 1, 0]),
        (504, vec![b'D', 4, 1, 0xff, 0xff, 0xff]),
        (505, b"not a record at all".to_vec()),
    ] {
        meetings.insert(id.to_be_bytes(), bytes).unwrap();
        let err = store.meeting(id).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Corrupt {
                    tree: "meetings",
                    ..
                }
            ),
            "{err}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("{id} (id)")),
            "message names the key: {msg}"
        );
    }
    // The good meeting is untouched and still readable.
    assert_eq!(store.meeting(good.id).unwrap(), Some(good.clone()));

    // Saving over a corrupt record is refused (its old index entries are unknown),
    // not a panic, and writes nothing.
    let mut over = good.clone();
    over.id = 500;
    let err = store.save_meeting(&mut over).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert_eq!(
        meetings
            .get(500u64.to_be_bytes())
            .unwrap()
            .unwrap()
            .as_ref(),
        claims_64_gib()
    );
}

#[test]
fn a_corrupt_unit_fails_the_listing_with_its_key() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    clean_body_and_units(&store);
    store
        .raw_tree("units")
        .unwrap()
        .insert(77u64.to_be_bytes(), vec![b'D', 3, 0, 77, 200])
        .unwrap();
    let msg = store.units().unwrap_err().to_string();
    assert!(msg.contains("units") && msg.contains("77 (id)"), "{msg}");
}

#[test]
fn the_cli_reports_a_corrupt_meeting_and_exits_1() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        let (body, _) = clean_body_and_units(&store);
        let mut m = dabir::model::Meeting::new(0, body.id, 0, date(2024, 1, 1), instant());
        store.save_meeting(&mut m).unwrap();
        store
            .raw_tree("meetings")
            .unwrap()
            .insert(m.id.to_be_bytes(), claims_64_gib())
            .unwrap();
        store.flush().unwrap();
    }
    let out = dabir(&path).args(["show", "7"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("corrupt record in tree `meetings` at key 7 (id)"),
        "{err}"
    );
}

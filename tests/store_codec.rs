//! Golden bytes of every stored record kind in its current format.
//!
//! bincode is not self-describing: a field added, removed, reordered or retyped
//! silently changes the bytes, and old records then fail to decode. This test
//! fails on any such change. The fix is never to update the fixture alone: bump
//! the type's `VERSION` in src/store/codec.rs, freeze the old layout in
//! src/store/legacy.rs with a decoder, and only then re-bless with
//! `DABIR_BLESS=1 cargo test --test store_codec` (writing the new version's file
//! beside the old one, which stays).

mod common;

use common::*;
use dabir::model::{Body, BodyKind, Person, PersonRecord, Unit};
use dabir::store::{Record, Store, codec};

fn check<T: Record + PartialEq + std::fmt::Debug>(name: &str, value: &T) {
    let file = format!(
        "{}/tests/fixtures/format-{name}-v{}.hex",
        env!("CARGO_MANIFEST_DIR"),
        T::VERSION
    );
    let bytes = codec::encode(value).unwrap();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    if std::env::var_os("DABIR_BLESS").is_some() && !std::path::Path::new(&file).exists() {
        std::fs::write(&file, format!("{hex}\n")).unwrap();
    }
    let golden = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{file}: {e} (new format version? see this file's doc)"));
    assert_eq!(
        hex,
        golden.trim(),
        "the stored format of {name} changed without a version bump; see tests/store_codec.rs"
    );
    let decoded: T = codec::decode(&bytes).unwrap();
    assert_eq!(&decoded, value);
}

/// The bytes of a hex fixture in tests/fixtures.
fn fixture(name: &str) -> Vec<u8> {
    let hex = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    (0..hex.trim().len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn stored_formats_are_unchanged() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut meeting = clean_meeting(&body, &units);
    meeting.id = 7;
    meeting.notes = "یادداشت".into();
    meeting.finalise(instant(), "زهرا نوروزی");
    meeting.resolutions[0].add_follow_up(dabir::model::FollowUp {
        date: date(2024, 12, 15),
        note: "تمدید".into(),
        status: None,
        deadline: Some(date(2025, 1, 20)),
        requested_by: "اداره برنامه‌ریزی".into(),
    });
    check("meeting", &meeting);
    check(
        "body",
        &Body {
            id: 1,
            name: "شورای اداری شهرستان".into(),
            kind: BodyKind::Council,
            members: vec![3, 4],
            chair: Some(3),
            secretary: Some(4),
            place: "سالن اجتماعات".into(),
        },
    );
    check(
        "unit",
        &Unit {
            id: 2,
            name: "اداره راهداری".into(),
            addressee: "جناب آقای مهندس احمدی".into(),
            title: "مدیر محترم اداره راهداری".into(),
        },
    );
    check(
        "letter",
        &dabir::model::Letter {
            id: 9,
            kind: dabir::model::LetterKind::FollowUp,
            number: "۱۴۰۳/د/۱۲".into(),
            sequence: Some(dabir::model::Sequence {
                year: 1403,
                seq: 12,
            }),
            date: date(2024, 12, 20),
            unit: Some(2),
            addressee: "جناب آقای مهندس احمدی".into(),
            body: Some(1),
            meeting: None,
            resolutions: vec![dabir::model::ResolutionKey { meeting: 7, key: 1 }],
            reminder: 2,
            follows: Some(8),
            file: "پیگیری.docx".into(),
            created: instant(),
            by: "زهرا نوروزی".into(),
        },
    );
    check(
        "person",
        &PersonRecord {
            id: 3,
            person: Person {
                name: "خانم زهرا نوروزی".into(),
                post: "دبیر کارگروه".into(),
                organisation: "فرمانداری".into(),
            },
        },
    );
}

/// A unit stored in format 0 (before letters) still reads, with no addressee.
#[test]
fn the_format_0_unit_still_decodes() {
    let bytes = fixture("format-unit-v0.hex");
    assert_eq!(bytes[2], 0, "the fixture is format 0");
    let got: Unit = codec::decode(&bytes).unwrap();
    assert_eq!(
        got,
        Unit {
            id: 2,
            ..Unit::named("اداره راهداری")
        }
    );
}

/// A meeting stored in format 1 (before approved deadlines) still reads: its
/// deadline becomes the approved one, follow-ups get no `requested_by`.
#[test]
fn the_format_1_meeting_still_decodes() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut want = clean_meeting(&body, &units);
    want.id = 7;
    want.notes = "یادداشت".into();
    // Format 1 named no one.
    want.finalise(instant(), "");
    let bytes = fixture("format-meeting-v1.hex");
    assert_eq!(bytes[2], 1, "the fixture is format 1");
    let got: dabir::model::Meeting = codec::decode(&bytes).unwrap();
    assert_eq!(got, want);
}

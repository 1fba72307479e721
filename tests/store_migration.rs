//! Opening older and newer databases. tests/fixtures/schema-v0.kv holds, as
//! `tree<TAB>hex key<TAB>hex value` lines, the raw contents of a schema-0 database
//! (meetings in format 0, no secondary indexes, no schema key). It was written once
//! by `write_v0_fixture` below and is never regenerated: it stands for databases in
//! the wild.

mod common;

use std::path::Path;

use common::*;
use dabir::model::{Meeting, Status};
use dabir::store::{
    FollowUpV1, Kind, MeetingV0, ResolutionV1, SCHEMA_VERSION, Store, StoreError, codec,
};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v0.kv");

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Writes the fixture's raw trees into a fresh sled database at `path`.
fn plant(path: &Path, text: &str) {
    let db = sled::open(path).unwrap();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        db.open_tree(f[0])
            .unwrap()
            .insert(unhex(f[1]), unhex(f[2]))
            .unwrap();
    }
    db.flush().unwrap();
}

/// A resolution as formats 0 and 1 stored it (its deadline the current one).
fn frozen(r: dabir::model::Resolution) -> ResolutionV1 {
    ResolutionV1 {
        key: r.key,
        number: r.number,
        text: r.text.clone(),
        responsible: r.responsible.clone(),
        executor: r.executor,
        deadline: r.deadline(),
        status: r.status,
        follow_ups: r
            .follow_ups
            .into_iter()
            .map(|f| FollowUpV1 {
                date: f.date,
                note: f.note,
                status: f.status,
                deadline: f.deadline,
            })
            .collect(),
    }
}

/// The meetings the fixture holds, as format-0 values.
fn v0_meetings() -> Vec<MeetingV0> {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut a = clean_meeting(&body, &units);
    a.id = 7;
    let mut b = Meeting::new(8, body.id, 13, date(2024, 11, 19), instant());
    b.place = "سالن شهید رجایی".into();
    let r = b
        .add_resolution("گزارش پیشرفت سامانه EIS ارائه شود.")
        .unwrap();
    r.responsible = vec![units[1].id];
    r.approved_deadline = Some(date(2024, 12, 1));
    r.status = Status::InProgress;
    [a, b]
        .into_iter()
        .map(|m| MeetingV0 {
            id: m.id,
            body: m.body,
            number: m.number,
            date: m.date,
            start: m.start,
            end: m.end,
            place: m.place,
            chair: m.chair,
            secretary: m.secretary,
            attendees: m.attendees,
            agenda: m.agenda,
            discussion: m.discussion,
            resolutions: m.resolutions.into_iter().map(frozen).collect(),
            state: m.state,
            created: m.created,
            updated: m.updated,
            next_resolution_key: m.next_resolution_key,
        })
        .collect()
}

/// Run once, by hand, to create the fixture: `cargo test --test store_migration --
/// --ignored write_v0_fixture`. Do not run it again: the point of the fixture is
/// that its bytes do not change with the code.
#[test]
#[ignore]
fn write_v0_fixture() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut out = String::from(
        "# dabir database, schema version 0: meetings in format 0, no indexes, no schema key.\n",
    );
    out += &format!("meta\t{}\t{}\n", hex(b"next_id"), hex(&9u64.to_be_bytes()));
    out += &format!(
        "bodies\t{}\t{}\n",
        hex(&body.id.to_be_bytes()),
        hex(&codec::encode(&body).unwrap())
    );
    for u in &units {
        out += &format!(
            "units\t{}\t{}\n",
            hex(&u.id.to_be_bytes()),
            hex(&codec::encode(u).unwrap())
        );
    }
    for m in v0_meetings() {
        let bytes = codec::encode_with_header(Kind::Meeting, 0, &m).unwrap();
        out += &format!("meetings\t{}\t{}\n", hex(&m.id.to_be_bytes()), hex(&bytes));
    }
    std::fs::write(FIXTURE, out).unwrap();
}

#[test]
fn a_version_0_database_is_migrated() {
    let (_dir, path) = temp_db();
    plant(&path, &std::fs::read_to_string(FIXTURE).unwrap());
    let mut told = Vec::new();
    let store = Store::open_reporting(&path, &mut |from, to| told.push((from, to))).unwrap();
    assert_eq!(
        told,
        vec![(0, SCHEMA_VERSION)],
        "the caller is told before migrating"
    );

    let meta = store.raw_tree("meta").unwrap();
    assert_eq!(
        meta.get("schema").unwrap().unwrap().as_ref(),
        SCHEMA_VERSION.to_be_bytes()
    );
    let want: Vec<Meeting> = v0_meetings().into_iter().map(Meeting::from).collect();
    for m in &want {
        let got = store.meeting(m.id).unwrap().unwrap();
        assert_eq!(&got, m);
        assert!(got.notes.is_empty() && got.history.is_empty() && got.next_meeting.is_none());
        // Rewritten in the current format.
        let raw = store
            .raw_tree("meetings")
            .unwrap()
            .get(m.id.to_be_bytes())
            .unwrap()
            .unwrap();
        assert_eq!(raw[2], <Meeting as dabir::store::Record>::VERSION);
    }
    // Indexes were built.
    let actual: std::collections::BTreeSet<_> =
        store.index_entries().unwrap().into_iter().collect();
    let expected: std::collections::BTreeSet<_> = want
        .iter()
        .flat_map(Store::expected_index_entries)
        .collect();
    assert_eq!(actual, expected);
    // By deadline: 8/1 (12-01), 7/2 (12-05), 7/1 (12-20), 7/3 (03-10); 7/4 is done.
    let open: Vec<(u64, u32)> = store
        .open_resolutions(None, 10)
        .unwrap()
        .iter()
        .map(|o| (o.meeting, o.resolution.number))
        .collect();
    assert_eq!(open, vec![(8, 1), (7, 2), (7, 1), (7, 3)]);
    assert_eq!(store.next_session_number(want[0].body).unwrap(), 14);

    // New records get fresh ids past the fixture's.
    let (body, units) = clean_body_and_units(&store);
    assert!(body.id > 8 && units.iter().all(|u| u.id > 8));
    drop(store);
    // Reopening does not migrate again.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.meeting_count(), 2);
}

#[test]
fn a_newer_database_is_refused_with_a_clear_message() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        // Not sled::open at once: sled lets go of its file lock a moment after
        // the store is dropped (this failed now and then in CI).
        let db = raw_sled(&path);
        db.open_tree("meta")
            .unwrap()
            .insert("schema", &99u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("schema version 99") && msg.contains(&path.display().to_string()),
        "{msg}"
    );
}

/// `dabir` says on stderr why its first start after an upgrade is slow, and only
/// then.
#[test]
fn the_cli_says_when_it_upgrades_the_database() {
    let (_dir, path) = temp_db();
    plant(&path, &std::fs::read_to_string(FIXTURE).unwrap());
    let first = run_ok(dabir(&path).arg("meetings"));
    let said = String::from_utf8_lossy(&first.stderr);
    assert!(
        said.contains(&format!(
            "upgrading the database (schema 0 to {SCHEMA_VERSION})"
        )),
        "{said}"
    );
    let again = run_ok(dabir(&path).arg("meetings"));
    assert!(again.stderr.is_empty(), "nothing to say the second time");
    assert_eq!(first.stdout, again.stdout);
}

/// Schema 3 → 4: a resolution whose deadline an extension overwrote keeps the
/// current date as its approved one, and the migration says how many there are.
#[test]
fn a_schema_3_database_with_extensions_is_migrated_and_says_so() {
    let (_dir, path) = temp_db();
    let id = {
        let store = Store::open(&path).unwrap();
        let (body, units) = clean_body_and_units(&store);
        let mut m = clean_meeting(&body, &units);
        store.save_meeting(&mut m).unwrap();
        m.id
    };
    // What dabir before schema 4 stored after extending resolution 1 to
    // 2025-01-20: the deadline itself overwritten.
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    drop(store);
    let mut live = clean_meeting(&body, &units);
    live.id = id;
    let mut old: Vec<ResolutionV1> = live.resolutions.clone().into_iter().map(frozen).collect();
    old[0].deadline = Some(date(2025, 1, 20));
    old[0].follow_ups.push(FollowUpV1 {
        date: date(2024, 12, 15),
        note: "تمدید به درخواست اداره".into(),
        status: None,
        deadline: Some(date(2025, 1, 20)),
    });
    let v1 = dabir::store::MeetingV1 {
        id,
        body: live.body,
        number: live.number,
        date: live.date,
        start: live.start,
        end: live.end,
        place: live.place.clone(),
        chair: live.chair.clone(),
        secretary: live.secretary.clone(),
        attendees: live.attendees.clone(),
        agenda: live.agenda.clone(),
        discussion: live.discussion.clone(),
        resolutions: old,
        state: live.state,
        created: live.created,
        updated: live.updated,
        next_resolution_key: live.next_resolution_key,
        next_meeting: None,
        notes: String::new(),
        history: Vec::new(),
    };
    {
        let db = raw_sled(&path);
        db.open_tree("meetings")
            .unwrap()
            .insert(
                id.to_be_bytes(),
                codec::encode_with_header(Kind::Meeting, 1, &v1).unwrap(),
            )
            .unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert("schema", &3u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let mut told = Vec::new();
    let store = Store::open_reporting(&path, &mut |from, to| told.push((from, to))).unwrap();
    assert_eq!(told, vec![(3, SCHEMA_VERSION)]);
    let note = store
        .warnings()
        .iter()
        .find(|w| w.contains("cannot be recovered"))
        .expect("the migration says what it could not undo");
    assert!(
        note.starts_with("1 مصوبه") && note.contains("1 resolutions"),
        "{note}"
    );
    let m = store.meeting(id).unwrap().unwrap();
    let r = &m.resolutions[0];
    assert_eq!(
        r.approved_deadline,
        Some(date(2025, 1, 20)),
        "lost before 4"
    );
    assert_eq!(r.deadline(), Some(date(2025, 1, 20)));
    assert_eq!(r.extensions(), 1);
    assert_eq!(m.resolutions[1].approved_deadline, Some(date(2024, 12, 5)));
    let raw = store
        .raw_tree("meetings")
        .unwrap()
        .get(id.to_be_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(raw[2], <Meeting as dabir::store::Record>::VERSION);
    let actual: std::collections::BTreeSet<_> =
        store.index_entries().unwrap().into_iter().collect();
    let expected: std::collections::BTreeSet<_> =
        Store::expected_index_entries(&m).into_iter().collect();
    assert_eq!(actual, expected);
    drop(store);
    // Said once: the next open has nothing to say.
    let store = Store::open(&path).unwrap();
    assert!(store.warnings().iter().all(|w| !w.contains("recovered")));
}

/// Schema 4 → 5 rewrites nothing: a unit stored in format 0 reads with no
/// addressee, the register starts empty, and no migration is announced.
#[test]
fn schema_4_takes_version_5_without_a_rewrite() {
    let (_dir, path) = temp_db();
    let unit_id;
    {
        let store = Store::open(&path).unwrap();
        let (body, units) = clean_body_and_units(&store);
        let mut m = clean_meeting(&body, &units);
        store.save_meeting(&mut m).unwrap();
        unit_id = units[0].id;
        drop(store);
        let db = raw_sled(&path);
        let v0 = dabir::store::UnitV0 {
            id: unit_id,
            name: "اداره برنامه‌ریزی و بودجه".into(),
        };
        db.open_tree("units")
            .unwrap()
            .insert(
                unit_id.to_be_bytes(),
                codec::encode_with_header(Kind::Unit, 0, &v0).unwrap(),
            )
            .unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert("schema", &4u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let mut told = Vec::new();
    let store = Store::open_reporting(&path, &mut |from, to| told.push((from, to))).unwrap();
    assert!(told.is_empty(), "nothing to announce: {told:?}");
    let u = store.unit(unit_id).unwrap().unwrap();
    assert_eq!((u.addressee.as_str(), u.title.as_str()), ("", ""));
    assert!(store.letters().unwrap().is_empty());
    assert_eq!(
        store
            .raw_tree("meta")
            .unwrap()
            .get("schema")
            .unwrap()
            .unwrap()
            .as_ref(),
        SCHEMA_VERSION.to_be_bytes()
    );
}

//! Store round-trips, queries and durability across reopening.

mod common;

use common::*;
use dabir::model::{Body, BodyKind, Meeting, Person, PersonRecord, Status, Unit};
use dabir::store::{Store, StoreError};

#[test]
fn every_record_kind_round_trips_across_reopening() {
    let (_dir, path) = temp_db();
    let (body, units, person, meeting) = {
        let store = Store::open(&path).unwrap();
        let (body, units) = clean_body_and_units(&store);
        let mut person = PersonRecord {
            id: 0,
            person: Person {
                name: "جناب آقای رضا صالحی".into(),
                post: "معاون فرماندار".into(),
                organisation: "فرمانداری".into(),
            },
        };
        store.save_person(&mut person).unwrap();
        let mut meeting = clean_meeting(&body, &units);
        meeting.notes = "سطری که جایی نیافت".into();
        meeting.next_meeting = Some(dabir::model::NextMeeting {
            date: date(2024, 11, 19),
            time: chrono::NaiveTime::from_hms_opt(9, 30, 0),
        });
        meeting.finalise(instant(), "زهرا نوروزی");
        store.save_meeting(&mut meeting).unwrap();
        assert_ne!(meeting.id, 0, "a new meeting gets an id");
        (body, units, person, meeting)
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.body(body.id).unwrap(), Some(body.clone()));
    assert_eq!(store.bodies().unwrap(), vec![body]);
    assert_eq!(store.units().unwrap(), units);
    assert_eq!(store.person(person.id).unwrap(), Some(person));
    assert_eq!(store.meeting(meeting.id).unwrap(), Some(meeting));
    assert_eq!(store.meeting(9999).unwrap(), None);
}

#[test]
fn ids_are_unique_across_kinds_and_never_reused() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    let mut ids: Vec<u64> = units.iter().map(|u| u.id).collect();
    ids.push(body.id);
    ids.push(m.id);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), units.len() + 2);
    assert!(store.delete_meeting(m.id).unwrap());
    assert!(!store.delete_meeting(m.id).unwrap());
    let mut again = clean_meeting(&body, &units);
    store.save_meeting(&mut again).unwrap();
    assert!(again.id > m.id);
}

#[test]
fn session_numbers_count_per_body() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let mut a = Body {
        id: 0,
        name: "شورای اداری شهرستان".into(),
        kind: BodyKind::Council,
        members: vec![],
        chair: None,
        secretary: None,
        place: String::new(),
    };
    let mut b = a.clone();
    b.name = "ستاد تنظیم بازار".into();
    store.save_body(&mut a).unwrap();
    store.save_body(&mut b).unwrap();
    assert_eq!(store.next_session_number(a.id).unwrap(), 1);
    for (body, expect) in [(a.id, 1), (a.id, 2), (b.id, 1), (a.id, 3)] {
        let mut m = Meeting::new(0, body, 0, date(2024, 1, 1), instant());
        store.save_meeting(&mut m).unwrap();
        assert_eq!(m.number, expect);
    }
    // An imported meeting keeps its own number; the next one follows it.
    let mut imported = Meeting::new(0, b.id, 40, date(2023, 1, 1), instant());
    store.save_meeting(&mut imported).unwrap();
    assert_eq!(store.next_session_number(b.id).unwrap(), 41);
    assert_eq!(store.next_session_number(a.id).unwrap(), 4);
}

#[test]
fn meetings_list_newest_first() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, _) = clean_body_and_units(&store);
    for d in [date(2024, 3, 1), date(2024, 11, 5), date(2023, 7, 9)] {
        let mut m = Meeting::new(0, body.id, 0, d, instant());
        store.save_meeting(&mut m).unwrap();
    }
    let dates: Vec<_> = store
        .meetings_newest_first()
        .map(|m| m.unwrap().date)
        .collect();
    assert_eq!(
        dates,
        vec![date(2024, 11, 5), date(2024, 3, 1), date(2023, 7, 9)]
    );
}

#[test]
fn open_resolutions_by_deadline_follow_status_changes() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();

    let deadlines = |from| -> Vec<(u32, Option<chrono::NaiveDate>)> {
        store
            .open_resolutions(from, 50)
            .unwrap()
            .into_iter()
            .map(|o| (o.resolution.number, o.resolution.deadline()))
            .collect()
    };
    // Resolution 4 is done; the rest by deadline.
    assert_eq!(
        deadlines(None),
        vec![
            (2, Some(date(2024, 12, 5))),
            (1, Some(date(2024, 12, 20))),
            (3, Some(date(2025, 3, 10)))
        ]
    );
    assert_eq!(deadlines(Some(date(2024, 12, 6))).len(), 2);

    // Extend resolution 2's deadline, close resolution 1, add one with no deadline.
    m.resolutions[1].add_follow_up(dabir::model::FollowUp {
        date: date(2024, 12, 1),
        note: "تمدید".into(),
        status: None,
        deadline: Some(date(2025, 6, 1)),
        requested_by: "اداره".into(),
    });
    m.resolutions[0].status = Status::Cancelled;
    m.add_resolution("بدون مهلت").unwrap();
    store.save_meeting(&mut m).unwrap();
    assert_eq!(
        deadlines(None),
        vec![
            (3, Some(date(2025, 3, 10))),
            (2, Some(date(2025, 6, 1))),
            (5, None)
        ],
        "no deadline sorts last"
    );

    let by_unit = store.resolutions_of_unit(units[2].id).unwrap();
    assert_eq!(by_unit.len(), 1);
    assert_eq!(by_unit[0].1, Status::Extended);
    assert_eq!(
        store
            .resolutions_with_status(Status::Cancelled)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store.resolutions_with_status(Status::Done).unwrap().len(),
        1
    );

    store.delete_meeting(m.id).unwrap();
    assert!(deadlines(None).is_empty());
    assert!(store.index_entries().unwrap().is_empty());
}

#[test]
fn database_directory_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp_db();
    let nested = path.join("a/b");
    drop(Store::open(&nested).unwrap());
    let mode = std::fs::metadata(&nested).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn restore_refuses_a_non_empty_database_and_a_broken_backup() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let backup = store.backup().unwrap();
    assert!(matches!(
        store.restore(&backup),
        Err(StoreError::Invalid(_))
    ));

    let (_dir2, path2) = temp_db();
    let fresh = Store::open(&path2).unwrap();
    let mut broken = backup.clone();
    broken.meetings.push(clean_meeting(&body, &units));
    broken.meetings[0].id = 500;
    broken.meetings[0].body = 999;
    let err = fresh.restore(&broken).unwrap_err().to_string();
    assert!(err.contains("body 999"), "{err}");
    assert!(fresh.is_empty(), "a refused restore writes nothing");
    let mut dup = backup;
    dup.units.push(Unit {
        id: dup.units[0].id,
        ..Unit::named("تکراری")
    });
    assert!(
        fresh
            .restore(&dup)
            .unwrap_err()
            .to_string()
            .contains("used twice")
    );
}

/// A sled handle of this process still open on the database (a store just dropped
/// whose sled threads have not let go, or a search worker's trees): opening waits
/// for it instead of failing.
#[test]
fn opening_waits_for_sled_handles_this_process_is_dropping() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let held = raw_sled(&path);
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
    });
    let started = std::time::Instant::now();
    let store = Store::open(&path).expect("opens once the handle is gone");
    assert!(started.elapsed() >= std::time::Duration::from_millis(250));
    assert!(store.meeting_count() == 0);
    releaser.join().unwrap();
}

/// A bulk follow-up saves every meeting it touches in one transaction: when one
/// cannot be stored, none is changed (a retry then adds no duplicates).
#[test]
fn save_meetings_is_all_or_nothing() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut a = clean_meeting(&body, &units);
    let mut b = clean_meeting(&body, &units);
    store.save_meeting(&mut a).unwrap();
    store.save_meeting(&mut b).unwrap();
    let before = (store.meeting(a.id).unwrap(), store.meeting(b.id).unwrap());
    a.resolutions[0].add_follow_up(dabir::model::FollowUp {
        date: a.date,
        note: "پیگیری شد".into(),
        status: Some(Status::Done),
        deadline: None,
        requested_by: String::new(),
    });
    b.notes = "ب".repeat(5 * 1024 * 1024); // over the 8 MiB a record holds
    let mut both = vec![a.clone(), b.clone()];
    assert!(store.save_meetings(&mut both).is_err());
    assert_eq!(
        (store.meeting(a.id).unwrap(), store.meeting(b.id).unwrap()),
        before,
        "neither changed"
    );
    b.notes.clear();
    let mut both = vec![a.clone(), b];
    store.save_meetings(&mut both).unwrap();
    assert_eq!(
        store.meeting(a.id).unwrap().unwrap().resolutions[0].status,
        Status::Done
    );
}

//! Merging spelling duplicates keeps every link.

mod common;

use common::*;
use dabir::model::{Body, BodyKind, Meeting, Person, PersonRecord, Unit};
use dabir::store::Store;

#[test]
fn merging_units_moves_every_resolution_link() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut twin = Unit {
        id: 0,
        ..Unit::named("اداره برنامه ریزی و بودجه")
    };
    store.save_unit(&mut twin).unwrap();
    let mut a = clean_meeting(&body, &units);
    a.resolutions[1].responsible = vec![twin.id, units[0].id];
    a.resolutions[2].executor = Some(twin.id);
    store.save_meeting(&mut a).unwrap();
    let mut b = clean_meeting(&body, &units);
    b.resolutions[0].responsible = vec![twin.id];
    store.save_meeting(&mut b).unwrap();

    assert_eq!(store.merge_units(twin.id, units[0].id).unwrap(), 2);
    assert_eq!(store.unit(twin.id).unwrap(), None);
    let a = store.meeting(a.id).unwrap().unwrap();
    assert_eq!(
        a.resolutions[1].responsible,
        vec![units[0].id],
        "no duplicate link"
    );
    assert_eq!(a.resolutions[2].executor, Some(units[0].id));
    assert_eq!(
        store.meeting(b.id).unwrap().unwrap().resolutions[0].responsible,
        vec![units[0].id]
    );
    assert!(
        store.resolutions_of_unit(twin.id).unwrap().is_empty(),
        "index follows"
    );
    let linked = store.resolutions_of_unit(units[0].id).unwrap().len();
    // a: resolutions 1 and 2, and 3 as executor; b: resolution 1 (which named the
    // twin instead of the original).
    assert_eq!(linked, 4);
    // Merging into itself or a missing record is refused.
    assert!(store.merge_units(units[0].id, units[0].id).is_err());
    assert!(store.merge_units(twin.id, units[0].id).is_err());
}

#[test]
fn merging_people_and_bodies() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let mut p1 = PersonRecord {
        id: 0,
        person: Person::new("خانم زهرا نوروزی", "دبیر"),
    };
    let mut p2 = PersonRecord {
        id: 0,
        person: Person::new("خانم زهرا نوروزي", "دبیر"),
    };
    store.save_person(&mut p1).unwrap();
    store.save_person(&mut p2).unwrap();
    let mut b1 = Body {
        id: 0,
        name: "شورای اداری شهرستان".into(),
        kind: BodyKind::Council,
        members: vec![p1.id, p2.id],
        chair: None,
        secretary: Some(p2.id),
        place: String::new(),
    };
    store.save_body(&mut b1).unwrap();
    assert_eq!(store.merge_people(p2.id, p1.id).unwrap(), 1);
    let b = store.body(b1.id).unwrap().unwrap();
    assert_eq!(b.members, vec![p1.id]);
    assert_eq!(b.secretary, Some(p1.id));
    assert_eq!(store.person(p2.id).unwrap(), None);

    let mut b2 = Body {
        name: "شوراي اداري شهرستان".into(),
        id: 0,
        ..b
    };
    store.save_body(&mut b2).unwrap();
    for (body, n) in [(b1.id, 1), (b2.id, 2), (b2.id, 3)] {
        let mut m = Meeting::new(0, body, n, date(2024, 1, n), instant());
        store.save_meeting(&mut m).unwrap();
    }
    assert_eq!(store.merge_bodies(b2.id, b1.id).unwrap(), 2);
    assert_eq!(store.body(b2.id).unwrap(), None);
    assert!(
        store
            .meetings_newest_first()
            .all(|m| m.unwrap().body == b1.id)
    );
    assert_eq!(store.next_session_number(b1.id).unwrap(), 4);
    let actual: std::collections::BTreeSet<_> =
        store.index_entries().unwrap().into_iter().collect();
    let expected: std::collections::BTreeSet<_> = store
        .meetings_newest_first()
        .flat_map(|m| Store::expected_index_entries(&m.unwrap()))
        .collect();
    assert_eq!(actual, expected, "indexes follow the merge");
}

//! One store suite, two instantiations: every test here runs against the sled
//! folder and against the PostgreSQL archive (a schema of its own on the test
//! server; outside CI skipped with a note when no server answers), through
//! the `Archive` interface the layers above use.

mod common;

use std::any::Any;

use common::*;
use dabir::model::{
    Body, BodyKind, FollowUp, Letter, LetterKind, Person, PersonRecord, ResolutionKey, Status, Unit,
};
use dabir::store::pg::PgArchive;
use dabir::store::{Archive, Store, StoreError};

/// An open archive and what must live as long as it (a folder, a schema).
struct Opened {
    archive: Box<dyn Archive>,
    _keep: Box<dyn Any>,
}

fn sled(_tag: &str) -> Option<Opened> {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    Some(Opened {
        archive: Box::new(store),
        _keep: Box::new(dir),
    })
}

fn postgres(tag: &str) -> Option<Opened> {
    let schema = common::pg::schema(&format!("suite_{tag}"))?;
    let (pg, _) = PgArchive::connect(&schema.url(), "زهرا نوروزی").unwrap();
    Some(Opened {
        archive: Box::new(pg),
        _keep: Box::new(schema),
    })
}

macro_rules! suite {
    ($backend:ident) => {
        mod $backend {
            use super::*;

            fn open(tag: &str) -> Option<Opened> {
                super::$backend(tag)
            }

            #[test]
            fn directory_records_get_ids_and_read_back() {
                let Some(o) = open("directory") else { return };
                directory(&*o.archive);
            }

            #[test]
            fn meetings_are_numbered_per_body_and_read_back() {
                let Some(o) = open("meetings") else { return };
                meetings(&*o.archive);
            }

            #[test]
            fn a_change_in_place_is_saved_and_returned() {
                let Some(o) = open("update") else { return };
                update_in_place(&*o.archive);
            }

            #[test]
            fn open_resolutions_come_by_deadline() {
                let Some(o) = open("open") else { return };
                open_rows(&*o.archive);
            }

            #[test]
            fn letters_are_registered_in_order() {
                let Some(o) = open("letters") else { return };
                letters(&*o.archive);
            }

            #[test]
            fn control_characters_never_reach_the_store() {
                let Some(o) = open("controls") else { return };
                controls(&*o.archive);
            }

            #[test]
            fn the_backup_holds_every_record() {
                let Some(o) = open("backup") else { return };
                backup(&*o.archive);
            }

            #[test]
            fn the_dashboard_reads_every_resolution_s_facts() {
                let Some(o) = open("facts") else { return };
                facts(&*o.archive);
            }

            #[test]
            fn the_trash_keeps_what_it_is_given_back() {
                let Some(o) = open("trash") else { return };
                trash(&*o.archive);
            }

            #[test]
            fn records_spelled_two_ways_are_merged() {
                let Some(o) = open("merge") else { return };
                merges(&*o.archive);
            }

            #[test]
            fn the_editor_holds_its_lease() {
                let Some(o) = open("lease") else { return };
                own_lease(&*o.archive);
            }
        }
    };
}

suite!(sled);
suite!(postgres);

fn body(a: &dyn Archive, name: &str) -> Body {
    let mut b = Body {
        id: 0,
        name: name.into(),
        kind: BodyKind::WorkingGroup,
        members: vec![],
        chair: None,
        secretary: None,
        place: "سالن شهید رجایی".into(),
    };
    a.save_body(&mut b).unwrap();
    b
}

fn directory(a: &dyn Archive) {
    let b = body(a, "کارگروه تحول اداری");
    let mut u = Unit {
        addressee: "جناب آقای مهندس احمدی".into(),
        ..Unit::named("مدیریت فناوری اطلاعات")
    };
    a.save_unit(&mut u).unwrap();
    let mut p = PersonRecord {
        id: 0,
        person: Person::new("خانم زهرا نوروزی", "دبیر کارگروه"),
    };
    a.save_person(&mut p).unwrap();
    let ids = [b.id, u.id, p.id];
    assert!(ids.iter().all(|&i| i > 0), "{ids:?}");
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);

    assert_eq!(a.body(b.id).unwrap(), Some(b.clone()));
    assert_eq!(a.body(9_999).unwrap(), None);
    assert_eq!(a.units().unwrap(), vec![u.clone()]);
    assert_eq!(a.people().unwrap(), vec![p]);

    let mut renamed = b.clone();
    renamed.name = "ستاد تحول اداری".into();
    a.save_body(&mut renamed).unwrap();
    assert_eq!(renamed.id, b.id, "a saved body keeps its id");
    assert_eq!(a.bodies().unwrap(), vec![renamed]);
}

fn meetings(a: &dyn Archive) {
    let (b, units) = clean_body_and_units(a);
    let mut first = clean_meeting(&b, &units);
    first.number = 0;
    a.save_meeting(&mut first).unwrap();
    let mut second = clean_meeting(&b, &units);
    second.number = 0;
    a.save_meeting(&mut second).unwrap();
    assert!(first.id > 0 && second.id > first.id);
    assert_eq!((first.number, second.number), (1, 2));
    assert_eq!(a.meeting(first.id).unwrap(), Some(first.clone()));

    // The secretary goes on typing: each save reads back as typed.
    let mut m = a.meeting(second.id).unwrap().unwrap();
    for word in ["مقرر", "شد", "گزارش", "EIS", "۱۴۰۳"] {
        m.discussion[0].text.push(' ');
        m.discussion[0].text.push_str(word);
        a.save_meeting(&mut m).unwrap();
    }
    let back = a.meeting(second.id).unwrap().unwrap();
    assert!(back.discussion[0].text.ends_with("مقرر شد گزارش EIS ۱۴۰۳"));
    assert_eq!(back, m);
    assert_eq!(a.meeting(first.id).unwrap(), Some(first));
    assert_eq!(a.meeting(123_456).unwrap(), None);
}

fn update_in_place(a: &dyn Archive) {
    let (b, units) = clean_body_and_units(a);
    let mut m = clean_meeting(&b, &units);
    a.save_meeting(&mut m).unwrap();
    let after = a
        .update_meeting(m.id, "follow-up", &mut |m| {
            m.resolutions[0].add_follow_up(FollowUp {
                date: date(2024, 12, 1),
                note: "پیگیری تلفنی؛ فهرست در دست تهیه است".into(),
                status: Some(Status::InProgress),
                deadline: None,
                requested_by: String::new(),
            });
            Ok(())
        })
        .unwrap();
    assert_eq!(after.resolutions[0].status, Status::InProgress);
    assert_eq!(a.meeting(m.id).unwrap(), Some(after));

    // A change that fails leaves the meeting as it was.
    let before = a.meeting(m.id).unwrap();
    let err = a
        .update_meeting(m.id, "follow-up", &mut |m| {
            m.place = "جای دیگر".into();
            Err(StoreError::Invalid("نه".into()))
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(a.meeting(m.id).unwrap(), before);

    let missing = a.update_meeting(987_654, "follow-up", &mut |_| Ok(()));
    assert!(
        matches!(missing, Err(StoreError::NotFound { id: 987_654, .. })),
        "{missing:?}"
    );
}

fn open_rows(a: &dyn Archive) {
    let (b, units) = clean_body_and_units(a);
    let mut m = clean_meeting(&b, &units);
    a.save_meeting(&mut m).unwrap();
    let rows = a.open_rows().unwrap();
    // Resolution 4 is done; the others come earliest deadline first.
    let numbers: Vec<u32> = rows.iter().map(|(_, _, s)| s.number).collect();
    assert_eq!(numbers, vec![2, 1, 3]);
    let deadlines: Vec<_> = rows.iter().map(|(d, _, _)| *d).collect();
    assert_eq!(
        deadlines,
        vec![
            Some(date(2024, 12, 5)),
            Some(date(2024, 12, 20)),
            Some(date(2025, 3, 10))
        ]
    );
    assert!(
        rows.iter()
            .all(|(_, r, s)| r.meeting == m.id && s.body == b.id)
    );
    assert_eq!(rows[0].2.responsible, vec![units[1].id, units[2].id]);
}

fn letter(kind: LetterKind, number: &str, unit: Option<u64>, keys: &[ResolutionKey]) -> Letter {
    Letter {
        id: 0,
        kind,
        number: number.into(),
        sequence: None,
        date: date(2024, 12, 1),
        unit,
        addressee: "مدیرکل محترم فناوری اطلاعات".into(),
        body: None,
        meeting: None,
        resolutions: keys.to_vec(),
        reminder: 0,
        follows: None,
        file: "ابلاغ.docx".into(),
        created: instant(),
        by: "زهرا".into(),
    }
}

fn letters(a: &dyn Archive) {
    let (b, units) = clean_body_and_units(a);
    let mut m = clean_meeting(&b, &units);
    a.save_meeting(&mut m).unwrap();
    let key = ResolutionKey {
        meeting: m.id,
        key: m.resolutions[1].key,
    };
    let mut batch = vec![
        letter(LetterKind::Notify, "1403/د/1", Some(units[1].id), &[key]),
        letter(LetterKind::Notify, "", Some(units[2].id), &[key]),
    ];
    a.save_letters(&mut batch).unwrap();
    assert!(batch[0].id > 0 && batch[1].id > batch[0].id);
    let mut later = vec![Letter {
        reminder: 1,
        follows: Some(batch[0].id),
        ..letter(LetterKind::FollowUp, "1403/د/2", Some(units[1].id), &[key])
    }];
    a.save_letters(&mut later).unwrap();
    batch.extend(later);
    assert_eq!(a.letters().unwrap(), batch);

    // A number typed later, when the registry gives it.
    let mut numbered = batch[1].clone();
    numbered.number = "1403/د/3".into();
    a.save_letters(std::slice::from_mut(&mut numbered)).unwrap();
    assert_eq!(a.letters().unwrap()[1].number, "1403/د/3");
    assert_eq!(a.letters().unwrap().len(), 3);
}

fn controls(a: &dyn Archive) {
    let mut b = body(a, "کارگروه\u{7}\u{1b}[31m تحول");
    assert_eq!(b.name, "کارگروه[31m تحول");
    assert_eq!(a.body(b.id).unwrap().unwrap().name, "کارگروه[31m تحول");
    assert_eq!(unit(a, "اداره\u{0} مالیاتی").name, "اداره مالیاتی");
    let (_, units) = clean_body_and_units(a);
    b.name = "کارگروه تحول".into();
    let mut m = clean_meeting(&b, &units);
    m.resolutions.truncate(0);
    m.discussion[0].text = "متن\u{8}\u{9f} با\u{9}جدول".into();
    a.save_meeting(&mut m).unwrap();
    assert_eq!(
        a.meeting(m.id).unwrap().unwrap().discussion[0].text,
        "متن با\tجدول"
    );
}

fn backup(a: &dyn Archive) {
    let (b, units) = clean_body_and_units(a);
    let mut m = clean_meeting(&b, &units);
    a.save_meeting(&mut m).unwrap();
    let mut ls = vec![letter(LetterKind::Notify, "", Some(units[0].id), &[])];
    a.save_letters(&mut ls).unwrap();
    let backup = a.backup().unwrap();
    assert_eq!(backup.bodies, vec![b]);
    assert_eq!(backup.units, units);
    assert_eq!(backup.meetings, vec![m]);
    assert_eq!(backup.letters, ls);
    assert!(backup.next_id > ls[0].id, "{} {}", backup.next_id, ls[0].id);
}

fn facts(a: &dyn Archive) {
    use dabir::model::stats::{Facts, stats, stats_of};
    let (b, units) = clean_body_and_units(a);
    let mut m = clean_meeting(&b, &units);
    m.resolutions[0].add_follow_up(FollowUp {
        date: date(2024, 12, 1),
        note: "انجام شد".into(),
        status: Some(Status::Done),
        deadline: None,
        requested_by: String::new(),
    });
    a.save_meeting(&mut m).unwrap();
    let key = |f: &Facts| {
        (
            f.responsible.clone(),
            f.status.name(),
            f.deadline,
            f.done_on,
        )
    };
    let mut got = a.resolution_facts().unwrap();
    got.sort_by_key(key);
    let mut want: Vec<Facts> = Facts::of(&m).collect();
    want.sort_by_key(key);
    assert_eq!(got, want);
    assert_eq!(got.iter().filter(|f| f.done_on.is_some()).count(), 2);
    let today = date(2024, 12, 20);
    assert_eq!(stats_of(got, today), stats([&m], today));
}

fn trash(a: &dyn Archive) {
    let (b, units) = clean_body_and_units(a);
    let mut draft = clean_meeting(&b, &units);
    draft.resolutions.truncate(1);
    a.save_meeting(&mut draft).unwrap();
    let mut done = clean_meeting(&b, &units);
    done.number = 13;
    done.state = dabir::model::MeetingState::Final;
    a.save_meeting(&mut done).unwrap();

    let err = a.trash_meeting(done.id, instant()).unwrap_err();
    assert!(err.to_string().contains("final"), "{err}");
    let err = a.trash_body(b.id, instant()).unwrap_err();
    assert!(err.to_string().contains("has 2 meetings"), "{err}");

    assert_eq!(a.trash_meeting(draft.id, instant()).unwrap(), draft);
    assert_eq!(a.meeting(draft.id).unwrap(), None);
    let trashed = a.trashed_meetings().unwrap();
    assert_eq!(trashed.len(), 1);
    assert_eq!(
        (trashed[0].record.clone(), trashed[0].deleted),
        (draft.clone(), instant())
    );
    assert!(
        a.open_rows()
            .unwrap()
            .iter()
            .all(|(_, r, _)| r.meeting != draft.id)
    );
    // A unit only the trashed meeting names stays: restoring it needs it.
    let only = draft.resolutions[0].responsible[0];
    assert!(!a.delete_unused_unit(only).unwrap());

    assert_eq!(a.restore_meeting(draft.id).unwrap(), draft);
    assert_eq!(a.meeting(draft.id).unwrap(), Some(draft.clone()));
    let mut again = a.meeting(draft.id).unwrap().unwrap();
    again.notes = "پس از بازگشت".into();
    a.save_meeting(&mut again).unwrap();

    // A body without meetings goes and comes back; purged, it is gone.
    let lone = body(a, "ستاد تنظیم بازار");
    assert_eq!(a.trash_body(lone.id, instant()).unwrap(), lone);
    assert_eq!(a.body(lone.id).unwrap(), None);
    assert_eq!(a.trashed_bodies().unwrap().len(), 1);
    assert_eq!(a.restore_body(lone.id).unwrap(), lone);
    a.trash_body(lone.id, instant()).unwrap();
    assert!(a.purge(lone.id).unwrap());
    assert!(!a.purge(lone.id).unwrap());
    assert!(a.trashed_bodies().unwrap().is_empty());
    assert!(matches!(
        a.restore_body(lone.id),
        Err(StoreError::NotFound { .. })
    ));
}

fn merges(a: &dyn Archive) {
    let (b, units) = clean_body_and_units(a);
    let mut m = clean_meeting(&b, &units);
    a.save_meeting(&mut m).unwrap();
    let mut gone = clean_meeting(&b, &units);
    gone.number = 14;
    gone.resolutions.truncate(2);
    a.save_meeting(&mut gone).unwrap();
    a.trash_meeting(gone.id, instant()).unwrap();

    // «مخابرات» typed two ways: resolution 2 names both, then the one.
    let twin = unit(a, "شرکت مخابرات");
    let mut m = a.meeting(m.id).unwrap().unwrap();
    m.resolutions[3].responsible = vec![twin.id];
    m.resolutions[3].executor = Some(twin.id);
    a.save_meeting(&mut m).unwrap();
    assert_eq!(a.merge_units(twin.id, units[2].id).unwrap(), 1);
    let after = a.meeting(m.id).unwrap().unwrap();
    assert_eq!(after.resolutions[3].responsible, vec![units[2].id]);
    assert_eq!(after.resolutions[3].executor, Some(units[2].id));
    assert_eq!(a.unit(twin.id).unwrap(), None);
    assert!(a.merge_units(units[0].id, units[0].id).is_err());

    // A person on a body twice over.
    let mut p1 = PersonRecord {
        id: 0,
        person: Person::new("زهرا نوروزی", "دبیر"),
    };
    let mut p2 = PersonRecord {
        id: 0,
        person: Person::new("خانم زهرا نوروزی", "دبیر کارگروه"),
    };
    a.save_person(&mut p1).unwrap();
    a.save_person(&mut p2).unwrap();
    let mut body2 = a.body(b.id).unwrap().unwrap();
    body2.members = vec![p1.id, p2.id];
    body2.secretary = Some(p2.id);
    a.save_body(&mut body2).unwrap();
    assert_eq!(a.merge_people(p2.id, p1.id).unwrap(), 1);
    let body2 = a.body(b.id).unwrap().unwrap();
    assert_eq!((body2.members, body2.secretary), (vec![p1.id], Some(p1.id)));
    assert_eq!(a.people().unwrap(), vec![p1]);

    // A body created twice: its meetings, the trashed one too, move.
    let other = body(a, "كارگروه تحول اداري");
    let mut moved = clean_meeting(&other, &units);
    moved.number = 20;
    a.save_meeting(&mut moved).unwrap();
    a.merge_bodies(b.id, other.id).unwrap();
    assert_eq!(a.body(b.id).unwrap(), None);
    assert_eq!(a.meeting(m.id).unwrap().unwrap().body, other.id);
    assert_eq!(a.trashed_meetings().unwrap()[0].record.body, other.id);
    let mut ids = a.meeting_ids_of_body(other.id).unwrap();
    ids.sort();
    assert_eq!(ids, vec![m.id, moved.id]);
}

fn own_lease(a: &dyn Archive) {
    let (b, units) = clean_body_and_units(a);
    let mut m = clean_meeting(&b, &units);
    a.save_meeting(&mut m).unwrap();
    a.lease(m.id).unwrap();
    a.lease(m.id).unwrap();
    m.notes = "با اجاره‌ی خود ذخیره می‌شود".into();
    a.save_meeting(&mut m).unwrap();
    a.update_meeting(m.id, "follow-up", &mut |_| Ok(()))
        .unwrap();
    a.release(m.id).unwrap();
    a.release(m.id).unwrap();
    assert!(a.location().contains("db") || a.location().starts_with("postgres"));
}

fn unit(a: &dyn Archive, name: &str) -> Unit {
    let mut u = Unit::named(name);
    a.save_unit(&mut u).unwrap();
    u
}

/// The same queries give the same hits, in the same order, from a folder and
/// from the archive it was copied into: spelling normalised alike (ي/ی, ك/ک,
/// ZWNJ, digits), prefixes, several words, the limit and the refusal of a
/// query too short.
#[test]
fn search_gives_the_same_hits_on_both_backends() {
    let Some(pg) = postgres("search") else {
        return;
    };
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    dabir::demo::generate(
        &store,
        dabir::demo::DemoOptions {
            meetings: 60,
            seed: 3,
            today: date(2024, 12, 20),
        },
        || {},
    )
    .unwrap();
    let (b, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&b, &units);
    m.discussion[0]
        .text
        .push_str(" بهره‌گیری از مديران و كارشناسان در سال ۱۴۰۳");
    store.save_meeting(&mut m).unwrap();
    let archive: &dyn Archive = &*pg.archive;
    // Loaded through a backup, as `migrate-store` does.
    let backup = store.backup().unwrap();
    let direct = PgArchive::connect(&pg_url(&pg), "test").unwrap().0;
    direct.load(&backup).unwrap();
    // A meeting saved through the archive is searchable at once.
    let mut typed = archive.meeting(m.id).unwrap().unwrap();
    typed.notes = "یادداشت دبیر دربارهٔ سامانهٔ جامع".into();
    archive.save_meeting(&mut typed).unwrap();
    let mut local = store.meeting(m.id).unwrap().unwrap();
    local.notes = typed.notes.clone();
    store.save_meeting(&mut local).unwrap();

    let queries = [
        ("مدیر", 100),
        ("مديران", 100),
        ("بهره‌گیری", 100),
        ("بهره گیری", 100),
        ("EIS", 100),
        ("eis", 100),
        ("۱۴۰۳", 100),
        ("1403", 100),
        ("سامانه EIS", 100),
        ("كارگروه", 100),
        ("فناوری اطلاعات", 100),
        ("جامع", 100),
        ("مقرر", 3),
        ("گزارش", 7),
        ("ناموجودترین", 100),
        ("ب", 100),
    ];
    let mut found = 0;
    for (q, limit) in queries {
        let folder = store.search(q, limit).unwrap();
        let shared = archive.search(q, limit).unwrap();
        assert_eq!(shared, folder, "«{q}» limit {limit}");
        found += folder.map_or(0, |r| r.hits.len());
    }
    assert!(
        found > 100,
        "the queries found too little to compare: {found}"
    );
}

/// The URL of the schema an opened archive lives in.
fn pg_url(o: &Opened) -> String {
    o._keep.downcast_ref::<common::pg::Schema>().unwrap().url()
}

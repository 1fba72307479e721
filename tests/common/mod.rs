//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod ooxml;
pub mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use dabir::model::{
    AgendaItem, Attendee, Body, BodyKind, DiscussionEntry, FollowUp, Meeting, Person, Presence,
    Status, Unit,
};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn instant() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(1_730_790_000_123).unwrap()
}

/// The real binary, with no user config and a given database.
pub fn dabir(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dabir"));
    c.env_remove("DABIR_DB")
        .env("XDG_CONFIG_HOME", db.with_extension("config"))
        .arg("--db")
        .arg(db);
    c
}

pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("dabir runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    (dir, db)
}

/// A body and units in the shape of a clean minutes document, built by hand.
pub fn clean_body_and_units(store: &dyn dabir::store::Archive) -> (Body, Vec<Unit>) {
    let mut body = Body {
        id: 0,
        name: "کارگروه تحول اداری و توسعه مدیریت فرمانداری".into(),
        kind: BodyKind::WorkingGroup,
        members: vec![],
        chair: None,
        secretary: None,
        place: "سالن شهید رجایی فرمانداری".into(),
    };
    store.save_body(&mut body).unwrap();
    let mut units = Vec::new();
    for name in [
        "اداره برنامه‌ریزی و بودجه",
        "مدیریت فناوری اطلاعات",
        "شرکت مخابرات شهرستان",
        "معاونت فرمانداری",
        "اداره امور مالیاتی",
    ] {
        let mut u = Unit {
            id: 0,
            ..Unit::named(name)
        };
        store.save_unit(&mut u).unwrap();
        units.push(u);
    }
    (body, units)
}

/// The meeting of clean.txt, built by hand (the importer is its own issue).
pub fn clean_meeting(body: &Body, units: &[Unit]) -> Meeting {
    let mut m = Meeting::new(0, body.id, 12, date(2024, 11, 5), instant());
    m.start = NaiveTime::from_hms_opt(9, 0, 0);
    m.end = NaiveTime::from_hms_opt(11, 30, 0);
    m.place = body.place.clone();
    m.chair = Some(Person::new("جناب آقای مهدی کاظمی", "فرماندار"));
    m.secretary = Some(Person::new(
        "خانم زهرا نوروزی",
        "رئیس اداره برنامه‌ریزی و بودجه",
    ));
    for (name, post, presence) in [
        ("جناب آقای مهدی کاظمی", "فرماندار", Presence::Present),
        ("جناب آقای رضا صالحی", "معاون فرماندار", Presence::Present),
        (
            "خانم زهرا نوروزی",
            "رئیس اداره برنامه‌ریزی و بودجه",
            Presence::Present,
        ),
        (
            "جناب آقای علی محمدی",
            "مدیر فناوری اطلاعات",
            Presence::Present,
        ),
        (
            "خانم مریم رحیمی",
            "نماینده اداره امور مالیاتی",
            Presence::Present,
        ),
        (
            "جناب آقای حسن یوسفی",
            "رئیس اداره ثبت اسناد",
            Presence::Absent,
        ),
    ] {
        m.attendees.push(Attendee {
            person: Person::new(name, post),
            presence,
        });
    }
    for t in [
        "گزارش پیگیری مصوبات جلسه قبل",
        "بررسی پیشرفت استقرار سامانه EIS نسخه 2.1 در بخشداری‌ها",
        "تدوین برنامه کاهش ۴۰ درصدی مراجعات حضوری",
    ] {
        m.agenda.push(AgendaItem { text: t.into() });
    }
    m.discussion.push(DiscussionEntry {
        speaker: "جناب آقای محمدی، مدیر فناوری اطلاعات".into(),
        agenda_item: Some(2),
        text: "اعلام کرد که سامانه EIS در ۳ بخشداری از ۵ بخشداری مستقر شده است.".into(),
        typed_at: instant(),
    });
    let rs: [(&str, &[usize], NaiveDate); 4] = [
        (
            "فرمانداری نسبت به تهیه فهرست خدمات قابل واگذاری به بخشداری‌ها اقدام نماید.",
            &[0],
            date(2024, 12, 20),
        ),
        (
            "استقرار سامانه EIS در دو بخشداری باقی‌مانده با همکاری شرکت مخابرات تکمیل گردد.",
            &[1, 2],
            date(2024, 12, 5),
        ),
        (
            "برنامه کاهش ۴۰ درصدی مراجعات حضوری تا پایان سال تدوین و برای تصویب به کارگروه ارائه شود.",
            &[3],
            date(2025, 3, 10),
        ),
        (
            "اداره امور مالیاتی امکان ارائه الکترونیکی فرم شماره ۱۴-الف را بررسی و نتیجه را گزارش کند.",
            &[4],
            date(2024, 11, 19),
        ),
    ];
    for (text, resp, deadline) in rs {
        let r = m.add_resolution(text).unwrap();
        r.responsible = resp.iter().map(|&i| units[i].id).collect();
        r.approved_deadline = Some(deadline);
    }
    m.resolutions[3].add_follow_up(FollowUp {
        date: date(2024, 11, 20),
        note: "گزارش بررسی دریافت شد".into(),
        status: Some(Status::Done),
        deadline: None,
        requested_by: String::new(),
    });
    m
}

/// One file of a zip (DOCX, XLSX) as text.
pub fn unzip(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = z.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

/// The database opened with sled itself, once the store dropped before lets go
/// of sled's file lock (a moment after).
pub fn raw_sled(path: &Path) -> sled::Db {
    (0..50)
        .find_map(|_| {
            sled::open(path)
                .inspect_err(|_| std::thread::sleep(std::time::Duration::from_millis(100)))
                .ok()
        })
        .expect("sled's lock released")
}

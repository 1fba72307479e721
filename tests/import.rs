//! Import of the domain examples, a round trip through our own DOCX, and the
//! nothing-is-lost property.

mod common;

use chrono::NaiveDate;
use dabir::calendar::{JalaliDate, WorkWeek};
use dabir::import::{Draft, parse_minutes};
use dabir::model::Presence;

fn j(y: i32, m: u32, d: u32) -> NaiveDate {
    JalaliDate::new(y, m, d).unwrap().to_gregorian()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../shared/domain/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect(name)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn parse(text: &str) -> (Draft, dabir::import::Report) {
    parse_minutes(text, today(), &WorkWeek::default())
}

#[test]
fn clean_txt() {
    let (d, r) = parse(&example("clean.txt"));
    assert_eq!(d.title, "کارگروه تحول اداری و توسعه مدیریت فرمانداری");
    assert_eq!(d.number, Some(12));
    assert_eq!(d.date, Some(j(1403, 8, 15)));
    assert_eq!(d.start, chrono::NaiveTime::from_hms_opt(9, 0, 0));
    assert_eq!(d.end, chrono::NaiveTime::from_hms_opt(11, 30, 0));
    assert_eq!(d.place, "سالن شهید رجایی فرمانداری");
    assert_eq!(d.chair.as_ref().unwrap().name, "جناب آقای مهدی کاظمی");
    assert_eq!(d.chair.as_ref().unwrap().post, "فرماندار");
    assert_eq!(
        d.secretary.as_ref().unwrap().post,
        "رئیس اداره برنامه‌ریزی و بودجه"
    );
    let present = d
        .attendees
        .iter()
        .filter(|a| a.1 == Presence::Present)
        .count();
    let absent = d
        .attendees
        .iter()
        .filter(|a| a.1 == Presence::Absent)
        .count();
    assert_eq!((present, absent), (5, 1));
    assert_eq!(d.attendees[5].0.name, "جناب آقای حسن یوسفی");
    assert_eq!(d.agenda.len(), 3);
    assert_eq!(
        d.agenda[1],
        "بررسی پیشرفت استقرار سامانه EIS نسخه 2.1 در بخشداری‌ها"
    );
    assert_eq!(d.discussion.len(), 4);
    assert_eq!(d.discussion[2].0, "جناب آقای محمدی، مدیر فناوری اطلاعات");
    assert!(d.discussion[2].1.starts_with("اعلام کرد"));
    assert_eq!(d.resolutions.len(), 4);
    let res = &d.resolutions;
    assert_eq!(res[0].responsible, vec!["اداره برنامه‌ریزی و بودجه"]);
    assert_eq!(res[0].deadline, Some(j(1403, 9, 30)));
    assert_eq!(
        res[1].responsible,
        vec!["مدیریت فناوری اطلاعات", "شرکت مخابرات شهرستان"]
    );
    assert_eq!(res[1].deadline, Some(j(1403, 9, 15)));
    assert_eq!(res[2].responsible, vec!["معاونت فرمانداری"]);
    assert_eq!(
        res[2].deadline,
        Some(j(1403, 12, 20)),
        "the labelled deadline, not «پایان سال» in the text"
    );
    assert_eq!(
        res[3].deadline,
        Some(j(1403, 8, 29)),
        "two weeks after the meeting"
    );
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
    assert!(d.notes.is_empty());
}

#[test]
fn messy_txt() {
    let (d, r) = parse(&example("messy.txt"));
    assert_eq!(
        d.title, "برگزاري جلسه شوراي اداري بخشداري مركزي",
        "stored as written"
    );
    assert_eq!(
        dabir::import::body_name(&d.title),
        "شوراي اداري بخشداري مركزي"
    );
    assert_eq!(
        d.date,
        Some(j(1402, 11, 3)),
        "«3 بهمن ماه», the year from the document's other dates"
    );
    assert_eq!(d.agenda.len(), 3);
    assert_eq!(d.agenda[2], "گزارش دهياري ها از پروژه هاي عمراني نيمه تمام");
    assert_eq!(d.discussion.len(), 3);
    assert_eq!(d.discussion[0].0, "بخشدار محترم جناب آقاي کريمي");
    assert_eq!(d.discussion[2].0, "دهيار روستاي کلاته");
    assert_eq!(d.resolutions.len(), 3);
    let dl: Vec<_> = d.resolutions.iter().map(|r| r.deadline).collect();
    assert_eq!(
        dl,
        vec![
            Some(j(1402, 11, 15)),
            Some(j(1402, 11, 20)),
            Some(j(1402, 11, 10))
        ]
    );
    assert_eq!(d.resolutions[0].responsible, vec!["اداره راهداري"]);
    assert!(
        d.resolutions[0]
            .text
            .contains("(مسئول: اداره راهداري - مهلت: 15/11/1402)"),
        "text kept whole"
    );
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
}

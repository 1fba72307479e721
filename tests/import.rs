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
        "{}/tests/data/minutes/{name}",
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
    assert_eq!(d.title, "ستاد تسهیل و رفع موانع تولید شهرستان");
    assert_eq!(d.number, Some(9));
    assert_eq!(d.date, Some(j(1403, 7, 22)));
    assert_eq!(d.start, chrono::NaiveTime::from_hms_opt(10, 0, 0));
    assert_eq!(d.end, chrono::NaiveTime::from_hms_opt(12, 15, 0));
    assert_eq!(d.place, "سالن جلسات فرمانداری");
    assert_eq!(d.chair.as_ref().unwrap().name, "جناب آقای حمید رضایی");
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
    assert_eq!(d.attendees[5].0.name, "جناب آقای سعید مرادی");
    assert_eq!(d.agenda.len(), 3);
    assert_eq!(
        d.agenda[1],
        "بررسی ثبت ۱۲ واحد تولیدی شهرک صنعتی در سامانه بهین‌یاب نسخه 3.2"
    );
    assert_eq!(d.discussion.len(), 4);
    assert_eq!(d.discussion[2].0, "جناب آقای عباسی، رئیس اداره صنعت و معدن");
    assert!(d.discussion[2].1.starts_with("اعلام کرد"));
    assert_eq!(d.resolutions.len(), 4);
    let res = &d.resolutions;
    assert_eq!(res[0].responsible, vec!["اداره صنعت و معدن"]);
    assert_eq!(res[0].deadline, Some(j(1403, 8, 30)));
    assert_eq!(
        res[1].responsible,
        vec!["اداره صنعت و معدن", "شعبه بانک ملی شهرستان"]
    );
    assert_eq!(res[1].deadline, Some(j(1403, 8, 20)));
    assert_eq!(res[2].responsible, vec!["معاونت فرمانداری"]);
    assert_eq!(
        res[2].deadline,
        Some(j(1403, 12, 15)),
        "the labelled deadline, not «پایان سال» in the text"
    );
    assert_eq!(
        res[3].deadline,
        Some(j(1403, 8, 6)),
        "two weeks after the meeting"
    );
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
    assert!(d.notes.is_empty());
}

#[test]
fn messy_txt() {
    let (d, r) = parse(&example("messy.txt"));
    assert_eq!(
        d.title, "برگزاري جلسه ستاد مديريت بحران بخشداري مركزي",
        "stored as written"
    );
    assert_eq!(
        dabir::import::body_name(&d.title),
        "ستاد مديريت بحران بخشداري مركزي"
    );
    assert_eq!(
        d.date,
        Some(j(1402, 10, 12)),
        "«12 دي ماه», the year from the document's other dates"
    );
    assert_eq!(d.agenda.len(), 3);
    assert_eq!(d.agenda[2], "گزارش دهياري ها از پروژه هاي عمراني نيمه تمام");
    assert_eq!(d.discussion.len(), 3);
    assert_eq!(d.discussion[0].0, "بخشدار محترم جناب آقاي کريمي");
    assert_eq!(d.discussion[2].0, "دهيار روستاي باغستان");
    assert_eq!(d.resolutions.len(), 3);
    let dl: Vec<_> = d.resolutions.iter().map(|r| r.deadline).collect();
    assert_eq!(
        dl,
        vec![
            Some(j(1402, 10, 20)),
            Some(j(1402, 10, 25)),
            Some(j(1402, 10, 15))
        ]
    );
    assert_eq!(d.resolutions[0].responsible, vec!["اداره راهداري"]);
    assert!(
        d.resolutions[0]
            .text
            .contains("(مسئول: اداره راهداري - مهلت: 20/10/1402)"),
        "text kept whole"
    );
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
}

/// A DOCX written by our own exporter comes back as the same meeting.
#[test]
fn our_own_docx_round_trips() {
    use dabir::store::Store;
    let (_dir, path) = common::temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = common::clean_body_and_units(&store);
    let mut m = common::clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    let doc = dabir::export::doc::MinutesDoc::load(&store, m.id).unwrap();
    let bytes = dabir::export::export_meeting(
        &doc,
        dabir::export::Format::Docx,
        "B Nazanin",
        &Default::default(),
    )
    .unwrap();
    let blocks = dabir::import::docx::read_docx(&bytes).unwrap();
    let (d, r) = parse(&dabir::import::docx_lines(&blocks));
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
    assert_eq!(dabir::import::body_name(&d.title), body.name);
    assert_eq!(d.number, Some(m.number));
    assert_eq!(d.date, Some(m.date));
    assert_eq!((d.start, d.end), (m.start, m.end));
    assert_eq!(d.place, m.place);
    assert_eq!(
        d.chair.as_ref().unwrap().name,
        m.chair.as_ref().unwrap().name
    );
    assert_eq!(
        d.secretary.as_ref().unwrap().post,
        m.secretary.as_ref().unwrap().post
    );
    let people = |d: &Draft, p| {
        d.attendees
            .iter()
            .filter(|a| a.1 == p)
            .map(|a| a.0.name.clone())
            .collect::<Vec<_>>()
    };
    let want = |p| {
        m.attendees
            .iter()
            .filter(|a| a.presence == p)
            .map(|a| a.person.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(people(&d, Presence::Present), want(Presence::Present));
    assert_eq!(people(&d, Presence::Absent), want(Presence::Absent));
    assert_eq!(
        d.agenda,
        m.agenda.iter().map(|a| a.text.clone()).collect::<Vec<_>>()
    );
    let speakers: Vec<_> = d.discussion.iter().map(|x| x.0.clone()).collect();
    assert_eq!(
        speakers,
        m.discussion
            .iter()
            .map(|x| x.speaker.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(d.resolutions.len(), m.resolutions.len());
    let names = store.unit_names().unwrap();
    for (got, want) in d.resolutions.iter().zip(&m.resolutions) {
        assert_eq!(got.text, want.text);
        assert_eq!(
            got.deadline, want.approved_deadline,
            "resolution {}",
            want.number
        );
        let want_units: Vec<String> = want.responsible.iter().map(|u| names[u].clone()).collect();
        assert_eq!(got.responsible, want_units, "resolution {}", want.number);
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn lines() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "مصوبات:",
            "حاضرین",
            "دستور جلسه :",
            "خلاصه مذاکرات",
            "۱- بند اول",
            "2) دوم",
            "٣. سوم",
            "- جناب آقای الف، مدیر",
            "مسئول پیگیری: اداره الف      مهلت اجرا: ۱۴۰۳/۰۹/۳۰",
            "جناب آقای ب: گفت که",
            "بدون دونقطه",
            "تاریخ: ۱۴۰۳/۰۸/۱۵",
            "شماره جلسه: ۱۲",
            "(مسئول: اداره ج - مهلت: 15/11/1402)",
            "   ",
            "",
            "EIS 2.1",
            "مکان: سالن",
            ":",
            "۱-",
            "تا پایان سال",
            "امضاء حاضرین",
            "مدعوین: خانم د؛ آقای ه",
            "غایبین:",
            "حداکثر تا تاریخ 10/11/02",
        ]);
        proptest::collection::vec(
            prop_oneof![piece.prop_map(str::to_owned), "\\PC{0,30}"],
            0..25,
        )
        .prop_map(|v| v.join("\n"))
    }

    /// Every text field and the notes of a draft, joined.
    fn everything(d: &Draft) -> String {
        let mut s = vec![d.title.clone(), d.place.clone(), d.notes.clone()];
        for p in [&d.chair, &d.secretary].into_iter().flatten() {
            s.push(format!("{}، {}", p.name, p.post));
        }
        s.extend(
            d.attendees
                .iter()
                .map(|a| format!("{}، {}", a.0.name, a.0.post)),
        );
        s.extend(d.agenda.iter().cloned());
        s.extend(d.discussion.iter().map(|x| format!("{}: {}", x.0, x.1)));
        s.extend(d.resolutions.iter().map(|r| r.text.clone()));
        s.join("\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Every non-blank line is structure (listed in the report) or its words
        /// are in the result.
        #[test]
        fn every_line_lands_somewhere(text in lines()) {
            let (d, r) = parse(&text);
            let all = everything(&d);
            for (i, line) in text.lines().enumerate() {
                let t = line.trim();
                if t.is_empty() || r.structure.iter().any(|(n, _)| *n == i + 1) {
                    continue;
                }
                // A list marker («۱-», «2)», «- ») is structure of the line itself;
                // its words stay.
                let digits = t.find(|c: char| !c.is_numeric()).unwrap_or(t.len());
                let t = if digits > 0 && t[digits..].trim_start().starts_with(['-', '.', ')']) {
                    t[digits..].trim_start()[1..].trim_start()
                } else {
                    t
                };
                // A speaker's colon and a person's comma are where the parser splits.
                let words: Vec<&str> = t
                    .split(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '،' | ',' | '؛' | ';'))
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .collect();
                for w in words {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    prop_assert!(all.contains(w), "line {} «{}»: «{}» lost", i + 1, t, w);
                }
            }
        }
    }
}

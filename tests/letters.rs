//! Letters: ابلاغ, follow-up letters that cite the earlier ones, invitations,
//! status reports; their numbers, the register, and the Word and HTML files.

mod common;

use common::ooxml::check_order;
use common::*;
use dabir::export::doc::PersonLine;
use dabir::export::letter::{
    self, Block, Draft, Invitation, LetterDoc, Settings, Signatory, Texts,
};
use dabir::export::official::{Logo, Official};
use dabir::model::{LetterKind, Numbering, Person, PersonRecord};
use dabir::store::Store;

/// A 3×2 PNG header (all a logo needs to be placed).
fn tiny_png() -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    b.extend_from_slice(&3u32.to_be_bytes());
    b.extend_from_slice(&2u32.to_be_bytes());
    b.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    b
}

fn settings() -> Settings {
    Settings {
        official: Official {
            lines: vec!["وزارت کشور".into(), "فرمانداری شهرستان نمونه".into()],
            logo: Some(Logo::from_bytes(tiny_png()).unwrap()),
        },
        numbering: Numbering {
            pattern: "{year}/د/{seq}".into(),
        },
        signatory: Signatory::Secretary,
        follow_up_office: "دفتر پیگیری مصوبات".into(),
        texts: Texts::default(),
        font: "B Nazanin".into(),
        user: "زهرا نوروزی".into(),
    }
}

/// clean.txt's meeting (id returned) with an addressee for the first unit and
/// the body's chair, secretary and members in the directory.
fn fixture() -> (tempfile::TempDir, Store, u64) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (mut body, mut units) = clean_body_and_units(&store);
    units[0].addressee = "جناب آقای مهندس احمدی".into();
    units[0].title = "مدیرکل محترم برنامه‌ریزی و بودجه".into();
    store.save_unit(&mut units[0]).unwrap();
    let mut ids = Vec::new();
    for (name, post) in [
        ("جناب آقای مهدی کاظمی", "فرماندار"),
        ("خانم زهرا نوروزی", "رئیس اداره برنامه‌ریزی و بودجه"),
        ("جناب آقای رضا صالحی", "معاون فرماندار"),
    ] {
        let mut p = PersonRecord {
            id: 0,
            person: Person::new(name, post),
        };
        store.save_person(&mut p).unwrap();
        ids.push(p.id);
    }
    body.chair = Some(ids[0]);
    body.secretary = Some(ids[1]);
    body.members = ids.clone();
    store.save_body(&mut body).unwrap();
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    (dir, store, m.id)
}

fn issue(store: &Store, drafts: &mut [Draft]) {
    letter::issue(store, drafts, &settings().numbering, true, &|i, _| {
        format!("letter-{i}.docx")
    })
    .unwrap();
}

fn all(_: &dabir::export::doc::ResolutionLine) -> bool {
    true
}

fn any_unit(_: &str) -> bool {
    true
}

#[test]
fn notify_writes_one_letter_per_unit_with_its_resolutions() {
    let (_d, store, id) = fixture();
    let drafts = letter::notify(&store, id, &settings(), date(2024, 11, 10)).unwrap();
    // Units of resolutions 1–4: 0; 1 and 2; 3; 4 (a done one is notified too).
    assert_eq!(drafts.len(), 5);
    let first = &drafts[0].doc;
    assert_eq!(
        first.to,
        ["جناب آقای مهندس احمدی", "مدیرکل محترم برنامه‌ریزی و بودجه"],
        "the addressee and title from the directory"
    );
    assert_eq!(
        drafts[1].doc.to,
        ["ریاست محترم مدیریت فناوری اطلاعات"],
        "a unit without an addressee"
    );
    insta::assert_snapshot!("notify_letter", first.text());
    let Block::Table { rows, .. } = &drafts[2].doc.blocks[1] else {
        panic!("the table of resolutions");
    };
    assert_eq!(rows.len(), 2, "the header and resolution 2");
    assert_eq!(rows[1][0], "۲");
    assert!(
        first
            .copies
            .iter()
            .any(|c| c.starts_with("جناب آقای مهدی کاظمی، فرماندار")),
        "a copy to the chair: {:?}",
        first.copies
    );
    assert!(
        first
            .copies
            .iter()
            .any(|c| c.starts_with("دفتر پیگیری مصوبات"))
    );
    assert_eq!(
        first.signature.as_ref().map(|p| p.name.as_str()),
        Some("خانم زهرا نوروزی"),
        "signed by the secretary (config)"
    );
    assert_eq!(drafts[0].record.kind, LetterKind::Notify);
    assert_eq!(drafts[0].record.meeting, Some(id));
    assert_eq!(drafts[0].record.resolutions.len(), 1);
}

#[test]
fn numbers_follow_the_pattern_and_restart_each_year() {
    let (_d, store, id) = fixture();
    let mut a = letter::notify(&store, id, &settings(), date(2024, 11, 10)).unwrap();
    issue(&store, &mut a);
    let numbers: Vec<&str> = a.iter().map(|d| d.doc.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["۱۴۰۳/د/۱", "۱۴۰۳/د/۲", "۱۴۰۳/د/۳", "۱۴۰۳/د/۴", "۱۴۰۳/د/۵"]
    );
    let mut b = letter::notify(&store, id, &settings(), date(2025, 3, 1)).unwrap();
    issue(&store, &mut b);
    assert_eq!(
        b[0].doc.number, "۱۴۰۳/د/۶",
        "the sequence goes on in the year"
    );
    let mut c = letter::notify(&store, id, &settings(), date(2025, 3, 25)).unwrap();
    issue(&store, &mut c);
    assert_eq!(
        c[0].doc.number, "۱۴۰۴/د/۱",
        "and restarts with the new year"
    );

    // A number left blank for the registry, typed later.
    let mut d = letter::notify(&store, id, &settings(), date(2025, 4, 1)).unwrap();
    letter::issue(&store, &mut d, &settings().numbering, false, &|_, _| {
        "x.docx".into()
    })
    .unwrap();
    assert_eq!(d[0].record.number, "");
    assert!(d[0].doc.text().contains("شماره: …"));
    let set = letter::set_number(&store, d[0].record.id, " ۸۸۲۱/۱۲ ").unwrap();
    assert_eq!(set.number, "۸۸۲۱/۱۲");
    let register = store.letters().unwrap();
    assert_eq!(register.len(), 20);
    assert_eq!(register.last().unwrap().file, "x.docx");
    assert_eq!(register[0].by, "زهرا نوروزی");
}

#[test]
fn a_second_follow_up_letter_cites_the_first_and_is_firmer() {
    let (_d, store, _) = fixture();
    let s = settings();
    let today = date(2025, 1, 1);
    let mut first = letter::follow_up(&store, &all, &any_unit, &s, today, today).unwrap();
    // Open: resolutions 1 (unit 0), 2 (units 1, 2), 3 (unit 3).
    assert_eq!(first.len(), 4);
    // Overdue first: resolution 2 (due 1403/09/15) before resolution 1.
    assert_eq!(first[0].doc.to, ["ریاست محترم مدیریت فناوری اطلاعات"]);
    let mine = |ds: &[Draft]| {
        ds.iter()
            .position(|d| d.doc.to[0].contains("احمدی"))
            .unwrap()
    };
    let text = first[mine(&first)].doc.text();
    assert!(!text.contains("پیرو"), "nothing to cite yet: {text}");
    assert!(text.contains(&Texts::default().reminder1), "{text}");
    assert!(
        text.contains("| ۱۲ روز |"),
        "days late of resolution 1: {text}"
    );
    issue(&store, &mut first);
    let cited = first[mine(&first)].record.clone();

    let later = date(2025, 1, 15);
    let mut second = letter::follow_up(&store, &all, &any_unit, &s, later, later).unwrap();
    let d = &second[mine(&second)];
    let Block::Para(opening) = &d.doc.blocks[0] else {
        panic!("the opening paragraph");
    };
    assert!(
        opening.starts_with(&format!(
            "پیرو نامه شماره {} مورخ ۱۴۰۳/۱۰/۱۲، با وجود پیگیری قبلی",
            cited.number
        )),
        "{opening}"
    );
    assert_eq!(d.record.follows, Some(cited.id));
    assert_eq!(d.record.reminder, 2);
    assert_eq!(d.doc.subject, "پیگیری مجدد اجرای مصوبات");
    assert!(
        d.doc.copies.iter().any(|c| c.contains("مهدی کاظمی")),
        "the chair is told from the second letter on"
    );
    issue(&store, &mut second);
    let third = letter::follow_up(&store, &all, &any_unit, &s, later, later).unwrap();
    assert!(third[0].doc.text().contains("به ریاست کارگروه تحول اداری"));
    assert!(third.iter().all(|d| d.record.reminder == 3));

    // A unit filter: letters only to the units asked for.
    let only = letter::follow_up(
        &store,
        &all,
        &|n: &str| n.contains("مخابرات"),
        &s,
        later,
        later,
    )
    .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].doc.to, ["ریاست محترم شرکت مخابرات شهرستان"]);
}

#[test]
fn the_first_follow_up_cites_the_notification() {
    let (_d, store, id) = fixture();
    let s = settings();
    let mut n = letter::notify(&store, id, &s, date(2024, 11, 10)).unwrap();
    issue(&store, &mut n);
    let today = date(2025, 1, 1);
    let f = letter::follow_up(&store, &all, &any_unit, &s, today, today).unwrap();
    assert!(
        f[0].doc
            .text()
            .contains("پیرو نامه شماره ۱۴۰۳/د/۲ مورخ ۱۴۰۳/۰۸/۲۰، بدین‌وسیله یادآوری"),
        "{}",
        f[0].doc.text()
    );
    assert_eq!(f[0].record.reminder, 1, "an ابلاغ is no reminder");
}

fn docs(drafts: &[Draft]) -> Vec<LetterDoc> {
    drafts.iter().map(|d| d.doc.clone()).collect()
}

#[test]
fn docx_letters_never_split_a_row_and_keep_the_signature_together() {
    let (_d, store, id) = fixture();
    let s = settings();
    let mut drafts = letter::notify(&store, id, &s, date(2024, 11, 10)).unwrap();
    issue(&store, &mut drafts);
    let bytes = letter::letters_docx(&docs(&drafts), &s).unwrap();
    let xml = unzip(&bytes, "word/document.xml");
    assert!(check_order(&xml) > 50);
    let rows = xml.matches("<w:tr>").count();
    assert_eq!(
        xml.matches("<w:tr><w:trPr><w:cantSplit/>").count(),
        rows,
        "no row split across pages"
    );
    // One section per letter, each numbering its pages from 1.
    assert_eq!(xml.matches("<w:type w:val=\"nextPage\"/>").count(), 4);
    assert_eq!(xml.matches("<w:pgNumType w:start=\"1\"/>").count(), 5);
    assert!(unzip(&bytes, "word/footer1.xml").contains(" SECTIONPAGES "));
    // The signature: a row of its own, every paragraph kept with the next, and
    // the closing paragraph kept with it.
    let sign = xml.find(">خانم زهرا نوروزی</w:t>").unwrap();
    let row = &xml[xml[..sign].rfind("<w:tr>").unwrap()..sign];
    assert!(row.contains("<w:trHeight w:val=\"1360\""));
    assert!(
        row.matches("<w:p><w:pPr><w:keepNext/>").count() >= 2,
        "{row}"
    );
    let closing = xml.find("خواهشمند است دستور فرمایید").unwrap();
    let p = &xml[xml[..closing].rfind("<w:p>").unwrap()..closing];
    assert!(p.starts_with("<w:p><w:pPr><w:keepNext/>"));
    // The official header, with the logo and the number.
    for needle in [
        "بسمه تعالی",
        "وزارت کشور",
        "۱۴۰۳/د/۱",
        "پیوست: ",
        "r:embed=\"rIdLogo\"",
    ] {
        assert!(xml.contains(needle), "{needle}");
    }
    assert!(unzip(&bytes, "word/_rels/document.xml.rels").contains("media/logo.png"));
    assert!(unzip(&bytes, "[Content_Types].xml").contains("Extension=\"png\""));

    // One letter alone counts the document's pages.
    let one = letter::letters_docx(&docs(&drafts[..1]), &s).unwrap();
    assert!(unzip(&one, "word/footer1.xml").contains(" NUMPAGES "));
}

#[test]
fn html_letters_break_pages_and_carry_the_header() {
    let (_d, store, id) = fixture();
    let s = settings();
    let drafts = letter::notify(&store, id, &s, date(2024, 11, 10)).unwrap();
    let html = letter::letters_html(&docs(&drafts), &s);
    assert_eq!(html.matches("<section class=\"letter\">").count(), 5);
    assert!(html.contains(".letter + .letter { break-before: page;"));
    assert!(html.contains("<img src=\"data:image/png;base64,"));
    assert!(html.contains("<td class=\"basmala\">بسمه تعالی</td>"));
    assert!(
        html.contains("<b>شماره:</b> ................"),
        "a blank number"
    );
    assert!(html.contains("counter(pages, persian)"));
}

#[test]
fn the_invitation_lists_members_agenda_and_open_resolutions() {
    let (_d, store, id) = fixture();
    let m = store.meeting(id).unwrap().unwrap();
    let inv = Invitation {
        date: date(2024, 12, 10),
        time: chrono::NaiveTime::from_hms_opt(9, 30, 0),
        place: String::new(),
        agenda: vec!["بررسی بودجه سال ۱۴۰۴".into()],
    };
    let d = letter::invitation(
        &store,
        m.body,
        &inv,
        &settings(),
        date(2024, 12, 1),
        date(2024, 12, 1),
    )
    .unwrap();
    let text = d.doc.text();
    assert!(text.contains("جلسه شماره ۱۳ کارگروه تحول اداری"), "{text}");
    assert!(
        text.contains("ساعت ۰۹:۳۰ در محل سالن شهید رجایی فرمانداری"),
        "{text}"
    );
    assert!(text.contains("۱- بررسی بودجه سال ۱۴۰۴"));
    assert!(
        text.contains("۲- گزارش پیگیری مصوبات جلسات قبل (۳ مصوبه باز)"),
        "{text}"
    );
    assert_eq!(d.doc.recipients.len(), 3);
    assert!(d.doc.recipients[2].starts_with("جناب آقای رضا صالحی"));
    assert_eq!(
        d.doc.to,
        ["اعضای محترم کارگروه تحول اداری و توسعه مدیریت فرمانداری"]
    );
    insta::assert_snapshot!("invitation_letter", text);
}

#[test]
fn the_status_report_counts_per_unit_in_docx_and_xlsx() {
    let (_d, store, id) = fixture();
    let m = store.meeting(id).unwrap().unwrap();
    let d = letter::report(
        &store,
        m.body,
        (date(2024, 10, 1), date(2024, 12, 31)),
        &settings(),
        date(2025, 1, 1),
        date(2025, 1, 1),
    )
    .unwrap();
    let Block::Table { rows, .. } = &d.doc.blocks[1] else {
        panic!("the summary");
    };
    let total = rows.last().unwrap();
    // 4 resolutions (one has two units: 5 unit rows), 1 done: the rate over
    // unit rows is 1 of 5.
    assert_eq!(total[0], "جمع");
    assert_eq!(&total[1..], ["۵", "۱", "۱", "۳", "۰", "۲۰٪"]);
    let tax = rows.iter().find(|r| r[0] == "اداره امور مالیاتی").unwrap();
    assert_eq!(tax[6], "۱۰۰٪");
    insta::assert_snapshot!("status_report", d.doc.text());

    let xlsx = letter::report_xlsx(&d.doc).unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    assert_eq!(wb.sheet_names(), ["خلاصه", "مصوبات"]);
    let list = wb.worksheet_range("مصوبات").unwrap();
    assert_eq!(
        list.height(),
        6,
        "a header and a row per unit of each resolution"
    );
    let docx = letter::letters_docx(&[d.doc], &settings()).unwrap();
    assert!(check_order(&unzip(&docx, "word/document.xml")) > 20);

    let none = letter::report(
        &store,
        m.body,
        (date(2023, 1, 1), date(2023, 2, 1)),
        &settings(),
        date(2025, 1, 1),
        date(2025, 1, 1),
    );
    assert!(none.unwrap_err().to_string().contains("مصوبه‌ای ندارد"));
}

#[test]
fn the_register_is_in_backups_and_by_resolution() {
    let (_d, store, id) = fixture();
    let mut drafts = letter::notify(&store, id, &settings(), date(2024, 11, 10)).unwrap();
    issue(&store, &mut drafts);
    let backup = store.backup().unwrap();
    assert_eq!(backup.letters.len(), 5);
    let (_d2, path2) = temp_db();
    let other = Store::open(&path2).unwrap();
    let restored = other.restore(&backup).unwrap();
    assert_eq!(restored.letters, 5);
    assert_eq!(other.backup().unwrap(), backup, "backup → restore → backup");

    let register = store.letters().unwrap();
    let by = letter::letters_by_resolution(&register);
    let key = dabir::model::ResolutionKey {
        meeting: id,
        key: store.meeting(id).unwrap().unwrap().resolutions[1].key,
    };
    assert_eq!(by[&key].len(), 2, "resolution 2 went to two units");
    assert_eq!(by[&key][0].reference(), "نامه ۱۴۰۳/د/۲ مورخ ۱۴۰۳/۰۸/۲۰");
}

#[test]
fn signatory_from_config() {
    assert_eq!(Signatory::parse("chair"), Signatory::Chair);
    assert_eq!(
        Signatory::parse("زهرا نوروزی، دبیر کارگروه"),
        Signatory::Named(PersonLine {
            name: "زهرا نوروزی".into(),
            post: "دبیر کارگروه".into()
        })
    );
}

//! Exports of clean.txt's meeting in every format, and of a hostile meeting.

mod common;

use common::ooxml::check_order;
use common::*;
use dabir::export::doc::MinutesDoc;
use dabir::export::{Format, docx, export_meeting};
use dabir::model::{Meeting, Unit};
use dabir::store::Store;

fn clean_doc() -> (tempfile::TempDir, Store, MinutesDoc) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    let doc = MinutesDoc::load(&store, m.id).unwrap();
    (dir, store, doc)
}

fn export(doc: &MinutesDoc, f: Format) -> Vec<u8> {
    export_meeting(doc, f, docx::DEFAULT_FONT, &Default::default()).unwrap()
}

#[test]
fn text_formats_golden() {
    let (_d, _s, doc) = clean_doc();
    for f in [
        Format::Txt,
        Format::Md,
        Format::Html,
        Format::Csv,
        Format::Ics,
    ] {
        let text = String::from_utf8(export(&doc, f)).unwrap();
        // DTSTAMP is the moment of export.
        let text: String = text
            .split("\r\n")
            .map(|l| {
                if l.starts_with("DTSTAMP:") {
                    "DTSTAMP:<now>"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\r\n");
        insta::assert_snapshot!(format!("clean_{}", f.extension()), text);
    }
}

#[test]
fn html_is_rtl_and_printable() {
    let (_d, _s, doc) = clean_doc();
    let html = String::from_utf8(export(&doc, Format::Html)).unwrap();
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"));
    assert!(html.contains("@page { size: A4;"));
    assert!(
        html.contains("<thead><tr><th>ردیف</th><th>شرح مصوبه</th><th>مسئول پیگیری</th><th>مهلت اجرا</th></tr></thead>")
            && html.contains("list-style-type: persian")
    );
    assert_eq!(
        html.matches("<td></td></tr>").count(),
        3,
        "one signature row per present member other than the chair and the secretary"
    );
    assert!(
        html.contains("<table class=\"officers\"><tr><td><b>رئیس جلسه:</b> جناب آقای مهدی کاظمی<br><small>امضاء</small></td><td><b>دبیر جلسه:</b> خانم زهرا نوروزی"),
        "the chair and the secretary sign in cells of their own"
    );
    assert!(html.contains(".sign td { height: 1.2cm; }"));
    assert!(html.contains("counter(pages, persian)"), "صفحه X از Y");
    assert!(
        !html.contains("http"),
        "self-contained apart from the doctype: {}",
        html.matches("http").count()
    );
}

#[test]
fn docx_carries_the_rtl_properties_in_schema_order() {
    let (_d, _s, doc) = clean_doc();
    let bytes = export(&doc, Format::Docx);
    let xml = unzip(&bytes, "word/document.xml");
    assert!(check_order(&xml) > 100, "property lists checked");
    check_order(&unzip(&bytes, "word/footer1.xml"));
    check_order(&unzip(&bytes, "word/styles.xml"));
    for needle in [
        "<w:bidi/>",
        "<w:rtl/>",
        "<w:bidiVisual/>",
        "w:bidi=\"fa-IR\"",
        "<w:szCs w:val=",
        "<w:bCs/>",
        "w:cs=\"B Nazanin\"",
        "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
    ] {
        assert!(xml.contains(needle), "document.xml lacks {needle}");
    }
    // The section is right to left.
    let sect = &xml[xml.find("<w:sectPr>").unwrap()..];
    assert!(sect.contains("<w:bidi/>"));
    for col in ["ردیف", "شرح مصوبه", "مسئول پیگیری", "مهلت اجرا"] {
        assert!(xml.contains(&format!(">{col}</w:t>")), "column {col}");
    }
    for r in &doc.resolutions {
        // Latin stretches are runs of their own: check the Persian start.
        let start: String = r.text.chars().take(12).collect();
        assert!(xml.contains(&start), "resolution {} missing", r.number);
    }
    assert!(
        xml.contains(">EIS</w:t>"),
        "a Latin acronym is a run of its own"
    );
    assert_eq!(
        xml.matches("<w:t xml:space=\"preserve\">امضاء</w:t>")
            .count(),
        3,
        "the members' column, and the chair's and the secretary's cells"
    );
    // Signature rows are 1.2 cm (680 twips) at least, the officers' twice that.
    assert_eq!(
        xml.matches("<w:trHeight w:val=\"680\" w:hRule=\"atLeast\"/>")
            .count(),
        3,
        "one per member other than the chair and the secretary"
    );
    assert_eq!(xml.matches("<w:trHeight w:val=\"1360\"").count(), 1);
    // The signatures are kept together and with the last resolutions: every
    // paragraph from the last two resolution rows to the last signature row
    // but one is kept with the next.
    let from = xml
        .rfind(&doc.resolutions[2].text.chars().take(12).collect::<String>())
        .unwrap();
    let tail = &xml[..from];
    let row_start = tail.rfind("<w:tr>").unwrap();
    let kept = &xml[row_start..xml.rfind("<w:tr>").unwrap()];
    for p in kept.split("<w:p>").skip(1) {
        assert!(
            p.starts_with("<w:pPr><w:keepNext/>")
                || p.starts_with("<w:pPr><w:pStyle w:val=\"Heading1\"/><w:keepNext/>"),
            "not kept: {}",
            &p[..p.len().min(700)]
        );
    }
    let styles = unzip(&bytes, "word/styles.xml");
    assert!(
        styles.contains("w:styleId=\"Heading1\"") && styles.contains("<w:outlineLvl w:val=\"1\"/>")
    );
    assert!(
        xml.contains("<w:pStyle w:val=\"Heading1\"/>"),
        "headings use the style"
    );
    let fonts = unzip(&bytes, "word/fontTable.xml");
    assert!(
        fonts.contains("<w:font w:name=\"B Nazanin\"><w:altName w:val=\"Vazirmatn\"/>")
            && fonts.contains("w:name=\"Tahoma\"")
    );
    assert!(
        unzip(&bytes, "word/settings.xml").contains("w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\""),
        "Word opens it without compatibility mode"
    );
    assert!(
        unzip(&bytes, "word/footer1.xml").contains(" NUMPAGES "),
        "صفحه X از Y"
    );
    assert!(unzip(&bytes, "word/footer1.xml").contains(" PAGE "));
    assert!(unzip(&bytes, "[Content_Types].xml").contains("wordprocessingml.document.main+xml"));
}

#[test]
fn xlsx_is_rtl_frozen_filtered_with_real_dates() {
    let (_d, _s, doc) = clean_doc();
    let bytes = export(&doc, Format::Xlsx);
    let sheet = unzip(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("rightToLeft=\"1\""), "{sheet}");
    assert!(sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""));
    assert!(sheet.contains("<autoFilter ref=\"A1:M5\""), "{sheet}");
    let strings = unzip(&bytes, "xl/sharedStrings.xml");
    for h in dabir::export::sheet::HEADERS {
        assert!(strings.contains(h), "header {h}");
    }
    for r in &doc.resolutions {
        assert!(strings.contains(&r.text), "resolution {}", r.number);
    }
    assert!(strings.contains("۱۴۰۳/۰۹/۳۰"), "Jalali deadline as text");
    // 2024-12-20 is Excel serial 45646, in a cell with a date format.
    assert!(
        sheet.contains("<v>45646</v>"),
        "the deadline as a real date"
    );
}

#[test]
fn csv_has_a_bom_crlf_and_every_resolution() {
    let (_d, _s, doc) = clean_doc();
    let csv = String::from_utf8(export(&doc, Format::Csv)).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 4 + 1, "header, four rows, final empty");
    assert!(lines[0].starts_with("کارگروه,جلسه,تاریخ جلسه,ردیف,شرح مصوبه"));
    assert!(
        lines[2].contains("\"مدیریت فناوری اطلاعات؛ شرکت مخابرات شهرستان\"")
            || lines[2].contains("مدیریت فناوری اطلاعات؛ شرکت مخابرات شهرستان")
    );
    assert!(!csv.replace("\r\n", "").contains('\n'), "no bare LF");
}

#[test]
fn ics_all_day_events_with_fixed_uids() {
    let (_d, _s, doc) = clean_doc();
    let ics = String::from_utf8(export(&doc, Format::Ics)).unwrap();
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        3,
        "resolution 4 is done"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20241220\r\nDTEND;VALUE=DATE:20241221\r\n"));
    assert!(ics.contains(&format!("UID:dabir-{}-1@dabir", doc.meeting_id)));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "unfolded line of {} octets", line.len());
    }
    // Exporting again gives the same UIDs.
    let again = String::from_utf8(export(&doc, Format::Ics)).unwrap();
    let uids = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&ics), uids(&again));
}

/// `<script>`, `]]>`, a spreadsheet formula and control characters, in the
/// place, a speaker, a resolution and a unit: every format stays safe.
#[test]
fn hostile_text_exports_safely_in_every_format() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, _) = clean_body_and_units(&store);
    let mut evil_unit = Unit {
        id: 0,
        ..Unit::named("=HYPERLINK(\"http://x\",\"y\")")
    };
    store.save_unit(&mut evil_unit).unwrap();
    let mut m = Meeting::new(0, body.id, 0, date(2024, 11, 5), instant());
    m.place = "<script>alert(1)</script> ]]> \u{1b}[31m\u{7}".into();
    m.discussion.push(dabir::model::DiscussionEntry {
        speaker: "@SUM(A1)".into(),
        agenda_item: None,
        text: "</w:t><w:b/> & ]]>".into(),
        typed_at: instant(),
    });
    let r = m.add_resolution("\u{200f}=1+2 <b>bold</b>").unwrap();
    r.responsible = vec![evil_unit.id];
    r.approved_deadline = Some(date(2024, 12, 1));
    store.save_meeting(&mut m).unwrap();
    let doc = MinutesDoc::load(&store, m.id).unwrap();

    for f in Format::ALL {
        let bytes = export(&doc, f);
        let text = match f {
            Format::Docx => unzip(&bytes, "word/document.xml"),
            Format::Xlsx => unzip(&bytes, "xl/sharedStrings.xml"),
            _ => String::from_utf8(bytes.clone()).unwrap(),
        };
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{f:?}: control characters removed"
        );
        match f {
            Format::Html => {
                assert!(
                    !text.contains("<script>") && text.contains("&lt;script&gt;"),
                    "{f:?}"
                );
                assert!(!text.contains("<b>bold"), "{f:?}");
            }
            Format::Docx => {
                // Well-formed (the walk parses all of it), markup escaped. Latin
                // letters are runs of their own, so the string is split across runs.
                check_order(&text);
                assert!(
                    text.contains("&lt;/") && text.contains("&amp; ]]&gt;"),
                    "{f:?}"
                );
                assert!(
                    text.contains("&lt;script&gt;") || text.contains("&lt;"),
                    "{f:?}"
                );
            }
            Format::Md => assert!(text.contains("\\<script\\>"), "{f:?}"),
            Format::Csv => {
                assert!(
                    text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
                    "{f:?}: {text}"
                );
                assert!(
                    text.contains("'\u{200f}=1+2"),
                    "a leading RLM does not hide a formula"
                );
            }
            Format::Xlsx => {
                assert!(text.contains("'=HYPERLINK("), "{f:?}");
                assert!(!text.contains(">=HYPERLINK("), "{f:?}");
            }
            Format::Ics => assert!(
                text.contains("=1+2 <b>bold</b>") && !text.contains("\u{1b}"),
                "{f:?}"
            ),
            Format::Txt => assert!(
                text.contains("<script>alert(1)</script>"),
                "text stays as typed in plain text"
            ),
        }
    }
}

/// The executing unit is printed beside the follow-up units in every minutes
/// format, and a resolution without a deadline shows «—».
#[test]
fn executor_beside_the_units_and_a_dash_for_no_deadline() {
    let (_d, _s, mut doc) = clean_doc();
    doc.resolutions[0].executor = Some("اداره راهداری".into());
    doc.resolutions[1].approved = None;
    for f in [Format::Docx, Format::Html, Format::Md, Format::Txt] {
        let bytes = export(&doc, f);
        let text = match f {
            Format::Docx => unzip(&bytes, "word/document.xml"),
            _ => String::from_utf8(bytes).unwrap(),
        };
        assert!(text.contains("مسئول اجرا: اداره راهداری"), "{f:?}");
        assert!(text.contains('—'), "{f:?}: no deadline is «—»");
    }
}

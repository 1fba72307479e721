//! Precision of the import on minutes in the styles real secretariats write
//! (tests/data/minutes/styles, written for this test): speakers with and
//! without a colon, titles before the name, «در ادامه آقای …», Arabic ي/ك, a
//! news page whose body and date are in a sentence, deadlines in the text. Each
//! document's expected structure is below; the import must get at least 95 % of
//! the speakers, resolutions and deadlines right.

use chrono::NaiveDate;
use dabir::calendar::WorkWeek;
use dabir::import::{ReadOptions, read_file};

struct Expected {
    file: &'static str,
    body: &'static str,
    date: &'static str,
    speakers: &'static [&'static str],
    /// The start of each resolution's text, with its deadline (ISO) if any.
    resolutions: &'static [(&'static str, Option<&'static str>)],
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "01-labels.txt",
        body: "کارگروه تحول اداری شهرستان",
        date: "2024-11-25",
        speakers: &[
            "جناب آقای کاظمی، فرماندار",
            "خانم نوروزی، رئیس اداره برنامه‌ریزی",
            "آقای محمدی",
        ],
        resolutions: &[
            ("فرمانداری نسبت به تهیه", Some("2024-12-20")),
            ("استقرار سامانه", Some("2025-01-04")),
        ],
    },
    Expected {
        file: "02-inline.txt",
        body: "ستاد مدیریت بحران شهرستان",
        date: "2024-12-22",
        speakers: &[
            "جناب آقای کاظمی سرپرست محترم معاونت هماهنگی امور عمرانی",
            "آقای رضایی مدیر راهداری",
            "خانم احمدی نماینده هلال احمر",
        ],
        resolutions: &[
            ("اداره راهداری", Some("2025-01-09")),
            ("هلال احمر", Some("2025-01-19")),
        ],
    },
    Expected {
        file: "03-title-first.txt",
        body: "شورای برنامه‌ریزی و توسعه استان",
        date: "2024-11-10",
        speakers: &[
            "استاندار محترم جناب آقای دکتر محمدی",
            "معاون محترم برنامه‌ریزی جناب آقای صالحی",
            "فرماندار محترم شهرستان جناب آقای کریمی",
        ],
        resolutions: &[
            ("سازمان مدیریت", Some("2024-12-05")),
            ("شرکت آب و فاضلاب", Some("2024-12-20")),
            ("موضوع در جلسه بعد", None),
        ],
    },
    Expected {
        file: "04-doctor-title.txt",
        body: "کارگروه سلامت و امنیت غذایی",
        date: "2024-10-03",
        speakers: &[
            "خانم دکتر رحیمی، مدیرکل بهداشت",
            "جناب آقای مهندس یوسفی، مدیر جهاد کشاورزی",
            "آقای دکتر صادقی",
        ],
        resolutions: &[
            ("شبکه بهداشت", Some("2024-11-20")),
            ("جهاد کشاورزی", Some("2024-11-20")),
        ],
    },
    Expected {
        file: "05-arabic-letters.txt",
        body: "کارگروه اشتغال و سرمایه‌گذاری",
        date: "2025-01-25",
        speakers: &[
            "جناب آقای دکتر کریمی فرماندار",
            "آقای حسینی رئیس اداره کار",
            "خانم مرادی نماینده بانک کشاورزی",
        ],
        resolutions: &[
            ("اداره کار", Some("2025-02-08")),
            ("بانک کشاورزی", Some("2025-02-28")),
        ],
    },
    Expected {
        file: "06-news.txt",
        body: "کارگروه توسعه مدیریت استانداری",
        date: "2024-12-28",
        speakers: &[
            "معاون محترم توسعه مدیریت جناب آقای امینی",
            "خانم کاظمی مدیرکل فناوری اطلاعات",
        ],
        resolutions: &[
            ("دستگاه‌های اجرایی", Some("2025-01-19")),
            ("مدیریت فناوری اطلاعات", Some("2025-03-05")),
        ],
    },
    Expected {
        file: "07-mentions.txt",
        body: "کمیته انضباطی",
        date: "2024-09-08",
        speakers: &[
            "آقای نادری دبیر کمیته",
            "خانم فرهادی نماینده امور حقوقی",
            "آقای جعفری",
        ],
        resolutions: &[("امور حقوقی", Some("2024-10-06"))],
    },
    Expected {
        file: "08-deadlines-in-text.txt",
        body: "شورای اداری شهرستان",
        date: "2024-12-15",
        speakers: &["جناب آقای کاظمی، فرماندار"],
        resolutions: &[
            ("کلیه دستگاه‌ها", Some("2025-01-04")),
            ("شهرداری تا پایان دی ماه", Some("2025-01-19")),
            ("اداره برق", None),
            ("گزارش نهایی", Some("2025-03-10")),
        ],
    },
    Expected {
        file: "09-hojjat.txt",
        body: "شورای فرهنگ عمومی شهرستان",
        date: "2024-12-30",
        speakers: &[
            "حجت‌الاسلام والمسلمین احمدی امام جمعه شهرستان",
            "سردار موسوی فرمانده سپاه ناحیه",
            "خانم صدری رئیس اداره فرهنگ و ارشاد",
        ],
        resolutions: &[
            ("اداره فرهنگ و ارشاد", Some("2025-01-14")),
            ("شهرداری نسبت به آذین‌بندی", Some("2025-01-29")),
        ],
    },
    Expected {
        file: "10-mixed.txt",
        body: "کارگروه آب و کشاورزی",
        date: "2024-08-20",
        speakers: &[
            "آقای باقری، مدیر جهاد کشاورزی",
            "آقای تقوی رئیس امور آب",
            "جناب آقای مهندس شریفی نماینده شرکت آب منطقه‌ای",
        ],
        resolutions: &[
            ("امور آب", Some("2024-10-21")),
            ("جهاد کشاورزی", Some("2024-11-05")),
            ("گزارش برداشت‌ها", None),
        ],
    },
];

/// Right out of the larger of expected and found (extra entries count as wrong).
fn score(right: usize, expected: usize, found: usize) -> (usize, usize) {
    (right, expected.max(found))
}

#[test]
fn ten_documents_in_real_styles_parse_at_least_95_percent_right() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/minutes/styles");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let work = WorkWeek::default();
    let (mut speakers, mut resolutions, mut deadlines) = ((0, 0), (0, 0), (0, 0));
    let mut misses = Vec::new();
    for e in EXPECTED {
        let path = std::path::Path::new(dir).join(e.file);
        let (d, report) = read_file(&path, today, &work, &ReadOptions::default()).unwrap();
        assert_eq!(dabir::import::body_name(&d.title), e.body, "{}", e.file);
        assert_eq!(
            d.date.map(|d| d.to_string()).as_deref(),
            Some(e.date),
            "{}",
            e.file
        );
        let got: Vec<&str> = d.discussion.iter().map(|(s, _)| s.as_str()).collect();
        let right = e
            .speakers
            .iter()
            .zip(&got)
            .filter(|(want, got)| want == got)
            .count();
        if right < e.speakers.len() || got.len() != e.speakers.len() {
            misses.push(format!("{}: speakers {got:?}", e.file));
        }
        let (r, n) = score(right, e.speakers.len(), got.len());
        speakers = (speakers.0 + r, speakers.1 + n);

        let right = e
            .resolutions
            .iter()
            .zip(&d.resolutions)
            .filter(|((start, _), got)| got.text.starts_with(start))
            .count();
        let (r, n) = score(right, e.resolutions.len(), d.resolutions.len());
        resolutions = (resolutions.0 + r, resolutions.1 + n);
        let right = e
            .resolutions
            .iter()
            .zip(&d.resolutions)
            .filter(|((_, dl), got)| got.deadline.map(|d| d.to_string()).as_deref() == *dl)
            .count();
        if right < e.resolutions.len() {
            misses.push(format!(
                "{}: deadlines {:?}",
                e.file,
                d.resolutions.iter().map(|r| r.deadline).collect::<Vec<_>>()
            ));
        }
        let (r, n) = score(right, e.resolutions.len(), d.resolutions.len());
        deadlines = (deadlines.0 + r, deadlines.1 + n);
        if e.file == "05-arabic-letters.txt" {
            assert!(report.spelling_changes > 30, "{}", report.spelling_changes);
        }
    }
    let pct = |(r, n): (usize, usize)| 100.0 * r as f64 / n as f64;
    eprintln!(
        "speakers {}/{} ({:.1} %), resolutions {}/{} ({:.1} %), deadlines {}/{} ({:.1} %)",
        speakers.0,
        speakers.1,
        pct(speakers),
        resolutions.0,
        resolutions.1,
        pct(resolutions),
        deadlines.0,
        deadlines.1,
        pct(deadlines)
    );
    for (what, s) in [
        ("speakers", speakers),
        ("resolutions", resolutions),
        ("deadlines", deadlines),
    ] {
        assert!(
            pct(s) >= 95.0,
            "{what}: {:.1} % right; misses: {misses:#?}",
            pct(s)
        );
    }
}

/// With --keep-spelling the Arabic letters stay as written.
#[test]
fn keep_spelling_keeps_arabic_letters() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/minutes/styles/05-arabic-letters.txt"
    ));
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let opts = ReadOptions {
        keep_spelling: true,
        ..Default::default()
    };
    let (d, r) = read_file(path, today, &WorkWeek::default(), &opts).unwrap();
    assert_eq!(r.spelling_changes, 0);
    assert!(d.title.contains("كارگروه"), "{}", d.title);
    assert_eq!(d.discussion.len(), 3, "speakers are found either way");
}

/// Resolutions that name no unit get units proposed from their text, marked as
/// inferred; the secretary confirms them with Enter on the field, and the
/// finalise checklist warns until then.
#[test]
fn units_are_inferred_from_the_text_and_confirmed_in_the_app() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use dabir::store::Store;
    use dabir::ui::app::{App, Screen};
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("m.txt");
    std::fs::write(
        &doc,
        "صورتجلسه کارگروه تحول اداری\nتاریخ: ۱۴۰۳/۰۹/۰۵\nمصوبات\n\
         ۱- فرمانداران، مدیران کل و بخشداران محترم نسبت به تهیه گزارش اقدام نمایند.\n\
         ۲- استقرار سامانه با همکاری شرکت مخابرات شهرستان تکمیل گردد.\n\
         ۳- گزارش عملکرد در جلسه بعد ارائه شود.\n",
    )
    .unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let mut unit = dabir::model::Unit {
        id: 0,
        ..dabir::model::Unit::named("شرکت مخابرات شهرستان")
    };
    store.save_unit(&mut unit).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let opts = ReadOptions {
        known_units: vec![unit.name.clone()],
        ..Default::default()
    };
    let (d, report) = read_file(&doc, today, &WorkWeek::default(), &opts).unwrap();
    assert_eq!(
        report.inferred,
        vec![
            (
                1,
                vec!["فرمانداران".into(), "مدیران کل".into(), "بخشداران".into()]
            ),
            (2, vec!["شرکت مخابرات شهرستان".into()])
        ]
    );
    assert!(d.resolutions[0].inferred && !d.resolutions[2].inferred);
    let m = dabir::import::save_draft(&store, &d, None, "m.txt", "", today).unwrap();
    assert!(m.resolutions[1].units_inferred);
    assert_eq!(
        m.resolutions[1].responsible,
        vec![unit.id],
        "the directory's unit"
    );
    assert!(
        m.finalise_problems(dabir::text::Digits::Persian)
            .iter()
            .any(|p| p.en.contains("inferred"))
    );

    // In the app: the label says so; Enter on the field confirms.
    let mut app = App::new(
        &store,
        dabir::ui::keymap::Keymap::default_keymap(),
        None,
        dabir::text::RenderMode::App,
    )
    .unwrap();
    app.on_resize(120, 40);
    let key = |app: &mut App, code, mods| app.on_key(&store, KeyEvent::new(code, mods));
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let Screen::Minutes(ms) = &mut app.screen else {
        panic!("not in the minutes")
    };
    ms.focus_resolution(2);
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    let Screen::Minutes(ms) = &app.screen else {
        unreachable!()
    };
    let label = ms.fields[ms.focus]
        .kind
        .label(&ms.meeting, dabir::text::Digits::Persian);
    assert!(label.contains("پیشنهادی"), "{label}");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    app.save_all(&store);
    let saved = store.meeting(m.id).unwrap().unwrap();
    assert!(!saved.resolutions[1].units_inferred, "confirmed");
    assert!(saved.resolutions[0].units_inferred, "the others still wait");
    assert_eq!(saved.resolutions[1].responsible, vec![unit.id]);
}

//! The directory of bodies, people and units: twins found through
//! normalisation, merged from the keyboard without losing any link.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::model::Unit;
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::{App, Screen};
use dabir::ui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(app: &mut App, store: &Store, code: KeyCode) {
    app.on_key(store, KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn spelling_twins_are_flagged_and_merged_keeping_every_link() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    // «اداره امور مالیاتی» spelled with Arabic ي and ZWNJ differences.
    let mut twin = Unit {
        id: 0,
        ..Unit::named("اداره امور ماليات\u{200c}ی")
    };
    store.save_unit(&mut twin).unwrap();
    let mut m = clean_meeting(&body, &units);
    m.resolutions[0].responsible = vec![twin.id];
    store.save_meeting(&mut m).unwrap();

    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::Terminal).unwrap();
    app.on_resize(100, 20);
    // u (ع on the Persian layout) opens the directory; Tab twice: units.
    key(&mut app, &store, KeyCode::Char('ع'));
    assert!(matches!(app.screen, Screen::Directory(_)));
    key(&mut app, &store, KeyCode::Tab);
    key(&mut app, &store, KeyCode::Tab);
    let mut t = Terminal::new(TestBackend::new(100, 12)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let screen = format!("{}", t.backend());
    assert_eq!(screen.matches("⚠ مشابه").count(), 2, "{screen}");
    insta::assert_snapshot!("directory_units_terminal_mode", t.backend());

    // Select the twin and merge: m proposes, m again does it.
    let Screen::Directory(d) = &app.screen else {
        unreachable!()
    };
    let at = d.rows.iter().position(|r| r.id == twin.id).unwrap();
    for _ in 0..at {
        key(&mut app, &store, KeyCode::Down);
    }
    key(&mut app, &store, KeyCode::Char('m'));
    assert!(
        app.status_text()
            .as_deref()
            .unwrap()
            .contains("press m again")
    );
    assert!(
        store.unit(twin.id).unwrap().is_some(),
        "nothing merged before confirming"
    );
    key(&mut app, &store, KeyCode::Char('m'));
    assert!(store.unit(twin.id).unwrap().is_none());
    // The original (used by two resolutions) was kept; every link points at it.
    let kept = units[4].id;
    let m = store.meeting(m.id).unwrap().unwrap();
    assert_eq!(m.resolutions[0].responsible, vec![kept]);
    assert_eq!(m.resolutions[3].responsible, vec![kept]);

    // Enter opens the unit's form: its name, then whom letters go to.
    key(&mut app, &store, KeyCode::Enter);
    for _ in 0..40 {
        key(&mut app, &store, KeyCode::Backspace);
    }
    for (text, last) in [
        ("اداره کل امور مالیاتی", false),
        ("جناب آقای دکتر رحیمی", false),
        ("مدیرکل محترم امور مالیاتی", true),
    ] {
        for c in text.chars() {
            key(&mut app, &store, KeyCode::Char(c));
        }
        key(&mut app, &store, KeyCode::Enter);
        assert_eq!(app.dialog.is_none(), last, "Enter saves on the last field");
    }
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.name == "اداره کل امور مالیاتی")
        .expect("renamed");
    assert_eq!(unit.addressee, "جناب آقای دکتر رحیمی");
    assert_eq!(
        unit.salutation(),
        ["جناب آقای دکتر رحیمی", "مدیرکل محترم امور مالیاتی"]
    );
    key(&mut app, &store, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Meetings));
}

/// «لا» (lam, alef) is two cells here but one column to unicode-width: names with
/// it must still be drawn whole, right-aligned, in every mode.
#[test]
fn names_with_lam_alef_are_drawn_whole() {
    for mode in RenderMode::ALL {
        let (_dir, path) = temp_db();
        let store = Store::open(&path).unwrap();
        let mut u = Unit {
            id: 0,
            ..Unit::named("مدیریت فناوری اطلاعات")
        };
        store.save_unit(&mut u).unwrap();
        let mut app = App::new(&store, Keymap::default_keymap(), None, mode).unwrap();
        key(&mut app, &store, KeyCode::Char('u'));
        key(&mut app, &store, KeyCode::Tab);
        key(&mut app, &store, KeyCode::Tab);
        let mut t = Terminal::new(TestBackend::new(80, 6)).unwrap();
        t.draw(|f| app.render(f)).unwrap();
        let row: String = (0..80)
            .map(|x| t.backend().buffer()[(x, 2)].symbol().to_owned())
            .collect();
        let want = dabir::text::layout::fit("مدیریت فناوری اطلاعات", 60, mode);
        assert!(
            row.contains(&format!("{want}│")),
            "{mode:?}: «{row}» lacks «{want}» at the right edge"
        );
    }
}

/// A body's defaults edited in its form start its next meeting: place, chair,
/// secretary and the members with their posts.
#[test]
fn a_body_form_sets_the_defaults_of_its_meetings() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let mut body = dabir::model::Body {
        id: 0,
        name: "ستاد تنظیم بازار".into(),
        kind: dabir::model::BodyKind::Headquarters,
        members: vec![],
        chair: None,
        secretary: None,
        place: String::new(),
    };
    store.save_body(&mut body).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 40);
    let typ = |app: &mut App, s: &str| {
        for c in s.chars() {
            app.on_key(&store, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    };
    key(&mut app, &store, KeyCode::Char('u'));
    key(&mut app, &store, KeyCode::Enter);
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, "سالن جلسات اداره صمت");
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, "جناب آقای رضا صالحی، معاون فرماندار");
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, "خانم زهرا نوروزی، رئیس اداره صمت");
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, "جناب آقای رضا صالحی، معاون فرماندار");
    app.on_key(&store, KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    typ(&mut app, "خانم مریم رحیمی، نماینده اداره امور مالیاتی");
    key(&mut app, &store, KeyCode::Enter);
    let b = store.body(body.id).unwrap().unwrap();
    assert_eq!(b.place, "سالن جلسات اداره صمت");
    assert_eq!(b.members.len(), 2);
    assert_eq!(
        b.chair,
        Some(b.members[0]),
        "the chair is the member of the same name"
    );
    assert_eq!(
        store.people().unwrap().len(),
        3,
        "no duplicate person for the chair"
    );

    key(&mut app, &store, KeyCode::Esc);
    typ(&mut app, "n");
    for _ in 0..12 {
        key(&mut app, &store, KeyCode::Backspace);
    }
    typ(&mut app, "ستاد تنظیم بازار");
    for _ in 0..3 {
        key(&mut app, &store, KeyCode::Enter);
    }
    let Screen::Minutes(m) = &app.screen else {
        panic!("{:?}", app.status)
    };
    assert_eq!(m.meeting.place, "سالن جلسات اداره صمت");
    assert_eq!(m.meeting.secretary.as_ref().unwrap().post, "رئیس اداره صمت");
    let names: Vec<&str> = m
        .meeting
        .attendees
        .iter()
        .map(|a| a.person.name.as_str())
        .collect();
    assert_eq!(names, vec!["جناب آقای رضا صالحی", "خانم مریم رحیمی"]);
}

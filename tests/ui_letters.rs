//! The letters dialog: ابلاغ from the minutes and the meetings list, follow-up
//! letters from the pending list, the organisation asked for once and written
//! into config.toml, the register shown on the pending list's rows.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::{App, Dialog, Screen};
use dabir::ui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn setup() -> (tempfile::TempDir, Store, u64) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    (dir, store, m.id)
}

fn press(app: &mut App, store: &Store, code: KeyCode, mods: KeyModifiers) {
    app.on_key(store, KeyEvent::new(code, mods));
}

fn type_text(app: &mut App, store: &Store, s: &str) {
    for c in s.chars() {
        press(app, store, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

#[test]
fn notify_from_the_meetings_list_asks_for_the_organisation_once() {
    let (dir, store, _) = setup();
    let cfg = dir.path().join("cfg");
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.config_dir = Some(cfg.clone());
    // «م» is l on the Persian layout.
    press(&mut app, &store, KeyCode::Char('م'), KeyModifiers::NONE);
    let Some(Dialog::Letters(d)) = &mut app.dialog else {
        panic!("no letters dialog: {:?}", app.status_text());
    };
    assert!(d.onboarding, "no organisation in the settings yet");
    assert_eq!(d.fields.len(), 3);
    d.fields[0].set_text("/home/zahra/Documents/ابلاغ.docx");
    let mut t = Terminal::new(TestBackend::new(100, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    insta::assert_snapshot!(t.backend());
    let target = dir.path().join("ابلاغ.docx");
    let Some(Dialog::Letters(d)) = &mut app.dialog else {
        unreachable!()
    };
    d.fields[0].set_text(&target.to_string_lossy());

    press(&mut app, &store, KeyCode::Enter, KeyModifiers::NONE);
    type_text(&mut app, &store, "وزارت کشور؛ فرمانداری شهرستان نمونه");
    press(&mut app, &store, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, &store, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, &store, "{year}/د/{seq}");
    press(&mut app, &store, KeyCode::Enter, KeyModifiers::NONE);
    assert!(app.dialog.is_none(), "{:?}", app.status_text());
    let status = app.status_text().unwrap();
    assert!(status.contains("۵ نامه در دفتر ثبت"), "{status}");
    assert!(
        status.contains("۱۴۰۵") || status.contains("/د/"),
        "{status}"
    );
    let xml = unzip(&std::fs::read(&target).unwrap(), "word/document.xml");
    assert!(xml.contains("فرمانداری شهرستان نمونه") && xml.contains("بسمه تعالی"));
    let config = std::fs::read_to_string(cfg.join("config.toml")).unwrap();
    assert!(config.contains("[organisation]") && config.contains("{year}/د/{seq}"));
    assert_eq!(app.letters.official.lines.len(), 2, "in force at once");
    assert_eq!(store.letters().unwrap().len(), 5);

    // The next time, no question: just the file.
    press(&mut app, &store, KeyCode::Char('l'), KeyModifiers::NONE);
    let Some(Dialog::Letters(d)) = &app.dialog else {
        panic!("no letters dialog");
    };
    assert!(!d.onboarding);
    assert_eq!(d.fields.len(), 1);
}

#[test]
fn follow_up_letters_from_the_pending_list_show_on_its_rows() {
    let (dir, store, id) = setup();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.letters.official.lines = vec!["فرمانداری شهرستان نمونه".into()];
    app.size = (120, 30);
    press(&mut app, &store, KeyCode::F(3), KeyModifiers::NONE);
    assert!(matches!(app.screen, Screen::Pending(_)));
    // Mark the first row only: one letter per unit of that resolution.
    press(&mut app, &store, KeyCode::Char(' '), KeyModifiers::NONE);
    press(&mut app, &store, KeyCode::Char('l'), KeyModifiers::NONE);
    let Some(Dialog::Letters(d)) = &mut app.dialog else {
        panic!("no letters dialog: {:?}", app.status_text());
    };
    let target = dir.path().join("پیگیری.html");
    d.fields[0].set_text(&target.to_string_lossy());
    press(&mut app, &store, KeyCode::Char('t'), KeyModifiers::ALT);
    press(&mut app, &store, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.dialog.is_none(), "{:?}", app.status_text());
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.contains("نامه پیگیری") || html.contains("پیگیری اجرای مصوبات"));
    let register = store.letters().unwrap();
    assert!(!register.is_empty());
    assert!(
        register
            .iter()
            .all(|l| l.resolutions.iter().all(|k| k.meeting == id))
    );
    // Back up to the marked row (marking moved the selection down).
    press(&mut app, &store, KeyCode::Char('k'), KeyModifiers::NONE);
    let Screen::Pending(p) = &app.screen else {
        panic!("still on the pending list");
    };
    assert!(
        p.detail
            .iter()
            .any(|l| l.contains("مورخ") && l.contains("(نامه پیگیری)")),
        "{:?}",
        p.detail
    );
}

#[test]
fn a_meeting_without_responsible_units_says_so() {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, _) = clean_body_and_units(&store);
    let mut m = dabir::model::Meeting::new(0, body.id, 1, date(2024, 11, 5), instant());
    m.add_resolution("بدون مسئول").unwrap();
    store.save_meeting(&mut m).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    press(&mut app, &store, KeyCode::Char('l'), KeyModifiers::NONE);
    assert!(app.dialog.is_none());
    assert!(
        app.status_text().unwrap().contains("no letter written"),
        "{:?}",
        app.status_text()
    );
    drop(dir);
}

//! The search screen: `/` from the meetings list, typing with Arabic letters, the
//! worker's answer, the highlighted hit, Enter into the meeting.

mod common;

use std::time::{Duration, Instant};

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::model::DiscussionEntry;
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::{App, Screen};
use dabir::ui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn type_str(app: &mut App, store: &Store, s: &str) {
    for c in s.chars() {
        app.on_key(store, key(KeyCode::Char(c)));
    }
}

/// Ticks until the worker has answered.
fn wait(app: &mut App, store: &Store) {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        app.tick(store, Instant::now());
        let Screen::Search(s) = &app.screen else {
            panic!("not the search screen")
        };
        if !s.searching() {
            return;
        }
        assert!(Instant::now() < until, "the search never answered");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn setup() -> (tempfile::TempDir, Store, App) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    m.discussion.push(DiscussionEntry {
        speaker: "خانم رحیمی".into(),
        agenda_item: None,
        text: "جلسه با مديران دستگاه‌ها هماهنگ شود.".into(),
        typed_at: instant(),
    });
    store.save_meeting(&mut m).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::Terminal).unwrap();
    app.on_resize(120, 12);
    (dir, store, app)
}

#[test]
fn search_from_the_list_highlight_and_open() {
    let (_dir, store, mut app) = setup();
    app.on_key(&store, key(KeyCode::Char('/')));
    assert!(matches!(app.screen, Screen::Search(_)));
    // One letter: the query is too short, and says so.
    type_str(&mut app, &store, "م");
    wait(&mut app, &store);
    let Screen::Search(s) = &app.screen else {
        unreachable!()
    };
    assert!(s.message.as_ref().unwrap().contains("two letters"));
    // «مدیران» typed with Persian yeh finds «مديران» typed with Arabic yeh.
    type_str(&mut app, &store, "دیران");
    wait(&mut app, &store);
    let Screen::Search(s) = &app.screen else {
        unreachable!()
    };
    assert_eq!(s.hits.len(), 1);
    assert_eq!(s.message, None);
    let mut t = Terminal::new(TestBackend::new(120, 12)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    insta::assert_snapshot!("search_terminal_mode", t.backend());
    // The hit's six letters are drawn bold, the rest of the snippet is not.
    let buf = t.backend().buffer();
    let bold: String = (0..120)
        .filter(|&x| buf[(x, 1)].modifier.contains(Modifier::BOLD))
        .map(|x| buf[(x, 1)].symbol().to_owned())
        .collect();
    // Terminal mode: cells in logical order, the terminal reorders.
    assert_eq!(bold, "مديران", "the hit, as typed");
    // Enter opens the meeting at the discussion entry's section.
    app.on_key(&store, key(KeyCode::Enter));
    let Screen::Minutes(m) = &app.screen else {
        panic!("not opened")
    };
    assert_eq!(
        m.fields[m.focus].editor.text(),
        "جلسه با مديران دستگاه‌ها هماهنگ شود.",
        "the cursor on the discussion entry with the hit"
    );
}

#[test]
fn a_hit_in_a_resolution_opens_that_resolution() {
    let (_dir, store, mut app) = setup();
    // F2 opens the search from anywhere.
    app.on_key(&store, key(KeyCode::F(2)));
    type_str(&mut app, &store, "مالياتي");
    wait(&mut app, &store);
    let Screen::Search(s) = &app.screen else {
        unreachable!()
    };
    let res = s
        .hits
        .iter()
        .position(|h| h.resolution == Some(4))
        .expect("resolution 4");
    for _ in 0..res {
        app.on_key(&store, key(KeyCode::Down));
    }
    app.on_key(&store, key(KeyCode::Enter));
    let Screen::Minutes(m) = &app.screen else {
        panic!("not opened")
    };
    assert!(
        m.fields[m.focus]
            .editor
            .text()
            .starts_with("اداره امور مالیاتی امکان")
    );
    // Esc goes back to the results, the query and the row kept; Esc again, the list.
    app.on_key(&store, key(KeyCode::Esc));
    wait(&mut app, &store);
    let Screen::Search(s) = &app.screen else {
        panic!("not back in the results")
    };
    assert_eq!(s.query.text(), "مالياتي");
    assert_eq!(s.selected, res);
    app.on_key(&store, key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Meetings));
}

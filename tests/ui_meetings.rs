//! The meetings screen rendered into ratatui's TestBackend, driven by key events
//! through the real keymap (Persian-layout characters included).

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::model::Meeting;
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::App;
use dabir::ui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t
}

fn store_with_meetings() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut clean = clean_meeting(&body, &units);
    store.save_meeting(&mut clean).unwrap();
    let mut next = Meeting::new(0, body.id, 0, date(2024, 11, 19), instant());
    store.save_meeting(&mut next).unwrap();
    (dir, store)
}

/// Render mode `app`: dabir reorders and shapes (presentation forms).
#[test]
fn meetings_screen_snapshot_app_mode() {
    let (_dir, store) = store_with_meetings();
    let app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    insta::assert_snapshot!(draw(&app, 120, 8).backend());
}

/// Render mode `terminal`: logical order, for terminals that do bidi themselves.
#[test]
fn meetings_screen_snapshot_terminal_mode() {
    let (_dir, store) = store_with_meetings();
    let app = App::new(&store, Keymap::default_keymap(), None, RenderMode::Terminal).unwrap();
    insta::assert_snapshot!(draw(&app, 120, 8).backend());
}

/// A body name longer than its column loses its logical end, on the left, with
/// an ellipsis; the start of the name stays at the right edge.
#[test]
fn a_long_body_name_is_cut_on_the_correct_side() {
    let (_dir, store) = store_with_meetings();
    let app = App::new(
        &store,
        Keymap::default_keymap(),
        None,
        RenderMode::AppUnshaped,
    )
    .unwrap();
    let screen = format!("{}", draw(&app, 60, 6).backend());
    let row = screen.lines().nth(2).unwrap();
    assert!(row.contains("…"), "{screen}");
    assert!(
        row.contains("هورگراک│"),
        "the name's start is at the right edge: {screen}"
    );
}

#[test]
fn persian_layout_keys_move_the_selection_and_quit() {
    let (_dir, store) = store_with_meetings();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::Terminal).unwrap();
    assert_eq!(app.meetings.selected, 0);
    app.on_key(&store, key('ت'));
    assert_eq!(app.meetings.selected, 1);
    app.on_key(&store, key('ت'));
    assert_eq!(app.meetings.selected, 1, "stops at the last row");
    app.on_key(&store, key('ن'));
    assert_eq!(app.meetings.selected, 0);
    app.on_key(&store, key('؟'));
    assert!(app.help);
    let screen = format!("{}", draw(&app, 120, 20).backend());
    assert!(screen.contains("ردیف پایین   j، Down"), "{screen}");
    app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(!app.help);
    app.on_key(&store, key('ض'));
    assert!(app.quit);
}

#[test]
fn an_empty_database_shows_the_welcome() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let app = App::new(&store, Keymap::default_keymap(), None, RenderMode::Terminal).unwrap();
    let screen = format!("{}", draw(&app, 120, 12).backend());
    assert!(screen.contains("به دبیر خوش آمدید."), "{screen}");
    assert!(screen.contains("dabir demo"));
}

#[test]
fn a_bad_user_keymap_is_reported_in_the_status_line() {
    let (_dir, store) = store_with_meetings();
    let (keymap, status) = Keymap::with_user(Some("[meetings]\n\"j\" = \"jump\"\n"));
    let app = App::new(&store, keymap, status, RenderMode::Terminal).unwrap();
    let screen = format!("{}", draw(&app, 120, 8).backend());
    assert!(screen.contains("unknown action `jump`"), "{screen}");
}

#[test]
fn latin_digits_by_setting() {
    let (_dir, store) = store_with_meetings();
    let app = App::with_digits(
        &store,
        Keymap::default_keymap(),
        None,
        RenderMode::Terminal,
        dabir::text::Digits::Latin,
    )
    .unwrap();
    let screen = format!("{}", draw(&app, 120, 8).backend());
    assert!(screen.contains("1403/08/15"), "{screen}");
    assert!(!screen.contains("۱۴۰۳"), "{screen}");
}

/// Back from a meeting, the list keeps its body filter and the selection stays on
/// the meeting that was open (it used to drop the filter and keep only the row
/// number, so another meeting was highlighted).
#[test]
fn back_from_a_meeting_the_list_keeps_its_filter_and_selection() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    dabir::demo::generate(
        &store,
        dabir::demo::DemoOptions {
            meetings: 20,
            seed: 3,
            today: date(2024, 12, 20),
        },
        || {},
    )
    .unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 40);
    app.on_key(&store, key('b'));
    let filter = app.meetings.body_filter.clone();
    assert!(filter.is_some());
    app.on_key(&store, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let chosen = app.meetings.selected_id().unwrap();
    app.on_key(&store, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    // Type in the place field so the meeting changes, then go back.
    app.on_key(&store, KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.on_key(&store, key('ی'));
    app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.meetings.body_filter, filter);
    assert_eq!(app.meetings.selected_id(), Some(chosen));
}

/// On an empty database d (or D) asks before loading sixty demo meetings: Esc
/// leaves it empty, Enter loads them.
#[test]
fn demo_data_is_loaded_only_after_asking() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 30);
    app.on_key(&store, key('d'));
    assert!(app.dialog.is_some(), "a question, not the data");
    let screen = format!("{}", draw(&app, 120, 30).backend());
    assert!(screen.contains("Enter"), "{screen}");
    app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.dialog.is_none());
    assert!(store.is_empty(), "Esc loads nothing");
    app.on_key(&store, key('ی')); // d on the Persian layout
    app.on_key(&store, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.dialog.is_none());
    assert_eq!(store.meeting_count(), 60);
    assert_eq!(app.meetings.rows.len(), 60);
}

/// A message lives a few seconds and belongs to the screen it was said on.
#[test]
fn a_status_message_expires_and_stays_on_its_screen() {
    let (_dir, store) = store_with_meetings();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 30);
    app.status = Some(dabir::ui::msg::Msg::info("پیام آزمایشی", "a test message"));
    let t0 = std::time::Instant::now();
    app.tick(&store, t0);
    app.tick(&store, t0 + std::time::Duration::from_secs(2));
    assert!(app.status.is_some(), "still there after 2 s");
    app.tick(&store, t0 + dabir::ui::app::STATUS_LIFETIME);
    assert!(
        app.status.is_none(),
        "gone after its lifetime: the hints show again"
    );
    let hints = format!("{}", draw(&app, 120, 30).backend());
    assert!(hints.contains("n ﻩﺯﺎﺗ ﻪﺴﻠﺟ"), "{hints}");

    // Said on the list, it does not follow into a meeting.
    app.status = Some(dabir::ui::msg::Msg::info("پیام فهرست", "a list message"));
    app.on_key(&store, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(
        !app.status_text()
            .as_deref()
            .unwrap_or("")
            .contains("list message"),
        "{:?}",
        app.status
    );
}

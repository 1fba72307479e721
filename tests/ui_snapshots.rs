//! Snapshots of the screens not covered elsewhere, in both render modes `app`
//! and `terminal`, with clean.txt's meeting: the new-meeting dialog, the help
//! overlay on the minutes editor, the directory.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::App;
use dabir::ui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_with_clean(mode: RenderMode) -> (tempfile::TempDir, Store, App) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, mode).unwrap();
    app.on_resize(120, 40);
    (dir, store, app)
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    format!("{}", t.backend())
}

/// The dialog prefills today's date and the time now; they are masked.
fn mask_clock(s: &str) -> String {
    s.chars()
        .map(|c| if ('۰'..='۹').contains(&c) { '#' } else { c })
        .collect()
}

#[test]
fn screens_in_both_modes() {
    for (mode, name) in [(RenderMode::App, "app"), (RenderMode::Terminal, "terminal")] {
        let (_dir, store, mut app) = app_with_clean(mode);
        app.on_key(
            &store,
            KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE),
        );
        insta::assert_snapshot!(
            format!("new_meeting_dialog_{name}"),
            mask_clock(&screen(&app))
        );
        app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));

        app.on_key(&store, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        app.on_key(&store, KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE));
        let help = screen(&app);
        let help: String = help.lines().skip(1).collect::<Vec<_>>().join("\n");
        insta::assert_snapshot!(format!("minutes_help_{name}"), help);
        app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));

        app.on_key(
            &store,
            KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE),
        );
        insta::assert_snapshot!(format!("directory_bodies_{name}"), screen(&app));
    }
}

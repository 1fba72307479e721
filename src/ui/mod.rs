//! The terminal UI: terminal event → keymap → `Action` → `App::update` → state →
//! `render`. The only layer that knows ratatui.

pub mod action;
pub mod app;
pub mod dialog;
mod draw;
pub mod effect;
pub mod keymap;
mod live;
pub mod msg;
mod navigate;
pub mod screens;
pub mod shutdown;
pub mod spool;
pub mod terminal;
pub mod widgets;

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};

use crate::config::Config;
use crate::store::Archive;
use app::App;
use keymap::Keymap;
use shutdown::Shutdown;

/// Runs the UI until the user quits or it is asked to stop from outside (SIGTERM,
/// SIGHUP from a dropped ssh session, SIGINT; on Windows the console window being
/// closed, Ctrl+Break, logoff: see [`shutdown`]). Whatever ends it, a panic included, unsaved edits
/// are saved and the terminal is restored; a panic's message is printed after the
/// restore (ratatui's hook) and logged (main's hook), then the panic continues.
/// Returns the exit status a signal asks for (128 + its number), if one ended it.
///
/// `local`: where edits are kept while a shared archive cannot be reached
/// ([`spool`]); none for a folder, which is on this computer.
pub fn run(
    store: &dyn Archive,
    config: &Config,
    config_dir: Option<&Path>,
    local: Option<&Path>,
) -> anyhow::Result<Option<u8>> {
    let user_keymap = config_dir
        .map(|d| d.join("keymap.toml"))
        .filter(|p| p.exists())
        .map(std::fs::read_to_string)
        .transpose()?;
    let (keymap, status) = Keymap::with_user(user_keymap.as_deref());
    // What opening the database had to say (a migration's note) is shown first.
    let status = store
        .warnings()
        .first()
        .map(|w| msg::Msg {
            severity: msg::Severity::Warning,
            ..msg::Msg::note(w)
        })
        .or(status);
    let mut app = App::with_digits(store, keymap, status, config.render, config.digits)?;
    app.work = config.work.clone();
    app.set_lang(config.lang);
    let (letters, logo_problem) = config.letter_settings();
    app.letters = letters;
    if let Some(p) = logo_problem {
        app.status = Some(msg::Msg::warn(p.clone(), p));
    }
    app.user = config.user.clone();
    app.local = local.map(Path::to_owned);
    if let Some(msg) = local.and_then(|dir| spool::recover(store, dir)) {
        app.status = Some(msg);
    }
    match store.changes() {
        Ok(changes) => app.changes = changes,
        Err(e) => {
            app.status = Some(msg::Msg::warn(
                format!("نوسازی خودکار فهرست‌ها کار نمی‌کند: {e}"),
                format!("lists will not refresh by themselves: {e}"),
            ))
        }
    }
    app.config_dir = config_dir.map(Path::to_owned);

    let stop = Shutdown::install()?;

    let mut terminal = terminal::init(config.render);
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, store, &stop)
    }));
    app.save_all(store);
    // Flushed before a waiting Windows close handler lets the process end.
    if let Err(e) = store.flush() {
        tracing::error!("flushing the database on leaving: {e}");
    }
    stop.mark_saved();
    terminal::restore(config.render);
    match result {
        Ok(r) => r.map(|()| stop.exit_status()),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &dyn Archive,
    stop: &Shutdown,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.on_resize(size.width, size.height);
    let tty = terminal::TtyWatch::new();
    // A frame is drawn when something shown changed: keys (drawn at once, in
    // the loop), a tick that changed the screen, or the clock's next second.
    // The frame after a key's answer is not drawn again for nothing.
    let mut stale = true;
    let mut second = chrono::Local::now().timestamp();
    while !app.quit {
        let now_second = chrono::Local::now().timestamp();
        if stale || now_second != second {
            terminal.draw(|f| app.render(f))?;
            second = now_second;
        }
        // Sleep until an event, the next save or the clock's next second.
        let input = tty.wait(app.next_tick_in(Instant::now()))?;
        if input == terminal::Input::HangUp {
            tracing::info!("the terminal hung up: saving and leaving");
            app.save_all(store);
            break;
        }
        if input == terminal::Input::Ready && event::poll(Duration::ZERO)? {
            loop {
                match event::read()? {
                    Event::Key(key) => app.on_key(store, key),
                    Event::Paste(text) => app.on_paste(&text),
                    Event::Resize(w, h) => {
                        terminal.resize(ratatui::layout::Rect::new(0, 0, w, h))?;
                        app.on_resize(w, h);
                    }
                    _ => {}
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            // The keys' answer goes out first; a save that falls due now (tick)
            // comes after it, and its status is drawn at the top of the loop.
            if !app.quit {
                terminal.draw(|f| app.render(f))?;
                second = chrono::Local::now().timestamp();
            }
        }
        if let Some(text) = app.clipboard.take() {
            terminal::copy_to_clipboard(&text);
        }
        stale = app.tick(store, Instant::now());
        if stop.requested() {
            tracing::info!("signal received: saving and leaving");
            app.save_all(store);
            break;
        }
    }
    Ok(())
}

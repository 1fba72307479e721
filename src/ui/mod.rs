//! The terminal UI: terminal event → keymap → `Action` → `App::update` → state →
//! `render`. The only layer that knows ratatui.

pub mod action;
pub mod app;
pub mod keymap;
pub mod screens;
pub mod terminal;
pub mod widgets;

use std::path::Path;

use crossterm::event::{self, Event};

use crate::config::Config;
use crate::store::Store;
use app::App;
use keymap::Keymap;

/// Runs the UI until the user quits. The terminal is restored on return and, by
/// ratatui's hook, on panic.
pub fn run(store: &Store, config: &Config, config_dir: Option<&Path>) -> anyhow::Result<()> {
    let user_keymap = config_dir
        .map(|d| d.join("keymap.toml"))
        .filter(|p| p.exists())
        .map(std::fs::read_to_string)
        .transpose()?;
    let (keymap, status) = Keymap::with_user(user_keymap.as_deref());
    let mut app = App::with_digits(store, keymap, status, config.render, config.digits)?;

    let mut terminal = terminal::init(config.render);
    let result = (|| -> anyhow::Result<()> {
        app.on_resize(terminal.size()?.height);
        while !app.quit {
            terminal.draw(|f| app.render(f))?;
            // Block until something happens: no redraw while idle.
            match event::read()? {
                Event::Key(key) => app.on_key(key),
                Event::Resize(_, h) => app.on_resize(h),
                _ => {}
            }
        }
        Ok(())
    })();
    terminal::restore(config.render);
    result
}

//! Setting the terminal up for dabir and putting it back, whatever happens.
//!
//! In the render modes where dabir reorders text itself (`app`, `app-unshaped`),
//! VTE-based terminals must stop reordering it a second time: `CSI 8 l` (BDSM
//! reset, explicit mode) at start, `CSI 8 h` at exit and from the panic hook.
//! Terminals that do not know the sequence ignore it. tmux drops it unless it is
//! wrapped in tmux's passthrough (`ESC P tmux; … ESC \`, inner ESCs doubled),
//! which also needs `set -g allow-passthrough on`.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, KeyboardEnhancementFlags,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

/// Whether keyboard enhancement was pushed (so that restore pops it once).
static ENHANCED: AtomicBool = AtomicBool::new(false);

/// Turns off what `init` turned on besides ratatui's own: bracketed paste,
/// keyboard enhancement, the terminal's bidi. Safe to call more than once.
fn restore_extras(mode: RenderMode) {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableBracketedPaste);
    if ENHANCED.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, PopKeyboardEnhancementFlags);
    }
    if mode.reorders() {
        write_raw(&bidi_mode_sequence(true));
    }
}

use crate::text::RenderMode;

/// `CSI 8 h` (the terminal reorders: its default) or `CSI 8 l` (it does not),
/// wrapped for tmux when running inside it.
pub fn bidi_mode_sequence(terminal_reorders: bool) -> String {
    sequence(terminal_reorders, std::env::var_os("TMUX").is_some())
}

fn sequence(terminal_reorders: bool, in_tmux: bool) -> String {
    let seq = if terminal_reorders {
        "\x1b[8h"
    } else {
        "\x1b[8l"
    };
    if in_tmux {
        format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
    } else {
        seq.to_owned()
    }
}

fn write_raw(s: &str) {
    // Best effort: if the terminal is gone there is nothing left to restore.
    let mut out = std::io::stdout();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// Enters the alternate screen in raw mode and, when dabir reorders, turns the
/// terminal's own bidi off. A panic restores everything before its message is
/// printed (ratatui's hook runs first, then ours).
pub fn init(mode: RenderMode) -> DefaultTerminal {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_extras(mode);
        previous(info);
    }));
    if mode.reorders() {
        write_raw(&bidi_mode_sequence(false));
    }
    let terminal = ratatui::init();
    let mut out = std::io::stdout();
    let _ = execute!(out, EnableBracketedPaste);
    // Where the terminal supports it, Shift+Space (the ZWNJ key) arrives as such.
    if matches!(
        crossterm::terminal::supports_keyboard_enhancement(),
        Ok(true)
    ) && execute!(
        out,
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
    )
    .is_ok()
    {
        ENHANCED.store(true, Ordering::SeqCst);
    }
    terminal
}

/// Leaves the alternate screen and gives the terminal its bidi back. Safe to call
/// more than once.
pub fn restore(mode: RenderMode) {
    restore_extras(mode);
    ratatui::restore();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_plain_and_wrapped_for_tmux() {
        assert_eq!(sequence(false, false), "\x1b[8l");
        assert_eq!(sequence(true, false), "\x1b[8h");
        assert_eq!(sequence(false, true), "\x1bPtmux;\x1b\x1b[8l\x1b\\");
    }
}

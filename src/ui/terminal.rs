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
/// Nothing on Windows: Windows Terminal and conhost have no such mode.
pub fn bidi_mode_sequence(terminal_reorders: bool) -> String {
    if cfg!(windows) {
        return String::new();
    }
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

/// Puts `text` on the system clipboard through the terminal (OSC 52), which
/// works over ssh; tmux passes it on with `set -g set-clipboard on`.
pub fn copy_to_clipboard(text: &str) {
    write_raw(&osc52(text));
}

fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding: OSC 52 is its one use, not worth a dependency.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
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
    // A fixed viewport, resized by the event loop on a resize event: ratatui's
    // full-screen one asks the terminal its size (opening /dev/tty) every frame.
    // ratatui::init enters the alternate screen only for its full-screen viewport.
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    // (Cleared here: Terminal::clear would ask the terminal where its cursor is.)
    let _ = execute!(
        std::io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    );
    let terminal = ratatui::init_with_options(ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, size.0, size.1)),
    });
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
    // Not `ratatui::restore`: it reports failure with `eprintln!`, which panics
    // when stderr is a terminal that has hung up. Nothing is left to restore then.
    let _ = ratatui::try_restore();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_vectors() {
        // RFC 4648, section 10.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64("سلام".as_bytes()), "2LPZhNin2YU=");
        assert_eq!(osc52("f"), "\x1b]52;c;Zg==\x07");
    }

    #[test]
    fn sequences_plain_and_wrapped_for_tmux() {
        assert_eq!(sequence(false, false), "\x1b[8l");
        assert_eq!(sequence(true, false), "\x1b[8h");
        assert_eq!(sequence(false, true), "\x1bPtmux;\x1b\x1b[8l\x1b\\");
    }
}

/// What waiting on the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Bytes to read: crossterm can parse them without blocking.
    Ready,
    /// Nothing before the timeout.
    Timeout,
    /// The terminal is gone (closed window, dropped ssh session).
    HangUp,
}

/// Watches the controlling terminal with `poll(2)` before crossterm reads it.
///
/// crossterm 0.29 must not be asked to read a terminal that has hung up: its
/// reader loops on `read()` until it gets an event or `WouldBlock`, and a hung-up
/// tty answers `EIO` (or end of file) forever, so `event::poll` never returns and
/// the process spins, holding the database lock. Waiting here first, dabir sees
/// the hang-up, saves and leaves.
///
/// A resize is a signal (SIGWINCH), not input on the tty: a self-pipe the signal
/// writes to is watched too, so the app takes the new size in at once (its
/// fields re-wrapped), not at the next key.
pub struct TtyWatch {
    #[cfg(unix)]
    tty: Option<std::fs::File>,
    #[cfg(unix)]
    winch: Option<std::os::unix::net::UnixStream>,
}

impl TtyWatch {
    pub fn new() -> TtyWatch {
        TtyWatch {
            #[cfg(unix)]
            tty: std::fs::File::open("/dev/tty").ok(),
            #[cfg(unix)]
            winch: resize_pipe(),
        }
    }

    pub fn wait(&self, timeout: std::time::Duration) -> std::io::Result<Input> {
        #[cfg(unix)]
        if let Some(tty) = &self.tty {
            use std::os::fd::AsRawFd;
            let pollfd = |fd| libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            let winch_fd = self.winch.as_ref().map_or(-1, |w| w.as_raw_fd());
            // A negative fd is ignored by poll(2).
            let mut fds = [pollfd(tty.as_raw_fd()), pollfd(winch_fd)];
            let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
            // SAFETY: two valid pollfds, for the length given.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
            let [fd, winch] = fds;
            if n < 0 {
                let e = std::io::Error::last_os_error();
                return if e.kind() == std::io::ErrorKind::Interrupted {
                    Ok(Input::Timeout)
                } else {
                    Err(e)
                };
            }
            if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                return Ok(Input::HangUp);
            }
            if winch.revents & libc::POLLIN != 0 {
                // Drain the wake-ups; crossterm reports the Resize event itself.
                if let Some(mut w) = self.winch.as_ref() {
                    let mut buf = [0u8; 64];
                    while matches!(std::io::Read::read(&mut w, &mut buf), Ok(n) if n > 0) {}
                }
                return Ok(Input::Ready);
            }
            return Ok(if fd.revents & libc::POLLIN != 0 {
                Input::Ready
            } else {
                Input::Timeout
            });
        }
        // No /dev/tty to watch (or not unix): crossterm waits itself.
        Ok(if crossterm::event::poll(timeout)? {
            Input::Ready
        } else {
            Input::Timeout
        })
    }
}

/// The read end of a pipe SIGWINCH writes a byte to (None if it cannot be set up:
/// then a resize is taken in at the next key, as before).
#[cfg(unix)]
fn resize_pipe() -> Option<std::os::unix::net::UnixStream> {
    let (read, write) = std::os::unix::net::UnixStream::pair().ok()?;
    read.set_nonblocking(true).ok()?;
    signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write).ok()?;
    Some(read)
}

impl Default for TtyWatch {
    fn default() -> Self {
        TtyWatch::new()
    }
}

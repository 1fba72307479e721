//! Asked to stop from outside: the UI saves and leaves.
//!
//! On Unix: SIGTERM, SIGHUP (a closed terminal or dropped ssh session), SIGINT and
//! SIGQUIT set a flag the event loop reads after every event or tick.
//!
//! On Windows: the console's control handler gets Ctrl+C, Ctrl+Break, the console
//! window being closed, logoff and shutdown. For the last three Windows ends the
//! process as soon as the handler returns, so the handler sets the flag and then
//! waits (up to [`WINDOWS_GRACE`]) until the event loop says it has saved.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// How long a Windows close, logoff or shutdown waits for the save. Windows itself
/// allows about five seconds after a close before it ends the process.
pub const WINDOWS_GRACE: Duration = Duration::from_millis(4500);

/// The flags shared with the handler: `stop` is set from outside (to the signal's
/// number on Unix, 1 on Windows), `saved` by the event loop once everything is on
/// disk.
#[derive(Clone, Debug, Default)]
pub struct Shutdown {
    stop: Arc<AtomicUsize>,
    saved: Arc<AtomicBool>,
}

impl Shutdown {
    /// Installs the handlers for this process. Call once.
    pub fn install() -> std::io::Result<Shutdown> {
        let s = Shutdown::default();
        platform::install(&s)?;
        Ok(s)
    }

    pub fn requested(&self) -> bool {
        self.stop.load(Ordering::SeqCst) != 0
    }

    /// The exit status after a stop by signal: 128 + the signal's number, as a
    /// shell reports a process the signal ended (143 for SIGTERM). None on Windows
    /// and when no signal came.
    pub fn exit_status(&self) -> Option<u8> {
        match self.stop.load(Ordering::SeqCst) {
            0 => None,
            _ if cfg!(windows) => None,
            n => u8::try_from(128 + n).ok(),
        }
    }

    /// Everything is saved: a waiting Windows handler may let the process end.
    pub fn mark_saved(&self) {
        self.saved.store(true, Ordering::SeqCst);
    }
}

#[cfg(unix)]
mod platform {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use std::sync::Arc;

    pub fn install(s: &super::Shutdown) -> std::io::Result<()> {
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register_usize(signal, Arc::clone(&s.stop), signal as usize)?;
        }
        Ok(())
    }
}

#[cfg(windows)]
mod platform {
    use std::sync::OnceLock;
    use std::sync::atomic::Ordering;
    use std::time::Instant;

    use windows_sys::Win32::Foundation::{FALSE, TRUE};
    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
        SetConsoleCtrlHandler,
    };
    use windows_sys::core::BOOL;

    static FLAGS: OnceLock<super::Shutdown> = OnceLock::new();

    unsafe extern "system" fn handler(kind: u32) -> BOOL {
        let Some(flags) = FLAGS.get() else {
            return FALSE;
        };
        flags.stop.store(1, Ordering::SeqCst);
        match kind {
            CTRL_C_EVENT | CTRL_BREAK_EVENT => TRUE,
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => {
                // Returning lets Windows end the process: wait for the save first.
                let start = Instant::now();
                while !flags.saved.load(Ordering::SeqCst) && start.elapsed() < super::WINDOWS_GRACE
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                TRUE
            }
            _ => FALSE,
        }
    }

    pub fn install(s: &super::Shutdown) -> std::io::Result<()> {
        if FLAGS.set(s.clone()).is_err() {
            return Ok(()); // installed already: the first flags stay in force
        }
        // SAFETY: `handler` has the signature SetConsoleCtrlHandler expects and
        // lives for the whole process.
        if unsafe { SetConsoleCtrlHandler(Some(handler), TRUE) } == 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flags_start_clear_and_are_shared_by_clones() {
        let s = Shutdown::default();
        let other = s.clone();
        assert!(!s.requested());
        assert_eq!(s.exit_status(), None);
        other.stop.store(15, Ordering::SeqCst);
        assert!(s.requested());
        if cfg!(unix) {
            assert_eq!(s.exit_status(), Some(143), "SIGTERM");
        }
        s.mark_saved();
        assert!(other.saved.load(Ordering::SeqCst));
    }
}

//! Where a command's output goes: the process's stdout and stderr, or, when the
//! running app answers a read-only command for another process (`cli::serve`),
//! buffers sent back to it. Commands write through these functions only, so one
//! code path serves both.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::store::Store;

/// A command run on behalf of another process: its output, and what that
/// process's terminal and folder are.
pub struct Remote {
    pub out: Vec<u8>,
    pub err: Vec<u8>,
    pub tty: bool,
    pub width: Option<u16>,
    pub cwd: PathBuf,
    pub store: Arc<Store>,
}

thread_local! {
    static REMOTE: RefCell<Option<Remote>> = const { RefCell::new(None) };
}

/// Runs `f` with output captured for another process; returns what it wrote.
pub fn capture<T>(remote: Remote, f: impl FnOnce() -> T) -> (T, Remote) {
    REMOTE.with(|r| *r.borrow_mut() = Some(remote));
    let result = f();
    let remote = REMOTE.with(|r| r.borrow_mut().take()).expect("set above");
    (result, remote)
}

fn with_remote<T>(f: impl FnOnce(&mut Remote) -> T) -> Option<T> {
    REMOTE.with(|r| r.borrow_mut().as_mut().map(f))
}

/// Standard output of the command.
pub fn stdout() -> Out {
    if with_remote(|_| ()).is_some() {
        Out::Remote
    } else {
        Out::Std(std::io::stdout().lock())
    }
}

pub enum Out {
    Std(std::io::StdoutLock<'static>),
    Remote,
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::Std(s) => s.write(buf),
            Out::Remote => {
                with_remote(|r| r.out.extend_from_slice(buf));
                Ok(buf.len())
            }
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::Std(s) => s.flush(),
            Out::Remote => Ok(()),
        }
    }
}

/// One line on the command's standard error (never panics on a closed stderr).
pub fn err_line(line: &str) {
    if with_remote(|r| {
        r.err.extend_from_slice(line.as_bytes());
        r.err.push(b'\n');
    })
    .is_none()
    {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

/// `eprintln!` for commands: to stderr, or to the remote caller's.
macro_rules! say {
    ($($t:tt)*) => { $crate::cli::out::err_line(&format!($($t)*)) };
}
pub(crate) use say;

/// Whether the command's standard output is a terminal.
pub fn is_terminal() -> bool {
    with_remote(|r| r.tty).unwrap_or_else(|| std::io::stdout().is_terminal())
}

/// Whether progress bars may be drawn (a local terminal on stderr).
pub fn stderr_is_terminal() -> bool {
    with_remote(|_| false).unwrap_or_else(|| std::io::stderr().is_terminal())
}

/// The width of the command's terminal, if it has one.
pub fn width() -> Option<u16> {
    with_remote(|r| r.width).unwrap_or_else(|| crossterm::terminal::size().ok().map(|(w, _)| w))
}

/// A path as the command's caller meant it: relative to its own folder.
pub fn resolve(path: &Path) -> PathBuf {
    match with_remote(|r| r.cwd.clone()) {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_owned(),
    }
}

/// The running app's store, when answering for another process.
pub fn shared_store() -> Option<Arc<Store>> {
    with_remote(|r| Arc::clone(&r.store))
}

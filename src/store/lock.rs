//! One dabir per database. sled refuses a second opener with an opaque I/O error, so
//! dabir takes a lock on a file of its own first, and says who holds it.
//!
//! The holder's pid goes in a file of its own, `dabir.pid`: on Windows the lock
//! (`LockFileEx` over the whole file) keeps every other process from reading the
//! locked file itself, so a pid written there could not be shown.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use super::error::{Result, StoreError};

pub const LOCK_FILE: &str = "dabir.lock";
/// The pid of the process holding [`LOCK_FILE`], rewritten by each new holder.
pub const PID_FILE: &str = "dabir.pid";

/// Held for as long as the database is open; the OS releases the lock when the
/// process ends, however it ends.
#[derive(Debug)]
pub struct DbLock {
    _file: File,
    /// The pid file this process wrote, removed when the lock goes.
    pid_file: Option<std::path::PathBuf>,
}

pub fn acquire(dir: &Path) -> Result<DbLock> {
    let path = dir.join(LOCK_FILE);
    let io = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(StoreError::Locked {
                path: dir.to_owned(),
                holder: holder(dir),
            });
        }
        Err(TryLockError::Error(e)) => return Err(io(e)),
    }
    Ok(DbLock {
        _file: file,
        pid_file: None,
    })
}

impl DbLock {
    /// Writes this process's pid for a second dabir's message. Called once the
    /// database is open: until then the pid file may still name a process that
    /// holds sled's own lock (when dabir.lock was deleted under it).
    pub fn record_pid(&mut self, dir: &Path) -> Result<()> {
        let pid_path = dir.join(PID_FILE);
        std::fs::write(&pid_path, std::process::id().to_string()).map_err(|source| {
            StoreError::Io {
                path: pid_path.clone(),
                source,
            }
        })?;
        self.pid_file = Some(pid_path);
        Ok(())
    }
}

/// A store closed normally takes its pid away before our lock goes (the store
/// drops sled first, then this): the next dabir then knows that a sled lock
/// still taken is this closed store's threads letting go, and waits for it,
/// instead of reporting this process (a test, or the app's own CLI run) as a
/// dabir still using the database.
impl Drop for DbLock {
    fn drop(&mut self) {
        if let Some(p) = self.pid_file.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// True when the pid file names a running process other than this one (Unix: it
/// answers signal 0). Then a taken sled lock is that process's, not a handle this
/// process is still dropping, and waiting for it is pointless.
pub fn holder_is_other_live_process(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join(PID_FILE)) else {
        return false;
    };
    let Ok(pid) = text.trim().parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        // SAFETY: kill with signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// « (pid N)» for the process holding the lock, or nothing when its pid file is
/// missing or unreadable (best effort: the message is still right without it).
pub fn holder(dir: &Path) -> String {
    let pid = std::fs::read_to_string(dir.join(PID_FILE)).unwrap_or_default();
    let pid = pid.trim();
    if !pid.is_empty() && pid.chars().all(|c| c.is_ascii_digit()) {
        format!(" (pid {pid})")
    } else {
        String::new()
    }
}

//! One dabir per database. sled refuses a second opener with an opaque I/O error, so
//! dabir takes an advisory lock on a file of its own first, and says who holds it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::error::{Result, StoreError};

pub const LOCK_FILE: &str = "dabir.lock";

/// Held for as long as the database is open; the OS releases the lock when the
/// process ends, however it ends.
#[derive(Debug)]
pub struct DbLock {
    _file: File,
}

pub fn acquire(dir: &Path) -> Result<DbLock> {
    let path = dir.join(LOCK_FILE);
    let io = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut pid = String::new();
            // Best effort: the holder wrote its pid; an empty or unreadable file just
            // leaves the pid out of the message.
            let _ = file.read_to_string(&mut pid);
            let pid = pid.trim();
            let holder = if pid.chars().all(|c| c.is_ascii_digit()) && !pid.is_empty() {
                format!(" (pid {pid})")
            } else {
                String::new()
            };
            return Err(StoreError::Locked {
                path: dir.to_owned(),
                holder,
            });
        }
        Err(TryLockError::Error(e)) => return Err(io(e)),
    }
    file.set_len(0).map_err(io)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    write!(file, "{}", std::process::id()).map_err(io)?;
    file.flush().map_err(io)?;
    Ok(DbLock { _file: file })
}

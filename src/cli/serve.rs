//! Read-only commands while the app is open.
//!
//! One dabir holds a database at a time, so `dabir backup` during a working day
//! used to be refused. Now the running app listens on a loopback TCP port and
//! answers the read-only commands (`meetings`, `show`, `pending`, `search`,
//! `export`, `export-pending`, `report`, `backup`) for other processes, reading
//! the store it has open: the answer is exactly what the command would print, from
//! the same code, and always current.
//!
//! The port and a random token are in `dabir.serve` in the database folder, which
//! only its owner can read (folder 0700, file 0600): a caller must send the token,
//! so another local user who finds the port gets nothing. TCP on 127.0.0.1 rather
//! than a Unix socket so Windows works the same.
//!
//! Wire: the caller sends one JSON line ([`Request`]); the app answers one JSON
//! line ([`Reply`] header) and then the standard output's bytes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::out::{self, Remote};
use super::{Cli, Command};
use crate::store::Store;

/// The file beside the database that says where the running app listens.
pub const SERVE_FILE: &str = "dabir.serve";

#[derive(Serialize, Deserialize)]
struct Request {
    token: String,
    /// The command line after the program name, as the caller got it.
    args: Vec<String>,
    tty: bool,
    width: Option<u16>,
    cwd: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Reply {
    code: u8,
    stderr: String,
    stdout_len: u64,
}

/// The commands the app answers for others: those that only read.
pub fn is_read_only(c: &Command) -> bool {
    matches!(
        c,
        Command::Meetings { .. }
            | Command::Show { .. }
            | Command::History { .. }
            | Command::Pending { .. }
            | Command::Search { .. }
            | Command::Export { .. }
            | Command::ExportPending { .. }
            | Command::Report { .. }
            | Command::Backup { salvage: false, .. }
    )
}

/// Serves read-only commands on a thread until the process ends. Returns a
/// guard that removes `dabir.serve` when dropped (the app leaving).
pub fn start(store: Arc<Store>) -> std::io::Result<ServeGuard> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let port = listener.local_addr()?.port();
    let token = random_token();
    let path = store.path().join(SERVE_FILE);
    crate::export::write_private(&path, format!("{port} {token}\n").as_bytes())?;
    let key = token.clone();
    std::thread::Builder::new()
        .name("dabir-serve".into())
        .spawn(move || {
            for conn in listener.incoming().flatten() {
                if let Err(e) = answer(conn, &store, &key) {
                    tracing::warn!("answering a read-only command: {e}");
                }
            }
        })?;
    Ok(ServeGuard { path, token })
}

/// Removes `dabir.serve` when the app leaves, if it is still ours.
pub struct ServeGuard {
    path: PathBuf,
    token: String,
}

impl Drop for ServeGuard {
    fn drop(&mut self) {
        let ours = std::fs::read_to_string(&self.path).is_ok_and(|s| s.contains(&self.token));
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn answer(conn: TcpStream, store: &Arc<Store>, token: &str) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut line = String::new();
    BufReader::new(conn.try_clone()?)
        .take(1 << 20)
        .read_line(&mut line)?;
    let mut conn = conn;
    let req: Request = match serde_json::from_str(&line) {
        Ok(r) => r,
        Err(_) => return Ok(()),
    };
    if !constant_time_eq(req.token.as_bytes(), token.as_bytes()) {
        return Ok(());
    }
    let remote = Remote {
        out: Vec::new(),
        err: Vec::new(),
        tty: req.tty,
        width: req.width,
        cwd: req.cwd,
        store: Arc::clone(store),
    };
    let (code, remote) = out::capture(remote, || run_for(&req.args));
    let reply = Reply {
        code,
        stderr: String::from_utf8_lossy(&remote.err).into_owned(),
        stdout_len: remote.out.len() as u64,
    };
    let mut header = serde_json::to_vec(&reply).map_err(std::io::Error::other)?;
    header.push(b'\n');
    conn.write_all(&header)?;
    conn.write_all(&remote.out)?;
    conn.flush()
}

/// Parses and runs one command line as `main` would, output captured.
fn run_for(args: &[String]) -> u8 {
    use clap::Parser;
    let argv = std::iter::once("dabir".to_owned()).chain(args.iter().cloned());
    let cli = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            out::err_line(e.to_string().trim_end());
            return 2;
        }
    };
    let Some(command) = cli.command.as_ref().filter(|c| is_read_only(c)) else {
        out::err_line("dabir: the open app answers only read-only commands");
        return 2;
    };
    match super::run(&cli, command) {
        Ok(()) => 0,
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            out::err_line(&format!(
                "dabir: {}",
                crate::text::controls::visible_lines(&e.to_string())
            ));
            e.exit_status()
        }
    }
}

/// Asks the app that holds `db` to run this process's command. None when no app
/// answers (then the caller reports the lock as before); otherwise the exit
/// status, with the command's output already written.
pub fn forward(db: &Path) -> Option<u8> {
    use std::io::IsTerminal;
    let text = std::fs::read_to_string(db.join(SERVE_FILE)).ok()?;
    let (port, token) = text.trim().split_once(' ')?;
    let port: u16 = port.parse().ok()?;
    let mut conn = TcpStream::connect_timeout(
        &(std::net::Ipv4Addr::LOCALHOST, port).into(),
        Duration::from_secs(2),
    )
    .ok()?;
    // An argument that is not UTF-8 (a file name in another encoding) cannot be
    // sent as it is: then the lock is reported as before, never a panic.
    let args = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string().ok())
        .collect::<Option<Vec<String>>>()?;
    let req = Request {
        token: token.to_owned(),
        args,
        tty: std::io::stdout().is_terminal(),
        width: crossterm::terminal::size().ok().map(|(w, _)| w),
        cwd: std::env::current_dir().ok()?,
    };
    let mut line = serde_json::to_vec(&req).ok()?;
    line.push(b'\n');
    conn.write_all(&line).ok()?;
    let mut reader = BufReader::new(conn);
    let mut header = String::new();
    reader.read_line(&mut header).ok()?;
    let reply: Reply = serde_json::from_str(&header).ok()?;
    let mut stdout = std::io::stdout().lock();
    let copied = std::io::copy(&mut reader.take(reply.stdout_len), &mut stdout);
    let _ = stdout.flush();
    let _ = write!(std::io::stderr(), "{}", reply.stderr);
    match copied {
        Ok(n) if n == reply.stdout_len => Some(reply.code),
        _ => Some(1),
    }
}

/// 32 hex digits from the OS's randomness (through std's hasher keys, which are
/// seeded from it), for the token only the database's owner can read.
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for i in 0..2u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

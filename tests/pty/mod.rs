//! The real binary in a pseudo-terminal, its screen read back with vt100: the
//! session the end-to-end tests drive (tests/e2e.rs, tests/e2e_record.rs).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::Value;

use crate::common::*;

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Session {
    pub fn start(db: &std::path::Path) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dabir"));
        cmd.args(["--rtl", "terminal", "--db"]);
        cmd.arg(db);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", db.with_extension("config"));
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let writer = Arc::new(Mutex::new(pty.master.take_writer().unwrap()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let fd = pty.master.as_raw_fd().unwrap();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, w, st) = (Arc::clone(&parser), Arc::clone(&writer), Arc::clone(&stop));
        let handle = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Read only when poll says there is something, so that the thread can
            // stop (and close its copy of the master) when asked.
            while !st.load(std::sync::atomic::Ordering::SeqCst) {
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 || pfd.revents & libc::POLLIN == 0 {
                    if pfd.revents & (libc::POLLHUP | libc::POLLERR) != 0 {
                        break;
                    }
                    continue;
                }
                let Ok(n) = reader.read(&mut buf) else { break };
                if n == 0 {
                    break;
                }
                let chunk = &buf[..n];
                // Answer the primary device attributes query as a terminal without
                // keyboard enhancement would, so crossterm does not wait for it.
                if chunk.windows(3).any(|x| x == b"\x1b[c") {
                    let _ = w.lock().unwrap().write_all(b"\x1b[?62c");
                }
                p.lock().unwrap().process(chunk);
            }
        });
        Session {
            child,
            writer,
            parser,
            master: pty.master,
            stop,
            reader: Some(handle),
        }
    }

    /// Closes every handle on the terminal's master side, as a terminal window
    /// closing or an ssh connection dropping does.
    pub fn vanish(mut self) -> Box<dyn Child + Send + Sync> {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(h) = self.reader.take() {
            h.join().unwrap();
        }
        let Session {
            child,
            writer,
            master,
            ..
        } = self;
        drop(writer);
        drop(master);
        child
    }

    /// Resizes the terminal, as dragging a window's edge does (SIGWINCH).
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "«{text}» never appeared on:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until `text` is gone from the screen (a dialog closed).
    pub fn wait_gone(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "«{text}» never went away:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn send(&self, s: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
        drop(w);
        // Let the app take the keys in, as a typist's pace would.
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "dabir did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";

pub fn alt(c: char) -> String {
    format!("\x1b{c}")
}

/// Opens the new-meeting dialog and creates clean.txt's meeting; waits for the
/// minutes editor.
pub fn create_meeting(s: &Session) {
    s.wait_for("به دبیر خوش آمدید");
    s.send("n");
    s.wait_for("جلسه تازه");
    s.send("کارگروه تحول اداری و توسعه مدیریت فرمانداری");
    s.send(ENTER);
    s.send(&"\x7f".repeat(12));
    s.send("۱۴۰۳/۰۸/۱۵");
    s.send(ENTER);
    s.send(&"\x7f".repeat(6));
    s.send("۰۹:۰۰");
    s.send(ENTER);
    s.wait_for("ساعت شروع");
}

pub fn show_json(db: &std::path::Path) -> Value {
    let list: Value =
        serde_json::from_slice(&run_ok(dabir(db).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    let id = list[0]["id"].as_u64().unwrap().to_string();
    serde_json::from_slice(&run_ok(dabir(db).args(["show", &id, "--format", "json"])).stdout)
        .unwrap()
}

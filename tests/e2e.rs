//! End to end: the real binary in a pseudo-terminal, the screen read back with
//! vt100. A secretary creates a meeting, types the header, two discussion entries
//! and two resolutions of clean.txt, quits; `dabir show ID --format json` must
//! hold them. And `kill -9` must not lose what was typed more than a second
//! before.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::Value;

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Session {
    fn start(db: &std::path::Path) -> Session {
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
    fn vanish(mut self) -> Box<dyn Child + Send + Sync> {
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
    fn resize(&self, cols: u16, rows: u16) {
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

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
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

    fn send(&self, s: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
        drop(w);
        // Let the app take the keys in, as a typist's pace would.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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

const TAB: &str = "\t";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

fn alt(c: char) -> String {
    format!("\x1b{c}")
}

/// Opens the new-meeting dialog and creates clean.txt's meeting; waits for the
/// minutes editor.
fn create_meeting(s: &Session) {
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

fn show_json(db: &std::path::Path) -> Value {
    let list: Value =
        serde_json::from_slice(&run_ok(dabir(db).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    let id = list[0]["id"].as_u64().unwrap().to_string();
    serde_json::from_slice(&run_ok(dabir(db).args(["show", &id, "--format", "json"])).stdout)
        .unwrap()
}

#[test]
fn a_secretary_types_the_minutes_of_clean_txt() {
    let (_dir, db) = temp_db();
    let mut s = Session::start(&db);
    create_meeting(&s);
    s.send(TAB);
    s.send(TAB);
    s.send("۱۱:۳۰");
    s.send(TAB);
    s.send("سالن شهید رجایی فرمانداری");
    s.send(TAB);
    s.send("جناب آقای مهدی کاظمی، فرماندار");
    s.send(TAB);
    s.send("خانم زهرا نوروزی، رئیس اداره برنامه‌ریزی و بودجه");
    // Discussion: Alt+D, typed on the Persian layout as Alt+ی.
    s.send(&alt('ی'));
    s.send("جناب آقای کاظمی، فرماندار");
    s.send(TAB);
    s.send("ضمن خوشامدگویی، بر لزوم پیگیری جدی مصوبات جلسه قبل تأکید کردند.");
    s.send(&alt('d'));
    s.send("جناب آقای محمدی، مدیر فناوری اطلاعات");
    s.send(TAB);
    s.send("اعلام کرد که سامانه EIS در ۳ بخشداری از ۵ بخشداری مستقر شده است.");
    // Resolutions: Alt+R (Alt+ق).
    s.send(&alt('ق'));
    s.send("فرمانداری نسبت به تهیه فهرست خدمات قابل واگذاری به بخشداری‌ها اقدام نماید.");
    s.send(TAB);
    s.send("اداره برنامه‌ریزی و بودجه");
    s.send(TAB);
    s.send("۱۴۰۳/۰۹/۳۰");
    s.send(&alt('r'));
    s.send("استقرار سامانه EIS در دو بخشداری باقی‌مانده با همکاری شرکت مخابرات تکمیل گردد.");
    s.send(TAB);
    s.send("مدیریت فناوری اطلاعات؛ شرکت مخابرات شهرستان");
    s.send(TAB);
    s.send("۱۵ آذر ۱۴۰۳");
    s.wait_for("پنجشنبه ۱۵ آذر ۱۴۰۳");
    s.send(ESC);
    s.wait_for("کارگروه تحول اداری");
    s.send("q");
    assert!(s.wait_exit().success());

    let m = show_json(&db);
    assert_eq!(m["body"], "کارگروه تحول اداری و توسعه مدیریت فرمانداری");
    assert_eq!(m["date"], "2024-11-05");
    assert_eq!(m["date_jalali"], "1403/08/15");
    assert_eq!(m["start"], "09:00");
    assert_eq!(m["end"], "11:30");
    assert_eq!(m["place"], "سالن شهید رجایی فرمانداری");
    assert_eq!(m["chair"], "جناب آقای مهدی کاظمی، فرماندار");
    assert_eq!(
        m["secretary"],
        "خانم زهرا نوروزی، رئیس اداره برنامه‌ریزی و بودجه"
    );
    let d = m["discussion"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[1]["speaker"], "جناب آقای محمدی، مدیر فناوری اطلاعات");
    assert_eq!(
        d[1]["text"],
        "اعلام کرد که سامانه EIS در ۳ بخشداری از ۵ بخشداری مستقر شده است."
    );
    let r = m["resolutions"].as_array().unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["number"], 1);
    assert_eq!(
        r[0]["responsible"],
        serde_json::json!(["اداره برنامه‌ریزی و بودجه"])
    );
    assert_eq!(r[0]["deadline_jalali"], "1403/09/30");
    assert_eq!(
        r[1]["responsible"],
        serde_json::json!(["مدیریت فناوری اطلاعات", "شرکت مخابرات شهرستان"])
    );
    assert_eq!(r[1]["deadline"], "2024-12-05");
}

#[test]
fn kill_9_loses_nothing_typed_a_second_before() {
    let (_dir, db) = temp_db();
    let mut s = Session::start(&db);
    create_meeting(&s);
    s.send(TAB);
    s.send(TAB);
    s.send(TAB);
    s.send("سالن شهید رجایی فرمانداری");
    s.send(&alt('d'));
    s.send("جناب آقای محمدی");
    s.send(TAB);
    s.send("سامانه EIS در ۳ بخشداری مستقر شده است.");
    std::thread::sleep(Duration::from_millis(1100));
    let pid = s.child.process_id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_exit();

    let m = show_json(&db);
    assert_eq!(m["place"], "سالن شهید رجایی فرمانداری");
    assert_eq!(m["discussion"][0]["speaker"], "جناب آقای محمدی");
    assert_eq!(
        m["discussion"][0]["text"],
        "سامانه EIS در ۳ بخشداری مستقر شده است."
    );
}

/// The terminal itself goes away (the window closed, the ssh session dropped):
/// dabir must notice, save and leave, not spin holding the database lock.
#[test]
fn a_vanished_terminal_saves_and_releases_the_database() {
    let (_dir, db) = temp_db();
    let s = Session::start(&db);
    create_meeting(&s);
    s.send(TAB);
    s.send(TAB);
    s.send(TAB);
    s.send("سالن کوچک");
    let mut child = s.vanish();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("dabir kept running after its terminal vanished");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // The lock is free and the text is there.
    assert_eq!(show_json(&db)["place"], "سالن کوچک");
}

/// Types a place into a new meeting, sends `signal` at once (inside the save
/// delay: the handler must save it) and returns the exit code; the place is
/// checked in the database.
fn place_saved_on(signal: &str, place: &str) -> u32 {
    let (_dir, db) = temp_db();
    let mut s = Session::start(&db);
    create_meeting(&s);
    s.send(TAB);
    s.send(TAB);
    s.send(TAB);
    s.send(place);
    let pid = s.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    let status = s.wait_exit();
    assert_eq!(show_json(&db)["place"], place, "{signal}");
    status.exit_code()
}

#[test]
fn sighup_saves_and_restores() {
    assert_eq!(
        place_saved_on("-HUP", "اتاق جلسات"),
        128 + 1,
        "saved, then ended as SIGHUP asks"
    );
}

#[test]
fn sigterm_saves_and_exits_143() {
    assert_eq!(place_saved_on("-TERM", "سالن شورا"), 128 + 15);
}

/// A resize is taken in at once, with no key pressed: the minutes' fields are
/// wrapped again for the new width, so no word of a long text is cut off (they
/// used to keep the old width until the next key).
#[test]
fn a_resize_rewraps_the_minutes_without_a_key() {
    let (_dir, db) = temp_db();
    let text = "در ادامه جلسه گزارش کاملی از وضعیت استقرار سامانه در همه بخشداری‌ها ارائه شد و \
                مقرر گردید نواقص باقی‌مانده تا پایان ماه برطرف و نتیجه به دبیرخانه کارگروه اعلام شود \
                تا در جلسه آینده بررسی گردد";
    {
        let store = dabir::store::Store::open(&db).unwrap();
        let (body, units) = clean_body_and_units(&store);
        let mut m = clean_meeting(&body, &units);
        m.state = dabir::model::MeetingState::Draft;
        m.discussion[0].text = text.into();
        store.save_meeting(&mut m).unwrap();
    }
    let s = Session::start(&db);
    s.wait_for("کارگروه تحول اداری");
    s.send(ENTER);
    s.wait_for("در ادامه جلسه");
    // Let the loop settle into its long wait, then shrink the window.
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    s.resize(80, 40);
    let words: Vec<&str> = text.split_whitespace().collect();
    loop {
        let screen = s.screen();
        let missing: Vec<&&str> = words.iter().filter(|w| !screen.contains(**w)).collect();
        if missing.is_empty() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "after the resize, no key pressed, these words are cut off: {missing:?}\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    s.send(ESC);
}

/// Search in the real event loop: results come from the worker thread while the
/// loop waits on the terminal; Enter opens the meeting, Esc comes back to them.
#[test]
fn searching_with_arabic_letters_in_the_real_app() {
    let (_dir, db) = temp_db();
    {
        let store = dabir::store::Store::open(&db).unwrap();
        let (body, units) = clean_body_and_units(&store);
        let mut m = clean_meeting(&body, &units);
        m.discussion.push(dabir::model::DiscussionEntry {
            speaker: "خانم رحیمی".into(),
            agenda_item: None,
            text: "جلسه با مديران دستگاه ها هماهنگ شود.".into(),
            typed_at: instant(),
        });
        store.save_meeting(&mut m).unwrap();
    }
    let mut s = Session::start(&db);
    s.wait_for("کارگروه تحول اداری");
    s.send("/");
    // Typed with the Persian yeh; the text has the Arabic one.
    s.send("مدیران");
    s.wait_for("جلسه با مديران دستگاه ها");
    s.wait_for("باز کردن در صورتجلسه");
    s.send(ENTER);
    s.wait_for("Alt+D");
    s.send(ESC);
    s.wait_for("جلسه با مديران دستگاه ها");
    s.wait_for("باز کردن در صورتجلسه");
    s.send(ESC);
    s.wait_for("کارگروه تحول اداری");
    s.send("q");
    assert!(s.wait_exit().success());
}

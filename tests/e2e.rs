//! End to end: the real binary in a pseudo-terminal, the screen read back with
//! vt100. A secretary creates a meeting, types the header, two discussion entries
//! and two resolutions of clean.txt, quits; `dabir show ID --format json` must
//! hold them. And `kill -9` must not lose what was typed more than a second
//! before.

mod common;

mod pty;

use std::time::{Duration, Instant};

use common::*;
use pty::*;

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

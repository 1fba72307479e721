//! End to end, the official record: the real binary in a pseudo-terminal.
//! An extension recorded in the pending list leaves the final minutes' approved
//! deadline as it was; Alt+X asks and Esc keeps the resolution; a pre-filled date
//! is replaced by typing; F1 takes every key while it is open.

mod common;
mod pty;

use common::*;
use pty::*;

const DELETE: &str = "\x1b[3~";
const F1: &str = "\x1bOP";

/// The clean meeting (final or draft) in a fresh database; its id.
fn planted(db: &std::path::Path, final_: bool) -> u64 {
    let store = dabir::store::Store::open(db).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    m.state = dabir::model::MeetingState::Draft;
    if final_ {
        m.finalise(instant(), "زهرا نوروزی");
    }
    store.save_meeting(&mut m).unwrap();
    m.id
}

/// Esc back to the meetings list, q, a clean exit.
fn leave(s: &mut Session) {
    s.send(ESC);
    s.wait_for("کارگروه تحول اداری");
    s.send("q");
    assert!(s.wait_exit().success());
}

fn show(db: &std::path::Path, id: u64) -> serde_json::Value {
    serde_json::from_slice(
        &run_ok(dabir(db).args(["show", &id.to_string(), "--format", "json"])).stdout,
    )
    .unwrap()
}

#[test]
fn an_extension_in_the_pending_list_keeps_the_final_minutes_as_approved() {
    let (_dir, db) = temp_db();
    let id = planted(&db, true);
    let mut s = Session::start(&db);
    s.wait_for("کارگروه تحول اداری");
    // p: the pending list; the first row is the earliest deadline, resolution 2
    // (1403/09/15).
    s.send("p");
    s.wait_for("مصوبات باز");
    s.wait_for("جلسه ۱۲ / مصوبه ۲");
    s.send("a");
    s.wait_for("تمدید مهلت تا");
    s.send("درخواست تمدید به سبب تأخیر در تأمین اعتبار");
    s.send(ENTER);
    s.send("۱۴۰۳/۱۰/۳۰");
    s.send(ENTER);
    s.send("مدیریت فناوری اطلاعات");
    s.send(ENTER);
    s.wait_for("پیگیری برای ۱ مصوبه ثبت شد");
    s.wait_for("تمدید شده ×۱");
    leave(&mut s);

    let m = show(&db, id);
    assert_eq!(m["state"], "final");
    let r = &m["resolutions"][1];
    assert_eq!(
        r["deadline_approved"], "2024-12-05",
        "1403/09/15, as approved"
    );
    assert_eq!(r["deadline"], "2025-01-19", "1403/10/30, the extension");
    assert_eq!(r["status"], "extended");
    assert_eq!(r["follow_ups"][0]["requested_by"], "مدیریت فناوری اطلاعات");
    // The re-exported final minutes print the approved deadline.
    let txt = String::from_utf8(
        run_ok(dabir(&db).args(["export", &id.to_string(), "--format", "txt", "-o", "-"])).stdout,
    )
    .unwrap();
    assert!(txt.contains("۱۵ آذر ۱۴۰۳"), "{txt}");
    assert!(!txt.contains("۳۰ دی ۱۴۰۳"), "{txt}");
}

/// dabir started on `db`, its first meeting opened from the list.
fn opened(db: &std::path::Path) -> Session {
    let s = Session::start(db);
    s.wait_for("کارگروه تحول اداری");
    s.send(ENTER);
    s.wait_for("Alt+D");
    s
}

#[test]
fn alt_x_asks_and_esc_keeps_the_resolution() {
    let (_dir, db) = temp_db();
    let id = planted(&db, false);
    let mut s = opened(&db);
    s.send(&alt('5'));
    s.wait_for("── مصوبات ──");
    s.send(&alt('x'));
    s.wait_for("مصوبه ۱ حذف شود؟");
    s.send(ESC);
    s.wait_gone("حذف شود؟");
    // Enter on the question deletes; the status line says so.
    s.send(&alt('x'));
    s.wait_for("مصوبه ۱ حذف شود؟");
    s.send(ENTER);
    s.wait_for("مصوبه ۱ حذف شد");
    leave(&mut s);
    let m = show(&db, id);
    let texts: Vec<&str> = m["resolutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 3, "Esc kept it, Enter deleted one: {texts:?}");
    assert!(texts[0].starts_with("استقرار سامانه EIS"), "{texts:?}");
}

#[test]
fn a_pre_filled_date_is_replaced_by_typing() {
    let (_dir, db) = temp_db();
    let mut s = Session::start(&db);
    s.wait_for("به دبیر خوش آمدید");
    s.send("n");
    s.wait_for("جلسه تازه");
    s.send("کارگروه تحول اداری و توسعه مدیریت فرمانداری");
    s.send(ENTER);
    // Today's date is there, selected: typing replaces it, no Backspace needed.
    s.send("۱۴۰۳/۰۸/۲۰");
    s.send(ENTER);
    s.send("۱۰:۳۰");
    s.send(ENTER);
    s.wait_for("ساعت شروع");
    leave(&mut s);
    let m = show_json(&db);
    assert_eq!(m["date_jalali"], "1403/08/20");
    assert_eq!(m["start"], "10:30");
}

#[test]
fn f1_swallows_every_key_until_closed() {
    let (_dir, db) = temp_db();
    let id = planted(&db, false);
    let mut s = opened(&db);
    s.send(F1);
    s.wait_for("کلیدها");
    // Typed text, a delete and a command: none reaches the minutes.
    s.send("سلام");
    s.send(&alt('x'));
    s.send(DELETE);
    s.send(&alt('r'));
    assert!(!s.screen().contains("حذف شود؟"));
    s.send(ESC);
    s.wait_gone("کلیدها");
    leave(&mut s);
    let m = show(&db, id);
    assert_eq!(
        m["date_jalali"], "1403/08/15",
        "nothing typed into the date"
    );
    assert_eq!(
        m["resolutions"].as_array().unwrap().len(),
        4,
        "no resolution added"
    );
    assert!(!m.to_string().contains("سلام"));
}

//! The previous-resolutions report: what it includes, its text, the screen and
//! `dabir report`.

mod common;

use chrono::NaiveDate;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::calendar::{Digits, JalaliDate};
use dabir::export::report::{previous_resolutions, to_text};
use dabir::model::{FollowUp, Meeting, Status};
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::{App, Screen};
use dabir::ui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn j(y: i32, m: u32, d: u32) -> NaiveDate {
    JalaliDate::new(y, m, d).unwrap().to_gregorian()
}

fn close(m: &mut Meeting, i: usize, status: Status, on: NaiveDate, note: &str) {
    m.resolutions[i].add_follow_up(FollowUp {
        date: on,
        note: note.into(),
        status: Some(status),
        deadline: None,
        requested_by: String::new(),
    });
}

/// Meetings of 1403/08/01 and 1403/09/01; «today» is 1403/09/15.
fn db() -> (tempfile::TempDir, std::path::PathBuf, Store, u64) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, _units) = clean_body_and_units(&store);
    let mut aban = Meeting::new(0, body.id, 0, j(1403, 8, 1), instant());
    for t in [
        "تهیه فهرست خدمات قابل واگذاری",
        "انجام شده پیش از جلسه قبل",
        "استقرار سامانه EIS نسخه 2.1",
        "لغو به دلیل تغییر اولویت",
    ] {
        aban.add_resolution(t).unwrap().approved_deadline = Some(j(1403, 9, 30));
    }
    close(&mut aban, 1, Status::Done, j(1403, 8, 20), "انجام شد");
    close(
        &mut aban,
        2,
        Status::Done,
        j(1403, 9, 5),
        "نامه شماره ۲۴ رسید",
    );
    close(&mut aban, 3, Status::Cancelled, j(1403, 9, 6), "");
    store.save_meeting(&mut aban).unwrap();
    let mut azar = Meeting::new(0, body.id, 0, j(1403, 9, 1), instant());
    azar.add_resolution("برنامه کاهش ۴۰ درصدی مراجعات").unwrap();
    store.save_meeting(&mut azar).unwrap();
    // Today's meeting is not «previous».
    let mut today = Meeting::new(0, body.id, 0, j(1403, 9, 15), instant());
    today.add_resolution("مصوبه امروز").unwrap();
    store.save_meeting(&mut today).unwrap();
    (dir, path, store, body.id)
}

#[test]
fn open_and_recently_closed_in_session_order() {
    let (_dir, _path, store, body) = db();
    let today = j(1403, 9, 15);
    let report = previous_resolutions(&store, body, today, None).unwrap();
    assert_eq!(
        report.since,
        j(1403, 9, 1),
        "the body's last meeting before today"
    );
    let lines = report.lines;
    let got: Vec<(u32, u32, Status)> = lines
        .iter()
        .map(|l| (l.session, l.number, l.status))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, 1, Status::Open),
            (1, 3, Status::Done),
            (1, 4, Status::Cancelled),
            (2, 1, Status::Open),
        ],
        "done before the last meeting and today's meeting left out"
    );
    let text = to_text(&lines, Digits::Persian);
    assert_eq!(
        text,
        "گزارش پیگیری مصوبات جلسات قبل:\n\
         - جلسه ۱ / مصوبه ۱: تهیه فهرست خدمات قابل واگذاری (مهلت: ۱۴۰۳/۰۹/۳۰)\n\
         - جلسه ۱ / مصوبه ۳: استقرار سامانه EIS نسخه 2.1 — انجام شد (۱۴۰۳/۰۹/۰۵)؛ آخرین پیگیری: نامه شماره ۲۴ رسید\n\
         - جلسه ۱ / مصوبه ۴: لغو به دلیل تغییر اولویت — لغو شد (۱۴۰۳/۰۹/۰۶)\n\
         - جلسه ۲ / مصوبه ۱: برنامه کاهش ۴۰ درصدی مراجعات"
    );
    // An earlier «since» brings the older closing back.
    let all = previous_resolutions(&store, body, today, Some(j(1403, 8, 1))).unwrap();
    assert_eq!(all.lines.len(), 5);
}

#[test]
fn the_report_screen_and_copy() {
    let (_dir, _path, store, _) = db();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(110, 12);
    // r on the Persian layout is ق.
    app.on_key(
        &store,
        KeyEvent::new(KeyCode::Char('ق'), KeyModifiers::NONE),
    );
    let Screen::Report(r) = &app.screen else {
        panic!("not the report")
    };
    // «Today» is the real date here: every meeting above is in the past.
    assert_eq!(
        r.lines.len(),
        3,
        "open ones (2 + today's) and none closed since the last"
    );
    app.on_key(
        &store,
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE),
    );
    let copied = app.clipboard.take().expect("copied");
    assert!(copied.starts_with("گزارش پیگیری مصوبات جلسات قبل:\n- جلسه ۱ / مصوبه ۱"));
    let mut t = Terminal::new(TestBackend::new(110, 12)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    // The title and the status line depend on today's date; the body lines do not.
    let lines: Vec<String> = (1..5)
        .map(|y| {
            (0..110)
                .map(|x| t.backend().buffer()[(x, y)].symbol().to_owned())
                .collect()
        })
        .collect();
    insta::assert_snapshot!("report_app_mode", lines.join("\n"));
    app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(matches!(app.screen, Screen::Meetings));
}

#[test]
fn cli_report() {
    let (_dir, path, store, _) = db();
    drop(store);
    let out =
        run_ok(dabir(&path).args(["report", "--body", "تحول اداري", "--today", "1403/09/15"]));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 5);
    assert!(text.contains("— انجام شد (۱۴۰۳/۰۹/۰۵)"));
    let out = dabir(&path)
        .args(["report", "--body", "ستاد"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no body named like"));
}

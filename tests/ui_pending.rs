//! The review screen against a hand-built database.

mod common;

use chrono::NaiveDate;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::calendar::JalaliDate;
use dabir::model::{Meeting, Status};
use dabir::store::Store;
use dabir::text::{Digits, RenderMode};
use dabir::ui::screens::pending::{FollowUpForm, PendingScreen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn j(y: i32, m: u32, d: u32) -> NaiveDate {
    JalaliDate::new(y, m, d).unwrap().to_gregorian()
}

/// Five open resolutions around the end of 1403, one done, one without deadline.
fn db() -> (tempfile::TempDir, Store, Vec<u64>) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = Meeting::new(0, body.id, 0, j(1403, 12, 1), instant());
    for (text, deadline, unit, status) in [
        ("پایان سال", Some(j(1403, 12, 30)), 0, Status::Open),
        ("آغاز سال", Some(j(1404, 1, 1)), 1, Status::InProgress),
        ("معوق", Some(j(1403, 12, 20)), 2, Status::Open),
        ("انجام شده", Some(j(1403, 12, 25)), 3, Status::Done),
        ("ماه بعد", Some(j(1404, 2, 1)), 4, Status::Open),
        ("بی مهلت", None, 0, Status::Open),
    ] {
        let r = m.add_resolution(text).unwrap();
        r.deadline = deadline;
        r.responsible = vec![units[unit].id];
        r.status = status;
    }
    store.save_meeting(&mut m).unwrap();
    (dir, store, vec![m.id])
}

fn texts(p: &PendingScreen) -> Vec<String> {
    p.visible.iter().map(|&i| p.rows[i].text.clone()).collect()
}

#[test]
fn order_filters_and_days_across_the_year_end() {
    let (_dir, store, _) = db();
    // «Today» is the last day of 1403.
    let mut p = PendingScreen::open(&store, j(1403, 12, 30), Digits::Persian, 100).unwrap();
    assert_eq!(
        texts(&p),
        vec!["معوق", "پایان سال", "آغاز سال", "ماه بعد", "بی مهلت"],
        "by deadline, none last, done absent"
    );
    let days: Vec<Option<i64>> = p
        .visible
        .iter()
        .map(|&i| p.rows[i].deadline.map(|d| (d - p.today).num_days()))
        .collect();
    // 1403/12/30 → 1404/01/01 is one day; Farvardin has 31, so 1404/02/01 is 32.
    assert_eq!(days, vec![Some(-10), Some(0), Some(1), Some(32), None]);
    p.cycle_range(); // overdue
    assert_eq!(texts(&p), vec!["معوق"]);
    p.cycle_range(); // this week (overdue included)
    assert_eq!(texts(&p), vec!["معوق", "پایان سال", "آغاز سال"]);
    p.cycle_range(); // 30 days
    assert_eq!(texts(&p).len(), 3);
    p.cycle_range(); // all
    p.cycle_status(); // open only
    assert!(!texts(&p).contains(&"آغاز سال".to_owned()));
    p.cycle_status(); // in progress only
    assert_eq!(texts(&p), vec!["آغاز سال"]);
    p.cycle_status();
    p.query = Some(dabir::ui::widgets::editor::TextField::new("مخابرات", false));
    p.refilter();
    // «معوق» is the one whose unit is شرکت مخابرات شهرستان.
    assert_eq!(
        texts(&p),
        vec!["معوق"],
        "search matches responsible units too"
    );
}

#[test]
fn follow_ups_persist_and_marked_rows_share_one() {
    let (_dir, store, ids) = db();
    let today = j(1403, 12, 30);
    let mut p = PendingScreen::open(&store, today, Digits::Persian, 100).unwrap();
    // Extend «معوق» by a month with a reason.
    let mut f = FollowUpForm::new(today, Digits::Persian, 1);
    f.fields[1].insert("درخواست تمدید به دلیل تأخیر در اعتبار");
    f.fields[2].insert("یک ماه");
    f.cycle_status(); // in progress
    let fu = f.follow_up(today, &Default::default()).unwrap();
    p.apply_follow_up(&store, &fu).unwrap();
    let m = store.meeting(ids[0]).unwrap().unwrap();
    let r = m.resolutions.iter().find(|r| r.text == "معوق").unwrap();
    assert_eq!(r.deadline, Some(j(1404, 1, 30)), "a month after today");
    assert_eq!(r.status, Status::InProgress);
    assert_eq!(r.follow_ups.len(), 1);
    assert_eq!(
        texts(&p)[..2],
        ["پایان سال".to_owned(), "آغاز سال".to_owned()],
        "the extended one moved down"
    );
    p.load_detail(&store);

    // Mark two rows, close both with one follow-up.
    p.selected = 0;
    p.toggle_mark();
    p.selected = 1;
    p.toggle_mark();
    let mut f = FollowUpForm::new(today, Digits::Persian, 2);
    f.fields[1].insert("هر دو انجام شد");
    f.cycle_status();
    f.cycle_status(); // done
    let n = p
        .apply_follow_up(&store, &f.follow_up(today, &Default::default()).unwrap())
        .unwrap();
    assert_eq!(n, 2);
    // «معوق» now falls due 1404/01/30, before «ماه بعد» (1404/02/01).
    assert_eq!(
        texts(&p),
        vec!["معوق", "ماه بعد", "بی مهلت"],
        "done ones left the list"
    );
    let m = store.meeting(ids[0]).unwrap().unwrap();
    assert_eq!(
        m.resolutions
            .iter()
            .filter(|r| r.status == Status::Done)
            .count(),
        3
    );
    assert!(
        store.open_summaries(None, 100).unwrap().len() == 3,
        "the index agrees"
    );

    // An empty follow-up is refused.
    let f = FollowUpForm::new(today, Digits::Persian, 1);
    assert!(f.follow_up(today, &Default::default()).is_err());
}

#[test]
fn the_pending_screen_from_the_keyboard_and_its_snapshot() {
    let (_dir, store, _) = db();
    let mut app = dabir::ui::app::App::new(
        &store,
        dabir::ui::keymap::Keymap::default_keymap(),
        None,
        RenderMode::Terminal,
    )
    .unwrap();
    app.on_resize(140, 24);
    // p on the Persian layout is ح.
    app.on_key(
        &store,
        KeyEvent::new(KeyCode::Char('ح'), KeyModifiers::NONE),
    );
    let dabir::ui::app::Screen::Pending(p) = &mut app.screen else {
        panic!("not pending")
    };
    // Pin «today» so the snapshot holds.
    p.today = j(1403, 12, 30);
    p.refilter();
    let mut t = Terminal::new(TestBackend::new(140, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    insta::assert_snapshot!("pending_terminal_mode", t.backend());
    // Overdue rows are red.
    let buf = t.backend().buffer();
    let red = (0..140).any(|x| buf[(x, 2)].fg == ratatui::style::Color::Red);
    assert!(red, "the overdue row's days are red");
    // Overdue only (f), then Enter opens the resolution in its meeting.
    app.on_key(
        &store,
        KeyEvent::new(KeyCode::Char('f'), KeyModifiers::NONE),
    );
    app.on_key(&store, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let dabir::ui::app::Screen::Minutes(m) = &app.screen else {
        panic!("not opened")
    };
    assert_eq!(m.fields[m.focus].editor.text(), "معوق");
    // Esc returns to the list, its filter kept, the row still selected.
    app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let dabir::ui::app::Screen::Pending(p) = &app.screen else {
        panic!("not back in the pending list")
    };
    assert_eq!(p.range, dabir::ui::screens::pending::Range::Overdue);
    assert_eq!(texts(p), vec!["معوق"]);
    assert_eq!(p.selected_row().unwrap().text, "معوق");
}

#[test]
fn body_and_unit_filters_combine_with_the_others() {
    let (_dir, store, _) = db();
    let mut p = PendingScreen::open(&store, j(1403, 12, 30), Digits::Persian, 100).unwrap();
    while p.load_more(&store, 100).unwrap() {}
    p.refilter();
    p.cycle_body();
    assert_eq!(
        p.body_filter.as_deref(),
        Some("کارگروه تحول اداری و توسعه مدیریت فرمانداری")
    );
    assert_eq!(texts(&p).len(), 5, "the one body holds every open row");
    // Units by name: «اداره امور مالیاتی» (ماه بعد) comes first.
    p.cycle_unit();
    assert_eq!(p.unit_filter.as_deref(), Some("اداره امور مالیاتی"));
    assert_eq!(texts(&p), vec!["ماه بعد"]);
    p.cycle_unit();
    assert_eq!(p.unit_filter.as_deref(), Some("اداره برنامه‌ریزی و بودجه"));
    assert_eq!(texts(&p), vec!["پایان سال", "بی مهلت"]);
    p.cycle_range(); // overdue: none of this unit's
    assert!(texts(&p).is_empty());
    p.cycle_range();
    p.cycle_range();
    p.cycle_range(); // all again
    // Four units have open rows (the done row's unit has none): two more, then all.
    for _ in 0..3 {
        p.cycle_unit();
    }
    assert_eq!(p.unit_filter, None, "after the last unit: all");
    p.cycle_body();
    assert_eq!(p.body_filter, None);
    assert_eq!(texts(&p).len(), 5);
}

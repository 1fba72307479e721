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
        r.approved_deadline = deadline;
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
    p.cycle_status(); // extended only
    assert!(texts(&p).is_empty());
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
    // Extend «معوق» by a month with a reason and who asked.
    let mut f = FollowUpForm::new(today, Digits::Persian, 1);
    f.fields[1].insert("درخواست تمدید به دلیل تأخیر در اعتبار");
    f.fields[2].insert("یک ماه");
    f.fields[3].insert("اداره برنامه‌ریزی");
    let fu = f.follow_up(today, &Default::default()).unwrap();
    p.apply_follow_up(&store, &fu).unwrap();
    let m = store.meeting(ids[0]).unwrap().unwrap();
    let r = m.resolutions.iter().find(|r| r.text == "معوق").unwrap();
    assert_eq!(r.deadline(), Some(j(1404, 1, 30)), "a month after today");
    assert_eq!(
        r.approved_deadline,
        Some(j(1403, 12, 20)),
        "the approved deadline stays"
    );
    assert_eq!(r.status, Status::Extended);
    assert_eq!(r.follow_ups.len(), 1);
    assert_eq!(r.follow_ups[0].requested_by, "اداره برنامه‌ریزی");
    let row = p.rows.iter().find(|r| r.text == "معوق").unwrap();
    assert_eq!(
        (row.status, row.extensions, row.approved),
        (Status::Extended, 1, Some(j(1403, 12, 20)))
    );
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

/// The app on the pending list at `w`×`h`, «today» pinned to 1403/12/30.
fn pending_app(store: &Store, w: u16, h: u16) -> dabir::ui::app::App {
    let mut app = dabir::ui::app::App::new(
        store,
        dabir::ui::keymap::Keymap::default_keymap(),
        None,
        RenderMode::Terminal,
    )
    .unwrap();
    app.on_resize(w, h);
    key(&mut app, store, KeyCode::Char('p'), KeyModifiers::NONE);
    let dabir::ui::app::Screen::Pending(p) = &mut app.screen else {
        panic!("not pending")
    };
    p.today = j(1403, 12, 30);
    p.refilter();
    app
}

fn key(app: &mut dabir::ui::app::App, store: &Store, code: KeyCode, mods: KeyModifiers) {
    app.on_key(store, KeyEvent::new(code, mods));
}

fn type_str(app: &mut dabir::ui::app::App, store: &Store, s: &str) {
    for c in s.chars() {
        key(app, store, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// Enter goes field by field through the follow-up form and saves on the last;
/// nothing typed leaks into the list; the extension keeps the approved deadline.
#[test]
fn enter_walks_the_follow_up_form_and_an_extension_shows_in_the_list() {
    let (_dir, store, ids) = db();
    let mut app = pending_app(&store, 140, 24);
    let dabir::ui::app::Screen::Pending(p) = &app.screen else {
        panic!("not pending")
    };
    assert_eq!(p.selected_row().unwrap().text, "معوق");
    // a: follow-up (ش on the Persian layout).
    key(&mut app, &store, KeyCode::Char('ش'), KeyModifiers::NONE);
    type_str(&mut app, &store, "درخواست");
    type_str(&mut app, &store, " تمدید شد");
    key(&mut app, &store, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        app.dialog.is_some(),
        "Enter on the note goes on, it does not save"
    );
    type_str(&mut app, &store, "1404/02/15");
    key(&mut app, &store, KeyCode::Enter, KeyModifiers::NONE);
    type_str(&mut app, &store, "فرمانداری");
    // Nothing is saved until Enter on the last field.
    let r = |store: &Store| {
        store
            .meeting(ids[0])
            .unwrap()
            .unwrap()
            .resolutions
            .into_iter()
            .find(|r| r.text == "معوق")
            .unwrap()
    };
    assert!(r(&store).follow_ups.is_empty());
    if let Some(dabir::ui::app::Dialog::FollowUp(f)) = &app.dialog {
        let texts: Vec<&str> = f.fields.iter().map(|f| f.text()).collect();
        assert_eq!(texts[1..], ["درخواست تمدید شد", "1404/02/15", "فرمانداری"]);
    }
    key(&mut app, &store, KeyCode::Enter, KeyModifiers::NONE);
    assert!(app.dialog.is_none(), "saved and closed");
    let saved = r(&store);
    assert_eq!(saved.approved_deadline, Some(j(1403, 12, 20)));
    assert_eq!(saved.deadline(), Some(j(1404, 2, 15)));
    assert_eq!(saved.follow_ups[0].requested_by, "فرمانداری");
    assert_eq!(saved.follow_ups[0].note, "درخواست تمدید شد");
    assert_eq!(saved.status, Status::Extended);
    let mut t = Terminal::new(TestBackend::new(140, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let screen = format!("{:?}", t.backend());
    assert!(screen.contains("تمدید شده ×۱"), "{screen}");
    assert!(
        screen.contains("مهلت مصوب: ۱۴۰۳/۱۲/۲۰ · مهلت کنونی: ۱۴۰۴/۰۲/۱۵ · ۱ بار تمدید"),
        "{screen}"
    );

    // Ctrl+S saves from the first field.
    key(&mut app, &store, KeyCode::Char('a'), KeyModifiers::NONE);
    type_str(&mut app, &store, "پیگیری تلفنی");
    key(&mut app, &store, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.dialog.is_none());
    assert_eq!(r(&store).follow_ups.len(), 2);
}

/// At 60×20 the pending list drops the body, units, status and days columns
/// before it cuts into the resolution's text.
#[test]
fn a_narrow_pending_list_keeps_the_start_of_the_text() {
    let (_dir, store, _) = db();
    let app = pending_app(&store, 60, 20);
    let mut t = Terminal::new(TestBackend::new(60, 20)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    insta::assert_snapshot!("pending_60x20", t.backend());
}

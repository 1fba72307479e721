//! Behaviour of the minutes editor: key sequences through the real keymap and
//! update path (commands typed with the Persian layout active), then assertions
//! on the meeting as stored.

mod common;

use std::time::{Duration, Instant};

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::model::{Meeting, Presence, Status};
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::{App, Dialog, Screen};
use dabir::ui::keymap::Keymap;
use dabir::ui::screens::prompt::Confirm;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn press(app: &mut App, store: &Store, code: KeyCode, mods: KeyModifiers) {
    app.on_key(store, KeyEvent::new(code, mods));
}

fn typ(app: &mut App, store: &Store, text: &str) {
    for c in text.chars() {
        press(app, store, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn alt(app: &mut App, store: &Store, c: char) {
    press(app, store, KeyCode::Char(c), KeyModifiers::ALT);
}

fn key(app: &mut App, store: &Store, code: KeyCode) {
    press(app, store, code, KeyModifiers::NONE);
}

fn setup() -> (tempfile::TempDir, Store, App) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 40);
    (dir, store, app)
}

fn stored(store: &Store, id: u64) -> Meeting {
    store.meeting(id).unwrap().unwrap()
}

/// A new meeting of `body` from the list (n, the body's name, Enter through the
/// dialog's three fields); its id.
fn new_meeting(app: &mut App, store: &Store, body: &str) -> u64 {
    typ(app, store, "n");
    typ(app, store, body);
    for _ in 0..3 {
        key(app, store, KeyCode::Enter);
    }
    current_id(app)
}

fn current_id(app: &App) -> u64 {
    match &app.screen {
        Screen::Minutes(m) => m.meeting.id,
        _ => panic!("not in the minutes editor"),
    }
}

/// Types the header, attendance, an agenda item, two discussion entries and two
/// resolutions of clean.txt, with commands given on the Persian layout (Alt+ح
/// for alt-p, Alt+ی for alt-d, Alt+ق for alt-r), and checks the stored meeting.
#[test]
fn typing_clean_txt_minutes_with_persian_layout_commands() {
    let (_dir, store, mut app) = setup();
    // n (on the Persian layout: د) opens the new-meeting dialog.
    typ(&mut app, &store, "د");
    assert!(app.dialog.is_some(), "د is n on the Persian layout");
    typ(
        &mut app,
        &store,
        "کارگروه تحول اداری و توسعه مدیریت فرمانداری",
    );
    key(&mut app, &store, KeyCode::Enter);
    // The date field is prefilled with today; replace it with clean.txt's date.
    for _ in 0..12 {
        key(&mut app, &store, KeyCode::Backspace);
    }
    typ(&mut app, &store, "۱۴۰۳/۰۸/۱۵");
    key(&mut app, &store, KeyCode::Enter);
    for _ in 0..6 {
        key(&mut app, &store, KeyCode::Backspace);
    }
    typ(&mut app, &store, "۰۹:۰۰");
    key(&mut app, &store, KeyCode::Enter);
    assert!(app.dialog.is_none(), "{:?}", app.status);
    let id = current_id(&app);

    // Header: date (kept), start (kept), end, place, chair, secretary.
    key(&mut app, &store, KeyCode::Tab);
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "۱۱:۳۰");
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "سالن شهید رجایی فرمانداری");
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "جناب آقای مهدی کاظمی، فرماندار");
    key(&mut app, &store, KeyCode::Tab);
    typ(
        &mut app,
        &store,
        "خانم زهرا نوروزی، رئیس اداره برنامه‌ریزی و بودجه",
    );

    // Attendance: two present, one absent (Alt+ف = alt-t cycles presence).
    for who in [
        "جناب آقای رضا صالحی، معاون فرماندار",
        "جناب آقای علی محمدی، مدیر فناوری اطلاعات",
        "جناب آقای حسن یوسفی، رئیس اداره ثبت اسناد",
    ] {
        alt(&mut app, &store, 'ح');
        typ(&mut app, &store, who);
    }
    alt(&mut app, &store, 'ف');

    // Agenda (Alt+ل = alt-g).
    alt(&mut app, &store, 'ل');
    typ(
        &mut app,
        &store,
        "بررسی پیشرفت استقرار سامانه EIS نسخه 2.1 در بخشداری‌ها",
    );

    // Two discussion entries; the speaker completes from two letters.
    alt(&mut app, &store, 'ی');
    typ(&mut app, &store, "صال");
    key(&mut app, &store, KeyCode::Enter);
    typ(
        &mut app,
        &store,
        "بر لزوم پیگیری جدی مصوبات جلسه قبل تأکید کرد.",
    );
    alt(&mut app, &store, 'ی');
    typ(&mut app, &store, "محم");
    key(&mut app, &store, KeyCode::Enter);
    typ(
        &mut app,
        &store,
        "اعلام کرد که سامانه EIS در ۳ بخشداری از ۵ بخشداری مستقر شده است.",
    );

    // Two resolutions with units and deadlines.
    alt(&mut app, &store, 'ق');
    typ(
        &mut app,
        &store,
        "فرمانداری نسبت به تهیه فهرست خدمات قابل واگذاری به بخشداری‌ها اقدام نماید.",
    );
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "اداره برنامه‌ریزی و بودجه");
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "۱۴۰۳/۰۹/۳۰");
    alt(&mut app, &store, 'ق');
    typ(
        &mut app,
        &store,
        "استقرار سامانه EIS در دو بخشداری باقی‌مانده تکمیل گردد.",
    );
    key(&mut app, &store, KeyCode::Tab);
    typ(
        &mut app,
        &store,
        "مدیریت فناوری اطلاعات؛ شرکت مخابرات شهرستان",
    );
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "دو هفته پس از جلسه");

    // Nothing saved yet beyond the debounce; a tick past it saves.
    app.tick(&store, Instant::now() + Duration::from_millis(400));
    let m = stored(&store, id);
    assert_eq!(m.number, 1);
    assert_eq!(m.date, date(2024, 11, 5));
    assert_eq!(m.start, chrono::NaiveTime::from_hms_opt(9, 0, 0));
    assert_eq!(m.end, chrono::NaiveTime::from_hms_opt(11, 30, 0));
    assert_eq!(m.place, "سالن شهید رجایی فرمانداری");
    assert_eq!(m.chair.as_ref().unwrap().post, "فرماندار");
    assert_eq!(m.secretary.as_ref().unwrap().name, "خانم زهرا نوروزی");
    assert_eq!(m.attendees.len(), 3);
    assert_eq!(m.attendees[2].presence, Presence::Absent);
    assert_eq!(
        m.agenda[0].text,
        "بررسی پیشرفت استقرار سامانه EIS نسخه 2.1 در بخشداری‌ها"
    );
    assert_eq!(m.discussion.len(), 2);
    assert_eq!(
        m.discussion[0].speaker,
        "جناب آقای رضا صالحی، معاون فرماندار"
    );
    assert_eq!(
        m.discussion[1].speaker,
        "جناب آقای علی محمدی، مدیر فناوری اطلاعات"
    );
    assert!(m.discussion[1].text.contains("EIS"));
    assert_eq!(m.resolutions.len(), 2);
    assert_eq!(m.resolutions[0].approved_deadline, Some(date(2024, 12, 20)));
    assert_eq!(
        m.resolutions[1].approved_deadline,
        Some(date(2024, 11, 19)),
        "two weeks after the meeting"
    );

    // Leaving saves and resolves the units of the last field.
    key(&mut app, &store, KeyCode::Esc);
    let m = stored(&store, id);
    let units = store.unit_names().unwrap();
    let names = |i: usize| -> Vec<String> {
        m.resolutions[i]
            .responsible
            .iter()
            .map(|u| units[u].clone())
            .collect()
    };
    assert_eq!(names(0), vec!["اداره برنامه‌ریزی و بودجه"]);
    assert_eq!(
        names(1),
        vec!["مدیریت فناوری اطلاعات", "شرکت مخابرات شهرستان"]
    );

    // The body learnt its defaults: the next meeting starts prefilled, numbered 2.
    typ(&mut app, &store, "n");
    key(&mut app, &store, KeyCode::Enter);
    key(&mut app, &store, KeyCode::Enter);
    key(&mut app, &store, KeyCode::Enter);
    let next = stored(&store, current_id(&app));
    assert_eq!(next.number, 2);
    assert_eq!(next.attendees.len(), 3);
    assert_eq!(next.place, "سالن شهید رجایی فرمانداری");
    assert_eq!(next.chair.as_ref().unwrap().name, "جناب آقای مهدی کاظمی");
    // Carry-over: the open resolutions of meeting 1 open the agenda.
    assert!(
        next.agenda[0]
            .text
            .starts_with("گزارش پیگیری مصوبات جلسات قبل")
    );
    assert!(next.agenda[0].text.contains("مصوبه ۲"));
}

#[test]
fn renumbering_after_delete_and_move_and_undo() {
    let (_dir, store, mut app) = setup();
    let id = new_meeting(&mut app, &store, "شورای اداری شهرستان");
    for t in ["الف", "ب", "ج"] {
        alt(&mut app, &store, 'r');
        typ(&mut app, &store, t);
    }
    // Focus is on resolution 3 («ج»): move it up, then delete it.
    press(&mut app, &store, KeyCode::Up, KeyModifiers::ALT);
    app.save_all(&store);
    let texts = |m: &Meeting| {
        m.resolutions
            .iter()
            .map(|r| (r.number, r.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(&stored(&store, id)),
        vec![(1, "الف".into()), (2, "ج".into()), (3, "ب".into())]
    );
    // Alt+X asks first, naming the row; Esc keeps it.
    alt(&mut app, &store, 'x');
    assert!(matches!(
        &app.dialog,
        Some(Dialog::Confirm(Confirm::DeleteRow(row))) if row == "مصوبه ۲ / Resolution 2"
    ));
    key(&mut app, &store, KeyCode::Esc);
    assert!(app.dialog.is_none());
    app.save_all(&store);
    assert_eq!(stored(&store, id).resolutions.len(), 3);
    // Enter deletes it, and the status line says what went.
    alt(&mut app, &store, 'x');
    key(&mut app, &store, KeyCode::Enter);
    assert!(app.dialog.is_none());
    assert_eq!(
        app.status_text().as_deref(),
        Some("مصوبه ۲ حذف شد / Resolution 2 deleted")
    );
    app.save_all(&store);
    assert_eq!(
        texts(&stored(&store, id)),
        vec![(1, "الف".into()), (2, "ب".into())]
    );

    // Undo in a field: a word at a time.
    alt(&mut app, &store, 'r');
    typ(&mut app, &store, "بر لزوم پیگیری");
    press(&mut app, &store, KeyCode::Char('z'), KeyModifiers::CONTROL);
    app.save_all(&store);
    assert_eq!(stored(&store, id).resolutions[2].text, "بر لزوم ");
    assert!(
        stored(&store, id)
            .resolutions
            .iter()
            .all(|r| r.status == Status::Open)
    );
}

#[test]
fn the_agenda_is_typed_as_a_list_with_enter() {
    let (_dir, store, mut app) = setup();
    let id = new_meeting(&mut app, &store, "کارگروه تحول اداری");
    alt(&mut app, &store, 'g');
    typ(&mut app, &store, "گزارش پیگیری مصوبات");
    key(&mut app, &store, KeyCode::Enter);
    typ(&mut app, &store, "سامانه EIS");
    key(&mut app, &store, KeyCode::Enter);
    // The third item opened empty; Enter again removes it and leaves the agenda.
    key(&mut app, &store, KeyCode::Enter);
    app.save_all(&store);
    let texts: Vec<String> = stored(&store, id)
        .agenda
        .into_iter()
        .map(|a| a.text)
        .collect();
    assert_eq!(texts, vec!["گزارش پیگیری مصوبات", "سامانه EIS"]);
    let Screen::Minutes(m) = &app.screen else {
        panic!("not in the minutes")
    };
    assert!(
        !matches!(
            m.fields[m.focus].kind,
            dabir::ui::screens::fields::Kind::Agenda(_)
        ),
        "the cursor left the agenda"
    );
}

#[test]
fn the_finalise_checklist_refuses_an_empty_resolution_and_jumps_to_it() {
    let (_dir, store, mut app) = setup();
    let id = new_meeting(&mut app, &store, "ستاد تنظیم بازار");
    alt(&mut app, &store, 'r');
    typ(&mut app, &store, "فرمانداری اقدام نماید.");
    key(&mut app, &store, KeyCode::Tab);
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "۱۴۰۳/۰۸/۰۱");
    // A deadline before the meeting is flagged while it is typed.
    match &app.screen {
        Screen::Minutes(m) => {
            let note = m.fields[m.focus].note.clone().unwrap_or_default();
            assert!(note.contains("⚠ پیش از تاریخ جلسه"), "{note}");
        }
        _ => panic!("not in the minutes"),
    }
    alt(&mut app, &store, 'r');
    press(&mut app, &store, KeyCode::Char('f'), KeyModifiers::CONTROL);
    let Some(Dialog::Checklist(c)) = &app.dialog else {
        panic!("no checklist");
    };
    // The empty resolution refuses: no «finalise» line, the cursor on it.
    assert!(!c.can_finalise());
    assert_eq!(c.selected, 0);
    assert!(c.problems[0].fa.starts_with("مصوبه ۲ متن ندارد"));
    assert!(
        c.problems
            .iter()
            .any(|p| p.fa.starts_with("مهلت مصوبه ۱ پیش از تاریخ جلسه"))
    );
    key(&mut app, &store, KeyCode::Enter);
    assert!(app.dialog.is_none());
    assert!(!stored(&store, id).is_final());
    let Screen::Minutes(m) = &app.screen else {
        panic!("not in the minutes")
    };
    assert_eq!(m.focused_resolution(), Some(1));
}

#[test]
fn final_minutes_are_read_only_until_reopened_with_a_reason() {
    let (_dir, store, mut app) = setup();
    app.user = "زهرا نوروزی".into();
    let id = new_meeting(&mut app, &store, "ستاد تنظیم بازار");
    key(&mut app, &store, KeyCode::Tab);
    key(&mut app, &store, KeyCode::Tab);
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "سالن");
    // Ctrl+F lists what to look at first (no chair, no secretary, no one
    // present); the selection is on «finalise with these warnings».
    press(&mut app, &store, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert!(!stored(&store, id).is_final());
    match &app.dialog {
        Some(Dialog::Checklist(c)) => {
            assert_eq!(c.problems.len(), 3, "{:?}", c.problems);
            assert_eq!(c.selected, 3);
        }
        _ => panic!("no checklist"),
    }
    assert!(app.status_text().as_deref().unwrap().contains("۳ هشدار"));
    key(&mut app, &store, KeyCode::Enter);
    assert!(stored(&store, id).is_final());
    typ(&mut app, &store, "X");
    assert!(
        app.status_text()
            .as_deref()
            .unwrap_or("")
            .contains("reopen"),
        "{:?}",
        app.status
    );
    assert_eq!(stored(&store, id).place, "سالن");
    // Reopen asks for a reason; an empty one is refused.
    press(&mut app, &store, KeyCode::Char('o'), KeyModifiers::CONTROL);
    key(&mut app, &store, KeyCode::Enter);
    assert!(stored(&store, id).is_final());
    typ(&mut app, &store, "اصلاح نام مکان");
    key(&mut app, &store, KeyCode::Enter);
    let m = stored(&store, id);
    assert!(!m.is_final());
    assert_eq!(
        m.history.last().unwrap().event,
        dabir::model::Event::Reopened {
            reason: "اصلاح نام مکان".into()
        }
    );
    assert_eq!(m.history.last().unwrap().by, "زهرا نوروزی");
    // The header says it was reopened; F10 lists who finalised, who reopened, why.
    let Screen::Minutes(ms) = &app.screen else {
        unreachable!()
    };
    assert!(
        ms.header(chrono::Local::now())
            .contains("بازگشایی‌شده (F10)")
    );
    key(&mut app, &store, KeyCode::F(10));
    let Some(Dialog::History(h)) = &app.dialog else {
        panic!("no history panel")
    };
    assert_eq!(h.lines.len(), 2);
    assert!(
        h.lines[0].contains("نهایی شد · زهرا نوروزی"),
        "{:?}",
        h.lines
    );
    assert!(
        h.lines[1].contains("بازگشایی شد؛ دلیل: اصلاح نام مکان · زهرا نوروزی"),
        "{:?}",
        h.lines
    );
    typ(&mut app, &store, "Y");
    key(&mut app, &store, KeyCode::Esc);
    assert!(app.dialog.is_none());
    typ(&mut app, &store, "X");
    app.save_all(&store);
    assert_eq!(
        stored(&store, id).place,
        "سالنX",
        "nothing typed reached the field"
    );
}

#[test]
fn paste_is_cleaned_and_a_megabyte_is_fast() {
    let (_dir, store, mut app) = setup();
    let id = new_meeting(&mut app, &store, "ستاد");
    alt(&mut app, &store, 'g');
    app.on_paste("بند\u{1b}[31m یک\r\nبند دو");
    app.save_all(&store);
    assert_eq!(stored(&store, id).agenda[0].text, "بند[31m یک\nبند دو");
    let big = "کارگروه تحول اداری EIS 2.1 ".repeat(40_000);
    assert!(big.len() > 1_000_000);
    let t = Instant::now();
    app.on_paste(&big);
    let took = t.elapsed();
    app.save_all(&store);
    assert!(stored(&store, id).agenda[0].text.len() > 1_000_000);
    // The target (100 ms) is measured in release by `cargo bench --bench ui`; here
    // only a guard against a hang. A debug build takes 6.7–7.4 s on an idle 2-core
    // machine and failed a 10 s bound with the other tests and a build beside it.
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn the_minutes_screen_renders_in_both_modes() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    for mode in [RenderMode::App, RenderMode::Terminal] {
        let mut app = App::new(&store, Keymap::default_keymap(), None, mode).unwrap();
        app.on_resize(120, 40);
        key(&mut app, &store, KeyCode::Enter);
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| app.render(f)).unwrap();
        let screen = format!("{}", t.backend());
        // The clock and save time change; compare the rest.
        let screen: String = screen.lines().skip(1).collect::<Vec<_>>().join("\n");
        match mode {
            RenderMode::Terminal => {
                assert!(screen.contains("سالن شهید رجایی فرمانداری"), "{screen}");
                insta::assert_snapshot!("minutes_terminal_mode", screen);
            }
            _ => insta::assert_snapshot!("minutes_app_mode", screen),
        }
    }
}

#[test]
fn the_proposed_session_number_can_be_corrected() {
    let (_dir, store, mut app) = setup();
    typ(&mut app, &store, "n");
    typ(
        &mut app,
        &store,
        "کارگروه تحول اداری و توسعه مدیریت فرمانداری",
    );
    for _ in 0..3 {
        key(&mut app, &store, KeyCode::Enter);
    }
    let id = current_id(&app);
    assert_eq!(stored(&store, id).number, 1, "proposed: last + 1");
    press(&mut app, &store, KeyCode::BackTab, KeyModifiers::SHIFT);
    key(&mut app, &store, KeyCode::Backspace);
    typ(&mut app, &store, "۱۲");
    app.save_all(&store);
    assert_eq!(stored(&store, id).number, 12);
    typ(&mut app, &store, "x");
    app.save_all(&store);
    assert_eq!(
        stored(&store, id).number,
        12,
        "«۱۲x» is invalid: the last good number stays"
    );
    key(&mut app, &store, KeyCode::Esc);
    assert_eq!(
        store.next_session_number(stored(&store, id).body).unwrap(),
        13
    );
}

#[test]
fn a_narrow_terminal_gets_a_message_not_a_broken_layout() {
    let (_dir, store, app) = setup();
    let mut t = Terminal::new(TestBackend::new(50, 10)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let screen = format!("{}", t.backend());
    assert!(screen.contains("60"), "{screen}");
    drop(store);
}

/// Units being typed are saved with every save (so a crash keeps them); a name
/// caught half typed by a save («ادار») is deleted when the field is left.
#[test]
fn units_are_saved_while_typed_and_half_names_cleaned_up() {
    let (_dir, store, mut app) = setup();
    let id = new_meeting(&mut app, &store, "شورای اداری بخشداری مرکزی");
    alt(&mut app, &store, 'r');
    typ(&mut app, &store, "استقرار یک دستگاه لودر");
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "ادار");
    app.tick(&store, Instant::now() + Duration::from_millis(400));
    let names = |store: &Store| -> Vec<String> {
        store.units().unwrap().into_iter().map(|u| u.name).collect()
    };
    assert_eq!(
        names(&store),
        vec!["ادار"],
        "saved as typed, in case of a crash"
    );
    typ(&mut app, &store, "ه راهداری");
    app.tick(&store, Instant::now() + Duration::from_millis(400));
    let units = store.unit_names().unwrap();
    let m = stored(&store, id);
    assert_eq!(
        m.resolutions[0]
            .responsible
            .iter()
            .map(|u| units[u].clone())
            .collect::<Vec<_>>(),
        vec!["اداره راهداری"]
    );
    key(&mut app, &store, KeyCode::Tab);
    assert_eq!(
        names(&store),
        vec!["اداره راهداری"],
        "the half name is gone"
    );
}

#[test]
fn the_ui_in_english() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::Terminal).unwrap();
    app.set_lang(dabir::lang::Lang::En);
    app.on_resize(120, 45);
    let draw = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(120, 45)).unwrap();
        t.draw(|f| app.render(f)).unwrap();
        format!("{}", t.backend())
    };
    let list = draw(&app);
    assert!(
        list.contains("Meetings") && list.contains("body") && list.contains("draft"),
        "{list}"
    );
    assert!(list.contains("n new meeting"), "{list}");
    key(&mut app, &store, KeyCode::Enter);
    let minutes = draw(&app);
    for label in [
        "Session ۱۲",
        "Date",
        "Place",
        "Attendance",
        "Resolution 1",
        "Deadline",
        "Responsible",
    ] {
        assert!(minutes.contains(label), "«{label}» missing:\n{minutes}");
    }
    assert!(minutes.contains("۱۴۰۳/۰۸/۱۵"), "dates stay Jalali");
    assert!(
        minutes.contains("سالن شهید رجایی فرمانداری"),
        "content stays as typed"
    );
    typ(&mut app, &store, "x");
    press(&mut app, &store, KeyCode::Char('f'), KeyModifiers::CONTROL);
    key(&mut app, &store, KeyCode::Enter);
    typ(&mut app, &store, "y");
    assert_eq!(
        app.lang.message(app.status_text().as_deref().unwrap()),
        "final minutes: reopen with Ctrl+O to edit"
    );
}

#[test]
fn a_discussion_entry_links_to_an_agenda_item() {
    let (_dir, store, mut app) = setup();
    let id = new_meeting(&mut app, &store, "کارگروه تحول اداری");
    for item in ["گزارش پیگیری مصوبات", "سامانه EIS"] {
        alt(&mut app, &store, 'g');
        typ(&mut app, &store, item);
    }
    alt(&mut app, &store, 'd');
    typ(&mut app, &store, "خانم نوروزی");
    key(&mut app, &store, KeyCode::Enter);
    typ(&mut app, &store, "گزارش داد.");
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "۲");
    app.save_all(&store);
    assert_eq!(stored(&store, id).discussion[0].agenda_item, Some(2));
    // The next entry starts on the same item.
    alt(&mut app, &store, 'd');
    app.save_all(&store);
    assert_eq!(stored(&store, id).discussion[1].agenda_item, Some(2));
    // An item that does not exist is refused; the last good value stays.
    key(&mut app, &store, KeyCode::Tab);
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "۹");
    app.save_all(&store);
    assert_eq!(
        stored(&store, id).discussion[1].agenda_item,
        Some(2),
        "«۲۹» refused"
    );
}

/// A follow-up from the meeting itself: Alt+F on a resolution (Alt+ب on the Persian
/// layout), even in final minutes; the label shows where it stands.
#[test]
fn follow_up_from_the_meeting() {
    let (_dir, store, _) = setup();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    m.finalise(instant(), "زهرا نوروزی");
    store.save_meeting(&mut m).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 40);
    key(&mut app, &store, KeyCode::Enter);
    assert_eq!(current_id(&app), m.id);
    // Not on a resolution: refused with a message.
    alt(&mut app, &store, 'f');
    assert!(app.dialog.is_none());
    assert!(app.status_text().as_deref().unwrap().contains("resolution"));
    let Screen::Minutes(ms) = &mut app.screen else {
        unreachable!()
    };
    ms.focus_resolution(2);
    alt(&mut app, &store, 'ب');
    assert!(app.dialog.is_some(), "the follow-up form");
    typ(&mut app, &store, "با شرکت مخابرات تماس گرفته شد");
    alt(&mut app, &store, 't'); // in progress
    key(&mut app, &store, KeyCode::Tab);
    typ(&mut app, &store, "1403/10/15");
    key(&mut app, &store, KeyCode::Enter);
    assert!(app.dialog.is_some(), "Enter goes on to «asked by»");
    key(&mut app, &store, KeyCode::Enter);
    assert!(app.dialog.is_none(), "{:?}", app.status);
    let saved = stored(&store, m.id);
    let r = &saved.resolutions[1];
    assert_eq!(r.status, Status::InProgress, "the status given wins");
    assert_eq!(r.deadline(), Some(date(2025, 1, 4)), "1403/10/15");
    assert_eq!(
        r.approved_deadline, m.resolutions[1].approved_deadline,
        "the approved deadline stays"
    );
    assert_eq!(
        r.follow_ups.last().unwrap().note,
        "با شرکت مخابرات تماس گرفته شد"
    );
    let Screen::Minutes(ms) = &app.screen else {
        unreachable!()
    };
    let label = ms.fields[ms.focus]
        .kind
        .label(&ms.meeting, dabir::text::Digits::Persian);
    assert!(label.starts_with("مصوبه ۲ ◔"), "{label}");
    let deadline = ms
        .fields
        .iter()
        .find(|f| f.kind == dabir::ui::screens::fields::Kind::Deadline(1))
        .unwrap();
    assert_eq!(
        deadline.editor.text(),
        "۱۴۰۳/۰۹/۱۵",
        "the field keeps the approved deadline"
    );
    let note = deadline.note.as_deref().unwrap();
    assert!(note.contains("تمدید شده تا ۱۴۰۳/۱۰/۱۵ (۱ بار)"), "{note}");
}

/// A meeting an older dabir stored with an ESC in it: the minutes screen shows it
/// as ␛, as the lists do, and says the next save drops it; it does not vanish
/// unseen.
#[test]
fn stored_control_characters_are_shown_not_dropped_silently() {
    let (_dir, store, _) = setup();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    m.place = "سالن\u{1b}]0;PWN".into();
    // Written past the store's cleaning, as an old version would have.
    store
        .raw_tree("meetings")
        .unwrap()
        .insert(m.id.to_be_bytes(), dabir::store::codec::encode(&m).unwrap())
        .unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 40);
    key(&mut app, &store, KeyCode::Enter);
    assert_eq!(current_id(&app), m.id);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let screen = format!("{}", t.backend());
    assert!(screen.contains('␛'), "{screen}");
    assert!(
        app.status_text()
            .as_deref()
            .is_some_and(|s| s.contains("the next save drops them")),
        "{:?}",
        app.status
    );
}

/// F1's help is modal: typed characters and commands do not reach the meeting
/// below while it is open; Esc closes it.
#[test]
fn the_help_overlay_swallows_keys() {
    let (_dir, store, mut app) = setup();
    let id = new_meeting(&mut app, &store, "ستاد");
    app.save_all(&store);
    let before = stored(&store, id);
    press(&mut app, &store, KeyCode::F(1), KeyModifiers::NONE);
    assert!(app.help);
    typ(&mut app, &store, "متن");
    alt(&mut app, &store, 'r');
    app.on_paste("چسبانده");
    key(&mut app, &store, KeyCode::Backspace);
    assert!(app.help, "still open");
    key(&mut app, &store, KeyCode::Esc);
    assert!(!app.help);
    assert_eq!(current_id(&app), id, "Esc closed the help, not the meeting");
    app.save_all(&store);
    let after = stored(&store, id);
    assert_eq!(after.resolutions.len(), before.resolutions.len());
    assert_eq!(after.place, before.place);
    assert_eq!(after.agenda, before.agenda);
}

/// Ctrl+U clears the focused field and Ctrl+W deletes the word before the cursor,
/// with the Persian layout active too (Ctrl+ع, Ctrl+ص), and both are saved.
#[test]
fn ctrl_u_clears_a_field_and_ctrl_w_deletes_a_word() {
    let (_dir, store, mut app) = setup();
    let id = new_meeting(&mut app, &store, "ستاد");
    // The place: three fields on from where a new meeting starts.
    for _ in 0..3 {
        key(&mut app, &store, KeyCode::Tab);
    }
    typ(&mut app, &store, "سالن جلسات فرمانداری");
    press(&mut app, &store, KeyCode::Char('ص'), KeyModifiers::CONTROL);
    app.save_all(&store);
    assert_eq!(stored(&store, id).place, "سالن جلسات ");
    press(&mut app, &store, KeyCode::Char('ع'), KeyModifiers::CONTROL);
    app.save_all(&store);
    assert_eq!(stored(&store, id).place, "");
}

/// Pre-filled values are selected when their field takes the focus: the body of
/// the last meeting, the date and time in the new-meeting dialog, the session
/// number, date and start in the minutes. The first typed character replaces the
/// value.
#[test]
fn a_pre_filled_value_is_replaced_by_typing() {
    let (_dir, store, mut app) = setup();
    let first = new_meeting(&mut app, &store, "ستاد تنظیم بازار");
    key(&mut app, &store, KeyCode::Esc);
    typ(&mut app, &store, "n");
    let Some(Dialog::NewMeeting(d)) = &app.dialog else {
        panic!("no dialog")
    };
    assert_eq!(
        d.fields[0].text(),
        "ستاد تنظیم بازار",
        "the last body proposed"
    );
    assert!(d.fields[0].is_selected());
    // Another body typed over the proposal; the date and time replaced as typed.
    typ(&mut app, &store, "کارگروه اشتغال");
    key(&mut app, &store, KeyCode::Enter);
    typ(&mut app, &store, "۱۴۰۳/۰۸/۲۰");
    key(&mut app, &store, KeyCode::Enter);
    typ(&mut app, &store, "۱۰:۳۰");
    key(&mut app, &store, KeyCode::Enter);
    let id = current_id(&app);
    assert_ne!(id, first);
    let m = stored(&store, id);
    assert_eq!(m.date, date(2024, 11, 10), "1403/08/20");
    assert_eq!(m.start, chrono::NaiveTime::from_hms_opt(10, 30, 0));
    // In the minutes: Shift+Tab from the date onto the session number selects it.
    let Screen::Minutes(ms) = &app.screen else {
        unreachable!()
    };
    let focus = ms.fields[ms.focus].kind;
    assert_eq!(focus, dabir::ui::screens::fields::Kind::Date, "{focus:?}");
    press(&mut app, &store, KeyCode::BackTab, KeyModifiers::SHIFT);
    let Screen::Minutes(ms) = &app.screen else {
        unreachable!()
    };
    assert_eq!(
        ms.fields[ms.focus].kind,
        dabir::ui::screens::fields::Kind::Number
    );
    assert!(ms.fields[ms.focus].editor.is_selected());
    typ(&mut app, &store, "۷");
    app.save_all(&store);
    assert_eq!(stored(&store, id).number, 7);
}

fn screen_text(app: &App, w: u16, h: u16) -> (String, ratatui::layout::Position) {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..h {
        for x in 0..w {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    (s, t.get_cursor_position().unwrap())
}

/// Alt+5 brings the whole resolutions section into view (it used to put only its
/// first field at the bottom); at 60×20 the focused field stays on screen.
#[test]
fn section_jumps_show_the_whole_section_and_a_small_terminal_keeps_the_focus() {
    let (_dir, store, _) = setup();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    m.state = dabir::model::MeetingState::Draft;
    // A long discussion, so the resolutions start below the first screen.
    for i in 0..12 {
        m.discussion.push(dabir::model::DiscussionEntry {
            speaker: format!("سخنران {i}"),
            agenda_item: None,
            text: "گزارشی از پیشرفت کار ارائه شد.".into(),
            typed_at: instant(),
        });
    }
    store.save_meeting(&mut m).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::Terminal).unwrap();
    app.on_resize(120, 30);
    key(&mut app, &store, KeyCode::Enter);
    alt(&mut app, &store, '5');
    let (screen, _) = screen_text(&app, 120, 30);
    for r in &m.resolutions {
        let start: String = r.text.chars().take(12).collect();
        assert!(screen.contains(&start), "«{start}» not in view:\n{screen}");
    }
    // Back to the header, then the discussion: its first entry is in view.
    alt(&mut app, &store, '1');
    alt(&mut app, &store, '4');
    let (screen, _) = screen_text(&app, 120, 30);
    assert!(screen.contains(&m.discussion[0].speaker), "{screen}");

    // 60×20: Tab through every field; the cursor is always inside the minutes.
    app.on_resize(60, 20);
    alt(&mut app, &store, '1');
    let Screen::Minutes(ms) = &app.screen else {
        unreachable!()
    };
    let fields = ms.fields.len();
    for _ in 0..fields {
        key(&mut app, &store, KeyCode::Tab);
        let (screen, cursor) = screen_text(&app, 60, 20);
        assert!(
            cursor.y >= 1 && cursor.y < 18 && cursor.x < 60,
            "cursor {cursor:?} off the minutes:\n{screen}"
        );
    }
}

/// A unit whose name holds «،» («اداره صنعت، معدن و تجارت») stays one unit when
/// its field is passed through (it used to be split into two new units).
#[test]
fn a_unit_name_with_a_comma_is_not_split() {
    let (_dir, store, _) = setup();
    let (body, _) = clean_body_and_units(&store);
    let mut unit = dabir::model::Unit {
        id: 0,
        ..dabir::model::Unit::named("اداره صنعت، معدن و تجارت")
    };
    store.save_unit(&mut unit).unwrap();
    let mut m = Meeting::new(0, body.id, 0, date(2024, 11, 5), instant());
    m.add_resolution("نرخ کالاهای اساسی پایش شود.")
        .unwrap()
        .responsible = vec![unit.id];
    store.save_meeting(&mut m).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 40);
    key(&mut app, &store, KeyCode::Enter);
    let Screen::Minutes(ms) = &mut app.screen else {
        unreachable!()
    };
    ms.focus_resolution(1);
    key(&mut app, &store, KeyCode::Tab); // onto the units
    key(&mut app, &store, KeyCode::Tab); // and off them
    app.save_all(&store);
    let saved = stored(&store, m.id);
    assert_eq!(saved.resolutions[0].responsible, vec![unit.id]);
    assert_eq!(
        store.units().unwrap().len(),
        1 + 5,
        "no unit was made of its halves"
    );
}

//! The dashboard: figures per unit and per month against a hand-built database,
//! and its snapshot with Persian labels.

mod common;

use chrono::NaiveDate;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::calendar::JalaliDate;
use dabir::model::{FollowUp, Meeting, Status};
use dabir::store::Store;
use dabir::text::{Digits, RenderMode};
use dabir::ui::app::{App, Screen};
use dabir::ui::keymap::Keymap;
use dabir::ui::screens::dashboard::DashboardScreen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn j(y: i32, m: u32, d: u32) -> NaiveDate {
    JalaliDate::new(y, m, d).unwrap().to_gregorian()
}

/// Two meetings: Azar and Dey 1403; units 0 and 1 of clean.txt get most.
fn db() -> (tempfile::TempDir, Store, Vec<dabir::model::Unit>) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut azar = Meeting::new(0, body.id, 0, j(1403, 9, 1), instant());
    let mut dey = Meeting::new(0, body.id, 0, j(1403, 10, 1), instant());
    for (which, text, unit, deadline, status, done) in [
        (
            0,
            "تهیه فهرست خدمات",
            0,
            j(1403, 9, 20),
            Status::Done,
            Some(j(1403, 9, 11)),
        ),
        (
            0,
            "استقرار سامانه EIS",
            0,
            j(1403, 9, 30),
            Status::Open,
            None,
        ),
        (
            0,
            "گزارش مالیاتی",
            1,
            j(1403, 12, 1),
            Status::InProgress,
            None,
        ),
        (
            1,
            "برنامه کاهش مراجعات",
            0,
            j(1403, 10, 30),
            Status::Done,
            Some(j(1403, 10, 30)),
        ),
        (
            1,
            "هماهنگی با مخابرات",
            1,
            j(1403, 10, 5),
            Status::Open,
            None,
        ),
        (1, "لغو شده", 2, j(1403, 10, 5), Status::Cancelled, None),
    ] {
        let m = if which == 0 { &mut azar } else { &mut dey };
        let r = m.add_resolution(text).unwrap();
        r.responsible = vec![units[unit].id];
        r.approved_deadline = Some(deadline);
        r.status = status;
        if let Some(d) = done {
            r.add_follow_up(FollowUp {
                date: d,
                note: "انجام شد".into(),
                status: Some(Status::Done),
                deadline: None,
                requested_by: String::new(),
            });
        }
    }
    store.save_meeting(&mut azar).unwrap();
    store.save_meeting(&mut dey).unwrap();
    (dir, store, units)
}

#[test]
fn figures_per_unit_and_month() {
    let (_dir, store, units) = db();
    let d = DashboardScreen::open(&store, j(1403, 11, 5), Digits::Persian).unwrap();
    let u0 = &d.stats.units[0];
    assert_eq!(u0.unit, units[0].id);
    // Done twice (10 and 29 days), open once and past its deadline.
    assert_eq!((u0.done, u0.open, u0.overdue), (2, 0, 1));
    assert_eq!(u0.completion_rate(), Some(66));
    assert_eq!(u0.median_days(), Some(19), "10 and 29 days");
    let u1 = &d.stats.units[1];
    assert_eq!((u1.done, u1.open, u1.overdue), (0, 1, 1));
    let u2 = d
        .stats
        .units
        .iter()
        .find(|u| u.unit == units[2].id)
        .unwrap();
    assert_eq!((u2.cancelled, u2.completion_rate()), (1, None));
    let month = |m| d.stats.months.iter().find(|s| s.month == m).unwrap();
    assert_eq!((month(9).approved, month(9).completed), (3, 1));
    assert_eq!((month(10).approved, month(10).completed), (3, 1));
    assert_eq!(d.stats.months.last().unwrap().month, 11, "ends this month");
}

#[test]
fn dashboard_snapshot_and_keys() {
    let (_dir, store, _) = db();
    let d = DashboardScreen::open(&store, j(1403, 11, 5), Digits::Persian).unwrap();
    let mut t = Terminal::new(TestBackend::new(130, 30)).unwrap();
    t.draw(|f| d.render(f, f.area(), RenderMode::App, dabir::lang::Lang::Fa))
        .unwrap();
    insta::assert_snapshot!("dashboard_app_mode", t.backend());
    let buf = t.backend().buffer();
    let has = |c: Color| (0..130).any(|x| (0..30).any(|y| buf[(x, y)].fg == c));
    assert!(has(Color::Green) && has(Color::Red) && has(Color::Blue));
    // From the keyboard: d («ی» on the Persian layout), then Esc.
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_key(
        &store,
        KeyEvent::new(KeyCode::Char('ی'), KeyModifiers::NONE),
    );
    assert!(matches!(app.screen, Screen::Dashboard(_)));
    app.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(matches!(app.screen, Screen::Meetings));
}

//! Importing from the command line and from the meetings screen.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::{App, Screen};
use dabir::ui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn examples() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/minutes"))
}

#[test]
fn a_directory_imports_and_a_bad_file_does_not_stop_it() {
    let (dir, db) = temp_db();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for f in ["clean.txt", "messy.txt"] {
        std::fs::copy(examples().join(f), input.join(f)).unwrap();
    }
    std::fs::write(input.join("broken.docx"), b"PK not really").unwrap();
    std::fs::write(input.join("ignored.pdf"), b"%PDF").unwrap();
    let out = dabir(&db).arg("import").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "one failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("imported 2, with warnings 0, failed 1"),
        "{stderr}"
    );
    let list: serde_json::Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    let bodies: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    // Arabic ي/ك became Persian letters (the default).
    assert_eq!(
        bodies,
        vec![
            "ستاد تسهیل و رفع موانع تولید شهرستان",
            "ستاد مدیریت بحران بخشداری مرکزی"
        ]
    );
    assert_eq!(list[0]["number"], 9);
    assert_eq!(list[0]["state"], "draft");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("characters respelled in Persian"),
        "the import says how many characters changed"
    );

    // --keep-spelling keeps them as written.
    let (_d2, db2) = temp_db();
    run_ok(
        dabir(&db2)
            .args(["import", "--keep-spelling"])
            .arg(input.join("messy.txt")),
    );
    let list: serde_json::Value =
        serde_json::from_slice(&run_ok(dabir(&db2).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    assert_eq!(list[0]["body"], "ستاد مديريت بحران بخشداري مركزي");
}

#[test]
fn dry_run_prints_the_show_shape_and_writes_nothing() {
    let (_dir, db) = temp_db();
    let out = run_ok(
        dabir(&db)
            .args(["import", "--dry-run", "--format", "json"])
            .arg(examples().join("clean.txt")),
    );
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["date_jalali"], "1403/07/22");
    assert_eq!(m["resolutions"].as_array().unwrap().len(), 4);
    assert_eq!(m["resolutions"][3]["deadline_jalali"], "1403/08/06");
    assert_eq!(
        m["resolutions"][1]["responsible"],
        serde_json::json!(["اداره صنعت و معدن", "شعبه بانک ملی شهرستان"])
    );
    assert!(!db.exists(), "a dry run creates no database");
}

#[test]
fn import_from_the_meetings_screen_opens_the_draft_with_its_report() {
    let (_dir, db) = temp_db();
    let store = Store::open(&db).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::Terminal).unwrap();
    app.on_resize(140, 40);
    let press = |app: &mut App, code| app.on_key(&store, KeyEvent::new(code, KeyModifiers::NONE));
    press(&mut app, KeyCode::Char('ه')); // i on the Persian layout
    for c in examples().join("messy.txt").to_string_lossy().chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let Screen::Minutes(m) = &app.screen else {
        panic!("{:?}", app.status)
    };
    assert_eq!(m.meeting.resolutions.len(), 3);
    assert!(
        m.report
            .iter()
            .any(|l| l.contains("every line found its place")),
        "{:?}",
        m.report
    );
    let mut t = Terminal::new(TestBackend::new(140, 40)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let screen = format!("{}", t.backend());
    assert!(screen.contains("گزارش ورود"), "{screen}");
}

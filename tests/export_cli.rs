//! Exporting from the command line and from the UI's dialog.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::{App, Dialog};
use dabir::ui::keymap::Keymap;

fn clean_db() -> (tempfile::TempDir, std::path::PathBuf, u64) {
    let (dir, db) = temp_db();
    let store = Store::open(&db).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    (dir, db, m.id)
}

#[test]
fn export_writes_the_default_name_and_leaves_no_temporary_file() {
    let (dir, db, id) = clean_db();
    let work = dir.path().join("out");
    std::fs::create_dir(&work).unwrap();
    for f in ["docx", "html", "md", "txt", "xlsx", "csv", "ics"] {
        run_ok(
            dabir(&db)
                .current_dir(&work)
                .args(["export", &id.to_string(), "--format", f]),
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7, "{names:?}");
    assert!(
        names.contains(&"صورتجلسه-کارگروه-تحول-اداری-۱۲-۱۴۰۳-۰۸-۱۵.docx".to_owned()),
        "{names:?}"
    );
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "no temporary file left: {names:?}"
    );

    let out = run_ok(dabir(&db).args(["export", &id.to_string(), "--format", "txt", "-o", "-"]));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("صورتجلسه\n")
    );

    let out = dabir(&db)
        .args(["export", "999", "--format", "docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no meeting with id 999"));
}

#[test]
fn export_pending_filters() {
    let (dir, db, _) = clean_db();
    let csv = |args: &[&str]| -> Vec<String> {
        let path = dir.path().join("p.csv");
        let mut a = vec!["export-pending", "--format", "csv", "-o"];
        let p = path.to_string_lossy().into_owned();
        a.push(&p);
        a.extend_from_slice(args);
        run_ok(dabir(&db).args(&a));
        let text = std::fs::read_to_string(&path).unwrap();
        text.trim_start_matches('\u{feff}')
            .split("\r\n")
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        csv(&[]).len(),
        3,
        "three open resolutions (the fourth is done)"
    );
    assert_eq!(csv(&["--unit", "مخابرات"]).len(), 1);
    assert_eq!(
        csv(&["--unit", "مدیریت فناوری"]).len(),
        1,
        "spelling normalised"
    );
    assert_eq!(csv(&["--body", "تحول اداری"]).len(), 3);
    assert_eq!(csv(&["--overdue"]).len(), 3, "all of 1403 is past by now");
    let out = dabir(&db)
        .args(["export-pending", "--format", "docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "clap refuses docx for a list");
}

#[test]
fn the_export_dialog_asks_before_overwriting() {
    let (dir, db, _) = clean_db();
    let store = Store::open(&db).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    let key = |app: &mut App, code, mods| app.on_key(&store, KeyEvent::new(code, mods));
    key(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    let Some(Dialog::Export(d)) = &mut app.dialog else {
        panic!("no export dialog")
    };
    assert!(
        d.path
            .text()
            .ends_with("صورتجلسه-کارگروه-تحول-اداری-۱۲-۱۴۰۳-۰۸-۱۵.docx"),
        "{}",
        d.path.text()
    );
    let target = dir.path().join("minutes.docx");
    d.path.set_text(&target.to_string_lossy());
    // Alt+T (Alt+ف) cycles the format: a custom path keeps its name.
    key(&mut app, KeyCode::Char('ف'), KeyModifiers::ALT);
    let Some(Dialog::Export(d)) = &app.dialog else {
        unreachable!()
    };
    assert_eq!(d.format, dabir::export::Format::Html);
    for _ in 0..6 {
        key(&mut app, KeyCode::Char('t'), KeyModifiers::ALT);
    }
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(app.dialog.is_none(), "{:?}", app.status);
    let first = std::fs::read(&target).unwrap();
    assert!(first.starts_with(b"PK"), "a zip: the DOCX");

    key(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    let Some(Dialog::Export(d)) = &mut app.dialog else {
        panic!()
    };
    d.path.set_text(&target.to_string_lossy());
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        app.status_text()
            .as_deref()
            .unwrap()
            .contains("Enter again to overwrite")
    );
    assert!(app.dialog.is_some(), "not written yet");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(app.dialog.is_none());
}

/// Final minutes extended after the meeting: every minutes format still prints
/// the approved deadline, `show --format json` carries both, and the pending
/// exports show the current one, the approved one and the count.
#[test]
fn an_extension_never_rewrites_the_final_minutes() {
    let (dir, db, id) = clean_db();
    {
        let store = Store::open(&db).unwrap();
        let mut m = store.meeting(id).unwrap().unwrap();
        m.finalise(instant(), "زهرا نوروزی");
        m.resolutions[0].add_follow_up(dabir::model::FollowUp {
            date: date(2024, 12, 15),
            note: "درخواست تمدید به سبب تأخیر اعتبار".into(),
            status: None,
            deadline: Some(date(2025, 1, 20)),
            requested_by: "اداره برنامه‌ریزی".into(),
        });
        store.save_meeting(&mut m).unwrap();
    }
    let json: serde_json::Value = serde_json::from_slice(
        &run_ok(dabir(&db).args(["show", &id.to_string(), "--format", "json"])).stdout,
    )
    .unwrap();
    let r = &json["resolutions"][0];
    assert_eq!(json["state"], "final");
    assert_eq!(r["deadline"], "2025-01-20", "the current deadline");
    assert_eq!(r["deadline_approved"], "2024-12-20");
    assert_eq!(r["deadline_approved_jalali"], "1403/09/30");
    assert_eq!(r["extensions"], 1);
    assert_eq!(r["status"], "extended");
    assert_eq!(r["follow_ups"][0]["requested_by"], "اداره برنامه‌ریزی");

    // ۳۰ آذر ۱۴۰۳ is approved; ۱ بهمن ۱۴۰۳ is the extension.
    for f in ["txt", "md", "html"] {
        let out = run_ok(dabir(&db).args(["export", &id.to_string(), "--format", f, "-o", "-"]));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("۳۰ آذر ۱۴۰۳"), "{f}: the approved deadline");
        assert!(!text.contains("بهمن ۱۴۰۳"), "{f}: not the extension");
    }
    let docx = dir.path().join("m.docx");
    run_ok(
        dabir(&db)
            .args(["export", &id.to_string(), "--format", "docx", "-o"])
            .arg(&docx),
    );
    let xml = unzip(&std::fs::read(&docx).unwrap(), "word/document.xml");
    assert!(xml.contains("۳۰ آذر ۱۴۰۳") && !xml.contains("بهمن ۱۴۰۳"));

    let pending: serde_json::Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["pending", "--format", "json"])).stdout)
            .unwrap();
    let row = pending
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == 1)
        .unwrap();
    assert_eq!(
        (
            &row["deadline"],
            &row["deadline_approved"],
            &row["extensions"]
        ),
        (
            &serde_json::json!("2025-01-20"),
            &serde_json::json!("2024-12-20"),
            &serde_json::json!(1)
        )
    );
    let table = String::from_utf8(run_ok(dabir(&db).arg("pending")).stdout).unwrap();
    assert!(
        table.contains("1403/11/01 (approved 1403/09/30, 1×)") && table.contains("تمدید شده"),
        "{table}"
    );
    let csv = String::from_utf8(
        run_ok(dabir(&db).args(["export-pending", "--format", "csv", "-o", "-"])).stdout,
    )
    .unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains("مهلت مصوب") && header.contains("تمدید"));
    assert!(
        csv.contains("۱۴۰۳/۱۱/۰۱") && csv.contains("۱۴۰۳/۰۹/۳۰"),
        "{csv}"
    );
}

/// Final minutes reopened with a reason: who, when and why are printed under
/// them in every minutes format and listed in `show --format json`.
#[test]
fn a_reopening_is_printed_as_a_note() {
    let (dir, db, id) = clean_db();
    {
        let store = Store::open(&db).unwrap();
        let mut m = store.meeting(id).unwrap().unwrap();
        m.finalise(instant(), "زهرا نوروزی");
        m.reopen(instant(), "علی رضایی", "اصلاح نام مسئول مصوبه ۲")
            .unwrap();
        store.save_meeting(&mut m).unwrap();
    }
    for f in ["txt", "md", "html"] {
        let out = run_ok(dabir(&db).args(["export", &id.to_string(), "--format", f, "-o", "-"]));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("این صورتجلسه پس از نهایی شدن")
                && text.contains("توسط علی رضایی بازگشایی شد؛ دلیل: اصلاح نام مسئول مصوبه ۲"),
            "{f}: {text}"
        );
    }
    let docx = dir.path().join("m.docx");
    run_ok(
        dabir(&db)
            .args(["export", &id.to_string(), "--format", "docx", "-o"])
            .arg(&docx),
    );
    let xml = unzip(&std::fs::read(&docx).unwrap(), "word/document.xml");
    assert!(xml.contains("اصلاح نام مسئول مصوبه ۲"));
    let json: serde_json::Value = serde_json::from_slice(
        &run_ok(dabir(&db).args(["show", &id.to_string(), "--format", "json"])).stdout,
    )
    .unwrap();
    let h = json["history"].as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (&h[0]["event"], &h[0]["by"]),
        (
            &serde_json::json!("finalised"),
            &serde_json::json!("زهرا نوروزی")
        )
    );
    assert_eq!(h[1]["event"], "reopened");
    assert_eq!(h[1]["detail"], "اصلاح نام مسئول مصوبه ۲");
    assert!(h[1]["at"].as_str().unwrap().ends_with('Z'));
    // Never reopened: no note.
    let (_d2, db2, id2) = clean_db();
    let out = run_ok(dabir(&db2).args(["export", &id2.to_string(), "--format", "txt", "-o", "-"]));
    assert!(!String::from_utf8(out.stdout).unwrap().contains("بازگشایی"));
}

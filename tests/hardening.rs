//! Hostile and broken input (issue 13): control characters, failed restores,
//! unsafe file targets. Each test reproduces a defect that was found.

mod common;

use common::*;
use serde_json::Value;

fn has_controls(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c))
}

/// The reproduction of the report: an imported title with an OSC window-title
/// change, listed by `meetings`, changed the terminal's title.
#[test]
fn escape_sequences_from_an_import_never_reach_the_terminal() {
    let (dir, db) = temp_db();
    let h = dir.path().join("h.txt");
    std::fs::write(
        &h,
        "صورتجلسه\nکارگروه \u{1b}]0;PWN\u{7}\nتاریخ: ۱۴۰۳/۰۸/۱۵\nمصوبات:\n۱- مصوبه\u{9b}2J آزمایشی\u{1b}[2J.\n",
    )
    .unwrap();
    run_ok(dabir(&db).arg("import").arg(&h));
    for args in [
        &["meetings"][..],
        &["meetings", "--format", "json"],
        &["show", "1", "--format", "json"],
        &["pending"],
        &["pending", "--format", "json"],
        &["search", "آزمایشی"],
        &["search", "آزمایشی", "--format", "json"],
        &["report", "--body", "کارگروه"],
    ] {
        let out = dabir(&db).args(args).output().unwrap();
        assert!(!has_controls(&out.stdout), "{args:?}: {:?}", out.stdout);
        assert!(!has_controls(&out.stderr), "{args:?}: {:?}", out.stderr);
    }
    let list: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    assert_eq!(
        list[0]["body"], "کارگروه ]0;PWN",
        "the controls were dropped on the way in, the rest kept"
    );
}

#[test]
fn a_restored_backup_loses_its_controls_and_errors_show_them_as_pictures() {
    let (dir, db) = temp_db();
    let backup = dir.path().join("b.json");
    std::fs::write(
        &backup,
        r#"{"format":"dabir-backup","version":1,"next_id":3,
            "bodies":[{"id":1,"name":"شورا\u001b]52;c;cHduZWQ=\u0007","kind":"council","members":[],"chair":null,"secretary":null,"place":"\u009b2J"}],
            "people":[],"units":[{"id":2,"name":"واحد\u001b[31m"}],"meetings":[]}"#,
    )
    .unwrap();
    run_ok(dabir(&db).arg("restore").arg(&backup));
    let out = run_ok(dabir(&db).args(["backup", "-"])).stdout;
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["bodies"][0]["name"], "شورا]52;c;cHduZWQ=");
    assert_eq!(v["bodies"][0]["place"], "2J");
    assert_eq!(v["units"][0]["name"], "واحد[31m");

    // `date` echoes what it was given: visibly.
    let out = dabir(&db)
        .args(["date", "\u{1b}[2J۱۴۰۳/۱۳/۴۰"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("␛[2J"), "{err}");
    assert!(!has_controls(err.as_bytes()), "{err:?}");

    // A name the user typed with controls, in an error message.
    let out = dabir(&db)
        .args(["report", "--body", "\u{1b}]0;x\u{7}نیست"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!has_controls(&out.stderr), "{:?}", out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("␛]0;x␇"));
}

/// A good backup with one meeting swapped for one too large to store, at position
/// 46 of 60.
fn backups(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (_d, src) = temp_db();
    run_ok(dabir(&src).args([
        "demo",
        "--meetings",
        "60",
        "--seed",
        "3",
        "--today",
        "2024-12-20",
    ]));
    let good = dir.join("good.json");
    run_ok(dabir(&src).arg("backup").arg(&good));
    let mut v: Value = serde_json::from_slice(&std::fs::read(&good).unwrap()).unwrap();
    let huge = "ب".repeat(5 * 1024 * 1024); // 10 MB of UTF-8: over the 8 MiB a record holds
    v["meetings"][45]["notes"] = Value::String(huge);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, serde_json::to_vec(&v).unwrap()).unwrap();
    (good, bad)
}

#[test]
fn a_failed_restore_leaves_the_database_empty_and_the_retry_works() {
    let (dir, db) = temp_db();
    let (good, bad) = backups(dir.path());
    let out = dabir(&db).arg("restore").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("number 46 in the file"), "{err}");
    let list = run_ok(dabir(&db).args(["meetings", "--format", "json"])).stdout;
    assert_eq!(
        serde_json::from_slice::<Value>(&list).unwrap(),
        Value::Array(vec![])
    );
    // The retry with a good backup is not refused as "not empty".
    run_ok(dabir(&db).arg("restore").arg(&good));
    let again = dir.path().join("again.json");
    run_ok(dabir(&db).arg("backup").arg(&again));
    assert!(std::fs::read(&good).unwrap() == std::fs::read(&again).unwrap());
}

#[test]
fn a_full_database_is_refused_before_the_file_is_read() {
    let (dir, db) = temp_db();
    run_ok(dabir(&db).args(["demo", "--meetings", "2"]));
    // Not a file at all: had it been read first, the error would say so.
    let out = dabir(&db)
        .arg("restore")
        .arg(dir.path().join("no-such-backup.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}

#[test]
fn an_interrupted_restore_is_named_and_a_new_restore_starts_over() {
    let (dir, db) = temp_db();
    let (good, _) = backups(dir.path());
    {
        // What a restore killed partway leaves: records and the marker.
        let store = dabir::store::Store::open(&db).unwrap();
        let (_body, _units) = clean_body_and_units(&store);
        drop(store);
        let raw = sled::open(&db).unwrap();
        raw.open_tree("meta")
            .unwrap()
            .insert("restoring", "1")
            .unwrap();
        raw.flush().unwrap();
    }
    let out = dabir(&db).arg("meetings").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("restore into it was interrupted"));
    run_ok(dabir(&db).arg("restore").arg(&good));
    let again = dir.path().join("again.json");
    run_ok(dabir(&db).arg("backup").arg(&again));
    assert!(std::fs::read(&good).unwrap() == std::fs::read(&again).unwrap());
}

#[cfg(unix)]
#[test]
fn exports_and_backups_refuse_links_and_devices_and_backups_are_private() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let (dir, db) = temp_db();
    run_ok(dabir(&db).args(["demo", "--meetings", "2"]));
    let list: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    let id = list[0]["id"].to_string();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep").unwrap();
    let link = dir.path().join("out.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let out = dabir(&db)
        .args(["export", &id, "--format", "md", "-o"])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
    let out = dabir(&db).args(["backup", "/dev/full"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a device is not replaced");
    assert!(
        std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let b = dir.path().join("b.json");
    run_ok(dabir(&db).arg("backup").arg(&b));
    assert_eq!(
        std::fs::metadata(&b).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn an_empty_or_unrecognisable_file_fails_and_creates_nothing() {
    let (dir, db) = temp_db();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let words = dir.path().join("words.txt");
    std::fs::write(&words, "فقط یک سطر بی‌ربط\nو سطری دیگر\n").unwrap();
    for f in [&empty, &words] {
        let out = dabir(&db).arg("import").arg(f).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{f:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("imported 0, with warnings 0, failed 1"),
            "{err}"
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("nothing in it reads as minutes"),
            "{stdout}"
        );
    }
    let backup: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["backup", "-"])).stdout).unwrap();
    assert_eq!(backup["bodies"], Value::Array(vec![]));
    assert_eq!(backup["meetings"], Value::Array(vec![]));
}

/// A document whose meeting cannot be stored (a resolution over the 8 MiB a record
/// holds) leaves neither its new body nor its new units behind.
#[test]
fn a_failed_import_leaves_no_orphan_body_or_unit() {
    let (dir, db) = temp_db();
    let f = dir.path().join("huge.txt");
    let text = format!(
        "صورتجلسه\nکارگروه آزمایش\nتاریخ: ۱۴۰۳/۰۸/۱۵\nمصوبات:\n۱- {}\nمسئول پیگیری: اداره نو      مهلت اجرا: ۱۴۰۳/۰۹/۳۰\n",
        "ب".repeat(5 * 1024 * 1024)
    );
    std::fs::write(&f, text).unwrap();
    let out = dabir(&db).arg("import").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("imported 0, with warnings 0, failed 1"),
        "{err}"
    );
    let backup: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["backup", "-"])).stdout).unwrap();
    assert_eq!(backup["bodies"], Value::Array(vec![]), "no orphan body");
    assert_eq!(backup["units"], Value::Array(vec![]), "no orphan unit");
}

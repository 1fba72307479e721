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
        let raw = raw_sled(&db);
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

/// A record that does not decode (as a flipped byte leaves it): every command
/// names the tree and key and points at `dabir salvage`, which writes a backup of
/// everything else (with a placeholder for a body a readable meeting needs) and
/// exits 3; the backup restores.
#[test]
fn salvage_copies_out_what_still_reads() {
    let (dir, db) = temp_db();
    run_ok(dabir(&db).args(["demo", "--meetings", "12", "--seed", "4"]));
    let before: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["backup", "-"])).stdout).unwrap();
    let victim_meeting = before["meetings"][3]["id"].as_u64().unwrap();
    let victim_body = before["meetings"][0]["body"].as_u64().unwrap();
    {
        let store = dabir::store::Store::open(&db).unwrap();
        for (tree, id) in [("meetings", victim_meeting), ("bodies", victim_body)] {
            store
                .raw_tree(tree)
                .unwrap()
                .insert(id.to_be_bytes(), b"D\x04\x01\xff\xff".to_vec())
                .unwrap();
        }
        store.flush().unwrap();
    }
    let out = dabir(&db).args(["backup", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tree `bodies`") || err.contains("tree `meetings`"),
        "{err}"
    );
    assert!(err.contains("dabir salvage"), "{err}");

    let file = dir.path().join("salvaged.json");
    let out = dabir(&db).arg("salvage").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "something was left out");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "skipped: tree `meetings`, key {victim_meeting} (id)"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("skipped: tree `bodies`, key {victim_body} (id)")));
    assert!(err.contains(&format!(
        "placeholder: tree `bodies`, key {victim_body} (id)"
    )));
    let salvaged: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(salvaged["meetings"].as_array().unwrap().len(), 11);
    // `backup --salvage` is the same.
    let out = dabir(&db)
        .args(["backup", "--salvage", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        salvaged
    );

    let (_d2, fresh) = temp_db();
    run_ok(dabir(&fresh).arg("restore").arg(&file));
    let list: Value = serde_json::from_slice(
        &run_ok(dabir(&fresh).args(["meetings", "--format", "json"])).stdout,
    )
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 11);
}

#[cfg(unix)]
#[test]
fn the_database_folder_and_files_are_private_even_when_the_folder_existed() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, db) = temp_db();
    std::fs::create_dir(&db).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o755)).unwrap();
    run_ok(dabir(&db).args(["demo", "--meetings", "3"]));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db), 0o700);
    for entry in std::fs::read_dir(&db).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            assert_eq!(mode(&p), 0o600, "{p:?}");
        }
    }
}

/// dabir.lock deleted under a running dabir: the next one finds sled's own lock
/// taken and says so at once, like our lock, with exit 2 and the holder's pid.
#[test]
fn sled_s_own_lock_is_reported_like_ours() {
    let (_dir, db) = temp_db();
    let store = dabir::store::Store::open(&db).unwrap();
    std::fs::remove_file(db.join(dabir::store::LOCK_FILE)).unwrap();
    let started = std::time::Instant::now();
    let out = dabir(&db).arg("meetings").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("(pid {})", std::process::id())),
        "{err}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "no 5 s wait"
    );
    drop(store);
}

#[test]
fn a_db_path_that_is_a_file_is_named_as_such() {
    let (dir, _) = temp_db();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    let out = dabir(&file).arg("meetings").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a file, not a database"), "{err}");
}

//! The real binary: JSON shapes, backup/restore identity, demo determinism, errors
//! and exit codes, and the one-process-per-database rule.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const TODAY: &str = "2024-12-20";

fn demo_db(meetings: &str, seed: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = temp_db();
    run_ok(dabir(&db).args([
        "demo",
        "--meetings",
        meetings,
        "--seed",
        seed,
        "--today",
        TODAY,
    ]));
    (dir, db)
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(|s| s.as_str()).collect();
    k.sort();
    k
}

fn sorted(mut v: Vec<&'static str>) -> Vec<&'static str> {
    v.sort();
    v
}

#[test]
fn show_json_has_exactly_the_documented_shape() {
    let (_dir, db) = demo_db("12", "3");
    let list: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 12);
    assert_eq!(
        keys(&rows[0]),
        sorted(vec![
            "id",
            "body",
            "number",
            "date",
            "date_jalali",
            "state",
            "open_resolutions"
        ])
    );
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str().unwrap()).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);

    // The meeting with the most follow-ups exercises every nested shape.
    let id = rows[rows.len() - 1]["id"].as_u64().unwrap().to_string();
    let m: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["show", &id, "--format", "json"])).stdout)
            .unwrap();
    assert_eq!(
        keys(&m),
        sorted(vec![
            "id",
            "body",
            "number",
            "date",
            "date_jalali",
            "start",
            "end",
            "place",
            "chair",
            "secretary",
            "state",
            "attendees",
            "agenda",
            "discussion",
            "resolutions",
            "history"
        ])
    );
    assert_eq!(
        keys(&m["attendees"][0]),
        sorted(vec!["name", "post", "presence"])
    );
    assert_eq!(keys(&m["agenda"][0]), sorted(vec!["number", "text"]));
    assert_eq!(
        keys(&m["discussion"][0]),
        sorted(vec!["speaker", "agenda_item", "text"])
    );
    let res = m["resolutions"].as_array().unwrap();
    assert_eq!(
        keys(&res[0]),
        sorted(vec![
            "number",
            "text",
            "responsible",
            "responsible_inferred",
            "executor",
            "deadline",
            "deadline_jalali",
            "deadline_approved",
            "deadline_approved_jalali",
            "extensions",
            "status",
            "follow_ups",
            "letters"
        ])
    );
    let fu = res
        .iter()
        .flat_map(|r| r["follow_ups"].as_array().unwrap())
        .next()
        .expect("demo meetings have follow-ups");
    assert_eq!(
        keys(fu),
        sorted(vec![
            "date",
            "date_jalali",
            "note",
            "status",
            "deadline",
            "requested_by"
        ])
    );

    // Dates: ISO Gregorian with Jalali twins that agree.
    let date = m["date"].as_str().unwrap();
    assert_eq!(date.len(), 10);
    let j = dabir::calendar::JalaliDate::from_gregorian(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
    )
    .unwrap();
    assert_eq!(m["date_jalali"], j.numeric(dabir::calendar::Digits::Latin));
    for r in res {
        if let Some(d) = r["deadline"].as_str() {
            let j = dabir::calendar::JalaliDate::from_gregorian(
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(),
            )
            .unwrap();
            assert_eq!(
                r["deadline_jalali"],
                j.numeric(dabir::calendar::Digits::Latin)
            );
        }
        assert!(
            ["open", "in-progress", "extended", "done", "cancelled"]
                .contains(&r["status"].as_str().unwrap())
        );
        assert!(!r["responsible"].as_array().unwrap().is_empty());
    }
    // Numbers are consecutive from 1.
    let numbers: Vec<u64> = res.iter().map(|r| r["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=res.len() as u64).collect::<Vec<_>>());
}

#[test]
fn backup_restore_backup_is_byte_identical() {
    let (dir, db) = demo_db("25", "7");
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    run_ok(dabir(&db).arg("backup").arg(&a));
    let db2 = dir.path().join("db2");
    run_ok(dabir(&db2).arg("restore").arg(&a));
    run_ok(dabir(&db2).arg("backup").arg(&b));
    let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(a.len() > 10_000);
    assert!(a == b, "backups differ");
    let v: Value = serde_json::from_slice(&a).unwrap();
    assert_eq!(v["format"], "dabir-backup");
    assert_eq!(v["version"], 1);
    assert_eq!(v["meetings"].as_array().unwrap().len(), 25);

    // The restored database answers the same.
    let show =
        |db: &std::path::Path| run_ok(dabir(db).args(["meetings", "--format", "json"])).stdout;
    assert_eq!(show(&db), show(&db2));

    // Restoring into a non-empty database is refused with exit 1.
    let out = dabir(&db2)
        .arg("restore")
        .arg(dir.path().join("a.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}

#[test]
fn demo_is_deterministic_for_a_seed_and_refuses_a_full_database() {
    let (d1, db1) = demo_db("15", "42");
    let (_d2, db2) = demo_db("15", "42");
    let (_d3, db3) = demo_db("15", "43");
    let backup = |db: &std::path::Path| run_ok(dabir(db).args(["backup", "-"])).stdout;
    assert_eq!(backup(&db1), backup(&db2));
    assert_ne!(backup(&db1), backup(&db3));

    let v: Value = serde_json::from_slice(&backup(&db1)).unwrap();
    let res: Vec<&Value> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["resolutions"].as_array().unwrap())
        .collect();
    assert!(res.len() >= 15 * 8, "about ten resolutions a meeting");
    let done = res.iter().filter(|r| r["status"] == "done").count() as f64 / res.len() as f64;
    assert!((0.2..0.45).contains(&done), "about a third done: {done}");

    let out = dabir(&db1)
        .args(["demo", "--meetings", "2", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds records"));
    drop(d1);
}

#[test]
fn bad_input_gets_a_message_and_a_non_zero_exit() {
    let (dir, db) = temp_db();
    let out = dabir(&db).args(["show", "12345"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no meeting with id 12345"));

    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{\"format\":\"something-else\",\"version\":1}").unwrap();
    let out = dabir(&db).arg("restore").arg(&junk).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a dabir backup"));

    let out = dabir(&db).args(["show", "not-a-number"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
    assert!(!out.stderr.is_empty());
}

#[test]
fn db_location_comes_from_the_environment_when_no_flag_is_given() {
    let (_dir, db) = temp_db();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dabir"))
        .env("DABIR_DB", &db)
        .args(["demo", "--meetings", "1", "--today", TODAY])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.join(dabir::store::LOCK_FILE).exists());
}

/// The UI running in a pseudo-terminal holds the database; a second UI or a
/// command that writes exits at once with code 2 and a message naming the path;
/// a read-only command is answered by the running app, with its own exit code.
#[test]
fn a_second_process_is_refused_while_the_first_runs() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let (dir, db) = demo_db("3", "1");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dabir"));
    cmd.arg("--db");
    cmd.arg(&db);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", db.with_extension("config"));
    let mut first = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let screen = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    // Wait until the UI has drawn (the alternate screen is entered after the lock).
    let deadline = Instant::now() + Duration::from_secs(20);
    while screen.lock().unwrap().len() < 200 {
        assert!(Instant::now() < deadline, "the UI did not start");
        std::thread::sleep(Duration::from_millis(50));
    }

    for args in [vec!["demo", "--meetings", "1"], vec![]] {
        let started = Instant::now();
        let out = dabir(&db).args(&args).output().unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "refused at once"
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("another dabir"), "{err}");
        assert!(err.contains(&db.display().to_string()), "{err}");
        assert!(
            err.contains(&format!("pid {}", first.process_id().unwrap())),
            "{err}"
        );
    }

    // Read-only commands while it runs: answered by the app, paths relative to
    // this process's folder, errors with their exit code.
    let while_open = run_ok(dabir(&db).args(["meetings", "--format", "json"])).stdout;
    run_ok(
        dabir(&db)
            .current_dir(dir.path())
            .args(["backup", "during.json"]),
    );
    let out = dabir(&db).args(["show", "999999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no meeting with id 999999"));
    let out = dabir(&db).args(["salvage", "-"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "salvage is not answered by the app"
    );

    // Quit the first with the Persian-layout `q` (ض); then the database is free.
    let mut w = pty.master.take_writer().unwrap();
    w.write_all("ض".as_bytes()).unwrap();
    w.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = first.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(Instant::now() < deadline, "the UI did not quit on ض");
        std::thread::sleep(Duration::from_millis(50));
    }
    let list: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        3,
        "nothing was lost or half-written"
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&while_open).unwrap(),
        list,
        "the app answered what the database holds"
    );
    let after = dir.path().join("after.json");
    run_ok(dabir(&db).arg("backup").arg(&after));
    assert!(
        std::fs::read(dir.path().join("during.json")).unwrap() == std::fs::read(&after).unwrap()
    );
    assert!(
        !db.join(dabir::cli::serve::SERVE_FILE).exists(),
        "removed on leaving"
    );
}

/// `dabir show` lays the minutes out right to left when asked for a width (as on
/// a terminal), and prints logical text when piped or with --logical.
#[test]
fn show_text_through_the_engine() {
    let (_dir, db) = temp_db();
    {
        let store = dabir::store::Store::open(&db).unwrap();
        let (body, units) = clean_body_and_units(&store);
        let mut m = clean_meeting(&body, &units);
        store.save_meeting(&mut m).unwrap();
    }
    let logical = String::from_utf8(run_ok(dabir(&db).args(["show", "7"])).stdout).unwrap();
    assert!(
        logical.contains("شماره جلسه: ۱۲"),
        "piped output is logical: {logical}"
    );
    assert!(logical.contains("سامانه EIS نسخه 2.1"));

    let visual = String::from_utf8(
        run_ok(dabir(&db).args(["--rtl", "app-unshaped", "show", "7", "--width", "60"])).stdout,
    )
    .unwrap();
    let lines: Vec<&str> = visual.lines().collect();
    assert!(
        lines.iter().all(|l| dabir::text::width::str_width(l) <= 60),
        "{visual}"
    );
    // «شماره جلسه: ۱۲» is 14 columns wide: right-aligned in 60, after 46 blanks.
    assert!(
        lines.contains(&format!("{}۱۲ :هسلج هرامش", " ".repeat(46)).as_str()),
        "{visual}"
    );
    assert!(
        visual.contains("رد 2.1 هخسن EIS هناماس"),
        "Latin and numbers keep their order: {visual}"
    );

    let forced = String::from_utf8(
        run_ok(dabir(&db).args(["show", "7", "--width", "60", "--logical"])).stdout,
    )
    .unwrap();
    assert_eq!(forced, logical);
}

#[test]
fn rtl_test_shows_each_mode() {
    let out = String::from_utf8(
        run_ok(std::process::Command::new(env!("CARGO_BIN_EXE_dabir")).arg("rtl-test")).stdout,
    )
    .unwrap();
    assert!(out.contains("--rtl app "));
    assert!(out.contains("--rtl app-unshaped"));
    assert!(out.contains("--rtl terminal      سامانه EIS نسخه 2.1"));
    assert!(
        out.contains("\u{1b}[8l"),
        "reordering modes turn the terminal's bidi off"
    );
    assert!(out.ends_with("rtl = \"MODE\".\n"));
}

/// `dabir pending`: open resolutions by deadline with the documented JSON fields.
#[test]
fn pending_json_shape_and_order() {
    let (_dir, db) = demo_db("30", "5");
    let rows: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["pending", "--format", "json"])).stdout)
            .unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() > 50);
    assert_eq!(
        keys(&rows[0]),
        sorted(vec![
            "meeting_id",
            "body",
            "session",
            "number",
            "text",
            "responsible",
            "executor",
            "deadline",
            "deadline_jalali",
            "deadline_approved",
            "deadline_approved_jalali",
            "extensions",
            "days_left",
            "status"
        ])
    );
    let days: Vec<i64> = rows
        .iter()
        .filter_map(|r| r["days_left"].as_i64())
        .collect();
    assert!(
        days.windows(2).all(|w| w[0] <= w[1]),
        "by deadline, overdue first"
    );
    assert!(
        rows.iter()
            .all(|r| ["open", "in-progress", "extended"].contains(&r["status"].as_str().unwrap()))
    );
    // The demo extends some: their approved deadline stays, the current one moved.
    let extended: Vec<&Value> = rows.iter().filter(|r| r["status"] == "extended").collect();
    assert!(!extended.is_empty(), "the demo has extended resolutions");
    for r in &extended {
        assert!(r["extensions"].as_u64().unwrap() >= 1);
        assert!(r["deadline"].as_str().unwrap() > r["deadline_approved"].as_str().unwrap());
    }
    let only: Value = serde_json::from_slice(
        &run_ok(dabir(&db).args(["pending", "--status", "extended", "--format", "json"])).stdout,
    )
    .unwrap();
    assert_eq!(only.as_array().unwrap().len(), extended.len());
    let overdue: Value = serde_json::from_slice(
        &run_ok(dabir(&db).args(["pending", "--overdue", "--format", "json"])).stdout,
    )
    .unwrap();
    assert!(
        overdue
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["days_left"].as_i64().unwrap() < 0)
    );
}

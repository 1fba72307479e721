//! `dabir letters` from the command line: files, numbers from config, the
//! register as JSON, numbers typed later, clear errors.

mod common;

use common::*;
use dabir::store::Store;
use serde_json::Value;

/// clean.txt's meeting, and a config with the organisation and a pattern.
fn setup() -> (tempfile::TempDir, std::path::PathBuf, u64) {
    let (dir, db) = temp_db();
    let store = Store::open(&db).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    drop(store);
    let cfg = db.with_extension("config").join("dabir");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        "[organisation]\nname = [\"وزارت کشور\", \"فرمانداری شهرستان نمونه\"]\n[letters]\nnumbering = \"{year}/د/{seq}\"\n",
    )
    .unwrap();
    (dir, db, m.id)
}

fn register(db: &std::path::Path) -> Vec<Value> {
    let out = run_ok(dabir(db).args(["letters", "list", "--format", "json"]));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn notify_to_a_directory_writes_a_file_per_unit_and_registers_them() {
    let (dir, db, id) = setup();
    let out_dir = dir.path().join("ابلاغ/");
    let out = run_ok(dabir(&db).args([
        "letters",
        "notify",
        &id.to_string(),
        "--date",
        "1403/08/20",
        "-o",
        out_dir.to_str().unwrap(),
    ]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("نامه ۱۴۰۳/د/۱ مورخ ۱۴۰۳/۰۸/۲۰"), "{stderr}");
    let mut files: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "{files:?}");
    assert!(
        files.contains(&"ابلاغ-مصوبات-ریاست-محترم-شرکت-مخابرات-۱۴۰۳-۰۸-۲۰.docx".to_owned()),
        "{files:?}"
    );
    let letters = register(&db);
    assert_eq!(letters.len(), 5);
    assert_eq!(letters[0]["kind"], "notify");
    assert_eq!(letters[0]["number"], "۱۴۰۳/د/۱");
    assert_eq!(letters[0]["date"], "2024-11-10");
    assert_eq!(letters[0]["meeting"], id);
    assert!(
        files.contains(&letters[0]["file"].as_str().unwrap().to_owned()),
        "the register names the file"
    );

    // `show` lists the letters on each resolution.
    let show: Value = serde_json::from_slice(
        &run_ok(dabir(&db).args(["show", &id.to_string(), "--format", "json"])).stdout,
    )
    .unwrap();
    assert_eq!(
        show["resolutions"][1]["letters"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn follow_up_to_one_file_then_the_second_cites_the_first() {
    let (dir, db, _) = setup();
    let file = dir.path().join("پیگیری.html");
    run_ok(dabir(&db).args([
        "letters",
        "follow-up",
        "--unit",
        "مخابرات",
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]));
    let html = std::fs::read_to_string(&file).unwrap();
    assert_eq!(html.matches("<section class=\"letter\">").count(), 1);
    assert!(html.contains("ریاست محترم شرکت مخابرات شهرستان"));
    let first = register(&db);
    assert_eq!(first.len(), 1);
    let out = run_ok(dabir(&db).args(["letters", "follow-up", "--unit", "مخابرات", "--dry-run"]));
    let text = String::from_utf8_lossy(&out.stdout);
    let number = first[0]["number"].as_str().unwrap();
    assert!(
        text.contains(&format!("پیرو نامه شماره {number} مورخ")),
        "{text}"
    );
    assert_eq!(register(&db).len(), 1, "a dry run registers nothing");
}

#[test]
fn a_number_is_typed_later_and_errors_are_clear() {
    let (dir, db, id) = setup();
    let file = dir.path().join("x.docx");
    run_ok(dabir(&db).args([
        "letters",
        "notify",
        &id.to_string(),
        "--no-number",
        "-o",
        file.to_str().unwrap(),
    ]));
    let letters = register(&db);
    assert_eq!(letters[0]["number"], "");
    let lid = letters[0]["id"].as_u64().unwrap().to_string();
    run_ok(dabir(&db).args(["letters", "number", &lid, "۸۸۲۱/۱۲"]));
    assert_eq!(register(&db)[0]["number"], "۸۸۲۱/۱۲");

    for (args, needle) in [
        (vec!["letters", "notify", "999"], "no meeting with id 999"),
        (vec!["letters", "number", "999", "1"], "999"),
        (
            vec!["letters", "report", "--body", "هیچ", "--from", "1403/01/01"],
            "no body named like",
        ),
        (
            vec!["letters", "notify", &id.to_string(), "--format", "xlsx"],
            "xlsx is for a report only",
        ),
    ] {
        let out = dabir(&db).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn invitation_and_report_from_the_command_line() {
    let (dir, db, _) = setup();
    let inv = dir.path().join("دعوت.docx");
    run_ok(dabir(&db).args([
        "letters",
        "invite",
        "--body",
        "تحول اداری",
        "--on",
        "1403/09/20",
        "--time",
        "09:30",
        "--agenda",
        "بررسی بودجه",
        "-o",
        inv.to_str().unwrap(),
    ]));
    let xml = unzip(&std::fs::read(&inv).unwrap(), "word/document.xml");
    assert!(xml.contains("بررسی بودجه") && xml.contains("گزارش پیگیری مصوبات جلسات قبل"));
    let xlsx = dir.path().join("گزارش.xlsx");
    run_ok(dabir(&db).args([
        "letters",
        "report",
        "--body",
        "تحول اداری",
        "--from",
        "1403/01/01",
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]));
    assert!(unzip(&std::fs::read(&xlsx).unwrap(), "xl/workbook.xml").contains("خلاصه"));
    let kinds: Vec<String> = register(&db)
        .iter()
        .map(|l| l["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["invitation", "report"]);
}

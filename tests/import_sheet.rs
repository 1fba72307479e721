//! Follow-up sheets (.xlsx, .csv) into draft meetings: dabir's own exports come
//! back as the same resolutions; a sheet as a secretariat keeps it is read by its
//! headers, with statuses, last actions and unknown columns kept.

mod common;

use common::*;
use serde_json::Value;

fn pending_keys(db: &std::path::Path) -> Vec<String> {
    let rows: Value =
        serde_json::from_slice(&run_ok(dabir(db).args(["pending", "--format", "json"])).stdout)
            .unwrap();
    let mut keys: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}|{}|{}|{}|{}|{}|{}|{}|{}",
                r["body"],
                r["session"],
                r["text"],
                r["responsible"],
                r["executor"],
                r["deadline"],
                r["deadline_approved"],
                r["status"],
                r["extensions"].as_u64().unwrap().min(1)
            )
        })
        .collect();
    keys.sort();
    keys
}

/// dabir's XLSX and CSV of the open resolutions import into an empty database as
/// the same resolutions: body, session, text, units, executor, current and
/// approved deadline, status (an extension comes back as one).
#[test]
fn dabirs_own_exports_come_back_as_the_same_resolutions() {
    let (dir, a) = temp_db();
    run_ok(dabir(&a).args([
        "demo",
        "--meetings",
        "30",
        "--seed",
        "4",
        "--today",
        "2025-06-01",
    ]));
    let want = pending_keys(&a);
    assert!(want.len() > 100, "{}", want.len());
    assert!(
        want.iter().any(|k| k.contains("\"extended\"")),
        "the demo extends some"
    );
    for f in ["xlsx", "csv"] {
        let sheet = dir.path().join(format!("pending.{f}"));
        run_ok(
            dabir(&a)
                .args(["export-pending", "--format", f, "-o"])
                .arg(&sheet),
        );
        let b = dir.path().join(format!("db-{f}"));
        let out = run_ok(dabir(&b).arg("import").arg(&sheet));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("saved:"), "{text}");
        assert_eq!(pending_keys(&b), want, "{f}");
        // Importing it again doubles nothing.
        let again = String::from_utf8(run_ok(dabir(&b).arg("import").arg(&sheet)).stdout).unwrap();
        assert!(again.contains("already in the database"), "{again}");
        assert_eq!(pending_keys(&b), want, "{f}, twice");
    }
}

/// A sheet as a secretariat keeps it: its own headers, Jalali dates, statuses in
/// words, a last action, a column dabir has no field for.
#[test]
fn a_secretariats_sheet_is_read_by_its_headers() {
    let (dir, db) = temp_db();
    let csv = dir.path().join("پیگیری.csv");
    std::fs::write(
        &csv,
        "\u{feff}ردیف,شماره جلسه,تاریخ جلسه,شرح مصوبه,مسئول پیگیری,مهلت,وضعيت,آخرین اقدام,توضیحات\r\n\
         1,۱۲,۱۴۰۳/۰۸/۱۵,فرمانداری نسبت به تهیه فهرست خدمات اقدام نماید.,اداره برنامه‌ریزی و بودجه,۱۴۰۳/۰۹/۳۰,انجام شده,فهرست در ۲۰ آذر ارسال شد,پیوست ۲\r\n\
         2,۱۲,۱۴۰۳/۰۸/۱۵,\"استقرار سامانه EIS، با همکاری مخابرات\",مدیریت فناوری اطلاعات؛ شرکت مخابرات شهرستان,۱۵ آذر ۱۴۰۳,در دست اقدام,,\r\n\
         3,۱۳,۱۴۰۳/۰۸/۲۹,گزارش عملکرد ارائه شود.,اداره امور مالیاتی,,نامشخص,,\r\n\
         4,۱۳,۱۴۰۳/۰۸/۲۹,,اداره ثبت,,,,\r\n",
    )
    .unwrap();
    let preview: Value = serde_json::from_slice(
        &run_ok(
            dabir(&db)
                .args([
                    "import",
                    "--dry-run",
                    "--format",
                    "json",
                    "--body",
                    "کارگروه تحول اداری",
                ])
                .arg(&csv),
        )
        .stdout,
    )
    .unwrap();
    let p = &preview[0];
    let fields: Vec<&str> = p["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "row",
            "session",
            "meeting-date",
            "text",
            "responsible",
            "deadline",
            "status",
            "last-action",
            "other"
        ]
    );
    assert_eq!(
        p["columns"][3]["sample"],
        "فرمانداری نسبت به تهیه فهرست خدمات اقدام نماید."
    );
    assert_eq!(p["meetings"].as_array().unwrap().len(), 2);
    assert_eq!(p["meetings"][0]["date_jalali"], "1403/08/15");
    assert_eq!(p["skipped"][0]["row"], 5, "the row without text");
    assert!(p["warnings"][0].as_str().unwrap().contains("نامشخص"));
    assert!(
        !db.exists() || dabir::store::Store::open(&db).unwrap().is_empty(),
        "a dry run writes nothing"
    );

    run_ok(
        dabir(&db)
            .args(["import", "--body", "کارگروه تحول اداری"])
            .arg(&csv),
    );
    let list: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["meetings", "--format", "json"])).stdout)
            .unwrap();
    let id12 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["number"] == 12)
        .unwrap()["id"]
        .to_string();
    let m: Value = serde_json::from_slice(
        &run_ok(dabir(&db).args(["show", &id12, "--format", "json"])).stdout,
    )
    .unwrap();
    assert_eq!(m["state"], "draft");
    assert_eq!(m["date"], "2024-11-05");
    let r = m["resolutions"].as_array().unwrap();
    assert_eq!(r[0]["status"], "done");
    assert_eq!(r[0]["deadline_jalali"], "1403/09/30");
    let note = r[0]["follow_ups"][0]["note"].as_str().unwrap();
    assert!(
        note.contains("فهرست در ۲۰ آذر ارسال شد") && note.contains("توضیحات: پیوست ۲"),
        "the last action and the unknown column are kept: {note}"
    );
    assert_eq!(r[1]["text"], "استقرار سامانه EIS، با همکاری مخابرات");
    assert_eq!(
        r[1]["responsible"],
        serde_json::json!(["مدیریت فناوری اطلاعات", "شرکت مخابرات شهرستان"])
    );
    assert_eq!(r[1]["deadline"], "2024-12-05");
    assert_eq!(r[1]["status"], "in-progress");
    assert_eq!(m["history"][0]["event"], "imported");
}

/// A header nothing recognises is named with --column; a sheet with no text
/// column is refused with a message that says how.
#[test]
fn columns_set_by_hand_and_a_sheet_without_texts() {
    let (dir, db) = temp_db();
    let csv = dir.path().join("s.csv");
    std::fs::write(
        &csv,
        "کارگروه;ش;تاریخ جلسه;متن\n\
         ستاد تنظیم بازار;5;1403/07/01;قیمت نان بررسی شود\n",
    )
    .unwrap();
    let out = dabir(&db)
        .args(["import", "--dry-run"])
        .arg(&csv)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("session 0"),
        "«ش» alone is not recognised: {text}"
    );
    let out = run_ok(
        dabir(&db)
            .args(["import", "--dry-run", "--column", "ش=session"])
            .arg(&csv),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("session 5"), "{text}");

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "الف,ب\n1,2\n").unwrap();
    let out = dabir(&db)
        .args(["import", "--dry-run"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--column"));
    let out = dabir(&db)
        .args(["import", "--dry-run", "--column", "ب=nothing"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a field"));
}

/// Excel date cells (and dates typed as numbers) are dates; the sheet named
/// «مصوبات» is read even when it is not the first.
#[test]
fn excel_date_cells_in_an_xlsx() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (dir, db) = temp_db();
    let path = dir.path().join("book.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("راهنما")
        .unwrap()
        .write(0, 0, "این برگه راهنماست")
        .unwrap();
    let s = wb.add_worksheet();
    s.set_name("مصوبات").unwrap();
    let date = Format::new().set_num_format("yyyy/mm/dd");
    for (c, h) in [
        "Body",
        "Session",
        "Meeting date",
        "Resolution",
        "Responsible",
        "Deadline",
        "Status",
    ]
    .iter()
    .enumerate()
    {
        s.write(0, c as u16, *h).unwrap();
    }
    s.write(1, 0, "ستاد تنظیم بازار").unwrap();
    s.write(1, 1, 7).unwrap();
    s.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2024, 11, 5).unwrap(), &date)
        .unwrap();
    s.write(1, 3, "نرخ نان در جلسه بعد گزارش شود.").unwrap();
    s.write(1, 4, "اداره صنعت، معدن و تجارت").unwrap();
    s.write_datetime_with_format(1, 5, ExcelDateTime::from_ymd(2024, 12, 20).unwrap(), &date)
        .unwrap();
    s.write(1, 6, "in-progress").unwrap();
    wb.save(&path).unwrap();

    let p: Value = serde_json::from_slice(
        &run_ok(
            dabir(&db)
                .args(["import", "--dry-run", "--format", "json"])
                .arg(&path),
        )
        .stdout,
    )
    .unwrap();
    assert_eq!(p[0]["sheet"], "مصوبات");
    assert_eq!(p[0]["meetings"][0]["date"], "2024-11-05");
    run_ok(dabir(&db).arg("import").arg(&path));
    let rows: Value =
        serde_json::from_slice(&run_ok(dabir(&db).args(["pending", "--format", "json"])).stdout)
            .unwrap();
    assert_eq!(rows[0]["deadline"], "2024-12-20");
    assert_eq!(rows[0]["session"], 7);
    assert_eq!(rows[0]["status"], "in-progress");
    assert_eq!(
        rows[0]["responsible"],
        serde_json::json!(["اداره صنعت، معدن و تجارت"])
    );
}

/// In the app, i and a sheet's path show the mapping first; Esc imports nothing,
/// Enter imports.
#[test]
fn the_app_previews_a_sheet_before_importing_it() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use dabir::ui::app::{App, Dialog};
    let (dir, db) = temp_db();
    let csv = dir.path().join("s.csv");
    std::fs::write(
        &csv,
        "کارگروه,جلسه,تاریخ جلسه,شرح مصوبه,مهلت\n\
         ستاد تنظیم بازار,5,1403/07/01,قیمت نان بررسی شود,1403/07/15\n",
    )
    .unwrap();
    let store = dabir::store::Store::open(&db).unwrap();
    let mut app = app(&store);
    let key = |app: &mut App, code| app.on_key(&store, KeyEvent::new(code, KeyModifiers::NONE));
    open_sheet(&mut app, &store, &csv);
    let Some(Dialog::SheetPreview(p)) = &app.dialog else {
        panic!("no preview: {:?}", app.status_text())
    };
    assert!(
        p.lines.iter().any(|l| l.contains("«شرح مصوبه» ← text")),
        "{:?}",
        p.lines
    );
    key(&mut app, KeyCode::Esc);
    assert!(
        store.meeting_ids_newest_first().next().is_none(),
        "Esc imports nothing"
    );
    open_sheet(&mut app, &store, &csv);
    key(&mut app, KeyCode::Enter);
    assert!(app.dialog.is_none());
    assert!(
        app.status_text()
            .unwrap()
            .contains("1 meetings and 1 resolutions imported"),
        "{:?}",
        app.status_text()
    );
    assert_eq!(app.meetings.rows.len(), 1, "the list shows it");
}

/// In the preview, a column taken wrongly is set with ↑/↓ and Alt+T.
#[test]
fn the_app_preview_sets_a_column_by_hand() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use dabir::ui::app::{App, Dialog};
    let (dir, db) = temp_db();
    let csv = dir.path().join("s.csv");
    std::fs::write(
        &csv,
        "کارگروه;ش;تاریخ جلسه;متن\nستاد تنظیم بازار;5;1403/07/01;قیمت نان بررسی شود\n",
    )
    .unwrap();
    let store = dabir::store::Store::open(&db).unwrap();
    let mut app = app(&store);
    let key = |app: &mut App, code, mods| app.on_key(&store, KeyEvent::new(code, mods));
    open_sheet(&mut app, &store, &csv);
    // «ش» is the second column, taken as `other`; Alt+T until it is `session`.
    key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    for _ in 0..20 {
        let Some(Dialog::SheetPreview(p)) = &app.dialog else {
            panic!("no preview")
        };
        if p.plan.columns[1].field == dabir::import::sheet::Field::Session {
            break;
        }
        key(&mut app, KeyCode::Char('t'), KeyModifiers::ALT);
    }
    let Some(Dialog::SheetPreview(p)) = &app.dialog else {
        panic!("no preview")
    };
    assert_eq!(p.plan.meetings[0].session, 5);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.meetings.rows[0].number, 5);
}

fn app(store: &dabir::store::Store) -> dabir::ui::app::App {
    let mut app = dabir::ui::app::App::new(
        store,
        dabir::ui::keymap::Keymap::default_keymap(),
        None,
        dabir::text::RenderMode::App,
    )
    .unwrap();
    app.on_resize(120, 30);
    app
}

/// i, the sheet's path, Enter: the preview opens.
fn open_sheet(app: &mut dabir::ui::app::App, store: &dabir::store::Store, path: &std::path::Path) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut key = |code| app.on_key(store, KeyEvent::new(code, KeyModifiers::NONE));
    key(KeyCode::Char('i'));
    for c in path.display().to_string().chars() {
        key(KeyCode::Char(c));
    }
    key(KeyCode::Enter);
}

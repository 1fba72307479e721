//! `dabir date`: one line per argument, JSON, exit codes, config holidays.

use std::process::Command;

fn dabir_date(config_home: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dabir"));
    c.env("XDG_CONFIG_HOME", config_home).arg("date");
    c
}

#[test]
fn converts_each_argument_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dabir_date(dir.path())
        .args([
            "--today",
            "1403/08/15",
            "1403/12/30",
            "دو هفته پس از جلسه",
            "10/11/02",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], "1403/12/30  2025-03-20  پنجشنبه ۳۰ اسفند ۱۴۰۳");
    assert!(lines[1].starts_with("1403/08/29  2024-11-19  سه‌شنبه ۲۹ آبان ۱۴۰۳"));
    assert!(
        lines[2].starts_with("1402/11/10  2024-01-30"),
        "nearest reading to 1403/08/15: {}",
        lines[2]
    );
    assert!(
        lines[2].contains("1410/11/02"),
        "the preview names the other reading"
    );
}

#[test]
fn an_invalid_date_exits_1_with_the_reason_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = dabir_date(dir.path())
        .args(["1403/01/01", "1402/12/30"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        1,
        "the good one is printed"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("۱۴۰۲ کبیسه نیست: اسفند ۲۹ روز دارد"), "{err}");

    let out = dabir_date(dir.path())
        .args(["--today", "someday", "1403/01/01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--today"));
}

#[test]
fn json_rows_and_config_holidays() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dabir")).unwrap();
    std::fs::write(
        dir.path().join("dabir/config.toml"),
        "[calendar]\nweekend = [\"پنجشنبه\", \"جمعه\"]\nholidays = [\"1403/09/20\"]\n",
    )
    .unwrap();
    let out = dabir_date(dir.path())
        .args(["--format", "json", "1403/09/20", "1403/09/15", "1403/09/18"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["gregorian"], "2024-12-10");
    assert_eq!(rows[0]["jalali"], "1403/09/20");
    assert!(rows[0]["warning"].as_str().unwrap().contains("holiday"));
    assert!(
        rows[1]["warning"].as_str().unwrap().contains("پنجشنبه"),
        "Thursday is weekend here"
    );
    assert!(
        rows[2].get("warning").is_none(),
        "a Sunday is a working day"
    );

    // Ten working days with that weekend and holiday.
    let out = dabir_date(dir.path())
        .args(["--today", "1403/09/15", "۱۰ روز کاری"])
        .output()
        .unwrap();
    // Thu 5 Dec → S7 S8 M9 (T10 holiday) W11 (T12 F13) S14 S15 M16 T17 W18 (T19 F20) S21
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("1403/10/01  2024-12-21")
    );
}

#[test]
fn a_bad_config_is_reported_and_the_defaults_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dabir")).unwrap();
    std::fs::write(
        dir.path().join("dabir/config.toml"),
        "[calendar]\nweekend = [\"funday\"]\n",
    )
    .unwrap();
    let out = dabir_date(dir.path())
        .args(["1403/09/16"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("funday"));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("جمعه تعطیل است"),
        "default weekend"
    );
}

#[test]
fn a_number_too_long_for_a_date_is_named_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dabir_date(dir.path())
        .arg("99999999999999999999/1/1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the number 99999999999999999999 is too long"),
        "{err}"
    );
    assert!(!err.contains("-1"), "no overflowed year: {err}");
}

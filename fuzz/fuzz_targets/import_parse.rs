//! Fuzzing the minutes parser: any text, any bytes read as text, must give a draft
//! and a report, never a panic or a hang. Also feeds the Word reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let work = dabir::calendar::WorkWeek::default();
    if let Ok(text) = std::str::from_utf8(data) {
        // The check is that this returns: no panic, no hang (libFuzzer's timeout).
        let _ = dabir::import::parse_minutes(text, today, &work);
    }
    let _ = dabir::import::docx::read_docx(data);
});

//! Fuzzing the Word reader alone: any bytes as a .docx must give blocks or an
//! error, never a panic, a hang or an allocation past libFuzzer's limit (a zip
//! bomb must stop at the 64 MiB cap).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dabir::import::docx::read_docx(data);
});

//! Unicode 15.0 conformance of the reorder step: every line of
//! tests/data/unicode-15.0/BidiCharacterTest.txt (paragraph direction
//! LTR, RTL or auto) is run through `text::bidi::reorder_chars`, the per-character
//! form of the step the layout uses per grapheme, without wrapping; the paragraph
//! level, every character's resolved level after L1 and the visual order must match
//! the file's.

use dabir::text::Direction;
use dabir::text::bidi::reorder_chars;

#[test]
fn bidi_character_test_15() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/unicode-15.0/BidiCharacterTest.txt"
    );
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (mut total, mut failures) = (0usize, Vec::new());
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(';').collect();
        let text: String = f[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        let (base, default) = match f[1] {
            "0" => (Some(Direction::Ltr), Direction::Ltr),
            "1" => (Some(Direction::Rtl), Direction::Rtl),
            _ => (None, Direction::Ltr),
        };
        let want_level = if f[2] == "1" {
            Direction::Rtl
        } else {
            Direction::Ltr
        };
        let want_levels: Vec<Option<u8>> = f[3]
            .split_whitespace()
            .map(|l| {
                if l == "x" {
                    None
                } else {
                    Some(l.parse().unwrap())
                }
            })
            .collect();
        let want: Vec<usize> = f[4]
            .split_whitespace()
            .map(|i| i.parse().unwrap())
            .collect();
        let got = reorder_chars(&text, base, default);
        total += 1;
        if got.direction != want_level || got.levels != want_levels || got.order != want {
            failures.push(format!(
                "line {}: {} → got {:?} {:?}",
                n + 1,
                line,
                got.levels,
                got.order
            ));
        }
    }
    let passed = total - failures.len();
    println!(
        "BidiCharacterTest 15.0: {passed}/{total} passed ({:.3}%)",
        100.0 * passed as f64 / total as f64
    );
    for f in failures.iter().take(20) {
        println!("{f}");
    }
    assert!(total > 90_000, "the whole file was read");
    assert!(
        failures.is_empty(),
        "{} failures; see above",
        failures.len()
    );
}

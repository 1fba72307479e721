//! Mirroring in right-to-left runs agrees with Unicode 15.0 BidiMirroring.txt
//! (tests/data/unicode-15.0/, read at test time): every pair listed there
//! mirrors as listed. (The crate behind it follows Unicode 16, a superset.)

use dabir::text::bidi::mirror;

#[test]
fn every_pair_of_bidi_mirroring_15() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/unicode-15.0/BidiMirroring.txt"
    );
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut pairs = 0;
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (from, to) = line.split_once(';').unwrap();
        let c = char::from_u32(u32::from_str_radix(from.trim(), 16).unwrap()).unwrap();
        let m = char::from_u32(u32::from_str_radix(to.trim(), 16).unwrap()).unwrap();
        assert_eq!(mirror(c), m, "U+{:04X}", c as u32);
        pairs += 1;
    }
    assert!(pairs > 400, "read {pairs} pairs");
    assert_eq!(mirror('«'), '»');
}

//! Search normalisation against tests/data/minutes/messy.txt: every clean
//! spelling finds its messy twin (Arabic ي/ك, missing or extra ZWNJ, spaces where
//! a ZWNJ belongs), and the hit points at the text as written.

use dabir::text::normalize::{contains, find_all};

#[test]
fn clean_spellings_find_their_messy_twins() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/minutes/messy.txt");
    let messy = std::fs::read_to_string(path).expect("messy.txt");
    for (clean, as_written) in [
        ("برگزاری جلسه ستاد مدیریت", "برگزاري جلسه ستاد مديريت"),
        ("بخشداری مرکزی", "بخشداري مركزي"),
        ("مدیران", "مديران"),
        ("بهره‌گیری", "بهرهگيري"),
        ("گروه‌های جهادی", "گروههاي جهادي"),
        ("پروژه‌های عمرانی نیمه‌تمام", "پروژه هاي عمراني نيمه تمام"),
        ("ماشین‌آلات", "ماشين آلات"),
        ("صعب‌العبور", "صعب العبور"),
        ("آماده‌سازی معابر", "آماده سازي معابر"),
        ("راه‌های روستایی", "راههاي روستايي"),
        ("اداره راهداری", "اداره راهداري"),
        ("دهیاری‌ها", "دهياري ها"),
        ("۸۰۰ تن", "800 تن"),
        ("تاکید", "تاکيد"),
    ] {
        let hits = find_all(&messy, clean);
        assert!(!hits.is_empty(), "«{clean}» not found in messy.txt");
        assert_eq!(&messy[hits[0].clone()], as_written, "for «{clean}»");
    }
}

#[test]
fn the_issue_s_examples() {
    assert!(contains("جلسه مديران", "مدیران"));
    assert!(contains("از بهره‌گیری", "بهره گیری"));
    assert!(contains("از بهره گیری", "بهره‌گیری"));
    assert!(contains("از بهرهگیری", "بهره‌گیری"));
    assert!(contains("سامانه EIS", "eis"));
    assert!(contains("فرم شماره ۱۴-الف", "14-الف"));
    assert!(!contains("مدیر", "مدیران"));
}

//! The search benchmark's queries, shared by `benches/search.rs` (a folder)
//! and `benches/pg.rs` (the shared archive) so both backends are measured on
//! the same words.

use std::hint::black_box;

use criterion::Criterion;
use dabir::store::Archive;

/// (what the query is, the query).
pub const QUERIES: [(&str, &str); 5] = [
    ("a common word (every meeting has it)", "بخشداری"),
    ("a word in some meetings", "مالياتي"),
    ("two letters, the prefix of many words", "مد"),
    ("two words, ZWNJ typed as a space", "بهره گیری"),
    ("a word no meeting has", "زلزله‌نگاری"),
];

/// Each query, at most 200 hits, newest meeting first; `prefix` starts the
/// benchmark's name («pg: »).
pub fn bench(c: &mut Criterion, prefix: &str, store: &dyn Archive) {
    for (name, query) in QUERIES {
        let r = store.search(query, 200).unwrap().unwrap();
        println!("{name}: {} hits, more: {}", r.hits.len(), r.truncated);
        c.bench_function(&format!("{prefix}search, {name}"), |b| {
            b.iter(|| black_box(store.search(query, 200).unwrap().unwrap().hits.len()))
        });
    }
}

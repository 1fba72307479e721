//! Search benchmarks (issue 6), `cargo bench --bench search`, on a 10,000-meeting
//! demo database: a word over all meetings in under 100 ms.

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::demo::{DemoOptions, generate};
use dabir::store::Store;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let started = Instant::now();
    generate(
        &store,
        DemoOptions {
            meetings: 10_000,
            seed: 1,
            today: NaiveDate::from_ymd_opt(2024, 12, 20).unwrap(),
        },
        || {},
    )
    .unwrap();
    println!(
        "demo of 10,000 meetings with the search index: {:?}",
        started.elapsed()
    );
    println!(
        "search index entries: {}",
        store.raw_tree("search").map_or(0, |t| t.len())
    );
    for (name, query) in [
        ("a common word (every meeting has it)", "بخشداری"),
        ("a word in some meetings", "مالياتي"),
        ("two letters, the prefix of many words", "مد"),
        ("two words, ZWNJ typed as a space", "بهره گیری"),
        ("a word no meeting has", "زلزله‌نگاری"),
    ] {
        let r = store.search(query, 200).unwrap().unwrap();
        println!("{name}: {} hits, more: {}", r.hits.len(), r.truncated);
        c.bench_function(&format!("search, {name}"), |b| {
            b.iter(|| black_box(store.search(query, 200).unwrap().unwrap().hits.len()))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);

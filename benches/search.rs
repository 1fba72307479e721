//! Search benchmarks (issue 6), `cargo bench --bench search`, on a 10,000-meeting
//! demo database: a word over all meetings in under 100 ms.

use std::time::Instant;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::demo::{DemoOptions, generate};
use dabir::store::Store;

#[path = "common/search_queries.rs"]
mod search_queries;

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
    search_queries::bench(c, "", &store);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);

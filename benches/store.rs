//! Store benchmarks on a 10,000-meeting demo database (issue 2):
//! - open the store and read the 50 nearest open deadlines: target < 20 ms;
//! - save one edited meeting (transaction + indexes + flush): target < 10 ms median.
//!
//! `cargo bench --bench store`. The database is built once per run (about 2 s).

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::demo::{DemoOptions, generate};
use dabir::store::Store;

const MEETINGS: usize = 10_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 20).unwrap()
}

fn build() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let store = Store::open(&path).unwrap();
    generate(
        &store,
        DemoOptions {
            meetings: MEETINGS,
            seed: 1,
            today: today(),
        },
        || {},
    )
    .unwrap();
    (dir, path)
}

fn benches(c: &mut Criterion) {
    let (_dir, path) = build();

    c.bench_function(
        "open store + 50 nearest open deadlines (10k meetings)",
        |b| {
            b.iter(|| {
                let store = Store::open(&path).unwrap();
                let rows = store.open_resolutions(Some(today()), 50).unwrap();
                assert_eq!(rows.len(), 50);
                black_box(rows);
            })
        },
    );

    let store = Store::open(&path).unwrap();
    c.bench_function("50 nearest open deadlines, store already open", |b| {
        b.iter(|| black_box(store.open_resolutions(Some(today()), 50).unwrap()))
    });

    let ids: Vec<u64> = store
        .meeting_ids_newest_first()
        .take(200)
        .collect::<Result<_, _>>()
        .unwrap();
    let mut meetings: Vec<_> = ids
        .iter()
        .map(|&id| store.meeting(id).unwrap().unwrap())
        .collect();
    let mut i = 0usize;
    c.bench_function("save one edited meeting (tx + indexes + flush)", |b| {
        b.iter(|| {
            let m = &mut meetings[i % 200];
            i += 1;
            // A typical edit: text typed into a resolution and its deadline moved.
            if let Some(r) = m.resolutions.first_mut() {
                r.text.push('،');
                r.approved_deadline = r.approved_deadline.map(|d| d + Days::new(1));
            }
            store.save_meeting(m).unwrap();
        })
    });
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(50);
    targets = benches
}
criterion_main!(store);

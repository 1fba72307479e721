//! Import benchmark (issue 8), `cargo bench --bench import`: 1,000 documents of
//! clean.txt's size in under 2 s (read from text, parsed, saved as drafts).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::calendar::WorkWeek;
use dabir::import::{parse_minutes, save_draft};
use dabir::store::Store;

fn bench(c: &mut Criterion) {
    let clean = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/minutes/clean.txt"
    ))
    .expect("tests/data/minutes/clean.txt");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let work = WorkWeek::default();
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("parse 1,000 documents of clean.txt's size", |b| {
        b.iter(|| {
            for _ in 0..1_000 {
                black_box(parse_minutes(black_box(&clean), today, &work));
            }
        })
    });
    g.bench_function("parse and save 1,000 documents as draft meetings", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::open(&dir.path().join("db")).unwrap();
                (dir, store)
            },
            |(_dir, store)| {
                for i in 0..1_000 {
                    let (d, _) = parse_minutes(&clean, today, &work);
                    black_box(
                        save_draft(&store, &d, None, &format!("clean-{i}.txt"), "", today).unwrap(),
                    );
                }
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(import, bench);
criterion_main!(import);

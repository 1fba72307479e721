//! Import benchmark (issue 8), `cargo bench --bench import`: 1,000 documents of
//! clean.txt's size in under 2 s (read from text, parsed, saved as drafts); a
//! follow-up sheet of 10,000 rows in under 2 s (issue 16: read, mapped, grouped
//! into 1,000 meetings, saved).

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
    // 10,000 rows: 1,000 meetings of 10 resolutions, as dabir's XLSX export has them.
    let rows: Vec<dabir::export::doc::ResolutionLine> = (0..10_000)
        .map(|i| dabir::export::doc::ResolutionLine {
            meeting_id: (i / 10) as u64,
            key: (i % 10) as u32,
            body: format!("کارگروه شماره {}", i / 10 % 7),
            session: (i / 70 + 1) as u32,
            date: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new((i / 10) as u64),
            number: (i % 10) as u32 + 1,
            text: format!("فرمانداری نسبت به تهیه فهرست خدمات شماره {i} اقدام نماید."),
            responsible: vec![format!("اداره {}", i % 40)],
            executor: None,
            deadline: NaiveDate::from_ymd_opt(2024, 1, 1)
                .map(|d| d + chrono::Days::new((i % 700) as u64)),
            approved: NaiveDate::from_ymd_opt(2024, 1, 1),
            extensions: (i % 3) as u32,
            status: dabir::model::Status::InProgress,
        })
        .collect();
    let sheet_dir = tempfile::tempdir().unwrap();
    let sheet = sheet_dir.path().join("pending.xlsx");
    std::fs::write(
        &sheet,
        dabir::export::sheet::resolutions_xlsx(&rows).unwrap(),
    )
    .unwrap();
    g.bench_function("import a 10,000-row XLSX follow-up sheet", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::open(&dir.path().join("db")).unwrap();
                (dir, store)
            },
            |(_dir, store)| {
                use dabir::import::sheet;
                let table = sheet::read_table(&sheet).unwrap();
                let columns = sheet::map_columns(&table, &[]);
                let plan = sheet::plan(&table, &columns, None, today, &work);
                assert_eq!(plan.meetings.len(), 1_000);
                black_box(sheet::save_plan(&store, &plan, today, "").unwrap());
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(import, bench);
criterion_main!(import);

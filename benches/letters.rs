//! Letters benchmark (issue 12), `cargo bench --bench letters`, on the
//! 10,000-meeting demo database with units added up to 50, each with overdue
//! resolutions of one body:
//! - follow-up letters for the 50 units (build, number and register, Word file): < 1 s;
//! - the same for every unit's every open resolution, for the record;
//! - ابلاغ of one meeting.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::demo::{DemoOptions, generate};
use dabir::export::letter::{self, Settings};
use dabir::model::{Meeting, Numbering, Unit};
use dabir::store::Store;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let today = NaiveDate::from_ymd_opt(2024, 12, 20).unwrap();
    generate(
        &store,
        DemoOptions {
            meetings: 10_000,
            seed: 1,
            today,
        },
        || {},
    )
    .unwrap();
    // A body of its own whose meeting names every unit, the demo's and new
    // ones up to 50.
    let mut body = dabir::service::find_or_create_body(&store, "ستاد تنظیم بازار شهرستان").unwrap();
    body.place = "سالن جلسات".into();
    store.save_body(&mut body).unwrap();
    let have = store.units().unwrap().len();
    for i in have..50 {
        let mut u = Unit {
            id: 0,
            ..Unit::named(format!("دستگاه اجرایی شماره {}", i + 1))
        };
        store.save_unit(&mut u).unwrap();
    }
    let units = store.units().unwrap();
    let mut m = Meeting::new(
        0,
        body.id,
        1,
        NaiveDate::from_ymd_opt(2024, 9, 1).unwrap(),
        chrono::Utc::now(),
    );
    for (i, u) in units.iter().enumerate() {
        for k in 0..3 {
            let r = m
                .add_resolution(format!(
                    "مصوبه {k} برای {}: گزارش اقدامات تا پایان ماه ارائه شود.",
                    u.name
                ))
                .unwrap();
            r.responsible = vec![u.id];
            r.approved_deadline = NaiveDate::from_ymd_opt(2024, 10, 1 + (i % 28) as u32);
        }
    }
    store.save_meeting(&mut m).unwrap();
    println!("units: {}", units.len());
    let settings = Settings {
        numbering: Numbering {
            pattern: "{year}/د/{seq}".into(),
        },
        font: "B Nazanin".into(),
        ..Settings::default()
    };
    let body_name = body.name.clone();
    let keep = move |r: &dabir::export::doc::ResolutionLine| {
        r.body == body_name && r.deadline.is_some_and(|d| d < today)
    };

    c.bench_function(
        "follow-up letters, 50 units: build + register + docx",
        |b| {
            b.iter(|| {
                let mut drafts =
                    letter::follow_up(&store, &keep, &|_| true, &settings, today, today).unwrap();
                letter::issue(&store, &mut drafts, &settings.numbering, true, &|_, _| {
                    "letters.docx".into()
                })
                .unwrap();
                let docs: Vec<_> = drafts.iter().map(|d| d.doc.clone()).collect();
                black_box(letter::letters_docx(&docs, &settings).unwrap().len())
            })
        },
    );
    let drafts = letter::follow_up(&store, &keep, &|_| true, &settings, today, today).unwrap();
    println!("letters: {}", drafts.len());

    c.bench_function(
        "follow-up letters, every open resolution: build only",
        |b| {
            b.iter(|| {
                let drafts =
                    letter::follow_up(&store, &|_| true, &|_| true, &settings, today, today)
                        .unwrap();
                black_box(drafts.len())
            })
        },
    );
    c.bench_function("ابلاغ of one meeting: build + docx", |b| {
        b.iter(|| {
            let drafts = letter::notify(&store, m.id, &settings, today).unwrap();
            let docs: Vec<_> = drafts.iter().map(|d| d.doc.clone()).collect();
            black_box(letter::letters_docx(&docs, &settings).unwrap().len())
        })
    });
}

criterion_group! {
    name = letters;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(letters);

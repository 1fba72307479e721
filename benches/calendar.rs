//! Calendar benchmark (issue 4): parse and convert 100,000 mixed date strings in
//! under 50 ms. `cargo bench --bench calendar`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::calendar::{DateContext, Digits, JalaliDate, WorkWeek, parse_date};

/// 100,000 strings in the forms secretaries write, cycling through the days of
/// 1395–1410 so no two neighbours are alike.
fn inputs() -> Vec<String> {
    let forms: [fn(JalaliDate, usize) -> String; 10] = [
        |j, _| j.numeric(Digits::Latin),
        |j, _| j.numeric(Digits::Persian).replace('/', "-"),
        |j, _| format!("{}/{}/{}", j.day(), j.month(), j.year()),
        |j, _| format!("{:02}/{:02}/{:02}", j.day(), j.month(), j.year() % 100),
        |j, _| {
            Digits::Persian.apply(&format!(
                "{} {} {}",
                j.day(),
                dabir::calendar::MONTHS[j.month() as usize - 1],
                j.year()
            ))
        },
        |j, _| {
            format!(
                "{} {}ماه",
                j.day(),
                dabir::calendar::MONTHS[j.month() as usize - 1]
            )
        },
        |_, i| format!("+{}", i % 90),
        |_, i| format!("{} روز کاری", i % 20 + 1),
        |_, i| {
            [
                "دو هفته پس از جلسه",
                "پایان سال",
                "فردا",
                "شنبه آینده",
                "یک ماه",
            ][i % 5]
                .to_string()
        },
        |j, _| j.to_gregorian().format("%Y-%m-%d").to_string(),
    ];
    let start = JalaliDate::new(1395, 1, 1).unwrap().to_gregorian();
    (0..100_000)
        .map(|i| {
            let j = JalaliDate::from_gregorian(start + chrono::Days::new((i * 7 % 5_800) as u64))
                .unwrap();
            forms[i % forms.len()](j, i)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let work = WorkWeek::default();
    let ctx = DateContext {
        anchor: NaiveDate::from_ymd_opt(2024, 11, 5),
        deadline: true,
        work: &work,
    };
    // Every input must parse: a benchmark of errors would measure the wrong thing.
    let failures: Vec<_> = inputs
        .iter()
        .filter(|s| parse_date(s, &ctx).is_err())
        .take(5)
        .collect();
    assert!(failures.is_empty(), "unparsed: {failures:?}");

    c.bench_function("parse + convert 100,000 mixed date strings", |b| {
        b.iter(|| {
            for s in &inputs {
                let _ = black_box(parse_date(black_box(s), &ctx).map(|p| p.jalali));
            }
        })
    });
}

criterion_group! {
    name = calendar;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(calendar);

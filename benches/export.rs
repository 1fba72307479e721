//! Export benchmarks (issue 7), `cargo bench --bench export`:
//! - a 60-resolution meeting to DOCX: < 20 ms; to every format together: < 50 ms;
//! - 100,000 pending resolutions to XLSX: < 5 s.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::export::doc::{MinutesDoc, ResolutionLine};
use dabir::export::{Format, docx, export_meeting, export_resolutions};
use dabir::model::{AgendaItem, Attendee, DiscussionEntry, Meeting, Person, Presence, Status};

fn meeting() -> MinutesDoc {
    let now = chrono::Utc::now();
    let mut m = Meeting::new(7, 1, 12, NaiveDate::from_ymd_opt(2024, 11, 5).unwrap(), now);
    m.place = "سالن شهید رجایی فرمانداری".into();
    for i in 0..10 {
        m.attendees.push(Attendee {
            person: Person::new(format!("جناب آقای عضو {i}"), "مدیرکل"),
            presence: Presence::Present,
        });
    }
    for i in 0..5 {
        m.agenda.push(AgendaItem {
            text: format!("بند {i}: بررسی پیشرفت استقرار سامانه EIS نسخه 2.1"),
        });
    }
    for _ in 0..20 {
        m.discussion.push(DiscussionEntry { speaker: "جناب آقای محمدی، مدیر فناوری اطلاعات".into(), agenda_item: Some(1), text: "اعلام کرد که سامانه EIS در ۳ بخشداری از ۵ بخشداری مستقر شده و استقرار در دو بخشداری باقی‌مانده نیازمند پهنای باند ۲۰ مگابیت بر ثانیه است.".into(), typed_at: now });
    }
    for i in 0..60 {
        let r = m.add_resolution(format!("مصوبه {i}: فرمانداری نسبت به تهیه فهرست خدمات قابل واگذاری به بخشداری‌ها اقدام نماید.")).unwrap();
        r.responsible = vec![1, 2];
        r.approved_deadline = NaiveDate::from_ymd_opt(2024, 12, 20);
    }
    MinutesDoc::from_meeting(
        &m,
        "کارگروه تحول اداری و توسعه مدیریت فرمانداری",
        &|u| {
            if u == 1 {
                "اداره برنامه‌ریزی و بودجه".into()
            } else {
                "مدیریت فناوری اطلاعات".into()
            }
        },
    )
}

fn pending(n: usize) -> Vec<ResolutionLine> {
    (0..n)
        .map(|i| ResolutionLine {
            meeting_id: (i / 10) as u64,
            key: (i % 10) as u32,
            body: "کارگروه تحول اداری و توسعه مدیریت فرمانداری".into(),
            session: (i / 10 % 200) as u32,
            date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            number: (i % 10) as u32 + 1,
            text: "فرمانداری نسبت به تهیه فهرست خدمات قابل واگذاری به بخشداری‌ها اقدام نماید."
                .into(),
            responsible: vec!["اداره برنامه‌ریزی و بودجه".into()],
            executor: None,
            deadline: NaiveDate::from_ymd_opt(2024, 1, 1)
                .map(|d| d + chrono::Days::new((i % 700) as u64)),
            approved: NaiveDate::from_ymd_opt(2024, 1, 1),
            extensions: (i % 3) as u32,
            status: Status::Open,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let doc = meeting();
    c.bench_function("60-resolution meeting to DOCX", |b| {
        b.iter(|| {
            black_box(
                export_meeting(&doc, Format::Docx, docx::DEFAULT_FONT, &Default::default())
                    .unwrap(),
            )
        })
    });
    c.bench_function("60-resolution meeting to every format", |b| {
        b.iter(|| {
            for f in Format::ALL {
                black_box(
                    export_meeting(&doc, f, docx::DEFAULT_FONT, &Default::default()).unwrap(),
                );
            }
        })
    });
    let rows = pending(100_000);
    let mut g = c.benchmark_group("pending");
    g.sample_size(10);
    g.bench_function("100,000 pending resolutions to XLSX", |b| {
        b.iter(|| black_box(export_resolutions(&rows, Format::Xlsx).unwrap()))
    });
    g.finish();
}

criterion_group!(export, bench);
criterion_main!(export);

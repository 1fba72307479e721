//! Text engine benchmarks (issue 3), `cargo bench --bench text`:
//! - layout (wrap + reorder + shape) of a 5,000-word Persian document at width
//!   100: target < 2 ms;
//! - re-layout of one edited paragraph: target < 50 µs.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dabir::text::{RenderMode, layout_paragraph, layout_text};

/// Minutes-like paragraphs (speaker: summary; numbered resolutions), with Latin
/// acronyms, numbers, brackets and ZWNJ, repeated to 5,000 words.
fn document() -> String {
    let paragraphs = [
        "جناب آقای کاظمی، فرماندار: ضمن خوشامدگویی، بر لزوم پیگیری جدی مصوبات جلسه قبل تأکید کردند و از پیشرفت ۷۵ درصدی برنامه «دولت الکترونیک» در شهرستان قدردانی نمودند.",
        "خانم نوروزی، دبیر کارگروه: گزارش داد که از ۹ مصوبه جلسه قبل، ۶ مصوبه انجام شده، ۲ مصوبه در دست اقدام است و ۱ مصوبه (تهیه فهرست خدمات قابل واگذاری) به دلیل تأخیر دستگاه‌ها معوق مانده است.",
        "جناب آقای محمدی، مدیر فناوری اطلاعات: اعلام کرد که سامانه EIS نسخه 2.1 در ۳ بخشداری از ۵ بخشداری مستقر شده و استقرار در دو بخشداری باقی‌مانده نیازمند پهنای باند ۲۰ مگابیت بر ثانیه است.",
        "۲- استقرار سامانه EIS در دو بخشداری باقی‌مانده با همکاری شرکت مخابرات تکمیل گردد. مسئول پیگیری: مدیریت فناوری اطلاعات؛ شرکت مخابرات شهرستان      مهلت اجرا: ۱۵ آذر ۱۴۰۳",
    ];
    let mut doc = String::new();
    let mut words = 0;
    let mut i = 0;
    while words < 5_000 {
        let p = paragraphs[i % paragraphs.len()];
        words += p.split_whitespace().count();
        doc.push_str(p);
        doc.push('\n');
        i += 1;
    }
    doc
}

fn bench(c: &mut Criterion) {
    let doc = document();
    assert!(doc.split_whitespace().count() >= 5_000);
    c.bench_function("layout 5,000-word document, width 100, app mode", |b| {
        b.iter(|| black_box(layout_text(black_box(&doc), 100, None, RenderMode::App)))
    });
    c.bench_function(
        "layout 5,000-word document, width 100, terminal mode",
        |b| {
            b.iter(|| {
                black_box(layout_text(
                    black_box(&doc),
                    100,
                    None,
                    RenderMode::Terminal,
                ))
            })
        },
    );
    let paragraph = doc.lines().nth(2).unwrap().to_owned() + " و";
    c.bench_function("re-layout one edited paragraph (about 40 words)", |b| {
        b.iter(|| {
            black_box(layout_paragraph(
                black_box(&paragraph),
                100,
                None,
                RenderMode::App,
            ))
        })
    });
}

criterion_group! {
    name = text;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(text);

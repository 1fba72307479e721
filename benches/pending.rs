//! Pending screen benchmarks (issue 6), `cargo bench --bench pending`, on a
//! 10,000-meeting demo database (about 100,000 resolutions, 62,000 open):
//! - the screen's first frame (open + render): < 20 ms;
//! - changing a filter over all rows (loaded): < 10 ms;
//! - the dashboard (every meeting read once), no target.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::demo::{DemoOptions, generate};
use dabir::store::Store;
use dabir::text::{Digits, RenderMode};
use dabir::ui::screens::dashboard::DashboardScreen;
use dabir::ui::screens::pending::PendingScreen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();

    c.bench_function("pending screen first frame (open + render, 160x48)", |b| {
        b.iter(|| {
            let p = PendingScreen::open(&store, today, Digits::Persian, 48).unwrap();
            term.draw(|f| p.render(f, f.area(), RenderMode::App, dabir::lang::Lang::Fa))
                .unwrap();
            black_box(p.visible.len())
        })
    });

    let mut p = PendingScreen::open(&store, today, Digits::Persian, 48).unwrap();
    while p.load_more(&store, 4_000).unwrap() {}
    p.refilter();
    println!("open resolutions loaded: {}", p.rows.len());
    c.bench_function("change a filter over all open rows", |b| {
        b.iter(|| {
            p.cycle_range();
            black_box(p.visible.len())
        })
    });
    c.bench_function(
        "text filter over all open rows (one more letter typed)",
        |b| {
            let mut i = 0;
            b.iter(|| {
                let q = if i % 2 == 0 {
                    "مخابرات"
                } else {
                    "مخابرا"
                };
                i += 1;
                p.query = Some(dabir::ui::widgets::editor::TextField::new(q, false));
                p.refilter();
                black_box(p.visible.len())
            })
        },
    );
    p.query = None;
    c.bench_function("change a filter and render the frame", |b| {
        b.iter(|| {
            p.cycle_range();
            term.draw(|f| p.render(f, f.area(), RenderMode::App, dabir::lang::Lang::Fa))
                .unwrap();
        })
    });
    c.bench_function("dashboard: figures over every meeting + render", |b| {
        b.iter(|| {
            let d = DashboardScreen::open(&store, today, Digits::Persian).unwrap();
            term.draw(|f| d.render(f, f.area(), RenderMode::App, dabir::lang::Lang::Fa))
                .unwrap();
            black_box(d.stats.units.len())
        })
    });
}

criterion_group! {
    name = pending;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(pending);

//! The shared archive on PostgreSQL (issue 15), on the 10,000-meeting demo:
//! - save one meeting being typed (version check, resolution rows, audit,
//!   notice, commit): target < 20 ms;
//! - record a follow-up in place (row lock, read, save): as a save;
//! - the pending list's rows (every open resolution, by deadline);
//! - renew a lease;
//! - search (the queries of benches/search.rs): target < 100 ms;
//! - connect + the pending screen's first frame: target < 300 ms;
//! - every open resolution (the pending rows) and the meetings list's rows.
//!
//! `cargo bench --bench pg`. The server: `DABIR_BENCH_PG`, else
//! postgres://postgres@127.0.0.1:5432/test. The archive is built once, in the
//! schema `dabir_bench` (about 40 s), and kept for later runs; drop the schema
//! to build it again. Without a server the benchmark says so and does nothing.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dabir::demo::{DemoOptions, generate};
use dabir::model::FollowUp;
use dabir::store::Store;
use dabir::store::pg::PgArchive;
use dabir::text::{Digits, RenderMode};
use dabir::ui::screens::pending::PendingScreen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/search_queries.rs"]
mod search_queries;

const MEETINGS: usize = 10_000;
const SCHEMA: &str = "dabir_bench";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 20).unwrap()
}

/// The archive's URL, built if it is not there yet; None without a server.
fn archive() -> Option<String> {
    let base = std::env::var("DABIR_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut client = match postgres::Client::connect(&base, postgres::NoTls) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("no PostgreSQL server at {base} ({e}); set DABIR_BENCH_PG");
            return None;
        }
    };
    client
        .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
        .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-c%20search_path%3D{SCHEMA}");
    let (pg, _) = PgArchive::connect(&url, "bench").unwrap();
    if pg.is_empty().unwrap() {
        eprintln!("building the 10,000-meeting archive in schema {SCHEMA}…");
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
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
        pg.load(&store.backup().unwrap()).unwrap();
    }
    Some(url)
}

fn benches(c: &mut Criterion) {
    let Some(url) = archive() else { return };
    let (pg, _) = PgArchive::connect(&url, "bench").unwrap();
    let heads = pg.meeting_heads().unwrap();
    assert_eq!(heads.len(), MEETINGS);

    // The newest meeting, typed into: one word a save.
    let id = heads[0].id;
    pg.lease(id).unwrap();
    let mut m = pg.meeting(id).unwrap().unwrap();
    c.bench_function("pg: save one meeting being typed (10k archive)", |b| {
        b.iter(|| {
            match m.discussion.first_mut() {
                Some(d) => d.text.push_str(" واژه"),
                None => m.notes.push_str(" واژه"),
            }
            pg.save_meeting(&mut m).unwrap();
        })
    });
    pg.release(id).unwrap();

    let other = heads[1].id;
    c.bench_function("pg: record a follow-up in place (row lock)", |b| {
        b.iter(|| {
            pg.update_meeting(other, "follow-up", &mut |m| {
                if let Some(r) = m.resolutions.first_mut() {
                    r.add_follow_up(FollowUp {
                        date: today(),
                        note: "پیگیری تلفنی".into(),
                        status: None,
                        deadline: None,
                        requested_by: String::new(),
                    });
                }
                Ok(())
            })
            .unwrap();
        })
    });

    c.bench_function("pg: renew a lease", |b| b.iter(|| pg.lease(other).unwrap()));
    pg.release(other).unwrap();

    search_queries::bench(c, "pg: ", &pg);

    let mut group = c.benchmark_group("pg lists");
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    group.bench_function(
        "pg: connect + pending screen first frame (open + render, 160x48)",
        |b| {
            b.iter(|| {
                let (pg, _) = PgArchive::connect(&url, "bench").unwrap();
                let p = PendingScreen::open(&pg, today(), Digits::Persian, 48).unwrap();
                term.draw(|f| p.render(f, f.area(), RenderMode::App, dabir::lang::Lang::Fa))
                    .unwrap();
                black_box(p.visible.len())
            })
        },
    );
    group.sample_size(10);
    group.bench_function(
        "pg: every open resolution by deadline (pending rows)",
        |b| b.iter(|| black_box(pg.open_summaries().unwrap())),
    );
    group.bench_function(
        "pg: the dashboard's figures (every resolution, no meeting read)",
        |b| {
            b.iter(|| {
                black_box(dabir::model::stats::stats_of(
                    pg.resolution_facts().unwrap(),
                    today(),
                ))
            })
        },
    );
    group.bench_function("pg: connect + 10,000 meeting heads", |b| {
        b.iter(|| {
            let (pg, _) = PgArchive::connect(&url, "bench").unwrap();
            black_box(pg.meeting_heads().unwrap())
        })
    });
    group.finish();
}

criterion_group!(pg_benches, benches);
criterion_main!(pg_benches);

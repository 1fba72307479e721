//! UI benchmarks (issue 5), `cargo bench --bench ui`, on a meeting of 5,000 words
//! and 60 resolutions at 160×48:
//! - one typed character plus rendering the frame (TestBackend): p99 < 1 ms;
//! - opening the meeting: < 30 ms.
//!
//! Criterion reports means; the percentiles are measured over 5,000 keystrokes
//! and printed first.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::model::{
    AgendaItem, Attendee, Body, BodyKind, DiscussionEntry, Meeting, Person, Presence, Unit,
};
use dabir::store::Store;
use dabir::text::RenderMode;
use dabir::ui::app::App;
use dabir::ui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SENTENCE: &str = "اعلام کرد که سامانه EIS نسخه 2.1 در ۳ بخشداری از ۵ بخشداری مستقر شده و استقرار در دو بخشداری باقی‌مانده نیازمند پهنای باند ۲۰ مگابیت بر ثانیه است.";

fn big_meeting(store: &Store) -> u64 {
    let mut body = Body {
        id: 0,
        name: "کارگروه تحول اداری و توسعه مدیریت فرمانداری".into(),
        kind: BodyKind::WorkingGroup,
        members: vec![],
        chair: None,
        secretary: None,
        place: String::new(),
    };
    store.save_body(&mut body).unwrap();
    let mut unit = Unit {
        id: 0,
        ..Unit::named("اداره برنامه‌ریزی و بودجه")
    };
    store.save_unit(&mut unit).unwrap();
    let now = chrono::Utc::now();
    let mut m = Meeting::new(
        0,
        body.id,
        0,
        chrono::NaiveDate::from_ymd_opt(2024, 11, 5).unwrap(),
        now,
    );
    m.place = "سالن شهید رجایی فرمانداری".into();
    for i in 0..8 {
        m.attendees.push(Attendee {
            person: Person::new(format!("جناب آقای عضو {i}"), "مدیرکل"),
            presence: Presence::Present,
        });
    }
    m.agenda.push(AgendaItem {
        text: "بررسی پیشرفت استقرار سامانه EIS".into(),
    });
    let words_per = SENTENCE.split_whitespace().count();
    let mut words = 0;
    while words < 5_000 - 60 * 12 {
        m.discussion.push(DiscussionEntry {
            speaker: "جناب آقای محمدی، مدیر فناوری اطلاعات".into(),
            agenda_item: Some(1),
            text: format!("{SENTENCE} {SENTENCE}"),
            typed_at: now,
        });
        words += 2 * words_per;
    }
    for i in 0..60 {
        let r = m
            .add_resolution(format!(
                "مصوبه شماره {i}: فرمانداری نسبت به تهیه فهرست خدمات قابل واگذاری اقدام نماید."
            ))
            .unwrap();
        r.responsible.push(unit.id);
        r.approved_deadline = chrono::NaiveDate::from_ymd_opt(2024, 12, 20);
    }
    store.save_meeting(&mut m).unwrap();
    m.id
}

fn open(store: &Store) -> App {
    let mut app = App::new(store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(160, 48);
    app.on_key(store, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    big_meeting(&store);
    let words: usize = store
        .meetings_newest_first()
        .next()
        .unwrap()
        .unwrap()
        .discussion
        .iter()
        .map(|d| d.text.split_whitespace().count())
        .sum();
    assert!(words >= 4_000, "{words}");

    let mut app = open(&store);
    // Go to the last discussion entry's text, deep in the page.
    app.on_key(&store, KeyEvent::new(KeyCode::Char('4'), KeyModifiers::ALT));
    app.on_key(&store, KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let keys: Vec<char> = SENTENCE.chars().collect();
    let mut samples = Vec::with_capacity(5_000);
    for i in 0..5_000 {
        let t = Instant::now();
        app.on_key(
            &store,
            KeyEvent::new(KeyCode::Char(keys[i % keys.len()]), KeyModifiers::NONE),
        );
        terminal.draw(|f| app.render(f)).unwrap();
        samples.push(t.elapsed());
    }
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "keystroke + render (5,000 samples): p50 {:?}  p99 {:?}  max {:?}",
        pct(0.50),
        pct(0.99),
        samples.last().unwrap()
    );
    assert!(
        pct(0.99) < Duration::from_millis(1),
        "p99 over the 1 ms budget"
    );

    c.bench_function("open a 5,000-word, 60-resolution meeting (160x48)", |b| {
        b.iter(|| black_box(open(&store)))
    });
    // Bracketed paste of 1 MB of Persian text (with control characters to remove)
    // into an agenda item of a fresh meeting: target < 100 ms.
    let paste = "کارگروه تحول اداری\u{1b}[31m EIS 2.1 بهره‌گیری\r\n".repeat(22_000);
    assert!(paste.len() > 1_000_000);
    c.bench_function("paste 1 MB into a field", |b| {
        b.iter_batched(
            || {
                let mut app = open(&store);
                app.on_key(&store, KeyEvent::new(KeyCode::Char('g'), KeyModifiers::ALT));
                app
            },
            |mut app| app.on_paste(black_box(&paste)),
            criterion::BatchSize::PerIteration,
        )
    });
    c.bench_function("keystroke + render frame (160x48)", |b| {
        let mut i = 0;
        b.iter(|| {
            app.on_key(
                &store,
                KeyEvent::new(KeyCode::Char(keys[i % keys.len()]), KeyModifiers::NONE),
            );
            i += 1;
            terminal.draw(|f| app.render(f)).unwrap();
        })
    });
}

criterion_group! {
    name = ui;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(ui);

//! Full-text search: normalised spelling, the index kept with each save, newest
//! first, the limit, and the CLI's JSON shape.

mod common;

use common::*;
use dabir::model::{DiscussionEntry, FollowUp, Status};
use dabir::store::{QueryError, Store};
use serde_json::Value;

fn hits(store: &Store, q: &str) -> Vec<(u64, &'static str, String)> {
    store
        .search(q, 100)
        .unwrap()
        .unwrap()
        .hits
        .into_iter()
        .map(|h| {
            assert_eq!(
                &h.snippet[h.highlight.clone()].is_empty(),
                &false,
                "a hit highlights something"
            );
            (h.meeting, h.place.section(), h.snippet)
        })
        .collect()
}

/// The clean meeting, plus texts typed with Arabic letters and with and without ZWNJ.
fn store_with_meetings() -> (tempfile::TempDir, Store, u64, u64) {
    let (dir, db) = temp_db();
    let store = Store::open(&db).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut old = clean_meeting(&body, &units);
    old.discussion.push(DiscussionEntry {
        speaker: "خانم رحیمی".into(),
        agenda_item: None,
        text: "جلسه با مديران دستگاه‌ها هماهنگ شود.".into(),
        typed_at: instant(),
    });
    store.save_meeting(&mut old).unwrap();
    let mut new = clean_meeting(&body, &units);
    new.number = 13;
    new.date = date(2024, 12, 3);
    new.agenda[0].text = "بهره‌گیری از ظرفیت دانشگاه‌ها".into();
    new.resolutions[1].add_follow_up(FollowUp {
        date: date(2024, 12, 10),
        note: "نامه به مخابرات ارسال شد".into(),
        status: Some(Status::InProgress),
        deadline: None,
        requested_by: String::new(),
    });
    store.save_meeting(&mut new).unwrap();
    (dir, store, old.id, new.id)
}

#[test]
fn arabic_letters_and_zwnj_meet() {
    let (_dir, store, old, new) = store_with_meetings();
    // «مدیران» typed with Persian yeh finds «مديران» typed with Arabic yeh.
    let found = hits(&store, "مدیران");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, old);
    assert_eq!(found[0].1, "خلاصه مذاکرات / discussion");
    assert_eq!(found[0].2, "جلسه با مديران دستگاه‌ها هماهنگ شود.");
    // «بهره گیری» with a space finds «بهره‌گیری» with a ZWNJ, and the other way.
    for q in ["بهره گیری", "بهره‌گیری", "بهرهگیری", "بهره‌گيري"]
    {
        let found = hits(&store, q);
        assert_eq!(found.len(), 1, "{q}");
        assert_eq!(found[0].0, new);
        assert_eq!(found[0].1, "دستور جلسه / agenda");
    }
}

#[test]
fn a_word_finds_longer_words_and_every_section() {
    let (_dir, store, old, new) = store_with_meetings();
    // «بخشداری» starts «بخشداری‌ها»; both meetings, newest first.
    let found = hits(&store, "بخشداری");
    let meetings: Vec<u64> = found.iter().map(|h| h.0).collect();
    assert!(meetings.first() == Some(&new) && meetings.last() == Some(&old));
    let sections: std::collections::BTreeSet<&str> = found.iter().map(|h| h.1).collect();
    assert!(sections.contains("دستور جلسه / agenda"));
    assert!(sections.contains("خلاصه مذاکرات / discussion"));
    assert!(sections.contains("مصوبات / resolutions"));
    // Follow-up notes, people, digits in either script.
    assert_eq!(hits(&store, "مخابرات ارسال")[0].1, "پیگیری / follow-up");
    assert_eq!(
        hits(&store, "کاظمی").len(),
        4,
        "chair and attendance in both"
    );
    assert_eq!(hits(&store, "۱۴-الف").len(), 2);
    assert_eq!(hits(&store, "eis").len(), hits(&store, "EIS").len());
    // All words must be there; a word no meeting has finds nothing.
    assert!(hits(&store, "بخشداری دانشگاه").iter().all(|h| h.0 == new));
    assert!(hits(&store, "بخشداری زلزله").is_empty());
    assert_eq!(
        store.search("و ب", 10).unwrap().unwrap_err(),
        QueryError::TooShort
    );
}

#[test]
fn the_index_follows_edits_and_deletes() {
    let (_dir, store, old, new) = store_with_meetings();
    let mut m = store.meeting(new).unwrap().unwrap();
    m.agenda[0].text = "آموزش کارکنان".into();
    store.save_meeting(&mut m).unwrap();
    assert!(hits(&store, "بهره گیری").is_empty(), "the old word is gone");
    assert_eq!(hits(&store, "آموزش")[0].0, new);
    store.delete_meeting(old).unwrap();
    assert!(hits(&store, "مدیران").is_empty());
}

#[test]
fn the_limit_stops_early_and_says_so() {
    let (_dir, store, _, _) = store_with_meetings();
    let r = store.search("بخشداری", 2).unwrap().unwrap();
    assert_eq!(r.hits.len(), 2);
    assert!(r.truncated);
    let all = store.search("بخشداری", 100).unwrap().unwrap();
    assert!(!all.truncated);
}

#[test]
fn cli_json_shape() {
    let (_dir, db) = temp_db();
    let store = Store::open(&db).unwrap();
    let (body, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&body, &units);
    store.save_meeting(&mut m).unwrap();
    drop(store);
    let out = run_ok(dabir(&db).args(["search", "مالياتي", "--format", "json"]));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    let mut keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "body",
            "date",
            "date_jalali",
            "highlight",
            "meeting_id",
            "resolution",
            "section",
            "session",
            "snippet"
        ]
    );
    for r in rows {
        assert_eq!(r["meeting_id"], m.id);
        let snippet: Vec<char> = r["snippet"].as_str().unwrap().chars().collect();
        let (a, b) = (
            r["highlight"][0].as_u64().unwrap() as usize,
            r["highlight"][1].as_u64().unwrap() as usize,
        );
        let hit: String = snippet[a..b].iter().collect();
        assert_eq!(hit, "مالیاتی");
    }
    let out = dabir(&db).args(["search", "ب"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("two letters"));
}

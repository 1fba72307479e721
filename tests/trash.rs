//! The trash: meetings and bodies deleted from the list or the CLI, restored or
//! purged; nothing a resolution names is orphaned.

mod common;

use std::collections::BTreeSet;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dabir::model::{Body, BodyKind, Meeting};
use dabir::store::{Store, StoreError};
use dabir::text::RenderMode;
use dabir::ui::app::{App, Dialog, Screen};
use dabir::ui::keymap::Keymap;

fn index(store: &Store) -> BTreeSet<dabir::store::IndexEntry> {
    store.index_entries().unwrap().into_iter().collect()
}

fn body(store: &Store, name: &str) -> Body {
    let mut b = Body {
        id: 0,
        name: name.into(),
        kind: BodyKind::WorkingGroup,
        members: vec![],
        chair: None,
        secretary: None,
        place: String::new(),
    };
    store.put_body(&mut b).unwrap();
    b
}

#[test]
fn a_draft_goes_to_the_trash_and_comes_back_whole() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (b, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&b, &units);
    store.save_meeting(&mut m).unwrap();
    let saved = store.meeting(m.id).unwrap().unwrap();
    let before = index(&store);
    assert!(!store.open_resolutions(None, 10).unwrap().is_empty());

    let t = store.trash_meeting(m.id, instant()).unwrap();
    assert_eq!(t, saved);
    assert!(store.meeting(m.id).unwrap().is_none());
    assert!(
        index(&store).is_empty(),
        "no list, search or pending row keeps it"
    );
    assert!(store.open_resolutions(None, 10).unwrap().is_empty());
    let trashed = store.trashed_meetings().unwrap();
    assert_eq!(trashed.len(), 1);
    assert_eq!(trashed[0].deleted, instant());
    assert!(
        !store.is_empty(),
        "a database with a trash is not empty (restore refuses it)"
    );

    // Its units count as used; its body cannot go.
    assert!(!store.delete_unused_unit(units[0].id).unwrap());
    let err = store.trash_body(b.id, instant()).unwrap_err();
    assert!(err.to_string().contains("1 in the trash"), "{err}");

    let back = store.restore_meeting(m.id).unwrap();
    assert_eq!(back, saved);
    assert_eq!(store.meeting(m.id).unwrap().unwrap(), saved);
    assert_eq!(index(&store), before);
    assert!(store.trashed_meetings().unwrap().is_empty());
    assert!(matches!(
        store.restore_meeting(m.id),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn final_minutes_and_bodies_with_meetings_are_refused() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (b, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&b, &units);
    m.finalise(instant(), "دبیر");
    store.save_meeting(&mut m).unwrap();
    let err = store.trash_meeting(m.id, instant()).unwrap_err();
    assert!(err.to_string().contains("reopen it first"), "{err}");
    assert!(store.meeting(m.id).unwrap().is_some(), "nothing moved");
    let err = store.trash_body(b.id, instant()).unwrap_err();
    assert!(err.to_string().contains("has 1 meetings"), "{err}");

    // A body without meetings goes, and comes back with its id.
    let spare = body(&store, "کارگروه آزمایشی");
    store.trash_body(spare.id, instant()).unwrap();
    assert!(store.body(spare.id).unwrap().is_none());
    assert_eq!(store.trashed_bodies().unwrap()[0].record, spare);
    assert_eq!(store.restore_body(spare.id).unwrap(), spare);
    assert_eq!(store.body(spare.id).unwrap().unwrap(), spare);
    // Purged, it is gone for good.
    store.trash_body(spare.id, instant()).unwrap();
    assert!(store.purge(spare.id).unwrap());
    assert!(!store.purge(spare.id).unwrap());
    assert!(store.trashed_bodies().unwrap().is_empty());
}

#[test]
fn merges_reach_into_the_trash() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (b, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&b, &units);
    store.save_meeting(&mut m).unwrap();
    store.trash_meeting(m.id, instant()).unwrap();
    let from = m.resolutions[0].responsible[0];
    let into = units.iter().map(|u| u.id).find(|&u| u != from).unwrap();
    store.merge_units(from, into).unwrap();
    let t: Meeting = store.trashed_meetings().unwrap().remove(0).record;
    assert!(t.resolutions.iter().all(|r| !r.involves_unit(from)));
    assert!(t.resolutions[0].responsible.contains(&into));

    let other = body(&store, "کارگروه دیگر");
    store.merge_bodies(b.id, other.id).unwrap();
    let t = store.restore_meeting(m.id).unwrap();
    assert_eq!(t.body, other.id, "the restored meeting finds the body kept");
}

#[test]
fn delete_and_trash_from_the_command_line() {
    let (_dir, path) = temp_db();
    let id = {
        let store = Store::open(&path).unwrap();
        let (b, units) = clean_body_and_units(&store);
        let mut m = clean_meeting(&b, &units);
        store.save_meeting(&mut m).unwrap();
        m.id
    };
    let out = run_ok(dabir(&path).args(["delete", &id.to_string()]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("moved to the trash"));
    let meetings = String::from_utf8(run_ok(dabir(&path).arg("meetings")).stdout).unwrap();
    assert!(!meetings.contains("کارگروه"), "{meetings}");
    let list: serde_json::Value = serde_json::from_slice(
        &run_ok(dabir(&path).args(["trash", "list", "--format", "json"])).stdout,
    )
    .unwrap();
    let row = &list[0];
    assert_eq!(row["kind"], "meeting");
    assert_eq!(row["id"], id);
    assert_eq!(row["session"], 12);
    assert_eq!(row["date_jalali"], "1403/08/15");
    assert_eq!(row["state"], "draft");
    let table = String::from_utf8(run_ok(dabir(&path).arg("trash")).stdout).unwrap();
    assert!(
        table.contains("meeting") && table.contains("session 12"),
        "{table}"
    );

    run_ok(dabir(&path).args(["trash", "restore", &id.to_string()]));
    let meetings = String::from_utf8(run_ok(dabir(&path).arg("meetings")).stdout).unwrap();
    assert!(meetings.contains("کارگروه"));

    let missing = dabir(&path)
        .args(["trash", "restore", "999"])
        .output()
        .unwrap();
    assert_ne!(missing.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("999"));

    run_ok(dabir(&path).args(["delete", &id.to_string()]));
    run_ok(dabir(&path).args(["trash", "purge", "--all"]));
    let empty = run_ok(dabir(&path).arg("trash"));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the trash is empty"));
}

#[test]
fn delete_in_the_meetings_list_asks_and_esc_keeps() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (b, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&b, &units);
    store.save_meeting(&mut m).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 30);
    let key = |app: &mut App, code| app.on_key(&store, KeyEvent::new(code, KeyModifiers::NONE));
    key(&mut app, KeyCode::Delete);
    let Some(Dialog::Confirm(_)) = &app.dialog else {
        panic!("no question")
    };
    key(&mut app, KeyCode::Esc);
    assert!(app.dialog.is_none());
    assert!(store.meeting(m.id).unwrap().is_some(), "Esc keeps it");
    key(&mut app, KeyCode::Delete);
    key(&mut app, KeyCode::Enter);
    assert!(store.meeting(m.id).unwrap().is_none());
    assert_eq!(store.trashed_meetings().unwrap().len(), 1);
    let status = app.status_text().unwrap_or_default();
    assert!(
        status.contains("به سطل زباله رفت")
            && status.contains(&format!("dabir trash restore {}", m.id)),
        "{status}"
    );
    assert!(matches!(app.screen, Screen::Meetings));
    assert!(app.meetings.rows.is_empty(), "the list no longer shows it");

    // Final minutes are not offered for deletion.
    let mut f = clean_meeting(&b, &units);
    f.finalise(instant(), "دبیر");
    store.save_meeting(&mut f).unwrap();
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 30);
    key(&mut app, KeyCode::Delete);
    assert!(app.dialog.is_none());
    assert!(
        app.status_text()
            .as_deref()
            .unwrap_or("")
            .contains("reopen with Ctrl+O first")
    );
}

#[test]
fn delete_in_the_directory_trashes_an_unused_body_and_keeps_a_used_one() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (b, units) = clean_body_and_units(&store);
    let mut m = clean_meeting(&b, &units);
    store.save_meeting(&mut m).unwrap();
    let spare = body(&store, "کارگروه آزمایشی");
    let mut app = App::new(&store, Keymap::default_keymap(), None, RenderMode::App).unwrap();
    app.on_resize(120, 30);
    let key = |app: &mut App, code| app.on_key(&store, KeyEvent::new(code, KeyModifiers::NONE));
    key(&mut app, KeyCode::Char('u'));
    let select = |app: &mut App, id| {
        let Screen::Directory(d) = &mut app.screen else {
            panic!("not the directory")
        };
        d.selected = d.rows.iter().position(|r| r.id == id).unwrap();
    };
    select(&mut app, b.id);
    key(&mut app, KeyCode::Delete);
    assert!(app.dialog.is_none());
    assert!(
        app.status_text()
            .as_deref()
            .unwrap()
            .contains("meetings and is not deleted")
    );
    select(&mut app, spare.id);
    key(&mut app, KeyCode::Delete);
    key(&mut app, KeyCode::Enter);
    assert!(store.body(spare.id).unwrap().is_none());
    let Screen::Directory(d) = &app.screen else {
        panic!()
    };
    assert!(
        d.rows.iter().all(|r| r.id != spare.id),
        "the list was reloaded"
    );
}

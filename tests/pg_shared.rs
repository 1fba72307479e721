//! Several users on one PostgreSQL archive at once (issue 15): no edit is
//! silently overwritten, a meeting being edited is leased to one editor,
//! changes in place never lose one another, and every save is recorded with
//! who and when. Each connection here is one user's dabir. Skipped with a
//! note outside CI when no server answers (tests/common/pg.rs).

mod common;

use std::time::Duration;

use common::pg::{schema, seeded, user};
use common::*;
use dabir::model::{FollowUp, Letter, LetterKind, Meeting};
use dabir::store::StoreError;
use dabir::store::pg::PgArchive;

fn follow_up(note: &str) -> FollowUp {
    FollowUp {
        date: date(2024, 12, 1),
        note: note.into(),
        status: None,
        deadline: None,
        requested_by: String::new(),
    }
}

#[test]
fn a_stale_save_is_refused_with_both_texts_kept() {
    let Some(schema) = schema("conflict") else {
        return;
    };
    let zahra = user(&schema, "زهرا");
    let reza = user(&schema, "رضا");
    let (_, _, m) = seeded(&zahra);

    let mut hers = zahra.meeting(m.id).unwrap().unwrap();
    let mut his = reza.meeting(m.id).unwrap().unwrap();
    his.discussion[0].text.push_str(" رضا افزود.");
    reza.save_meeting(&mut his).unwrap();

    hers.discussion[0].text.push_str(" زهرا افزود.");
    let err = zahra.save_meeting(&mut hers).unwrap_err();
    let StoreError::Conflict { id, by, theirs, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!((*id, by.as_str()), (m.id, "رضا"));
    assert!(theirs.discussion[0].text.ends_with("رضا افزود."));
    assert!(
        hers.discussion[0].text.ends_with("زهرا افزود."),
        "ours is kept"
    );
    assert!(err.to_string().contains("nothing was overwritten"), "{err}");
    let now = zahra.meeting(m.id).unwrap().unwrap();
    assert_eq!(now, his, "the archive kept his save");

    // Read again (she now has his text), she saves hers over it knowingly.
    let mut merged = now;
    merged.discussion[0].text.push_str(" زهرا افزود.");
    zahra.save_meeting(&mut merged).unwrap();
    assert_eq!(reza.meeting(m.id).unwrap(), Some(merged));
}

#[test]
fn a_meeting_being_edited_is_read_only_for_others_until_left_or_expired() {
    let Some(schema) = schema("lease") else {
        return;
    };
    let mut zahra = user(&schema, "زهرا نوروزی");
    zahra.set_lease_seconds(2);
    let office = user(&schema, "دفتر پیگیری");
    let (_, _, m) = seeded(&zahra);

    zahra.lease(m.id).unwrap();
    let holder = office.holder(m.id).unwrap().unwrap();
    assert_eq!(holder.user, "زهرا نوروزی");
    assert_eq!(zahra.holder(m.id).unwrap(), None, "not another's");

    let err = office.lease(m.id).unwrap_err();
    assert!(
        err.to_string().contains("در حال ویرایش توسط زهرا نوروزی"),
        "{err}"
    );
    let mut theirs = office.meeting(m.id).unwrap().unwrap();
    theirs.place = "جای دیگر".into();
    assert!(matches!(
        office.save_meeting(&mut theirs),
        Err(StoreError::Leased { .. })
    ));
    assert!(matches!(
        office.update_meeting(m.id, "follow-up", &mut |_| Ok(())),
        Err(StoreError::Leased { .. })
    ));

    // Leaving the meeting frees it.
    zahra.release(m.id).unwrap();
    office.lease(m.id).unwrap();
    office.release(m.id).unwrap();

    // A lease not renewed (the editor crashed) expires.
    zahra.lease(m.id).unwrap();
    std::thread::sleep(Duration::from_millis(2_500));
    office.lease(m.id).unwrap();
    assert_eq!(zahra.holder(m.id).unwrap().unwrap().user, "دفتر پیگیری");
    assert!(matches!(zahra.lease(m.id), Err(StoreError::Leased { .. })));
}

#[test]
fn every_save_is_recorded_with_who_and_when() {
    let Some(schema) = schema("audit") else {
        return;
    };
    let zahra = user(&schema, "زهرا");
    let office = user(&schema, "دفتر پیگیری");
    let (_, _, mut m) = seeded(&zahra);
    m.notes = "اصلاح".into();
    zahra.save_meeting(&mut m).unwrap();
    office
        .update_meeting(m.id, "follow-up", &mut |m| {
            m.resolutions[0].add_follow_up(follow_up("پیگیری شد"));
            Ok(())
        })
        .unwrap();
    let history = office.history(m.id).unwrap();
    let seen: Vec<(&str, &str, Option<i64>)> = history
        .iter()
        .map(|c| (c.who.as_str(), c.action.as_str(), c.version))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("زهرا", "create", Some(1)),
            ("زهرا", "save", Some(2)),
            ("دفتر پیگیری", "follow-up", Some(3)),
        ]
    );
    let age = chrono::Utc::now() - history[0].at;
    assert!(age.num_seconds().abs() < 60, "{age}");
}

#[test]
fn a_letter_number_is_never_registered_twice() {
    let Some(schema) = schema("numbers") else {
        return;
    };
    let zahra = user(&schema, "زهرا");
    let reza = user(&schema, "رضا");
    let letter = |by: &str| Letter {
        id: 0,
        kind: LetterKind::Notify,
        number: "1403/د/7".into(),
        sequence: None,
        date: date(2024, 12, 1),
        unit: None,
        addressee: "مدیرکل محترم".into(),
        body: None,
        meeting: None,
        resolutions: vec![],
        reminder: 0,
        follows: None,
        file: "x.docx".into(),
        created: instant(),
        by: by.into(),
    };
    zahra.save_letters(&mut [letter("زهرا")]).unwrap();
    let err = reza.save_letters(&mut [letter("رضا")]).unwrap_err();
    assert!(
        err.to_string().contains("generate the letters again"),
        "{err}"
    );
    assert_eq!(reza.letters().unwrap().len(), 1);
}

#[test]
fn two_secretaries_starting_sessions_of_one_body_get_two_numbers() {
    let Some(schema) = schema("sessions") else {
        return;
    };
    let first = user(&schema, "زهرا");
    let (body, units, _) = seeded(&first);
    let url = schema.url();
    let numbers: Vec<u32> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let (url, body, units) = (url.clone(), body.clone(), units.clone());
                s.spawn(move || {
                    let a = PgArchive::connect(&url, &format!("دبیر {i}")).unwrap().0;
                    let mut m = clean_meeting(&body, &units);
                    m.number = 0;
                    a.save_meeting(&mut m).unwrap();
                    m.number
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut sorted = numbers.clone();
    sorted.sort();
    // The seeded meeting is session 12.
    assert_eq!(sorted, vec![13, 14, 15, 16], "{numbers:?}");
}

/// The text a typist's meeting started with.
fn prefix_of(typed: &[(u64, Vec<String>)], id: u64) -> String {
    let i = typed.iter().position(|(m, _)| *m == id).unwrap();
    format!("جلسه {i}")
}

/// How long the concurrency test types: `DABIR_CONCURRENCY_SECS`, else 60 s
/// in CI (the figure) and 5 s elsewhere.
fn typing_time() -> Duration {
    let secs = std::env::var("DABIR_CONCURRENCY_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if std::env::var_os("CI").is_some() {
            60
        } else {
            5
        });
    Duration::from_secs(secs)
}

/// Milliseconds since 1970: a deadline every process reads alike.
fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

/// One process of the concurrency test: this test binary run again with
/// `--ignored` and `DABIR_PG_WORKER` set (typist, clerk, intruder). Not a test
/// of its own (ignored in a normal run). It prints its result as `RESULT [..]`
/// (JSON).
#[test]
#[ignore = "a worker process of four_typists_and_two_follow_up_clerks_lose_nothing"]
fn concurrency_worker() {
    let role = std::env::var("DABIR_PG_WORKER").expect("run by the concurrency test");
    let var = |k: &str| std::env::var(k).unwrap();
    let (url, i): (String, usize) = (var("DABIR_PG_URL"), var("DABIR_PG_INDEX").parse().unwrap());
    let until: u128 = var("DABIR_PG_UNTIL").parse().unwrap();
    let ids: Vec<u64> = var("DABIR_PG_IDS")
        .split(',')
        .map(|s| s.parse().unwrap())
        .collect();
    let result: Vec<String> = match role.as_str() {
        "typist" => {
            let a = PgArchive::connect(&url, &format!("دبیر {i}")).unwrap().0;
            a.lease(ids[0]).unwrap();
            let mut m = a.meeting(ids[0]).unwrap().unwrap();
            let mut words = Vec::new();
            while now_ms() < until {
                let word = format!("واژه{i}-{}", words.len());
                m.discussion[0].text.push(' ');
                m.discussion[0].text.push_str(&word);
                a.save_meeting(&mut m).unwrap();
                words.push(word);
                if words.len() % 50 == 0 {
                    a.lease(ids[0]).unwrap();
                }
            }
            a.release(ids[0]).unwrap();
            words
        }
        "clerk" => {
            let a = PgArchive::connect(&url, &format!("دفتر پیگیری {i}"))
                .unwrap()
                .0;
            let mut notes = Vec::new();
            while now_ms() < until {
                let note = format!("پیگیری {i}-{}", notes.len());
                let k = notes.len() % 3;
                a.update_meeting(ids[0], "follow-up", &mut |m| {
                    m.resolutions[k].add_follow_up(follow_up(&note));
                    Ok(())
                })
                .unwrap();
                notes.push(note);
            }
            notes
        }
        "intruder" => {
            let a = PgArchive::connect(&url, "مزاحم").unwrap().0;
            // Let the typists take their leases first; stop before they leave.
            std::thread::sleep(Duration::from_millis(1_000));
            let mut refused = 0;
            while now_ms() + 1_000 < until {
                let mut m = a.meeting(ids[refused % ids.len()]).unwrap().unwrap();
                m.discussion[0].text = "رونویسی!".into();
                match a.save_meeting(&mut m) {
                    Err(StoreError::Leased { .. }) => refused += 1,
                    other => panic!("a save into a leased meeting: {other:?}"),
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            vec![refused.to_string()]
        }
        other => panic!("no worker {other}"),
    };
    println!("RESULT {}", serde_json::to_string(&result).unwrap());
}

/// Starts a worker process (see [`concurrency_worker`]).
fn worker(url: &str, role: &str, i: usize, ids: &[u64], until: u128) -> std::process::Child {
    let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
    std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "concurrency_worker",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DABIR_PG_WORKER", role)
        .env("DABIR_PG_URL", url)
        .env("DABIR_PG_INDEX", i.to_string())
        .env("DABIR_PG_UNTIL", until.to_string())
        .env("DABIR_PG_IDS", ids.join(","))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// What a worker process printed as its result.
fn result_of(child: std::process::Child) -> Vec<String> {
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "a worker failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("RESULT ").map(|(_, r)| r))
        .unwrap_or_else(|| panic!("no result from a worker: {stdout}"));
    serde_json::from_str(line).unwrap()
}

/// Four secretaries type into four meetings (one word a save, each holding
/// its meeting's lease), two users of the follow-up office record follow-ups
/// on the same resolutions of a fifth meeting, and an intruder keeps trying
/// to save the four meetings being typed: seven dabir processes on one
/// archive. At the end every typed word is in its meeting, in order, every
/// follow-up is recorded, and every intrusion was refused.
#[test]
fn four_typists_and_two_follow_up_clerks_lose_nothing() {
    let Some(schema) = schema("concurrent") else {
        return;
    };
    let url = schema.url();
    let admin = user(&schema, "مدیر");
    let (body, units, done) = seeded(&admin);
    let meetings: Vec<Meeting> = (0..4)
        .map(|i| {
            let mut m = clean_meeting(&body, &units);
            m.number = 0;
            m.discussion[0].text = format!("جلسه {i}:");
            admin.save_meeting(&mut m).unwrap();
            m
        })
        .collect();
    let until = now_ms() + typing_time().as_millis();
    let ids: Vec<u64> = meetings.iter().map(|m| m.id).collect();
    let typists: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, worker(&url, "typist", i, &[*id], until)))
        .collect();
    let clerks: Vec<_> = (0..2)
        .map(|c| worker(&url, "clerk", c, &[done.id], until))
        .collect();
    let intruder = worker(&url, "intruder", 0, &ids, until);
    let typed: Vec<(u64, Vec<String>)> = typists
        .into_iter()
        .map(|(id, child)| (id, result_of(child)))
        .collect();
    let recorded: Vec<String> = clerks.into_iter().flat_map(result_of).collect();
    let refused: usize = result_of(intruder)[0].parse().unwrap();

    let reader = user(&schema, "بازبین");
    let mut saves = 0;
    for (id, words) in &typed {
        let m = reader.meeting(*id).unwrap().unwrap();
        saves += words.len();
        let text = &m.discussion[0].text;
        let expected = format!("{}: {}", prefix_of(&typed, *id), words.join(" "));
        assert!(
            text == &expected,
            "meeting {id}: {} words typed, {} in the archive",
            words.len(),
            text.split(' ').count() - 2
        );
    }
    assert!(saves > 40, "only {saves} saves were made");
    let m = reader.meeting(done.id).unwrap().unwrap();
    let notes: Vec<&str> = m
        .resolutions
        .iter()
        .flat_map(|r| r.follow_ups.iter().map(|f| f.note.as_str()))
        .collect();
    for note in &recorded {
        assert!(
            notes.contains(&note.as_str()),
            "follow-up «{note}» was lost"
        );
    }
    assert!(recorded.len() > 10, "only {} follow-ups", recorded.len());
    assert!(refused > 0, "the intruder was never refused");
    eprintln!(
        "{saves} saves by 4 typist processes, {} follow-ups by 2 clerk processes, \
         {} intrusions refused",
        recorded.len(),
        refused
    );
}

/// The command line on the archive: `history` shows who saved what, letters
/// are written and registered in the archive as in a folder.
#[test]
fn the_command_line_reads_history_and_registers_letters_in_the_archive() {
    let Some(schema) = schema("cli") else {
        return;
    };
    let zahra = user(&schema, "زهرا");
    let office = user(&schema, "دفتر پیگیری");
    let (_, _, m) = seeded(&zahra);
    office
        .update_meeting(m.id, "follow-up", &mut |m| {
            m.resolutions[0].add_follow_up(follow_up("پیگیری تلفنی"));
            Ok(())
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cli = |args: &[&str]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_dabir"));
        c.env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("HOME", dir.path())
            .env("USER", "مریم")
            .env_remove("DABIR_DB")
            .args(["--db", &schema.url()])
            .args(args);
        run_ok(&mut c)
    };
    let id = m.id.to_string();
    let history = String::from_utf8(cli(&["history", &id]).stdout).unwrap();
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 2, "{history}");
    assert!(lines[0].contains("زهرا  ایجاد (نسخه ۱)"), "{history}");
    assert!(
        lines[1].contains("دفتر پیگیری  ثبت پیگیری (نسخه ۲)"),
        "{history}"
    );

    let out = dir.path().join("letters/");
    cli(&[
        "letters",
        "notify",
        &id,
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    let written = std::fs::read_dir(&out).unwrap().count();
    let register = zahra.letters().unwrap();
    assert_eq!(register.len(), written, "one register entry per file");
    assert!(written >= 4, "a letter per unit: {written}");
    assert!(
        register
            .iter()
            .all(|l| l.by == "مریم" && l.meeting == Some(m.id))
    );
    let listed = String::from_utf8(cli(&["letters", "list"]).stdout).unwrap();
    assert_eq!(listed.lines().count(), written, "{listed}");
}

/// A role that may only read (the chair's dashboard) lists and shows; a
/// command that would save fails with the server's reason and writes nothing.
#[test]
fn a_reading_role_reads_and_is_refused_a_save() {
    let Some(schema) = schema("roles") else {
        return;
    };
    let zahra = user(&schema, "زهرا");
    let (_, _, m) = seeded(&zahra);
    let role = format!("dabir_reader_{}", std::process::id());
    let mut admin = postgres::Client::connect(&schema.base, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN; \
             GRANT USAGE ON SCHEMA {s} TO {role}; \
             GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {role}",
            s = schema.name
        ))
        .unwrap();
    let url = schema.url().replacen("postgres@", &format!("{role}@"), 1);
    let dir = tempfile::tempdir().unwrap();
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_dabir"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env_remove("DABIR_DB")
            .args(["--db", &url])
            .args(args)
            .output()
            .unwrap()
    };
    let listed = cli(&["meetings"]);
    let shown = cli(&["show", &m.id.to_string()]);
    let out = dir.path().join("letters/");
    let refused = cli(&[
        "letters",
        "notify",
        &m.id.to_string(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let _ = admin.batch_execute(&format!("DROP OWNED BY {role}; DROP ROLE IF EXISTS {role}"));
    assert!(listed.status.success() && shown.status.success());
    assert!(String::from_utf8_lossy(&shown.stdout).contains("کارگروه تحول اداری"));
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("permission denied"), "{said}");
    assert!(zahra.letters().unwrap().is_empty());
    let files = std::fs::read_dir(&out).map_or(0, |d| d.count());
    assert_eq!(files, 0, "no letter written without its register entry");
}

/// Follow-ups recorded from the pending list (several meetings in one
/// transaction) are audited as follow-ups.
#[test]
fn follow_ups_from_the_pending_list_are_audited_as_such() {
    use dabir::store::Archive;
    let Some(schema) = schema("follow_ups") else {
        return;
    };
    let office = user(&schema, "دفتر پیگیری");
    let (_, _, m) = seeded(&office);
    let mut read = vec![office.meeting(m.id).unwrap().unwrap()];
    read[0].resolutions[0].add_follow_up(follow_up("پیگیری گروهی"));
    office.save_follow_ups(&mut read).unwrap();
    let last = office.history(m.id).unwrap().pop().unwrap();
    assert_eq!(
        (last.who.as_str(), last.action.as_str()),
        ("دفتر پیگیری", "follow-up")
    );
}

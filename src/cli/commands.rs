use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;

use super::out::{self, say};
use super::{CliError, ListFormat, ShowFormat};
use crate::calendar::Digits;
use crate::demo::{self, DemoOptions};
use crate::export::doc::{MinutesDoc, ResolutionLine};
use crate::export::{Format, json, text};
use crate::model::Id;
use crate::text::RenderMode;
use crate::text::controls::visible;
use crate::ui::terminal::bidi_mode_sequence;

#[derive(Serialize)]
struct MeetingRow {
    id: Id,
    body: String,
    number: u32,
    date: String,
    date_jalali: Option<String>,
    state: &'static str,
    open_resolutions: usize,
}

pub fn meetings(db: &super::Db, format: ListFormat) -> Result<(), CliError> {
    let summaries = crate::service::meeting_summaries(&*db.open_read()?)?;
    let rows: Vec<MeetingRow> = summaries
        .into_iter()
        .map(|m| MeetingRow {
            id: m.id,
            body: m.body,
            number: m.number,
            date: json::iso(m.date),
            date_jalali: json::jalali(m.date),
            state: m.state.name(),
            open_resolutions: m.open,
        })
        .collect();
    let mut out = out::stdout();
    match format {
        ListFormat::Json => {
            json::write(&mut out, &rows, true)
                .map_err(std::io::Error::from)
                .context("writing JSON")?;
            writeln!(out).context("writing to standard output")?;
        }
        ListFormat::Table => {
            if rows.is_empty() {
                say!(
                    "هنوز جلسه‌ای ثبت نشده است. / No meetings yet. Try `dabir demo` or start `dabir`."
                );
            }
            for r in &rows {
                let date = r.date_jalali.as_deref().unwrap_or(&r.date);
                writeln!(
                    out,
                    "{:>6}  {:>4}  {}  {:<5}  {:>3}  {}",
                    r.id,
                    r.number,
                    date,
                    r.state,
                    r.open_resolutions,
                    visible(&r.body)
                )
                .context("writing to standard output")?;
            }
        }
    }
    Ok(())
}

pub fn show(
    db: &super::Db,
    id: Id,
    format: ShowFormat,
    width: Option<u16>,
    logical: bool,
    mode: RenderMode,
) -> Result<(), CliError> {
    let store = db.open_read()?;
    let m = store.meeting(id)?.ok_or_else(|| {
        CliError::Usage(format!(
            "جلسه‌ای با شناسه {id} نیست / no meeting with id {id}"
        ))
    })?;
    let body = store.body(m.body)?.map(|b| b.name).unwrap_or_default();
    let units = store.unit_names()?;
    let mut out = out::stdout();
    match format {
        ShowFormat::Json => {
            let register = store.letters()?;
            let view = json::meeting_json(&m, &body, &units).with_letters(&m, &register);
            json::write(&mut out, &view, true)
                .map_err(std::io::Error::from)
                .context("writing JSON")?;
            writeln!(out).context("writing to standard output")?;
        }
        ShowFormat::Text => {
            let doc = crate::export::doc::MinutesDoc::from_meeting(&m, &body, &|u| {
                units.get(&u).cloned().unwrap_or_else(|| format!("#{u}"))
            });
            let minutes = text::minutes_text(&doc);
            let terminal = out::is_terminal();
            if logical || !terminal && width.is_none() {
                out.write_all(minutes.as_bytes())
                    .context("writing to standard output")?;
            } else {
                let width = width.or_else(out::width).unwrap_or(80);
                let screen = crate::text::layout::to_screen(&minutes, width, mode);
                let (before, after) = if terminal && mode.reorders() {
                    (bidi_mode_sequence(false), bidi_mode_sequence(true))
                } else {
                    (String::new(), String::new())
                };
                write!(out, "{before}{screen}{after}").context("writing to standard output")?;
            }
        }
    }
    Ok(())
}

pub fn demo(
    db: &super::Db,
    meetings: usize,
    seed: u64,
    today: Option<NaiveDate>,
) -> Result<(), CliError> {
    let store = db.open_write()?;
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let bar = if out::stderr_is_terminal() {
        let bar = indicatif::ProgressBar::new(meetings as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} جلسه  {eta}")
                .expect("static template"),
        );
        Some(bar)
    } else {
        None
    };
    let started = std::time::Instant::now();
    demo::generate(
        &*store,
        DemoOptions {
            meetings,
            seed,
            today,
        },
        || {
            if let Some(b) = &bar {
                b.inc(1);
            }
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    say!(
        "{} جلسه نمونه در {} ساخته شد ({:.1} s) / {meetings} demo meetings written to {}",
        Digits::Persian.apply(&meetings.to_string()),
        store.location(),
        started.elapsed().as_secs_f64(),
        store.location()
    );
    Ok(())
}

pub fn backup(db: &super::Db, file: &Path) -> Result<(), CliError> {
    let store = db.open_read()?;
    write_backup(&store.backup()?, file)?;
    if file != Path::new("-") {
        say!("backup written to {}", visible(&file.display().to_string()));
    }
    Ok(())
}

/// A backup as JSON to `file` (0600 when new) or, for «-», to standard output.
fn write_backup(backup: &crate::store::Backup, file: &Path) -> Result<(), CliError> {
    let mut bytes = Vec::new();
    json::write(&mut bytes, backup, true)
        .map_err(std::io::Error::from)
        .context("writing the backup")?;
    bytes.push(b'\n');
    if file == Path::new("-") {
        out::stdout()
            .write_all(&bytes)
            .context("writing to standard output")?;
    } else {
        crate::export::write_private(&out::resolve(file), &bytes)
            .with_context(|| format!("cannot write {}", file.display()))?;
    }
    Ok(())
}

/// `dabir salvage FILE` (and `backup --salvage`): every record that still reads,
/// as a valid backup; what did not read, listed on stderr; exit 3 if anything.
pub fn salvage(db: &Path, file: &Path) -> Result<(), CliError> {
    let store = super::open_store_for_restore(db)?;
    let s = store.salvage();
    write_backup(&s.backup, file)?;
    for k in &s.skipped {
        say!(
            "skipped: tree `{}`, key {}: {}",
            k.tree,
            k.key,
            visible(&k.reason)
        );
    }
    for k in &s.placeholders {
        say!(
            "placeholder: tree `{}`, key {}: {}",
            k.tree,
            k.key,
            k.reason
        );
    }
    let b = &s.backup;
    say!(
        "salvaged {} meetings, {} bodies, {} people, {} units into {}",
        b.meetings.len(),
        b.bodies.len(),
        b.people.len(),
        b.units.len(),
        visible(&file.display().to_string())
    );
    if s.skipped.is_empty() && s.placeholders.is_empty() {
        return Ok(());
    }
    Err(CliError::Salvaged(format!(
        "{} records could not be read and {} placeholders stand in for missing ones; \
         restore the file into a new database with `dabir --db NEW restore FILE` \
         / {} رکورد خوانده نشد",
        s.skipped.len(),
        s.placeholders.len(),
        Digits::Persian.format(s.skipped.len())
    )))
}

/// `dabir restore FILE` into a shared archive: read whole, checked, loaded in
/// one transaction into an archive that must be empty.
pub fn restore_archive(url: &str, user: &str, file: &Path) -> Result<(), CliError> {
    let pg = super::connect_archive(url, user)?;
    if !pg.is_empty()? {
        return Err(CliError::Usage(format!(
            "the archive {} is not empty; restore only into an empty one",
            pg.url()
        )));
    }
    let reader = std::fs::File::open(file)
        .map(std::io::BufReader::new)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let backup: crate::store::Backup = serde_json::from_reader(reader)
        .map_err(|e| CliError::Usage(format!("{}: not a dabir backup: {e}", file.display())))?;
    if backup.format != crate::store::BACKUP_FORMAT
        || backup.version != crate::store::BACKUP_VERSION
    {
        return Err(CliError::Usage(format!(
            "{}: not a dabir backup this dabir reads (format {:?}, version {})",
            file.display(),
            backup.format,
            backup.version
        )));
    }
    restored(&pg.load(&backup)?, pg.url());
    Ok(())
}

/// What a restore put where, on stderr.
fn restored(n: &crate::store::Restored, into: &str) {
    say!(
        "restored {} meetings, {} bodies, {} people, {} units into {into}",
        n.meetings,
        n.bodies,
        n.people,
        n.units
    );
}

pub fn restore(db: &Path, file: &Path) -> Result<(), CliError> {
    // The database first: a full one is refused before the file is read at all.
    let store = super::open_store_for_restore(db)?;
    if !store.is_empty() && !store.restore_interrupted()? {
        return Err(CliError::Usage(format!(
            "the database at {} is not empty; restore only into a new database \
             (choose another path with --db)",
            db.display()
        )));
    }
    let reader = std::fs::File::open(file)
        .map(std::io::BufReader::new)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let n = store.restore_from_reader(reader).map_err(|e| match e {
        crate::store::StoreError::Invalid(msg) => {
            CliError::Usage(format!("{}: {msg}", file.display()))
        }
        e => e.into(),
    })?;
    restored(&n, &db.display().to_string());
    Ok(())
}

pub(super) fn write_out(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    if path == Path::new("-") {
        out::stdout()
            .write_all(bytes)
            .context("writing to standard output")?;
        return Ok(());
    }
    let path = &out::resolve(path);
    crate::export::write_atomic(path, bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    say!("{} نوشته شد / written", path.display());
    Ok(())
}

pub fn export(
    db: &super::Db,
    id: Id,
    format: &str,
    output: Option<&Path>,
    config: &crate::config::Config,
) -> Result<(), CliError> {
    let format = Format::from_name(format)
        .ok_or_else(|| CliError::Usage(format!("unknown format {format}")))?;
    let store = db.open_read()?;
    let doc = MinutesDoc::load(&*store, id).map_err(|e| match e {
        crate::store::StoreError::NotFound { .. } => CliError::Usage(format!(
            "جلسه‌ای با شناسه {id} نیست / no meeting with id {id}"
        )),
        e => e.into(),
    })?;
    let (official, problem) = config.official();
    if let Some(p) = problem {
        say!("{p}");
    }
    let bytes = crate::export::export_meeting(&doc, format, &config.export_font, &official)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let path = output
        .map(Path::to_owned)
        .unwrap_or_else(|| doc.file_name(format.extension()).into());
    write_out(&path, &bytes)
}

/// Filters of `dabir pending` and `dabir export-pending`.
#[derive(Debug, Clone, clap::Args)]
pub struct PendingFilter {
    /// Only overdue ones.
    #[arg(long)]
    pub overdue: bool,
    /// Only those of a responsible unit (part of its name; spelling normalised).
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Only those of a body (part of its name; spelling normalised).
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// Only those with this status: open, in-progress or extended.
    #[arg(long, value_name = "STATUS", value_parser = ["open", "in-progress", "extended"])]
    pub status: Option<String>,
    /// Only those due within this many days (overdue ones included).
    #[arg(long, value_name = "DAYS")]
    pub within: Option<i64>,
}

impl PendingFilter {
    pub(super) fn keep(&self, r: &ResolutionLine, today: NaiveDate) -> bool {
        use crate::text::normalize::contains;
        let days = r.deadline.map(|d| (d - today).num_days());
        (!self.overdue || days.is_some_and(|d| d < 0))
            && self.within.is_none_or(|w| days.is_some_and(|d| d <= w))
            && self.unit.as_ref().is_none_or(|u| {
                r.responsible
                    .iter()
                    .chain(&r.executor)
                    .any(|n| contains(n, u))
            })
            && self.body.as_ref().is_none_or(|b| contains(&r.body, b))
            && self.status.as_ref().is_none_or(|s| r.status.name() == s)
    }
}

pub fn export_pending(
    db: &super::Db,
    filter: &PendingFilter,
    format: &str,
    output: Option<&Path>,
) -> Result<(), CliError> {
    let format = Format::from_name(format)
        .ok_or_else(|| CliError::Usage(format!("unknown format {format}")))?;
    let store = db.open_read()?;
    let today = chrono::Local::now().date_naive();
    let rows = crate::export::doc::pending_lines(&*store, &|r| filter.keep(r, today))?;
    let bytes = crate::export::export_resolutions(&rows, format)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let date = crate::export::doc::jalali_numeric(today, Digits::Persian).replace('/', "-");
    let path = output
        .map(Path::to_owned)
        .unwrap_or_else(|| format!("مصوبات-باز-{date}.{}", format.extension()).into());
    say!(
        "{} مصوبه باز / open resolutions",
        Digits::Persian.format(rows.len())
    );
    write_out(&path, &bytes)
}
/// The sentence of `dabir rtl-test`: Persian with a Latin acronym, a decimal
/// number, Persian digits, brackets and a ZWNJ.
pub const RTL_TEST_SENTENCE: &str = "سامانه EIS نسخه 2.1 در ۳ بخشداری (۷۵٪) مستقر شد؛ بهره‌گیری";

/// Prints the test sentence in each render mode, with the escape sequences dabir
/// would send in that mode, so the user can see which line reads right.
pub fn rtl_test() -> Result<(), CliError> {
    out::stdout()
        .write_all(rtl_test_text(cfg!(windows)).as_bytes())
        .context("writing to standard output")?;
    Ok(())
}

/// What `dabir rtl-test` prints. On Windows no bidi-mode sequence is sent (they
/// are VTE's; Windows Terminal and conhost have no such mode) and a note says why
/// `app` is the mode there.
pub fn rtl_test_text(windows: bool) -> String {
    let mut text = String::new();
    text.push_str("Which line reads correctly, right to left with joined letters?\n");
    text.push_str("کدام سطر درست، راست‌به‌چپ و با حروف پیوسته خوانده می‌شود؟\n\n");
    let sequence = |implicit| {
        if windows {
            String::new()
        } else {
            bidi_mode_sequence(implicit)
        }
    };
    for (n, mode) in RenderMode::ALL.into_iter().enumerate() {
        let sample = crate::text::layout::fit(RTL_TEST_SENTENCE, 200, mode);
        text.push_str(&format!(
            "{}{}) --rtl {:<13} {sample}\n",
            sequence(!mode.reorders()),
            n + 1,
            mode.name()
        ));
    }
    text.push_str(&sequence(true));
    if windows {
        text.push_str(
            "\nOn Windows, Windows Terminal and the console (conhost) neither reorder nor \
             join letters, so line 1 (app, the default) is the one to keep; a font with \
             Arabic presentation forms (docs/terminals.md) shows it joined.\n\
             در ویندوز، Windows Terminal و کنسول نه ترتیب راست‌به‌چپ را می‌سازند و نه \
             حروف را به هم می‌چسبانند؛ سطر ۱ (app، پیش‌فرض) درست است.\n",
        );
    }
    text.push_str(
        "\nSet it with `dabir --rtl MODE` or in config.toml: [display] rtl = \"MODE\".\n",
    );
    text
}

/// The files an import argument stands for: the file, or a directory's .txt, .md
/// and .docx files in name order.
fn import_files(args: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, CliError> {
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            let mut found: Vec<_> = std::fs::read_dir(a)
                .with_context(|| format!("cannot read {}", a.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            matches!(e.to_ascii_lowercase().as_str(), "txt" | "md" | "docx")
                        })
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(a.clone());
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct Imported {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting: Option<json::MeetingJson>,
    unplaced: Vec<String>,
    warnings: Vec<String>,
    /// Units proposed from resolutions' texts, «N: unit؛ unit».
    inferred: Vec<String>,
    /// Characters changed to Persian spelling (0 with --keep-spelling).
    spelling_changes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub fn import(
    db: &super::Db,
    args: &[std::path::PathBuf],
    body: Option<&str>,
    dry_run: bool,
    format: ShowFormat,
    config: &crate::config::Config,
    opts: &crate::import::ReadOptions,
) -> Result<(), CliError> {
    use crate::import::{body_name, draft_meeting, read_file, save_draft};
    let files = import_files(args)?;
    let store = if dry_run {
        None
    } else {
        Some(db.open_write()?)
    };
    // Units the directory has, for proposing a resolution's units from its text.
    let opts = &crate::import::ReadOptions {
        known_units: match &store {
            Some(s) => s.units()?.into_iter().map(|u| u.name).collect(),
            None => Vec::new(),
        },
        ..opts.clone()
    };
    let today = chrono::Local::now().date_naive();
    let bar = (files.len() > 1 && out::stderr_is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .expect("static template"),
        );
        b
    });
    let mut results = Vec::with_capacity(files.len());
    let (mut ok, mut with_warnings, mut failed) = (0, 0, 0);
    for f in &files {
        if let Some(b) = &bar {
            b.set_message(
                f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
        }
        let name = f.display().to_string();
        let mut row = Imported {
            file: name.clone(),
            id: None,
            meeting: None,
            unplaced: vec![],
            warnings: vec![],
            inferred: vec![],
            spelling_changes: 0,
            error: None,
        };
        match read_file(f, today, &config.work, opts) {
            Err(e) => {
                failed += 1;
                row.error = Some(e.to_string());
            }
            Ok((draft, report)) => {
                row.unplaced = report
                    .unplaced
                    .iter()
                    .map(|(n, l)| format!("{n}: {l}"))
                    .collect();
                row.warnings = report.warnings.clone();
                row.spelling_changes = report.spelling_changes;
                row.inferred = report
                    .inferred
                    .iter()
                    .map(|(n, units)| format!("{n}: {}", units.join("؛ ")))
                    .collect();
                let clean = report.unplaced.is_empty() && report.warnings.is_empty();
                // Each file counts once: as failed, or as imported with or without
                // warnings once its meeting is saved.
                let saved = match &store {
                    Some(store) => {
                        match save_draft(&**store, &draft, body, &name, &config.user, today) {
                            Ok(m) => {
                                row.id = Some(m.id);
                                true
                            }
                            Err(e) => {
                                row.error = Some(e.to_string());
                                false
                            }
                        }
                    }
                    None => {
                        // Units get provisional ids only for the printout.
                        let mut names: HashMap<Id, String> = HashMap::new();
                        let mut unit = |n: &str| {
                            let id = names
                                .iter()
                                .find(|(_, v)| *v == n)
                                .map(|(k, _)| *k)
                                .unwrap_or(names.len() as Id + 1);
                            names.insert(id, n.to_owned());
                            id
                        };
                        let m =
                            draft_meeting(&draft, 0, draft.number.unwrap_or(0), today, &mut unit);
                        let body = body
                            .map(str::to_owned)
                            .unwrap_or_else(|| body_name(&draft.title));
                        row.meeting = Some(json::meeting_json(&m, &body, &names));
                        true
                    }
                };
                match (saved, clean) {
                    (false, _) => failed += 1,
                    (true, true) => ok += 1,
                    (true, false) => with_warnings += 1,
                }
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
        results.push(row);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut out = out::stdout();
    match format {
        ShowFormat::Json => {
            if dry_run && results.len() == 1 && results[0].meeting.is_some() {
                json::write(&mut out, &results[0].meeting, true)
            } else {
                json::write(&mut out, &results, true)
            }
            .map_err(std::io::Error::from)
            .context("writing JSON")?;
            writeln!(out).context("writing to standard output")?;
        }
        ShowFormat::Text => {
            for r in &results {
                match (&r.error, r.id, &r.meeting) {
                    (Some(e), _, _) => writeln!(out, "{}: ✗ {}", visible(&r.file), visible(e)),
                    (None, Some(id), _) => writeln!(out, "{} → {id}", visible(&r.file)),
                    (None, None, Some(m)) => {
                        writeln!(out, "{}\n{}", visible(&r.file), json::to_string(m, true))
                    }
                    _ => Ok(()),
                }
                .context("writing to standard output")?;
                for u in &r.unplaced {
                    writeln!(out, "  یادداشت / to notes: {}", visible(u))
                        .context("writing to standard output")?;
                }
                for w in &r.warnings {
                    writeln!(out, "  ⚠ {}", visible(w)).context("writing to standard output")?;
                }
                for i in &r.inferred {
                    writeln!(
                        out,
                        "  مسئول پیشنهادی از متن مصوبه (تأیید کنید) / units inferred from resolution {}",
                        visible(i)
                    )
                    .context("writing to standard output")?;
                }
                if r.spelling_changes > 0 {
                    writeln!(
                        out,
                        "  {} نویسه به املای فارسی (ی، ک، رقم) / {} characters respelled in Persian (ی, ک, digits)",
                        Digits::Persian.format(r.spelling_changes),
                        r.spelling_changes
                    )
                    .context("writing to standard output")?;
                }
            }
        }
    }
    say!(
        "{} بی‌اشکال، {} با هشدار، {} ناموفق / imported {ok}, with warnings {with_warnings}, failed {failed}",
        Digits::Persian.format(ok),
        Digits::Persian.format(with_warnings),
        Digits::Persian.format(failed)
    );
    if failed > 0 {
        return Err(CliError::Failed(format!(
            "{failed} of {} files failed",
            files.len()
        )));
    }
    Ok(())
}

#[derive(Serialize)]
struct PendingRow<'a> {
    meeting_id: Id,
    body: &'a str,
    session: u32,
    number: u32,
    text: &'a str,
    responsible: &'a [String],
    executor: Option<&'a str>,
    /// The current deadline (the latest extension's, else the approved one).
    deadline: Option<String>,
    deadline_jalali: Option<String>,
    deadline_approved: Option<String>,
    deadline_approved_jalali: Option<String>,
    extensions: u32,
    days_left: Option<i64>,
    status: &'static str,
}

pub fn pending(db: &super::Db, filter: &PendingFilter, format: &str) -> Result<(), CliError> {
    let today = chrono::Local::now().date_naive();
    let keep = |r: &ResolutionLine| filter.keep(r, today);
    let rows = crate::export::doc::pending_lines(&*db.open_read()?, &keep)?;
    let mut out = std::io::BufWriter::new(out::stdout());
    let days = |r: &ResolutionLine| r.deadline.map(|d| (d - today).num_days());
    match format {
        "json" => {
            let json: Vec<PendingRow> = rows
                .iter()
                .map(|r| PendingRow {
                    meeting_id: r.meeting_id,
                    body: &r.body,
                    session: r.session,
                    number: r.number,
                    text: &r.text,
                    responsible: &r.responsible,
                    executor: r.executor.as_deref(),
                    deadline: r.deadline.map(json::iso),
                    deadline_jalali: r.deadline.and_then(json::jalali),
                    deadline_approved: r.approved.map(json::iso),
                    deadline_approved_jalali: r.approved.and_then(json::jalali),
                    extensions: r.extensions,
                    days_left: days(r),
                    status: r.status.name(),
                })
                .collect();
            json::write(&mut out, &json, false)
                .map_err(std::io::Error::from)
                .context("writing JSON")?;
            writeln!(out).context("writing to standard output")?;
        }
        "csv" => out
            .write_all(&crate::export::sheet::resolutions_csv(&rows))
            .context("writing to standard output")?,
        _ => {
            let date = |d: Option<NaiveDate>| {
                d.map(|d| crate::export::doc::jalali_numeric(d, Digits::Latin))
                    .unwrap_or_default()
            };
            for r in &rows {
                // The approved deadline and the count of extensions only when
                // there was one: «1403/10/30 (approved 1403/09/30, 2×)».
                let approved = if r.extensions > 0 {
                    format!(" (approved {}, {}×)", date(r.approved), r.extensions)
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "{:>6}  {:>10}{approved}  {:>4}/{:<3} {}  {}  {}  {}",
                    days(r).map_or("-".into(), |d| d.to_string()),
                    date(r.deadline),
                    r.session,
                    r.number,
                    r.status.persian(),
                    visible(&r.body),
                    visible(&r.responsible.join("؛ ")),
                    visible(r.text.lines().next().unwrap_or(""))
                )
                .context("writing to standard output")?;
            }
        }
    }
    out.flush().context("writing to standard output")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::rtl_test_text;

    #[test]
    fn rtl_test_on_windows_sends_no_bidi_sequence_and_says_why_app() {
        let text = rtl_test_text(true);
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("line 1 (app, the default) is the one to keep"));
        assert!(text.contains("--rtl terminal      سامانه EIS نسخه 2.1"));
        let unix = rtl_test_text(false);
        assert!(unix.contains("\u{1b}[8l"));
        assert!(!unix.contains("On Windows"));
    }
}

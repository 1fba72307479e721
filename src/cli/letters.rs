//! `dabir letters`: ابلاغ مصوبات, follow-up letters, invitations and status
//! reports, numbered and recorded in the register; the register listed; a
//! number typed in later.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{Local, NaiveDate};
use clap::{Args, Subcommand};

use super::CliError;
use super::commands::PendingFilter;
use super::out::{self, say};
use super::report::{date_arg, find_body};
use crate::calendar::Digits;
use crate::config::Config;
use crate::export::letter::{self, Draft, Invitation, LetterError, Settings};
use crate::model::{Letter, LetterKind};
use crate::text::controls::visible_lines;

#[derive(Debug, Subcommand)]
pub enum LettersCommand {
    /// ابلاغ مصوبات: one letter per responsible unit of a meeting's resolutions.
    Notify {
        /// Meeting id, as `dabir meetings` lists it.
        meeting: u64,
        #[command(flatten)]
        out: LetterOut,
    },
    /// نامه پیگیری: one letter per unit with its open resolutions (the pending
    /// filters choose which), overdue first; cites the unit's earlier letter.
    FollowUp {
        #[command(flatten)]
        filter: PendingFilter,
        #[command(flatten)]
        out: LetterOut,
    },
    /// دعوتنامه: the next meeting of a body, to its members (one letter with a
    /// distribution list), with the agenda and the open resolutions.
    Invite {
        /// The body (part of its name; spelling normalised).
        #[arg(long, value_name = "BODY")]
        body: String,
        /// The meeting's date, in any form dabir reads.
        #[arg(long = "on", value_name = "DATE")]
        on: String,
        /// The meeting's time (HH:MM).
        #[arg(long, value_name = "TIME")]
        time: Option<String>,
        /// The place [default: the body's usual place].
        #[arg(long, value_name = "PLACE")]
        place: Option<String>,
        /// An agenda item (repeatable); the follow-up report is always added.
        #[arg(long, value_name = "TEXT")]
        agenda: Vec<String>,
        #[command(flatten)]
        out: LetterOut,
    },
    /// گزارش وضعیت مصوبات: a body's resolutions of a period by responsible
    /// unit, with counts and completion rates (docx, html or xlsx).
    Report {
        #[arg(long, value_name = "BODY")]
        body: String,
        /// The first meeting date counted.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The last meeting date counted [default: today].
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[command(flatten)]
        out: LetterOut,
    },
    /// The register (دفتر اندیکاتور): every letter generated.
    List {
        #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ["table", "json"])]
        format: String,
        /// Only letters of this kind: notify, follow-up, invitation, report.
        #[arg(long, value_name = "KIND", value_parser = ["notify", "follow-up", "invitation", "report"])]
        kind: Option<String>,
    },
    /// Record the number the organisation's registry gave a letter.
    Number {
        /// The letter's id, as `dabir letters list` shows it.
        id: u64,
        /// The number, as it is to be printed («۱۴۰۳/د/۱۲۳»).
        number: String,
    },
}

/// Where and how letters are written.
#[derive(Debug, Clone, Args)]
pub struct LetterOut {
    /// docx or html (a report also xlsx).
    #[arg(long, value_name = "FORMAT", default_value = "docx", value_parser = ["docx", "html", "xlsx", "txt"])]
    pub format: String,
    /// A file for all the letters (a page break between them), or a directory
    /// (an existing one, or a path ending in /) for a file per letter
    /// [default: one file in the current directory].
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// The letters' date [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Leave the numbers blank, for the organisation's registry to give
    /// (`dabir letters number` records them later).
    #[arg(long)]
    pub no_number: bool,
    /// Print the letters as text; write and register nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(db: &super::Db, command: &LettersCommand, config: &Config) -> Result<(), CliError> {
    let (settings, problem) = config.letter_settings();
    if let Some(p) = problem {
        say!("{p}");
    }
    let today = Local::now().date_naive();
    match command {
        LettersCommand::List { format, kind } => list(db, format, kind.as_deref()),
        LettersCommand::Number { id, number } => {
            let store = db.open_write()?;
            let l = letter::set_number(&*store, *id, number).map_err(letter_error)?;
            say!("{} ← {}", l.reference(), l.addressee);
            Ok(())
        }
        LettersCommand::Notify { meeting, out } => {
            let date = letter_date(out, today, config)?;
            let store = db.open_write()?;
            let drafts =
                letter::notify(&*store, *meeting, &settings, date).map_err(letter_error)?;
            write(&*store, drafts, out, &settings, LetterKind::Notify)
        }
        LettersCommand::FollowUp { filter, out } => {
            let date = letter_date(out, today, config)?;
            let store = db.open_write()?;
            let unit = |name: &str| {
                filter
                    .unit
                    .as_ref()
                    .is_none_or(|u| crate::text::normalize::contains(name, u))
            };
            let drafts = letter::follow_up(
                &*store,
                &|r| filter.keep(r, today),
                &unit,
                &settings,
                today,
                date,
            )
            .map_err(letter_error)?;
            write(&*store, drafts, out, &settings, LetterKind::FollowUp)
        }
        LettersCommand::Invite {
            body,
            on,
            time,
            place,
            agenda,
            out,
        } => {
            let date = letter_date(out, today, config)?;
            let on = date_arg("--on", on, today, config, true)?;
            let time = time
                .as_deref()
                .map(|t| {
                    crate::calendar::parse_time(t)
                        .map_err(|e| CliError::Usage(format!("--time: {e}")))
                })
                .transpose()?;
            let store = db.open_write()?;
            let b = find_body(&*store, body)?;
            let inv = Invitation {
                date: on,
                time,
                place: place.clone().unwrap_or_default(),
                agenda: agenda.clone(),
            };
            let draft = letter::invitation(&*store, b.id, &inv, &settings, today, date)
                .map_err(letter_error)?;
            write(&*store, vec![draft], out, &settings, LetterKind::Invitation)
        }
        LettersCommand::Report {
            body,
            from,
            to,
            out,
        } => {
            let date = letter_date(out, today, config)?;
            let from = date_arg("--from", from, today, config, false)?;
            let to = match to {
                Some(t) => date_arg("--to", t, today, config, false)?,
                None => today,
            };
            if to < from {
                return Err(CliError::Usage(
                    "--to پیش از --from است / --to is before --from".into(),
                ));
            }
            let store = db.open_write()?;
            let b = find_body(&*store, body)?;
            let draft = letter::report(&*store, b.id, (from, to), &settings, today, date)
                .map_err(letter_error)?;
            write(&*store, vec![draft], out, &settings, LetterKind::Report)
        }
    }
}

fn letter_error(e: LetterError) -> CliError {
    match e {
        LetterError::Store(e) => e.into(),
        LetterError::Nothing(m) => CliError::Usage(m),
        LetterError::Export(e) => CliError::Usage(e.to_string()),
    }
}

fn letter_date(out: &LetterOut, today: NaiveDate, config: &Config) -> Result<NaiveDate, CliError> {
    match &out.date {
        Some(d) => date_arg("--date", d, today, config, false),
        None => Ok(today),
    }
}

/// Where the letters go: one file, or a file each in a directory.
enum Target {
    File(PathBuf),
    Dir(PathBuf),
}

fn target(out: &LetterOut, kind: LetterKind, date: NaiveDate) -> Target {
    match &out.output {
        Some(p) if p.is_dir() || p.as_os_str().to_string_lossy().ends_with(['/', '\\']) => {
            Target::Dir(p.clone())
        }
        Some(p) => Target::File(p.clone()),
        None => Target::File(format!("{}.{}", letter::file_stem(kind, date), out.format).into()),
    }
}

/// The bytes of `letters` in `format`.
fn render(letters: &[&Draft], format: &str, s: &Settings) -> Result<Vec<u8>, CliError> {
    let docs: Vec<_> = letters.iter().map(|d| d.doc.clone()).collect();
    Ok(match format {
        "html" => letter::letters_html(&docs, s).into_bytes(),
        "txt" => docs
            .iter()
            .map(|d| d.text())
            .collect::<Vec<_>>()
            .join("\n\u{c}\n")
            .into_bytes(),
        "xlsx" => {
            let [one] = docs.as_slice() else {
                return Err(CliError::Usage(
                    "xlsx فقط برای گزارش است / xlsx is for a report only".into(),
                ));
            };
            letter::report_xlsx(one).map_err(|e| CliError::Usage(e.to_string()))?
        }
        _ => letter::letters_docx(&docs, s).map_err(|e| CliError::Usage(e.to_string()))?,
    })
}

/// Numbers, registers and writes the letters (or prints them, for a dry run).
fn write(
    store: &dyn crate::store::Archive,
    mut drafts: Vec<Draft>,
    out: &LetterOut,
    s: &Settings,
    kind: LetterKind,
) -> Result<(), CliError> {
    if out.format == "xlsx" && kind != LetterKind::Report {
        return Err(CliError::Usage(
            "xlsx فقط برای گزارش است / xlsx is for a report only".into(),
        ));
    }
    if out.dry_run {
        let mut o = out::stdout();
        for d in &drafts {
            writeln!(o, "{}", visible_lines(&d.doc.text()))
                .context("writing to standard output")?;
        }
        return Ok(());
    }
    let date = drafts[0].record.date;
    let target = target(out, kind, date);
    // Everything is rendered (and the directory made) before the register is
    // written, so a letter is registered only when its file can be written.
    if let Target::Dir(dir) = &target {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let names: Vec<String> = match &target {
        Target::File(p) => vec![file_name(p); drafts.len()],
        Target::Dir(_) => {
            let mut names: Vec<String> = Vec::new();
            for d in &drafts {
                let mut name = d.doc.file_name(&d.record.addressee, &out.format);
                let mut n = 2;
                while names.contains(&name) {
                    name = d
                        .doc
                        .file_name(&format!("{} {n}", d.record.addressee), &out.format);
                    n += 1;
                }
                names.push(name);
            }
            names
        }
    };
    letter::issue(store, &mut drafts, &s.numbering, !out.no_number, &|i, _| {
        names[i].clone()
    })
    .map_err(letter_error)?;
    match &target {
        Target::File(p) => {
            let all: Vec<&Draft> = drafts.iter().collect();
            super::commands::write_out(p, &render(&all, &out.format, s)?)?;
        }
        Target::Dir(dir) => {
            for (d, name) in drafts.iter().zip(&names) {
                super::commands::write_out(&dir.join(name), &render(&[d], &out.format, s)?)?;
            }
        }
    }
    for d in &drafts {
        say!("{} ← {}", d.record.reference(), d.record.addressee);
    }
    say!(
        "{} نامه در دفتر ثبت شد / letters registered",
        Digits::Persian.format(drafts.len())
    );
    Ok(())
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `dabir letters list`.
fn list(db: &super::Db, format: &str, kind: Option<&str>) -> Result<(), CliError> {
    let store = db.open_read()?;
    let kind = kind.and_then(LetterKind::from_name);
    let letters: Vec<Letter> = store
        .letters()?
        .into_iter()
        .filter(|l| kind.is_none_or(|k| l.kind == k))
        .collect();
    let mut o = out::stdout();
    if format == "json" {
        let rows: Vec<_> = letters.iter().map(crate::export::json::letter).collect();
        writeln!(
            o,
            "{}",
            serde_json::to_string_pretty(&rows).context("JSON")?
        )
        .context("writing to standard output")?;
        return Ok(());
    }
    for l in &letters {
        let line = format!(
            "{:>5}  {}  {}  {}  {}  ({} مصوبه)",
            l.id,
            if l.number.is_empty() {
                "—"
            } else {
                &l.number
            },
            crate::export::doc::jalali_numeric(l.date, Digits::Persian),
            l.kind.persian(),
            l.addressee,
            Digits::Persian.format(l.resolutions.len()),
        );
        writeln!(o, "{}", visible_lines(&line)).context("writing to standard output")?;
    }
    Ok(())
}

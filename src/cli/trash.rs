//! `dabir trash` (list, restore, purge) and `dabir delete`: meetings and bodies
//! deleted into the trash, and back.

use std::io::Write;

use anyhow::Context;
use chrono::Utc;
use serde::Serialize;

use super::out::{self, say};
use super::{CliError, ListFormat};
use crate::calendar::Digits;
use crate::export::doc::jalali_numeric;
use crate::export::json;
use crate::model::Id;
use crate::text::controls::visible;

#[derive(Debug, Clone, clap::Subcommand)]
pub enum TrashCommand {
    /// What is in the trash (the default).
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Bring a meeting or a body back from the trash, by id.
    Restore { ids: Vec<Id> },
    /// Delete meetings or bodies from the trash for good, by id.
    Purge {
        ids: Vec<Id>,
        /// Everything in the trash.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
}

#[derive(Serialize)]
struct Row {
    kind: &'static str,
    id: Id,
    /// RFC 3339, UTC.
    deleted: String,
    deleted_jalali: String,
    /// The body's name; for a meeting, its body's.
    body: String,
    /// A meeting's session number, date and state.
    session: Option<u32>,
    date: Option<String>,
    date_jalali: Option<String>,
    state: Option<&'static str>,
}

/// Moves a draft meeting into the trash.
pub fn delete(db: &super::Db, id: Id) -> Result<(), CliError> {
    let store = db.open_write()?;
    let m = store.trash_meeting(id, Utc::now())?;
    say!(
        "meeting {id} (session {}) moved to the trash; `dabir trash restore {id}` brings it back",
        m.number
    );
    Ok(())
}

pub fn run(db: &super::Db, command: Option<&TrashCommand>) -> Result<(), CliError> {
    let store = db.open_write()?;
    match command {
        None => list(&*store, ListFormat::Table),
        Some(TrashCommand::List { format }) => list(&*store, *format),
        Some(TrashCommand::Restore { ids }) => {
            if ids.is_empty() {
                return Err(CliError::Usage("which id? `dabir trash` lists them".into()));
            }
            let bodies: Vec<Id> = store
                .trashed_bodies()?
                .iter()
                .map(|t| t.record.id)
                .collect();
            // Bodies first: a meeting restored with its body needs the body back.
            let mut ordered: Vec<Id> = ids.iter().copied().filter(|i| bodies.contains(i)).collect();
            ordered.extend(ids.iter().copied().filter(|i| !bodies.contains(i)));
            for id in ordered {
                if bodies.contains(&id) {
                    let b = store.restore_body(id)?;
                    say!("body {id} ({}) restored", visible(&b.name));
                } else {
                    let m = store.restore_meeting(id)?;
                    say!("meeting {id} (session {}) restored", m.number);
                }
            }
            Ok(())
        }
        Some(TrashCommand::Purge { ids, all }) => {
            let ids: Vec<Id> = if *all {
                let mut all: Vec<Id> = store
                    .trashed_meetings()?
                    .iter()
                    .map(|t| t.record.id)
                    .collect();
                all.extend(store.trashed_bodies()?.iter().map(|t| t.record.id));
                all
            } else if ids.is_empty() {
                return Err(CliError::Usage(
                    "which id? `dabir trash` lists them (or --all)".into(),
                ));
            } else {
                ids.clone()
            };
            for id in &ids {
                if !store.purge(*id)? {
                    return Err(CliError::Usage(format!("{id} is not in the trash")));
                }
            }
            say!("{} deleted for good", ids.len());
            Ok(())
        }
    }
}

fn list(store: &dyn crate::store::Archive, format: ListFormat) -> Result<(), CliError> {
    let bodies = store.bodies()?;
    let body_name = |id: Id| {
        bodies
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.name.clone())
            .unwrap_or_default()
    };
    let stamp = |t: chrono::DateTime<Utc>| {
        let local = t.with_timezone(&chrono::Local);
        (
            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            format!(
                "{} {}",
                jalali_numeric(local.date_naive(), Digits::Latin),
                local.format("%H:%M")
            ),
        )
    };
    let mut rows = Vec::new();
    for t in store.trashed_meetings()? {
        let (deleted, deleted_jalali) = stamp(t.deleted);
        let m = &t.record;
        rows.push(Row {
            kind: "meeting",
            id: m.id,
            deleted,
            deleted_jalali,
            body: body_name(m.body),
            session: Some(m.number),
            date: Some(json::iso(m.date)),
            date_jalali: json::jalali(m.date),
            state: Some(m.state.name()),
        });
    }
    for t in store.trashed_bodies()? {
        let (deleted, deleted_jalali) = stamp(t.deleted);
        rows.push(Row {
            kind: "body",
            id: t.record.id,
            deleted,
            deleted_jalali,
            body: t.record.name.clone(),
            session: None,
            date: None,
            date_jalali: None,
            state: None,
        });
    }
    rows.sort_by(|a, b| b.deleted.cmp(&a.deleted));
    let mut out = std::io::BufWriter::new(out::stdout());
    match format {
        ListFormat::Json => {
            json::write(&mut out, &rows, false)
                .map_err(std::io::Error::from)
                .context("writing JSON")?;
            writeln!(out).context("writing to standard output")?;
        }
        ListFormat::Table => {
            if rows.is_empty() {
                say!("the trash is empty");
            }
            for r in &rows {
                let what = match (r.session, &r.date_jalali) {
                    (Some(s), Some(d)) => format!("session {s}  {d}  "),
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "{:>6}  {:<7}  deleted {}  {what}{}",
                    r.id,
                    r.kind,
                    r.deleted_jalali,
                    visible(&r.body)
                )
                .context("writing to standard output")?;
            }
        }
    }
    out.flush().context("writing to standard output")?;
    Ok(())
}

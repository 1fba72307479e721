//! `dabir import sheet.xlsx|sheet.csv`: a follow-up sheet into draft meetings,
//! with the column mapping shown (and settable with --column).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use super::out::{self, say};
use super::{CliError, ShowFormat};
use crate::export::json;
use crate::import::sheet::{self, Column, Field, SheetPlan, SheetReport};
use crate::text::controls::visible;

pub use crate::import::sheet::is_sheet;

/// «HEADER=FIELD» as --column gives it.
pub fn parse_column(s: &str) -> Result<(String, Field), String> {
    let (h, f) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("«{s}»: write HEADER=FIELD"))?;
    let field = Field::from_name(f).ok_or_else(|| {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        format!("«{f}» is not a field; one of {}", names.join(", "))
    })?;
    Ok((h.trim().to_owned(), field))
}

#[derive(Serialize)]
struct MeetingRow {
    body: String,
    session: u32,
    date: String,
    date_jalali: Option<String>,
    resolutions: usize,
}

#[derive(Serialize)]
struct SkippedRow {
    row: usize,
    reason: String,
}

#[derive(Serialize)]
struct SheetOut {
    file: String,
    sheet: String,
    columns: Vec<Column>,
    meetings: Vec<MeetingRow>,
    skipped: Vec<SkippedRow>,
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    saved: Option<SheetReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub fn run(
    db: &super::Db,
    files: &[PathBuf],
    body: Option<&str>,
    columns: &[(String, Field)],
    dry_run: bool,
    format: ShowFormat,
    config: &crate::config::Config,
) -> Result<(), CliError> {
    let store = if dry_run {
        None
    } else {
        Some(db.open_write()?)
    };
    let today = chrono::Local::now().date_naive();
    let mut outs = Vec::new();
    let mut failed = 0;
    for f in files {
        let mut o = SheetOut {
            file: f.display().to_string(),
            sheet: String::new(),
            columns: vec![],
            meetings: vec![],
            skipped: vec![],
            warnings: vec![],
            saved: None,
            error: None,
        };
        match sheet::read_table(f) {
            Err(e) => {
                failed += 1;
                o.error = Some(e.to_string());
            }
            Ok(table) => {
                let mapped = sheet::map_columns(&table, columns);
                let plan = sheet::plan(&table, &mapped, body, today, &config.work);
                fill(&mut o, &plan);
                if plan.columns.iter().all(|c| c.field != Field::Text) {
                    failed += 1;
                    o.error = Some(
                        "no column of resolution texts (شرح مصوبه); name it with --column \"HEADER=text\""
                            .into(),
                    );
                } else if let Some(store) = &store {
                    match sheet::save_plan(&**store, &plan, today, &config.user) {
                        Ok(r) => o.saved = Some(r),
                        Err(e) => {
                            failed += 1;
                            o.error = Some(e.to_string());
                        }
                    }
                }
            }
        }
        outs.push(o);
    }
    let mut stdout = std::io::BufWriter::new(out::stdout());
    match format {
        ShowFormat::Json => {
            json::write(&mut stdout, &outs, true)
                .map_err(std::io::Error::from)
                .context("writing JSON")?;
            writeln!(stdout).context("writing to standard output")?;
        }
        ShowFormat::Text => {
            for o in &outs {
                print_text(&mut stdout, o, dry_run).context("writing to standard output")?;
            }
        }
    }
    stdout.flush().context("writing to standard output")?;
    for o in &outs {
        if let Some(e) = &o.error {
            say!("{}: {}", visible(&o.file), visible(e));
        }
    }
    if failed > 0 {
        return Err(CliError::Failed(format!(
            "{failed} of {} files failed",
            files.len()
        )));
    }
    Ok(())
}

fn fill(o: &mut SheetOut, plan: &SheetPlan) {
    o.sheet = plan.sheet.clone();
    o.columns = plan.columns.clone();
    o.meetings = plan
        .meetings
        .iter()
        .map(|m| MeetingRow {
            body: m.body.clone(),
            session: m.session,
            date: json::iso(m.date),
            date_jalali: json::jalali(m.date),
            resolutions: m.resolutions.len(),
        })
        .collect();
    o.skipped = plan
        .skipped
        .iter()
        .map(|(row, reason)| SkippedRow {
            row: *row,
            reason: reason.clone(),
        })
        .collect();
    o.warnings = plan.warnings.clone();
}

fn print_text(w: &mut impl Write, o: &SheetOut, dry_run: bool) -> std::io::Result<()> {
    writeln!(w, "{}", visible(&o.file))?;
    for c in &o.columns {
        writeln!(
            w,
            "  {:<20} ← {}   ({})",
            c.field.name(),
            visible(&c.header),
            visible(&c.sample.chars().take(40).collect::<String>())
        )?;
    }
    let resolutions: usize = o.meetings.iter().map(|m| m.resolutions).sum();
    writeln!(
        w,
        "  {} meetings, {resolutions} resolutions{}",
        o.meetings.len(),
        if dry_run {
            " (dry run: nothing saved)"
        } else {
            ""
        }
    )?;
    for m in &o.meetings {
        writeln!(
            w,
            "    {}  session {}  {}  {} resolutions",
            visible(&m.body),
            m.session,
            m.date_jalali.as_deref().unwrap_or(&m.date),
            m.resolutions
        )?;
    }
    for s in &o.skipped {
        writeln!(w, "  row {} left out: {}", s.row, visible(&s.reason))?;
    }
    for x in &o.warnings {
        writeln!(w, "  ⚠ {}", visible(x))?;
    }
    if let Some(r) = &o.saved {
        writeln!(
            w,
            "  saved: {} meetings ({}), {} resolutions",
            r.meetings.len(),
            r.meetings
                .iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            r.resolutions
        )?;
        for e in &r.existing {
            writeln!(w, "  already in the database, left out: {}", visible(e))?;
        }
    }
    Ok(())
}

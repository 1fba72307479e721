//! `dabir date`: converts and checks dates as the calendar parser reads them.

use std::io::Write;

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;

use super::out::{self, say};
use super::{CliError, ShowFormat};
use crate::calendar::{DateContext, Digits, ParsedDate, parse_date};
use crate::config::Config;
use crate::text::controls::visible;

#[derive(Serialize)]
struct Row<'a> {
    input: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    gregorian: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jalali: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    long: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// The context date: `--today` read by the parser itself (so `1403/08/15`, ISO
/// and even `فردا` work), or the machine's today.
pub(super) fn context_date(today: Option<&str>, config: &Config) -> Result<NaiveDate, CliError> {
    let real_today = chrono::Local::now().date_naive();
    match today {
        None => Ok(real_today),
        Some(t) => parse_date(
            t,
            &DateContext {
                anchor: Some(real_today),
                deadline: false,
                work: &config.work,
            },
        )
        .map(|p| p.date)
        .map_err(|e| CliError::Usage(format!("--today: {e}"))),
    }
}

pub fn run(
    texts: &[String],
    today: Option<&str>,
    deadline: bool,
    format: ShowFormat,
    config: &Config,
) -> Result<(), CliError> {
    let anchor = context_date(today, config)?;
    let ctx = DateContext {
        anchor: Some(anchor),
        deadline,
        work: &config.work,
    };
    let today_text = [String::from("امروز")];
    let texts = if texts.is_empty() {
        &today_text[..]
    } else {
        texts
    };
    let results: Vec<(&str, Result<ParsedDate, _>)> = texts
        .iter()
        .map(|t| (t.as_str(), parse_date(t, &ctx)))
        .collect();

    let mut out = out::stdout();
    let mut failed = 0;
    match format {
        ShowFormat::Text => {
            for (input, r) in &results {
                match r {
                    Ok(p) => {
                        let mut line = format!(
                            "{}  {}  {}",
                            p.jalali.numeric(Digits::Latin),
                            p.date.format("%Y-%m-%d"),
                            p.jalali.long(Digits::Persian)
                        );
                        for extra in [&p.note, &p.warning].into_iter().flatten() {
                            line.push_str("  · ");
                            line.push_str(extra);
                        }
                        writeln!(out, "{}", visible(&line))
                            .context("writing to standard output")?;
                    }
                    Err(e) => {
                        failed += 1;
                        say!("dabir: «{}»: {}", visible(input), visible(&e.to_string()));
                    }
                }
            }
        }
        ShowFormat::Json => {
            let rows: Vec<Row> = results
                .iter()
                .map(|(input, r)| match r {
                    Ok(p) => Row {
                        input,
                        gregorian: Some(p.date.format("%Y-%m-%d").to_string()),
                        jalali: Some(p.jalali.numeric(Digits::Latin)),
                        long: Some(p.jalali.long(Digits::Persian)),
                        note: p.note.clone(),
                        warning: p.warning.clone(),
                        error: None,
                    },
                    Err(e) => {
                        failed += 1;
                        say!("dabir: «{}»: {}", visible(input), visible(&e.to_string()));
                        Row {
                            input,
                            gregorian: None,
                            jalali: None,
                            long: None,
                            note: None,
                            warning: None,
                            error: Some(e.to_string()),
                        }
                    }
                })
                .collect();
            crate::export::json::write(&mut out, &rows, true)
                .map_err(std::io::Error::from)
                .context("writing JSON")?;
            writeln!(out).context("writing to standard output")?;
        }
    }
    if failed > 0 {
        return Err(CliError::Failed(format!(
            "{failed} of {} dates could not be read",
            results.len()
        )));
    }
    Ok(())
}

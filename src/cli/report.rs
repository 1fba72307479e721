//! `dabir report`: a body's previous resolutions as the text its next agenda takes.

use std::io::Write;

use anyhow::Context;

use super::CliError;
use super::out;
use crate::calendar::Digits;
use crate::config::Config;
use crate::export::report;
use crate::text::controls::{visible, visible_lines};
use crate::text::normalize::contains;

pub fn run(
    db: &super::Db,
    body: &str,
    since: Option<&str>,
    today: Option<&str>,
    config: &Config,
) -> Result<(), CliError> {
    let today = super::date::context_date(today, config)?;
    let since = since
        .map(|s| date_arg("--since", s, today, config, false))
        .transpose()?;
    let store = db.open_read()?;
    let b = find_body(&*store, body)?;
    let r = report::previous_resolutions(&*store, b.id, today, since)?;
    let mut out = out::stdout();
    let text = report::to_text(&r.lines, Digits::Persian);
    if !text.is_empty() {
        writeln!(out, "{}", visible_lines(&text)).context("writing to standard output")?;
    }
    Ok(())
}

/// The one body whose name holds `name` (spelling normalised).
pub(super) fn find_body(
    store: &dyn crate::store::Archive,
    name: &str,
) -> Result<crate::model::Body, CliError> {
    let mut bodies: Vec<_> = store
        .bodies()?
        .into_iter()
        .filter(|b| contains(&b.name, name))
        .collect();
    match bodies.len() {
        1 => Ok(bodies.remove(0)),
        0 => Err(CliError::Usage(format!(
            "کارگروهی با نام «{0}» نیست / no body named like «{0}»",
            visible(name)
        ))),
        _ => {
            let names: Vec<_> = bodies.iter().map(|b| visible(&b.name)).collect();
            Err(CliError::Usage(format!(
                "«{0}» با چند کارگروه جور است / «{0}» matches several bodies: {1}",
                visible(name),
                names.join("، ")
            )))
        }
    }
}

/// A date argument as dabir reads dates, relative to `today`.
pub(super) fn date_arg(
    flag: &str,
    s: &str,
    today: chrono::NaiveDate,
    config: &Config,
    deadline: bool,
) -> Result<chrono::NaiveDate, CliError> {
    crate::calendar::parse_date(
        s,
        &crate::calendar::DateContext {
            anchor: Some(today),
            deadline,
            work: &config.work,
        },
    )
    .map(|p| p.date)
    .map_err(|e| CliError::Usage(format!("{flag}: {e}")))
}

//! `dabir report`: a body's previous resolutions as the text its next agenda takes.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::CliError;
use super::out;
use crate::calendar::Digits;
use crate::config::Config;
use crate::export::report;
use crate::text::controls::{visible, visible_lines};
use crate::text::normalize::contains;

pub fn run(
    db: &Path,
    body: &str,
    since: Option<&str>,
    today: Option<&str>,
    config: &Config,
) -> Result<(), CliError> {
    let today = super::date::context_date(today, config)?;
    let since = match since {
        None => None,
        Some(s) => Some(
            crate::calendar::parse_date(
                s,
                &crate::calendar::DateContext {
                    anchor: Some(today),
                    deadline: false,
                    work: &config.work,
                },
            )
            .map_err(|e| CliError::Usage(format!("--since: {e}")))?
            .date,
        ),
    };
    let store = super::open_read(db)?;
    let bodies: Vec<_> = store
        .bodies()?
        .into_iter()
        .filter(|b| contains(&b.name, body))
        .collect();
    let b = match bodies.as_slice() {
        [b] => b,
        [] => {
            return Err(CliError::Usage(format!(
                "کارگروهی با نام «{0}» نیست / no body named like «{0}»",
                visible(body)
            )));
        }
        many => {
            let names: Vec<_> = many.iter().map(|b| visible(&b.name)).collect();
            return Err(CliError::Usage(format!(
                "«{0}» با چند کارگروه جور است / «{0}» matches several bodies: {1}",
                visible(body),
                names.join("، ")
            )));
        }
    };
    let r = report::previous_resolutions(&store, b.id, today, since)?;
    let mut out = out::stdout();
    let text = report::to_text(&r.lines, Digits::Persian);
    if !text.is_empty() {
        writeln!(out, "{}", visible_lines(&text)).context("writing to standard output")?;
    }
    Ok(())
}

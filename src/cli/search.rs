//! `dabir search`: full-text search of every meeting.

use std::io::Write;

use anyhow::Context;
use serde::Serialize;

use super::CliError;
use super::out::{self, say};
use crate::calendar::Digits;
use crate::export::json;
use crate::text::controls::visible;

#[derive(Serialize)]
struct HitRow<'a> {
    meeting_id: u64,
    body: &'a str,
    session: u32,
    date: String,
    date_jalali: Option<String>,
    section: &'a str,
    resolution: Option<u32>,
    snippet: &'a str,
    /// The hit within the snippet, in characters: [start, end).
    highlight: [usize; 2],
}

pub fn search(db: &super::Db, query: &str, limit: usize, format: &str) -> Result<(), CliError> {
    let store = db.open_read()?;
    let result = store
        .search(query, limit)?
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let bodies = store.body_names()?;
    let body = |id| bodies.get(&id).map_or("", String::as_str);
    let mut out = std::io::BufWriter::new(out::stdout());
    if format == "json" {
        let rows: Vec<HitRow> = result
            .hits
            .iter()
            .map(|h| HitRow {
                meeting_id: h.meeting,
                body: body(h.body),
                session: h.session,
                date: json::iso(h.date),
                date_jalali: json::jalali(h.date),
                section: h.place.section(),
                resolution: h.resolution,
                snippet: &h.snippet,
                highlight: [
                    h.snippet[..h.highlight.start].chars().count(),
                    h.snippet[..h.highlight.end].chars().count(),
                ],
            })
            .collect();
        json::write(&mut out, &rows, false)
            .map_err(std::io::Error::from)
            .context("writing JSON")?;
        writeln!(out).context("writing to standard output")?;
    } else {
        let tty = out::is_terminal();
        for h in &result.hits {
            let (a, b) = (h.highlight.start, h.highlight.end);
            let (on, off) = if tty {
                ("\x1b[7m", "\x1b[27m")
            } else {
                ("", "")
            };
            writeln!(
                out,
                "{:>6}  {}  {} {}  {}  {}{on}{}{off}{}",
                h.meeting,
                crate::export::doc::jalali_numeric(h.date, Digits::Latin),
                visible(body(h.body)),
                h.session,
                crate::lang::Lang::Fa.pick(h.place.section()),
                visible(&h.snippet[..a]),
                visible(&h.snippet[a..b]),
                visible(&h.snippet[b..]),
            )
            .context("writing to standard output")?;
        }
        if result.truncated {
            say!(
                "نتایج به {limit} مورد محدود شد؛ --limit را بیشتر کنید / results stopped at {limit}; raise --limit"
            );
        }
    }
    out.flush().context("writing to standard output")?;
    Ok(())
}

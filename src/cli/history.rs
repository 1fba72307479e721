//! `dabir history ID`: who saved a meeting and when. A shared archive records
//! every save (its audit); a folder, used by one secretary, keeps the
//! meeting's own events (finalised, reopened, imported), which both show.

use std::io::Write;

use anyhow::Context;
use chrono::{DateTime, Local, Utc};

use super::out::{self, say};
use super::{AnyStore, CliError, Db};
use crate::calendar::Digits;
use crate::model::Id;
use crate::text::controls::visible_lines;

/// One line of the history: when, who, what.
struct Line {
    at: DateTime<Utc>,
    who: String,
    what: String,
}

pub fn run(db: &Db, id: Id, kept: bool) -> Result<(), CliError> {
    let store = db.open_read()?;
    let m = store.meeting(id)?.ok_or_else(|| {
        CliError::Usage(format!(
            "جلسه‌ای با شناسه {id} نیست / no meeting with id {id}"
        ))
    })?;
    let mut lines: Vec<Line> = m
        .history
        .iter()
        .map(|h| Line {
            at: h.at,
            who: h.by.clone(),
            what: h.event.persian(),
        })
        .collect();
    match &store {
        AnyStore::Archive(pg) => lines.extend(pg.history(id)?.into_iter().map(|c| {
            let what = match c.version {
                Some(v) => format!("{} (نسخه {})", c.persian(), Digits::Persian.format(v)),
                None => c.persian(),
            };
            Line {
                at: c.at,
                who: c.who,
                what,
            }
        })),
        AnyStore::Folder(_) => say!(
            "پوشهٔ پایگاه داده ذخیره‌ها را جدا ثبت نمی‌کند (یک کاربر)؛ فقط رویدادهای صورتجلسه / \
             a database folder records no per-save history (one user); the meeting's events only"
        ),
    }
    lines.sort_by_key(|l| l.at);
    let mut o = out::stdout();
    for l in &lines {
        let local = l.at.with_timezone(&Local);
        let when = format!(
            "{} {}",
            crate::export::doc::jalali_numeric(local.date_naive(), Digits::Persian),
            Digits::Persian.apply(&local.format("%H:%M").to_string())
        );
        let who = if l.who.is_empty() { "—" } else { &l.who };
        writeln!(
            o,
            "{}",
            visible_lines(&format!("{when}  {who}  {}", l.what))
        )
        .context("writing to standard output")?;
    }
    if let (true, AnyStore::Archive(pg)) = (kept, &store) {
        let body = store.body(m.body)?.map(|b| b.name).unwrap_or_default();
        let units = store.unit_names()?;
        for (who, at, copy) in pg.kept(id)? {
            let doc = crate::export::doc::MinutesDoc::from_meeting(&copy, &body, &|u| {
                units.get(&u).cloned().unwrap_or_else(|| format!("#{u}"))
            });
            let at = at.with_timezone(&Local);
            let head = format!(
                "\n── متن نگه‌داشتهٔ {who}، {} {} ──",
                crate::export::doc::jalali_numeric(at.date_naive(), Digits::Persian),
                Digits::Persian.apply(&at.format("%H:%M").to_string())
            );
            let text = crate::export::text::minutes_text(&doc);
            writeln!(o, "{}\n{}", visible_lines(&head), visible_lines(&text))
                .context("writing to standard output")?;
        }
    }
    Ok(())
}

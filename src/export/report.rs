//! The previous-resolutions report of a body: its earlier meetings' resolutions
//! that are still open, and those closed since `since` (by default the body's last
//! meeting), as lines and as text ready for the next meeting's agenda. The
//! new-meeting dialog's carry-over and the report screen both use it.

use chrono::NaiveDate;

use crate::calendar::{Digits, JalaliDate};
use crate::model::{Id, Status};
use crate::store::{Archive, Result};

/// The agenda item's first line.
pub const TITLE: &str = "گزارش پیگیری مصوبات جلسات قبل";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub meeting: Id,
    pub session: u32,
    pub number: u32,
    pub text: String,
    pub status: Status,
    pub deadline: Option<NaiveDate>,
    /// When it was done or cancelled (the follow-up that closed it).
    pub closed_on: Option<NaiveDate>,
    /// The last follow-up note.
    pub last_note: Option<String>,
}

/// A body's report: the lines, and the date from which closed ones count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub since: NaiveDate,
    pub lines: Vec<ReportLine>,
}

/// Resolutions of `body`'s meetings before `today`, by session and number: open
/// ones, and those closed on or after `since`; by default the date of the body's
/// last meeting before `today` (90 days back when it has none).
pub fn previous_resolutions(
    store: &dyn Archive,
    body: Id,
    today: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<Report> {
    let mut meetings = Vec::new();
    for id in store.meeting_ids_of_body(body)? {
        if let Some(m) = store.meeting(id)?.filter(|m| m.date < today) {
            meetings.push(m);
        }
    }
    let since = since.unwrap_or_else(|| {
        meetings
            .iter()
            .map(|m| m.date)
            .max()
            .unwrap_or(today - chrono::Days::new(90))
    });
    let mut lines = Vec::new();
    for m in &meetings {
        for r in &m.resolutions {
            let closed_on = r
                .follow_ups
                .iter()
                .rev()
                .find(|f| f.status.is_some_and(|s| !s.is_open()))
                .map(|f| f.date);
            if r.is_open() || closed_on.is_some_and(|d| d >= since) {
                lines.push(ReportLine {
                    meeting: m.id,
                    session: m.number,
                    number: r.number,
                    text: r.text.clone(),
                    status: r.status,
                    deadline: r.deadline(),
                    closed_on: if r.is_open() { None } else { closed_on },
                    last_note: r
                        .follow_ups
                        .last()
                        .map(|f| f.note.clone())
                        .filter(|n| !n.trim().is_empty()),
                });
            }
        }
    }
    Ok(Report { since, lines })
}

fn jalali(d: NaiveDate, digits: Digits) -> String {
    JalaliDate::from_gregorian(d)
        .map(|j| j.numeric(digits))
        .unwrap_or_else(|_| d.to_string())
}

/// The report as an agenda item: a title line, then one line per resolution.
/// Empty when there is nothing to report.
pub fn to_text(lines: &[ReportLine], digits: Digits) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let mut text = format!("{TITLE}:");
    for l in lines {
        text.push_str(&format!(
            "\n- جلسه {} / مصوبه {}: {}",
            digits.format(l.session),
            digits.format(l.number),
            l.text.replace('\n', " ")
        ));
        match (l.status, l.closed_on) {
            (Status::Done, Some(d)) => {
                text.push_str(&format!(" — انجام شد ({})", jalali(d, digits)))
            }
            (Status::Cancelled, Some(d)) => {
                text.push_str(&format!(" — لغو شد ({})", jalali(d, digits)))
            }
            (status, _) => {
                if let Some(d) = l.deadline {
                    text.push_str(&format!(" (مهلت: {})", jalali(d, digits)));
                }
                if matches!(status, Status::InProgress | Status::Extended) {
                    text.push_str(&format!(" — {}", status.persian()));
                }
            }
        }
        if let Some(n) = &l.last_note {
            text.push_str(&format!("؛ آخرین پیگیری: {}", n.replace('\n', " ")));
        }
    }
    text
}

//! Minutes as they leave dabir: Word (DOCX), printable HTML, Markdown, plain text,
//! and the resolutions as XLSX, CSV and ICS. Every format is written from one
//! document model (`doc::MinutesDoc`); the JSON view of `dabir show` is the stable
//! machine interface.

pub mod doc;
pub mod docx;
mod file;
pub mod html;
pub mod ics;
pub mod json;
pub mod letter;
pub mod markdown;
pub mod official;
mod ooxml;
pub mod report;
pub mod sheet;
pub mod text;

pub use file::{write_atomic, write_private};

use doc::{MinutesDoc, ResolutionLine};

/// The formats a meeting can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Html,
    Md,
    Txt,
    Xlsx,
    Csv,
    Ics,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Docx,
        Format::Html,
        Format::Md,
        Format::Txt,
        Format::Xlsx,
        Format::Csv,
        Format::Ics,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Md => "md",
            Format::Txt => "txt",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Ics => "ics",
        }
    }

    pub fn from_name(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == s)
    }

    /// The formats that hold resolutions only (also for lists of them).
    pub fn is_resolutions_only(self) -> bool {
        matches!(self, Format::Xlsx | Format::Csv | Format::Ics)
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "«{0}» نمی‌تواند فهرست مصوبات باشد / a list of resolutions goes to xlsx, csv or ics, not {0}"
    )]
    NotAListFormat(&'static str),
    #[error("spreadsheet: {0}")]
    Sheet(#[from] rust_xlsxwriter::XlsxError),
    #[error("Word file: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A meeting in `format`; Word and HTML print `official`'s header.
pub fn export_meeting(
    d: &MinutesDoc,
    format: Format,
    font: &str,
    official: &official::Official,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Docx => docx::minutes_docx(d, font, official)?,
        Format::Html => html::minutes_html(d, official).into_bytes(),
        Format::Md => markdown::minutes_markdown(d).into_bytes(),
        Format::Txt => text::minutes_text(d).into_bytes(),
        Format::Xlsx => sheet::resolutions_xlsx(&d.resolutions)?,
        Format::Csv => sheet::resolutions_csv(&d.resolutions),
        Format::Ics => ics::resolutions_ics(&d.resolutions),
    })
}

/// A list of resolutions (a pending filter, or everything) in `format`.
pub fn export_resolutions(rows: &[ResolutionLine], format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Xlsx => sheet::resolutions_xlsx(rows),
        Format::Csv => Ok(sheet::resolutions_csv(rows)),
        Format::Ics => Ok(ics::resolutions_ics(rows)),
        other => Err(ExportError::NotAListFormat(other.extension())),
    }
}

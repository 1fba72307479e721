//! Letters: ابلاغ مصوبات to each responsible unit, numbered follow-up letters
//! (نامه پیگیری) that cite the earlier ones and grow firmer, the invitation to a
//! body's next meeting (دعوتنامه) and the status report upward; each one
//! recorded in the register (دفتر اندیکاتور) with its number.
//!
//! One document model (`LetterDoc`) for every kind, written as DOCX (the same
//! OOXML writer as the minutes) and printable HTML; `build` makes the documents
//! from the store, `issue` numbers and registers them.

mod build;
mod docx;
mod html;
mod sheet;
mod texts;

use chrono::NaiveDate;

pub use build::{Invitation, follow_up, invitation, notify, report};
pub use docx::letters_docx;
pub use html::letters_html;
pub use sheet::report_xlsx;
pub use texts::Texts;

use super::doc::{PersonLine, dashed_date, jalali_numeric, safe_words};
use super::official::Official;
use crate::calendar::{Digits, JalaliDate};
use crate::model::{Letter, LetterKind, Numbering, Sequence};
use crate::store::{Archive, StoreError};

/// Who signs letters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Signatory {
    /// The body's (or the meeting's) secretary.
    #[default]
    Secretary,
    /// The body's (or the meeting's) chair.
    Chair,
    /// A named person: «زهرا نوروزی، دبیر کارگروه».
    Named(PersonLine),
}

impl Signatory {
    /// "secretary", "chair", or «name، post».
    pub fn parse(s: &str) -> Signatory {
        match s.trim() {
            "secretary" | "دبیر" => Signatory::Secretary,
            "chair" | "رئیس" => Signatory::Chair,
            named => {
                let (name, post) = named.split_once('،').unwrap_or((named, ""));
                Signatory::Named(PersonLine {
                    name: name.trim().to_owned(),
                    post: post.trim().to_owned(),
                })
            }
        }
    }
}

/// What letters take from config.toml (`[organisation]`, `[letters]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub official: Official,
    pub numbering: Numbering,
    pub signatory: Signatory,
    /// The follow-up office that gets a copy of every ابلاغ.
    pub follow_up_office: String,
    pub texts: Texts,
    pub font: String,
    /// Who generates the letters (the register records it).
    pub user: String,
}

/// A block of a letter's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(String),
    Heading(String),
    /// Column widths in twips (summing to the A4 text width) and rows, the
    /// first a header repeated on each page. No row is split across pages.
    Table {
        widths: Vec<u32>,
        rows: Vec<Vec<String>>,
    },
}

/// One letter, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterDoc {
    pub kind: LetterKind,
    /// Empty: printed as a blank to fill when the registry assigns it.
    pub number: String,
    pub date: NaiveDate,
    pub attachment: String,
    /// The addressee's lines: «جناب آقای …», «مدیر محترم …».
    pub to: Vec<String>,
    pub subject: String,
    pub blocks: Vec<Block>,
    pub signature: Option<PersonLine>,
    /// رونوشت: each «whom، why».
    pub copies: Vec<String>,
    /// گیرندگان: a distribution list (the invitation).
    pub recipients: Vec<String>,
}

impl LetterDoc {
    /// The header block: شماره، تاریخ، پیوست.
    pub fn header_block(&self) -> [(&'static str, String); 3] {
        [
            ("شماره", self.number.clone()),
            ("تاریخ", jalali_numeric(self.date, Digits::Persian)),
            ("پیوست", self.attachment.clone()),
        ]
    }

    /// The letter as plain text: the golden form tests compare, and what
    /// `--format txt` prints.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (label, value) in self.header_block() {
            let value = if value.is_empty() { "…" } else { &value };
            s.push_str(&format!("{label}: {value}\n"));
        }
        s.push('\n');
        for l in &self.to {
            s.push_str(l);
            s.push('\n');
        }
        s.push_str(&format!("موضوع: {}\n\nبا سلام و احترام،\n", self.subject));
        for b in &self.blocks {
            match b {
                Block::Para(p) => s.push_str(&format!("{p}\n")),
                Block::Heading(h) => s.push_str(&format!("\n{h}\n")),
                Block::Table { rows, .. } => {
                    for r in rows {
                        s.push_str(&format!("| {} |\n", r.join(" | ")));
                    }
                }
            }
        }
        if let Some(p) = &self.signature {
            s.push_str(&format!("\n{}\n", p.name));
            if !p.post.is_empty() {
                s.push_str(&format!("{}\n", p.post));
            }
        }
        if !self.recipients.is_empty() {
            s.push_str("\nگیرندگان:\n");
            for r in &self.recipients {
                s.push_str(&format!("- {r}\n"));
            }
        }
        if !self.copies.is_empty() {
            s.push_str("\nرونوشت:\n");
            for c in &self.copies {
                s.push_str(&format!("- {c}\n"));
            }
        }
        s
    }

    /// A file name for this letter alone:
    /// «ابلاغ-مصوبات-ریاست-محترم-اداره-راهداری-۱۴۰۳-۰۸-۲۰.docx».
    pub fn file_name(&self, addressee: &str, extension: &str) -> String {
        let who = safe_words(addressee, 4);
        if who.is_empty() {
            format!("{}.{extension}", file_stem(self.kind, self.date))
        } else {
            let kind = self.kind.persian().replace(' ', "-");
            format!("{kind}-{who}-{}.{extension}", dashed_date(self.date))
        }
    }
}

/// «ابلاغ-مصوبات-۱۴۰۳-۰۸-۲۰»: the default name (without extension) of a file
/// of letters of `kind` dated `date`.
pub fn file_stem(kind: LetterKind, date: NaiveDate) -> String {
    format!("{}-{}", kind.persian().replace(' ', "-"), dashed_date(date))
}

/// A letter made and not yet registered: its document and its register record.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub doc: LetterDoc,
    pub record: Letter,
}

/// Why letters could not be made.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Nothing(String),
    #[error(transparent)]
    Export(#[from] super::ExportError),
}

/// Numbers the drafts by the secretariat's pattern (unless `numbered` is false
/// or the pattern is empty: then the number stays blank, to be typed when the
/// organisation's registry assigns it) and records them in the register, all
/// in one transaction. `file` gives each draft the name of the file it goes to.
pub fn issue(
    store: &dyn Archive,
    drafts: &mut [Draft],
    numbering: &Numbering,
    numbered: bool,
    file: &dyn Fn(usize, &Draft) -> String,
) -> Result<(), LetterError> {
    if numbered && !numbering.is_manual() {
        let register = store.letters()?;
        let mut next: std::collections::HashMap<i32, u32> = std::collections::HashMap::new();
        for d in drafts.iter_mut() {
            let year = JalaliDate::from_gregorian(d.record.date)
                .map(|j| j.year())
                .unwrap_or(0);
            let seq = next
                .entry(year)
                .or_insert_with(|| Numbering::next_seq(&register, year));
            d.record.sequence = Some(Sequence { year, seq: *seq });
            d.record.number = numbering.format(year, *seq, Digits::Persian);
            d.doc.number = d.record.number.clone();
            *seq += 1;
        }
    }
    for (i, d) in drafts.iter_mut().enumerate() {
        let name = file(i, d);
        d.record.file = name;
    }
    let mut records: Vec<Letter> = drafts.iter().map(|d| d.record.clone()).collect();
    store.save_letters(&mut records)?;
    for (d, r) in drafts.iter_mut().zip(records) {
        d.record.id = r.id;
    }
    Ok(())
}

/// Sets the number of a registered letter (typed from the organisation's
/// registry). Returns the letter as saved.
pub fn set_number(
    store: &dyn Archive,
    id: crate::model::Id,
    number: &str,
) -> Result<Letter, LetterError> {
    let mut letter = store
        .letter(id)?
        .ok_or(StoreError::NotFound { kind: "letter", id })?;
    letter.number = number.trim().to_owned();
    letter.sequence = None;
    store.save_letters(std::slice::from_mut(&mut letter))?;
    Ok(letter)
}

/// The letters that covered each resolution, by (meeting, key): what the
/// pending list and the follow-up history show («نامه ۱۴۰۳/د/۱۲ مورخ …»).
pub fn letters_by_resolution(
    register: &[Letter],
) -> std::collections::HashMap<crate::model::ResolutionKey, Vec<&Letter>> {
    let mut map: std::collections::HashMap<_, Vec<&Letter>> = std::collections::HashMap::new();
    for l in register {
        for k in &l.resolutions {
            map.entry(*k).or_default().push(l);
        }
    }
    for v in map.values_mut() {
        v.sort_by_key(|l| (l.date, l.id));
    }
    map
}

//! Letters as one Word file: each letter a section of its own (new page, page
//! numbers from 1, «صفحه X از Y» counting its pages), with the official header,
//! tables whose rows never split across pages, and a signature block kept
//! together with the paragraph before it.

use super::{Block, LetterDoc, Settings};
use crate::export::ooxml::{
    BODY, BOLD, Cell, HEADING, PageCount, Para, SMALL, TableStyle, Writer, package,
};

fn letter(w: &mut Writer, d: &LetterDoc, s: &Settings) {
    w.official_header(&s.official, &d.header_block());
    for (i, line) in d.to.iter().enumerate() {
        let p = if i + 1 == d.to.len() {
            Para::PLAIN
        } else {
            Para::KEEP
        };
        w.para(&[(line, BOLD)], p);
    }
    w.para(&[("موضوع: ", BOLD), (&d.subject, BOLD)], Para::KEEP);
    w.para(&[("با سلام و احترام،", BODY)], Para::KEEP);
    let last = d.blocks.len().saturating_sub(1);
    for (i, b) in d.blocks.iter().enumerate() {
        match b {
            // The closing paragraph stays with the signature.
            Block::Para(t) if i == last => w.para(&[(t, BODY)], Para::KEEP),
            Block::Para(t) => w.para(&[(t, BODY)], Para::PLAIN),
            Block::Heading(t) => w.para(&[(t, HEADING)], Para::HEADING),
            Block::Table { widths, rows } => w.table(widths, rows, TableStyle::GRID),
        }
    }
    if let Some(p) = &d.signature {
        let mut cell: Cell = vec![(vec![(p.name.clone(), BOLD)], Para::CENTER)];
        if !p.post.is_empty() {
            cell.push((vec![(p.post.clone(), BODY)], Para::CENTER));
        }
        // Right-to-left: the empty cell is on the right, the signature on the left.
        w.table_of(
            &[5638, 4000],
            &[vec![Vec::new(), cell]],
            TableStyle {
                row_height: Some(crate::export::docx::SIGNATURE_ROW * 2),
                keep_together: true,
                ..TableStyle::PLAIN
            },
        );
    }
    for (title, lines) in [("گیرندگان:", &d.recipients), ("رونوشت:", &d.copies)] {
        if !lines.is_empty() {
            w.para(&[(title, BOLD)], Para::KEEP);
            for (i, l) in lines.iter().enumerate() {
                let p = if i + 1 == lines.len() {
                    Para::PLAIN
                } else {
                    Para::KEEP
                };
                w.para(&[(&format!("- {l}"), SMALL)], p);
            }
        }
    }
}

/// One DOCX holding `letters`, each on its own pages.
pub fn letters_docx(
    letters: &[LetterDoc],
    s: &Settings,
) -> Result<Vec<u8>, crate::export::ExportError> {
    let mut w = Writer::new(&s.font);
    for (i, d) in letters.iter().enumerate() {
        letter(&mut w, d, s);
        if i + 1 < letters.len() {
            w.section_break(true);
        }
    }
    let title = letters
        .first()
        .map(|d| d.subject.clone())
        .unwrap_or_default();
    package(
        w.finish(true),
        &title,
        &s.font,
        s.official.logo.as_ref(),
        // «از Y» counts the letter's own pages: the section's when a file holds
        // several letters (Word counts SECTIONPAGES; LibreOffice shows the
        // value saved in the file), the document's for one letter.
        if letters.len() > 1 {
            PageCount::Section
        } else {
            PageCount::Document
        },
    )
}

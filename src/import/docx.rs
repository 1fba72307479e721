//! Reading a Word file: its paragraphs in order and its tables as rows of cells.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

/// A piece of a document, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Table(Vec<Vec<String>>),
}

/// Reads at most `limit` bytes, then fails: the XML inside a DOCX is read as it
/// unpacks, so a zip bomb stops at the limit instead of filling memory.
struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // One byte more tells a file of exactly the limit from a larger one.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(format!(
                    "document.xml unpacks to more than {} MiB; not read / متن سند بیش از اندازه بزرگ است",
                    self.limit as f64 / (1024.0 * 1024.0)
                ))),
            };
        }
        let n = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let got = self.inner.read(&mut buf[..n])?;
        self.left -= got as u64;
        Ok(got)
    }
}

/// The blocks of a DOCX file's body.
/// Why a Word file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a DOCX (zip) file: {0}")]
    NotZip(zip::result::ZipError),
    #[error("not a Word document: {0}")]
    NotWord(zip::result::ZipError),
    /// The XML is malformed, or unpacks past the cap.
    #[error("damaged document.xml: {0}")]
    Damaged(String),
}

pub fn read_docx(bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    read_docx_capped(bytes, crate::import::MAX_INPUT)
}

fn read_docx_capped(bytes: &[u8], limit: u64) -> Result<Vec<Block>, DocxError> {
    let damaged = |e: &dyn std::fmt::Display| DocxError::Damaged(e.to_string());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(DocxError::NotZip)?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(DocxError::NotWord)?;
    let mut r = Reader::from_reader(std::io::BufReader::new(Capped {
        inner: entry,
        left: limit,
        limit,
    }));
    let mut buf = Vec::new();
    let mut blocks = Vec::new();
    let mut table_depth = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut para = String::new();
    let mut in_text = false;
    loop {
        buf.clear();
        match r.read_event_into(&mut buf).map_err(|e| damaged(&e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tbl" => {
                    table_depth += 1;
                    if table_depth == 1 {
                        rows.clear();
                    }
                }
                b"tr" if table_depth == 1 => row.clear(),
                b"tc" if table_depth == 1 => cell.clear(),
                b"p" => para.clear(),
                b"t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"br" | b"cr" => para.push('\n'),
                b"tab" => para.push(' '),
                _ => {}
            },
            // Entity references arrive as events of their own (below), so text
            // needs no unescaping.
            Event::Text(t) if in_text => para.push_str(&t.decode().map_err(|e| damaged(&e))?),
            Event::GeneralRef(g) if in_text => {
                let name = g.decode().map_err(|e| damaged(&e))?;
                let entity = format!("&{name};");
                let s = quick_xml::escape::unescape(&entity).map_err(|e| damaged(&e))?;
                para.push_str(&s);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    if table_depth > 0 {
                        if !cell.is_empty() {
                            cell.push('\n');
                        }
                        cell.push_str(&para);
                    } else {
                        blocks.push(Block::Paragraph(std::mem::take(&mut para)));
                    }
                    para.clear();
                }
                b"tc" if table_depth == 1 => row.push(std::mem::take(&mut cell)),
                b"tr" if table_depth == 1 => rows.push(std::mem::take(&mut row)),
                b"tbl" => {
                    table_depth -= 1;
                    if table_depth == 0 {
                        blocks.push(Block::Table(std::mem::take(&mut rows)));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx_with(xml_len: usize) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        let head = "<w:document><w:body><w:p><w:r><w:t>";
        let tail = "</w:t></w:r></w:p></w:body></w:document>";
        zip.write_all(head.as_bytes()).unwrap();
        zip.write_all(&vec![b'a'; xml_len - head.len() - tail.len()])
            .unwrap();
        zip.write_all(tail.as_bytes()).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn a_document_that_unpacks_past_the_cap_is_refused() {
        let bomb = docx_with(3 * 1024 * 1024);
        assert!(bomb.len() < 64 * 1024, "a small file: {}", bomb.len());
        let err = read_docx_capped(&bomb, 1024 * 1024)
            .unwrap_err()
            .to_string();
        assert!(err.contains("more than 1 MiB"), "{err}");
        // At the cap exactly, it reads.
        let fits = docx_with(1024 * 1024);
        let blocks = read_docx_capped(&fits, 1024 * 1024).unwrap();
        assert!(matches!(&blocks[..], [Block::Paragraph(p)] if p.len() > 1_000_000));
    }
}

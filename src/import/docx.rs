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

/// The blocks of a DOCX file's body.
pub fn read_docx(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a DOCX (zip) file: {e}"))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| format!("not a Word document: {e}"))?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    let mut r = Reader::from_str(&xml);
    let mut blocks = Vec::new();
    let mut table_depth = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut para = String::new();
    let mut in_text = false;
    loop {
        match r
            .read_event()
            .map_err(|e| format!("damaged document.xml: {e}"))?
        {
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
            Event::Text(t) if in_text => para.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(g) if in_text => {
                let name = g.decode().map_err(|e| e.to_string())?;
                let entity = format!("&{name};");
                let s = quick_xml::escape::unescape(&entity).map_err(|e| e.to_string())?;
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

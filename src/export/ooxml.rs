//! The OOXML writer behind every Word file dabir makes (minutes, letters,
//! reports), written by hand: A4, right-to-left sections and paragraphs
//! (`w:bidi`), right-to-left runs (`w:rtl`) with the complex-script font and size
//! (`w:rFonts w:cs`, `w:szCs`, `w:bCs`: plain `w:sz`/`w:b` do not apply to
//! Persian), `w:lang w:bidi="fa-IR"`, right-to-left tables (`w:bidiVisual`),
//! heading styles, a font table with fallbacks, Word 2013+ compatibility
//! settings (no compatibility mode), the official header (logo, «بسمه تعالی»,
//! the organisation's lines, شماره/تاریخ/پیوست) and a footer «صفحه X از Y».
//!
//! Every property list is written in the order the schema gives (Word drops
//! properties out of order; LibreOffice forgives them, so it is no proof).
//! tests/export.rs checks the order.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::official::{Logo, Official};

/// Escapes text for XML (content and attribute values). `]]>` needs nothing more:
/// `>` is escaped.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

pub(super) const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

/// Fonts Word and LibreOffice fall back to, in order, when the chosen one is
/// missing (they are named in the font table).
const FALLBACKS: [&str; 2] = ["Vazirmatn", "Tahoma"];

#[derive(Clone, Copy)]
pub(super) struct Run {
    pub bold: bool,
    /// Half-points (24 = 12 pt).
    pub size: u32,
}

pub(super) const BODY: Run = Run {
    bold: false,
    size: 26,
};
pub(super) const BOLD: Run = Run {
    bold: true,
    size: 26,
};
pub(super) const SMALL: Run = Run {
    bold: false,
    size: 22,
};
pub(super) const HEADING: Run = Run {
    bold: true,
    size: 28,
};
pub(super) const TITLE: Run = Run {
    bold: true,
    size: 32,
};

/// A paragraph's layout.
#[derive(Clone, Copy, Default)]
pub(super) struct Para {
    /// A style of styles.xml: "Title", "Heading1".
    pub style: Option<&'static str>,
    pub center: bool,
    /// Kept on the page of the next paragraph.
    pub keep_next: bool,
}

impl Para {
    pub const PLAIN: Para = Para {
        style: None,
        center: false,
        keep_next: false,
    };
    pub const CENTER: Para = Para {
        style: None,
        center: true,
        keep_next: false,
    };
    pub const KEEP: Para = Para {
        style: None,
        center: false,
        keep_next: true,
    };
    pub const TITLE: Para = Para {
        style: Some("Title"),
        center: true,
        keep_next: true,
    };
    pub const HEADING: Para = Para {
        style: Some("Heading1"),
        center: false,
        keep_next: true,
    };
}

/// A table's look and the way it sits on pages.
#[derive(Clone, Copy)]
pub(super) struct TableStyle {
    pub borders: bool,
    /// The first row is a shaded header, repeated on each page.
    pub header: bool,
    /// Minimum row height in twips (signature rows: 680 = 1.2 cm).
    pub row_height: Option<u32>,
    /// Every row kept on the page of the next one, and the last with what
    /// follows (a block that must not be split: signatures).
    pub keep_together: bool,
    /// The last rows kept with the paragraph after the table, so a page never
    /// starts with it alone (the resolutions before the signatures).
    pub keep_last: usize,
}

impl TableStyle {
    pub const GRID: TableStyle = TableStyle {
        borders: true,
        header: true,
        row_height: None,
        keep_together: false,
        keep_last: 0,
    };
    /// The same without a header row.
    pub const fn no_header(self) -> TableStyle {
        TableStyle {
            header: false,
            ..self
        }
    }

    pub const PLAIN: TableStyle = TableStyle {
        borders: false,
        header: false,
        row_height: None,
        keep_together: false,
        keep_last: 0,
    };
}

/// A table cell: paragraphs, each with its runs.
pub(super) type Cell = Vec<(Vec<(String, Run)>, Para)>;

pub(super) struct Writer<'a> {
    font: &'a str,
    pub out: String,
    /// The next drawing id (unique in a document).
    drawing: u32,
}

impl<'a> Writer<'a> {
    pub fn new(font: &'a str) -> Writer<'a> {
        let mut out = String::with_capacity(32 * 1024);
        out.push_str(&format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>"
        ));
        Writer {
            font,
            out,
            drawing: 1,
        }
    }

    /// `w:rPr` in schema order: rFonts, b, bCs, sz, szCs, rtl, lang.
    fn rpr(&self, run: Run, rtl: bool) -> String {
        rpr(self.font, run, rtl)
    }

    /// Runs for `text`: stretches with Latin letters are left-to-right runs, the
    /// rest right-to-left; newlines become breaks.
    pub fn runs(&mut self, text: &str, run: Run) {
        for (li, line) in text.split('\n').enumerate() {
            if li > 0 {
                self.out.push_str("<w:r><w:br/></w:r>");
            }
            let mut start = 0;
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let mut i = 0;
            while i < chars.len() {
                // A Latin stretch: Latin letters and what sits between them.
                if chars[i].1.is_ascii_alphabetic() {
                    let from = chars[i].0;
                    let mut j = i;
                    while j < chars.len()
                        && (chars[j].1.is_ascii_alphanumeric()
                            || (matches!(chars[j].1, '.' | '-' | '_' | ' ')
                                && chars
                                    .get(j + 1)
                                    .is_some_and(|c| c.1.is_ascii_alphanumeric())))
                    {
                        j += 1;
                    }
                    let to = chars.get(j).map_or(line.len(), |c| c.0);
                    self.run(&line[start..from], run, true);
                    self.run(&line[from..to], run, false);
                    start = to;
                    i = j;
                } else {
                    i += 1;
                }
            }
            self.run(&line[start..], run, true);
        }
    }

    fn run(&mut self, text: &str, run: Run, rtl: bool) {
        if text.is_empty() {
            return;
        }
        let rpr = self.rpr(run, rtl);
        self.out.push_str(&format!(
            "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            xml(text)
        ));
    }

    /// A paragraph; `w:pPr` in schema order: pStyle, keepNext, bidi, spacing, jc.
    pub fn para(&mut self, parts: &[(&str, Run)], p: Para) {
        self.ppr(p);
        for (t, r) in parts {
            self.runs(t, *r);
        }
        self.out.push_str("</w:p>");
    }

    fn ppr(&mut self, p: Para) {
        self.out.push_str("<w:p><w:pPr>");
        if let Some(s) = p.style {
            self.out.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
        }
        if p.keep_next {
            self.out.push_str("<w:keepNext/>");
        }
        self.out.push_str("<w:bidi/><w:spacing w:after=\"80\"/>");
        if p.center {
            self.out.push_str("<w:jc w:val=\"center\"/>");
        }
        self.out.push_str("</w:pPr>");
    }

    /// A right-to-left grid table of text; the first row is the header.
    pub fn table(&mut self, widths: &[u32], rows: &[Vec<String>], style: TableStyle) {
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .enumerate()
            .map(|(ri, row)| {
                let run = if style.header && ri == 0 { BOLD } else { BODY };
                row.iter()
                    .map(|c| vec![(vec![(c.clone(), run)], Para::PLAIN)])
                    .collect()
            })
            .collect();
        self.table_of(widths, &cells, style);
    }

    /// A right-to-left table of cells with paragraphs of their own.
    pub fn table_of(&mut self, widths: &[u32], rows: &[Vec<Cell>], style: TableStyle) {
        self.out
            .push_str("<w:tbl><w:tblPr><w:bidiVisual/><w:tblW w:w=\"5000\" w:type=\"pct\"/>");
        if style.borders {
            self.out.push_str("<w:tblBorders>");
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                self.out.push_str(&format!(
                    "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"444444\"/>"
                ));
            }
            self.out.push_str("</w:tblBorders>");
        }
        self.out
            .push_str("<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
        for w in widths {
            self.out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.out.push_str("</w:tblGrid>");
        let n = rows.len();
        for (ri, row) in rows.iter().enumerate() {
            let header = style.header && ri == 0;
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if let Some(h) = style.row_height.filter(|_| !header) {
                self.out
                    .push_str(&format!("<w:trHeight w:val=\"{h}\" w:hRule=\"atLeast\"/>"));
            }
            if header {
                self.out.push_str("<w:tblHeader/>");
            }
            self.out.push_str("</w:trPr>");
            // Kept with the next row: a header always; every row of a block kept
            // together; the last rows when what follows must not start a page.
            let keep = header || style.keep_together || ri + style.keep_last >= n;
            for (ci, cell) in row.iter().enumerate() {
                self.out.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>",
                    widths[ci]
                ));
                if header {
                    self.out
                        .push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>");
                }
                self.out.push_str("</w:tcPr>");
                if cell.is_empty() {
                    self.para(
                        &[],
                        Para {
                            keep_next: keep,
                            ..Para::PLAIN
                        },
                    );
                }
                for (parts, p) in cell {
                    let p = Para {
                        keep_next: p.keep_next || keep,
                        ..*p
                    };
                    self.ppr(p);
                    for (t, r) in parts {
                        self.runs(t, *r);
                    }
                    self.out.push_str("</w:p>");
                }
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
        // Word needs a paragraph between two tables.
        let after = Para {
            keep_next: style.keep_together || style.keep_last > 0,
            ..Para::PLAIN
        };
        self.para(&[("", BODY)], after);
    }

    /// The logo as an inline picture of `height` twips (width kept in ratio).
    fn logo(&mut self, logo: &Logo, height: u32) -> String {
        // EMU: 635 per twip.
        let cy = u64::from(height) * 635;
        let cx = cy * u64::from(logo.width.max(1)) / u64::from(logo.height.max(1));
        let id = self.drawing;
        self.drawing += 1;
        format!(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{id}\" name=\"logo {id}\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"logo.{ext}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"{LOGO_REL}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
            ext = logo.extension
        )
    }

    /// The official header as Iranian administrative letters have it: a
    /// borderless table with the logo and the organisation's lines on the
    /// right, «بسمه تعالی» in the middle, and `block` (شماره، تاریخ، پیوست) on
    /// the left.
    pub fn official_header(&mut self, official: &Official, block: &[(&str, String)]) {
        let centered = |lines: &[String], run: Run| -> Cell {
            lines
                .iter()
                .map(|l| (vec![(l.clone(), run)], Para::CENTER))
                .collect()
        };
        let mut right = centered(&official.lines, BOLD);
        let logo = official.logo.as_ref().map(|l| self.logo(l, 1000));
        let block: Cell = block
            .iter()
            .map(|(label, value)| {
                let v = if value.is_empty() {
                    "................".to_owned()
                } else {
                    value.clone()
                };
                (vec![(format!("{label}: "), BOLD), (v, BODY)], Para::PLAIN)
            })
            .collect();
        let middle = centered(&["بسمه تعالی".to_owned()], BOLD);
        // The logo goes into its own paragraph above the lines: written after
        // the table is laid out, by marking the first paragraph.
        if logo.is_some() {
            right.insert(0, (vec![(LOGO_MARK.to_owned(), BODY)], Para::CENTER));
        }
        let start = self.out.len();
        self.table_of(
            &[3800, 2038, 3800],
            &[vec![right, middle, block]],
            TableStyle::PLAIN,
        );
        if let Some(logo) = logo {
            let marked = format!(
                "<w:r>{}<w:t xml:space=\"preserve\">{LOGO_MARK}</w:t></w:r>",
                self.rpr(BODY, true)
            );
            let tail = self.out.split_off(start).replacen(&marked, &logo, 1);
            self.out.push_str(&tail);
        }
    }

    /// Ends a section (a letter among several): its own page numbering, the
    /// next one on a new page.
    pub fn section_break(&mut self, restart: bool) {
        self.out.push_str("<w:p><w:pPr><w:bidi/>");
        self.out.push_str(&sect_pr(restart, true));
        self.out.push_str("</w:pPr></w:p>");
    }

    /// Closes the body with the last section's properties.
    pub fn finish(mut self, restart: bool) -> String {
        self.out.push_str(&sect_pr(restart, false));
        self.out.push_str("</w:body></w:document>");
        self.out
    }
}

/// Marks where the logo goes while the header table is written.
const LOGO_MARK: &str = "\u{E000}\u{E001}";
const LOGO_REL: &str = "rIdLogo";

/// `w:sectPr` in schema order: footerReference, type, pgSz, pgMar, pgNumType,
/// bidi.
fn sect_pr(restart: bool, next_page: bool) -> String {
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId3\"/>{}<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>{}<w:bidi/></w:sectPr>",
        if next_page {
            "<w:type w:val=\"nextPage\"/>"
        } else {
            ""
        },
        if restart {
            "<w:pgNumType w:start=\"1\"/>"
        } else {
            ""
        }
    )
}

fn rpr(font: &str, run: Run, rtl: bool) -> String {
    let f = xml(font);
    format!(
        "<w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:cs=\"{f}\"/>{}<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/>{}<w:lang w:val=\"fa-IR\" w:bidi=\"fa-IR\"/></w:rPr>",
        if run.bold { "<w:b/><w:bCs/>" } else { "" },
        if rtl { "<w:rtl/>" } else { "" },
        s = run.size
    )
}

/// How many pages «از Y» counts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum PageCount {
    /// The whole document (minutes, a report).
    Document,
    /// The section (one letter among several in one file).
    Section,
}

/// «صفحه X از Y», centred. The fields carry no number format: Word shows their
/// digits in Persian in a right-to-left fa-IR run («Context» numerals), as it
/// does the minutes' other digits.
fn footer_xml(font: &str, count: PageCount) -> String {
    let rpr = rpr(font, BODY, true);
    let field = |instr: &str| {
        format!(
            "<w:r>{rpr}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{rpr}<w:instrText xml:space=\"preserve\"> {instr} </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{rpr}<w:t>۱</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType=\"end\"/></w:r>"
        )
    };
    let total = match count {
        PageCount::Document => "NUMPAGES",
        PageCount::Section => "SECTIONPAGES",
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}><w:p><w:pPr><w:bidi/><w:jc w:val=\"center\"/></w:pPr><w:r>{rpr}<w:t xml:space=\"preserve\">صفحه </w:t></w:r>{}<w:r>{rpr}<w:t xml:space=\"preserve\"> از </w:t></w:r>{}</w:p></w:ftr>",
        field("PAGE"),
        field(total)
    )
}

/// Normal, Title and Heading 1–2 (with outline levels, so Word's navigation
/// pane and a table of contents see the headings).
fn styles_xml(font: &str) -> String {
    let f = xml(font);
    let heading = |id: &str, name: &str, size: u32, level: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:bidi/><w:spacing w:before=\"160\" w:after=\"80\"/><w:outlineLvl w:val=\"{level}\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:cs=\"{f}\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"fa-IR\" w:bidi=\"fa-IR\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:bidi/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>{}{}</w:styles>",
        heading("Heading1", "heading 1", 28, 1),
        heading("Heading2", "heading 2", 26, 2)
    )
}

/// The font table: the chosen font with its fallbacks as `w:altName`, and the
/// fallbacks themselves.
fn font_table_xml(font: &str) -> String {
    let mut s =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts {NS}>");
    let mut names = vec![font];
    names.extend(FALLBACKS.iter().filter(|f| **f != font));
    for (i, name) in names.iter().enumerate() {
        s.push_str(&format!("<w:font w:name=\"{}\">", xml(name)));
        if i == 0 && names.len() > 1 {
            s.push_str(&format!("<w:altName w:val=\"{}\"/>", xml(names[1])));
        }
        s.push_str("<w:charset w:val=\"B2\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>");
    }
    s.push_str("</w:fonts>");
    s
}

/// Word 2013+ layout (compatibility mode 15): Word opens the file without
/// «حالت سازگاری».
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/><w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/></w:compat><w:themeFontLang w:val="en-US" w:bidi="fa-IR"/></w:settings>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

fn content_types(logo: Option<&Logo>) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{}<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#,
        logo.map(|l| format!(
            "<Default Extension=\"{}\" ContentType=\"{}\"/>",
            l.extension, l.mime
        ))
        .unwrap_or_default()
    )
}

fn document_rels(logo: Option<&Logo>) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>{}</Relationships>"#,
        logo.map(|l| format!(
            "<Relationship Id=\"{LOGO_REL}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/logo.{}\"/>",
            l.extension
        ))
        .unwrap_or_default()
    )
}

fn core_xml(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>dabir</dc:creator><dc:language>fa-IR</dc:language></cp:coreProperties>",
        xml(title)
    )
}

/// The DOCX package around a written document.
pub(super) fn package(
    document: String,
    title: &str,
    font: &str,
    logo: Option<&Logo>,
    count: PageCount,
) -> Result<Vec<u8>, super::ExportError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", content_types(logo)),
        ("_rels/.rels", ROOT_RELS.into()),
        ("docProps/core.xml", core_xml(title)),
        ("word/_rels/document.xml.rels", document_rels(logo)),
        ("word/document.xml", document),
        ("word/styles.xml", styles_xml(font)),
        ("word/settings.xml", SETTINGS.into()),
        ("word/fontTable.xml", font_table_xml(font)),
        ("word/footer1.xml", footer_xml(font, count)),
    ];
    for (name, content) in parts {
        zip.start_file(name, opts)?;
        zip.write_all(content.as_bytes())?;
    }
    if let Some(l) = logo {
        zip.start_file(format!("word/media/logo.{}", l.extension), opts)?;
        zip.write_all(&l.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

//! Minutes as a Word document (DOCX), written as OOXML by hand: A4, a
//! right-to-left section and paragraphs (`w:bidi`), right-to-left runs
//! (`w:rtl`) with the complex-script font and size (`w:rFonts w:cs`, `w:szCs`,
//! `w:bCs`: plain `w:sz`/`w:b` do not apply to Persian), `w:lang w:bidi="fa-IR"`,
//! right-to-left tables (`w:bidiVisual`), page numbers in the footer.
//!
//! Every property list is written in the order the schema gives (Word drops
//! properties out of order; LibreOffice forgives them, so it is no proof).
//! tests/export_docx.rs checks the order.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::doc::{MinutesDoc, jalali_long};
use crate::calendar::Digits;

/// The Persian font Word offices have; Vazirmatn or Tahoma where it is missing.
pub const DEFAULT_FONT: &str = "B Nazanin";

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

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

struct Writer<'a> {
    font: &'a str,
    out: String,
}

#[derive(Clone, Copy)]
struct Run {
    bold: bool,
    /// Half-points (24 = 12 pt).
    size: u32,
}

const BODY: Run = Run {
    bold: false,
    size: 26,
};
const BOLD: Run = Run {
    bold: true,
    size: 26,
};
const HEADING: Run = Run {
    bold: true,
    size: 28,
};
const TITLE: Run = Run {
    bold: true,
    size: 32,
};

impl Writer<'_> {
    /// `w:rPr` in schema order: rFonts, b, bCs, sz, szCs, rtl, lang.
    fn rpr(&self, run: Run, rtl: bool) -> String {
        let f = xml(self.font);
        format!(
            "<w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:cs=\"{f}\"/>{}<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/>{}<w:lang w:val=\"fa-IR\" w:bidi=\"fa-IR\"/></w:rPr>",
            if run.bold { "<w:b/><w:bCs/>" } else { "" },
            if rtl { "<w:rtl/>" } else { "" },
            s = run.size
        )
    }

    /// Runs for `text`: stretches with Latin letters are left-to-right runs, the
    /// rest right-to-left; newlines become breaks.
    fn runs(&mut self, text: &str, run: Run) {
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

    /// `w:pPr` in schema order: keepNext, bidi, spacing, jc.
    fn para(&mut self, parts: &[(&str, Run)], center: bool, keep_next: bool) {
        self.out.push_str("<w:p><w:pPr>");
        if keep_next {
            self.out.push_str("<w:keepNext/>");
        }
        self.out.push_str("<w:bidi/><w:spacing w:after=\"80\"/>");
        if center {
            self.out.push_str("<w:jc w:val=\"center\"/>");
        }
        self.out.push_str("</w:pPr>");
        for (t, r) in parts {
            self.runs(t, *r);
        }
        self.out.push_str("</w:p>");
    }

    /// A right-to-left table; the first row is a repeated, shaded header.
    fn table(&mut self, widths: &[u32], rows: &[Vec<String>]) {
        self.out.push_str(
            "<w:tbl><w:tblPr><w:bidiVisual/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>",
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            self.out.push_str(&format!(
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"444444\"/>"
            ));
        }
        self.out
            .push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
        for w in widths {
            self.out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.out.push_str("</w:tblGrid>");
        for (ri, row) in rows.iter().enumerate() {
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if ri == 0 {
                self.out.push_str("<w:tblHeader/>");
            }
            self.out.push_str("</w:trPr>");
            for (ci, cell) in row.iter().enumerate() {
                self.out.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>",
                    widths[ci]
                ));
                if ri == 0 {
                    self.out
                        .push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>");
                }
                self.out.push_str("</w:tcPr>");
                self.para(&[(cell, if ri == 0 { BOLD } else { BODY })], false, false);
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
        // Word needs a paragraph between two tables.
        self.para(&[("", BODY)], false, false);
    }
}

fn document_xml(d: &MinutesDoc, font: &str) -> String {
    let fa = |n: u32| Digits::Persian.format(n);
    let mut w = Writer {
        font,
        out: String::with_capacity(16 * 1024),
    };
    w.out.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>"
    ));
    w.para(&[("صورتجلسه", TITLE)], true, false);
    w.para(&[(&d.body, TITLE)], true, false);
    w.table(
        &[1700, 2900, 2200, 2838],
        &[
            vec![
                "شماره جلسه".into(),
                "تاریخ".into(),
                "ساعت".into(),
                "مکان".into(),
            ],
            vec![
                fa(d.number),
                jalali_long(d.date),
                d.time_range(),
                d.place.clone(),
            ],
        ],
    );
    if let Some(c) = &d.chair {
        w.para(&[("رئیس جلسه: ", BOLD), (&c.display(), BODY)], false, false);
    }
    if let Some(c) = &d.secretary {
        w.para(&[("دبیر جلسه: ", BOLD), (&c.display(), BODY)], false, false);
    }
    for (title, people) in [
        ("حاضرین", &d.present),
        ("غایبین", &d.absent),
        ("مدعوین", &d.guests),
    ] {
        if !people.is_empty() {
            w.para(&[(title, HEADING)], false, true);
            for p in people {
                w.para(&[(&format!("- {}", p.display()), BODY)], false, false);
            }
        }
    }
    if !d.agenda.is_empty() {
        w.para(&[("دستور جلسه", HEADING)], false, true);
        for (i, a) in d.agenda.iter().enumerate() {
            w.para(
                &[(&format!("{}- {a}", fa(i as u32 + 1)), BODY)],
                false,
                false,
            );
        }
    }
    if !d.discussion.is_empty() {
        w.para(&[("خلاصه مذاکرات", HEADING)], false, true);
        for (speaker, text) in &d.discussion {
            w.para(
                &[(&format!("{speaker}: "), BOLD), (text, BODY)],
                false,
                false,
            );
        }
    }
    if !d.resolutions.is_empty() {
        w.para(&[("مصوبات", HEADING)], false, true);
        let mut rows = vec![vec![
            "ردیف".into(),
            "شرح مصوبه".into(),
            "مسئول پیگیری".into(),
            "مهلت اجرا".into(),
        ]];
        for r in &d.resolutions {
            rows.push(vec![
                fa(r.number),
                r.text.clone(),
                r.units_cell(),
                r.approved_long(),
            ]);
        }
        // Twips, summing to the A4 text width (9638): «ردیف» and a long Jalali
        // date fit without wrapping.
        w.table(&[900, 4538, 2200, 2000], &rows);
    }
    if let Some(n) = &d.next_meeting {
        w.para(&[("زمان جلسه بعد: ", BOLD), (n, BODY)], false, false);
    }
    if !d.notes.trim().is_empty() {
        w.para(&[("یادداشت‌ها", HEADING)], false, true);
        w.para(&[(d.notes.trim(), BODY)], false, false);
    }
    for r in &d.reopenings {
        w.para(&[("یادداشت: ", BOLD), (r, BODY)], false, false);
    }
    if !d.present.is_empty() {
        w.para(&[("امضاء حاضرین", HEADING)], false, true);
        let mut rows = vec![vec!["نام".into(), "سمت".into(), "امضاء".into()]];
        rows.extend(
            d.present
                .iter()
                .map(|p| vec![p.name.clone(), p.post.clone(), String::new()]),
        );
        w.table(&[3300, 3838, 2500], &rows);
    }
    // sectPr in schema order: footerReference, pgSz, pgMar, bidi.
    w.out.push_str("<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId3\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:bidi/></w:sectPr></w:body></w:document>");
    w.out
}

fn footer_xml(font: &str) -> String {
    let w = Writer {
        font,
        out: String::new(),
    };
    let rpr = w.rpr(BODY, true);
    // The page number field, right to left in Persian: Word shows the digits in
    // the Persian form for fa-IR right-to-left runs (numeral setting "context").
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}><w:p><w:pPr><w:bidi/><w:jc w:val=\"center\"/></w:pPr><w:r>{rpr}<w:t xml:space=\"preserve\">صفحه </w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{rpr}<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{rpr}<w:t>۱</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>"
    )
}

fn styles_xml(font: &str) -> String {
    let f = xml(font);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:cs=\"{f}\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"fa-IR\" w:bidi=\"fa-IR\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style></w:styles>"
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:themeFontLang w:val="en-US" w:bidi="fa-IR"/></w:settings>"#;

fn core_xml(d: &MinutesDoc) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>صورتجلسه {} - جلسه {}</dc:title><dc:creator>dabir</dc:creator><dc:language>fa-IR</dc:language></cp:coreProperties>",
        xml(&d.body),
        Digits::Persian.format(d.number)
    )
}

/// The DOCX file's bytes.
pub fn minutes_docx(d: &MinutesDoc, font: &str) -> Result<Vec<u8>, super::ExportError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("docProps/core.xml", core_xml(d)),
        ("word/_rels/document.xml.rels", DOC_RELS.into()),
        ("word/document.xml", document_xml(d, font)),
        ("word/styles.xml", styles_xml(font)),
        ("word/settings.xml", SETTINGS.into()),
        ("word/footer1.xml", footer_xml(font)),
    ];
    for (name, content) in parts {
        zip.start_file(name, opts)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

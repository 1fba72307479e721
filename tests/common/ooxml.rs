//! Checks of the OOXML dabir writes.

use quick_xml::Reader;
use quick_xml::events::Event;

/// Schema order of the property lists dabir writes (ECMA-376, transitional).
pub const ORDER: &[(&str, &[&str])] = &[
    (
        "rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "trPr",
        &[
            "cnfStyle",
            "divId",
            "gridBefore",
            "gridAfter",
            "wBefore",
            "wAfter",
            "cantSplit",
            "trHeight",
            "tblHeader",
            "tblCellSpacing",
            "jc",
            "hidden",
        ],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
        ],
    ),
];

/// Walks the XML and checks that, in every property list, the children come in
/// schema order and are known; returns how many lists were checked.
pub fn check_order(xml: &str) -> usize {
    let mut r = Reader::from_str(xml);
    // Stack of (element local name, last child index within its order list).
    let mut stack: Vec<(String, Option<usize>)> = Vec::new();
    let mut checked = 0;
    loop {
        let (name, empty) = match r.read_event().unwrap() {
            Event::Start(e) => (
                String::from_utf8(e.local_name().as_ref().to_vec()).unwrap(),
                false,
            ),
            Event::Empty(e) => (
                String::from_utf8(e.local_name().as_ref().to_vec()).unwrap(),
                true,
            ),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if let Some((parent, last)) = stack.last_mut()
            && let Some((_, order)) = ORDER.iter().find(|(p, _)| p == parent)
        {
            let at = order
                .iter()
                .position(|c| *c == name)
                .unwrap_or_else(|| panic!("<w:{name}> is not a child of <w:{parent}>"));
            assert!(
                last.is_none_or(|l| at > l),
                "<w:{name}> after a later sibling in <w:{parent}>"
            );
            *last = Some(at);
        }
        if ORDER.iter().any(|(p, _)| *p == name) {
            checked += 1;
        }
        if !empty {
            stack.push((name, None));
        }
    }
    checked
}

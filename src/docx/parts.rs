//! The package around the body: styles, settings, fonts, headers and footers, properties,
//! content types and relationships. Every part is written in schema order with fixed ids, so
//! that the same document always gives the same bytes.

use super::W_NS;
use super::date;
use super::fonts::{self, Fonts};
use super::inline::{run_properties, text_run};
use super::xml::Xml;
use crate::doc::page::Side;
use crate::doc::{FontRole, Meta, Size, Style};

// Relationship ids of the document part.
const STYLES: &str = "rId1";
const SETTINGS: &str = "rId2";
const FONT_TABLE: &str = "rId3";
pub(crate) const FOOTER_ODD: &str = "rId4";
pub(crate) const FOOTER_EVEN: &str = "rId5";
pub(crate) const FOOTER_BLANK_ODD: &str = "rId6";
pub(crate) const FOOTER_BLANK_EVEN: &str = "rId7";
pub(crate) const HEADER_ODD: &str = "rId8";
pub(crate) const HEADER_EVEN: &str = "rId9";
const THEME: &str = "rId10";

const CT_MAIN: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const CT_STYLES: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
const CT_SETTINGS: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
const CT_FONT_TABLE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
const CT_FOOTER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
const CT_HEADER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
const CT_THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
const CT_CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
const CT_APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One file of the package.
pub(crate) struct Part {
    pub path: String,
    /// Empty for relationship parts, which the content types cover by extension.
    pub content_type: &'static str,
    pub xml: String,
}

/// A part the document part points to.
struct Linked {
    id: &'static str,
    /// The relationship type: a name under `REL`.
    kind: String,
    /// File name in `word/`.
    name: &'static str,
    content_type: &'static str,
    xml: String,
}

impl Linked {
    fn new(id: &'static str, kind: &str, name: &'static str, content_type: &'static str, xml: String) -> Linked {
        Linked { id, kind: format!("{REL}/{kind}"), name, content_type, xml }
    }
}

/// Every part of the package, `[Content_Types].xml` first as Word writes it.
pub(crate) fn package(meta: &Meta, document: String) -> Vec<Part> {
    let mut linked = vec![
        Linked::new(STYLES, "styles", "styles.xml", CT_STYLES, styles()),
        Linked::new(SETTINGS, "settings", "settings.xml", CT_SETTINGS, settings()),
        Linked::new(FONT_TABLE, "fontTable", "fontTable.xml", CT_FONT_TABLE, fonts::font_table()),
        Linked::new(THEME, "theme", "theme/theme1.xml", CT_THEME, super::theme::theme()),
        Linked::new(FOOTER_ODD, "footer", "footer1.xml", CT_FOOTER, footer(Some(Side::Odd))),
        Linked::new(FOOTER_EVEN, "footer", "footer2.xml", CT_FOOTER, footer(Some(Side::Even))),
        Linked::new(FOOTER_BLANK_ODD, "footer", "footer3.xml", CT_FOOTER, footer(None)),
        Linked::new(FOOTER_BLANK_EVEN, "footer", "footer4.xml", CT_FOOTER, footer(None)),
    ];
    if meta.draft {
        linked.push(Linked::new(HEADER_ODD, "header", "header1.xml", CT_HEADER, draft_header(Side::Odd)));
        linked.push(Linked::new(HEADER_EVEN, "header", "header2.xml", CT_HEADER, draft_header(Side::Even)));
    }

    let root_rels = relationships(&[
        ("rId1", &format!("{REL}/officeDocument"), "word/document.xml"),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        ("rId3", &format!("{REL}/extended-properties"), "docProps/app.xml"),
    ]);
    let document_rels = relationships(&linked.iter().map(|l| (l.id, l.kind.as_str(), l.name)).collect::<Vec<_>>());
    let mut parts = vec![
        Part { path: "_rels/.rels".into(), content_type: "", xml: root_rels },
        Part { path: "docProps/core.xml".into(), content_type: CT_CORE, xml: core(meta) },
        Part { path: "docProps/app.xml".into(), content_type: CT_APP, xml: app() },
        Part { path: "word/document.xml".into(), content_type: CT_MAIN, xml: document },
        Part { path: "word/_rels/document.xml.rels".into(), content_type: "", xml: document_rels },
    ];
    parts.extend(linked.into_iter().map(|l| Part {
        path: format!("word/{}", l.name),
        content_type: l.content_type,
        xml: l.xml,
    }));
    let types = content_types(&parts);
    parts.insert(0, Part { path: "[Content_Types].xml".into(), content_type: "", xml: types });
    parts
}

fn content_types(parts: &[Part]) -> String {
    let mut x = Xml::part();
    x.open("Types", &[("xmlns", &"http://schemas.openxmlformats.org/package/2006/content-types")]);
    x.empty(
        "Default",
        &[("Extension", &"rels"), ("ContentType", &"application/vnd.openxmlformats-package.relationships+xml")],
    );
    x.empty("Default", &[("Extension", &"xml"), ("ContentType", &"application/xml")]);
    for part in parts.iter().filter(|p| !p.content_type.is_empty()) {
        x.empty("Override", &[("PartName", &format!("/{}", part.path)), ("ContentType", &part.content_type)]);
    }
    x.finish()
}

fn relationships(rels: &[(&str, &str, &str)]) -> String {
    let mut x = Xml::part();
    x.open("Relationships", &[("xmlns", &"http://schemas.openxmlformats.org/package/2006/relationships")]);
    for (id, kind, target) in rels {
        x.empty("Relationship", &[("Id", id), ("Type", kind), ("Target", target)]);
    }
    x.finish()
}

/// Only what Word needs: no grid, no theme fonts. Every paragraph and run of the body carries
/// its formatting directly, so that a user's Normal template cannot change the form.
fn styles() -> String {
    let mut x = Xml::part();
    x.open("w:styles", &[("xmlns:w", &W_NS)]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]).open("w:rPr", &[]);
    fonts::run_fonts(&mut x, Fonts::Role(FontRole::Song));
    x.empty("w:sz", &[("w:val", &Size::XIAO_SI.0)]).empty("w:szCs", &[("w:val", &Size::XIAO_SI.0)]);
    // zh-CN makes Word apply Chinese line breaking (no line starts with "，").
    x.empty("w:lang", &[("w:val", &"en-US"), ("w:eastAsia", &"zh-CN"), ("w:bidi", &"ar-SA")]);
    x.close().close();
    // No lone first or last line of a paragraph at a page's foot or head, and no punctuation
    // hanging past the margin (Word hangs ，。 by default): lines break as in the PDF.
    x.open("w:pPrDefault", &[]).open("w:pPr", &[]);
    x.empty("w:widowControl", &[]).empty("w:overflowPunct", &[("w:val", &0)]);
    x.close().close();
    x.close();
    x.open("w:style", &[("w:type", &"paragraph"), ("w:default", &1), ("w:styleId", &"Normal")]);
    x.empty("w:name", &[("w:val", &"Normal")]).empty("w:qFormat", &[]).close();
    x.open("w:style", &[("w:type", &"character"), ("w:default", &1), ("w:styleId", &"DefaultParagraphFont")]);
    x.empty("w:name", &[("w:val", &"Default Paragraph Font")]);
    x.empty("w:uiPriority", &[("w:val", &1)]).empty("w:semiHidden", &[]).empty("w:unhideWhenUsed", &[]).close();
    x.open("w:style", &[("w:type", &"table"), ("w:default", &1), ("w:styleId", &"TableNormal")]);
    x.empty("w:name", &[("w:val", &"Normal Table")]);
    x.empty("w:uiPriority", &[("w:val", &99)]).empty("w:semiHidden", &[]).empty("w:unhideWhenUsed", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", &0), ("w:type", &"dxa")]);
    x.open("w:tblCellMar", &[]);
    for (side, w) in [("w:top", 0), ("w:left", 108), ("w:bottom", 0), ("w:right", 108)] {
        x.empty(side, &[("w:w", &w), ("w:type", &"dxa")]);
    }
    x.close().close().close();
    x.finish()
}

/// Settings in the order of `CT_Settings`. Mirrored margins put the binding margin inside on
/// both sides of a duplex sheet; even and odd footers put the page number outside.
fn settings() -> String {
    let mut x = Xml::part();
    x.open("w:settings", &[("xmlns:w", &W_NS)]);
    x.empty("w:zoom", &[("w:percent", &100)]);
    x.empty("w:mirrorMargins", &[]);
    // Two characters of 五号, Word's own default for Chinese documents.
    x.empty("w:defaultTabStop", &[("w:val", &420)]);
    x.empty("w:evenAndOddHeaders", &[]);
    // Punctuation keeps its whole em, as in the PDF: Word squeezes none.
    x.empty("w:characterSpacingControl", &[("w:val", &"doNotCompress")]);
    x.open("w:compat", &[]);
    x.empty("w:spaceForUL", &[]);
    // A blank at the end of a line still shows its underline.
    x.empty("w:ulTrailSpace", &[]);
    // A justified line ending in a line break is not stretched across the cell.
    x.empty("w:doNotExpandShiftReturn", &[]);
    x.empty(
        "w:compatSetting",
        &[("w:name", &"compatibilityMode"), ("w:uri", &"http://schemas.microsoft.com/office/word"), ("w:val", &15)],
    );
    x.close();
    x.empty("w:themeFontLang", &[("w:val", &"en-US"), ("w:eastAsia", &"zh-CN")]);
    x.finish()
}

/// GB/T 9704: "— N —" in 四号 half-width 宋体, one character in from the outer edge; `None`
/// gives the empty footer of a cover.
fn footer(side: Option<Side>) -> String {
    let mut x = Xml::part();
    x.open("w:ftr", &[("xmlns:w", &W_NS), ("xmlns:r", &super::R_NS)]);
    let style = Style { font: FontRole::Song, size: Size::SI_HAO, bold: false, underline: false };
    let song = Fonts::Only(fonts::face(FontRole::Song));
    outer_paragraph(&mut x, side, &style);
    if side.is_some() {
        text_run(&mut x, "— ", &style, song, false);
        field_char(&mut x, &style, song, "begin");
        x.open("w:r", &[]);
        run_properties(&mut x, &style, song, false);
        x.text_element("w:instrText", &[("xml:space", &"preserve")], " PAGE ").close();
        field_char(&mut x, &style, song, "separate");
        text_run(&mut x, "1", &style, song, false);
        field_char(&mut x, &style, song, "end");
        text_run(&mut x, " —", &style, song, false);
    }
    x.finish()
}

fn field_char(x: &mut Xml, style: &Style, fonts: Fonts, kind: &str) {
    x.open("w:r", &[]);
    run_properties(x, style, fonts, false);
    x.empty("w:fldChar", &[("w:fldCharType", &kind)]).close();
}

/// A visible 草稿 on every page of a draft, on the outer side like the page number.
fn draft_header(side: Side) -> String {
    let mut x = Xml::part();
    x.open("w:hdr", &[("xmlns:w", &W_NS), ("xmlns:r", &super::R_NS)]);
    let style = Style { font: FontRole::Hei, size: Size::SAN_HAO, bold: true, underline: false };
    outer_paragraph(&mut x, Some(side), &style);
    text_run(&mut x, "草稿", &style, Fonts::Role(style.font), false);
    x.finish()
}

/// Opens a header or footer paragraph set one character in from the outer edge, and writes
/// its properties; the caller adds the runs.
fn outer_paragraph(x: &mut Xml, side: Option<Side>, style: &Style) {
    // One character of the paragraph's size, in twips and in hundredths of a character.
    let indent = u32::from(style.size.0) * 10;
    x.open("w:p", &[]).open("w:pPr", &[]);
    x.empty("w:spacing", &[("w:before", &0), ("w:after", &0), ("w:line", &240), ("w:lineRule", &"auto")]);
    match side {
        Some(Side::Odd) => {
            x.empty("w:ind", &[("w:rightChars", &100), ("w:right", &indent)]);
            x.empty("w:jc", &[("w:val", &"right")]);
        }
        Some(Side::Even) => {
            x.empty("w:ind", &[("w:leftChars", &100), ("w:left", &indent)]);
            x.empty("w:jc", &[("w:val", &"left")]);
        }
        None => {}
    }
    run_properties(x, style, Fonts::Role(style.font), false);
    x.close();
}

/// Core properties: title and author from the model, the document's own date as creation
/// and modification time (never the clock, so that builds are reproducible).
fn core(meta: &Meta) -> String {
    let mut x = Xml::part();
    x.open(
        "cp:coreProperties",
        &[
            ("xmlns:cp", &"http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", &"http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", &"http://purl.org/dc/terms/"),
            ("xmlns:xsi", &"http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.text_element("dc:title", &[], &meta.title);
    x.text_element("dc:creator", &[], &meta.author);
    x.text_element("cp:lastModifiedBy", &[], &meta.author);
    if let Some(date) = meta.date {
        let stamp = date::w3cdtf(date);
        x.text_element("dcterms:created", &[("xsi:type", &"dcterms:W3CDTF")], &stamp);
        x.text_element("dcterms:modified", &[("xsi:type", &"dcterms:W3CDTF")], &stamp);
    }
    x.finish()
}

fn app() -> String {
    let mut x = Xml::part();
    x.open("Properties", &[("xmlns", &"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")]);
    x.text_element("Application", &[], "dossier");
    x.finish()
}

//! `word/document.xml`: the sections of the model, one DOCX section each.

use super::page::Page;
use super::paragraph::{Extra, hairline, paragraph};
use super::parts::{FOOTER_BLANK_EVEN, FOOTER_BLANK_ODD, FOOTER_EVEN, FOOTER_ODD, HEADER_EVEN, HEADER_ODD};
use super::table::table;
use super::xml::Xml;
use super::{DocxError, R_NS, W_NS};
use crate::doc::{Block, Document, Section};
use crate::pdf::Metrics;

pub(crate) fn document(doc: &Document, metrics: Metrics) -> Result<String, DocxError> {
    let mut x = Xml::part();
    x.open("w:document", &[("xmlns:w", &W_NS), ("xmlns:r", &R_NS)]);
    x.open("w:body", &[]);
    let first_numbered = doc.sections.iter().position(|s| s.page_numbers);
    let count = doc.sections.len();
    for (i, section) in doc.sections.iter().enumerate() {
        let setup = Setup {
            page: Page::new(section.orientation),
            numbers: section.page_numbers,
            odd_start: section.odd_start,
            restart: first_numbered == Some(i),
            draft: doc.meta.draft,
        };
        let properties = |x: &mut Xml| section_properties(x, &setup);
        // Every section but the last keeps its properties in its last paragraph; the last
        // section's close the body.
        if i + 1 == count {
            blocks(&mut x, section, i + 1, &setup.page, None, metrics)?;
            properties(&mut x);
        } else {
            blocks(&mut x, section, i + 1, &setup.page, Some(&properties), metrics)?;
        }
    }
    Ok(x.finish())
}

/// Writes the blocks of one section; `end` writes its properties, `None` for the last section.
fn blocks(
    x: &mut Xml,
    section: &Section,
    number: usize,
    page: &Page,
    end: Option<&dyn Fn(&mut Xml)>,
    metrics: Metrics,
) -> Result<(), DocxError> {
    let mut break_before = false;
    let mut tables = 0;
    let mut carried = 0.0;
    for (i, block) in section.blocks.iter().enumerate() {
        let next = section.blocks.get(i + 1);
        match block {
            Block::Paragraph(p) => {
                let page_break_before = std::mem::take(&mut break_before);
                let section = if next.is_none() { end } else { None };
                let width = page.text_width();
                let pitch = Some(metrics.line_pitch(p, width as f32 / 20.0)?);
                let passes_on = matches!(next, Some(Block::Paragraph(_)));
                let carried = std::mem::replace(&mut carried, if passes_on { p.space_after } else { 0.0 });
                let extra = Extra { page_break_before, section, width, pitch, carried, passes_on, ..Extra::default() };
                paragraph(x, p, extra);
            }
            Block::Table(t) => {
                tables += 1;
                if i > 0 && matches!(section.blocks[i - 1], Block::Table(_)) {
                    // Word joins two tables with nothing between them into one.
                    hairline(x, false, None);
                }
                table(x, t, page, metrics).map_err(|problem| DocxError::Table {
                    section: number,
                    table: tables,
                    problem,
                })?;
            }
            // On the next paragraph, "page break before" adds no empty line; before a table or
            // at the end of the section a hairline paragraph carries the break.
            Block::PageBreak => match next {
                Some(Block::Paragraph(_)) => break_before = true,
                _ => hairline(x, true, None),
            },
        }
    }
    match (section.blocks.last(), end) {
        // The last paragraph carried the properties.
        (Some(Block::Paragraph(_)), _) => {}
        // The properties need a paragraph to sit in.
        (_, Some(end)) => hairline(x, false, Some(end)),
        // The break's hairline closes the body.
        (Some(Block::PageBreak), None) => {}
        // The document ends in a table (or nothing): Word would add a full-height empty
        // paragraph, which can spill onto a page of its own; a hairline takes its place.
        (_, None) => hairline(x, false, None),
    }
    Ok(())
}

/// What the section properties of one section depend on.
struct Setup {
    page: Page,
    numbers: bool,
    /// The first numbered section: its first page is page 1.
    restart: bool,
    /// Begins on an odd page (an `oddPage` section break).
    odd_start: bool,
    draft: bool,
}

/// `w:sectPr` in the order of `CT_SectPr`: header and footer references, pgSz, pgMar,
/// pgNumType.
fn section_properties(x: &mut Xml, s: &Setup) {
    x.open("w:sectPr", &[]);
    if s.draft {
        reference(x, "w:headerReference", "default", HEADER_ODD);
        reference(x, "w:headerReference", "even", HEADER_EVEN);
    }
    // Every section names its footers: a section that names none inherits the previous one's.
    let (odd, even) = if s.numbers { (FOOTER_ODD, FOOTER_EVEN) } else { (FOOTER_BLANK_ODD, FOOTER_BLANK_EVEN) };
    reference(x, "w:footerReference", "default", odd);
    reference(x, "w:footerReference", "even", even);
    if s.odd_start {
        x.empty("w:type", &[("w:val", &"oddPage")]);
    }
    let p = &s.page;
    if p.landscape {
        x.empty("w:pgSz", &[("w:w", &p.width), ("w:h", &p.height), ("w:orient", &"landscape")]);
    } else {
        x.empty("w:pgSz", &[("w:w", &p.width), ("w:h", &p.height)]);
    }
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &p.top),
            ("w:right", &p.right),
            ("w:bottom", &p.bottom),
            ("w:left", &p.left),
            ("w:header", &p.header),
            ("w:footer", &p.footer),
            ("w:gutter", &0),
        ],
    );
    if s.restart {
        x.empty("w:pgNumType", &[("w:start", &1)]);
    }
    x.close();
}

fn reference(x: &mut Xml, tag: &'static str, kind: &str, id: &str) {
    x.empty(tag, &[("w:type", &kind), ("r:id", &id)]);
}

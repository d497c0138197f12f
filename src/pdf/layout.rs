//! The page flow: sections start new pages, paragraphs and tables fill the type area, and
//! each page comes out as positioned glyphs and rules in type-area coordinates (x from the
//! left edge of the type area, y down from its top edge).

use super::PdfError;
use super::fonts::{FaceId, Fonts};
use super::paragraph::{self, Laid, Line};
use super::table::{self, Measured};
use crate::doc::page::{Page as Geometry, Side};
use crate::doc::{Block, Document, Orientation};

const EPS: f32 = 0.01;
/// Lines of a keep-with-next paragraph's successor that must share its page.
const KEEP_LINES: usize = 2;

/// A glyph on a page; `y` is its baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    /// The character it shows, for the PDF's ToUnicode map.
    pub ch: char,
    pub size: f32,
    pub bold: bool,
    pub x: f32,
    pub y: f32,
}

/// A stroked straight line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
}

/// A stroked rectangle (a table cell's borders).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// A heading, for the PDF outline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    pub level: u8,
    pub title: String,
    pub y: f32,
}

#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub orientation: Orientation,
    /// The GB/T 9704 page number, if the page carries one.
    pub number: Option<u32>,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub frames: Vec<Frame>,
    pub headings: Vec<Heading>,
}

/// A block measured for the type-area width, ready to be placed.
enum Measure {
    Paragraph(Laid),
    Table(Measured),
    PageBreak,
}

pub(crate) fn layout(doc: &Document, fonts: &Fonts) -> Result<Vec<Page>, PdfError> {
    if doc.sections.is_empty() {
        return Err(PdfError::Empty);
    }
    let mut flow = Flow::default();
    for section in &doc.sections {
        let g = Geometry::new(section.orientation, Side::Odd);
        let blocks = section
            .blocks
            .iter()
            .map(|block| {
                Ok(match block {
                    Block::Paragraph(p) => Measure::Paragraph(paragraph::lay_out(p, g.body_width, fonts)?),
                    Block::Table(t) => Measure::Table(table::measure(t, g.body_width, g.body_height, fonts)?),
                    Block::PageBreak => Measure::PageBreak,
                })
            })
            .collect::<Result<Vec<_>, PdfError>>()?;
        if section.odd_start && flow.pages.len() % 2 == 1 {
            // The back of the previous section's last sheet stays blank.
            flow.new_page(false);
        }
        flow.section(section.orientation, section.page_numbers, g.body_height);
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Measure::Paragraph(laid) => {
                    if laid.keep {
                        flow.keep_room(laid.height() + lead(&blocks[i + 1..]));
                    }
                    flow.paragraph(laid);
                }
                Measure::Table(measured) => table::place(measured, &mut flow),
                Measure::PageBreak => flow.page_break(),
            }
        }
        flow.end_section();
    }
    Ok(flow.pages)
}

/// Height the blocks that follow a keep-with-next paragraph need on its page: the next
/// paragraph's first lines or the next table's first rows, through chains of headings.
fn lead(blocks: &[Measure]) -> f32 {
    match blocks.first() {
        Some(Measure::Paragraph(laid)) if laid.keep => laid.height() + lead(&blocks[1..]),
        Some(Measure::Paragraph(laid)) => {
            laid.before + laid.lines.iter().take(KEEP_LINES).map(|l| l.height).sum::<f32>()
        }
        Some(Measure::Table(measured)) => measured.lead(),
        _ => 0.0,
    }
}

/// Where the next block goes: the pages so far and the cursor on the last one.
#[derive(Default)]
pub(crate) struct Flow {
    pages: Vec<Page>,
    /// Whether the last page still takes content (false after a page or section break).
    open: bool,
    /// Pages made by the current section.
    section_pages: usize,
    orientation: Orientation,
    numbered: bool,
    last_number: u32,
    body_height: f32,
    y: f32,
    /// The current page began because the previous one was full.
    continued: bool,
    /// The last thing in this section was an explicit page break.
    broke: bool,
}

impl Flow {
    fn section(&mut self, orientation: Orientation, numbered: bool, body_height: f32) {
        self.open = false;
        self.broke = false;
        self.section_pages = 0;
        self.orientation = orientation;
        self.numbered = numbered;
        self.body_height = body_height;
    }

    fn end_section(&mut self) {
        // An empty section still is a page (a deliberately blank one).
        if self.section_pages == 0 {
            self.new_page(false);
        }
    }

    fn page_break(&mut self) {
        // A section starts on a new page anyway; a second break in a row leaves a blank page.
        if !self.open && self.broke {
            self.new_page(false);
        }
        self.open = false;
        self.broke = true;
    }

    pub fn new_page(&mut self, continued: bool) {
        let number = self.numbered.then(|| {
            self.last_number += 1;
            self.last_number
        });
        self.pages.push(Page {
            orientation: self.orientation,
            number,
            glyphs: Vec::new(),
            rules: Vec::new(),
            frames: Vec::new(),
            headings: Vec::new(),
        });
        self.section_pages += 1;
        self.open = true;
        self.broke = false;
        self.y = 0.0;
        self.continued = continued;
    }

    /// Opens a page if the last one is closed.
    pub fn ensure_page(&mut self) {
        if !self.open {
            self.new_page(false);
        }
    }

    pub fn at_top(&self) -> bool {
        self.y <= EPS
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn advance(&mut self, dy: f32) {
        self.y += dy;
    }

    pub fn remaining(&self) -> f32 {
        self.body_height - self.y
    }

    pub fn body_height(&self) -> f32 {
        self.body_height
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page(false);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws a line with its top-left corner at (`x`, `top`).
    pub fn line(&mut self, line: &Line, x: f32, top: f32) {
        let page = self.page();
        page.glyphs.extend(line.glyphs.iter().map(|g| Glyph { x: g.x + x, y: g.y + top, ..*g }));
        page.rules.extend(line.rules.iter().map(|r| Rule {
            x1: r.x1 + x,
            x2: r.x2 + x,
            y1: r.y1 + top,
            y2: r.y2 + top,
            ..*r
        }));
    }

    pub fn frame(&mut self, frame: Frame) {
        self.page().frames.push(frame);
    }

    /// Starts a new page unless `height` fits below the cursor (or the page is still empty).
    fn keep_room(&mut self, height: f32) {
        self.ensure_page();
        if !self.at_top() && height > self.remaining() + EPS && height <= self.body_height {
            self.new_page(true);
        }
    }

    fn paragraph(&mut self, laid: &Laid) {
        self.ensure_page();
        if !(self.at_top() && self.continued) {
            self.y += laid.before;
        }
        let lines = &laid.lines;
        let mut i = 0;
        while i < lines.len() {
            let mut fit = 0;
            let mut used = 0.0;
            while i + fit < lines.len() && used + lines[i + fit].height <= self.remaining() + EPS {
                used += lines[i + fit].height;
                fit += 1;
            }
            let rest = lines.len() - i;
            if fit < rest {
                // No lone first line at the foot of a page (orphan) ...
                if fit == 0 || (i == 0 && fit == 1 && rest > 1) {
                    if !self.at_top() {
                        self.new_page(true);
                        continue;
                    }
                    fit = fit.max(1);
                }
                // ... and no lone last line at the head of the next (widow); a paragraph that
                // would keep only its first line here then goes to the next page whole, as in Word.
                if rest - fit == 1 && fit >= 2 {
                    fit -= 1;
                    if i == 0 && fit == 1 && !self.at_top() {
                        self.new_page(true);
                        continue;
                    }
                }
            }
            if let Some((level, title)) = laid.heading.as_ref().filter(|_| i == 0) {
                let (level, title, y) = (*level, title.clone(), self.y);
                self.page().headings.push(Heading { level, title, y });
            }
            for line in &lines[i..i + fit] {
                self.line(line, 0.0, self.y);
                self.y += line.height;
            }
            i += fit;
            if i < lines.len() {
                self.new_page(true);
            }
        }
        self.y += laid.after;
    }
}

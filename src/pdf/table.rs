//! Tables as the forms have them: relative column widths scaled to the type area, row and
//! column spans, padded cells with wrapped text, rows as tall as their content.
//!
//! Across pages: a row (or a group of rows tied by row spans) that does not fit moves to the
//! next page; one taller than a page is cut between lines of text, with the borders closed
//! on both sides of the cut and its labels set at the top of their cells; the header rows
//! repeat at the top of every page the table runs onto.

use super::PdfError;
use super::fonts::Fonts;
use super::layout::{Flow, Frame};
use super::paragraph::{self, Line};
use crate::doc::grid::{CELL_PADDING, CELL_PADDING_Y};
use crate::doc::{Table, VAlign};

/// Cell margins: Word's default 0.19 cm left and right, a little air above and below.
const PAD_X: f32 = CELL_PADDING;
const PAD_Y: f32 = CELL_PADDING_Y;
/// The least a page should hold of a row that is cut across pages; with less, the row
/// starts on the next page instead.
const MIN_SPLIT: f32 = 72.0;
/// The fewest lines of a cell on either side of a cut.
const KEEP_LINES: usize = 2;
const EPS: f32 = 0.01;

/// A table measured for a width: everything but where the pages fall.
#[derive(Debug, Clone)]
pub(crate) struct Measured {
    /// Row tops in table coordinates; the last entry is the table's height.
    tops: Vec<f32>,
    cells: Vec<CellBox>,
    /// Rows repeated at the top of continuation pages (0 for none).
    header: usize,
    /// Row boundaries a page may end at.
    cuts: Vec<usize>,
    /// Per row, whether a page that starts with it repeats the header above it.
    uses_header: Vec<bool>,
    borders: bool,
    /// Height of the type area the table was measured for.
    page: f32,
}

#[derive(Debug, Clone)]
struct CellBox {
    row: usize,
    rows: usize,
    x: f32,
    width: f32,
    valign: VAlign,
    /// Lines with their tops relative to the top of the cell's content.
    lines: Vec<(f32, Line)>,
    content: f32,
}

/// Measures `table` for a type area `width` wide and `height` high (no row needs to be
/// taller than a page).
pub(crate) fn measure(table: &Table, width: f32, height: f32, fonts: &Fonts) -> Result<Measured, PdfError> {
    if table.widths.is_empty() {
        return Err(PdfError::NoColumns);
    }
    let placed = table.place()?;
    let mut cols = vec![0.0f32];
    for w in table.columns(width) {
        cols.push(cols[cols.len() - 1] + w);
    }
    let mut cells = Vec::with_capacity(placed.len());
    for p in &placed {
        let cell = &table.rows[p.row].cells[p.index];
        let (x, right) = (cols[p.col], cols[p.col + p.col_span]);
        let inner = (right - x - 2.0 * PAD_X).max(1.0);
        let mut lines = Vec::new();
        let mut y = 0.0;
        for paragraph in &cell.paragraphs {
            let laid = paragraph::lay_out(paragraph, inner, fonts)?;
            y += laid.before;
            for line in laid.lines {
                let height = line.height;
                lines.push((y, line));
                y += height;
            }
            y += laid.after;
        }
        cells.push(CellBox {
            row: p.row,
            rows: p.row_span,
            x,
            width: right - x,
            valign: cell.valign,
            lines,
            content: y,
        });
    }
    let rows = table.rows.len();
    let mut heights: Vec<f32> = table
        .rows
        .iter()
        .map(|r| if r.min_height.is_finite() { r.min_height.clamp(0.0, height) } else { 0.0 })
        .collect();
    for cell in cells.iter().filter(|c| c.rows == 1) {
        heights[cell.row] = heights[cell.row].max(cell.content + 2.0 * PAD_Y);
    }
    // A cell spanning rows that needs more than they give grows its last row, as Word does.
    let mut spanning: Vec<&CellBox> = cells.iter().filter(|c| c.rows > 1).collect();
    spanning.sort_by_key(|c| c.rows);
    for cell in spanning {
        let last = cell.row + cell.rows - 1;
        let given: f32 = heights[cell.row..=last].iter().sum();
        heights[last] += (cell.content + 2.0 * PAD_Y - given).max(0.0);
    }
    let mut tops = vec![0.0f32];
    for h in &heights {
        tops.push(tops[tops.len() - 1] + h);
    }
    let crossed = |b: usize| cells.iter().any(|c| c.row < b && b < c.row + c.rows);
    let mut header = table.header_rows.min(rows);
    while header < rows && crossed(header) {
        header += 1;
    }
    // The header stays with the first rows after it.
    let cuts = (0..=rows).filter(|&b| b == rows || ((b == 0 || b > header) && !crossed(b))).collect();
    let uses_header = table.uses_header();
    Ok(Measured { tops, cells, header, cuts, uses_header, borders: table.borders, page: height })
}

impl Measured {
    /// Height a heading kept with this table needs below it: the header and the first rows,
    /// or as much of a first row taller than a page as is worth starting on a page.
    pub fn lead(&self) -> f32 {
        let first = self.cuts.iter().copied().find(|&b| b > 0).unwrap_or(0);
        let rows = self.tops[first];
        if rows <= self.page { rows } else { self.tops[self.header] + MIN_SPLIT }
    }

    fn height(&self) -> f32 {
        self.tops[self.tops.len() - 1]
    }

    /// Each row's height.
    pub fn row_heights(&self) -> Vec<f32> {
        self.tops.windows(2).map(|w| w[1] - w[0]).collect()
    }

    /// Tops of a cell's lines in table coordinates.
    fn line_tops<'a>(&'a self, cell: &'a CellBox, top_aligned: bool) -> impl Iterator<Item = (f32, &'a Line)> + 'a {
        let top = self.tops[cell.row];
        let slack = (self.tops[cell.row + cell.rows] - top - 2.0 * PAD_Y - cell.content).max(0.0);
        let offset = match (top_aligned, cell.valign) {
            (true, _) | (_, VAlign::Top) => 0.0,
            (_, VAlign::Center) => slack / 2.0,
            (_, VAlign::Bottom) => slack,
        };
        cell.lines.iter().map(move |(y, line)| (top + PAD_Y + offset + y, line))
    }

    /// Whether a page whose table part starts at `y` repeats the header: the row there uses it.
    fn repeats_header(&self, y: f32) -> bool {
        let row = self.tops.iter().rposition(|&top| top <= y + EPS).unwrap_or(0);
        self.uses_header.get(row).copied().unwrap_or(false)
    }

    /// Where to cut rows taller than a page, at or above `limit`, so that every cell cut keeps at
    /// least two of its lines on each side (a lone line at the foot or head of a page says nothing
    /// on its own); `None` when no such cut leaves anything below `start` on this page.
    fn cut(&self, top_aligned: &[bool], start: f32, mut limit: f32) -> Option<f32> {
        loop {
            let seam = self.seam(top_aligned, limit);
            if seam <= start + EPS {
                return None;
            }
            let mut higher = None::<f32>;
            for (cell, &aligned) in self.cells.iter().zip(top_aligned) {
                let tops: Vec<f32> =
                    self.line_tops(cell, aligned).map(|(y, _)| y).filter(|&y| y >= start - EPS).collect();
                let above = tops.iter().filter(|&&y| y < seam - EPS).count();
                let below = tops.len() - above;
                if above == 0 || below == 0 || (above >= KEEP_LINES && below >= KEEP_LINES) {
                    continue;
                }
                // Too few above: the cell starts on the next page; too few below: more go with them.
                let moved = if above < KEEP_LINES { tops[0] } else { tops[above - (KEEP_LINES - below)] };
                higher = Some(higher.map_or(moved, |h| h.min(moved)));
            }
            match higher {
                None => return Some(seam),
                Some(y) => limit = y,
            }
        }
    }

    /// The seam for cutting rows taller than a page: the highest table y at or above
    /// `limit` that splits no line of any cell it crosses. Lines above it stay on this page,
    /// lines below start the next.
    fn seam(&self, top_aligned: &[bool], limit: f32) -> f32 {
        let mut seam = limit;
        'lower: loop {
            for (cell, &aligned) in self.cells.iter().zip(top_aligned) {
                let (top, bottom) = (self.tops[cell.row], self.tops[cell.row + cell.rows]);
                if !(top < seam - EPS && bottom > seam + EPS) {
                    continue;
                }
                for (y, line) in self.line_tops(cell, aligned) {
                    if y < seam - EPS && y + line.height > seam + EPS {
                        seam = y;
                        continue 'lower;
                    }
                }
            }
            return seam;
        }
    }
}

/// A horizontal slice of a table on one page: the lines whose tops lie in `start..end`, and
/// cell padding added above and below where the slice cuts through rows.
#[derive(Debug, Clone, Copy)]
struct Slice {
    start: f32,
    end: f32,
    pad_top: f32,
    pad_bottom: f32,
}

impl Slice {
    fn height(&self) -> f32 {
        self.end + self.pad_bottom - (self.start - self.pad_top)
    }
}

pub(crate) fn place(m: &Measured, flow: &mut Flow) {
    flow.ensure_page();
    let total = m.height();
    let header = m.tops[m.header];
    // A header taller than half a page is not worth repeating.
    let repeat = m.header > 0 && header <= flow.body_height() / 2.0;
    let header_slice = Slice { start: 0.0, end: header, pad_top: 0.0, pad_bottom: 0.0 };
    let mut top_aligned = vec![false; m.cells.len()];
    let (mut start, mut pad_top) = (0.0f32, 0.0f32);
    loop {
        let head = if repeat && start > 0.0 && m.repeats_header(start) { header } else { 0.0 };
        let limit = start - pad_top + flow.remaining() - head;
        let slice = if total <= limit + EPS {
            Slice { start, end: total, pad_top, pad_bottom: 0.0 }
        } else {
            let next = m.cuts.iter().map(|&b| m.tops[b]).find(|&t| t > start + EPS).unwrap_or(total);
            if next <= limit + EPS {
                let end = m.cuts.iter().map(|&b| m.tops[b]).filter(|&t| t <= limit + EPS).fold(next, f32::max);
                Slice { start, end, pad_top, pad_bottom: 0.0 }
            } else {
                // A row moves to the next page whole if it fits on a page of its own there.
                let fresh = flow.body_height() - head;
                if next - start + pad_top <= fresh + EPS && !flow.at_top() {
                    flow.new_page(true);
                    continue;
                }
                // Rows taller than a page: cut between lines, labels at the top of their cells.
                for (cell, aligned) in m.cells.iter().zip(top_aligned.iter_mut()) {
                    if m.tops[cell.row] < next - EPS && m.tops[cell.row + cell.rows] > start + EPS {
                        *aligned = true;
                    }
                }
                let seam = match m.cut(&top_aligned, start, limit - PAD_Y) {
                    Some(seam) if seam - start >= MIN_SPLIT / 2.0 || flow.at_top() => seam,
                    _ if !flow.at_top() => {
                        flow.new_page(true);
                        continue;
                    }
                    // At the top of a page with no cut that keeps two lines: any seam will do.
                    _ => m.seam(&top_aligned, limit - PAD_Y),
                };
                // A line taller than the page goes where it must; never stand still.
                let seam = if seam > start + EPS { seam } else { (limit - PAD_Y).max(start + 1.0) };
                Slice { start, end: seam.min(total), pad_top, pad_bottom: PAD_Y }
            }
        };
        let origin = flow.y();
        if head > 0.0 {
            draw(m, &top_aligned, flow, header_slice, origin);
        }
        draw(m, &top_aligned, flow, slice, origin + head);
        flow.advance(head + slice.height());
        if slice.end >= total - EPS {
            return;
        }
        flow.new_page(true);
        start = slice.end;
        pad_top = slice.pad_bottom;
    }
}

/// Draws a slice of the table with its top edge at page y `origin`.
fn draw(m: &Measured, top_aligned: &[bool], flow: &mut Flow, slice: Slice, origin: f32) {
    let top_edge = slice.start - slice.pad_top;
    for (cell, &aligned) in m.cells.iter().zip(top_aligned) {
        let (top, bottom) = (m.tops[cell.row], m.tops[cell.row + cell.rows]);
        if bottom <= slice.start + EPS || top >= slice.end - EPS {
            continue;
        }
        if m.borders {
            let (a, b) = (top.max(top_edge), bottom.min(slice.end + slice.pad_bottom));
            flow.frame(Frame { x: cell.x, y: origin + a - top_edge, width: cell.width, height: b - a });
        }
        for (y, line) in m.line_tops(cell, aligned) {
            if y >= slice.start - EPS && y < slice.end - EPS {
                flow.line(line, cell.x + PAD_X, origin + y - top_edge);
            }
        }
    }
}

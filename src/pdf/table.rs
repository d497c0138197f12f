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
use crate::doc::{Table, VAlign};

/// Cell margins: Word's default 0.19 cm left and right, a little air above and below.
const PAD_X: f32 = 5.4;
const PAD_Y: f32 = 1.0;
/// The least a page should hold of a row that is cut across pages; with less, the row
/// starts on the next page instead.
const MIN_SPLIT: f32 = 72.0;
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
    let total: f32 = table.widths.iter().map(|&w| w as f32).sum();
    let mut cols = vec![0.0f32];
    for &w in &table.widths {
        let share = if total > 0.0 { w as f32 / total } else { 1.0 / table.widths.len() as f32 };
        cols.push(cols[cols.len() - 1] + share * width);
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
    Ok(Measured { tops, cells, header, cuts, borders: table.borders, page: height })
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
        let head = if repeat && start > 0.0 { header } else { 0.0 };
        let limit = start - pad_top + flow.remaining() - head;
        let slice = if total <= limit + EPS {
            Slice { start, end: total, pad_top, pad_bottom: 0.0 }
        } else {
            let next = m.cuts.iter().map(|&b| m.tops[b]).find(|&t| t > start + EPS).unwrap_or(total);
            if next <= limit + EPS {
                let end = m.cuts.iter().map(|&b| m.tops[b]).filter(|&t| t <= limit + EPS).fold(next, f32::max);
                Slice { start, end, pad_top, pad_bottom: 0.0 }
            } else {
                let fresh = flow.body_height() - if repeat { header } else { 0.0 };
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
                let seam = m.seam(&top_aligned, limit - PAD_Y);
                if seam - start < MIN_SPLIT / 2.0 && !flow.at_top() {
                    flow.new_page(true);
                    continue;
                }
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

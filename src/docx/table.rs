//! Tables: a fixed grid from the relative widths, `gridSpan` for column spans, `vMerge`
//! restart/continue for row spans, header rows that repeat on every page.

use super::page::Page;
use super::paragraph::{Extra, hairline, paragraph, twips};
use super::xml::Xml;
use crate::doc::grid::{CELL_PADDING, CELL_PADDING_Y};
use crate::doc::{GridError, Paragraph, Placed, Table, VAlign};
use crate::pdf::{Metrics, PdfError};

/// A table the DOCX cannot carry.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error(transparent)]
    Grid(#[from] GridError),
    #[error("表格没有列")]
    NoColumns,
    #[error("表格没有行")]
    NoRows,
    #[error("表格各列宽度之和为 0")]
    ZeroWidth,
    #[error(transparent)]
    Layout(#[from] PdfError),
}

/// Cell margins left and right (Word's default, 0.19 cm) and above and below, as the PDF's.
const CELL_MARGIN: u32 = (CELL_PADDING * 20.0) as u32;
const CELL_MARGIN_Y: u32 = (CELL_PADDING_Y * 20.0) as u32;
/// Half a point, the line of the printed forms. The PDF strokes it on the cells' edges; Word and
/// LibreOffice give it room in each row, above the cell's top margin, which is that much smaller.
const BORDER: u32 = 10;

/// Writes `t` as one `w:tbl` (or two, see below) on `page`, each row at least as tall as the
/// PDF's and every paragraph at the PDF's line pitch.
pub(crate) fn table(x: &mut Xml, t: &Table, page: &Page, metrics: Metrics) -> Result<(), TableError> {
    let text_width = page.text_width();
    if t.widths.is_empty() {
        return Err(TableError::NoColumns);
    }
    if t.rows.is_empty() {
        return Err(TableError::NoRows);
    }
    let placed = t.place()?;
    if t.widths.iter().all(|&w| w == 0) {
        return Err(TableError::ZeroWidth);
    }
    // The grid is measured in points, as the PDF draws it.
    let grid = grid(&t.columns(text_width as f32 / 20.0), text_width);
    let heights = metrics.row_heights(t, text_width as f32 / 20.0, page.text_height() as f32 / 20.0)?;
    let layout = Layout { grid: &grid, heights: &heights, metrics };
    let mut slots = slots(&placed, t.rows.len());
    // Rows after the header's last user go in a table of their own, right below, so that Word
    // repeats the header only above rows that use it, as the PDF does (parts 二 and 四: the year
    // header is not repeated above the narratives merged across the year columns).
    let uses = t.uses_header();
    let tail = (t.header_rows > 0)
        .then(|| uses.iter().rposition(|&u| u).map_or(t.rows.len(), |last| last + 1))
        .filter(|&k| k < t.rows.len() && !placed.iter().any(|p| p.row < k && k < p.row + p.row_span));
    let rest = tail.map(|k| slots.split_off(k));
    rows(x, t, &layout, 0, slots)?;
    if let (Some(k), Some(rest)) = (tail, rest) {
        // Word joins two tables with nothing between them into one.
        hairline(x, false, None);
        rows(x, t, &layout, k, rest)?;
    }
    Ok(())
}

/// What the PDF's layout decided for a table: its column grid in twips, its row heights in points.
struct Layout<'a> {
    grid: &'a [u32],
    heights: &'a [f32],
    metrics: Metrics<'a>,
}

/// One `w:tbl` holding the rows from `first` on.
fn rows(x: &mut Xml, t: &Table, layout: &Layout, first: usize, slots: Vec<Vec<Slot>>) -> Result<(), TableError> {
    let grid = layout.grid;
    x.open("w:tbl", &[]);
    properties(x, t.borders, grid.iter().sum());
    x.open("w:tblGrid", &[]);
    for w in grid {
        x.empty("w:gridCol", &[("w:w", w)]);
    }
    x.close();
    for (r, slots) in slots.into_iter().enumerate().map(|(i, s)| (first + i, s)) {
        let row = &t.rows[r];
        x.open("w:tr", &[]);
        let header = r < t.header_rows;
        // Rows tied by a row span stay on one page, as in the PDF: each keeps with the next.
        let tied = slots.iter().any(|s| s.at.row + s.at.row_span > r + 1);
        // As Word writes them: cantSplit, trHeight, tblHeader. A row breaks across pages only
        // when it is taller than a page, as the PDF's rows do, and is never shorter than there.
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        let height = layout.heights.get(r).copied().unwrap_or(row.min_height).max(row.min_height);
        let border = if t.borders { BORDER } else { 0 };
        if height > 0.0 {
            x.empty("w:trHeight", &[("w:val", &twips(height).saturating_sub(border)), ("w:hRule", &"atLeast")]);
        }
        if header {
            x.empty("w:tblHeader", &[]);
        }
        x.close();
        for slot in slots {
            cell(x, t, layout, &slot, header || tied)?;
        }
        x.close();
    }
    x.close();
    Ok(())
}

/// One `w:tc`: `w:tcPr` in the order of `CT_TcPr` (tcW, gridSpan, vMerge, vAlign), then its
/// paragraphs; those of a row that must not end a page (a header, a row tied to the next by a
/// span) are kept with the next row.
fn cell(x: &mut Xml, t: &Table, layout: &Layout, slot: &Slot, keep: bool) -> Result<(), TableError> {
    let at = slot.at;
    let grid = layout.grid;
    // `place` put every cell on the grid of this very table: the indices hold.
    let cell = &t.rows[at.row].cells[at.index];
    let width: u32 = grid[at.col..at.col + at.col_span].iter().sum();
    x.open("w:tc", &[]);
    x.open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", &width), ("w:type", &"dxa")]);
    if at.col_span > 1 {
        x.empty("w:gridSpan", &[("w:val", &at.col_span)]);
    }
    if slot.continuation {
        x.empty("w:vMerge", &[("w:val", &"continue")]);
    } else if at.row_span > 1 {
        x.empty("w:vMerge", &[("w:val", &"restart")]);
    }
    x.empty("w:vAlign", &[("w:val", &valign(cell.valign))]);
    x.close();
    if slot.continuation || cell.paragraphs.is_empty() {
        // Word rejects a cell without a paragraph; an empty one in the merged cell's style
        // does not change the row height.
        let style = cell.paragraphs.first().map(|p| p.style).unwrap_or_default();
        let p = Paragraph { style, ..Paragraph::default() };
        paragraph(x, &p, Extra { keep_with_next: keep, ..Extra::default() });
    } else {
        let inner = width.saturating_sub(2 * CELL_MARGIN);
        for p in &cell.paragraphs {
            let pitch = Some(layout.metrics.line_pitch(p, inner as f32 / 20.0)?);
            paragraph(x, p, Extra { keep_with_next: keep, width: inner, pitch, ..Extra::default() });
        }
    }
    x.close();
    Ok(())
}

/// `w:tblPr` in the order of `CT_TblPrBase`: tblW, jc, tblBorders, tblLayout, tblCellMar.
fn properties(x: &mut Xml, borders: bool, width: u32) {
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &width), ("w:type", &"dxa")]);
    x.empty("w:jc", &[("w:val", &"center")]);
    x.open("w:tblBorders", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
        if borders {
            // In eighths of a point.
            x.empty(side, &[("w:val", &"single"), ("w:sz", &(BORDER * 8 / 20)), ("w:space", &0), ("w:color", &"auto")]);
        } else {
            x.empty(side, &[("w:val", &"nil")]);
        }
    }
    x.close();
    x.empty("w:tblLayout", &[("w:type", &"fixed")]);
    x.open("w:tblCellMar", &[]);
    let top = CELL_MARGIN_Y - if borders { BORDER } else { 0 };
    for (side, w) in [("w:top", top), ("w:left", CELL_MARGIN), ("w:bottom", CELL_MARGIN_Y), ("w:right", CELL_MARGIN)] {
        x.empty(side, &[("w:w", &w), ("w:type", &"dxa")]);
    }
    x.close();
    x.close();
}

/// Column widths in twips: `columns` (in any unit) scaled to `total` and rounded so that they
/// add up to exactly `total`.
pub(crate) fn grid(columns: &[f32], total: u32) -> Vec<u32> {
    let sum: f32 = columns.iter().sum();
    let mut cumulative = 0.0f32;
    let mut edge = 0u32;
    columns
        .iter()
        .map(|&w| {
            cumulative += w;
            // `as` saturates: nothing here can exceed `total`.
            let next = ((cumulative / sum * total as f32).round() as u32).min(total);
            let width = next - edge.min(next);
            edge = next;
            width
        })
        .collect()
}

/// One `w:tc` of a row: a cell of the model, or the continuation of a cell merged from above.
struct Slot<'a> {
    at: &'a Placed,
    continuation: bool,
}

/// The cells of each row from left to right, with a continuation cell wherever a row span
/// from above covers the row (the model leaves those positions out, as HTML does).
fn slots(placed: &[Placed], rows: usize) -> Vec<Vec<Slot<'_>>> {
    let mut slots: Vec<Vec<Slot>> = (0..rows).map(|_| Vec::new()).collect();
    for p in placed {
        for (r, row) in slots.iter_mut().enumerate().skip(p.row).take(p.row_span) {
            row.push(Slot { at: p, continuation: r != p.row });
        }
    }
    for row in &mut slots {
        row.sort_by_key(|s| s.at.col);
    }
    slots
}

fn valign(v: VAlign) -> &'static str {
    match v {
        VAlign::Top => "top",
        VAlign::Center => "center",
        VAlign::Bottom => "bottom",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fills_the_width_exactly() {
        let g = grid(&[30.0, 20.0, 30.0, 20.0], 8845);
        assert_eq!(g.iter().sum::<u32>(), 8845);
        assert_eq!(g, vec![2654, 1769, 2653, 1769]);
        assert_eq!(grid(&[1.0, 1.0, 1.0], 10).iter().sum::<u32>(), 10);
    }
}

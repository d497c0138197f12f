//! Tables: a fixed grid from the relative widths, `gridSpan` for column spans, `vMerge`
//! restart/continue for row spans, header rows that repeat on every page.

use super::paragraph::{Extra, paragraph, twips};
use super::xml::Xml;
use crate::doc::{GridError, Paragraph, Placed, Table, VAlign};

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
}

/// Cell margins left and right (Word's default, 0.19 cm); none above and below.
const CELL_MARGIN: u32 = 108;

pub(crate) fn table(x: &mut Xml, t: &Table, text_width: u32) -> Result<(), TableError> {
    if t.widths.is_empty() {
        return Err(TableError::NoColumns);
    }
    if t.rows.is_empty() {
        return Err(TableError::NoRows);
    }
    let placed = t.place()?;
    let grid = grid(&t.widths, text_width).ok_or(TableError::ZeroWidth)?;

    x.open("w:tbl", &[]);
    properties(x, t.borders, grid.iter().sum());
    x.open("w:tblGrid", &[]);
    for w in &grid {
        x.empty("w:gridCol", &[("w:w", w)]);
    }
    x.close();
    for (r, (row, slots)) in t.rows.iter().zip(slots(&placed, t.rows.len())).enumerate() {
        x.open("w:tr", &[]);
        let header = r < t.header_rows;
        if row.min_height > 0.0 || header {
            // CT_TrPrBase order as Word writes it: trHeight, tblHeader.
            x.open("w:trPr", &[]);
            if row.min_height > 0.0 {
                x.empty("w:trHeight", &[("w:val", &twips(row.min_height)), ("w:hRule", &"atLeast")]);
            }
            if header {
                x.empty("w:tblHeader", &[]);
            }
            x.close();
        }
        for slot in slots {
            cell(x, t, &grid, &slot);
        }
        x.close();
    }
    x.close();
    Ok(())
}

/// One `w:tc`: `w:tcPr` in the order of `CT_TcPr` (tcW, gridSpan, vMerge, vAlign), then its
/// paragraphs.
fn cell(x: &mut Xml, t: &Table, grid: &[u32], slot: &Slot) {
    let at = slot.at;
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
        paragraph(x, &Paragraph { style, ..Paragraph::default() }, Extra::default());
    } else {
        for p in &cell.paragraphs {
            paragraph(x, p, Extra::default());
        }
    }
    x.close();
}

/// `w:tblPr` in the order of `CT_TblPrBase`: tblW, jc, tblBorders, tblLayout, tblCellMar.
fn properties(x: &mut Xml, borders: bool, width: u32) {
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &width), ("w:type", &"dxa")]);
    x.empty("w:jc", &[("w:val", &"center")]);
    x.open("w:tblBorders", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
        if borders {
            // Half a point, the line of the printed forms.
            x.empty(side, &[("w:val", &"single"), ("w:sz", &4), ("w:space", &0), ("w:color", &"auto")]);
        } else {
            x.empty(side, &[("w:val", &"nil")]);
        }
    }
    x.close();
    x.empty("w:tblLayout", &[("w:type", &"fixed")]);
    x.open("w:tblCellMar", &[]);
    for (side, w) in [("w:top", 0), ("w:left", CELL_MARGIN), ("w:bottom", 0), ("w:right", CELL_MARGIN)] {
        x.empty(side, &[("w:w", &w), ("w:type", &"dxa")]);
    }
    x.close();
    x.close();
}

/// Column widths in twips: the relative widths scaled to `total`, rounded so that they add
/// up to exactly `total`. `None` when the widths add up to nothing.
pub(crate) fn grid(widths: &[u32], total: u32) -> Option<Vec<u32>> {
    let sum: u64 = widths.iter().map(|&w| u64::from(w)).sum();
    if sum == 0 {
        return None;
    }
    let mut cumulative = 0u64;
    let mut edge = 0u64;
    Some(
        widths
            .iter()
            .map(|&w| {
                cumulative += u64::from(w);
                let next = (cumulative * u64::from(total) + sum / 2) / sum;
                let width = next - edge;
                edge = next;
                // Bounded by `total`, a u32.
                width as u32
            })
            .collect(),
    )
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
        let g = grid(&[30, 20, 30, 20], 8845).unwrap();
        assert_eq!(g.iter().sum::<u32>(), 8845);
        assert_eq!(g, vec![2654, 1769, 2653, 1769]);
        assert_eq!(grid(&[1, 1, 1], 10).unwrap().iter().sum::<u32>(), 10);
        assert!(grid(&[0, 0], 100).is_none());
    }
}

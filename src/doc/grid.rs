//! The column grid of a table, the one both back ends draw: the template's proportions, each
//! column widened to the longest line of its header cells, and for a table that fits its content
//! (`fit_content`), width moved to the columns whose cells hold the most.
//!
//! A header cell breaks only where its template breaks it (`2022 年<br/>基准值`), never inside a
//! word: its column is given at least its longest line. Widths are measured without fonts, as the
//! DOCX writer must (Word lays the text out itself): a full-width character is one em, any other
//! a generous half, and a margin covers the space fonts put between Chinese and Latin text.

use unicode_width::UnicodeWidthChar;

use super::{Inline, Table};

/// Cell margins left and right, in points: Word's default 0.19 cm, which both back ends use.
pub const CELL_PADDING: f32 = 5.4;
/// Cell margins above and below, in points: a little air between a line and a border.
pub const CELL_PADDING_Y: f32 = 1.0;
/// Room beyond the measured line, in em: Latin letters wider than half an em, the space between
/// Chinese and Latin text, a viewer's rounding.
const SLACK: f32 = 0.6;

impl Table {
    /// Column widths in points for a table `total` points wide.
    pub fn columns(&self, total: f32) -> Vec<f32> {
        let sum: f32 = self.widths.iter().map(|&w| w as f32).sum();
        let count = self.widths.len().max(1) as f32;
        let mut widths: Vec<f32> =
            self.widths.iter().map(|&w| if sum > 0.0 { w as f32 / sum * total } else { total / count }).collect();
        let least = self.header_minimums();
        let needed: f32 = widths.iter().zip(&least).map(|(w, m)| (m - w).max(0.0)).sum();
        // Taken from the columns with room to spare, in proportion to it.
        let spare: f32 = widths.iter().zip(&least).map(|(w, m)| (w - m).max(0.0)).sum();
        if needed > 0.0 && spare > needed {
            for (w, m) in widths.iter_mut().zip(&least) {
                *w = if *w < *m { *m } else { *w - (*w - m) / spare * needed };
            }
        }
        if self.fit_content {
            balance(&mut widths, &least, &self.body_cells());
        }
        widths
    }

    /// The body's single-column cells as (row, column, em length of the text, size in points).
    fn body_cells(&self) -> Vec<(usize, usize, f32, f32)> {
        let Ok(placed) = self.place() else { return Vec::new() };
        placed
            .iter()
            .filter(|p| p.row >= self.header_rows && p.col_span == 1)
            .map(|p| {
                let cell = &self.rows[p.row].cells[p.index];
                let size = cell.paragraphs.first().map_or(12.0, |para| para.style.size.points());
                let length: f32 = cell.paragraphs.iter().flat_map(|para| line_widths(&para.inlines)).sum();
                (p.row, p.col, length / size, size)
            })
            .collect()
    }

    /// For each row, whether it uses the header: whether its cells part the columns wherever the
    /// header's last row parts them. Rows merged across the header's columns (a narrative under a
    /// year header) do not, and the header is repeated only above rows that do.
    pub fn uses_header(&self) -> Vec<bool> {
        let rows = self.rows.len();
        let Ok(placed) = self.place() else { return vec![true; rows] };
        let edges = |row: usize| -> Vec<usize> {
            placed.iter().filter(|p| p.row <= row && row < p.row + p.row_span).map(|p| p.col).collect()
        };
        let Some(last) = self.header_rows.min(rows).checked_sub(1) else { return vec![false; rows] };
        let header = edges(last);
        (0..rows).map(|r| r <= last || header.iter().all(|c| edges(r).contains(c))).collect()
    }

    /// Per column, the width its header cells need to keep each of their lines whole.
    fn header_minimums(&self) -> Vec<f32> {
        let mut least = vec![0.0f32; self.widths.len()];
        let Ok(placed) = self.place() else { return least };
        for p in placed.iter().filter(|p| p.row < self.header_rows && p.col_span == 1) {
            let cell = &self.rows[p.row].cells[p.index];
            let longest = cell.paragraphs.iter().flat_map(|para| line_widths(&para.inlines)).fold(0.0, f32::max);
            least[p.col] = least[p.col].max(longest + 2.0 * CELL_PADDING);
        }
        least
    }
}

/// Moves width, a step at a time, from columns that wait for others to the column that makes
/// its rows tallest, while the table gets shorter; no column falls below its header's need or
/// half its share. Heights are estimated from the text's length, as `line_widths` measures it.
fn balance(widths: &mut [f32], least: &[f32], cells: &[(usize, usize, f32, f32)]) {
    let floor: Vec<f32> = widths.iter().zip(least).map(|(w, m)| m.max(w / 2.0)).collect();
    let height = |widths: &[f32]| -> f32 {
        let mut rows: Vec<f32> = Vec::new();
        for &(row, col, length, size) in cells {
            let per_line = ((widths[col] - 2.0 * CELL_PADDING) / size).max(1.0);
            // Fractional lines: a step that does not yet save a whole line still counts.
            let lines = (length / per_line).max(1.0);
            if rows.len() <= row {
                rows.resize(row + 1, 0.0);
            }
            rows[row] = rows[row].max(lines * size);
        }
        rows.iter().sum()
    };
    let step = widths.iter().sum::<f32>() / 100.0;
    let mut best = height(widths);
    for _ in 0..200 {
        let mut choice = None;
        for from in 0..widths.len() {
            for to in (0..widths.len()).filter(|&to| to != from && widths[from] - step >= floor[from]) {
                let mut trial = widths.to_vec();
                trial[from] -= step;
                trial[to] += step;
                let h = height(&trial);
                if h < best - 0.01 {
                    best = h;
                    choice = Some(trial);
                }
            }
        }
        match choice {
            Some(better) => widths.copy_from_slice(&better),
            None => return,
        }
    }
}

/// The width in points of each line of a paragraph's inlines, lines ending at line breaks.
fn line_widths(inlines: &[Inline]) -> Vec<f32> {
    // (width, largest size) of each line.
    let mut lines = vec![(0.0f32, 0.0f32)];
    for inline in inlines {
        let size = match inline {
            Inline::Text(run) => run.style.size,
            Inline::Check(check) => check.style.size,
            Inline::Blank(blank) => blank.style.size,
            Inline::LineBreak => {
                lines.push((0.0, 0.0));
                continue;
            }
            // Tabs and leaders have no width of their own.
            Inline::Tab | Inline::Leader => continue,
        }
        .points();
        for ch in inline.text().chars() {
            if ch == '\n' {
                lines.push((0.0, 0.0));
                continue;
            }
            let last = lines.len() - 1;
            lines[last].0 += em(ch) * size;
            lines[last].1 = lines[last].1.max(size);
        }
    }
    lines.into_iter().filter(|&(w, _)| w > 0.0).map(|(w, size)| w + SLACK * size).collect()
}

/// A character's advance in em, as the forms' fonts set it or a little more.
fn em(ch: char) -> f32 {
    match ch.width() {
        Some(2) => 1.0,
        Some(0) | None => 0.0,
        _ if ch == ' ' => 0.3,
        _ => 0.55,
    }
}

#[cfg(test)]
mod tests {
    use crate::render::markup;

    use super::super::{Block, Table};

    fn table(xml: &str) -> Table {
        let doc = markup::parse("t", &format!("<document><section>{xml}</section></document>")).unwrap();
        match doc.sections.into_iter().next().unwrap().blocks.into_iter().next().unwrap() {
            Block::Table(t) => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_fitted_table_widens_the_column_that_holds_the_most() {
        let remark = "集群运营管理机构因开发区整合发生变化".repeat(8);
        let xml = |fit| {
            format!(
                r#"<table widths="10,60,10,20" header="1" fit="{fit}"><tr><td>序号</td><td>简介</td><td>意见</td><td>备注</td></tr><tr><td>1</td><td>{}</td><td>同意</td><td>{remark}</td></tr></table>"#,
                "集群".repeat(40)
            )
        };
        let fixed = table(&xml(false)).columns(600.0);
        assert!((fixed[3] - 120.0).abs() < 1e-3, "{fixed:?}");
        let fitted = table(&xml(true)).columns(600.0);
        assert!(fitted[3] > 180.0 && fitted[1] < 360.0, "{fitted:?}");
        assert!(fitted[0] >= 30.0 && fitted[2] >= 30.0, "{fitted:?}");
        assert!((fitted.iter().sum::<f32>() - 600.0).abs() < 1e-2, "{fitted:?}");
    }

    #[test]
    fn rows_merged_across_the_header_columns_do_not_use_it() {
        let t = table(
            r#"<table widths="40,20,20,20" header="1"><tr><td>年度</td><td>2023 年</td><td>2024 年</td><td>2025 年</td></tr><tr><td>产值</td><td>1</td><td>2</td><td>3</td></tr><tr><td>情况</td><td colspan="3">文字</td></tr></table>"#,
        );
        assert_eq!(t.uses_header(), [true, true, false]);
    }

    #[test]
    fn proportions_hold_when_the_headers_fit() {
        let t = table(r#"<table widths="30,70" header="1"><tr><td>方向</td><td>指标</td></tr></table>"#);
        let cols = t.columns(400.0);
        assert!((cols[0] - 120.0).abs() < 1e-3 && (cols[1] - 280.0).abs() < 1e-3, "{cols:?}");
    }

    #[test]
    fn a_header_column_gets_its_longest_line_from_the_others() {
        let t = table(
            r#"<table widths="10,75,15" header="1" size="小四"><tr><td>方向</td><td>指标</td><td>2022 年<br/>基准值</td></tr><tr><td>一</td><td>二</td><td>三</td></tr></table>"#,
        );
        let cols = t.columns(300.0);
        // 方向: two characters of 12 pt, the slack and the cell margins.
        assert!((cols[0] - 42.0).abs() < 1e-3, "{cols:?}");
        // "2022 年", the longer line of the third header: 3.5 em.
        assert!((cols[2] - 60.0).abs() < 1e-3, "{cols:?}");
        assert!((cols.iter().sum::<f32>() - 300.0).abs() < 1e-3, "{cols:?}");
        // Body rows set no minimum.
        let body = table(r#"<table widths="10,90"><tr><td>集群运营管理机构</td><td>二</td></tr></table>"#);
        assert!((body.columns(300.0)[0] - 30.0).abs() < 1e-3);
    }
}

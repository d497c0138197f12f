//! The document model: the few things the official forms are made of.
//!
//! Templates produce it (through the markup in `render::markup`), and it is the single input
//! of both back ends, DOCX and PDF. Nothing form-specific lives below this type: a back end
//! only knows how to draw paragraphs, tables, checkboxes and blanks on an A4 page, the GB/T 9704
//! page of [`page`].

pub mod grid;
pub mod page;

use std::fmt;

/// One output document (a form, a volume cover, a 目录, a list).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub meta: Meta,
    /// Each section starts on a new page and has its own orientation and numbering.
    pub sections: Vec<Section>,
}

/// Document properties carried into DOCX core properties and the PDF info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    /// The office that submits it (县级中小企业主管部门 or 市工信局).
    pub author: String,
    /// The data's 申报时间, used as creation date so builds are reproducible (none: no date).
    pub date: Option<Date>,
    /// A draft carries a visible 草稿 mark on every page.
    pub draft: bool,
}

/// A calendar day, as the data gives it (the renderer takes it from the typed data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// `2026-05-08`
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub orientation: Orientation,
    /// Whether pages carry the GB/T 9704 page number "— N —" (covers do not). Numbering
    /// starts at 1 on the first numbered page of the document and runs on across sections.
    pub page_numbers: bool,
    /// Starts on a right-hand (odd) page when printed 双面: the page before it is left blank
    /// if needed (a cover's back, so that page 1 of the form is a front page).
    pub odd_start: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    /// Continue on a new page within the same section.
    PageBreak,
}

/// The five font roles of Chinese official documents; each back end maps a role to font
/// names (DOCX) or font files (PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum FontRole {
    /// 宋体
    #[default]
    Song,
    /// 仿宋 (仿宋_GB2312), body text of official documents
    FangSong,
    /// 黑体, first-level headings
    Hei,
    /// 楷体 (楷体_GB2312), second-level headings
    Kai,
    /// 小标宋 (方正小标宋简体), titles
    XiaoBiaoSong,
}

impl FontRole {
    pub const ALL: [FontRole; 5] =
        [FontRole::Song, FontRole::FangSong, FontRole::Hei, FontRole::Kai, FontRole::XiaoBiaoSong];
}

/// Whether a character is set in the Latin font (Times New Roman) rather than in its role's
/// Chinese font. Word decides by code point: Basic Latin, and Latin-1 but for the
/// signs it gives the East Asian font of a run hinted `eastAsia` (· × ÷ ° § and the like) and
/// the pinyin vowels of Chinese text (MS-OI29500 2.1.88, on ECMA-376 §17.3.2.26).
pub fn is_latin(ch: char) -> bool {
    match u32::from(ch) {
        0x00..=0x7F => true,
        0xA1 | 0xA4 | 0xA7 | 0xA8 | 0xAA | 0xAD | 0xAF | 0xB0..=0xB4 | 0xB6..=0xBA | 0xBC..=0xBF | 0xD7 | 0xF7 => false,
        0xE0 | 0xE1 | 0xE8..=0xEA | 0xEC | 0xED | 0xF2 | 0xF3 | 0xF9 | 0xFA | 0xFC => false,
        0xA0..=0xFF => true,
        _ => false,
    }
}

/// A font size in half points (DOCX's own unit): 三号 = 16 pt = 32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Size(pub u16);

impl Size {
    /// The traditional Chinese size names and their point sizes.
    pub const NAMED: [(&'static str, Size); 16] = [
        ("初号", Size(84)),
        ("小初", Size(72)),
        ("一号", Size(52)),
        ("小一", Size(48)),
        ("二号", Size(44)),
        ("小二", Size(36)),
        ("三号", Size(32)),
        ("小三", Size(30)),
        ("四号", Size(28)),
        ("小四", Size(24)),
        ("五号", Size(21)),
        ("小五", Size(18)),
        ("六号", Size(15)),
        ("小六", Size(13)),
        ("七号", Size(11)),
        ("八号", Size(10)),
    ];
    pub const SAN_HAO: Size = Size(32);
    pub const SI_HAO: Size = Size(28);
    pub const XIAO_SI: Size = Size(24);
    pub const WU_HAO: Size = Size(21);

    pub fn from_name(name: &str) -> Option<Size> {
        Size::NAMED.iter().find(|(n, _)| *n == name).map(|&(_, s)| s)
    }

    pub fn points(self) -> f32 {
        f32::from(self.0) / 2.0
    }
}

impl Default for Size {
    fn default() -> Self {
        Size::XIAO_SI
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub font: FontRole,
    pub size: Size,
    pub bold: bool,
    pub underline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    /// Both edges flush; the last line of a paragraph stays left.
    Justify,
}

/// Line pitch of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum LineSpacing {
    /// Single spacing from the font's own metrics.
    #[default]
    Single,
    /// A multiple of single spacing (1.5 = 一倍半).
    Multiple(f32),
    /// An exact pitch in points (GB/T 9704 body text: 28.95 pt, 22 lines a page).
    Exact(f32),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    pub align: Align,
    /// First-line indent in characters of the paragraph's size (2 = 首行缩进两字).
    pub indent_chars: u8,
    /// Where the lines after the first start, in characters of the paragraph's size (悬挂缩进:
    /// a wrapped 目录 title goes on under the title, not under its number).
    pub hanging_chars: f32,
    /// Points of space above and below.
    pub space_before: f32,
    pub space_after: f32,
    pub spacing: LineSpacing,
    /// Keep on the same page as the next block (headings).
    pub keep_with_next: bool,
    /// Heading level for the outline (DOCX outline level, PDF bookmarks); body text is `None`.
    pub heading: Option<u8>,
    /// The style of the paragraph mark and of an empty paragraph's line height.
    pub style: Style,
    pub inlines: Vec<Inline>,
}

impl Paragraph {
    /// The paragraph's visible text, as a reader would copy it (☐/☑ included).
    pub fn text(&self) -> String {
        self.inlines.iter().map(Inline::text).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(Run),
    /// A checkbox with its label: "☑ 第二产业".
    Check(Check),
    /// A fill-in line: the value underlined, at least `min_chars` wide ("集群名称：______").
    Blank(Blank),
    /// A line break inside the paragraph.
    LineBreak,
    /// On the first line, the pen moves on to where the following lines start (the hanging
    /// indent): the title after a 目录 number. Elsewhere a space.
    Tab,
    /// Dots (……) from here to the right edge, the rest of the line set against that edge: the
    /// page number of a 目录 line.
    Leader,
}

impl Inline {
    pub fn text(&self) -> String {
        match self {
            Inline::Text(run) => run.text.clone(),
            Inline::Check(check) => format!("{}{}", check.mark(), check.label),
            Inline::Blank(blank) => blank.text.clone(),
            Inline::LineBreak => "\n".to_owned(),
            Inline::Tab => "\t".to_owned(),
            Inline::Leader => "…".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub checked: bool,
    pub label: String,
    pub style: Style,
}

impl Check {
    pub const CHECKED: char = '☑';
    pub const UNCHECKED: char = '☐';

    pub fn mark(&self) -> char {
        if self.checked { Check::CHECKED } else { Check::UNCHECKED }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Blank {
    pub text: String,
    /// Minimum width of the underline, in characters of the run's size.
    pub min_chars: u8,
    pub style: Style,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths; a back end scales them to the text width of the page.
    pub widths: Vec<u32>,
    /// The first `header_rows` rows repeat at the top of every page the table runs onto.
    pub header_rows: usize,
    /// Draw cell borders (the forms' tables) or not (layout-only tables).
    pub borders: bool,
    /// Widths follow what the cells hold as well as `widths` (the summary tables, whose 备注 may
    /// be long); otherwise they are the form's own, as 不得改变表格样式 demands.
    pub fit_content: bool,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// Minimum row height in points (a cell for a long narrative is given room).
    pub min_height: f32,
    /// Cells of this row. A cell spanning rows (`row_span` > 1) is written once, in its top
    /// row; the rows below it simply leave out the positions it covers, as in HTML.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    Top,
    #[default]
    Center,
    Bottom,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub col_span: usize,
    pub row_span: usize,
    pub valign: VAlign,
    /// A cell always holds at least one paragraph (Word requires it).
    pub paragraphs: Vec<Paragraph>,
}

impl Cell {
    pub fn text(&self) -> String {
        self.paragraphs.iter().map(Paragraph::text).collect::<Vec<_>>().join("\n")
    }
}

/// Where each cell of a table sits on the column grid, rows and row spans resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub row: usize,
    /// Index of the cell within `rows[row].cells`.
    pub index: usize,
    pub col: usize,
    pub col_span: usize,
    pub row_span: usize,
}

/// A table whose cells do not tile its column grid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("表格第 {row} 行：{problem}")]
pub struct GridError {
    pub row: usize,
    pub problem: String,
}

impl Table {
    /// Places every cell on the grid, checking that each row is exactly covered: the shared
    /// geometry both back ends (DOCX vMerge, PDF row spans) build on.
    pub fn place(&self) -> Result<Vec<Placed>, GridError> {
        let columns = self.widths.len();
        // For each column, the number of rows still covered by a row span from above.
        let mut covered = vec![0usize; columns];
        let mut placed = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let mut col = 0;
            let mut cells = row.cells.iter().enumerate();
            let mut next = cells.next();
            while col < columns {
                if covered[col] > 0 {
                    covered[col] -= 1;
                    col += 1;
                    continue;
                }
                let Some((index, cell)) = next else {
                    return Err(GridError { row: r + 1, problem: format!("第 {} 列没有单元格", col + 1) });
                };
                let span = cell.col_span.max(1);
                if col + span > columns || covered[col..col + span].iter().any(|&c| c > 0) {
                    return Err(GridError {
                        row: r + 1,
                        problem: format!("第 {} 个单元格超出了 {} 列的表格网格", index + 1, columns),
                    });
                }
                let row_span = cell.row_span.max(1);
                if r + row_span > self.rows.len() {
                    return Err(GridError {
                        row: r + 1,
                        problem: format!("第 {} 个单元格跨行超出表格末尾", index + 1),
                    });
                }
                for c in &mut covered[col..col + span] {
                    *c = row_span - 1;
                }
                placed.push(Placed { row: r, index, col, col_span: span, row_span });
                col += span;
                next = cells.next();
            }
            if let Some((index, _)) = next {
                return Err(GridError {
                    row: r + 1,
                    problem: format!("第 {} 个单元格多于 {} 列的表格网格", index + 1, columns),
                });
            }
        }
        Ok(placed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col_span: usize, row_span: usize) -> Cell {
        Cell { col_span, row_span, valign: VAlign::Center, paragraphs: vec![Paragraph::default()] }
    }

    fn table(widths: usize, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            widths: vec![1; widths],
            header_rows: 0,
            borders: true,
            fit_content: false,
            rows: rows.into_iter().map(|cells| Row { min_height: 0.0, cells }).collect(),
        }
    }

    #[test]
    fn row_spans_leave_their_columns_out_of_the_rows_below() {
        let t = table(3, vec![vec![cell(1, 2), cell(2, 1)], vec![cell(1, 1), cell(1, 1)]]);
        let placed = t.place().unwrap();
        let cols: Vec<_> = placed.iter().map(|p| (p.row, p.col)).collect();
        assert_eq!(cols, vec![(0, 0), (0, 1), (1, 1), (1, 2)]);
    }

    #[test]
    fn a_row_with_too_many_or_too_few_cells_is_an_error() {
        assert!(table(2, vec![vec![cell(1, 1), cell(2, 1)]]).place().is_err());
        assert!(table(2, vec![vec![cell(1, 1)]]).place().is_err());
        assert!(table(2, vec![vec![cell(1, 3), cell(1, 1)]]).place().is_err());
    }
}

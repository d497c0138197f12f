//! A workbook as dossier reads it: each sheet a grid of cells counted from A1, merged cells
//! holding their value in every cell they cover, formulas as the value last computed. `.xlsx`,
//! `.xls` and `.ods` go through calamine; `.csv` is read as UTF-8 or, failing that, as GBK
//! (what Excel on a Chinese Windows saves).

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Dimensions, Ods, Range, Reader, SheetType, Xls, Xlsx};

use crate::load::diagnostic::io_message;
use crate::model::Date;

/// A workbook that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    #[error("无法读取 {}：{}", path.display(), io_message(source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} 设置了打开密码，dossier 无法读取：请在 Excel 或 WPS 中取消密码后保存", path.display())]
    Encrypted { path: PathBuf },
    #[error("{} 是 WPS 表格自有的 .et 格式：请在 WPS 中“另存为” Excel 工作簿（.xlsx）", path.display())]
    Et { path: PathBuf },
    #[error("{} 实际是网页（HTML），不是 Excel 表格：请在 Excel 或 WPS 中打开，另存为 Excel 工作簿（.xlsx）", path.display())]
    Html { path: PathBuf },
    #[error("{} 不是 dossier 能读取的表格：请使用 .xlsx、.xls、.ods 或 .csv 文件", path.display())]
    Format { path: PathBuf },
    #[error("{} 已损坏，或不是有效的 {kind} 文件：请在 Excel 或 WPS 中打开后另存为 Excel 工作簿（.xlsx）", path.display())]
    Corrupt { path: PathBuf, kind: &'static str },
    #[error("{} 既不是 UTF-8 也不是 GBK 编码的文本：请在 Excel 或 WPS 中另存为 Excel 工作簿（.xlsx）", path.display())]
    Encoding { path: PathBuf },
}

/// One cell's content, as the file stores it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell, with the serial number behind it (a year typed into a cell formatted as a
    /// date shows as a day of 1905, its serial being the year).
    Date(Date, f64),
    /// An error value such as `#REF!`.
    Error(String),
    /// A formula whose result was never saved (a file written by a program, not by Excel).
    Uncomputed(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: its name and its cells, row by row from A1 (0-based), trailing empty cells of
/// each row left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    pub name: String,
    rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn new(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Grid {
        Grid { name: name.into(), rows }
    }

    pub fn get(&self, row: u32, column: u32) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows.get(row as usize).and_then(|r| r.get(column as usize)).unwrap_or(&EMPTY)
    }

    /// The number of rows, up to the last one holding anything.
    pub fn height(&self) -> u32 {
        self.rows.iter().rposition(|r| r.iter().any(|c| !c.is_empty())).map_or(0, |i| i as u32 + 1)
    }

    /// The number of columns of row `row`, up to its last cell.
    pub fn width(&self, row: u32) -> u32 {
        self.rows.get(row as usize).map_or(0, |r| r.len() as u32)
    }

    pub fn is_empty(&self) -> bool {
        self.height() == 0
    }

    /// Gives every cell of each merged region the value of its first cell. Regions running
    /// past the last row that holds anything of its own stop there.
    fn fill_merged(&mut self, regions: &[Dimensions]) {
        let height = self.height();
        for region in regions {
            let value = self.get(region.start.0, region.start.1).clone();
            if value.is_empty() {
                continue;
            }
            for row in region.start.0..=region.end.0.min(height.saturating_sub(1)) {
                for column in region.start.1..=region.end.1 {
                    if (row, column) != region.start && self.get(row, column).is_empty() {
                        self.set(row, column, value.clone());
                    }
                }
            }
        }
    }

    fn set(&mut self, row: u32, column: u32, cell: Cell) {
        let (row, column) = (row as usize, column as usize);
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = cell;
    }
}

/// The sheets of a workbook, in the workbook's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Book {
    pub sheets: Vec<Grid>,
    /// A CSV file: one sheet, which has no name of its own.
    pub csv: bool,
}

/// Reads a workbook or a CSV file; the format comes from the content, the extension only
/// tells the zip formats apart and names what a file pretends to be.
pub fn read(path: &Path) -> Result<Book, BookError> {
    let bytes = std::fs::read(path).map_err(|source| BookError::Io { path: path.to_owned(), source })?;
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let corrupt = |kind| BookError::Corrupt { path: path.to_owned(), kind };
    if extension == "et" {
        return Err(BookError::Et { path: path.to_owned() });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // An ODS file names itself in its first, uncompressed entry.
        let is_ods = extension == "ods" || bytes.get(38..38 + ODS_MIMETYPE.len()) == Some(ODS_MIMETYPE);
        return if is_ods {
            let merges = ods_merges(&bytes);
            let ods = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
                calamine::OdsError::Password => BookError::Encrypted { path: path.to_owned() },
                _ => corrupt("ODS"),
            })?;
            sheets(ods, |_, name| Some(merges.get(name).cloned().unwrap_or_default())).ok_or_else(|| corrupt("ODS"))
        } else {
            let xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|_| corrupt("Excel（.xlsx）"))?;
            sheets(xlsx, |book, name| book.merge_cells_by_sheet_name(name).ok())
                .ok_or_else(|| corrupt("Excel（.xlsx）"))
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An encrypted .xlsx is an OLE container like a .xls.
        if extension != "xls" {
            return Err(BookError::Encrypted { path: path.to_owned() });
        }
        let xls = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
            calamine::XlsError::Password => BookError::Encrypted { path: path.to_owned() },
            _ => corrupt("Excel 97-2003（.xls）"),
        })?;
        return sheets(xls, |book, name| book.merge_cells_by_sheet_name(name).ok())
            .ok_or_else(|| corrupt("Excel 97-2003（.xls）"));
    }
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).map_or(&bytes[..0], |i| &bytes[i..]);
    if start.starts_with(b"<") {
        return Err(BookError::Html { path: path.to_owned() });
    }
    if extension == "csv" || extension == "txt" {
        return csv(path, &bytes);
    }
    Err(BookError::Format { path: path.to_owned() })
}

const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Every worksheet of a calamine workbook, with its merged regions.
fn sheets<R: Reader<Cursor<Vec<u8>>>>(
    mut book: R,
    merges: impl Fn(&mut R, &str) -> Option<Vec<Dimensions>>,
) -> Option<Book> {
    let names: Vec<String> =
        book.sheets_metadata().iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect();
    let mut sheets = Vec::new();
    for name in names {
        let values = book.worksheet_range(&name).ok()?;
        let formulas = book.worksheet_formula(&name).unwrap_or_default();
        let mut grid = grid(&name, &values, &formulas);
        grid.fill_merged(&merges(&mut book, &name).unwrap_or_default());
        sheets.push(grid);
    }
    Some(Book { sheets, csv: false })
}

fn grid(name: &str, values: &Range<Data>, formulas: &Range<String>) -> Grid {
    let mut grid = Grid { name: name.to_owned(), rows: Vec::new() };
    for (row, column, data) in values.used_cells() {
        let (top, left) = values.start().unwrap_or_default();
        let (row, column) = (top + row as u32, left + column as u32);
        let cell = match data {
            Data::Empty => continue,
            Data::String(text) => Cell::Text(text.clone()),
            Data::Int(int) => Cell::Number(*int as f64),
            Data::Float(float) => Cell::Number(*float),
            Data::Bool(bool) => Cell::Bool(*bool),
            Data::DateTime(time) if time.is_datetime() => {
                let (year, month, day, ..) = time.to_ymd_hms_milli();
                match Date::from_ymd(year, month, day) {
                    Some(date) => Cell::Date(date, time.as_f64()),
                    None => Cell::Number(time.as_f64()),
                }
            }
            Data::DateTime(time) => Cell::Number(time.as_f64()),
            Data::DateTimeIso(text) => {
                let day = text.split('T').next().unwrap_or_default();
                match Date::parse(day) {
                    Some(date) => Cell::Date(date, super::cell::serial(date) as f64),
                    None => Cell::Text(text.clone()),
                }
            }
            Data::DurationIso(text) => Cell::Text(text.clone()),
            Data::Error(error) => Cell::Error(error.to_string()),
        };
        grid.set(row, column, cell);
    }
    // A formula without a saved result reads as an empty cell: say what it is instead.
    for (row, column, formula) in formulas.used_cells() {
        let (top, left) = formulas.start().unwrap_or_default();
        let (row, column) = (top + row as u32, left + column as u32);
        if !formula.is_empty() && grid.get(row, column).is_empty() {
            grid.set(row, column, Cell::Uncomputed(formula.clone()));
        }
    }
    grid
}

/// The merged regions of each sheet of an ODS file (calamine reads the covered cells as
/// empty and does not say which they are).
fn ods_merges(bytes: &[u8]) -> HashMap<String, Vec<Dimensions>> {
    const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    let mut merges = HashMap::new();
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return merges };
    let Ok(mut file) = archive.by_name("content.xml") else { return merges };
    let mut xml = String::new();
    if std::io::Read::read_to_string(&mut file, &mut xml).is_err() {
        return merges;
    }
    let Ok(document) = roxmltree::Document::parse(&xml) else { return merges };
    let number = |node: roxmltree::Node, attribute: &str| {
        node.attribute((TABLE, attribute)).and_then(|v| v.parse::<u32>().ok()).unwrap_or(1)
    };
    for table in document.descendants().filter(|n| n.has_tag_name((TABLE, "table"))) {
        let name = table.attribute((TABLE, "name")).unwrap_or_default().to_owned();
        let mut regions = Vec::new();
        let mut row = 0u32;
        let rows = table.descendants().filter(|n| n.has_tag_name((TABLE, "table-row")));
        for table_row in rows {
            let mut column = 0u32;
            for cell in table_row.children().filter(|n| n.is_element()) {
                let (rows, columns) = (number(cell, "number-rows-spanned"), number(cell, "number-columns-spanned"));
                if cell.has_tag_name((TABLE, "table-cell")) && (rows > 1 || columns > 1) {
                    regions.push(Dimensions::new((row, column), (row + rows - 1, column + columns - 1)));
                }
                column = column.saturating_add(number(cell, "number-columns-repeated"));
            }
            row = row.saturating_add(number(table_row, "number-rows-repeated"));
        }
        merges.insert(name, regions);
    }
    merges
}

/// A CSV file as one sheet named after the file.
fn csv(path: &Path, bytes: &[u8]) -> Result<Book, BookError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => encoding_rs::GBK
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| BookError::Encoding { path: path.to_owned() })?,
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| BookError::Corrupt { path: path.to_owned(), kind: "CSV" })?;
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|field| if field.is_empty() { Cell::Empty } else { Cell::Text(field.to_owned()) })
            .collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Book { sheets: vec![Grid { name, rows }], csv: true })
}

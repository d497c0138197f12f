//! Lists kept in spreadsheets: a workbook (`.xlsx`, `.xls`, `.ods`) or a `.csv` file read into
//! the same JSON the YAML lists give, each value with the cell it came from, so that the model
//! is one whichever source filled it and a finding names `名单.xlsx「专利」C7`.
//!
//! The enterprise table lists each enterprise once, with a year column per honour; the four
//! honour 名单 are derived from it. Every other list has a sheet of its own.

pub mod book;
mod cell;
mod enterprises;
pub mod fill;
mod header;
pub mod layout;
mod table;
pub mod write;

use serde_json::{Map, Value};

pub use book::{Book, BookError, Cell, Grid};
pub use cell::{CellRef, column_name};
pub use fill::Origins;
use layout::{LAYOUTS, Layout};

use crate::load::diagnostic::Severity;

pub use crate::model::lists::WORKBOOK;

/// A finding about sheet data, at its cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub cell: CellRef,
    /// The value's path under `lists:` (`patents.3.number`), or the list's key for a finding
    /// about the sheet (`patents`).
    pub path: String,
    pub message: String,
    pub fix: String,
}

impl Finding {
    fn new(
        severity: Severity,
        cell: CellRef,
        path: impl Into<String>,
        message: String,
        fix: impl Into<String>,
    ) -> Self {
        Finding { severity, cell, path: path.into(), message, fix: fix.into() }
    }

    fn error(cell: CellRef, path: impl Into<String>, message: String, fix: impl Into<String>) -> Finding {
        Finding::new(Severity::Error, cell, path, message, fix)
    }

    fn warning(cell: CellRef, path: impl Into<String>, message: String, fix: impl Into<String>) -> Finding {
        Finding::new(Severity::Warning, cell, path, message, fix)
    }
}

type Findings = Vec<Finding>;

/// Lists read from sheets.
#[derive(Debug, Default)]
pub struct SheetLists {
    /// Each list's entries as the model's JSON, keyed as under `lists:`.
    pub lists: Map<String, Value>,
    /// Where each entry (`patents.3`) and value (`patents.3.number`) came from.
    pub cells: Vec<(String, CellRef)>,
    /// The sheet each list came from (none for a CSV file), by the list's key.
    pub sheets: Vec<(String, Option<String>)>,
    pub findings: Vec<Finding>,
}

impl SheetLists {
    /// Adds what `layout` reads from `grid`.
    fn read(&mut self, book: &Book, grid: &Grid, layout: &'static Layout) {
        let sheet = (!book.csv).then_some(grid.name.as_str());
        let rows = table::rows(grid, layout, sheet, &mut self.findings);
        let named = |key: &str| (key.to_owned(), sheet.map(str::to_owned));
        if layout.is_enterprises() {
            let honours = layout.columns.iter().filter(|c| c.need == layout::Need::Honour);
            self.sheets.extend(honours.map(|c| named(c.field)));
            enterprises::derive(rows, self);
            return;
        }
        self.sheets.push(named(layout.key));
        let mut entries = Vec::new();
        for (index, row) in rows.into_iter().enumerate() {
            let path = format!("{}.{index}", layout.key);
            self.cells.push((path.clone(), row.first));
            let mut entry = Map::new();
            for (column, value, cell) in row.values {
                self.cells.push((format!("{path}.{}", column.field), cell));
                entry.insert(column.field.to_owned(), value);
            }
            entries.push(Value::Object(entry));
        }
        self.lists.insert(layout.key.to_owned(), Value::Array(entries));
    }
}

/// Every list a workbook holds, each sheet known by its name (`企业`, `发明专利`…); other
/// sheets that hold anything are named in a warning.
pub fn workbook(book: &Book) -> SheetLists {
    let mut read = SheetLists::default();
    let mut seen: Vec<(&Layout, &str)> = Vec::new();
    for grid in book.sheets.iter().filter(|g| !g.is_empty()) {
        let at = CellRef { sheet: (!book.csv).then(|| grid.name.clone()), row: 0, column: 0 };
        match header::layout(&LAYOUTS, &grid.name) {
            Some(layout) => {
                if let Some((_, first)) = seen.iter().find(|(l, _)| l.key == layout.key) {
                    read.findings.push(Finding::warning(
                        at,
                        layout.key,
                        format!("工作表「{}」与「{first}」是同一份名单，只读入了「{first}」", grid.name),
                        "请把两张表合并为一张，或删去不用的一张",
                    ));
                    continue;
                }
                seen.push((layout, &grid.name));
                read.read(book, grid, layout);
            }
            None => read.findings.push(Finding::warning(
                at,
                "",
                format!("工作表「{}」不是 dossier 读取的名单，未读入", grid.name),
                format!("名单的工作表名为：{}；如这张表是名单，请改用其中的名称", sheet_names()),
            )),
        }
    }
    read
}

/// The template's sheet names, for messages.
fn sheet_names() -> String {
    LAYOUTS.iter().map(|l| l.sheet).collect::<Vec<_>>().join("、")
}

/// A sheet asked for that the workbook does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("表格中没有工作表「{wanted}」（有：{}）", available.join("、"))]
pub struct SheetMissing {
    pub wanted: String,
    pub available: Vec<String>,
}

/// One list (or the enterprise table) from the sheet named `sheet`; without a
/// name, from the sheet with the list's own name, or the workbook's only sheet (a CSV file).
pub fn list(book: &Book, layout: &'static Layout, sheet: Option<&str>) -> Result<SheetLists, SheetMissing> {
    let filled: Vec<&Grid> = book.sheets.iter().filter(|g| !g.is_empty()).collect();
    let grid = match sheet {
        Some(name) => book.sheets.iter().find(|g| header::normalize(&g.name) == header::normalize(name)),
        None => filled
            .iter()
            .copied()
            .find(|g| header::layout(std::slice::from_ref(layout), &g.name).is_some())
            .or(if filled.len() == 1 { filled.first().copied() } else { None }),
    };
    let grid = grid.ok_or_else(|| SheetMissing {
        wanted: sheet.unwrap_or(layout.sheet).to_owned(),
        available: book.sheets.iter().map(|g| g.name.clone()).collect(),
    })?;
    let mut read = SheetLists::default();
    read.read(book, grid, layout);
    Ok(read)
}

#[cfg(test)]
mod tests;

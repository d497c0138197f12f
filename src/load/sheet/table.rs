//! One sheet read as rows of a list: the header row found (below any title rows), each column
//! matched to a field, and every cell read as its field wants it — with a finding at the cell
//! for what cannot be read.

use serde_json::Value;

use super::book::{Cell, Grid};
use super::cell::{self, CellRef, display};
use super::header;
use super::layout::{Column, Layout, Need};
use super::{Finding, Findings};

/// How far down a header row may sit (below a title and a 填报单位 line).
const HEADER_SEARCH: u32 = 20;

/// One row of data: each value with its cell.
#[derive(Debug)]
pub struct Row {
    /// The row's first cell that was read, where a finding about the whole row points.
    pub first: CellRef,
    pub values: Vec<(&'static Column, Value, CellRef)>,
    /// How many of its cells could not be read (each has its finding).
    pub faults: usize,
}

impl Row {
    pub fn get(&self, field: &str) -> Option<&(&'static Column, Value, CellRef)> {
        self.values.iter().find(|(c, ..)| c.field == field)
    }
}

/// The rows of `grid` as `layout` reads them. `sheet` is the sheet's name in cell references
/// (none for a CSV file).
pub fn rows(grid: &Grid, layout: &'static Layout, sheet: Option<&str>, findings: &mut Findings) -> Vec<Row> {
    let at = |row, column| CellRef { sheet: sheet.map(str::to_owned), row, column };
    let title = match sheet {
        Some(sheet) => format!("工作表「{sheet}」"),
        None => "此文件".to_owned(),
    };
    let expected = || layout.columns.iter().map(|c| c.header).collect::<Vec<_>>().join("、");
    let Some(header_row) = header_row(grid, layout) else {
        findings.push(Finding::error(
            at(0, 0),
            layout.key,
            format!("{title}中找不到表头行"),
            format!("第一行（或标题下面的一行）应为表头：{}", expected()),
        ));
        return Vec::new();
    };

    // Which column of the sheet fills which field.
    let mut columns: Vec<(u32, &'static Column)> = Vec::new();
    for index in 0..grid.width(header_row) {
        let text = display(grid.get(header_row, index));
        if text.is_empty() || header::is_number_column(&text) {
            continue;
        }
        match header::column(layout, &text) {
            Some(column) if columns.iter().any(|(_, c)| c.field == column.field) => findings.push(Finding::warning(
                at(header_row, index),
                layout.key,
                format!("“{text}”一列与前面的“{}”列重复，未读入", column.header),
                "请删去重复的列",
            )),
            Some(column) => columns.push((index, column)),
            None => findings.push(Finding::warning(
                at(header_row, index),
                layout.key,
                format!("{title}中未识别的列“{text}”，其内容不会读入"),
                format!("需要读入的栏目请把表头改为：{}；其他的列可以不管", expected()),
            )),
        }
    }
    let mut complete = true;
    for missing in layout.columns.iter().filter(|c| c.need == Need::Required) {
        if !columns.iter().any(|(_, c)| c.field == missing.field) {
            complete = false;
            findings.push(Finding::error(
                at(header_row, 0),
                layout.key,
                format!("{title}缺少“{}”列", missing.header),
                format!("请在表头行加上“{}”一列（表头文字可参照 dossier init 生成的模板）", missing.header),
            ));
        }
    }
    let honours: Vec<&str> = layout.columns.iter().filter(|c| c.need == Need::Honour).map(|c| c.header).collect();
    if !honours.is_empty() && !columns.iter().any(|(_, c)| c.need == Need::Honour) {
        complete = false;
        findings.push(Finding::error(
            at(header_row, 0),
            layout.key,
            format!("{title}没有认定年度列，无法得出各项名单"),
            format!("请至少加上其中一列：{}", honours.join("、")),
        ));
    }
    if !complete {
        return Vec::new();
    }

    let number_column =
        (0..grid.width(header_row)).find(|&i| header::is_number_column(&display(grid.get(header_row, i))));
    let mut rows = Vec::new();
    for row in header_row + 1..grid.height() {
        let cells: Vec<(&'static Column, &Cell, CellRef)> =
            columns.iter().map(|&(index, column)| (column, grid.get(row, index), at(row, index))).collect();
        let number = number_column.map(|i| header::normalize(&display(grid.get(row, i)))).unwrap_or_default();
        if skipped(&cells, &number) {
            continue;
        }
        let index = rows.len();
        let (mut values, before) = (Vec::new(), findings.len());
        for (column, cell, place) in cells {
            let path = format!("{}.{index}.{}", layout.key, column.field);
            match cell::read(cell, column.kind, column.header) {
                Ok(Some(value)) => values.push((column, value, place)),
                Ok(None) if column.need == Need::Required => findings.push(Finding::error(
                    place,
                    path,
                    format!("“{}”尚未填写", column.header),
                    format!("请填写{}；这一行不需要时请整行删除", column.header),
                )),
                Ok(None) => {}
                Err(problem) => findings.push(Finding::error(place, path, problem.message, problem.fix)),
            }
        }
        let faults = findings.len() - before;
        rows.push(Row { first: at(row, columns.first().map_or(0, |(i, _)| *i)), values, faults });
    }
    rows
}

/// The header row: of the first rows, the one naming most of the layout's columns.
fn header_row(grid: &Grid, layout: &Layout) -> Option<u32> {
    let mut best = None;
    for row in 0..grid.height().min(HEADER_SEARCH) {
        let named =
            (0..grid.width(row)).filter(|&i| header::column(layout, &display(grid.get(row, i))).is_some()).count();
        if named > 0 && best.is_none_or(|(_, most)| named > most) {
            best = Some((row, named));
        }
    }
    best.map(|(row, _)| row)
}

/// Rows that hold no entry: empty ones (between entries or after them), the template's
/// example (序号 “示例”), a 合计 line, and a note or caption merged across the row.
fn skipped(cells: &[(&Column, &Cell, CellRef)], number: &str) -> bool {
    let filled: Vec<String> = cells.iter().filter(|(_, c, _)| !c.is_empty()).map(|(_, c, _)| display(c)).collect();
    let merged = filled.len() > 1 && filled.iter().all(|t| *t == filled[0]);
    filled.is_empty() || merged || matches!(number, "示例" | "例" | "合计" | "小计" | "总计")
}

//! The workbook dossier reads, written: as a template (the headers, one example row per sheet)
//! for `dossier init`, or filled with a cluster's lists for `dossier export-lists`. Columns are
//! as wide as their content needs, options come as drop-down lists, patent numbers are text
//! cells (so Excel leaves them alone) and dates are date cells.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

use super::cell::Kind;
use super::layout::{Column, ENTERPRISES, LAYOUTS, Layout, Need};
use crate::model::Date;
use crate::model::lists::Lists;

/// The rows the data validations and formats cover below the header.
const ROWS: u32 = 2000;

#[derive(Debug, thiserror::Error)]
#[error("无法生成名单表格：{0}")]
pub struct WriteError(#[from] XlsxError);

/// The blank workbook: each sheet with its headers and one example row (序号 “示例”, which
/// dossier skips).
pub fn template(created: Date) -> Result<Vec<u8>, WriteError> {
    let rows = |layout: &Layout| {
        let example = layout.columns.iter().map(|c| Value::from(c.example)).collect();
        vec![(Value::from("示例"), example)]
    };
    workbook(created, rows)
}

/// A cluster's lists as a workbook dossier reads back to the same lists, and what could not
/// be carried over as it was (an enterprise whose intro differs between two 名单: the table
/// keeps it once).
pub fn export(lists: &Lists, created: Date) -> Result<(Vec<u8>, Vec<String>), WriteError> {
    let json = serde_json::to_value(lists).unwrap_or(Value::Null);
    let (enterprises, notes) = enterprise_rows(&json);
    let rows = |layout: &Layout| {
        if layout.is_enterprises() {
            return enterprises.clone();
        }
        let entries = json[layout.key].as_array().cloned().unwrap_or_default();
        entries
            .iter()
            .enumerate()
            .map(|(i, entry)| (Value::from(i + 1), layout.columns.iter().map(|c| entry[c.field].clone()).collect()))
            .collect()
    };
    Ok((workbook(created, rows)?, notes))
}

type Rows = Vec<(Value, Vec<Value>)>;

/// The enterprise table of the four honour lists: each enterprise once, in the order it first
/// appears, with the year of each honour it holds.
fn enterprise_rows(json: &Value) -> (Rows, Vec<String>) {
    let layout = Layout::find(ENTERPRISES).expect("the enterprise table has a layout");
    let mut rows: Rows = Vec::new();
    let mut notes = Vec::new();
    for (position, honour) in layout.columns.iter().enumerate().filter(|(_, c)| c.need == Need::Honour) {
        for entry in json[honour.field].as_array().into_iter().flatten() {
            let name = &entry["name"];
            let row = match rows.iter().position(|(_, cells)| &cells[0] == name) {
                Some(row) => row,
                None => {
                    let cells = layout.columns.iter().map(|c| entry.get(c.field).cloned().unwrap_or(Value::Null));
                    rows.push((Value::from(rows.len() + 1), cells.collect()));
                    rows.len() - 1
                }
            };
            let cells = &mut rows[row].1;
            for (i, column) in layout.columns.iter().enumerate().filter(|(_, c)| c.need != Need::Honour) {
                if cells[i] != entry[column.field] {
                    notes.push(format!(
                        "企业“{}”在{}名单中的{}与前面的不同，表格中保留了前面的",
                        name.as_str().unwrap_or_default(),
                        honour.header.trim_end_matches("认定年度"),
                        column.header
                    ));
                }
            }
            if cells[position].is_null() {
                cells[position] = entry["year"].clone();
            } else {
                notes.push(format!(
                    "企业“{}”在{}名单中出现了不止一次，表格中保留了 {} 年的一次",
                    name.as_str().unwrap_or_default(),
                    honour.header.trim_end_matches("认定年度"),
                    cells[position]
                ));
            }
        }
    }
    // An enterprise told differently in several entries gets its note once.
    let mut seen = std::collections::HashSet::new();
    notes.retain(|note| seen.insert(note.clone()));
    (rows, notes)
}

fn workbook(created: Date, rows: impl Fn(&Layout) -> Rows) -> Result<Vec<u8>, WriteError> {
    let mut book = Workbook::new();
    // A fixed creation time keeps the same lists the same bytes.
    let created = ExcelDateTime::from_ymd(created.year, created.month, created.day)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for layout in &LAYOUTS {
        let sheet = book.add_worksheet();
        write_sheet(sheet, layout, &rows(layout))?;
    }
    Ok(book.save_to_buffer()?)
}

fn write_sheet(sheet: &mut Worksheet, layout: &Layout, rows: &Rows) -> Result<(), XlsxError> {
    sheet.set_name(layout.sheet)?;
    let border = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    let header = border
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xDDEBF7));
    sheet.set_row_height(0, 30)?;
    sheet.set_freeze_panes(1, 0)?;
    // Printed: A4 landscape, as wide as one page, the header on every page.
    sheet.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0).set_repeat_rows(0, 0)?;
    sheet.write_string_with_format(0, 0, "序号", &header)?;
    sheet.set_column_width(0, 6)?;
    let centred = border.clone().set_align(FormatAlign::Center);
    for (row, (number, _)) in rows.iter().enumerate() {
        write_value(sheet, row as u32 + 1, 0, number, Kind::Count, &centred)?;
    }
    // Excel does not grow a row for wrapped text it did not type itself: give each row the
    // lines its longest cell needs.
    for (row, (_, cells)) in rows.iter().enumerate() {
        let lines = layout.columns.iter().zip(cells).map(|(column, value)| lines(column, value)).max().unwrap_or(1);
        sheet.set_row_height(row as u32 + 1, LINE * lines as f64)?;
    }
    for (index, column) in layout.columns.iter().enumerate() {
        let col = index as u16 + 1;
        // A year column's header on two lines, so the column stays narrow.
        let title = if column.need == Need::Honour {
            column.header.replace("认定年度", "\n认定年度")
        } else {
            column.header.to_owned()
        };
        sheet.write_string_with_format(0, col, title, &header)?;
        sheet.set_column_width(col, column.width)?;
        let format = cell_format(column, &border);
        sheet.set_column_format(col, &format)?;
        if let Some(validation) = validation(column)? {
            sheet.add_data_validation(1, col, ROWS, col, &validation)?;
        }
        for (row, (_, cells)) in rows.iter().enumerate() {
            write_value(sheet, row as u32 + 1, col, &cells[index], column.kind, &format)?;
        }
    }
    Ok(())
}

/// The height of a line of text in a row, in points.
const LINE: f64 = 16.0;

/// The lines a value takes in its column: wide (CJK) characters count two, as in Excel's
/// column widths.
fn lines(column: &Column, value: &Value) -> usize {
    let width = match value {
        Value::String(text) if wraps(column) => unicode_width::UnicodeWidthStr::width(text.as_str()),
        _ => return 1,
    };
    width.div_ceil((column.width as usize).saturating_sub(4).max(1)).max(1)
}

fn wraps(column: &Column) -> bool {
    column.kind == Kind::Text && column.width >= 40.0
}

fn cell_format(column: &Column, border: &Format) -> Format {
    match column.kind {
        // Typed into a text cell, a patent number stays as typed.
        Kind::PatentNumber => border.clone().set_num_format("@"),
        Kind::Date => border.clone().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Center),
        Kind::Year | Kind::Count | Kind::Choice(_) => border.clone().set_align(FormatAlign::Center),
        Kind::Text if wraps(column) => border.clone().set_text_wrap(),
        Kind::Text => border.clone(),
    }
}

fn validation(column: &Column) -> Result<Option<DataValidation>, XlsxError> {
    let (rule, message) = match column.kind {
        Kind::Choice(options) => {
            let message = format!("请从下拉列表中选择：{}", options.join("、"));
            (DataValidation::new().allow_list_strings(options)?, message)
        }
        Kind::Year => (
            DataValidation::new().allow_whole_number(DataValidationRule::Between(1900, 2100)),
            "请填写四位年份，如 2023".to_owned(),
        ),
        Kind::Count => (
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            "请填写整数".to_owned(),
        ),
        _ => return Ok(None),
    };
    Ok(Some(rule.set_error_title(column.header)?.set_error_message(message)?))
}

/// Writes a JSON value as the cell its column wants: years and counts as numbers, dates as
/// dates, the rest as text.
fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    kind: Kind,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = match value {
        Value::Null => return Ok(()),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    match (kind, text.parse::<f64>(), Date::parse(&text)) {
        _ if text.is_empty() => {}
        (Kind::Year | Kind::Count, Ok(number), _) => {
            sheet.write_number_with_format(row, col, number, format)?;
        }
        (Kind::Date, _, Some(date)) => {
            sheet.write_datetime_with_format(
                row,
                col,
                ExcelDateTime::from_ymd(date.year, date.month, date.day)?,
                format,
            )?;
        }
        _ => {
            sheet.write_string_with_format(row, col, text, format)?;
        }
    }
    Ok(())
}

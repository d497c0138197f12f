//! The enterprise table: each enterprise once, with its intro, its scope and a year column per
//! honour. Each honour's 名单 is derived from it, in order of the year of recognition (rows of
//! the same year in the table's order), so one table serves every 名单 the forms ask for.

use serde_json::{Map, Value};

use super::layout::Need;
use super::table::Row;
use super::{Finding, SheetLists};

pub fn derive(rows: Vec<Row>, out: &mut SheetLists) {
    let mut kept: Vec<Row> = Vec::new();
    for row in rows {
        let name = row.get("name").and_then(|(_, v, _)| v.as_str());
        if let Some(name) = name
            && let Some(first) = kept.iter().find(|r| r.get("name").and_then(|(_, v, _)| v.as_str()) == Some(name))
        {
            let (_, _, cell) = row.get("name").expect("the row has a name");
            out.findings.push(Finding::error(
                cell.clone(),
                "enterprises",
                format!("企业“{name}”在第 {} 行已经列出", first.first.row + 1),
                "同一企业只列一行，各项认定的年度分别填在对应的列中",
            ));
            continue;
        }
        if row.faults == 0 && !row.values.iter().any(|(c, ..)| c.need == Need::Honour) {
            out.findings.push(Finding::warning(
                row.first.clone(),
                "enterprises",
                format!("企业“{}”没有填写任何认定年度，不会列入任何名单", name.unwrap_or_default()),
                "获得认定的，请在对应的认定年度列中填写年份",
            ));
        }
        kept.push(row);
    }

    let layout = super::Layout::find(super::layout::ENTERPRISES).expect("the enterprise table has a layout");
    for honour in layout.columns.iter().filter(|c| c.need == Need::Honour) {
        let mut holders: Vec<(u64, &Row, &super::CellRef)> = kept
            .iter()
            .filter_map(|row| {
                row.get(honour.field).map(|(_, year, cell)| (year.as_u64().unwrap_or_default(), row, cell))
            })
            .collect();
        holders.sort_by_key(|(year, ..)| *year);
        let mut entries = Vec::new();
        for (index, (year, row, year_cell)) in holders.into_iter().enumerate() {
            let path = format!("{}.{index}", honour.field);
            out.cells.push((path.clone(), row.first.clone()));
            let mut entry = Map::new();
            for (column, value, cell) in row.values.iter().filter(|(c, ..)| c.need != Need::Honour) {
                out.cells.push((format!("{path}.{}", column.field), cell.clone()));
                entry.insert(column.field.to_owned(), value.clone());
            }
            out.cells.push((format!("{path}.year"), year_cell.clone()));
            entry.insert("year".to_owned(), Value::from(year));
            entries.push(Value::Object(entry));
        }
        out.lists.insert(honour.field.to_owned(), Value::Array(entries));
    }
}

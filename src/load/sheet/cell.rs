//! Cells as Excel stores them, read as the model's values: years and counts stored as text or
//! as numbers, dates as serial numbers or as text in the forms people type, patent numbers that
//! Excel turned into numbers. Each conversion either gives the value or says, in Chinese, what
//! is wrong and how to fix it.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::book::Cell;
use crate::model::Date;
use crate::model::lists::Patent;

/// Where a value sits in a workbook: the sheet (none in a CSV file) and the cell, counted from 0.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub sheet: Option<String>,
    pub row: u32,
    pub column: u32,
}

impl CellRef {
    /// The cell as Excel names it: `C7`.
    pub fn name(&self) -> String {
        format!("{}{}", column_name(self.column), self.row + 1)
    }
}

/// For other programs (`check --format json`): the sheet and the cell as Excel names it.
impl Serialize for CellRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut cell = serializer.serialize_struct("CellRef", 2)?;
        cell.serialize_field("sheet", &self.sheet)?;
        cell.serialize_field("cell", &self.name())?;
        cell.end()
    }
}

/// `「专精特新」C7`, or `C7` in a CSV file.
impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "「{sheet}」{}", self.name()),
            None => f.write_str(&self.name()),
        }
    }
}

/// A column's letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// What a column holds, and so how its cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A year such as 2023 (认定年度).
    Year,
    /// A whole number (成员单位数量).
    Count,
    Date,
    /// One of the form's options, as the model's serde names them.
    Choice(&'static [&'static str]),
    /// A patent number: text, or a number Excel made of one.
    PatentNumber,
}

/// Why a cell could not be read, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub fix: String,
}

impl Problem {
    fn new(message: impl Into<String>, fix: impl Into<String>) -> Problem {
        Problem { message: message.into(), fix: fix.into() }
    }
}

/// The cell's value as the model wants it, `None` for an empty cell. `header` names the
/// column in messages.
pub fn read(cell: &Cell, kind: Kind, header: &str) -> Result<Option<Value>, Problem> {
    match cell {
        Cell::Error(error) => {
            return Err(Problem::new(
                format!("“{header}”的单元格是错误值 {error}"),
                "请修正该单元格的公式，或直接填写内容",
            ));
        }
        Cell::Uncomputed(formula) => {
            return Err(Problem::new(
                format!("“{header}”的单元格是公式（={formula}），但文件中没有保存计算结果"),
                "请用 Excel 或 WPS 打开并保存一次（保存时会算出结果），或把公式换成数值",
            ));
        }
        _ if cell.is_empty() => return Ok(None),
        _ => {}
    }
    let shown = display(cell);
    let value =
        match kind {
            Kind::Text => Value::String(shown),
            Kind::Year => Value::from(year(cell).ok_or_else(|| {
                Problem::new(format!("“{header}”应为四位年份，而这里是“{shown}”"), "请填写年份，如 2023")
            })?),
            Kind::Count => Value::from(count(cell).ok_or_else(|| {
                Problem::new(format!("“{header}”应为整数，而这里是“{shown}”"), "请只填写数字，如 120")
            })?),
            Kind::Date => Value::String(
                date(cell)
                    .ok_or_else(|| {
                        Problem::new(
                            format!("“{header}”不是日期：“{shown}”"),
                            "请写作 2025-03-01、2025/3/1 或 2025年3月1日，或把单元格设为日期格式",
                        )
                    })?
                    .to_string(),
            ),
            Kind::Choice(options) => {
                let text = fold(&shown);
                let option = options.iter().find(|o| **o == text).ok_or_else(|| {
                    Problem::new(
                        format!("“{header}”应为{}之一，而这里是“{shown}”", options.join("、")),
                        format!("请从以下选项中选填一项：{}", options.join("；")),
                    )
                })?;
                Value::String((*option).to_owned())
            }
            Kind::PatentNumber => Value::String(patent_number(cell)?),
        };
    Ok(Some(value))
}

/// The text a cell shows: numbers without Excel's trailing `.0`, dates as 2025-03-01, lines
/// of a cell with line breaks joined (Chinese text needs no space where a line broke).
pub fn display(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => join_lines(text),
        Cell::Number(number) => number_text(*number),
        Cell::Bool(true) => "TRUE".to_owned(),
        Cell::Bool(false) => "FALSE".to_owned(),
        Cell::Date(date, _) => date.to_string(),
        Cell::Error(error) => error.clone(),
        Cell::Uncomputed(formula) => format!("={formula}"),
    }
}

fn join_lines(text: &str) -> String {
    let mut joined = String::new();
    for line in text.lines().map(|l| l.trim_matches(|c: char| c.is_whitespace())).filter(|l| !l.is_empty()) {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(joined.chars().last()) && latin(line.chars().next()) {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined
}

/// A number as typed: `2023`, `201310664209.3`.
fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 { format!("{}", number as i64) } else { format!("{number}") }
}

/// Full-width letters, digits and marks as their ASCII forms, the ideographic space as a
/// space, and the ends trimmed: how a cell typed with a Chinese input method is compared.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{A0}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn year(cell: &Cell) -> Option<u16> {
    let plausible = |n: f64| (n.fract() == 0.0 && (1900.0..=2100.0).contains(&n)).then_some(n as u16);
    match cell {
        Cell::Number(n) => plausible(*n),
        // A year typed into a cell formatted as a date shows as a day of 1905: its serial is
        // the year. A whole date stands for its year.
        Cell::Date(date, serial) => plausible(*serial).or(Some(date.year)),
        Cell::Text(text) => {
            let text = fold(text);
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            let rest = &text[digits..];
            let separated = rest.is_empty() || rest.starts_with(['年', '-', '/', '.']);
            (digits == 4 && separated).then(|| text[..4].parse().ok()).flatten().and_then(|y: u16| plausible(y as f64))
        }
        _ => None,
    }
}

fn count(cell: &Cell) -> Option<u32> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(n) => Some(*n as u32),
        Cell::Text(text) => fold(text).replace(',', "").parse().ok(),
        _ => None,
    }
}

fn date(cell: &Cell) -> Option<Date> {
    match cell {
        Cell::Date(date, _) => Some(*date),
        // A date that lost its format: typed as 20250301, or a serial number.
        Cell::Number(n) if n.fract() == 0.0 && (19000101.0..=21001231.0).contains(n) => date_text(&number_text(*n)),
        Cell::Number(n) if (1.0..2958466.0).contains(n) => from_serial(n.trunc() as i64),
        Cell::Text(text) => date_text(&fold(text)),
        _ => None,
    }
}

/// `2025-03-01`, `2025/3/1`, `2025.3.1`, `2025年3月1日`, `20250301`, with any time after a
/// space left out.
fn date_text(text: &str) -> Option<Date> {
    let day = text.split_whitespace().next()?;
    let parts: Vec<&str> = if let Some(rest) = day.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        vec![&day[..4], &day[4..6], &day[6..]]
    } else {
        day.split(['-', '/', '.']).collect()
    };
    let [year, month, day] = parts[..] else { return None };
    Date::from_ymd(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// Excel's day 0: 1899-12-30 in the 1900 system, which counts a 29 February 1900 that never was.
const EXCEL_EPOCH: Date = Date { year: 1899, month: 12, day: 30 };

/// The serial number Excel stores for a date.
pub fn serial(date: Date) -> i64 {
    date.days() - EXCEL_EPOCH.days()
}

fn from_serial(serial: i64) -> Option<Date> {
    // Serials before 1 March 1900 count the day that never was.
    let days = if serial < 61 { serial + 1 } else { serial };
    Date::from_days(days + EXCEL_EPOCH.days())
}

/// A patent number as the 清单 prints it. Text is kept as typed (ZL… keeps its letters). A
/// number is what Excel made of a number typed without ZL: its digits are written back, and a
/// check digit 0 that Excel dropped as a trailing `.0` is restored.
fn patent_number(cell: &Cell) -> Result<String, Problem> {
    let lost = |shown: &str| {
        Problem::new(
            format!("专利号“{shown}”被 Excel 显示成了科学计数法，后几位数字已经丢失"),
            "请在原表中把“专利号”一列设为文本格式，按专利证书重新录入，如 ZL201310664209.3",
        )
    };
    match cell {
        Cell::Number(n) => {
            let digits = number_text(*n);
            if digits.contains('e') {
                return Err(lost(&digits));
            }
            if let Some((number, check)) = digits.split_once('.')
                && matches!(number.len(), 8 | 12)
            {
                // A check digit Excel rounded away no longer fits the number.
                return match Patent::check_digit(number) {
                    Some(expected) if check != expected.to_string() => Err(Problem::new(
                        format!("专利号“{digits}”的校验位应为 {expected}：这一格的数字可能被 Excel 改动过"),
                        "请按专利证书重新录入完整的专利号，如 ZL201310664209.3，并把该列设为文本格式",
                    )),
                    _ => Ok(digits),
                };
            }
            if n.fract() != 0.0 || !matches!(digits.len(), 8 | 12) {
                return Ok(digits);
            }
            match Patent::check_digit(&digits) {
                Some('0') => Ok(format!("{digits}.0")),
                _ => Err(Problem::new(
                    format!("专利号“{digits}”缺少小数点后的校验位"),
                    "请按专利证书填写完整的专利号，如 ZL201310664209.3，并把该列设为文本格式",
                )),
            }
        }
        Cell::Text(text) => {
            let text = join_lines(text);
            let folded = fold(&text).to_ascii_uppercase();
            let scientific = folded.split_once('E').is_some_and(|(mantissa, exponent)| {
                mantissa.parse::<f64>().is_ok() && exponent.trim_start_matches('+').parse::<u32>().is_ok()
            });
            if scientific { Err(lost(&text)) } else { Ok(text) }
        }
        other => Ok(display(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!([0, 2, 25, 26, 27, 701, 702].map(column_name), ["A", "C", "Z", "AA", "AB", "ZZ", "AAA"]);
        let cell = CellRef { sheet: Some("专精特新".into()), row: 6, column: 2 };
        assert_eq!(cell.to_string(), "「专精特新」C7");
    }

    #[test]
    fn serial_numbers_are_the_dates_excel_means() {
        let date = |s| Date::parse(s).unwrap();
        assert_eq!(from_serial(45717), Some(date("2025-03-01")));
        assert_eq!(serial(date("2025-03-01")), 45717);
        assert_eq!(from_serial(1), Some(date("1900-01-01")));
        assert_eq!(from_serial(61), Some(date("1900-03-01")));
        assert_eq!(serial(date("1905-07-15")), 2023);
    }

    #[test]
    fn dates_are_read_in_every_form_people_type() {
        let expected = Some(Value::from("2025-03-01"));
        for cell in [
            text("2025-03-01"),
            text("2025/3/1"),
            text("2025.3.1"),
            text("2025年3月1日"),
            text("２０２５年３月１日"),
            text("2025/3/1 0:00:00"),
            text(" 20250301 "),
            Cell::Number(45717.0),
            Cell::Number(20250301.0),
            Cell::Date(Date::parse("2025-03-01").unwrap(), 45717.0),
        ] {
            assert_eq!(read(&cell, Kind::Date, "授权公告日").unwrap(), expected, "{cell:?}");
        }
        let wrong = read(&text("2025年13月1日"), Kind::Date, "授权公告日").unwrap_err();
        assert_eq!(wrong.message, "“授权公告日”不是日期：“2025年13月1日”");
    }

    #[test]
    fn years_and_counts_stored_as_text_or_numbers() {
        for cell in [Cell::Number(2023.0), text("2023"), text("２０２３年"), text("2023年11月"), text("2023-11-20")]
        {
            assert_eq!(read(&cell, Kind::Year, "认定年度").unwrap(), Some(Value::from(2023)), "{cell:?}");
        }
        let typed_into_a_date_cell = Cell::Date(Date::parse("1905-07-15").unwrap(), 2023.0);
        assert_eq!(read(&typed_into_a_date_cell, Kind::Year, "认定年度").unwrap(), Some(Value::from(2023)));
        let wrong = read(&text("二〇二三"), Kind::Year, "认定年度").unwrap_err();
        assert_eq!(wrong.message, "“认定年度”应为四位年份，而这里是“二〇二三”");
        assert_eq!(read(&text("1,260"), Kind::Count, "成员单位数量").unwrap(), Some(Value::from(1260)));
        assert_eq!(read(&Cell::Number(126.0), Kind::Count, "成员单位数量").unwrap(), Some(Value::from(126)));
        assert!(read(&Cell::Number(12.5), Kind::Count, "成员单位数量").is_err());
        assert_eq!(read(&text("  "), Kind::Count, "成员单位数量").unwrap(), None);
    }

    #[test]
    fn patent_numbers_excel_turned_into_numbers() {
        let read = |cell| read(&cell, Kind::PatentNumber, "专利号");
        assert_eq!(read(text(" ZL201310664209.3 ")).unwrap(), Some(Value::from("ZL201310664209.3")));
        assert_eq!(read(Cell::Number(201310664209.3)).unwrap(), Some(Value::from("201310664209.3")));
        // ZL201910293291.0 lost its `.0`: the check digit of 201910293291 is 0.
        assert_eq!(Patent::check_digit("201910293291"), Some('0'));
        assert_eq!(Patent::check_digit("201911328992"), Some('X'));
        assert_eq!(read(Cell::Number(201910293291.0)).unwrap(), Some(Value::from("201910293291.0")));
        let missing = read(Cell::Number(201310664209.0)).unwrap_err();
        assert_eq!(missing.message, "专利号“201310664209”缺少小数点后的校验位");
        let lost = read(text("2.01311E+11")).unwrap_err();
        assert_eq!(lost.message, "专利号“2.01311E+11”被 Excel 显示成了科学计数法，后几位数字已经丢失");
    }

    #[test]
    fn errors_and_formulas_without_results_are_named() {
        let error = read(&Cell::Error("#REF!".into()), Kind::Text, "企业名称").unwrap_err();
        assert_eq!(error.message, "“企业名称”的单元格是错误值 #REF!");
        let formula = read(&Cell::Uncomputed("B2+1".into()), Kind::Year, "认定年度").unwrap_err();
        assert_eq!(formula.message, "“认定年度”的单元格是公式（=B2+1），但文件中没有保存计算结果");
    }

    #[test]
    fn choices_tolerate_full_width_and_spaces() {
        let kind = Kind::Choice(&["国家级", "省级", "其他"]);
        assert_eq!(read(&text(" 省级\u{3000}"), kind, "级别").unwrap(), Some(Value::from("省级")));
        let wrong = read(&text("市级"), kind, "级别").unwrap_err();
        assert_eq!(wrong.message, "“级别”应为国家级、省级、其他之一，而这里是“市级”");
    }

    #[test]
    fn lines_of_a_cell_are_joined() {
        assert_eq!(display(&text("集群龙头企业，\n始建于1992年")), "集群龙头企业，始建于1992年");
        assert_eq!(display(&text("LFGB\r\nFDA")), "LFGB FDA");
    }
}

//! Sheets written by the tests themselves (xlsx with rust_xlsxwriter, csv in UTF-8 and GBK),
//! read back with the exact Chinese finding at the exact cell.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use serde_json::{Value, json};

use super::book::{self, BookError};
use super::layout::Layout;
use super::*;
use crate::model::Date;
use crate::model::lists::Lists;

/// A cell as a test writes it.
enum W<'a> {
    S(&'a str),
    N(f64),
    D(u16, u8, u8),
    F(&'a str, &'a str),
    Blank,
}
use W::*;

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[W]) {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            S(text) => sheet.write_string(row, col, *text).map(drop),
            N(number) => sheet.write_number(row, col, *number).map(drop),
            D(y, m, d) => sheet
                .write_datetime_with_format(row, col, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
                .map(drop),
            F(formula, result) => {
                // A formula with no result, as programs other than Excel write it.
                if result.is_empty() {
                    sheet.set_formula_result_default("");
                }
                sheet.write_formula(row, col, Formula::new(*formula).set_result(*result)).map(drop)
            }
            Blank => Ok(()),
        }
        .unwrap();
    }
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    /// A workbook of `sheets`, each a name and its rows from A1.
    fn xlsx(&self, name: &str, sheets: &[(&str, &[&[W]])], edit: impl Fn(&mut Worksheet)) -> PathBuf {
        let mut book = Workbook::new();
        for (sheet_name, rows) in sheets {
            let sheet = book.add_worksheet().set_name(*sheet_name).unwrap();
            for (row, cells) in rows.iter().enumerate() {
                write_row(sheet, row as u32, cells);
            }
            edit(sheet);
        }
        let path = self.path(name);
        book.save(&path).unwrap();
        path
    }
}

/// Each finding as `错误 「发明专利」C3 message`.
fn found(read: &SheetLists) -> Vec<String> {
    read.findings.iter().map(|f| format!("{} {} {}", f.severity.chinese(), f.cell, f.message)).collect()
}

fn cell_of(read: &SheetLists, path: &str) -> String {
    read.cells.iter().find(|(p, _)| p == path).map(|(_, c)| c.to_string()).unwrap_or_default()
}

fn whole(path: &Path) -> SheetLists {
    workbook(&book::read(path).unwrap())
}

const PATENT_HEADER: &[W] = &[S("序号"), S("专利名称"), S("专利号"), S("专利权人"), S("授权公告日")];

#[test]
fn headers_below_a_title_as_people_type_them() {
    let dir = Dir::new();
    let path = dir.xlsx(
        "名单.xlsx",
        &[(
            "发明专利",
            &[
                &[S("祁县玻璃器皿产业集群有效发明专利清单")],
                &[S("序 号"), S("专利\n名称"), S("专利号"), S("专利权人 "), S("授权公告日"), S("备注")],
                &[
                    N(1.0),
                    S("一种玻璃料滴剪切机构"),
                    S("ZL201910293291.0"),
                    S("祁县昭馀玻璃制品有限公司"),
                    D(2020, 8, 18),
                ],
            ],
        )],
        |_| {},
    );
    let read = whole(&path);
    assert_eq!(found(&read), ["警告 「发明专利」F2 工作表「发明专利」中未识别的列“备注”，其内容不会读入"]);
    assert_eq!(
        read.findings[0].fix,
        "需要读入的栏目请把表头改为：专利名称、专利号、类型、专利权人、授权公告日；其他的列可以不管"
    );
    assert_eq!(
        read.lists["patents"],
        json!([{"title": "一种玻璃料滴剪切机构", "number": "ZL201910293291.0", "owner": "祁县昭馀玻璃制品有限公司", "granted": "2020-08-18"}])
    );
    assert_eq!(cell_of(&read, "patents.0.granted"), "「发明专利」E3");
    assert_eq!(cell_of(&read, "patents.0"), "「发明专利」B3");
}

#[test]
fn a_missing_column_is_named_with_its_sheet() {
    let dir = Dir::new();
    let path = dir.xlsx(
        "名单.xlsx",
        &[(
            "发明专利",
            &[&[S("专利名称"), S("专利权人"), S("授权公告日")], &[S("一种装置"), S("某公司"), S("2020-08-18")]],
        )],
        |_| {},
    );
    let read = whole(&path);
    assert_eq!(found(&read), ["错误 「发明专利」A1 工作表「发明专利」缺少“专利号”列"]);
    assert_eq!(read.findings[0].fix, "请在表头行加上“专利号”一列（表头文字可参照 dossier init 生成的模板）");
    assert!(read.lists.get("patents").is_none_or(|l| l == &json!([])));
}

#[test]
fn cells_as_excel_stores_them() {
    let dir = Dir::new();
    let path = dir.xlsx(
        "名单.xlsx",
        &[
            (
                "发明专利",
                &[
                    PATENT_HEADER,
                    // A date cell (a serial number with a date format).
                    &[N(1.0), S("甲"), S("ZL201310664209.3"), S("山西晶鼎玻璃器皿股份有限公司"), D(2015, 4, 14)],
                    // Dates as text, a patent number Excel made a number of.
                    &[N(2.0), S("乙"), N(201910293291.0), S("祁县晟达玻璃机械有限公司"), S("2016/1/5")],
                    &[N(3.0), S("丙"), N(201510519089.7), Blank, S("2017年9月8日")],
                    // The owner above is merged down over this row; a serial without a format.
                    &[N(4.0), S("丁"), S("ZL201511010645.4"), Blank, N(43000.0)],
                    &[],
                    &[Blank, S(" ")],
                ],
            ),
            (
                "产业联盟",
                &[
                    &[S("组织名称"), S("类别"), S("成员单位数量"), S("成立年度")],
                    // A count stored as text, a year as a formula with its cached value.
                    &[S("祁县玻璃器皿行业协会"), S("行业协会"), S("１２６"), F("=2000+8", "2008")],
                ],
            ),
        ],
        |sheet| {
            if sheet.name() == "发明专利" {
                sheet.merge_range(2, 3, 4, 3, "祁县晟达玻璃机械有限公司", &Format::new()).unwrap();
            }
        },
    );
    let read = whole(&path);
    assert_eq!(found(&read), Vec::<String>::new());
    let lists: Lists = serde_json::from_value(Value::Object(read.lists.clone())).unwrap();
    let numbers: Vec<&str> = lists.patents.iter().map(|p| p.number.as_str()).collect();
    assert_eq!(numbers, ["ZL201310664209.3", "201910293291.0", "201510519089.7", "ZL201511010645.4"]);
    let granted: Vec<String> = lists.patents.iter().map(|p| p.granted.to_string()).collect();
    assert_eq!(granted, ["2015-04-14", "2016-01-05", "2017-09-08", "2017-09-22"]);
    let owners: Vec<&str> = lists.patents.iter().map(|p| p.owner.as_str()).collect();
    assert_eq!(owners[1..], ["祁县晟达玻璃机械有限公司"; 3]);
    assert_eq!(cell_of(&read, "patents.3.owner"), "「发明专利」D5");
    assert_eq!((lists.alliances[0].members, lists.alliances[0].year), (126, 2008));
    assert_eq!(lists.patents[0].kind, "发明专利");
}

#[test]
fn cells_that_cannot_be_read_are_named_at_their_cell() {
    let dir = Dir::new();
    let path = dir.xlsx(
        "名单.xlsx",
        &[(
            "发明专利",
            &[
                PATENT_HEADER,
                &[N(1.0), S("甲"), N(201310664209.0), S("某公司"), S("2025年13月1日")],
                &[N(2.0), S("乙"), S("2.01311E+11"), S("某公司"), S("2025-03-01")],
                &[N(3.0), S("丙"), Blank, S("某公司"), F("=E3+1", "")],
                // A number whose check digit is not the one its digits give.
                &[N(4.0), S("丁"), N(201310664209.5), S("某公司"), S("2025-03-01")],
            ],
        )],
        |_| {},
    );
    let read = whole(&path);
    assert_eq!(
        found(&read),
        [
            "错误 「发明专利」C2 专利号“201310664209”缺少小数点后的校验位",
            "错误 「发明专利」E2 “授权公告日”不是日期：“2025年13月1日”",
            "错误 「发明专利」C3 专利号“2.01311E+11”被 Excel 显示成了科学计数法，后几位数字已经丢失",
            "错误 「发明专利」C4 “专利号”尚未填写",
            "错误 「发明专利」E4 “授权公告日”的单元格是公式（=E3+1），但文件中没有保存计算结果",
            "错误 「发明专利」C5 专利号“201310664209.5”的校验位应为 3：这一格的数字可能被 Excel 改动过",
        ]
    );
    assert_eq!(read.findings[3].path, "patents.2.number");
    assert_eq!(read.findings[3].fix, "请填写专利号；这一行不需要时请整行删除");
}

#[test]
fn one_enterprise_table_gives_every_honour_list_by_year() {
    let dir = Dir::new();
    let header: &[W] =
        &[S("序号"), S("企业名称"), S("企业简介"), S("经营范围"), S("专精特新认定年度"), S("高新技术企业认定年度")];
    let path = dir.xlsx(
        "名单.xlsx",
        &[(
            "企业",
            &[
                header,
                &[S("示例"), S("示例企业"), S("简介"), S("范围"), N(2020.0), N(2020.0)],
                &[N(1.0), S("甲公司"), S("甲简介"), S("甲范围"), N(2023.0), S("2021")],
                &[N(2.0), S("乙公司"), S("乙简介"), S("乙范围"), S("2022年"), Blank],
                &[N(3.0), S("丙公司"), S("丙简介"), S("丙范围"), Blank, N(2021.0)],
                &[N(4.0), S("甲公司"), S("甲简介"), S("甲范围"), Blank, N(2022.0)],
                &[N(5.0), S("丁公司"), S("丁简介"), S("丁范围"), Blank, Blank],
                &[N(6.0), S("戊公司"), S("戊简介"), S("戊范围"), S("是"), Blank],
            ],
        )],
        |_| {},
    );
    let read = whole(&path);
    assert_eq!(
        found(&read),
        [
            "错误 「企业」E8 “专精特新认定年度”应为四位年份，而这里是“是”",
            "错误 「企业」B6 企业“甲公司”在第 3 行已经列出",
            "警告 「企业」B7 企业“丁公司”没有填写任何认定年度，不会列入任何名单",
        ]
    );
    let lists: Lists = serde_json::from_value(Value::Object(read.lists.clone())).unwrap();
    let names = |list: &[crate::model::lists::Enterprise]| {
        list.iter().map(|e| format!("{}{}", e.name, e.year)).collect::<Vec<_>>()
    };
    assert_eq!(names(&lists.specialized), ["乙公司2022", "甲公司2023"]);
    assert_eq!(names(&lists.high_tech), ["甲公司2021", "丙公司2021"]);
    assert!(lists.champions.is_empty() && lists.little_giants.is_empty());
    assert_eq!(lists.specialized[1].intro, "甲简介");
    assert_eq!(cell_of(&read, "specialized.1.year"), "「企业」E3");
    assert_eq!(cell_of(&read, "specialized.1.name"), "「企业」B3");
    assert_eq!(cell_of(&read, "high_tech.1.scope"), "「企业」D5");
}

#[test]
fn other_sheets_are_named_and_empty_ones_ignored() {
    let dir = Dir::new();
    let path = dir.xlsx(
        "名单.xlsx",
        &[
            ("Sheet1", &[&[S("随手记的东西")]]),
            ("Sheet2", &[]),
            ("专利", &[PATENT_HEADER]),
            ("发明专利清单", &[PATENT_HEADER]),
        ],
        |_| {},
    );
    let read = whole(&path);
    assert_eq!(
        found(&read),
        [
            "警告 「Sheet1」A1 工作表「Sheet1」不是 dossier 读取的名单，未读入",
            "警告 「发明专利清单」A1 工作表「发明专利清单」与「专利」是同一份名单，只读入了「专利」",
        ]
    );
    assert_eq!(read.lists["patents"], json!([]));
}

#[test]
fn one_list_from_a_named_sheet() {
    let dir = Dir::new();
    let path = dir.xlsx(
        "专利.xlsx",
        &[("2025年", &[PATENT_HEADER, &[N(1.0), S("甲"), S("ZL201310664209.3"), S("某公司"), S("2015-04-14")]])],
        |_| {},
    );
    let book = book::read(&path).unwrap();
    let patents = Layout::find("patents").unwrap();
    // The only sheet serves when none is named.
    assert_eq!(list(&book, patents, None).unwrap().lists["patents"].as_array().unwrap().len(), 1);
    assert_eq!(list(&book, patents, Some("２０２５年")).unwrap().lists["patents"].as_array().unwrap().len(), 1);
    let missing = list(&book, patents, Some("2024年")).unwrap_err();
    assert_eq!(missing.to_string(), "表格中没有工作表「2024年」（有：2025年）");
}

const CSV: &str = "序号,专利名称,专利号,专利权人,授权公告日\n1,一种玻璃料滴剪切机构,201910293291.0,祁县昭馀玻璃制品有限公司,2020/8/18\n2,一种装置,2.01911E+11,祁县昭馀玻璃制品有限公司,2020/8/18\n,,,,\n";

#[test]
fn csv_in_utf8_and_gbk() {
    let dir = Dir::new();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(CSV);
    assert!(!unmappable);
    for (name, bytes) in [("专利.csv", [b"\xEF\xBB\xBF", CSV.as_bytes()].concat()), ("专利gbk.csv", gbk.into_owned())]
    {
        let path = dir.path(name);
        std::fs::write(&path, bytes).unwrap();
        let book = book::read(&path).unwrap();
        let read = list(&book, Layout::find("patents").unwrap(), None).unwrap();
        assert_eq!(
            found(&read),
            ["错误 C3 专利号“2.01911E+11”被 Excel 显示成了科学计数法，后几位数字已经丢失"],
            "{name}"
        );
        assert_eq!(read.lists["patents"][0]["number"], "201910293291.0", "{name}");
        assert_eq!(read.lists["patents"][0]["granted"], "2020-08-18", "{name}");
    }
}

#[test]
fn files_that_are_not_workbooks_say_what_they_are() {
    let dir = Dir::new();
    let cases: [(&str, &[u8], &str); 5] = [
        ("名单.xls", b"<html><table><tr><td>1</td></tr></table></html>", "实际是网页（HTML），不是 Excel 表格"),
        ("名单.et", b"\xD0\xCF\x11\xE0", "是 WPS 表格自有的 .et 格式"),
        ("名单.xlsx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 encrypted", "设置了打开密码"),
        ("名单.csv", b"\xFF\xFE\xFF\x80\x81", "既不是 UTF-8 也不是 GBK 编码的文本"),
        ("名单.xlsx", b"PK\x03\x04 cut short", "已损坏，或不是有效的 Excel（.xlsx） 文件"),
    ];
    for (name, bytes, says) in cases {
        let path = dir.path(name);
        std::fs::write(&path, bytes).unwrap();
        let error = book::read(&path).unwrap_err();
        assert!(error.to_string().contains(says), "{name}: {error}");
        assert!(error.to_string().contains(name), "{name}: {error}");
    }
    assert!(matches!(book::read(&dir.path("无.xlsx")), Err(BookError::Io { .. })));
}

#[test]
fn the_template_reads_back_as_empty_lists() {
    let dir = Dir::new();
    let path = dir.path("名单.xlsx");
    std::fs::write(&path, write::template(Date::parse("2026-05-08").unwrap()).unwrap()).unwrap();
    let read = whole(&path);
    assert_eq!(found(&read), Vec::<String>::new());
    let lists: Lists = serde_json::from_value(Value::Object(read.lists)).unwrap();
    assert_eq!(lists, Lists::default());
    let again = write::template(Date::parse("2026-05-08").unwrap()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), again, "the same template is the same bytes");
}

/// The example cluster's lists, exported and read back: each honour list holds the same
/// enterprises in order of their year, everything else comes back as it was.
#[test]
fn exported_lists_read_back_as_they_were() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jinzhong/qixian-glass/cluster.yaml");
    let lists = crate::load::cluster(&example).unwrap().value.lists;
    let (bytes, notes) = write::export(&lists, Date::parse("2026-05-08").unwrap()).unwrap();
    assert_eq!(notes, Vec::<String>::new());
    let dir = Dir::new();
    let path = dir.path("名单.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let read = whole(&path);
    assert_eq!(found(&read), Vec::<String>::new());
    let mut back: Lists = serde_json::from_value(Value::Object(read.lists)).unwrap();
    let mut expected = lists.clone();
    for (back, expected) in [
        (&mut back.champions, &mut expected.champions),
        (&mut back.little_giants, &mut expected.little_giants),
        (&mut back.specialized, &mut expected.specialized),
        (&mut back.high_tech, &mut expected.high_tech),
    ] {
        assert!(back.is_sorted_by_key(|e| e.year));
        back.sort_by(|a, b| (a.year, &a.name).cmp(&(b.year, &b.name)));
        expected.sort_by(|a, b| (a.year, &a.name).cmp(&(b.year, &b.name)));
    }
    assert!(back == expected, "the lists differ");
}

#[test]
fn an_enterprise_told_differently_in_two_lists_is_kept_once_with_a_note() {
    let mut lists = Lists::default();
    let enterprise = |intro: &str, year| crate::model::lists::Enterprise {
        name: "甲公司".into(),
        intro: intro.into(),
        scope: "范围".into(),
        year,
    };
    lists.specialized = vec![enterprise("简介一", 2021)];
    lists.high_tech = vec![enterprise("简介二", 2022), enterprise("简介二", 2024)];
    let (_, notes) = write::export(&lists, Date::parse("2026-05-08").unwrap()).unwrap();
    assert_eq!(
        notes,
        [
            "企业“甲公司”在高新技术企业名单中的企业简介与前面的不同，表格中保留了前面的",
            "企业“甲公司”在高新技术企业名单中出现了不止一次，表格中保留了 2022 年的一次",
        ]
    );
}
/// An ODS file as LibreOffice writes one: a cell merged over two rows, the rows below it
/// repeated, a date cell.
#[test]
fn merged_cells_of_an_ods_file() {
    use std::io::Write;
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content office:version="1.3"
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:spreadsheet><table:table table:name="发明专利">
<table:table-row>
  <table:table-cell office:value-type="string"><text:p>专利名称</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>专利号</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>专利权人</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>授权公告日</text:p></table:table-cell>
</table:table-row>
<table:table-row>
  <table:table-cell office:value-type="string"><text:p>甲</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>ZL201310664209.3</text:p></table:table-cell>
  <table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>某公司</text:p></table:table-cell>
  <table:table-cell office:value-type="date" office:date-value="2015-04-14"><text:p>2015-04-14</text:p></table:table-cell>
</table:table-row>
<table:table-row>
  <table:table-cell office:value-type="string"><text:p>乙</text:p></table:table-cell>
  <table:table-cell office:value-type="float" office:value="201910293291"><text:p>201910293291</text:p></table:table-cell>
  <table:covered-table-cell/>
  <table:table-cell office:value-type="string"><text:p>2016/1/5</text:p></table:table-cell>
</table:table-row>
<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    // LibreOffice writes no whitespace between elements, and calamine expects none.
    let content: String = content.lines().map(|l| l.trim_end()).map(|l| l.strip_prefix("  ").unwrap_or(l)).collect();
    let dir = Dir::new();
    let path = dir.path("名单.ods");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#)
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    let read = whole(&path);
    assert_eq!(found(&read), Vec::<String>::new());
    assert_eq!(
        read.lists["patents"],
        json!([
            {"title": "甲", "number": "ZL201310664209.3", "owner": "某公司", "granted": "2015-04-14"},
            {"title": "乙", "number": "201910293291.0", "owner": "某公司", "granted": "2016-01-05"},
        ])
    );
    assert_eq!(cell_of(&read, "patents.1.owner"), "「发明专利」C3");
}

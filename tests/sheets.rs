//! Lists kept in spreadsheets, read through the loader as a user's cluster would have them.

use std::path::Path;
use std::process::Command;

use dossier::load::sheet::{self, book};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// A workbook with what Excel users do to cells: merged cells, date cells, a patent number
/// Excel made a number of, text dates, a count stored as text, a formula's cached value.
fn tricky_workbook(path: &Path) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let patents = book.add_worksheet().set_name("发明专利").unwrap();
    for (col, header) in ["序号", "专利名称", "专利号", "专利权人", "授权公告日"].into_iter().enumerate()
    {
        patents.write(0, col as u16, header).unwrap();
    }
    patents.write(1, 1, "一种高硼硅玻璃杯口火抛光装置").unwrap();
    patents.write(1, 2, "ZL201310664209.3").unwrap();
    patents.write(1, 3, "山西麓台晶艺玻璃有限公司").unwrap();
    patents.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2015, 4, 14).unwrap(), &date).unwrap();
    patents.write(2, 1, "一种玻璃料滴剪切机构").unwrap();
    patents.write(2, 2, 201910293291.0).unwrap();
    patents.merge_range(2, 3, 3, 3, "祁县昭馀玻璃制品有限公司", &Format::new()).unwrap();
    patents.write(2, 4, "2020/8/18").unwrap();
    patents.write(3, 1, "一种玻璃杯在线壁厚测量装置").unwrap();
    patents.write(3, 2, 201910293291.0 + 0.5).unwrap();
    patents.write(3, 4, "2022年2月18日").unwrap();
    let alliances = book.add_worksheet().set_name("产业联盟").unwrap();
    for (col, header) in ["组织名称", "类别", "成员单位数量", "成立年度"].into_iter().enumerate() {
        alliances.write(0, col as u16, header).unwrap();
    }
    alliances.write(1, 0, "祁县玻璃器皿行业协会").unwrap();
    alliances.write(1, 1, "行业协会").unwrap();
    alliances.write(1, 2, "126").unwrap();
    alliances.write_formula(1, 3, Formula::new("=2000+8").set_result("2008")).unwrap();
    book.save(path).unwrap();
}

/// The same workbook saved by LibreOffice as .xls and .ods reads as the .xlsx does. Needs
/// LibreOffice: `tools/check-outside.sh` runs it.
#[test]
#[ignore = "needs LibreOffice (tools/check-outside.sh runs it)"]
fn libreoffice_saves_read_as_the_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("名单.xlsx");
    tricky_workbook(&xlsx);
    let profile = dir.path().join("profile");
    for format in ["xls", "ods"] {
        let status = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", format, "--outdir"])
            .arg(dir.path())
            .arg(&xlsx)
            .status()
            .expect("LibreOffice (soffice) runs");
        assert!(status.success());
    }
    let original = sheet::workbook(&book::read(&xlsx).unwrap());
    assert!(original.findings.is_empty(), "{:?}", original.findings);
    assert_eq!(original.lists["patents"][1]["number"], "201910293291.0");
    assert_eq!(original.lists["patents"][2]["owner"], "祁县昭馀玻璃制品有限公司");
    assert_eq!(original.lists["alliances"][0]["year"], 2008);
    for format in ["xls", "ods"] {
        let saved = dir.path().join(format!("名单.{format}"));
        let read = sheet::workbook(&book::read(&saved).unwrap());
        assert_eq!(read.findings, original.findings, "{format}");
        assert_eq!(read.lists, original.lists, "{format}");
        assert_eq!(read.cells, original.cells, "{format}");
    }
}

/// `dossier export-lists` writes the cluster's lists beside its cluster.yaml, reads back as
/// they were, and does not replace an existing workbook unless told to.
#[test]
fn export_lists_writes_the_workbook_once() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = dir.path().join("平遥");
    std::fs::create_dir(&cluster).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jinzhong/pingyao-beef/cluster.yaml");
    std::fs::copy(&example, cluster.join("cluster.yaml")).unwrap();
    let export = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dossier")).arg("export-lists").arg(&cluster).args(extra).output().unwrap()
    };
    let first = export(&[]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let workbook = cluster.join("名单.xlsx");
    let bytes = std::fs::read(&workbook).unwrap();
    let read = sheet::workbook(&book::read(&workbook).unwrap());
    assert!(read.findings.is_empty(), "{:?}", read.findings);
    let lists = dossier::load::cluster(&cluster.join("cluster.yaml")).unwrap().value.lists;
    assert_eq!(read.lists["patents"].as_array().unwrap().len(), lists.patents.len());
    assert_eq!(read.lists["specialized"].as_array().unwrap().len(), lists.specialized.len());

    let again = export(&[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("已存在：export-lists 不会覆盖已有的表格（确要覆盖请加 --force）")
    );
    assert!(export(&["--force"]).status.success());
    assert_eq!(std::fs::read(&workbook).unwrap(), bytes, "the same lists make the same bytes");
}

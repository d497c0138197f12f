//! Lists kept in spreadsheets, read through the loader as a user's cluster would have them.

use std::path::Path;
use std::process::Command;

use dossier::load::diagnostic::Diagnostic;
use dossier::load::sheet::{self, book};
use dossier::model::Date;
use dossier::model::lists::Lists;
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
    patents.write(3, 2, 201910293291.0).unwrap();
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
    let (dir, _) = cluster_with(&yaml_lists(&example_lists()));
    let cluster = dir.path().to_owned();
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

/// The example 平遥 cluster's cluster.yaml up to its `lists:`, which `lists` replaces, in a
/// folder of its own.
fn cluster_with(lists: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jinzhong/pingyao-beef/cluster.yaml");
    let text = std::fs::read_to_string(example).unwrap();
    let head = &text[..text.find("\nlists:").unwrap() + 1];
    let file = dir.path().join("cluster.yaml");
    std::fs::write(&file, format!("{head}{lists}")).unwrap();
    (dir, file)
}

/// The example's own lists.
fn example_lists() -> Lists {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jinzhong/pingyao-beef/cluster.yaml");
    dossier::load::cluster(&example).unwrap().value.lists
}

/// `lists` written out in cluster.yaml, entry by entry.
fn yaml_lists(lists: &Lists) -> String {
    let yaml = serde_yaml::to_string(lists).unwrap();
    let indented: String = yaml.lines().map(|line| format!("  {line}\n")).collect();
    format!("lists:\n{indented}")
}

fn workbook_of(lists: &Lists, path: &Path) {
    let (bytes, _) = sheet::write::export(lists, Date::parse("2026-05-07").unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Each finding as `错误 <file name><cell> message`, or `… cluster.yaml:line message`.
fn findings(found: &[Diagnostic]) -> Vec<String> {
    found
        .iter()
        .map(|d| {
            let place = match &d.cell {
                Some(_) => d.location()[d.file.parent().unwrap().display().to_string().len() + 1..].to_owned(),
                None => format!("{}:{}", d.file.file_name().unwrap().to_string_lossy(), d.pos.line),
            };
            format!("{} {place} {}", d.severity.chinese(), d.message)
        })
        .collect()
}

/// `lists: { from: 名单.xlsx }` gives the cluster the very lists its YAML gave, and the rules
/// find the same. (The example 平遥 keeps its lists so: `tests/build.rs` holds its outputs to the
/// bytes they had when its lists were YAML.)
#[test]
fn a_workbook_gives_the_lists_the_yaml_gave() {
    let (yaml_dir, yaml_file) = cluster_with(&yaml_lists(&example_lists()));
    let from_yaml = dossier::load::cluster(&yaml_file).unwrap();
    assert!(from_yaml.value.lists.sources.written.contains(&"patents".to_owned()));
    let (dir, file) = cluster_with("lists:\n  from: 名单.xlsx\n");
    workbook_of(&from_yaml.value.lists, &dir.path().join("名单.xlsx"));
    let from_sheets = dossier::load::cluster(&file).unwrap();
    let json = |lists: &Lists| serde_json::to_value(lists).unwrap();
    assert_eq!(json(&from_sheets.value.lists), json(&from_yaml.value.lists));
    assert_eq!(from_sheets.value.lists.specialized.len(), 10);
    let messages = |found: Vec<Diagnostic>| found.into_iter().map(|d| d.message).collect::<Vec<_>>();
    assert_eq!(messages(dossier::rules::cluster(&from_sheets)), messages(dossier::rules::cluster(&from_yaml)));
    drop(yaml_dir);
}

/// A rule's finding about a value read from a sheet names the workbook, the sheet and the cell;
/// the counts of the form are held to the lists whichever source gave them, and the finding
/// names the sheet the list is on.
#[test]
fn findings_about_sheet_data_name_the_cell() {
    let (dir, file) = cluster_with("lists:\n  from: 名单.xlsx\n");
    let mut lists = example_lists();
    // 平遥县洪善肉类加工有限公司 (row 5 of 企业) has a dash for its scope; the last 专精特新
    // enterprise is left out.
    lists.specialized[2].scope = "/".into();
    lists.specialized.pop();
    workbook_of(&lists, &dir.path().join("名单.xlsx"));
    let loaded = dossier::load::cluster(&file).unwrap();
    // (The evidence folders are not there: those findings are another test's.)
    let mut found: Vec<Diagnostic> =
        dossier::rules::cluster(&loaded).into_iter().filter(|d| !d.message.contains("中没有佐证材料")).collect();
    dossier::load::diagnostic::sort(&mut found);
    assert_eq!(
        findings(&found),
        [
            "错误 cluster.yaml:87 填写 10，而省级专精特新中小企业名单（名单.xlsx「企业」）中认定年度在 2025 年及以前的共 9 项",
            "错误 名单.xlsx「企业」D6 “/”不是“无”：通知要求无相关情况时填写“无”",
        ]
    );
    assert_eq!(found[0].fix, "数量须与名单一致：补全或更正 名单.xlsx「企业」，或把此数改为 9");
    assert_eq!(found[1].location(), format!("{}「企业」D6", dir.path().join("名单.xlsx").display()));
    assert_eq!(found[1].fix, "把此项改为“无”");
}

/// A list that names its own file: a CSV saved by Excel on a Chinese Windows (GBK), each
/// finding at its cell; a workbook that is not there, and a sheet the workbook lacks, are
/// named at their line of cluster.yaml.
#[test]
fn one_list_from_a_csv_file_and_what_cluster_yaml_names_wrong() {
    let lists = example_lists();
    let rest: String = [
        "  from: 名单.xlsx\n",
        "  patents: { from: 专利.csv }\n",
        "  alliances: { from: 联盟.xlsx }\n",
        "  overseas_branches: { from: 名单.xlsx, sheet: 境外机构 }\n",
    ]
    .concat();
    let (dir, file) = cluster_with(&format!("lists:\n{rest}"));
    workbook_of(&lists, &dir.path().join("名单.xlsx"));
    let mut csv = String::from("序号,专利名称,专利号,专利权人,授权公告日\n");
    for (i, p) in lists.patents.iter().enumerate() {
        let number = if i == 1 { "2.01911E+11".to_owned() } else { p.number.clone() };
        csv.push_str(&format!("{},{},{number},{},{}\n", i + 1, p.title, p.owner, p.granted));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    std::fs::write(dir.path().join("专利.csv"), &gbk).unwrap();
    let loaded = dossier::load::cluster(&file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let line = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
    assert_eq!(
        findings(&loaded.findings),
        [
            "错误 专利.csv C3 专利号“2.01911E+11”被 Excel 显示成了科学计数法，后几位数字已经丢失".to_owned(),
            format!(
                "错误 cluster.yaml:{} 名单.xlsx 表格中没有工作表「境外机构」（有：企业、标准、创新平台、发明专利、新模式新业态、绿色制造、境外分支机构、产业联盟、公共服务平台）",
                line("境外机构")
            ),
            format!(
                "错误 cluster.yaml:{} 无法读取 {}：找不到该文件或文件夹（请检查路径是否写错，上一级文件夹是否存在）",
                line("联盟.xlsx"),
                dir.path().join("联盟.xlsx").display()
            ),
        ]
    );
    // The other patents are read; the one whose number Excel lost stands in, and no rule
    // speaks of it.
    assert_eq!(loaded.value.lists.patents.len(), lists.patents.len());
    assert_eq!(loaded.value.lists.patents[0], lists.patents[0]);
    assert!(loaded.stand_ins.contains(&"lists.patents.1.number".to_owned()), "{:?}", loaded.stand_ins);
    assert_eq!(loaded.findings[0].fix, "请在原表中把“专利号”一列设为文本格式，按专利证书重新录入，如 ZL201310664209.3");
}

/// A list written out in cluster.yaml is not read from the workbook too: the workbook's copy
/// is named in a warning.
#[test]
fn a_list_written_in_yaml_wins_over_the_workbook() {
    let lists = example_lists();
    let (dir, file) = cluster_with("lists:\n  from: 名单.xlsx\n  alliances: []\n");
    workbook_of(&lists, &dir.path().join("名单.xlsx"));
    let loaded = dossier::load::cluster(&file).unwrap();
    assert!(loaded.value.lists.alliances.is_empty());
    assert_eq!(loaded.value.lists.patents, lists.patents);
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text[..text.rfind("  alliances").unwrap()].matches('\n').count() + 1;
    assert_eq!(
        findings(&loaded.findings),
        [format!(
            "警告 cluster.yaml:{line} 名单.xlsx 中的工作表「产业联盟」未读入这份名单：cluster.yaml 中已逐项填写了它"
        )]
    );
}

/// `check` and `build` read the same sheets: a cell that cannot be read is reported by both at
/// its cell, and build writes nothing.
#[test]
fn check_and_build_both_name_the_cell() {
    let lists = example_lists();
    let (dir, _) = cluster_with("lists:\n  from: 名单.xlsx\n  patents: { from: 专利.csv }\n");
    workbook_of(&lists, &dir.path().join("名单.xlsx"));
    std::fs::write(
        dir.path().join("专利.csv"),
        "专利名称,专利号,专利权人,授权公告日\n一种装置,2.01911E+11,某公司,2020/8/18\n",
    )
    .unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        let output = Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        (output.status.code(), text)
    };
    let finding = format!("{} B2", dir.path().join("专利.csv").display());
    let (code, text) = run(&["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains(&finding) && text.contains("被 Excel 显示成了科学计数法"), "{text}");
    let out = tempfile::tempdir().unwrap();
    let (code, text) = run(&["build".as_ref(), dir.path().as_os_str(), "--out".as_ref(), out.path().as_os_str()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains(&finding), "{text}");
    assert!(!out.path().join("平遥县牛肉食品产业").exists(), "no form or volume is written");
}

//! Paths and names as offices have them: Chinese folders with spaces and full-width brackets,
//! paths past Windows' old 260-character limit, `evidence.files` written with `\` or `/`,
//! clusters outside the city's folder, and file names garbled by zip tools. Each is checked and
//! built through the library; `tools/check-windows.sh` runs these tests under Wine too.

mod common;

use std::fs;
use std::path::Path;

use dossier::build::ClusterReport;
use dossier::load::diagnostic::{Diagnostic, Severity};
use dossier::load::project;

fn findings(file: &Path) -> Vec<Diagnostic> {
    dossier::rules::cluster(&dossier::load::cluster(file).expect("the cluster loads"))
}

fn build(file: &Path, out: &Path) -> ClusterReport {
    common::build_cluster(common::engine(), file, out).unwrap_or_else(|e| panic!("{e}"))
}

/// Whether a volume of the build bound `file`.
fn binds(report: &ClusterReport, file: &Path) -> bool {
    report.volumes.iter().flat_map(|(_, r)| &r.files).any(|f| f.path.as_deref() == Some(file) && f.pages == 1)
}

/// Lists `files` under `evidence.files.chain` of the YAML.
fn listing(files: &[&str]) -> impl FnOnce(String) -> String {
    let lines: String = files.iter().map(|f| format!("      - '{f}'\n")).collect();
    move |yaml| yaml.replacen("# 名单与清单", &format!("evidence:\n  files:\n    chain:\n{lines}\n# 名单与清单"), 1)
}

#[test]
fn chinese_folders_with_spaces_and_full_width_brackets_build() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("晋中市 申报材料（2026 年）").join("祁县 玻璃器皿【终稿】");
    let file = common::copy_cluster("qixian-glass", &folder, |yaml| yaml);
    let scan = folder.join("evidence/05-产业链强链补链/04-产业链图谱（盖章） 第 1 页.pdf");
    fs::write(&scan, common::blank_pdf()).unwrap();
    assert_eq!(findings(&file), Vec::new());
    let out = dir.path().join("输出 （out）");
    let report = build(&file, &out);
    assert!(binds(&report, &scan), "{:#?}", report.volumes);
    assert!(report.dir.starts_with(&out) && report.files.iter().all(|f| f.is_file()));
}

#[test]
fn evidence_files_may_be_written_with_either_separator() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("集群");
    let file = common::copy_cluster(
        "qixian-glass",
        &folder,
        listing(&[r"补充材料\图谱 甲.pdf", "补充材料/子目录/图谱（乙）.pdf"]),
    );
    fs::create_dir_all(folder.join("补充材料/子目录")).unwrap();
    let first = folder.join("补充材料").join("图谱 甲.pdf");
    let second = folder.join("补充材料").join("子目录").join("图谱（乙）.pdf");
    fs::write(&first, common::blank_pdf()).unwrap();
    fs::write(&second, common::blank_pdf()).unwrap();
    assert_eq!(findings(&file), Vec::new());
    let report = build(&file, &dir.path().join("out"));
    assert!(binds(&report, &first) && binds(&report, &second), "{:#?}", report.volumes);
}

#[test]
fn an_evidence_file_on_another_drive_is_refused_on_every_system() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::copy_cluster("qixian-glass", dir.path(), listing(&[r"D:\扫描件\图谱.pdf"]));
    let found = findings(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].path.as_str(), found[0].severity), ("evidence.files.chain.0", Severity::Error));
    assert!(found[0].message.contains("绝对路径"), "{found:#?}");
}

#[test]
fn paths_longer_than_260_characters_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut folder = dir.path().to_owned();
    // Folders below 255 bytes each (Linux's limit for a name), together far past 260 characters.
    while folder.to_string_lossy().chars().count() < 240 {
        folder.push("晋中市特色产业集群申报材料（2026年度，县工信局整理后报市工信局，第二次修改稿）");
    }
    let file = common::copy_cluster("qixian-glass", &folder, |yaml| yaml);
    let scan = folder.join("evidence/05-产业链强链补链").join(format!("{}.pdf", "关于产业链图谱的说明材料".repeat(3)));
    fs::write(&scan, common::blank_pdf()).unwrap();
    assert!(scan.to_string_lossy().chars().count() > 300);
    assert_eq!(findings(&file), Vec::new());
    let report = build(&file, &dir.path().join("out"));
    assert!(binds(&report, &scan), "{:#?}", report.volumes);
}

#[test]
fn a_city_lists_clusters_with_either_separator_or_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("晋中市");
    let elsewhere = tempfile::tempdir().unwrap();
    let pingyao = elsewhere.path().join("平遥 牛肉");
    common::copy_cluster("qixian-glass", &city.join("县区").join("祁县"), |yaml| yaml);
    common::copy_cluster("pingyao-beef", &pingyao, |yaml| yaml);
    common::copy_cluster("yuci-hydraulics", &city.join("yuci-hydraulics"), |yaml| yaml);
    let yaml = fs::read_to_string(common::example("city.yaml")).unwrap();
    let yaml = yaml
        .replace("cluster: qixian-glass", r"cluster: 县区\祁县")
        .replace("cluster: pingyao-beef", &format!("cluster: '{}'", pingyao.display()));
    fs::write(city.join("city.yaml"), yaml).unwrap();
    let project = project::load_city(&city.join("city.yaml")).unwrap();
    assert!(project.failed.is_empty(), "{:#?}", project.failed);
    assert_eq!(project.clusters.len(), 3);
    let pingyao_file = &project.clusters.values().find(|c| c.value.name.starts_with("平遥")).unwrap().path;
    assert!(pingyao_file.starts_with(&pingyao), "{}", pingyao_file.display());
    let findings = dossier::rules::city(&project);
    assert!(findings.iter().all(|d| d.severity != Severity::Error), "{findings:#?}");
}

#[test]
fn a_garbled_file_name_is_bound_and_named_as_meant() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::copy_cluster("qixian-glass", dir.path(), |yaml| yaml);
    // 04-中文.pdf from a GBK zip, unpacked by a tool that read the names as code page 437.
    let scan = dir.path().join("evidence/05-产业链强链补链/04-╓╨╬─.pdf");
    fs::write(&scan, common::blank_pdf()).unwrap();
    let found = findings(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].severity, &found[0].file), (Severity::Warning, &scan));
    assert!(found[0].message.contains("原名应为“04-中文.pdf”") && found[0].fix.contains("改名"), "{found:#?}");
    assert!(binds(&build(&file, &dir.path().join("out")), &scan));
}

#[test]
fn a_garbled_evidence_folder_is_named_as_meant() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::copy_cluster("qixian-glass", dir.path(), |yaml| yaml);
    let meant = "05-产业链强链补链";
    let (gbk, _, _) = encoding_rs::GBK.encode(meant);
    let garbled = oem_cp::decode_string_complete_table(&gbk, &oem_cp::code_table::DECODING_TABLE_CP437);
    fs::create_dir_all(dir.path().join("evidence").join(&garbled)).unwrap();
    let found = findings(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains(&garbled) && found[0].fix.contains(&format!("改名为“{meant}”")), "{found:#?}");
}

/// On Linux a GBK zip unpacks to names that are not UTF-8 at all: the file is still read.
#[cfg(unix)]
#[test]
fn a_file_name_in_raw_gbk_bytes_is_bound_and_named_as_meant() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let file = common::copy_cluster("qixian-glass", dir.path(), |yaml| yaml);
    let (bytes, _, _) = encoding_rs::GBK.encode("04-营业执照.pdf");
    let scan = dir.path().join("evidence/05-产业链强链补链").join(std::ffi::OsStr::from_bytes(&bytes));
    fs::write(&scan, common::blank_pdf()).unwrap();
    let found = findings(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("原名应为“04-营业执照.pdf”"), "{found:#?}");
    assert!(binds(&build(&file, &dir.path().join("out")), &scan));
}

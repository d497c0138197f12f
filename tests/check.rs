//! `dossier check` against `dossier build`: what check passes, build builds; what build would fail
//! on, check reports. Then what only the outputs show: a figure with a zero base prints “无”, the
//! 省级 boxes are the province's, 附件8 is written only where its statements hold, and `init`
//! writes a skeleton a consultant can fill without the schema.

mod common;
mod volume_support;

use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde_json::Value;

use common::{dossier, edit};
use dossier::build::cache::Cache;
use dossier::build::{self, BuildError, Engine};
use dossier::load::diagnostic::{Diagnostic, Severity};
use dossier::load::project::Target;
use dossier::model::schema::{Kind, Walker};

/// One engine for every check and build here, its cache shared: a document one of them typeset
/// is not typeset again by the other.
fn engine() -> &'static Engine {
    static CACHE: OnceLock<tempfile::TempDir> = OnceLock::new();
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let engine = Engine::new(true).unwrap();
        let dir = CACHE.get_or_init(|| tempfile::tempdir().unwrap());
        let identity = engine.identity();
        engine.with_cache(Cache::new(dir.path().join("cache"), &identity))
    })
}

/// A copy of an example cluster with `yaml` as its file, the lists workbook of 平遥 (which keeps
/// its lists in one) and a one-page PDF in every evidence folder (the scans stand in; the tests
/// are about the data).
fn cluster_with(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cluster.yaml"), yaml).unwrap();
    std::fs::copy(common::example("pingyao-beef").join("名单.xlsx"), dir.path().join("名单.xlsx")).unwrap();
    common::stand_in_evidence(dir.path(), &[]);
    dir
}

fn example_yaml(name: &str) -> String {
    std::fs::read_to_string(common::example(name).join("cluster.yaml")).unwrap()
}

/// `check` on a cluster folder, and `build` of it into `out`.
fn check_and_build(dir: &Path, out: &Path) -> (Vec<Diagnostic>, Result<build::ClusterReport, BuildError>) {
    let file = dir.join("cluster.yaml");
    let findings = build::check::check(engine(), &Target::Cluster(file.clone())).unwrap();
    (findings, common::build_cluster(engine(), &file, out))
}

/// A figure of an example: its path, where its value starts, and what the test sets it to.
struct Figure {
    path: String,
    line: usize,
    column: usize,
    values: Vec<String>,
}

/// Every figure of a cluster file, each with the values it is set to: 0 (unless it is 0), the
/// largest its schema allows, and “无” where a figure may be words.
fn figures(yaml: &str) -> Vec<Figure> {
    let dir = cluster_with(yaml);
    let loaded = dossier::load::cluster(&dir.path().join("cluster.yaml")).unwrap();
    let json = serde_json::to_value(&loaded.value).unwrap();
    let walker = Walker::new(Kind::Cluster.cached());
    let mut leaves = Vec::new();
    fn walk<'v>(value: &'v Value, path: &str, out: &mut Vec<(String, &'v Value)>) {
        let join = |k: &str| if path.is_empty() { k.to_owned() } else { format!("{path}.{k}") };
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, &join(k), out)),
            Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| walk(v, &join(&i.to_string()), out)),
            leaf => out.push((path.to_owned(), leaf)),
        }
    }
    walk(&json, "", &mut leaves);
    leaves
        .into_iter()
        .filter(|(path, _)| loaded.positions.contains(path))
        .filter_map(|(path, value)| {
            let segments: Vec<String> = path.split('.').map(str::to_owned).collect();
            let node = walker.resolved(walker.child_at(&segments)?);
            if !(walker.expects(node, "number") || walker.expects(node, "integer")) {
                return None;
            }
            let zero = value.as_str().and_then(|s| s.parse::<dossier::model::Dec>().ok()).is_some_and(|d| d.is_zero())
                || value.as_u64() == Some(0);
            let mut values = vec![node.get("maximum")?.to_string()];
            if !zero {
                values.push("0".to_owned());
            }
            if walker.expects(node, "string") {
                values.push("无".to_owned());
            }
            let pos = loaded.positions.value(&path);
            Some(Figure { path, line: pos.line, column: pos.column, values })
        })
        .collect()
}

/// `yaml` with the value at a line and column replaced by `value`.
fn with_value(yaml: &str, line: usize, column: usize, value: &str) -> String {
    let mut lines: Vec<String> = yaml.lines().map(str::to_owned).collect();
    let text = &lines[line - 1];
    let start: usize = text.char_indices().nth(column - 1).map_or(text.len(), |(i, _)| i);
    let end = text[start..].find([',', '}', ' ', '#']).map_or(text.len(), |i| start + i);
    lines[line - 1] = format!("{}{value}{}", &text[..start], &text[end..]);
    lines.join("\n") + "\n"
}

/// Sets figures of the example clusters in turn to each of their values — every `stride`-th
/// one, and every base year at 0 — and runs `check` and a real `build` of each: both pass, or
/// check reports what build fails on.
fn agreement(stride: usize) {
    let cases: Vec<(String, String)> = ["qixian-glass", "pingyao-beef", "yuci-hydraulics"]
        .into_iter()
        .flat_map(|name| {
            let yaml = example_yaml(name);
            let cases: Vec<(String, String)> = figures(&yaml)
                .into_iter()
                .flat_map(|f| {
                    let base = f.path.ends_with(".2022");
                    f.values
                        .iter()
                        .map(|v| {
                            (
                                base && v == "0",
                                format!("{name} {} = {v}", f.path),
                                with_value(&yaml, f.line, f.column, v),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .enumerate()
                .filter(|(i, (base_at_zero, _, _))| *base_at_zero || i % stride == 0)
                .map(|(_, (_, case, yaml))| (case, yaml))
                .collect();
            cases
        })
        .collect();
    let disagree: Vec<String> = cases
        .par_iter()
        .with_max_len(1)
        .filter_map(|(case, yaml)| {
            let dir = cluster_with(yaml);
            let out = tempfile::tempdir().unwrap();
            let (findings, built) = check_and_build(dir.path(), out.path());
            let errors: Vec<&Diagnostic> = findings.iter().filter(|d| d.severity == Severity::Error).collect();
            match built {
                Ok(_) if errors.is_empty() => None,
                Err(BuildError::DataErrors(_)) if !errors.is_empty() => None,
                Ok(_) => Some(format!("{case}: check found {errors:#?}, build built")),
                Err(e) => Some(format!("{case}: build failed ({e}); check found {errors:#?}")),
            }
        })
        .collect();
    assert!(disagree.is_empty(), "{} of {} cases disagree: {disagree:#?}", disagree.len(), cases.len());
}

/// A sample of [`agreement`] for every `cargo test`: a share of the figures, spread over all three
/// clusters and all their parts.
#[test]
fn check_and_build_agree_on_figures_at_zero_and_their_largest() {
    agreement(40);
}

/// Every figure, as the issue asks: about 4 minutes on 2 cores, so `.ci/run` runs it.
#[test]
#[ignore = "every figure of the examples, about 4 minutes on 2 cores: run by .ci/run"]
fn check_and_build_agree_on_every_figure_at_zero_and_its_largest() {
    agreement(1);
}

/// A copy of the example city, scans included, under `root/jinzhong`.
fn city_copy(root: &Path) -> std::path::PathBuf {
    let to = root.join("jinzhong");
    common::copy_dir(&common::example(""), &to);
    to
}

/// The cells of a table row, by the text of its first cell.
fn row(paragraphs: &[String], label: &str, cells: usize) -> Vec<String> {
    let at = paragraphs.iter().position(|p| p == label).unwrap_or_else(|| panic!("no row {label}"));
    paragraphs[at + 1..=at + cells].to_vec()
}

#[test]
fn a_zero_base_year_builds_and_the_form_prints_无() {
    let yaml = example_yaml("pingyao-beef").replacen("  fdi:\n    2022: 320.00", "  fdi:\n    2022: 0.00", 1);
    let dir = cluster_with(&yaml);
    let out = tempfile::tempdir().unwrap();
    let (findings, built) = check_and_build(dir.path(), out.path());
    assert!(findings.iter().all(|d| d.severity == Severity::Warning), "{findings:#?}");
    let report = built.expect("a zero base builds");
    let form = report.dir.join("附件2 山西省中小企业特色产业集群申报表.docx");
    let cells = row(&common::docx_file_paragraphs(&form), "集群外商直接投资额增长率（%）", 3);
    assert_eq!(cells[0], "无", "{cells:?}");
    assert!(cells[1].parse::<f64>().is_ok() && cells[2].parse::<f64>().is_ok(), "{cells:?}");
}

/// The 真实性声明及推荐意见 box of a form: its opinion's label and the paragraphs after it.
fn opinion_box(form: &Path, label: &str) -> Vec<String> {
    let all = common::docx_file_paragraphs(form);
    let at = all.iter().position(|p| p == label).unwrap_or_else(|| panic!("no {label} in {}", form.display()));
    all[at + 1..].iter().take_while(|p| !p.starts_with("四、")).filter(|p| !p.is_empty()).cloned().collect()
}

#[test]
fn each_opinion_box_is_filled_only_by_the_office_it_names() {
    let root = tempfile::tempdir().unwrap();
    let city = city_copy(root.path());
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = dossier(&["build".as_ref(), city.as_os_str(), "--out".as_ref(), out.path().as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    let glass = out.path().join("祁县玻璃器皿产业");
    // The city's own box carries its opinion; the province's stays empty for its hand and seal.
    let city_box =
        opinion_box(&glass.join("附件2 山西省中小企业特色产业集群申报表.docx"), "市级中小企业主管部门推荐意见");
    assert!(city_box[0].starts_with("经现场核查，该集群申报材料真实有效"), "{city_box:?}");
    let empty = ["推荐单位(公章):", "年　　月　　日"];
    assert_eq!(
        opinion_box(&glass.join("附件3 中小企业特色产业集群申报表.docx"), "省级中小企业主管部门推荐意见"),
        empty
    );
    let hydraulics = out.path().join("榆次区液压装备产业");
    let review =
        opinion_box(&hydraulics.join("附件6 中小企业特色产业集群复核申报表.docx"), "省级中小企业主管部门复核意见");
    assert_eq!(review, empty);

    // A province file above the city fills the 省级 boxes, dated when it says so.
    std::fs::write(
        root.path().join("province.yaml"),
        "province: 山西省\nauthority: 山西省工业和信息化厅\nrecommended:\n  - cluster: jinzhong/qixian-glass\n    \
         opinion: 经审核，同意推荐。\n    date: 2026-06-10\nreviewed:\n  - cluster: jinzhong/yuci-hydraulics\n    \
         opinion: 经复核，同意通过。\n",
    )
    .unwrap();
    let (code, _, stderr) = dossier(&["build".as_ref(), city.as_os_str(), "--out".as_ref(), out.path().as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    let national = opinion_box(&glass.join("附件3 中小企业特色产业集群申报表.docx"), "省级中小企业主管部门推荐意见");
    assert_eq!(national, ["经审核，同意推荐。", "推荐单位(公章):", "2026年6月10日"]);
    let review =
        opinion_box(&hydraulics.join("附件6 中小企业特色产业集群复核申报表.docx"), "省级中小企业主管部门复核意见");
    assert_eq!(review, ["经复核，同意通过。", "推荐单位(公章):", "年　　月　　日"]);
    let city_box =
        opinion_box(&glass.join("附件2 山西省中小企业特色产业集群申报表.docx"), "市级中小企业主管部门推荐意见");
    assert!(city_box[0].starts_with("经现场核查"), "the city's box is still the city's: {city_box:?}");
}

#[test]
fn a_province_file_names_clusters_that_submit_its_forms() {
    let root = tempfile::tempdir().unwrap();
    let city = city_copy(root.path());
    let province = root.path().join("province.yaml");
    let text = "province: 山西省\nauthority: 山西省工业和信息化厅\nrecommended:\n  - cluster: jinzhong/pingyao-beef\n    \
                opinion: 同意推荐。\n  - cluster: jinzhong/taigu-cakes\n    opinion: 同意推荐。\n";
    std::fs::write(&province, text).unwrap();
    let findings = build::check::check(engine(), &Target::Province(province.clone())).unwrap();
    let at = |path: &str| findings.iter().find(|d| d.path == path).unwrap_or_else(|| panic!("{path}: {findings:#?}"));
    assert_eq!(findings.len(), 2, "{findings:#?}");
    let beef = at("recommended.0.cluster");
    assert_eq!((beef.pos.line, beef.pos.column), (4, 14));
    assert_eq!(
        beef.message,
        "集群 “平遥县牛肉食品产业” 不报送中小企业特色产业集群申报表（其 submissions 中没有“国家级申报”），这条意见没有表格可以填入"
    );
    let missing = at("recommended.1.cluster");
    assert_eq!((missing.pos.line, missing.pos.column), (6, 14));
    assert!(missing.message.starts_with("找不到集群 “jinzhong/taigu-cakes”"), "{missing:#?}");
    // A city's check reads the province file above it, and its findings hold the build back.
    let findings = build::check::check(engine(), &Target::City(city.join("city.yaml"))).unwrap();
    assert!(findings.iter().any(|d| d.file == province && d.severity == Severity::Error), "{findings:#?}");
}

#[test]
fn the_standard_statement_is_refused_where_the_data_denies_it() {
    let root = tempfile::tempdir().unwrap();
    let city = city_copy(root.path());
    let glass = city.join("qixian-glass");
    edit(
        &glass.join("cluster.yaml"),
        "  accidents:\n    answer: 否",
        "  accidents:\n    answer: 是\n    note: 2024年某企业发生一起一般生产安全事故，已整改。",
    );
    let out = root.path().join("statements");
    let (code, stdout, stderr) =
        dossier(&["verify-statement".as_ref(), glass.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains(
        "错误：回答“是”，与标准的现场核查符合性说明中的“集群内企业近三年未发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件”不符：不能为此集群出具标准说明"
    ), "{stderr}");
    assert!(stderr.contains("cluster.yaml:43:13"), "at the 是: {stderr}");
    assert!(stderr.contains("改法：由市级中小企业主管部门根据现场核查情况另行撰写说明、盖章"), "{stderr}");
    assert!(stderr.contains("✘ 祁县玻璃器皿产业：未生成现场核查符合性说明"), "{stderr}");
    let written: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(
        written.iter().all(|name| name.to_string_lossy().starts_with(".dossier-lock")),
        "no statement written: {written:?}"
    );

    // The build writes no 附件8 for it: its volumes wait for the city's own 说明.
    let built = root.path().join("out");
    let (code, _, stderr) = dossier(&["build".as_ref(), city.as_os_str(), "--out".as_ref(), built.as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!built.join("祁县玻璃器皿产业/附件8 现场核查符合性说明.pdf").exists());
    assert!(!built.join("晋中市/附件8 现场核查符合性说明（祁县玻璃器皿产业）.pdf").exists());
    assert!(built.join("晋中市/附件8 现场核查符合性说明（平遥县牛肉食品产业）.pdf").exists());
    let volume = volume_support::Volume::open(&built.join("祁县玻璃器皿产业/山西省中小企业特色产业集群申报材料.pdf"));
    let text: String = (0..volume.pages.len()).map(|i| volume.text(i)).collect::<String>().split_whitespace().collect();
    assert!(
        text.contains("2.市工信局现场核查符合性说明此处装订市级中小企业主管部门出具的说明"),
        "item 2 waits for the city's 说明"
    );
}

#[test]
fn no_statement_for_a_cluster_the_city_cannot_recommend() {
    let root = tempfile::tempdir().unwrap();
    let city = city_copy(root.path());
    // A second glass cluster in the same 细分领域, recommended after the first.
    let copy = city.join("qixian-glass-2");
    std::fs::create_dir_all(&copy).unwrap();
    let yaml = std::fs::read_to_string(city.join("qixian-glass/cluster.yaml")).unwrap();
    std::fs::write(
        copy.join("cluster.yaml"),
        yaml.replacen("name: 祁县玻璃器皿产业\n", "name: 祁县玻璃器皿二产业\n", 1),
    )
    .unwrap();
    edit(
        &city.join("city.yaml"),
        "  - cluster: pingyao-beef\n",
        "  - cluster: qixian-glass-2\n  - cluster: pingyao-beef\n",
    );
    let out = root.path().join("statements");
    let (code, _, stderr) =
        dossier(&["verify-statement".as_ref(), copy.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("集群 “qixian-glass-2” 一律不予受理（它与 “qixian-glass” 同属一个细分领域，每个细分领域只推荐 1 个集群）：不能为它出具现场核查符合性说明"),
        "{stderr}"
    );
    assert!(stderr.contains("city.yaml:15:14"), "at the city's line naming it: {stderr}");
}

#[test]
fn an_output_folder_that_cannot_be_made_is_said_in_chinese() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let cluster = common::example("pingyao-beef");
    let (code, _, stderr) =
        dossier(&["verify-statement".as_ref(), cluster.as_os_str(), "--out".as_ref(), file.join("out").as_os_str()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("无法写入输出目录") && stderr.contains("路径中有一段是文件而不是文件夹"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    // A folder that does not exist yet is made.
    let fresh = root.path().join("新/说明");
    let (code, stdout, stderr) =
        dossier(&["verify-statement".as_ref(), cluster.as_os_str(), "--out".as_ref(), fresh.as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("已生成"), "{stdout}");
}

#[test]
fn init_writes_what_the_chosen_submissions_need_to_fill() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("集群");
    let (code, _, stderr) =
        dossier(&["init".as_ref(), dir.as_os_str(), "--submissions".as_ref(), "省级申报，国家级申报".as_ref()]);
    assert_eq!(code, 0, "{stderr}");
    let file = dir.join("cluster.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("submissions:\n  - 省级申报\n  - 国家级申报\n"), "the submissions are chosen");
    let findings = dossier::rules::cluster(&dossier::load::cluster(&file).unwrap());
    // What remains is to fill in values: no key is missing, no part the forms need is absent.
    assert!(
        findings.iter().all(|d| d.message == "尚未填写"),
        "{:#?}",
        findings.iter().find(|d| d.message != "尚未填写")
    );
    for path in ["industry.output.2023", "plan.intro", "basics.provincial_recognized"] {
        assert!(findings.iter().any(|d| d.path == path), "{path} is to fill");
    }
    // The lists are kept in the blank workbook beside the file; one example entry of every list,
    // with every key under its label, shows how to write them out instead.
    assert!(text.contains("\nlists:\n"), "{text}");
    assert!(text.contains("\n  from: 名单.xlsx\n"), "{text}");
    assert!(
        text.contains("  # champions:\n    # 企业名称\n    # - name:\n\n      # 企业简介\n      # intro:\n"),
        "{text}"
    );
    let workbook = dossier::load::sheet::book::read(&dir.join("名单.xlsx")).unwrap();
    let read = dossier::load::sheet::workbook(&workbook);
    assert!(read.findings.is_empty() && read.lists.values().all(|l| l == &serde_json::json!([])), "{read:?}");
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.trim_start().starts_with('#') && l.contains(':')) {
        let key = line.trim_start().trim_start_matches("- ").split(':').next().unwrap();
        let year = key.len() == 4 && key.starts_with("20");
        let above = lines[..i].iter().rev().find(|l| !l.trim().is_empty()).unwrap_or(&"");
        assert!(year || above.trim_start().starts_with('#'), "{line} has no label");
    }
    // A review skeleton asks for the review part, not parts 二–七.
    let review = root.path().join("复核");
    let (code, _, stderr) = dossier(&["init".as_ref(), review.as_os_str(), "--review".as_ref()]);
    assert_eq!(code, 0, "{stderr}");
    let findings = dossier::rules::cluster(&dossier::load::cluster(&review.join("cluster.yaml")).unwrap());
    assert!(
        findings.iter().all(|d| d.message == "尚未填写"),
        "{:#?}",
        findings.iter().find(|d| d.message != "尚未填写")
    );
    assert!(
        findings.iter().any(|d| d.path == "review.recognized_year")
            && !findings.iter().any(|d| d.path.starts_with("industry"))
    );
    // A submission that is no option is said so.
    let (code, _, stderr) =
        dossier(&["init".as_ref(), root.path().join("x").as_os_str(), "--submissions".as_ref(), "市级申报".as_ref()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--submissions 中的“市级申报”不是可报送的材料"), "{stderr}");
}

//! The `dossier` binary as a clerk or a script meets it: exit status 0 when all is well (warnings
//! included), 1 when the data has errors, 2 for usage or I/O failures; `check --format json` for
//! other programs; help and every error of the command line in Chinese.

mod common;

use std::path::{Path, PathBuf};

use common::dossier;
use serde_json::Value;

/// A copy of the example cluster pingyao-beef with `from` replaced by `to` in its YAML.
fn pingyao_with(from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = common::copy_example("pingyao-beef");
    common::edit(&dir.path().join("cluster.yaml"), from, to);
    let folder = dir.path().to_owned();
    (dir, folder)
}

/// The 2028 output growth target below the notice's 10 %, at line 280, column 15.
const TARGET: &str = "    output_cagr:\n      base: 12.09\n      target: 11.00\n";
const TARGET_BELOW_FLOOR: &str = "    output_cagr:\n      base: 12.09\n      target: 8.00\n";

/// What clap prints in English when its own templates or messages get through.
const ENGLISH: [&str; 12] = [
    "Usage",
    "usage:",
    "Options",
    "Commands",
    "Arguments",
    "Print help",
    "Print version",
    "[default",
    "[possible values",
    "error:",
    "tip:",
    "For more information",
];

fn assert_chinese(text: &str) {
    for english in ENGLISH {
        assert!(!text.contains(english), "{english:?} in:\n{text}");
    }
    assert!(text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese in:\n{text}");
}

// ---- exit status

#[test]
fn a_clean_cluster_checks_and_builds_with_status_0() {
    let cluster = common::example("pingyao-beef");
    let (code, stdout, stderr) = dossier(&[Path::new("check"), cluster.as_path()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "检查完毕：没有发现问题。\n");

    let out = tempfile::tempdir().unwrap();
    let args = [Path::new("build"), cluster.as_path(), Path::new("--out"), out.path(), Path::new("--bundled-fonts")];
    let (code, stdout, stderr) = dossier(&args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.starts_with("✔ 平遥县牛肉食品产业："), "{stdout}");
    assert!(out.path().join("平遥县牛肉食品产业/附件2 山西省中小企业特色产业集群申报表.pdf").is_file());
}

#[test]
fn warnings_alone_keep_status_0() {
    let (_dir, cluster) = pingyao_with("area_km2: 6.80\n", "area_km2: 6.805\n");
    let (code, stdout, stderr) = dossier(&[Path::new("check"), cluster.as_path()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("警告") && stdout.contains("将打印为 6.81"), "{stdout}");
}

#[test]
fn data_errors_give_status_1_and_nothing_is_built() {
    let (_dir, cluster) = pingyao_with(TARGET, TARGET_BELOW_FLOOR);
    let (code, stdout, stderr) = dossier(&[Path::new("check"), cluster.as_path()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("cluster.yaml:280:15"), "{stdout}");
    assert!(stdout.contains("低于要求（a. 近三年产值年均增速不低于 10%）"), "{stdout}");

    let out = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = dossier(&[Path::new("build"), cluster.as_path(), Path::new("--out"), out.path()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("✘ 平遥县牛肉食品产业：数据中有 1 个错误，未生成材料"), "{stderr}");
    assert!(!out.path().join("平遥县牛肉食品产业").exists(), "nothing is written");
}

#[test]
fn a_path_that_names_nothing_gives_status_2_in_chinese() {
    let root = tempfile::tempdir().unwrap();
    let missing = root.path().join("没有这个集群");
    let (code, stdout, stderr) = dossier(&[Path::new("check"), missing.as_path()]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert_eq!(stderr, format!("错误：找不到 {}\n", missing.display()));

    let (code, _, stderr) = dossier(&[Path::new("build"), root.path()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("中没有 cluster.yaml、city.yaml 或 province.yaml"), "{stderr}");
    assert_chinese(&stderr);
}

/// README: “2 usage or I/O failure”. An output folder that cannot be written is an I/O failure,
/// not an error in the data.
#[test]
fn an_output_folder_that_cannot_be_written_gives_status_2() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("一个文件");
    std::fs::write(&file, "x").unwrap();
    let cluster = common::example("pingyao-beef");
    let (code, stdout, stderr) =
        dossier(&[Path::new("build"), cluster.as_path(), Path::new("--out"), file.join("out").as_path()]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_chinese(&stderr);
    assert!(!stderr.contains("os error"), "{stderr}");
}

// ---- check --format json

#[test]
fn check_as_json_gives_each_finding_with_its_place_in_chinese() {
    let (_dir, cluster) = pingyao_with(TARGET, TARGET_BELOW_FLOOR);
    let (code, stdout, stderr) =
        dossier(&[Path::new("check"), cluster.as_path(), Path::new("--format"), Path::new("json")]);
    assert_eq!(code, 1, "{stderr}");
    let findings: Vec<Value> = serde_json::from_str(&stdout).expect("check --format json prints JSON");
    assert_eq!(findings.len(), 1, "{stdout}");
    let finding = &findings[0];
    assert_eq!(finding["file"], cluster.join("cluster.yaml").to_str().unwrap());
    assert_eq!((finding["line"].as_u64(), finding["column"].as_u64()), (Some(280), Some(15)));
    assert_eq!(finding["severity"], "错误");
    assert_eq!(finding["path"], "plan.targets.output_cagr.target");
    for key in ["message", "fix", "label"] {
        assert_chinese(finding[key].as_str().unwrap_or_else(|| panic!("no {key}: {finding:#}")));
    }

    // No finding is an empty list, still JSON.
    let clean = common::example("pingyao-beef");
    let (code, stdout, _) = dossier(&[Path::new("check"), clean.as_path(), Path::new("--format"), Path::new("json")]);
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap(), Value::Array(Vec::new()));
}

// ---- help and the command line's errors

const COMMANDS: [&str; 6] = ["build", "watch", "check", "init", "verify-statement", "schema"];

#[test]
fn help_is_chinese_for_dossier_and_every_command() {
    for args in [vec!["--help"], vec!["-h"]] {
        let (code, stdout, stderr) = dossier(&args);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("用法：dossier <命令>"), "{stdout}");
        for command in COMMANDS {
            assert!(stdout.contains(command), "{command} is not listed:\n{stdout}");
        }
        assert_chinese(&stdout);
    }
    for command in COMMANDS {
        let (code, stdout, stderr) = dossier(&[command, "--help"]);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(stdout.contains(&format!("用法：dossier {command}")), "{stdout}");
        assert!(stdout.contains("显示帮助"), "{stdout}");
        assert_chinese(&stdout);
    }
    let (_, stdout, _) = dossier(&["check", "--help"]);
    assert!(stdout.contains("--format <格式>") && stdout.contains("json（给其他程序）"), "{stdout}");
}

#[test]
fn a_mistyped_command_line_is_told_in_chinese_with_status_2() {
    let cases: [(&[&str], &str); 10] = [
        (&["chek", "data"], "没有 “chek” 这个命令"),
        (&["check", "--frob", "data"], "不认识的选项 “--frob”"),
        (&["check", "--format", "xml", "data"], "的值 “xml” 无效；可用的值：text、json"),
        (&["check"], "缺少必需的参数"),
        (&["init", "新集群", "--city", "--province"], "不能同时使用"),
        (&["schema", "多余"], "多余"),
        (&["check", "data", "--format"], "选项 --format <格式> 后面缺少值；可用的值：text、json"),
        (&["check", "data", "--format=json", "--format=text"], "选项 --format <格式> 只能给一次"),
        (&["build", "data", "--out"], "选项 --out <目录> 后面缺少值\n"),
        (&["build", "data", "--draft=yes"], "选项 --draft 不带值，去掉其后的 “=yes”"),
    ];
    for (args, said) in cases {
        let (code, stdout, stderr) = dossier(args);
        assert_eq!((code, stdout.as_str()), (2, ""), "{args:?}: {stderr}");
        assert!(stderr.starts_with("错误：") && stderr.contains(said), "{args:?}: {stderr}");
        assert!(stderr.ends_with("运行 dossier --help 查看用法。\n"), "{args:?}: {stderr}");
        assert_chinese(&stderr);
    }
}

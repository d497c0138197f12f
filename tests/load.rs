//! Loading errors as a user needs them: each kind of bad YAML named in Chinese with its line and
//! column, field path and label, all errors of a file at once.

mod common;

use std::path::{Path, PathBuf};

use dossier::load::diagnostic::{Diagnostic, Pos};
use dossier::load::{self, LoadError};
use dossier::model::Submission;
use dossier::model::schema::Kind;
use dossier::model::skeleton;

fn example_text() -> String {
    std::fs::read_to_string(common::example("qixian-glass").join("cluster.yaml")).unwrap()
}

/// The example with `from` replaced by `to` (which must occur), written to a fresh folder.
fn broken(edits: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let mut text = example_text();
    for (from, to) in edits {
        assert!(text.contains(from), "the example has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cluster.yaml");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

/// What loading the file found (a file with shape errors still loads, with stand-ins).
fn errors(file: &Path) -> Vec<Diagnostic> {
    match load::cluster(file) {
        Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
        Err(other) => panic!("not a data error: {other}"),
        Ok(loaded) => {
            assert!(!loaded.is_sound(), "{} loaded without an error", file.display());
            loaded.findings
        }
    }
}

/// 1-based line and column of the first occurrence of `needle` in the file.
fn position_of(file: &Path, needle: &str) -> Pos {
    let text = std::fs::read_to_string(file).unwrap();
    let offset = text.find(needle).unwrap();
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[..offset].rsplit('\n').next().unwrap().chars().count() + 1;
    Pos { line, column }
}

#[test]
fn the_examples_load() {
    for name in ["qixian-glass", "pingyao-beef", "yuci-hydraulics"] {
        common::load_example(name);
    }
    load::city(&common::example("city.yaml")).unwrap();
}

#[test]
fn malformed_yaml_is_named_with_line_and_column() {
    let (_dir, file) = broken(&[("leading_industry: ", "leading_industry: 日用玻璃: 器皿\n  x")]);
    let found = errors(&file);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.starts_with("YAML 格式错误"), "{}", found[0].message);
    assert_eq!(found[0].pos.line, position_of(&file, "leading_industry").line);
    assert!(found[0].pos.column > 1);
}

#[test]
fn tabs_and_duplicate_keys_are_explained() {
    let (_dir, file) = broken(&[("\n  province:", "\n\tprovince:")]);
    let found = errors(&file);
    assert!(found[0].message.contains("Tab") || found[0].fix.contains("空格"), "{found:#?}");
    let (_dir, file) = broken(&[("segment:", "segment: 重复\nsegment:")]);
    let found = errors(&file);
    assert!(found[0].message.contains("`segment` 重复出现"), "{found:#?}");
}

#[test]
fn an_unknown_key_suggests_the_one_meant() {
    let (_dir, file) = broken(&[("leading_industry:", "leading_industy:")]);
    let found = errors(&file);
    let typo = found.iter().find(|d| d.message.contains("未知的键 `leading_industy`")).expect("the typo is reported");
    assert_eq!(typo.pos, position_of(&file, "leading_industy"));
    assert!(typo.fix.contains("`leading_industry`（主导产业）"), "{}", typo.fix);
    let missing = found.iter().find(|d| d.path == "leading_industry").expect("and the key it lacks");
    assert_eq!(missing.message, "缺少必填项");
}

#[test]
fn a_wrong_type_is_named_at_its_value_with_its_label() {
    let (_dir, file) = broken(&[("area_km2: ", "area_km2: 约十二")]);
    let found = errors(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "area_km2");
    assert_eq!(found[0].pos, position_of(&file, "约十二"));
    assert_eq!(found[0].label, "集群占地面积（平方公里）");
    assert!(found[0].message.contains("应为数字"), "{}", found[0].message);
}

#[test]
fn a_missing_field_is_reported_at_the_part_that_lacks_it() {
    let text = example_text();
    let line = text.lines().find(|l| l.trim_start().starts_with("prohibited_industry:")).unwrap();
    let (_dir, file) = broken(&[(&format!("{line}\n"), "")]);
    let found = errors(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "basics.prohibited_industry");
    assert_eq!(found[0].pos, position_of(&file, "basics:"));
    assert_eq!(found[0].label, "一、基本情况 · 集群主导产业是否属于国家规定的禁止、限制和淘汰类产业");
    assert!(found[0].fix.contains("请在 `basics` 下添加 `prohibited_industry:`"), "{}", found[0].fix);
}

#[test]
fn an_option_not_on_the_form_lists_the_options() {
    let (_dir, file) = broken(&[("industry_type: 第二产业", "industry_type: 制造业")]);
    let found = errors(&file);
    assert_eq!(found[0].path, "basics.industry_type");
    assert!(found[0].fix.contains("第一产业；第二产业；第三产业"), "{}", found[0].fix);
}

#[test]
fn every_error_of_a_file_comes_at_once() {
    let (_dir, file) = broken(&[
        ("leading_industry:", "leading_industy:"),
        ("area_km2: ", "area_km2: 约十二"),
        ("industry_type: 第二产业", "industry_type: 制造业"),
        ("submitted: ", "submitted: 五月"),
    ]);
    let found = errors(&file);
    let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
    for path in ["leading_industy", "leading_industry", "area_km2", "basics.industry_type", "submitted"] {
        assert!(paths.contains(&path), "{path} missing from {paths:?}");
    }
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cluster.yaml");
    std::fs::write(&file, b"name: \xc6\xee\xcf\xd8\n").unwrap();
    let found = errors(&file);
    assert!(found[0].message.contains("GBK"), "{found:#?}");
    assert!(found[0].fix.contains("UTF-8"), "{found:#?}");
}

#[test]
fn the_init_skeleton_lists_what_is_still_to_fill() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cluster.yaml");
    std::fs::write(&file, skeleton::yaml(Kind::Cluster, &[Submission::ProvincialApplication])).unwrap();
    let found = errors(&file);
    let unfilled: Vec<&str> = found.iter().filter(|d| d.message == "尚未填写").map(|d| d.path.as_str()).collect();
    for path in ["name", "region.city", "basics.industry_type", "industry.chain_text", "plan.approach"] {
        assert!(unfilled.contains(&path), "{path} not listed: {unfilled:?}");
    }
    assert!(found.iter().all(|d| d.pos.line > 0), "each points at its line");
}

//! Loading errors as a user needs them: each kind of bad YAML named in Chinese with its line and
//! column, field path and label, all errors of a file at once.

mod common;

use std::path::{Path, PathBuf};

use dossier::load::diagnostic::{Diagnostic, Pos, Severity};
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

// ---- issue 13: the typing mistakes of a Chinese office, each at its own line ----

/// The one finding loading makes of the example with one edit, checked in full.
fn one(edit: (&str, &str), at: &str, message: &str, fix: &str) -> Diagnostic {
    let (_dir, file) = broken(&[edit]);
    let found = match load::cluster(&file) {
        Ok(loaded) => loaded.findings,
        Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
        Err(other) => panic!("{other}"),
    };
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = found.into_iter().next().unwrap();
    assert_eq!((d.message.as_str(), d.fix.as_str()), (message, fix), "{d:#?}");
    assert_eq!(d.pos, position_of(&file, at), "{d:#?}");
    d
}

#[test]
fn a_full_width_colon_is_named_at_the_colon() {
    one(
        ("area_km2: 12.60", "area_km2：6.80"),
        "：6.80",
        "键 `area_km2` 后面用了中文冒号“：”",
        "改为英文冒号加一个空格：切换到英文输入法输入“: ”",
    );
}

#[test]
fn tabs_are_named_where_they_are() {
    one(
        ("\n  province:", "\n\tprovince:"),
        "\tprovince:",
        "行首用了 Tab 缩进，YAML 只能用空格缩进",
        "把行首的 Tab 换成空格，使这一行与同一层级的其他行左对齐（每一层缩进两个空格）",
    );
    one(("area_km2: 12.60", "area_km2:\t12.60"), ":\t12.60", "键 `area_km2` 的冒号后面是 Tab", "冒号后面改为一个空格");
}

#[test]
fn a_hash_that_cuts_a_text_is_a_warning() {
    let d = one(
        ("leading_industry: 日用玻璃器皿", "leading_industry: 日用玻璃 #1 器皿"),
        "#1 器皿",
        "“ #”之后的内容被当作注释，不会读入：此项只读到“日用玻璃”，“#1 器皿”被丢掉了",
        "如“#”是正文的一部分，请给整段文字加上英文双引号，或去掉“#”前的空格；如确是注释，请把它移到上一行",
    );
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn numbers_typed_the_wrong_way_say_the_number_meant() {
    let cases = [
        (
            ("area_km2: 12.60", "area_km2: １２．６０"),
            "１２．６０",
            "“１２．６０”中有全角数字或符号",
            "改为 12.60（在英文输入法下输入）",
        ),
        (
            ("level1: 36.52", "level1: 36.52%"),
            "36.52%",
            "“36.52%”带了百分号：比例只填数字",
            "改为 36.52（在英文输入法下输入）",
        ),
        (
            ("    2022: 98600.00", "    2022: 98,600.00"),
            "98,600.00",
            "“98,600.00”带了千位分隔符“,”",
            "改为 98600.00（在英文输入法下输入）",
        ),
        (("area_km2: 12.60", "area_km2: 1e30"), "1e30", "“1e30” 是科学计数法", "请写成普通的数字（如 12.60），不用 e"),
        (
            ("    2025: 185\n", "    2025: 4294967296\n"),
            "4294967296",
            "数字太大，超出了可填写的范围（最大 4294967295）",
            "请检查数字是否多写了位数，或单位是否用错（如把元当成了万元）",
        ),
        (("    2025: 185\n", "    2025: 185.5\n"), "185.5", "应为整数，而这里是 185.5", "请填写整数（不带小数点）"),
    ];
    for (edit, at, message, fix) in cases {
        let d = one(edit, at, message, fix);
        assert!(!d.label.is_empty(), "{d:#?}");
    }
}

#[test]
fn a_day_that_does_not_exist_is_named_with_its_field() {
    let d = one(
        ("submitted: 2026-05-06", "submitted: 2026-02-30"),
        "2026-02-30",
        "“2026-02-30” 不是有效的日期：2026 年 2 月没有 30 日",
        "日期写作 2026-05-08（年-月-日，用英文减号），并核对这一天是否存在",
    );
    assert_eq!((d.path.as_str(), d.label.as_str()), ("submitted", "申报时间"));
}

#[test]
fn invisible_characters_are_named_at_their_column() {
    let fix = "删去这个字符：把光标放在它前后的字之间，按删除键，再核对这一行的文字";
    one(
        ("leading_industry: 日用玻璃器皿", "leading_industry: 日用\u{7}玻璃器皿"),
        "\u{7}",
        "此处有看不见的控制字符 U+0007（常见于从网页、PDF 或其他软件复制来的文字）",
        fix,
    );
    one(
        ("leading_industry: 日用玻璃器皿", "leading_industry: 日用玻璃器皿\u{0}"),
        "\u{0}",
        "此处有看不见的空字符（NUL） U+0000（常见于从网页、PDF 或其他软件复制来的文字）",
        fix,
    );
    one(
        ("\nsegment:", "\n\u{200B}segment:"),
        "\u{200B}",
        "此处有看不见的零宽字符 U+200B（常见于从网页、PDF 或其他软件复制来的文字）",
        fix,
    );
}

#[test]
fn a_gbk_file_is_named_at_its_first_chinese_character_with_how_to_resave() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cluster.yaml");
    // “submissions:\n  - 省级申报” in GBK.
    std::fs::write(&file, b"submissions:\n  - \xca\xa1\xbc\xb6\xc9\xea\xb1\xa8\n").unwrap();
    let found = errors(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].pos, Pos { line: 2, column: 5 });
    assert_eq!(
        found[0].message,
        "文件是 GBK 编码（记事本、WPS 等所说的“ANSI”或“GB2312”编码），dossier 只读 UTF-8 编码的文件"
    );
    assert!(
        found[0].fix.starts_with("用记事本打开此文件，点“文件 → 另存为”，把下方的“编码”选为“UTF-8”后保存"),
        "{found:#?}"
    );
}

#[test]
fn an_empty_option_is_one_finding() {
    let (_dir, file) = broken(&[("industry_type: 第二产业", "industry_type:")]);
    let found = errors(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].path.as_str(), found[0].message.as_str()), ("basics.industry_type", "尚未填写"));
}

/// Names that become folder names are refused at their line, before any rule runs (so a draft
/// cannot get past them either): the cluster's, its county's (the CD folder) and the city's.
#[test]
fn names_that_cannot_be_folder_names_are_refused_at_their_line() {
    let long = "产".repeat(400);
    for (from, to, field, says) in [
        ("name: 祁县玻璃器皿产业", "name: \"..\"", "name", "上一级"),
        ("name: 祁县玻璃器皿产业", "name: .cache", "name", "开头"),
        ("name: 祁县玻璃器皿产业", "name: \".\"", "name", "当前"),
        ("name: 祁县玻璃器皿产业", "name: 祁县/玻璃器皿产业", "name", "“/”"),
        ("name: 祁县玻璃器皿产业", &format!("name: {long}"), "name", "上限"),
        ("  county: 祁县", "  county: CON", "region.county", "保留"),
        ("  county: 祁县", "  county: \"祁县 \"", "region.county", "末尾"),
    ] {
        let (_dir, file) = broken(&[(from, to)]);
        let found = errors(&file);
        assert_eq!(found.len(), 1, "{to}: {found:#?}");
        let value = to.split_once(": ").unwrap().1;
        assert_eq!((found[0].path.as_str(), found[0].pos), (field, position_of(&file, value)), "{to}");
        assert!(found[0].message.contains(says), "{to}: {}", found[0].message);
        assert!(found[0].fix.contains("文件夹名"), "{}", found[0].fix);
    }
    let city = std::fs::read_to_string(common::example("city.yaml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("city.yaml");
    std::fs::write(&file, city.replacen("city: 晋中市", "city: 晋中市\\..", 1)).unwrap();
    let loaded = load::city(&file).unwrap();
    assert!(!loaded.is_sound());
    let diagnostics = loaded.findings;
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!((diagnostics[0].path.as_str(), diagnostics[0].pos), ("city", position_of(&file, "晋中市\\..")));
}

//! Reading `cluster.yaml` and `city.yaml`: the YAML is parsed once with positions for every
//! value, checked against the schema so that every shape error of the file is reported at
//! once, and only then deserialized (with serde_yaml) into the typed model.

pub mod diagnostic;
pub mod garbled;
pub mod project;
pub mod scans;
mod shape;
mod tree;
pub mod written;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use marked_yaml::{LoadError as YamlError, LoaderOptions};
use serde::de::DeserializeOwned;

pub use tree::Positions;

use crate::load::diagnostic::{Diagnostic, Pos, Severity};
use crate::model::schema::{Kind, Walker};
use crate::model::{City, Cluster};

/// A loaded file: its data and where each field of it is.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    pub path: PathBuf,
    pub positions: Positions,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("无法读取 {}：{source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} 不是 UTF-8 编码的文本（可能是 GBK 编码）：请在编辑器中另存为 UTF-8", path.display())]
    Encoding { path: PathBuf },
    #[error("{} 中有 {} 处错误", path.display(), diagnostics.len())]
    Invalid { path: PathBuf, diagnostics: Vec<Diagnostic> },
}

pub fn cluster(path: &Path) -> Result<Loaded<Cluster>, LoadError> {
    load(path, Kind::Cluster)
}

pub fn city(path: &Path) -> Result<Loaded<City>, LoadError> {
    load(path, Kind::City)
}

struct Compiled {
    schema: serde_json::Value,
    validator: jsonschema::Validator,
}

/// Schemas are compiled once per process.
fn compiled(kind: Kind) -> &'static Compiled {
    static CLUSTER: OnceLock<Compiled> = OnceLock::new();
    static CITY: OnceLock<Compiled> = OnceLock::new();
    let cell = match kind {
        Kind::Cluster => &CLUSTER,
        Kind::City => &CITY,
    };
    cell.get_or_init(|| {
        let schema = kind.schema();
        let validator = jsonschema::validator_for(&schema).expect("the generated schema is valid JSON Schema");
        Compiled { schema, validator }
    })
}

fn load<T: DeserializeOwned>(path: &Path, kind: Kind) -> Result<Loaded<T>, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_owned(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::Encoding { path: path.to_owned() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let invalid = |diagnostics| LoadError::Invalid { path: path.to_owned(), diagnostics };

    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    let root = marked_yaml::parse_yaml_with_options(0, text, options).map_err(|e| invalid(vec![syntax(path, &e)]))?;

    let Compiled { schema, validator } = compiled(kind);
    let walker = Walker::new(schema);
    let (json, positions) = tree::convert(&root, &walker, schema);
    let problems = shape::Checker { file: path, walker: &walker, positions: &positions }.check(validator, &json);
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    let value = serde_yaml::from_str(text).map_err(|e| {
        let pos = e.location().map(|l| Pos { line: l.line(), column: l.column() }).unwrap_or_default();
        invalid(vec![Diagnostic {
            severity: Severity::Error,
            file: path.to_owned(),
            pos,
            path: String::new(),
            label: String::new(),
            message: e.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
            fix: "请按提示修改此处的值".to_owned(),
        }])
    })?;
    Ok(Loaded { value, path: path.to_owned(), positions })
}

/// A YAML syntax error, said in Chinese with the usual cause.
fn syntax(path: &Path, error: &YamlError) -> Diagnostic {
    let (marker, message, fix) = match error {
        YamlError::ScanError(marker, scan) => {
            let (message, fix) = explain(scan.info());
            (Some(marker), message, fix)
        }
        YamlError::DuplicateKey(inner) => {
            let first = inner.prev_key.span().start().map_or(0, |m| m.line());
            (
                inner.key.span().start(),
                format!("键 `{}` 重复出现（第一次在第 {first} 行）", inner.key.as_str()),
                "同一层级中每个键只能写一次：删去或合并其中一处".to_owned(),
            )
        }
        YamlError::UnexpectedAnchor(marker) => {
            (Some(marker), "不支持锚点和别名（& 与 *）".to_owned(), "请把内容直接写出来".to_owned())
        }
        YamlError::UnexpectedTag(marker) => {
            (Some(marker), "不支持 YAML 标签（以 ! 开头）".to_owned(), "请删去标签".to_owned())
        }
        YamlError::TopLevelMustBeMapping(marker) | YamlError::TopLevelMustBeSequence(marker) => {
            (Some(marker), "文件顶层应为若干“键: 值”".to_owned(), "请从 dossier init 生成的模板开始填写".to_owned())
        }
        YamlError::MappingKeyMustBeScalar(marker) => {
            (Some(marker), "键必须是简单的文字".to_owned(), "请检查此行的冒号和缩进".to_owned())
        }
    };
    Diagnostic {
        severity: Severity::Error,
        file: path.to_owned(),
        pos: marker.map(|m| Pos { line: m.line(), column: m.column().max(1) }).unwrap_or_default(),
        path: String::new(),
        label: String::new(),
        message: format!("YAML 格式错误：{message}"),
        fix,
    }
}

fn explain(info: &str) -> (String, String) {
    let known: &[(&str, &str, &str)] = &[
        (
            "mapping values are not allowed",
            "此处不能出现“键: 值”",
            "值中含有英文冒号加空格时请给整个值加引号；否则检查缩进",
        ),
        ("did not find expected key", "缩进不一致，或缺少“键:”", "同一层级的键要左对齐，用空格缩进"),
        ("tabs disallowed", "用了 Tab 缩进", "YAML 只能用空格缩进：把行首的 Tab 换成空格"),
        (
            "found character that cannot start any token",
            "含有不能出现在此处的字符（常见：用 Tab 缩进）",
            "请用空格缩进；以 @ 或 ` 开头的值请加引号",
        ),
        ("did not find expected '-'", "列表项缩进不一致", "同一列表的各项 - 要左对齐"),
        ("could not find expected ':'", "缺少键后面的冒号", "写作“键: 值”，冒号后加一个空格"),
        ("unexpected end of", "文件意外结束（引号或括号没有闭合）", "检查最后几行的引号和括号"),
        ("did not find expected node content", "此处缺少内容", "检查此行的 - 、冒号和缩进"),
    ];
    for (english, message, fix) in known {
        if info.contains(english) {
            return ((*message).to_owned(), (*fix).to_owned());
        }
    }
    (format!("无法解析（{info}）"), "检查此行及上一行的缩进、冒号和引号".to_owned())
}

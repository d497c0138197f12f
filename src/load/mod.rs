//! Reading `cluster.yaml` and `city.yaml`: the YAML is parsed once with positions for every
//! value, checked against the schema so that every shape error of the file is reported at
//! once, and only then deserialized (with serde_yaml) into the typed model.

pub mod diagnostic;
pub mod disk;
pub mod edit;
pub mod garbled;
mod mend;
pub mod names;
pub mod project;
pub mod scans;
mod shape;
pub mod sheet;
mod text;
mod tree;
pub mod written;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use marked_yaml::{LoadError as YamlError, LoaderOptions};
use serde::de::DeserializeOwned;

pub use tree::Positions;

use crate::load::diagnostic::{Diagnostic, Pos, Severity, io_message};
use crate::model::schema::{Kind, Walker};
use crate::model::{City, Cluster, Province};

/// A loaded file: its data, where each field of it is, and what loading found.
///
/// A file whose values do not all have the shape the schema asks for still loads: each such
/// field holds a stand-in (empty text is “无”, a number 0, a missing part its bare skeleton), so
/// the rules can check every field that is right, and the findings say what is wrong. Such a
/// file is not [`sound`](Loaded::is_sound) and never reaches a template.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    pub path: PathBuf,
    pub positions: Positions,
    /// What loading found: shape errors, slips of typing, comments that cut a text.
    pub findings: Vec<Diagnostic>,
    /// The fields holding a stand-in instead of what the file says (dotted paths).
    pub stand_ins: Vec<String>,
    /// Where the lists kept in spreadsheets came from, value by value.
    pub origins: sheet::Origins,
}

impl<T> Loaded<T> {
    /// Whether the file loaded without an error: its value is what the file says, all of it.
    pub fn is_sound(&self) -> bool {
        !self.findings.iter().any(|d| d.severity == Severity::Error)
    }

    /// The file's folder, which the paths it names (scans, sheets) are relative to.
    pub fn folder(&self) -> PathBuf {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("无法读取 {}：{}", path.display(), io_message(source))]
    Io { path: PathBuf, source: std::io::Error },
    /// The file could not be read as YAML at all (its encoding, its syntax).
    #[error("{} 中有 {} 处错误", path.display(), diagnostics.len())]
    Invalid { path: PathBuf, diagnostics: Vec<Diagnostic> },
}

/// A cluster, with the lists it keeps in spreadsheets read in.
pub fn cluster(path: &Path) -> Result<Loaded<Cluster>, LoadError> {
    let mut loaded = load(path, Kind::Cluster)?;
    sheet::fill::fill(&mut loaded);
    Ok(loaded)
}

pub fn city(path: &Path) -> Result<Loaded<City>, LoadError> {
    load(path, Kind::City)
}

pub fn province(path: &Path) -> Result<Loaded<Province>, LoadError> {
    load(path, Kind::Province)
}

/// The schema's validator, compiled once per process.
fn validator(kind: Kind) -> &'static jsonschema::Validator {
    static CLUSTER: OnceLock<jsonschema::Validator> = OnceLock::new();
    static CITY: OnceLock<jsonschema::Validator> = OnceLock::new();
    static PROVINCE: OnceLock<jsonschema::Validator> = OnceLock::new();
    let cell = match kind {
        Kind::Cluster => &CLUSTER,
        Kind::City => &CITY,
        Kind::Province => &PROVINCE,
    };
    cell.get_or_init(|| {
        // A date is checked as a date (2026-02-30 is none), by the model's own parser.
        jsonschema::options()
            .should_validate_formats(true)
            .with_format("date", |text: &str| crate::model::Date::parse(text).is_some())
            .build(kind.cached())
            .expect("the generated schema is valid JSON Schema")
    })
}

fn load<T: DeserializeOwned>(path: &Path, kind: Kind) -> Result<Loaded<T>, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_owned(), source })?;
    from_bytes(path, bytes, kind)
}

/// The file at `path` as it loads when it holds `bytes` (the workbench checks edits before they
/// are saved): relative paths in it are relative to `path`'s folder.
pub fn from_bytes<T: DeserializeOwned>(path: &Path, bytes: Vec<u8>, kind: Kind) -> Result<Loaded<T>, LoadError> {
    let invalid = |diagnostics| LoadError::Invalid { path: path.to_owned(), diagnostics };
    let text = text::decode(path, bytes).map_err(|d| invalid(vec![*d]))?;
    let slips = text::slips(path, &text);
    let mut findings = slips.findings;
    let Some(source) = slips.mended else { return Err(invalid(findings)) };

    // Quoted scalars stay text (`phone: "0354…"`, `name: ""`): only plain ones are typed.
    let options = LoaderOptions::default().error_on_duplicate_keys(true).prevent_coercion(true);
    let root = match marked_yaml::parse_yaml_with_options(0, &source, options) {
        Ok(root) => root,
        // A syntax error after a slip is most likely the slip's doing: the slip is what to fix.
        Err(_) if findings.iter().any(|d| d.severity == Severity::Error) => return Err(invalid(findings)),
        Err(e) => {
            findings.push(syntax(path, &e));
            return Err(invalid(findings));
        }
    };

    let schema = kind.cached();
    let walker = Walker::new(schema);
    let (json, positions) = tree::convert(&root, &walker, schema, &source);
    let checker = shape::Checker { file: path, walker: &walker, positions: &positions };
    let shape = checker.check(validator(kind), &json);
    let mends: Vec<mend::Mend> = shape.iter().filter_map(|(_, m)| m.clone()).collect();
    findings.extend(shape.into_iter().map(|(d, _)| d));
    findings.extend(checker.names(names::fields(kind), &json));

    let stand_ins: Vec<String> = mends.iter().map(|m| m.path().to_owned()).collect();
    let yaml = if mends.is_empty() { source } else { mend::yaml(&root, &walker, &mends) };
    let value = match serde_yaml::from_str(&yaml) {
        Ok(value) => value,
        Err(_) if !mends.is_empty() => return Err(invalid(findings)),
        Err(e) => {
            let pos = e.location().map(|l| Pos { line: l.line(), column: l.column() }).unwrap_or_default();
            findings.push(Diagnostic {
                severity: Severity::Error,
                file: path.to_owned(),
                pos,
                cell: None,
                path: String::new(),
                label: String::new(),
                message: "此处的值不符合要求的格式".to_owned(),
                fix: "请对照 dossier init 生成的模板中这一项的写法修改".to_owned(),
            });
            return Err(invalid(findings));
        }
    };
    Ok(Loaded { value, path: path.to_owned(), positions, findings, stand_ins, origins: sheet::Origins::default() })
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
        cell: None,
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
        (
            "block sequence entries are not allowed",
            "此处不能以“- ”开始一个列表",
            "检查缩进：列表的各项 - 要比它所属的键多缩进两格；值只是一个“-”时，没有相关情况请填写“无”",
        ),
        ("simple key", "缺少键后面的冒号，或上一行的引号没有闭合", "写作“键: 值”，冒号用英文冒号；检查上一行的引号"),
        ("unknown escape character", "双引号中的“\\”后面跟了不能转义的字符", "把“\\”写成“\\\\”，或改用单引号"),
        ("invalid indentation", "缩进不一致", "同一层级的键要左对齐，用空格缩进"),
    ];
    for (english, message, fix) in known {
        if info.contains(english) {
            return ((*message).to_owned(), (*fix).to_owned());
        }
    }
    // The parser's own words are English: a user is better served by where to look.
    ("此处无法解析".to_owned(), "检查此行及上一行的缩进、冒号和引号".to_owned())
}

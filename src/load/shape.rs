//! Every shape error of a file at once: unknown keys, missing fields, wrong types, values that
//! are not one of the form's options — each with its line, column, field path and label.

use std::path::Path;

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::tree::Positions;
use crate::load::diagnostic::{Diagnostic, Severity};
use crate::model::schema::Walker;

pub struct Checker<'a> {
    pub file: &'a Path,
    pub walker: &'a Walker<'a>,
    pub positions: &'a Positions,
}

impl Checker<'_> {
    pub fn check(&self, validator: &jsonschema::Validator, instance: &Value) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for error in validator.iter_errors(instance) {
            self.translate(&error, &mut out);
        }
        out.dedup_by(|a, b| a.path == b.path && a.message == b.message);
        out
    }

    fn translate(&self, error: &ValidationError, out: &mut Vec<Diagnostic>) {
        let path = pointer_to_path(error.instance_path().as_str());
        let instance = error.instance();
        match error.kind() {
            ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
                // An optional field is `anyOf: [T, null]`: what matters is why it is not a T.
                let branch = context.iter().find(|errors| !errors.iter().all(is_null_branch));
                for inner in branch.into_iter().flatten() {
                    self.translate(inner, out);
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let field = join(&path, name);
                let label = self.label(&field);
                let place = if path.is_empty() { "文件顶层".to_owned() } else { format!(" `{path}` 下") };
                let text = self.walker.child_at(&split(&field)).is_some_and(|s| self.walker.expects(s, "string"));
                let nothing = if text { "；没有相关情况时填写“无”" } else { "" };
                out.push(self.diagnostic(
                    &field,
                    self.positions.key(&path),
                    "缺少必填项",
                    format!("请在{place}添加 `{name}:`（{}）{nothing}", last(&label)),
                ));
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = self.walker.properties(&split(&path));
                for key in unexpected {
                    let field = join(&path, key);
                    let fix = match closest(key, &known) {
                        Some(guess) => {
                            let title = self.label(&join(&path, guess));
                            format!("是否想写 `{guess}`（{}）？", last(&title))
                        }
                        None => format!("此处可用的键：{}", known.join("、")),
                    };
                    out.push(self.diagnostic(&field, self.positions.key(&field), &format!("未知的键 `{key}`"), fix));
                }
            }
            ValidationErrorKind::Type { kind } => {
                let expected = expected_type(kind);
                let nothing = if expected == "文字" { "；没有相关情况时填写“无”" } else { "" };
                let (message, fix) = if instance.is_null() {
                    ("尚未填写".to_owned(), format!("请填写{expected}{nothing}"))
                } else {
                    (format!("应为{expected}，而这里是{}", describe(instance)), format!("请改为{expected}"))
                };
                out.push(self.diagnostic(&path, self.positions.value(&path), &message, fix));
            }
            ValidationErrorKind::Enum { options } => {
                let options: Vec<String> = options
                    .as_array()
                    .map(|o| o.iter().map(|v| v.as_str().map_or(v.to_string(), str::to_owned)).collect())
                    .unwrap_or_default();
                let value = instance.as_str().map_or(instance.to_string(), str::to_owned);
                let fix = match closest(&value, &options) {
                    Some(guess) => format!("是否想写“{guess}”？可选：{}", options.join("；")),
                    None => format!("可选：{}", options.join("；")),
                };
                out.push(self.diagnostic(
                    &path,
                    self.positions.value(&path),
                    &format!("“{value}” 不是表格中的选项"),
                    fix,
                ));
            }
            ValidationErrorKind::Pattern { .. } => out.push(self.diagnostic(
                &path,
                self.positions.value(&path),
                &format!("“{}” 不是日期", instance.as_str().unwrap_or_default()),
                "日期应写作 2026-05-08（年-月-日）".to_owned(),
            )),
            ValidationErrorKind::Minimum { .. } | ValidationErrorKind::ExclusiveMinimum { .. } => out
                .push(self.diagnostic(&path, self.positions.value(&path), "不能为负数", "请填写 0 或正数".to_owned())),
            ValidationErrorKind::Maximum { limit } => out.push(self.diagnostic(
                &path,
                self.positions.value(&path),
                &format!("{instance} 超出了可填写的最大值 {limit}"),
                "请检查数字是否多写了位数".to_owned(),
            )),
            ValidationErrorKind::UniqueItems => out.push(self.diagnostic(
                &path,
                self.positions.value(&path),
                "列表中有重复的项",
                "同一选项只需写一次".to_owned(),
            )),
            _ => out.push(self.diagnostic(
                &path,
                self.positions.value(&path),
                &format!("不符合格式要求：{error}"),
                "请对照 dossier schema 生成的说明修改".to_owned(),
            )),
        }
    }

    fn label(&self, path: &str) -> String {
        self.walker.titles(&split(path)).join(" · ")
    }

    fn diagnostic(&self, path: &str, pos: crate::load::diagnostic::Pos, message: &str, fix: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: self.file.to_owned(),
            pos,
            path: path.to_owned(),
            label: self.label(path),
            message: message.to_owned(),
            fix,
        }
    }
}

fn is_null_branch(error: &ValidationError) -> bool {
    matches!(error.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(t) } if format!("{t:?}").eq_ignore_ascii_case("null"))
}

fn expected_type(kind: &TypeKind) -> String {
    let name = |t: String| match t.to_ascii_lowercase().as_str() {
        "string" => "文字",
        "number" => "数字",
        "integer" => "整数",
        "array" => "列表（每项以 - 开头）",
        "object" => "若干“键: 值”（下一级缩进）",
        "boolean" => "true 或 false",
        "null" => "空",
        _ => "其他类型",
    };
    match kind {
        TypeKind::Single(t) => name(format!("{t:?}")).to_owned(),
        TypeKind::Multiple(types) => {
            let mut names: Vec<&str> = types.iter().map(|t| name(format!("{t:?}"))).filter(|n| *n != "空").collect();
            names.dedup();
            names.join("或")
        }
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "空",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "数字",
        Value::String(_) => "文字",
        Value::Array(_) => "列表",
        Value::Object(_) => "“键: 值”映射",
    }
}

/// The known name closest to a typo, if it is close enough to be what was meant.
fn closest<'a>(typo: &str, known: &'a [String]) -> Option<&'a String> {
    known
        .iter()
        .map(|k| (strsim::normalized_damerau_levenshtein(typo, k), k))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn pointer_to_path(pointer: &str) -> String {
    pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect::<Vec<_>>().join(".")
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() { child.to_owned() } else { format!("{parent}.{child}") }
}

fn split(path: &str) -> Vec<String> {
    if path.is_empty() { Vec::new() } else { path.split('.').map(str::to_owned).collect() }
}

fn last(label: &str) -> &str {
    label.rsplit(" · ").next().unwrap_or(label)
}

//! Every shape error of a file at once: unknown keys, missing fields, wrong types, values that
//! are not one of the form's options — each with its line, column, field path and label, and
//! the stand-in that lets the rest of the file be checked ([`Mend`]).

use std::path::Path;

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::mend::Mend;
use super::tree::Positions;
use crate::load::diagnostic::{Diagnostic, Pos, Severity};
use crate::model::schema::Walker;

/// A shape error and how its field is stood in for.
type Found = (Diagnostic, Option<Mend>);

pub struct Checker<'a> {
    pub file: &'a Path,
    pub walker: &'a Walker<'a>,
    pub positions: &'a Positions,
}

impl Checker<'_> {
    pub fn check(&self, validator: &jsonschema::Validator, instance: &Value) -> Vec<Found> {
        let mut out = Vec::new();
        for error in validator.iter_errors(instance) {
            self.translate(&error, &mut out);
        }
        // One finding per field: an empty field is 尚未填写, not also “null 不是选项”.
        let unfilled: Vec<String> =
            out.iter().filter(|(d, _)| d.message == UNFILLED).map(|(d, _)| d.path.clone()).collect();
        out.retain(|(d, _)| d.message == UNFILLED || !unfilled.contains(&d.path));
        let mut seen = std::collections::HashSet::new();
        out.retain(|(d, _)| seen.insert((d.path.clone(), d.message.clone())));
        out
    }

    fn translate(&self, error: &ValidationError, out: &mut Vec<Found>) {
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
                let d = self.diagnostic(
                    &field,
                    self.positions.key(&path),
                    "缺少必填项",
                    format!("请在{place}添加 `{name}:`（{}）{nothing}", last(&label)),
                );
                out.push((d, Some(Mend::Insert(field.clone()))));
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
                    let d = self.diagnostic(&field, self.positions.key(&field), &format!("未知的键 `{key}`"), fix);
                    out.push((d, Some(Mend::Remove(field))));
                }
            }
            ValidationErrorKind::Type { kind } => {
                let expected = expected_type(kind);
                let nothing = if expected == "文字" { "；没有相关情况时填写“无”" } else { "" };
                let (message, fix) = match instance.as_ref() {
                    Value::Null => (UNFILLED.to_owned(), format!("请填写{expected}{nothing}")),
                    Value::String(text) if expected.contains("数") => number_text(text, expected == "整数"),
                    other => (format!("应为{expected}，而这里是{}", describe(other)), format!("请改为{expected}")),
                };
                self.push(out, &path, &message, fix);
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
                self.push(out, &path, &format!("“{value}” 不是表格中的选项"), fix);
            }
            ValidationErrorKind::Format { .. } => {
                let text = instance.as_str().unwrap_or_default();
                let message = match impossible_day(text) {
                    Some((year, month, day)) => format!("“{text}” 不是有效的日期：{year} 年 {month} 月没有 {day} 日"),
                    None => format!("“{text}” 不是日期"),
                };
                self.push(
                    out,
                    &path,
                    &message,
                    "日期写作 2026-05-08（年-月-日，用英文减号），并核对这一天是否存在".to_owned(),
                );
            }
            ValidationErrorKind::Minimum { .. } | ValidationErrorKind::ExclusiveMinimum { .. } => {
                self.push(out, &path, "此项不能为负数", "请填写 0 或正数；核对数字前是否多了“-”".to_owned())
            }
            ValidationErrorKind::Maximum { limit } => {
                let fix = "请检查数字是否多写了位数，或单位是否用错（如把元当成了万元）".to_owned();
                self.push(out, &path, &format!("数字太大，超出了可填写的范围（最大 {limit}）"), fix)
            }
            ValidationErrorKind::UniqueItems => {
                let items = instance.as_array().map(Vec::as_slice).unwrap_or_default();
                for (i, item) in items.iter().enumerate().filter(|(i, item)| items[..*i].contains(item)) {
                    let field = join(&path, &i.to_string());
                    let value = item.as_str().map_or(item.to_string(), str::to_owned);
                    let d = self.diagnostic(
                        &field,
                        self.positions.value(&field),
                        &format!("“{value}” 重复列出"),
                        "同一选项只需写一次：删去这一行".to_owned(),
                    );
                    out.push((d, Some(Mend::Remove(field))));
                }
            }
            _ => self.push(out, &path, "不符合格式要求", "请对照 dossier init 生成的模板中这一项的写法修改".to_owned()),
        }
    }

    /// A wrong value, stood in for: an option of a checkbox list is left out, any other value
    /// replaced.
    fn push(&self, out: &mut Vec<Found>, path: &str, message: &str, fix: String) {
        let parent = path.rsplit_once('.').map_or("", |(p, _)| p);
        let in_options = path.rsplit('.').next().is_some_and(|s| s.parse::<usize>().is_ok())
            && self.walker.child_at(&split(parent)).is_some_and(|node| {
                let items = self.walker.resolved(node).get("items").map(|i| self.walker.resolved(i));
                items.is_some_and(|i| i.get("enum").is_some())
            });
        let mend = if in_options { Mend::Remove(path.to_owned()) } else { Mend::Replace(path.to_owned()) };
        out.push((self.diagnostic(path, self.positions.value(path), message, fix), Some(mend)));
    }

    /// Each of `fields` that becomes a file or folder name and cannot be one (see
    /// [`super::names`]). Fields of another shape are left to [`Checker::check`].
    pub fn names(&self, fields: &[&str], instance: &Value) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for field in fields {
            let pointer = format!("/{}", field.replace('.', "/"));
            let Some(Value::String(name)) = instance.pointer(&pointer) else { continue };
            if let Some(problem) = super::names::problem(name) {
                // A name of 400 characters or with line breaks is shown short, on one line.
                let mut shown: String = name.chars().take(20).flat_map(char::escape_debug).collect();
                if name.chars().count() > 20 {
                    shown.push('…');
                }
                let message = format!("“{shown}”{problem}");
                out.push(self.diagnostic(field, self.positions.value(field), &message, super::names::FIX.to_owned()));
            }
        }
        out
    }

    fn label(&self, path: &str) -> String {
        self.walker.titles(&split(path)).join(" · ")
    }

    fn diagnostic(&self, path: &str, pos: Pos, message: &str, fix: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: self.file.to_owned(),
            pos,
            cell: None,
            path: path.to_owned(),
            label: self.label(path),
            message: message.to_owned(),
            fix,
        }
    }
}

/// The message of a field that is there but empty.
const UNFILLED: &str = "尚未填写";

/// What is wrong with a number typed as text, and the number it most likely is.
fn number_text(text: &str, integer: bool) -> (String, String) {
    let half: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '—' => '-',
            '＋' => '+',
            '，' => ',',
            '％' => '%',
            c => c,
        })
        .collect();
    let bare: String = half.chars().filter(|c| !matches!(c, ',' | '%' | ' ')).collect();
    let is_number = |s: &str| {
        let digits = s.strip_prefix('-').unwrap_or(s);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        !whole.is_empty() && (whole.to_owned() + fraction).bytes().all(|b| b.is_ascii_digit())
    };
    let kind = if integer { "整数" } else { "数字" };
    let (what, number) = if half != text.trim() && is_number(&bare) {
        ("中有全角数字或符号", bare)
    } else if half.contains('%') && is_number(&bare) {
        ("带了百分号：比例只填数字", bare)
    } else if half.contains(',') && is_number(&bare) {
        ("带了千位分隔符“,”", bare)
    } else if let Some((mantissa, exponent)) = half.to_ascii_lowercase().split_once('e')
        && is_number(mantissa)
        && exponent.trim_start_matches(['+', '-']).bytes().all(|b| b.is_ascii_digit())
    {
        return (format!("“{text}” 是科学计数法"), format!("请写成普通的{kind}（如 12.60），不用 e"));
    } else if integer && is_number(&half) {
        return (format!("应为整数，而这里是 {half}"), "请填写整数（不带小数点）".to_owned());
    } else if is_number(&half) {
        return (format!("“{text}” 加了引号，成了文字"), format!("去掉引号：{half}"));
    } else {
        return (
            format!("应为{kind}，而这里是文字“{text}”"),
            format!("请改为{kind}（如 {}）", if integer { "12" } else { "12.60" }),
        );
    };
    (format!("“{text}”{what}"), format!("改为 {number}（在英文输入法下输入）"))
}

/// The year, month and day of a well-formed date that does not exist (2026-02-30).
fn impossible_day(text: &str) -> Option<(u16, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
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

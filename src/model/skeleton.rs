//! `dossier init`: a commented YAML skeleton written from the schema, so it names every field
//! the forms ask for, in the forms' order, with their Chinese labels and units — and never
//! drifts from what the loader accepts.
//!
//! The fields the chosen submissions need are written out, empty (`dossier check` lists them as
//! 尚未填写): the schema's required fields, and the parts each form prints (see
//! [`Submission::requires`]). Every list has one example entry with all its keys. Optional fields
//! stay commented out, with how to fill them.

use std::fmt::Write as _;

use serde_json::Value;

use crate::model::Submission;
use crate::model::lists::WORKBOOK;
use crate::model::schema::{Kind, Walker};

/// The skeleton of a file of `kind`; for a cluster, one that `submissions` need filled.
pub fn yaml(kind: Kind, submissions: &[Submission]) -> String {
    let schema = kind.cached();
    let walker = Walker::new(schema);
    let mut out = String::new();
    let header = match kind {
        Kind::Cluster => "中小企业特色产业集群申报（复核）数据",
        Kind::City => "市级中小企业主管部门的推荐与复核数据",
        Kind::Province => "省级中小企业主管部门的推荐意见与复核意见",
    };
    let _ = writeln!(out, "# {header}");
    out.push_str("# 由 dossier init 生成：在每个“键:”后面填写，每项上方的注释是表格中的栏目名称和单位。\n");
    out.push_str("# 文字项没有相关情况时填写“无”；数字只写数字（如 12.30，不写单位、%、千位分隔符）；\n");
    out.push_str("# 日期写作 2026-05-08；冒号用英文冒号加一个空格；缩进用空格，不用 Tab。\n");
    out.push_str("# 以 # 开头的行是说明，不会读入；需要某个可选项时，去掉它前面的“# ”。\n");
    out.push_str("# 填写后运行 dossier check 查看还缺什么、哪里不符合要求。\n");
    // The lists of a city or a province file are what it is for; a cluster's 名单与清单 are
    // needed by its forms' counts and volumes.
    let mut needed: Vec<&str> = match kind {
        Kind::Cluster => vec!["lists"],
        Kind::City | Kind::Province => vec!["recommended", "reviewed"],
    };
    needed.extend(submissions.iter().flat_map(|s| s.requires()));
    let skeleton = Skeleton { walker: &walker, submissions, needed: &needed };
    skeleton.object(schema, "", 0, true, &mut out);
    out
}

struct Skeleton<'a> {
    walker: &'a Walker<'a>,
    submissions: &'a [Submission],
    /// Optional fields the chosen submissions need (dotted paths).
    needed: &'a [&'a str],
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_owned() } else { format!("{parent}.{key}") }
}

impl Skeleton<'_> {
    /// The fields of an object, each with its comments; `on` is false inside a commented-out
    /// field, whose lines all start with `# `.
    fn object(&self, node: &Value, path: &str, indent: usize, on: bool, out: &mut String) {
        let node = self.walker.resolved(node);
        let Some(properties) = node.get("properties").and_then(Value::as_object) else { return };
        let required: Vec<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (key, property) in properties {
            let field = join(path, key);
            let needed = self.needed.contains(&field.as_str()) || self.needed.contains(&path);
            // The lists are kept in the workbook init writes beside the file; writing them out
            // instead is explained, commented.
            let listed = path != "lists" || key == "from";
            let wanted = on && listed && (required.contains(&key.as_str()) || needed);
            self.field(key, &field, property, wanted, indent, out);
        }
    }

    fn field(&self, key: &str, path: &str, property: &Value, on: bool, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let lead = if on { pad.clone() } else { format!("{pad}# ") };
        out.push('\n');
        self.comments(property, &pad, out);
        let resolved = self.walker.resolved(property);
        if path == "lists.from" {
            let _ = writeln!(out, "{lead}{key}: {WORKBOOK}");
            return;
        }
        if path == "submissions" && !self.submissions.is_empty() {
            let _ = writeln!(out, "{lead}{key}:");
            for submission in self.submissions {
                let _ = writeln!(out, "{lead}  - {}", written(submission));
            }
            return;
        }
        if let Some(properties) = resolved.get("properties").and_then(Value::as_object) {
            if self.walker.is_years(resolved) {
                // A figure by year: the keys under it, the base year explained in its line.
                let _ = writeln!(out, "{lead}{key}:");
                for (year, node) in properties {
                    let title = self.walker.title(node).unwrap_or_default();
                    let note = title.split_once('（').map(|(_, n)| n.trim_end_matches('）')).unwrap_or_default();
                    let note = if note.is_empty() { String::new() } else { format!("    # {note}") };
                    let _ = writeln!(out, "{lead}  {year}:{note}");
                }
            } else {
                // An optional part is spelled out commented, ready to uncomment.
                let _ = writeln!(out, "{lead}{key}:");
                self.object(resolved, path, indent + 2, on, out);
            }
        } else if self.walker.expects(resolved, "array")
            && let Some(item) = resolved.get("items").map(|i| self.walker.resolved(i))
            && item.get("properties").is_some()
        {
            // A list: one example entry with every key, the first key carrying the dash.
            let _ = writeln!(out, "{pad}# 每项以“- ”开始，按下面的样子逐项填写；没有时写 {key}: []");
            let _ = writeln!(out, "{lead}{key}:");
            let mut entry = String::new();
            self.object(item, &format!("{path}.0"), indent + 4, on, &mut entry);
            let first = item.get("properties").and_then(Value::as_object).and_then(|p| p.keys().next());
            let inner = " ".repeat(indent + 4);
            let (inner, dash) =
                if on { (inner, format!("{pad}  - ")) } else { (format!("{inner}# "), format!("{pad}  # - ")) };
            let first = first.map_or(String::new(), |k| format!("\n{inner}{k}:"));
            let dashed = first.replacen(&inner, &dash, 1);
            let entry = entry.replacen(&first, &dashed, 1);
            let entry = entry.trim_start_matches('\n');
            // The first key's label sits with its dash.
            let (head, rest) = entry.split_at(entry.find(&format!("\n{dash}")).map_or(0, |i| i + 1));
            for line in head.lines() {
                let _ = writeln!(out, "{}", line.strip_prefix("  ").unwrap_or(line));
            }
            out.push_str(rest);
        } else if self.walker.expects(resolved, "array")
            && let Some(options) = self.walker.options(resolved)
        {
            // A checkbox group: every box of the form, to be uncommented where ticked.
            let _ = writeln!(out, "{pad}# 勾选的项去掉行首的“# ”；一项也没有勾选时写 {key}: []");
            let _ = writeln!(out, "{lead}{key}:");
            for option in options {
                let _ = writeln!(out, "{pad}  # - {option}");
            }
        } else if self.walker.expects(resolved, "array") {
            let _ = writeln!(out, "{lead}{key}: []");
        } else if self.walker.expects(resolved, "object") {
            let _ = writeln!(out, "{lead}{key}: {{}}");
        } else {
            let _ = writeln!(out, "{lead}{key}:");
        }
    }

    /// The label (with what kind of value to write, when it is not text), its explanation and
    /// the options.
    fn comments(&self, property: &Value, pad: &str, out: &mut String) {
        let resolved = self.walker.resolved(property);
        if let Some(title) = self.walker.title(property) {
            match kind_of(self.walker, resolved) {
                Some(kind) => writeln!(out, "{pad}# {title}：{kind}"),
                None => writeln!(out, "{pad}# {title}"),
            }
            .unwrap_or_default();
        }
        let description = property.get("description").or_else(|| resolved.get("description"));
        for line in description.and_then(Value::as_str).unwrap_or_default().lines().filter(|l| !l.trim().is_empty()) {
            let _ = writeln!(out, "{pad}# {line}");
        }
        if resolved.get("items").is_none()
            && let Some(options) = self.walker.options(resolved)
        {
            let _ = writeln!(out, "{pad}# 可选：{}", options.join("；"));
        }
    }
}

/// What a leaf takes, when it is not text: 数字, 整数, 日期.
fn kind_of(walker: &Walker, node: &Value) -> Option<&'static str> {
    if node.get("format").and_then(Value::as_str) == Some("date") {
        Some("日期，写作 2026-05-08")
    } else if walker.expects(node, "number") && walker.expects(node, "string") {
        Some("数字，保留两位小数；定性的填文字")
    } else if walker.expects(node, "number") {
        Some("数字，保留两位小数")
    } else if walker.expects(node, "integer") {
        Some("整数")
    } else {
        None
    }
}

/// The Chinese name a submission is written as.
fn written(submission: &Submission) -> String {
    serde_json::to_value(submission).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_names_every_part_in_form_order() {
        let text = yaml(Kind::Cluster, &[Submission::ProvincialApplication]);
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing:\n{text}"));
        assert!(at("# 集群名称\n") < at("# 一、基本情况\n"));
        assert!(at("basics:\n") < at("plan:\n"));
        assert!(text.contains("# 可选：第一产业；第二产业；第三产业"));
        assert!(text.contains("\nindustry:\n"), "the application's parts are spelled out");
        assert!(text.contains("# review:"), "the review part is left out of an application");
        let review = yaml(Kind::Cluster, &[Submission::ProvincialReview, Submission::NationalReview]);
        assert!(review.contains("\nreview:\n") && review.contains("\n  changed:"), "{review}");
        // The skeletons are valid YAML.
        for text in [text, review, yaml(Kind::City, &[]), yaml(Kind::Province, &[])] {
            let _: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        }
    }
}

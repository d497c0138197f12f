//! `dossier init`: a commented YAML skeleton written from the schema, so it names every field
//! the forms ask for, in the forms' order, with their Chinese labels — and never drifts from
//! what the loader accepts. Required fields are left empty (`dossier check` lists them as
//! 尚未填写); optional ones are commented out.

use std::fmt::Write as _;

use serde_json::Value;

use crate::model::schema::{Kind, Walker};

/// Which optional parts of the cluster file a skeleton spells out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Parts 二–七 of the application forms.
    Application,
    /// The review form's 近三年目标完成情况.
    Review,
}

impl Purpose {
    fn parts(self) -> &'static [&'static str] {
        match self {
            Purpose::Application => &["industry", "innovation", "digital", "green", "openness", "governance"],
            Purpose::Review => &["review"],
        }
    }
}

pub fn yaml(kind: Kind, purpose: Purpose) -> String {
    let schema = kind.schema();
    let walker = Walker::new(&schema);
    let parts = purpose.parts();
    let mut out = String::new();
    let header = match kind {
        Kind::Cluster => "中小企业特色产业集群申报（复核）数据",
        Kind::City => "市级中小企业主管部门的推荐与复核数据",
    };
    let _ = writeln!(out, "# {header}");
    out.push_str("# 由 dossier init 生成：按每项上方的注释填写；无相关情况的文字项填写“无”。\n");
    out.push_str("# 数据有小数时写两位小数（如 12.30）；日期写作 2026-05-08。\n");
    out.push_str("# 填写后运行 dossier check 查看还缺什么、哪里不符合要求。\n");
    object(&walker, &schema, 0, parts, &mut out);
    out
}

fn object(walker: &Walker, node: &Value, indent: usize, parts: &[&str], out: &mut String) {
    let node = walker.resolved(node);
    let Some(properties) = node.get("properties").and_then(Value::as_object) else { return };
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (key, property) in properties {
        let wanted = required.contains(&key.as_str()) || (indent == 0 && parts.contains(&key.as_str()));
        field(walker, key, property, wanted, indent, parts, out);
    }
}

fn field(
    walker: &Walker,
    key: &str,
    property: &Value,
    required: bool,
    indent: usize,
    parts: &[&str],
    out: &mut String,
) {
    let pad = " ".repeat(indent);
    out.push('\n');
    if let Some(title) = walker.title(property) {
        let _ = writeln!(out, "{pad}# {title}");
    }
    let description = property.get("description").or_else(|| walker.resolved(property).get("description"));
    for line in description.and_then(Value::as_str).unwrap_or_default().lines().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "{pad}# {line}");
    }
    let resolved = walker.resolved(property);
    if let Some(options) = enum_options(walker, resolved) {
        let _ = writeln!(out, "{pad}# 可选：{}", options.join("；"));
    }
    // Optional fields stay commented out: the form works without them.
    let lead = if required { pad.clone() } else { format!("{pad}# ") };
    if walker.expects(resolved, "object") && resolved.get("properties").is_some() {
        if required {
            let _ = writeln!(out, "{lead}{key}:");
            object(walker, resolved, indent + 2, parts, out);
        } else {
            let _ = writeln!(out, "{lead}{key}:  （需要时去掉 # 并填写下一级各项）");
        }
    } else if walker.expects(resolved, "object") {
        let _ = writeln!(out, "{lead}{key}: {{}}");
    } else if walker.expects(resolved, "array") {
        if let Some(item) = resolved.get("items").map(|i| walker.resolved(i))
            && item.get("properties").is_some()
        {
            let _ = writeln!(out, "{pad}# 每项包括：{}", item_keys(walker, item));
        }
        let _ = writeln!(out, "{lead}{key}: []");
    } else {
        let _ = writeln!(out, "{lead}{key}:");
    }
}

fn enum_options(walker: &Walker, node: &Value) -> Option<Vec<String>> {
    let items = node.get("items").map(|i| walker.resolved(i)).unwrap_or(node);
    if let Some(options) = items.get("enum").and_then(Value::as_array) {
        return Some(options.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    }
    // Documented enums come as `oneOf: [{const, description}, …]`.
    let variants = items.get("oneOf")?.as_array()?;
    Some(variants.iter().filter_map(|v| v.get("const").and_then(Value::as_str)).map(str::to_owned).collect())
}

fn item_keys(walker: &Walker, item: &Value) -> String {
    item.get("properties")
        .and_then(Value::as_object)
        .map(|p| {
            p.iter()
                .map(|(k, v)| format!("{k}（{}）", walker.title(v).unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_names_every_part_in_form_order() {
        let text = yaml(Kind::Cluster, Purpose::Application);
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing:\n{text}"));
        assert!(at("# 集群名称\n") < at("# 一、基本情况\n"));
        assert!(at("basics:\n") < at("plan:\n"));
        assert!(text.contains("# 可选：第一产业；第二产业；第三产业"));
        assert!(text.contains("\nindustry:\n"), "the application's parts are spelled out");
        assert!(text.contains("# review:"), "the review part is left out of an application");
        assert!(yaml(Kind::Cluster, Purpose::Review).contains("\nreview:\n"));
        // The skeleton is valid YAML.
        let _: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    }
}

//! JSON Schemas of `cluster.yaml` and `city.yaml`, with the forms' Chinese labels as titles.
//!
//! Editors (VS Code's YAML extension) use them for completion and hover help; the loader uses
//! them to report every shape error of a file at once and to name a field by its label.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::model::{City, Cluster, Province};

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Cluster,
    City,
    Province,
}

impl Kind {
    /// The schema as JSON, every field titled with its label.
    pub fn schema(self) -> Value {
        let schema = match self {
            Kind::Cluster => schemars::schema_for!(Cluster),
            Kind::City => schemars::schema_for!(City),
            Kind::Province => schemars::schema_for!(Province),
        };
        let mut value = schema.to_value();
        add_titles(&mut value);
        add_limits(&mut value);
        value
    }

    /// [`Kind::schema`], generated once per process.
    pub fn cached(self) -> &'static Value {
        static CLUSTER: OnceLock<Value> = OnceLock::new();
        static CITY: OnceLock<Value> = OnceLock::new();
        static PROVINCE: OnceLock<Value> = OnceLock::new();
        let cell = match self {
            Kind::Cluster => &CLUSTER,
            Kind::City => &CITY,
            Kind::Province => &PROVINCE,
        };
        cell.get_or_init(|| self.schema())
    }
}

/// schemars bounds an unsigned integer below only: the largest value its type holds is the
/// schema's maximum too, so a count typed with a digit too many is a finding, not a failure
/// to read the file.
fn add_limits(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let max = match map.get("format").and_then(Value::as_str) {
                Some("uint16") => Some(u64::from(u16::MAX)),
                Some("uint32") => Some(u64::from(u32::MAX)),
                _ => None,
            };
            if let Some(max) = max {
                map.entry("maximum").or_insert(Value::from(max));
            }
            map.values_mut().for_each(add_limits);
        }
        Value::Array(items) => items.iter_mut().for_each(add_limits),
        _ => {}
    }
}

/// schemars turns a one-paragraph doc comment into `description` only, and titles the root with
/// the type's (English) name; editors and error messages want the label as `title`, so the
/// description's first line becomes the title.
fn add_titles(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let named = map.get("title").and_then(Value::as_str).is_none_or(|t| t.is_ascii());
            if named && let Some(Value::String(description)) = map.get("description") {
                let title = description.lines().next().unwrap_or_default().to_owned();
                let rest = description.lines().skip(1).collect::<Vec<_>>().join("\n");
                let rest = rest.trim().to_owned();
                map.insert("title".into(), Value::String(title));
                if rest.is_empty() {
                    map.remove("description");
                } else {
                    map.insert("description".into(), Value::String(rest));
                }
            }
            map.values_mut().for_each(add_titles);
        }
        Value::Array(items) => items.iter_mut().for_each(add_titles),
        _ => {}
    }
}

/// Walks a schema along an instance path, following `$ref`, `properties`, `items`,
/// `additionalProperties` and the non-null branch of an optional (`anyOf`).
pub struct Walker<'a> {
    root: &'a Value,
}

impl<'a> Walker<'a> {
    pub fn new(root: &'a Value) -> Walker<'a> {
        Walker { root }
    }

    /// The schema a node stands for, references and optionals looked through.
    pub fn resolved(&self, mut node: &'a Value) -> &'a Value {
        // An optional is `anyOf: [T, null]`; a reference is `$ref: "#/$defs/T"`.
        for _ in 0..16 {
            if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
                let Some(target) = reference.strip_prefix('#').and_then(|p| self.root.pointer(p)) else {
                    return node;
                };
                node = target;
            } else if let Some(branch) = node
                .get("anyOf")
                .and_then(Value::as_array)
                .and_then(|branches| branches.iter().find(|b| b.get("type") != Some(&Value::from("null"))))
            {
                node = branch;
            } else {
                break;
            }
        }
        node
    }

    /// The schema node of a child: a property of an object or an item of an array.
    pub fn child(&self, node: &'a Value, segment: &str) -> Option<&'a Value> {
        let node = self.resolved(node);
        if let Some(property) = node.get("properties").and_then(|p| p.get(segment)) {
            return Some(property);
        }
        if segment.parse::<usize>().is_ok()
            && let Some(items) = node.get("items")
        {
            return Some(items);
        }
        node.get("additionalProperties").filter(|a| a.is_object())
    }

    /// The title a field shows to the user: its own title, or its type's.
    pub fn title(&self, node: &'a Value) -> Option<&'a str> {
        node.get("title").and_then(Value::as_str).or_else(|| self.resolved(node).get("title").and_then(Value::as_str))
    }

    /// The titles along a path, outermost first (array positions are numbered, not titled).
    pub fn titles(&self, path: &[String]) -> Vec<String> {
        let mut titles = Vec::new();
        let mut node = self.root;
        for segment in path {
            let Some(next) = self.child(node, segment) else { break };
            if let Ok(index) = segment.parse::<usize>()
                && next.get("title").is_none()
                && !is_year(segment)
            {
                titles.push(format!("第 {} 项", index + 1));
                node = next;
                continue;
            }
            if let Some(title) = self.title(next) {
                titles.push(title.to_owned());
            }
            node = next;
        }
        titles
    }

    /// The schema node at a path from the root.
    pub fn child_at(&self, path: &[String]) -> Option<&'a Value> {
        path.iter().try_fold(self.root, |node, segment| self.child(node, segment))
    }

    /// Whether a node accepts values of a JSON type (`"string"`, `"number"`, …).
    pub fn expects(&self, node: &'a Value, kind: &str) -> bool {
        match self.resolved(node).get("type") {
            Some(Value::String(t)) => t == kind,
            Some(Value::Array(types)) => types.iter().any(|t| t == kind),
            _ => false,
        }
    }

    /// The options of a field that takes one of the form's texts, or of a list of them (a
    /// checkbox group): `是`, `否`, or every box of the group.
    pub fn options(&self, node: &'a Value) -> Option<Vec<String>> {
        let node = self.resolved(node);
        let items = node.get("items").map(|i| self.resolved(i)).unwrap_or(node);
        if let Some(options) = items.get("enum").and_then(Value::as_array) {
            return Some(options.iter().filter_map(Value::as_str).map(str::to_owned).collect());
        }
        // Documented enums come as `oneOf: [{const, description}, …]`.
        let variants = items.get("oneOf")?.as_array()?;
        Some(variants.iter().filter_map(|v| v.get("const").and_then(Value::as_str)).map(str::to_owned).collect())
    }

    /// Whether an object is a figure by year: its keys are years (`2022`–`2025`), its values
    /// plain.
    pub fn is_years(&self, node: &'a Value) -> bool {
        let Some(properties) = self.resolved(node).get("properties").and_then(Value::as_object) else { return false };
        !properties.is_empty()
            && properties.iter().all(|(k, v)| is_year(k) && self.resolved(v).get("properties").is_none())
    }

    /// The property names an object at `path` accepts (for "did you mean" hints).
    pub fn properties(&self, path: &[String]) -> Vec<String> {
        let Some(node) = self.child_at(path) else { return Vec::new() };
        self.resolved(node)
            .get("properties")
            .and_then(Value::as_object)
            .map(|p: &Map<String, Value>| p.keys().cloned().collect())
            .unwrap_or_default()
    }
}

fn is_year(segment: &str) -> bool {
    segment.len() == 4 && segment.starts_with("20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_cluster_schema_has_a_chinese_title() {
        let schema = Kind::Cluster.schema();
        let walker = Walker::new(&schema);
        let path = |p: &str| p.split('.').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(walker.titles(&path("name")), vec!["集群名称"]);
        assert_eq!(
            walker.titles(&path("industry.chain_text")),
            vec!["二、主导产业情况（申报表）", "集群产业链强链补链情况（200 字以内）"]
        );
        assert_eq!(walker.titles(&path("industry.output.2023")).last().unwrap(), "2023 年");
        assert_eq!(walker.titles(&path("lists.champions.0.name")).last().unwrap(), "企业名称");
        assert!(walker.properties(&path("basics")).contains(&"industry_type".to_owned()));
    }
}

//! Stand-ins for the values a file gets wrong, so that one wrong field does not hide the
//! findings about all the others: the file is written out again as YAML with each wrong value
//! replaced by a neutral one of the right shape (“无”, 0, “否”, an option left out, a missing
//! part as its bare skeleton), and that text is what the typed model is read from. Positions stay
//! those of the user's file; the rules leave the stood-in fields alone.

use std::fmt::Write as _;

use marked_yaml::Node;
use serde_json::Value;

use crate::model::schema::Walker;

/// How a field the shape check refused is stood in for (by its dotted path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mend {
    /// The value is replaced by a stand-in of its schema.
    Replace(String),
    /// A missing field is added with a stand-in.
    Insert(String),
    /// An unknown key, or an option that is not on the form, is left out.
    Remove(String),
}

impl Mend {
    pub fn path(&self) -> &str {
        match self {
            Mend::Replace(p) | Mend::Insert(p) | Mend::Remove(p) => p,
        }
    }
}

/// The file as YAML again, with every mend applied.
pub fn yaml(root: &Node, walker: &Walker, mends: &[Mend]) -> String {
    let mut out = String::new();
    let writer = Writer { walker, mends };
    match root {
        Node::Mapping(_) => writer.node(root, "", 0, &mut out),
        // The shape check refused a top level that is not a mapping: start from nothing.
        _ => writer.json(&stand_in(walker, ""), 0, &mut out),
    }
    out
}

struct Writer<'a> {
    walker: &'a Walker<'a>,
    mends: &'a [Mend],
}

fn join(parent: &str, segment: &str) -> String {
    if parent.is_empty() { segment.to_owned() } else { format!("{parent}.{segment}") }
}

/// A key or a text as a YAML double-quoted scalar (JSON's escapes are YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

impl Writer<'_> {
    fn mended(&self, path: &str) -> Option<&Mend> {
        self.mends.iter().find(|m| m.path() == path)
    }
}

/// The stand-in of the field at `path`, from its schema.
pub fn stand_in(walker: &Walker, path: &str) -> Value {
    let segments: Vec<String> = path.split('.').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    match walker.child_at(&segments) {
        Some(node) => of(walker, node),
        None => Value::Null,
    }
}

fn of(walker: &Walker, node: &Value) -> Value {
    let node = walker.resolved(node);
    if let Some(options) = node.get("enum").and_then(Value::as_array) {
        // “否” claims nothing; otherwise the first option.
        let no = options.iter().find(|o| o.as_str() == Some("否"));
        return no.or(options.first()).cloned().unwrap_or(Value::Null);
    }
    let expects = |kind| walker.expects(node, kind);
    if let Some(properties) = node.get("properties").and_then(Value::as_object) {
        let required: Vec<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let fields = properties.iter().filter(|(k, _)| required.contains(&k.as_str()));
        return Value::Object(fields.map(|(k, v)| (k.clone(), of(walker, v))).collect());
    }
    if expects("array") {
        Value::Array(Vec::new())
    } else if expects("string") && node.get("format").and_then(Value::as_str) == Some("date") {
        Value::from("2000-01-01")
    } else if expects("string") {
        Value::from("无")
    } else if expects("number") || expects("integer") {
        Value::from(0)
    } else if expects("boolean") {
        Value::from(false)
    } else if expects("object") {
        Value::Object(serde_json::Map::new())
    } else {
        Value::Null
    }
}

impl Writer<'_> {
    /// Writes a node as the value after `key:` (or `-`): a scalar on the same line, a mapping or
    /// a sequence on the lines below, indented.
    fn node(&self, node: &Node, path: &str, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match node {
            Node::Scalar(scalar) => {
                let text = scalar.as_str();
                // A plain scalar is written as typed (its type is what the user's file gives it);
                // any other is quoted.
                if scalar.may_coerce() && !text.contains('\n') {
                    let _ = writeln!(out, " {text}");
                } else {
                    let _ = writeln!(out, " {}", quoted(text));
                }
            }
            Node::Mapping(map) => {
                out.push('\n');
                let start = out.len();
                for (key, value) in map.iter() {
                    let child = join(path, key.as_str());
                    match self.mended(&child) {
                        Some(Mend::Remove(_)) => continue,
                        Some(_) => {
                            let _ = write!(out, "{pad}{}:", quoted(key.as_str()));
                            self.json(&stand_in(self.walker, &child), indent + 2, out);
                        }
                        None => {
                            let _ = write!(out, "{pad}{}:", quoted(key.as_str()));
                            self.node(value, &child, indent + 2, out);
                        }
                    }
                }
                for mend in self.mends {
                    if let Mend::Insert(field) = mend
                        && field.rsplit_once('.').map_or("", |(p, _)| p) == path
                    {
                        let key = field.rsplit('.').next().unwrap_or(field);
                        let _ = write!(out, "{pad}{}:", quoted(key));
                        self.json(&stand_in(self.walker, field), indent + 2, out);
                    }
                }
                if out.len() == start {
                    // Every key was left out: an empty mapping.
                    out.pop();
                    out.push_str(" {}\n");
                }
            }
            Node::Sequence(items) => {
                let kept: Vec<(String, &Node)> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (join(path, &i.to_string()), item))
                    .filter(|(p, _)| !matches!(self.mended(p), Some(Mend::Remove(_))))
                    .collect();
                if kept.is_empty() {
                    out.push_str(" []\n");
                    return;
                }
                out.push('\n');
                for (child, item) in kept {
                    let _ = write!(out, "{pad}-");
                    match self.mended(&child) {
                        Some(_) => self.json(&stand_in(self.walker, &child), indent + 2, out),
                        None => self.node(item, &child, indent + 2, out),
                    }
                }
            }
        }
    }

    /// Writes a stand-in, as [`Writer::node`] writes a node.
    fn json(&self, value: &Value, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match value {
            Value::Object(map) if map.is_empty() => out.push_str(" {}\n"),
            Value::Object(map) => {
                out.push('\n');
                for (key, value) in map {
                    let _ = write!(out, "{pad}{}:", quoted(key));
                    self.json(value, indent + 2, out);
                }
            }
            Value::Array(_) => out.push_str(" []\n"),
            Value::String(text) => {
                let _ = writeln!(out, " {}", quoted(text));
            }
            Value::Null => out.push('\n'),
            other => {
                let _ = writeln!(out, " {other}");
            }
        }
    }
}

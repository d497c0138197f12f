//! The YAML as a tree of positions: where every key and value sits, so that a finding about
//! any field can name its line and column, and a JSON copy of the data for schema checks.

use std::collections::HashMap;
use std::sync::Arc;

use marked_yaml::Node;
use serde_json::Value;

use crate::load::diagnostic::{Pos, byte_offset};
use crate::model::schema::Walker;

/// Where one field sits in the file.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    key: Pos,
    value: Pos,
}

/// Positions of every field of a YAML file, keyed by dotted path (`lists.champions.0.name`).
#[derive(Debug, Default, Clone)]
pub struct Positions {
    places: HashMap<String, Place>,
    /// The text the positions are in, to find a part of a value (a figure inside a narrative).
    text: Arc<str>,
}

impl Positions {
    /// Where the value of `path` is, or of its nearest ancestor that exists (a missing field
    /// is reported at the object that should hold it).
    pub fn value(&self, path: &str) -> Pos {
        self.nearest(path).map(|p| p.value).unwrap_or_default()
    }

    /// Where the key of `path` is (for unknown keys), or its nearest ancestor.
    pub fn key(&self, path: &str) -> Pos {
        self.nearest(path).map(|p| p.key).unwrap_or_default()
    }

    pub fn contains(&self, path: &str) -> bool {
        self.places.contains_key(path)
    }

    /// Where `part` of the value of `path` is: its first occurrence from the value's start on
    /// (a block of text keeps its words on the lines they are typed on), else the value.
    pub fn within(&self, path: &str, part: &str) -> Pos {
        let at = self.value(path);
        let Some(start) = byte_offset(&self.text, at) else { return at };
        match self.text[start..].find(part) {
            Some(found) => {
                let before = &self.text[..start + found];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
                Pos { line, column }
            }
            None => at,
        }
    }

    fn nearest(&self, mut path: &str) -> Option<&Place> {
        loop {
            if let Some(place) = self.places.get(path) {
                return Some(place);
            }
            path = &path[..path.rfind('.')?];
        }
    }
}

/// Where a node (or a key) starts.
fn start(span: &marked_yaml::Span) -> Pos {
    span.start().map(|m| Pos { line: m.line(), column: m.column() }).unwrap_or_default()
}

fn pos(node: &Node) -> Pos {
    start(node.span())
}

/// Converts the YAML tree to JSON for the schema check, typing each plain scalar by what the
/// schema expects there (a phone number typed as digits is still text where text is wanted),
/// and records every position on the way.
pub fn convert(root: &Node, walker: &Walker, schema: &Value, text: &str) -> (Value, Positions) {
    let mut positions = Positions { places: HashMap::new(), text: text.into() };
    // Whatever the file's first node, a finding about the whole file points at its start.
    let start = Pos { line: 1, column: 1 };
    positions.places.insert(String::new(), Place { key: start, value: start });
    let json = to_json(root, Some(schema), walker, "", &mut positions);
    (json, positions)
}

fn join(parent: &str, segment: &str) -> String {
    if parent.is_empty() { segment.to_owned() } else { format!("{parent}.{segment}") }
}

fn to_json(node: &Node, schema: Option<&Value>, walker: &Walker, path: &str, positions: &mut Positions) -> Value {
    match node {
        Node::Mapping(map) => {
            let mut object = serde_json::Map::new();
            for (key, value) in map.iter() {
                let child_path = join(path, key.as_str());
                let mut place = Place { key: start(key.span()), value: pos(value) };
                if place.value == Pos::default() || is_empty_scalar(value) {
                    place.value = place.key;
                }
                positions.places.insert(child_path.clone(), place);
                let child_schema = schema.and_then(|s| walker.child(s, key.as_str()));
                object.insert(key.as_str().to_owned(), to_json(value, child_schema, walker, &child_path, positions));
            }
            Value::Object(object)
        }
        Node::Sequence(seq) => Value::Array(
            seq.iter()
                .enumerate()
                .map(|(i, item)| {
                    let child_path = join(path, &i.to_string());
                    let here = pos(item);
                    positions.places.insert(child_path.clone(), Place { key: here, value: here });
                    let child_schema = schema.and_then(|s| walker.child(s, &i.to_string()));
                    to_json(item, child_schema, walker, &child_path, positions)
                })
                .collect(),
        ),
        Node::Scalar(scalar) => {
            let text = scalar.as_str();
            if !scalar.may_coerce() {
                return Value::String(text.to_owned());
            }
            if matches!(text.trim(), "" | "~" | "null" | "Null" | "NULL") {
                return Value::Null;
            }
            let expects = |kind: &str| schema.is_some_and(|s| walker.expects(s, kind));
            if expects("string") && !expects("number") {
                return Value::String(text.to_owned());
            }
            // A number is written the plain way (`12.60`, `-3`): `1e30`, `0x1F`, `.inf` or `１２`
            // stay text, so that the shape check names them; an integer has no decimal point.
            let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
            let plain = !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && fraction.bytes().all(|b| b.is_ascii_digit())
                && !(digits.contains('.') && fraction.is_empty());
            if plain && (fraction.is_empty() || !expects("integer")) {
                if let Ok(int) = text.parse::<i64>() {
                    return Value::from(int);
                }
                if let Some(number) = text.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
                    return Value::Number(number);
                }
            }
            match text {
                "true" | "True" | "TRUE" if expects("boolean") => Value::Bool(true),
                "false" | "False" | "FALSE" if expects("boolean") => Value::Bool(false),
                _ => Value::String(text.to_owned()),
            }
        }
    }
}

fn is_empty_scalar(node: &Node) -> bool {
    node.as_scalar().is_some_and(|s| s.as_str().trim().is_empty())
}

//! A YAML file as a web form, generated from its JSON Schema and the values the file holds: the
//! parts in the form's order, each field under its form label with its unit and help. A field
//! added to the model appears here as it appears in the schema, the errors and `init`.

use serde::Serialize;
use serde_json::Value;

use crate::model::Submission;
use crate::model::schema::{Kind, Walker};
use crate::rules;

/// The form of one file.
#[derive(Debug, Serialize)]
pub struct Form {
    pub sections: Vec<Section>,
}

impl Form {
    /// Calls `f` on every field, those inside groups, year rows and tables included.
    pub fn visit(&self, f: &mut impl FnMut(&Field)) {
        fn walk(field: &Field, f: &mut impl FnMut(&Field)) {
            f(field);
            match &field.input {
                Input::Years { cells: fields } | Input::Group { fields } => fields.iter().for_each(|c| walk(c, f)),
                Input::Table { rows, .. } => rows.iter().flat_map(|r| &r.cells).for_each(|c| walk(c, f)),
                _ => {}
            }
        }
        self.sections.iter().flat_map(|s| &s.fields).for_each(|field| walk(field, f));
    }
}

/// One part of the form (一、基本情况), or the fields before the first part.
#[derive(Debug, Serialize)]
pub struct Section {
    /// The part's key (`industry`), empty for the fields before the first part.
    pub path: String,
    pub title: String,
    pub help: Option<String>,
    /// Shown open: the file has it, or the submissions need it.
    pub open: bool,
    /// Why a part is folded away.
    pub note: Option<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Serialize)]
pub struct Field {
    /// The dotted path, as findings name it and edits address it.
    pub path: String,
    pub label: String,
    pub help: Option<String>,
    pub unit: Option<String>,
    #[serde(flatten)]
    pub input: Input,
}

/// What a field takes, with its value as the file has it.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Input {
    /// Text; a narrative (`multiline`) shows its 字数 against its own limit or the shared one.
    Text {
        value: String,
        multiline: bool,
        limit: Option<usize>,
        shared: bool,
    },
    /// A figure or a count; `or_text` where “无” may stand for it.
    Number {
        value: String,
        integer: bool,
        or_text: bool,
    },
    Date {
        value: String,
    },
    /// One of the form's options (是 / 否 …).
    Choice {
        value: String,
        options: Vec<String>,
    },
    /// A checkbox group.
    Checks {
        ticked: Vec<String>,
        options: Vec<String>,
    },
    /// A figure by year, one cell a year.
    Years {
        cells: Vec<Field>,
    },
    Group {
        fields: Vec<Field>,
    },
    /// A list of entries (a 名单): one row each, a column per field.
    Table {
        columns: Vec<Column>,
        rows: Vec<Row>,
    },
    /// What the form does not edit (lists of file paths, keyed maps): shown as the file has it.
    Fixed {
        value: String,
    },
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub path: String,
    pub cells: Vec<Field>,
}

/// The form of a file of `kind` holding `values` (as [`crate::load::edit::read`] reads it). A
/// cluster's parts its submissions do not need, and the file lacks, are folded away.
pub fn build(kind: Kind, values: &Value, submissions: &[Submission]) -> Form {
    let schema = kind.cached();
    let walker = Walker::new(schema);
    let builder = Builder { walker: &walker, values };
    let root = walker.resolved(schema);
    let Some(properties) = root.get("properties").and_then(Value::as_object) else {
        return Form { sections: Vec::new() };
    };
    let needed: Vec<&str> = submissions.iter().flat_map(|s| s.requires().iter().copied()).collect();
    // The fields before the first numbered part (一、基本情况) are the cover's; each property from
    // it on is a part. A file without numbered parts gets a part for each list or object.
    let numbered = properties.values().position(|p| walker.title(p).is_some_and(is_numbered));
    let mut cover = Section {
        path: String::new(),
        title: "封面及集群信息".to_owned(),
        help: None,
        open: true,
        note: None,
        fields: Vec::new(),
    };
    let mut sections = Vec::new();
    for (i, (key, property)) in properties.iter().enumerate() {
        let own = match numbered {
            Some(first) => i >= first,
            None => walker.expects(property, "object") || walker.expects(property, "array"),
        };
        let field = builder.field(key, property);
        if !own {
            cover.fields.push(field);
            continue;
        }
        let present = !values.get(key).is_none_or(Value::is_null);
        let optional = property.get("anyOf").is_some();
        let open = present || !optional || needed.contains(&key.as_str());
        let note = (!open).then(|| "本次报送的材料不需要填写此部分（在“本次报送的材料”中勾选后会展开）".to_owned());
        let (title, help) = (field.label.clone(), field.help.clone());
        let fields = match field.input {
            Input::Group { fields } => fields,
            _ => vec![field],
        };
        sections.push(Section { path: key.clone(), title, help, open, note, fields });
    }
    if !cover.fields.is_empty() {
        sections.insert(0, cover);
    }
    Form { sections }
}

/// `一、基本情况`, `二、主导产业情况（申报表）`.
fn is_numbered(title: &str) -> bool {
    let mut chars = title.chars();
    chars.next().is_some_and(|c| "一二三四五六七八九十".contains(c)) && chars.next() == Some('、')
}

struct Builder<'a> {
    walker: &'a Walker<'static>,
    values: &'a Value,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_owned() } else { format!("{parent}.{key}") }
}

/// The value at a dotted path, as text (nothing for a missing field).
fn text_at(values: &Value, path: &str) -> String {
    let pointer = format!("/{}", path.replace('.', "/"));
    match values.pointer(&pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The unit a label ends with: `集群总产值（亿元）` → 亿元; `（个，需提供清单）` → 个. Notes that
/// are no unit (`年度累计值`) are not taken.
fn unit(label: &str) -> Option<String> {
    let inner = label.strip_suffix('）')?.rsplit_once('（')?.1;
    let first = inner.split('，').next()?.trim();
    let is_unit = !first.is_empty() && first.chars().count() <= 12 && !first.contains('值') && !first.contains('年');
    is_unit.then(|| first.to_owned())
}

impl Builder<'_> {
    fn field(&self, path: &str, property: &'static Value) -> Field {
        let node = self.walker.resolved(property);
        let label = self.walker.title(property).unwrap_or(path.rsplit('.').next().unwrap_or(path)).to_owned();
        let help = property.get("description").or_else(|| node.get("description")).and_then(Value::as_str);
        let input = self.input(path, property);
        let unit = match input {
            Input::Number { .. } | Input::Years { .. } => unit(&label),
            _ => None,
        };
        Field { path: path.to_owned(), label, help: help.map(str::to_owned), unit, input }
    }

    fn input(&self, path: &str, property: &'static Value) -> Input {
        let walker = self.walker;
        let node = walker.resolved(property);
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            let fields = properties.iter().map(|(key, child)| self.field(&join(path, key), child));
            return if walker.is_years(node) {
                Input::Years { cells: fields.collect() }
            } else {
                Input::Group { fields: fields.collect() }
            };
        }
        if walker.expects(node, "array") {
            let items = node.get("items").map(|i| walker.resolved(i));
            if let Some(options) = walker.options(node).filter(|_| items.is_some_and(|i| !walker.expects(i, "object")))
            {
                let ticked = match self.values.pointer(&format!("/{}", path.replace('.', "/"))) {
                    Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                    _ => Vec::new(),
                };
                return Input::Checks { ticked, options };
            }
            if let Some(columns) = items.and_then(|i| i.get("properties")).and_then(Value::as_object) {
                return self.table(path, columns);
            }
        }
        let value = text_at(self.values, path);
        if walker.expects(node, "object") || walker.expects(node, "array") {
            return Input::Fixed { value: self.fixed(path) };
        }
        if let Some(options) = walker.options(node) {
            return Input::Choice { value, options };
        }
        if node.get("format").and_then(Value::as_str) == Some("date") {
            return Input::Date { value };
        }
        let number = walker.expects(node, "number");
        if number || walker.expects(node, "integer") {
            return Input::Number { value, integer: !number, or_text: walker.expects(node, "string") };
        }
        let limit = rules::own_limit(path);
        let shared = rules::shared(path);
        let multiline = limit.is_some() || shared || value.contains('\n') || value.chars().count() > 60;
        Input::Text { value, multiline, limit, shared }
    }

    fn table(&self, path: &str, columns: &'static serde_json::Map<String, Value>) -> Input {
        let count = match self.values.pointer(&format!("/{}", path.replace('.', "/"))) {
            Some(Value::Array(rows)) => rows.len(),
            _ => 0,
        };
        let rows = (0..count)
            .map(|i| {
                let row = join(path, &i.to_string());
                Row {
                    cells: columns.iter().map(|(key, child)| self.field(&join(&row, key), child)).collect(),
                    path: row,
                }
            })
            .collect();
        let columns = columns
            .iter()
            .map(|(key, child)| Column { key: key.clone(), label: self.walker.title(child).unwrap_or(key).to_owned() })
            .collect();
        Input::Table { columns, rows }
    }

    /// A value the form does not edit, as YAML-like lines.
    fn fixed(&self, path: &str) -> String {
        let value = self.values.pointer(&format!("/{}", path.replace('.', "/"))).cloned().unwrap_or(Value::Null);
        let mut leaves = Vec::new();
        rules::leaves(&value, "", &mut leaves);
        leaves
            .iter()
            .map(|(key, v)| format!("{key}: {}", v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_read_from_labels() {
        assert_eq!(unit("集群总产值（亿元）").as_deref(), Some("亿元"));
        assert_eq!(unit("集群或集群内企业在境外设立分支机构数量（个，需提供清单）").as_deref(), Some("个"));
        assert_eq!(unit("集群企业数量（年度累计值）"), None);
        assert_eq!(unit("无等级占比"), None);
    }

    #[test]
    fn every_part_of_the_cluster_is_a_section_in_the_forms_order() {
        let form = build(Kind::Cluster, &Value::Null, &[Submission::ProvincialApplication]);
        let titles: Vec<&str> = form.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles[0], "封面及集群信息");
        assert_eq!(titles[1], "一、基本情况");
        assert!(titles[2].starts_with("二、主导产业情况"), "{titles:?}");
        let review = form.sections.iter().find(|s| s.path == "review").unwrap();
        assert!(!review.open && review.note.is_some(), "an application folds the review part away");
        let industry = form.sections.iter().find(|s| s.path == "industry").unwrap();
        assert!(industry.open);
        let output = industry.fields.iter().find(|f| f.path == "industry.output").unwrap();
        assert!(
            matches!(&output.input, Input::Years { cells } if cells.len() == 3 && cells[0].path == "industry.output.2023")
        );
        assert_eq!(output.unit.as_deref(), Some("亿元"));
        let chain = industry.fields.iter().find(|f| f.path == "industry.chain_text").unwrap();
        assert!(matches!(chain.input, Input::Text { multiline: true, limit: Some(200), .. }));
        let works = industry.fields.iter().find(|f| f.path == "industry.chain_works").unwrap();
        assert!(matches!(&works.input, Input::Checks { options, .. } if options.len() == 8), "{:?}", works.input);
    }
}

//! The rules the notice states, checked before anything is built.
//!
//! One file per rule family; each family is a function that reads the cluster (or the city)
//! and pushes findings. The plumbing they share — where a field sits in the YAML, its form
//! label, how a finding is made — lives here, so a rule says only what it checks.

mod city;
mod decimals;
mod evidence;
mod figures;
mod length;
mod lists;
mod narratives;
mod patents;
mod printable;
mod province;
mod relations;
mod required;
mod standards;
mod statement;
mod submissions;
mod targets;

use std::ops::Deref;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use city::{Cause, Exclusion, excluded};
pub use length::{Total, count, own_limit, shared, totals};
pub use printable::unprintable;
pub use targets::{Floor, Measure, floors};

use crate::load::diagnostic::{Diagnostic, Pos, Severity};
use crate::load::project::CityProject;
use crate::load::sheet::Origins;
use crate::load::{Loaded, Positions};
use crate::model::schema::{Kind, Walker};
use crate::model::{Cluster, Dec, Province};

/// Every finding about one cluster: loading's, then the rules' — except those about a field
/// that holds a stand-in (the file's value there could not be read, and loading said why).
pub fn cluster(loaded: &Loaded<Cluster>) -> Vec<Diagnostic> {
    let cx = Cx::new(loaded);
    let mut out = Vec::new();
    for rule in CLUSTER_RULES {
        rule(&cx, &mut out);
    }
    // An enterprise on several 名单 of one table is one row: a finding about its cell, once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| d.cell.is_none() || seen.insert((d.file.clone(), d.cell.clone(), d.message.clone())));
    with_loading(loaded, out)
}

/// Loading's findings about a file, then the rules' `found` — except those about a field that
/// holds a stand-in (loading said what is wrong there).
fn with_loading<T>(loaded: &Loaded<T>, mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    found.retain(|d| !touches(&d.path, &loaded.stand_ins));
    loaded.findings.iter().cloned().chain(found).collect()
}

/// Whether no field at or under `paths` holds a stand-in.
pub(crate) fn intact(stand_ins: &[String], paths: &[&str]) -> bool {
    !paths.iter().any(|p| touches(p, stand_ins))
}

/// Whether a field is, holds or lies within one of `paths` (the empty path is no field).
pub(crate) fn touches(path: &str, paths: &[String]) -> bool {
    let within = |inner: &str, outer: &str| inner.strip_prefix(outer).is_some_and(|rest| rest.starts_with('.'));
    !path.is_empty() && paths.iter().any(|s| s == path || within(s, path) || within(path, s))
}

/// Every finding about a city's set of clusters (the clusters' own findings come from
/// [`cluster`]).
pub fn city(project: &CityProject) -> Vec<Diagnostic> {
    with_loading(&project.city, city::check(project))
}

/// Why the standard 现场核查符合性说明 cannot be signed for a cluster (empty when it can).
pub fn statement_refusals(loaded: &Loaded<Cluster>) -> Vec<Diagnostic> {
    statement::refusals(&Cx::new(loaded))
}

/// Every finding about a province's file.
pub fn province(loaded: &Loaded<Province>) -> Vec<Diagnostic> {
    with_loading(loaded, province::check(loaded))
}

/// A family of cluster rules.
type Rule = fn(&Cx, &mut Vec<Diagnostic>);

const CLUSTER_RULES: [Rule; 14] = [
    submissions::check,
    statement::check,
    required::check,
    decimals::check,
    length::check,
    figures::check,
    relations::check,
    narratives::check,
    targets::check,
    targets::completion,
    lists::check,
    patents::check,
    standards::check,
    evidence::check,
];

/// One YAML file as findings see it: where each field is and what the form calls it.
pub(crate) struct Sheet<'a> {
    pub file: &'a Path,
    positions: &'a Positions,
    /// The cells of the values read from spreadsheets.
    origins: &'a Origins,
    stand_ins: &'a [String],
    walker: Walker<'static>,
    /// The data as JSON, keyed as in the YAML.
    pub json: Value,
}

impl<'a> Sheet<'a> {
    pub fn new<T: serde::Serialize>(kind: Kind, loaded: &'a Loaded<T>) -> Sheet<'a> {
        let json = serde_json::to_value(&loaded.value).unwrap_or(Value::Null);
        Sheet {
            file: &loaded.path,
            positions: &loaded.positions,
            origins: &loaded.origins,
            stand_ins: &loaded.stand_ins,
            walker: Walker::new(kind.cached()),
            json,
        }
    }

    /// Whether every field at or under these paths holds what the file says (no stand-in): a
    /// rule that compares fields checks this first, so a stand-in never draws a finding
    /// elsewhere.
    pub fn intact(&self, paths: &[&str]) -> bool {
        intact(self.stand_ins, paths)
    }

    /// Where `part` of a field's value is in the file (a figure in a narrative).
    pub fn within(&self, path: &str, part: &str) -> Pos {
        self.positions.within(path, part)
    }

    /// Whether the file has the field's key (perhaps with nothing after it).
    pub fn written(&self, path: &str) -> bool {
        self.positions.contains(path)
    }

    /// The line a field is on, for a message that names another place.
    pub fn line(&self, path: &str) -> usize {
        self.place(path).line
    }

    /// Where a list is kept, as a message names it: `名单.xlsx「发明专利」`, or its key under
    /// cluster.yaml's `lists:` (`lists.patents`).
    pub fn list_place(&self, path: &str) -> String {
        let key = path.strip_prefix("lists.").unwrap_or(path);
        self.origins.list(key).map_or_else(|| path.to_owned(), str::to_owned)
    }

    /// The form's label of a field, part first: `二、主导产业情况（申报表） · 集群总产值（亿元）`.
    pub fn label(&self, path: &str) -> String {
        self.titles(path).join(" · ")
    }

    /// The field's own label, without its part.
    pub fn title(&self, path: &str) -> String {
        self.titles(path).pop().unwrap_or_else(|| path.to_owned())
    }

    fn titles(&self, path: &str) -> Vec<String> {
        let segments: Vec<String> = path.split('.').filter(|s| !s.is_empty()).map(str::to_owned).collect();
        self.walker.titles(&segments)
    }

    /// Whether the schema types the field as a number (decimals, and cells that may hold one).
    pub fn is_number(&self, path: &str) -> bool {
        self.node(path).is_some_and(|node| self.walker.expects(node, "number"))
    }

    /// Whether the field is a part with fields of its own.
    pub fn is_object(&self, path: &str) -> bool {
        self.node(path).is_some_and(|node| self.walker.expects(node, "object"))
    }

    /// The options of a field that is one of the form's (`是`, `否`), written `“是”`.
    pub fn options(&self, path: &str) -> Option<Vec<String>> {
        let node = self.walker.resolved(self.node(path)?);
        let options = node.get("enum")?.as_array()?;
        Some(options.iter().filter_map(Value::as_str).map(|o| format!("“{o}”")).collect())
    }

    fn node(&self, path: &str) -> Option<&'static Value> {
        let segments: Vec<String> = path.split('.').map(str::to_owned).collect();
        self.walker.child_at(&segments)
    }

    /// Where a finding about a field points: at a plain value itself; at the key of a mapping
    /// or list (the line that names it); for an absent field, at the key of the nearest
    /// parent that is there (where the field would be added).
    fn place(&self, path: &str) -> Pos {
        let mut at = path;
        while !at.is_empty() && !self.positions.contains(at) {
            at = at.rfind('.').map_or("", |i| &at[..i]);
        }
        let pointer = if at.is_empty() { String::new() } else { format!("/{}", at.replace('.', "/")) };
        match self.json.pointer(&pointer) {
            Some(Value::Object(fields)) if at.rsplit('.').next().is_some_and(|s| s.parse::<usize>().is_ok()) => {
                // A mapping in a list has no key of its own: its first line is its first key.
                let keys = fields.keys().map(|k| format!("{at}.{k}")).filter(|k| self.positions.contains(k));
                keys.map(|k| self.positions.key(&k)).min().unwrap_or_else(|| self.positions.key(at))
            }
            Some(Value::Object(_) | Value::Array(_)) | None => self.positions.key(at),
            Some(_) if at == path => self.positions.value(at),
            Some(_) => self.positions.key(at),
        }
    }

    /// A finding about a field, placed at `pos`.
    pub fn finding_in(
        &self,
        severity: Severity,
        path: &str,
        pos: Pos,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic { pos, ..self.finding(severity, path, message, fix) }
    }

    /// A finding about a field, placed by [`Sheet::place`].
    pub fn finding(
        &self,
        severity: Severity,
        path: &str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Diagnostic {
        self.finding_at(severity, path, path, message, fix)
    }

    /// A finding about a field that is best shown at another (a missing 情况说明 at the 是
    /// that calls for it).
    pub fn finding_at(
        &self,
        severity: Severity,
        path: &str,
        place: &str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Diagnostic {
        let (file, pos, cell) = match self.origins.cell(place) {
            Some((workbook, cell)) => (workbook.to_owned(), Pos::default(), Some(cell.clone())),
            None => (self.file.to_owned(), self.place(place), None),
        };
        Diagnostic {
            severity,
            file,
            pos,
            cell,
            path: path.to_owned(),
            label: self.label(path),
            message: message.into(),
            fix: fix.into(),
        }
    }

    pub fn error(&self, path: &str, message: impl Into<String>, fix: impl Into<String>) -> Diagnostic {
        self.finding(Severity::Error, path, message, fix)
    }

    pub fn warning(&self, path: &str, message: impl Into<String>, fix: impl Into<String>) -> Diagnostic {
        self.finding(Severity::Warning, path, message, fix)
    }
}

/// What every cluster rule reads: the data, the folder it sits in, and its sheet.
pub(crate) struct Cx<'a> {
    pub cluster: &'a Cluster,
    /// The cluster's folder, which evidence paths are relative to.
    pub root: PathBuf,
    sheet: Sheet<'a>,
}

impl<'a> Cx<'a> {
    fn new(loaded: &'a Loaded<Cluster>) -> Cx<'a> {
        Cx { cluster: &loaded.value, root: loaded.folder(), sheet: Sheet::new(Kind::Cluster, loaded) }
    }
}

impl<'a> Deref for Cx<'a> {
    type Target = Sheet<'a>;
    fn deref(&self) -> &Sheet<'a> {
        &self.sheet
    }
}

/// Every leaf of a JSON tree with its dotted path (`industry.output.2023`), nulls left out.
pub(crate) fn leaves<'v>(value: &'v Value, path: &str, out: &mut Vec<(String, &'v Value)>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, &join(k), out)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| leaves(v, &join(&i.to_string()), out)),
        Value::Null => {}
        leaf => out.push((path.to_owned(), leaf)),
    }
}

/// Whether the cluster submits an application (附件2 or 3).
pub(crate) fn applies(cluster: &Cluster) -> bool {
    cluster.submissions.iter().any(|s| !s.is_review())
}

/// Whether the cluster submits a review (附件5 or 6).
pub(crate) fn reviews(cluster: &Cluster) -> bool {
    cluster.submissions.iter().any(|s| s.is_review())
}

/// A percentage as the forms print it: `12.60%`.
pub(crate) fn percent(value: Dec) -> String {
    format!("{}%", value.fixed2())
}

/// The Chinese name a serde enum is written as in the YAML (`主导产业`, `国家级`).
pub(crate) fn written<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

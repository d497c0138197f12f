//! The form's requests: check edits while they are typed, save them into the file in place,
//! tell the file's version. Every answer carries the findings the rules make of the file with
//! the edits in it, placed at the fields they are about, and the figures computed from it.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::form::{self, Form, Input};
use super::{Entry, Workbench};
use crate::build::output::write_atomic;
use crate::load::diagnostic::{Diagnostic, Severity, io_message};
use crate::load::edit::{self, Edit, Scalar};
use crate::load::project::{self, CityProject};
use crate::load::{self, LoadError, Loaded};
use crate::model::schema::{Kind, Walker};
use crate::model::{City, Cluster, Dec, Submission, derived};
use crate::rules;

/// One change the page asks for, at a field's dotted path.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// A field typed into: its text as typed.
    Set { path: String, value: String },
    /// A checkbox group: the boxes ticked.
    List { path: String, items: Vec<String> },
    /// A new, empty row at the end of a list.
    Push { path: String },
    /// A row taken out.
    Remove { path: String },
}

#[derive(Debug, Deserialize)]
pub struct Changes {
    /// The version of the file the page showed; a save against another is refused.
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// The version of a file: the hash of its bytes.
pub fn version(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_owned()
}

/// A finding as the page shows it, at the field it is about.
#[derive(Debug, Serialize)]
pub struct Shown {
    /// The form field it belongs to; empty for the file as a whole.
    pub anchor: String,
    pub severity: Severity,
    pub line: usize,
    pub label: String,
    pub message: String,
    pub fix: String,
    /// The file it is about, when another than the one the page edits (a scan).
    pub file: Option<String>,
}

/// A computed figure, by year.
#[derive(Debug, Serialize)]
pub struct Computed {
    pub part: &'static str,
    pub label: String,
    pub values: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
pub struct FloorShown {
    pub path: String,
    pub rule: &'static str,
    pub rate: String,
    pub floor: String,
    pub met: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct TotalShown {
    pub at: &'static str,
    pub what: &'static str,
    pub count: usize,
    pub limit: usize,
}

/// What the page shows of a file besides its values.
#[derive(Debug, Serialize)]
pub struct Report {
    pub version: String,
    pub findings: Vec<Shown>,
    pub errors: usize,
    pub warnings: usize,
    /// 字数 of each narrative, as the notice counts them.
    pub counts: BTreeMap<String, usize>,
    pub totals: Vec<TotalShown>,
    pub computed: Vec<Computed>,
    pub floors: Vec<FloorShown>,
}

/// A file as the workbench sees it: its text, the form of its values (none when it is not
/// YAML at all), and the report.
pub struct Sheet {
    pub text: String,
    pub form: Option<Form>,
    pub report: Report,
}

/// The file's text as the form edits it (UTF-8; a BOM is kept in the text).
pub fn read(file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("无法读取 {}：{}", file.display(), io_message(&e)))?;
    String::from_utf8(bytes).map_err(|_| {
        format!("{} 不是 UTF-8 编码的文字，无法在工作台中修改（dossier check 会说明如何另存为 UTF-8）", file.display())
    })
}

/// The submissions a cluster's values name (for which parts its form opens).
pub fn submissions(values: &Value) -> Vec<Submission> {
    let list = values.get("submissions").and_then(Value::as_array).cloned().unwrap_or_default();
    list.into_iter().filter_map(|s| serde_json::from_value(s).ok()).collect()
}

/// The sheet of `entry` holding `text`.
pub fn sheet(entry: &Entry, text: String) -> Sheet {
    let values = edit::read(&text);
    let form = values.as_ref().map(|v| form::build(entry.kind, v, &submissions(v)));
    let mut report = Report {
        version: version(text.as_bytes()),
        findings: Vec::new(),
        errors: 0,
        warnings: 0,
        counts: BTreeMap::new(),
        totals: Vec::new(),
        computed: Vec::new(),
        floors: Vec::new(),
    };
    let findings = match entry.kind {
        Kind::Cluster => match load::from_bytes::<Cluster>(&entry.file, text.clone().into_bytes(), Kind::Cluster) {
            Ok(mut loaded) => {
                // The lists a workbook next to the file holds, as `dossier check` reads them.
                load::sheet::fill::fill(&mut loaded);
                figures(&loaded, &mut report);
                rules::cluster(&loaded)
            }
            Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
            Err(other) => vec![failure(&entry.file, other.to_string())],
        },
        _ => match load::from_bytes::<City>(&entry.file, text.clone().into_bytes(), Kind::City) {
            Ok(loaded) => city_findings(project::city_project(loaded)),
            Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
            Err(other) => vec![failure(&entry.file, other.to_string())],
        },
    };
    if let (Some(form), Some(values)) = (&form, &values) {
        for path in form.narratives() {
            let text = values.pointer(&format!("/{}", path.replace('.', "/"))).and_then(Value::as_str);
            report.counts.insert(path, rules::count(text.unwrap_or_default()));
        }
    }
    let anchors = form.as_ref().map(Form::paths).unwrap_or_default();
    let mut findings = findings;
    load::diagnostic::sort(&mut findings);
    findings.dedup();
    report.errors = findings.iter().filter(|d| d.severity == Severity::Error).count();
    report.warnings = findings.len() - report.errors;
    report.findings = findings.iter().map(|d| shown(d, &entry.file, &anchors)).collect();
    Sheet { text, form, report }
}

fn city_findings(project: CityProject) -> Vec<Diagnostic> {
    let mut findings: Vec<Diagnostic> = project.problems().cloned().collect();
    findings.extend(rules::city(&project));
    if let Some(province) = project.province() {
        findings.extend(rules::province(&province.loaded));
    }
    findings
}

fn failure(file: &Path, message: String) -> Diagnostic {
    Diagnostic::of_file(file, message, "检查该文件是否存在、能否打开")
}

/// The field a finding is shown at: its own, or the nearest one above it the form has.
fn shown(d: &Diagnostic, file: &Path, anchors: &HashSet<String>) -> Shown {
    let mut anchor = if d.file == file { d.path.as_str() } else { "" };
    while !anchor.is_empty() && !anchors.contains(anchor) {
        anchor = anchor.rfind('.').map_or("", |i| &anchor[..i]);
    }
    Shown {
        anchor: anchor.to_owned(),
        severity: d.severity,
        line: if d.file == file { d.pos.line } else { 0 },
        label: d.label.clone(),
        message: d.message.clone(),
        fix: d.fix.clone(),
        file: (d.file != file).then(|| d.file.display().to_string()),
    }
}

/// The computed figures, the 2028 targets against their floors and the shared 字数 limits —
/// of the parts that hold what the file says (a part with a stand-in computes nothing).
fn figures(loaded: &Loaded<Cluster>, report: &mut Report) {
    let cluster = &loaded.value;
    let walker = Walker::new(Kind::Cluster.cached());
    let intact = |part: &str| rules::intact(&loaded.stand_ins, &[part]);
    let computed = serde_json::to_value(derived::figures(cluster)).unwrap_or(Value::Null);
    let percent = |v: &Value| match v.as_str().and_then(|s| s.parse::<Dec>().ok()) {
        Some(d) => format!("{}%", d.fixed2()),
        None => "无".to_owned(),
    };
    for (key, value) in computed.as_object().into_iter().flatten() {
        let part = derived::part(key);
        if value.is_null() || !intact(part) {
            continue;
        }
        let values = match value {
            Value::Object(years) => years.iter().map(|(year, v)| (format!("{year} 年"), percent(v))).collect(),
            single => vec![(String::new(), percent(single))],
        };
        let label = walker.titles(&["stated".to_owned(), key.clone()]).pop().unwrap_or_else(|| key.clone());
        report.computed.push(Computed { part, label, values });
    }
    if intact("plan.targets") {
        report.floors = rules::floors(&cluster.plan)
            .into_iter()
            .map(|f| FloorShown {
                path: f.path(),
                rule: f.rule,
                rate: f.rate.map_or("无法计算".to_owned(), |r| format!("{}%", r.fixed2())),
                floor: format!("{}%", f.floor.fixed2()),
                met: f.met(),
            })
            .collect();
    }
    report.totals = rules::totals(cluster)
        .into_iter()
        .map(|t| TotalShown { at: t.at, what: t.what, count: t.count, limit: t.limit })
        .collect();
}

/// A change as an edit of the file: typed text becomes a number where the schema wants one and
/// the text is one, nothing where it is empty, and text otherwise.
fn edit_of(kind: Kind, change: &Change) -> Edit {
    let walker = Walker::new(kind.cached());
    let node = |path: &str| walker.child_at(&path.split('.').map(str::to_owned).collect::<Vec<_>>());
    match change {
        Change::Set { path, value } => {
            let numeric = node(path).is_some_and(|n| walker.expects(n, "number") || walker.expects(n, "integer"));
            let trimmed = value.trim();
            let value = if trimmed.is_empty() {
                Scalar::Empty
            } else if numeric && is_number(trimmed) {
                Scalar::Number(trimmed.to_owned())
            } else if numeric {
                Scalar::Text(trimmed.to_owned())
            } else {
                Scalar::Text(value.replace("\r\n", "\n"))
            };
            Edit::Set { path: path.clone(), value }
        }
        Change::List { path, items } => Edit::List { path: path.clone(), items: items.clone() },
        Change::Push { path } => {
            let columns = node(path)
                .map(|n| walker.resolved(n))
                .and_then(|n| n.get("items"))
                .map(|i| walker.resolved(i))
                .and_then(|i| i.get("properties"))
                .and_then(Value::as_object);
            let fields = columns.into_iter().flatten().map(|(key, _)| (key.clone(), Scalar::Empty)).collect();
            Edit::Push { path: path.clone(), fields }
        }
        Change::Remove { path } => Edit::Remove { path: path.clone() },
    }
}

/// A number written the plain way: `12`, `12.60`, `-3.5`.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// The text with every change made, or the first one that cannot be (with its field).
fn edited(kind: Kind, text: &str, changes: &[Change]) -> Result<String, (String, String)> {
    changes.iter().try_fold(text.to_owned(), |text, change| {
        let edit = edit_of(kind, change);
        edit::apply(&text, &edit, kind).map_err(|e| (edit.path().to_owned(), e.to_string()))
    })
}

/// A refusal the page shows.
#[derive(Debug, Serialize)]
struct Refusal {
    error: String,
    /// The field it is about, when one.
    path: Option<String>,
    /// The file's version now (a save against an older one is refused with it).
    version: Option<String>,
}

fn refusal(status: StatusCode, error: String, path: Option<String>, version: Option<String>) -> Response {
    (status, Json(Refusal { error, path, version })).into_response()
}

fn entry_or_404(workbench: &Workbench, id: &str) -> Result<Entry, Response> {
    workbench.entry(id).ok_or_else(|| refusal(StatusCode::NOT_FOUND, format!("没有编号为 {id} 的文件"), None, None))
}

/// Runs blocking library work off the server's threads.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Response> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| refusal(StatusCode::INTERNAL_SERVER_ERROR, "内部错误：处理请求时出错".into(), None, None))
}

/// Runs `work` off the server's threads on an entry and its file's text as it is now.
async fn on_file(
    workbench: &Workbench,
    id: &str,
    work: impl FnOnce(Entry, String) -> Response + Send + 'static,
) -> Response {
    let entry = match entry_or_404(workbench, id) {
        Ok(entry) => entry,
        Err(response) => return response,
    };
    blocking(move || match read(&entry.file) {
        Ok(text) => work(entry, text),
        Err(error) => refusal(StatusCode::CONFLICT, error, None, None),
    })
    .await
    .unwrap_or_else(|r| r)
}

/// The findings and figures of the file with the edits typed so far, written nowhere.
pub async fn check(
    State(workbench): State<Arc<Workbench>>,
    UrlPath(id): UrlPath<String>,
    Json(changes): Json<Changes>,
) -> Response {
    on_file(&workbench, &id, move |entry, text| match edited(entry.kind, &text, &changes.changes) {
        Ok(text) => Json(sheet(&entry, text).report).into_response(),
        Err((path, error)) => refusal(StatusCode::UNPROCESSABLE_ENTITY, error, Some(path), None),
    })
    .await
}

/// The edits written into the file, if it is still the version the page showed.
pub async fn save(
    State(workbench): State<Arc<Workbench>>,
    UrlPath(id): UrlPath<String>,
    Json(changes): Json<Changes>,
) -> Response {
    on_file(&workbench, &id, move |entry, text| {
        let now = version(text.as_bytes());
        if changes.version.as_deref() != Some(now.as_str()) {
            return refusal(
                StatusCode::CONFLICT,
                format!("{} 在页面打开后被修改过：页面已重新载入，您的修改已保留", entry.file.display()),
                None,
                Some(now),
            );
        }
        let new = match edited(entry.kind, &text, &changes.changes) {
            Ok(new) => new,
            Err((path, error)) => return refusal(StatusCode::UNPROCESSABLE_ENTITY, error, Some(path), Some(now)),
        };
        if new != text
            && let Err(e) = write_atomic(&entry.file, new.as_bytes())
        {
            let error = format!("无法保存 {}：{}", entry.file.display(), io_message(&e));
            return refusal(StatusCode::INTERNAL_SERVER_ERROR, error, None, Some(now));
        }
        Json(sheet(&entry, new).report).into_response()
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct Text {
    pub version: String,
    pub text: String,
}

/// The whole text of a file that is not YAML the form can show, saved as typed.
pub async fn text(
    State(workbench): State<Arc<Workbench>>,
    UrlPath(id): UrlPath<String>,
    Json(body): Json<Text>,
) -> Response {
    let entry = match entry_or_404(&workbench, &id) {
        Ok(entry) => entry,
        Err(response) => return response,
    };
    blocking(move || {
        let now = std::fs::read(&entry.file).map(|b| version(&b)).unwrap_or_default();
        if body.version != now {
            let error = format!("{} 在页面打开后被修改过：请重新载入页面", entry.file.display());
            return refusal(StatusCode::CONFLICT, error, None, Some(now));
        }
        if let Err(e) = write_atomic(&entry.file, body.text.as_bytes()) {
            let error = format!("无法保存 {}：{}", entry.file.display(), io_message(&e));
            return refusal(StatusCode::INTERNAL_SERVER_ERROR, error, None, Some(now));
        }
        Json(sheet(&entry, body.text).report).into_response()
    })
    .await
    .unwrap_or_else(|r| r)
}

/// The file's version now, for the page to notice a change made elsewhere.
pub async fn version_now(State(workbench): State<Arc<Workbench>>, UrlPath(id): UrlPath<String>) -> Response {
    let entry = match entry_or_404(&workbench, &id) {
        Ok(entry) => entry,
        Err(response) => return response,
    };
    let bytes = std::fs::read(&entry.file).unwrap_or_default();
    Json(serde_json::json!({ "version": version(&bytes) })).into_response()
}

impl Form {
    /// Every field's path, for placing findings.
    pub fn paths(&self) -> HashSet<String> {
        let mut paths = HashSet::new();
        self.visit(&mut |field| {
            paths.insert(field.path.clone());
        });
        for section in &self.sections {
            paths.insert(section.path.clone());
        }
        paths.remove("");
        paths
    }

    /// The narratives: text whose 字数 the notice limits.
    pub fn narratives(&self) -> Vec<String> {
        let mut paths = Vec::new();
        self.visit(&mut |field| {
            if let Input::Text { limit, shared, .. } = &field.input
                && (limit.is_some() || *shared)
            {
                paths.push(field.path.clone());
            }
        });
        paths
    }
}

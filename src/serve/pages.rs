//! The pages, rendered on the server from Tera templates compiled into the binary: the folder's
//! files with their state, a file's form, a cluster's evidence, and the build with its outputs.

use std::sync::{Arc, OnceLock};

use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use super::api;
use super::evidence::{self, Item};
use super::guard::refuse;
use super::jobs::{self, Folder, Status};
use super::{Entry, Workbench};
use crate::model::schema::Kind;

/// The templates, parsed once.
fn tera() -> &'static Tera {
    static TERA: OnceLock<Tera> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = Tera::default();
        tera.add_raw_templates([
            ("base.html", include_str!("templates/base.html")),
            ("macros.html", include_str!("templates/macros.html")),
            ("home.html", include_str!("templates/home.html")),
            ("form.html", include_str!("templates/form.html")),
            ("evidence.html", include_str!("templates/evidence.html")),
            ("build.html", include_str!("templates/build.html")),
        ])
        .expect("the workbench's templates parse (tested)");
        tera
    })
}

/// Text for HTML outside the templates.
pub fn escape(text: &str) -> String {
    tera::escape_html(text)
}

/// JSON for a `<script type="application/json">`: no `<` that could end the script.
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into()).replace('<', "\\u003c")
}

fn render(name: &str, context: &Context) -> Response {
    match tera().render(name, context) {
        Ok(page) => Html(page).into_response(),
        Err(error) => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                message = format!("{message}：{cause}");
                source = cause.source();
            }
            refuse(StatusCode::INTERNAL_SERVER_ERROR, &format!("页面生成出错：{message}"))
        }
    }
}

/// What every page has: the title of the folder, the token for the page's requests, the menu.
fn context(workbench: &Workbench, title: &str) -> Context {
    let mut context = Context::new();
    context.insert("title", title);
    context.insert("token", workbench.token());
    context.insert("token_header", super::TOKEN_HEADER);
    context.insert("folder", &workbench.root.display().to_string());
    context
}

/// One file of the folder, as the home page lists it.
#[derive(Debug, Serialize)]
struct Listed {
    id: String,
    city: bool,
    name: String,
    file: String,
    errors: usize,
    warnings: usize,
    /// Why the file cannot be read at all.
    unreadable: Option<String>,
    /// When its outputs were last written.
    built: Option<String>,
}

/// The name a file goes by: the cluster's or the city's, else its folder's.
fn name_of(entry: &Entry, values: Option<&Value>) -> String {
    let key = if entry.kind == Kind::City { "city" } else { "name" };
    values
        .and_then(|v| v.get(key))
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
        .map_or_else(|| entry.folder.clone(), str::to_owned)
}

pub async fn home(State(workbench): State<Arc<Workbench>>) -> Response {
    let runner = workbench.clone();
    let listed = api::blocking(move || {
        runner
            .entries()
            .into_iter()
            .map(|entry| {
                let file = entry.file.display().to_string();
                let (name, errors, warnings, unreadable) = match api::read(&entry.file) {
                    Ok(text) => {
                        let values = crate::load::edit::read(&text);
                        let name = name_of(&entry, values.as_ref());
                        let report = api::sheet(&entry, text).report;
                        (name, report.errors, report.warnings, None)
                    }
                    Err(error) => (entry.folder.clone(), 0, 0, Some(error)),
                };
                let built = jobs::folders(&runner.out, std::slice::from_ref(&name)).pop().and_then(|f| f.written);
                Listed { id: entry.id, city: entry.kind == Kind::City, name, file, errors, warnings, unreadable, built }
            })
            .collect::<Vec<_>>()
    })
    .await;
    let listed = match listed {
        Ok(listed) => listed,
        Err(response) => return response,
    };
    let mut context = context(&workbench, "dossier 工作台");
    context.insert("entries", &listed);
    context.insert("status", &workbench.jobs.status());
    render("home.html", &context)
}

pub async fn form(State(workbench): State<Arc<Workbench>>, UrlPath(id): UrlPath<String>) -> Response {
    let Some(entry) = workbench.entry(&id) else { return refuse(StatusCode::NOT_FOUND, "没有这个文件") };
    let shown = entry.clone();
    let sheet = api::blocking(move || api::read(&shown.file).map(|text| api::sheet(&shown, text))).await;
    let sheet = match sheet {
        Ok(Ok(sheet)) => sheet,
        Ok(Err(error)) => return refuse(StatusCode::CONFLICT, &error),
        Err(response) => return response,
    };
    let values = crate::load::edit::read(&sheet.text);
    let name = name_of(&entry, values.as_ref());
    let mut context = context(&workbench, &name);
    context.insert("entry", &Shown::of(&entry));
    context.insert("form", &sheet.form);
    context.insert("text", &sheet.text);
    context.insert("version", &sheet.report.version);
    context.insert("report_json", &script_json(&sheet.report));
    render("form.html", &context)
}

/// An entry as pages name it.
#[derive(Debug, Serialize)]
struct Shown {
    id: String,
    cluster: bool,
    file: String,
}

impl Shown {
    fn of(entry: &Entry) -> Shown {
        Shown { id: entry.id.clone(), cluster: entry.kind == Kind::Cluster, file: entry.file.display().to_string() }
    }
}

pub async fn evidence(State(workbench): State<Arc<Workbench>>, UrlPath(id): UrlPath<String>) -> Response {
    let Some(entry) = workbench.entry(&id).filter(|e| e.kind == Kind::Cluster) else {
        return refuse(StatusCode::NOT_FOUND, "没有这个集群");
    };
    let shown = entry.clone();
    let items: Result<(String, Vec<Item>), Response> = api::blocking(move || {
        let values = api::read(&shown.file).ok().and_then(|text| crate::load::edit::read(&text));
        (name_of(&shown, values.as_ref()), evidence::items(&shown, values.as_ref()))
    })
    .await;
    let (name, items) = match items {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut context = context(&workbench, &format!("{name} · 佐证材料"));
    context.insert("entry", &Shown::of(&entry));
    context.insert("items", &items);
    context.insert("recycle", evidence::RECYCLE);
    render("evidence.html", &context)
}

pub async fn build(State(workbench): State<Arc<Workbench>>) -> Response {
    let runner = workbench.clone();
    let folders: Result<Vec<Folder>, Response> = api::blocking(move || {
        let names: Vec<String> = runner
            .entries()
            .iter()
            .map(|entry| {
                let values = api::read(&entry.file).ok().and_then(|text| crate::load::edit::read(&text));
                name_of(entry, values.as_ref())
            })
            .collect();
        jobs::folders(&runner.out, &names)
    })
    .await;
    let folders = match folders {
        Ok(folders) => folders,
        Err(response) => return response,
    };
    let status: Status = workbench.jobs.status();
    let mut context = context(&workbench, "生成与打印");
    context.insert("folders", &folders);
    context.insert("status", &status);
    context.insert("out", &workbench.out.display().to_string());
    render("build.html", &context)
}

/// The page's script and style.
pub async fn asset(UrlPath(name): UrlPath<String>) -> Response {
    let (body, kind) = match name.as_str() {
        "app.js" => (include_str!("assets/app.js"), "text/javascript; charset=utf-8"),
        "app.css" => (include_str!("assets/app.css"), "text/css; charset=utf-8"),
        _ => return refuse(StatusCode::NOT_FOUND, "没有这个文件"),
    };
    (StatusCode::OK, [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_parse() {
        assert!(tera().get_template_names().count() >= 5);
    }

    #[test]
    fn json_in_a_script_cannot_end_it() {
        assert_eq!(script_json(&"</script>"), "\"\\u003c/script>\"");
    }
}

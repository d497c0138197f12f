//! The build button: the same build as `dossier build`, run off the server's threads, its
//! progress events streamed to the page (Server-Sent Events) as the terminal draws them as
//! bars; then what it wrote, served for the browser to open (PDF) or download (DOCX).

use std::convert::Infallible;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::Stream;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use super::Workbench;
use super::evidence::inside;
use super::guard::refuse;
use crate::build::{self, BuildError, ClusterReport, Progress};
use crate::load::diagnostic::Severity;
use crate::load::names;
use crate::load::project::{self, Target};
use crate::load::{self, LoadError};
use crate::model::Date;

/// The build that runs or ran last, and where its events go.
pub struct Jobs {
    state: Mutex<Status>,
    events: broadcast::Sender<String>,
}

impl Default for Jobs {
    fn default() -> Jobs {
        // A page that falls this many events behind misses some bars' steps, not the end.
        let (events, _) = broadcast::channel(1024);
        Jobs { state: Mutex::new(Status::default()), events }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    pub running: bool,
    /// How the last build in this session ended, per cluster (and the city).
    pub last: Option<Vec<Outcome>>,
}

/// How one cluster (or the city's own documents) fared.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub name: String,
    pub ok: bool,
    pub draft: bool,
    pub note: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Start {
    /// Build despite errors, every page marked 草稿.
    #[serde(default)]
    pub draft: bool,
}

/// Starts a build unless one runs.
pub async fn start(State(workbench): State<Arc<Workbench>>, Json(start): Json<Start>) -> Response {
    {
        let mut status = workbench.jobs.state.lock().unwrap_or_else(|e| e.into_inner());
        if status.running {
            return (StatusCode::CONFLICT, Json(serde_json::json!({ "error": "正在生成，请等它完成" })))
                .into_response();
        }
        status.running = true;
    }
    let runner = workbench.clone();
    tokio::task::spawn_blocking(move || {
        let outcomes = run(&runner, start.draft);
        let mut status = runner.jobs.state.lock().unwrap_or_else(|e| e.into_inner());
        status.running = false;
        status.last = Some(outcomes.clone());
        let _ =
            runner.jobs.events.send(serde_json::json!({ "kind": "build_finished", "outcomes": outcomes }).to_string());
    });
    (StatusCode::ACCEPTED, Json(serde_json::json!({ "started": true }))).into_response()
}

impl Jobs {
    /// Whether a build runs, and how the last one ended.
    pub fn status(&self) -> Status {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

pub async fn status(State(workbench): State<Arc<Workbench>>) -> Response {
    Json(workbench.jobs.status()).into_response()
}

/// The build's events as they come, each as JSON (`{"kind": …}`).
pub async fn events(State(workbench): State<Arc<Workbench>>) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let receiver = workbench.jobs.events.subscribe();
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(json) => return Some((Ok(SseEvent::default().data(json)), receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Builds what the workbench was opened on, as `dossier build` would into `out`.
fn run(workbench: &Workbench, draft: bool) -> Vec<Outcome> {
    let events = workbench.jobs.events.clone();
    let _ = events.send(serde_json::json!({ "kind": "build_started" }).to_string());
    let failed = |name: String, message: String| vec![Outcome { name, ok: false, draft, note: message }];
    let engine = match workbench.engine() {
        Ok(engine) => engine,
        Err(error) => return failed("生成".into(), error.to_string()),
    };
    let options = build::Options {
        out: workbench.out.clone(),
        draft,
        duplex: true,
        progress: Progress::new(move |event| {
            let _ = events.send(serde_json::to_string(&event).unwrap_or_default());
        }),
    };
    let outcomes = match &workbench.target {
        Target::Cluster(file) => match load::cluster(file) {
            Ok(loaded) => {
                let (context, problems) = build::standalone(file, &loaded.value);
                let result = build::build_cluster(&engine, &loaded, &context, problems, &options);
                vec![outcome(&loaded.value.name, result, draft)]
            }
            Err(LoadError::Invalid { diagnostics, .. }) => {
                vec![outcome("cluster.yaml", Err(BuildError::DataErrors(diagnostics)), draft)]
            }
            Err(other) => failed("cluster.yaml".into(), other.to_string()),
        },
        Target::City(file) => match project::load_city(file) {
            Ok(project) => match build::build_city(&engine, &project, &options) {
                Ok(report) => {
                    let mut outcomes: Vec<Outcome> = report
                        .clusters
                        .into_iter()
                        .map(|(folder, result)| {
                            let name = project.cluster(&folder).map_or(folder, |l| l.value.name.clone());
                            outcome(&name, result, draft)
                        })
                        .collect();
                    outcomes.push(Outcome {
                        name: project.city.value.city.clone(),
                        ok: true,
                        draft,
                        note: format!("{} 个文件", report.files.len()),
                    });
                    outcomes
                }
                Err(error) => vec![outcome(&project.city.value.city, Err(error), draft)],
            },
            Err(LoadError::Invalid { diagnostics, .. }) => {
                vec![outcome("city.yaml", Err(BuildError::DataErrors(diagnostics)), draft)]
            }
            Err(other) => failed("city.yaml".into(), other.to_string()),
        },
        Target::Province(_) => Vec::new(),
    };
    if let Some(cache) = engine.cache() {
        cache.prune(build::cache::KEEP);
    }
    outcomes
}

fn outcome(name: &str, result: Result<ClusterReport, BuildError>, draft: bool) -> Outcome {
    match result {
        Ok(report) => {
            let errors = report.findings.iter().filter(|d| d.severity == Severity::Error).count();
            let note = format!(
                "{} 个文件，佐证材料 {} 册共 {} 页{}",
                report.files.len(),
                report.volumes.len(),
                report.pages(),
                if errors > 0 { format!("（草稿：仍有 {errors} 个错误）") } else { String::new() }
            );
            Outcome { name: name.to_owned(), ok: true, draft, note }
        }
        Err(BuildError::DataErrors(findings)) => {
            let errors = findings.iter().filter(|d| d.severity == Severity::Error).count();
            let note = format!("数据中有 {errors} 个错误，未生成材料（改正后重试，或勾选“草稿”）");
            Outcome { name: name.to_owned(), ok: false, draft, note }
        }
        Err(other) => Outcome { name: name.to_owned(), ok: false, draft, note: other.to_string() },
    }
}

/// One output folder as the page lists it.
#[derive(Debug, Serialize)]
pub struct Folder {
    pub name: String,
    pub files: Vec<OutFile>,
    /// The 打印清单, when the folder has one.
    pub print_list: Option<String>,
    /// When it was last written (Beijing time).
    pub written: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct OutFile {
    pub name: String,
    /// Its address under `/out/`.
    pub href: String,
    /// `pdf`, `docx` or another extension.
    pub kind: String,
}

/// The output folders of `names` (clusters' and the city's), as they are on disk. A name that
/// cannot be a folder's (the build refuses it too) has none.
pub fn folders(out: &Path, names: &[String]) -> Vec<Folder> {
    names
        .iter()
        .filter(|name| names::problem(name).is_none())
        .filter_map(|name| {
            let name = name.clone();
            let dir = out.join(&name);
            let mut files: Vec<OutFile> = std::fs::read_dir(&dir)
                .ok()?
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|f| !f.starts_with('.'))
                .map(|file| OutFile {
                    href: format!("/out/{}/{}", encode(&name), encode(&file)),
                    kind: Path::new(&file).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default(),
                    name: file,
                })
                .collect();
            files.sort_by(|a, b| alphanumeric_sort::compare_str(&a.name, &b.name));
            let list = dir.join("打印清单.txt");
            let written =
                std::fs::metadata(&list).or_else(|_| std::fs::metadata(&dir)).ok().and_then(|m| m.modified().ok());
            Some(Folder {
                print_list: std::fs::read_to_string(&list).ok(),
                written: written.map(beijing_time),
                files,
                name,
            })
        })
        .collect()
}

/// A time as the offices read it: Beijing time (UTC+8, no daylight saving).
pub fn beijing_time(time: std::time::SystemTime) -> String {
    let seconds = time.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) + 8 * 3600;
    let (days, rest) = (seconds / 86400, seconds % 86400);
    let date = i64::try_from(days).ok().and_then(Date::from_days).map(|d| d.to_string()).unwrap_or_default();
    format!("{date} {:02}:{:02}", rest / 3600, rest % 3600 / 60)
}

/// A path segment for an address: everything but unreserved ASCII percent-encoded as UTF-8.
pub fn encode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// A file the build wrote: a PDF opens in the browser, a DOCX downloads. Only files inside
/// the output folder are served.
pub async fn output(State(workbench): State<Arc<Workbench>>, UrlPath(path): UrlPath<String>) -> Response {
    let Some(file) = inside(&workbench.out, &path).filter(|f| f.is_file()) else {
        return refuse(StatusCode::NOT_FOUND, "没有这个文件");
    };
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = match tokio::fs::read(&file).await {
        Ok(bytes) => bytes,
        Err(_) => return refuse(StatusCode::NOT_FOUND, "没有这个文件：请重新生成"),
    };
    let extension = file.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let (kind, disposition) = match extension.as_str() {
        "pdf" => ("application/pdf", "inline"),
        "docx" => ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"),
        "txt" => ("text/plain; charset=utf-8", "inline"),
        _ => ("application/octet-stream", "attachment"),
    };
    let disposition = format!("{disposition}; filename*=UTF-8''{}", encode(&name));
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, kind.to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        Body::from(bytes),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_beijing_time() {
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_778_300_000);
        // 2026-05-09 04:13:20 UTC.
        assert_eq!(beijing_time(time), "2026-05-09 12:13");
    }

    #[test]
    fn addresses_encode_chinese_names() {
        assert_eq!(encode("附件2 申报表.pdf"), "%E9%99%84%E4%BB%B62%20%E7%94%B3%E6%8A%A5%E8%A1%A8.pdf");
    }
}

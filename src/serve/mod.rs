//! The workbench: a local web page over a cluster or a city folder, a face like the command
//! line. It calls the same library functions (load, rules, build) and shows the same findings;
//! it edits `cluster.yaml` and `city.yaml` in place ([`crate::load::edit`]), manages the scans
//! of each 目录 item, and runs the build with its progress streamed to the page.
//!
//! Safe by construction: it listens on 127.0.0.1 only; every request presents the random token
//! of the address it opened (a page of another site, or another user of the machine, cannot
//! drive it); the page names files by item and index or by a plain file name, each resolved
//! inside the cluster's folder; request bodies are limited; every asset is in the binary.

mod api;
mod evidence;
pub mod form;
mod guard;
mod jobs;
mod pages;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use serde_json::Value;

use crate::build::Engine;
use crate::load::edit;
use crate::load::project::{ProjectError, Target};
use crate::model::schema::Kind;

pub use guard::TOKEN_HEADER;

/// The largest request body the page sends but for scans: a form's edits.
const FORM_LIMIT: usize = 2 * 1024 * 1024;
/// The largest scan a page may drop on an item.
pub const SCAN_LIMIT: usize = 512 * 1024 * 1024;

/// The workbench of one folder: what every request shares.
pub struct Workbench {
    target: Target,
    /// The folder the workbench was opened on (a cluster's or a city's).
    root: PathBuf,
    /// Where builds write: `out` in the folder, as for folders dropped on dossier.exe.
    out: PathBuf,
    token: String,
    bundled_fonts: bool,
    /// Made on the first build (templates and fonts take a second), then kept.
    engine: Mutex<Option<Arc<Engine>>>,
    jobs: jobs::Jobs,
}

/// One YAML file the workbench edits.
#[derive(Debug, Clone)]
pub struct Entry {
    /// How pages address it: `city`, or the cluster's place among the city's clusters.
    pub id: String,
    pub kind: Kind,
    pub file: PathBuf,
    /// The cluster's folder as `city.yaml` writes it (its own folder name for a lone cluster).
    pub folder: String,
}

impl Workbench {
    /// A workbench over a cluster or city folder (or its YAML file).
    pub fn open(path: &Path, bundled_fonts: bool) -> Result<Workbench, ProjectError> {
        let target = Target::resolve(path)?;
        let file = match &target {
            Target::Cluster(file) | Target::City(file) => file.clone(),
            Target::Province(file) => return Err(ProjectError::Empty(file.parent().unwrap_or(path).to_owned())),
        };
        let root = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_owned();
        let root = crate::load::disk::canonical(&root);
        let target = match target {
            Target::Cluster(_) => Target::Cluster(root.join(crate::load::project::CLUSTER_FILE)),
            Target::City(_) => Target::City(root.join(crate::load::project::CITY_FILE)),
            other => other,
        };
        Ok(Workbench {
            target,
            out: root.join("out"),
            root,
            token: guard::new_token(),
            bundled_fonts,
            engine: Mutex::new(None),
            jobs: jobs::Jobs::default(),
        })
    }

    /// The token every request must present.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The folder builds write to.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The address to open: the page, with the token that lets the browser in.
    pub fn url(&self, address: SocketAddr) -> String {
        format!("http://{address}/?t={}", self.token)
    }

    /// The files the workbench edits: the city's first, then its clusters in its order.
    pub fn entries(&self) -> Vec<Entry> {
        match &self.target {
            Target::Cluster(file) => vec![Entry {
                id: "0".into(),
                kind: Kind::Cluster,
                file: file.clone(),
                folder: self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            }],
            Target::City(file) => {
                let mut entries =
                    vec![Entry { id: "city".into(), kind: Kind::City, file: file.clone(), folder: String::new() }];
                let text = std::fs::read_to_string(file).unwrap_or_default();
                for (i, folder) in city_clusters(&text).into_iter().enumerate() {
                    let file =
                        crate::load::written::resolve(&self.root, &folder).join(crate::load::project::CLUSTER_FILE);
                    entries.push(Entry { id: i.to_string(), kind: Kind::Cluster, file, folder });
                }
                entries
            }
            Target::Province(_) => Vec::new(),
        }
    }

    pub fn entry(&self, id: &str) -> Option<Entry> {
        self.entries().into_iter().find(|e| e.id == id)
    }

    /// The page's routes, behind the token check.
    pub fn router(self: Arc<Self>) -> Router {
        let api = Router::new()
            .route("/api/f/{id}/check", post(api::check))
            .route("/api/f/{id}/save", post(api::save))
            .route("/api/f/{id}/text", post(api::text))
            .route("/api/f/{id}/version", get(api::version_now))
            .route("/api/f/{id}/evidence/{topic}/order", post(evidence::order))
            .route("/api/f/{id}/evidence/{topic}/remove", post(evidence::remove))
            .route("/api/build", post(jobs::start).get(jobs::status))
            .route("/api/events", get(jobs::events))
            .layer(DefaultBodyLimit::max(FORM_LIMIT));
        let upload = Router::new()
            .route("/api/f/{id}/evidence/{topic}", post(evidence::upload))
            .layer(DefaultBodyLimit::max(SCAN_LIMIT));
        Router::new()
            .route("/", get(pages::home))
            .route("/f/{id}", get(pages::form))
            .route("/f/{id}/evidence", get(pages::evidence))
            .route("/build", get(pages::build))
            .route("/assets/{name}", get(pages::asset))
            .route("/out/{*path}", get(jobs::output))
            .merge(api)
            .merge(upload)
            .layer(axum::middleware::from_fn_with_state(self.clone(), guard::check))
            .with_state(self)
    }

    /// The engine builds share, made on first use.
    fn engine(&self) -> Result<Arc<Engine>, crate::build::BuildError> {
        let mut engine = self.engine.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(engine) = engine.as_ref() {
            return Ok(engine.clone());
        }
        let made = Engine::new(self.bundled_fonts)?;
        let identity = made.identity();
        let made = Arc::new(made.with_cache(crate::build::cache::Cache::new(self.out.join(".cache"), &identity)));
        *engine = Some(made.clone());
        Ok(made)
    }
}

/// The cluster folders a city file lists, each once, recommended first — read from the text
/// as it is, so that a city file with errors still shows its clusters.
fn city_clusters(text: &str) -> Vec<String> {
    let values = edit::read(text).unwrap_or(Value::Null);
    let mut folders: Vec<String> = Vec::new();
    for list in ["recommended", "reviewed"] {
        for entry in values.get(list).and_then(Value::as_array).into_iter().flatten() {
            if let Some(folder) = entry.get("cluster").and_then(Value::as_str)
                && !folders.iter().any(|f| f == folder)
            {
                folders.push(folder.to_owned());
            }
        }
    }
    folders
}

/// Serves the workbench on `listener` until `shutdown` completes.
pub async fn serve(
    workbench: Arc<Workbench>,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, workbench.router()).with_graceful_shutdown(shutdown).await
}

/// A listener on 127.0.0.1 (never another interface), on a free port.
pub async fn listen() -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await
}

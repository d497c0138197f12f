//! A cluster's scans, item by item of its volumes' 目录: what each item binds, in binding order,
//! with page counts and the problems the volume builder would meet; files dropped on an item
//! are copied into its folder, put in another order by renaming, and removed into a recycle
//! folder inside the cluster's folder — never deleted.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::api::blocking;
use super::{Entry, Workbench};
use crate::load::diagnostic::io_message;
use crate::load::scans;
use crate::model::schema::Kind;
use crate::model::{Evidence, Submission, TOPICS, Topic};

/// The folder, inside the cluster's, that removed scans are moved to.
pub const RECYCLE: &str = "回收站";

/// One 目录 item of the cluster's volumes and its scans.
#[derive(Debug, Serialize)]
pub struct Item {
    /// Its number in the 目录 (of the first volume that has it).
    pub number: usize,
    /// The topic's folder name (`05-产业链强链补链`): how requests address the item.
    pub folder: String,
    pub title: String,
    /// The folder as the cluster's files write it (`evidence/05-产业链强链补链`).
    pub shown: String,
    pub files: Vec<Scan>,
    /// Problems with the item's files that are not one file's (a listed file that is missing).
    pub problems: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Scan {
    pub name: String,
    /// Only files in the item's folder can be moved or removed here (not ones listed in
    /// `evidence.files`, which may be shared).
    pub in_folder: bool,
    pub pages: Option<usize>,
    pub problem: Option<String>,
}

/// The cluster's evidence settings as its file has them (defaults when it cannot say).
fn settings(values: Option<&Value>) -> Evidence {
    values.and_then(|v| v.get("evidence")).and_then(|e| serde_json::from_value(e.clone()).ok()).unwrap_or_default()
}

fn root(entry: &Entry) -> &Path {
    entry.file.parent().unwrap_or(Path::new("."))
}

/// The items of every volume the cluster submits, each topic once, in 目录 order.
pub fn items(entry: &Entry, values: Option<&Value>) -> Vec<Item> {
    let evidence = settings(values);
    let root = root(entry);
    let mut titles: Vec<(Topic, &'static str, usize)> = Vec::new();
    let mut submissions = values.map(super::api::submissions).unwrap_or_default();
    if submissions.is_empty() {
        submissions.push(Submission::ProvincialApplication);
    }
    for submission in submissions {
        for (i, item) in submission.items().into_iter().enumerate() {
            if !titles.iter().any(|(t, ..)| *t == item.topic) {
                titles.push((item.topic, item.title, i + 1));
            }
        }
    }
    titles.sort_by_key(|(topic, ..)| TOPICS.iter().position(|t| t == topic));
    // A folder outside the cluster is shown as written; nothing in it is listed.
    let base = scans::evidence_folder(&evidence, root).unwrap_or_else(|_| PathBuf::from(evidence.dir()));
    titles
        .into_iter()
        .filter_map(|(topic, title, number)| {
            let folder = topic.folder()?;
            let (files, problems) = scans::files(&evidence, root, topic);
            let dir = root.join(&base).join(folder);
            let files = files
                .into_iter()
                .map(|file| {
                    let checked = crate::volume::pages(&file.path, file.password.as_deref());
                    Scan {
                        name: file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                        in_folder: file.path.parent() == Some(dir.as_path()),
                        pages: checked.as_ref().ok().copied(),
                        problem: checked.err(),
                    }
                })
                .collect();
            Some(Item {
                number,
                folder: folder.to_owned(),
                title: title.to_owned(),
                shown: base.join(folder).display().to_string().replace('\\', "/"),
                files,
                problems: problems
                    .into_iter()
                    .map(|p| format!("{}：{}（{}）", p.path.display(), p.message, p.fix))
                    .collect(),
            })
        })
        .collect()
}

fn refused(status: StatusCode, error: impl Into<String>) -> Response {
    (status, Json(serde_json::json!({ "error": error.into() }))).into_response()
}

/// The folder of an item of a cluster, inside the cluster's folder, or why not.
fn item_dir(workbench: &Workbench, id: &str, folder: &str) -> Result<PathBuf, Response> {
    let entry = workbench
        .entry(id)
        .filter(|e| e.kind == Kind::Cluster)
        .ok_or_else(|| refused(StatusCode::NOT_FOUND, format!("没有编号为 {id} 的集群")))?;
    let topic = Topic::from_folder(folder)
        .ok_or_else(|| refused(StatusCode::NOT_FOUND, format!("没有“{folder}”这一项佐证材料")))?;
    let values = super::api::read(&entry.file).ok().and_then(|text| crate::load::edit::read(&text));
    let evidence = settings(values.as_ref());
    let outside = || {
        refused(
            StatusCode::FORBIDDEN,
            format!("佐证材料目录 {} 不在集群目录之内，工作台不往那里写文件", evidence.dir()),
        )
    };
    let base = scans::evidence_folder(&evidence, root(&entry)).map_err(|_| outside())?;
    let relative = base.join(topic.folder().unwrap_or_default());
    inside(root(&entry), &relative.display().to_string()).ok_or_else(outside)
}

/// `relative` (folders split by `/` or `\`) inside `root`: no `..`, no absolute path or drive,
/// and no link out of it. The path need not exist yet; what exists of it is resolved.
pub fn inside(root: &Path, relative: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = relative.split(['/', '\\']).filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.is_empty() || parts.iter().any(|p| *p == ".." || p.contains(':')) || relative.starts_with(['/', '\\']) {
        return None;
    }
    let path = parts.iter().fold(root.to_owned(), |path, part| path.join(part));
    (!crate::load::disk::leads_out(root, &path).ok()?).then_some(path)
}

/// A file name the page sends, as a name in the item's folder: no folders, nothing Windows
/// refuses, no name the binder skips.
fn file_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.chars().any(|c| c.is_control() || "/\\:*?\"<>|".contains(c))
        || name.ends_with('.')
        || scans::is_clutter(name);
    if bad {
        return Err(format!("“{name}”不能用作文件名：请改名后再拖入（不含 / \\ : * ? \" < > | 等符号）"));
    }
    Ok(name.to_owned())
}

/// `name` in `dir`, or `name (2)` … when it is taken.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem, format!(".{extension}")),
        _ => (name, String::new()),
    };
    (1..)
        .map(|n| if n == 1 { dir.join(name) } else { dir.join(format!("{stem} ({n}){extension}")) })
        .find(|path| !path.exists())
        .unwrap_or_else(|| dir.join(name))
}

#[derive(Debug, Deserialize)]
pub struct Upload {
    pub name: String,
}

/// A file dropped on an item: its bytes written into the item's folder under its own name
/// (another if that is taken), whole or not at all.
pub async fn upload(
    State(workbench): State<Arc<Workbench>>,
    UrlPath((id, folder)): UrlPath<(String, String)>,
    Query(upload): Query<Upload>,
    body: Body,
) -> Response {
    let dir = match item_dir(&workbench, &id, &folder) {
        Ok(dir) => dir,
        Err(response) => return response,
    };
    let name = match file_name(&upload.name) {
        Ok(name) => name,
        Err(error) => return refused(StatusCode::BAD_REQUEST, error),
    };
    let failed = |e: std::io::Error| {
        refused(StatusCode::INTERNAL_SERVER_ERROR, format!("无法写入 {}：{}", dir.display(), io_message(&e)))
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return failed(e);
    }
    let mut temp = match tempfile::Builder::new().prefix(".dossier-").tempfile_in(&dir) {
        Ok(temp) => temp,
        Err(e) => return failed(e),
    };
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let written = match chunk {
            Ok(bytes) => temp.write_all(&bytes),
            Err(_) => {
                return refused(
                    StatusCode::BAD_REQUEST,
                    format!("“{name}”没有传完（文件太大时每个不能超过 {} MB）", super::SCAN_LIMIT >> 20),
                );
            }
        };
        if let Err(e) = written {
            return failed(e);
        }
    }
    let target = free_name(&dir, &name);
    if let Err(e) = temp.persist_noclobber(&target) {
        return failed(e.error);
    }
    let saved = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (StatusCode::CREATED, Json(serde_json::json!({ "name": saved }))).into_response()
}

#[derive(Debug, Deserialize)]
pub struct Named {
    pub name: String,
}

/// A file of an item moved into the recycle folder (`回收站/<item>/`), never deleted.
pub async fn remove(
    State(workbench): State<Arc<Workbench>>,
    UrlPath((id, folder)): UrlPath<(String, String)>,
    Json(named): Json<Named>,
) -> Response {
    let dir = match item_dir(&workbench, &id, &folder) {
        Ok(dir) => dir,
        Err(response) => return response,
    };
    let Some(entry) = workbench.entry(&id) else { return refused(StatusCode::NOT_FOUND, "没有这个集群") };
    blocking(move || {
        let Some(file) = file_name(&named.name).ok().and_then(|n| inside(&dir, &n)).filter(|f| f.is_file()) else {
            return refused(StatusCode::NOT_FOUND, format!("{} 中没有“{}”", dir.display(), named.name));
        };
        let bin = root(&entry).join(RECYCLE).join(&folder);
        let target = free_name(&bin, &named.name);
        match std::fs::create_dir_all(&bin).and_then(|()| std::fs::rename(&file, &target)) {
            Ok(()) => Json(serde_json::json!({ "moved_to": target.display().to_string() })).into_response(),
            Err(e) => {
                refused(StatusCode::INTERNAL_SERVER_ERROR, format!("无法移动 {}：{}", file.display(), io_message(&e)))
            }
        }
    })
    .await
    .unwrap_or_else(|r| r)
}

#[derive(Debug, Deserialize)]
pub struct Order {
    /// Every file of the item's folder, in the order wanted.
    pub names: Vec<String>,
}

/// The number a file's name starts with when the workbench ordered it: `01-`.
fn unnumbered(name: &str) -> &str {
    let bytes = name.as_bytes();
    if bytes.len() > 3 && bytes[..2].iter().all(u8::is_ascii_digit) && bytes[2] == b'-' { &name[3..] } else { name }
}

/// The item's files put in the order given, by numbering their names (`01-`, `02-` …), which
/// is the order the binder takes them in.
pub async fn order(
    State(workbench): State<Arc<Workbench>>,
    UrlPath((id, folder)): UrlPath<(String, String)>,
    Json(order): Json<Order>,
) -> Response {
    let dir = match item_dir(&workbench, &id, &folder) {
        Ok(dir) => dir,
        Err(response) => return response,
    };
    blocking(move || {
        let mut present: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| !scans::is_clutter(n))
                    .collect()
            })
            .unwrap_or_default();
        present.sort();
        let mut wanted = order.names.clone();
        wanted.sort();
        if present != wanted {
            return refused(StatusCode::CONFLICT, "目录中的文件已有变化：请刷新页面后再调整顺序");
        }
        let renames: Vec<(String, String)> = order
            .names
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), format!("{:02}-{}", i + 1, unnumbered(name))))
            .collect();
        // Through temporary names, so that no rename meets a file not yet renamed.
        let result = renames
            .iter()
            .enumerate()
            .try_for_each(|(i, (from, _))| std::fs::rename(dir.join(from), dir.join(format!(".dossier-order-{i}"))))
            .and_then(|()| {
                renames
                    .iter()
                    .enumerate()
                    .try_for_each(|(i, (_, to))| std::fs::rename(dir.join(format!(".dossier-order-{i}")), dir.join(to)))
            });
        match result {
            Ok(()) => Json(serde_json::json!({ "names": renames.into_iter().map(|(_, to)| to).collect::<Vec<_>>() }))
                .into_response(),
            Err(e) => refused(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("无法改名 {} 中的文件：{}", dir.display(), io_message(&e)),
            ),
        }
    })
    .await
    .unwrap_or_else(|r| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_from_the_page_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("evidence")).unwrap();
        assert!(inside(dir.path(), "evidence/05-产业链强链补链").is_some());
        for outside in ["../x", "evidence/../../x", "/etc/passwd", "\\x", "C:\\x", "", "."] {
            assert_eq!(inside(dir.path(), outside), None, "{outside}");
        }
    }

    #[test]
    fn dropped_names_are_plain_file_names() {
        assert_eq!(file_name(" 合同.pdf ").as_deref(), Ok("合同.pdf"));
        for bad in ["../a.pdf", "a/b.pdf", "a\\b.pdf", "Thumbs.db", ".hidden", "a:b", ""] {
            assert!(file_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn taken_names_get_a_number() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.pdf"), b"").unwrap();
        assert_eq!(free_name(dir.path(), "a.pdf"), dir.path().join("a (2).pdf"));
        assert_eq!(free_name(dir.path(), "b.pdf"), dir.path().join("b.pdf"));
        assert_eq!(unnumbered("03-合同.pdf"), "合同.pdf");
        assert_eq!(unnumbered("2023年合同.pdf"), "2023年合同.pdf");
    }
}

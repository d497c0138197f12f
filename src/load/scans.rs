//! Finding a cluster's scans (佐证材料 files): one folder per 目录 topic under `evidence/`, files in
//! name order (10 after 9), then the files the YAML lists for that topic. Every path stays
//! inside the cluster's folder.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use crate::load::written;
use crate::model::{Evidence, Layout, TOPICS, Topic};

/// One evidence file of a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: PathBuf,
    /// The open password, when the YAML gives one (encrypted PDFs).
    pub password: Option<String>,
    /// How its pages go on the sheet (`evidence.layout`).
    pub layout: Layout,
    /// Where the YAML lists it (`evidence.files.chain.0`), for files not found by folder.
    pub listed_at: Option<String>,
}

/// A problem with where evidence is, found before any file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The YAML field it is about, or empty for a folder.
    pub field: String,
    pub path: PathBuf,
    pub message: String,
    pub fix: String,
}

/// Files that are not evidence: folder metadata of the common desktops and Office lock files.
pub fn is_clutter(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || matches!(name.to_ascii_lowercase().as_str(), "thumbs.db" | "desktop.ini")
}

/// The evidence of one topic, in binding order.
pub fn files(evidence: &Evidence, root: &Path, topic: Topic) -> (Vec<File>, Vec<Problem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let passwords: Vec<(PathBuf, &String)> = evidence
        .passwords
        .iter()
        .filter_map(|(file, password)| Some((written::relative(file).ok()?, password)))
        .collect();
    let password = |relative: &Path| passwords.iter().find(|(file, _)| file == relative).map(|(_, p)| (*p).clone());
    let layouts: Vec<(PathBuf, Layout)> =
        evidence.layout.iter().filter_map(|(file, layout)| Some((written::relative(file).ok()?, *layout))).collect();
    let layout =
        |relative: &Path| layouts.iter().find(|(file, _)| file == relative).map(|(_, l)| *l).unwrap_or_default();
    let file = |path, relative: &Path, listed_at| File {
        path,
        password: password(relative),
        layout: layout(relative),
        listed_at,
    };
    if let (Some(folder), Ok(base)) = (topic.folder(), evidence_folder(evidence, root)) {
        let relative = base.join(folder);
        let dir = root.join(&relative);
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                // Names as the disk has them: one garbled by a zip tool is still the file's name.
                let mut names: Vec<OsString> = entries
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
                    .map(|e| e.file_name())
                    .filter(|name| !is_clutter(&name.to_string_lossy()))
                    .collect();
                alphanumeric_sort::sort_os_str_slice(&mut names);
                for name in names {
                    let relative = relative.join(&name);
                    match inside(root, &relative) {
                        Ok(path) => found.push(file(path, &relative, None)),
                        Err(message) => problems.push(Problem {
                            field: String::new(),
                            path: root.join(&relative),
                            message,
                            fix: "请把文件本身（而不是链接）放进佐证材料目录".into(),
                        }),
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => problems.push(Problem {
                field: String::new(),
                path: dir,
                message: format!("无法读取目录：{e}"),
                fix: "检查目录的访问权限".into(),
            }),
        }
    }
    for (i, listed) in evidence.files.get(&topic).into_iter().flatten().enumerate() {
        let field = format!("evidence.files.{}.{i}", topic_key(topic));
        match written::relative(listed).and_then(|relative| Ok((inside(root, &relative)?, relative))) {
            Ok((path, relative)) if path.is_file() => found.push(file(path, &relative, Some(field))),
            Ok((path, _)) => problems.push(Problem {
                field,
                path,
                message: format!("找不到文件 “{listed}”"),
                fix: "检查文件名和路径（相对于 cluster.yaml 所在目录）".into(),
            }),
            Err(message) => problems.push(Problem {
                field,
                path: root.join(listed),
                message,
                fix: "佐证材料须放在集群目录之内，路径相对于 cluster.yaml 书写".into(),
            }),
        }
    }
    (found, problems)
}

/// Folders under `evidence/` that are no topic's (a typo would silently leave scans out).
pub fn stray_folders(evidence: &Evidence, root: &Path) -> Vec<PathBuf> {
    let Ok(base) = evidence_folder(evidence, root) else { return Vec::new() };
    let dir = root.join(base);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut stray: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !is_clutter(&name) && Topic::from_folder(&name).is_none()
        })
        .map(|e| e.path())
        .collect();
    stray.sort();
    stray
}

/// The YAML key of a topic (`chain`, `key_enterprises`, …).
pub fn topic_key(topic: Topic) -> String {
    serde_json::to_value(topic).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The folder names `dossier init` creates and users may fill.
pub fn folders() -> impl Iterator<Item = &'static str> {
    TOPICS.iter().filter_map(|t| t.folder())
}

/// The cluster's evidence folder, relative to its `cluster.yaml` (`root`), or why it is refused:
/// it must lie inside the cluster folder. A refused folder is not read at all, so its
/// neighbours are neither bound nor listed.
pub fn evidence_folder(evidence: &Evidence, root: &Path) -> Result<PathBuf, String> {
    let relative = written::relative(evidence.dir())?;
    inside(root, &relative)?;
    Ok(relative)
}

/// `relative` resolved under `root`, refusing absolute paths, `..` that climbs out, and links
/// that lead outside.
pub(crate) fn inside(root: &Path, relative: &Path) -> Result<PathBuf, String> {
    if relative.is_absolute() || relative.components().any(|c| matches!(c, Component::Prefix(_) | Component::RootDir)) {
        return Err(format!("“{}” 是绝对路径", relative.display()));
    }
    let mut depth = 0i32;
    for component in relative.components() {
        match component {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return Err(format!("“{}” 指向集群目录之外", relative.display()));
        }
    }
    let path = root.join(relative);
    if super::disk::leads_out(root, &path).is_ok_and(|out| out) {
        return Err(format!("“{}” 是指向集群目录之外的链接", relative.display()));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_cluster() {
        let dir = tempfile::tempdir().unwrap();
        assert!(inside(dir.path(), Path::new("evidence/a.pdf")).is_ok());
        assert!(inside(dir.path(), Path::new("evidence/../a.pdf")).is_ok());
        assert!(inside(dir.path(), Path::new("../secret.pdf")).is_err());
        assert!(inside(dir.path(), Path::new("/etc/passwd")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_cluster_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.pdf"), b"%PDF").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.pdf"), dir.path().join("x.pdf")).unwrap();
        assert!(inside(dir.path(), Path::new("x.pdf")).is_err());
    }
}

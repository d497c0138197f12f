//! What a path on the command line names: one cluster (`cluster.yaml`) or a city
//! (`city.yaml` and the cluster folders it lists), loaded with every problem collected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::diagnostic::{Diagnostic, Severity};
use crate::load::{self, LoadError, Loaded};
use crate::model::{City, Cluster};

pub const CLUSTER_FILE: &str = "cluster.yaml";
pub const CITY_FILE: &str = "city.yaml";

#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("找不到 {}", .0.display())]
    Missing(PathBuf),
    #[error("{} 中没有 cluster.yaml 或 city.yaml：请指向一个集群或市的目录（dossier init 可新建）", .0.display())]
    Empty(PathBuf),
    #[error(transparent)]
    Load(LoadError),
}

/// A YAML file named on the command line, by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Cluster(PathBuf),
    City(PathBuf),
}

impl Target {
    /// A folder holding `city.yaml` is a city, one holding `cluster.yaml` a cluster; a file is
    /// a city when it is named `city.yaml`.
    pub fn resolve(path: &Path) -> Result<Target, ProjectError> {
        if path.is_dir() {
            if path.join(CITY_FILE).is_file() {
                return Ok(Target::City(path.join(CITY_FILE)));
            }
            if path.join(CLUSTER_FILE).is_file() {
                return Ok(Target::Cluster(path.join(CLUSTER_FILE)));
            }
            return Err(ProjectError::Empty(path.to_owned()));
        }
        if !path.exists() {
            return Err(ProjectError::Missing(path.to_owned()));
        }
        Ok(if path.file_name().is_some_and(|n| n == CITY_FILE) {
            Target::City(path.to_owned())
        } else {
            Target::Cluster(path.to_owned())
        })
    }
}

/// A city and the clusters its file names, each loaded once (a cluster may be both reviewed
/// and recommended).
pub struct CityProject {
    pub city: Loaded<City>,
    /// Keyed by the folder as the city file writes it.
    pub clusters: BTreeMap<String, Loaded<Cluster>>,
    /// Clusters that could not be loaded (missing, or errors in their file), with why: each
    /// fails on its own, the others still build.
    pub failed: BTreeMap<String, Vec<Diagnostic>>,
}

impl CityProject {
    pub fn dir(&self) -> &Path {
        self.city.path.parent().unwrap_or(Path::new("."))
    }

    /// Every finding made while loading the clusters.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.failed.values().flatten()
    }

    /// The loaded cluster a city entry names.
    pub fn cluster(&self, folder: &str) -> Option<&Loaded<Cluster>> {
        self.clusters.get(folder)
    }
}

/// Loads a city and its clusters. Problems of a cluster's data (it does not exist, its file
/// has errors) are kept in `failed`; the city loads as far as it can.
pub fn load_city(path: &Path) -> Result<CityProject, LoadError> {
    let city = load::city(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut clusters = BTreeMap::new();
    let mut failed = BTreeMap::new();
    let entries = city
        .value
        .recommended
        .iter()
        .map(|r| &r.cluster)
        .enumerate()
        .map(|(i, c)| (format!("recommended.{i}.cluster"), c));
    let reviewed =
        city.value.reviewed.iter().map(|r| &r.cluster).enumerate().map(|(i, c)| (format!("reviewed.{i}.cluster"), c));
    for (field, folder) in entries.chain(reviewed) {
        if clusters.contains_key(folder) || failed.contains_key(folder) {
            continue;
        }
        let file = load::written::resolve(dir, folder).join(CLUSTER_FILE);
        if !file.is_file() {
            let missing = Diagnostic {
                severity: Severity::Error,
                file: path.to_owned(),
                pos: city.positions.value(&field),
                path: field,
                label: "推荐或复核的集群 · 集群目录".to_owned(),
                message: format!("找不到集群 “{folder}”：{} 不存在", file.display()),
                fix: "写集群目录相对于 city.yaml 的路径，该目录中应有 cluster.yaml".to_owned(),
            };
            failed.insert(folder.clone(), vec![missing]);
            continue;
        }
        match load::cluster(&file) {
            Ok(loaded) => {
                clusters.insert(folder.clone(), loaded);
            }
            Err(LoadError::Invalid { diagnostics, .. }) => {
                failed.insert(folder.clone(), diagnostics);
            }
            Err(other) => return Err(other),
        }
    }
    Ok(CityProject { city, clusters, failed })
}
